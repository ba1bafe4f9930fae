"""Effective-date extraction from notice text (pure, no I/O).

A notice usually states the date it applies from in a short *stamp* near its top
(``Effective Date: December 9th, 2023``, ``_Last updated: 13 July 2026_``,
``Updated on Jul 23, 2026``), sometimes near its end. :func:`find_effective_date`
finds that stamp; :func:`parse_date` reads one date.

Approach
--------
Only bounded regions are read, so the cost does not grow with the text (real
documents have single lines of 65,000 characters and sizes up to 1 MB), in this order,
each only when the ones before gave nothing:

1. the *header*: the first ``HEADER_LINES`` lines, at most ``HEADER_CHARS`` characters;
2. the rest of the *preamble*, up to the body proper: *stamp lines* only (below);
3. *machine-readable twins* in the header and preamble (below): ``source="markup"``;
4. the *end*: the last ``END_LINES`` lines, at most ``END_CHARS`` characters;
5. the *close of the first part*: the ``MIDDLE_LINES`` lines
   above the first thematic break (``- - -``, ``* * *``, ``---`` after a blank line)
   within ``MIDDLE_CHARS`` characters after the header. Pages that hold several
   documents (a policy, then its annexes or related terms) often end their first and
   main document with its stamp ("Last updated: April 2025" then ``- - -``).

6. the *rest*, when all of the above gave nothing, not even a stamp whose date cannot be
   read: stamp lines (below) that open a later part (after a thematic break, under at
   most a few title lines) or close one (right above a break, a level-1 heading or an
   exhibit, appendix, annex, schedule, addendum or attachment heading). The first
   counts unless a later one is newer or a part is dated by a bare date line
   (:func:`notices_repo.text.dates.extract.find_with_regions`, docs/dates.md).

Nothing else in the middle is read: a stamp there usually belongs to an annex, an
embedded older version or a changelog, and taking it does more harm than leaving the
date to the caller's commit-date fallback.

The preamble and the body proper
--------------------------------
Real documents put their stamp after YAML front matter, HTML comments, a summary
table, a 40-line table of contents. The *preamble* is everything before the *body
proper*, which starts at the line with which the text's prose passes
``PREAMBLE_PROSE`` (1,000) characters: an introduction of a few sentences stays in
the preamble, the first clauses of the body do not. Not prose: blank lines, headings,
rules, table rows, front matter, HTML comments, kramdown attribute lists, lines that
are only a link or an image, list items and HTML lines of at most 80 characters that
do not end a sentence (tables of contents), and lines of at most 60 characters that
do not end a sentence (titles, labels). The preamble is read at most up to
``PREAMBLE_CHARS`` (24,000) characters. Beyond the header's 40 lines only a *stamp
line* counts there: a label at the start of its line (after markup) and its date, then
at most punctuation, ``r.``/``г.`` and one parenthesis (``_Effective: April 10, 2026
([previous version](...))_``), or a date followed by a word such as ``改定``; or a bare
date line right under a level-1 title. Never a table row (change logs, summaries), a
list item or a link (lists of older versions), front matter or an HTML comment. The
preamble is read only when the first 40 lines hold no stamp, so a dated addendum
further down never beats the header ("Regional supplement, last updated June 2025"
below a header that stated December 2025).

Machine-readable twins
----------------------
``<time datetime="2020-09-09">…</time>`` and kramdown ``{: datetime="2020-09-09" }``
(inline after the date, or alone on the line under the stamp it qualifies) state the
date for machines. The visible date wins; the twin is used when the visible one is
missing or unreadable (``Effective date: <time datetime="2020-09-03">03/09/2020</time>``,
an empty element, "the ninth of September") and then the stamp's ``source`` is
``"markup"``. It counts only on a stamp line (a label or nothing before it), never in
a list item, a link, a table, prose, front matter or a comment. ``YYYY-MM`` values give
month precision.

Every date shape contains a year, so a region is first searched with ``str.find`` for
four-digit years (and ``'23`` two-digit years); only the lines that hold one are looked
at further (a window around the year on very long lines). Regexes never run over a
whole region, and all of them are compiled at import. On such a line, markup is
removed (emphasis, code, link targets, HTML tags, non-breaking and zero-width spaces)
and each date is classified:

* **label stamp**: a label (``Effective``, ``Effective as of``, ``Last updated``,
  ``Updated on``, ``Last modified``, ``Revised``, ``Release date``, ``Published``,
  ``Dated``, ``Date``, ``Version``, ``Stand``, ``Dernière mise à jour``,
  ``Última actualización``, ``Vigente a partir del``, ``Gültig ab``, ...) followed by
  the date, with only separators (``:``, ``-``, ``|``, a table cell boundary),
  connector words (``on``, ``as of``, ``from``, ``le``, ``de``, ``am``, a weekday, ...)
  and markup between them; "last updated" labels may have up to four words before
  ``on``/``in`` ("We last updated this notice on 3 March 2024"); ``Version`` may have a
  version number before the date. A date that starts its line also takes a label that
  stands alone on one of the three lines before it (``**Effective Date:**`` then
  ``December 9th, 2023``).
* **bare date line**: the line is only a date (``December 12, 2022``, ``**March 2026**``,
  ``July 29, 2026 (View archived version)``); list items and links (lists of archived
  versions) are not bare date lines.
* anything else (a date in prose without a leading label) is ignored.

Front matter (YAML ``---`` or TOML ``+++`` at the very start) is read for keys such as
``effective_date``, ``last_updated``, ``updated``, ``date``.

A label only counts when it *leads*: at most ``LEAD_WORDS`` words stand between it and
the start of its line, sentence, clause, table cell or bracket, or the end of an
earlier stamp on the same line. Labels that are ordinary words (``Date``, ``Dated``,
``Version``, ``Stand``, ``Revision``) must lead with no word at all, and "take effect",
"went into effect" with at most four; a clause about the text itself ("This version of
...", "These Terms of Use ...") may have up to ten. So contract prose gives nothing
("begins on the Effective Date", "effective thirty days after", "This agreement is
effective as of the date you accept", "Effective Date means ...", "... are now available
here effective June 5, 2025"), while short stamp sentences are taken ("This page was
last updated on April 14, 2025.", "We last updated this notice on 3 March 2024",
"We've updated our Privacy Policy, effective September 21, 2026."). An effective label
inside brackets after more than a few words ("... Protection Act, R.I. Gen. Laws
[Effective January 1, 2026]") qualifies that text and is ignored. A date that opens a
range ("effective from June 6, 2014, until May 24, 2018") describes an older version and
is skipped. A banner announcing a coming version ("We're updating our Guidelines,
effective August 18, 2026", "This update goes into effect on December 16, 2025") is not
the date of the text shown under it and is skipped too (the clause before the label
says "update(s)", "updating" or "upcoming").

Choice within a region: an effective stamp (effective labels, effective front-matter
keys) wins over any other; otherwise the earliest labelled stamp wins; bare date lines
are used only when the region has no labelled stamp. Among front-matter keys,
effective keys rank first, then update keys, then ``date``/``published``.

Rules chosen where the issue was silent:

* Numeric day/month dates (``DD/MM/YYYY``, ``MM/DD/YYYY``, ``DD.MM.YYYY``,
  ``DD-MM-YYYY``) are read only when unambiguous: one part is above 12, or both parts
  are equal. ``01/09/2022`` gives no date (English or no label). Exception in
  :func:`find_effective_date`: after a label of a language that writes them day-first
  (``Stand``, ``Gültig ab``, ``Dernière mise à jour``, ``Последнее обновление``, ...)
  numeric dates are read day-first: ``Stand: 09.03.2020`` is 9 March.
* Year-first numeric dates (``2023-12-09``, ``2023.12.09``, ``2023/12/09``, ISO
  timestamps) are always year-month-day.
* Two-digit years only with an apostrophe after a month name (``Dec 9, '23``,
  ``9 Dec '23``), read as 20YY. ``Dec 9, 23`` and ``12/09/23`` give no date: a bare
  number after a date is too often something else (a count, a section number).
* Years 1900-2099; impossible dates (Feb 30) give nothing. Thai Buddhist Era years
  (``2563``) and the digits of other scripts (``٢٠٢٠``, ``２０２０``, ``๒๕๖๓``) are read
  in texts that start in such a script (:func:`.parse.wide_text`).
* Labels and month names of every language come from the table in
  :mod:`notices_repo.text.dates.languages` (English, French, German, Spanish, Italian,
  Portuguese, Dutch, Polish, Czech, Russian, Japanese, Chinese, Korean and 27 more),
  inflected forms and the usual abbreviations included (``Sept.``, ``févr.``, ``Okt.``,
  ``września``, ``září``, ``сентября``); phrases match with or without accents.
  Ordinals ``9th``, ``1er``, ``1º``, ``9.``; ``9 de diciembre de 2023``;
  ``2020年9月9日``, ``2020년 9월 9일``, ``2020. 9. 9.``; ``1. 2. 2023`` (Czech, German).
* A date that starts its line followed by ``施行``/``改定``/``更新``/``시행``/``개정``
  (``2020年9月9日 改定``) is a stamp; among several such lines (a revision history)
  the newest date wins. ``制定`` (first enacted) is not a stamp of the current text.
  So is a CJK sentence in which the text states its date ("本政策自2020年9月9日起生效。").

Line numbers are 0-based and count ``"\\n"`` only (``"\\r\\n"`` works the same).

The package's modules, one job each: :mod:`.stamp` (the record and the limits),
:mod:`.clean` (markup cleaning), :mod:`.parse` (one date), :mod:`.labels` (stamp labels,
built on first use), :mod:`.scanner` (candidates of one region), :mod:`.regions` (where
the regions are), :mod:`.preamble` (the preamble and machine-readable twins),
:mod:`.extract` (the regions in order). The public API is re-exported here.
"""

from __future__ import annotations

from notices_repo.text.dates.extract import (
    ELSEWHERE,
    IN_END,
    IN_HEADER,
    find_effective_date,
    find_in_header,
    find_with_regions,
)
from notices_repo.text.dates.parse import parse_date
from notices_repo.text.dates.stamp import (
    END_CHARS,
    END_LINES,
    HEADER_CHARS,
    HEADER_LINES,
    MIDDLE_CHARS,
    MIDDLE_LINES,
    PREAMBLE_CHARS,
    PREAMBLE_PROSE,
    DateStamp,
)

__all__ = [
    "ELSEWHERE",
    "END_CHARS",
    "END_LINES",
    "HEADER_CHARS",
    "HEADER_LINES",
    "IN_END",
    "IN_HEADER",
    "MIDDLE_CHARS",
    "MIDDLE_LINES",
    "PREAMBLE_CHARS",
    "PREAMBLE_PROSE",
    "DateStamp",
    "find_effective_date",
    "find_in_header",
    "find_with_regions",
    "parse_date",
]
