"""Check support: the running release and its support verdict (``status``, ``releases``, the
app's status line and releases screen).

Calendars come from the built-in one, the chosen repository's ``releases.toml`` and a
``--calendar`` file; the running release from the options, the environment, the config,
a server. The built-in sample carries no calendar, so it is never opened here; a chosen
repository that cannot be opened is skipped with a note.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from notices_repo.support.calendar import HeadReader
from notices_repo.support.evaluate import ReleaseRow, SupportStatus
from notices_repo.support.nagios import NagiosResult, nagios_result
from notices_repo.support.policy import DEFAULT_WARN_DAYS, UNKNOWN
from notices_repo.support.running import SupportCheck, check_support
from notices_repo.support.server import DEFAULT_TIMEOUT

if TYPE_CHECKING:
    from notices_repo.catalog.repository import NoticeRepository


@dataclass(frozen=True, slots=True)
class SupportRequest:
    """Where to look for the running release and the calendars (options first, then the
    config file's values)."""

    release: str | None = None
    """``--release`` (or the app's option)."""
    config_release: str | None = None
    """``release`` in the config file."""
    server: str | None = None
    """``--server URL``."""
    config_server: str | None = None
    """``server`` in the config file."""
    calendar: str | None = None
    """``--calendar FILE``."""
    ca_file: str | None = None
    """CA certificates for an https server with a private CA."""
    token_file: str | None = None
    """The config's ``token_file`` (credentials for the full version)."""
    warn_days: int = DEFAULT_WARN_DAYS
    """Ending soon at this many days left or fewer."""
    timeout: float = DEFAULT_TIMEOUT
    """Seconds to wait for the server."""

    @classmethod
    def from_options(
        cls,
        *,
        release: str | None = None,
        server: str | None = None,
        calendar: str | None = None,
        ca_file: str | None = None,
        config_release: str | None = None,
        config_server: str | None = None,
        config_ca_file: str | None = None,
        token_file: str | None = None,
        warn_days: int = DEFAULT_WARN_DAYS,
        timeout: float | None = None,
    ) -> SupportRequest:
        """The request from the options and the config file's values: an option wins
        over the config (``--ca-file`` over ``ca_file``; ``--release`` and ``--server``
        over the config's, in :func:`support_checks`); ``timeout`` None: the default."""
        return cls(
            release=release,
            config_release=config_release,
            server=server,
            config_server=config_server,
            calendar=calendar,
            ca_file=ca_file or config_ca_file,
            token_file=token_file,
            warn_days=warn_days,
            timeout=DEFAULT_TIMEOUT if timeout is None else timeout,
        )

    @property
    def asks_server(self) -> bool:
        """A server will be asked (a release given outright skips the config's server)."""
        return bool(
            self.server or (self.config_server and not (self.release or self.config_release))
        )


class _Opener:
    """Opens the chosen repository on first use (the calendar reader may not need it)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.opened: list[NoticeRepository] = []

    def __call__(self) -> NoticeRepository:
        from notices_repo.catalog.repository import NoticeRepository

        if not self.opened:
            self.opened.append(NoticeRepository(self.path))
        return self.opened[0]

    def close(self) -> None:
        for repository in self.opened:
            repository.close()


def support_checks(
    today: dt.date,
    request: SupportRequest,
    *,
    repository: Path | None = None,
    preview: bool = False,
) -> Iterator[tuple[SupportCheck, bool]]:
    """Check support on ``today``: yields ``(check, pending)`` pairs.

    ``repository``: the chosen repository's folder (None: the built-in sample, which has
    no calendar). With ``preview`` and a server to ask, a first check without the server
    comes at once (``pending`` true: the calendar while the server is asked), then the
    full one. May take up to ``request.timeout`` seconds: run it off the UI thread.
    Never raises for bad input (an invalid calendar ends in ``check.error``).
    """
    opener = _Opener(repository) if repository is not None else None
    try:
        for with_server in (False, True) if preview and request.asks_server else (True,):
            check = check_support(
                today,
                open_repository=opener,
                calendar_file=request.calendar,
                release=request.release,
                config_release=request.config_release,
                server_url=request.server if with_server else None,
                config_server=request.config_server if with_server else None,
                ca_file=request.ca_file,
                token_file=request.token_file,
                warn_days=request.warn_days,
                timeout=request.timeout,
            )
            yield check, not with_server
    finally:
        if opener is not None:
            opener.close()


def running_support(
    today: dt.date, request: SupportRequest, *, repository: Path | None = None
) -> SupportCheck:
    """The running release and its support state on ``today`` (one check, the server
    asked when there is one): what ``status`` and ``releases`` report."""
    checks = support_checks(today, request, repository=repository)
    try:
        return next(checks)[0]
    finally:
        checks.close()  # closes the repository it opened


def builtin_rows(today: dt.date) -> list[ReleaseRow]:
    """The release rows of the built-in calendar alone on ``today`` (what the releases
    screen shows in the first instant, before the repository's calendar is read)."""
    from notices_repo.support.calendar import builtin_calendar
    from notices_repo.support.evaluate import release_rows
    from notices_repo.support.releases import merge_calendars

    return release_rows(merge_calendars([builtin_calendar()]), today)


def offline_status(
    today: dt.date,
    open_repository: Callable[[], HeadReader],
    *,
    config_release: str | None = None,
) -> SupportStatus:
    """The support status with the calendar of the repository ``open_repository`` opens
    (``import`` compares it before and after): offline, so no server and no snap asked."""
    return check_support(
        today,
        open_repository=open_repository,
        config_release=config_release,
        snap_command=None,
    ).status


@dataclass(frozen=True, slots=True)
class Verdict:
    """The monitoring answer of a support check: its Nagios line and the notes after it."""

    result: NagiosResult
    """The one line, its level and exit code."""
    notes: list[str]
    """Nagios "long output": what was skipped or doubtful, one line each."""


def verdict(check: SupportCheck, *, warn_days: int, crit_days: int | None) -> Verdict:
    """The Nagios verdict of ``check`` (``status``): when nothing is known because the
    server failed, why goes on the one line monitoring shows (and leaves the notes)."""
    status = check.status
    server = check.running.server
    extras: list[str] = []
    notes = list(check.notes)
    if status.state == UNKNOWN and server is not None and server.error:
        extras.append(f"server {server.url}: {server.error}")
        notes = [n for n in notes if not n.endswith(server.error)]
    result = nagios_result(status, warn_days=warn_days, crit_days=crit_days, extras=extras)
    return Verdict(result, notes)


def calendar_as_toml(check: SupportCheck, today: dt.date) -> str:
    """The merged calendar of ``check`` in the ``releases.toml`` format (``releases
    --export``): what a notices repository's ``releases.toml`` and ``--calendar`` read."""
    from dataclasses import replace

    from notices_repo.support.calendar_export import calendar_toml
    from notices_repo.support.policy import ROCKETCHAT_POLICY

    policy = ROCKETCHAT_POLICY
    if check.calendar.product != policy.product:
        policy = replace(policy, product=check.calendar.product)
    return calendar_toml(check.calendar, policy, today)


__all__ = [
    "SupportRequest",
    "Verdict",
    "builtin_rows",
    "calendar_as_toml",
    "offline_status",
    "running_support",
    "support_checks",
    "verdict",
]
