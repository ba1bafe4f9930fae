"""``notice-tui diff``: compare two versions of a notice, section by section, word by word.

Exit status as ``diff(1)``: 0 no difference, 1 differences, 2 trouble (one line on
stderr, also with ``--json``; the CLI turns domain errors into that).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable

from notices_repo.diff.render import iter_text, render_markdown
from notices_repo.text.inert import inert_line
from notices_repo.usecases.compare import CompareRequest, compare_versions
from tui.cli.context import Context, UsageError, json_chunks


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Compare the two versions; 0 no difference, 1 differences."""
    if ctx.json and args.format != "text":
        raise UsageError("--json and --format markdown cannot be used together")
    catalog = ctx.load_catalog()
    request = CompareRequest(
        args.notice,
        args.from_spec,
        args.to_spec,
        as_recorded=bool(args.as_recorded),
        ignore_whitespace=args.ignore_whitespace,
        full=args.full,
    )
    compared = compare_versions(
        ctx.open_repository(), catalog, request, today=ctx.today, warn=ctx.warn
    )
    notice, older, newer, result = compared.notice, compared.old, compared.new, compared.result
    code = 1 if result.has_changes else 0
    if ctx.json:
        data = result.to_json(older.info(), newer.info())
        if ctx.stdout.isatty() or not result.coarse:
            ctx.print_json(data)
        else:  # a huge comparison: its one ASCII line written as it is made
            _stream(ctx, json_chunks(data))
        return code
    if args.format == "markdown":
        report = render_markdown(result, older.info(), newer.info(), title=notice.title)
        ctx.print_raw(report.rstrip("\n"))
        return code
    path = inert_line(notice.path)
    for sign, end in (("---", older), ("+++", newer)):
        line = f"{sign} {path}  {end.date.isoformat()}  {end.revision.commit[:10]}"
        ctx.print_raw(ctx.style(line, "1"))
    pieces = iter_text(result, color=ctx.color)
    if ctx.pager:
        ctx.print_raw("".join(pieces).rstrip("\n"))
    else:
        _stream(ctx, pieces)
    return code


def _stream(ctx: Context, pieces: Iterable[str]) -> None:
    """Write ``pieces`` as they come (after what is buffered), ending in one newline.

    The same output as buffering it whole, without holding a huge comparison twice.
    """
    ctx.flush()
    out = ctx.stdout
    try:
        pending = ""
        for piece in pieces:
            body = piece.rstrip("\n")
            if body:
                out.write(pending + body if pending else body)
                pending = piece[len(body) :]
            else:
                pending += piece
        out.write("\n")
        out.flush()
    except BrokenPipeError:
        pass
