"""Asking for a date: the "as of" view shows every notice as it stood that day."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from notices_repo.catalog.resolve import parse_day


class DatePrompt(ModalScreen[dt.date | None]):
    """A date in YYYY-MM-DD; enter shows the notices as of that day, escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", tooltip="Close without changing the view.")
    ]

    def __init__(self, initial: dt.date, *, title: str = "Show every notice as of") -> None:
        super().__init__()
        self.initial = initial
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(id="date-box"):
            yield Static(Text(self.title_text, style="bold"), id="date-title")
            yield Input(
                value=self.initial.isoformat(),
                placeholder="YYYY-MM-DD",
                id="date-input",
                max_length=10,
                select_on_focus=True,
            )
            yield Static("", id="date-error", markup=False)
            yield Static(Text("enter shows that day · escape cancels", style="dim"))

    def on_mount(self) -> None:
        self.set_focus(self.query_one(Input))  # at once: typing may already follow

    @on(Input.Submitted)
    def submit(self, event: Input.Submitted) -> None:
        """Check the date and return it."""
        event.stop()
        try:
            day = parse_day(event.value)
        except ValueError as exc:
            error = self.query_one("#date-error", Static)
            error.update(Text(str(exc)))
            error.add_class("-error")
            return
        self.dismiss(day)

    @on(Input.Changed)
    def clear_error(self) -> None:
        """Forget the last error while typing."""
        self.query_one("#date-error", Static).update("")

    def action_cancel(self) -> None:
        """Close without a date."""
        self.dismiss(None)
