"""What changed since I last looked: a marks reviewed, the mark outlives a restart; d, m, D."""

from __future__ import annotations

import datetime as dt
import getpass
import json

from notices_repo.catalog.reviews import review_file
from notices_repo.catalog.timeline import effective_versions
from tests.app.app_pilot import main_screen, make_app, notifications, screen_text, settle

AIR = "privacy/privacy-notice-for-air-gapped-workspaces.md"


def _record_diffs(app) -> list[tuple[str, str, str]]:
    calls: list[tuple[str, str, str]] = []

    def open_diff(notice, old, new) -> None:
        calls.append((notice.key, old.commit, new.commit))

    app.open_diff = open_diff
    return calls


async def test_mark_reviewed_survives_a_restart_and_flags_newer_versions() -> None:
    # on 2026-02-15 the in-force version of the air-gapped notice is 2023-12-09 and the
    # 2026-03-01 amendment is announced: review the in-force one
    app = make_app(today=dt.date(2026, 2, 15))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        main = main_screen(app)
        choice = main.versions.choice
        assert choice is not None and choice.version.effective_date == dt.date(2023, 12, 9)
        await pilot.press("a")
        await settle(pilot)
        assert "as reviewed by" in notifications(app)
    doc = json.loads(review_file().read_text("utf-8"))
    (entry,) = doc["reviews"]
    assert entry["notice"] == AIR and entry["effective_date"] == "2023-12-09"
    assert entry["who"] == getpass.getuser() and entry["repository"] == "built-in sample"

    # a new app instance, same state folder: the mark is there, and the notice is flagged
    again = make_app(today=dt.date(2026, 2, 15))
    async with again.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        main = main_screen(again)
        assert main.review_states()[AIR] == "new-version"
        text = screen_text(again)
        assert "● Privacy Notice for Air-Gapped" in text
        assert "new since review · 2 versions" in text
        assert "✓ reviewed" in text  # on the reviewed version's row
        # D compares the reviewed revision with the selected (newest) version
        calls = _record_diffs(again)
        await pilot.press("tab", "home")
        await settle(pilot)
        await pilot.press("D")
        newest = main.versions.choice
        assert newest is not None
        assert calls == [(AIR, entry["commit"], newest.version.revision.commit)]
        # reviewing the newest clears the flag
        await pilot.press("a")
        await settle(pilot)
        assert main.review_states()[AIR] == "reviewed"
        assert "✓ Privacy Notice for Air-Gapped" in screen_text(again)


async def test_d_compares_with_the_previous_version_and_m_marks_the_other_end() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        main = main_screen(app)
        calls = _record_diffs(app)
        notice = app.catalog.by_key(AIR)
        new, old = effective_versions(notice)
        await pilot.press("d")
        assert calls[-1] == (AIR, old.revision.commit, new.revision.commit)
        # on the oldest version there is nothing before it
        await pilot.press("tab", "end", "d")
        assert len(calls) == 1
        # m marks the oldest revision, d compares it with the selected one (older first)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("end", "m")
        await settle(pilot)
        oldest = notice.revisions[-1]
        assert main.versions.marked is not None
        assert main.versions.marked.shown.commit == oldest.commit
        assert "◆" in screen_text(app)
        await pilot.press("home")
        await settle(pilot)
        await pilot.press("d")
        assert calls[-1] == (AIR, oldest.commit, new.revision.commit)
        # a revision row compares with the revision before it
        await pilot.press("end", "up", "m")  # m on another row moves the mark
        await pilot.press("m")  # and again removes it
        assert main.versions.marked is None
        await pilot.press("d")
        assert calls[-1] == (AIR, notice.revisions[-1].commit, notice.revisions[-2].commit)


async def test_D_without_a_review_says_how_to_make_one() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        calls = _record_diffs(app)
        await pilot.press("D")
        await pilot.pause()
        assert calls == []
        assert "press a" in notifications(app)


async def test_a_damaged_review_record_is_reported_and_kept() -> None:
    path = review_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{oops", "utf-8")
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert "not valid JSON" in notifications(app)
        await pilot.press("a")
        await settle(pilot)
    assert path.read_text("utf-8") == "{oops"
