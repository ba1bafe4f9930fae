"""The texts the main screen shows: read and split off the UI thread, the last few kept.

:func:`read_text` is the work of the main screen's text worker (one revision: read,
decoded, its front matter set aside, split into sections and data categories);
:class:`TextCache` keeps the last :data:`TEXT_CACHE_SIZE` texts, so going back to a
version is instant and the diff view does not read or split them again.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING

from tui.app.messages import LoadedText, TextFailed, TextLoaded

if TYPE_CHECKING:
    from notices_repo.catalog.repository import NoticeRepository
    from notices_repo.model import Revision
    from tui.app.widgets.version_list import Choice

#: Texts kept (read and split) by the main screen.
TEXT_CACHE_SIZE = 16


def read_text(
    repository: NoticeRepository,
    notice_key: str,
    revision: Revision,
    cancelled: Callable[[], bool],
) -> TextLoaded | TextFailed | None:
    """Read and split one revision's text (in a worker); None when ``cancelled``."""
    from notices_repo.errors import NoticeError
    from notices_repo.text.body import source_sections
    from notices_repo.usecases.show import read_version

    try:
        read = read_version(repository, revision)
    except NoticeError as exc:
        return TextFailed(notice_key, revision.commit, exc.message)
    if cancelled():
        return None
    body, sections = read.body, read.sections
    text = body.text
    changed = body.changed
    loaded = LoadedText(
        notice_key=notice_key,
        commit=revision.commit,
        path=revision.path,
        text=text,
        sections=sections,
        categories=read.categories,
        warning=read.warning,
        source=body.source if changed else None,
        source_sections=source_sections(body, sections) if changed else None,
    )
    return TextLoaded(loaded)


def shown_warning(document: LoadedText | None, choice: Choice) -> str | None:
    """The warning of the text shown when it is ``choice``'s (None otherwise): the
    header of a version list filled again (the full catalog after a notice read on its
    own) keeps what the text said about its bytes."""
    if document is None or document.notice_key != choice.notice.key:
        return None
    return document.warning if document.commit == choice.shown.commit else None


class TextCache:
    """The last :data:`TEXT_CACHE_SIZE` texts read, by (notice key, commit)."""

    def __init__(self, size: int = TEXT_CACHE_SIZE) -> None:
        self.size = size
        """How many texts are kept (the least recently used goes first)."""
        self._texts: OrderedDict[tuple[str, str], LoadedText] = OrderedDict()

    def get(self, key: tuple[str, str]) -> LoadedText | None:
        """The text of ``key`` if kept (it becomes the most recently used)."""
        loaded = self._texts.get(key)
        if loaded is not None:
            self._texts.move_to_end(key)
        return loaded

    def keep(self, loaded: LoadedText) -> None:
        """Keep ``loaded``; the least recently used goes when there are too many."""
        self._texts[(loaded.notice_key, loaded.commit)] = loaded
        while len(self._texts) > self.size:
            self._texts.popitem(last=False)

    def clear(self) -> None:
        """Forget every text (the repository was read again)."""
        self._texts.clear()

    def of_notice(self, notice_key: str) -> list[LoadedText]:
        """The texts of ``notice_key`` kept, oldest use first."""
        return [loaded for key, loaded in self._texts.items() if key[0] == notice_key]
