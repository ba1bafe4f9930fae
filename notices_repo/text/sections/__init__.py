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

The package's modules, one job each: :mod:`.records` (the records and limits),
:mod:`.inline` (inline cleaning, date-stamp lines), :mod:`.lines` (blocks and the heading
rules of one line), :mod:`.headings` (headings of a document, sections),
:mod:`.categories` (data categories), :mod:`.incremental` (both together, derived from an
earlier version), :mod:`.titles` (the title). The public API is re-exported here.
"""

from __future__ import annotations

from notices_repo.text.sections.categories import find_data_categories
from notices_repo.text.sections.headings import paragraph_line, section_text, split_sections
from notices_repo.text.sections.incremental import DERIVE_MAX, Structure, parse_structure
from notices_repo.text.sections.inline import clean_inline, is_date_stamp
from notices_repo.text.sections.lines import SETEXT_FIRST, atx_heading, setext_char
from notices_repo.text.sections.records import DataCategory, Section
from notices_repo.text.sections.titles import find_title

__all__ = [
    "DERIVE_MAX",
    "SETEXT_FIRST",
    "DataCategory",
    "Section",
    "Structure",
    "atx_heading",
    "clean_inline",
    "find_data_categories",
    "find_title",
    "is_date_stamp",
    "paragraph_line",
    "parse_structure",
    "section_text",
    "setext_char",
    "split_sections",
]
