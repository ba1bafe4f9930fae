"""How the search screen shows a hit: where it is, and its snippet with the matched words
marked (text from the repository made inert piece by piece, so the offsets stay right).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from notices_repo.text.inert import inert_line

if TYPE_CHECKING:
    from notices_repo.search.query import Hit

#: How matched words are marked.
MATCH_STYLE = "bold underline"


def marked_text(text: str, spans: tuple[tuple[int, int], ...] | list[tuple[int, int]]) -> Text:
    """``text`` made inert piece by piece, with the spans in :data:`MATCH_STYLE`."""
    out = Text()
    pos = 0
    for start, end in spans:
        if start < pos or end > len(text) or start >= end:
            continue
        out.append(inert_line(text[pos:start]))
        out.append(inert_line(text[start:end]), style=MATCH_STYLE)
        pos = end
    out.append(inert_line(text[pos:]))
    return out


def hit_text(hit: Hit, scope: str, at_head: bool = False) -> Text:
    """Two lines: where (notice, section or category, date), then the snippet.

    ``at_head``: a hit from the texts at HEAD (before the index is ready): no dates."""
    label = hit.name if hit.name is not None else hit.heading
    line = Text()
    line.append("category " if hit.kind == "data_category" else "section ", style="dim")
    if label:
        line.append_text(marked_text(label, hit.label_spans))
    else:
        line.append("(before the first heading)", style="italic")
    if hit.name is not None and hit.heading:
        line.append(" in ", style="dim")
        line.append(inert_line(hit.heading), style="dim")
    line.append("  ")
    line.append(inert_line(hit.path), style="dim")
    if hit.retired:
        line.append(" (retired)", style="dim")
    line.append("  ")
    line.append("current text" if at_head else hit.effective_date.isoformat(), style="dim")
    if scope == "all" and not at_head:
        seen = f"{hit.first_seen.isoformat()} .. {hit.last_seen.isoformat()}"
        count = f"{hit.versions} version{'s' if hit.versions != 1 else ''}"
        line.append(f"  ({seen}, {count})", style="dim")
    line.append("\n  ")
    line.append_text(marked_text(hit.snippet, hit.spans))
    return line


def hit_line_text(hit: Hit) -> str | None:
    """Words on the hit's own line, to scroll it into view: a category's name, or the
    first matched word of a section matched in its text (None: the heading matched)."""
    if hit.kind == "data_category" and hit.name:
        return hit.name
    if hit.label_spans or not hit.spans:
        return None
    start, end = hit.spans[0]
    return hit.snippet[start:end] or None


__all__ = ["MATCH_STYLE", "hit_line_text", "hit_text", "marked_text"]
