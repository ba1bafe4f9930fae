"""``notice-tui changes``: every notice whose text in force changed in a period.

Exit status as ``diff``: 0 no text in force changed (an upcoming announcement alone is
listed, exit 0), 1 one did, 2 bad input or trouble (one line on stderr). Its name, texts and
arguments are in :mod:`tui.cli.specs.changes`.
"""

from __future__ import annotations

import argparse

from notices_repo.catalog.resolve import find_notice, parse_day
from notices_repo.reports.changes import Period, changes_report
from notices_repo.reports.changes_render import iter_report_text, render_markdown
from notices_repo.reports.digest_cache import DigestCache
from tui.cli.context import Context, UsageError


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Print the report; 0 nothing changed, 1 something did."""
    if ctx.json and args.format == "markdown":
        raise UsageError("--json and --format markdown cannot be used together")
    try:
        since = parse_day(args.since)
        until = parse_day(args.until) if args.until is not None else None
        period = Period.typed(since, until, ctx.today)
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
    code = report.exit_code
    if ctx.json or args.format == "json":
        ctx.print_json(report.to_json())
    elif args.format == "markdown":
        ctx.print_raw(render_markdown(report).rstrip("\n"))
    else:
        for line in iter_report_text(report, color=ctx.color):
            ctx.print_raw(line)
    return code
