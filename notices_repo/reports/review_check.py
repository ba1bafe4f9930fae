"""``reviews --check``: has every notice's version in force been reviewed? (Nagios plugin)

For each notice at HEAD (retired ones are left out) with a version in force on
``today``:

* *reviewed* when a mark in the review record names the version's text: its newest
  revision (a mark of an older revision of the same version means it was edited since:
  not reviewed);
* otherwise *not reviewed*: a version nobody reviewed has waited since it took effect,
  or since it reached the repository when that was later (nobody can review a text
  before it is there); a version edited since its review has waited since the first
  edit the reviewer has not seen (the revision after the one marked).

Only revisions committed on or before ``today`` count: with a past ``today`` the check
answers as it would have on that day.

The answer is OK (0) when every version in force is reviewed; WARNING (1) when some is
not, all for fewer than ``max_age`` days; CRITICAL (2) when one has waited ``max_age``
days or more. Upcoming versions (announced, not yet in force) are listed, never make
the answer worse. UNKNOWN (3) is the caller's, for bad input. One summary line with
performance data (``| unreviewed=2 oldest_days=20 upcoming=1``); one line per notice with
``verbose``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from notices_repo.catalog.reviews import Review
from notices_repo.catalog.timeline import effective_versions, withdrawn_on
from notices_repo.model import Catalog, EffectiveVersion, Notice, Revision
from notices_repo.support.nagios import NAGIOS_CODES

#: Days a version in force may wait for its review before the check is CRITICAL.
DEFAULT_MAX_AGE = 14

OK = "OK"
WARNING = "WARNING"
CRITICAL = "CRITICAL"
UNKNOWN = "UNKNOWN"


@dataclass(slots=True)
class NoticeReview:
    """Where one notice stands: its version in force and upcoming ones, reviewed or not."""

    notice: Notice = field(repr=False)
    version: EffectiveVersion | None = field(repr=False)
    """The version in force (None: nothing is in force today)."""
    reviewed: Review | None
    """The mark of the version's text (None: not reviewed)."""
    edited: bool
    """A mark names an older revision of the version: edited since it was reviewed."""
    days: int
    """Days the version in force has waited for a review (0 when reviewed)."""
    level: str
    """This notice's part of the answer: OK, WARNING or CRITICAL."""
    upcoming: list[tuple[EffectiveVersion, Review | None]] = field(default_factory=list, repr=False)
    """Announced versions, soonest first, with the mark of their text if any."""
    text: Revision | None = field(default=None, repr=False)
    """The version's text on the check's day: its newest revision committed by then."""
    upcoming_commits: list[str] = field(default_factory=list, repr=False)
    """The commit of each upcoming version's text on the check's day."""

    @property
    def unreviewed_upcoming(self) -> list[EffectiveVersion]:
        """Upcoming versions nobody reviewed yet."""
        return [v for v, mark in self.upcoming if mark is None]

    def line(self) -> str:
        """One line for ``--verbose`` (untrusted path: the caller makes it inert)."""
        path = self.notice.path
        parts: list[str] = []
        if self.version is None:
            parts.append("nothing in force")
        else:
            day = self.version.effective_date.isoformat()
            if self.reviewed is not None:
                parts.append(
                    f"version effective {day} reviewed by {self.reviewed.who} "
                    f"on {self.reviewed.when[:10]}"
                )
            else:
                since = "edited since it was reviewed" if self.edited else "not reviewed"
                parts.append(f"version effective {day} {since} ({_days(self.days)})")
        for version, mark in self.upcoming:
            day = version.effective_date.isoformat()
            if mark is None:
                parts.append(f"upcoming {day} not reviewed")
            else:
                parts.append(f"upcoming {day} reviewed by {mark.who}")
        return f"{self.level} {path}: " + "; ".join(parts)

    def to_json(self) -> dict[str, Any]:
        """The notice's part of ``reviews --check --json``."""
        version = self.version
        return {
            "notice": self.notice.key,
            "path": self.notice.path,
            "state": self.level,
            "in_force": None if version is None else version.effective_date.isoformat(),
            "commit": None if self.text is None else self.text.commit,
            "reviewed": self.reviewed is not None,
            "edited_since_review": self.edited,
            "reviewed_by": self.reviewed.who if self.reviewed else None,
            "reviewed_at": self.reviewed.when if self.reviewed else None,
            "days_unreviewed": self.days,
            "upcoming": [
                {
                    "effective_date": v.effective_date.isoformat(),
                    "commit": commit,
                    "reviewed": mark is not None,
                }
                for (v, mark), commit in zip(self.upcoming, self.upcoming_commits, strict=True)
            ],
        }


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


@dataclass(slots=True)
class ReviewCheck:
    """The answer of the check over every notice."""

    level: str
    """OK, WARNING or CRITICAL."""
    notices: list[NoticeReview]
    max_age: int
    today: dt.date

    @property
    def code(self) -> int:
        """The Nagios exit code (0, 1, 2)."""
        return NAGIOS_CODES[self.level]

    @property
    def unreviewed(self) -> list[NoticeReview]:
        """Notices whose version in force is not reviewed, longest waiting first."""
        waiting = [n for n in self.notices if n.version is not None and n.reviewed is None]
        return sorted(waiting, key=lambda n: -n.days)

    @property
    def oldest_days(self) -> int:
        """Days the longest-waiting version in force has waited (0: none waits)."""
        return max((n.days for n in self.unreviewed), default=0)

    @property
    def upcoming_unreviewed(self) -> int:
        """Upcoming versions nobody reviewed yet."""
        return sum(len(n.unreviewed_upcoming) for n in self.notices)

    def line(self) -> str:
        """The one Nagios line with performance data."""
        waiting = self.unreviewed
        checked = sum(1 for n in self.notices if n.version is not None)
        if not waiting:
            words = f"every version in force is reviewed ({_count(checked, 'notice')})"
        else:
            first = waiting[0]
            words = (
                f"{len(waiting)} of {_count(checked, 'notice')} not reviewed, oldest "
                f"{first.notice.path} for {_days(first.days)} (critical at {self.max_age})"
            )
        if self.upcoming_unreviewed:
            words += f"; {_count(self.upcoming_unreviewed, 'upcoming version')} not reviewed"
        words = words.replace("|", "/")  # "|" starts the performance data
        perf = (
            f"unreviewed={len(waiting)} oldest_days={self.oldest_days} "
            f"upcoming={self.upcoming_unreviewed}"
        )
        return f"{self.level} - {words} | {perf}"

    def to_json(self) -> dict[str, Any]:
        """``reviews --check --json``."""
        return {
            "state": self.level,
            "exit_code": self.code,
            "line": self.line(),
            "today": self.today.isoformat(),
            "max_age": self.max_age,
            "unreviewed": len(self.unreviewed),
            "oldest_days": self.oldest_days,
            "upcoming_unreviewed": self.upcoming_unreviewed,
            "notices": [n.to_json() for n in self.notices],
        }


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _seen(version: EffectiveVersion, today: dt.date) -> list[Revision]:
    """The version's revisions there on ``today`` (committed by then), newest first."""
    stamp = today.isoformat()
    return [r for r in version.revisions if r.published_day <= stamp]


def _versions_seen(notice: Notice, today: dt.date) -> list[tuple[EffectiveVersion, list[Revision]]]:
    """The notice's versions that had reached the repository on ``today``, newest
    effective date first, each with its revisions there by then."""
    found = []
    for version in effective_versions(notice):
        seen = _seen(version, today)
        if seen:
            found.append((version, seen))
    return found


def _mark_of(seen: list[Revision], marks: list[Review]) -> tuple[Review | None, int | None]:
    """The newest mark of the version's text (``seen[0]``), else the index in ``seen``
    of the newest older revision someone marked (None: no revision of it was marked)."""
    found = [m for m in marks if m.commit == seen[0].commit]
    if found:
        return found[-1], None
    marked = {m.commit for m in marks}
    for index, revision in enumerate(seen[1:], 1):
        if revision.commit in marked:
            return None, index
    return None, None


def _waiting_since(version: EffectiveVersion, seen: list[Revision], older: int | None) -> dt.date:
    """From when an unreviewed version has waited: never reviewed, from when it took
    effect (or reached the repository, if later); edited since an older revision was
    reviewed, from the first edit the reviewer has not seen."""
    if older is None:
        arrived = dt.date.fromisoformat(seen[-1].published_day)
        return max(version.effective_date, arrived)
    edit = dt.date.fromisoformat(seen[older - 1].published_day)
    return max(version.effective_date, edit)


def notice_review(
    notice: Notice, marks: list[Review], today: dt.date, max_age: int
) -> NoticeReview:
    """Where ``notice`` stands against its marks (oldest first) on ``today``; revisions
    committed after ``today`` are left out (the check as it would have run that day)."""
    versions = _versions_seen(notice, today)
    current = None
    if not (notice.gaps and withdrawn_on(notice, today)):
        current = next(((v, s) for v, s in versions if v.effective_date <= today), None)
    reviewed: Review | None = None
    edited = False
    days = 0
    level = OK
    text = None
    if current is not None:
        version, seen = current
        text = seen[0]
        reviewed, older = _mark_of(seen, marks)
        edited = older is not None
        if reviewed is None:
            days = max(0, (today - _waiting_since(version, seen, older)).days)
            level = CRITICAL if days >= max_age else WARNING
    coming = sorted(
        ((v, _mark_of(s, marks)[0], s[0]) for v, s in versions if v.effective_date > today),
        key=lambda item: item[0].effective_date,
    )
    return NoticeReview(
        notice,
        None if current is None else current[0],
        reviewed,
        edited,
        days,
        level,
        [(v, mark) for v, mark, _ in coming],
        text,
        [r.commit for _, _, r in coming],
    )


def check_reviews(
    catalog: Catalog,
    marks: Iterable[Review],
    today: dt.date,
    *,
    max_age: int = DEFAULT_MAX_AGE,
    notices: Iterable[Notice] | None = None,
) -> ReviewCheck:
    """The check over the notices at HEAD (``notices`` only, when given).

    ``marks``: the review record's marks of this repository, oldest first.
    """
    by_notice: dict[str, list[Review]] = {}
    for mark in marks:
        by_notice.setdefault(mark.notice, []).append(mark)
    chosen = list(notices) if notices is not None else catalog.active()
    results = [
        notice_review(n, by_notice.get(n.key, []), today, max_age) for n in chosen if not n.retired
    ]
    levels = {r.level for r in results}
    level = CRITICAL if CRITICAL in levels else WARNING if WARNING in levels else OK
    return ReviewCheck(level, results, max_age, today)


__all__ = [
    "CRITICAL",
    "DEFAULT_MAX_AGE",
    "OK",
    "UNKNOWN",
    "WARNING",
    "NoticeReview",
    "ReviewCheck",
    "check_reviews",
    "notice_review",
]
