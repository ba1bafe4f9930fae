"""Snapshots of the releases screen (``R``) on the built-in sample, as on fixed days.

On 2027-01-15 with 8.6 running, the calendar shows every state: 8.7 and 8.6 ending soon
(yellow, 16 days left), 8.5 LTS supported (green), the rest out of support (red); the
ends of 8.8, 8.9 and 9.0, computed by the rule, are marked "*", and the calendar says it
is out of date (its newest release, 9.0, is 66 days old). Run
``pytest tests/app/test_snapshots_releases.py --snapshot-update`` after a deliberate change
of the screen, and look at the report before committing the new SVGs.
"""

from __future__ import annotations

import datetime as dt

import pytest
from textual.pilot import Pilot

from tests.app.app_pilot import make_app, settle


@pytest.fixture
def colour(monkeypatch: pytest.MonkeyPatch) -> None:
    """Colour on (the shared test setup sets NO_COLOR for every test)."""
    monkeypatch.delenv("NO_COLOR", raising=False)


async def _releases(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("R")
    # the start-up toast about the calendar's age (2027 dates) passes; the screen stays
    pilot.app.clear_notifications()
    await pilot.pause()


def test_releases_screen_80x24(snap_compare, colour: None) -> None:
    app = make_app(today=dt.date(2027, 1, 15), release="8.6")
    assert snap_compare(app, terminal_size=(80, 24), run_before=_releases)


def test_releases_screen_no_color_120x36(snap_compare, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(today=dt.date(2026, 11, 26), release="8.3.1")
    assert snap_compare(app, terminal_size=(120, 36), run_before=_releases)


def test_releases_screen_ansi_theme_100x30(snap_compare, colour: None) -> None:
    app = make_app(today=dt.date(2027, 1, 15), release="8.5", theme="ansi-dark")
    assert snap_compare(app, terminal_size=(100, 30), run_before=_releases)
