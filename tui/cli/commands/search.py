"""``notice-tui search``: find sections and data categories by what they say."""

from __future__ import annotations

import argparse
import time
from typing import TYPE_CHECKING, Any

from notices_repo.text.inert import inert_line
from notices_repo.usecases.search import SearchRequest, search_notices
from tui.cli.context import Context

if TYPE_CHECKING:
    from notices_repo.search.query import Hit

#: Marks around matched words when there is no colour.
MARK_OPEN, MARK_CLOSE = "»", "«"


def marked(text: str, spans: tuple[tuple[int, int], ...], ctx: Context) -> str:
    """``text`` made inert with its spans marked (colour, or »...« without it)."""
    out: list[str] = []
    pos = 0
    for start, end in spans:
        if start < pos or end > len(text) or start >= end:
            continue
        out.append(inert_line(text[pos:start]))
        word = inert_line(text[start:end])
        out.append(ctx.style(word, "1;33") if ctx.color else f"{MARK_OPEN}{word}{MARK_CLOSE}")
        pos = end
    out.append(inert_line(text[pos:]))
    return "".join(out)


def hit_line(hit: Hit, ctx: Context, history: bool) -> str:
    """One hit as one line of text output (built from inert pieces)."""
    label = hit.name if hit.name is not None else hit.heading
    kind = "category" if hit.kind == "data_category" else "section"
    where = marked(label, hit.label_spans, ctx) if label else "(before the first heading)"
    path = inert_line(hit.path) + (" (retired)" if hit.retired else "")
    parts = [
        ctx.style(path, "1"),
        f"{kind} {where}",
        hit.effective_date.isoformat(),
        marked(hit.snippet, hit.spans, ctx),
    ]
    line = "  ".join(parts)
    if history:
        seen = f"{hit.first_seen.isoformat()} .. {hit.last_seen.isoformat()}"
        count = f"{hit.versions} version{'s' if hit.versions != 1 else ''}"
        line += ctx.style(f"  ({seen}, {count})", "2")
    return line


def _progress(ctx: Context) -> Any:
    started = time.monotonic()
    interactive = ctx.stderr.isatty()
    shown = [False]

    def progress(stage: str, done: int, total: int) -> None:
        if not interactive or time.monotonic() - started < 0.5:
            return
        shown[0] = True
        count = f" {done}/{total}" if total else ""
        ctx.stderr.write(f"\r\x1b[2Knotice-tui: {stage}{count}…")
        ctx.stderr.flush()

    def clear() -> None:
        if shown[0]:
            ctx.stderr.write("\r\x1b[2K")
            ctx.stderr.flush()

    return progress, clear


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Search and print the hits."""
    request = SearchRequest(
        " ".join(args.query), all_versions=args.all_versions, notice=args.notice, limit=args.limit
    )
    catalog = ctx.load_catalog()
    progress, clear = _progress(ctx)
    try:
        answer = search_notices(
            ctx.open_repository(),
            catalog,
            request,
            today=ctx.today,
            progress=progress,
            warn=ctx.warn,
        )
    finally:
        clear()
    query, scope, hits = answer.query, answer.scope, answer.hits
    if ctx.json:
        ctx.print_json(
            {
                "query": query,
                "scope": scope,
                "results": [hit.to_json() for hit in hits],
            }
        )
    else:
        for hit in hits:
            ctx.print_raw(hit_line(hit, ctx, args.all_versions))
        if not hits:
            ctx.stderr.write(f"notice-tui: no match for '{inert_line(query)}'\n")
    return 0 if hits else 1
