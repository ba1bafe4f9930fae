"""The Nagios plugin answer for a support status: one line with performance data, and
the exit code (``notice-tui status``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from notices_repo.support.evaluate import SupportStatus, days_text
from notices_repo.support.policy import (
    BUILTIN_SOURCE,
    DEFAULT_WARN_DAYS,
    OUT_OF_SUPPORT,
    SERVER_LABEL,
    SUPPORTED,
    UNKNOWN,
)

__all__ = ["NAGIOS_CODES", "NagiosResult", "nagios_level", "nagios_result"]


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
