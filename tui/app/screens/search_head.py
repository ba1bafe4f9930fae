"""The search screen's answer before the index is ready: the notice files at HEAD.

On the first open of a large archive the search index takes seconds to build (issue
16). Meanwhile ``/`` searches the notices' current files
(:class:`notices_repo.search.head.HeadTexts`, read here once per app and repository in a
thread worker); the search screen says so, and searches the index, with the same query,
when it is ready. The texts are dropped then (:func:`forget_head`).
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.worker import get_current_worker

if TYPE_CHECKING:
    from notices_repo.search.head import HeadTexts
    from tui.app.services import ServicesApp

#: What the search box says while it answers from the texts at HEAD.
HEAD_PLACEHOLDER = "searching the current texts - index building…"


@dataclass
class HeadState:
    """The texts at HEAD of one app's repository, and how reading them goes."""

    path: Path | None = None
    """The repository folder they were (are being) read from."""
    texts: HeadTexts | None = None
    """The texts, once read (None before, and after the index took over)."""
    reading: bool = False
    """A worker is reading them."""
    done: bool = False
    """Read, failed or given up for this repository: not read again."""


_STATES: weakref.WeakKeyDictionary[Any, HeadState] = weakref.WeakKeyDictionary()


def head_state(app: ServicesApp) -> HeadState:
    """The HEAD texts state of ``app`` (created on first use)."""
    state = _STATES.get(app)
    if state is None:
        state = _STATES[app] = HeadState()
    return state


def _repository_path(app: ServicesApp) -> Path | None:
    """The repository folder, once known (the sample's only once the app opened it)."""
    if app.repository is not None:
        return app.repository.path
    return app.settings.repo


def read_head(app: ServicesApp, arrived: Callable[[], None]) -> None:
    """Read the notice files at HEAD in a thread worker (once per repository);
    ``arrived`` is called on the UI thread when they are there."""
    state = head_state(app)
    path = _repository_path(app)
    if path is None or (state.path == path and (state.reading or state.done)):
        return
    state.path, state.texts, state.reading, state.done = path, None, True, False
    app.run_worker(
        partial(_read, app, state, path, arrived),
        thread=True,
        group="search-head",
        name="search: texts at HEAD",
        exit_on_error=False,
    )


class _Cancelled(threading.Event):
    """Set when the worker reading the texts is cancelled (the app exits)."""

    def __init__(self) -> None:
        super().__init__()
        self._worker = get_current_worker()  # asked from git's feeding thread too

    def is_set(self) -> bool:
        return super().is_set() or self._worker.is_cancelled


def _read(app: ServicesApp, state: HeadState, path: Path, arrived: Callable[[], None]) -> None:
    """Worker: read the texts, then hand them to the UI thread."""
    from notices_repo.errors import Cancelled, NoticeError
    from notices_repo.search.head import HeadTexts

    try:
        texts = HeadTexts.read(path, _Cancelled())
    except Cancelled:
        return
    except (NoticeError, OSError, ValueError):
        texts = None  # the app's reader says what is wrong with the repository
    app.call_from_thread(_arrived, state, path, texts, arrived)


def _arrived(
    state: HeadState, path: Path, texts: HeadTexts | None, arrived: Callable[[], None]
) -> None:
    if state.path != path:
        return
    state.reading, state.done = False, True
    state.texts = texts
    arrived()


def forget_head(app: ServicesApp) -> None:
    """The index is ready: the texts at HEAD are not needed any more (their memory)."""
    state = head_state(app)
    state.texts = None
    state.done = True


__all__ = ["HEAD_PLACEHOLDER", "HeadState", "forget_head", "head_state", "read_head"]
