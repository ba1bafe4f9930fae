"""The app's first open of a large archive: the notice list before the history is read.

The load worker lists the notices at HEAD (:func:`early_message`, one ``ls-tree``) and
posts them before it reads the history; the main screen shows them at once and reads a
selected notice's own history first (:mod:`tui.app.screens.main_early`). The full
catalog then replaces them. Headless commands never come here.

:func:`gated` is the test hook of a deliberately slow scan: the app's ``scan_gate``
(a :class:`threading.Event` a test sets when the scan may go on) holds the history scan
at its start, after the notice list is shown. Nothing is mocked: git runs as always.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from tui.app.messages import EarlyCatalogRead

if TYPE_CHECKING:
    from notices_repo.catalog.repository import NoticeRepository

#: ``progress(stage, done, total)`` as the load reports it.
Progress = Callable[[str, int, int], None]
#: The load's stage while ``git log`` runs: the scan has started.
SCAN_STAGE = "reading history"


def early_message(repository: NoticeRepository) -> EarlyCatalogRead | None:
    """The notices at HEAD, to post before the history is read (None: no commits, or
    git could not list them: the full load then says what is wrong)."""
    from notices_repo.catalog.early import early_catalog
    from notices_repo.errors import NoticeError

    try:
        head = repository.head()
        if head is None:
            return None
        return EarlyCatalogRead(repository, early_catalog(repository, head))
    except NoticeError:
        return None


def gated(progress: Progress, gate: threading.Event | None, cancel: threading.Event) -> Progress:
    """``progress``, held at the scan's start until ``gate`` is set (None: never held);
    a cancel while held stops the load (:class:`~notices_repo.errors.Cancelled`)."""
    if gate is None:
        return progress

    def held(stage: str, done: int, total: int) -> None:
        progress(stage, done, total)
        if stage == SCAN_STAGE:
            from notices_repo.errors import Cancelled

            while not gate.wait(0.05):
                if cancel.is_set():
                    raise Cancelled()

    return held


def scan_words(stage: str, done: int, total: int) -> str:
    """How the history scan goes, for the status line: ``reading texts 40%``."""
    if total:
        return f"{stage} {min(100, 100 * done // total)}%"
    return f"{stage} {done}" if done else stage
