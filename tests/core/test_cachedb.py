"""The derived-data SQLite files (notices_repo.settings.cachedb): kept while their meta
values hold, emptied when one changes, deleted (with journals) when unusable."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from notices_repo.settings.cachedb import discard_cache_db, open_cache_db

TABLES = {"rows": "CREATE TABLE rows (key TEXT PRIMARY KEY, value TEXT NOT NULL)"}


def _count(db: sqlite3.Connection) -> int:
    return db.execute("SELECT count(*) FROM rows").fetchone()[0]


def test_rows_survive_the_same_key_and_go_with_another(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "cache.sqlite"  # the folder is made
    db = open_cache_db(path, {"code": "one"}, TABLES)
    db.execute("INSERT INTO rows VALUES ('a', 'b')")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()
    db = open_cache_db(path, {"code": "one"}, TABLES)
    assert _count(db) == 1
    db.close()
    db = open_cache_db(path, {"code": "two"}, TABLES, synchronous="NORMAL")
    assert _count(db) == 0
    assert dict(db.execute("SELECT key, value FROM meta").fetchall()) == {"code": "two"}
    db.close()


def test_a_damaged_file_raises_and_is_discarded_with_its_journals(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    (tmp_path / "cache.sqlite-wal").write_bytes(b"junk")
    with pytest.raises(sqlite3.DatabaseError):
        open_cache_db(path, {"code": "one"}, TABLES)
    discard_cache_db(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    db = open_cache_db(path, {"code": "one"}, TABLES)
    assert _count(db) == 0
    db.close()
