"""Support window: versions, policy, the release calendar model, merging, evaluation.

Pure functions and dataclasses, no I/O: loading lives in ``release_calendar.py``, the
server in ``release_server.py``, finding the running release in ``running_release.py``.

The rules, in one place:

* The unit of support is the minor release (``x.y``): ``7.10.3``, ``7.11.0-rc.1``,
  ``v8.6`` and ``7.10 LTS`` map to ``7.10``, ``7.11``, ``8.6`` and ``7.10``.
* The end day of support is still supported: on it ``days_left`` is 0 and the state is
  "ending-soon" (with any warning threshold >= 0), the day after it is "out-of-support".
* Explicit end dates beat arithmetic; the policy (``months`` after the release, rounded
  to the end of that month or kept on the same day) is the fallback.
* When sources disagree, the earliest explicit end wins and names its source; the
  server's own (unverified) expiry can only make the answer stricter.
* A date a calendar states (``basis`` "stated") beats one its makers computed by the
  rule (``basis`` "rule"), whichever is earlier.
* A release the calendar does not know is "unknown", never "supported" - except just
  past its end: a release newer than every row (same major as the newest row, or the
  next one) was released after the newest row, so it is supported at least as long as
  the newest standard (non-LTS) row. That lower bound is answered as such, and only
  until it passes.
"""

from __future__ import annotations

import calendar as _calendar
import datetime
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

__all__ = [
    "BASES",
    "BUILTIN_SOURCE",
    "DEFAULT_WARN_DAYS",
    "ENDING_SOON",
    "END_OF_MONTH",
    "NAGIOS_CODES",
    "OUT_OF_SUPPORT",
    "POLICY_ENDS",
    "POLICY_SOURCE",
    "ROCKETCHAT_POLICY",
    "RULE",
    "SAME_DAY",
    "SERVER_LABEL",
    "SERVER_SOURCE",
    "STATED",
    "STATES",
    "STATE_COLOURS",
    "SUPPORTED",
    "UNKNOWN",
    "UPDATE_ADVICE",
    "Calendar",
    "CalendarEntry",
    "Claim",
    "MergedCalendar",
    "NagiosResult",
    "Policy",
    "Release",
    "ReleaseRow",
    "SupportStatus",
    "Version",
    "add_months",
    "days_text",
    "end_of_month",
    "evaluate",
    "merge_calendars",
    "minor_of",
    "nagios_level",
    "nagios_result",
    "parse_version",
    "release_rows",
    "version_key",
]

BUILTIN_SOURCE = "built-in"
POLICY_SOURCE = "policy"
SERVER_SOURCE = "server"
SERVER_LABEL = "server-provided, unverified"

END_OF_MONTH = "end-of-month"
SAME_DAY = "same-day"
POLICY_ENDS = (END_OF_MONTH, SAME_DAY)

SUPPORTED = "supported"
ENDING_SOON = "ending-soon"
OUT_OF_SUPPORT = "out-of-support"
UNKNOWN = "unknown"
STATES = (SUPPORTED, ENDING_SOON, OUT_OF_SUPPORT, UNKNOWN)

#: endoflife.date's colours for each state, for a status line or a releases screen.
STATE_COLOURS: Mapping[str, str] = {
    SUPPORTED: "green",
    ENDING_SOON: "yellow",
    OUT_OF_SUPPORT: "red",
    UNKNOWN: "",
}

DEFAULT_WARN_DAYS = 30

#: How a release's end of support was obtained: stated by the vendor, or computed by the rule.
STATED = "stated"
RULE = "rule"
BASES = (STATED, RULE)


# --------------------------------------------------------------------------- versions

_VERSION_RE = re.compile(
    r"""
    ^\s*
    (?:v|V)?
    (?P<major>\d{1,6})\.(?P<minor>\d{1,6})
    (?:\.(?P<patch>\d{1,6}))?
    (?:-(?P<pre>[0-9A-Za-z][0-9A-Za-z.-]{0,63}))?
    (?:\+[0-9A-Za-z.-]{1,64})?
    (?P<lts>\s+LTS)?
    \s*$
    """,
    re.VERBOSE | re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Version:
    """A parsed release version; ``minor`` (``"7.10"``) is the unit of support."""

    major: int
    minor_number: int
    patch: int | None = None
    prerelease: str | None = None
    lts: bool = False
    text: str = ""

    @property
    def key(self) -> tuple[int, int]:
        """The numeric sort key of the minor release: ``(7, 10)`` sorts after ``(7, 9)``."""
        return (self.major, self.minor_number)

    @property
    def minor(self) -> str:
        """The minor release, ``"7.10"``."""
        return f"{self.major}.{self.minor_number}"

    def __str__(self) -> str:
        out = self.minor
        if self.patch is not None:
            out += f".{self.patch}"
        if self.prerelease:
            out += f"-{self.prerelease}"
        return out


def parse_version(text: str) -> Version:
    """Parse ``7.10.3``, ``7.11.0-rc.1``, ``v8.6`` or ``7.10 LTS``.

    Raises ``ValueError`` with a one-line message for anything else (``8``, ``latest``).
    """
    if not isinstance(text, str):
        raise ValueError(f"a version must be text like 8.6 or 7.10.3, not {text!r}")
    match = _VERSION_RE.match(text)
    if match is None:
        shown = text if len(text) <= 40 else text[:40] + "..."
        raise ValueError(f"{shown!r} is not a release version (expected e.g. 8.6 or 7.10.3)")
    patch = match["patch"]
    return Version(
        major=int(match["major"]),
        minor_number=int(match["minor"]),
        patch=int(patch) if patch is not None else None,
        prerelease=match["pre"],
        lts=match["lts"] is not None,
        text=text.strip(),
    )


def minor_of(text: str) -> str:
    """The minor release of a version string: ``minor_of("7.10.3") == "7.10"``."""
    return parse_version(text).minor


def version_key(text: str) -> tuple[int, int]:
    """Numeric sort key of a version string's minor release."""
    return parse_version(text).key


# --------------------------------------------------------------------------- dates


def end_of_month(day: datetime.date) -> datetime.date:
    """The last day of ``day``'s month."""
    return day.replace(day=_calendar.monthrange(day.year, day.month)[1])


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` plus ``months`` calendar months, clamped to the month's last day.

    ``add_months(date(2025, 8, 31), 6) == date(2026, 2, 28)``.
    """
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = _calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day.day, last))


@dataclass(frozen=True, slots=True)
class Policy:
    """How a release's end of support is computed when no explicit date is known.

    ``end`` is ``"end-of-month"`` (Rocket.Chat's rule: the last day of the month
    ``months`` after the release month) or ``"same-day"`` (the same day of the month,
    clamped to the month's end). The computed day is the last supported day.
    ``lts_months`` (optional) applies to LTS releases; without it they get ``months``.
    """

    product: str = "Rocket.Chat"
    months: int = 6
    end: str = END_OF_MONTH
    lts_months: int | None = None

    def __post_init__(self) -> None:
        if self.end not in POLICY_ENDS:
            raise ValueError(f"policy end must be one of {', '.join(POLICY_ENDS)}")
        if self.months < 0 or (self.lts_months is not None and self.lts_months < 0):
            raise ValueError("policy months must not be negative")

    def support_ends(self, released: datetime.date, lts: bool = False) -> datetime.date:
        """The last supported day of a release made on ``released``."""
        months = self.lts_months if lts and self.lts_months is not None else self.months
        day = add_months(released, months)
        return end_of_month(day) if self.end == END_OF_MONTH else day

    def describe(self) -> str:
        """``"6 months, to the end of the month"``."""
        rounding = "to the end of the month" if self.end == END_OF_MONTH else "to the same day"
        text = f"{self.months} months, {rounding}"
        if self.lts_months is not None:
            text += f" ({self.lts_months} for LTS)"
        return text


#: Rocket.Chat's rule: six months, LTS lines twelve (since RocketChat PR #39619, 2026).
ROCKETCHAT_POLICY = Policy(lts_months=12)


# --------------------------------------------------------------------------- calendar model


@dataclass(frozen=True, slots=True)
class Release:
    """One release as one calendar states it. ``version`` is the minor (``"8.6"``).

    ``basis`` is "rule" when the calendar's makers computed ``support_ends`` by the
    policy rather than finding it stated (a stated date wins over it in merging).
    """

    version: str
    released: datetime.date
    support_ends: datetime.date | None = None
    lts: bool = False
    note: str = ""
    source: str = BUILTIN_SOURCE
    basis: str = STATED

    @property
    def key(self) -> tuple[int, int]:
        """Numeric sort key."""
        return version_key(self.version)


@dataclass(frozen=True, slots=True)
class Calendar:
    """One source of release facts: the built-in CSV, a ``releases.toml``, a ``--calendar``.

    ``product_explicit`` is true when the file named its product in ``[policy]``.
    """

    source: str
    policy: Policy = ROCKETCHAT_POLICY
    releases: tuple[Release, ...] = ()
    product_explicit: bool = False

    @property
    def product(self) -> str:
        """The product the calendar is about."""
        return self.policy.product


@dataclass(frozen=True, slots=True)
class Claim:
    """One source's end of support for one release.

    ``explicit`` is false when the date was computed by that source's policy; ``basis``
    is "rule" then, and also for a date the source's makers computed by the rule.
    """

    source: str
    support_ends: datetime.date
    explicit: bool = True
    basis: str = STATED


@dataclass(frozen=True, slots=True)
class CalendarEntry:
    """One release after merging every source.

    ``source`` is the source that set ``support_ends``: a calendar's name, ``"policy"``
    when computed (``policy_of`` then names whose policy), or ``"server"``.
    ``claims`` lists what every source said, for display and debugging.
    """

    version: str
    released: datetime.date
    support_ends: datetime.date
    source: str
    lts: bool = False
    note: str = ""
    claims: tuple[Claim, ...] = ()
    policy_of: str | None = None
    basis: str = STATED

    @property
    def key(self) -> tuple[int, int]:
        """Numeric sort key."""
        return version_key(self.version)

    @property
    def source_detail(self) -> str:
        """Human words for the source: ``"policy of releases.toml (6 months, ...)"``."""
        if self.source == POLICY_SOURCE and self.policy_of:
            return f"policy of {self.policy_of}"
        if self.source == SERVER_SOURCE:
            return f"server ({SERVER_LABEL})"
        return self.source

    def claim_of(self, source: str) -> Claim | None:
        """What ``source`` said about this release, if anything."""
        for claim in self.claims:
            if claim.source == source:
                return claim
        return None


@dataclass(frozen=True, slots=True)
class MergedCalendar:
    """Every source merged: one entry per minor release, oldest first."""

    product: str
    entries: tuple[CalendarEntry, ...]
    sources: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    _index: dict[str, CalendarEntry] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._index.update({entry.version: entry for entry in self.entries})

    def get(self, version: str) -> CalendarEntry | None:
        """The entry for ``version`` (any form ``parse_version`` takes), or None."""
        try:
            minor = minor_of(version)
        except ValueError:
            return None
        return self._index.get(minor)

    @property
    def newest(self) -> CalendarEntry | None:
        """The newest release the calendar knows."""
        return self.entries[-1] if self.entries else None

    @property
    def oldest(self) -> CalendarEntry | None:
        """The oldest release the calendar knows."""
        return self.entries[0] if self.entries else None

    @property
    def newest_standard(self) -> CalendarEntry | None:
        """The newest release that is not LTS (its end bounds any newer release's)."""
        return next((e for e in reversed(self.entries) if not e.lts), None)


def _same_product(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def merge_calendars(
    calendars: Sequence[Calendar],
    server_claims: Mapping[str, datetime.date] | None = None,
) -> MergedCalendar:
    """Merge sources into one calendar; the earliest end of support wins.

    ``calendars`` come in order of precedence for ties and for the product: the
    built-in first, then the repository's ``releases.toml``, then ``--calendar``. The
    product is the one named last explicitly (``[policy] product``); a calendar about
    another product is left out with a warning.

    For each release: the earliest stated end date of any source wins (ties go to the
    earlier source); when no source states one, the earliest date computed by the rule:
    a row's own date marked ``basis = "rule"`` (source: that calendar) or the sources'
    policies (source ``"policy"``). ``server_claims`` (minor -> last day, from
    the server's unverified token) only ever make an end earlier (source ``"server"``);
    they never add releases.
    """
    if not calendars:
        return MergedCalendar(product=ROCKETCHAT_POLICY.product, entries=())
    product = calendars[0].product
    for cal in calendars:
        if cal.product_explicit:
            product = cal.product
    warnings: list[str] = []
    used: list[Calendar] = []
    for cal in calendars:
        if _same_product(cal.product, product):
            used.append(cal)
        else:
            warnings.append(
                f"{cal.source} is about {cal.product}, not {product}: left out of the calendar"
            )

    by_version: dict[str, list[tuple[Calendar, Release]]] = {}
    for cal in used:
        for release in cal.releases:
            by_version.setdefault(release.version, []).append((cal, release))

    server_claims = {minor_of(k): v for k, v in (server_claims or {}).items() if _is_version(k)}
    entries: list[CalendarEntry] = []
    for version, stated in by_version.items():
        claims: list[Claim] = []
        explicit: list[tuple[datetime.date, int, Calendar, Release]] = []
        computed: list[tuple[datetime.date, int, Calendar, Release]] = []
        for order, (cal, release) in enumerate(stated):
            if release.support_ends is not None and release.basis != RULE:
                explicit.append((release.support_ends, order, cal, release))
                claims.append(Claim(cal.source, release.support_ends, True))
            elif release.support_ends is not None:  # the makers' own rule arithmetic
                computed.append((release.support_ends, order, cal, release))
                claims.append(Claim(cal.source, release.support_ends, True, RULE))
            else:
                end = cal.policy.support_ends(release.released, release.lts)
                computed.append((end, order, cal, release))
                claims.append(Claim(cal.source, end, False, RULE))
        pool = explicit or computed
        end, _, winner_cal, winner = min(pool, key=lambda item: (item[0], item[1]))
        basis = STATED if explicit else RULE
        if explicit or winner.support_ends is not None:
            source, policy_of = winner_cal.source, None
        else:
            source = POLICY_SOURCE
            policy_of = f"{winner_cal.source} ({winner_cal.policy.describe()})"
        server_end = server_claims.get(version)
        if server_end is not None:
            claims.append(Claim(SERVER_SOURCE, server_end, True))
            if server_end < end:
                end, source, policy_of, basis = server_end, SERVER_SOURCE, None, STATED
        note = winner.note or next((r.note for _, r in stated if r.note), "")
        entries.append(
            CalendarEntry(
                version=version,
                released=min(r.released for _, r in stated),
                support_ends=end,
                source=source,
                lts=any(r.lts for _, r in stated),
                note=note,
                claims=tuple(claims),
                policy_of=policy_of,
                basis=basis,
            )
        )
    entries.sort(key=lambda e: e.key)
    return MergedCalendar(
        product=product,
        entries=tuple(entries),
        sources=tuple(cal.source for cal in used),
        warnings=tuple(warnings),
    )


def _is_version(text: str) -> bool:
    try:
        parse_version(text)
    except ValueError:
        return False
    return True


# --------------------------------------------------------------------------- evaluation


def days_text(days_left: int) -> str:
    """``"66 days left"``, ``"1 day left"``, ``"0 days left, last day"``, ``"ended 3 days ago"``."""
    if days_left == 0:
        return "0 days left, last day"
    if days_left > 0:
        return f"{days_left} day{'' if days_left == 1 else 's'} left"
    ago = -days_left
    return f"ended {ago} day{'' if ago == 1 else 's'} ago"


def _state_for(days_left: int, warn_days: int) -> str:
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
        if _is_version(key) and minor_of(key) == version.minor:
            server_until = value if server_until is None else min(server_until, value)
    entry = calendar.get(version.minor)
    if entry is None:
        return _not_in_calendar(calendar, version, today, running, server_until, warn_days)
    days_left = (entry.support_ends - today).days
    server_claim = entry.claim_of(SERVER_SOURCE)
    return SupportStatus(
        product=product,
        today=today,
        state=_state_for(days_left, warn_days),
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
    product = calendar.product
    newest, oldest = calendar.newest, calendar.oldest
    base = {
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
        if server_until is not None and server_until < bound.support_ends:
            # the server's own (unverified) expiry can only make the answer stricter
            days_left = (server_until - today).days
            return SupportStatus(
                state=_state_for(days_left, warn_days),
                support_ends=server_until,
                days_left=days_left,
                source=SERVER_SOURCE,
                source_detail=f"server ({SERVER_LABEL})",
                basis=STATED,
                **base,
            )
        days_left = (bound.support_ends - today).days
        if days_left >= 0:
            return SupportStatus(
                state=_state_for(days_left, warn_days),
                support_ends=bound.support_ends,
                days_left=days_left,
                source=f"lower bound from {bound.version}",
                source_detail=(
                    f"lower bound: the end of {bound.version}, "
                    "the newest standard release in the calendar"
                ),
                lower_bound=True,
                basis=RULE,
                **base,
            )
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


# --------------------------------------------------------------------------- rendering


@dataclass(frozen=True, slots=True)
class NagiosResult:
    """A Nagios plugin answer: ``level`` (OK/WARNING/CRITICAL/UNKNOWN), ``code``, ``line``."""

    level: str
    code: int
    line: str


NAGIOS_CODES: Mapping[str, int] = {"OK": 0, "WARNING": 1, "CRITICAL": 2, "UNKNOWN": 3}


def nagios_level(
    status: SupportStatus, warn_days: int = DEFAULT_WARN_DAYS, crit_days: int | None = None
) -> str:
    """OK / WARNING / CRITICAL / UNKNOWN for a status and thresholds."""
    if status.state == UNKNOWN:
        return "UNKNOWN"
    if status.state == OUT_OF_SUPPORT:
        return "CRITICAL"
    days = status.days_left if status.days_left is not None else 0
    if crit_days is not None and days <= crit_days:
        return "CRITICAL"
    if days <= warn_days:
        return "WARNING"
    return "OK"


def nagios_result(
    status: SupportStatus,
    *,
    warn_days: int = DEFAULT_WARN_DAYS,
    crit_days: int | None = None,
    extras: Iterable[str] = (),
) -> NagiosResult:
    """The one-line Nagios answer with perfdata, and its exit code.

    ``OK - Rocket.Chat 8.6 supported until 2027-01-31 (66 days left) | days_left=66;30;0``.
    The source is named when it is not the built-in calendar, and the server's own expiry
    when known; ``extras`` are appended before the perfdata (``"; "``-separated).
    Perfdata is ``days_left=N;WARN;CRIT`` (CRIT 0 when ``crit_days`` is off: past the end
    is critical); it is left out when no end date is known.
    """
    level = nagios_level(status, warn_days, crit_days)
    product = status.product
    name = f"{product} {status.release or status.running or ''}".rstrip()
    parts: list[str] = []
    if status.state == UNKNOWN or status.support_ends is None:
        # reasons about a known version read as "<product> <version> <reason>"
        parts.append(f"{name} {status.reason}" if status.release else status.reason)
    elif status.lower_bound:
        days = status.days_left if status.days_left is not None else 0
        left = "" if level == "OK" else f" ({days_text(days)})"
        parts.append(
            f"{name} is newer than the calendar (newest {status.newest}); it is supported "
            f"at least until {status.support_ends.isoformat()}{left} - update the calendar "
            "for its exact date"
        )
    else:
        ends = status.support_ends.isoformat()
        days = status.days_left if status.days_left is not None else 0
        if days < 0:
            ago = -days
            parts.append(
                f"{name} out of support since {ends} ({ago} day{'' if ago == 1 else 's'} ago)"
            )
        elif status.state == SUPPORTED and level == "OK":
            parts.append(f"{name} supported until {ends} ({days_text(days)})")
        else:
            parts.append(f"{name} support ends {ends} ({days_text(days)})")
        if status.source and status.source != BUILTIN_SOURCE:
            parts.append(f"end date from {status.source_detail or status.source}")
    if status.prerelease and status.running:
        parts.append(f"{status.running} is a pre-release, read as {status.release}")
    if status.server_until is not None:
        parts.append(f"server says until {status.server_until.isoformat()} ({SERVER_LABEL})")
    parts.extend(e for e in extras if e)
    # "|" starts the perfdata in the plugin convention: keep it out of the text
    line = f"{level} - " + "; ".join(parts).replace("|", "/")
    if status.days_left is not None:
        crit = crit_days if crit_days is not None else 0
        line += f" | days_left={status.days_left};{warn_days};{crit}"
    return NagiosResult(level=level, code=NAGIOS_CODES[level], line=line)


# --------------------------------------------------------------------------- releases table


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
    if running is not None and _is_version(running):
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
                state=_state_for(days_left, warn_days),
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
