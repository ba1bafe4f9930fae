"""The lines the diff view paints: a :class:`DiffResult` laid out for one width and mode.

The diff view is virtual: it paints only the rows on screen (Textual's line API). This
module does the work before that, off the UI thread: it turns the comparison into
*display lines* (runs of text, each with a kind: unchanged, deleted, inserted, a mark,
a title...), wraps each line to the width as a list of offsets (no text is copied or
styled here), and lists the rows the view scrolls through. Painting one row is then a
slice of a few spans.

Two modes:

- ``unified``: one column; a changed line shows its removed words as ``[-old-]`` and its
  added words as ``{+new+}``, as ``git diff --word-diff`` prints them;
- ``side-by-side``: the old text on the left with ``[-removed-]`` words, the new text on
  the right with ``{+added+}`` words, lines paired where the texts agree.

Changes are marked by more than colour: the brackets above, a gutter sign on every
changed line (``-`` removed words, ``+`` added, ``~`` both), and whitespace-only changes
made visible (``·`` for a space, ``→`` for a tab, ``↵`` for a line break), so the view
reads in 16 colours, with ``NO_COLOR`` and for colour-blind readers.

By default only what changed is laid out: the changed sections, each line with a change
and :data:`~tui.app.widgets.diff_spans.CONTEXT_LINES` lines around it, long lines cut to
:data:`~tui.app.widgets.diff_spans.KEEP_CHARS` characters around their changes
(:mod:`tui.app.widgets.diff_spans` makes the runs of text, :mod:`tui.app.widgets.diff_wrap`
wraps them); ``full`` lays out the whole new text with changes marked.

All notice text is untrusted: it goes through :func:`notices_repo.text.inert.inert` (or
``inert_line``) here, and the view paints it as plain segments, never as markup.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from rich.cells import cell_len

from notices_repo.diff.compare import (
    ADDED,
    CHANGED,
    MOVED,
    REMOVED,
    UNCHANGED,
    DiffResult,
    SectionDiff,
)
from notices_repo.diff.render import COARSE_NOTE, section_title, summary_line
from notices_repo.diff.words import word_diff
from notices_repo.text.inert import inert_line
from tui.app.widgets.diff_spans import (
    CONTEXT_LINES,
    DELETE,
    ELLIPSIS,
    INSERT,
    LABEL,
    NOTE,
    SUMMARY,
    TEXT,
    TITLE,
    Body,
    LineBuilder,
    Pair,
    Span,
    elide,
    paired_lines,
    shown_ranges,
    unified_lines,
)
from tui.app.widgets.diff_wrap import wrap_offsets

__all__ = [
    "SIDE_BY_SIDE",
    "UNIFIED",
    "DiffLayout",
    "DisplayLine",
    "build_layout",
    "find_matches",
    "layout_width",
]

UNIFIED = "unified"
SIDE_BY_SIDE = "side-by-side"

#: Section names listed per status in the summary before "and N more".
MAX_NAMES = 30
#: Data categories listed in the summary before "and N more".
MAX_CATEGORIES = 60
#: Cells before the text of each line: the change sign and a space.
GUTTER = 2
#: Second line of a row when its first line spans the whole width.
FULL = -2
#: An empty cell (side by side, where one side has no line).
EMPTY = -1

_PREAMBLE = "(text before the first heading)"

#: ``(left line, left wrap, right line, right wrap)``: one row on screen. A row whose
#: right line is :data:`FULL` is one line across the width; :data:`EMPTY` leaves a side
#: blank.
Row = tuple[int, int, int, int]


def layout_width(width: int) -> int:
    """The width a layout is made for when the view is ``width`` cells wide."""
    return max(GUTTER + 10, width)


@dataclass(slots=True)
class DisplayLine:
    """One line of the layout: spans of text and where it wraps."""

    spans: list[Span]
    sign: str = " "
    """Gutter sign: ``-`` removed words, ``+`` added words, ``~`` both, space: none."""
    section: int = -1
    """Index into ``DiffResult.sections`` (-1: the summary)."""
    text: str = ""
    """The spans' text joined (what search looks in)."""
    breaks: list[int] = field(default_factory=lambda: [0])
    """Offsets into :attr:`text` where each wrapped row starts."""
    offsets: list[int] = field(default_factory=list)
    """Offset of each span in :attr:`text`."""

    def row_of(self, offset: int) -> int:
        """Which wrapped row of this line holds character ``offset``."""
        return bisect_right(self.breaks, offset) - 1

    def span_range(self, start: int, end: int) -> tuple[int, int]:
        """Indexes of the first and (exclusive) last span overlapping ``[start, end)``."""
        first = max(0, bisect_right(self.offsets, start) - 1)
        last = bisect_right(self.offsets, max(start, end - 1))
        return first, last


@dataclass(slots=True)
class DiffLayout:
    """A comparison laid out for one width and mode: lines, rows, and where changes are."""

    mode: str
    width: int
    full: bool
    lines: list[DisplayLine]
    rows: list[Row]
    change_rows: list[int]
    """First row of each change (indexed like :meth:`DiffResult.change_positions`)."""
    change_sections: list[int]
    """Section index of each change."""
    section_rows: dict[int, int]
    """First row of each section shown (by index into ``DiffResult.sections``)."""
    line_rows: list[int]
    """First row of each line."""
    column: int
    """Cells of text in one column (the whole width minus the gutter when unified)."""

    @property
    def line_count(self) -> int:
        """Rows to scroll through."""
        return len(self.rows)

    def section_at(self, row: int) -> int:
        """Index of the section that row ``row`` belongs to (-1: the summary)."""
        if not self.rows:
            return -1
        row = min(max(row, 0), len(self.rows) - 1)
        left, _, right, _ = self.rows[row]
        line = left if left >= 0 else right
        return self.lines[line].section if line >= 0 else -1

    def row_text(self, row: int) -> str:
        """The plain text of one row as painted (gutters and separator included)."""
        left, left_wrap, right, right_wrap = self.rows[row]
        if right == FULL:
            return self._cell_text(left, left_wrap, self.width - GUTTER).rstrip()
        return (
            self._cell_text(left, left_wrap, self.column)
            + "│"
            + self._cell_text(right, right_wrap, self.column)
        ).rstrip()

    def _cell_text(self, line_no: int, wrap: int, width: int) -> str:
        if line_no < 0:
            return " " * (width + GUTTER)
        line = self.lines[line_no]
        start = line.breaks[wrap]
        end = line.breaks[wrap + 1] if wrap + 1 < len(line.breaks) else len(line.text)
        text = line.text[start:end]
        pad = width - cell_len(text)
        text = text + " " * pad if pad > 0 else text
        return (line.sign if wrap == 0 else " ") + " " + text

    def plain(self, start: int = 0, end: int | None = None) -> str:
        """Rows ``start`` to ``end`` as plain text (for tests and copying the screen)."""
        stop = len(self.rows) if end is None else min(end, len(self.rows))
        return "\n".join(self.row_text(row) for row in range(max(0, start), stop))


# --------------------------------------------------------------------------- building


class _Layout:
    """Accumulates lines and rows for one width and mode."""

    def __init__(self, mode: str, width: int, change_count: int) -> None:
        self.mode = mode
        self.width = layout_width(width)
        if mode == SIDE_BY_SIDE:
            self.column = max(4, (self.width - 1) // 2 - GUTTER)
        else:
            self.column = self.width - GUTTER
        self.full_column = self.width - GUTTER
        self.lines: list[DisplayLine] = []
        self.rows: list[Row] = []
        self.line_rows: list[int] = []
        self.change_rows = [-1] * change_count
        self.change_sections = [-1] * change_count
        self.section_rows: dict[int, int] = {}

    def _line(self, spans: list[Span], sign: str, section: int, width: int) -> int:
        offsets: list[int] = []
        position = 0
        for text, _, _ in spans:
            offsets.append(position)
            position += len(text)
        text = "".join(span[0] for span in spans)
        line = DisplayLine(spans, sign, section, text, wrap_offsets(text, width), offsets)
        self.lines.append(line)
        self.line_rows.append(len(self.rows))
        return len(self.lines) - 1

    def _note_changes(self, line_no: int, first_row: int) -> None:
        line = self.lines[line_no]
        for (_, _, change), offset in zip(line.spans, line.offsets, strict=True):
            if change >= 0:
                row = first_row + line.row_of(offset)
                if self.change_rows[change] < 0 or row < self.change_rows[change]:
                    self.change_rows[change] = row
                    self.change_sections[change] = line.section

    def full(self, spans: list[Span], sign: str = " ", section: int = -1) -> None:
        """A line across the whole width."""
        line_no = self._line(spans, sign, section, self.full_column)
        first = len(self.rows)
        self.rows.extend((line_no, k, FULL, 0) for k in range(len(self.lines[line_no].breaks)))
        self._note_changes(line_no, first)

    def pair(self, left: Body | None, right: Body | None, section: int) -> None:
        """Two lines side by side."""
        first = len(self.rows)
        left_no = self._line(left[0], left[1], section, self.column) if left else EMPTY
        right_no = self._line(right[0], right[1], section, self.column) if right else EMPTY
        if right_no >= 0:
            self.line_rows[right_no] = first
        left_rows = len(self.lines[left_no].breaks) if left_no >= 0 else 0
        right_rows = len(self.lines[right_no].breaks) if right_no >= 0 else 0
        for k in range(max(left_rows, right_rows, 1)):
            self.rows.append(
                (
                    left_no if k < left_rows else EMPTY,
                    k if k < left_rows else 0,
                    right_no if k < right_rows else EMPTY,
                    k if k < right_rows else 0,
                )
            )
        for line_no in (left_no, right_no):
            if line_no >= 0:
                self._note_changes(line_no, first)

    def blank(self, section: int = -1) -> None:
        self.full([], " ", section)

    def done(self, full: bool) -> DiffLayout:
        return DiffLayout(
            mode=self.mode,
            width=self.width,
            full=full,
            lines=self.lines,
            rows=self.rows,
            change_rows=self.change_rows,
            change_sections=self.change_sections,
            section_rows=self.section_rows,
            line_rows=self.line_rows,
            column=self.column,
        )


def _heading(section: SectionDiff) -> str:
    return inert_line(section.heading) if section.heading else _PREAMBLE


def _flat(spans_lines: list[Body]) -> list[Span]:
    """Several lines' spans on one line (for a data category's description)."""
    out: list[Span] = []
    for k, (spans, _) in enumerate(spans_lines):
        if k:
            out.append((" ", TEXT, -1))
        out.extend(spans)
    return out


def _summary(layout: _Layout, result: DiffResult) -> None:
    layout.full([(summary_line(result), SUMMARY, -1)])
    if not result.has_changes:
        layout.blank()
        return
    if result.ignore_whitespace:
        layout.full([("Whitespace and layout-only changes are ignored (w counts them).", NOTE, -1)])
    if result.coarse:
        layout.full([(COARSE_NOTE, NOTE, -1)])
    groups = (
        ("Changed", lambda s: s.status == CHANGED, "~"),
        ("Added", lambda s: s.status == ADDED, "+"),
        ("Removed", lambda s: s.status == REMOVED, "-"),
        ("Moved", lambda s: s.moved, " "),
    )
    for label, wanted, sign in groups:
        names = [_heading(s) for s in result.sections if wanted(s)]
        if not names:
            continue
        spans: list[Span] = [(f"{label} ({len(names)}): ", LABEL, -1)]
        for k, name in enumerate(names[:MAX_NAMES]):
            if k:
                spans.append((" · ", NOTE, -1))
            spans.append((name, TEXT, -1))
        if len(names) > MAX_NAMES:
            spans.append((f" {ELLIPSIS} and {len(names) - MAX_NAMES} more", NOTE, -1))
        layout.full(spans, sign)
    renamed = [s for s in result.sections if s.old_heading is not None]
    if renamed:
        spans = [(f"Renamed ({len(renamed)}): ", LABEL, -1)]
        for k, section in enumerate(renamed[:MAX_NAMES]):
            if k:
                spans.append((" · ", NOTE, -1))
            spans.append((inert_line(section.old_heading or "") or "(none)", TEXT, -1))
            spans.append((" → ", NOTE, -1))
            spans.append((_heading(section), TEXT, -1))
        if len(renamed) > MAX_NAMES:
            spans.append((f" {ELLIPSIS} and {len(renamed) - MAX_NAMES} more", NOTE, -1))
        layout.full(spans, "~")
    categories = result.changed_categories
    if categories:
        layout.full([(f"Data categories ({len(categories)}):", LABEL, -1)])
        for cat in categories[:MAX_CATEGORIES]:
            name: list[Span] = [
                ("  ", TEXT, -1),
                (inert_line(cat.name), LABEL, -1),
                (": ", TEXT, -1),
            ]
            if cat.status == ADDED:
                body = LineBuilder()
                body.change(inert_line(cat.new or "") or "(no description)", INSERT, -1)
                layout.full(name + body.spans, "+")
            elif cat.status == REMOVED:
                body = LineBuilder()
                body.change(inert_line(cat.old or "") or "(no description)", DELETE, -1)
                layout.full(name + body.spans, "-")
            else:
                hunks = word_diff(cat.old or "", cat.new or "")
                layout.full(name + _flat(unified_lines(hunks, {})), "~")
        if len(categories) > MAX_CATEGORIES:
            layout.full([(f"  {ELLIPSIS} and {len(categories) - MAX_CATEGORIES} more", NOTE, -1)])
    layout.blank()


def _gap(count: int, what: str = "line") -> list[Span]:
    return [(f"{ELLIPSIS} {count} unchanged {what}{'' if count == 1 else 's'}", NOTE, -1)]


def build_layout(
    result: DiffResult,
    width: int,
    mode: str = UNIFIED,
    *,
    full: bool = False,
    cancelled: Callable[[], bool] | None = None,
) -> DiffLayout | None:
    """Lay ``result`` out for ``width`` cells in ``mode``; None when ``cancelled()``.

    ``full``: every section's whole text with changes marked; otherwise only the changed
    sections, changed lines with :data:`CONTEXT_LINES` lines around them.
    """
    positions = result.change_positions()
    layout = _Layout(mode, width, len(positions))
    ids: dict[int, dict[int, int]] = {}
    for change, (section_index, hunk_index) in enumerate(positions):
        ids.setdefault(section_index, {})[hunk_index] = change
    _summary(layout, result)
    side = mode == SIDE_BY_SIDE
    for index, section in enumerate(result.sections):
        if cancelled is not None and index % 64 == 0 and cancelled():
            return None
        if section.status == UNCHANGED and not full:
            continue
        layout.section_rows[index] = len(layout.rows)
        changes = ids.get(index, {})
        if section.status != UNCHANGED:
            layout.full([(f"@@ {section_title(section)} @@", TITLE, -1)], " ", index)
        if section.status == MOVED and not full:
            layout.full([("Moved without changes to its text.", NOTE, -1)], " ", index)
            for change in changes.values():
                layout.change_rows[change] = layout.section_rows[index]
                layout.change_sections[change] = index
            layout.blank(index)
            continue
        items: list[Body] | list[Pair]
        if side:
            items = paired_lines(section.hunks, changes)
            flags = [bool((a and a[1] != " ") or (b and b[1] != " ")) for a, b in items]
        else:
            items = unified_lines(section.hunks, changes)
            flags = [sign != " " for _, sign in items]
        ranges = [(0, len(items))] if full else shown_ranges(flags, CONTEXT_LINES)
        shown = 0
        for start, end in ranges:
            if start > shown:
                layout.full(_gap(start - shown), " ", index)
            for k in range(start, end):
                item = items[k]
                if side:
                    left, right = item  # type: ignore[misc]
                    if not full:
                        left = (elide(left[0]), left[1]) if left else None
                        right = (elide(right[0]), right[1]) if right else None
                    layout.pair(left, right, index)
                else:
                    spans, sign = item  # type: ignore[misc]
                    layout.full(spans if full else elide(spans), sign, index)
            shown = end
        if not full:
            if shown < len(items):
                layout.full(_gap(len(items) - shown), " ", index)
            layout.blank(index)
        for change in changes.values():
            if layout.change_rows[change] < 0:
                layout.change_rows[change] = layout.section_rows[index]
                layout.change_sections[change] = index
    if not layout.rows:
        layout.blank()
    return layout.done(full)


# --------------------------------------------------------------------------- search


def find_matches(layout: DiffLayout, query: str) -> list[tuple[int, int, int]]:
    """Where ``query`` occurs (case-insensitively) in the painted text: ``(line, start, end)``.

    In the order of the rows (left before right side by side).
    """
    query = query.strip()
    if not query:
        return []
    pattern = re.compile(re.escape(query), re.IGNORECASE)
    texts = [line.text for line in layout.lines]
    starts: list[int] = []
    position = 0
    for text in texts:
        starts.append(position)
        position += len(text) + 1
    joined = "\n".join(texts)
    out: list[tuple[int, int, int]] = []
    for match in pattern.finditer(joined):
        line_no = bisect_right(starts, match.start()) - 1
        base = starts[line_no]
        out.append((line_no, match.start() - base, match.end() - base))
    return out


def row_of_match(layout: DiffLayout, match: tuple[int, int, int]) -> int:
    """The row a match is painted on."""
    line_no, start, _ = match
    return layout.line_rows[line_no] + layout.lines[line_no].row_of(start)
