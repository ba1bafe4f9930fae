"""The status line: repository, notice count, view mode, and the running release's support."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from tui.app.widgets.present import plural, safe

if TYPE_CHECKING:
    from notices_repo.support.evaluate import SupportStatus
    from notices_repo.support.running import SupportCheck

UNKNOWN_TEXT = "release unknown — set it with --release or the config's release"
UNKNOWN_SHORT = "release unknown"
#: What the sample's status line says, longest first (the sample has invented revisions).
SAMPLE_NOTES = (
    "built-in sample: some revisions are invented to show the features",
    "built-in sample: some revisions invented",
    "built-in sample",
)
#: Cells the repository's path may take (longer paths show their end).
PATH_ROOM = 32
#: CSS class of each support state (notices_repo.support.policy's state names; imported lazily).
STATE_CLASSES = {
    "supported": "-supported",
    "ending-soon": "-ending-soon",
    "out-of-support": "-out-of-support",
}


def support_words(
    status: SupportStatus | None, checking: bool = False, *, short: bool = False, tiny: bool = False
) -> str:
    """The support state in words, three lengths for the room there is.

    ``Rocket.Chat 8.3 — out of support since 2026-10-31``; ``short``: without the
    product; ``tiny``: ``8.3 out of support``, ``8.6 ends in 16 days``, ``8.6 supported``.
    """
    if status is None:
        return (
            "release: checking…" if checking else (UNKNOWN_SHORT if short or tiny else UNKNOWN_TEXT)
        )
    if status.release is None and status.running is None:
        return UNKNOWN_SHORT if short or tiny else UNKNOWN_TEXT
    if tiny:
        name = status.release or status.running or "release"
        if status.state == "out-of-support":
            return f"{name} out of support"
        if status.state == "ending-soon":
            days = status.days_left or 0
            return (
                f"{name} ends in {days} day{'' if days == 1 else 's'}"
                if days
                else f"{name} last day"
            )
        if status.state == "supported":
            return f"{name} supported" + (" (at least)" if status.lower_bound else "")
        return f"{name} support unknown"
    summary = status.summary().replace(" - ", " — ", 1)
    product = "" if short else status.product or ""
    return f"{product} {summary}".strip()


class StatusLine(Horizontal):
    """Always at the bottom: where the notices come from, how many, the view, support.

    The support state always shows: when the line is short of room, the view mode drops
    its explanations first, then the support words get shorter (down to ``8.3 out of
    support``).
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._support: SupportStatus | None = None
        self._checking = False
        self._calendar = ""
        self._repo_texts: tuple[Text, ...] = (Text(),)
        self._mode: tuple[Text, Text] = (Text(), Text())
        self._scan: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="status-repo", markup=False)
        yield Static(id="status-mode", markup=False)
        yield Static(UNKNOWN_TEXT, id="status-support", markup=False)

    def show_repository(
        self, where: str, notices: int | None, *, sample: bool, retired: int = 0
    ) -> None:
        """``/srv/notices · 200 notices + 19 retired`` (the notice list counts both), or
        ``built-in sample: some revisions are invented to show the features · 2 notices``,
        the sample's words shorter when room is short."""
        if sample:
            names = SAMPLE_NOTES
        else:
            shown = safe(where)
            if len(shown) > PATH_ROOM:
                shown = "…" + shown[-(PATH_ROOM - 1) :]  # the end of a path says the most
            names = (shown,)
        texts = []
        for name in names:
            text = Text(no_wrap=True, overflow="ellipsis")
            text.append(name, style="bold")
            if notices is not None:
                text.append(f" · {plural(notices, 'notice')}")
                if retired:
                    text.append(f" + {retired} retired")
            texts.append(text)
        self._repo_texts = tuple(texts)
        self._fit()

    def show_scan(self, words: str | None) -> None:
        """How the history scan goes while the early notice list is shown
        (``reading texts 40%``), after the repository's words; None: it is done."""
        self._scan = words
        self._fit()

    def show_mode(
        self,
        as_of: dt.date | None,
        marked: str | None,
        filtered: str | None,
        *,
        as_of_label: str | None = None,
    ) -> None:
        """The view mode: as of a date (and why that date), a marked version, a filter."""
        texts = []
        for compact in (False, True):
            text = Text(no_wrap=True, overflow="ellipsis")
            parts: list[tuple[str, str]] = []
            if as_of is not None:
                why = f", {safe(as_of_label)}" if as_of_label and not compact else ""
                leave = "" if compact else " (t or esc leaves)"
                parts.append((f"AS OF {as_of.isoformat()}{why}{leave}", "bold reverse"))
            if marked:
                parts.append((f"◆ {safe(marked)}", "bold"))
            if filtered:
                parts.append((f"filter: {safe(filtered)}", "italic"))
            for index, (words, style) in enumerate(parts):
                if index:
                    text.append("  ")
                text.append(words, style=style)
            texts.append(text)
        self._mode = (texts[0], texts[1])
        self._fit()

    def show_support(
        self, status: SupportStatus | None, *, checking: bool = False, calendar: str = ""
    ) -> None:
        """The support state in words, coloured by state (class ``-supported`` ...).

        ``calendar`` (``calendar of 2026-12-06``) follows the words when there is room.
        """
        self._support, self._checking, self._calendar = status, checking, calendar
        widget = self.query_one("#status-support", Static)
        for name in STATE_CLASSES.values():
            widget.remove_class(name)
        widget.remove_class("-unknown")
        state = status.state if status is not None else None
        widget.add_class(STATE_CLASSES.get(state or "", "-unknown"))
        self._fit()

    def show_check(self, check: SupportCheck | None, *, checking: bool = False) -> None:
        """A support check's state and its calendar's age (None: not known, or
        ``checking`` when it is being made)."""
        if check is None:
            self.show_support(None, checking=checking)
            return
        age = check.age
        self.show_support(check.status, calendar=age.short() if age else "")

    def _fit(self) -> None:
        """Choose the longest repository words, mode and support words that fit.

        The sample's note gets shorter before the support words lose their product name,
        and goes (``built-in sample``) before they become tiny (``8.3 out of support``);
        the mode's explanations go last.
        """
        status, checking = self._support, self._checking
        supports = [
            support_words(status, checking),
            support_words(status, checking, short=True),
            support_words(status, checking, tiny=True),
        ]
        if self._calendar and status is not None:
            supports.insert(0, f"{supports[0]} · {self._calendar}")
        width = self.size.width
        repo_texts = self._repo_texts
        if self._scan:
            scan = f" · {self._scan}…"
            repo_texts = tuple(text + Text(scan, style="italic") for text in repo_texts)
        chosen = (repo_texts[-1], self._mode[1], supports[-1])
        for repo_text, mode, words in self._candidates(repo_texts, supports):
            mode_cells = mode.cell_len + 2 if mode.cell_len else 0
            if repo_text.cell_len + 2 + mode_cells + 2 + len(words) <= width:
                chosen = (repo_text, mode, words)
                break
        self.query_one("#status-repo", Static).update(chosen[0])
        mode_widget = self.query_one("#status-mode", Static)
        mode_widget.update(chosen[1])
        mode_widget.display = bool(chosen[1].cell_len)
        self.query_one("#status-support", Static).update(
            Text(chosen[2], no_wrap=True, overflow="ellipsis")
        )

    def _candidates(
        self, repo_texts: tuple[Text, ...], supports: list[str]
    ) -> Iterator[tuple[Text, Text, str]]:
        """(repository, mode, support) words, most preferred first."""
        *noted, bare = repo_texts
        for mode in self._mode:
            for words in supports[:-1]:
                for repo_text in noted:
                    yield repo_text, mode, words
            for words in supports[:-1]:
                yield bare, mode, words
            for repo_text in repo_texts:
                yield repo_text, mode, supports[-1]

    def on_resize(self) -> None:
        self._fit()
