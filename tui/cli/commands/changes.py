"""``notice-tui changes``: every notice whose text in force changed in a period.

Exit status as ``diff``: 0 nothing changed, 1 something did (a change in force or an
announcement), 2 bad input or trouble (one line on stderr).
"""

from __future__ import annotations

import argparse
import datetime as dt

from notices_repo.catalog.resolve import find_notice, parse_day
from tui.cli.context import Context, UsageError

NAME = "changes"
HELP = "what changed in every notice in a period: versions, silent edits, announcements"
DESCRIPTION = """\
List every notice whose text in force changed between --since and --until (both days
included; --until defaults to today), read on the effective timeline: the versions
that took effect, each with the section-level summary of the diff (sections added,
removed, changed, moved; data categories added, removed, changed); revisions that
changed a version in force without a new effective date (silent edits, layout
changes), listed as revisions; and, apart, upcoming versions announced in the period.

--full adds the word-level changes, marked [-removed-]{+added+}. --format markdown
writes a report an auditor can file: title, period, repository and HEAD commit,
generated-at, one section per notice. Summaries are kept in the cache folder, so the
same report again is fast.

Exit status: 0 nothing changed, 1 something did, 2 bad input or trouble."""
EXAMPLES: list[tuple[str, str]] = [
    (
        "notice-tui changes --since 2023-01-01 --today 2024-06-30",
        "what changed in the sample's notices from 2023 on; exit 1 (something did)",
    ),
    (
        "notice-tui changes --since 2023-01-01 --until 2023-12-31 --format markdown",
        "a Markdown report of 2023 to file (redirect the output); exit 1",
    ),
    (
        "notice-tui changes --since 2023-01-01 --notice air-gapped --full",
        "one notice, with the word-level changes; exit 1",
    ),
    ("notice-tui changes --since 2023-01-01 --json", "the report as JSON; exit 1"),
]


def _day(value: str) -> dt.date:
    try:
        return parse_day(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``changes --since DATE [--until DATE] [--notice N...] [--format F] [--full]``."""
    parser.add_argument(
        "--since", metavar="YYYY-MM-DD", type=_day, required=True, help="first day of the period"
    )
    parser.add_argument(
        "--until",
        metavar="YYYY-MM-DD",
        type=_day,
        default=None,
        help="last day of the period (default: today, or --today)",
    )
    parser.add_argument(
        "--notice",
        metavar="NOTICE",
        nargs="+",
        action="extend",
        default=[],
        help="only these notices (path, or part of a path or title); may be repeated",
    )
    parser.add_argument(
        "--format",
        choices=("text", "markdown", "json"),
        default="text",
        help="text (default), a Markdown report to file, or JSON (as --json)",
    )
    parser.add_argument(
        "--full", action="store_true", help="add the word-level changes of every change"
    )


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Print the report; 0 nothing changed, 1 something did."""
    # here, not at the top: other commands need not import the comparing code
    from notices_repo.reports.changes import Period, changes_report
    from notices_repo.reports.changes_render import iter_report_text, render_markdown
    from notices_repo.reports.digest_cache import DigestCache

    if ctx.json and args.format == "markdown":
        raise UsageError("--json and --format markdown cannot be used together")
    try:
        period = Period(args.since, args.until or ctx.today)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    catalog = ctx.load_catalog()
    for warning in catalog.warnings:
        ctx.warn(warning)
    chosen = None
    if args.notice:
        chosen = list({id(n): n for n in (find_notice(catalog, q) for q in args.notice)}.values())
    cache = DigestCache()
    try:
        report = changes_report(
            catalog,
            ctx.open_repository(),
            period,
            ctx.today,
            notices=chosen,
            full=args.full,
            cache=cache,
        )
    finally:
        cache.close()
    code = 1 if report.has_changes else 0
    if ctx.json or args.format == "json":
        ctx.print_json(report.to_json())
    elif args.format == "markdown":
        ctx.print_raw(render_markdown(report).rstrip("\n"))
    else:
        for line in iter_report_text(report, color=ctx.color):
            ctx.print_raw(line)
    return code
