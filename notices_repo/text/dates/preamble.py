"""The preamble (before the body proper) and machine-readable twins of a stamp."""

from __future__ import annotations

import re
from collections.abc import Iterator

from notices_repo.text.dates.clean import (
    LABEL_ALONE_RE,
    LEADING_MARKUP,
    LINK_TARGET_RE,
    LIST_ITEM_RE,
    RULE_LINE_RE,
    TAG_RE,
    clean_fragment,
)
from notices_repo.text.dates.labels import kind_of, label_fast_re
from notices_repo.text.dates.parse import ascii_digits, make_date
from notices_repo.text.dates.regions import lines_above
from notices_repo.text.dates.stamp import BARE_MAX, PREAMBLE_CHARS, PREAMBLE_PROSE, DateStamp
from notices_repo.text.markup import FRONT_OPENS_ANY

# ------------------------------------------------------------------------ preamble

# Lines that are not prose: headings, rules, table rows, kramdown attribute lists and
# Liquid tags, images and links alone on their line.
_NOT_PROSE_RE = re.compile(r"\s*(?:#|\||\{[:%]|!?\[[^\]\n]*\]\([^)\n]*\)\s*$)")
_SHORT_LINE = 80  # a list item or HTML line this short (cleaned) is not prose (a ToC)
_SENTENCE_ENDS = (".", "!", "?", "。", ".)")
_ITEM_FIRST = frozenset("*+-•·●▪◦0123456789")  # first characters of LIST_ITEM_RE lines
_NOT_PROSE_FIRST = frozenset("#|{![")  # first characters of _NOT_PROSE_RE lines
_RULE_FIRST = frozenset("=-_*|:+#>")  # first characters of RULE_LINE_RE lines


def find_preamble(text: str) -> tuple[int, int, tuple[tuple[int, int], ...]]:
    """``(body_start, read_end, hidden)``: where the body proper starts, how far the
    text was read to know it, and the spans of front matter and HTML comments.

    The body proper starts at the line with which the text's prose passes
    ``PREAMBLE_PROSE`` characters. Not prose: blank lines, headings, rules, table rows,
    front matter, HTML comments, kramdown attribute lists, lines that are only a link or
    an image, list items and HTML lines of at most ``_SHORT_LINE`` characters (a table of
    contents) that do not end a sentence, and lines of at most 60 characters that do not
    end a sentence (titles, labels, stamps). Everything is bounded by ``PREAMBLE_CHARS``.
    The answer depends on ``text[:read_end + 1]`` only (the history scan relies on it).
    """
    limit = min(len(text), PREAMBLE_CHARS)
    hidden: list[tuple[int, int]] = []
    prose = 0
    pos = 0
    first = text.find("\n", 0, limit)
    if first != -1 and text[:first].strip() in FRONT_OPENS_ANY:
        fence = text[:first].strip()
        pos = first + 1
        while pos < limit:
            nl = text.find("\n", pos, limit)
            if nl == -1:
                return limit, limit, ((0, limit),)
            if text[pos:nl].strip() in (fence, "..."):
                hidden.append((0, nl))
                pos = nl + 1
                break
            pos = nl + 1
    comment_end = -1  # offset where an open HTML comment ends
    for n, line in _lines(text, pos, limit):
        end = pos + len(line)
        if pos < comment_end:
            pos = end + 1
            continue
        stripped = line.strip()
        if stripped.startswith("<!--"):
            close = text.find("-->", pos, limit)
            if close == -1:
                return limit, limit, (*hidden, (pos, limit))
            hidden.append((pos, close + 3))
            comment_end = close + 3
            pos = end + 1
            continue
        if n and limit == len(text) and len(line) <= PREAMBLE_PROSE:
            return limit, limit, tuple(hidden)  # the line may go on: not known yet
        if len(line) > PREAMBLE_PROSE:  # judged by its start alone
            stripped = line[: PREAMBLE_PROSE + 1].strip()
            prose += _prose_length(stripped, True)
        elif stripped:
            prose += _prose_length(stripped, False)
        if prose > PREAMBLE_PROSE:
            return pos, min(end, pos + PREAMBLE_PROSE + 1), tuple(hidden)
        pos = end + 1
    return limit, limit, tuple(hidden)


_CHUNK = 2048  # the preamble is split into lines this many characters at a time


def _lines(text: str, pos: int, limit: int) -> Iterator[tuple[bool, str]]:
    """The lines of ``text[pos:limit]`` as ``(last, line)``, split a chunk at a time
    (most walks stop after a few lines)."""
    while pos < limit:
        stop = min(limit, pos + _CHUNK)
        if stop < limit:
            nl = text.rfind("\n", pos, stop)
            if nl != -1:
                stop = nl
            else:
                nl = text.find("\n", stop, limit)
                stop = limit if nl == -1 else nl
        lines = text[pos:stop].split("\n")
        final = stop >= limit
        for n, line in enumerate(lines):
            yield final and n == len(lines) - 1, line
        pos = stop + 1
    if pos == limit and limit > 0 and text[limit - 1] == "\n":
        yield True, ""


def _prose_length(stripped: str, long: bool) -> int:
    """Characters of prose in one line of the preamble (0: not prose), stripped; a
    ``long`` line is cut after ``PREAMBLE_PROSE`` characters. See find_preamble."""
    if long:
        return 0 if stripped.startswith(("#", "|", "{:", "{%")) else len(stripped) + 1
    if not stripped or (stripped[0] in _NOT_PROSE_FIRST and _NOT_PROSE_RE.match(stripped)):
        return 0
    if stripped[0] in _RULE_FIRST and RULE_LINE_RE.fullmatch(stripped):
        return 0
    item = LIST_ITEM_RE.match(stripped) if stripped[0] in _ITEM_FIRST else None
    if item is not None or stripped[0] == "<":
        if item is not None and stripped.startswith("[", item.end()):
            return 0  # a link: an entry of a table of contents
        if len(stripped) > 4 * _SHORT_LINE:
            return len(stripped)
        plain = _plain(stripped)
        if len(plain) <= _SHORT_LINE and not plain.endswith(_SENTENCE_ENDS):
            return 0
        return len(plain)
    if len(stripped) > 2 * _SHORT_LINE:
        return len(stripped)
    plain = _plain(stripped)
    if len(plain) <= 60 and not plain.endswith(_SENTENCE_ENDS):
        return 0
    return len(plain)


_MARKUP_CHARS = str.maketrans("", "", "*_`[]~\\")


def _plain(line: str) -> str:
    """A stripped line without link targets, tags and emphasis (to measure its prose)."""
    if "](" in line or "<" in line:
        line = TAG_RE.sub(" ", LINK_TARGET_RE.sub("", line))
    return line.translate(_MARKUP_CHARS).strip()


# A machine-readable date: <time datetime="2020-09-09">, kramdown {: datetime="..." }.
_MARKUP_RE = re.compile(
    r"""(?:<time\b|\{:)[^<>{}\n]{0,200}?\bdatetime\s*=\s*["']?"""
    r"""(?P<y>(?:19|20)[0-9]{2})-(?P<m>[0-9]{2})(?:-(?P<d>[0-9]{2}))?(?![0-9])"""
    r"""[^<>{}\n]{0,200}[>}]""",
    re.IGNORECASE,
)
_MAX_MARKUP = 16  # "datetime" attributes looked at in the preamble ...
_MARKUP_REACH = 240  # ... each in a window of this many characters either side


def markup_stamp(text: str, end: int, hidden: tuple[tuple[int, int], ...]) -> DateStamp | None:
    """The date of the first machine-readable twin of a stamp in ``text[:end]``.

    It counts on a stamp line (a label before it on its line, or nothing when the line
    is right under the title) or, for a kramdown attribute list alone on its line, under
    one (the block it qualifies). Not in list items or links (lists of older versions),
    front matter or comments.
    """
    pos = 0
    for _ in range(_MAX_MARKUP):
        hit = text.find("datetime", pos, end)
        if hit == -1:
            return None
        pos = hit + 8
        ls = text.rfind("\n", 0, hit) + 1
        le = text.find("\n", hit, end)
        le = end if le == -1 else le
        lo, hi = max(ls, hit - _MARKUP_REACH), min(le, hit + _MARKUP_REACH)
        m = next((m for m in _MARKUP_RE.finditer(text, lo, hi) if m.start() < hit < m.end()), None)
        if m is None or any(lo <= hit < hi for lo, hi in hidden):
            continue
        parsed = make_date(int(m["y"]), int(m["m"]), int(m["d"] or 1))
        if parsed is None:
            continue
        stamp_ls, before = ls, text[ls : m.start()]
        if not clean_fragment(before).strip(LEADING_MARKUP) and m.group().startswith("{:"):
            # a block attribute list: it qualifies the line above
            stamp_ls = text.rfind("\n", 0, max(ls - 1, 0)) + 1 if ls > 0 else 0
            before = text[stamp_ls : max(ls - 1, stamp_ls)]
        label = _stamp_line_label(before) or _dated_line(before, int(m["y"]))
        if label is None or (label == "date" and not under_level1_title(text, stamp_ls)):
            continue  # not a stamp line; a date with no label only right under the title
        line = text.count("\n", 0, stamp_ls)
        precision = "day" if m["d"] else "month"
        return DateStamp(parsed, precision, label, line, "markup")
    return None


def under_level1_title(text: str, ls: int) -> bool:
    """Whether the nearest non-blank line above the line at ``ls`` (within two blank
    lines) is a level-1 heading (``# Title``, or the ``===`` underline of one)."""
    for _, line in lines_above(text, ls, 3):
        if line:
            return line.startswith("# ") or set(line) == {"="}
    return False


def _list_link_or_row(line: str) -> bool:
    """Whether a line is a list item, starts with a link or image, or is a table row:
    never a stamp line (lists of older versions, links to them, change-log tables)."""
    return LIST_ITEM_RE.match(line) is not None or line.lstrip().startswith(("[", "![", "|"))


#: A whole number in a line (after other scripts' digits are made ASCII).
_NUMBER_RE = re.compile(r"(?<![0-9])[0-9]+(?![0-9])")
#: How far a Buddhist Era year is ahead of the Gregorian one (Thai dates).
_BUDDHIST_ERA = 543


def _dated_line(before: str, year: int) -> str | None:
    """ "date" for a short line that writes its twin's year (``year``, or the Buddhist Era
    year) in words this module cannot read: a visible date in a language without tables
    here ("Yn effeithiol Mai 01, 2018", "2019ko abuztuaren 15etik indarrean"), which
    its machine-readable twin dates. None for a list item, a link, a table row or prose.
    The caller takes such a line only right under the title."""
    if _list_link_or_row(before):
        return None
    cleaned = clean_fragment(before).strip()
    if not cleaned or len(cleaned) > BARE_MAX:
        return None
    years = {str(year), str(year + _BUDDHIST_ERA)}
    if any(n in years for n in _NUMBER_RE.findall(ascii_digits(cleaned))):
        return "date"
    return None


def _stamp_line_label(before: str) -> str | None:
    """The label of a stamp line whose date (unreadable or missing) follows ``before``:
    its label, "date" when there is none; None for a list item, a link or prose."""
    if _list_link_or_row(before):
        return None
    cleaned = clean_fragment(before).strip()
    low = cleaned.lower()
    lead = LABEL_ALONE_RE.match(low)
    start = lead.end() if lead is not None else 0
    if start >= len(low):
        return "date"
    lm = label_fast_re().match(low, start)
    kind = kind_of(lm.group()) if lm is not None else None
    if lm is None or kind is None:
        return None
    if len(low) - lm.end() > 60:
        return None  # a label, then prose
    return kind.label
