"""The releases screen (``R``): the release calendar as endoflife.date shows it.

One row per release, newest first: release, release date, end of support (the end day
itself is still supported), days left or "ended N days ago", LTS, and the source that
set the end date. The running release is marked (▶, bold) and the cursor starts on it.
Every state is in words as well as in colour (green supported, yellow ending soon, red
out of support), so the table reads in 16 colours, with ``NO_COLOR`` and for
colour-blind readers.

The table is the app's support check (:attr:`tui.app.services.NoticeServices.support`,
made in a worker at start-up: the calendars, ``--release``/``NOTICE_TUI_RELEASE``/the
config/the server). The calendar shows at once: while the server is still being asked,
the table comes from the check made without it
(:attr:`tui.app.services.NoticeServices.support_preview`, or the built-in calendar alone
in the first instant) and the running line says the server is being asked; the server's
answer or failure fills in when it lands (the app posts
:class:`tui.app.messages.SupportChanged`; :meth:`ReleasesScreen.support_changed`). Ends
computed by the rule rather than stated by Rocket.Chat are marked ``*``; a release newer
than the calendar is "supported at least until" the newest standard release's end.
``enter`` on a release shows every notice as it stood on that release's release date
(:meth:`tui.app.services.NoticeServices.show_as_of`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Footer, Static

from notices_repo.text.inert import inert_line
from tui.app import keys
from tui.app.messages import SupportChanged
from tui.app.services import services
from tui.app.widgets.status_line import STATE_CLASSES, StatusLine

if TYPE_CHECKING:
    from notices_repo.support.evaluate import ReleaseRow, SupportStatus
    from notices_repo.support.running import SupportCheck
    from tui.app.services import ServicesApp

#: Rich style of each support state (colour backs the words, never replaces them).
STATE_STYLES = {
    "supported": "green",
    "ending-soon": "bold yellow",
    "out-of-support": "red",
}

COLUMNS = ("Release", "Released", "Support ends", "Days left", "LTS", "Source")


def days_words(row: ReleaseRow) -> str:
    """``66 days left``, ``16 days left, ending soon``, ``ended 26 days ago``."""
    if row.state == "ending-soon" and row.days_left > 0:
        return f"{row.days_text}, ending soon"
    return row.days_text


def running_words(check: SupportCheck) -> str:
    """The running release and its state in one sentence.

    ``Running 8.3.1 (from --release): out of support since 2026-10-31, ended 26 days
    ago``; when it is not known, why, and how to set it.
    """
    status: SupportStatus = check.status
    running = check.running
    if running.version is None:
        reason = status.reason or "the running release is not known"
        return reason[:1].upper() + reason[1:]
    where = f"Running {running.version} (from {running.origin})"
    ends = status.support_ends.isoformat() if status.support_ends else ""
    days = ""
    if status.days_left is not None:
        from notices_repo.support.evaluate import days_text

        days = days_text(status.days_left)
    if status.lower_bound:
        words = (
            f"supported at least until {ends}, {days} (newer than the calendar, newest "
            f"{status.newest}: update it for the exact date)"
        )
    elif status.state == "supported":
        words = f"supported until {ends}, {days}"
    elif status.state == "ending-soon":
        words = f"support ends {ends}, {days}"
    elif status.state == "out-of-support":
        words = f"out of support since {ends}, {days}" if ends else "out of support"
    else:
        release = f"{status.release} " if status.release else ""
        words = f"support unknown: {release}{status.reason}"
    sentence = f"{where}: {words}"
    if status.server_until is not None:
        sentence += f"; the server says until {status.server_until.isoformat()} (unverified)"
    return sentence


class ReleaseTable(DataTable[Text]):
    """Releases, newest first: release date, end of support and days left (or ended N
    days ago), LTS, and which calendar set the end date. ▶ marks the running release.
    Enter shows every notice as it stood on the highlighted release's release date."""

    BINDINGS = keys.bindings(keys.LISTS) + keys.bindings(keys.RELEASE_LIST)


class ReleasesScreen(Screen[None]):
    """The release calendar, endoflife.date style, and whether the running release is
    still supported. Releases are supported until the end day shown (that day included).
    Green: supported; yellow: ending soon (30 days or fewer left); red: out of support.
    Enter on a release shows every notice as it stood on its release date."""

    BINDINGS = keys.bindings(keys.RELEASES)
    KEY_SCOPES: ClassVar[tuple[str, ...]] = (keys.RELEASES,)
    """Where the help screen and the palette find this screen's keys."""
    PANES: ClassVar[dict[str, tuple[str, tuple[str, ...]]]] = {
        "releases-table": (keys.RELEASE_LIST, (keys.RELEASE_LIST, keys.LISTS)),
    }
    """The pane, its help name and its key scopes."""
    HELP_TITLE: ClassVar[str] = "Releases"
    AUTO_FOCUS = "#releases-table"

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[ReleaseRow] = []
        """The rows shown, in table order (newest release first)."""

    @property
    def notice_app(self) -> ServicesApp:
        """The app's state and services."""
        return services(self)

    @property
    def table(self) -> ReleaseTable:
        """The table of releases."""
        return self.query_one("#releases-table", ReleaseTable)

    def compose(self) -> ComposeResult:
        yield Static(id="releases-title", markup=False)
        yield Static(id="releases-running", markup=False)
        yield ReleaseTable(id="releases-table", cursor_type="row")
        yield Static(id="releases-notes", markup=False)
        yield StatusLine(id="status")
        yield Footer()

    def on_mount(self) -> None:
        table = self.table
        for number, label in enumerate(COLUMNS):
            table.add_column(label, key=str(number))
        app = self.notice_app
        catalog = app.catalog
        if catalog is not None:
            self.status.show_repository(
                catalog.repository,
                len(catalog.active()),
                sample=catalog.is_sample,
                retired=len(catalog.retired()),
            )
        else:
            self.status.show_repository(app.settings.where, None, sample=app.settings.repo is None)
        self.support_changed(app.support)

    @property
    def status(self) -> StatusLine:
        """The status line (as on the main screen)."""
        return self.query_one("#status", StatusLine)

    def focused_pane(self) -> tuple[Widget | None, str, tuple[str, ...]]:
        """The focused pane, its help name and its key scopes (for the help screen)."""
        widget = self.focused
        if widget is not None and widget.id in self.PANES:
            pane, scopes = self.PANES[widget.id]
            return widget, pane, scopes
        return widget, "", ()

    # filling --------------------------------------------------------------------------

    def on_support_changed(self, message: SupportChanged) -> None:
        """The app's support check moved on (a first answer, the answer, or failed)."""
        self.support_changed(self.notice_app.support)

    def support_changed(self, check: SupportCheck | None) -> None:
        """Show the support check; None: still being made (or it failed), and meanwhile
        the calendar of the check made without the server, else the built-in one."""
        app = self.notice_app
        running = self.query_one("#releases-running", Static)
        for name in (*STATE_CLASSES.values(), "-unknown"):
            running.remove_class(name)
        if check is not None:
            title = Text(f"{check.calendar.product} releases on {app.today.isoformat()}")
            title.stylize("bold")
            title.append("  (the end day is still supported)", style="dim")
            words = running_words(check)
            running.add_class(STATE_CLASSES.get(check.status.state, "-unknown"))
            self.status.show_check(check)
        else:
            title = Text(f"Rocket.Chat releases on {app.today.isoformat()}", style="bold")
            words = self._pending_words(app.support_preview, app.support_failure)
            running.add_class("-unknown")
            self.status.show_check(None, checking=app.support_failure is None)
        self.query_one("#releases-title", Static).update(title)
        running.update(Text(inert_line(words)))
        shown = check if check is not None else app.support_preview
        notes = self.query_one("#releases-notes", Static)
        notes.display = True
        if shown is None:
            from notices_repo.usecases.support import builtin_rows

            notes.update(Text("· the built-in calendar; the notices repository's is being read"))
            self._fill(builtin_rows(app.today))
            return
        lines = [f"· {note}" for note in shown.notes]  # an invalid calendar: in the reason
        notes.update(Text("\n".join(inert_line(line) for line in [*lines, *self._legend(shown)])))
        self._fill(shown.rows())

    def _pending_words(self, preview: SupportCheck | None, failure: str | None) -> str:
        """The running line while the server is asked, or after the check failed."""
        settings = self.notice_app.settings
        asking = bool(settings.server or settings.config_server)
        if failure is not None:
            return f"Support unknown: the check failed: {failure}"
        if preview is not None and preview.running.version is not None:
            return running_words(preview) + (" · asking the server…" if asking else "")
        return "Asking the server for its release…" if asking else "Reading the calendar…"

    def _legend(self, check: SupportCheck) -> list[str]:
        """What ``*`` means, how old the calendar is, and how to refresh it when old."""
        age = check.age
        words = "* by the rule, not stated"
        if age is None or age.newest is None:
            return [words]
        lines = [f"{words} · calendar of {age.built_in.isoformat()}, newest {age.newest}"]
        if age.days is not None:
            lines[0] += f" ({age.days} days old)"
        if age.stale:
            lines.append("Out of date: releases --export on a connected machine, then import")
        return lines

    def _fill(self, rows: list[ReleaseRow]) -> None:
        table = self.table
        keep = self.rows[table.cursor_row].version if self.rows and table.row_count else None
        self.rows = rows
        table.clear()
        cursor = 0
        for number, row in enumerate(rows):
            style = STATE_STYLES.get(row.state, "")
            weight = "bold" if row.running else ""
            cells = [
                Text(f"▶ {row.version}" if row.running else f"  {row.version}", style=weight),
                Text(row.released.isoformat(), style=weight),
                Text(
                    row.support_ends.isoformat() + ("*" if row.basis == "rule" else ""),
                    style=f"{weight} {style}".strip(),
                ),
                Text(days_words(row), style=f"{weight} {style}".strip()),
                Text("LTS" if row.lts else "", style=weight),
                Text(inert_line(row.source_detail), style=f"{weight} dim".strip()),
            ]
            table.add_row(*cells, key=row.version)
            if (row.version == keep) if keep is not None else row.running:
                cursor = number  # where the cursor was, else on the running release
        if rows:
            table.move_cursor(row=cursor, animate=False)

    # actions --------------------------------------------------------------------------

    @on(DataTable.RowSelected, "#releases-table")
    def row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a release: every notice as it stood on its release date."""
        event.stop()
        if 0 <= event.cursor_row < len(self.rows):
            self.as_of(self.rows[event.cursor_row])

    def as_of(self, row: ReleaseRow) -> None:
        """Go to the main screen showing every notice as of ``row``'s release date."""
        day: dt.date = row.released
        self.notice_app.show_as_of(day, f"{row.version} released")
        self.notify(
            f"Every notice as it stood on {day.isoformat()}, the day {row.version} was "
            "released; t or escape goes back to today.",
            markup=False,
            timeout=4,
        )

    def action_back(self) -> None:
        """Go back to where you were."""
        self.dismiss(None)
