"""Support window: versions, the policy and the vocabulary of the support rooms.

Pure functions and dataclasses, no I/O. The support room by job: this module (versions,
the policy's arithmetic, the words every other module shares); the calendar model and
merging in :mod:`notices_repo.support.releases`; evaluating a running release in
:mod:`notices_repo.support.evaluate`; the Nagios line in :mod:`notices_repo.support.nagios`;
loading calendars in :mod:`notices_repo.support.calendar`; the server in
:mod:`notices_repo.support.server`; finding the running release in
:mod:`notices_repo.support.running`.

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
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = [
    "BASES",
    "BUILTIN_SOURCE",
    "DEFAULT_WARN_DAYS",
    "ENDING_SOON",
    "END_OF_MONTH",
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
    "Policy",
    "Version",
    "add_months",
    "end_of_month",
    "is_version",
    "minor_of",
    "parse_version",
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


def is_version(text: str) -> bool:
    """Whether ``text`` is a release version :func:`parse_version` reads."""
    try:
        parse_version(text)
    except ValueError:
        return False
    return True


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
