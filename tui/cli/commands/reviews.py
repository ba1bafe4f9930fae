"""``notice-tui reviews``: the review record (who marked which version reviewed, when)."""

from __future__ import annotations

import argparse

from notices_repo.catalog.reviews import Review, ReviewRecord
from notices_repo.errors import NoticeError
from notices_repo.text.inert import inert_line
from tui.cli.context import Context, UsageError

#: Exit code for bad input with --check (Nagios UNKNOWN), else 2.
CHECK_USAGE_EXIT = 3


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
        try:
            return _check(args, ctx)
        except (UsageError, NoticeError) as exc:
            # Nagios reads stdout: the answer is UNKNOWN, and why (stderr says it too)
            problem = exc.message if isinstance(exc, NoticeError) else str(exc)
            ctx.print(inert_line(f"REVIEWS UNKNOWN - {problem}").replace("|", "/"))
            raise
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


def max_age_days(value: str) -> int:
    """``--max-age``: a whole number of days, at least 1 (read here, not by argparse, so
    that bad input still prints the Nagios UNKNOWN line)."""
    try:
        number = int(value)
    except ValueError:
        raise UsageError(
            f"--max-age {value!r} is not a whole number of days; give one such as 30"
        ) from None
    if number < 1:
        raise UsageError(f"--max-age {value!r} is less than 1 day; give 1 or more days")
    return number


def _check(args: argparse.Namespace, ctx: Context) -> int:
    """``reviews --check``: the Nagios line (and one line per notice with --verbose)."""
    from notices_repo.catalog.resolve import find_notice
    from notices_repo.catalog.reviews import repository_id
    from notices_repo.reports.review_check import DEFAULT_MAX_AGE, check_reviews

    max_age = DEFAULT_MAX_AGE if args.max_age is None else max_age_days(args.max_age)
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
        max_age=max_age,
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
