"""Which Rocket.Chat release is running, and where that answer came from.

In order: ``--release``; ``NOTICE_TUI_RELEASE``; the config file's ``release``; the
server (``--server URL`` or the config's ``server``, see :mod:`notices_repo.support.server`);
``RC_VERSION`` (set by the official container image); the version of an installed
``rocketchat-server`` snap. The first one found wins. The server is asked only when no
earlier source answered, or when ``--server`` was given explicitly (its
``supportedVersions`` token is then still useful beside an explicit ``--release``).
"""

from __future__ import annotations

import datetime
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from notices_repo.support.calendar import (
    BUILTIN_AS_OF,
    CalendarError,
    HeadReader,
    builtin_calendar,
    load_calendars,
)
from notices_repo.support.calendar_age import CalendarAge, calendar_age
from notices_repo.support.evaluate import ReleaseRow, SupportStatus, evaluate, release_rows
from notices_repo.support.policy import DEFAULT_WARN_DAYS, UNKNOWN, minor_of
from notices_repo.support.releases import MergedCalendar, merge_calendars
from notices_repo.support.server import (
    DEFAULT_TIMEOUT,
    CredentialError,
    Credentials,
    ServerInfo,
    load_credentials,
    query_server,
)

__all__ = [
    "ADVICE",
    "RELEASE_ENV",
    "RUNNING_ENV",
    "SNAP_NAME",
    "RunningRelease",
    "SupportCheck",
    "check_support",
    "detect_running_release",
    "snap_version",
]

RELEASE_ENV = "NOTICE_TUI_RELEASE"
RUNNING_ENV = "RC_VERSION"
SNAP_NAME = "rocketchat-server"
DEFAULT_SNAP_ROOT = Path("/snap")

ADVICE = (
    "set it with --release VERSION, the NOTICE_TUI_RELEASE environment variable, "
    '"release" in the config file, or point --server (or "server" in the config) '
    "at the Rocket.Chat server"
)

# Origins, as reported to the user.
FROM_OPTION = "--release"
FROM_CONFIG = "config release"
FROM_SNAP = f"snap {SNAP_NAME}"


@dataclass(frozen=True, slots=True)
class RunningRelease:
    """The running release (``version`` as found, e.g. ``"7.10.3"``) and its ``origin``.

    ``version`` None means unknown: ``advice`` says how to set it. ``server`` is the
    server's answer when it was asked (also when it failed). ``notes`` are warnings that
    did not stop the search (server unreachable, token file refused...).
    """

    version: str | None
    origin: str = ""
    server: ServerInfo | None = None
    notes: tuple[str, ...] = field(default=())
    advice: str = ""

    @property
    def known(self) -> bool:
        """True when a version was found."""
        return self.version is not None


def snap_version(
    snap_root: Path | str = DEFAULT_SNAP_ROOT,
    *,
    snap_command: str | None = "snap",
    timeout: float = DEFAULT_TIMEOUT,
) -> str | None:
    """The version of the installed ``rocketchat-server`` snap, or None.

    Reads ``<snap_root>/rocketchat-server/current/meta/snap.yaml``; failing that, runs
    ``snap list rocketchat-server`` when ``snap_command`` is found on PATH (None: never).
    """
    meta = Path(snap_root) / SNAP_NAME / "current" / "meta" / "snap.yaml"
    try:
        text = meta.read_text("utf-8", "replace")
    except OSError:
        text = None
    if text is not None:
        for line in text.splitlines():
            match = re.match(r"^version:\s*(.+?)\s*$", line)
            if match:
                value = match[1]
                if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                    value = value[1:-1]
                return value.strip() or None
    if snap_command is None:
        return None
    executable = shutil.which(snap_command)
    if executable is None:
        return None
    try:
        done = subprocess.run(
            [executable, "list", SNAP_NAME],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C"},
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    for line in done.stdout.splitlines()[1:]:
        columns = line.split()
        if len(columns) >= 2 and columns[0] == SNAP_NAME:
            return columns[1]
    return None


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def detect_running_release(
    *,
    release: str | None = None,
    env: Mapping[str, str] | None = None,
    config_release: str | None = None,
    server_url: str | None = None,
    config_server: str | None = None,
    ca_file: str | None = None,
    token_file: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    snap_root: Path | str = DEFAULT_SNAP_ROOT,
    snap_command: str | None = "snap",
    query: Callable[..., ServerInfo] = query_server,
) -> RunningRelease:
    """Find the running release; see the module docstring for the order.

    ``server_url`` is ``--server`` (always asked), ``config_server`` the config's
    ``server`` (asked only when nothing earlier answered). ``snap_root`` and
    ``snap_command`` are injectable for tests. Never raises for a missing source.
    """
    env = os.environ if env is None else env
    notes: list[str] = []
    found: tuple[str, str] | None = None
    for origin, value in (
        (FROM_OPTION, release),
        (RELEASE_ENV, env.get(RELEASE_ENV)),
        (FROM_CONFIG, config_release),
    ):
        value = _clean(value)
        if value is not None:
            found = (value, origin)
            break

    server: ServerInfo | None = None
    url = _clean(server_url) or (None if found else _clean(config_server))
    if url is not None:
        credentials: Credentials | None = None
        try:
            credentials = load_credentials(env, token_file)
        except CredentialError as exc:
            notes.append(f"asking the server anonymously: {exc}")
        server = query(url, credentials=credentials, ca_file=ca_file, timeout=timeout)
        notes.extend(server.notes)
        if server.error:
            notes.append(f"server {url}: {server.error}")
        elif server.token_error:
            notes.append(f"server {url}: {server.token_error}")
        if found is None and server.ok and server.version:
            found = (server.version, f"server {url}")

    if found is None:
        value = _clean(env.get(RUNNING_ENV))
        if value is not None:
            found = (value, RUNNING_ENV)
    if found is None:
        value = _clean(snap_version(snap_root, snap_command=snap_command, timeout=timeout))
        if value is not None:
            found = (value, FROM_SNAP)

    if found is None:
        return RunningRelease(version=None, server=server, notes=tuple(notes), advice=ADVICE)
    return RunningRelease(version=found[0], origin=found[1], server=server, notes=tuple(notes))


# --------------------------------------------------------------------------- all together


@dataclass(frozen=True, slots=True)
class SupportCheck:
    """Everything a status line, a releases screen or ``notice-tui status`` needs.

    ``error`` is set when a calendar file is invalid: ``status`` is then "unknown" with
    that error as its reason (ignoring a stricter file would be quietly laxer).
    ``notes`` gathers what was skipped or doubtful, one line each. ``age`` is how old
    the calendars are (the built-in one's date, the newest release any of them knows).
    """

    calendar: MergedCalendar
    running: RunningRelease
    status: SupportStatus
    notes: tuple[str, ...] = ()
    error: str | None = None
    server_claims: Mapping[str, datetime.date] = field(default_factory=dict)
    age: CalendarAge | None = None

    def rows(self, warn_days: int = DEFAULT_WARN_DAYS) -> list[ReleaseRow]:
        """The merged calendar as table rows, newest first, the running release marked."""
        return release_rows(
            self.calendar, self.status.today, warn_days=warn_days, running=self.running.version
        )


def check_support(
    today: datetime.date,
    *,
    open_repository: Callable[[], HeadReader] | None = None,
    calendar_file: str | None = None,
    release: str | None = None,
    config_release: str | None = None,
    server_url: str | None = None,
    config_server: str | None = None,
    ca_file: str | None = None,
    token_file: str | None = None,
    env: Mapping[str, str] | None = None,
    warn_days: int = DEFAULT_WARN_DAYS,
    timeout: float = DEFAULT_TIMEOUT,
    snap_root: Path | str = DEFAULT_SNAP_ROOT,
    snap_command: str | None = "snap",
    query: Callable[..., ServerInfo] = query_server,
) -> SupportCheck:
    """Load the calendars, find the running release, merge, evaluate on ``today``.

    May take up to ``timeout`` seconds when a server is asked: run it off the UI thread.
    Never raises for bad input; an invalid calendar ends in ``error``.
    """
    notes: list[str] = []
    error: str | None = None
    try:
        sources = load_calendars(open_repository=open_repository, calendar_file=calendar_file)
        calendars = sources.calendars
        notes.extend(sources.notes)
    except CalendarError as exc:
        error = exc.message
        calendars = [builtin_calendar()]
    running = detect_running_release(
        release=release,
        env=env,
        config_release=config_release,
        server_url=server_url,
        config_server=config_server,
        ca_file=ca_file,
        token_file=token_file,
        timeout=timeout,
        snap_root=snap_root,
        snap_command=snap_command,
        query=query,
    )
    notes.extend(running.notes)
    server = running.server
    claims: dict[str, datetime.date] = {}
    if server is not None and server.ok and server.supported is not None:
        claims = server.supported.claims()
    calendar = merge_calendars(calendars, claims)
    notes.extend(calendar.warnings)
    used = [c for c in calendars if c.source in calendar.sources]
    age = calendar_age(used, today, BUILTIN_AS_OF)
    disagreement = _disagreement(running)
    if disagreement:
        notes.append(disagreement)
    if error is not None:
        status = SupportStatus(
            product=calendar.product,
            today=today,
            state=UNKNOWN,
            running=running.version,
            reason=error,
        )
        return SupportCheck(calendar, running, status, tuple(notes), error, claims, age)
    unknown_reason = f"the running {calendar.product} release is not known: {running.advice}"
    status = evaluate(
        calendar,
        running.version,
        today,
        warn_days=warn_days,
        server_claims=claims,
        unknown_reason=unknown_reason,
    )
    if status.state == UNKNOWN and status.release is None and running.version is not None:
        # the version itself could not be read: say where it came from
        status = replace(status, reason=f"{running.origin}: {status.reason}")
    return SupportCheck(calendar, running, status, tuple(notes), None, claims, age)


def _disagreement(running: RunningRelease) -> str | None:
    """A note when the server runs another release than the source that named it says."""
    server = running.server
    if (
        server is not None
        and server.version
        and running.version
        and not running.origin.startswith("server")
        and _minor(server.version) != _minor(running.version)
    ):
        return f"the server runs {server.version}, {running.origin} says {running.version}"
    return None


def _minor(version: str) -> str | None:
    try:
        return minor_of(version)
    except ValueError:
        return None
