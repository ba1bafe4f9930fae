"""Where an action belongs on a screen: the screen's own key scopes and those of its panes.

Screens say which keys they have with ``KEY_SCOPES`` and, pane by pane, with ``PANES``
(widget id -> (help name, key scopes)). The palette lists what a screen offers from
these, and the app runs a chosen action on the pane that has it.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen


def screen_scopes(screen: Screen[Any]) -> tuple[str, ...]:
    """The key scopes of a screen (its ``KEY_SCOPES``; none for screens without)."""
    return tuple(getattr(type(screen), "KEY_SCOPES", ()))


def pane_scopes(screen: Screen[Any]) -> tuple[str, ...]:
    """The key scopes of every pane of a screen (its ``PANES``: id -> (pane, scopes))."""
    panes: dict[str, tuple[str, tuple[str, ...]]] = getattr(type(screen), "PANES", {})
    return tuple(dict.fromkeys(scope for _, scopes in panes.values() for scope in scopes))


def pane_with(screen: Screen[Any], scope: str) -> Any:
    """The pane of ``screen`` whose keys include ``scope``: the focused one if it does,
    else the first shown (None: no such pane)."""
    panes: dict[str, tuple[str, tuple[str, ...]]] = getattr(type(screen), "PANES", {})
    focused = screen.focused
    if focused is not None and scope in panes.get(focused.id or "", ("", ()))[1]:
        return focused
    for widget_id, (_, scopes) in panes.items():
        if scope not in scopes:
            continue
        for widget in screen.query(f"#{widget_id}"):
            if widget.display:
                return widget
    return None
