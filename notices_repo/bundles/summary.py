"""What an import report says in brief: counts of what arrived, and the notices in force.

The full record of an import is the list of :class:`~notices_repo.bundles.results.NoticeArrival`
(one per notice); a first import of a large archive has hundreds of silent edits, so the
report leads with these counts and, after a first import, with each notice in force.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from notices_repo.bundles.results import InForce, NoticeArrival, SilentEdit, VersionArrival
from notices_repo.catalog.timeline import effective_versions, status_of

if TYPE_CHECKING:
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


def summarise_arrivals(
    before: Any, after: Any, new_commits: set[str], today: dt.date
) -> list[NoticeArrival]:
    """Per notice: new effective versions, changed ones, silent edits, from two catalogs."""
    old_versions: dict[str, set[dt.date]] = {}
    if before is not None:
        for notice in before.notices:
            old_versions[notice.key] = {v.effective_date for v in effective_versions(notice)}
    arrivals: list[NoticeArrival] = []
    retired: dict[str, NoticeArrival] = {}
    for notice in after.notices:
        fresh = [r for r in notice.revisions if r.commit in new_commits]
        if notice.retired:
            if notice.retired_in not in new_commits:
                continue
            if notice.path in retired:  # deleted, added again and deleted again: one line
                retired[notice.path].revisions += len(fresh)
                continue
            retired[notice.path] = NoticeArrival(notice.path, notice.title, "retired", len(fresh))
            arrivals.append(retired[notice.path])
            continue
        if not fresh:
            continue
        known = old_versions.get(notice.key)
        renamed = next((r.renamed_from for r in fresh if r.renamed_from), None)
        if known is None and renamed is not None:
            known = next((dates for key, dates in old_versions.items() if key == renamed), None)
        arrival = NoticeArrival(
            notice.path,
            notice.title,
            "new" if known is None else "changed",
            len(fresh),
            renamed_from=renamed,
        )
        for version in effective_versions(notice):
            if not any(r.commit in new_commits for r in version.revisions):
                continue
            arrival.versions.append(
                VersionArrival(
                    version.effective_date,
                    status_of(version, today),
                    version.revision.commit,
                    known is None or version.effective_date not in known,
                )
            )
        for revision in fresh:
            if revision.silent_edit:
                arrival.silent_edits.append(
                    SilentEdit(revision.commit, revision.subject, revision.effective_date)
                )
            if revision.technical:
                arrival.technical += 1
        arrivals.append(arrival)
    return arrivals


__all__ = ["ImportCounts", "count_arrivals", "notices_in_force", "summarise_arrivals"]
