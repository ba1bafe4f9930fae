"""A worker of a screen or widget that fails: one calm message from the app, no crash.

Screens and widgets do not call the app: they post ``WorkerFailed``, which bubbles up
to the app's one handler for worker errors (the same one the app's own workers use).
"""

from __future__ import annotations

import pytest

from notices_repo.errors import NoticeError
from tests.app.app_pilot import main_screen, make_app, notifications, settle
from tui.app.screens.diff_view import DiffScreen


def _break_reading(app, error: Exception, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """Make every text read from the open repository fail with ``error``."""
    repository = app.repository
    assert repository is not None

    def read_text(blob: str):  # type: ignore[no-untyped-def]
        raise error

    monkeypatch.setattr(repository, "read_text", read_text)


async def _until(pilot, check) -> None:  # type: ignore[no-untyped-def]
    for _ in range(500):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if check():
            return
        await pilot.pause(0.01)
    raise AssertionError(f"not reached; notifications: {notifications(pilot.app)!r}")


async def test_a_main_screen_worker_that_fails_is_reported_by_the_app(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        main = main_screen(app)
        _break_reading(app, RuntimeError("disk on fire"), monkeypatch)
        shown = main.view.document
        assert shown is not None
        await pilot.press("tab", "end")  # another version: its text is read (and fails)
        await _until(pilot, lambda: "unexpected error" in notifications(app))
        text = notifications(app)
        assert "RuntimeError: disk on fire" in text and "--debug" in text
        assert app.is_running and app.screen is main


async def test_a_diff_view_worker_that_fails_says_so_there_and_once_from_the_app(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        _break_reading(app, RuntimeError("disk on fire"), monkeypatch)
        await pilot.press("tab", "d")  # the older end is not read yet: reading fails
        await _until(pilot, lambda: "unexpected error" in notifications(app))
        screen = app.screen
        assert isinstance(screen, DiffScreen)
        assert "Could not compare these versions: disk on fire" in screen.lines.visible_text()
        assert notifications(app).count("disk on fire") == 1


async def test_a_read_error_the_domain_names_is_said_as_it_is(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        _break_reading(app, NoticeError("object 1234 is missing; run git fsck"), monkeypatch)
        await pilot.press("tab", "d")
        await _until(
            pilot,
            lambda: (
                isinstance(app.screen, DiffScreen)
                and "object 1234 is missing" in app.screen.lines.visible_text()
            ),
        )
        assert "unexpected error" not in notifications(app)
