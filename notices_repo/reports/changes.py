"""The period report: every notice whose text in force changed between two days.

Read on the effective timeline (:mod:`notices_repo.catalog.timeline`), for a period
``since``..``until`` (both days included) as seen on ``today``:

* a *version* took effect in the period: its effective date is in the period and not
  after ``today``. It shows the text that took effect (its newest revision there on the
  effective date), compared with the text in force before it (or with nothing: the
  notice's first version);
* a *revision* changed a version that was in force in the period without changing its
  stated date (a silent edit, or a layout-only change): it reached the repository in the
  period, not after ``today``, and is compared with the revision before it. It is listed
  as a revision, not as a new version - also when it edits a version that took effect
  in the period;
* an *upcoming* version is not yet in force at the end of the period (or today): it
  was announced (first reached the repository) in the period, or is due within it.
  Listed apart, compared with the version before it.

Each change carries the section-level summary the diff computes
(:class:`~notices_repo.reports.digest_cache.ChangeDigest`: sections added, removed,
changed, moved; data categories added, removed, changed), kept by blob pair in the cache
folder so that a second report costs no comparison; with ``full`` the whole
:class:`~notices_repo.diff.compare.DiffResult` too (word-level changes, never cached).
Revisions the timeline overrode (bad captures, withdrawn announcements) are not listed,
nor revisions committed after ``today`` (the report as it would have been made then).
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, Protocol

from notices_repo import __version__
from notices_repo.catalog.timeline import effective_versions, previous
from notices_repo.diff.compare import DiffResult, clear_parse_cache, diff_texts
from notices_repo.errors import Cancelled
from notices_repo.model import Catalog, EffectiveVersion, Notice, Revision
from notices_repo.reports.digest_cache import ChangeDigest, DigestCache, pair_key

VERSION = "version"
REVISION = "revision"
UPCOMING = "upcoming"

#: ``progress(done, total)`` while comparing.
Progress = Callable[[int, int], None]


class TextSource(Protocol):
    """What the report reads texts through (a :class:`NoticeRepository`)."""

    def read_text(self, blob: str | None) -> Any:
        """The decoded text of a blob: ``.text`` and ``.warning``."""


@dataclass(frozen=True, slots=True)
class Period:
    """From ``since`` to ``until``, both days included."""

    since: dt.date
    until: dt.date

    def __post_init__(self) -> None:
        if self.since > self.until:
            raise ValueError(
                f"the period starts ({self.since}) after it ends ({self.until}); "
                "give --since before --until"
            )

    @classmethod
    def typed(cls, since: dt.date, until: dt.date | None, today: dt.date) -> Period:
        """The period from ``since`` to ``until`` (not given: ``today``), with a message
        that names the option to change when it is empty (:class:`ValueError`)."""
        if until is None and since > today:
            raise ValueError(
                f"--since {since} is after today ({today}), where the period ends without "
                "--until; give an earlier --since, or --until (and --today) after it"
            )
        return cls(since, today if until is None else until)

    def contains(self, day: dt.date | str) -> bool:
        """Whether ``day`` (a date or ``YYYY-MM-DD``) is in the period."""
        stamp = day if isinstance(day, str) else day.isoformat()
        return self.since.isoformat() <= stamp[:10] <= self.until.isoformat()

    def describe(self) -> str:
        """``2025-12-06 to 2026-12-06``."""
        return f"{self.since.isoformat()} to {self.until.isoformat()}"


@dataclass(slots=True)
class Change:
    """One change of a notice in the period: a version, a revision or an upcoming version."""

    notice: Notice = field(repr=False)
    kind: str
    """:data:`VERSION`, :data:`REVISION` or :data:`UPCOMING`."""
    version: EffectiveVersion = field(repr=False)
    """The version it belongs to (for a revision: the version it edited)."""
    revision: Revision = field(repr=False)
    """The text after the change."""
    before: Revision | None = field(repr=False)
    """The text before it (None: the notice's first text)."""
    before_version: EffectiveVersion | None = field(default=None, repr=False)
    """The version ``before`` belongs to."""
    digest: ChangeDigest | None = None
    """What changed, section by section (filled by :func:`changes_report`)."""
    result: DiffResult | None = field(default=None, repr=False)
    """The whole comparison, with ``full`` only."""
    seen: list[Revision] = field(default_factory=list, repr=False)
    """The version's revisions there on the report's day, newest first (empty: all)."""

    @property
    def revision_count(self) -> int:
        """How many revisions the version had on the report's day."""
        return len(self.seen or self.version.revisions)

    @property
    def silent_edit_count(self) -> int:
        """How many of those changed words without changing the stated date."""
        return sum(1 for r in (self.seen or self.version.revisions) if r.silent_edit)

    @property
    def effective_date(self) -> dt.date:
        """Effective date of the version."""
        return self.version.effective_date

    @property
    def announced(self) -> str:
        """``YYYY-MM-DD`` the change reached the repository (a version: its first revision)."""
        if self.kind == REVISION:
            return self.revision.published_day
        return min(r.published_day for r in self.version.revisions)

    @property
    def flags(self) -> list[str]:
        """What kind of revision it is (``silent edit``, ``technical``...); empty for versions."""
        return self.revision.change_flags() if self.kind == REVISION else []

    def to_json(self) -> dict[str, Any]:
        """The change as ``changes --json`` prints it (with ``full``: hunks too)."""
        before = self.before
        data: dict[str, Any] = {
            "kind": self.kind,
            "effective_date": self.effective_date.isoformat(),
            "date_source": self.version.date_source,
            "commit": self.revision.commit,
            "path": self.revision.path,
            "announced": self.announced,
            "revisions": self.revision_count,
            "silent_edits": self.silent_edit_count,
            "flags": self.flags,
            "from": None
            if before is None
            else {
                "commit": before.commit,
                "effective_date": (
                    self.before_version.effective_date.isoformat()
                    if self.before_version is not None
                    else before.effective_date.isoformat()
                ),
            },
        }
        if self.result is not None:
            data["summary"] = dict(self.result.summary)
            data["coarse"] = self.result.coarse
            data["sections"] = [s.to_dict() for s in self.result.changed_sections]
            data["data_categories"] = [c.to_dict() for c in self.result.changed_categories]
        elif self.digest is not None:
            data.update(self.digest.to_json())
        return data


@dataclass(slots=True)
class NoticeChanges:
    """The changes of one notice in the period."""

    notice: Notice = field(repr=False)
    versions: list[Change] = field(default_factory=list)
    """Versions that took effect, oldest first."""
    revisions: list[Change] = field(default_factory=list)
    """Revisions of versions in force (silent edits, layout changes), oldest first."""
    upcoming: list[Change] = field(default_factory=list)
    """Versions announced, not yet in force, soonest first."""

    @property
    def in_force_changed(self) -> bool:
        """Whether its text in force changed in the period."""
        return bool(self.versions or self.revisions)

    @property
    def in_force(self) -> list[Change]:
        """Versions and revisions in the order they changed the text in force (a version
        on its effective date, a revision on the day it reached the repository)."""
        return sorted(
            (*self.versions, *self.revisions),
            key=lambda c: c.announced if c.kind == REVISION else c.effective_date.isoformat(),
        )

    @property
    def changes(self) -> list[Change]:
        """Every change: versions, revisions, then upcoming."""
        return [*self.versions, *self.revisions, *self.upcoming]

    def to_json(self) -> dict[str, Any]:
        """The notice's part of ``changes --json``."""
        notice = self.notice
        return {
            "key": notice.key,
            "path": notice.path,
            "title": notice.title,
            "retired": notice.retired,
            "versions": [c.to_json() for c in self.versions],
            "revisions": [c.to_json() for c in self.revisions],
            "upcoming": [c.to_json() for c in self.upcoming],
        }


@dataclass(slots=True)
class ChangesReport:
    """Every notice that changed in a period, as on ``today``."""

    period: Period
    today: dt.date
    repository: str
    """The repository's folder as the user should see it."""
    head: str | None
    """HEAD commit the report was made at."""
    generated_at: str
    """When it was made: ISO 8601 with the UTC offset, to the second."""
    notices: list[NoticeChanges]
    """Notices with any change, in catalog order (by path)."""
    full: bool = False
    """Whether word-level changes were computed."""
    warnings: list[str] = field(default_factory=list)
    """Texts that could not be read as they are (missing objects, not UTF-8)."""

    @property
    def end(self) -> dt.date:
        """The last day of the period that can have been in force: ``until`` or ``today``."""
        return min(self.period.until, self.today)

    @property
    def changed(self) -> list[NoticeChanges]:
        """Notices whose text in force changed."""
        return [n for n in self.notices if n.in_force_changed]

    @property
    def announced(self) -> list[NoticeChanges]:
        """Notices with upcoming versions."""
        return [n for n in self.notices if n.upcoming]

    @property
    def has_changes(self) -> bool:
        """Whether the report lists anything (a change in force or an announcement)."""
        return bool(self.notices)

    @property
    def exit_code(self) -> int:
        """``changes``' exit status: 1 when a text in force changed in the period, else 0
        (an upcoming announcement alone is listed, but changed nothing in force)."""
        return 1 if self.changed else 0

    def counts(self) -> dict[str, int]:
        """Notices changed, versions, revisions, upcoming versions, notices announcing."""
        return {
            "notices_changed": len(self.changed),
            "versions": sum(len(n.versions) for n in self.notices),
            "revisions": sum(len(n.revisions) for n in self.notices),
            "upcoming": sum(len(n.upcoming) for n in self.notices),
            "notices_announcing": len(self.announced),
        }

    def to_json(self) -> dict[str, Any]:
        """The JSON document of ``notice-tui changes --json``."""
        return {
            "period": {
                "since": self.period.since.isoformat(),
                "until": self.period.until.isoformat(),
            },
            "today": self.today.isoformat(),
            "repository": self.repository,
            "head": self.head,
            "generated_at": self.generated_at,
            "generator": f"notice-tui {__version__}",
            "full": self.full,
            "counts": self.counts(),
            "notices": [n.to_json() for n in self.notices],
            "warnings": list(self.warnings),
        }


def _in_force_during(
    notice: Notice, version: EffectiveVersion, period: Period, end: dt.date
) -> bool:
    """Whether ``version`` was in force on some day of the period (up to ``end``)."""
    if version.effective_date > end:
        return False
    later = [
        v.effective_date
        for v in effective_versions(notice)
        if v.effective_date > version.effective_date
    ]
    return not later or min(later) > period.since


def seen_revisions(version: EffectiveVersion, day: dt.date) -> list[Revision]:
    """The version's revisions that had reached the repository on ``day``, newest first."""
    stamp = day.isoformat()
    return [r for r in version.revisions if r.published_day <= stamp]


def took_effect_as(version: EffectiveVersion, seen: list[Revision]) -> Revision:
    """The revision whose text took effect: the newest one there on the effective date
    (the first one, when every revision came later). ``seen``: newest first, not empty."""
    stamp = version.effective_date.isoformat()
    there = [r for r in seen if r.published_day <= stamp]
    return there[0] if there else seen[-1]


def _text_before(
    notice: Notice, version: EffectiveVersion, at: Revision, today: dt.date
) -> tuple[Revision | None, EffectiveVersion | None]:
    """The text in force just before ``version`` took effect (as the ``at`` revision of
    ``version`` arrived): the previous version's newest revision there by then (a
    previous version not committed by ``today`` is passed over)."""
    before = previous(notice, version)
    while before is not None and not seen_revisions(before, today):
        before = previous(notice, before)
    if before is None:
        return None, None
    seen = seen_revisions(before, today)
    by = max(at.published_day, version.effective_date.isoformat())
    there = [r for r in seen if r.published_day <= by]
    return (there[0] if there else seen[-1]), before


def _edits(
    notice: Notice,
    version: EffectiveVersion,
    revisions: list[Revision],
    period: Period,
    end: dt.date,
) -> list[Change]:
    """Revisions (newest first) that changed the text of ``version`` in the period, up to
    ``end``, each compared with the one before it; oldest first."""
    stamp = end.isoformat()
    edits = [
        Change(notice, REVISION, version, newer, older, version, seen=revisions)
        for newer, older in pairwise(revisions)
        if period.contains(newer.published_day)
        and newer.published_day <= stamp
        and newer.blob != older.blob
    ]
    return list(reversed(edits))


def notice_changes(notice: Notice, period: Period, today: dt.date) -> NoticeChanges:
    """What changed in ``notice`` in the period (without digests; see the module docstring).

    Only revisions that had reached the repository on ``today`` count (a version none of
    whose revisions had is not there yet). A version that took effect in the period shows
    the text that took effect; its later edits in the period are listed as revisions.
    """
    end = min(period.until, today)
    found = NoticeChanges(notice)
    for version in reversed(effective_versions(notice)):  # oldest first
        seen = seen_revisions(version, today)
        if not seen:
            continue
        day = version.effective_date
        if period.since <= day <= end:
            opened = took_effect_as(version, seen)
            before, before_version = _text_before(notice, version, opened, today)
            found.versions.append(
                Change(notice, VERSION, version, opened, before, before_version, seen=seen)
            )
            found.revisions.extend(
                _edits(notice, version, seen[: seen.index(opened) + 1], period, end)
            )
            continue
        if day > end:
            if period.contains(seen[-1].published_day) or day <= period.until:
                before, before_version = _text_before(notice, version, seen[0], today)
                found.upcoming.append(
                    Change(notice, UPCOMING, version, seen[0], before, before_version, seen=seen)
                )
            continue
        if _in_force_during(notice, version, period, end):
            found.revisions.extend(_edits(notice, version, seen, period, end))
    found.revisions.sort(key=lambda c: c.revision.published_day)
    return found


def changes_report(
    catalog: Catalog,
    source: TextSource,
    period: Period,
    today: dt.date,
    *,
    notices: Iterable[Notice] | None = None,
    full: bool = False,
    cache: DigestCache | None = None,
    generated_at: str | None = None,
    progress: Progress | None = None,
    cancelled: threading.Event | None = None,
) -> ChangesReport:
    """The period report of ``catalog`` (of ``notices`` only, when given).

    Texts are read through ``source`` only for comparisons the ``cache`` does not hold
    (every comparison with ``full``). ``generated_at`` defaults to now; ``cancelled``
    stops the comparisons (:class:`~notices_repo.errors.Cancelled`).
    """
    chosen = list(notices) if notices is not None else catalog.notices
    wanted = {n.key for n in chosen}
    found = [
        changes
        for notice in catalog.notices
        if notice.key in wanted
        for changes in [notice_changes(notice, period, today)]
        if changes.changes
    ]
    report = ChangesReport(
        period=period,
        today=today,
        repository=catalog.repository if catalog.is_sample else os.path.abspath(catalog.repository),
        head=catalog.head,
        generated_at=generated_at or now_text(),
        notices=found,
        full=full,
    )
    _fill_digests(report, source, cache, progress, cancelled)
    return report


def now_text(now: dt.datetime | None = None) -> str:
    """An ISO 8601 timestamp with the local UTC offset, to the second."""
    moment = (now or dt.datetime.now()).astimezone()
    return moment.replace(microsecond=0).isoformat()


def _fill_digests(
    report: ChangesReport,
    source: TextSource,
    cache: DigestCache | None,
    progress: Progress | None,
    cancelled: threading.Event | None,
) -> None:
    """Digest every change: from the cache, else by comparing (and remember it)."""
    changes = [c for n in report.notices for c in n.changes]
    keys = {
        id(c): pair_key(c.before.blob if c.before else None, c.revision.blob or "") for c in changes
    }
    known = cache.get_many(keys.values()) if cache is not None and not report.full else {}
    todo = [c for c in changes if keys[id(c)] not in known]
    fresh: dict[str, ChangeDigest] = {}
    texts: dict[str | None, str] = {None: ""}
    done = len(changes) - len(todo)
    try:
        for change in changes:
            key = keys[id(change)]
            if key in known:
                change.digest = known[key]
                continue
            if key in fresh and not report.full:
                change.digest = fresh[key]
                continue
            if cancelled is not None and cancelled.is_set():
                raise Cancelled()
            old = _text(source, change.before.blob if change.before else None, texts, report)
            new = _text(source, change.revision.blob, texts, report)
            result = diff_texts(old, new)
            change.digest = fresh[key] = ChangeDigest.of(result)
            if report.full:
                change.result = result
            done += 1
            if progress is not None:
                progress(done, len(changes))
            if len(texts) > 16:  # a notice at a time: consecutive versions share texts
                texts = {None: ""}
    finally:
        clear_parse_cache()
        if cache is not None:
            cache.put_many(fresh)


def _text(
    source: TextSource, blob: str | None, texts: dict[str | None, str], report: ChangesReport
) -> str:
    if blob in texts:
        return texts[blob]
    decoded = source.read_text(blob)
    if decoded.warning:
        report.warnings.append(f"{(blob or '')[:10]}: {decoded.warning}")
    texts[blob] = decoded.text
    return decoded.text


__all__ = [
    "REVISION",
    "UPCOMING",
    "VERSION",
    "Change",
    "ChangesReport",
    "NoticeChanges",
    "Period",
    "Progress",
    "TextSource",
    "changes_report",
    "notice_changes",
    "now_text",
    "seen_revisions",
    "took_effect_as",
]
