"""``notice-tui changes``: every notice whose text in force changed in a period.

Exit status as ``diff``: 0 no text in force changed (an upcoming announcement alone is
listed, exit 0), 1 one did, 2 bad input or trouble (one line on stderr). Its name, texts and
arguments are in :mod:`tui.cli.specs.changes`.
"""

from __future__ import annotations

import argparse

from notices_repo.catalog.resolve import find_notice
from notices_repo.reports.changes_render import iter_report_text, render_markdown
from notices_repo.usecases.changes import parse_period, period_changes
from tui.cli.context import Context, UsageError


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Print the report; 0 nothing changed, 1 something did."""
    if ctx.json and args.format == "markdown":
        raise UsageError("--json and --format markdown cannot be used together")
    try:
        period = parse_period(args.since, args.until, ctx.today)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    catalog = ctx.load_catalog()
    for warning in catalog.warnings:
        ctx.warn(warning)
    chosen = None
    if args.notice:
        chosen = list({id(n): n for n in (find_notice(catalog, q) for q in args.notice)}.values())
    report = period_changes(
        catalog, ctx.open_repository(), period, ctx.today, notices=chosen, full=args.full
    )
    code = report.exit_code
    if ctx.json or args.format == "json":
        ctx.print_json(report.to_json())
    elif args.format == "markdown":
        ctx.print_raw(render_markdown(report).rstrip("\n"))
    else:
        for line in iter_report_text(report, color=ctx.color):
            ctx.print_raw(line)
    return code
