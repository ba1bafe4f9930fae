"""Search sections and data categories of every notice, now or in any earlier version.

:class:`SearchIndex` answers a query per keystroke from an index built once (in the
background for the app) and kept in the user's cache folder
(:mod:`notices_repo.search.scope` opens it: built by :mod:`~notices_repo.search.build`
and :mod:`~notices_repo.search.assemble`, stored by :mod:`~notices_repo.search.store`).
:mod:`~notices_repo.search.lookup` expands the query's words,
:mod:`~notices_repo.search.rank` scores and ranks. ``docs/search.md`` explains the
ranking and the measurements behind it.

How a query is answered:

1. Words of the query are folded (casefold, accents removed). Words of 3+ characters
   are *strong*: each expands, over the index's vocabulary, to itself (exact), to the
   words it begins (prefix: ``retent`` -> ``retention``) and to words a typo away
   (``cookeis`` -> ``cookies``, rapidfuzz over the vocabulary, never over texts).
   Words of 1-2 characters and stop words (``the``, ``and``...) only refine (a heading
   word starting with them scores a little more); a query made only of such words
   searches headings and category names by prefix.
2. Candidates: headings and category names holding every strong word; passages
   (paragraphs) holding every strong word (the words' passage sets, memoised per word,
   are intersected), most recent first, and passages under a heading holding the
   rarest word whose text holds the others. The candidate sets are capped.
3. Scores (0-100): a heading or category name match is worth up to 100, a body
   match up to 75, so the same words in a heading outrank them in a body. Within each,
   word quality (exact > prefix > typo) and a rapidfuzz similarity of the query to the
   heading (to the passage for body matches) decide; recency breaks ties.
4. Hits below :data:`SCORE_CUTOFF` are dropped: no hit above it means no match.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

from notices_repo.model import Catalog
from notices_repo.search.build import Progress
from notices_repo.search.rank import SCORE_CUTOFF, Engine, Hit
from notices_repo.search.scope import SCOPES, open_scope


class IndexNotReady(Exception):
    """The all-versions scope was asked for before it was built."""


class SearchIndex:
    """The search index of one repository at one HEAD: the latest versions, and every
    version when it was asked for.

    Build it with :meth:`load_or_build` (reuses the cache file when it matches the
    repository, HEAD, the versions chosen and the code), in a worker for the app: it
    takes a ``cancelled`` event and a ``progress(stage, done, total)`` callback.
    """

    def __init__(self, engines: dict[str, Engine]) -> None:
        self._engines = engines

    @property
    def scopes(self) -> tuple[str, ...]:
        """The scopes this index can search (``latest``, and ``all`` when built)."""
        return tuple(s for s in SCOPES if s in self._engines)

    def stats(self, scope: str = "latest") -> dict[str, Any]:
        """Sizes and build facts of one scope (for the benchmark and ``--debug``)."""
        engine = self._engines[scope]
        t = engine.t
        meta = {k: v for k, v in t.meta.items() if not k.startswith("_")}
        meta.update(
            passages=t.passage_count,
            labels=len(t.labels),
            vocabulary=len(t.vocab),
            entries=len(t.e_kind),
            postings=len(t.body_post) + len(t.head_post),
            mapped=bool(t.meta.get("_mapped")),
        )
        return meta

    def warm(self) -> None:
        """Prepare what the first keystrokes would otherwise pay for (about 10-50 ms per
        scope; call it in the worker that loaded the index, not for a one-off search)."""
        for engine in self._engines.values():
            engine.warm()

    def search(
        self,
        query: str,
        limit: int = 20,
        scope: str = "latest",
        notice_key: str | None = None,
    ) -> list[Hit]:
        """The best hits for ``query``, best first (empty: no match above the cutoff).

        ``scope``: ``latest`` (the version in force of each notice at HEAD) or ``all``
        (every effective version; IndexNotReady until it is built). ``notice_key``:
        only this notice.
        """
        engine = self._engines.get(scope)
        if engine is None:
            if scope not in SCOPES:
                raise ValueError(f"unknown search scope {scope!r}")
            raise IndexNotReady(f"the {scope} index is not built yet")
        return engine.search(query, max(1, limit), notice_key)

    @classmethod
    def load_or_build(
        cls,
        repository: Any,
        catalog: Catalog,
        *,
        all_versions: bool = False,
        today: dt.date | None = None,
        progress: Progress | None = None,
        cancelled: threading.Event | None = None,
        use_cache: bool = True,
        workers: int | None = None,
    ) -> SearchIndex:
        """The index of ``catalog``'s repository, from the cache file when it matches.

        ``repository`` is the :class:`~notices_repo.catalog.repository.NoticeRepository` the
        catalog was loaded from. Builds what is missing (``latest`` always, ``all``
        when ``all_versions``) and saves it in the cache folder. Raises
        :class:`~notices_repo.errors.Cancelled` when ``cancelled`` is set.
        """
        today = today or dt.date.today()
        engines: dict[str, Engine] = {}
        for scope in ("latest", "all") if all_versions else ("latest",):
            tables = open_scope(
                repository, catalog, scope, today, progress, cancelled, use_cache, workers
            )
            engines[scope] = Engine(tables, scope)
        return cls(engines)

    build = load_or_build

    def with_all_versions(
        self,
        repository: Any,
        catalog: Catalog,
        *,
        today: dt.date | None = None,
        progress: Progress | None = None,
        cancelled: threading.Event | None = None,
        use_cache: bool = True,
        workers: int | None = None,
    ) -> SearchIndex:
        """This index plus the all-versions scope (built or loaded; for a worker)."""
        if "all" in self._engines:
            return self
        tables = open_scope(
            repository,
            catalog,
            "all",
            today or dt.date.today(),
            progress,
            cancelled,
            use_cache,
            workers,
        )
        return SearchIndex({**self._engines, "all": Engine(tables, "all")})


__all__ = [
    "SCORE_CUTOFF",
    "Hit",
    "IndexNotReady",
    "SearchIndex",
]
