"""The effective timeline: which revisions count, their versions, and what is in force when.

The rule (the README says it for readers):

* Every revision, in the order history gives them, says "from my effective date on,
  this is the text". A later revision overrides what earlier ones said from its own
  effective date on.
* So a revision whose effective date is after the effective date of some later revision
  is *overridden*: the repository no longer says it was ever in force (a bad capture, a
  withdrawn announcement). It stays listed, marked with the revision that overrode it
  (the first later one dated before it), and can be compared, but it is no version.
  A later revision with the *same* effective date is a silent edit of the same version.
* The remaining revisions form the timeline. They are grouped by effective date into
  versions; a version's text is its newest revision.
* *In force on D*: the newest version effective on or before D, unless D falls in a
  time the notice's file was deleted (a :class:`~notices_repo.model.Gap`).
* *latest* on ``today``: the version in force on ``today``; versions after ``today`` are
  *upcoming* (announced, not yet in force); *previous*: the version before another.
* *As recorded on D*: the text the repository held on D, whatever it claimed: its
  newest revision published on or before D (:func:`recorded_on`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from notices_repo.model import EffectiveVersion, Notice, Revision


def overriders(revisions: list[Revision]) -> list[Revision | None]:
    """For each revision (newest first, as a notice holds them), the first later revision
    whose effective date is before its own (None: not overridden). Linear time: one pass
    oldest to newest with a stack of revisions not yet overridden, whose dates rise from
    the bottom, so each is pushed and popped once."""
    result: list[Revision | None] = [None] * len(revisions)
    waiting: list[int] = []  # indexes into revisions; effective dates non-decreasing
    for index in range(len(revisions) - 1, -1, -1):  # oldest first
        date = revisions[index].effective_date
        while waiting and revisions[waiting[-1]].effective_date > date:
            result[waiting.pop()] = revisions[index]
        waiting.append(index)
    return result


def group_versions(notice: Notice) -> list[EffectiveVersion]:
    """The notice's effective versions on its timeline, newest effective date first.

    Marks every overridden revision (``overridden_by``) as a side effect."""
    groups: dict[dt.date, EffectiveVersion] = {}
    for revision, overrider in zip(notice.revisions, overriders(notice.revisions), strict=True):
        revision.overridden_by = overrider.commit if overrider is not None else None
        if overrider is not None:
            continue
        version = groups.get(revision.effective_date)
        if version is None:  # newest first, so revisions[0] of a group is its newest
            groups[revision.effective_date] = EffectiveVersion(
                notice=notice,
                effective_date=revision.effective_date,
                date_precision=revision.date_precision,
                date_source=revision.date_source,
                revisions=[revision],
            )
        else:
            version.revisions.append(revision)
    if any(r.overridden_by for r in notice.revisions):
        owner = {r.commit: v for v in groups.values() for r in v.revisions}
        for revision in notice.revisions:
            if revision.overridden_by in owner:
                owner[revision.overridden_by].overrode += 1
    return sorted(groups.values(), key=lambda v: v.effective_date, reverse=True)


def effective_versions(notice: Notice) -> list[EffectiveVersion]:
    """The notice's effective versions, newest effective date first (grouped once, kept
    on the notice; grouping marks its overridden revisions)."""
    if notice.grouped is None:
        notice.grouped = group_versions(notice)
    return notice.grouped


def status_of(version: EffectiveVersion, today: dt.date) -> str:
    """``upcoming``, ``in-force``, ``superseded``, ``withdrawn`` (in a gap of the
    notice) on ``today``, or ``overridden`` for a revision outside the timeline."""
    versions = effective_versions(version.notice)
    if not any(v is version for v in versions):
        return "overridden"
    if version.effective_date > today:
        return "upcoming"
    if any(gap.covers(today) for gap in version.notice.gaps):
        return "withdrawn"
    for other in versions:
        if today >= other.effective_date > version.effective_date:
            return "superseded"
    return "in-force"


def version_json(version: EffectiveVersion, today: dt.date) -> dict[str, Any]:
    """The version as ``--json`` outputs print it."""
    return {
        "effective_date": version.effective_date.isoformat(),
        "date_source": version.date_source,
        "date_precision": version.date_precision,
        "status": status_of(version, today),
        "commit": version.revision.commit,
        "revisions": len(version.revisions),
        "silent_edits": version.silent_edits,
        "technical_revisions": version.technical_revisions,
    }


def withdrawn_on(notice: Notice, day: dt.date) -> str | None:
    """``withdrawn 2023-09-20 .. 2023-11-29`` when ``day`` falls in a gap of the notice."""
    for gap in notice.gaps:
        if gap.covers(day):
            return gap.describe()
    return None


def in_force(notice: Notice, day: dt.date) -> EffectiveVersion | None:
    """The version in force on ``day``: the newest one effective on or before it (None
    before the first, and while the notice's file was deleted)."""
    if notice.gaps and withdrawn_on(notice, day):
        return None
    for version in effective_versions(notice):
        if version.effective_date <= day:
            return version
    return None


def latest(notice: Notice, today: dt.date) -> EffectiveVersion | None:
    """The version in force on ``today`` (None if every version is still upcoming)."""
    return in_force(notice, today)


def upcoming(notice: Notice, today: dt.date) -> list[EffectiveVersion]:
    """Versions announced with an effective date after ``today``, soonest first."""
    return sorted(
        (v for v in effective_versions(notice) if v.effective_date > today),
        key=lambda v: v.effective_date,
    )


def previous(notice: Notice, version: EffectiveVersion) -> EffectiveVersion | None:
    """The version before ``version`` by effective date (for a revision outside the
    timeline: the version in force the day before its effective date)."""
    versions = effective_versions(notice)
    for index, candidate in enumerate(versions):
        if candidate is version:
            return versions[index + 1] if index + 1 < len(versions) else None
    for candidate in versions:
        if candidate.effective_date < version.effective_date:
            return candidate
    return None


def version_of(notice: Notice, commit: str) -> EffectiveVersion | None:
    """The version a revision (by full commit id) belongs to; for an overridden revision,
    a version of its own outside the timeline (``status`` says ``overridden``)."""
    for version in effective_versions(notice):
        if any(r.commit == commit for r in version.revisions):
            return version
    for revision in notice.revisions:
        if revision.commit == commit:
            return detached(notice, revision)
    return None


def detached(notice: Notice, revision: Revision) -> EffectiveVersion:
    """A version holding one revision that is not on the timeline (overridden), so it
    can be shown and compared like any other."""
    return EffectiveVersion(
        notice=notice,
        effective_date=revision.effective_date,
        date_precision=revision.date_precision,
        date_source=revision.date_source,
        revisions=[revision],
    )


def recorded_on(notice: Notice, day: dt.date) -> Revision | None:
    """The text the repository held on ``day``, whatever it claimed: the newest revision
    published on or before ``day`` (None before the first, or while deleted)."""
    if notice.gaps and withdrawn_on(notice, day):
        return None
    stamp = day.isoformat()
    best: Revision | None = None
    for revision in notice.revisions:  # history order; several may share a day
        published = revision.published_day
        if published <= stamp and (best is None or published > best.published_day):
            best = revision
    return best


def revisions_after(version: EffectiveVersion, day: dt.date) -> list[Revision]:
    """The revisions of ``version`` published after ``day`` (newest first): when not
    empty, the repository did not yet hold the version's text on ``day``."""
    stamp = day.isoformat()
    return [r for r in version.revisions if r.published_day > stamp]
