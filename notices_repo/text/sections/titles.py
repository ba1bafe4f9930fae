"""The title a notice gives itself."""

from __future__ import annotations

from notices_repo.text.sections.headings import detect_headings, sections_from, valid_sections
from notices_repo.text.sections.inline import clean_inline, is_date_stamp, is_link_only
from notices_repo.text.sections.lines import (
    BOUNDARY,
    CODE,
    FRONT_TITLE_RE,
    LIST_RE,
    Doc,
    is_blank,
    is_table_row,
    is_tag_line,
    is_thematic_break,
    prepare,
    setext_char,
)
from notices_repo.text.sections.records import (
    INFERRED_RAW_MAX,
    TITLE_MAX_CHARS,
    TITLE_SCAN_LINES,
    Section,
)

# ---------------------------------------------------------------------------
# Titles


def _front_matter_title(doc: Doc) -> str | None:
    for line, flag in zip(doc.lines, doc.flags, strict=False):
        if not flag & CODE:
            break
        m = FRONT_TITLE_RE.match(line)
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
    doc = prepare(text)
    title = _front_matter_title(doc)
    if title:
        return title
    if sections is None or not valid_sections(text, sections):
        sections = sections_from(doc, detect_headings(doc)[0])
    for section in sections:
        if section.level == 1 and section.heading:
            return section.heading
    for section in sections:
        if section.level >= 1 and section.heading:
            return section.heading
    seen = 0
    for line, flag in zip(doc.lines, doc.flags, strict=False):
        if flag & (CODE | BOUNDARY) or is_blank(line):
            continue
        seen += 1
        if seen > TITLE_SCAN_LINES:
            break
        body = line.strip()
        if len(body) > INFERRED_RAW_MAX or LIST_RE.match(body) or is_table_row(body):
            continue
        if is_tag_line(body) or is_thematic_break(body) or setext_char(body):
            continue
        clean = clean_inline(body)
        if not clean or len(clean) > TITLE_MAX_CHARS:
            continue
        if not any(ch.isalpha() for ch in clean):
            continue
        if is_link_only(body) or is_date_stamp(clean):
            continue
        return clean
    return None
