"""The SQLite files of derived data in the cache folder, opened and discarded one way.

The history cache (:mod:`notices_repo.catalog.cache`) and the digest cache
(:mod:`notices_repo.reports.digest_cache`) keep data derived from blobs, valid while a
few ``meta`` values (schema, code key) are the same. :func:`open_cache_db` opens such a
file in write-ahead-log mode and, when its ``meta`` values differ, drops its tables and
makes them again in one transaction; :func:`discard_cache_db` deletes a file SQLite
cannot use (and its journals), so that it is rebuilt rather than trusted.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Mapping
from pathlib import Path

__all__ = ["discard_cache_db", "open_cache_db"]


def open_cache_db(
    path: Path,
    meta: Mapping[str, str],
    tables: Mapping[str, str],
    *,
    synchronous: str | None = None,
) -> sqlite3.Connection:
    """Open ``path`` (making its folder), the ``meta`` values checked.

    ``tables`` maps each table's name to its ``CREATE TABLE`` statement: when a ``meta``
    value differs, every table is dropped and made again and ``meta`` rewritten, in one
    transaction. ``synchronous``: a ``PRAGMA synchronous`` value (None: SQLite's).
    Raises :class:`sqlite3.Error` or :class:`OSError` when the file cannot be used.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, timeout=5, check_same_thread=False, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        if synchronous is not None:
            db.execute(f"PRAGMA synchronous={synchronous}")
        db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        rows = dict(db.execute("SELECT key, value FROM meta").fetchall())
        if any(rows.get(key) != value for key, value in meta.items()):
            db.execute("BEGIN IMMEDIATE")
            for table in tables:
                db.execute(f"DROP TABLE IF EXISTS {table}")
            db.execute("DELETE FROM meta")
            db.executemany("INSERT INTO meta VALUES (?, ?)", list(meta.items()))
            for create in tables.values():
                db.execute(create)
            db.execute("COMMIT")
    except BaseException:
        db.close()
        raise
    return db


def discard_cache_db(path: Path) -> None:
    """Delete ``path`` and its journals (``-wal``, ``-shm``, ``-journal``); a file that
    is already gone or cannot be deleted is left."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            os.unlink(str(path) + suffix)
