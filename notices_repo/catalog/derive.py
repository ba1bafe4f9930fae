"""Revisions from the history walk's raw revisions and the facts of their texts.

The walk (:mod:`notices_repo.git.history`) says which commit changed which notice and
which blobs it held; the facts (:mod:`notices_repo.catalog.scan`) say what each text
states. :class:`RevisionDeriver` joins them: the effective date (stated, else the day
the commit reached the main line), a technical revision, a silent edit.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from notices_repo.git.history import Commit, RawRevision
from notices_repo.model import SOURCE_COMMIT, SOURCE_MARKUP, SOURCE_TEXT, Revision

if TYPE_CHECKING:
    from notices_repo.catalog.blob import BlobFacts

__all__ = ["RevisionDeriver", "publish_day", "title_from_path"]


def title_from_path(path: str) -> str:
    """A title from a file name when the text has none: ``terms-of-use.md`` -> ``terms of use``."""
    name = path.rpartition("/")[2]
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return stem.replace("-", " ").replace("_", " ").strip() or name


def publish_day(commit: Commit) -> str:
    """``YYYY-MM-DD`` the commit reached the main line (its own date when unknown)."""
    return (commit.published or commit.committed)[:10]


def _commit_date(committed: str) -> dt.date:
    try:
        return dt.date.fromisoformat(committed[:10])
    except ValueError:
        return dt.date(1970, 1, 1)


class RevisionDeriver:
    """Revisions from raw revisions and facts (dates parsed once per distinct string)."""

    def __init__(self, facts: dict[str, BlobFacts], verdicts: dict[tuple[str, str], bool]) -> None:
        from notices_repo.catalog.blob import MISSING

        self.missing = MISSING
        self.facts = facts
        self.verdicts = verdicts
        self.stated: dict[str, dt.date] = {}
        self.days: dict[str, dt.date] = {}

    def __call__(self, raws: list[RawRevision], commits: dict[str, Commit]) -> list[Revision]:
        """The revisions of one notice's raw revisions (same order)."""
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
                day = publish_day(commit)
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
