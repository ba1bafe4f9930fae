"""The history cache: what was derived from a repository, kept in the user's cache folder.

One SQLite file per repository (keyed by the real path of its git folder) holds

* ``blob_facts``: what was derived from each blob (stated effective date, title, decoding
  warning), and ``pair_facts``: for pairs of blobs, whether they differ only in layout.
  Blobs never change, so these rows stay valid, in any repository, for as long as the
  code that derived them is the same (the ``derivation`` key; another key drops them);
* ``snapshot`` and ``snapshot_notices``: the catalog at one HEAD, one marshalled row per
  notice (its revisions with every flag), so a warm open is one read and no git log, and
  an update after a few commits rewrites only the notices they touched.

Every write is one SQLite transaction (write-ahead log), so a writer killed mid-write
leaves the previous state. The snapshot is used only for its own HEAD and code key (the
caller checks that HEAD is the repository's, or an ancestor of it); every notice row has
a CRC and the row count must match, or the snapshot is ignored. A file that SQLite cannot
read is deleted and rebuilt, never trusted. Nothing here is ever written into the
repository.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import marshal
import sqlite3
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from notices_repo.settings.cachedb import discard_cache_db, open_cache_db
from notices_repo.settings.paths import cache_dir

log = logging.getLogger("notices_repo.catalog.cache")

SCHEMA = 4  # 4: blob facts gained the date source column

#: The tables of the cache file, made again when the schema or the derivation key changes.
_TABLES = {
    "blob_facts": (
        "CREATE TABLE blob_facts (blob TEXT PRIMARY KEY, stated TEXT,"
        " precision TEXT, warning TEXT, title TEXT, source TEXT) WITHOUT ROWID"
    ),
    "pair_facts": (
        "CREATE TABLE pair_facts (pair TEXT PRIMARY KEY, technical INTEGER NOT NULL) WITHOUT ROWID"
    ),
    "snapshot": (
        "CREATE TABLE snapshot (id INTEGER PRIMARY KEY CHECK (id = 1),"
        " head TEXT NOT NULL, key TEXT NOT NULL, notices INTEGER NOT NULL,"
        " extra BLOB NOT NULL)"
    ),
    "snapshot_notices": (
        "CREATE TABLE snapshot_notices (key TEXT PRIMARY KEY, crc INTEGER NOT NULL,"
        " data BLOB NOT NULL)"
    ),
}


def cache_file_for(git_dir: Path) -> Path:
    """The cache file of the repository whose git folder is ``git_dir``."""
    digest = hashlib.sha256(str(git_dir.resolve()).encode("utf-8", "surrogateescape"))
    return cache_dir() / "history" / f"{digest.hexdigest()[:24]}.sqlite"


class HistoryCache:
    """Blob facts, pair verdicts and the catalog snapshot of one repository."""

    def __init__(self, path: Path, derivation: str) -> None:
        self.path = path
        self.derivation = derivation
        self._db: sqlite3.Connection | None = None
        self.disabled_reason: str | None = None
        try:
            self._db = self._open()
        except (sqlite3.Error, OSError) as exc:
            log.debug("cache unusable (%s); rebuilding", exc)
            self._rebuild()

    def _rebuild(self) -> None:
        """Delete the file and start again (a damaged cache is never trusted)."""
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None
        discard_cache_db(self.path)
        try:
            self._db = self._open()
        except (sqlite3.Error, OSError) as exc:
            self.disabled_reason = f"cache disabled: {exc}"
            self._db = None

    def _open(self) -> sqlite3.Connection:
        return open_cache_db(
            self.path,
            {"schema": str(SCHEMA), "derivation": self.derivation},
            _TABLES,
            synchronous="NORMAL",
        )

    @property
    def enabled(self) -> bool:
        """False when the cache folder cannot be used (everything still works, slower)."""
        return self._db is not None

    def _failed(self, exc: sqlite3.Error) -> None:
        """A read or write failed: a damaged file is rebuilt, a busy one left alone."""
        log.debug("cache access failed: %s", exc)
        if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError):
            self._rebuild()

    def _write(self, statements: Iterable[tuple[str, Any]]) -> bool:
        """Run ``(sql, rows or params)`` in one transaction; lists of rows use executemany."""
        if self._db is None:
            return False
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
            for sql, params in statements:
                if isinstance(params, list):
                    db.executemany(sql, params)
                else:
                    db.execute(sql, params)
            db.execute("COMMIT")
            return True
        except sqlite3.Error as exc:
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")
            self._failed(exc)
            return False

    def _select_in(self, sql: str, keys: list[str]) -> list[tuple[Any, ...]]:
        if self._db is None or not keys:
            return []
        found: list[tuple[Any, ...]] = []
        try:
            for start in range(0, len(keys), 900):
                chunk = keys[start : start + 900]
                marks = ",".join("?" * len(chunk))
                found += self._db.execute(sql.format(marks=marks), chunk).fetchall()
        except sqlite3.Error as exc:
            self._failed(exc)
            return []
        return found

    def _empty(self, table: str) -> bool:
        if self._db is None:
            return True
        try:
            return self._db.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is None
        except sqlite3.Error as exc:
            self._failed(exc)
            return True

    # blob facts and pair verdicts ---------------------------------------------------------

    def get_facts(self, blobs: Iterable[str]) -> dict[str, tuple[Any, ...]]:
        """Cached facts rows ``(stated, precision, warning, title, source)`` by blob id."""
        wanted = list(blobs)
        if not wanted or self._empty("blob_facts"):
            return {}
        rows = self._select_in(
            "SELECT blob, stated, precision, warning, title, source FROM blob_facts"
            " WHERE blob IN ({marks})",
            wanted,
        )
        return {row[0]: tuple(row[1:]) for row in rows}

    def put_facts(self, rows: Iterable[tuple[Any, ...]]) -> None:
        """Store ``(blob, stated, precision, warning, title, source)`` rows (a known title
        stays)."""
        self._write(
            [
                (
                    "INSERT INTO blob_facts VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(blob) DO UPDATE"
                    " SET stated = excluded.stated, precision = excluded.precision,"
                    " warning = excluded.warning, source = excluded.source,"
                    " title = coalesce(excluded.title, blob_facts.title)",
                    list(rows),
                )
            ]
        )

    def set_titles(self, titles: dict[str, str | None]) -> None:
        """Remember the titles found for some blobs."""
        if titles:
            self._write(
                [
                    (
                        "UPDATE blob_facts SET title = ? WHERE blob = ?",
                        [(title or "", blob) for blob, title in titles.items()],
                    )
                ]
            )

    def get_pairs(self, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], bool]:
        """Cached verdicts (technical or not) by pair key ``(older id, newer id)``."""
        wanted = [a + b for a, b in keys]
        if not wanted or self._empty("pair_facts"):
            return {}
        rows = self._select_in(
            "SELECT pair, technical FROM pair_facts WHERE pair IN ({marks})", wanted
        )
        half = len(wanted[0]) // 2
        return {(pair[:half], pair[half:]): bool(technical) for pair, technical in rows}

    def put_pairs(self, verdicts: dict[tuple[str, str], bool]) -> None:
        """Store verdicts by pair key."""
        if verdicts:
            self._write(
                [
                    (
                        "INSERT OR REPLACE INTO pair_facts VALUES (?, ?)",
                        [(a + b, int(v)) for (a, b), v in verdicts.items()],
                    )
                ]
            )

    # snapshot ---------------------------------------------------------------------------

    def snapshot_head(self) -> tuple[str, str, Any] | None:
        """``(head, key, extra)`` of the stored snapshot, or None (cheap: no notices read)."""
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT head, key, extra FROM snapshot").fetchone()
        except sqlite3.Error as exc:
            self._failed(exc)
            return None
        if row is None:
            return None
        try:
            return row[0], row[1], marshal.loads(row[2])
        except (ValueError, EOFError, TypeError):
            return None

    def load_snapshot(self) -> list[Any] | None:
        """The notices of the stored snapshot (as saved), or None when it is incomplete."""
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT notices FROM snapshot").fetchone()
            rows = self._db.execute("SELECT crc, data FROM snapshot_notices").fetchall()
        except sqlite3.Error as exc:
            self._failed(exc)
            return None
        if row is None or row[0] != len(rows):
            return None
        crc32, loads = zlib.crc32, marshal.loads
        notices: list[Any] = []
        try:
            for crc, data in rows:
                if crc32(data) != crc:
                    log.debug("snapshot row damaged; ignoring the snapshot")
                    return None
                notices.append(loads(data))
        except (ValueError, EOFError, TypeError):
            return None
        return notices

    def save_snapshot(
        self,
        head: str,
        key: str,
        extra: Any,
        notices: dict[str, Any],
        *,
        replace: bool,
        drop: Iterable[str] = (),
    ) -> bool:
        """Store the snapshot at ``head``, in one transaction.

        ``notices`` maps notice keys to their rows; with ``replace`` they are the whole
        catalog, otherwise they replace or add rows, and the keys in ``drop`` go.
        """
        if self._db is None:
            return False
        dumps, crc32 = marshal.dumps, zlib.crc32
        rows = []
        for notice_key, value in notices.items():
            data = dumps(value)
            rows.append((notice_key, crc32(data), data))
        statements: list[tuple[str, Any]] = []
        if replace:
            statements.append(("DELETE FROM snapshot_notices", ()))
        else:
            statements.append(("DELETE FROM snapshot_notices WHERE key = ?", [(k,) for k in drop]))
        statements += [
            ("INSERT OR REPLACE INTO snapshot_notices VALUES (?, ?, ?)", rows),
            ("DELETE FROM snapshot", ()),
            (
                "INSERT INTO snapshot VALUES (1, ?, ?, (SELECT count(*) FROM snapshot_notices), ?)",
                (head, key, marshal.dumps(extra)),
            ),
        ]
        return self._write(statements)

    def close(self) -> None:
        """Close the database."""
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None
