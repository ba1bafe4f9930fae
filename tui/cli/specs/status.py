"""``notice-tui status``: its name, texts and arguments (argparse only).

Its code, :mod:`tui.cli.commands.status`, is imported only when the command runs.
"""

from __future__ import annotations

import argparse

from tui.cli.specs import CommandSpec, Example

#: The defaults of ``--warn-days`` and ``--timeout``: ``DEFAULT_WARN_DAYS`` of
#: notices_repo.support.policy and ``DEFAULT_TIMEOUT`` of notices_repo.support.server, written
#: here so that building the parser imports neither (tests/cli/test_command_specs.py checks
#: they agree).
DEFAULT_WARN_DAYS = 30
DEFAULT_TIMEOUT = 3.0

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
EXAMPLES: tuple[Example, ...] = (
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
)


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


SPEC = CommandSpec(
    name="status",
    help="is the running Rocket.Chat release still supported? (Nagios plugin)",
    description=DESCRIPTION,
    examples=EXAMPLES,
    add_arguments=add_arguments,
    module="tui.cli.commands.status",
    usage_exit=3,
)
