"""Contextual help: what the focused pane shows and the keys that work there."""

from __future__ import annotations

import inspect
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from .. import keys


@dataclass(frozen=True, slots=True)
class HelpTopic:
    """What the help screen explains: one pane and its key scopes."""

    title: str
    """The pane's name ("Versions")."""
    description: str
    """What the pane shows (the pane widget's docstring)."""
    scopes: tuple[str, ...]
    """Key scopes of the pane, most specific first."""


def topic_for(widget: object, pane: str, scopes: tuple[str, ...]) -> HelpTopic:
    """The help topic of a focused widget: its docstring is the description."""
    doc = inspect.getdoc(type(widget)) or ""
    return HelpTopic(keys.PANE_NAMES.get(pane, pane.title()), doc, scopes)


def key_table(
    scopes: tuple[str, ...],
    keymap: Mapping[str, str],
    *,
    extra: Sequence[tuple[str, str]] = (),
    only: Collection[str] | None = None,
) -> Table:
    """A table of keys for some scopes (with the user's remapping); ``only``: these ids."""
    effective = keys.effective_keys(keymap)
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for scope in scopes:
        for item in keys.specs(scope):
            if only is not None and item.id not in only:
                continue
            table.add_row(keys.describe_keys(effective[item.id]), Text(item.help))
    for key_text, help_text in extra:
        table.add_row(key_text, Text(help_text))
    return table


#: Keys every list or text pane has from Textual itself.
MOVE_KEYS = [
    ("↑, ↓", "Move (j and k too)."),
    ("PgUp, PgDn, Home, End", "Move a page, to the top, to the bottom."),
]


class HelpScreen(ModalScreen[None]):
    """Help for the focused pane; any of escape, q, ? or F1 closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "close", "Close", tooltip="Close the help."),
    ]

    def __init__(self, topic: HelpTopic, keymap: Mapping[str, str]) -> None:
        super().__init__()
        self.topic = topic
        self.keymap = dict(keymap)

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static(Text(f"Help — {self.topic.title}", style="bold"), id="help-title")
            with VerticalScroll(id="help-body"):
                if self.topic.description:
                    yield Static(Text(self.topic.description), classes="help-text")
                if self.topic.scopes:
                    yield Static(Text("Keys in this pane", style="bold underline"))
                    extra = MOVE_KEYS if self.topic.scopes[0] != keys.FILTER else []
                    yield Static(key_table(self.topic.scopes, self.keymap, extra=extra))
                yield Static(Text("Keys on this screen", style="bold underline"))
                yield Static(key_table((keys.MAIN,), self.keymap))
                yield Static(Text("Keys everywhere", style="bold underline"))
                yield Static(key_table((keys.APP,), self.keymap))
                yield Static(
                    Text(
                        "Letter keys act only when no text box has focus. Remap keys in the "
                        'config file\'s [keys] table, e.g. diff = "x" (see notice-tui config).',
                        style="dim",
                    )
                )
            yield Static(Text("escape closes", style="dim"), id="help-foot")

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
