"""Data categories: named list items (``* **Account Data:** ...``)."""

from __future__ import annotations

import re

from notices_repo.text.sections.headings import detect_headings, sections_from, valid_sections
from notices_repo.text.sections.inline import STAMP_LABEL_RE, clean_inline
from notices_repo.text.sections.lines import (
    BOUNDARY,
    CODE,
    DANGLING_WORDS,
    LIST_RE,
    Doc,
    LineMemo,
    is_blank,
    is_thematic_break,
    lines_at,
    prepare,
    setext_char,
)
from notices_repo.text.sections.records import (
    CATEGORY_NAME_MAX_CHARS,
    CATEGORY_NAME_MAX_WORDS,
    DataCategory,
    Section,
)

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
    return words[0] not in _SUBJECT_WORDS and words[-1] not in DANGLING_WORDS


def _lead_in_is_label(content: str, name: str) -> bool:
    """An item with nothing after its colon (``Name:`` over a sub-list) is a category
    only when the name is bold (an explicit label), has no comma and does not end with a
    function word: ``*   You must:`` or ``*   Voter interference, including:`` are the
    first half of a sentence continued by the sub-list."""
    if not content.startswith(("**", "__")) or "," in name:
        return False
    last = name.rsplit(None, 1)[-1].casefold()
    return last not in DANGLING_WORDS and last not in _LEAD_IN_WORDS


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
    m = STAMP_LABEL_RE.match(name)
    return not (m and set(name[m.end() :].casefold().split()) <= _STAMP_NAME_WORDS)


def _list_content_column(line: str) -> tuple[int, int] | None:
    """(indent, content column) of a list item line, else None."""
    m = LIST_RE.match(line)
    if not m or m.end() >= len(line.rstrip()):
        return None
    indent = len(line) - len(line.lstrip(" \t"))
    return indent, m.end()


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


# List items that may be named: the content (after the marker and its spaces) starts
# with a strong delimiter, or its first colon is followed by a space or the end of the
# line (``https://`` is not a separator). A superset: _category_at decides.
ITEM_LINE_RE = re.compile(
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
    doc = prepare(text)
    if sections is None or not valid_sections(text, sections):
        sections = sections_from(doc, detect_headings(doc)[0])
    return doc_categories(doc, sections)


def doc_categories(doc: Doc, sections: list[Section]) -> list[DataCategory]:
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
    for i in lines_at(doc, ITEM_LINE_RE):
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


_Item = tuple[int, int, str, str, str]  # indent, content column, content, name, raw description


def _named_item(line: str) -> _Item | None:
    """The parts of a named list item line that depend on the line alone, else None."""
    if not line or line.lstrip()[:1] not in _ITEM_FIRST:
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
    return indent, content_col, content, name, raw_desc


# The line-only part of the rules, remembered by line (see LineMemo).
_ITEM_MEMO = LineMemo(_named_item)


def _category_at(doc: Doc, i: int, section: Section, index: int) -> tuple[DataCategory, int] | None:
    lines, starts, flags = doc.lines, doc.starts, doc.flags
    if flags[i] & (CODE | BOUNDARY):
        return None
    item = _ITEM_MEMO[lines[i]]
    if item is None:
        return None
    indent, content_col, content, name, raw_desc = item
    # Continuation lines.
    n = len(lines)
    end_offset = section.end
    parts = [raw_desc]
    last = i
    j = i + 1
    while j < n and starts[j] < end_offset:
        other = lines[j]
        if flags[j] & (CODE | BOUNDARY):
            break
        if is_blank(other):
            k = j + 1
            while k < n and starts[k] < end_offset and is_blank(lines[k]):
                k += 1
            if k >= n or starts[k] >= end_offset or flags[k] & (CODE | BOUNDARY):
                break
            nxt = lines[k]
            if _indent(nxt) < content_col or LIST_RE.match(nxt):
                break
            j = k
            continue
        if LIST_RE.match(other) or is_thematic_break(other) or setext_char(other):
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
