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

NAME = "search"
HELP = "search sections and data categories of every notice"
DESCRIPTION = """\
Search the headings, text and data categories of every notice, as they read today
(the version in force of each notice) or, with --all-versions, in every effective
version in history. Typos, partial words and any word order are forgiven; a match
in a heading or category name ranks above the same words in body text, and recent
text above old text when scores tie. Each hit is one line: notice, section or
category, effective date, and a snippet with the matched words marked »like this«.
With --all-versions, identical text in several versions is one hit with the first
and last effective dates that held it.

The index is built on first use and kept in the cache folder; it is rebuilt when the
repository's HEAD changes. Exit status: 0 with hits, 1 when nothing matched, 2 on
trouble."""
EXAMPLES = [
    ("notice-tui search cookies", "sections and categories about cookies, best first"),
    ("notice-tui search 'data usage' --all-versions", "in every version, with first/last seen"),
    ("notice-tui search diagnostic --notice air-gapped --json", "one notice, as JSON"),
    ("notice-tui search cookeis", "typos are forgiven: finds the Tracking or Cookies category"),
]

#: Marks around matched words when there is no colour.
MARK_OPEN, MARK_CLOSE = "»", "«"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``search QUERY [--all-versions] [--notice NOTICE] [--limit N]``."""
    parser.add_argument("query", nargs="+", metavar="QUERY", help="words to look for")
    parser.add_argument(
        "--all-versions",
        action="store_true",
        help="search every effective version in history, not only the versions in force",
    )
    parser.add_argument(
        "--notice", metavar="NOTICE", help="only this notice (any unambiguous part of its path)"
    )
    parser.add_argument(
        "--limit", type=int, default=20, metavar="N", help="at most N hits (default 20)"
    )


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
