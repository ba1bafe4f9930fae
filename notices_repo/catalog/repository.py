"""A notices repository: open it, load its catalog (cache-aware), read texts on demand.

Loading is one ``git log --raw`` call (:mod:`history`, parsed while git writes it) and one
scan of the texts notice by notice (:mod:`blobfacts`: effective dates, titles, technical
revisions from the change between a text and its parent), spread over worker processes
on large histories. The result is cached (:mod:`cache`) as a snapshot keyed by HEAD:

* *warm*: HEAD unchanged: the snapshot is the answer (one ``rev-parse``, no ``git log``);
* *incremental*: the cached HEAD is an ancestor of HEAD: only the new commits are walked
  and joined to the cached notices, and only the notices they touched are saved again;
* *cold*: anything else (no cache, rewritten history, another repository at the same
  path, changed code). Facts cached by blob id are reused even then.

Texts are never held for the whole history: revisions keep blob ids and
:meth:`NoticeRepository.read_text` reads one when it is needed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from notices_repo.catalog.rules import CONFIG_NAME, NoticeRules, parse_rules
from notices_repo.codekey import source_digest
from notices_repo.errors import RepoError, no_commits
from notices_repo.git.catfile import CatFile
from notices_repo.git.history import Commit, NoticeTrack, RawRevision, publish_dates, read_log, walk
from notices_repo.git.runner import GitRunner
from notices_repo.model import (
    SOURCE_COMMIT,
    SOURCE_MARKUP,
    SOURCE_TEXT,
    Catalog,
    Gap,
    Notice,
    Revision,
)
from notices_repo.text.decode import Decoded, decode

if TYPE_CHECKING:  # imported when a load starts: the app paints before it needs them
    from notices_repo.catalog.cache import HistoryCache
    from notices_repo.catalog.facts import BlobFacts, ScanResult, WorkerPool

Progress = Callable[[str, int, int], None]
log = logging.getLogger("notices_repo.catalog.repository")

#: Modules whose code shapes a snapshot (besides those of the blob facts).
_SNAPSHOT_MODULES = ("catalog/repository.py", "git/history.py", "model.py", "catalog/rules.py")
#: Object packs this large (bytes) start worker processes before ``git log`` runs; the
#: scan then decides by the reads it needs (:data:`blobfacts.PARALLEL_MIN_READS`).
PARALLEL_PACK_BYTES = 16 << 20

#: Left in the git folder by an ``import`` between moving the branch and finishing the
#: work tree (:mod:`notices_repo.bundles.importer`); present when one was interrupted.
IMPORT_JOURNAL = "notice-tui-import.journal"


@dataclass(slots=True)
class LoadStats:
    """How the last load went (for the benchmark and ``--debug``)."""

    mode: str = ""
    seconds: float = 0.0
    commits_walked: int = 0
    blobs_parsed: int = 0
    """Blobs whose facts were derived (not found in the cache)."""
    blobs_read: int = 0
    """Blob reads of the scan (a blob is read again when it left the hand)."""
    dates_parsed: int = 0
    """Effective dates parsed (the others were the parent's, reused)."""
    workers: int = 0
    """Processes of the scan (1: the loading process alone)."""
    timings: dict[str, float] = field(default_factory=dict)


def _title_from_path(path: str) -> str:
    name = path.rpartition("/")[2]
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return stem.replace("-", " ").replace("_", " ").strip() or name


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
        out = self.runner.output(
            "rev-parse", "--absolute-git-dir", "--is-bare-repository", "--is-shallow-repository"
        )
        lines = out.decode("utf-8", "surrogateescape").splitlines()
        if len(lines) < 3:
            raise RepoError(f"{self.path}: git rev-parse gave an unexpected answer")
        self.git_dir = Path(lines[0])
        self.bare = lines[1].strip() == "true"
        self.shallow = lines[2].strip() == "true"

    # basic reads ----------------------------------------------------------------------

    @property
    def display_path(self) -> str:
        """The folder as users should see it."""
        return str(self.path)

    def head(self) -> str | None:
        """The HEAD commit id, or None for a repository without commits."""
        status, out, _ = self.runner.run(
            "rev-parse", "--verify", "-q", "HEAD^{commit}", check=False
        )
        if status != 0:
            return None
        return out.decode("ascii", "replace").strip() or None

    def head_tree(self, head: str) -> dict[str, tuple[str, str]]:
        """``path -> (mode, blob id)`` of every file at ``head``."""
        out = self.runner.output("ls-tree", "-r", "-z", "--full-tree", head)
        entries: dict[str, tuple[str, str]] = {}
        for record in out.split(b"\x00"):
            if not record:
                continue
            meta, _, raw_path = record.partition(b"\t")
            parts = meta.split(b" ")
            if len(parts) != 3 or parts[1] != b"blob":
                continue
            entries[raw_path.decode("utf-8", "replace")] = (
                parts[0].decode("ascii"),
                parts[2].decode("ascii"),
            )
        return entries

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
        from notices_repo.catalog.facts import MISSING

        data = self.read_blob(blob) if blob else None
        if data is None:
            return Decoded("", "missing", MISSING.warning)
        return decode(data)

    def read_head_file(self, path: str) -> bytes | None:
        """A file at HEAD by path (``releases.toml``, ``.notice-tui.toml``), or None."""
        head = self.head()
        if head is None:
            return None
        status, out, _ = self.runner.run("ls-tree", "-z", head, "--", path, check=False)
        if status != 0 or not out:
            return None
        meta = out.split(b"\t", 1)[0].split(b" ")
        if len(meta) != 3 or meta[1] != b"blob":
            return None
        return self.read_blob(meta[2].decode("ascii"))

    def is_ancestor(self, older: str, newer: str) -> bool:
        """Whether commit ``older`` is an ancestor of ``newer`` (False if unknown)."""
        status, _, _ = self.runner.run("merge-base", "--is-ancestor", older, newer, check=False)
        return status == 0

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
    ) -> Catalog:
        """Read every notice, revision and effective date (cache-aware)."""
        from notices_repo.catalog.cache import HistoryCache, cache_file_for
        from notices_repo.catalog.facts import MISSING, derivation_key

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
            notices, rules_warning = self._load_notices(head, cache, progress, cancelled)
        finally:
            if cache is not None:
                cache.close()
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
        self.stats.seconds = time.perf_counter() - started
        return Catalog(
            repository=self.display_path,
            head=head,
            notices=notices,
            warnings=warnings,
            is_sample=self.is_sample,
        )

    def _snapshot_key(self) -> str:
        """What a snapshot depends on besides HEAD: the code that built it, and the
        shallow boundary (a fetch can deepen a clone without moving HEAD), and whether
        renames were followed (not in a partial clone)."""
        from notices_repo.catalog.facts import derivation_key

        digest = hashlib.sha256(source_digest(derivation_key(), *_SNAPSHOT_MODULES).encode())
        if self.shallow:
            try:
                digest.update((self.git_dir / "shallow").read_bytes())
            except OSError:
                digest.update(b"shallow")
        if self.runner.is_partial_clone():
            digest.update(b"partial: no renames")
        return digest.hexdigest()[:24]

    def _load_notices(
        self,
        head: str,
        cache: HistoryCache | None,
        progress: Progress | None,
        cancelled: threading.Event | None,
    ) -> tuple[list[Notice], str | None]:
        timings = self.stats.timings
        key = self._snapshot_key()
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
        if cache is not None and _complete(notices):
            t0 = time.perf_counter()
            if progress:
                progress("saving the cache", 0, 0)
            cache.save_snapshot(
                head,
                key,
                _extra(head_rules),
                {n.key: _snapshot_row(n) for n in notices},
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
            cached = _notices_from_snapshot(rows) if rows is not None else None
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
        head_rules = _paths_after(cached, commits, head, old_head, extra)
        if head_rules is None:
            head_rules = self._head_rules(head, progress)
            if head_rules.rules.fingerprint() != extra.get("rules"):
                return None  # other rules: other notices
        self.stats.mode = "incremental"
        notices = self._walk(commits, head, head_rules, cache, progress, cancelled, cached)
        if not _complete(notices):
            return notices, head_rules.rules.warning  # the old snapshot stays as it was
        t0 = time.perf_counter()
        unchanged = {id(n) for n in cached}
        keys = {n.key for n in notices}
        cache.save_snapshot(
            head,
            self._snapshot_key(),
            _extra(head_rules),
            {n.key: _snapshot_row(n) for n in notices if id(n) not in unchanged},
            replace=False,
            drop=[n.key for n in cached if n.key not in keys],
        )
        self.stats.timings["save"] = time.perf_counter() - t0
        return notices, head_rules.rules.warning

    def _head_rules(self, head: str, progress: Progress | None) -> HeadRules:
        """The notice paths at ``head`` and the rules that chose them."""
        if progress:
            progress("listing files", 0, 0)
        tree = self.head_tree(head)
        rules_entry = tree.get(CONFIG_NAME)
        config = self.read_blob(rules_entry[1]) if rules_entry else None
        rules = parse_rules(config)
        head_paths = sorted(
            path
            for path, (mode, _) in tree.items()
            if mode in ("100644", "100755") and rules.is_notice(path)
        )
        return HeadRules(head_paths, rules, config)

    def _pack_bytes(self) -> int:
        """Bytes of the object packs (alternates too): a hint of the history's size,
        known before ``git log`` runs, so worker processes can start alongside it."""
        total = 0
        folders = [self.git_dir / "objects"]
        try:
            alternates = (self.git_dir / "objects" / "info" / "alternates").read_text("utf-8")
            for line in alternates.splitlines():
                line = line.strip()
                if line and not line.startswith("#"):
                    folder = Path(line)
                    folders.append(
                        folder if folder.is_absolute() else self.git_dir / "objects" / folder
                    )
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
        from notices_repo.catalog.facts import WorkerPool, default_workers

        timings = self.stats.timings
        t0 = time.perf_counter()
        head_paths, rules, _ = head_rules
        pool: WorkerPool | None = None
        workers = default_workers()
        if cached is None and workers >= 2 and self._pack_bytes() >= PARALLEL_PACK_BYTES:
            try:
                pool = WorkerPool(self.path, min(workers, 2))
            except (OSError, ValueError, RuntimeError) as exc:  # no processes: one is enough
                log.debug("no worker processes (%s); scanning in this process", exc)
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
            timings["log"] = time.perf_counter() - t0

            t0 = time.perf_counter()
            continues: dict[int, Notice] = {}
            if cached is not None:
                by_path = {n.path: n for n in cached if not n.retired}
                retired_at = {n.path: n for n in cached if n.retired}
                for old_path, track in tracking.items():
                    if track.added_in is None:
                        previous = by_path.get(old_path)
                    else:  # added in the new commits: continues a deleted one, with a gap
                        previous = by_path.get(old_path) or retired_at.get(old_path)
                    if previous is not None:
                        continues[id(track)] = previous
            facts, verdicts, titles = self._derive_all(
                tracks, continues, cache, pool, progress, cancelled
            )
            timings["texts"] = time.perf_counter() - t0
        finally:
            if pool is not None:
                pool.close(wait=False)

        t0 = time.perf_counter()
        if progress:
            progress("preparing notices", 0, 0)
        derive = _Deriver(facts, verdicts)
        notices: list[Notice] = []
        linked: set[str] = set()
        for count, track in enumerate(tracks):
            if progress and count % 128 == 127:
                progress("preparing notices", count, len(tracks))
            earlier = continues.get(id(track))
            if earlier is not None:
                linked.add(earlier.key)
                if (
                    not track.revisions
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
                Gap(_day(commit_map[deleted]), deleted, _day(commit_map[added]), added)
                for deleted, added in track.gaps
            ]
            if earlier is not None:
                if earlier.retired and not track.retired and track.added_in is not None:
                    # deleted before the cached HEAD, added again in the new commits
                    deleted = earlier.retired_in or ""
                    added = track.added_in
                    gaps.append(
                        Gap(self._commit_day(deleted), deleted, _day(commit_map[added]), added)
                    )
                revisions += earlier.revisions
                gaps += earlier.gaps
            if not revisions:
                continue
            title = earlier.title if earlier is not None and not track.revisions else None
            if not title:
                blob = revisions[0].blob
                title = (titles.get(blob) if blob else None) or _title_from_path(track.path)
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
        if cached is not None:
            notices += [n for n in cached if n.key not in linked]
        notices.sort(key=lambda n: (n.retired, n.path.casefold(), n.key))
        timings["assemble"] = time.perf_counter() - t0
        return notices

    def _merge_parents(self, tracks: list[NoticeTrack], commits: dict[str, Commit]) -> None:
        """Give each revision made by a merge (a hand-resolved conflict) its first
        parent's text as the older one (rare: one ``rev-parse`` each)."""
        for track in tracks:
            for raw in track.revisions:
                commit = commits.get(raw.commit)
                if raw.parent_blob is not None or commit is None or len(commit.parents) < 2:
                    continue
                if raw.inferred_rename:
                    continue
                name = f"{commit.parents[0]}:{raw.renamed_from or raw.path}"
                try:
                    found = self.runner.output("rev-parse", "--verify", "-q", name)
                except RepoError:
                    continue
                raw.parent_blob = found.decode("ascii", "replace").strip() or None

    def _commit_day(self, commit: str) -> str:
        """``YYYY-MM-DD`` of a commit outside the walked range (a deletion before the
        cached HEAD), "" when git cannot say."""
        try:
            committed = self.runner.output("show", "-s", "--format=%cI", commit, "--")
        except RepoError:
            return ""
        return committed.decode("ascii", "replace").strip()[:10]

    def _derive_all(
        self,
        tracks: list[NoticeTrack],
        continues: dict[int, Notice],
        cache: HistoryCache | None,
        pool: WorkerPool | None,
        progress: Progress | None,
        cancelled: threading.Event | None,
    ) -> tuple[dict[str, BlobFacts], dict[tuple[str, str], bool], dict[str, str]]:
        """Facts of every blob and verdicts of every pair the new revisions need, and the
        titles of the notices whose newest text is new: from the cache, else scanned."""
        from notices_repo.catalog.facts import (
            MISSING,
            PARALLEL_MIN_READS,
            BlobFacts,
            Chain,
            pair_key,
            plan,
            scan,
            steps_total,
        )

        blobs: list[str] = []
        pairs: list[tuple[str, str]] = []
        title_blobs: list[str] = []
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
            if newest:
                title_blobs.append(newest)
            chains.append(Chain([(r.parent_blob, r.blob) for r in reversed(revisions)], newest))
        blobs = list(dict.fromkeys(blobs))
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
            catfile=self.catfile if pool is None else None,
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
            cache.put_facts(
                (blob, f.stated, f.precision, f.warning, result.titles.get(blob), f.source)
                for blob, f in result.facts.items()
                if f.warning != MISSING.warning  # a missing object may arrive later
            )
            fresh_titles = {b: t for b, t in result.titles.items() if b not in result.facts}
            cache.set_titles(fresh_titles)
            missing = {b for b, f in result.facts.items() if f.warning == MISSING.warning}
            cache.put_pairs(
                {
                    k: v
                    for k, v in result.pairs.items()
                    if k[0] not in missing and k[1] not in missing
                }
            )
        return facts, verdicts, titles

    def catfile_many(self, blobs: list[str]) -> list[tuple[str, bytes | None]]:
        """Read several blobs in one pipelined batch."""
        if not blobs:
            return []
        return list(CatFile(self.runner).read_many(blobs))

    def _similar(self, added: str | None, deleted: str | None) -> bool:
        """Whether an added and a deleted file of one commit are the same notice."""
        if not added or not deleted:
            return False
        from rapidfuzz import fuzz

        from notices_repo.text.sections import find_title

        new_text = self.read_text(added).text
        old_text = self.read_text(deleted).text
        try:
            new_title = find_title(new_text[:20000]) or ""
            old_title = find_title(old_text[:20000]) or ""
        except Exception:
            new_title = old_title = ""
        if new_title and old_title and fuzz.ratio(new_title.casefold(), old_title.casefold()) >= 80:
            return True
        return fuzz.token_set_ratio(new_text[:20000], old_text[:20000]) >= 70


class HeadRules(NamedTuple):
    """The notice paths at a HEAD, the rules that chose them, and the rules file."""

    paths: list[str]
    rules: NoticeRules
    config: bytes | None


def _extra(head_rules: HeadRules) -> dict[str, Any]:
    """What a snapshot keeps besides its notices: the rules, and the rules file."""
    return {
        "rules": head_rules.rules.fingerprint(),
        "rules_warning": head_rules.rules.warning,
        "config": head_rules.config,
    }


def _paths_after(
    cached: list[Notice], commits: list[Commit], head: str, old_head: str, extra: dict[str, Any]
) -> HeadRules | None:
    """Notice paths at ``head`` from those at ``old_head`` and the commits between, when
    they form one line of single-parent commits that leave the rules file alone (None:
    list them from git). The rules are those of the snapshot, parsed from its copy of
    the rules file."""
    if "config" not in extra:
        return None
    by_id = {commit.commit: commit for commit in commits}
    line: list[Commit] = []
    at = head
    while at != old_head:
        commit = by_id.get(at)
        if commit is None or len(commit.parents) != 1:
            return None
        line.append(commit)
        at = commit.parents[0]
    if len(line) != len(commits):
        return None
    rules = parse_rules(extra["config"])
    if rules.fingerprint() != extra.get("rules"):
        return None
    paths = {n.path for n in cached if not n.retired}
    for commit in reversed(line):
        for change in commit.changes:
            if CONFIG_NAME in (change.old_path, change.new_path):
                return None
            if change.status in ("D", "R"):
                paths.discard(change.old_path)
            if change.status != "D":
                if change.skip:
                    paths.discard(change.new_path)
                elif rules.is_notice(change.new_path):
                    paths.add(change.new_path)
    return HeadRules(sorted(paths), rules, extra["config"])


def _day(commit: Commit) -> str:
    """``YYYY-MM-DD`` the commit reached the main line (its own date when unknown)."""
    return (commit.published or commit.committed)[:10]


def _commit_date(committed: str) -> dt.date:
    try:
        return dt.date.fromisoformat(committed[:10])
    except ValueError:
        return dt.date(1970, 1, 1)


class _Deriver:
    """Revisions from raw revisions and facts (dates parsed once per distinct string)."""

    def __init__(self, facts: dict[str, BlobFacts], verdicts: dict[tuple[str, str], bool]) -> None:
        from notices_repo.catalog.facts import MISSING

        self.missing = MISSING
        self.facts = facts
        self.verdicts = verdicts
        self.stated: dict[str, dt.date] = {}
        self.days: dict[str, dt.date] = {}

    def __call__(self, raws: list[RawRevision], commits: dict[str, Commit]) -> list[Revision]:
        facts, verdicts, missing = self.facts, self.verdicts, self.missing
        stated_dates, commit_days = self.stated, self.days
        out: list[Revision] = []
        for raw in raws:
            commit = commits[raw.commit]
            blob, parent_blob = raw.blob, raw.parent_blob
            own = facts.get(blob, missing) if blob else missing
            parent = facts.get(parent_blob) if parent_blob else None
            stated = own.stated
            if stated:
                date = stated_dates.get(stated)
                if date is None:
                    date = stated_dates[stated] = dt.date.fromisoformat(stated)
                source = SOURCE_MARKUP if own.source == SOURCE_MARKUP else SOURCE_TEXT
                precision = own.precision or "day"
            else:
                day = _day(commit)
                date = commit_days.get(day)
                if date is None:
                    date = commit_days[day] = _commit_date(day)
                source, precision = SOURCE_COMMIT, "day"
            technical = (
                parent is not None
                and parent_blob is not None
                and blob is not None
                and (
                    parent_blob == blob
                    or verdicts.get(
                        (parent_blob, blob) if parent_blob < blob else (blob, parent_blob), False
                    )
                )
            )
            silent = (
                parent is not None
                and not technical
                and stated is not None
                and parent.stated == stated
            )
            out.append(
                Revision(
                    commit.commit,
                    raw.path,
                    commit.committed,
                    commit.author,
                    commit.subject,
                    blob,
                    parent_blob,
                    date,
                    source,
                    precision,
                    technical,
                    silent,
                    raw.inferred_rename,
                    raw.renamed_from,
                    own.warning,
                    commit.published or commit.committed,
                )
            )
        return out


def _complete(notices: list[Notice]) -> bool:
    """Whether every revision's text was read: a snapshot is saved only then, since a
    missing object (a partial or damaged clone, a read that failed) may be there next
    time, like the blob facts, which are never cached for a missing object."""
    from notices_repo.catalog.facts import MISSING

    missing = MISSING.warning
    return not any(r.warning == missing for n in notices for r in n.revisions)


def _snapshot_row(notice: Notice) -> tuple[Any, ...]:
    """One notice as the cache stores it: plain tuples that ``marshal`` writes fast.

    The history parser gives equal paths, authors, subjects and blob ids one ``str``
    object, which ``marshal`` writes once per row and reads back shared.
    """
    revisions = tuple(
        (
            r.commit,
            r.path,
            r.committed,
            r.author,
            r.subject,
            r.blob,
            r.parent_blob,
            r.effective_date.toordinal(),
            r.date_source,
            r.date_precision,
            r.technical,
            r.silent_edit,
            r.inferred_rename,
            r.renamed_from,
            r.warning,
            r.published,
        )
        for r in notice.revisions
    )
    gaps = tuple((g.withdrawn, g.withdrawn_in, g.restored, g.restored_in) for g in notice.gaps)
    return (
        notice.key,
        notice.path,
        notice.title,
        notice.retired,
        notice.retired_in,
        revisions,
        gaps,
    )


def _notices_from_snapshot(rows: list[Any]) -> list[Notice]:
    days: dict[int, dt.date] = {}
    fromordinal = dt.date.fromordinal

    def day(ordinal: int) -> dt.date:
        found = days.get(ordinal)
        if found is None:
            found = days[ordinal] = fromordinal(ordinal)
        return found

    notices: list[Notice] = []
    for key, path, title, retired, retired_in, revs, gaps in rows:
        revisions = [
            Revision(c, p, cd, a, s, b, pb, day(ed), src, prec, tech, silent, inf, rf, warn, pub)
            for (c, p, cd, a, s, b, pb, ed, src, prec, tech, silent, inf, rf, warn, pub) in revs
        ]
        notices.append(
            Notice(key, path, title, revisions, retired, retired_in, [Gap(*g) for g in gaps])
        )
    notices.sort(key=lambda n: (n.retired, n.path.casefold(), n.key))
    return notices


__all__ = ["LoadStats", "NoticeRepository"]
