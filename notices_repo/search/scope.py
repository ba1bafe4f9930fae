"""One scope of the search index (``latest`` or ``all`` versions): which versions it
indexes, the key its cache file must match, and opening it (mapped from the cache file,
updated from an index of an earlier HEAD, or built and saved).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import sys
import threading
import time
from pathlib import Path
from typing import Any

from notices_repo.codekey import source_digest
from notices_repo.errors import Cancelled
from notices_repo.git.runner import GitRunner
from notices_repo.model import Catalog
from notices_repo.search.assemble import Merger, assemble
from notices_repo.search.build import Chain, Progress, index_versions
from notices_repo.search.store import load_tables, read_meta, save_tables
from notices_repo.search.tables import NoticeRef, Tables, VersionRef

#: The name the debug log has always shown for the index being opened or built.
log = logging.getLogger("notices_repo.search.query")

#: The scopes: the version in force of each notice, or every effective version.
SCOPES = ("latest", "all")
#: Bumped whenever the file layout or what is derived changes.
FORMAT = 3  # 3: folding composes kana and hangul back (issue 14)
_DERIVING = ("search", "text", "catalog/timeline.py")


def code_key() -> str:
    """Changes whenever the code that derives the index changes."""
    return source_digest(f"search-{FORMAT}-{sys.byteorder}", *_DERIVING)[:20]


def select_versions(
    catalog: Catalog, scope: str, today: dt.date
) -> tuple[list[NoticeRef], list[VersionRef], list[Chain]]:
    """The notices and versions a scope indexes, with chains of consecutive version ids.

    ``latest``: for each notice at HEAD, the version in force on ``today`` (the soonest
    announced one when none is in force yet). ``all``: every effective version of every
    notice, retired ones included.
    """
    from notices_repo.catalog.timeline import effective_versions, latest

    if scope not in SCOPES:
        raise ValueError(f"unknown search scope {scope!r}")
    notices: list[NoticeRef] = []
    versions: list[VersionRef] = []
    chains: list[Chain] = []
    pool = catalog.notices if scope == "all" else catalog.active()
    for notice in pool:
        all_versions = effective_versions(notice)
        if not all_versions:
            continue
        if scope == "all":
            picked = list(reversed(all_versions))
        else:
            picked = [latest(notice, today) or all_versions[-1]]
        index = len(notices)
        chain: list[tuple[int, str]] = []
        for version in picked:
            blob = version.revision.blob
            if not blob:
                continue
            chain.append((len(versions), blob))
            versions.append(
                VersionRef(
                    index,
                    version.effective_date.toordinal(),
                    version.revision.commit,
                    version.revision.path,
                )
            )
        if chain:
            notices.append(NoticeRef(notice.key, notice.path, notice.title, notice.retired))
            chains.append((index, chain))
    return notices, versions, chains


def scope_key(
    git_dir: Path, head: str | None, scope: str, versions: list[VersionRef], chains: list[Chain]
) -> str:
    """What an index of this scope must have been built from to be reused."""
    digest = hashlib.sha256(f"{code_key()}\0{git_dir}\0{head}\0{scope}".encode())
    blobs = {vid: blob for _, chain in chains for vid, blob in chain}
    for vid, version in enumerate(versions):
        digest.update(
            f"\0{version.notice}:{version.effective}:{version.commit}:{blobs[vid]}".encode()
        )
    return digest.hexdigest()


def index_file(git_dir: Path, scope: str) -> Path:
    """The cache file of one scope of one repository's search index."""
    from notices_repo.settings.paths import cache_dir

    digest = hashlib.sha256(str(git_dir.resolve()).encode("utf-8", "surrogateescape"))
    return cache_dir() / "search" / f"{digest.hexdigest()[:24]}-{scope}.idx"


def chain_key(chain: list[tuple[int, str]]) -> str:
    """What a notice's entries are derived from: its versions' blobs, in order."""
    return hashlib.sha1("\n".join(blob for _, blob in chain).encode("ascii")).hexdigest()


def _reusable(
    previous: Tables, chains: list[Chain], keys: list[str]
) -> tuple[dict[int, tuple[int, int]], list[Chain]]:
    """Which notices a previous index holds already: ``(old notice -> (new notice, how
    far its version ids move)), chains still to index``."""
    by_key: dict[str, list[int]] = {}
    for old, key in enumerate(previous.chains):
        if key:
            by_key.setdefault(key, []).append(old)
    base: dict[int, int] = {}
    for vid, notice in enumerate(previous.v_notice):
        base.setdefault(notice, vid)
    reused: dict[int, tuple[int, int]] = {}
    todo: list[Chain] = []
    for (notice, chain), key in zip(chains, keys, strict=True):
        olds = by_key.get(key)
        if olds:
            old = olds.pop()
            reused[old] = (notice, chain[0][0] - base[old])
        else:
            todo.append((notice, chain))
    return reused, todo


def build_tables(
    runner: GitRunner,
    notices: list[NoticeRef],
    versions: list[VersionRef],
    chains: list[Chain],
    meta: dict[str, Any],
    progress: Progress | None = None,
    cancelled: threading.Event | None = None,
    workers: int | None = None,
    previous: Tables | None = None,
) -> Tables:
    """Read, parse and index the versions of one scope into :class:`Tables`.

    ``previous``: an index of the same repository and scope built by the same code
    (for an earlier HEAD or day). Notices whose versions it indexed already (same blobs
    in the same order: :func:`chain_key`) are taken from it, not read and parsed again;
    only the others are indexed, then everything is assembled as usual.
    """
    started = time.perf_counter()
    keys = [chain_key(chain) for _, chain in chains]
    merger = Merger()
    if previous is None:
        index_versions(runner, chains, progress, cancelled, workers, on_result=merger.add)
    else:
        reused, todo = _reusable(previous, chains, keys)
        results = index_versions(runner, todo, progress, cancelled, workers) if todo else []
        if cancelled is not None and cancelled.is_set():
            raise Cancelled()
        if reused:
            merger.seed(previous, reused)
        while results:
            merger.add(results.pop())
        meta["reused_notices"] = len(reused)
    if cancelled is not None and cancelled.is_set():
        raise Cancelled()
    parsed = time.perf_counter()
    if progress is not None:
        progress("assembling the index", 0, 0)
    tables = assemble(merger, versions, notices, meta, keys)
    meta["seconds_parse"] = round(parsed - started, 3)
    meta["seconds_assemble"] = round(time.perf_counter() - parsed, 3)
    return tables


def open_scope(
    repository: Any,
    catalog: Catalog,
    scope: str,
    today: dt.date,
    progress: Progress | None = None,
    cancelled: threading.Event | None = None,
    use_cache: bool = True,
    workers: int | None = None,
) -> Tables:
    """The tables of one scope: mapped from the cache file, or built (and saved)."""
    notices, versions, chains = select_versions(catalog, scope, today)
    key = scope_key(repository.git_dir, catalog.head, scope, versions, chains)
    path = index_file(repository.git_dir, scope)
    previous = None
    code = code_key()
    if use_cache:
        meta = read_meta(path)
        if meta is not None and meta.get("key") == key:
            tables = load_tables(path)
            if tables is not None:
                log.debug("search index %s: reused %s", scope, path)
                return tables
        if meta is not None and meta.get("code") == code and meta.get("scope") == scope:
            # An index of an earlier HEAD (or day): the notices it holds unchanged are
            # taken from it.
            previous = load_tables(path)
        log.debug("search index %s: building (cache %s)", scope, "stale" if meta else "missing")
    started = time.perf_counter()
    meta = {
        "key": key,
        "code": code,
        "scope": scope,
        "head": catalog.head,
        "repository": catalog.repository,
        "versions": len(versions),
        "notices": len(notices),
        "built": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    tables = build_tables(
        repository.runner, notices, versions, chains, meta, progress, cancelled, workers, previous
    )
    del previous  # unmap the old file before it is replaced
    meta["seconds"] = round(time.perf_counter() - started, 3)
    if not use_cache:
        return tables
    try:
        save_tables(tables, path)
    except OSError as exc:
        log.debug("search index not saved: %s", exc)
        return tables
    mapped = load_tables(path)
    return mapped if mapped is not None else tables


__all__ = [
    "FORMAT",
    "SCOPES",
    "build_tables",
    "chain_key",
    "code_key",
    "index_file",
    "open_scope",
    "scope_key",
    "select_versions",
]
