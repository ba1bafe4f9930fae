"""``notice-tui status``: is the running Rocket.Chat release still supported?

One line for a monitoring system (Nagios plugin convention, with performance data),
exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (also for usage errors and any trouble).
Further lines, when any, are Nagios "long output": what was skipped or doubtful.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from notices_repo.support.policy import DEFAULT_WARN_DAYS, SERVER_LABEL
from notices_repo.support.running import SupportCheck
from notices_repo.support.server import DEFAULT_TIMEOUT
from notices_repo.usecases.support import SupportRequest, running_support, verdict
from tui.cli.context import Context

NAME = "status"
USAGE_EXIT = 3
HELP = "is the running Rocket.Chat release still supported? (Nagios plugin)"
DESCRIPTION = """\
Say whether the running Rocket.Chat release is still supported, in one line a
monitoring system reads (Nagios plugin convention, with performance data):

  OK - Rocket.Chat 8.6 supported until 2027-01-31 (66 days left) | days_left=66;30;0

Exit status 0 OK, 1 WARNING (at most --warn-days left; the last supported day is 0 days
left), 2 CRITICAL (past the end of support, or at most --crit-days left), 3 UNKNOWN
(release not known, invalid calendar, server answer unusable, usage error).

A release newer than the calendar (the newest row's major or the next one) came out
after the newest row, so it is supported at least until the newest standard release's
end: the line says "supported at least until" that day, and UNKNOWN once it has passed.
A pre-release (8.1.0-rc.1) is read as its release (8.1) and the line says so.
--verbose adds how old the calendar is, and how to carry in a fresh one when its newest
release is more than 60 days old.

The running release comes from, in order: --release; $NOTICE_TUI_RELEASE; `release` in
the config file; the server (--server URL or `server` in the config: GET URL/api/info,
proxies ignored, full version with $NOTICE_TUI_TOKEN and $NOTICE_TUI_USER_ID or the
config's `token_file`); $RC_VERSION; an installed rocketchat-server snap.

End of support comes from the built-in calendar, the notices repository's releases.toml
and --calendar FILE: the earliest end wins, and the line names its source when it is
not the built-in calendar. When the server's answer carries a supportedVersions token,
its own expiry is shown (server-provided, unverified) and can only make the answer
stricter. The server is the only network peer ever contacted."""
EXAMPLES: list[tuple[str, str]] = [
    (
        "notice-tui status --release 8.6 --today 2026-11-26",
        "OK - Rocket.Chat 8.6 supported until 2027-01-31 (66 days left); exit 0",
    ),
    (
        "notice-tui status --release 8.3.1 --today 2026-11-26",
        "CRITICAL - Rocket.Chat 8.3 out of support since 2026-10-31 (26 days ago); exit 2",
    ),
    (
        "notice-tui status --release 7.10.3 --today 2026-08-15 --warn-days 60 --crit-days 7",
        "WARNING with your own thresholds (46 days left of 7.10 LTS); exit 1",
    ),
    (
        "notice-tui status --release 9.1 --today 2026-12-06",
        "OK - ... supported at least until 2027-05-31 (newer than the calendar); exit 0",
    ),
    (
        "notice-tui status --release 9.0 --today 2027-03-01 --verbose",
        "the same line, then the calendar's age and how to carry in a fresh one",
    ),
    (
        "notice-tui status --release 8.6 --today 2026-11-26 --json",
        "the same as JSON: release, support_ends, days_left, state, source, server",
    ),
]


def _days(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of days") from None
    if number < 0:
        raise argparse.ArgumentTypeError(f"{value!r}: days must not be negative")
    return number


def _seconds(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds") from None
    if not 0 < number <= 60:
        raise argparse.ArgumentTypeError(f"{value!r}: the timeout must be above 0 and at most 60")
    return number


def add_source_arguments(parser: argparse.ArgumentParser, *, server: bool = True) -> None:
    """Options choosing the running release and the calendars (shared with ``releases``).

    ``--release``, ``--server``, ``--ca-file`` and ``--calendar`` also exist before the command name
    (for the app), so they default to SUPPRESS here: either place works.
    """
    parser.add_argument(
        "--release",
        metavar="VERSION",
        default=argparse.SUPPRESS,
        help="the running release, e.g. 8.6 or 7.10.3 (default: found, see above)",
    )
    if server:
        parser.add_argument(
            "--server",
            metavar="URL",
            default=argparse.SUPPRESS,
            help="ask this Rocket.Chat server (GET URL/api/info) which release it runs",
        )
        parser.add_argument(
            "--ca-file",
            metavar="FILE",
            default=argparse.SUPPRESS,
            help="CA certificate(s) for an https server with a private CA",
        )
        parser.add_argument(
            "--timeout",
            metavar="SECONDS",
            type=_seconds,
            default=DEFAULT_TIMEOUT,
            help=f"how long to wait for the server (default {DEFAULT_TIMEOUT:g})",
        )
    parser.add_argument(
        "--calendar",
        metavar="FILE",
        default=argparse.SUPPRESS,
        help="another release calendar (TOML, the releases.toml schema)",
    )
    parser.add_argument(
        "--warn-days",
        metavar="N",
        type=_days,
        default=DEFAULT_WARN_DAYS,
        help=f"ending soon (WARNING) at N days left or fewer (default {DEFAULT_WARN_DAYS})",
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``status [--release V] [--server URL] [--ca-file FILE] [--calendar FILE] ...``."""
    add_source_arguments(parser)
    parser.add_argument(
        "--crit-days",
        metavar="N",
        type=_days,
        default=None,
        help="CRITICAL at N days left or fewer (default: only once support has ended)",
    )
    parser.add_argument(
        "--verbose",
        action="store_true",
        help="also say how old the release calendar is (and how to refresh it)",
    )


def gather(args: argparse.Namespace, ctx: Context) -> SupportCheck:
    """Run the whole check for ``status`` and ``releases`` from options and config.

    The built-in sample repository carries no calendar, so it is not opened; a chosen
    repository that cannot be opened is skipped with a note.
    """
    config = ctx.config
    request = SupportRequest(
        release=getattr(args, "release", None),
        config_release=getattr(config, "release", None),
        server=getattr(args, "server", None),
        config_server=getattr(config, "server", None),
        calendar=getattr(args, "calendar", None),
        ca_file=getattr(args, "ca_file", None) or getattr(config, "ca_file", None),
        token_file=getattr(config, "token_file", None),
        warn_days=getattr(args, "warn_days", DEFAULT_WARN_DAYS),
        timeout=getattr(args, "timeout", DEFAULT_TIMEOUT),
    )
    return running_support(ctx.today, request, repository=ctx.repository_choice().path)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def server_json(check: SupportCheck) -> dict[str, Any] | None:
    """The ``server`` object of the JSON answers, or None when no server was asked."""
    server = check.running.server
    if server is None:
        return None
    supported_until = server.last_day_for(check.status.release or server.version)
    return {
        "url": server.url,
        "version": server.version,
        "supported_until": _iso(supported_until),
        "supported_until_label": SERVER_LABEL if supported_until else None,
        "error": server.error or server.token_error,
    }


def calendar_json(check: SupportCheck) -> dict[str, Any] | None:
    """The ``calendar`` object of the JSON answers: its date, newest release, age."""
    age = check.age
    if age is None:
        return None
    return {
        "built_in": age.built_in.isoformat(),
        "newest": age.newest,
        "newest_released": _iso(age.newest_released),
        "newest_from": age.newest_source,
        "age_days": age.days,
        "stale": age.stale,
        "advice": age.advice(),
    }


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Print the Nagios line (or JSON) and return its exit code."""
    warn_days: int = args.warn_days
    crit_days: int | None = args.crit_days
    check = gather(args, ctx)
    status = check.status
    answer = verdict(check, warn_days=warn_days, crit_days=crit_days)
    result, notes = answer.result, answer.notes
    if ctx.json:
        ctx.print_json(
            {
                "product": status.product,
                "release": status.release,
                "released": _iso(status.released),
                "support_ends": _iso(status.support_ends),
                "days_left": status.days_left,
                "state": status.state,
                "source": status.source,
                "server": server_json(check),
                "running": {
                    "version": check.running.version,
                    "from": check.running.origin or None,
                },
                "lts": status.lts,
                "basis": status.basis,
                "lower_bound": status.lower_bound,
                "prerelease": status.prerelease,
                "calendar": calendar_json(check),
                "reason": status.reason or None,
                "nagios": result.level,
                "exit_code": result.code,
                "line": result.line,
                "notes": notes,
            }
        )
    else:
        ctx.print(result.line)
        if getattr(args, "verbose", False) and check.age is not None:
            notes.append(f"calendar: {check.age.describe()}")
            advice = check.age.advice()
            if advice:
                notes.append(advice)
        for note in notes:  # Nagios "long output": no "|", which would start perfdata
            ctx.print(note.replace("|", "/"))
    return result.code
