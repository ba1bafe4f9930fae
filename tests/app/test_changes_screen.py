"""The changes screen (``C``): the period report in the app, on the acceptance repository
(three notices changed in 2026-01-01..2026-06-30, one silent edit, one announcement)."""

from __future__ import annotations

import datetime as dt

from textual.pilot import Pilot
from textual.widgets import Input

from tests.app.app_pilot import make_app, notifications, screen_text, settle
from tests.conftest import GitRepo
from tests.core.test_changes_report import build_period_repo
from tui.app.screens.changes_screen import ChangesScreen
from tui.app.screens.diff_view import DiffScreen
from tui.app.screens.help import HelpScreen
from tui.app.screens.main import MainScreen

TODAY = dt.date(2026, 7, 1)


async def wait_report(pilot: Pilot, screen: ChangesScreen, since: str | None = None) -> None:
    """Until the screen shows the report of the period typed (from ``since``, if given)."""
    for _ in range(500):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        report = screen.report
        if report is not None and since in (None, report.period.since.isoformat()):
            await pilot.pause()  # painted
            return
        await pilot.pause(0.01)
    raise AssertionError("no report")


async def open_changes(pilot: Pilot, since: str = "2026-01-01") -> ChangesScreen:
    """From the main screen, ``C``, then the period from ``since`` to today."""
    await settle(pilot)
    await pilot.press("C")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ChangesScreen)
    await wait_report(pilot, screen)
    await pilot.press("p", *since, "enter")
    await wait_report(pilot, screen, since)
    return screen


async def test_the_period_lists_versions_silent_edits_and_upcoming(git_repo: GitRepo) -> None:
    build_period_repo(git_repo)
    app = make_app(git_repo.path, today=TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_changes(pilot)
        assert screen.query_one("#changes-since", Input).value == "2026-01-01"
        assert screen.query_one("#changes-until", Input).value == "2026-07-01"
        text = screen_text(app)
        assert "3 notices changed (3 versions, 1 revision); 1 upcoming version announced" in text
        rows = [(c.notice.path, c.kind) for c in screen.rows]
        assert rows == [  # the changes in force, by notice; the upcoming ones apart
            ("cookies.md", "version"),
            ("privacy.md", "version"),
            ("terms.md", "revision"),
            ("terms.md", "version"),
            ("privacy.md", "upcoming"),
        ]
        assert screen.table.row_count == 6  # and the heading of the upcoming ones
        lines = text.splitlines()
        heading = next(i for i, line in enumerate(lines) if "Upcoming" in line)
        assert "not in force" in lines[heading]
        assert heading > max(i for i, line in enumerate(lines) if "terms.md" in line)
        assert "privacy.md" in lines[heading + 1] and "upcoming" in lines[heading + 1]
        assert "silent edit" in text
        assert "(a first version opens in the reader)" in text
        assert "new version    +1 -0 ~2 >0  +1 -0 ~0" in text, text
        assert app.focused is screen.table


async def test_enter_opens_the_diff_and_a_first_version_the_reader(git_repo: GitRepo) -> None:
    build_period_repo(git_repo)
    app = make_app(git_repo.path, today=TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_changes(pilot)
        await pilot.press("j", "j")  # terms.md: the silent edit
        change = screen.selected_change()
        assert change is not None and change.kind == "revision"
        await pilot.press("enter")
        await pilot.pause()
        diff = app.screen
        assert isinstance(diff, DiffScreen)
        for _ in range(300):  # the comparison is made in a worker
            await app.workers.wait_for_complete()
            await pilot.pause()
            if "to other people" in screen_text(app):
                break
        assert "to other people" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("k", "k")  # cookies.md: its first version
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert "first version, nothing before it to compare" in notifications(app)
        choice = app.screen.versions.choice
        assert choice is not None and choice.notice.key == "cookies.md"


async def test_a_wrong_period_says_so_and_keys_help_back(git_repo: GitRepo) -> None:
    build_period_repo(git_repo)
    app = make_app(git_repo.path, today=TODAY)
    async with app.run_test(size=(100, 36)) as pilot:
        screen = await open_changes(pilot)
        await pilot.press("p", *"2026-02-30", "enter")
        await pilot.pause()
        assert "not a valid date" in screen_text(app)
        assert len(screen.rows) == 5  # the last report stays
        await pilot.press("tab")  # to the last day
        await pilot.press(*"2025-01-01", "enter")
        await pilot.pause()
        text = screen_text(app)
        assert "not a valid date" in text or "after it ends" in text
        await pilot.press("tab")  # to the list; letters in a date box are text
        assert app.focused is screen.table
        await pilot.press("p", *"2025-04-01", "tab", *"2025-12-31", "enter")
        await wait_report(pilot, screen, "2025-04-01")
        assert screen.rows == [] and "No notice changed in this period" in screen_text(app)
        screen.set_focus(screen.table)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        help_text = screen_text(app)
        assert "Help — Changes" in help_text and "Compare the selected change" in help_text
        await pilot.press("escape", "q")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("C")
        await pilot.pause()
        assert isinstance(app.screen, ChangesScreen)
        await pilot.press("C")  # C again closes it
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and app.is_running


async def test_the_palette_opens_it(git_repo: GitRepo) -> None:
    from tui.app.palette import NoticeCommands

    build_period_repo(git_repo)
    app = make_app(git_repo.path, today=TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        names = [name for name, _, _ in NoticeCommands(app.screen).candidates()]
        assert "Changes (C)" in names
        await pilot.press("ctrl+p", *"changes")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChangesScreen)


async def test_opened_while_the_repository_is_read_it_fills_when_read(git_repo: GitRepo) -> None:
    build_period_repo(git_repo)
    app = make_app(git_repo.path, today=TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        app.action_changes()  # at once: the catalog may not be there yet
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ChangesScreen)
        await wait_report(pilot, screen, (TODAY - dt.timedelta(days=90)).isoformat())
        # the last 90 days: the new cookie policy and privacy's announcement
        assert [(c.notice.path, c.kind) for c in screen.rows] == [
            ("cookies.md", "version"),
            ("privacy.md", "upcoming"),
        ]
        assert "1 notice changed (1 version, 0 revisions)" in screen_text(app)


async def test_the_heading_of_the_upcoming_versions_opens_nothing(git_repo: GitRepo) -> None:
    build_period_repo(git_repo)
    app = make_app(git_repo.path, today=TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_changes(pilot)
        await pilot.press("j", "j", "j", "j")  # the heading row
        assert screen.selected_change() is None
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("j")  # privacy's announcement under it
        change = screen.selected_change()
        assert change is not None and change.kind == "upcoming"


async def test_the_period_is_kept_while_the_app_runs(git_repo: GitRepo) -> None:
    build_period_repo(git_repo)
    app = make_app(git_repo.path, today=TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_changes(pilot, since="2026-02-01")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("C")
        await pilot.pause()
        again = app.screen
        assert isinstance(again, ChangesScreen) and again is not screen
        await wait_report(pilot, again, "2026-02-01")
        assert again.query_one("#changes-since", Input).value == "2026-02-01"
        assert again.query_one("#changes-until", Input).value == "2026-07-01"


async def test_enter_on_a_version_edited_later_compares_the_text_that_took_effect(
    git_repo: GitRepo,
) -> None:
    from tests.core.test_changes_report import edited_after_effect

    ids = edited_after_effect(git_repo)
    app = make_app(git_repo.path, today=dt.date(2026, 12, 6))
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_changes(pilot, since="2026-09-01")
        assert [(c.kind, c.revision.commit) for c in screen.rows] == [
            ("version", ids["opened"]),
            ("revision", ids["edit"]),
        ]
        await pilot.press("enter")  # the version of 2026-10-01
        await pilot.pause()
        diff = app.screen
        assert isinstance(diff, DiffScreen)
        assert (diff.old.revision.commit, diff.new.revision.commit) == (ids["old"], ids["opened"])
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("j", "enter")  # its silent edit of 2026-12-01
        await pilot.pause()
        edit = app.screen
        assert isinstance(edit, DiffScreen)
        assert (edit.old.revision.commit, edit.new.revision.commit) == (ids["opened"], ids["edit"])
