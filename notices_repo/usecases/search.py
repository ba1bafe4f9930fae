"""Search sections and data categories: what ``notice-tui search`` and the search screen do.

The command runs :func:`search_notices` once. The app keeps one index per repository, HEAD
and day: it runs :func:`prepare_index` in a worker (the versions in force first, every
version on demand, extending that index) and searches the index on each keystroke.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from notices_repo.catalog.resolve import find_notice
from notices_repo.model import Catalog
from notices_repo.usecases import InvalidRequest

if TYPE_CHECKING:
    from notices_repo.catalog.repository import NoticeRepository
    from notices_repo.search.query import Hit, SearchIndex

#: ``progress(stage, done, total)`` while an index is built.
Progress = Callable[[str, int, int], None]
#: The two scopes: the version in force of each notice, or every effective version.
LATEST, ALL = "latest", "all"


def prepare_index(
    repository: NoticeRepository,
    catalog: Catalog,
    scope: str = LATEST,
    *,
    today: dt.date,
    base: SearchIndex | None = None,
    progress: Progress | None = None,
    cancelled: threading.Event | None = None,
    warm: bool = False,
) -> SearchIndex:
    """The search index of ``catalog`` able to search ``scope``: loaded from the cache
    folder when it matches, else built (and saved).

    ``base``: an index of the same catalog to extend with every version (``scope``
    ``all``). ``warm``: do the first keystrokes' one-time work now (for an app worker).
    Raises :class:`~notices_repo.errors.Cancelled` when ``cancelled`` is set.
    """
    from notices_repo.search.query import SearchIndex

    if scope not in (LATEST, ALL):
        raise InvalidRequest(f"unknown search scope '{scope}'; use '{LATEST}' or '{ALL}'")
    if base is not None and scope == ALL:
        index = base.with_all_versions(
            repository, catalog, today=today, progress=progress, cancelled=cancelled
        )
    elif base is not None:
        index = base
    else:
        index = SearchIndex.load_or_build(
            repository,
            catalog,
            all_versions=scope == ALL,
            today=today,
            progress=progress,
            cancelled=cancelled,
        )
    if warm:
        index.warm()
    return index


@dataclass(frozen=True, slots=True)
class SearchRequest:
    """What ``notice-tui search`` asks; checked when made (:class:`InvalidRequest`)."""

    query: str
    """The words to look for."""
    all_versions: bool = False
    """Search every effective version, not only the versions in force."""
    notice: str | None = None
    """Only this notice (any unambiguous part of its path or title)."""
    limit: int = 20
    """At most this many hits."""

    def __post_init__(self) -> None:
        if not self.query.strip():
            raise InvalidRequest("give words to search for, e.g. notice-tui search cookies")
        if self.limit < 1:
            raise InvalidRequest("--limit must be 1 or more")

    @property
    def scope(self) -> str:
        """``latest`` or ``all``."""
        return ALL if self.all_versions else LATEST


@dataclass(frozen=True, slots=True)
class SearchAnswer:
    """The hits of one search, best first."""

    query: str
    """The words searched for (stripped)."""
    scope: str
    """``latest`` or ``all``."""
    hits: list[Hit]
    """The hits, best first (empty: nothing matched)."""


def search_notices(
    repository: NoticeRepository,
    catalog: Catalog,
    request: SearchRequest,
    *,
    today: dt.date,
    progress: Progress | None = None,
    warn: Callable[[str], None] | None = None,
) -> SearchAnswer:
    """Find the notice (when one is named), load or build the index, search it.

    ``warn`` hears the catalog's warnings once the notice is found. Raises
    :class:`~notices_repo.errors.NoticeError` for an unknown or ambiguous notice.
    """
    notice_key = find_notice(catalog, request.notice).key if request.notice else None
    if warn is not None:
        for warning in catalog.warnings:
            warn(warning)
    index = prepare_index(repository, catalog, request.scope, today=today, progress=progress)
    query = request.query.strip()
    hits = index.search(query, limit=request.limit, scope=request.scope, notice_key=notice_key)
    return SearchAnswer(query, request.scope, hits)


__all__ = [
    "ALL",
    "LATEST",
    "SearchAnswer",
    "SearchRequest",
    "prepare_index",
    "search_notices",
]
