"""How old the release calendar is, and when to suggest carrying in a fresh one.

The built-in calendar is as of :data:`~notices_repo.support.calendar.BUILTIN_AS_OF`.
Rocket.Chat releases about monthly, so once the newest release any calendar knows is
more than :data:`STALE_DAYS` old, newer releases almost surely exist that only a fresh
``releases.toml`` (made with ``notice-tui releases --export`` on a connected machine and
brought in with ``notice-tui import``) can tell about. Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from notices_repo.support.releases import Calendar

__all__ = ["FRESH_ADVICE", "STALE_DAYS", "CalendarAge", "calendar_age"]

STALE_DAYS = 60
FRESH_ADVICE = (
    "carry in a fresh calendar (on a connected machine run notice-tui releases --export "
    "releases.toml, commit the file at the root of the notices repository and bring it in "
    "with notice-tui import; or use --calendar FILE)"
)


@dataclass(frozen=True, slots=True)
class CalendarAge:
    """The built-in calendar's date and the newest release of every calendar merged.

    ``newest_source`` names the calendar that knows the newest release; ``days`` is how
    long ago that release came out; ``stale`` when more than ``STALE_DAYS``.
    """

    built_in: dt.date
    today: dt.date
    newest: str | None = None
    newest_released: dt.date | None = None
    newest_source: str | None = None

    @property
    def days(self) -> int | None:
        """Days since the newest release any calendar knows (None: no release at all)."""
        if self.newest_released is None:
            return None
        return (self.today - self.newest_released).days

    @property
    def stale(self) -> bool:
        """True when the newest release is more than ``STALE_DAYS`` old (or none is known)."""
        days = self.days
        return days is None or days > STALE_DAYS

    def short(self) -> str:
        """``calendar of 2026-12-06`` (and ``, newest 9.2 from <file>`` when another's)."""
        words = f"calendar of {self.built_in.isoformat()}"
        if self.newest and self.newest_source and self.newest_source != "built-in":
            words += f", newest {self.newest} from {self.newest_source}"
        if self.stale:
            words += ": out of date"
        return words

    def describe(self) -> str:
        """One line: the calendar's date, its newest release and how old that is."""
        line = f"built-in calendar of {self.built_in.isoformat()}"
        if self.newest is None or self.newest_released is None:
            return line + "; no release known"
        age = self.days or 0
        ago = f"{age} day{'' if age == 1 else 's'} ago" if age >= 0 else "in the future"
        line += (
            f"; newest release {self.newest}, released {self.newest_released.isoformat()} ({ago})"
        )
        if self.newest_source and self.newest_source != "built-in":
            line += f", from {self.newest_source}"
        return line

    def advice(self) -> str | None:
        """What to do when the calendar is out of date (None when it is fresh)."""
        if not self.stale:
            return None
        days = self.days
        if days is None:
            return f"the release calendar is empty; {FRESH_ADVICE}"
        return f"the newest release in the calendar is {days} days old; {FRESH_ADVICE}"


def calendar_age(calendars: Sequence[Calendar], today: dt.date, built_in: dt.date) -> CalendarAge:
    """The age of ``calendars`` (every source, merged or not) on ``today``."""
    best: tuple[dt.date, tuple[int, int], str, str] | None = None
    for calendar in calendars:
        for release in calendar.releases:
            candidate = (release.released, release.key, release.version, calendar.source)
            if best is None or candidate[:2] > best[:2]:
                best = candidate
    if best is None:
        return CalendarAge(built_in=built_in, today=today)
    return CalendarAge(
        built_in=built_in,
        today=today,
        newest=best[2],
        newest_released=best[0],
        newest_source=best[3],
    )
