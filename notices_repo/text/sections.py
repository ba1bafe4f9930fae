"""Sections, headings, data categories and titles of a notice text (pure, no I/O).

A notice is split into contiguous sections that cover the whole text exactly: an
optional preamble (level 0, heading ``""``) followed by one section per heading. The
diff engine, the search index and the ``show`` command rely on that coverage.

Headings recognised, in order of precedence for a line:

* ATX headings: ``#`` .. ``######`` followed by a space (or nothing), at most three
  spaces of indentation, optional closing ``#``'s. Level = number of ``#``.
* Setext headings: a paragraph line followed by a ``===`` (level 1) or ``---``
  (level 2) underline. A paragraph of up to three lines becomes the heading as in
  CommonMark; for a longer paragraph only its last line does. A ``---`` after a blank
  line (or after a list item, table row, heading...) is a thematic break, not a heading.
* Bold lines: a line made only of strong spans (``**Heading**``, ``__Heading__``,
  ``**A.** **Title**``), not a list item, that starts a block (first line, or after a
  blank line, a heading or a block boundary; a bold line right after a bold heading
  does not start another one). Level 2. ``### **Heading**`` is an ATX heading of level
  3. Rules, chosen on the Open Terms Archive corpus where bold paragraphs and bold
  lead-ins are common: clean text of at most 120 characters and 20 words; not ending
  with ``,`` or ``;``; a final ``.`` only within 8 words (``P. HOW TO CONTACT US.``)
  and a final ``:`` only within 4 words (``Best Practices:``, but not ``Here are some
  examples of common violations:``); not link-only; not a date stamp.
* Plain-text headings (``.txt`` notices like the seed): a line between blank lines (or
  the first line followed by a blank line) whose clean text has at most 80 characters
  and 12 words, contains a letter, does not start with a lower-case letter, has no
  final punctuation (``. , ; : ! ? …``) and no ``;``, does not end with a function word
  (``and``, ``of``, ``the``, ``at``...: a fragment of a hard-wrapped sentence), and is
  not a list item (bullets, ``1.``, ``(a)``, ``iv)``), table row, link-only line,
  blockquote, HTML tag line, template tag, date stamp or code fence. They are
  recognised only when the document has no section markup of its own (no Markdown or
  bold heading other than at most one level-1 title): in a document that marks its
  sections up, such lines are address lines, labels and captions.

Never headings: lines inside fenced code blocks (paired ````` ``` ````` / ``~~~``),
inside GitBook ``{% hint %}`` .. ``{% endhint %}`` blocks (they are content of the
section they are in; the tags are not headings either), inside YAML front matter at the
very start (``---`` .. ``---``/``...`` whose first line is a ``key:``; it is part of the
preamble), and empty headings (clean text ``""``; ``""`` is reserved for the preamble).
An unclosed fence or hint tag does not open a block (a stray ````` ``` ````` must not
swallow the rest of a scraped document).

Date-stamp lines (``Effective Date: December 9th, 2023``, ``Last updated``,
``(Effective as of July 30, 2026)``, a bare ``8 October 2025``) are never inferred
headings (plain or bold); explicit ATX/setext markup is kept as written.

Everything is processed line by line with linear regular expressions: a 1 MB document
or a single line of 65,000+ characters splits in milliseconds. No function here raises
on any ``str`` input.
"""

from __future__ import annotations

import bisect
import html
import itertools
import operator
import re
from dataclasses import dataclass
from typing import Any

__all__ = [
    "DataCategory",
    "Section",
    "Structure",
    "clean_inline",
    "find_data_categories",
    "find_title",
    "is_date_stamp",
    "parse_structure",
    "section_text",
    "split_sections",
]


@dataclass(frozen=True, slots=True)
class Section:
    """A contiguous part of a notice: a heading and the text up to the next heading.

    ``heading`` is clean text (no ``#``, no ``**``, links reduced to their text,
    whitespace collapsed), ``""`` for the preamble. ``level`` is 0 for the preamble,
    1-6 for Markdown levels, 2 for bold-line and plain-text headings. ``start`` is the
    offset of the heading line, ``body_start`` the offset just after the heading
    line(s), ``end`` the exclusive end (the next section's ``start``).
    """

    heading: str
    level: int
    start: int
    body_start: int
    end: int


@dataclass(frozen=True, slots=True)
class DataCategory:
    """A named list item (``* **Account Data:** Information such as ...``).

    ``section`` is the heading of the section the item is in and ``section_index`` its
    index in ``split_sections(text)``; ``start``/``end`` are the offsets of the item in
    the text (from its list marker to the end of its last line, trailing blanks
    excluded).
    """

    name: str
    description: str
    section: str
    section_index: int
    start: int
    end: int


# ---------------------------------------------------------------------------
# Limits (documented in the module docstring)

PLAIN_MAX_CHARS = 80
PLAIN_MAX_WORDS = 12
BOLD_MAX_CHARS = 120
BOLD_MAX_WORDS = 20
BOLD_SENTENCE_MAX_WORDS = 8
BOLD_LABEL_MAX_WORDS = 4
SETEXT_MAX_PARAGRAPH_LINES = 3
CATEGORY_NAME_MAX_CHARS = 60
CATEGORY_NAME_MAX_WORDS = 6
TITLE_MAX_CHARS = 120
TITLE_SCAN_LINES = 10
# Raw lines longer than this cannot give a bold or plain heading within the limits
# above (links can be long, hence the margin); skipping them keeps long lines cheap.
_INFERRED_RAW_MAX = 2000

# ---------------------------------------------------------------------------
# Inline cleaning (all regexes are linear: possessive quantifiers, bounded classes)

_IMAGE_RE = re.compile(
    r"!\[[^\[\]\n]*+\]\((?:<[^<>\n]*+>|(?:[^()\s]|\([^()\s]*+\))*+)"
    r"(?:\s++(?:\"[^\"\n]*+\"|'[^'\n]*+'))?\s*+\)"
)
_LINK_RE = re.compile(
    r"\[([^\[\]\n]*+)\]\((?:<[^<>\n]*+>|(?:[^()\s]|\([^()\s]*+\))*+)"
    r"(?:\s++(?:\"[^\"\n]*+\"|'[^'\n]*+'))?\s*+\)"
)
_REFLINK_RE = re.compile(r"\[([^\[\]\n]*+)\]\[[^\[\]\n]*+\]")
_AUTOLINK_RE = re.compile(r"<((?:https?|ftp|mailto):[^<>\s]*+)>", re.IGNORECASE)
_HTML_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*+(?:\s[^<>]*+)?/?>")
_HTML_COMMENT_RE = re.compile(r"<!--.*?-->")
# Emphasis/code delimiters not between two letters/digits (snake_case and 5*3 stay).
_EMPHASIS_RE = re.compile(r"(?<![\\*_~`])(?<![^\W_])[*_~`]++|(?<![\\*_~`])[*_~`]++(?![^\W_])")
_ESCAPE_RE = re.compile(r"\\([!-/:-@\[-`{-~])")
_BARE_URL_RE = re.compile(r"(?:https?://|www\.)\S++|\S+@\S+\.\S++", re.IGNORECASE)
# kramdown attribute lists ``{: #id .class }`` and a heading id ``{#id}`` at the end: markup
# (notices_repo.text.body removes them from the text the same way).
_KRAMDOWN_RE = re.compile(
    r"\{:(?:[^{}\n\"']|\"[^\"\n]*+\"|'[^'\n]*+')*+\}|\{#[A-Za-z][\w:.-]*+\}\s*+$"
)


def clean_inline(raw: str) -> str:
    """Return ``raw`` as plain text: inline Markdown/HTML removed, whitespace collapsed.

    Images are dropped, links reduced to their text, emphasis/code delimiters, HTML
    tags and kramdown attribute lists removed, backslash escapes and HTML entities
    resolved, every run of whitespace (including newlines and non-breaking spaces)
    replaced by one space, ends stripped.
    """
    s = raw
    if "{" in s and ("{:" in s or "{#" in s):
        s = _KRAMDOWN_RE.sub(" ", s)
    if "](" in s or "][" in s:
        s = _IMAGE_RE.sub("", s)
        s = _LINK_RE.sub(r"\1", s)
        s = _REFLINK_RE.sub(r"\1", s)
    if "<" in s:
        s = _HTML_COMMENT_RE.sub("", s)
        s = _AUTOLINK_RE.sub(r"\1", s)
        s = _HTML_TAG_RE.sub(" ", s)
    if "*" in s or "_" in s or "~" in s or "`" in s:
        s = _EMPHASIS_RE.sub("", s)
    if "\\" in s:
        s = _ESCAPE_RE.sub(r"\1", s)
    if "&" in s:
        s = html.unescape(s)
    return " ".join(s.split())


def _is_link_only(raw: str) -> bool:
    """True when a line is only links, images, URLs and punctuation (navigation)."""
    s = _IMAGE_RE.sub("", raw)
    s = _LINK_RE.sub("", s)
    s = _REFLINK_RE.sub("", s)
    s = _AUTOLINK_RE.sub("", s)
    s = _BARE_URL_RE.sub("", s)
    return not any(ch.isalnum() for ch in s)


# ---------------------------------------------------------------------------
# Date stamps

_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    r"|janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre"
    r"|novembre|d[ée]cembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto"
    r"|se?tiembre|octubre|noviembre|diciembre"
)
_DATE_RE = re.compile(
    rf"\b(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{2,4}}\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th|er)?\.?\s+(?:de\s+)?(?:{_MONTHS})\.?,?\s+(?:de\s+)?\d{{4}}\b"
    rf"|\b(?:{_MONTHS})\.?,?\s+(?:de\s+)?\d{{4}}\b"
    r"|\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b\d{4}[/.]\d{1,2}[/.]\d{1,2}\b",
    re.IGNORECASE,
)
_STAMP_LABEL_RE = re.compile(
    r"\W*+(?:(?:date\s+of\s+)?last\s+)?"
    r"(?:updated|update|modified|revised|revision|effective|dated|date|version"
    r"|release\s+date|released|published|amended|posted"
    r"|en\s+vigueur|derni[èe]re\s+mise\s+[àa]\s+jour|mise?\s+[àa]\s+jour|vigente"
    r"|fecha|[úu]ltima\s+actualizaci[óo]n|actualizado)\b",
    re.IGNORECASE,
)


def is_date_stamp(clean: str) -> bool:
    """True for a date-stamp line such as ``Effective Date: December 9th, 2023``.

    A stamp is a date label (``Last updated``, ``Effective``, ``Revised``, ``Version``,
    ``Date``, French/Spanish equivalents) followed by nothing, or by text holding a digit
    or a date; or a short line (at most 6 words) holding a date (``8 October 2025``).
    ``Updated Terms of Service`` or ``Version History`` are not stamps.
    """
    m = _STAMP_LABEL_RE.match(clean)
    if m:
        rest = clean[m.end() :]
        if not any(ch.isalnum() for ch in rest) or any(ch.isdigit() for ch in rest):
            return True
        if _DATE_RE.search(rest):
            return True
    return len(clean.split()) <= 6 and _DATE_RE.search(clean) is not None


# ---------------------------------------------------------------------------
# Line classification

_ATX_RE = re.compile(r" {0,3}(#{1,6})(?:[ \t]|$)")
_ATX_CLOSE_RE = re.compile(r"(?:^|[ \t])#++[ \t]*$")
_LIST_RE = re.compile(r"[ \t]*+(?:[*+\-•·●◦▪‣⁃]|\d{1,9}[.)])(?:[ \t]++|$)")
# A line ending with one of these is a fragment of a hard-wrapped sentence.
_DANGLING_WORDS = frozenset(
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
_FENCE_RE = re.compile(r" {0,3}(`{3,}|~{3,})(.*)$")
_HINT_OPEN_RE = re.compile(r"\{%-?\s*hint\b")
_HINT_CLOSE_RE = re.compile(r"\{%-?\s*endhint\b")
_FRONT_KEY_RE = re.compile(r"[A-Za-z_][\w -]*:")
_FRONT_TITLE_RE = re.compile(r"title[ \t]*:[ \t]*(.*)$", re.IGNORECASE)
_FINAL_PUNCT = ".,;:!?…。，；：！？"
_CLOSERS = "\"'”’»)]】」』"

# Line flags
_BLOCKED = 1  # inside front matter, a fenced code block or a hint block (no headings)
_CODE = 2  # inside front matter or a fenced code block (no list items either)
_BOUNDARY = 4  # fence line, hint tag, front matter delimiter: ends a block


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


def _is_blank(line: str) -> bool:
    return not line or line.isspace()


def _setext_char(line: str) -> str:
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


_SETEXT_FIRST = " =-"
_THEMATIC_FIRST = " \t*-_"
_THEMATIC_RE = re.compile(r" {0,3}+(?:\t[ \t]*+)?([*\-_])(?:[ \t]*+\1){2,}+\s*+\Z")
_SETEXT_START_RE = re.compile(r" {0,3}[=\-]")


def _is_thematic_break(line: str) -> bool:
    """Three or more of one of ``*-_`` with only spaces and tabs between them, after
    at most three spaces of indentation (then tabs), trailing whitespace allowed."""
    return _THEMATIC_RE.match(line) is not None


def _is_table_row(body: str) -> bool:
    return body.startswith("|") or (body.endswith("|") and "|" in body[:-1])


def _is_tag_line(body: str) -> bool:
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
_FENCE_LINE_RE = re.compile(r"\n {0,3}(?:`{3}|~{3})")
_HINT_TAG_RE = re.compile(r"\{%")


def _lines_at(doc: _Doc, pattern: re.Pattern[str], anchored: bool = True) -> list[int]:
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


def _scan_blocks(doc: _Doc) -> list[int]:
    """Flag front matter, fenced code blocks and hint blocks (paired only).

    Only fence lines and lines holding ``{%`` are looked at (found by regular
    expressions); every other line of a block is flagged by slice assignment.
    """
    lines = doc.lines
    n = len(lines)
    flags = [0] * n
    i = 0
    # YAML front matter at the very start.
    if n and lines[0].rstrip() == "---":
        j = 1
        while j < n and _is_blank(lines[j]):
            j += 1
        if j < n and _FRONT_KEY_RE.match(lines[j]):
            k = j
            while k < n and lines[k].rstrip() not in ("---", "..."):
                k += 1
            if k < n:
                flags[: k + 1] = [_BLOCKED | _CODE | _BOUNDARY] * (k + 1)
                i = k + 1
    norm = doc.norm
    # one character first: a single-character search is several times faster
    has_fence = ("`" in norm and "```" in norm) or ("~" in norm and "~~~" in norm)
    has_hint = "{" in norm and "{%" in norm
    if not has_fence and not has_hint:
        return flags
    # Fence lines: (char, length); closing fences (nothing but the fence) per char.
    fence_len: dict[int, tuple[str, int]] = {}
    closing: dict[str, list[int]] = {"`": [], "~": []}
    if has_fence:
        for x in _lines_at(doc, _FENCE_LINE_RE):
            if x < i:
                continue
            line = lines[x]
            m = _FENCE_RE.match(line)
            if m:
                ch, length = m.group(1)[0], len(m.group(1))
                fence_len[x] = (ch, length)
                if not line.strip().strip(ch):
                    closing[ch].append(x)
    # Longest closing fence of each char at or after closing[ch][k].
    longest: dict[str, list[int]] = {}
    for ch, where in closing.items():
        best = [0] * (len(where) + 1)
        for k in range(len(where) - 1, -1, -1):
            best[k] = max(best[k + 1], fence_len[where[k]][1])
        longest[ch] = best
    hints: list[int] = []
    last_endhint = -1
    if has_hint:
        for x in _lines_at(doc, _HINT_TAG_RE, anchored=False):
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
                flags[x] |= _BLOCKED | _CODE | _BOUNDARY
                flags[x + 1 : j + 1] = [_BLOCKED | _CODE] * (j - x)
                flags[j] |= _BOUNDARY
                i = j + 1
                continue
        if x in hint_set:
            flags[x] |= _BOUNDARY
            if _HINT_OPEN_RE.search(line) and last_endhint > x:
                flags[x] |= _BLOCKED
                j = n
                for y in hints[bisect.bisect_right(hints, x) :]:
                    if _HINT_CLOSE_RE.search(lines[y]):
                        j = y
                        break
                flags[x + 1 : j] = [_BLOCKED] * (j - x - 1)
                if j < n:
                    flags[j] |= _BLOCKED | _BOUNDARY
                i = j + 1
                continue
        i = x + 1
    return flags


def _atx_heading(line: str) -> tuple[int, str] | None:
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
    if len(body) < 5 or len(body) > _INFERRED_RAW_MAX:
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


def _bold_heading(body: str) -> str | None:
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
    if not any(ch.isalnum() for ch in clean) or _is_link_only(body):
        return None
    if is_date_stamp(clean):
        return None
    return clean


def _plain_heading(body: str) -> str | None:
    """Clean text of a plain-text heading candidate (blank lines checked by caller)."""
    if len(body) > _INFERRED_RAW_MAX:
        return None
    first = body[0]
    if first in "#>|{<!" or _LIST_RE.match(body) or _is_table_row(body):
        return None
    if _ENUMERATOR_RE.match(body):
        return None
    if first in "`~" and _FENCE_RE.match(body):
        return None
    if _is_thematic_break(body) or _setext_char(body):
        return None
    clean = clean_inline(body)
    if not clean or len(clean) > PLAIN_MAX_CHARS or len(clean.split()) > PLAIN_MAX_WORDS:
        return None
    if clean[-1] in _FINAL_PUNCT or clean.rstrip(_CLOSERS)[-1:] in tuple(_FINAL_PUNCT):
        return None
    if ";" in clean or clean.rsplit(None, 1)[-1].casefold() in _DANGLING_WORDS:
        return None
    if not any(ch.isalpha() for ch in clean) or not _first_letter_ok(clean):
        return None
    if _is_link_only(body) or is_date_stamp(clean):
        return None
    return clean


@dataclass(slots=True)
class _Doc:
    text: str
    lines: list[str]
    starts: list[int]
    nexts: list[int]
    norm: str
    """``text`` with ``"\\n"`` line breaks (``text`` itself when it has no ``"\\r"``)."""
    nstarts: list[int]
    """Line starts in ``norm``."""
    flags: list[int]


def _prepare(text: str) -> _Doc:
    lines, starts, nexts = _line_spans(text)
    if "\r" not in text:
        norm, nstarts = text, starts
    else:
        norm = "\n".join(lines)
        nstarts = list(
            map(operator.add, itertools.accumulate(map(len, lines), initial=0), range(len(lines)))
        )
    doc = _Doc(text, lines, starts, nexts, norm, nstarts, [])
    doc.flags = _scan_blocks(doc)
    return doc


# (first line, last line, level, heading)
_Heading = tuple[int, int, int, str]

# Lines that may be (or underline) a heading, or end a paragraph: a setext underline
# (group "u": the line above is a candidate too), an ATX opener, a line starting with
# a strong delimiter within its first four characters (bold line), a thematic break.
# A superset: each candidate still goes through the same checks as before.
# The lookahead on the first character rejects most lines before any alternative is
# tried (2-3x faster than without it).
_EVENT_RE = re.compile(
    r"\n(?=[#*_=\-]|[^\S\n])"
    r"(?:(?P<u> {0,3}(?:=+|-+)[ \t]*$)"
    r"| {0,3}#"
    r"|[^\S\n]*(?:\*\*|__|[*_](?:\*\*|__)|[*_][^\n](?:\*\*|__))"
    r"|[ \t]*[*\-_][ \t]*[*\-_][ \t]*[*\-_])",
    re.MULTILINE,
)


def _event_lines(doc: _Doc) -> list[int]:
    """Sorted numbers of the candidate lines of :data:`_EVENT_RE` (and line 0)."""
    nstarts = doc.nstarts
    n = len(doc.lines)
    found = {0}
    add = found.add
    bisect_right = bisect.bisect_right
    for m in _EVENT_RE.finditer(doc.norm):
        i = bisect_right(nstarts, m.start() + 1) - 1
        if i < n:
            add(i)
            if m.group("u") is not None:
                add(i - 1)
    found.discard(-1)
    return sorted(found)


def _setext_heading(lines: list[str], first: int, last: int, under: str) -> _Heading | None:
    """The setext heading of paragraph lines ``first`` to ``last`` underlined by ``under``.

    Only the last line is kept when the paragraph has more than
    :data:`SETEXT_MAX_PARAGRAPH_LINES` lines; the level is 1 for ``=``, else 2. None when
    the heading's text is empty once cleaned. Shared by :func:`_detect_headings` and its
    reference :func:`_detect_all_lines`: they find the paragraph each their own way, but
    build the heading by this one rule.
    """
    if last - first + 1 > SETEXT_MAX_PARAGRAPH_LINES:
        first = last
    clean = clean_inline(" ".join(lines[first : last + 1]))
    if not clean:
        return None
    return (first, last + 1, 1 if under == "=" else 2, clean)


def _detect_headings(doc: _Doc) -> tuple[list[_Heading], list[_Heading]]:
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
    markup: list[_Heading] = []
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
            atx = _atx_heading(line)
            if atx is not None:
                level, clean = atx
                markup.append((i, i, level, clean))
                section_markup += level >= 2
                true_at = para_reset = i
                opens.append(i)
                continue
        body = line.strip()
        if i + 1 < n and not flags[i + 1] and lines[i + 1][:1] in _SETEXT_FIRST:
            under = _setext_char(lines[i + 1])
            if under and _paragraph_line(body):
                # The paragraph above line i: back to a blank or flagged line or a
                # line after which a paragraph restarts.
                lo = para_reset + 1
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
                    ok = ok and _paragraph_line(other.strip())
                    k -= 1
                cache = (para_start, i, ok)
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
            i == 0 or true_at == i - 1 or flags[i - 1] or _is_blank(lines[i - 1])
        ):
            bold = _bold_heading(body) if not _LIST_RE.match(body) else None
            if bold is not None:
                markup.append((i, i, 2, bold))
                section_markup += 1
                para_reset = i
                continue
        if line[0] in _THEMATIC_FIRST and _is_thematic_break(line):
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


def _plain_headings(doc: _Doc, markup: list[_Heading], opens: list[int]) -> list[_Heading]:
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
    out: list[_Heading] = []
    for i in candidates:
        if i in covered:
            continue
        body = lines[i].strip()
        if (
            len(body) <= _INFERRED_RAW_MAX
            and body[-1] not in _FINAL_PUNCT
            and body.count(" ") <= 8 * PLAIN_MAX_WORDS
        ):
            clean = _plain_heading(body)
            if clean is not None:
                out.append((i, i, 2, clean))
    return out


def _detect_all_lines(doc: _Doc) -> list[_Heading]:
    """Headings of ``doc``, every line looked at (plain-text headings included).

    The reference for :func:`_detect_headings`, used for documents without section
    markup of their own.
    """
    lines, flags = doc.lines, doc.flags
    n = len(lines)
    markup: list[_Heading] = []
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
        atx = _atx_heading(line) if "#" in line[:4] else None
        if atx is not None:
            level, clean = atx
            markup.append((i, i, level, clean))
            section_markup += level >= 2
            para_start, para_ok, prev_blank = -1, False, True
            i += 1
            continue
        body = line.strip()
        # Setext underline under the current paragraph.
        if i + 1 < n and not flags[i + 1] and lines[i + 1][:1] in _SETEXT_FIRST:
            under = _setext_char(lines[i + 1])
            if under and _paragraph_line(body) and (para_start < 0 or para_ok):
                first = para_start if para_start >= 0 else i
                heading = _setext_heading(lines, first, i, under)
                if heading is not None:
                    markup.append(heading)
                    section_markup += heading[2] >= 2
                    para_start, para_ok, prev_blank = -1, False, True
                    i += 2
                    continue
        if prev_blank:
            bold = _bold_heading(body) if body[:1] in "*_" and not _LIST_RE.match(body) else None
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
                and not flags[i + 1] & _BLOCKED
                and len(body) <= _INFERRED_RAW_MAX
                and body[-1] not in _FINAL_PUNCT
                and body.count(" ") <= 8 * PLAIN_MAX_WORDS
            ):
                plain_candidates.append(i)
        if line[0] in _THEMATIC_FIRST and _is_thematic_break(line):
            para_start, para_ok, prev_blank = -1, False, True
        elif para_start < 0:
            para_start, para_ok, prev_blank = i, _paragraph_line(body), False
        else:
            para_ok = para_ok and _paragraph_line(body)
            prev_blank = False
        i += 1
    # Plain-text headings only when the document has no section markup of its own
    # (at most one level-1 title).
    if not plain_candidates or len(markup) > 1 or section_markup:
        return markup
    plain: list[_Heading] = []
    for i in plain_candidates:
        clean = _plain_heading(lines[i].strip())
        if clean is not None:
            plain.append((i, i, 2, clean))
    taken = {h[0] for h in markup}
    merged = markup + [h for h in plain if h[0] not in taken]
    merged.sort()
    return merged


def _paragraph_line(body: str) -> bool:
    """A line that can be (part of) a setext heading's paragraph."""
    if not body:
        return False
    first = body[0]
    if first in "*+-•·●◦▪‣⁃0123456789" and _LIST_RE.match(body):
        return False
    if first in "|>{" or _is_table_row(body) or _is_thematic_break(body):
        return False
    return not (first in "`~" and _FENCE_RE.match(body))


def _sections_from(doc: _Doc, headings: list[_Heading]) -> list[Section]:
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
    doc = _prepare(text)
    return _sections_from(doc, _detect_headings(doc)[0])


def section_text(text: str, section: Section) -> str:
    """The body of ``section``: ``text[section.body_start:section.end]``."""
    return text[section.body_start : section.end]


def _valid_sections(text: str, sections: list[Section]) -> bool:
    if not sections or not all(isinstance(s, Section) for s in sections):
        return False
    if sections[0].start != 0 or sections[-1].end != len(text):
        return False
    for a, b in itertools.pairwise(sections):
        if a.end != b.start:
            return False
    return all(s.start <= s.body_start <= s.end for s in sections)


# ---------------------------------------------------------------------------
# Data categories

# Labels that introduce a remark, not a category of data: ``* Note: see below``.
_NOT_CATEGORY_NAMES = frozenset(
    {
        "note",
        "notes",
        "nb",
        "please note",
        "tip",
        "tips",
        "hint",
        "warning",
        "caution",
        "important",
        "attention",
        "reminder",
        "remember",
        "example",
        "examples",
        "for example",
        "e.g",
        "i.e",
        "see",
        "see also",
        "source",
        "sources",
        "disclaimer",
        "info",
        "faq",
        "question",
        "answer",
        "update",
        "updated",
    }
)
_LEAD_IN_WORDS = frozenset(
    {"including", "include", "includes", "following", "is", "are", "be", "when", "if", "where"}
)
_ITEM_FIRST = "*+-•·●◦▪‣⁃0123456789"
_STAMP_NAME_WORDS = frozenset({"date", "as", "of", "on", "from", "since", "the"})
_DASH_SEPARATORS = ("- ", "– ", "— ")
_SENTENCE_PUNCT_RE = re.compile(r"[.!?;](?:\s|$)|[!?;:]")
_CONTACT_ONLY_RE = re.compile(r"(?:https?://|www\.|mailto:)\S*|\S+@\S+\.\S+|[+\d()\s./-]+")


def _split_named_item(content: str) -> tuple[str, str, bool] | None:
    """``(raw name, raw description, by a period)`` of a list item's content, else None.

    ``by a period``: a bold name followed right away by a period and a sentence
    (``**Voice data**. Microsoft collects...``); such names get stricter checks.
    """
    for delim in ("**", "__"):
        if content.startswith(delim):
            close = content.find(delim, len(delim))
            if close < 0:
                return None
            name = content[len(delim) : close]
            after = content[close + len(delim) :]
            if name.rstrip().endswith(":"):
                return name.rstrip()[:-1], after, False
            stripped = after.lstrip()
            if stripped.startswith(":"):
                return name, stripped[1:], False
            if stripped.startswith(_DASH_SEPARATORS):
                return name, stripped[2:], False
            if after.startswith(".") and after[1:2].isspace():
                rest = after[1:].lstrip()
                if rest and (rest[0].isupper() or rest[0].isdigit() or rest[0] in "\"'“‘(["):
                    return name, rest, True
            return None
    colon = content.find(":", 0, 200)
    if colon <= 0:
        return None
    after = content[colon + 1 :]
    if after and not after[0].isspace():
        return None  # https://, 10:30
    return content[:colon], after, False


# A bold name followed by a period is a category only when it reads as a name, not as
# the subject of a sentence or a fragment of one (``**You may**. ...``).
_SUBJECT_WORDS = frozenset(
    {"i", "we", "you", "he", "she", "it", "they", "this", "that", "don't", "don’t", "never"}
)


def _period_name_ok(name: str) -> bool:
    """A bold name followed by a period: not a sentence's subject, not a fragment."""
    words = name.casefold().split()
    return words[0] not in _SUBJECT_WORDS and words[-1] not in _DANGLING_WORDS


def _lead_in_is_label(content: str, name: str) -> bool:
    """An item with nothing after its colon (``Name:`` over a sub-list) is a category
    only when the name is bold (an explicit label), has no comma and does not end with a
    function word: ``*   You must:`` or ``*   Voter interference, including:`` are the
    first half of a sentence continued by the sub-list."""
    if not content.startswith(("**", "__")) or "," in name:
        return False
    last = name.rsplit(None, 1)[-1].casefold()
    return last not in _DANGLING_WORDS and last not in _LEAD_IN_WORDS


def _balanced(raw_name: str) -> bool:
    """The separator is not inside a link, a parenthesis or a code span."""
    return (
        raw_name.count("[") == raw_name.count("]")
        and raw_name.count("(") == raw_name.count(")")
        and raw_name.count("`") % 2 == 0
    )


def _valid_category_name(name: str) -> bool:
    # One character is a FAQ's Q:/A: or an enumeration, not a name.
    if len(name) < 2 or len(name) > CATEGORY_NAME_MAX_CHARS:
        return False
    if len(name.split()) > CATEGORY_NAME_MAX_WORDS:
        return False
    first = name.lstrip("(\"'“‘[")[:1]
    if not first or not (first.isdigit() or first.isupper()):
        return False
    if _SENTENCE_PUNCT_RE.search(name):
        return False
    if name.casefold().rstrip(".") in _NOT_CATEGORY_NAMES:
        return False
    # Date-stamp labels (``Effective Date: ...``, ``Last updated: ...``).
    m = _STAMP_LABEL_RE.match(name)
    return not (m and set(name[m.end() :].casefold().split()) <= _STAMP_NAME_WORDS)


def _list_content_column(line: str) -> tuple[int, int] | None:
    """(indent, content column) of a list item line, else None."""
    m = _LIST_RE.match(line)
    if not m or m.end() >= len(line.rstrip()):
        return None
    indent = len(line) - len(line.lstrip(" \t"))
    return indent, m.end()


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


# List items that may be named: the content (after the marker and its spaces) starts
# with a strong delimiter, or its first colon is followed by a space or the end of the
# line (``https://`` is not a separator). A superset: _category_at decides.
_ITEM_LINE_RE = re.compile(
    r"\n(?=[ \t*+\-•·●◦▪‣⁃0-9])[ \t]*+(?:[*+\-•·●◦▪‣⁃]|\d{1,9}[.)])[ \t]++"
    r"(?:[^\S\n]*+(?:\*\*|__)|[^\n:]*+:(?=\s|$))",
    re.MULTILINE,
)


def find_data_categories(text: str, sections: list[Section] | None = None) -> list[DataCategory]:
    """Named list items of ``text`` with the section each one belongs to.

    A named item is a list item (``*``, ``-``, ``+``, ``•`` and similar bullets, or
    ``1.``/``1)``) whose content starts with a name and a separator:
    ``**Name:** description``, ``**Name**: description``, ``**Name** - description``,
    ``**Name**. Description`` (a bold name right before a period and a sentence that
    starts with a capital, a digit or a quote; the name must not start with a subject
    pronoun or ``Don't``/``Never``, nor end with a function word: ``**You may**. ...``
    is a sentence) or ``Name: description`` (a colon followed by a space or the end of
    the line). The
    name must be 2 to 60 characters and at most 6 words, start with a capital or a
    digit (after an opening bracket or quote), contain no sentence punctuation
    (``; ! ? :``, or ``.`` followed by a space; ``3.1.1`` is fine), keep its brackets,
    parentheses and code spans balanced (the separator is not inside a link), and not
    be a remark label (``Note``, ``Example``, ``Warning``, ``See also``, ...) or a
    date-stamp label (``Effective Date``, ``Last updated``). Items whose description is
    only a URL, an e-mail address or a number (``* Email: privacy@example.com``) are
    contact details, not categories. An item with nothing after its separator (a label
    over a sub-list) counts only when its name is bold, has no comma and does not end
    with a function word (``* You must:``, ``* Data, including:`` are sentence lead-ins).

    The description is the rest of the item: its first line and continuation lines
    (following non-blank lines that do not start another list item, and paragraphs
    after a blank line that are indented at least to the item's text), cleaned of
    markup. Items in code fences and front matter are ignored; items in hint blocks
    count. ``sections`` may be passed to avoid splitting again; if it does not cover
    ``text`` contiguously it is ignored and recomputed.
    """
    if not isinstance(text, str) or not text:
        return []
    doc = _prepare(text)
    if sections is None or not _valid_sections(text, sections):
        sections = _sections_from(doc, _detect_headings(doc)[0])
    return _categories(doc, sections)


def _categories(doc: _Doc, sections: list[Section]) -> list[DataCategory]:
    """The named list items of a prepared text split into ``sections``.

    Only list item lines (found by a regular expression) are looked at; a line belongs
    to the section its start is in, and counts when it is past that section's heading
    and not inside the previous item.
    """
    starts = doc.starts
    result: list[DataCategory] = []
    count = len(sections)
    index = 0
    section = sections[0]
    consumed = -1
    for i in _lines_at(doc, _ITEM_LINE_RE):
        if i <= consumed:
            continue
        offset = starts[i]
        while index + 1 < count and sections[index + 1].start <= offset:
            index += 1
            section = sections[index]
        if offset < section.body_start or offset >= section.end:
            continue
        found = _category_at(doc, i, section, index)
        if found is not None:
            category, consumed = found
            result.append(category)
    return result


def _category_at(
    doc: _Doc, i: int, section: Section, index: int
) -> tuple[DataCategory, int] | None:
    lines, starts, flags = doc.lines, doc.starts, doc.flags
    line = lines[i]
    if flags[i] & (_CODE | _BOUNDARY) or not line or line.lstrip()[:1] not in _ITEM_FIRST:
        return None
    col = _list_content_column(line)
    if col is None:
        return None
    indent, content_col = col
    content = line[content_col:].strip()
    split = _split_named_item(content)
    if split is None:
        return None
    raw_name, raw_desc, by_period = split
    if not _balanced(raw_name):
        return None
    name = clean_inline(raw_name)
    if not _valid_category_name(name) or (by_period and not _period_name_ok(name)):
        return None
    # Continuation lines.
    n = len(lines)
    end_offset = section.end
    parts = [raw_desc]
    last = i
    j = i + 1
    while j < n and starts[j] < end_offset:
        other = lines[j]
        if flags[j] & (_CODE | _BOUNDARY):
            break
        if _is_blank(other):
            k = j + 1
            while k < n and starts[k] < end_offset and _is_blank(lines[k]):
                k += 1
            if k >= n or starts[k] >= end_offset or flags[k] & (_CODE | _BOUNDARY):
                break
            nxt = lines[k]
            if _indent(nxt) < content_col or _LIST_RE.match(nxt):
                break
            j = k
            continue
        if _LIST_RE.match(other) or _is_thematic_break(other) or _setext_char(other):
            break
        parts.append(other)
        last = j
        j += 1
    description = clean_inline("\n".join(parts))
    if description and _CONTACT_ONLY_RE.fullmatch(description):
        return None
    if not description and not _lead_in_is_label(content, name):
        return None
    start = starts[i] + indent
    end = starts[last] + len(lines[last].rstrip())
    end = max(start, min(end, section.end))
    category = DataCategory(name, description, section.heading, index, start, end)
    return category, last


# A preamble that turns plain-text heading inference off and ends in a blank line, so a
# block parsed after it sees the state it has in the whole text (after a blank line, in a
# document with section markup).
_SENTINEL = "## a\n\n## b\n\n"
_SENTINEL_LEN = len(_SENTINEL)


# ---------------------------------------------------------------------------
# Sections and categories together, and derived from an earlier version

_Head = tuple[int, int, int, str]  # start, body start, level, heading
_Cat = tuple[str, str, int, int]  # name, description, start, end

_COMPARE_STEP = 1 << 14
#: Runs of new blocks closer than this are parsed in one call (a call has a fixed cost).
_MERGE_GAP = 2048
# Where a block starts: after a blank line, at a non-blank character (a blank line
# followed by an indented line does not start one: it may continue a list item).
_BLOCK_SPLIT_RE = re.compile(r"\n\n(?=\S)")


@dataclass(slots=True)
class Structure:
    """Sections and data categories of one text, as :func:`parse_structure` gives them.

    ``same_prefix``/``same_suffix`` say how much of the text equals the previous
    version's when it was derived from it (0 otherwise); ``unchanged`` lists the
    stretches of the text taken over from it, ``(start, end, shift)``: ``text[start:end]
    == previous[start - shift:end - shift]`` with the same headings and categories
    (None when not derived); ``reusable`` whether the next version may be derived from
    this one.
    """

    sections: list[Section]
    categories: list[DataCategory]
    reusable: bool = False
    same_prefix: int = 0
    same_suffix: int = 0
    plain: bool = False
    """Plain-text headings were inferred (the text has no section markup of its own)."""
    markup: list[_Head] | None = None
    """Headings from markup only (kept for plain texts, to tell when markup appears)."""
    facts: tuple[list[_Head], list[int], list[_Cat], list[int]] | None = None
    """Headings and categories as tuples, with their starts (see :func:`_facts_of`)."""
    unchanged: list[tuple[int, int, int]] | None = None


def _facts_of(structure: Structure) -> tuple[list[_Head], list[int], list[_Cat], list[int]]:
    """``(heads, head starts, cats, cat starts)`` of a structure: what a later version
    derived from it takes over (sorted by start; computed once)."""
    facts = structure.facts
    if facts is None:
        heads = [(x.start, x.body_start, x.level, x.heading) for x in structure.sections if x.level]
        cats = [(c.name, c.description, c.start, c.end) for c in structure.categories]
        facts = structure.facts = (heads, [h[0] for h in heads], cats, [c[2] for c in cats])
    return facts


def _block_local(text: str) -> bool:
    """Whether no construct of ``text`` spans blank lines (fences, hint tags, CRs)."""
    # one character first: a single-character search is several times faster
    return not (
        "\r" in text
        or ("`" in text and "```" in text)
        or ("~" in text and "~~~" in text)
        or ("{" in text and "{%" in text)
    )


def _parse_marked(text: str) -> tuple[list[_Head], list[_Cat]]:
    """Headings and categories of ``text`` parsed after a sentinel with section markup.

    The sentinel ends in a blank line and holds two level-2 headings, so the text is
    parsed as it is in a document with section markup (no plain-text headings) and its
    first line starts a block, as it does after a blank line.
    """
    doc = _prepare(_SENTINEL + text)
    sections = _sections_from(doc, _detect_headings(doc)[0])
    heads = [
        (s.start - _SENTINEL_LEN, s.body_start - _SENTINEL_LEN, s.level, s.heading)
        for s in sections
        if s.start >= _SENTINEL_LEN
    ]
    cats = [
        (c.name, c.description, c.start - _SENTINEL_LEN, c.end - _SENTINEL_LEN)
        for c in _categories(doc, sections)
        if c.start >= _SENTINEL_LEN
    ]
    return heads, cats


def _markup_mode(heads: list[_Head]) -> bool:
    """Whether sections.py would infer no plain-text headings (it has section markup)."""
    return len(heads) > 1 or any(level >= 2 for _, _, level, _ in heads)


def _assemble(text: str, heads: list[_Head], cats: list[_Cat], **extra: Any) -> Structure:
    total = len(text)
    sections: list[Section] = []
    if not heads or heads[0][0] > 0:
        sections.append(Section("", 0, 0, 0, heads[0][0] if heads else total))
    for k, (start, body_start, level, heading) in enumerate(heads):
        end = heads[k + 1][0] if k + 1 < len(heads) else total
        sections.append(Section(heading, level, start, min(body_start, end), end))
    starts = [s.start for s in sections]
    categories: list[DataCategory] = []
    for name, description, start, end in cats:
        index = bisect.bisect_right(starts, start) - 1
        section = sections[index]
        categories.append(
            DataCategory(name, description, section.heading, index, start, min(end, section.end))
        )
    return Structure(sections, categories, True, **extra)


def _whole(text: str) -> Structure:
    """The structure of the whole text, parsed at once (not reusable)."""
    doc = _prepare(text)
    sections = _sections_from(doc, _detect_headings(doc)[0])
    return Structure(sections, _categories(doc, sections))


def _full(text: str) -> Structure:
    """The structure of the whole text, parsed at once; reusable when no construct of
    the text spans blank lines (then a later version may be derived from it)."""
    doc = _prepare(text)
    headings, markup = _detect_headings(doc)
    sections = _sections_from(doc, headings)
    structure = Structure(sections, _categories(doc, sections))
    if text.startswith("---") or not _block_local(text):
        return structure
    structure.reusable = True
    heads = _heads_from(doc, markup)
    if not _markup_mode(heads):
        structure.plain, structure.markup = True, heads
    return structure


def _heads_from(doc: _Doc, headings: list[_Heading]) -> list[_Head]:
    """Headings as offsets: ``(start, body start, level, heading)``."""
    starts, nexts = doc.starts, doc.nexts
    total = len(doc.text)
    out: list[_Head] = []
    for k, (first, last, level, clean) in enumerate(headings):
        end = starts[headings[k + 1][0]] if k + 1 < len(headings) else total
        out.append((starts[first], min(nexts[last], end), level, clean))
    return out


def _common_prefix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    i = 0
    step = _COMPARE_STEP
    while i + step <= n and a[i : i + step] == b[i : i + step]:
        i += step
    lo, hi = i, min(i + step, n)
    while lo < hi:  # a[:lo] == b[:lo]; find the first difference in [lo, hi]
        mid = (lo + hi + 1) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: str, b: str, limit: int) -> int:
    n = min(len(a), len(b), limit)
    la, lb = len(a), len(b)
    i = 0
    step = _COMPARE_STEP
    while i + step <= n and a[la - i - step : la - i] == b[lb - i - step : lb - i]:
        i += step
    lo, hi = i, min(i + step, n)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[la - mid : la - lo] == b[lb - mid : lb - lo]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _boundary_before(text: str, limit: int) -> int:
    """Start of the last block that starts before ``limit`` (0 when none)."""
    pos = limit
    while True:
        j = text.rfind("\n\n", 0, pos)
        if j < 0:
            return 0
        k = j + 2
        if k < limit and not text[k].isspace():
            return k
        pos = j + 1


def _boundary_after(text: str, limit: int) -> int:
    """Start of the first block whose separating blank line starts at or after ``limit``."""
    pos = limit
    n = len(text)
    while True:
        j = text.find("\n\n", pos)
        if j < 0 or j + 2 >= n:
            return n
        if not text[j + 2].isspace():
            return j + 2
        pos = j + 1


def _block_starts(pieces: list[str], total: int) -> list[int]:
    """Offsets of the pieces of ``_BLOCK_SPLIT_RE.split(region)`` in the region, and the
    region's length last."""
    starts = list(itertools.accumulate(map((2).__add__, map(len, pieces)), initial=0))
    starts[-1] = total
    return starts


def _may_hold_facts(chunk: str) -> bool:
    """Whether whole blocks parsed in a document with section markup may hold a heading
    or a named list item: some line is a candidate of :func:`_event_lines` or
    :func:`_categories` (prose edited in place has none, and needs no parse)."""
    probe = "\n" + chunk
    return _EVENT_RE.search(probe) is not None or _ITEM_LINE_RE.search(probe) is not None


def _stretch(unchanged: list[tuple[int, int, int]], start: int, end: int, shift: int) -> None:
    """Append an unchanged stretch, merged with the previous one when they touch."""
    if unchanged and unchanged[-1][1] == start and unchanged[-1][2] == shift:
        unchanged[-1] = (unchanged[-1][0], end, shift)
    elif end > start:
        unchanged.append((start, end, shift))


def _reparse_region(
    old: str,
    text: str,
    structure: Structure,
    a: int,
    b_old: int,
    b_new: int,
    unchanged: list[tuple[int, int, int]],
) -> tuple[list[_Head], list[_Cat]]:
    """Headings and categories of ``text[a:b_new]``, reusing the unchanged blocks of
    ``old[a:b_old]`` and parsing each run of new blocks in one call.

    The blocks of both regions are matched by ``rapidfuzz``'s Indel opcodes (the block
    texts are compared in C); an unchanged block's headings and categories are the old
    ones, moved by as much as the block moved. The stretches taken over are appended
    to ``unchanged`` (see :class:`Structure`).
    """
    from rapidfuzz.distance import Indel

    old_region, new_region = old[a:b_old], text[a:b_new]
    old_pieces = _BLOCK_SPLIT_RE.split(old_region)
    new_pieces = _BLOCK_SPLIT_RE.split(new_region)
    old_at = _block_starts(old_pieces, len(old_region))
    new_at = _block_starts(new_pieces, len(new_region))
    all_heads, head_starts, all_cats, cat_starts = _facts_of(structure)
    left = bisect.bisect_left
    heads: list[_Head] = []
    cats: list[_Cat] = []
    # pending: a run of new text to parse, [run_start, run_end) in the new region, and
    # the unchanged stretches after it (parsed with it when the next run is close)
    run_start = run_end = -1
    pending: list[tuple[int, int, int]] = []  # (new start, old start, old end), absolute

    def keep(new_start: int, old_start: int, old_end: int) -> None:
        shift = new_start - old_start
        _stretch(unchanged, new_start, old_end + shift, shift)
        h0, h1 = left(head_starts, old_start), left(head_starts, old_end)
        if h0 < h1:
            heads.extend((hs + shift, hb + shift, lv, hd) for hs, hb, lv, hd in all_heads[h0:h1])
        c0, c1 = left(cat_starts, old_start), left(cat_starts, old_end)
        if c0 < c1:
            cats.extend((nm, ds, cs + shift, ce + shift) for nm, ds, cs, ce in all_cats[c0:c1])

    def flush() -> None:
        chunk = text[a + run_start : a + run_end]
        if _may_hold_facts(chunk):
            found_heads, found_cats = _parse_marked(chunk)
            base = a + run_start
            heads.extend((hs + base, hb + base, lv, hd) for hs, hb, lv, hd in found_heads)
            cats.extend((nm, ds, cs + base, ce + base) for nm, ds, cs, ce in found_cats)
        for stretch in pending:
            keep(*stretch)
        pending.clear()

    for tag, i1, i2, j1, j2 in Indel.opcodes(old_pieces, new_pieces):
        if tag == "equal":
            stretch = (a + new_at[j1], a + old_at[i1], a + old_at[i2])
            if run_start < 0:
                keep(*stretch)
            else:
                pending.append(stretch)
            continue
        if j1 == j2:
            continue  # blocks deleted: nothing to parse
        start, end = new_at[j1], new_at[j2]
        if run_start >= 0 and start - run_end <= _MERGE_GAP:
            pending.clear()  # parse the unchanged blocks in between with the run: one call
        elif run_start >= 0:
            flush()
            run_start = start
        else:
            run_start = start
        run_end = end
    if run_start >= 0:
        flush()
    return heads, cats


#: Texts longer than this are parsed whole, not derived from ``previous``: deriving copies
#: the changed region, which in a huge single-line text is nearly all of it (+200 MB for
#: 50 MB), while parsing whole costs no memory beyond the structure.
DERIVE_MAX = 5_000_000


def parse_structure(text: str, previous: tuple[str, Structure] | None = None) -> Structure:
    """Sections and data categories of ``text``, derived from ``previous`` when possible.

    ``previous`` is the text and structure of an earlier version of the same notice.
    Text outside the changed region (from the block before the first difference to the
    block after the last one) keeps its headings and categories; inside it, blocks the
    previous version also had keep theirs, and each run of new blocks is parsed once. The
    result equals ``split_sections(text)`` and ``find_data_categories(text)``
    (``tests/core/test_search_index.py`` checks that on every version of the real corpus);
    without ``previous`` (or for a text over :data:`DERIVE_MAX`), both are computed in
    one pass over the text.
    """
    if not text:
        return Structure([], [])
    if previous is None or not previous[1].reusable or text.startswith("---"):
        return _full(text)
    old, structure = previous
    if old == text:
        return Structure(
            structure.sections,
            structure.categories,
            True,
            len(text),
            0,
            structure.plain,
            structure.markup,
            structure.facts,
            [(0, len(text), 0)],
        )
    if len(text) > DERIVE_MAX:
        return _full(text)
    p = _common_prefix(old, text)
    s = _common_suffix(old, text, min(len(old), len(text)) - p)
    delta = len(text) - len(old)
    a = _boundary_before(text, p)
    b_new = _boundary_after(text, len(text) - s)
    region = text[a:b_new]
    if not _block_local(region):
        return _whole(text)
    b_old = b_new - delta
    if structure.plain:
        return _plain_update(text, structure, region, a, b_old, delta, p, s)
    all_heads, head_starts, all_cats, cat_starts = _facts_of(structure)
    left = bisect.bisect_left
    heads = all_heads[: left(head_starts, a)]
    cats = all_cats[: left(cat_starts, a)]
    unchanged = [(0, a, 0)] if a else []
    region_heads, region_cats = _reparse_region(old, text, structure, a, b_old, b_new, unchanged)
    if b_new < len(text):
        _stretch(unchanged, b_new, len(text), delta)
    heads.extend(region_heads)
    cats.extend(region_cats)
    heads.extend(
        (st + delta, bs + delta, lv, hd) for st, bs, lv, hd in all_heads[left(head_starts, b_old) :]
    )
    cats.extend(
        (nm, ds, cs + delta, ce + delta) for nm, ds, cs, ce in all_cats[left(cat_starts, b_old) :]
    )
    if not _markup_mode(heads):
        return _full(text)
    result = _assemble(text, heads, cats, same_prefix=p, same_suffix=s)
    result.facts = (heads, [h[0] for h in heads], cats, [c[2] for c in cats])
    result.unchanged = unchanged
    return result


def _plain_update(
    text: str,
    structure: Structure,
    region: str,
    a: int,
    b_old: int,
    delta: int,
    p: int,
    s: int,
) -> Structure:
    """:func:`parse_structure` for a text with plain-text headings (no section markup).

    Plain headings are one-line blocks, so the region parsed on its own infers the same
    ones, as long as the whole text still has no markup: the markup headings outside
    the region (kept from before) and inside it (parsed after the sentinel) tell.
    """
    if a > 0 and region.startswith("---"):
        return _full(text)  # would read as front matter on its own
    old_markup = structure.markup or []
    region_markup, _ = _parse_marked(region)
    markup = [h for h in old_markup if h[0] < a]
    markup.extend((st + a, bs + a, lv, hd) for st, bs, lv, hd in region_markup)
    markup.extend((st + delta, bs + delta, lv, hd) for st, bs, lv, hd in old_markup if st >= b_old)
    if _markup_mode(markup):
        return _full(text)
    doc = _prepare(region)
    region_sections = _sections_from(doc, _detect_headings(doc)[0])
    all_heads, head_starts, all_cats, cat_starts = _facts_of(structure)
    left = bisect.bisect_left
    heads = all_heads[: left(head_starts, a)]
    heads.extend(
        (x.start + a, x.body_start + a, x.level, x.heading) for x in region_sections if x.level
    )
    heads.extend(
        (st + delta, bs + delta, lv, hd) for st, bs, lv, hd in all_heads[left(head_starts, b_old) :]
    )
    cats = all_cats[: left(cat_starts, a)]
    cats.extend(
        (c.name, c.description, c.start + a, c.end + a) for c in _categories(doc, region_sections)
    )
    cats.extend(
        (nm, ds, cs + delta, ce + delta) for nm, ds, cs, ce in all_cats[left(cat_starts, b_old) :]
    )
    result = _assemble(text, heads, cats, same_prefix=p, same_suffix=s)
    result.plain, result.markup = True, markup
    return result


# ---------------------------------------------------------------------------
# Titles


def _front_matter_title(doc: _Doc) -> str | None:
    for line, flag in zip(doc.lines, doc.flags, strict=False):
        if not flag & _CODE:
            break
        m = _FRONT_TITLE_RE.match(line)
        if m:
            value = m.group(1).strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            clean = clean_inline(value)
            if clean:
                return clean
    return None


def find_title(text: str, sections: list[Section] | None = None) -> str | None:
    """The title of a notice, or None if nothing sensible is found.

    In order: the ``title:`` of YAML front matter; the first level-1 heading; the
    first heading; the first short line among the first 10 non-blank lines (at most
    120 characters of clean text, with a letter, not a list item, table row,
    link-only line, tag or date stamp).
    """
    if not isinstance(text, str) or not text:
        return None
    doc = _prepare(text)
    title = _front_matter_title(doc)
    if title:
        return title
    if sections is None or not _valid_sections(text, sections):
        sections = _sections_from(doc, _detect_headings(doc)[0])
    for section in sections:
        if section.level == 1 and section.heading:
            return section.heading
    for section in sections:
        if section.level >= 1 and section.heading:
            return section.heading
    seen = 0
    for line, flag in zip(doc.lines, doc.flags, strict=False):
        if flag & (_CODE | _BOUNDARY) or _is_blank(line):
            continue
        seen += 1
        if seen > TITLE_SCAN_LINES:
            break
        body = line.strip()
        if len(body) > _INFERRED_RAW_MAX or _LIST_RE.match(body) or _is_table_row(body):
            continue
        if _is_tag_line(body) or _is_thematic_break(body) or _setext_char(body):
            continue
        clean = clean_inline(body)
        if not clean or len(clean) > TITLE_MAX_CHARS:
            continue
        if not any(ch.isalpha() for ch in clean):
            continue
        if _is_link_only(body) or is_date_stamp(clean):
            continue
        return clean
    return None
