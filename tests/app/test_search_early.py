"""``/`` before the search index is ready (issue 16): answers from the texts at HEAD,
then from the index with the same query; ``ctrl+a`` answers from the versions in force
until every version is indexed.

The index is slowed with the screen's documented test hook (``INDEX_HOLD``: index
workers wait for the event); git and the index are real.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.app.app_pilot import make_app, screen_text, settle
from tests.conftest import GitRepo
from tui.app.screens import search_screen
from tui.app.screens.search_head import HEAD_PLACEHOLDER, head_state
from tui.app.screens.search_screen import PLACEHOLDER, SearchScreen

OLD = """# Privacy Notice

Effective date: 2024-01-01

## Tracking

We use legacy beacons to count visits.
"""

NEW = """# Privacy Notice

Effective date: 2025-03-01

## Cookies

We use cookies to keep you signed in.

* **Cookie Data:** identifiers stored in cookies on your device.

## Retention

We keep account data for a limited retention period.
"""

TERMS = """# Terms of Service

Effective date: 2025-03-01

## Accounts

You are responsible for your account.
"""


@pytest.fixture
def repo(git_repo: GitRepo) -> Path:
    """Two notices; the privacy notice has an older version with other words."""
    git_repo.commit({"privacy.md": OLD, "terms.md": TERMS}, date="2024-01-01T12:00:00+00:00")
    git_repo.commit({"privacy.md": NEW}, date="2025-03-01T12:00:00+00:00")
    return git_repo.path


@pytest.fixture
def hold(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Index workers wait until this is set (the screen's test hook)."""
    event = threading.Event()
    monkeypatch.setattr(search_screen, "INDEX_HOLD", event)
    yield event
    event.set()  # never leave a worker waiting


async def until(pilot: Pilot, condition: Callable[[], bool], what: str) -> None:
    """Wait (not for workers: the index worker is held on purpose) until ``condition``."""
    for _ in range(600):
        await pilot.pause(0.01)
        if condition():
            return
    raise AssertionError(f"never happened: {what}")


def status_of(screen: SearchScreen) -> str:
    return str(screen.query_one("#search-status").render())


async def test_search_answers_from_head_then_from_the_index(
    repo: Path, hold: threading.Event
) -> None:
    app = make_app(repo)
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"cookies")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await until(pilot, lambda: screen._early == ("cookies", "latest"), "an answer from HEAD")
        # from the texts at HEAD: sections only, and the box says so
        assert screen._shown is None and not screen._ready()
        assert [(h.path, h.heading, h.kind) for h in screen.hits] == [
            ("privacy.md", "Cookies", "section")
        ]
        assert screen.hits[0].commit == app.catalog.head
        assert screen.query_one(Input).placeholder == HEAD_PLACEHOLDER
        assert "current texts at HEAD" in status_of(screen)
        assert "current text" in screen_text(app) and "2025-03-01" not in screen_text(app)
        # a word only an older version holds is not at HEAD
        await pilot.press(*["backspace"] * 7, *"beacons")
        await until(pilot, lambda: screen._early == ("beacons", "latest"), "HEAD's answer")
        assert screen.hits == []
        assert "no match for 'beacons' in the current texts at HEAD" in status_of(screen)
        await pilot.press(*["backspace"] * 7, *"cookies")
        await until(pilot, lambda: screen._early == ("cookies", "latest"), "HEAD's answer")

        hold.set()  # the index is ready: the same query runs again, on the index
        await until(pilot, lambda: screen._shown == ("cookies", "latest"), "the index's answer")
        assert screen.query_one(Input).value == "cookies"
        assert screen.query_one(Input).placeholder == PLACEHOLDER
        kinds = {(h.kind, h.name or h.heading) for h in screen.hits}
        assert ("data_category", "Cookie Data") in kinds  # the index finds categories
        assert "current texts" not in status_of(screen)
        assert "2025-03-01" in screen_text(app)
        assert head_state(app).texts is None  # dropped once the index took over


async def test_every_version_answers_from_the_versions_in_force_until_indexed(
    repo: Path, hold: threading.Event, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(repo)
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        hold.set()
        await pilot.press("slash", *"cookies")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await until(pilot, lambda: screen._shown == ("cookies", "latest"), "the latest index")
        later = threading.Event()
        monkeypatch.setattr(search_screen, "INDEX_HOLD", later)
        try:
            await pilot.press("ctrl+a")
            await until(pilot, lambda: screen._early == ("cookies", "all"), "an early answer")
            assert "versions in force (every version is being indexed)" in status_of(screen)
            assert screen.hits and not screen._ready()
            await pilot.press(*["backspace"] * 7, *"beacons")
            await until(pilot, lambda: screen._early == ("beacons", "all"), "an early answer")
            assert screen.hits == []  # the old version is not indexed yet
        finally:
            later.set()
        await until(pilot, lambda: screen._shown == ("beacons", "all"), "every version")
        assert [(h.heading, h.versions) for h in screen.hits] == [("Tracking", 1)]


async def test_enter_on_an_answer_from_head_opens_the_notice_at_the_section(
    repo: Path, hold: threading.Event
) -> None:
    app = make_app(repo)
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"retention")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await until(pilot, lambda: screen._early == ("retention", "latest"), "HEAD's answer")
        hit = screen.hits[0]
        assert (hit.path, hit.heading, hit.section) == ("privacy.md", "Retention", 2)
        await pilot.press("enter")
        main = app.main_screen
        assert main is not None
        await until(pilot, lambda: app.screen is main, "the main screen")
        await until(
            pilot,
            lambda: (
                main.view.document is not None
                and main.view.document.notice_key == "privacy.md"
                and main.view.current_section == 2
            ),
            "the notice at its section",
        )
        assert main.view.document.sections[2].heading == "Retention"
