"""Where the reader of the diff view is, kept across a new layout or comparison.

``s`` (unified or side by side), ``f`` (whole text), a resize and ``w`` (compare again)
all show new rows; :func:`place_in` notes where the reader was (the section at the top,
or the current change where it was on screen) and :func:`restore` finds that place in
the new rows.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from notices_repo.diff.compare import DiffResult
    from tui.app.widgets.diff_rows import DiffLayout

#: A section of the comparison by its index in the new and in the old text.
SectionKey = tuple[int | None, int | None]


@dataclass(frozen=True, slots=True)
class Place:
    """Where the reader is, kept across a new layout (s, f, a resize) or comparison (w)."""

    section: SectionKey | None
    """The section at the top (its new and old index), None: the summary."""
    offset: int
    """Rows from the start of that section (or from the top) to the top of the view."""
    screen: int
    """With ``by_change``: rows from the top of the view to the current change."""
    change: tuple[SectionKey, int] | None
    """The current change: its section and which change of that section it is."""
    by_change: bool
    """The current change is on screen: keep it where it is on screen."""


def section_key(result: DiffResult, index: int) -> SectionKey:
    """Section ``index`` of ``result`` by its index in the new and in the old text."""
    section = result.sections[index]
    return section.new_index, section.old_index


def place_in(
    layout: DiffLayout,
    result: DiffResult,
    positions: list[tuple[int, int]],
    *,
    top: int,
    change: int,
    rows: int,
) -> Place:
    """Where the reader is: ``top`` row shown, ``change`` current (-1: none), ``rows``
    the view showed as the reader last saw it; ``positions``: (section, hunk) of every
    change."""
    current: tuple[SectionKey, int] | None = None
    on_screen = False
    if 0 <= change < len(layout.change_rows) and change < len(positions):
        section = positions[change][0]
        first = bisect_left(positions, (section, -1))
        current = (section_key(result, section), change - first)
        on_screen = top <= layout.change_rows[change] < top + rows
    if on_screen:
        return Place(None, 0, layout.change_rows[change] - top, current, True)
    section = layout.section_at(top)
    if section < 0:
        return Place(None, top, 0, current, False)
    offset = top - layout.section_rows.get(section, top)
    return Place(section_key(result, section), offset, 0, current, False)


def find_section(result: DiffResult, key: SectionKey) -> int | None:
    """The index in ``result`` of the section ``key`` names (None: gone)."""
    new_index, old_index = key
    for field, wanted in (("new_index", new_index), ("old_index", old_index)):
        if wanted is None:
            continue
        for index, section in enumerate(result.sections):
            if getattr(section, field) == wanted:
                return index
    return None


def restore(
    place: Place | None,
    layout: DiffLayout,
    result: DiffResult | None,
    positions: list[tuple[int, int]],
    page_rows: int,
) -> tuple[int, int]:
    """The top row and current change in ``layout`` for ``place`` (page_rows: the
    view's height now)."""
    if place is None or result is None:
        return 0, -1
    change = -1
    if place.change is not None:
        index = find_section(result, place.change[0])
        if index is not None:
            first = bisect_left(positions, (index, -1))
            candidate = first + place.change[1]
            if candidate < len(positions) and positions[candidate][0] == index:
                change = candidate
    if place.by_change and change >= 0:
        screen = min(place.screen, max(0, page_rows - 3))
        return max(0, layout.change_rows[change] - screen), change
    if place.section is None:
        return min(place.offset, max(0, layout.line_count - 1)), change
    index = find_section(result, place.section)
    if index is None or index not in layout.section_rows:
        return 0, change
    return max(0, layout.section_rows[index] + max(0, place.offset)), change
