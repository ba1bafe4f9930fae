"""The history cache: what was derived from a repository, kept in the user's cache folder.

One SQLite file per repository (keyed by the real path of its git folder) holds

* ``blob_facts``: what was derived from each blob (stated effective date, layout
  fingerprint, title, decoding warning). A blob never changes, so these rows stay valid
  for as long as the code that derived them is the same (``derivation`` key);
* ``snapshot``: the whole catalog at one HEAD (notices and their revisions with every
  flag), stored as one marshalled record, so a warm open is one read and no git log.

Every write is one SQLite transaction, so a writer killed mid-write leaves the previous
state. A file that SQLite cannot read, or whose schema or derivation key differ, is
deleted and rebuilt, never trusted. Nothing here is ever written into the repository.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import marshal
import os
import sqlite3
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .paths import cache_dir

log = logging.getLogger("notices_repo.cache")

SCHEMA = 2


def cache_file_for(git_dir: Path) -> Path:
    """The cache file of the repository whose git folder is ``git_dir``."""
    digest = hashlib.sha256(str(git_dir.resolve()).encode("utf-8", "surrogateescape"))
    return cache_dir() / "history" / f"{digest.hexdigest()[:24]}.sqlite"


class HistoryCache:
    """Blob facts and the catalog snapshot of one repository."""

    def __init__(self, path: Path, derivation: str) -> None:
        self.path = path
        self.derivation = derivation
        self._db: sqlite3.Connection | None = None
        self.disabled_reason: str | None = None
        try:
            self._db = self._open()
        except (sqlite3.Error, OSError) as exc:
            log.debug("cache unusable (%s); rebuilding", exc)
            self._discard()
            try:
                self._db = self._open()
            except (sqlite3.Error, OSError) as exc2:
                self.disabled_reason = f"cache disabled: {exc2}"
                self._db = None

    def _discard(self) -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(OSError):
                os.unlink(str(self.path) + suffix)

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=5, check_same_thread=False, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        rows = dict(db.execute("SELECT key, value FROM meta").fetchall())
        if rows.get("schema") != str(SCHEMA) or rows.get("derivation") != self.derivation:
            db.execute("BEGIN IMMEDIATE")
            db.execute("DROP TABLE IF EXISTS blob_facts")
            db.execute("DROP TABLE IF EXISTS snapshot")
            db.execute("DELETE FROM meta")
            db.execute(
                "INSERT INTO meta VALUES ('schema', ?), ('derivation', ?)",
                (str(SCHEMA), self.derivation),
            )
            db.execute("COMMIT")
        db.execute(
            "CREATE TABLE IF NOT EXISTS blob_facts (blob TEXT PRIMARY KEY, stated TEXT,"
            " precision TEXT, fingerprint TEXT, warning TEXT, title TEXT)"
        )
        db.execute(
            "CREATE TABLE IF NOT EXISTS snapshot (id INTEGER PRIMARY KEY CHECK (id = 1),"
            " head TEXT NOT NULL, rules TEXT NOT NULL, checksum TEXT NOT NULL, data BLOB NOT NULL)"
        )
        db.execute("PRAGMA quick_check(1)")
        return db

    @property
    def enabled(self) -> bool:
        """False when the cache folder cannot be used (everything still works, slower)."""
        return self._db is not None

    # blob facts -------------------------------------------------------------------------

    def get_facts(self, blobs: Iterable[str]) -> dict[str, tuple[Any, ...]]:
        """Cached facts rows ``(stated, precision, fingerprint, warning, title)`` by blob id."""
        if self._db is None:
            return {}
        wanted = list(blobs)
        found: dict[str, tuple[Any, ...]] = {}
        try:
            for start in range(0, len(wanted), 900):
                chunk = wanted[start : start + 900]
                marks = ",".join("?" * len(chunk))
                for row in self._db.execute(
                    "SELECT blob, stated, precision, fingerprint, warning, title FROM blob_facts"
                    f" WHERE blob IN ({marks})",
                    chunk,
                ):
                    found[row[0]] = tuple(row[1:])
        except sqlite3.Error as exc:
            log.debug("cache read failed: %s", exc)
            return {}
        return found

    def put_facts(self, rows: Iterable[tuple[Any, ...]]) -> None:
        """Store ``(blob, stated, precision, fingerprint, warning, title)`` rows."""
        if self._db is None:
            return
        try:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.executemany(
                "INSERT OR REPLACE INTO blob_facts VALUES (?, ?, ?, ?, ?, ?)", rows
            )
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            log.debug("cache write failed: %s", exc)
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")

    def set_titles(self, titles: dict[str, str | None]) -> None:
        """Remember the titles found for some blobs."""
        if self._db is None or not titles:
            return
        try:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.executemany(
                "UPDATE blob_facts SET title = ? WHERE blob = ?",
                [(title or "", blob) for blob, title in titles.items()],
            )
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            log.debug("cache write failed: %s", exc)
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")

    # snapshot ---------------------------------------------------------------------------

    def load_snapshot(self) -> tuple[str, str, Any] | None:
        """``(head, rules fingerprint, data)`` of the stored snapshot, or None."""
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT head, rules, checksum, data FROM snapshot").fetchone()
        except sqlite3.Error as exc:
            log.debug("cache read failed: %s", exc)
            return None
        if row is None:
            return None
        head, rules, checksum, blob = row
        if hashlib.sha256(blob).hexdigest() != checksum:
            log.debug("snapshot checksum mismatch; ignoring it")
            return None
        try:
            return head, rules, marshal.loads(zlib.decompress(blob))
        except (ValueError, EOFError, TypeError, zlib.error):
            return None

    def save_snapshot(self, head: str, rules: str, data: Any) -> None:
        """Replace the snapshot (atomically)."""
        if self._db is None:
            return
        blob = zlib.compress(marshal.dumps(data), 1)
        checksum = hashlib.sha256(blob).hexdigest()
        try:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute("DELETE FROM snapshot")
            self._db.execute(
                "INSERT INTO snapshot VALUES (1, ?, ?, ?, ?)", (head, rules, checksum, blob)
            )
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            log.debug("cache write failed: %s", exc)
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")

    def close(self) -> None:
        """Close the database."""
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None
