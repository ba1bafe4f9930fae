"""Snapshots of the diff view on the built-in sample, as on a fixed day.

The air-gapped notice's versions effective 2023-12-09 and 2026-03-01, compared with
``d`` from the versions pane. Run ``pytest tests/app/test_snapshots_diff.py
--snapshot-update`` after a deliberate change of the view, and look at the report
before committing the new SVGs.
"""

from __future__ import annotations

import datetime as dt

import pytest
from textual.pilot import Pilot

from tests.app.app_pilot import make_app
from tests.app.test_diff_view import diff_ready, open_with_d

TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def colour(monkeypatch: pytest.MonkeyPatch) -> None:
    """Colour on (the shared test setup sets NO_COLOR for every test)."""
    monkeypatch.delenv("NO_COLOR", raising=False)


async def _second_change(pilot: Pilot) -> None:
    await open_with_d(pilot)
    await pilot.press("right_square_bracket", "right_square_bracket")
    await pilot.pause()


async def _side_by_side_searched(pilot: Pilot) -> None:
    await open_with_d(pilot)
    await pilot.press("s")
    await diff_ready(pilot)
    await pilot.press("slash", *"data", "enter", "n")
    await pilot.pause()


def test_diff_view_120x36(snap_compare, colour: None) -> None:
    app = make_app(today=TODAY)
    assert snap_compare(app, terminal_size=(120, 36), run_before=_second_change)


def test_diff_view_side_by_side_no_color_120x36(
    snap_compare, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(today=TODAY)
    assert snap_compare(app, terminal_size=(120, 36), run_before=_side_by_side_searched)
