"""The app's first open of a large archive: the notice list before the history is read.

The load worker lists the notices at HEAD (:func:`early_message`, one ``ls-tree``) and
posts them before it reads the history; the main screen shows them at once and reads a
selected notice's own history first (:mod:`tui.app.screens.main_early`). The full
catalog then replaces them. Headless commands never come here.

:func:`gated` wraps the load's progress callback, which the scan calls every 1,024
commits walked and every task of texts read. There the scan gives way to a selected
notice's own history (:class:`ScanPriority`): while that is read, the scan waits (git's
output waits in its pipe, no new texts are handed to the worker processes), so on two
cores the selected notice is not read in competition with the whole history. The scan
never waits more than :data:`YIELD_MAX` seconds for one run of readers.

It also holds the test hook of a deliberately slow scan: the app's ``scan_gate`` (a
:class:`threading.Event` a test sets when the scan may go on) holds the history scan at
its start, after the notice list is shown. Nothing is mocked: git runs as always.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from tui.app.messages import EarlyCatalogRead

if TYPE_CHECKING:
    from notices_repo.catalog.repository import NoticeRepository

#: ``progress(stage, done, total)`` as the load reports it.
Progress = Callable[[str, int, int], None]
#: The load's stage while ``git log`` runs: the scan has started.
SCAN_STAGE = "reading history"
#: Seconds the history scan waits at most for a run of selected notices' histories.
YIELD_MAX = 3.0


class ScanPriority:
    """Reads the history scan gives way to (a selected notice's own history).

    A reader holds it (:meth:`held`) while it reads; the scan, at its next progress
    report, waits until no reader holds it (:meth:`wait`), but never longer than
    ``limit`` seconds after the readers began holding it: a reader that hangs delays
    the scan that long at most. Thread-safe.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._readers = 0
        self._since = 0.0
        self._idle = threading.Event()
        self._idle.set()

    @property
    def busy(self) -> bool:
        """A reader holds it now."""
        return not self._idle.is_set()

    @contextmanager
    def held(self) -> Iterator[None]:
        """Hold the scan back while the body runs."""
        with self._lock:
            if self._readers == 0:
                self._since = time.monotonic()
            self._readers += 1
            self._idle.clear()
        try:
            yield
        finally:
            with self._lock:
                self._readers -= 1
                if self._readers == 0:
                    self._idle.set()

    def wait(self, cancel: threading.Event, limit: float = YIELD_MAX) -> None:
        """Wait while a reader holds it, until ``limit`` seconds after the readers began
        holding it; a cancel stops the load (:class:`~notices_repo.errors.Cancelled`)."""
        while not self._idle.wait(0.05):
            if cancel.is_set():
                from notices_repo.errors import Cancelled

                raise Cancelled()
            if time.monotonic() >= self._since + limit:
                return


def early_message(repository: NoticeRepository) -> EarlyCatalogRead | None:
    """The notices at HEAD, to post before the history is read (None: no commits, or
    git could not list them: the full load then says what is wrong)."""
    from notices_repo.catalog.early import EarlyReader, early_catalog
    from notices_repo.errors import NoticeError

    try:
        head = repository.head()
        if head is None:
            return None
        # HEAD's main line, which every notice read first needs, read from now on
        reader = EarlyReader(repository, head)
        reader.prefetch()
        return EarlyCatalogRead(repository, early_catalog(repository, head), reader)
    except NoticeError:
        return None


def gated(
    progress: Progress,
    gate: threading.Event | None,
    cancel: threading.Event,
    priority: ScanPriority | None = None,
) -> Progress:
    """``progress``, held at the scan's start until ``gate`` is set (None: never held),
    and at every report while ``priority`` is held by a reader; a cancel while held stops
    the load (:class:`~notices_repo.errors.Cancelled`)."""
    if gate is None and priority is None:
        return progress

    def held(stage: str, done: int, total: int) -> None:
        progress(stage, done, total)
        if gate is not None and stage == SCAN_STAGE:
            from notices_repo.errors import Cancelled

            while not gate.wait(0.05):
                if cancel.is_set():
                    raise Cancelled()
        if priority is not None and priority.busy:
            priority.wait(cancel)

    return held


def scan_words(stage: str, done: int, total: int) -> str:
    """How the history scan goes, for the status line: ``reading texts 40%``."""
    if total:
        return f"{stage} {min(100, 100 * done // total)}%"
    return f"{stage} {done}" if done else stage
