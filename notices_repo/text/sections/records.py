"""The records of a split notice (sections, data categories) and the limits of the rules."""

from __future__ import annotations

from dataclasses import dataclass


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
INFERRED_RAW_MAX = 2000
