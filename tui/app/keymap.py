"""The config file's ``[keys]`` table, checked: known ids, well-formed keys, no clashes.

What the keys are is :mod:`tui.app.keys`; this module only says whether a user's
remapping can be used, and why not (one line naming the key and the fix).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from tui.app.keys import (
    APP,
    CHANGE_LIST,
    CHANGES,
    CONTENTS,
    DIFF,
    KEYS,
    LISTS,
    MAIN,
    NOTICES,
    RELEASE_LIST,
    RELEASES,
    SHARED_SCOPES,
    TEXT,
    VERSIONS,
    canonical,
    effective_keys,
)

#: Keys that work at the same time: everywhere + one screen + the panes of that screen.
#: A clash inside one group is refused unless the default keys already had it (a screen
#: taking over a key of the app on purpose, as the comparison does with ``q`` and ``/``).
ACTIVE_TOGETHER: tuple[tuple[str, ...], ...] = (
    *((APP, MAIN, pane, *SHARED_SCOPES[pane]) for pane in (NOTICES, VERSIONS, TEXT, CONTENTS)),
    (APP, DIFF),
    (APP, RELEASES, RELEASE_LIST, LISTS),
    (APP, CHANGES, CHANGE_LIST, LISTS),
)


class KeymapError(ValueError):
    """The config file's ``[keys]`` table cannot be used; the message says why and how."""


_KEY_NAME = re.compile(r"^[A-Za-z0-9_]+(\+[A-Za-z0-9_]+)*$|^[^\s,]$")


def validate_keymap(keys: Mapping[str, str], source: str = "the config file") -> dict[str, str]:
    """Check a ``[keys]`` table: known ids, well-formed keys, no clashes on one screen.

    Returns the keymap for :meth:`textual.app.App.set_keymap`.
    """
    known = {item.id: item for item in KEYS}
    unknown = sorted(k for k in keys if k not in known)
    if unknown:
        raise KeymapError(
            f"{source}: [keys] has unknown action {', '.join(repr(k) for k in unknown)}; "
            f"known actions: {', '.join(sorted(known))}"
        )
    keymap: dict[str, str] = {}
    for key_id, value in keys.items():
        names = [part.strip() for part in value.split(",")]
        if not names or any(not _KEY_NAME.match(name) for name in names):
            raise KeymapError(
                f'{source}: [keys] {key_id} = "{value}" is not a list of keys; write e.g. '
                f'{key_id} = "x" or {key_id} = "ctrl+x,f5"'
            )
        keymap[key_id] = ",".join(names)
    _check_clashes(keymap)
    return keymap


def _check_clashes(keymap: Mapping[str, str]) -> None:
    """Two actions active at once on one key (see :data:`ACTIVE_TOGETHER`).

    Only clashes the remapping brings are refused: a screen that takes over a key of
    the app by default (``q`` and ``/`` in the comparison) keeps doing so.
    """
    keys = effective_keys(keymap)
    defaults = effective_keys({})
    by_scope = {item.id: item.scope for item in KEYS}
    for scopes in ACTIVE_TOGETHER:
        seen: dict[str, str] = {}
        for key_id, names in keys.items():
            if by_scope[key_id] not in scopes:
                continue
            for name in names:
                key = canonical(name)
                other = seen.get(key)
                if (
                    other is not None
                    and other != key_id
                    and (key_id in keymap or other in keymap)
                    and not _clash_by_default(defaults, other, key_id, key)
                ):
                    raise KeymapError(
                        f"the config file's [keys]: '{name}' would run both {other} and "
                        f"{key_id}; give one of them another key"
                    )
                seen.setdefault(key, key_id)


def _clash_by_default(defaults: Mapping[str, list[str]], one: str, other: str, key: str) -> bool:
    """Whether ``one`` and ``other`` both have ``key`` among their default keys."""
    return all(key in {canonical(name) for name in defaults[item]} for item in (one, other))
