"""Helpers for driving the app in tests: build it, and wait until it is idle.

"Idle" means the repository is read, the support check answered, no worker runs, and
the reader shows the text of the selected revision, fully rendered. Tests wait for that
instead of sleeping, so they are as fast as the machine and never flaky.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from tui.app.app import NoticeApp
from tui.app.screens.main import MainScreen
from tui.app.settings import Settings

TODAY = dt.date(2026, 11, 26)


def make_app(repo: Path | None = None, *, today: dt.date = TODAY, **kwargs: object) -> NoticeApp:
    """An app on ``repo`` (None: the built-in sample) as on ``today``."""
    settings = Settings(repo=repo, origin="test", today=today, **kwargs)  # type: ignore[arg-type]
    return NoticeApp(settings)


def is_idle(app: NoticeApp) -> bool:
    """Nothing left to do until the user presses a key."""
    if any(worker.is_running for worker in app.workers):
        return False
    main = app.main_screen
    if main is None or app.support is None:
        return False
    if app.catalog is None:
        return main.view.document is None and "Could not read" in main.view.visible_text()
    if not app.catalog.notices:
        return True
    view = main.view
    choice = main.versions.choice
    if choice is None:
        return main.notices.notice is None
    document = view.document
    if document is None:
        # an empty text or a read failure shows a message instead
        return "text" in view.visible_text() or "(empty" in view.visible_text()
    if (document.notice_key, document.commit) != (choice.notice.key, choice.shown.commit):
        return False
    return not view.rendering and not view.resize_pending


async def settle(pilot: Pilot, rounds: int = 1000) -> None:
    """Wait until the app is idle (fails the test after ``rounds`` event-loop turns)."""
    app = pilot.app
    assert isinstance(app, NoticeApp)
    for _ in range(rounds):
        # a worker stopped on purpose (a newer selection, the full catalog): go on
        with contextlib.suppress(WorkerCancelled):
            await app.workers.wait_for_complete()
        await pilot.pause()
        if is_idle(app):
            await pilot.pause()
            return
        await pilot.pause(0.01)
    raise AssertionError("the app did not become idle")


def main_screen(app: NoticeApp) -> MainScreen:
    """The main screen (asserting it exists)."""
    screen = app.main_screen
    assert screen is not None
    return screen


def screen_text(app: NoticeApp) -> str:
    """The text of the screen as painted now (top screen only)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


def screen_segments(app: NoticeApp) -> list[object]:
    """Every segment painted on the screen now (to check styles and escapes)."""
    return [segment for strip in app.screen._compositor.render_strips() for segment in strip]


def notifications(app: NoticeApp) -> str:
    """Every notification the app has shown and not yet expired, one per line."""
    return "\n".join(str(n.message) for n in app._notifications)
