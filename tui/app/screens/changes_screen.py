"""The changes screen (``C``): what changed in every notice in a period.

The period report of :mod:`notices_repo.reports.changes` as a list: one row per change,
by notice, in the order the text in force changed (versions on their effective date,
silent edits and layout changes on the day they reached the repository); then, apart
under their own heading row, the versions announced and not yet in force. Each row says
what changed in numbers (sections added, removed, changed, moved; data categories). The
period is typed in two date boxes (``p`` goes there; enter in either shows the changes
of that period); it starts as the last 90 days, and the app keeps the period last shown
while it runs (the screen opens on it again). Enter on a row compares that change with
the text before it in the diff view (:meth:`tui.app.services.NoticeServices.open_diff`);
a notice's first version, with nothing before it, opens in the reader.

The report is made in a worker from the app's catalog (summaries come from the cache
folder when a report compared the same texts before), so the screen stays responsive;
paths and titles come from the repository and are shown as plain text.
"""

from __future__ import annotations

import datetime as dt
import threading
import weakref
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Footer, Input, Static

from notices_repo.text.inert import inert_line
from tui.app import keys
from tui.app.services import services

if TYPE_CHECKING:
    from notices_repo.reports.changes import Change, ChangesReport, Period
    from tui.app.services import ServicesApp

#: How far back the period starts when the screen opens.
DEFAULT_DAYS = 90

COLUMNS = ("Notice", "Date", "What", "Sections", "Categories")
#: The notice column is at most this wide (a longer path is cut at its end).
MAX_PATH_WIDTH = 40
#: The key of the row that heads the upcoming versions (Enter there does nothing).
UPCOMING_ROW = "upcoming"
#: Hint under a list of changes.
HINT = (
    "Enter compares the selected change with the text before it "
    "(a first version opens in the reader) · p: period"
)

#: The period each running app showed last: the screen opens on it again.
_periods: weakref.WeakKeyDictionary[object, tuple[dt.date, dt.date]] = weakref.WeakKeyDictionary()


class ChangesReady(Message):
    """The worker made the report of a period."""

    def __init__(self, generation: int, report: ChangesReport) -> None:
        super().__init__()
        self.generation = generation
        self.report = report
        """The period report."""


class ChangesProgress(Message):
    """The worker compared ``done`` of ``total`` pairs of texts."""

    def __init__(self, generation: int, done: int, total: int) -> None:
        super().__init__()
        self.generation = generation
        self.done = done
        self.total = total


def what_words(change: Change) -> str:
    """``new version``, ``first version``, ``silent edit``, ``upcoming``, ``technical``."""
    from notices_repo.reports.changes import REVISION, UPCOMING

    if change.kind == UPCOMING:
        return "upcoming"
    if change.kind == REVISION:
        flags = [f for f in change.flags if f in ("silent edit", "technical")]
        return ", ".join(flags) or "revision"
    return "first version" if change.before is None else "new version"


class ChangeTable(DataTable[Text]):
    """One row per change in the period, by notice: the day it changed the text in force
    (for an upcoming version, the day it takes effect), what kind of change it is, and
    how many sections it added (+), removed (-), changed (~) and moved (>), and how many
    data categories it added, removed and changed. Enter compares the change with the
    text before it."""

    BINDINGS = keys.bindings(keys.LISTS) + keys.bindings(keys.CHANGE_LIST)


class ChangesScreen(Screen[None]):
    """What changed in every notice in a period, on the effective timeline: the versions
    that took effect, revisions that changed a version in force without a new effective
    date (silent edits, layout changes), then the upcoming versions announced in the
    period, listed apart. p types the period (enter shows it); enter on a change opens
    the comparison with the text before it. The same report as notice-tui changes."""

    BINDINGS = keys.bindings(keys.CHANGES)
    KEY_SCOPES: ClassVar[tuple[str, ...]] = (keys.CHANGES,)
    """Where the help screen and the palette find this screen's keys."""
    PANES: ClassVar[dict[str, tuple[str, tuple[str, ...]]]] = {
        "changes-table": (keys.CHANGE_LIST, (keys.CHANGE_LIST, keys.LISTS)),
    }
    """The pane, its help name and its key scopes."""
    HELP_TITLE: ClassVar[str] = "Changes"
    AUTO_FOCUS = "#changes-table"

    DEFAULT_CSS = """
    ChangesScreen {
        layout: vertical;
    }
    ChangesScreen > #changes-title {
        height: 1;
        padding: 0 1;
        text-style: bold;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    ChangesScreen > #changes-period {
        height: 1;
        padding: 0 1;
    }
    ChangesScreen > #changes-period > Static {
        width: auto;
        padding: 0 1 0 0;
    }
    ChangesScreen > #changes-period > Input {
        width: 12;
        height: 1;
        border: none;
        padding: 0;
        margin: 0 1 0 0;
    }
    ChangesScreen > #changes-period > #changes-error {
        color: $error;
    }
    ChangesScreen > #changes-table {
        height: 1fr;
        background: $background;
        scrollbar-size-vertical: 1;
    }
    ChangesScreen > #changes-table:focus {
        background-tint: transparent;
    }
    ChangesScreen > #changes-notes {
        height: auto;
        max-height: 3;
        padding: 0 1;
        color: $text-muted;
    }
    """

    def __init__(self, since: dt.date | None = None, until: dt.date | None = None) -> None:
        super().__init__()
        self._since = since
        self._until = until
        self.report: ChangesReport | None = None
        """The report shown (None while it is made)."""
        self.rows: list[Change] = []
        """The change of each row, in table order."""
        self._generation = 0
        self._cancel = threading.Event()

    @property
    def notice_app(self) -> ServicesApp:
        """The app, with the services it lends."""
        return services(self)

    @property
    def table(self) -> ChangeTable:
        """The list of changes."""
        return self.query_one("#changes-table", ChangeTable)

    def compose(self) -> ComposeResult:
        today = self.notice_app.today
        last = _periods.get(self.app)
        since = self._since or (last[0] if last else today - dt.timedelta(days=DEFAULT_DAYS))
        until = self._until or (last[1] if last else today)
        yield Static(id="changes-title", markup=False)
        with Horizontal(id="changes-period"):
            yield Static("Period from", markup=False)
            yield Input(
                value=since.isoformat(),
                placeholder="YYYY-MM-DD",
                id="changes-since",
                max_length=10,
                select_on_focus=True,
            )
            yield Static("to", markup=False)
            yield Input(
                value=until.isoformat(),
                placeholder="YYYY-MM-DD",
                id="changes-until",
                max_length=10,
                select_on_focus=True,
            )
            yield Static("", id="changes-error", markup=False)
        yield ChangeTable(id="changes-table", cursor_type="row")
        yield Static(id="changes-notes", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.table
        for number, label in enumerate(COLUMNS):
            table.add_column(label, key=str(number))
        self.compute()

    def on_unmount(self) -> None:
        self._cancel.set()

    def focused_pane(self) -> tuple[Widget | None, str, tuple[str, ...]]:
        """The focused pane, its help name and its key scopes (for the help screen)."""
        widget = self.focused
        if widget is not None and widget.id in self.PANES:
            pane, scopes = self.PANES[widget.id]
            return widget, pane, scopes
        return widget, "", ()

    # the period -----------------------------------------------------------------------

    def period(self) -> Period | str:
        """The period typed in the two boxes, or what is wrong with it."""
        from notices_repo.usecases.changes import parse_period

        try:
            since = self.query_one("#changes-since", Input).value
            until = self.query_one("#changes-until", Input).value
            return parse_period(since, until, self.notice_app.today)
        except ValueError as exc:
            return str(exc)

    @on(Input.Submitted)
    def period_typed(self, event: Input.Submitted) -> None:
        """Enter in a date box: the changes of the period typed."""
        event.stop()
        if self.compute():
            self.set_focus(self.table)

    @on(Input.Changed)
    def clear_error(self) -> None:
        """Forget the last error while typing."""
        self.query_one("#changes-error", Static).update("")

    def action_period(self) -> None:
        """Go to the period's first day (tab moves to the last)."""
        self.set_focus(self.query_one("#changes-since", Input))

    def action_back(self) -> None:
        """Go back to where you were."""
        self.dismiss(None)

    # making the report ----------------------------------------------------------------

    def compute(self) -> bool:
        """Make the report of the typed period in a worker (False: the period is wrong)."""
        period = self.period()
        if isinstance(period, str):
            self.query_one("#changes-error", Static).update(Text(period))
            return False
        _periods[self.app] = (period.since, period.until)
        self._cancel.set()
        self._cancel = threading.Event()
        self._generation += 1
        self.report = None
        self.rows = []
        self.table.clear()
        self._title(f"Changes from {period.describe()}…")
        app = self.notice_app
        if app.catalog is None or app.repository is None:
            self._notes("Reading the repository; the changes follow.")
            return True
        self._notes("Comparing…")
        self._make(period, self._generation, self._cancel)
        return True

    def catalog_changed(self) -> None:
        """The app read the repository (again): the report of the same period."""
        self.compute()

    @work(thread=True, exclusive=True, group="changes", exit_on_error=False, name="changes")
    def _make(self, period: Period, generation: int, cancel: threading.Event) -> None:
        from notices_repo.errors import Cancelled
        from notices_repo.usecases.changes import period_changes

        app = self.notice_app
        catalog, repository = app.catalog, app.repository
        if catalog is None or repository is None:
            return

        def progress(done: int, total: int) -> None:
            if done % 25 == 0 or done == total:
                self.post_message(ChangesProgress(generation, done, total))

        try:
            report = period_changes(
                catalog, repository, period, app.today, progress=progress, cancelled=cancel
            )
        except Cancelled:
            return
        self.post_message(ChangesReady(generation, report))

    def on_changes_progress(self, message: ChangesProgress) -> None:
        if message.generation == self._generation:
            self._notes(f"Comparing {message.done} of {message.total} versions…")

    def on_changes_ready(self, message: ChangesReady) -> None:
        if message.generation != self._generation:
            return
        self.report = message.report
        self._fill(message.report)

    # showing it -----------------------------------------------------------------------

    def _title(self, words: str) -> None:
        self.query_one("#changes-title", Static).update(Text(words))

    def _notes(self, words: str) -> None:
        self.query_one("#changes-notes", Static).update(Text(words))

    def _fill(self, report: ChangesReport) -> None:
        from notices_repo.reports.changes_render import counts_line

        words = counts_line(report)
        self._title(words[:1].upper() + words[1:])
        rows: list[Change] = []
        cells: list[list[Text]] = []
        keys: list[str] = []
        for changes in report.notices:  # the changes in force, by notice
            for number, change in enumerate(changes.in_force):
                cells.append(_cells(change, first=number == 0))
                keys.append(str(len(rows)))
                rows.append(change)
        if report.announced:  # then the upcoming versions, apart under their heading
            cells.append(_upcoming_heading())
            keys.append(UPCOMING_ROW)
            for changes in report.announced:
                for number, change in enumerate(changes.upcoming):
                    cells.append(_cells(change, first=number == 0))
                    keys.append(str(len(rows)))
                    rows.append(change)
        # widths fixed from this report's cells: the same table whatever came before
        table = self.table
        table.clear(columns=True)
        for number, label in enumerate(COLUMNS):
            width = max([len(label), *(row[number].cell_len for row in cells)])
            if number == 0:
                width = min(width, MAX_PATH_WIDTH)  # a long path is cut, the rest stays
            table.add_column(label, key=str(number), width=width)
        for key, row in zip(keys, cells, strict=True):
            table.add_row(*row, key=key)
        self.rows = rows
        if rows:
            table.move_cursor(row=0, animate=False)
            notes = HINT
        else:
            notes = "No notice changed in this period · p: another period"
        for warning in report.warnings:
            notes = f"{inert_line(warning)} · {notes}"
        self._notes(notes)

    def selected_change(self) -> Change | None:
        """The change under the cursor (None on the heading of the upcoming versions)."""
        table = self.table
        if not self.rows or not 0 <= table.cursor_row < table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self._change_of(key)

    def _change_of(self, key: str | None) -> Change | None:
        if key is None or not key.isdigit() or int(key) >= len(self.rows):
            return None
        return self.rows[int(key)]

    # opening a change -----------------------------------------------------------------

    @on(DataTable.RowSelected, "#changes-table")
    def row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a change: its comparison with the text before it."""
        event.stop()
        change = self._change_of(event.row_key.value)
        if change is not None:
            self.open_change(change)

    def open_change(self, change: Change) -> None:
        """Compare ``change`` with the text before it (a first version: the reader)."""
        app = self.notice_app
        if change.before is None:
            app.show_notice(change.notice.key, commit=change.revision.commit)
            app.notify(
                f"{change.notice.title}: its first version, nothing before it to compare.",
                markup=False,
                timeout=4,
            )
            return
        app.open_diff(change.notice, change.before, change.revision)


def _cells(change: Change, *, first: bool) -> list[Text]:
    """A change's row: its notice (on a notice's first row), day, kind and counts."""
    from notices_repo.reports.changes_render import digest_cells

    upcoming = change.kind == "upcoming"
    day = change.effective_date.isoformat() if upcoming else _changed_on(change)
    style = "italic" if upcoming else ""
    sections, categories = digest_cells(change.digest)
    return [
        Text(inert_line(change.notice.path) if first else "", style="bold"),
        Text(day, style=style),
        Text(what_words(change), style=style),
        Text(sections, style=style),
        Text(categories, style=style),
    ]


def _upcoming_heading() -> list[Text]:
    """The row that heads the upcoming versions: announced, not in force yet."""
    return [
        Text("Upcoming", style="bold underline"),
        Text(""),
        Text("not in force", style="italic"),
        Text(""),
        Text(""),
    ]


def _changed_on(change: Change) -> str:
    """The day a change reached the text in force (a revision: when it was published)."""
    from notices_repo.reports.changes import REVISION

    return change.announced if change.kind == REVISION else change.effective_date.isoformat()
