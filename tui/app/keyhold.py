"""Keys typed while a screen or a text box is on its way: held, then handed to it in order.

Textual gives each key to the widget focused when the key is read, and runs a key's
binding only once the key has come back up from that widget. Keys typed ahead (while
notice-tui starts, or read together over a slow SSH link) therefore went to whatever had
the focus before: ``/cookies`` typed at once opened the contents (``c``) and moved up
(``k``) instead of reaching the search box, and keys typed while the app started were
read by the first screen and lost.

:class:`KeyHold` holds every key from the start until the main screen has its focus,
and from a key that opens a text box (:data:`TEXT_BOX_KEYS`: search, filter, as-of date,
find in the comparison, command palette; run as the key is read, not after the keys
read with it) until the box has the focus; then it posts the held keys again, in the
order typed, ahead of anything typed later. ``q`` still quits at once while the app
starts. A hold lasts at most :data:`MAX_HOLD` seconds (the one at start-up lasts until
the main screen is there).
"""

from __future__ import annotations

import bisect
from collections.abc import Collection
from functools import partial
from typing import TYPE_CHECKING, Any

from textual import events

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen
    from textual.timer import Timer

#: The longest a hold lasts (seconds) before the held keys are posted anyway.
MAX_HOLD = 5.0
#: Keys (ids in :mod:`tui.app.keys`) that open a text box: what is typed after them is text.
TEXT_BOX_KEYS = frozenset({"search", "filter", "as_of", "diff_find", "palette"})


class KeyHold:
    """Holds an app's keys while a screen or a text box is on its way, and replays them."""

    def __init__(self, app: App[object]) -> None:
        self._app = app
        self._held: list[tuple[int, str, str | None]] = []
        """(order typed, key, character), oldest first."""
        self._in_flight: dict[int, int] = {}
        """Keys posted again and not yet back in :meth:`take`: event id -> order typed."""
        self._typed = 0
        self._holding = False
        self._release_wanted = False
        self._pass_through: frozenset[str] = frozenset()
        self._timer: Timer | None = None
        self._box_keys: frozenset[str] | None = None
        """Every key bound to a :data:`TEXT_BOX_KEYS` action (after remapping)."""

    @property
    def holding(self) -> bool:
        """Keys are being held now."""
        return self._holding

    @property
    def held(self) -> list[str]:
        """The keys held so far, oldest first."""
        return [key for _, key, _ in self._held]

    def start(self, pass_through: Collection[str] = (), *, limit: float | None = MAX_HOLD) -> None:
        """Hold keys from now on, for at most ``limit`` seconds (None: until released);
        ``pass_through`` keys act at once while nothing is held (quit never waits)."""
        self._holding = True
        self._release_wanted = False
        self._pass_through = frozenset(pass_through)
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if limit is not None:
            self._timer = self._app.set_timer(limit, self._give_up, name="key hold")

    def take(self, event: events.Key) -> bool:
        """True when ``event`` is held (the caller must not dispatch it).

        Keys posted again come back behind keys typed later but read before they were
        posted; each key keeps the place it was typed in: a key typed later waits while
        older ones are still on their way, and held keys are kept in typed order.
        """
        order = self._in_flight.pop(id(event), None)
        replayed = order is not None
        if order is None:
            self._typed += 1
            order = self._typed
        if self._holding:
            if (
                not replayed
                and not self._held
                and not self._in_flight
                and event.key in self._pass_through
            ):
                return False
            self._hold(order, event)
            if self._release_wanted and not self._in_flight:
                self._post_held()
            return True
        if not replayed and self._in_flight:
            self._hold(order, event)  # typed after keys still on their way: after them
            if self._timer is None:
                self._timer = self._app.set_timer(MAX_HOLD, self._give_up, name="key hold")
            return True
        if replayed and not self._in_flight and self._held:
            self._post_held()  # the keys typed after this one, behind it
        return False

    def _hold(self, order: int, event: events.Key) -> None:
        bisect.insort(self._held, (order, event.key, event.character), key=lambda k: k[0])

    def release(self) -> None:
        """Stop holding and post the held keys again, in the order they were typed
        (once keys posted by an earlier release, which are older, are back)."""
        if not self._holding:
            return
        self._release_wanted = True
        if not self._in_flight:
            self._post_held()

    async def open_text_box(self, key: str) -> bool:
        """When ``key`` opens a text box here (:data:`TEXT_BOX_KEYS`), open it now and
        hold the keys typed after it until the box has the focus; True if it did (the
        caller must not dispatch the key).

        Textual runs a key's binding only when the key comes back up from the focused
        widget, after the keys read with it went to that widget as its keys.
        """
        from textual.widgets import Input

        app = self._app
        if self._box_keys is None:
            from tui.app import keys

            bound = keys.effective_keys(getattr(app, "keymap", {}))
            self._box_keys = frozenset(
                keys.canonical(k) for name in TEXT_BOX_KEYS for k in bound.get(name, ())
            )
        if key not in self._box_keys or isinstance(app.focused, Input):
            return False  # no key of a box (a cheap test for every key), or typed into one
        active = app.screen.active_bindings.get(key)
        if active is None or active.binding.id not in TEXT_BOX_KEYS or not active.enabled:
            return False
        screen = app.screen
        self.start()
        await app.run_action(active.binding.action, active.node)
        self._release_when_typing(screen)
        return True

    def _release_when_typing(self, before: Screen[Any], tries: int = 10) -> None:
        """Release once a text box has the focus. A box on the screen the key was typed
        on gets it within ``tries`` polls or never (the key opened nothing: ``t`` leaving
        the as-of view); a screen being opened may take longer (up to the hold's limit)."""
        from textual.widgets import Input

        if not self._holding:
            return
        app = self._app
        if isinstance(app.focused, Input) or (app.screen is before and tries <= 0):
            self.release()
            return
        if app.screen is before:
            tries -= 1
        app.set_timer(0.02, partial(self._release_when_typing, before, tries))

    def _give_up(self) -> None:
        """The hold lasted too long: post what is held, whatever is still on its way."""
        self._in_flight.clear()
        if self._holding or self._held:
            self._post_held()

    def _post_held(self) -> None:
        self._holding = False
        self._release_wanted = False
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        held, self._held = self._held, []
        for order, key, character in held:
            # sent by the app, as the terminal's keys are (a key sent by a screen would
            # stop bubbling at that screen, before the app's bindings see it)
            event = events.Key(key, character).set_sender(self._app)
            self._in_flight[id(event)] = order
            self._app.post_message(event)


__all__ = ["MAX_HOLD", "TEXT_BOX_KEYS", "KeyHold"]
