"""What an import report says in brief: counts of what arrived, and the notices in force.

The full record of an import is the list of :class:`~notices_repo.bundles.importer.NoticeArrival`
(one per notice); a first import of a large archive has hundreds of silent edits, so the
report leads with these counts and, after a first import, with each notice in force.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from notices_repo.bundles.importer import NoticeArrival
    from notices_repo.model import Catalog


@dataclass(frozen=True, slots=True)
class ImportCounts:
    """How much arrived, over every notice of an import."""

    notices: int
    """Notices at HEAD that the import added or changed."""
    new_notices: int
    versions: int
    """Effective versions that arrived or changed."""
    new_versions: int
    """Effective dates the notices did not have before (every version on a first import)."""
    revisions: int
    silent_edits: int
    technical: int
    retired: int
    """Notices the import retired (a path retired twice counts once)."""

    def to_json(self) -> dict[str, int]:
        """The counts as ``import --json`` prints them."""
        return {
            "notices": self.notices,
            "new_notices": self.new_notices,
            "versions": self.versions,
            "new_versions": self.new_versions,
            "revisions": self.revisions,
            "silent_edits": self.silent_edits,
            "technical_revisions": self.technical,
            "retired": self.retired,
        }


def count_arrivals(arrivals: Iterable[NoticeArrival]) -> ImportCounts:
    """Add up what arrived."""
    notices = new_notices = versions = new_versions = revisions = silent = technical = 0
    retired: set[str] = set()
    for arrival in arrivals:
        revisions += arrival.revisions
        if arrival.kind == "retired":
            retired.add(arrival.path)
            continue
        notices += 1
        new_notices += arrival.kind == "new"
        versions += len(arrival.versions)
        new_versions += sum(1 for v in arrival.versions if v.new)
        silent += len(arrival.silent_edits)
        technical += arrival.technical
    return ImportCounts(
        notices, new_notices, versions, new_versions, revisions, silent, technical, len(retired)
    )


@dataclass(frozen=True, slots=True)
class InForce:
    """A notice at HEAD and the version that applies on the day of the import."""

    path: str
    title: str
    effective_date: dt.date | None
    """The version in force; None when every version is still to come."""
    upcoming: dt.date | None
    """The soonest version announced after the day, if any."""

    def to_json(self) -> dict[str, Any]:
        """As ``import --json`` prints it."""
        return {
            "path": self.path,
            "title": self.title,
            "effective_date": self.effective_date.isoformat() if self.effective_date else None,
            "upcoming": self.upcoming.isoformat() if self.upcoming else None,
        }


def notices_in_force(catalog: Catalog, today: dt.date) -> list[InForce]:
    """Every notice at HEAD with its version in force on ``today`` and the next one."""
    from notices_repo.catalog.timeline import in_force, upcoming

    out: list[InForce] = []
    for notice in catalog.active():
        current = in_force(notice, today)
        coming = upcoming(notice, today)
        out.append(
            InForce(
                notice.path,
                notice.title,
                current.effective_date if current else None,
                coming[0].effective_date if coming else None,
            )
        )
    return out


__all__ = ["ImportCounts", "InForce", "count_arrivals", "notices_in_force"]
