"""Find in the diff view (``/``, then ``n``/``N``): the query and stepping through matches.

The matches are found in the layout shown (:func:`tui.app.widgets.diff_rows.find_matches`)
and kept, with the current one, by the rows widget (:class:`tui.app.widgets.diff_lines.DiffLines`),
which paints them; a new layout (width, mode, extent) finds them again.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING

from notices_repo.text.inert import inert_line
from tui.app.widgets.diff_rows import find_matches, row_of_match

if TYPE_CHECKING:
    from textual.widgets import Input

    from tui.app.widgets.diff_lines import DiffLines
    from tui.app.widgets.diff_rows import DiffLayout


class DiffFind:
    """The diff view's find: what is searched for, and where its matches are."""

    def __init__(self) -> None:
        self.query = ""
        """What is searched for, stripped ("" : no search)."""

    def search(
        self, layout: DiffLayout | None, lines: DiffLines, query: str, *, move: bool
    ) -> None:
        """Find ``query`` in ``layout``: the first match at or after the top is current
        (``move``: scrolled into view)."""
        self.query = query.strip()
        if layout is None or not self.query:
            lines.set_matches([])
            return
        matches = find_matches(layout, self.query)
        current = -1
        if matches:
            top = lines.top_row
            rows = [row_of_match(layout, match) for match in matches]
            current = bisect_left(rows, top)
            if current >= len(matches):
                current = 0
        lines.set_matches(matches, current)
        if move and current >= 0:
            lines.bring_into_view(row_of_match(layout, matches[current]))

    def step(self, layout: DiffLayout | None, lines: DiffLines, step: int) -> str | None:
        """Go to the next (``step`` 1) or previous (-1) match; what to tell the user, if
        anything (no search, no match, went on from the top or the end)."""
        matches = lines.matches
        if not self.query:
            return "Press / to search first."
        if layout is None or not matches:
            return f'No match for "{inert_line(self.query)}".'
        current = lines.current_match
        target = (current + step) % len(matches) if current >= 0 else 0
        note = None
        if current >= 0 and (target < current) != (step < 0):
            note = "Search went on from the top." if step > 0 else "Search went on from the end."
        lines.current_match = target
        lines.bring_into_view(row_of_match(layout, matches[target]))
        return note

    def status(self, lines: DiffLines) -> str | None:
        """``find "cookies": 2 of 5`` for the status line (None: no search)."""
        if not self.query:
            return None
        matches = len(lines.matches)
        current = lines.current_match
        where = f"{current + 1} of {matches}" if current >= 0 else f"{matches} matches"
        return f'find "{inert_line(self.query)}": {where if matches else "no match"}'


class FindKeys:
    """The diff view's find keys: ``/`` opens the box, ``n`` and ``N`` step (a mixin of
    :class:`tui.app.screens.diff_view.DiffScreen`, which has what is declared below)."""

    if TYPE_CHECKING:
        finder: DiffFind
        lines: DiffLines
        diff_layout: DiffLayout | None
        search_box: Input

        def notify(self, message: str, **kwargs: object) -> None: ...
        def show_status(self) -> None: ...

    def action_find(self) -> None:
        """Open the find box."""
        box = self.search_box
        box.add_class("-shown")
        box.focus()

    def close_find(self) -> None:
        """Close the find box (the matches stay marked) and go back to the rows."""
        self.search_box.remove_class("-shown")
        self.lines.focus()

    def find(self, query: str, *, move: bool) -> None:
        """Search the comparison shown for ``query`` (``move``: to the first match)."""
        self.finder.search(self.diff_layout, self.lines, query, move=move)
        self.show_status()

    def _step_match(self, step: int) -> None:
        note = self.finder.step(self.diff_layout, self.lines, step)
        if note is not None:
            self.notify(note, timeout=2, markup=False)
        self.show_status()

    def action_next_match(self) -> None:
        """Go to the next match of the search."""
        self._step_match(1)

    def action_previous_match(self) -> None:
        """Go to the previous match of the search."""
        self._step_match(-1)
