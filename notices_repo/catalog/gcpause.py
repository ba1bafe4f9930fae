"""The cyclic garbage collector paused while a load builds its objects."""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

__all__ = ["paused_gc"]

_GC_LOCK = threading.Lock()
_GC_PAUSE = {"depth": 0, "resume": False}


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while a load builds its objects.

    A cold load makes hundreds of thousands of long-lived containers (commits, changes,
    raw revisions, revisions), and each full collection walks all of them again: about
    0.3 s of the loading process's 1.4 s of CPU on a 42,600-commit archive, most of it
    in the ``git log`` parse and the assembly that follow each other on one core. None of
    it forms cycles that must be freed before the load ends. Loads may run in several
    threads at once (the app loads in one): the collector is back when the last ends,
    and only if it ran when the first began.
    """
    with _GC_LOCK:
        if _GC_PAUSE["depth"] == 0:
            _GC_PAUSE["resume"] = gc.isenabled()
            gc.disable()
        _GC_PAUSE["depth"] += 1
    try:
        yield
    finally:
        with _GC_LOCK:
            _GC_PAUSE["depth"] -= 1
            if _GC_PAUSE["depth"] == 0 and _GC_PAUSE["resume"]:
                gc.enable()
