"""Heading detection over a whole document, and the sections it gives."""

from __future__ import annotations

import bisect
import itertools
import re

from notices_repo.text.sections.inline import clean_inline
from notices_repo.text.sections.lines import (
    BLOCKED,
    FENCE_RE,
    FINAL_PUNCT,
    LIST_RE,
    SETEXT_FIRST,
    THEMATIC_FIRST,
    Doc,
    atx_heading,
    bold_heading,
    is_blank,
    is_table_row,
    is_thematic_break,
    plain_heading,
    prepare,
    setext_char,
)
from notices_repo.text.sections.records import (
    INFERRED_RAW_MAX,
    PLAIN_MAX_WORDS,
    SETEXT_MAX_PARAGRAPH_LINES,
    Section,
)

# (first line, last line, level, heading)
Heading = tuple[int, int, int, str]

# Lines that may be (or underline) a heading, or end a paragraph: a setext underline
# (group "u": the line above is a candidate too), an ATX opener, a line starting with
# a strong delimiter within its first four characters (bold line), a thematic break.
# A superset: each candidate still goes through the same checks as before.
# The lookahead on the first character rejects most lines before any alternative is
# tried (2-3x faster than without it).
EVENT_RE = re.compile(
    r"\n(?=[#*_=\-]|[^\S\n])"
    r"(?:(?P<u> {0,3}(?:=+|-+)[ \t]*$)"
    r"| {0,3}#"
    r"|[^\S\n]*(?:\*\*|__|[*_](?:\*\*|__)|[*_][^\n](?:\*\*|__))"
    r"|[ \t]*[*\-_][ \t]*[*\-_][ \t]*[*\-_])",
    re.MULTILINE,
)


def _event_lines(doc: Doc) -> list[int]:
    """Sorted numbers of the candidate lines of :data:`EVENT_RE` (and line 0)."""
    nstarts = doc.nstarts
    n = len(doc.lines)
    found = {0}
    add = found.add
    bisect_right = bisect.bisect_right
    for m in EVENT_RE.finditer(doc.norm):
        i = bisect_right(nstarts, m.start() + 1) - 1
        if i < n:
            add(i)
            if m.group("u") is not None:
                add(i - 1)
    found.discard(-1)
    return sorted(found)


def _setext_heading(lines: list[str], first: int, last: int, under: str) -> Heading | None:
    """The setext heading of paragraph lines ``first`` to ``last`` underlined by ``under``.

    Only the last line is kept when the paragraph has more than
    :data:`SETEXT_MAX_PARAGRAPH_LINES` lines; the level is 1 for ``=``, else 2. None when
    the heading's text is empty once cleaned. Shared by :func:`detect_headings` and its
    reference :func:`_detect_all_lines`: they find the paragraph each their own way, but
    build the heading by this one rule.
    """
    if last - first + 1 > SETEXT_MAX_PARAGRAPH_LINES:
        first = last
    clean = clean_inline(" ".join(lines[first : last + 1]))
    if not clean:
        return None
    return (first, last + 1, 1 if under == "=" else 2, clean)


def _paragraph_above(
    lines: list[str], flags: list[int], i: int, lo: int, cache: tuple[int, int, bool]
) -> tuple[int, int, bool]:
    """The paragraph above line ``i``: back to a blank or flagged line, or to ``lo`` (a
    paragraph restarts there). ``(first line, i, all its lines are paragraph lines)``;
    ``cache`` is the previous answer, reused when it ends right above."""
    k = i - 1
    ok = True
    para_start = lo
    while k >= lo:
        if k == cache[1] - 1 and cache[0] >= lo:
            para_start = cache[0]
            ok = ok and cache[2]
            break
        other = lines[k]
        if flags[k] or not other or other.isspace():
            para_start = k + 1
            break
        ok = ok and paragraph_line(other.strip())
        k -= 1
    return (para_start, i, ok)


def detect_headings(doc: Doc) -> tuple[list[Heading], list[Heading]]:
    """Headings of ``doc``, and those of them given by markup (the same list, unless
    plain-text headings were inferred).

    Only candidate lines (:func:`_event_lines`) are looked at, in order, with the same
    rules as :func:`_detect_all_lines`; the state those rules keep between lines (is the
    previous line blank, where does the current paragraph start) is recovered from the
    neighbouring lines, since every other line is plain paragraph text. In a document
    without section markup of its own, plain-text headings are looked for among the
    lines between blank lines (:func:`_plain_headings`).
    """
    lines, flags = doc.lines, doc.flags
    n = len(lines)
    markup: list[Heading] = []
    section_markup = 0
    true_at = -1  # last line after which the next line starts a block (prev_blank)
    para_reset = -1  # last line after which a new paragraph starts
    skip = -1  # a setext underline already consumed
    opens: list[int] = []  # lines after which the next line starts a block
    # the paragraph above a line, cached: (first line, up to line (excl.), all lines ok)
    cache = (-1, -1, True)
    for i in _event_lines(doc):
        if i <= skip or flags[i]:
            continue
        line = lines[i]
        if not line or line.isspace():
            continue
        if "#" in line[:4]:
            atx = atx_heading(line)
            if atx is not None:
                level, clean = atx
                markup.append((i, i, level, clean))
                section_markup += level >= 2
                true_at = para_reset = i
                opens.append(i)
                continue
        body = line.strip()
        if i + 1 < n and not flags[i + 1] and lines[i + 1][:1] in SETEXT_FIRST:
            under = setext_char(lines[i + 1])
            if under and paragraph_line(body):
                cache = _paragraph_above(lines, flags, i, para_reset + 1, cache)
                para_start, ok = cache[0], cache[2]
                if para_start >= i or ok:
                    first = para_start if para_start < i else i
                    heading = _setext_heading(lines, first, i, under)
                    if heading is not None:
                        markup.append(heading)
                        section_markup += heading[2] >= 2
                        true_at = para_reset = skip = i + 1
                        opens.append(i + 1)
                        continue
        if body[:1] in "*_" and (
            i == 0 or true_at == i - 1 or flags[i - 1] or is_blank(lines[i - 1])
        ):
            bold = bold_heading(body) if not LIST_RE.match(body) else None
            if bold is not None:
                markup.append((i, i, 2, bold))
                section_markup += 1
                para_reset = i
                continue
        if line[0] in THEMATIC_FIRST and is_thematic_break(line):
            true_at = para_reset = i
            opens.append(i)
    if len(markup) > 1 or section_markup:
        return markup, markup
    if any(flags):
        return _detect_all_lines(doc), markup
    plain = _plain_headings(doc, markup, opens)
    if not plain:
        return markup, markup
    taken = {h[0] for h in markup}
    merged = markup + [h for h in plain if h[0] not in taken]
    merged.sort()
    return merged, markup


def _plain_headings(doc: Doc, markup: list[Heading], opens: list[int]) -> list[Heading]:
    """Plain-text headings of a document without flagged lines or section markup.

    The candidates of :func:`_detect_all_lines`: a line that starts a block (the first
    line, or after a blank line or a line in ``opens``), followed by a blank line, not
    part of a markup heading.
    """
    lines = doc.lines
    n = len(lines)
    if n < 2:
        return []
    blank = [not line or line.isspace() for line in lines]
    candidates = [
        i
        for i, (before, this, after) in enumerate(zip(blank, blank[1:], blank[2:], strict=False), 1)
        if before and after and not this
    ]
    extra = [k + 1 for k in opens if k + 2 < n and blank[k + 2] and not blank[k + 1]]
    if blank[1] and not blank[0]:
        extra.append(0)
    if extra:
        candidates = sorted(set(candidates).union(extra))
    covered = {x for first, last, _, _ in markup for x in range(first, last + 1)}
    out: list[Heading] = []
    for i in candidates:
        if i in covered:
            continue
        body = lines[i].strip()
        if (
            len(body) <= INFERRED_RAW_MAX
            and body[-1] not in FINAL_PUNCT
            and body.count(" ") <= 8 * PLAIN_MAX_WORDS
        ):
            clean = plain_heading(body)
            if clean is not None:
                out.append((i, i, 2, clean))
    return out


def _detect_all_lines(doc: Doc) -> list[Heading]:
    # long: the reference walk, every rule in one pass, as the docstring reads.
    """Headings of ``doc``, every line looked at (plain-text headings included).

    The reference for :func:`detect_headings`, used for documents without section
    markup of their own.
    """
    lines, flags = doc.lines, doc.flags
    n = len(lines)
    markup: list[Heading] = []
    plain_candidates: list[int] = []
    section_markup = 0
    para_start = -1  # first line of the current paragraph, -1 when none
    para_ok = False  # the current paragraph can take a setext underline
    prev_blank = True  # previous line blank, start of text or a block boundary
    blank = [not line or line.isspace() for line in lines]
    i = 0
    while i < n:
        line = lines[i]
        if flags[i] or blank[i]:  # every flag blocks headings or ends a block
            para_start, para_ok, prev_blank = -1, False, True
            i += 1
            continue
        atx = atx_heading(line) if "#" in line[:4] else None
        if atx is not None:
            level, clean = atx
            markup.append((i, i, level, clean))
            section_markup += level >= 2
            para_start, para_ok, prev_blank = -1, False, True
            i += 1
            continue
        body = line.strip()
        # Setext underline under the current paragraph.
        if i + 1 < n and not flags[i + 1] and lines[i + 1][:1] in SETEXT_FIRST:
            under = setext_char(lines[i + 1])
            if under and paragraph_line(body) and (para_start < 0 or para_ok):
                first = para_start if para_start >= 0 else i
                heading = _setext_heading(lines, first, i, under)
                if heading is not None:
                    markup.append(heading)
                    section_markup += heading[2] >= 2
                    para_start, para_ok, prev_blank = -1, False, True
                    i += 2
                    continue
        if prev_blank:
            bold = bold_heading(body) if body[:1] in "*_" and not LIST_RE.match(body) else None
            if bold is not None:
                markup.append((i, i, 2, bold))
                section_markup += 1
                # A bold line right after a bold heading continues its block
                # (address lines, sub-labels): it does not start another section.
                para_start, para_ok, prev_blank = -1, False, False
                i += 1
                continue
            if (
                i + 1 < n
                and blank[i + 1]
                and not flags[i + 1] & BLOCKED
                and len(body) <= INFERRED_RAW_MAX
                and body[-1] not in FINAL_PUNCT
                and body.count(" ") <= 8 * PLAIN_MAX_WORDS
            ):
                plain_candidates.append(i)
        if line[0] in THEMATIC_FIRST and is_thematic_break(line):
            para_start, para_ok, prev_blank = -1, False, True
        elif para_start < 0:
            para_start, para_ok, prev_blank = i, paragraph_line(body), False
        else:
            para_ok = para_ok and paragraph_line(body)
            prev_blank = False
        i += 1
    # Plain-text headings only when the document has no section markup of its own
    # (at most one level-1 title).
    if not plain_candidates or len(markup) > 1 or section_markup:
        return markup
    plain: list[Heading] = []
    for i in plain_candidates:
        clean = plain_heading(lines[i].strip())
        if clean is not None:
            plain.append((i, i, 2, clean))
    taken = {h[0] for h in markup}
    merged = markup + [h for h in plain if h[0] not in taken]
    merged.sort()
    return merged


def paragraph_line(body: str) -> bool:
    """A line that can be (part of) a setext heading's paragraph."""
    if not body:
        return False
    first = body[0]
    if first in "*+-•·●◦▪‣⁃0123456789" and LIST_RE.match(body):
        return False
    if first in "|>{" or is_table_row(body) or is_thematic_break(body):
        return False
    return not (first in "`~" and FENCE_RE.match(body))


def sections_from(doc: Doc, headings: list[Heading]) -> list[Section]:
    """The sections of ``doc`` given its headings (a preamble first when text precedes them)."""
    text = doc.text
    total = len(text)
    if total == 0:
        return []
    sections: list[Section] = []
    starts, nexts = doc.starts, doc.nexts
    first_start = starts[headings[0][0]] if headings else total
    if first_start > 0:
        sections.append(Section("", 0, 0, 0, first_start))
    for k, (first, last, level, clean) in enumerate(headings):
        start = starts[first]
        end = starts[headings[k + 1][0]] if k + 1 < len(headings) else total
        body_start = min(nexts[last], end)
        sections.append(Section(clean, level, start, body_start, end))
    return sections


def split_sections(text: str) -> list[Section]:
    """Split ``text`` into contiguous sections covering it exactly.

    Returns ``[]`` only for ``""``. ``sections[0].start == 0``,
    ``sections[i].end == sections[i + 1].start`` and ``sections[-1].end == len(text)``.
    Text before the first heading is the preamble (level 0, heading ``""``), omitted
    only when empty. See the module docstring for the heading rules.
    """
    if not isinstance(text, str) or not text:
        return []
    doc = prepare(text)
    return sections_from(doc, detect_headings(doc)[0])


def section_text(text: str, section: Section) -> str:
    """The body of ``section``: ``text[section.body_start:section.end]``."""
    return text[section.body_start : section.end]


def valid_sections(text: str, sections: list[Section]) -> bool:
    """Whether ``sections`` cover ``text`` exactly, in order, each well formed."""
    if not sections or not all(isinstance(s, Section) for s in sections):
        return False
    if sections[0].start != 0 or sections[-1].end != len(text):
        return False
    for a, b in itertools.pairwise(sections):
        if a.end != b.start:
            return False
    return all(s.start <= s.body_start <= s.end for s in sections)
