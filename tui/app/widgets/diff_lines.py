"""The diff view's body: a laid-out comparison painted row by row.

A :class:`~tui.app.widgets.diff_rows.DiffLayout` (built off the UI thread) holds every
line, where it wraps, and the rows; this widget paints only the rows on screen
(Textual's line API, like a log viewer), so a 1 MB comparison with thousands of changes
scrolls as fast as a small one. Notice text reaches the terminal only as plain
:class:`rich.segment.Segment` text, already made inert by the layout; no markup is ever
parsed.

Styles come from component classes (theme colours) on top of the marks the layout
writes into the text (``[-removed-]``, ``{+added+}``, gutter signs), so colour is never
the only cue: removed text is also struck through, added text underlined, the current
change and the current search match reversed.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Iterator
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer

from tui.app.widgets.diff_rows import EMPTY, FULL, GUTTER, DiffLayout, layout_width
from tui.app.widgets.diff_spans import (
    DELETE,
    DELETE_MARK,
    INSERT,
    INSERT_MARK,
    LABEL,
    NOTE,
    SUMMARY,
    TEXT,
    TITLE,
)

#: Component class of each span kind.
KIND_CLASSES = {
    TEXT: "diff--text",
    DELETE: "diff--delete",
    INSERT: "diff--insert",
    DELETE_MARK: "diff--delete-mark",
    INSERT_MARK: "diff--insert-mark",
    TITLE: "diff--title",
    NOTE: "diff--note",
    SUMMARY: "diff--summary",
    LABEL: "diff--label",
}
#: Component class of each gutter sign.
SIGN_CLASSES = {
    "-": "diff--sign-delete",
    "+": "diff--sign-insert",
    "~": "diff--sign-both",
    " ": "diff--text",
}

#: Painted rows kept (a screenful is re-used while scrolling by a line or a page).
ROW_CACHE = 512


class DiffLines(ScrollView, can_focus=True):
    """The comparison, row by row: arrows, page keys, j/k and space scroll it.

    Removed words are shown as [-removed-] (struck through, red), added words as
    {+added+} (underlined, green); a sign in the left margin marks each changed line:
    - removed words, + added words, ~ both. The current change and the current search
    match are shown in reverse video.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Down", show=False, tooltip="Scroll down a line."),
        Binding("k", "scroll_up", "Up", show=False, tooltip="Scroll up a line."),
        Binding("space", "page_down", "Page", show=False, tooltip="Scroll down a page."),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *KIND_CLASSES.values(),
        *SIGN_CLASSES.values(),
        "diff--separator",
        "diff--current",
        "diff--match",
        "diff--match-current",
        "diff--message",
    }

    DEFAULT_CSS = """
    DiffLines {
        background: $background;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-gutter: stable;
        scrollbar-size-vertical: 1;
        padding: 0;
    }
    DiffLines > .diff--text {
    }
    DiffLines > .diff--delete {
        color: $text-error;
        background: $error 15%;
        text-style: strike;
    }
    DiffLines > .diff--insert {
        color: $text-success;
        background: $success 15%;
        text-style: underline;
    }
    DiffLines > .diff--delete-mark {
        color: $text-error;
        text-style: bold;
    }
    DiffLines > .diff--insert-mark {
        color: $text-success;
        text-style: bold;
    }
    DiffLines > .diff--title {
        color: $accent;
        text-style: bold;
    }
    DiffLines > .diff--note {
        color: $text-muted;
        text-style: italic;
    }
    DiffLines > .diff--summary {
        text-style: bold;
    }
    DiffLines > .diff--label {
        text-style: bold;
    }
    DiffLines > .diff--sign-delete {
        color: $text-error;
        text-style: bold;
    }
    DiffLines > .diff--sign-insert {
        color: $text-success;
        text-style: bold;
    }
    DiffLines > .diff--sign-both {
        color: $text-warning;
        text-style: bold;
    }
    DiffLines > .diff--separator {
        color: $panel-lighten-2;
    }
    DiffLines > .diff--current {
        text-style: reverse bold;
    }
    DiffLines > .diff--match {
        background: $warning 40%;
        text-style: bold;
    }
    DiffLines > .diff--match-current {
        text-style: reverse bold;
    }
    DiffLines > .diff--message {
        color: $text-muted;
        text-style: italic;
    }
    /* 16 colours (ANSI themes): no blending, so no tinted backgrounds, which would
       paint the words in the colour of their background. */
    DiffLines:ansi > .diff--delete {
        color: ansi_red;
        background: transparent;
    }
    DiffLines:ansi > .diff--insert {
        color: ansi_green;
        background: transparent;
    }
    DiffLines:ansi > .diff--delete-mark, DiffLines:ansi > .diff--sign-delete {
        color: ansi_red;
    }
    DiffLines:ansi > .diff--insert-mark, DiffLines:ansi > .diff--sign-insert {
        color: ansi_green;
    }
    DiffLines:ansi > .diff--sign-both {
        color: ansi_yellow;
    }
    DiffLines:ansi > .diff--match {
        color: ansi_black;
        background: ansi_yellow;
    }
    """

    class WidthChanged(Message):
        """The width to lay out for changed (debounced after a resize)."""

        def __init__(self, width: int) -> None:
            super().__init__()
            self.width = width

    class TopChanged(Message):
        """The row at the top of the view changed (by scrolling)."""

        def __init__(self, row: int) -> None:
            super().__init__()
            self.row = row

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.diff_layout: DiffLayout | None = None
        """What is shown (None: a message is shown instead)."""
        self._message: list[str] = []
        self._current_change = -1
        self._matches: list[tuple[int, int, int]] = []
        self._line_matches: dict[int, list[tuple[int, int, int]]] = {}
        self._current_match = -1
        self._cache: OrderedDict[tuple[int, int], Strip] = OrderedDict()
        self._resize_timer: Timer | None = None
        self._top = -1
        self._style_cache: tuple[Style, dict[str, Style]] | None = None

    # what is shown ----------------------------------------------------------------------

    def show_message(self, message: str) -> None:
        """Show a message of ours (comparing, an error) instead of a comparison."""
        self.diff_layout = None
        self._message = message.split("\n")
        self._clear_marks()
        self.virtual_size = Size(self.content_width, len(self._message))
        self.scroll_to(0, 0, animate=False)
        self.refresh()

    def show_layout(self, layout: DiffLayout, *, top: int = 0) -> None:
        """Show ``layout`` with row ``top`` at the top of the view."""
        self.diff_layout = layout
        self._message = []
        self._clear_marks()
        self.virtual_size = Size(self.content_width, layout.line_count)
        self.scroll_to(y=max(0, top), animate=False, immediate=True)
        self.refresh()
        self._note_top()

    def _clear_marks(self) -> None:
        self._current_change = -1
        self._matches = []
        self._line_matches = {}
        self._current_match = -1
        self._cache.clear()

    @property
    def content_width(self) -> int:
        """Cells available for the rows (the width without the scrollbar)."""
        return self.scrollable_content_region.width

    @property
    def top_row(self) -> int:
        """The row at the top of the view."""
        return round(self.scroll_y)

    @property
    def page_rows(self) -> int:
        """How many rows the view shows."""
        return max(1, self.scrollable_content_region.height)

    def is_row_visible(self, row: int, margin: int = 0) -> bool:
        """Whether ``row`` is on screen, at least ``margin`` rows from the edges."""
        top = self.top_row
        height = self.page_rows
        margin = min(margin, max(0, (height - 1) // 2))
        return top + margin <= row < top + height - margin

    def bring_into_view(self, row: int, margin: int = 3) -> None:
        """Scroll so ``row`` is on screen, ``margin`` rows from the top when it was not."""
        if not self.is_row_visible(row, margin if row > margin else 0):
            self.scroll_to(y=max(0, row - margin), animate=False, immediate=True)
            self._note_top()

    # changes and matches ------------------------------------------------------------------

    @property
    def current_change(self) -> int:
        """The change shown in reverse video (-1: none)."""
        return self._current_change

    @current_change.setter
    def current_change(self, change: int) -> None:
        if change != self._current_change:
            self._current_change = change
            self._cache.clear()
            self.refresh()

    @property
    def change_rows(self) -> list[int]:
        """The first row of every change in the layout shown (none while comparing)."""
        return self.diff_layout.change_rows if self.diff_layout is not None else []

    def current_change_on_screen(self) -> bool:
        """Whether the current change is on screen."""
        rows = self.change_rows
        change = self._current_change
        return 0 <= change < len(rows) and self.is_row_visible(rows[change])

    def next_change(self) -> int:
        """The change ``]`` goes to: after the current one if on screen, else the first at
        or below the top (``len(change_rows)``: none)."""
        if self.current_change_on_screen():
            return self._current_change + 1
        return bisect_left(self.change_rows, self.top_row)

    def previous_change(self) -> int:
        """The change ``[`` goes to: before the current one if on screen, else the last
        above the bottom (-1: none)."""
        if self.current_change_on_screen():
            return self._current_change - 1
        return bisect_left(self.change_rows, self.top_row + self.page_rows) - 1

    def change_for_action(self) -> int:
        """The current change if on screen, else the first change on screen (-1: none)."""
        if self.current_change_on_screen():
            return self._current_change
        rows = self.change_rows
        first = bisect_left(rows, self.top_row)
        if first < len(rows) and self.is_row_visible(rows[first]):
            return first
        return -1

    def set_matches(self, matches: list[tuple[int, int, int]], current: int = -1) -> None:
        """Highlight search matches ``(line, start, end)``; ``current`` in reverse video."""
        self._matches = matches
        self._line_matches = {}
        for index, (line, start, end) in enumerate(matches):
            self._line_matches.setdefault(line, []).append((start, end, index))
        self._current_match = current
        self._cache.clear()
        self.refresh()

    @property
    def matches(self) -> list[tuple[int, int, int]]:
        """The search matches highlighted: ``(line, start, end)`` in row order."""
        return self._matches

    @property
    def current_match(self) -> int:
        """Index of the match in reverse video (-1: none)."""
        return self._current_match

    @current_match.setter
    def current_match(self, index: int) -> None:
        if index != self._current_match:
            self._current_match = index
            self._cache.clear()
            self.refresh()

    # resizing and scrolling ---------------------------------------------------------------

    def on_resize(self) -> None:
        self._cache.clear()
        if self.diff_layout is None:
            self.virtual_size = Size(self.content_width, len(self._message))
            return
        self.virtual_size = Size(self.content_width, self.diff_layout.line_count)
        if self.diff_layout.width == layout_width(self.content_width):
            return
        if self._resize_timer is not None:
            self._resize_timer.stop()
        self._resize_timer = self.set_timer(0.15, self._announce_width)

    def _announce_width(self) -> None:
        self._resize_timer = None
        width = layout_width(self.content_width)
        if self.diff_layout is not None and self.diff_layout.width != width:
            self.post_message(self.WidthChanged(self.content_width))

    # Scrolling jumps instead of animating: over SSH every animation frame is a screen
    # update on the wire, and a jump of a page is what a reader of a diff expects.

    def action_scroll_down(self) -> None:
        """Scroll down a line."""
        self.scroll_down(animate=False)

    def action_scroll_up(self) -> None:
        """Scroll up a line."""
        self.scroll_up(animate=False)

    def action_page_down(self) -> None:
        """Scroll down a page."""
        self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        """Scroll up a page."""
        self.scroll_page_up(animate=False)

    def action_scroll_home(self) -> None:
        """Go to the top."""
        self.scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        """Go to the end."""
        self.scroll_end(animate=False)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._note_top()

    def _note_top(self) -> None:
        top = self.top_row
        if top != self._top:
            self._top = top
            self.post_message(self.TopChanged(top))

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()
        self._style_cache = None

    # painting -------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        """Paint one row of the view."""
        row = round(self.scroll_y) + y
        width = self.content_width
        base, styles = self._styles()
        layout = self.diff_layout
        if layout is None:
            if 0 <= row < len(self._message):
                style = base + self.get_component_rich_style("diff--message", partial=True)
                return Strip([Segment(" " + self._message[row], style)]).crop_extend(0, width, base)
            return Strip.blank(width, base)
        if row >= layout.line_count:
            return Strip.blank(width, base)
        key = (row, width)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._paint_row(layout, row, width, base, styles)
            self._cache[key] = strip
            if len(self._cache) > ROW_CACHE:
                self._cache.popitem(last=False)
        return strip

    def _styles(self) -> tuple[Style, dict[str, Style]]:
        """The widget's style and the style of each component class (kept until restyled)."""
        if self._style_cache is None:
            base = self.rich_style
            self._style_cache = (base, self._kind_styles(base))
        return self._style_cache

    def _kind_styles(self, base: Style) -> dict[str, Style]:
        # Full styles: a translucent background ($error 15%) is blended with the
        # widget's own; the overlays only add attributes (reverse, bold) on top.
        get = self.get_component_rich_style
        names = {*KIND_CLASSES.values(), *SIGN_CLASSES.values(), "diff--separator", "diff--match"}
        styles = {name: base + get(name) for name in names}
        for name in ("diff--current", "diff--match-current"):
            styles[name] = get(name, partial=True)
        return styles

    def _paint_row(
        self, layout: DiffLayout, row: int, width: int, base: Style, styles: dict[str, Style]
    ) -> Strip:
        left, left_wrap, right, right_wrap = layout.rows[row]
        if right == FULL:
            segments = list(self._cell(layout, left, left_wrap, width - GUTTER, styles, base))
        else:
            segments = list(self._cell(layout, left, left_wrap, layout.column, styles, base))
            segments.append(Segment("│", styles["diff--separator"]))
            segments.extend(self._cell(layout, right, right_wrap, layout.column, styles, base))
        return Strip(segments).crop_extend(0, width, base)

    def _cell(
        self,
        layout: DiffLayout,
        line_no: int,
        wrap: int,
        width: int,
        styles: dict[str, Style],
        base: Style,
    ) -> Iterator[Segment]:
        """The segments of one cell (gutter and text), exactly ``GUTTER + width`` cells."""
        if line_no == EMPTY:
            yield Segment(" " * (GUTTER + width), base)
            return
        line = layout.lines[line_no]
        sign = line.sign if wrap == 0 else " "
        yield Segment(sign, styles[SIGN_CLASSES.get(sign, "diff--text")])
        yield Segment(" ", base)
        start = line.breaks[wrap]
        end = line.breaks[wrap + 1] if wrap + 1 < len(line.breaks) else len(line.text)
        segments: list[Segment] = []
        if line.spans and end > start:
            first, last = line.span_range(start, end)
            matches = self._line_matches.get(line_no, ())
            current = self._current_change
            for index in range(first, last):
                text, kind, change = line.spans[index]
                offset = line.offsets[index]
                a = max(start, offset)
                b = min(end, offset + len(text))
                if a >= b:
                    continue
                style = styles[KIND_CLASSES[kind]]
                if change >= 0 and change == current:
                    style = style + styles["diff--current"]
                if not matches:
                    segments.append(Segment(text[a - offset : b - offset], style))
                    continue
                for x, y, match in _split(a, b, matches):
                    piece_style = style
                    if match >= 0:
                        name = (
                            "diff--match-current" if match == self._current_match else "diff--match"
                        )
                        piece_style = style + styles[name]
                    segments.append(Segment(text[x - offset : y - offset], piece_style))
        yield from Strip(segments).crop_extend(0, width, base)

    # for tests and for copying the screen ---------------------------------------------------

    def visible_text(self) -> str:
        """The plain text of the rows on screen."""
        top = self.top_row
        if self.diff_layout is None:
            return "\n".join(self._message[top : top + self.page_rows])
        return self.diff_layout.plain(top, top + self.page_rows)


def _split(
    start: int, end: int, matches: list[tuple[int, int, int]] | tuple[()]
) -> Iterator[tuple[int, int, int]]:
    """``[start, end)`` cut at match boundaries: ``(from, to, match index or -1)``."""
    position = start
    for match_start, match_end, index in matches:
        if match_end <= position or match_start >= end:
            continue
        if match_start > position:
            yield position, match_start, -1
        stop = min(match_end, end)
        yield max(match_start, position), stop, index
        position = stop
    if position < end:
        yield position, end, -1
