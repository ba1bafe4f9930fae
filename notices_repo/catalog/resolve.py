"""Turning what a user types into notices and revisions.

NOTICE: an exact path (or retired key) wins; otherwise a case-insensitive part of a path or
title. Notices at HEAD are preferred over retired ones. Ambiguous or unknown arguments
raise errors that list the candidates.

Revision specs (``diff FROM TO``, ``show --at/--rev``): ``YYYY-MM-DD`` (the version in
force that day), a commit id or unambiguous prefix of one of the notice's revisions,
``latest`` (in force today), ``upcoming`` (the soonest announced version), ``previous``
(the version before the other end).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from notices_repo.catalog.timeline import (
    effective_versions,
    in_force,
    previous,
    recorded_on,
    upcoming,
    version_of,
    withdrawn_on,
)
from notices_repo.errors import (
    AmbiguousNotice,
    NoticeNotFound,
    RepoError,
    RevisionNotFound,
    no_commits,
)
from notices_repo.model import Catalog, EffectiveVersion, Notice, Revision

_HEX = re.compile(r"[0-9a-fA-F]{4,64}\Z")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


def parse_day(value: str) -> dt.date:
    """A ``YYYY-MM-DD`` date, or ValueError with a message fit for users."""
    if not _DATE.match(value.strip()):
        raise ValueError(f"'{value}' is not a date; write it as YYYY-MM-DD, e.g. 2024-01-31")
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        raise ValueError(f"'{value}' is not a valid date ({exc})") from exc


#: En and em dashes (and their kin, and an ASCII hyphen standing alone between spaces) are
#: punctuation in titles such as "Systemic Risks — 2024": matching ignores them.
_DASH = re.compile(r"[\u2012-\u2015\u2212]|(?<!\S)-(?!\S)")
_SPACES = re.compile(r"\s+")
_NUMBER = re.compile(r"\d+")


def fold_name(text: str) -> str:
    """``text`` as NOTICE matching compares it: casefolded, dashes dropped, spaces collapsed."""
    return _SPACES.sub(" ", _DASH.sub(" ", text.casefold())).strip()


def _numbers(text: str) -> set[str]:
    return set(_NUMBER.findall(text))


def find_notice(catalog: Catalog, query: str) -> Notice:
    """The one notice ``query`` names (RepoError when the repository has no commits).

    An exact path or key wins; then notices whose path or title contains the query, else
    every word of it (case, dashes and spacing ignored). When the query holds a number,
    notices that hold that number come first ("Systemic Risks 2024" is not the 2023 one).
    """
    if catalog.head is None:
        raise RepoError(no_commits(catalog.repository))
    wanted = query.strip().strip("/")
    for notice in catalog.notices:
        if wanted in (notice.path, notice.key) and not notice.retired:
            return notice
    for notice in catalog.notices:
        if wanted in (notice.path, notice.key):
            return notice
    folded = fold_name(wanted)
    names = {n.key: (fold_name(n.path), fold_name(n.title)) for n in catalog.notices}
    matches = [n for n in catalog.notices if any(folded in name for name in names[n.key])]
    if not matches:
        words = folded.replace("/", " ").split()
        matches = [
            n for n in catalog.notices if words and all(w in " ".join(names[n.key]) for w in words)
        ]
    numbers = _numbers(folded)
    if numbers:
        with_numbers = [n for n in matches if numbers <= _numbers(" ".join(names[n.key]))]
        matches = with_numbers or matches
    active = [n for n in matches if not n.retired]
    pool = active or matches
    if len(pool) == 1:
        return pool[0]
    if len(pool) > 1:
        raise AmbiguousNotice(
            f"'{query}' matches {len(pool)} notices; give more of the path",
            [n.path if not n.retired else f"{n.key} (retired)" for n in pool],
        )
    raise NoticeNotFound(
        f"no notice matches '{query}'; run notice-tui log to list them",
        _closest(catalog, folded),
    )


def _closest(catalog: Catalog, folded: str) -> list[str]:
    """Up to five likely notices, those holding the query's numbers first."""
    if not catalog.notices:
        return []
    from rapidfuzz import fuzz, process

    choices = {n.key: fold_name(f"{n.path} {n.title}") for n in catalog.notices if not n.retired}
    found = process.extract(folded, choices, scorer=fuzz.partial_ratio, limit=None)
    numbers = _numbers(folded)
    ranked = sorted(
        (hit for hit in found if hit[1] >= 50),
        key=lambda hit: (not numbers <= _numbers(hit[0]), -hit[1]),
    )
    return [key for _, _, key in ranked[:5]]


@dataclass(frozen=True, slots=True)
class Pick:
    """A resolved revision spec: the revision whose text is meant, and its version."""

    revision: Revision
    version: EffectiveVersion
    spec: str


def _by_commit(notice: Notice, spec: str) -> Pick | None:
    prefix = spec.lower()
    hits = [r for r in notice.revisions if r.commit.startswith(prefix)]
    commits = {r.commit for r in hits}
    if len(commits) > 1:
        raise RevisionNotFound(f"commit prefix '{spec}' is ambiguous in {notice.path}; type more")
    if not hits:
        return None
    return Pick(hits[0], _version_of(notice, hits[0]), spec)


def _version_of(notice: Notice, revision: Revision) -> EffectiveVersion:
    """The version a revision of ``notice`` belongs to (its own, outside the timeline,
    when it was overridden: :func:`~notices_repo.catalog.timeline.version_of`)."""
    version = version_of(notice, revision.commit)
    assert version is not None  # the revision is one of the notice's
    return version


def resolve_spec(
    notice: Notice,
    spec: str,
    today: dt.date,
    other: Pick | None = None,
    as_recorded: bool = False,
) -> Pick:
    """Resolve one revision spec for ``notice``; ``other`` is the far end for ``previous``.

    Dates, ``latest``, ``previous`` and ``upcoming`` are read on the effective timeline
    (:mod:`notices_repo.catalog.timeline`); with ``as_recorded`` a date means the text the
    repository held that day (its newest revision published on or before it)."""
    word = spec.strip().lower()
    versions = effective_versions(notice)
    if not versions:
        raise RevisionNotFound(f"{notice.path} has no revisions")
    if word == "latest":
        version = in_force(notice, today)
        if version is None:
            raise RevisionNotFound(
                f"no version of {notice.path} is in force on {today}; try 'upcoming'"
            )
        return Pick(version.revision, version, spec)
    if word == "upcoming":
        coming = upcoming(notice, today)
        if not coming:
            raise RevisionNotFound(f"{notice.path} announces no version after {today}")
        return Pick(coming[0].revision, coming[0], spec)
    if word == "previous":
        base = other.version if other is not None else in_force(notice, today)
        if base is None:
            raise RevisionNotFound(f"no version of {notice.path} is in force on {today}")
        before = previous(notice, base)
        if before is None:
            raise RevisionNotFound(
                f"{notice.path} has no version before {base.effective_date}; name two dates"
            )
        return Pick(before.revision, before, spec)
    if _DATE.match(word):
        try:
            day = parse_day(word)
        except ValueError as exc:
            raise RevisionNotFound(str(exc)) from exc
        if as_recorded:
            held = recorded_on(notice, day)
            if held is None:
                raise RevisionNotFound(
                    f"the repository held no text of {notice.path} on {day}; "
                    f"see notice-tui log {notice.path}"
                )
            return Pick(held, _version_of(notice, held), spec)
        version = in_force(notice, day)
        if version is None:
            gap = withdrawn_on(notice, day)
            if gap:
                raise RevisionNotFound(f"{notice.path} was {gap}: nothing was in force on {day}")
            first = versions[-1].effective_date
            raise RevisionNotFound(
                f"no version of {notice.path} was in force on {day}; the first is from {first}"
            )
        return Pick(version.revision, version, spec)
    if _HEX.match(word):
        pick = _by_commit(notice, word)
        if pick is not None:
            return pick
        raise RevisionNotFound(
            f"no revision of {notice.path} starts with '{spec}'; see notice-tui log {notice.path}"
        )
    raise RevisionNotFound(
        f"'{spec}' is not a revision; use YYYY-MM-DD, a commit id, latest, upcoming or previous"
    )
