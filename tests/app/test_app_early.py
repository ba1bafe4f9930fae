"""The first open, useful at once (issue 16): the notice list is there while the history
scan runs, and a notice selected before the scan is done shows its versions.

The scan is slowed by the app's test hook (``scan_gate``, a :class:`threading.Event`:
the scan waits at its start until the test sets it); git runs as always.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from tests.app.app_pilot import make_app, screen_text, settle
from tests.conftest import GitRepo
from tests.core.test_early_catalog import build
from tui.app.app import NoticeApp
from tui.app.screens import main_early
from tui.app.screens.main import MainScreen
from tui.app.widgets.contents import CategoryList


async def until(pilot: Pilot, ready: Callable[[], bool], rounds: int = 400) -> None:
    """Wait until ``ready()`` (fails the test after ``rounds`` short pauses)."""
    for _ in range(rounds):
        if ready():
            return
        await pilot.pause(0.02)
    raise AssertionError("the app never got there")


def shows(main: MainScreen, key: str) -> bool:
    """The version list shows ``key``'s versions, one of them selected."""
    choice = main.versions.choice
    return choice is not None and choice.notice.key == key


def held_app(repo: GitRepo) -> tuple[NoticeApp, threading.Event]:
    """The app on ``repo`` with its history scan held until the returned gate is set."""
    app = make_app(repo.path)
    gate = threading.Event()
    app.scan_gate = gate
    return app, gate


async def until_early(pilot: Pilot, app: NoticeApp) -> None:
    """Wait for the main screen's notice list made from HEAD's tree, before the scan."""
    await until(pilot, lambda: app.main_screen is not None and main_of(app).early is not None)


def main_of(app: NoticeApp) -> MainScreen:
    main = app.main_screen
    assert main is not None
    return main


async def test_list_and_versions_before_the_scan_is_done(git_repo: GitRepo) -> None:
    build(git_repo)
    app, gate = held_app(git_repo)
    async with app.run_test(size=(140, 40)) as pilot:
        await until_early(pilot, app)
        main = main_of(app)
        assert app.catalog is None  # the scan is held: nothing of the history yet
        assert [n.key for n in main.notices.shown] == [
            "legal/terms.md",
            "privacy/notice.md",
            "shop/deep/returns.txt",
        ]
        status = lambda: str(main.status.query_one("#status-repo").render())  # noqa: E731
        await until(pilot, lambda: "reading history" in status())  # the scan has started
        assert "3 notices" in status()

        # usable: move down to the renamed notice; its own history is read first
        main.notices.focus()
        await pilot.press("down")
        assert main.notices.notice is not None
        assert main.notices.notice.key == "privacy/notice.md"
        await until(pilot, lambda: shows(main, "privacy/notice.md"))
        assert app.catalog is None  # still before the scan
        early_notice = main.versions.notice
        assert early_notice is not None and len(early_notice.revisions) == 4
        assert early_notice.revisions[1].renamed_from == "legal/privacy.md"
        assert early_notice.title == "Privacy Notice"  # from its text now
        assert main.versions.border_subtitle == "full history pending…"

        # its text shows too
        def text_shown() -> bool:
            document = main.view.document
            return document is not None and document.notice_key == "privacy/notice.md"

        await until(pilot, text_shown)

        # the scan goes on and ends: the full catalog replaces the list, same selection
        gate.set()
        await settle(pilot)
        assert app.catalog is not None and main.early is None
        full = app.catalog.by_key("privacy/notice.md")
        assert main.notices.notice is full
        assert main.versions.notice is full
        assert [r.commit for r in full.revisions] == [r.commit for r in early_notice.revisions]
        assert [n.key for n in main.notices.shown] == [
            "legal/terms.md",
            "privacy/notice.md",
            "shop/deep/returns.txt",
            app.catalog.retired()[0].key,  # retired notices come with the full scan
        ]
        assert main.versions.border_subtitle == ""
        assert "reading" not in status()


async def test_quitting_while_the_scan_is_held_stops_it(git_repo: GitRepo) -> None:
    build(git_repo)
    app = make_app(git_repo.path)
    app.scan_gate = threading.Event()  # never set: q must not wait for it
    async with app.run_test(size=(140, 40)) as pilot:
        await until_early(pilot, app)
        await pilot.press("q")
    assert app.return_code == 0
    assert app.catalog is None


async def test_the_scan_gives_way_while_a_notice_is_read_first(git_repo: GitRepo) -> None:
    """While a selected notice's own history is read (it holds ``scan_priority``), the
    full scan waits at its next progress report; then it goes on."""
    build(git_repo)
    app, gate = held_app(git_repo)
    async with app.run_test(size=(140, 40)) as pilot:
        await until_early(pilot, app)
        with app.scan_priority.held():
            gate.set()
            await pilot.pause(0.6)
            assert app.catalog is None  # held at its report, well within YIELD_MAX
        await settle(pilot)
        await until(pilot, lambda: app.catalog is not None)
        assert not app.scan_priority.busy


async def test_the_contents_of_the_notice_left_go_while_the_next_is_read(
    git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Moving to another notice before the scan is done: while its history is read, the
    contents and data categories are not those of the notice left."""
    build(git_repo)
    app = make_app(git_repo.path)
    app.scan_gate = threading.Event()  # the scan stays held: every notice is read alone
    async with app.run_test(size=(140, 40)) as pilot:
        await until_early(pilot, app)
        main = main_of(app)
        sections = main.query_one("#sections", OptionList)
        await until(pilot, lambda: shows(main, "legal/terms.md"))
        await until(pilot, lambda: sections.option_count > 0)
        # a selection after a pause is read at once; one soon after another waits
        # HISTORY_DELAY before its read starts (a key held down): long enough here to
        # look at the screen before it
        monkeypatch.setattr(main_early, "HISTORY_DELAY", 30.0)
        main.notices.focus()
        await pilot.press("down")
        await until(pilot, lambda: shows(main, "privacy/notice.md"))  # not 30 s later
        await pilot.press("down")
        assert main.notices.notice is not None
        assert main.notices.notice.key == "shop/deep/returns.txt"
        assert main.view.document is None  # "Reading the history of …"
        assert sections.option_count == 0
        assert main.query_one("#categories", CategoryList).categories == []


async def test_the_text_s_warning_stays_in_the_header_when_the_full_catalog_comes(
    git_repo: GitRepo,
) -> None:
    """A text read before the scan is done, with a warning about its bytes: the header
    keeps saying so when the full catalog fills the version list again."""
    text = "# Confidentialité\n\nEffective date: 9 December 2023\n\nDonnées de connexion.\n"
    git_repo.commit({"fr/privacy.md": text.encode().replace(b"connexion", b"conne\xffxion")})
    app, gate = held_app(git_repo)
    async with app.run_test(size=(140, 40)) as pilot:
        await until_early(pilot, app)
        main = main_of(app)
        await until(pilot, lambda: main.view.document is not None)
        await until(pilot, lambda: "invalid byte sequence" in screen_text(app))
        assert app.catalog is None  # read on its own, before the scan
        gate.set()
        await until(pilot, lambda: app.catalog is not None)
        await settle(pilot)
        assert main.early is None
        assert "invalid byte sequence" in screen_text(app)
