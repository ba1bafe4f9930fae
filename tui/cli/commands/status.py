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


def gather(args: argparse.Namespace, ctx: Context) -> SupportCheck:
    """Run the whole check for ``status`` and ``releases`` from options and config.

    The built-in sample repository carries no calendar, so it is not opened; a chosen
    repository that cannot be opened is skipped with a note.
    """
    config = ctx.config
    request = SupportRequest.from_options(
        release=getattr(args, "release", None),
        server=getattr(args, "server", None),
        calendar=getattr(args, "calendar", None),
        ca_file=getattr(args, "ca_file", None),
        config_release=getattr(config, "release", None),
        config_server=getattr(config, "server", None),
        config_ca_file=getattr(config, "ca_file", None),
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
