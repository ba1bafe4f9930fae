"""Where the regions read start and end: header, end, the close of the first part."""

from __future__ import annotations

import re

from notices_repo.text.dates.stamp import END_CHARS, END_LINES, HEADER_CHARS, HEADER_LINES

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
    """Start of the first thematic break line in ``text[start:end]``, or None.

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
            return p + 1
        if tried + 1 == _BREAK_TRIES:
            left -= 1
            if not left:
                return None
    return None


def line_start_above(text: str, pos: int, lines: int, floor: int) -> int:
    """Start of the line ``lines`` lines above the one at ``pos``, not before ``floor``."""
    for _ in range(lines):
        nl = text.rfind("\n", floor, pos - 1) if pos > floor else -1
        if nl == -1:
            return floor
        pos = nl + 1
    return pos
