"""Messages: workers to the UI thread, the app to its screens, screens to the app.

Workers never touch widgets: they post one of these, and a handler on the UI thread
updates the screen. Each message carries everything its handler needs. The app never
calls a screen's methods: it tells the screens what changed (:class:`RepositoryReading`,
:class:`CatalogChanged`, :class:`SupportChanged`) or where to go (:class:`ShowNotice`,
:class:`ShowAsOf`, :class:`ToggleAsRecorded`, :class:`JumpSection`), and each screen that
cares handles it.
A worker of a screen or widget that fails is reported with :class:`WorkerFailed`, which
bubbles up to the app's one handler for worker errors.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    import datetime as dt

    from textual.worker import Worker

    from notices_repo.catalog.early import EarlyReader
    from notices_repo.catalog.repository import NoticeRepository
    from notices_repo.model import Catalog, Notice
    from notices_repo.support.running import SupportCheck
    from notices_repo.text.sections import DataCategory, Section


class LoadProgress(Message):
    """The repository is being read: a stage and, when known, a count."""

    def __init__(self, stage: str, done: int, total: int) -> None:
        super().__init__()
        self.stage = stage
        """What is being done ("reading history", "reading texts" ...)."""
        self.done = done
        """How many items are done (0 when not counted)."""
        self.total = total
        """How many items there are (0 when not known)."""


class CatalogLoaded(Message):
    """The repository has been read."""

    def __init__(
        self, repository: NoticeRepository, catalog: Catalog, seconds: float, reload: bool
    ) -> None:
        super().__init__()
        self.repository = repository
        """The open repository (texts are read from it on demand)."""
        self.catalog = catalog
        """Every notice, revision and effective date."""
        self.seconds = seconds
        """How long opening and reading took."""
        self.reload = reload
        """True when this answers ``r`` (keep the selection)."""


class EarlyCatalogRead(Message):
    """The notices at HEAD were listed before the history is read (a cold first load of
    a large archive is useful at once; :class:`CatalogLoaded` replaces them)."""

    def __init__(
        self, repository: NoticeRepository, catalog: Catalog, reader: EarlyReader | None = None
    ) -> None:
        super().__init__()
        self.repository = repository
        """The open repository (a notice's history and texts are read from it)."""
        self.catalog = catalog
        """The notices at HEAD, each with no revision yet
        (:func:`notices_repo.catalog.early.early_catalog`)."""
        self.reader = reader
        """The reader of one notice's history at a time, already reading HEAD's main line
        (None: the screen starts one)."""


class NoticeHistoryRead(Message):
    """One notice's history was read on its own, before the full catalog is there."""

    def __init__(self, notice: Notice) -> None:
        super().__init__()
        self.notice = notice
        """The notice with its revisions, dates and marks."""


class LoadFailed(Message):
    """The repository could not be opened or read; ``message`` says why and the fix."""

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message
        """One line, from the domain's error (never a traceback)."""


class SupportChecked(Message):
    """The running release and its support state are known (or known to be unknown).

    ``pending`` is true for the first answer while the server is still being asked:
    the calendar is known, the server's answer follows in another message.
    """

    def __init__(self, check: SupportCheck, *, pending: bool = False) -> None:
        super().__init__()
        self.check = check
        """Calendar, running release and status."""
        self.pending = pending
        """The server is still being asked (this check was made without it)."""


@dataclass(frozen=True, slots=True)
class LoadedText:
    """One revision's text with what the reader needs from it."""

    notice_key: str
    commit: str
    path: str
    text: str
    """The decoded text (not yet inert: the renderer makes it inert)."""
    sections: list[Section]
    categories: list[DataCategory]
    warning: str | None
    """A decoding problem (not UTF-8, binary, missing object)."""
    source: str | None = None
    """The text as in the file when ``text`` left markup out (front matter, kramdown
    attribute lists: :mod:`notices_repo.text.body`); None when they are the same."""
    source_sections: list[Section] | None = None
    """``sections`` as spans of ``source`` (same headings, same indexes)."""

    @property
    def file_text(self) -> str:
        """The text as in the file (the source view, the diff)."""
        return self.text if self.source is None else self.source

    @property
    def file_sections(self) -> list[Section]:
        """Sections of :attr:`file_text`, index for index those of ``text``."""
        return self.sections if self.source_sections is None else self.source_sections

    @property
    def is_markdown(self) -> bool:
        """Rendered as Markdown (``.md``/``.markdown``) rather than as plain text."""
        return self.path.lower().endswith((".md", ".markdown"))


class TextLoaded(Message):
    """A revision's text has been read and split into sections."""

    def __init__(self, loaded: LoadedText) -> None:
        super().__init__()
        self.loaded = loaded
        """The text and its sections and data categories."""


class TextFailed(Message):
    """A revision's text could not be read."""

    def __init__(self, notice_key: str, commit: str, message: str) -> None:
        super().__init__()
        self.notice_key = notice_key
        self.commit = commit
        self.message = message


# the app tells its screens ------------------------------------------------------------
# (posted to every screen on the stack; a screen that does not care ignores them, and
# they do not bubble back up to the app)


class RepositoryReading(Message, bubble=False):
    """The repository is being read (before there is a catalog to show)."""

    def __init__(self, stage: str, done: int, total: int) -> None:
        super().__init__()
        self.stage = stage
        """What is being done ("reading history", "reading texts" ...)."""
        self.done = done
        """How many items are done (0 when not counted)."""
        self.total = total
        """How many items there are (0 when not known)."""


class EarlyCatalog(Message, bubble=False):
    """The notices at HEAD, listed while the history is still read (the full catalog
    follows in :class:`CatalogChanged`)."""

    def __init__(self, catalog: Catalog) -> None:
        super().__init__()
        self.catalog = catalog
        """The notices at HEAD, each with no revision until its history is read."""


class CatalogChanged(Message, bubble=False):
    """The repository was read (``catalog``), or could not be (``error``)."""

    def __init__(self, catalog: Catalog | None, error: str | None, *, reload: bool) -> None:
        super().__init__()
        self.catalog = catalog
        """The catalog read (None when reading failed)."""
        self.error = error
        """Why the repository could not be read (None: it was)."""
        self.reload = reload
        """True when this answers ``r`` (keep the selection)."""


class SupportChanged(Message, bubble=False):
    """The support check moved on (started, a first answer, the answer, or failed): the
    app's ``support``, ``support_preview``, ``support_failure`` and ``support_checking``
    say where it is."""


class ShowNotice(Message, bubble=False):
    """To the main screen: select notice ``key`` (revision, section, line)."""

    def __init__(
        self,
        key: str,
        *,
        commit: str | None = None,
        section: str | int | None = None,
        line_text: str | None = None,
    ) -> None:
        super().__init__()
        self.key = key
        """The notice to select."""
        self.commit = commit
        """The revision to select (None: the version in force)."""
        self.section = section
        """The section to scroll to: its index or heading (None: stay)."""
        self.line_text = line_text
        """Words on the line of the section to bring into view too."""


class ShowAsOf(Message, bubble=False):
    """To the main screen: show every notice as of ``day`` (None: back to today)."""

    def __init__(self, day: dt.date | None, label: str | None = None) -> None:
        super().__init__()
        self.day = day
        """The day of the as-of view (None: today)."""
        self.label = label
        """Why that day (``"8.3 released"``), shown beside it."""


class JumpSection(Message, bubble=False):
    """To the main screen: scroll the open text to one of its sections and focus it."""

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index
        """The section's index in the open text."""


class ToggleAsRecorded(Message, bubble=False):
    """To the main screen: in the as-of view, switch between the timeline's text and the
    text the repository held that day."""


# screens and widgets tell the app -----------------------------------------------------


class WorkerFailed(Message):
    """A worker of a screen or widget failed; bubbles up to the app, which says so calmly."""

    def __init__(self, worker: Worker[object]) -> None:
        super().__init__()
        self.worker = worker
        """The worker (its ``error``, ``name`` and ``group`` say what failed)."""
