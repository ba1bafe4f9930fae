"""The app on a crawled history with a bad capture: the overridden revision is listed
under the version that overrode it, and T shows the text held on an as-of day."""

from __future__ import annotations

import datetime as dt

from notices_repo.catalog.timeline import status_of
from tests.app.app_pilot import main_screen, make_app, screen_text, settle
from tests.conftest import GitRepo
from tests.core.test_timeline import crawled
from tui.app.widgets.doc_header import DocHeader


async def test_overridden_revision_is_listed_and_as_recorded_toggles(git_repo: GitRepo) -> None:
    ids = crawled(git_repo)
    app = make_app(git_repo.path, today=dt.date(2026, 3, 1))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        main = main_screen(app)
        choice = main.versions.choice
        assert choice is not None and choice.shown.commit == ids["r3"]
        assert "New rules." in main.view.visible_text()
        assert "1 overridden" in screen_text(app)
        main.set_focus(main.versions)
        await pilot.press("right")  # expand the version in force
        await settle(pilot)
        assert "overridden by" in screen_text(app)
        rows = [c for c in main.versions._rows.values() if c.revision is not None]
        bad = next(c for c in rows if c.revision.commit == ids["r2"])
        assert status_of(bad.version, app.today) == "overridden"
        assert main.versions.select_revision(ids["r2"])
        await settle(pilot)
        assert "Redirecting" in main.view.visible_text()
        header = str(main.query_one(DocHeader).render())
        assert "overridden" in header

        await pilot.press("T")  # outside the as-of view it only says how to use it
        await settle(pilot)
        assert main.as_recorded is False
        app.show_as_of(dt.date(2025, 12, 20))
        await settle(pilot)
        assert main.versions.choice is not None
        assert main.versions.choice.shown.commit == ids["r3"]  # what the repository says now
        await pilot.press("T")
        await settle(pilot)
        assert main.as_recorded is True
        assert main.versions.choice.shown.commit == ids["r2"]  # what it held that day
        assert "Redirecting" in main.view.visible_text()
        assert "as recorded" in screen_text(app)
        await pilot.press("T")
        await settle(pilot)
        assert main.versions.choice.shown.commit == ids["r3"]
