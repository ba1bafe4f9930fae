"""Line classification: blocks (front matter, fences, hints) and the heading rules of one line."""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from notices_repo.text.markup import FENCE_RE, FENCE_START_RE, FRONT_CLOSE, FRONT_KEY_RE, FRONT_OPEN
from notices_repo.text.sections.inline import clean_inline, is_date_stamp, is_link_only
from notices_repo.text.sections.records import (
    BOLD_LABEL_MAX_WORDS,
    BOLD_MAX_CHARS,
    BOLD_MAX_WORDS,
    BOLD_SENTENCE_MAX_WORDS,
    INFERRED_RAW_MAX,
    PLAIN_MAX_CHARS,
    PLAIN_MAX_WORDS,
)

# ---------------------------------------------------------------------------
# Line classification

_ATX_RE = re.compile(r" {0,3}(#{1,6})(?:[ \t]|$)")
_ATX_CLOSE_RE = re.compile(r"(?:^|[ \t])#++[ \t]*$")
LIST_RE = re.compile(r"[ \t]*+(?:[*+\-•·●◦▪‣⁃]|\d{1,9}[.)])(?:[ \t]++|$)")
# A line ending with one of these is a fragment of a hard-wrapped sentence.
DANGLING_WORDS = frozenset(
    {
        "a",
        "an",
        "the",
        "and",
        "or",
        "nor",
        "but",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "than",
        "that",
        "which",
        "whose",
        "such",
        "our",
        "your",
        "their",
        "its",
        "this",
        "these",
        "those",
        "shall",
        "will",
        "may",
        "must",
        "can",
        "should",
        "would",
        "could",
    }
)
# Legal enumerations that are list items in plain text: (a), (iv), (5), a), iv)
_ENUMERATOR_RE = re.compile(r"(?:\([A-Za-z0-9]{1,4}\)|[a-z0-9]{1,4}\))\s")
_HINT_OPEN_RE = re.compile(r"\{%-?\s*hint\b")
_HINT_CLOSE_RE = re.compile(r"\{%-?\s*endhint\b")
FRONT_TITLE_RE = re.compile(r"title[ \t]*:[ \t]*(.*)$", re.IGNORECASE)
FINAL_PUNCT = ".,;:!?…。，；：！？"
_CLOSERS = "\"'”’»)]】」』"

# Line flags
BLOCKED = 1  # inside front matter, a fenced code block or a hint block (no headings)
CODE = 2  # inside front matter or a fenced code block (no list items either)
BOUNDARY = 4  # fence line, hint tag, front matter delimiter: ends a block


def _line_spans(text: str) -> tuple[list[str], list[int], list[int]]:
    """Split ``text`` into lines (without terminators), their starts and next starts.

    Line terminators are ``\\n``, ``\\r\\n`` and a lone ``\\r`` (as in CommonMark).
    ``nexts[i]`` is the offset just after line ``i``'s terminator (``len(text)`` for
    a last line without one).
    """
    if "\r" not in text:
        lines = text.split("\n")
        # starts[i] = total length of the previous lines + one "\n" each
        starts = list(
            map(
                operator.add,
                itertools.accumulate(map(len, lines), initial=0),
                range(len(lines) + 1),
            )
        )
        nexts = starts[1:]
        del starts[-1]
    else:
        lines, starts, nexts = [], [], []
        pos = 0
        for m in re.finditer(r"\r\n|\r|\n", text):
            lines.append(text[pos : m.start()])
            starts.append(pos)
            pos = m.end()
            nexts.append(pos)
        lines.append(text[pos:])
        starts.append(pos)
        nexts.append(len(text) + 1)
    # The piece after a final terminator is empty and is not a line.
    if len(lines) > 1 and starts[-1] >= len(text):
        lines.pop()
        starts.pop()
        nexts.pop()
    nexts[-1] = min(nexts[-1], len(text))
    return lines, starts, nexts


def is_blank(line: str) -> bool:
    """Whether ``line`` is empty or only whitespace."""
    return not line or line.isspace()


def setext_char(line: str) -> str:
    """``'='`` or ``'-'`` when ``line`` is a setext underline, else ``''``."""
    if not line or not _SETEXT_START_RE.match(line):
        return ""
    stripped = line.rstrip(" \t")
    body = stripped.lstrip(" ")
    if len(stripped) - len(body) > 3 or not body:
        return ""
    ch = body[0]
    if ch not in "=-" or body.strip(ch):
        return ""
    return ch


SETEXT_FIRST = " =-"
THEMATIC_FIRST = " \t*-_"
_THEMATIC_RE = re.compile(r" {0,3}+(?:\t[ \t]*+)?([*\-_])(?:[ \t]*+\1){2,}+\s*+\Z")
_SETEXT_START_RE = re.compile(r" {0,3}[=\-]")


def is_thematic_break(line: str) -> bool:
    """Three or more of one of ``*-_`` with only spaces and tabs between them, after
    at most three spaces of indentation (then tabs), trailing whitespace allowed."""
    return _THEMATIC_RE.match(line) is not None


def is_table_row(body: str) -> bool:
    """Whether a stripped line is a table row (starts with ``|`` or ends with one)."""
    return body.startswith("|") or (body.endswith("|") and "|" in body[:-1])


def is_tag_line(body: str) -> bool:
    """Template tags (``{% ... %}``) and lines that are only an HTML tag."""
    if body.startswith("{%") or body.startswith("{{"):
        return True
    return body.startswith("<") and body.endswith(">")


def _first_letter_ok(clean: str) -> bool:
    """The first letter or digit is not a lower-case letter."""
    for ch in clean:
        if ch.isalnum():
            return not ch.islower()
    return False


# Candidate lines are found with regular expressions anchored on a line break (the
# regex engine scans for the literal "\n" at C speed) over the text with "\n" line
# breaks, then mapped to line numbers; only those lines get per-line Python work.
_HINT_TAG_RE = re.compile(r"\{%")


def lines_at(doc: Doc, pattern: re.Pattern[str], anchored: bool = True) -> list[int]:
    """Sorted numbers of the lines ``pattern`` finds in ``doc.norm``.

    ``anchored``: the pattern starts with ``"\\n"`` and finds the line after it (line 0,
    which no line break precedes, is always included: the caller checks it). Else the
    line holding the match's start.
    """
    nstarts = doc.nstarts
    n = len(doc.lines)
    out = [0] if anchored else []
    shift = 1 if anchored else 0
    for m in pattern.finditer(doc.norm):
        i = bisect.bisect_right(nstarts, m.start() + shift) - 1
        if i < n and (not out or out[-1] != i):
            out.append(i)
    return out


def _front_matter_lines(lines: list[str]) -> int:
    """How many lines YAML front matter at the very start takes (0: none): a ``---``
    line, blank lines, a ``key:`` line, up to a ``---`` or ``...`` line."""
    n = len(lines)
    if not n or lines[0].rstrip() != FRONT_OPEN:
        return 0
    j = 1
    while j < n and is_blank(lines[j]):
        j += 1
    if j == n or not FRONT_KEY_RE.match(lines[j]):
        return 0
    k = j
    while k < n and lines[k].rstrip() not in FRONT_CLOSE:
        k += 1
    return k + 1 if k < n else 0


_NO_CLOSING: dict[str, list[int]] = {"`": [], "~": []}


def _fence_lines(
    doc: Doc, start: int
) -> tuple[dict[int, tuple[str, int]], dict[str, list[int]], dict[str, list[int]]]:
    """Fence lines from line ``start`` on: ``(char, length)`` by line; the closing
    fences (nothing but the fence) of each char; the longest closing fence of each char
    at or after ``closing[ch][k]``."""
    lines = doc.lines
    fence_len: dict[int, tuple[str, int]] = {}
    closing: dict[str, list[int]] = {"`": [], "~": []}
    for x in lines_at(doc, FENCE_START_RE):
        if x < start:
            continue
        line = lines[x]
        m = FENCE_RE.match(line)
        if m:
            ch, length = m.group(1)[0], len(m.group(1))
            fence_len[x] = (ch, length)
            if not line.strip().strip(ch):
                closing[ch].append(x)
    longest: dict[str, list[int]] = {}
    for ch, where in closing.items():
        best = [0] * (len(where) + 1)
        for k in range(len(where) - 1, -1, -1):
            best[k] = max(best[k + 1], fence_len[where[k]][1])
        longest[ch] = best
    return fence_len, closing, longest


def _scan_blocks(doc: Doc) -> list[int]:
    """Flag front matter, fenced code blocks and hint blocks (paired only).

    Only fence lines and lines holding ``{%`` are looked at (found by regular
    expressions); every other line of a block is flagged by slice assignment.
    """
    lines = doc.lines
    n = len(lines)
    flags = [0] * n
    i = _front_matter_lines(lines)  # YAML front matter at the very start
    flags[:i] = [BLOCKED | CODE | BOUNDARY] * i
    norm = doc.norm
    # one character first: a single-character search is several times faster
    has_fence = ("`" in norm and "```" in norm) or ("~" in norm and "~~~" in norm)
    has_hint = "{" in norm and "{%" in norm
    if not has_fence and not has_hint:
        return flags
    fence_len, closing, longest = _fence_lines(doc, i) if has_fence else ({}, _NO_CLOSING, {})
    hints: list[int] = []
    last_endhint = -1
    if has_hint:
        for x in lines_at(doc, _HINT_TAG_RE, anchored=False):
            if x >= i:
                hints.append(x)
                if _HINT_CLOSE_RE.search(lines[x]):
                    last_endhint = x
    candidates = sorted(set(fence_len).union(hints))
    hint_set = set(hints)
    for x in candidates:
        if x < i:
            continue  # inside a block opened before
        line = lines[x]
        fl = fence_len.get(x)
        if fl is not None:
            ch, length = fl
            info = line.strip()[length:]
            where = closing[ch]
            k = bisect.bisect_right(where, x)
            if not (ch == "`" and "`" in info) and longest[ch][k] >= length:
                # the first closing fence after x of this char, at least as long
                while fence_len[where[k]][1] < length:
                    k += 1
                j = where[k]
                flags[x] |= BLOCKED | CODE | BOUNDARY
                flags[x + 1 : j + 1] = [BLOCKED | CODE] * (j - x)
                flags[j] |= BOUNDARY
                i = j + 1
                continue
        if x in hint_set:
            flags[x] |= BOUNDARY
            if _HINT_OPEN_RE.search(line) and last_endhint > x:
                flags[x] |= BLOCKED
                j = n
                for y in hints[bisect.bisect_right(hints, x) :]:
                    if _HINT_CLOSE_RE.search(lines[y]):
                        j = y
                        break
                flags[x + 1 : j] = [BLOCKED] * (j - x - 1)
                if j < n:
                    flags[j] |= BLOCKED | BOUNDARY
                i = j + 1
                continue
        i = x + 1
    return flags


class LineMemo(dict[str, Any]):
    """Answers of a pure rule on one line, by line: the same lines come back in every
    version of a notice and in every re-parsed region (the index parses one notice's
    versions in a row). Lines over ``line_max`` characters are not kept and the memo is
    emptied when it holds ``size`` answers: at most about ``size * line_max`` characters
    (8 MB by default)."""

    __slots__ = ("line_max", "rule", "size")

    def __init__(self, rule: Callable[[str], Any], size: int = 1 << 13, line_max: int = 1000):
        super().__init__()
        self.rule, self.size, self.line_max = rule, size, line_max

    def __missing__(self, line: str) -> Any:
        answer = self.rule(line)
        if len(line) <= self.line_max:
            if len(self) >= self.size:
                self.clear()
            self[line] = answer
        return answer


def atx_heading(line: str) -> tuple[int, str] | None:
    """``(level, clean text)`` of an ATX heading line (``## Title ##``), else None."""
    if "#" not in line[:4]:
        return None
    return _ATX_MEMO[line]


def _atx_heading_rule(line: str) -> tuple[int, str] | None:
    """:func:`atx_heading` without its memo."""
    if "#" not in line[:4]:
        return None
    m = _ATX_RE.match(line)
    if not m:
        return None
    content = line[m.end() :].rstrip()
    close = _ATX_CLOSE_RE.search(content)
    if close:
        content = content[: close.start()]
    clean = clean_inline(content)
    if not clean:
        return None
    return len(m.group(1)), clean


def _bold_line_text(body: str) -> str | None:
    """Clean text of a line made only of strong spans, else None."""
    if len(body) < 5 or len(body) > INFERRED_RAW_MAX:
        return None
    for delim in ("**", "__"):
        if delim not in body[:4] or delim not in body[-4:]:
            continue
        parts = body.split(delim)
        if len(parts) % 2 == 0 or len(parts) < 3:
            continue
        outside_ok = all(not parts[k].strip().strip("*_").strip() for k in range(0, len(parts), 2))
        inside_ok = all(parts[k].strip() for k in range(1, len(parts), 2))
        if outside_ok and inside_ok:
            return clean_inline(body)
    return None


def bold_heading(body: str) -> str | None:
    """Clean text of a bold line that may be a heading (the limits of the module
    docstring), else None."""
    return _BOLD_MEMO[body]


def _bold_heading_rule(body: str) -> str | None:
    """:func:`bold_heading` without its memo."""
    clean = _bold_line_text(body)
    if not clean:
        return None
    if len(clean) > BOLD_MAX_CHARS:
        return None
    words = len(clean.split())
    if words > BOLD_MAX_WORDS:
        return None
    last = clean.rstrip(_CLOSERS)[-1:] or clean[-1]
    if last in ",;，；":
        return None
    if last in ".。" and words > BOLD_SENTENCE_MAX_WORDS:
        return None
    if last in ":：" and words > BOLD_LABEL_MAX_WORDS:
        return None
    if not any(ch.isalnum() for ch in clean) or is_link_only(body):
        return None
    if is_date_stamp(clean):
        return None
    return clean


_ATX_MEMO = LineMemo(_atx_heading_rule)
_BOLD_MEMO = LineMemo(_bold_heading_rule)


def plain_heading(body: str) -> str | None:
    """Clean text of a plain-text heading candidate (blank lines checked by caller)."""
    if len(body) > INFERRED_RAW_MAX:
        return None
    first = body[0]
    if first in "#>|{<!" or LIST_RE.match(body) or is_table_row(body):
        return None
    if _ENUMERATOR_RE.match(body):
        return None
    if first in "`~" and FENCE_RE.match(body):
        return None
    if is_thematic_break(body) or setext_char(body):
        return None
    clean = clean_inline(body)
    if not clean or len(clean) > PLAIN_MAX_CHARS or len(clean.split()) > PLAIN_MAX_WORDS:
        return None
    if clean[-1] in FINAL_PUNCT or clean.rstrip(_CLOSERS)[-1:] in tuple(FINAL_PUNCT):
        return None
    if ";" in clean or clean.rsplit(None, 1)[-1].casefold() in DANGLING_WORDS:
        return None
    if not any(ch.isalpha() for ch in clean) or not _first_letter_ok(clean):
        return None
    if is_link_only(body) or is_date_stamp(clean):
        return None
    return clean


@dataclass(slots=True)
class Doc:
    """A text split into lines once, with what every rule needs: offsets and block flags."""

    text: str
    lines: list[str]
    starts: list[int]
    nexts: list[int]
    norm: str
    """``text`` with ``"\\n"`` line breaks (``text`` itself when it has no ``"\\r"``)."""
    nstarts: list[int]
    """Line starts in ``norm``."""
    flags: list[int]


def prepare(text: str) -> Doc:
    """The :class:`Doc` of ``text`` (lines, offsets, block flags)."""
    lines, starts, nexts = _line_spans(text)
    if "\r" not in text:
        norm, nstarts = text, starts
    else:
        norm = "\n".join(lines)
        nstarts = list(
            map(operator.add, itertools.accumulate(map(len, lines), initial=0), range(len(lines)))
        )
    doc = Doc(text, lines, starts, nexts, norm, nstarts, [])
    doc.flags = _scan_blocks(doc)
    return doc
