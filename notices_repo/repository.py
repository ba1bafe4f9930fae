"""A notices repository: open it, load its catalog (cache-aware), read texts on demand.

Loading is one ``git ls-tree`` of HEAD, one ``git log --raw`` call (:mod:`history`), and
one pipelined ``cat-file --batch`` over the blobs not already in the cache
(:mod:`blobfacts`). The result is cached as a snapshot keyed by HEAD:

* *warm*: HEAD unchanged: the snapshot is the answer, no ``git log`` at all;
* *incremental*: the cached HEAD is an ancestor of HEAD: only the new commits are walked
  and joined to the cached notices;
* *cold*: anything else (no cache, rewritten history, changed rules, changed code).

Texts are never held for the whole history: revisions keep blob ids and
:meth:`NoticeRepository.read_text` reads one when it is needed.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .blobfacts import (
    MISSING,
    BlobFacts,
    compute_facts,
    derivation_key,
    exact_layout_fingerprint,
)
from .cache import HistoryCache, cache_file_for
from .catfile import CatFile
from .errors import RepoError
from .gitcmd import GitRunner
from .history import Commit, NoticeTrack, RawRevision, read_log, walk
from .model import SOURCE_COMMIT, SOURCE_TEXT, Catalog, Notice, Revision
from .notice_config import CONFIG_NAME, NoticeRules, parse_rules
from .textdecode import Decoded, decode

Progress = Callable[[str, int, int], None]


@dataclass(slots=True)
class LoadStats:
    """How the last load went (for the benchmark and ``--debug``)."""

    mode: str = ""
    seconds: float = 0.0
    commits_walked: int = 0
    blobs_parsed: int = 0
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
        started = time.perf_counter()
        self.stats = LoadStats()
        warnings: list[str] = []
        head = self.head()
        if head is None:
            return Catalog(
                repository=self.display_path,
                head=None,
                notices=[],
                warnings=[
                    f"{self.display_path} has no commits yet; commit a notice there or "
                    "import a bundle with notice-tui import"
                ],
                is_sample=self.is_sample,
            )
        if progress:
            progress("listing files", 0, 0)
        tree = self.head_tree(head)
        rules_entry = tree.get(CONFIG_NAME)
        rules = parse_rules(self.read_blob(rules_entry[1]) if rules_entry else None)
        if rules.warning:
            warnings.append(rules.warning)
        head_paths = sorted(
            path
            for path, (mode, _) in tree.items()
            if mode in ("100644", "100755") and rules.is_notice(path)
        )
        cache = (
            HistoryCache(cache_file_for(self.git_dir), derivation_key()) if self.use_cache else None
        )
        try:
            notices = self._load_notices(head, head_paths, rules, cache, progress, cancelled)
        finally:
            if cache is not None:
                cache.close()
        if self.shallow:
            warnings.append(
                "shallow clone: revisions older than its boundary are not available; "
                "run git fetch --unshallow where the network allows it"
            )
        missing = sum(1 for n in notices for r in n.revisions if r.warning == MISSING.warning)
        if missing:
            warnings.append(f"{missing} revisions have missing objects (partial or damaged clone)")
        undecodable = sum(
            1 for n in notices for r in n.revisions if r.warning and r.warning != MISSING.warning
        )
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

    def _load_notices(
        self,
        head: str,
        head_paths: list[str],
        rules: NoticeRules,
        cache: HistoryCache | None,
        progress: Progress | None,
        cancelled: threading.Event | None,
    ) -> list[Notice]:
        snapshot = cache.load_snapshot() if cache is not None else None
        rules_key = rules.fingerprint()
        if snapshot is not None and snapshot[1] == rules_key:
            old_head, _, data = snapshot
            try:
                cached = _notices_from_snapshot(data)
            except (TypeError, ValueError, IndexError):
                cached = None
            if cached is not None and old_head == head:
                self.stats.mode = "warm"
                return cached
            if cached is not None and self.is_ancestor(old_head, head):
                self.stats.mode = "incremental"
                notices = self._walk(
                    [head, f"^{old_head}"], head_paths, rules, cache, progress, cancelled, cached
                )
                assert cache is not None
                cache.save_snapshot(head, rules_key, _snapshot_of(notices))
                return notices
        self.stats.mode = "cold"
        notices = self._walk([head], head_paths, rules, cache, progress, cancelled, None)
        if cache is not None:
            cache.save_snapshot(head, rules_key, _snapshot_of(notices))
        return notices

    def _walk(
        self,
        revision_range: list[str],
        head_paths: list[str],
        rules: NoticeRules,
        cache: HistoryCache | None,
        progress: Progress | None,
        cancelled: threading.Event | None,
        cached: list[Notice] | None,
    ) -> list[Notice]:
        timings = self.stats.timings
        t0 = time.perf_counter()
        if progress:
            progress("reading history", 0, 0)
        commits = read_log(self.runner, revision_range, cancelled)
        tracking, commit_map, tracks = walk(
            commits, head_paths, rules.is_notice, self._similar, cancelled
        )
        self.stats.commits_walked = len(commit_map)
        timings["log"] = time.perf_counter() - t0

        t0 = time.perf_counter()
        wanted: list[str] = []
        for track in tracks:
            for raw in track.revisions:
                if raw.blob:
                    wanted.append(raw.blob)
                if raw.parent_blob:
                    wanted.append(raw.parent_blob)
        wanted = list(dict.fromkeys(wanted))
        facts: dict[str, BlobFacts] = {}
        if cache is not None:
            facts = {blob: BlobFacts(*row) for blob, row in cache.get_facts(wanted).items()}
        todo = [blob for blob in wanted if blob not in facts]
        self.stats.blobs_parsed = len(todo)
        if todo:
            fresh = compute_facts(self.runner, todo, progress, cancelled)
            facts.update(fresh)
            if cache is not None:
                cache.put_facts(f.row(b) for b, f in fresh.items())
        timings["texts"] = time.perf_counter() - t0

        t0 = time.perf_counter()
        same_layout = self._confirm_layout(tracks, facts, cancelled)
        timings["layout"] = time.perf_counter() - t0

        t0 = time.perf_counter()
        continues: dict[int, Notice] = {}
        if cached is not None:
            by_path = {n.path: n for n in cached if not n.retired}
            for old_path, track in tracking.items():
                previous = by_path.get(old_path)
                if previous is not None:
                    continues[id(track)] = previous
        notices: list[Notice] = []
        linked: set[str] = set()
        for track in tracks:
            revisions = [
                _derive(raw, commit_map[raw.commit], facts, same_layout) for raw in track.revisions
            ]
            earlier = continues.get(id(track))
            if earlier is not None:
                linked.add(earlier.key)
                revisions += earlier.revisions
            if not revisions:
                continue
            title = earlier.title if earlier is not None and not track.revisions else None
            notices.append(
                Notice(
                    key=track.key,
                    path=track.path,
                    title=title or "",
                    revisions=revisions,
                    retired=track.retired,
                    retired_in=track.retired_in,
                )
            )
        if cached is not None:
            notices += [n for n in cached if n.key not in linked]
        self._fill_titles(notices, facts, cache)
        notices.sort(key=lambda n: (n.retired, n.path.casefold(), n.key))
        timings["assemble"] = time.perf_counter() - t0
        return notices

    def _confirm_layout(
        self,
        tracks: list[NoticeTrack],
        facts: dict[str, BlobFacts],
        cancelled: threading.Event | None,
    ) -> set[tuple[str, str]]:
        """Pairs (parent blob, blob) whose texts differ only in layout, checked exactly.

        The quick fingerprints pick the candidates at C speed; only those few pairs are
        read again and compared with the exact layout tokens.
        """
        candidates: set[tuple[str, str]] = set()
        for track in tracks:
            for raw in track.revisions:
                parent, blob = raw.parent_blob, raw.blob
                if not parent or not blob or parent == blob:
                    continue
                old, new = facts.get(parent), facts.get(blob)
                if old and new and old.fingerprint and old.fingerprint == new.fingerprint:
                    candidates.add((parent, blob))
        if not candidates:
            return set()
        blobs = list(dict.fromkeys(b for pair in candidates for b in pair))
        exact: dict[str, str | None] = {}
        for blob, data in CatFile(self.runner).read_many(blobs, cancelled):
            exact[blob] = exact_layout_fingerprint(data)
        return {
            (old, new)
            for old, new in candidates
            if exact.get(old) is not None and exact.get(old) == exact.get(new)
        }

    def _fill_titles(
        self, notices: list[Notice], facts: dict[str, BlobFacts], cache: HistoryCache | None
    ) -> None:
        from .sections import find_title

        need = [n for n in notices if not n.title]
        blobs = [n.revisions[0].blob for n in need if n.revisions[0].blob]
        known: dict[str, str | None] = {}
        if cache is not None and blobs:
            known = {b: row[4] for b, row in cache.get_facts(blobs).items() if row[4] is not None}
        for blob in blobs:
            if blob not in known and blob in facts and facts[blob].title is not None:
                known[blob] = facts[blob].title
        fresh: dict[str, str | None] = {}
        todo = [b for b in dict.fromkeys(blobs) if b not in known]
        for blob, data in self.catfile_many(todo):
            title = None
            if data is not None:
                text = decode(data).text
                try:
                    title = find_title(text[:20000])
                except Exception:
                    title = None
            fresh[blob] = title or ""
        known.update(fresh)
        if cache is not None:
            cache.set_titles(fresh)
        for notice in need:
            blob = notice.revisions[0].blob
            notice.title = (known.get(blob) if blob else None) or _title_from_path(notice.path)

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

        from .sections import find_title

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


def _commit_date(committed: str) -> dt.date:
    try:
        return dt.date.fromisoformat(committed[:10])
    except ValueError:
        return dt.date(1970, 1, 1)


def _derive(
    raw: RawRevision,
    commit: Commit,
    facts: dict[str, BlobFacts],
    same_layout: set[tuple[str, str]],
) -> Revision:
    own = facts.get(raw.blob, MISSING) if raw.blob else MISSING
    parent = facts.get(raw.parent_blob) if raw.parent_blob else None
    if own.stated:
        date = dt.date.fromisoformat(own.stated)
        source, precision = SOURCE_TEXT, own.precision or "day"
    else:
        date, source, precision = _commit_date(commit.committed), SOURCE_COMMIT, "day"
    technical = parent is not None and (
        raw.parent_blob == raw.blob or (raw.parent_blob, raw.blob) in same_layout
    )
    silent = (
        parent is not None
        and not technical
        and own.stated is not None
        and parent.stated == own.stated
    )
    return Revision(
        commit=commit.commit,
        path=raw.path,
        committed=commit.committed,
        author=commit.author,
        subject=commit.subject,
        blob=raw.blob,
        parent_blob=raw.parent_blob,
        effective_date=date,
        date_source=source,
        date_precision=precision,
        technical=technical,
        silent_edit=silent,
        inferred_rename=raw.inferred_rename,
        renamed_from=raw.renamed_from,
        warning=own.warning,
    )


def _snapshot_of(notices: list[Notice]) -> list[Any]:
    out: list[Any] = []
    for n in notices:
        revs = [
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
            )
            for r in n.revisions
        ]
        out.append((n.key, n.path, n.title, n.retired, n.retired_in, revs))
    return out


def _notices_from_snapshot(data: list[Any]) -> list[Notice]:
    fromordinal = dt.date.fromordinal
    notices: list[Notice] = []
    for key, path, title, retired, retired_in, revs in data:
        revisions = [
            Revision(c, p, cd, a, s, b, pb, fromordinal(ed), src, prec, tech, silent, inf, rf, warn)
            for (c, p, cd, a, s, b, pb, ed, src, prec, tech, silent, inf, rf, warn) in revs
        ]
        notices.append(Notice(key, path, title, revisions, retired, retired_in))
    return notices


__all__ = ["LoadStats", "NoticeRepository"]
