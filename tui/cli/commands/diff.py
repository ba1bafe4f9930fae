"""``notice-tui diff``: compare two versions of a notice, section by section, word by word.

Exit status as ``diff(1)``: 0 no difference, 1 differences, 2 trouble (one line on
stderr, also with ``--json``; the CLI turns domain errors into that).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from typing import Any

from notices_repo.catalog.resolve import Pick, find_notice, resolve_spec
from notices_repo.diff.compare import clear_parse_cache, diff_texts
from notices_repo.diff.render import iter_text, render_markdown
from notices_repo.text.inert import inert_line
from tui.cli.context import Context, UsageError, json_chunks


def _resolve(notice: Any, from_spec: str, to_spec: str, ctx: Context) -> tuple[Pick, Pick]:
    """Both ends; 'previous' is relative to the other end."""
    from_word, to_word = from_spec.strip().lower(), to_spec.strip().lower()
    if from_word == "previous" and to_word == "previous":
        raise UsageError("FROM and TO cannot both be 'previous'")
    recorded = bool(ctx.args.as_recorded)
    if to_word == "previous":
        older = resolve_spec(notice, from_spec, ctx.today, as_recorded=recorded)
        return older, resolve_spec(notice, to_spec, ctx.today, other=older, as_recorded=recorded)
    newer = resolve_spec(notice, to_spec, ctx.today, as_recorded=recorded)
    return resolve_spec(notice, from_spec, ctx.today, other=newer, as_recorded=recorded), newer


def _info(pick: Pick) -> dict[str, Any]:
    return {
        "commit": pick.revision.commit,
        "effective_date": pick.version.effective_date.isoformat(),
    }


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Compare the two versions; 0 no difference, 1 differences."""
    if ctx.json and args.format != "text":
        raise UsageError("--json and --format markdown cannot be used together")
    catalog = ctx.load_catalog()
    notice = find_notice(catalog, args.notice)
    for warning in catalog.warnings:
        ctx.warn(warning)
    older, newer = _resolve(notice, args.from_spec, args.to_spec, ctx)
    repository = ctx.open_repository()
    old_decoded = repository.read_text(older.revision.blob)
    new_decoded = (
        old_decoded
        if newer.revision.blob == older.revision.blob
        else repository.read_text(newer.revision.blob)
    )
    for pick, decoded in ((older, old_decoded), (newer, new_decoded)):
        if decoded.warning:
            ctx.warn(f"{pick.revision.commit[:10]}: {decoded.warning}")
    result = diff_texts(
        old_decoded.text,
        new_decoded.text,
        ignore_whitespace=args.ignore_whitespace,
        full=args.full,
    )
    # A one-shot command: the texts need not outlive the comparison (a 50 MB notice's
    # two texts are 100 MB of the peak while the output is written).
    del old_decoded, new_decoded, decoded
    clear_parse_cache()
    code = 1 if result.has_changes else 0
    if ctx.json:
        data = result.to_json(_info(older), _info(newer))
        if ctx.stdout.isatty() or not result.coarse:
            ctx.print_json(data)
        else:  # a huge comparison: its one ASCII line written as it is made
            _stream(ctx, json_chunks(data))
        return code
    if args.format == "markdown":
        report = render_markdown(result, _info(older), _info(newer), title=notice.title)
        ctx.print_raw(report.rstrip("\n"))
        return code
    path = inert_line(notice.path)
    for sign, pick in (("---", older), ("+++", newer)):
        line = (
            f"{sign} {path}  {pick.version.effective_date.isoformat()}  {pick.revision.commit[:10]}"
        )
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
