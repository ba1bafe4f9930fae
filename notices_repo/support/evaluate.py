"""Evaluating a running release against a merged calendar, and the releases table.

:func:`evaluate` answers whether the running release is still supported on a day (a
:class:`SupportStatus`); :func:`release_rows` lays the calendar out as a table with the
running release marked. Pure functions and dataclasses, no I/O.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from notices_repo.support.policy import (
    DEFAULT_WARN_DAYS,
    ENDING_SOON,
    OUT_OF_SUPPORT,
    RULE,
    SERVER_LABEL,
    SERVER_SOURCE,
    STATE_COLOURS,
    STATED,
    SUPPORTED,
    UNKNOWN,
    Version,
    is_version,
    minor_of,
    parse_version,
)
from notices_repo.support.releases import CalendarEntry, MergedCalendar

__all__ = [
    "UPDATE_ADVICE",
    "ReleaseRow",
    "SupportStatus",
    "days_text",
    "evaluate",
    "release_rows",
    "state_for",
]


def days_text(days_left: int) -> str:
    """``"66 days left"``, ``"1 day left"``, ``"0 days left, last day"``, ``"ended 3 days ago"``."""
    if days_left == 0:
        return "0 days left, last day"
    if days_left > 0:
        return f"{days_left} day{'' if days_left == 1 else 's'} left"
    ago = -days_left
    return f"ended {ago} day{'' if ago == 1 else 's'} ago"


def state_for(days_left: int, warn_days: int) -> str:
    """The state with ``days_left`` days of support left (0: the last day)."""
    if days_left < 0:
        return OUT_OF_SUPPORT
    if days_left <= warn_days:
        return ENDING_SOON
    return SUPPORTED


@dataclass(frozen=True, slots=True)
class SupportStatus:
    """The support state of the running release on ``today``.

    ``release`` is the minor (``"8.3"``) when the version could be read, ``running`` the
    version as found (``"8.3.1"``). ``reason`` explains an "unknown" state and says how
    to fix it. ``server_until`` is the server's own (unverified) last day for the release.
    ``lower_bound`` is true when the release is newer than the calendar and
    ``support_ends`` is the least it can be (the newest standard row's end; ``newest``
    names the calendar's newest release). ``prerelease`` is set when ``running`` is a
    pre-release (``8.1.0-rc.1``), read as its release. ``basis``: "stated" or "rule".
    """

    product: str
    today: datetime.date
    state: str
    running: str | None = None
    release: str | None = None
    released: datetime.date | None = None
    support_ends: datetime.date | None = None
    days_left: int | None = None
    source: str | None = None
    source_detail: str | None = None
    lts: bool = False
    reason: str = ""
    server_until: datetime.date | None = None
    lower_bound: bool = False
    newest: str | None = None
    prerelease: str | None = None
    basis: str | None = None

    @property
    def colour(self) -> str:
        """endoflife.date colour for the state ("" for unknown)."""
        return STATE_COLOURS[self.state]

    def summary(self) -> str:
        """Short words for a status line: ``"8.3 - out of support since 2026-10-31"``."""
        name = self.release or self.running or "release"
        if self.state == UNKNOWN:
            return f"{name} - support unknown"
        if self.support_ends is None:
            return f"{name} - out of support"
        ends = self.support_ends.isoformat()
        if self.lower_bound:
            soon = f" ({days_text(self.days_left or 0)})" if self.state == ENDING_SOON else ""
            return f"{name} - supported at least until {ends}{soon}"
        if self.state == OUT_OF_SUPPORT:
            return f"{name} - out of support since {ends}"
        if self.state == ENDING_SOON:
            return f"{name} - support ends {ends} ({days_text(self.days_left or 0)})"
        return f"{name} - supported until {ends}"


def evaluate(
    calendar: MergedCalendar,
    running: str | None,
    today: datetime.date,
    *,
    warn_days: int = DEFAULT_WARN_DAYS,
    server_claims: Mapping[str, datetime.date] | None = None,
    unknown_reason: str = "",
) -> SupportStatus:
    """Evaluate the running release ``running`` (a version string or None) on ``today``.

    ``warn_days``: "ending-soon" when at most that many days are left (the end day is 0
    days left). ``server_claims`` (minor -> last day) only feed ``server_until`` here;
    pass the same mapping to ``merge_calendars`` for it to count in the end date.
    ``unknown_reason`` is used when ``running`` is None (say how to set it).
    """
    product = calendar.product
    if running is None:
        return SupportStatus(
            product=product,
            today=today,
            state=UNKNOWN,
            reason=unknown_reason or f"the running {product} release is not known",
        )
    try:
        version = parse_version(running)
    except ValueError as exc:
        return SupportStatus(
            product=product, today=today, state=UNKNOWN, running=running, reason=str(exc)
        )
    server_until = None
    for key, value in (server_claims or {}).items():
        if is_version(key) and minor_of(key) == version.minor:
            server_until = value if server_until is None else min(server_until, value)
    entry = calendar.get(version.minor)
    if entry is None:
        return _not_in_calendar(calendar, version, today, running, server_until, warn_days)
    days_left = (entry.support_ends - today).days
    server_claim = entry.claim_of(SERVER_SOURCE)
    return SupportStatus(
        product=product,
        today=today,
        state=state_for(days_left, warn_days),
        running=running,
        release=entry.version,
        released=entry.released,
        support_ends=entry.support_ends,
        days_left=days_left,
        source=entry.source,
        source_detail=entry.source_detail,
        lts=entry.lts or version.lts,
        server_until=server_claim.support_ends if server_claim else server_until,
        prerelease=version.prerelease,
        basis=entry.basis,
    )


#: The advice for a release newer than the calendar (one place, for every wording).
UPDATE_ADVICE = "releases.toml in the notices repository, or --calendar FILE"


def _not_in_calendar(
    calendar: MergedCalendar,
    version: Version,
    today: datetime.date,
    running: str,
    server_until: datetime.date | None,
    warn_days: int = DEFAULT_WARN_DAYS,
) -> SupportStatus:
    """The status of a release the calendar has no row for: older than every row,
    newer (a lower bound while it holds), or unknown with what to do about it."""
    product = calendar.product
    newest, oldest = calendar.newest, calendar.oldest
    base: dict[str, Any] = {
        "product": product,
        "today": today,
        "running": running,
        "release": version.minor,
        "server_until": server_until,
        "lts": version.lts,
        "prerelease": version.prerelease,
        "newest": newest.version if newest is not None else None,
    }
    if oldest is not None and version.key < oldest.key and oldest.support_ends < today:
        # Older than every known release, and even the oldest known one has ended.
        return SupportStatus(
            state=OUT_OF_SUPPORT,
            reason=(
                "is out of support: older than every release in the calendar "
                f"(the oldest, {oldest.version}, ended {oldest.support_ends.isoformat()})"
            ),
            **base,
        )
    bound = calendar.newest_standard
    if (
        newest is not None
        and bound is not None
        and version.key > newest.key
        and version.major - newest.key[0] in (0, 1)
    ):
        # released after the newest row, so supported at least as long as the newest
        # standard row (a major more than one ahead is too far a jump to reason about)
        status = _lower_bound(bound, today, server_until, warn_days, base)
        if status is not None:
            return status
        reason = (
            f"is newer than the release calendar knows (newest {newest.version}), and the "
            f"least it is supported, until {bound.support_ends.isoformat()}, has passed: "
            f"update the calendar for its exact date ({UPDATE_ADVICE})"
        )
    elif newest is not None and version.key > newest.key:
        reason = (
            "is newer than the release calendar knows "
            f"(newest {newest.version}): update the calendar ({UPDATE_ADVICE})"
        )
    elif newest is None:
        reason = (
            "cannot be checked: the release calendar is empty "
            "(add releases with releases.toml or --calendar FILE)"
        )
    else:
        reason = (
            "is not in the release calendar: add it "
            "(releases.toml in the notices repository, or --calendar FILE)"
        )
    return SupportStatus(state=UNKNOWN, reason=reason, **base)


def _lower_bound(
    bound: CalendarEntry,
    today: datetime.date,
    server_until: datetime.date | None,
    warn_days: int,
    base: dict[str, Any],
) -> SupportStatus | None:
    """A release newer than the calendar, supported at least until ``bound`` (the
    newest standard row) ends; None once that day has passed."""
    if server_until is not None and server_until < bound.support_ends:
        # the server's own (unverified) expiry can only make the answer stricter
        days_left = (server_until - today).days
        return SupportStatus(
            state=state_for(days_left, warn_days),
            support_ends=server_until,
            days_left=days_left,
            source=SERVER_SOURCE,
            source_detail=f"server ({SERVER_LABEL})",
            basis=STATED,
            **base,
        )
    days_left = (bound.support_ends - today).days
    if days_left < 0:
        return None
    return SupportStatus(
        state=state_for(days_left, warn_days),
        support_ends=bound.support_ends,
        days_left=days_left,
        source=f"lower bound from {bound.version}",
        source_detail=(
            f"lower bound: the end of {bound.version}, the newest standard release in the calendar"
        ),
        lower_bound=True,
        basis=RULE,
        **base,
    )


@dataclass(frozen=True, slots=True)
class ReleaseRow:
    """One row of the releases screen / ``notice-tui releases``, endoflife.date style."""

    version: str
    released: datetime.date
    support_ends: datetime.date
    days_left: int
    state: str
    lts: bool
    source: str
    source_detail: str
    note: str
    running: bool
    basis: str = STATED

    @property
    def days_text(self) -> str:
        """``"66 days left"`` or ``"ended 26 days ago"``."""
        return days_text(self.days_left)

    @property
    def colour(self) -> str:
        """endoflife.date colour for the state."""
        return STATE_COLOURS[self.state]


def release_rows(
    calendar: MergedCalendar,
    today: datetime.date,
    *,
    warn_days: int = DEFAULT_WARN_DAYS,
    running: str | None = None,
    newest_first: bool = True,
) -> list[ReleaseRow]:
    """The calendar as rows for a table, the running release (any version form) marked."""
    running_minor = None
    if running is not None and is_version(running):
        running_minor = minor_of(running)
    rows = []
    for entry in calendar.entries:
        days_left = (entry.support_ends - today).days
        rows.append(
            ReleaseRow(
                version=entry.version,
                released=entry.released,
                support_ends=entry.support_ends,
                days_left=days_left,
                state=state_for(days_left, warn_days),
                lts=entry.lts,
                source=entry.source,
                source_detail=entry.source_detail,
                note=entry.note,
                running=entry.version == running_minor,
                basis=entry.basis,
            )
        )
    if newest_first:
        rows.reverse()
    return rows
