"""Effective versions: grouping revisions by effective date, and what is in force when.

* A notice's revisions are grouped by effective date; a version's text is its newest
  revision (git's history order).
* *In force on D*: the newest version whose effective date is on or before D.
* *latest* on ``today``: the version in force on ``today``; versions after ``today`` are
  *upcoming* (announced, not yet in force).
"""

from __future__ import annotations

import datetime as dt

from .model import EffectiveVersion, Notice


def group_versions(notice: Notice) -> list[EffectiveVersion]:
    """The notice's effective versions, newest effective date first."""
    groups: dict[dt.date, EffectiveVersion] = {}
    for revision in notice.revisions:  # newest first, so revisions[0] of a group is newest
        version = groups.get(revision.effective_date)
        if version is None:
            groups[revision.effective_date] = EffectiveVersion(
                notice=notice,
                effective_date=revision.effective_date,
                date_precision=revision.date_precision,
                date_source=revision.date_source,
                revisions=[revision],
            )
        else:
            version.revisions.append(revision)
    return sorted(groups.values(), key=lambda v: v.effective_date, reverse=True)


def in_force(notice: Notice, day: dt.date) -> EffectiveVersion | None:
    """The version in force on ``day``: the newest one effective on or before it."""
    for version in notice.versions():
        if version.effective_date <= day:
            return version
    return None


def latest(notice: Notice, today: dt.date) -> EffectiveVersion | None:
    """The version in force on ``today`` (None if every version is still upcoming)."""
    return in_force(notice, today)


def upcoming(notice: Notice, today: dt.date) -> list[EffectiveVersion]:
    """Versions announced with an effective date after ``today``, soonest first."""
    return sorted(
        (v for v in notice.versions() if v.effective_date > today),
        key=lambda v: v.effective_date,
    )


def previous(notice: Notice, version: EffectiveVersion) -> EffectiveVersion | None:
    """The version before ``version`` by effective date."""
    versions = notice.versions()
    for index, candidate in enumerate(versions):
        if candidate is version:
            return versions[index + 1] if index + 1 < len(versions) else None
    return None


def version_of(notice: Notice, commit: str) -> EffectiveVersion | None:
    """The version a revision (by full commit id) belongs to."""
    for version in notice.versions():
        if any(r.commit == commit for r in version.revisions):
            return version
    return None
