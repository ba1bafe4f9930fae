"""``notice-tui reviews``: the review record (who marked which version reviewed, when)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from notices_repo.catalog.reviews import Review, ReviewRecord
from notices_repo.text.inert import inert_line
from tui.cli.context import Context, UsageError

NAME = "reviews"
HELP = "list who marked which notice version as reviewed, and when (for audits)"
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
UNKNOWN (bad input, an unreadable review record or repository). A version edited since
its review (a silent edit) counts as not reviewed. Upcoming versions are listed, never
critical. --verbose adds one line per notice."""
EXAMPLES = [
    ("notice-tui reviews", "every mark, oldest first"),
    ("notice-tui reviews --latest", "only the newest review of each notice"),
    ("notice-tui reviews --json", "the record as JSON, for audits"),
    (
        "notice-tui reviews --check --max-age 30 --verbose",
        "Nagios check: every version in force reviewed within 30 days? One line per "
        "notice; exit 2 on the sample (nothing reviewed there yet)",
    ),
]

#: Exit code for bad input with --check (Nagios UNKNOWN), else 2.
CHECK_USAGE_EXIT = 3


def usage_exit(argv: Sequence[str]) -> int:
    """The exit code for bad input: 3 (UNKNOWN) for ``--check``, else 2."""
    return CHECK_USAGE_EXIT if "--check" in argv else 2


def _max_age(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of days") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r}: --max-age must be at least 1 day")
    return number


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``reviews [--latest]``."""
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
        type=_max_age,
        default=None,
        help="with --check: CRITICAL once a version in force waited DAYS days (default 14)",
    )
    check.add_argument("--verbose", action="store_true", help="with --check: one line per notice")


def _latest(reviews: list[Review]) -> list[Review]:
    newest: dict[tuple[str, str], Review] = {}
    for review in reviews:
        newest.pop((review.repository, review.notice), None)
        newest[(review.repository, review.notice)] = review
    return list(newest.values())


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Print the record (or, with ``--check``, the Nagios answer and its exit code)."""
    if args.check:
        ctx.usage_exit = CHECK_USAGE_EXIT
        return _check(args, ctx)
    if args.notice or args.max_age is not None or args.verbose:
        raise UsageError("--notice, --max-age and --verbose go with --check")
    record = ReviewRecord.load()
    reviews = _latest(record.reviews) if args.latest else record.reviews
    if ctx.json:
        ctx.print_json({"file": str(record.path), "reviews": [r.to_json() for r in reviews]})
        return 0
    if not reviews:
        ctx.print(f"no reviews recorded yet ({record.path}); press a in the app to mark one")
        return 0
    repository = None
    for review in reviews:
        if review.repository != repository:
            repository = review.repository
            ctx.print_raw(ctx.style(inert_line(repository), "1"))
        line = (
            f"  {review.when}  {review.who}  {review.path}  "
            f"effective {review.effective_date.isoformat()}  {review.commit[:10]}"
        )
        ctx.print(inert_line(line))
    return 0


def _check(args: argparse.Namespace, ctx: Context) -> int:
    """``reviews --check``: the Nagios line (and one line per notice with --verbose)."""
    from notices_repo.catalog.resolve import find_notice
    from notices_repo.catalog.reviews import repository_id
    from notices_repo.reports.review_check import DEFAULT_MAX_AGE, check_reviews

    record = ReviewRecord.load()
    catalog = ctx.load_catalog()
    repository = ctx.open_repository()
    chosen = None
    if args.notice:
        chosen = list({n.key: n for n in (find_notice(catalog, q) for q in args.notice)}.values())
    key = repository_id(repository.path, is_sample=repository.is_sample)
    marks = [r for r in record.reviews if r.repository == key]
    result = check_reviews(
        catalog,
        marks,
        ctx.today,
        max_age=args.max_age or DEFAULT_MAX_AGE,
        notices=chosen,
    )
    if ctx.json:
        ctx.print_json(result.to_json())
        return result.code
    ctx.print(inert_line(result.line()))
    if args.verbose:  # Nagios "long output": no "|", which would start perfdata
        for notice in result.notices:
            ctx.print(inert_line(notice.line()).replace("|", "/"))
    return result.code
