"""What a comparison of two blobs changed, in short, kept in the user's cache folder.

A period report compares hundreds of pairs of versions (943 on the shared corpus for a
year: five seconds of diffing). The section-level digest of each pair
(:class:`ChangeDigest`) depends only on the two blobs and on the comparing code, so it is
kept in one SQLite file (``<cache folder>/changes.sqlite``), valid in every repository
until the code that derived it changes (:func:`code_key`; another key empties the file).
A second report of the same period reads it instead of comparing again.

Derived data only: a file SQLite cannot use is deleted and rebuilt, and when even that
fails the cache is off (the report is computed, only slower). Nothing here is written
into a repository.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from notices_repo.codekey import source_digest
from notices_repo.diff.compare import UNCHANGED, DiffResult
from notices_repo.settings.cachedb import discard_cache_db, open_cache_db
from notices_repo.settings.paths import cache_dir

log = logging.getLogger("notices_repo.reports.digest_cache")

FILE_NAME = "changes.sqlite"


def code_key() -> str:
    """Changes whenever the code behind a digest changes (comparing, parsing, this file)."""
    return source_digest("changes-digest-1", "diff", "text", "reports/digest_cache.py")[:20]


@dataclass(frozen=True, slots=True)
class SectionChange:
    """One section that is not unchanged: its status, heading (and old heading), moved."""

    status: str
    """``added``, ``removed``, ``changed`` or ``moved``."""
    heading: str
    """The new heading (the old one for a removed section); untrusted text."""
    old_heading: str | None
    """The old heading when it was renamed."""
    moved: bool
    """Whether it also moved."""


@dataclass(frozen=True, slots=True)
class CategoryChange:
    """One data category added, removed or with a changed description."""

    name: str
    """The category's name; untrusted text."""
    status: str
    """``added``, ``removed`` or ``changed``."""


@dataclass(frozen=True, slots=True)
class ChangeDigest:
    """The section-level summary of one comparison, as the diff computes it."""

    summary: dict[str, int]
    """Counts, as :attr:`notices_repo.diff.compare.DiffResult.summary`."""
    sections: tuple[SectionChange, ...]
    """Sections not unchanged, in new-text order."""
    categories: tuple[CategoryChange, ...]
    """Data categories not unchanged."""
    coarse: bool = False
    """Part of the comparison was by sentences (a huge change)."""

    @property
    def has_changes(self) -> bool:
        """Whether anything differs."""
        return any(self.summary.values())

    @classmethod
    def of(cls, result: DiffResult) -> ChangeDigest:
        """The digest of a comparison."""
        return cls(
            summary=dict(result.summary),
            sections=tuple(
                SectionChange(s.status, s.heading, s.old_heading, s.moved)
                for s in result.sections
                if s.status != UNCHANGED
            ),
            categories=tuple(
                CategoryChange(c.name, c.status)
                for c in result.data_categories
                if c.status != UNCHANGED
            ),
            coarse=result.coarse,
        )

    def to_json(self) -> dict[str, Any]:
        """The JSON form (also how the cache stores it)."""
        return {
            "summary": dict(self.summary),
            "coarse": self.coarse,
            "sections": [
                {
                    "status": s.status,
                    "heading": s.heading,
                    "old_heading": s.old_heading,
                    "moved": s.moved,
                }
                for s in self.sections
            ],
            "data_categories": [{"name": c.name, "status": c.status} for c in self.categories],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ChangeDigest:
        """A digest from :meth:`to_json` (KeyError/TypeError when it is not one)."""
        return cls(
            summary={str(k): int(v) for k, v in data["summary"].items()},
            sections=tuple(
                SectionChange(s["status"], s["heading"], s["old_heading"], bool(s["moved"]))
                for s in data["sections"]
            ),
            categories=tuple(
                CategoryChange(c["name"], c["status"]) for c in data["data_categories"]
            ),
            coarse=bool(data.get("coarse", False)),
        )


def pair_key(old_blob: str | None, new_blob: str) -> str:
    """How the cache names a comparison: both blob ids (``-`` for no old text)."""
    return f"{old_blob or '-'}:{new_blob}"


class DigestCache:
    """Digests of comparisons by blob pair, in one SQLite file (see the module docstring)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or cache_dir() / FILE_NAME
        self._db: sqlite3.Connection | None = None
        try:
            self._db = self._open()
        except (sqlite3.Error, OSError) as exc:
            log.debug("digest cache unusable (%s); rebuilding", exc)
            discard_cache_db(self.path)
            try:
                self._db = self._open()
            except (sqlite3.Error, OSError) as again:
                log.debug("digest cache off: %s", again)
                self._db = None

    def _open(self) -> sqlite3.Connection:
        return open_cache_db(
            self.path,
            {"code": code_key()},
            {
                "digests": (
                    "CREATE TABLE digests (pair TEXT PRIMARY KEY, data TEXT NOT NULL) WITHOUT ROWID"
                )
            },
        )

    @property
    def enabled(self) -> bool:
        """Whether the file could be opened."""
        return self._db is not None

    def get_many(self, keys: Iterable[str]) -> dict[str, ChangeDigest]:
        """The digests known for ``keys`` (from :func:`pair_key`)."""
        wanted = list(dict.fromkeys(keys))
        found: dict[str, ChangeDigest] = {}
        if self._db is None or not wanted:
            return found
        try:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    f"SELECT pair, data FROM digests WHERE pair IN ({marks})", chunk
                ).fetchall()
                for pair, data in rows:
                    with contextlib.suppress(ValueError, KeyError, TypeError, AttributeError):
                        found[pair] = ChangeDigest.from_json(json.loads(data))
        except sqlite3.Error as exc:
            log.debug("digest cache read failed: %s", exc)
        return found

    def put_many(self, digests: dict[str, ChangeDigest]) -> None:
        """Remember digests (one transaction; a failure only costs the next report time)."""
        if self._db is None or not digests:
            return
        rows = [(k, json.dumps(d.to_json(), ensure_ascii=False)) for k, d in digests.items()]
        try:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.executemany("INSERT OR REPLACE INTO digests VALUES (?, ?)", rows)
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            log.debug("digest cache write failed: %s", exc)
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")

    def close(self) -> None:
        """Close the file."""
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None


__all__ = [
    "CategoryChange",
    "ChangeDigest",
    "DigestCache",
    "SectionChange",
    "code_key",
    "pair_key",
]
