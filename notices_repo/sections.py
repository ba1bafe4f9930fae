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

import html
import itertools
import operator
import re
from dataclasses import dataclass

__all__ = [
    "DataCategory",
    "Section",
    "clean_inline",
    "find_data_categories",
    "find_title",
    "is_date_stamp",
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


def clean_inline(raw: str) -> str:
    """Return ``raw`` as plain text: inline Markdown/HTML removed, whitespace collapsed.

    Images are dropped, links reduced to their text, emphasis/code delimiters and HTML
    tags removed, backslash escapes and HTML entities resolved, every run of whitespace
    (including newlines and non-breaking spaces) replaced by one space, ends stripped.
    """
    s = raw
    if "](" in s or "][" in s:
        s = _IMAGE_RE.sub("", s)
        s = _LINK_RE.sub(r"\1", s)
        s = _REFLINK_RE.sub(r"\1", s)
    if "<" in s:
        s = _HTML_COMMENT_RE.sub("", s)
        s = _AUTOLINK_RE.sub(r"\1", s)
        s = _HTML_TAG_RE.sub(" ", s)
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
_THEMATIC_START_RE = re.compile(r"[ \t]*+[*\-_]")
_SETEXT_START_RE = re.compile(r" {0,3}[=\-]")


def _is_thematic_break(line: str) -> bool:
    if not _THEMATIC_START_RE.match(line):
        return False
    body = line.strip()
    if len(body) < 3 or body[0] not in "*-_" or len(line) - len(line.lstrip(" ")) > 3:
        return False
    ch = body[0]
    return not body.replace(ch, "").replace(" ", "").replace("\t", "") and body.count(ch) >= 3


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


def _scan_blocks(lines: list[str]) -> list[int]:
    """Flag front matter, fenced code blocks and hint blocks (paired only)."""
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
                for x in range(k + 1):
                    flags[x] = _BLOCKED | _CODE | _BOUNDARY
                i = k + 1
    # Candidate closing lines, to know in O(1) whether an opener can ever be closed.
    # close_max[c][x]: longest closing fence of char c at or after line x.
    fence_len: list[tuple[str, int] | None] = [None] * n
    has_fence = False
    last_endhint = -1
    for x in range(i, n):
        line = lines[x]
        if "`" in line[:6] or "~" in line[:6]:
            m = _FENCE_RE.match(line)
            if m:
                fence_len[x] = (m.group(1)[0], len(m.group(1)))
                has_fence = True
        if "{%" in line and _HINT_CLOSE_RE.search(line):
            last_endhint = x
    close_max: dict[str, list[int]] = {}
    if has_fence:
        for ch in "`~":
            arr = [0] * (n + 1)
            for x in range(n - 1, -1, -1):
                arr[x] = arr[x + 1]
                fl = fence_len[x]
                if fl is not None and fl[0] == ch and not lines[x].strip().strip(ch):
                    arr[x] = max(arr[x], fl[1])
            close_max[ch] = arr
    while i < n:
        fl = fence_len[i]
        line = lines[i]
        if fl is not None:
            ch, length = fl
            info = line.strip()[length:]
            if not (ch == "`" and "`" in info) and close_max[ch][i + 1] >= length:
                flags[i] |= _BLOCKED | _CODE | _BOUNDARY
                j = i + 1
                while j < n:
                    other = fence_len[j]
                    flags[j] |= _BLOCKED | _CODE
                    if (
                        other is not None
                        and other[0] == ch
                        and other[1] >= length
                        and not lines[j].strip().strip(ch)
                    ):
                        flags[j] |= _BOUNDARY
                        break
                    j += 1
                i = j + 1
                continue
        if "{%" in line:
            flags[i] |= _BOUNDARY
            if _HINT_OPEN_RE.search(line) and last_endhint > i:
                flags[i] |= _BLOCKED
                j = i + 1
                while j < n and not ("{%" in lines[j] and _HINT_CLOSE_RE.search(lines[j])):
                    flags[j] |= _BLOCKED
                    j += 1
                if j < n:
                    flags[j] |= _BLOCKED | _BOUNDARY
                i = j + 1
                continue
        i += 1
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
    flags: list[int]


def _prepare(text: str) -> _Doc:
    lines, starts, nexts = _line_spans(text)
    return _Doc(text, lines, starts, nexts, _scan_blocks(lines))


# (first line, last line, level, heading)
_Heading = tuple[int, int, int, str]


def _detect_headings(doc: _Doc) -> list[_Heading]:
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
                if i - first + 1 > SETEXT_MAX_PARAGRAPH_LINES:
                    first = i
                clean = clean_inline(" ".join(lines[first : i + 1]))
                if clean:
                    level = 1 if under == "=" else 2
                    markup.append((first, i + 1, level, clean))
                    section_markup += level >= 2
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
    return _sections_from(doc, _detect_headings(doc))


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


def _split_named_item(content: str) -> tuple[str, str] | None:
    """``(raw name, raw description)`` of a list item's content, else None."""
    for delim in ("**", "__"):
        if content.startswith(delim):
            close = content.find(delim, len(delim))
            if close < 0:
                return None
            name = content[len(delim) : close]
            after = content[close + len(delim) :]
            if name.rstrip().endswith(":"):
                return name.rstrip()[:-1], after
            stripped = after.lstrip()
            if stripped.startswith(":"):
                return name, stripped[1:]
            if stripped.startswith(_DASH_SEPARATORS):
                return name, stripped[2:]
            return None
    colon = content.find(":", 0, 200)
    if colon <= 0:
        return None
    after = content[colon + 1 :]
    if after and not after[0].isspace():
        return None  # https://, 10:30
    return content[:colon], after


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


def find_data_categories(text: str, sections: list[Section] | None = None) -> list[DataCategory]:
    """Named list items of ``text`` with the section each one belongs to.

    A named item is a list item (``*``, ``-``, ``+``, ``•`` and similar bullets, or
    ``1.``/``1)``) whose content starts with a name and a separator:
    ``**Name:** description``, ``**Name**: description``, ``**Name** - description``
    or ``Name: description`` (a colon followed by a space or the end of the line). The
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
        sections = _sections_from(doc, _detect_headings(doc))
    lines, starts = doc.lines, doc.starts
    n = len(lines)
    result: list[DataCategory] = []
    line_no = 0
    for index, section in enumerate(sections):
        while line_no < n and starts[line_no] < section.body_start:
            line_no += 1
        i = line_no
        while i < n and starts[i] < section.end:
            first = lines[i][:1]
            if not first or (first not in _ITEM_FIRST and first not in " \t"):
                i += 1
                continue
            found = _category_at(doc, i, section, index)
            if found is None:
                i += 1
                continue
            category, last = found
            result.append(category)
            i = last + 1
        line_no = i
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
    raw_name, raw_desc = split
    if not _balanced(raw_name):
        return None
    name = clean_inline(raw_name)
    if not _valid_category_name(name):
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
        sections = _sections_from(doc, _detect_headings(doc))
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
