"""The main screen before the history is read: the notice list at once, a selected
notice's own history first (issue 16, "useful at once").

The app lists the notices at HEAD before it reads the history
(:class:`~tui.app.messages.EarlyCatalog`); this part of the main screen shows them, and
when one is selected reads that notice's history on its own
(:class:`notices_repo.catalog.early.EarlyReader`, in a worker that is cancelled when
another is selected: its cancelled event goes down to git and the scan), so its
versions and text show while the full scan goes on (which gives way while it is read:
:class:`tui.app.early.ScanPriority`); the status line says how the scan goes. The
full catalog then replaces the list, keeping the selection
(:meth:`tui.app.screens.main.MainScreen.catalog_loaded`).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from textual import work
from textual.worker import get_current_worker

from notices_repo.catalog.early import is_early
from tui.app.early import scan_words
from tui.app.messages import EarlyCatalog, NoticeHistoryRead
from tui.app.widgets.contents import CategoryList, SectionList
from tui.app.widgets.doc_header import DocHeader
from tui.app.widgets.present import safe

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import TypeVar

    from textual.timer import Timer
    from textual.widget import Widget
    from textual.worker_manager import WorkerManager

    from notices_repo.catalog.early import EarlyReader
    from notices_repo.model import Catalog, Notice
    from tui.app.services import ServicesApp
    from tui.app.widgets.notice_list import NoticeList
    from tui.app.widgets.notice_view import NoticeView
    from tui.app.widgets.status_line import StatusLine
    from tui.app.widgets.version_list import VersionList

    _W = TypeVar("_W", bound=Widget)

#: Seconds a selection stays before its history is read when the one before was this
#: recent: moving through the list (a key held down repeats every 30 - 50 ms) starts no
#: git for each notice passed. A selection after a pause is read at once.
HISTORY_DELAY = 0.08
#: The version list's subtitle while a notice's versions come from its own history.
PENDING_SUBTITLE = "full history pending…"


class EarlyNotices:
    """The main screen's early list and early histories (a mixin of
    :class:`tui.app.screens.main.MainScreen`, which has what is declared below)."""

    early: Catalog | None = None
    """The notices at HEAD shown before the full catalog (None: not shown, or replaced)."""
    _early_reader: EarlyReader | None = None
    _history_timer: Timer | None = None
    _history_asked = 0.0  # when a notice's history was last asked for (monotonic)
    _own_selection = False  # the next selection is the list's own, when it is shown

    if TYPE_CHECKING:
        notice_app: ServicesApp
        workers: WorkerManager
        notices: NoticeList
        versions: VersionList
        status: StatusLine
        view: NoticeView

        def refill(self, *, keep: str | None = None, announce: bool = False) -> None: ...
        def _fill_versions(self, notice: Notice | None) -> None: ...
        def post_message(self, message: NoticeHistoryRead) -> bool: ...
        def set_timer(self, delay: float, callback: Callable[[], object]) -> Timer: ...
        def query_one(self, selector: type[_W]) -> _W: ...

    def on_early_catalog(self, message: EarlyCatalog) -> None:
        """The notices at HEAD are listed: show them while the history is read."""
        self.early_shown(message.catalog)

    def early_shown(self, catalog: Catalog | None) -> None:
        """List the notices at HEAD (before the full catalog, never after it)."""
        if catalog is None or self.early is catalog or self.notice_app.catalog is not None:
            return
        self.early = catalog
        count = len(catalog.notices)
        self.status.show_repository(catalog.repository, count, sample=catalog.is_sample)
        self.status.show_scan(scan_words(*self.notice_app.progress))
        self._own_selection = True  # the list's first selection is no key held down
        self.refill(announce=True)

    def early_done(self) -> bool:
        """The full catalog is there: forget the early list and stop its reader; False
        when no early list was shown."""
        if self.early is None:
            return False
        self.early = None
        self.versions.border_subtitle = ""
        self.status.show_scan(None)
        reader, self._early_reader = self._early_reader, None
        if self._history_timer is not None:
            self._history_timer.stop()
            self._history_timer = None
        self.workers.cancel_group(self, "early-history")  # type: ignore[arg-type]
        if reader is not None:
            reader.close()
        return True

    def scan_moved(self, stage: str, done: int, total: int) -> bool:
        """Show how the scan goes in the status line; False: no early list shown (the
        reader shows the progress instead)."""
        if self.early is None:
            return False
        self.status.show_scan(scan_words(stage, done, total))
        return True

    def history_of(self, notice: Notice | None) -> Notice | None:
        """``notice`` as it can be shown now: a listed early notice starts reading its
        own history (shown when read); any other as it is."""
        self.versions.border_subtitle = ""
        if self._history_timer is not None:
            self._history_timer.stop()
            self._history_timer = None
        repository = self.notice_app.repository
        if notice is None or self.early is None or repository is None:
            return notice
        if not is_early(notice):  # its own history, read already
            self.versions.border_subtitle = PENDING_SUBTITLE
            return notice
        if self._early_reader is None:
            from notices_repo.catalog.early import EarlyReader

            # the load's reader, reading HEAD's main line since the repository opened
            assert self.early.head is not None
            self._early_reader = self.notice_app.early_reader or EarlyReader(
                repository, self.early.head
            )
            self._early_reader.prefetch()
        self.versions.border_subtitle = "reading its history…"
        self.view.show_message(f"Reading the history of {safe(notice.path)}…")
        self.query_one(DocHeader).show(None, self.notice_app.today)
        self.query_one(SectionList).fill([])  # not the contents of the notice left
        categories = self.query_one(CategoryList)
        categories.fill([])
        categories.border_subtitle = ""
        reader = self._early_reader
        # the previous notice's read stops (its git too); this one starts at once after a
        # pause, else once the selection has stayed HISTORY_DELAY (a key held down)
        self.workers.cancel_group(self, "early-history")  # type: ignore[arg-type]
        now = time.monotonic()
        quiet = now - self._history_asked >= HISTORY_DELAY
        self._history_asked = 0.0 if self._own_selection else now
        self._own_selection = False
        if quiet:
            self._read_history(reader, notice.key)
        else:
            self._history_timer = self.set_timer(
                HISTORY_DELAY, lambda: self._read_history(reader, notice.key)
            )
        return notice

    @work(thread=True, exclusive=True, group="early-history", exit_on_error=False)
    def _read_history(self, reader: EarlyReader, path: str) -> None:
        """Read one notice's history (off the UI thread; a newer selection cancels it,
        and its cancelled event stops git and the scan)."""
        from notices_repo.errors import Cancelled, NoticeError

        worker = get_current_worker()
        try:
            with self.notice_app.scan_priority.held():  # the full scan waits meanwhile
                notice = reader.notice(path, worker.cancelled_event)
        except Cancelled:
            return
        except NoticeError:
            if worker.is_cancelled:
                return  # its reader was closed under it: the full catalog is there
            raise
        if notice is not None and not worker.is_cancelled:
            self.post_message(NoticeHistoryRead(notice))

    def on_notice_history_read(self, message: NoticeHistoryRead) -> None:
        """A notice's own history is read: keep it in the early list and show its
        versions if it is still the one selected."""
        early, notice = self.early, message.notice
        if early is None:
            return  # the full catalog came first
        for index, listed in enumerate(early.notices):
            if listed.key == notice.key:
                early.notices[index] = notice
                break
        else:
            return
        self.notices.update_notice(notice)
        selected = self.notices.notice
        if selected is not None and selected.key == notice.key:
            self._fill_versions(notice)
            self.versions.border_subtitle = PENDING_SUBTITLE
