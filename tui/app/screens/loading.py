"""The first screen: painted at once, before anything heavy is imported or read.

It names the repository being opened, and the main screen replaces it as soon as that
is composed (a fraction of a second); reading goes on in the background meanwhile. Over
a slow SSH link the user sees at once that the command started and where it looks.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Static

from notices_repo.text.inert import inert_line


class LoadingScreen(Screen[None]):
    """notice-tui is starting: q quits."""

    def __init__(self, where: str) -> None:
        super().__init__()
        self.where = where

    def compose(self) -> ComposeResult:
        with Middle(), Center():
            yield Static(Text("notice-tui", style="bold"), id="loading-title")
            message = Text(f"opening {inert_line(self.where)}…")
            yield Static(message, id="loading-message", markup=False)
