"""``notice-tui reviews``: its name, texts and arguments (argparse only).

Its code, :mod:`tui.cli.commands.reviews`, is imported only when the command runs.
"""

from __future__ import annotations

import argparse

from tui.cli.specs import CommandSpec, Example

DESCRIPTION = """\
List the review record: every time someone pressed `a` in the app to mark a version
of a notice as reviewed, with the login name, the time, the notice, its effective date
and the commit. The record lives in the user's state folder (see notice-tui config),
never in the notices repository. Oldest first; --latest keeps only the current review
of each notice.

--check answers, in the Nagios plugin convention (as status does), whether every
notice's version in force has been reviewed:

  WARNING - 2 of 5 notices not reviewed, oldest terms.md for 9 days (critical at 14)
  | unreviewed=2 oldest_days=9 upcoming=0

Exit status 0 OK (every version in force reviewed), 1 WARNING (some not reviewed, all
for fewer than --max-age days since they took effect, or since they reached the
repository when that was later), 2 CRITICAL (one waited --max-age days or more), 3
UNKNOWN (bad input, an unreadable review record or repository: "REVIEWS UNKNOWN - "
and the problem). A version edited since its review (a silent edit) counts as not
reviewed, waiting since the first edit after the reviewed text. With --today in the
past, commits after that day are left out. Upcoming versions are listed, never
critical. --verbose adds one line per notice."""
EXAMPLES: tuple[Example, ...] = (
    ("notice-tui reviews", "every mark, oldest first"),
    ("notice-tui reviews --latest", "only the newest review of each notice"),
    ("notice-tui reviews --json", "the record as JSON, for audits"),
    (
        "notice-tui reviews --check --max-age 30 --verbose",
        "Nagios check: every version in force reviewed within 30 days? One line per "
        "notice; exit 2 on the sample (nothing reviewed there yet)",
    ),
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``reviews [--latest] [--check [--notice N...] [--max-age DAYS] [--verbose]]``."""
    parser.add_argument(
        "--latest",
        action="store_true",
        help="only the newest review of each notice in each repository",
    )
    check = parser.add_argument_group("monitoring (--check)")
    check.add_argument(
        "--check",
        action="store_true",
        help="Nagios check: has every notice's version in force been reviewed?",
    )
    check.add_argument(
        "--notice",
        metavar="NOTICE",
        nargs="+",
        action="extend",
        default=[],
        help="with --check: only these notices (path, or part of a path or title)",
    )
    check.add_argument(
        "--max-age",
        metavar="DAYS",
        default=None,
        help="with --check: CRITICAL once a version in force waited DAYS days (default 14)",
    )
    check.add_argument("--verbose", action="store_true", help="with --check: one line per notice")


SPEC = CommandSpec(
    name="reviews",
    help="list who marked which notice version as reviewed, and when (for audits)",
    description=DESCRIPTION,
    examples=EXAMPLES,
    add_arguments=add_arguments,
    module="tui.cli.commands.reviews",
    usage_exit_with=("--check", 3),
)
