"""The diff view: two versions of a notice compared section by section, word by word.

The app opens it with :meth:`tui.app.app.NoticeApp.open_diff` (``d`` on a version, ``m`` +
``d`` for two chosen ends, ``D`` from the reviewed version). Reading the two texts,
comparing them (:mod:`notices_repo.usecases.compare`, as ``notice-tui diff`` does) and
laying the result out for the width (:func:`tui.app.widgets.diff_rows.build_layout`) all
happen in a thread worker; the UI only paints the rows on screen
(:class:`tui.app.widgets.diff_lines.DiffLines`), so a 1 MB notice with thousands of changes
opens and scrolls without freezing keys.

At the top, the two ends (effective date, commit, subject); below, the summary (numbers
and section names) and the changed sections; at the bottom, a status line (layout,
whitespace, which change, the search). Keys: ``]``/``[`` next/previous change, ``s``
unified or side by side, ``w`` ignore whitespace, ``f`` whole text, ``/`` find with
``n``/``N``, ``y`` copy the current change (OSC 52), ``e`` write a Markdown report,
``escape``/``q`` back.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import time
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, Static
from textual.worker import Worker, WorkerState, get_current_worker

from notices_repo.catalog.timeline import status_of
from notices_repo.diff.compare import DiffResult
from notices_repo.diff.render import CONTEXT_WORDS, mark_hunks, render_markdown, section_title
from notices_repo.diff.words import EQUAL, Hunk
from notices_repo.model import Notice, Revision
from notices_repo.text.inert import inert_line
from notices_repo.usecases.compare import End, Side, compare_sides, end_of, read_sides
from tui.app import keys
from tui.app.messages import LoadedText
from tui.app.osc52 import copy_text
from tui.app.widgets.diff_lines import DiffLines
from tui.app.widgets.diff_rows import (
    SIDE_BY_SIDE,
    UNIFIED,
    DiffLayout,
    build_layout,
    find_matches,
    layout_width,
    row_of_match,
)

if TYPE_CHECKING:
    from notices_repo.catalog.repository import NoticeRepository

log = logging.getLogger("tui.diff")

#: Unchanged words kept around the change that ``y`` copies.
COPY_CONTEXT = CONTEXT_WORDS
#: Report files tried before giving up (name, name-2, ... name-999).
MAX_REPORT_NAMES = 999


# --------------------------------------------------------------------------- messages


class Compared(Message):
    """The compare worker's result: the texts, the comparison, its first layout."""

    def __init__(
        self,
        generation: int,
        sides: tuple[Side, Side],
        warnings: list[str],
        result: DiffResult,
        layout: DiffLayout | None,
        timings: dict[str, float],
    ) -> None:
        super().__init__()
        self.generation = generation
        self.sides = sides
        self.warnings = warnings
        self.result = result
        self.diff_layout = layout
        self.timings = timings


class LaidOut(Message):
    """A new layout of the same comparison (other width, mode or extent)."""

    def __init__(self, generation: int, layout: DiffLayout | None, seconds: float) -> None:
        super().__init__()
        self.generation = generation
        self.diff_layout = layout
        self.seconds = seconds


class CompareFailed(Message):
    """The texts could not be read or compared."""

    def __init__(self, generation: int, message: str) -> None:
        super().__init__()
        self.generation = generation
        self.message = message


class ReportWritten(Message):
    """The report worker finished: where the file is, or why there is none."""

    def __init__(self, path: Path | None, error: str | None) -> None:
        super().__init__()
        self.path = path
        self.error = error


# --------------------------------------------------------------------------- the ends


def _side(loaded: LoadedText) -> Side:
    """A text the main screen has read and split, as the comparison takes it: the file's
    text (markup too), its structure only when it is the text that was split."""
    same = loaded.source is None
    parsed = (loaded.sections, loaded.categories) if same else None
    return Side(loaded.commit, loaded.file_text, parsed, loaded.warning)


@dataclass(frozen=True, slots=True)
class Place:
    """Where the reader is, kept across a new layout (s, f, a resize) or comparison (w)."""

    section: tuple[int | None, int | None] | None
    """The section at the top (its new and old index), None: the summary."""
    offset: int
    """Rows from the start of that section (or from the top) to the top of the view."""
    screen: int
    """With ``by_change``: rows from the top of the view to the current change."""
    change: tuple[tuple[int | None, int | None], int] | None
    """The current change: its section and which change of that section it is."""
    by_change: bool
    """The current change is on screen: keep it where it is on screen."""


# --------------------------------------------------------------------------- reports


def report_name(notice: Notice, old: End, new: End) -> str:
    """A file name for the report: ``notice-diff-<notice>-<from>-to-<to>.md``."""
    stem = notice.name.rsplit(".", 1)[0] if "." in notice.name else notice.name
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-._")[:60] or "notice"
    return f"notice-diff-{slug}-{old.date_label}-to-{new.date_label}.md"


def write_new_file(folder: Path, name: str, text: str) -> Path:
    """Write ``text`` to a file in ``folder`` that did not exist: ``name``, ``name-2``...

    Never overwrites and never follows a link planted under the name (``O_EXCL``).
    Raises OSError when the folder cannot be written to.
    """
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    data = text.encode("utf-8")
    for number in range(1, MAX_REPORT_NAMES + 1):
        candidate = name if number == 1 else f"{stem}-{number}{dot}{suffix}"
        path = folder / candidate
        try:
            fd = os.open(path, flags, 0o644)
        except FileExistsError:
            continue
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        return path
    raise FileExistsError(f"{MAX_REPORT_NAMES} reports named {name} already exist")


def line_window(hunks: Sequence[Hunk], index: int, reach: int = 4) -> list[Hunk]:
    """The hunks of the line(s) that hunk ``index`` is on, cut at the line ends.

    At most ``reach`` hunks on each side (a long paragraph with many changes is one
    line), so what is copied is the change with its neighbours, not a whole page.
    """

    def one_line(hunk: Hunk) -> bool:
        return "\n" not in hunk.old and "\n" not in hunk.new

    start = index
    while start > max(0, index - reach) and one_line(hunks[start - 1]):
        start -= 1
    end = index
    while end < min(len(hunks) - 1, index + reach) and one_line(hunks[end + 1]):
        end += 1
    window = list(hunks[start : end + 1])
    if start > 0 and hunks[start - 1].op == EQUAL and start > index - reach:
        tail = hunks[start - 1].new.rpartition("\n")[2]
        if tail:
            window.insert(0, Hunk(EQUAL, tail, tail))
    if end + 1 < len(hunks) and hunks[end + 1].op == EQUAL and end < index + reach:
        head = hunks[end + 1].new.partition("\n")[0]
        if head:
            window.append(Hunk(EQUAL, head, head))
    return window


def _why(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied"
    return error.strerror or str(error)


# --------------------------------------------------------------------------- the screen


class DiffScreen(Screen[None]):
    """Two versions of a notice compared, section by section and word by word.

    The summary at the top says what changed, in numbers and by section name; then each
    changed section with removed words as [-removed-] and added words as {+added+}
    (signs in the margin: - removed, + added, ~ both). ] and [ step through the changes,
    s switches between unified and side by side, w ignores whitespace and layout-only
    changes, f shows the whole text, / searches (n and N step through the matches),
    y copies the current change and e writes a Markdown report to the current folder.
    """

    BINDINGS = keys.bindings(keys.DIFF)
    KEY_SCOPES: ClassVar[tuple[str, ...]] = (keys.DIFF,)
    """Where the help screen and the palette find this screen's keys."""
    HELP_TITLE: ClassVar[str] = "Comparison"
    HELP_EXTRA: ClassVar[tuple[tuple[str, str], ...]] = (
        ("↑, ↓, j, k", "Scroll a line."),
        ("PgUp, PgDn, space, Home, End", "Scroll a page, to the top, to the end."),
    )
    AUTO_FOCUS = "#diff-lines"

    DEFAULT_CSS = """
    DiffScreen {
        layout: vertical;
    }
    DiffScreen > #diff-header {
        height: auto;
        max-height: 4;
        padding: 0 1;
        background: $panel;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    DiffScreen > #diff-lines {
        height: 1fr;
    }
    DiffScreen > #diff-search {
        height: 1;
        border: none;
        padding: 0 1;
        display: none;
    }
    DiffScreen > #diff-search.-shown {
        display: block;
    }
    DiffScreen > #diff-status {
        height: 1;
        padding: 0 1;
        background: $panel;
        color: $text-muted;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(
        self,
        notice: Notice,
        old: Revision,
        new: Revision,
        *,
        repository: NoticeRepository | None = None,
        today: dt.date | None = None,
        ignore_whitespace: bool = False,
        mode: str = UNIFIED,
        full: bool = False,
        known: Sequence[LoadedText] = (),
    ) -> None:
        """``known``: texts the caller has already read and split (the main screen's),
        by commit; they are not read or parsed again."""
        super().__init__()
        self.notice = notice
        """The notice compared."""
        self.old = end_of(notice, old)
        """The older end (shown on the left, its words as [-removed-])."""
        self.new = end_of(notice, new)
        """The newer end (on the right, its words as {+added+})."""
        self.ignore_whitespace = ignore_whitespace
        """Whitespace and layout-only changes are left out."""
        self.mode = mode
        """``unified`` or ``side-by-side``."""
        self.full = full
        """The whole text with changes marked (else only the changes)."""
        self.result: DiffResult | None = None
        """The comparison (None until the worker has made it)."""
        self.timings: dict[str, float] = {}
        """Seconds spent reading, diffing and laying out (and to the first paint)."""
        self.last_report: Path | None = None
        """The last report written from this view."""
        self._repository = repository
        self._today = today
        self._sides: tuple[Side, Side] | None = None
        self._known = [_side(loaded) for loaded in known if loaded.notice_key == notice.key]
        self._positions: list[tuple[int, int]] = []
        self._compare_generation = 0
        self._layout_generation = 0
        self._comparing = False
        self._rows_seen = 0
        self._opened = time.perf_counter()
        self._query = ""
        self._section = -2

    # parts ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(self._header_text(), id="diff-header")
        yield DiffLines(id="diff-lines")
        yield Input(
            placeholder="find in the comparison (enter: go, escape: close)", id="diff-search"
        )
        yield Static(id="diff-status")
        yield Footer()

    @property
    def lines(self) -> DiffLines:
        """The comparison's rows."""
        return self.query_one("#diff-lines", DiffLines)

    @property
    def search_box(self) -> Input:
        """The find box."""
        return self.query_one("#diff-search", Input)

    @property
    def diff_layout(self) -> DiffLayout | None:
        """The layout shown (None while comparing)."""
        return self.lines.diff_layout

    @property
    def repository(self) -> NoticeRepository | None:
        """The repository the texts are read from (the app's, unless given)."""
        return self._repository or getattr(self.app, "repository", None)

    @property
    def today(self) -> dt.date:
        """The day version statuses are computed for."""
        return self._today or getattr(self.app, "today", None) or dt.date.today()

    def _header_text(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append("Compare ", style="bold")
        text.append(inert_line(self.notice.title), style="bold")
        text.append(f"  {inert_line(self.notice.path)}", style="dim")
        for label, sign, style, end in (
            ("from", "-", "bold red", self.old),
            ("to  ", "+", "bold green", self.new),
        ):
            text.append("\n")
            text.append(f"{sign} ", style=style)
            text.append(f"{label}  ")
            text.append(end.date_label, style="bold")
            if end.version is not None:
                status = status_of(end.version, self.today)
                words = {"upcoming": "upcoming", "in-force": "in force"}.get(status, "superseded")
                text.append(f" ({words})")
            text.append(f"  {end.revision.commit[:10]}", style="dim")
            text.append(f"  {end.revision.committed[:10]}  ")
            text.append(inert_line(end.revision.subject))
        return text

    # start ------------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.lines.show_message("Comparing the two versions…")
        self._show_status()
        self._start_compare()

    def _layout_width(self) -> int:
        width = self.lines.content_width
        return layout_width(width if width > 0 else self.app.size.width - 1)

    def _start_compare(self) -> None:
        repository = self.repository
        if repository is None:
            self.lines.show_message("The repository is not open yet; go back and try again.")
            return
        self._compare_generation += 1
        self._layout_generation += 1  # a layout of the old comparison is no use now
        self._comparing = True
        self._compare(
            self._compare_generation,
            repository,
            self.ignore_whitespace,
            self._layout_width(),
            self.mode,
            self.full,
        )

    @work(thread=True, exclusive=True, group="diff-compare", exit_on_error=False)
    def _compare(
        self,
        generation: int,
        repository: NoticeRepository,
        ignore_whitespace: bool,
        width: int,
        mode: str,
        full: bool,
    ) -> None:
        """Read both texts (once), compare them and lay the result out, off the UI thread."""
        from notices_repo.errors import NoticeError

        worker = get_current_worker()
        timings: dict[str, float] = {}
        warnings: list[str] = []
        started = time.perf_counter()
        sides = self._sides
        if sides is None:
            try:
                sides = read_sides(
                    repository, self.old.revision, self.new.revision, known=self._known
                )
            except NoticeError as exc:
                self.post_message(CompareFailed(generation, exc.message))
                return
            warnings = [side.note for side in sides if side.note]
        timings["read"] = time.perf_counter() - started
        if worker.is_cancelled:
            return
        started = time.perf_counter()
        comparison = compare_sides(*sides, ignore_whitespace=ignore_whitespace, full=full)
        result = comparison.result
        timings["diff"] = time.perf_counter() - started
        if worker.is_cancelled:
            return
        started = time.perf_counter()
        layout = build_layout(
            result,
            width,
            mode,
            full=full,
            cancelled=lambda: worker.is_cancelled or generation != self._compare_generation,
        )
        timings["layout"] = time.perf_counter() - started
        self.post_message(Compared(generation, comparison.sides, warnings, result, layout, timings))

    @on(Compared)
    def compared(self, message: Compared) -> None:
        """Show a new comparison (first, or after ``w``), at the same place."""
        message.stop()
        if message.generation != self._compare_generation:
            return
        self._comparing = False
        place = self._place()
        self._sides = message.sides
        self.result = message.result
        self._positions = message.result.change_positions()
        self.timings.update(message.timings)
        for warning in message.warnings:
            self.notify(inert_line(warning), severity="warning", markup=False, timeout=8)
        first = "first_paint" not in self.timings
        if message.diff_layout is not None:
            self._show_layout(message.diff_layout, place)
        if first:
            self.call_after_refresh(self._painted)

    def _painted(self) -> None:
        self.timings["first_paint"] = time.perf_counter() - self._opened
        log.debug(
            "diff view: %s",
            ", ".join(f"{name} {seconds * 1000:.0f} ms" for name, seconds in self.timings.items()),
        )

    @on(CompareFailed)
    def compare_failed(self, message: CompareFailed) -> None:
        """Say why there is nothing to show."""
        message.stop()
        if message.generation == self._compare_generation:
            self._comparing = False
            self.lines.show_message(
                f"Could not compare these versions.\n\n{inert_line(message.message)}\n\n"
                "Press escape to go back."
            )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker that failed: say so here, and let the app log it calmly."""
        if event.state != WorkerState.ERROR:
            return
        if event.worker.group == "diff-compare":
            self._comparing = False
            self.lines.show_message(
                f"Could not compare these versions: {inert_line(str(event.worker.error))}\n\n"
                "Press escape to go back."
            )
        handler = getattr(self.app, "worker_failed", None)
        if callable(handler):
            handler(event)
        else:
            self.notify(f"{event.worker.error}", severity="error", markup=False)

    # layout -----------------------------------------------------------------------------

    def _relayout(self) -> None:
        """Lay the comparison out again (width, mode or extent changed).

        While a comparison is being made, nothing: it is laid out for the settings of
        the moment it lands (see :meth:`_show_layout`).
        """
        if self.result is None or self._comparing:
            return
        self._layout_generation += 1
        self._layout_worker(
            self._layout_generation, self.result, self._layout_width(), self.mode, self.full
        )

    @work(thread=True, exclusive=True, group="diff-layout", exit_on_error=False)
    def _layout_worker(
        self, generation: int, result: DiffResult, width: int, mode: str, full: bool
    ) -> None:
        worker = get_current_worker()
        started = time.perf_counter()
        layout = build_layout(
            result,
            width,
            mode,
            full=full,
            cancelled=lambda: worker.is_cancelled or generation != self._layout_generation,
        )
        if layout is not None:
            self.post_message(LaidOut(generation, layout, time.perf_counter() - started))

    @on(LaidOut)
    def laid_out(self, message: LaidOut) -> None:
        """Show a new layout of the same comparison, at the same place."""
        message.stop()
        if message.generation != self._layout_generation or message.diff_layout is None:
            return
        self.timings["layout"] = message.seconds
        self._show_layout(message.diff_layout, self._place())

    def _show_layout(self, layout: DiffLayout, place: Place | None) -> None:
        lines = self.lines
        top, change = self._restore(place, layout)
        lines.show_layout(layout, top=top)
        lines.current_change = change
        if self._query:
            self._search(self._query, move=False)
        self._section = -2
        self._rows_seen = lines.page_rows
        self._show_status()
        wanted = (layout_width(self._layout_width()), self.mode, self.full)
        if (layout.width, layout.mode, layout.full) != wanted:
            self._relayout()

    def _section_key(self, index: int) -> tuple[int | None, int | None]:
        assert self.result is not None
        section = self.result.sections[index]
        return section.new_index, section.old_index

    def _place(self) -> Place | None:
        """Where the reader is in the layout shown (None: nothing shown yet)."""
        layout, result = self.diff_layout, self.result
        if layout is None or result is None:
            return None
        lines = self.lines
        top = lines.top_row
        current: tuple[tuple[int | None, int | None], int] | None = None
        on_screen = False
        change = lines.current_change
        if 0 <= change < len(layout.change_rows) and change < len(self._positions):
            section = self._positions[change][0]
            first = bisect_left(self._positions, (section, -1))
            current = (self._section_key(section), change - first)
            # on screen as the reader last saw it (a resize may have shrunk the view since)
            rows = max(lines.page_rows, self._rows_seen)
            on_screen = top <= layout.change_rows[change] < top + rows
        if on_screen:
            return Place(None, 0, layout.change_rows[change] - top, current, True)
        section = layout.section_at(top)
        if section < 0:
            return Place(None, top, 0, current, False)
        offset = top - layout.section_rows.get(section, top)
        return Place(self._section_key(section), offset, 0, current, False)

    def _find_section(self, key: tuple[int | None, int | None]) -> int | None:
        assert self.result is not None
        new_index, old_index = key
        for field, wanted in (("new_index", new_index), ("old_index", old_index)):
            if wanted is None:
                continue
            for index, section in enumerate(self.result.sections):
                if getattr(section, field) == wanted:
                    return index
        return None

    def _restore(self, place: Place | None, layout: DiffLayout) -> tuple[int, int]:
        """The top row and current change in ``layout`` for ``place``."""
        if place is None or self.result is None:
            return 0, -1
        change = -1
        if place.change is not None:
            index = self._find_section(place.change[0])
            if index is not None:
                first = bisect_left(self._positions, (index, -1))
                candidate = first + place.change[1]
                if candidate < len(self._positions) and self._positions[candidate][0] == index:
                    change = candidate
        if place.by_change and change >= 0:
            screen = min(place.screen, max(0, self.lines.page_rows - 3))
            return max(0, layout.change_rows[change] - screen), change
        if place.section is None:
            return min(place.offset, max(0, layout.line_count - 1)), change
        index = self._find_section(place.section)
        if index is None or index not in layout.section_rows:
            return 0, change
        return max(0, layout.section_rows[index] + max(0, place.offset)), change

    @on(DiffLines.WidthChanged)
    def width_changed(self, message: DiffLines.WidthChanged) -> None:
        """The terminal was resized: wrap for the new width."""
        message.stop()
        self._relayout()

    @on(DiffLines.TopChanged)
    def top_changed(self, message: DiffLines.TopChanged) -> None:
        """Keep the status line's section name with the scrolling."""
        message.stop()
        layout = self.diff_layout
        section = layout.section_at(message.row) if layout is not None else -2
        self._rows_seen = self.lines.page_rows
        if section != self._section:
            self._section = section
            self._show_status()

    # status -----------------------------------------------------------------------------

    def _show_status(self) -> None:
        parts: list[str] = [
            "side by side" if self.mode == SIDE_BY_SIDE else "unified",
            "whitespace ignored" if self.ignore_whitespace else "whitespace counted",
            "whole text" if self.full else "changes only",
        ]
        layout = self.diff_layout
        result = self.result
        if layout is not None and result is not None:
            total = len(layout.change_rows)
            change = self.lines.current_change
            if total == 0:
                parts.append("no changes")
            elif change >= 0:
                parts.append(f"change {change + 1} of {total}")
            else:
                parts.append(f"{total} change{'' if total == 1 else 's'}")
            if self._current_change_on_screen(layout.change_rows):
                section = layout.change_sections[change]
            else:
                section = layout.section_at(self.lines.top_row)
            if section >= 0:
                heading = result.sections[section].heading
                parts.append(f"§ {inert_line(heading) if heading else '(preamble)'}")
        if self._query:
            matches = len(self.lines.matches)
            current = self.lines.current_match
            where = f"{current + 1} of {matches}" if current >= 0 else f"{matches} matches"
            parts.append(f'find "{inert_line(self._query)}": {where if matches else "no match"}')
        self.query_one("#diff-status", Static).update(Text(" · ".join(parts)))

    # changes ----------------------------------------------------------------------------

    def _change_rows(self) -> list[int]:
        layout = self.diff_layout
        return layout.change_rows if layout is not None else []

    def _current_change_on_screen(self, rows: list[int]) -> bool:
        """Whether the current change (an index into ``rows``) is on screen."""
        change = self.lines.current_change
        return 0 <= change < len(rows) and self.lines.is_row_visible(rows[change])

    def _go_to_change(self, change: int) -> None:
        lines = self.lines
        lines.current_change = change
        lines.bring_into_view(self._change_rows()[change])
        self._rows_seen = lines.page_rows
        self._show_status()

    def _not_ready(self) -> bool:
        if self.diff_layout is None or self.result is None:
            self.notify("Still comparing; a moment.", timeout=2, markup=False)
            return True
        if not self._change_rows():
            self.notify("No changes to step through.", timeout=2, markup=False)
            return True
        return False

    def action_next_change(self) -> None:
        """Jump to the next change."""
        if self._not_ready():
            return
        rows = self._change_rows()
        lines = self.lines
        if self._current_change_on_screen(rows):
            target = lines.current_change + 1
        else:
            target = bisect_left(rows, lines.top_row)
        if target >= len(rows):
            self.notify(
                f"That was the last change ({len(rows)} of {len(rows)}); [ goes back.",
                timeout=2,
                markup=False,
            )
            return
        self._go_to_change(target)

    def action_previous_change(self) -> None:
        """Jump to the previous change."""
        if self._not_ready():
            return
        rows = self._change_rows()
        lines = self.lines
        if self._current_change_on_screen(rows):
            target = lines.current_change - 1
        else:
            target = bisect_left(rows, lines.top_row + lines.page_rows) - 1
        if target < 0:
            self.notify("That was the first change; ] goes on.", timeout=2, markup=False)
            return
        self._go_to_change(target)

    def _change_for_action(self) -> int:
        """The current change if on screen, else the first change on screen (-1: none)."""
        rows = self._change_rows()
        lines = self.lines
        if self._current_change_on_screen(rows):
            return lines.current_change
        first = bisect_left(rows, lines.top_row)
        if first < len(rows) and lines.is_row_visible(rows[first]):
            return first
        return -1

    # modes ------------------------------------------------------------------------------

    def action_switch_layout(self) -> None:
        """Switch between unified and side by side."""
        self.mode = UNIFIED if self.mode == SIDE_BY_SIDE else SIDE_BY_SIDE
        self._show_status()
        self._relayout()

    def action_toggle_whitespace(self) -> None:
        """Ignore whitespace and layout-only changes, or count them again (compares again)."""
        self.ignore_whitespace = not self.ignore_whitespace
        self._show_status()
        self.notify(
            "Whitespace and layout-only changes ignored."
            if self.ignore_whitespace
            else "Whitespace and layout changes counted again.",
            timeout=2,
            markup=False,
        )
        self._start_compare()

    def action_toggle_full(self) -> None:
        """Show the whole text with changes marked, or only the changes."""
        self.full = not self.full
        self._show_status()
        self._relayout()

    # find -------------------------------------------------------------------------------

    def action_find(self) -> None:
        """Open the find box."""
        box = self.search_box
        box.add_class("-shown")
        box.focus()

    def _close_search(self) -> None:
        self.search_box.remove_class("-shown")
        self.lines.focus()

    @on(Input.Changed, "#diff-search")
    def search_changed(self, event: Input.Changed) -> None:
        """Find as you type."""
        event.stop()
        self._search(event.value, move=True)

    @on(Input.Submitted, "#diff-search")
    def search_submitted(self, event: Input.Submitted) -> None:
        """Enter: close the box and stay on the match."""
        event.stop()
        self._close_search()
        if self._query and not self.lines.matches:
            self.notify(f'No match for "{inert_line(self._query)}".', markup=False, timeout=3)

    def _search(self, query: str, *, move: bool) -> None:
        self._query = query.strip()
        layout = self.diff_layout
        lines = self.lines
        if layout is None or not self._query:
            lines.set_matches([])
            self._show_status()
            return
        matches = find_matches(layout, self._query)
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
        self._show_status()

    def _step_match(self, step: int) -> None:
        lines = self.lines
        layout = self.diff_layout
        matches = lines.matches
        if not self._query:
            self.notify("Press / to search first.", timeout=2, markup=False)
            return
        if layout is None or not matches:
            self.notify(f'No match for "{inert_line(self._query)}".', markup=False, timeout=2)
            return
        current = lines.current_match
        target = (current + step) % len(matches) if current >= 0 else 0
        if current >= 0 and (target < current) != (step < 0):
            self.notify(
                "Search went on from the top." if step > 0 else "Search went on from the end.",
                timeout=2,
                markup=False,
            )
        lines.current_match = target
        lines.bring_into_view(row_of_match(layout, matches[target]))
        self._show_status()

    def action_next_match(self) -> None:
        """Go to the next match of the search."""
        self._step_match(1)

    def action_previous_match(self) -> None:
        """Go to the previous match of the search."""
        self._step_match(-1)

    # copy and report --------------------------------------------------------------------

    def change_text(self, change: int) -> str:
        """The text ``y`` copies: where the change is, then it with a few words around."""
        assert self.result is not None
        section_index, hunk_index = self._positions[change]
        section = self.result.sections[section_index]
        hunks = line_window(section.hunks, hunk_index)
        body = mark_hunks(hunks, context=COPY_CONTEXT).strip("\n")
        where = (
            f"{inert_line(self.notice.title)}, {self.old.date_label} -> {self.new.date_label}, "
            f"{section_title(section)}"
        )
        return f"{where}\n{body}\n"

    def action_copy_change(self) -> None:
        """Copy the current change to the clipboard with OSC 52."""
        if self._not_ready():
            return
        change = self._change_for_action()
        if change < 0:
            self.notify(
                "No change on screen; press ] to go to the next one.", timeout=3, markup=False
            )
            return
        self.lines.current_change = change
        self._show_status()
        total = len(self._positions)
        outcome = copy_text(
            self.app,
            self.change_text(change),
            what=f"change {change + 1} of {total}",
            fallback="press e to write a report",
        )
        self.notify(
            outcome.message,
            severity="information" if outcome.sent else "warning",
            markup=False,
            timeout=6,
        )

    def action_write_report(self) -> None:
        """Write the comparison as a Markdown report to a new file in the current folder."""
        if self.result is None:
            self.notify("Still comparing; a moment.", timeout=2, markup=False)
            return
        self._report_worker(self.result)

    @work(thread=True, exclusive=True, group="diff-report", exit_on_error=False)
    def _report_worker(self, result: DiffResult) -> None:
        text = render_markdown(result, self.old.info(), self.new.info(), title=self.notice.title)
        name = report_name(self.notice, self.old, self.new)
        try:
            folder = Path.cwd()
        except OSError as exc:
            self.post_message(
                ReportWritten(None, f"the current folder is gone ({_why(exc)}); nothing written")
            )
            return
        try:
            path = write_new_file(folder, name, text)
        except OSError as exc:
            self.post_message(
                ReportWritten(
                    None,
                    f"could not write the report in {folder}: {_why(exc)}; start notice-tui "
                    "from a folder you can write to",
                )
            )
            return
        self.post_message(ReportWritten(path, None))

    @on(ReportWritten)
    def report_written(self, message: ReportWritten) -> None:
        """Say where the report is (or why there is none)."""
        message.stop()
        if message.path is None:
            self.notify(inert_line(message.error or ""), severity="error", markup=False, timeout=10)
            return
        self.last_report = message.path
        self.notify(
            f"Wrote the Markdown report to {inert_line(str(message.path))}",
            markup=False,
            timeout=10,
        )

    # leaving ----------------------------------------------------------------------------

    def action_back(self) -> None:
        """Close the find box, or go back to where you were."""
        if self.search_box.has_focus:
            self._close_search()
            return
        self.dismiss(None)
