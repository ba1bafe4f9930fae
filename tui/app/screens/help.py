"""Contextual help: what the focused pane shows, and the keys that work there.

One help screen serves every screen (``?`` or F1 anywhere): the keys of the focused
pane, then the keys of the screen on top, then the app's keys that still work there
(a key a screen takes over, such as ``/`` in the comparison, is listed under the
screen only). A screen says what it is with three class attributes, read by
:func:`topic_for`: ``HELP_TITLE`` (its name), ``KEY_SCOPES`` (its scopes in
:mod:`tui.app.keys`), ``HELP_EXTRA`` (rows for keys its widgets have from Textual). A
screen without scopes has its own ``BINDINGS`` listed.
"""

from __future__ import annotations

import inspect
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from tui.app import keys


@dataclass(frozen=True, slots=True)
class HelpTopic:
    """What the help screen explains: one screen, its focused pane and their keys."""

    title: str
    """The pane's or the screen's name ("Versions", "Comparison")."""
    description: str
    """What the pane or screen shows (its docstring)."""
    scopes: tuple[str, ...]
    """Key scopes of the focused pane, most specific first (empty: no pane of its own)."""
    screen_scopes: tuple[str, ...] = (keys.MAIN,)
    """Key scopes of the screen on top."""
    extra: tuple[tuple[str, str], ...] = ()
    """More rows for the screen: keys its widgets have from Textual (keys, what they do)."""
    bindings: tuple[tuple[str, str], ...] = field(default=())
    """Rows for a screen without scopes: its own bindings (keys, what they do)."""
    taken: frozenset[str] = frozenset()
    """Keys (canonical names) those bindings take from the app."""


def _bindings_of(screen: object) -> tuple[tuple[tuple[str, str], ...], frozenset[str]]:
    """A screen's own bindings as rows, for screens whose keys are not in the key table,
    and the keys they take."""
    rows: list[tuple[str, str]] = []
    taken: set[str] = set()
    for binding in getattr(type(screen), "BINDINGS", ()):
        if not isinstance(binding, Binding):
            continue
        names = [name.strip() for name in binding.key.split(",")]
        taken.update(keys.canonical(name) for name in names)
        if binding.tooltip or binding.description:
            words = binding.tooltip or f"{binding.description}."
            rows.append((keys.describe_keys(names), words))
    return tuple(rows), frozenset(taken)


def topic_for(
    widget: object,
    pane: str,
    scopes: tuple[str, ...],
    screen: object | None = None,
) -> HelpTopic:
    """The help topic of a screen and its focused pane (``pane`` "" when it has none).

    With a pane, its widget's docstring is the description; without, the screen's.
    """
    screen_scopes: tuple[str, ...] = (keys.MAIN,)
    extra: tuple[tuple[str, str], ...] = ()
    bindings: tuple[tuple[str, str], ...] = ()
    taken: frozenset[str] = frozenset()
    title = keys.PANE_NAMES.get(pane, pane.title())
    doc = (inspect.getdoc(type(widget)) or "") if pane else ""
    if screen is not None:
        kind = type(screen)
        screen_scopes = tuple(getattr(kind, "KEY_SCOPES", ()))
        extra = tuple(getattr(kind, "HELP_EXTRA", ()))
        if not screen_scopes:
            bindings, taken = _bindings_of(screen)
        if not pane:
            title = getattr(kind, "HELP_TITLE", "") or kind.__name__
            doc = inspect.getdoc(kind) or ""
    return HelpTopic(title, doc, scopes, screen_scopes, extra, bindings, taken)


def key_table(
    scopes: tuple[str, ...],
    keymap: Mapping[str, str],
    *,
    extra: Sequence[tuple[str, str]] = (),
    only: Collection[str] | None = None,
    without: Collection[str] = (),
) -> Table:
    """A table of keys for some scopes (with the user's remapping).

    ``only``: just these ids; ``without``: leave out these keys (canonical names), and a
    binding left with no key at all.
    """
    effective = keys.effective_keys(keymap)
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for scope in scopes:
        for item in keys.specs(scope):
            if only is not None and item.id not in only:
                continue
            names = [name for name in effective[item.id] if keys.canonical(name) not in without]
            if names:
                table.add_row(keys.describe_keys(names), Text(item.help))
    for key_text, help_text in extra:
        table.add_row(key_text, Text(help_text))
    return table


def reflow(doc: str) -> str:
    """A docstring's paragraphs as single lines, for the help box to wrap at its width."""
    paragraphs = [" ".join(part.split()) for part in doc.split("\n\n")]
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


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
        topic = self.topic
        taken = keys.shadowed((*topic.scopes, *topic.screen_scopes), self.keymap) | topic.taken
        with Vertical(id="help-box"):
            yield Static(Text(f"Help — {topic.title}", style="bold"), id="help-title")
            with VerticalScroll(id="help-body"):
                if topic.description:
                    yield Static(Text(reflow(topic.description)), classes="help-text")
                if topic.scopes:
                    yield Static(Text("Keys in this pane", style="bold underline"))
                    extra = MOVE_KEYS if topic.scopes[0] != keys.FILTER else []
                    yield Static(key_table(topic.scopes, self.keymap, extra=extra))
                if topic.screen_scopes or topic.extra or topic.bindings:
                    yield Static(Text("Keys on this screen", style="bold underline"))
                    rows = (*topic.bindings, *topic.extra)
                    yield Static(key_table(topic.screen_scopes, self.keymap, extra=rows))
                yield Static(Text("Keys everywhere", style="bold underline"))
                yield Static(key_table((keys.APP,), self.keymap, without=taken))
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


def help_for(screen: Screen[Any]) -> HelpTopic:
    """The topic of ``screen``: a screen with panes answers ``focused_pane()``."""
    focused_pane = getattr(screen, "focused_pane", None)
    if callable(focused_pane):
        widget, pane, scopes = focused_pane()
        return topic_for(widget, pane, scopes, screen)
    return topic_for(screen.focused, "", (), screen)
