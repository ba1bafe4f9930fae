"""The changes of a period: every notice whose text in force changed (the ``changes``
command and the app's changes screen).

:func:`parse_period` reads the two days as both front ends take them;
:func:`period_changes` makes the report of :mod:`notices_repo.reports.changes` with the
digest cache of the user's cache folder (opened for the report, closed after it), so
summaries of texts compared before are not compared again.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING

from notices_repo.catalog.resolve import parse_day
from notices_repo.model import Catalog, Notice
from notices_repo.reports.changes import ChangesReport, Period, Progress, changes_report
from notices_repo.reports.digest_cache import DigestCache

if TYPE_CHECKING:
    from notices_repo.catalog.repository import NoticeRepository


def parse_period(since: str, until: str | None, today: dt.date) -> Period:
    """The period from ``since`` to ``until`` (``YYYY-MM-DD``; ``until`` None: ``today``).

    Raises ValueError, one line naming the day or the option and the fix, for a bad day,
    an ``until`` before ``since`` or (``until`` None) a ``since`` after ``today``.
    """
    first = parse_day(since)
    last = parse_day(until) if until is not None else None
    return Period.typed(first, last, today)


def period_changes(
    catalog: Catalog,
    repository: NoticeRepository,
    period: Period,
    today: dt.date,
    *,
    notices: Iterable[Notice] | None = None,
    full: bool = False,
    progress: Progress | None = None,
    cancelled: threading.Event | None = None,
) -> ChangesReport:
    """The report of ``period`` (of ``notices`` only, when given), digests from the
    cache folder when known (every comparison made again with ``full``).

    ``progress`` hears ``(done, total)`` comparisons; ``cancelled`` stops them
    (:class:`~notices_repo.errors.Cancelled`).
    """
    cache = DigestCache()
    try:
        return changes_report(
            catalog,
            repository,
            period,
            today,
            notices=notices,
            full=full,
            cache=cache,
            progress=progress,
            cancelled=cancelled,
        )
    finally:
        cache.close()


__all__ = ["parse_period", "period_changes"]
