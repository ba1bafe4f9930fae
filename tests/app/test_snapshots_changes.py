"""Snapshots of the changes screen (``C``) on the acceptance repository, as on 2026-07-01
with the period 2026-01-01 to 2026-07-01: three notices changed (one new), a silent edit
listed as a revision, and an upcoming version in italics. Run
``pytest tests/app/test_snapshots_changes.py --snapshot-update`` after a deliberate change
of the screen, and look at the report before committing the new SVGs."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.pilot import Pilot

from tests.app.app_pilot import make_app
from tests.app.test_changes_screen import open_changes
from tests.conftest import GitRepo
from tests.core.test_changes_report import build_period_repo

TODAY = dt.date(2026, 7, 1)


@pytest.fixture
def colour(monkeypatch: pytest.MonkeyPatch) -> None:
    """Colour on (the shared test setup sets NO_COLOR for every test)."""
    monkeypatch.delenv("NO_COLOR", raising=False)


async def _changes(pilot: Pilot) -> None:
    await open_changes(pilot)
    pilot.app.clear_notifications()
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


def test_changes_screen_80x24(snap_compare, colour: None, git_repo: GitRepo) -> None:
    build_period_repo(git_repo)
    app = make_app(git_repo.path, today=TODAY)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_changes)


def test_changes_screen_120x36(snap_compare, colour: None, git_repo: GitRepo) -> None:
    build_period_repo(git_repo)
    app = make_app(git_repo.path, today=TODAY)
    assert snap_compare(app, terminal_size=(120, 36), run_before=_changes)
