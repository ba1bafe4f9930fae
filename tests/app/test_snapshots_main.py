"""Snapshots of the main screen on the built-in sample, as on a fixed day.

Run ``pytest tests/app/test_snapshots_main.py --snapshot-update`` after a deliberate change
of the screen, and look at the report before committing the new SVGs.
"""

from __future__ import annotations

import datetime as dt

import pytest
from textual.pilot import Pilot

from tests.app.app_pilot import make_app, settle

TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def colour(monkeypatch: pytest.MonkeyPatch) -> None:
    """Colour on (the shared test setup sets NO_COLOR for every test)."""
    monkeypatch.delenv("NO_COLOR", raising=False)


async def _ready(pilot: Pilot) -> None:
    await settle(pilot)


async def _as_of(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("t", "ctrl+a", "ctrl+k", *"2024-01-01", "enter")
    await settle(pilot)


def test_main_screen_80x24(snap_compare, colour: None) -> None:
    app = make_app(today=TODAY)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_ready)


def test_main_screen_160x48_out_of_support(snap_compare, colour: None) -> None:
    app = make_app(today=TODAY, release="8.3.1")
    assert snap_compare(app, terminal_size=(160, 48), run_before=_ready)


def test_main_screen_no_color(snap_compare, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(today=TODAY, release="8.6")
    assert snap_compare(app, terminal_size=(120, 36), run_before=_ready)


def test_main_screen_as_of_a_date_ansi_theme(snap_compare, colour: None) -> None:
    app = make_app(today=TODAY, theme="ansi-dark")
    assert snap_compare(app, terminal_size=(120, 36), run_before=_as_of)
