"""The diff view: two versions of a notice compared section by section, word by word.

The app opens it with :meth:`tui.app.services.NoticeServices.open_diff` (``d`` on a version, ``m`` +
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
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Input, Static
from textual.worker import Worker, WorkerState, get_current_worker

from notices_repo.diff.compare import DiffResult
from notices_repo.model import Notice, Revision
from notices_repo.text.inert import inert_line
from notices_repo.usecases.compare import Side, compare_sides, end_of, read_sides
from tui.app import keys
from tui.app.messages import LoadedText, WorkerFailed
from tui.app.osc52 import copy_text
from tui.app.screens.diff_copy import change_text
from tui.app.screens.diff_find import DiffFind, FindKeys
from tui.app.screens.diff_header import header_text, status_text
from tui.app.screens.diff_messages import Compared, CompareFailed, LaidOut
from tui.app.screens.diff_place import Place, place_in, restore
from tui.app.screens.diff_report import ReportWritten, write_report
from tui.app.widgets.diff_lines import DiffLines
from tui.app.widgets.diff_rows import (
    SIDE_BY_SIDE,
    UNIFIED,
    DiffLayout,
    build_layout,
    layout_width,
)

if TYPE_CHECKING:
    from notices_repo.catalog.repository import NoticeRepository

log = logging.getLogger(__name__)


def _side(loaded: LoadedText) -> Side:
    """A text the main screen has read and split, as the comparison takes it: the file's
    text (markup too), its structure only when it is the text that was split."""
    same = loaded.source is None
    parsed = (loaded.sections, loaded.categories) if same else None
    return Side(loaded.commit, loaded.file_text, parsed, loaded.warning)


# --------------------------------------------------------------------------- the screen


class DiffScreen(FindKeys, Screen[None]):
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
        self.finder = DiffFind()
        """What the find box searches for."""
        self._section = -2

    # parts ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(header_text(self.notice, self.old, self.new, self.today), id="diff-header")
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

    # start ------------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.lines.show_message("Comparing the two versions…")
        self.show_status()
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
        self.post_message(WorkerFailed(event.worker))

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
        top, change = restore(place, layout, self.result, self._positions, lines.page_rows)
        lines.show_layout(layout, top=top)
        lines.current_change = change
        if self.finder.query:
            self.find(self.finder.query, move=False)
        self._section = -2
        self._rows_seen = lines.page_rows
        self.show_status()
        wanted = (layout_width(self._layout_width()), self.mode, self.full)
        if (layout.width, layout.mode, layout.full) != wanted:
            self._relayout()

    def _place(self) -> Place | None:
        """Where the reader is in the layout shown (None: nothing shown yet)."""
        layout, result = self.diff_layout, self.result
        if layout is None or result is None:
            return None
        lines = self.lines
        return place_in(
            layout,
            result,
            self._positions,
            top=lines.top_row,
            change=lines.current_change,
            # on screen as the reader last saw it (a resize may have shrunk the view since)
            rows=max(lines.page_rows, self._rows_seen),
        )

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
            self.show_status()

    # status -----------------------------------------------------------------------------

    def show_status(self) -> None:
        """Say in the status line how the comparison is shown and where the reader is."""
        text = status_text(
            self.lines,
            self.result,
            mode=self.mode,
            ignore_whitespace=self.ignore_whitespace,
            full=self.full,
            find=self.finder.status(self.lines),
        )
        self.query_one("#diff-status", Static).update(text)

    # changes ----------------------------------------------------------------------------

    def _go_to_change(self, change: int) -> None:
        lines = self.lines
        lines.current_change = change
        lines.bring_into_view(lines.change_rows[change])
        self._rows_seen = lines.page_rows
        self.show_status()

    def _not_ready(self) -> bool:
        if self.diff_layout is None or self.result is None:
            self.notify("Still comparing; a moment.", timeout=2, markup=False)
            return True
        if not self.lines.change_rows:
            self.notify("No changes to step through.", timeout=2, markup=False)
            return True
        return False

    def action_next_change(self) -> None:
        """Jump to the next change."""
        if self._not_ready():
            return
        target, total = self.lines.next_change(), len(self.lines.change_rows)
        if target >= total:
            self.notify(
                f"That was the last change ({total} of {total}); [ goes back.",
                timeout=2,
                markup=False,
            )
            return
        self._go_to_change(target)

    def action_previous_change(self) -> None:
        """Jump to the previous change."""
        if self._not_ready():
            return
        target = self.lines.previous_change()
        if target < 0:
            self.notify("That was the first change; ] goes on.", timeout=2, markup=False)
            return
        self._go_to_change(target)

    # modes ------------------------------------------------------------------------------

    def action_switch_layout(self) -> None:
        """Switch between unified and side by side."""
        self.mode = UNIFIED if self.mode == SIDE_BY_SIDE else SIDE_BY_SIDE
        self.show_status()
        self._relayout()

    def action_toggle_whitespace(self) -> None:
        """Ignore whitespace and layout-only changes, or count them again (compares again)."""
        self.ignore_whitespace = not self.ignore_whitespace
        self.show_status()
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
        self.show_status()
        self._relayout()

    # find -------------------------------------------------------------------------------

    @on(Input.Changed, "#diff-search")
    def search_changed(self, event: Input.Changed) -> None:
        """Find as you type."""
        event.stop()
        self.find(event.value, move=True)

    @on(Input.Submitted, "#diff-search")
    def search_submitted(self, event: Input.Submitted) -> None:
        """Enter: close the box and stay on the match."""
        event.stop()
        self.close_find()
        query = self.finder.query
        if query and not self.lines.matches:
            self.notify(f'No match for "{inert_line(query)}".', markup=False, timeout=3)

    # copy and report --------------------------------------------------------------------

    def action_copy_change(self) -> None:
        """Copy the current change to the clipboard with OSC 52."""
        if self._not_ready():
            return
        change = self.lines.change_for_action()
        if change < 0:
            self.notify(
                "No change on screen; press ] to go to the next one.", timeout=3, markup=False
            )
            return
        self.lines.current_change = change
        self.show_status()
        total = len(self._positions)
        assert self.result is not None
        section, hunk = self._positions[change]
        text = change_text(self.notice, self.old, self.new, self.result.sections[section], hunk)
        outcome = copy_text(
            self.app,
            text,
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
        self.post_message(write_report(result, self.notice, self.old, self.new))

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
            self.close_find()
            return
        self.dismiss(None)
