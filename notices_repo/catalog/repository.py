"""A notices repository: open it, load its catalog (cache-aware), read texts on demand.

:class:`NoticeRepository` is the facade both front ends use. Loading (warm, incremental
or cold, and the scan of the texts) is :mod:`notices_repo.catalog.loader`'s work; this
module opens the repository, reads files and texts, and says what a load met.

Texts are never held for the whole history: revisions keep blob ids and
:meth:`NoticeRepository.read_text` reads one when it is needed.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from notices_repo.catalog.loader import CatalogLoader, LoadStats, Progress
from notices_repo.catalog.rules import CONFIG_NAME
from notices_repo.errors import RepoError, no_commits
from notices_repo.git.catfile import CatFile
from notices_repo.git.history import Commit, NoticeTrack
from notices_repo.git.queries import commit_id, is_ancestor, repository_kind, tree_entry
from notices_repo.git.runner import GitRunner
from notices_repo.model import Catalog, Notice
from notices_repo.text.decode import Decoded, decode

#: Left in the git folder by an ``import`` between moving the branch and finishing the
#: work tree (:mod:`notices_repo.bundles.importer`); present when one was interrupted.
IMPORT_JOURNAL = "notice-tui-import.journal"


class NoticeRepository:
    """One notices repository on disk. Read-only: nothing here writes to it."""

    def __init__(
        self, path: Path | str, *, is_sample: bool = False, use_cache: bool = True
    ) -> None:
        self.path = Path(path).expanduser()
        self.is_sample = is_sample
        self.use_cache = use_cache
        self.runner = GitRunner(self.path)
        self.stats = LoadStats()
        self.walked: tuple[dict[str, NoticeTrack], dict[str, Commit]] | None = None
        """A cold load's notices by key and its commits once its walk is done, while it
        scans the texts (else None): a notice wanted early is taken from there
        (:class:`~notices_repo.catalog.early.EarlyReader`), with no second ``git log``."""
        self._catfile: CatFile | None = None
        self._lock = threading.Lock()
        if not self.path.exists():
            raise RepoError(
                f"{self.path} does not exist; pass --repo with the folder of a notices git "
                "repository (or set NOTICE_TUI_REPO)"
            )
        if not self.path.is_dir():
            raise RepoError(
                f"{self.path} is a file, not a folder; pass --repo with a git repository"
            )
        kind = repository_kind(self.runner)
        self.git_dir = kind.git_dir
        self.bare = kind.bare
        self.shallow = kind.shallow

    # basic reads ----------------------------------------------------------------------

    @property
    def display_path(self) -> str:
        """The folder as users should see it."""
        return str(self.path)

    def _walked(self, tracks: list[NoticeTrack], commits: dict[str, Commit]) -> None:
        self.walked = ({track.key: track for track in tracks}, commits)

    def head(self) -> str | None:
        """The HEAD commit id, or None for a repository without commits."""
        return commit_id(self.runner)

    @property
    def catfile(self) -> CatFile:
        """The persistent ``cat-file`` process of this repository."""
        with self._lock:
            if self._catfile is None:
                self._catfile = CatFile(self.runner)
            return self._catfile

    def read_blob(self, blob: str) -> bytes | None:
        """Bytes of one blob (None when missing)."""
        return self.catfile.read(blob)

    def read_text(self, blob: str | None) -> Decoded:
        """One blob decoded; a missing object gives empty text and a warning."""
        from notices_repo.catalog.blob import MISSING

        data = self.read_blob(blob) if blob else None
        if data is None:
            return Decoded("", "missing", MISSING.warning)
        return decode(data)

    def read_head_file(self, path: str) -> bytes | None:
        """A file at HEAD by path (``releases.toml``, ``.notice-tui.toml``), or None."""
        head = self.head()
        if head is None:
            return None
        entry = tree_entry(self.runner, head, path)
        if entry is None or not entry.is_blob:
            return None
        return self.read_blob(entry.oid)

    def is_ancestor(self, older: str, newer: str) -> bool:
        """Whether commit ``older`` is an ancestor of ``newer`` (False if unknown)."""
        return is_ancestor(self.runner, older, newer)

    def close(self) -> None:
        """Stop background git processes."""
        with self._lock:
            if self._catfile is not None:
                self._catfile.close()
                self._catfile = None

    # loading --------------------------------------------------------------------------

    def load(
        self,
        progress: Progress | None = None,
        cancelled: threading.Event | None = None,
        background: bool = False,
    ) -> Catalog:
        """Read every notice, revision and effective date (cache-aware).

        ``background``: an interactive reader comes first (the app's first open): the
        load's ``git log`` and worker processes run at a lower priority.
        """
        from notices_repo.catalog.blob import derivation_key
        from notices_repo.catalog.cache import HistoryCache, cache_file_for

        started = time.perf_counter()
        self.stats = LoadStats()
        head = self.head()
        if head is None:
            return Catalog(
                repository=self.display_path,
                head=None,
                notices=[],
                warnings=[no_commits(self.display_path)],
                is_sample=self.is_sample,
            )
        cache = (
            HistoryCache(cache_file_for(self.git_dir), derivation_key()) if self.use_cache else None
        )
        try:
            loader = CatalogLoader(self, self.stats, background)
            loader.walked = self._walked
            notices, rules_warning = loader.load_notices(head, cache, progress, cancelled)
        finally:
            self.walked = None
            if cache is not None:
                cache.close()
        warnings = self._warnings(notices, rules_warning)
        self.stats.seconds = time.perf_counter() - started
        return Catalog(
            repository=self.display_path,
            head=head,
            notices=notices,
            warnings=warnings,
            is_sample=self.is_sample,
        )

    def _warnings(self, notices: list[Notice], rules_warning: str | None) -> list[str]:
        """What a load met that did not stop it, each with what to do about it."""
        from notices_repo.catalog.blob import MISSING

        warnings: list[str] = [rules_warning] if rules_warning else []
        if self.shallow:
            warnings.append(
                "shallow clone: revisions older than its boundary are not available; "
                "run git fetch --unshallow where the network allows it"
            )
        if (self.git_dir / IMPORT_JOURNAL).exists():
            warnings.append(
                "an import was interrupted: the history is complete, the work tree may not "
                "be; run the same notice-tui import again to finish it"
            )
        if self.runner.is_partial_clone():
            warnings.append(
                "partial clone: renames are not followed (git would have to fetch the texts "
                "to detect them); a full clone or git fetch --refetch follows them"
            )
        missing = undecodable = 0
        for notice in notices:
            for revision in notice.revisions:
                if revision.warning is not None:
                    if revision.warning == MISSING.warning:
                        missing += 1
                    else:
                        undecodable += 1
        if missing:
            warnings.append(f"{missing} revisions have missing objects (partial or damaged clone)")
        if undecodable:
            warnings.append(f"{undecodable} revisions are not plain UTF-8 text (see log --json)")
        if not notices:
            warnings.append(
                f"{self.display_path} has no notices (.md, .markdown, .txt or .rst files); add "
                f"one, or set include globs in {CONFIG_NAME}"
            )
        return warnings

    def catfile_many(self, blobs: list[str]) -> list[tuple[str, bytes | None]]:
        """Read several blobs in one pipelined batch."""
        if not blobs:
            return []
        return list(CatFile(self.runner).read_many(blobs))


__all__ = ["IMPORT_JOURNAL", "LoadStats", "NoticeRepository"]
