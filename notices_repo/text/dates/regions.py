"""Where the regions read start and end: header, end, the close of the first part; and
where in the rest of the text a stamp line opens or closes a part of a multi-part page."""

from __future__ import annotations

import re
from collections.abc import Iterator

from notices_repo.text.dates.stamp import (
    END_CHARS,
    END_LINES,
    HEADER_CHARS,
    HEADER_LINES,
    PART_CLOSE_LINES,
    PART_CONTEXT_LINES,
    PART_HEAD_LINES,
    PART_TITLE_LINES,
    STAMP_LINE_MAX,
    TITLE_MAX,
)

# HEADER_LINES lines: one match instead of one str.find per line.
_HEADER_LINES_RE = re.compile(rf"(?:[^\n]*+\n){{{HEADER_LINES}}}")


def header_region_end(text: str) -> int:
    """End offset of the header region: HEADER_LINES lines, at most HEADER_CHARS.

    That is the offset of the ``HEADER_LINES``-th newline when it lies within the
    first ``HEADER_CHARS`` characters, else ``min(len(text), HEADER_CHARS)``.
    """
    limit = min(len(text), HEADER_CHARS)
    m = _HEADER_LINES_RE.match(text, 0, limit)
    return limit if m is None else m.end() - 1


def end_region_start(text: str, header_end: int) -> int:
    """Start offset of the end region (a line start when one is in reach)."""
    lo = max(header_end, len(text) - END_CHARS)
    pos = len(text)
    if text.endswith("\n"):
        pos -= 1
    for _ in range(END_LINES):
        nl = text.rfind("\n", lo, pos)
        if nl == -1:
            return lo
        pos = nl
    return pos + 1


# A break line starts with one of these; each kind of start is tried at most
# _BREAK_TRIES times (setext underlines, "Title\n-----", also start with "\n---").
_BREAK_NEEDLES = ("\n- - -", "\n* * *", "\n_ _ _", "\n---", "\n***", "\n___")
_BREAK_NEEDLE_RE = re.compile(r"\n(?:- - -|\* \* \*|_ _ _|---|\*\*\*|___)")  # the needles
_BREAK_LINE_RE = re.compile(r"[ \t]*(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})")
_BREAK_TRIES = 32


def first_break(text: str, start: int, end: int) -> int | None:
    """Start of the first thematic break line in ``text[start:end]``, or None
    (:func:`find_break`)."""
    return find_break(text, start, end)[0]


def find_break(text: str, start: int, end: int) -> tuple[int | None, bool]:
    """``(break, whole)``: the start of the first thematic break line in
    ``text[start:end]``, or None; ``whole`` says every candidate line before it was
    looked at (no needle reached ``_BREAK_TRIES``).

    A thematic break is a line of three or more ``-``, ``*`` or ``_`` (spaces allowed)
    that starts with one of ``_BREAK_NEEDLES`` (after its newline) and comes after a
    blank line, so not a setext heading underline. Only the first ``_BREAK_TRIES``
    lines starting with each needle are looked at (bounded work).

    One pass of one pattern finds the candidates in order (they cannot overlap: each
    starts at a newline and holds no other); the first that is a break wins.
    """
    tries = dict.fromkeys(_BREAK_NEEDLES, 0)
    left = len(_BREAK_NEEDLES)  # needles not yet tried _BREAK_TRIES times
    for m in _BREAK_NEEDLE_RE.finditer(text, start, end):
        needle = m.group()
        tried = tries[needle]
        if tried >= _BREAK_TRIES:
            continue
        tries[needle] = tried + 1
        p = m.start()
        le = text.find("\n", p + 1, end)
        line = text[p + 1 : end if le == -1 else le]
        prev = text[text.rfind("\n", 0, p) + 1 : p]
        if not prev.strip() and _BREAK_LINE_RE.fullmatch(line.rstrip()):
            return p + 1, left == len(_BREAK_NEEDLES)
        if tried + 1 == _BREAK_TRIES:
            left -= 1
            if not left:
                return None, False
    return None, left == len(_BREAK_NEEDLES)


def line_start_above(text: str, pos: int, lines: int, floor: int) -> int:
    """Start of the line ``lines`` lines above the one at ``pos``, not before ``floor``."""
    for _ in range(lines):
        nl = text.rfind("\n", floor, pos - 1) if pos > floor else -1
        if nl == -1:
            return floor
        pos = nl + 1
    return pos


# --------------------------------------------------------- the rest: parts of a page

# A stamp line of the rest holds a year of this century (its date shapes all hold a
# four-digit year): one pattern with a literal start finds them at C speed. (Years
# 19xx too would take a second pass over every changed text: a part stamped in the
# last century is left to the commit date.)
_YEAR_RE = re.compile(r"20[0-9][0-9]")
_YEAR_BYTES_RE = re.compile(rb"20[0-9][0-9]")
# The rest of a line and the PART_CONTEXT_LINES lines after it.
_LINES_DOWN_RE = re.compile(rb"[^\n]*+(?:\n[^\n]*+){0,%d}" % PART_CONTEXT_LINES)
_ANNEX_RE = re.compile(
    r"(?i:exhibit|appendix|annex|schedule|addendum|attachment)"
    r"(?:\s+(?:[A-Z]|[0-9]+|[IVX]+)\b|\s*$|\s*[:\-\u2013\u2014])"
)
_MARKUP_CHARS = "*_#` \t"
_SENTENCE_ENDS = (".", "!", "?", ";", ":", ",")


def year_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(line start, line end)`` of the lines of at most ``STAMP_LINE_MAX`` characters in
    ``text[start:end]`` that hold a year ``20..``, in order."""
    hits = [m.start() for m in _YEAR_RE.finditer(text, start, end)]
    lines: list[tuple[int, int]] = []
    last = -1
    for p in hits:
        if p < last:
            continue  # on the line just taken (or too long)
        ls = text.rfind("\n", 0, p) + 1
        le = text.find("\n", p)
        if le == -1:
            le = len(text)
        last = le
        if le - ls <= STAMP_LINE_MAX:
            lines.append((ls, le))
    return lines


def year_hits(data: bytes, start: int, end: int) -> list[int]:
    """Sorted offsets of every year ``20..`` (overlapping ones too: ``202024``) in UTF-8
    ``data[start:end]``, at C speed. A line holds one iff :func:`year_lines` looks at it
    (a year never crosses a line)."""
    hits: list[int] = []
    search = _YEAR_BYTES_RE.search
    m = search(data, start, end)
    while m is not None:
        p = m.start()
        hits.append(p)
        m = search(data, p + 1, end)
    return hits


def widen_lines(data: bytes, start: int, end: int) -> tuple[int, int]:
    """``data[start:end]`` widened by ``PART_CONTEXT_LINES`` whole lines each way: a line
    outside it has the same neighbours that decide whether it opens or closes a part."""
    rfind = data.rfind
    for _ in range(PART_CONTEXT_LINES + 1):
        if start <= 0:
            start = 0
            break
        start = rfind(b"\n", 0, start - 1) + 1
    m = _LINES_DOWN_RE.match(data, end)
    return start, m.end() if m is not None else len(data)


def _is_break(text: str, ls: int, le: int) -> bool:
    """Whether the line ``text[ls:le]`` is a thematic break: a line of three or more
    ``-``, ``*`` or ``_`` at the start of its line, after a blank line (as
    :func:`first_break`: not a setext underline)."""
    line = text[ls:le].rstrip()
    if line[:1] not in ("-", "*", "_") or not _BREAK_LINE_RE.fullmatch(line):
        return False
    if ls == 0:
        return True
    above = text.rfind("\n", 0, ls - 1) + 1
    return not text[above : ls - 1].strip()


def _is_title(line: str) -> bool:
    """Whether a stripped line can be a title or heading between a break and a stamp:
    a heading, an underline, or a short line that is no sentence, list item, table
    row or link."""
    if line.startswith("#") or not line.strip("=-"):
        return True
    if len(line) > TITLE_MAX or line.startswith(("|", "[", "![", "- ", "+ ", ">")):
        return False
    if line.startswith("* ") or (line[:1].isdigit() and ". " in line[:5]):
        return False
    return not line.strip(_MARKUP_CHARS).endswith(_SENTENCE_ENDS)


def lines_above(text: str, ls: int, count: int) -> Iterator[tuple[int, str]]:
    """The ``count`` lines above the line starting at ``ls``, nearest first: each
    line's start and its stripped text (fewer at the start of the text)."""
    pos = ls
    for _ in range(count):
        if pos <= 0:
            return
        above = text.rfind("\n", 0, pos - 1) + 1
        yield above, text[above : pos - 1].strip()
        pos = above


def opens_part(text: str, ls: int) -> bool:
    """Whether the line at ``ls`` opens a later part: between a thematic break above it
    and it stand only blank lines and at most ``PART_TITLE_LINES`` titles, within
    ``PART_HEAD_LINES`` lines (``- - -``, ``SHEIN U.S. TERMS OF USE``, the stamp)."""
    titles = 0
    for above, line in lines_above(text, ls, PART_HEAD_LINES):
        if not line:
            continue
        if _is_break(text, above, text.find("\n", above)):
            return True
        if titles == PART_TITLE_LINES or not _is_title(line):
            return False
        titles += 1
    return False


def _closing_heading(text: str, ls: int, le: int) -> bool:
    """Whether the line ``text[ls:le]`` starts another document: a level-1 heading
    (``# Title``, ``Title`` over ``===``), or a heading or short title line naming an
    exhibit, appendix, annex, schedule, addendum or attachment."""
    line = text[ls:le].strip()
    nl = text.find("\n", le + 1)
    under = text[le + 1 : len(text) if nl == -1 else nl].strip() if le < len(text) else ""
    level = 0
    if line.startswith("#"):
        level = len(line) - len(line.lstrip("#"))
    elif len(under) >= 3 and not under.strip("="):
        level = 1
    elif len(under) >= 3 and not under.strip("-"):
        level = 2
    if level == 1:
        return True
    if not level and (len(line) > TITLE_MAX or line.endswith(".")):
        return False
    return _ANNEX_RE.match(line.strip(_MARKUP_CHARS)) is not None


def closes_part(text: str, le: int) -> bool:
    """Whether the line ending at ``le`` closes a part: below it, after blank lines only
    (at most ``PART_CLOSE_LINES`` lines down), a thematic break or a heading that starts
    another document (:func:`_closing_heading`)."""
    pos = le + 1
    for _ in range(PART_CLOSE_LINES):
        if pos >= len(text):
            return False
        nl = text.find("\n", pos)
        end = len(text) if nl == -1 else nl
        if text[pos:end].strip():
            return _is_break(text, pos, end) or _closing_heading(text, pos, end)
        pos = end + 1
    return False
