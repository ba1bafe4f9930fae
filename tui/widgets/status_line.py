"""The status line: repository, notice count, view mode, and the running release's support."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from notices_repo.support import ENDING_SOON, OUT_OF_SUPPORT, SUPPORTED, SupportStatus

from .present import plural, safe

UNKNOWN_TEXT = "release unknown — set it with --release or the config's release"
STATE_CLASSES = {
    SUPPORTED: "-supported",
    ENDING_SOON: "-ending-soon",
    OUT_OF_SUPPORT: "-out-of-support",
}


def support_words(status: SupportStatus | None, checking: bool = False) -> str:
    """The support state in words: ``Rocket.Chat 8.3 — out of support since 2026-10-31``."""
    if status is None:
        return "release: checking…" if checking else UNKNOWN_TEXT
    if status.release is None and status.running is None:
        return UNKNOWN_TEXT
    summary = status.summary().replace(" - ", " — ", 1)
    product = status.product or ""
    return f"{product} {summary}".strip()


class StatusLine(Horizontal):
    """Always at the bottom: where the notices come from, how many, the view, support."""

    def compose(self) -> ComposeResult:
        yield Static(id="status-repo", markup=False)
        yield Static(id="status-mode", markup=False)
        yield Static(UNKNOWN_TEXT, id="status-support", markup=False)

    def show_repository(self, where: str, notices: int | None, *, sample: bool) -> None:
        """``built-in sample · 2 notices`` or ``/srv/notices · 200 notices``."""
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append("built-in sample" if sample else safe(where), style="bold")
        if notices is not None:
            text.append(f" · {plural(notices, 'notice')}")
        self.query_one("#status-repo", Static).update(text)

    def show_mode(self, as_of: dt.date | None, marked: str | None, filtered: str | None) -> None:
        """The view mode: as of a date, a marked version, an active filter."""
        text = Text(no_wrap=True, overflow="ellipsis")
        parts: list[tuple[str, str]] = []
        if as_of is not None:
            parts.append((f"AS OF {as_of.isoformat()} (t or esc leaves)", "bold reverse"))
        if marked:
            parts.append((f"◆ {safe(marked)}", "bold"))
        if filtered:
            parts.append((f"filter: {safe(filtered)}", "italic"))
        for index, (words, style) in enumerate(parts):
            if index:
                text.append("  ")
            text.append(words, style=style)
        mode = self.query_one("#status-mode", Static)
        mode.update(text)
        mode.display = bool(parts)

    def show_support(self, status: SupportStatus | None, *, checking: bool = False) -> None:
        """The support state in words, coloured by state (class ``-supported`` ...)."""
        widget = self.query_one("#status-support", Static)
        widget.update(Text(support_words(status, checking), no_wrap=True, overflow="ellipsis"))
        for name in STATE_CLASSES.values():
            widget.remove_class(name)
        widget.remove_class("-unknown")
        state = status.state if status is not None else None
        widget.add_class(STATE_CLASSES.get(state or "", "-unknown"))
