"""Loading a catalog: warm, incremental or cold, and the scan of the texts.

Loading is one ``git log --raw`` call (:mod:`notices_repo.git.history`, parsed while git
writes it) and one scan of the texts notice by notice (:mod:`notices_repo.catalog.scan`:
effective dates, titles, technical revisions from the change between a text and its
parent), spread over worker processes on large histories. The result is cached
(:mod:`notices_repo.catalog.cache`) as a snapshot keyed by HEAD
(:mod:`notices_repo.catalog.snapshot`):

* *warm*: HEAD unchanged: the snapshot is the answer (one ``rev-parse``, no ``git log``);
* *incremental*: the cached HEAD is an ancestor of HEAD: only the new commits are walked
  and joined to the cached notices, and only the notices they touched are saved again;
* *cold*: anything else (no cache, rewritten history, another repository at the same
  path, changed code). Facts cached by blob id are reused even then.

The facts and the cache are imported when a load starts: the app paints before it
needs them.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from notices_repo.catalog.derive import RevisionDeriver, publish_day, title_from_path
from notices_repo.catalog.gcpause import paused_gc
from notices_repo.catalog.rules import CONFIG_NAME, parse_rules
from notices_repo.catalog.snapshot import (
    HeadRules,
    is_complete,
    notices_from_snapshot,
    paths_after,
    snapshot_extra,
    snapshot_row,
)
from notices_repo.codekey import source_digest
from notices_repo.errors import RepoError
from notices_repo.git.catfile import CatFile
from notices_repo.git.history import Commit, NoticeTrack, publish_dates, read_log, walk
from notices_repo.git.queries import object_id, tree_files
from notices_repo.git.runner import GitRunner
from notices_repo.model import Gap, Notice
from notices_repo.text.decode import Decoded

if TYPE_CHECKING:
    from notices_repo.catalog.blob import BlobFacts
    from notices_repo.catalog.cache import HistoryCache
    from notices_repo.catalog.pool import WorkerPool
    from notices_repo.catalog.scan import Chain, ScanResult

__all__ = ["PARALLEL_PACK_BYTES", "CatalogLoader", "LoadStats", "LoadTarget", "Progress"]

Progress = Callable[[str, int, int], None]
log = logging.getLogger("notices_repo.catalog.loader")

#: Modules whose code shapes a snapshot (besides those of the blob facts).
SNAPSHOT_MODULES = (
    "catalog/loader.py",
    "catalog/snapshot.py",
    "catalog/derive.py",
    "git/history.py",
    "model.py",
    "catalog/rules.py",
)
#: Object packs this large (bytes) start worker processes before ``git log`` runs; the
#: scan then decides by the reads it needs (:data:`notices_repo.catalog.pool.PARALLEL_MIN_READS`).
PARALLEL_PACK_BYTES = 16 << 20
#: How much lower a background load (the app's) runs its ``git log`` and workers: what
#: the user looks at (a selected notice read on its own) gets the cores first.
BACKGROUND_NICE = 10


@dataclass(slots=True)
class LoadStats:
    """How the last load went (for the benchmark and ``--debug``)."""

    mode: str = ""
    """``warm``, ``incremental`` or ``cold``."""
    seconds: float = 0.0
    """Wall time of the whole load."""
    commits_walked: int = 0
    """Commits the history walk read."""
    blobs_parsed: int = 0
    """Blobs whose facts were derived (not found in the cache)."""
    blobs_read: int = 0
    """Blob reads of the scan (a blob is read again when it left the hand)."""
    dates_parsed: int = 0
    """Effective dates parsed (the others were the parent's, reused)."""
    workers: int = 0
    """Processes of the scan (1: the loading process alone)."""
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds per step (``log``, ``texts``, ``assemble``, ``snapshot``, ``save``)."""


class LoadTarget(Protocol):
    """What a load reads through (a :class:`~notices_repo.catalog.repository.NoticeRepository`)."""

    path: Path
    git_dir: Path
    shallow: bool
    runner: GitRunner

    @property
    def catfile(self) -> CatFile:
        """The persistent ``cat-file`` process of the repository."""
        ...

    def read_blob(self, blob: str) -> bytes | None:
        """Bytes of one blob (None when missing)."""
        ...

    def read_text(self, blob: str | None) -> Decoded:
        """One blob decoded."""
        ...


def pack_bytes(git_dir: Path) -> int:
    """Bytes of the object packs (alternates too): a hint of the history's size, known
    before ``git log`` runs, so worker processes can start alongside it."""
    total = 0
    folders = [git_dir / "objects"]
    try:
        alternates = (git_dir / "objects" / "info" / "alternates").read_text("utf-8")
        for line in alternates.splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                folder = Path(line)
                folders.append(folder if folder.is_absolute() else git_dir / "objects" / folder)
    except OSError:
        pass
    for folder in folders:
        try:
            with os.scandir(folder / "pack") as entries:
                for entry in entries:
                    if entry.name.endswith(".pack"):
                        total += entry.stat().st_size
        except OSError:
            continue
    return total


class CatalogLoader:
    """One load of a repository's notices (warm, incremental or cold), in ``stats``."""

    def __init__(self, repository: LoadTarget, stats: LoadStats, background: bool = False) -> None:
        self.repository = repository
        self.runner = repository.runner
        self.stats = stats
        self.nice = BACKGROUND_NICE if background else 0  # of its git log and workers
        self.walked: Callable[[list[NoticeTrack], dict[str, Commit]], None] | None = None
        """Told the notices and commits once a cold walk is done (before the texts)."""

    def snapshot_key(self) -> str:
        """What a snapshot depends on besides HEAD: the code that built it, the shallow
        boundary (a fetch deepens a clone without moving HEAD), renames followed or not."""
        from notices_repo.catalog.blob import derivation_key

        digest = hashlib.sha256(source_digest(derivation_key(), *SNAPSHOT_MODULES).encode())
        if self.repository.shallow:
            try:
                digest.update((self.repository.git_dir / "shallow").read_bytes())
            except OSError:
                digest.update(b"shallow")
        if self.runner.is_partial_clone():
            digest.update(b"partial: no renames")
        return digest.hexdigest()[:24]

    @paused_gc()
    def load_notices(
        self,
        head: str,
        cache: HistoryCache | None,
        progress: Progress | None,
        cancelled: threading.Event | None,
    ) -> tuple[list[Notice], str | None]:
        """The notices at ``head`` and the rules file's warning (None: none); no GC meanwhile."""
        timings = self.stats.timings
        key = self.snapshot_key()
        stored = cache.snapshot_head() if cache is not None else None
        if cache is not None and stored is not None and stored[1] == key:
            old_head, _, extra = stored
            if old_head == head:
                cached = self._cached_notices(cache, progress)
                if cached is not None:
                    self.stats.mode = "warm"
                    return cached, extra.get("rules_warning")
            else:
                update = self._update(head, old_head, extra, cache, progress, cancelled)
                if update is not None:
                    return update
        self.stats.mode = "cold"
        head_rules = self._head_rules(head, progress)
        notices = self._walk([head], head, head_rules, cache, progress, cancelled, None)
        if cache is not None and is_complete(notices):
            t0 = time.perf_counter()
            if progress:
                progress("saving the cache", 0, 0)
            cache.save_snapshot(
                head,
                key,
                snapshot_extra(head_rules),
                {n.key: snapshot_row(n) for n in notices},
                replace=True,
            )
            timings["save"] = time.perf_counter() - t0
        return notices, head_rules.rules.warning

    def _cached_notices(
        self, cache: HistoryCache, progress: Progress | None
    ) -> list[Notice] | None:
        """The notices of the stored snapshot (None when it cannot be read)."""
        t0 = time.perf_counter()
        if progress:
            progress("reading the cache", 0, 0)
        rows = cache.load_snapshot()
        try:
            cached = notices_from_snapshot(rows) if rows is not None else None
        except (TypeError, ValueError, IndexError):
            cached = None
        self.stats.timings["snapshot"] = time.perf_counter() - t0
        return cached

    def _update(
        self,
        head: str,
        old_head: str,
        extra: dict[str, Any],
        cache: HistoryCache,
        progress: Progress | None,
        cancelled: threading.Event | None,
    ) -> tuple[list[Notice], str | None] | None:
        """The snapshot at ``old_head`` brought to ``head`` (None: a cold load is needed).

        One ``git log head ^old_head`` tells whether ``old_head`` is an ancestor (a
        listed commit has it as a parent). When the new commits form one line and none
        touches the rules file, the notice paths at ``head`` follow from the snapshot's
        and the commits' changes; otherwise they are listed with ``ls-tree``.
        """
        t0 = time.perf_counter()
        if progress:
            progress("reading history", 0, 0)
        try:
            commits = list(read_log(self.runner, [head, f"^{old_head}"], cancelled))
        except RepoError:  # the cached HEAD is no object here at all
            return None
        if not any(old_head in commit.parents for commit in commits):
            return None  # rewritten history, or another repository at this path
        self.stats.timings["log"] = time.perf_counter() - t0
        cached = self._cached_notices(cache, progress)
        if cached is None:
            return None
        head_rules = paths_after(cached, commits, head, old_head, extra)
        if head_rules is None:
            head_rules = self._head_rules(head, progress)
            if head_rules.rules.fingerprint() != extra.get("rules"):
                return None  # other rules: other notices
        self.stats.mode = "incremental"
        notices = self._walk(commits, head, head_rules, cache, progress, cancelled, cached)
        if not is_complete(notices):
            return notices, head_rules.rules.warning  # the old snapshot stays as it was
        t0 = time.perf_counter()
        unchanged = {id(n) for n in cached}
        keys = {n.key for n in notices}
        cache.save_snapshot(
            head,
            self.snapshot_key(),
            snapshot_extra(head_rules),
            {n.key: snapshot_row(n) for n in notices if id(n) not in unchanged},
            replace=False,
            drop=[n.key for n in cached if n.key not in keys],
        )
        self.stats.timings["save"] = time.perf_counter() - t0
        return notices, head_rules.rules.warning

    def _head_rules(self, head: str, progress: Progress | None) -> HeadRules:
        """The notice paths at ``head`` and the rules that chose them."""
        if progress:
            progress("listing files", 0, 0)
        tree = tree_files(self.runner, head)
        rules_entry = tree.get(CONFIG_NAME)
        config = self.repository.read_blob(rules_entry[1]) if rules_entry else None
        rules = parse_rules(config)
        head_paths = sorted(
            path
            for path, (mode, _) in tree.items()
            if mode in ("100644", "100755") and rules.is_notice(path)
        )
        return HeadRules(head_paths, rules, config)

    def _start_pool(self, cached: list[Notice] | None) -> WorkerPool | None:
        """Worker processes for a cold load of a large history (None: this one is enough)."""
        from notices_repo.catalog.pool import WorkerPool, default_workers

        workers = default_workers()
        if cached is not None or workers < 2:
            return None
        if pack_bytes(self.repository.git_dir) < PARALLEL_PACK_BYTES:
            return None
        try:
            return WorkerPool(self.repository.path, min(workers, 2), self.nice)
        except (OSError, ValueError, RuntimeError) as exc:  # no processes: one is enough
            log.debug("no worker processes (%s); scanning in this process", exc)
            return None

    def _walk(
        self,
        revision_range: list[str] | list[Commit],
        head: str,
        head_rules: HeadRules,
        cache: HistoryCache | None,
        progress: Progress | None,
        cancelled: threading.Event | None,
        cached: list[Notice] | None,
    ) -> list[Notice]:
        """The notices after walking ``revision_range`` (new commits joined to ``cached``
        on an incremental load): the walk, the facts of the texts, the notices."""
        timings = self.stats.timings
        t0 = time.perf_counter()
        head_paths, rules, _ = head_rules
        pool = self._start_pool(cached)
        try:
            if progress:
                progress("reading history", 0, 0)
            commits: Iterable[Commit]
            if revision_range and isinstance(revision_range[0], Commit):
                commits = revision_range  # type: ignore[assignment]
            else:
                commits = read_log(
                    self.runner,
                    revision_range,  # type: ignore[arg-type]
                    cancelled,
                    (lambda: progress("reading history", 0, 0)) if progress else None,
                    self.nice,
                )
            tracking, commit_map, tracks = walk(
                commits,
                head_paths,
                rules.is_notice,
                self._similar,
                cancelled,
                (lambda count: progress("reading history", count, 0)) if progress else None,
            )
            self.stats.commits_walked = len(commit_map)
            publish_dates(commit_map, head)
            self._merge_parents(tracks, commit_map)
            if self.walked is not None and cached is None:
                self.walked(tracks, commit_map)
            timings["log"] = time.perf_counter() - t0

            t0 = time.perf_counter()
            continues = _continued(tracking, cached) if cached is not None else {}
            facts, verdicts, titles = self._derive_all(tracks, cache, pool, progress, cancelled)
            timings["texts"] = time.perf_counter() - t0
        finally:
            if pool is not None:
                pool.close(wait=False)

        t0 = time.perf_counter()
        if progress:
            progress("preparing notices", 0, 0)
        notices = self._assemble(
            tracks, commit_map, continues, RevisionDeriver(facts, verdicts), titles, progress
        )
        if cached is not None:
            linked = {continues[id(t)].key for t in tracks if id(t) in continues}
            notices += [n for n in cached if n.key not in linked]
        notices.sort(key=lambda n: (n.retired, n.path.casefold(), n.key))
        timings["assemble"] = time.perf_counter() - t0
        return notices

    def _assemble(
        self,
        tracks: list[NoticeTrack],
        commit_map: dict[str, Commit],
        continues: dict[int, Notice],
        derive: RevisionDeriver,
        titles: dict[str, str],
        progress: Progress | None,
    ) -> list[Notice]:
        """A notice from each walked track, joined to the cached notice it continues."""
        notices: list[Notice] = []
        for count, track in enumerate(tracks):
            if progress and count % 128 == 127:
                progress("preparing notices", count, len(tracks))
            earlier = continues.get(id(track))
            if (
                earlier is not None
                and not track.revisions
                and earlier.key == track.key
                and earlier.path == track.path
                and earlier.retired == track.retired
            ):
                notices.append(earlier)  # untouched by the new commits: as cached
                continue
            revisions = derive(track.revisions, commit_map)
            if len(revisions) > 1:
                # newest first in the order changes reached the main line: a branch's
                # commits stand where their merge does (on a linear history: as walked)
                revisions.sort(key=lambda r: commit_map[r.commit].position)
            gaps = [
                Gap(
                    publish_day(commit_map[deleted]), deleted, publish_day(commit_map[added]), added
                )
                for deleted, added in track.gaps
            ]
            if earlier is not None:
                if earlier.retired and not track.retired and track.added_in is not None:
                    # deleted before the cached HEAD, added again in the new commits
                    deleted = earlier.retired_in or ""
                    added = track.added_in
                    gaps.append(
                        Gap(
                            self._commit_day(deleted),
                            deleted,
                            publish_day(commit_map[added]),
                            added,
                        )
                    )
                revisions += earlier.revisions
                gaps += earlier.gaps
            if not revisions:
                continue
            title = earlier.title if earlier is not None and not track.revisions else None
            if not title:
                blob = revisions[0].blob
                title = (titles.get(blob) if blob else None) or title_from_path(track.path)
            notices.append(
                Notice(
                    key=track.key,
                    path=track.path,
                    title=title,
                    revisions=revisions,
                    retired=track.retired,
                    retired_in=track.retired_in,
                    gaps=gaps,
                )
            )
        return notices

    def _merge_parents(self, tracks: list[NoticeTrack], commits: dict[str, Commit]) -> None:
        """A revision made by a merge takes its first parent's text as the older one."""
        for track in tracks:
            for raw in track.revisions:
                commit = commits.get(raw.commit)
                if raw.parent_blob is not None or commit is None or len(commit.parents) < 2:
                    continue
                if raw.inferred_rename:
                    continue
                name = f"{commit.parents[0]}:{raw.renamed_from or raw.path}"
                raw.parent_blob = object_id(self.runner, name)

    def _commit_day(self, commit: str) -> str:
        """``YYYY-MM-DD`` of a commit before the walked range ("" when git cannot say)."""
        try:
            committed = self.runner.output("show", "-s", "--format=%cI", commit, "--")
        except RepoError:
            return ""
        return committed.decode("ascii", "replace").strip()[:10]

    def _derive_all(
        self,
        tracks: list[NoticeTrack],
        cache: HistoryCache | None,
        pool: WorkerPool | None,
        progress: Progress | None,
        cancelled: threading.Event | None,
    ) -> tuple[dict[str, BlobFacts], dict[tuple[str, str], bool], dict[str, str]]:
        """Facts of every blob and verdicts of every pair the new revisions need, and the
        titles of the notices whose newest text is new: from the cache, else scanned."""
        from notices_repo.catalog.blob import BlobFacts
        from notices_repo.catalog.pool import PARALLEL_MIN_READS, scan
        from notices_repo.catalog.scan import plan, steps_total

        blobs, pairs, chains = _requests(tracks)
        facts: dict[str, BlobFacts] = {}
        verdicts: dict[tuple[str, str], bool] = {}
        titles: dict[str, str] = {}
        if cache is not None:
            for blob, (stated, precision, warning, title, src) in cache.get_facts(blobs).items():
                facts[blob] = BlobFacts(stated, precision, warning, None, src)
                if title is not None:
                    titles[blob] = title
            verdicts = cache.get_pairs(dict.fromkeys(pairs))
        for chain in chains:
            if chain.title_blob in titles:
                chain.title_blob = None
        steps = plan(chains, facts.__contains__, verdicts.__contains__)
        # A parent outside every chain (a merge's first parent) still needs its facts.
        needed = {b for b in blobs if b not in facts}
        for group in steps:
            for _, blob, want_fact, _ in group:
                if want_fact:
                    needed.discard(blob)
        if needed:
            steps.append([(None, blob, True, False) for blob in needed])
        if pool is not None and steps_total(steps) < PARALLEL_MIN_READS:
            pool.close(wait=False)
            pool = None
        self.stats.workers = pool.workers if pool is not None else 1
        result: ScanResult = scan(
            self.runner,
            steps,
            catfile=self.repository.catfile if pool is None else None,
            pool=pool,
            progress=progress,
            cancelled=cancelled,
        )
        self.stats.blobs_parsed = len(result.facts)
        self.stats.blobs_read = result.blobs_read
        self.stats.dates_parsed = result.dates_parsed
        facts.update(result.facts)
        verdicts.update(result.pairs)
        titles.update(result.titles)
        if cache is not None:
            _store(cache, result)
        return facts, verdicts, titles

    def _similar(self, added: str | None, deleted: str | None) -> bool:
        """Whether an added and a deleted file of one commit are the same notice."""
        if not added or not deleted:
            return False
        from rapidfuzz import fuzz

        from notices_repo.text.sections import find_title

        new_text = self.repository.read_text(added).text
        old_text = self.repository.read_text(deleted).text
        try:
            new_title = find_title(new_text[:20000]) or ""
            old_title = find_title(old_text[:20000]) or ""
        except Exception:
            new_title = old_title = ""
        if new_title and old_title and fuzz.ratio(new_title.casefold(), old_title.casefold()) >= 80:
            return True
        return fuzz.token_set_ratio(new_text[:20000], old_text[:20000]) >= 70


def _continued(tracking: dict[str, NoticeTrack], cached: list[Notice]) -> dict[int, Notice]:
    """For each walked track (by ``id``), the cached notice it continues."""
    by_path = {n.path: n for n in cached if not n.retired}
    retired_at = {n.path: n for n in cached if n.retired}
    continues: dict[int, Notice] = {}
    for old_path, track in tracking.items():
        if track.added_in is None:
            previous = by_path.get(old_path)
        else:  # added in the new commits: continues a deleted one, with a gap
            previous = by_path.get(old_path) or retired_at.get(old_path)
        if previous is not None:
            continues[id(track)] = previous
    return continues


def _requests(
    tracks: list[NoticeTrack],
) -> tuple[list[str], list[tuple[str, str]], list[Chain]]:
    """What the new revisions need: the blobs (each once), the pairs to compare, and
    one chain of (parent, blob) steps per notice, oldest first."""
    from notices_repo.catalog.scan import Chain, pair_key

    blobs: list[str] = []
    pairs: list[tuple[str, str]] = []
    chains: list[Chain] = []
    for track in tracks:
        revisions = track.revisions
        if not revisions:
            continue
        for raw in revisions:
            if raw.blob:
                blobs.append(raw.blob)
            if raw.parent_blob:
                blobs.append(raw.parent_blob)
                if raw.blob and raw.blob != raw.parent_blob:
                    pairs.append(pair_key(raw.parent_blob, raw.blob))
        newest = revisions[0].blob
        chains.append(Chain([(r.parent_blob, r.blob) for r in reversed(revisions)], newest))
    return list(dict.fromkeys(blobs)), pairs, chains


def _store(cache: HistoryCache, result: ScanResult) -> None:
    """Keep what the scan derived, but no fact or verdict of a missing object."""
    from notices_repo.catalog.blob import MISSING

    cache.put_facts(
        (blob, f.stated, f.precision, f.warning, result.titles.get(blob), f.source)
        for blob, f in result.facts.items()
        if f.warning != MISSING.warning  # a missing object may arrive later
    )
    fresh_titles = {b: t for b, t in result.titles.items() if b not in result.facts}
    cache.set_titles(fresh_titles)
    missing = {b for b, f in result.facts.items() if f.warning == MISSING.warning}
    cache.put_pairs(
        {k: v for k, v in result.pairs.items() if k[0] not in missing and k[1] not in missing}
    )
