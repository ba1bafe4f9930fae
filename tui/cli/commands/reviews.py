"""``notice-tui reviews``: the review record (who marked which version reviewed, when)."""

from __future__ import annotations

import argparse

from notices_repo.catalog.reviews import Review, ReviewRecord
from notices_repo.text.inert import inert_line
from tui.cli.context import Context


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
