"""``notice-tui reviews``: the review record (who marked which version reviewed, when)."""

from __future__ import annotations

import argparse

from notices_repo.catalog.reviews import Review, ReviewRecord
from notices_repo.text.inert import inert_line
from tui.cli.context import Context

NAME = "reviews"
HELP = "list who marked which notice version as reviewed, and when (for audits)"
DESCRIPTION = """\
List the review record: every time someone pressed `a` in the app to mark a version
of a notice as reviewed, with the login name, the time, the notice, its effective date
and the commit. The record lives in the user's state folder (see notice-tui config),
never in the notices repository. Oldest first; --latest keeps only the current review
of each notice."""
EXAMPLES = [
    ("notice-tui reviews", "every mark, oldest first"),
    ("notice-tui reviews --latest", "only the newest review of each notice"),
    ("notice-tui reviews --json", "the record as JSON, for audits"),
]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``reviews [--latest]``."""
    parser.add_argument(
        "--latest",
        action="store_true",
        help="only the newest review of each notice in each repository",
    )


def _latest(reviews: list[Review]) -> list[Review]:
    newest: dict[tuple[str, str], Review] = {}
    for review in reviews:
        newest.pop((review.repository, review.notice), None)
        newest[(review.repository, review.notice)] = review
    return list(newest.values())


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Print the record."""
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
