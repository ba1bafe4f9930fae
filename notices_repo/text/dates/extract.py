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
* Years 1900-2099; impossible dates (Feb 30) give nothing.
* Labels and month names of every language come from the table in
  :mod:`notices_repo.text.dates.languages` (English, French, German, Spanish, Italian,
  Portuguese, Dutch, Polish, Czech, Russian, Japanese, Chinese, Korean and 14 more),
  inflected forms and the usual abbreviations included (``Sept.``, ``févr.``, ``Okt.``,
  ``września``, ``září``, ``сентября``); phrases match with or without accents.
  Ordinals ``9th``, ``1er``, ``1º``, ``9.``; ``9 de diciembre de 2023``;
  ``2020年9月9日``, ``2020년 9월 9일``, ``2020. 9. 9.``; ``1. 2. 2023`` (Czech, German).
* A date that starts its line followed by ``施行``/``改定``/``更新``/``시행``/``개정``
  (``2020年9月9日 改定``) is a stamp; among several such lines (a revision history)
  the newest date wins. ``制定`` (first enacted) is not a stamp of the current text.

Line numbers are 0-based and count ``"\\n"`` only (``"\\r\\n"`` works the same).
"""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from notices_repo.text.dates.languages import LANGUAGES, SUFFIXES

__all__ = ["DateStamp", "find_effective_date", "parse_date"]

HEADER_LINES = 40
HEADER_CHARS = 8000
END_LINES = 15
END_CHARS = 3000
MIDDLE_CHARS = 32_768  # how far after the header a first part may end ...
MIDDLE_LINES = 6  # ... and how many lines above its closing break hold its stamp
PREAMBLE_CHARS = 24_000  # the preamble (before the body proper) is read up to here ...
PREAMBLE_PROSE = 1_000  # ... while it holds at most this many characters of prose
LEAD_WORDS = 6
PARSE_DATE_MAX_CHARS = 10_000  # parse_date searches only this much of its fragment

_LONG_LINE = 600  # longer lines are looked at only in a window around each year
_WINDOW_BEFORE = 180  # window on a long line: characters before the year ...
_WINDOW_AFTER = 60  # ... and after it
_MAX_YEARS = 48  # years looked at per region (real regions hold at most ~15) ...
_MAX_DATE_SEARCHES = 96  # ... and date searches per region
_DATE_REACH = 45  # a date starts at most this far before its year
_LABEL_REACH = 110  # a label must start at most this far before its date
_NEXT_LINES = 3  # a label alone on its line may be this many lines above its date
_LABEL_LINE_MAX = 120  # longest line that can be a label alone on its line
_BARE_MAX = 90  # longest cleaned line that can be a bare date line


@dataclass(frozen=True, slots=True)
class DateStamp:
    """A date the text states for itself.

    ``date`` is the first of the month when ``precision`` is ``"month"``. ``label`` is
    the normalised label ("effective", "updated", "modified", "revised", "release",
    "dated", "version", "date", "front-matter"); ``line`` is the 0-based line of the date.
    ``source`` is ``"text"`` for a date the reader sees, ``"markup"`` for one read from
    a machine-readable twin (``<time datetime="...">``, kramdown ``{: datetime="..." }``)
    whose visible date is missing or unreadable.
    """

    date: datetime.date
    precision: str
    label: str
    line: int
    source: str = "text"


# --------------------------------------------------------------------------- months


def _unaccented(phrase: str) -> str:
    """``phrase`` without combining accents ("entrée" -> "entree"); "ł" stays."""
    decomposed = unicodedata.normalize("NFKD", phrase)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def _spellings(phrase: str) -> tuple[str, ...]:
    """A phrase of the language table and its unaccented spelling, when different."""
    plain = _unaccented(phrase)
    return (phrase,) if plain == phrase else (phrase, plain)


# Month names of every language of the table (date_languages.LANGUAGES), lower case.
_MONTHS: dict[str, int] = {
    spelling: number
    for language in LANGUAGES
    for number, names in enumerate(language.months, 1)
    for name in names
    for spelling in _spellings(name)
}

# Shapes of a date. A month is matched as any 3-10 letter word and checked against
# _MONTHS afterwards (much faster than a 100-way alternation). Named groups tell the
# shapes apart; digit-led shapes come first, then month-led ones.
_YEAR4 = r"(?:19|20)[0-9]{2}(?![0-9])"
_YEAR2 = r"['’](?P<{name}>[0-9]{{2}})(?![0-9:])"
_WORD = r"[^\W\d_]{3,12}"
_DATE_PATTERN = rf"""
    (?P<cjk>
        (?P<jy>{_YEAR4})\s*[年년]\s*(?P<jm>[0-9]{{1,2}})\s*[月월]
        (?:\s*(?P<jd>[0-9]{{1,2}})\s*[日일])?
    )
  | (?P<kdot>
        (?P<ky>{_YEAR4})\.\s+(?P<km>[0-9]{{1,2}})\.\s*(?P<kd>[0-9]{{1,2}})(?![0-9])\.?
    )
  | (?P<hu>
        (?P<hy>{_YEAR4})\.\s*(?P<hm>{_WORD})\.?\s+(?P<hd>[0-9]{{1,2}})(?![0-9])\.?
    )
  | (?P<vi>
        ngày\s+(?P<vd>[0-9]{{1,2}})\s+tháng\s+(?P<vm>[0-9]{{1,2}})\s*,?\s*năm\s+(?P<vy>{_YEAR4})
    )
  | (?P<iso>
        (?P<iy>{_YEAR4})(?P<isep>[-./])(?P<im>[0-9]{{1,2}})(?P=isep)(?P<id>[0-9]{{1,2}})
        (?![0-9])
        (?:[T\ ][0-9]{{2}}:[0-9]{{2}}(?::[0-9]{{2}}(?:[.,][0-9]+)?)?
           (?:Z|[+-][0-9]{{2}}:?[0-9]{{2}})?)?
    )
  | (?P<dmy>
        (?P<cd>[0-9]{{1,2}})(?:st|nd|rd|th|er|re|º|°|ª)?\.?
        (?:\s*[-/]\s*|\s*)(?:of\s+|de\s+)?
        (?P<cm>{_WORD})\.?
        (?:\s*,\s*|\s*[-/]\s*|\s+(?:del?\s+)?|\s*)
        (?:(?P<cy>{_YEAR4})|{_YEAR2.format(name="cy2")})
    )
  | (?P<num>
        (?P<n1>[0-9]{{1,2}})(?P<nsep>\.\x20|[./-])(?P<n2>[0-9]{{1,2}})(?P=nsep)(?P<n3>{_YEAR4})
        (?![./-][0-9])
    )
  | (?P<mdy>
        (?P<bm>{_WORD})\.?\s*(?P<bd>[0-9]{{1,2}})(?:st|nd|rd|th)?(?![0-9])
        (?:\s*,\s*|\s+)
        (?:(?P<by>{_YEAR4})|{_YEAR2.format(name="by2")})
    )
  | (?P<my>
        (?P<dm>{_WORD})\.?\s*,?\s*(?:del?\s+)?(?P<dy>{_YEAR4})
    )
"""
_DATE_RE = re.compile(_DATE_PATTERN, re.IGNORECASE | re.VERBOSE)
# Searching: a date does not start inside a word or a number.
_DATE_SEARCH_RE = re.compile(rf"(?<![^\W_])(?:{_DATE_PATTERN})", re.IGNORECASE | re.VERBOSE)
_SHAPES = ("cjk", "kdot", "hu", "vi", "iso", "dmy", "num", "mdy", "my")


def _make_date(year: int, month: int, day: int) -> datetime.date | None:
    if not 1900 <= year <= 2099:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _month(name: str) -> int:
    return _MONTHS.get(name.lower(), 0)


def _date_from_match(m: re.Match[str], dayfirst: bool) -> tuple[datetime.date, str] | None:
    """``(date, precision)`` for a match of ``_DATE_RE``; None when not a valid date."""
    shape = next((s for s in _SHAPES if m.group(s) is not None), None)
    found: datetime.date | None = None
    precision = "day"
    if shape == "cjk":
        day = int(m["jd"]) if m["jd"] else 1
        found = _make_date(int(m["jy"]), int(m["jm"]), day)
        precision = "day" if m["jd"] else "month"
    elif shape == "kdot":
        found = _make_date(int(m["ky"]), int(m["km"]), int(m["kd"]))
    elif shape == "hu":
        found = _make_date(int(m["hy"]), _month(m["hm"]), int(m["hd"]))
    elif shape == "vi":
        found = _make_date(int(m["vy"]), int(m["vm"]), int(m["vd"]))
    elif shape == "iso":
        found = _make_date(int(m["iy"]), int(m["im"]), int(m["id"]))
    elif shape == "dmy":
        year = int(m["cy"]) if m["cy"] else 2000 + int(m["cy2"])
        found = _make_date(year, _month(m["cm"]), int(m["cd"]))
    elif shape == "mdy":
        year = int(m["by"]) if m["by"] else 2000 + int(m["by2"])
        found = _make_date(year, _month(m["bm"]), int(m["bd"]))
    elif shape == "my":
        found = _make_date(int(m["dy"]), _month(m["dm"]), 1)
        precision = "month"
    elif shape == "num":
        first, second, year = int(m["n1"]), int(m["n2"]), int(m["n3"])
        if first == second or first > 12 or dayfirst:
            found = _make_date(year, second, first)
        elif second > 12:
            found = _make_date(year, first, second)
        # else ambiguous: 03/04/2024 may be 3 April or March 4
    return (found, precision) if found is not None else None


def _iter_dates(
    text: str, keep_ambiguous: bool = False, start: int = 0, end: int | None = None
) -> Iterator[tuple[re.Match[str], tuple[datetime.date, str] | None]]:
    """Dates in ``text[start:end]`` in order: ``(match, (date, precision))``.

    With ``keep_ambiguous``, numeric day/month dates that only a day-first reading
    would resolve are yielded too, with None.
    """
    pos = start
    stop = len(text) if end is None else min(end, len(text))
    while pos < stop:
        m = _DATE_SEARCH_RE.search(text, pos, stop)
        if m is None:
            return
        parsed = _date_from_match(m, dayfirst=False)
        if parsed is None:
            if (
                keep_ambiguous
                and m.group("num") is not None
                and _date_from_match(m, dayfirst=True) is not None
            ):
                yield m, None
                pos = m.end()
                continue
            pos = m.start() + 1
            continue
        yield m, parsed
        pos = m.end()


def parse_date(fragment: str) -> tuple[datetime.date, str] | None:
    """Return ``(date, precision)`` for the first date in ``fragment``, or None.

    The date may start the fragment or be found in it; only the first
    ``PARSE_DATE_MAX_CHARS`` characters are searched. Markup (``**``, ``_``, links) and
    non-breaking spaces are ignored. ``precision`` is ``"day"``, or ``"month"`` for
    ``July 2026`` (the date is then the 1st). Shapes that are impossible
    (``Feb 30, 2024``) or ambiguous (``03/04/2024``) are skipped and the search goes on.
    See the module docstring for the shapes.
    """
    if not isinstance(fragment, str) or not fragment:
        return None
    text = _clean(fragment[:PARSE_DATE_MAX_CHARS])
    for _m, parsed in _iter_dates(text):
        return parsed
    return None


# --------------------------------------------------------------------------- labels


def _is_cjk(char: str) -> bool:
    """Whether ``char`` is of a script of _CJK_LABEL_SOURCES (CJK, kana, Hangul)."""
    return char >= "\u2e80"


def _char_pattern(char: str) -> str:
    """A letter of a label phrase: itself or its unaccented form ("é" -> "[ée]")."""
    if unicodedata.combining(char):  # a mark standing alone (Arabic tanwin): optional
        return f"(?:{re.escape(char)})?"
    plain = _unaccented(char)
    if plain != char and len(plain) == 1:
        return f"[{char}{plain}]"
    return re.escape(char)


def _phrase_tokens(phrase: str) -> list[str]:
    """A label phrase of the language table as a list of (verbose) patterns, one per
    character: a space matches any white space, an apostrophe either apostrophe, an
    accented letter its plain form too."""
    tokens: list[str] = []
    for n, word in enumerate(phrase.split()):
        if n:
            tokens.append(r"\s+")
        tokens.extend(r"['’]\s?" if c in "'’" else _char_pattern(c) for c in word)
    return tokens


def _trie_pattern(phrases: list[list[str]]) -> str:
    """One pattern for many token lists, with shared beginnings factored out (a
    regex tries one branch per distinct next character, not one per phrase); where a
    phrase ends and a longer one goes on, the longer is tried first."""
    root: dict[str, dict] = {}
    for tokens in phrases:
        node = root
        for token in tokens:
            node = node.setdefault(token, {})
        node[""] = {}  # a phrase ends here

    def emit(node: dict[str, dict]) -> str:
        alternatives = [token + emit(child) for token, child in node.items() if token]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


def _phrase_key(label: str) -> str:
    """How a label found in a text is looked up in the language table: unaccented, one
    space between words, one kind of apostrophe (the text is already lower case)."""
    words = _unaccented(label).replace("’", "'").split()
    return " ".join(words).replace("' ", "'")


def _l10n_source(effective: bool, cjk: bool, dayfirst: bool = False) -> str:
    """Alternatives of the table's effective (or updated) label phrases, longest first,
    of the scripts written without spaces (``cjk``), or of the others whose language
    writes numeric dates day first (or not)."""
    phrases = {
        phrase
        for language in LANGUAGES
        for phrase in (language.effective if effective else language.updated)
        if _is_cjk(phrase[0]) == cjk and (cjk or language.dayfirst == dayfirst)
    }
    if not phrases:
        return "(?!)"  # matches nothing
    return _trie_pattern([_phrase_tokens(p) for p in sorted(phrases)])


def _l10n_kinds() -> dict[str, str]:
    """Kind names (of _LABEL_KINDS) of the language table's phrases, by _phrase_key."""
    kinds: dict[str, str] = {}
    for language in LANGUAGES:
        for effective, phrases in ((True, language.effective), (False, language.updated)):
            for phrase in phrases:
                if _is_cjk(phrase[0]):
                    kind = "eff_cjk" if effective else "upd_cjk"
                else:
                    suffix = "l10n" if language.dayfirst else "ymd"
                    kind = f"{'eff' if effective else 'upd'}_{suffix}"
                kinds.setdefault(_phrase_key(phrase), kind)
    return kinds


# (kind, alternatives). Written in lower case; matched against lower-cased text with a
# single fast regex, then classified by matching the found label against each kind.
_LABEL_SOURCES: tuple[tuple[str, str], ...] = (
    ("eff_l10n", _l10n_source(effective=True, cjk=False, dayfirst=True)),
    ("eff_ymd", _l10n_source(effective=True, cjk=False, dayfirst=False)),
    ("eff_prose", r"""
        (?:went|came|comes|come|will\s+come|enter(?:s|ed)?|goes|go)\s+into\s+(?:effect|force)
      | (?:takes?|took)\s+effect"""),
    ("eff", r"""
        effective(?:\s+date)?
      | date\s+effective
      | with\s+effect\s+(?:from|as\s+of)
      | in\s+(?:effect|force)\s+(?:from|as\s+of|since)
      | valid\s+(?:from|as\s+of|since)"""),
    ("upd_l10n", _l10n_source(effective=False, cjk=False, dayfirst=True)),
    ("upd_ymd", _l10n_source(effective=False, cjk=False, dayfirst=False)),
    ("stand", r"stand(?:\s+vom)?"),
    ("upd_last", r"""
        (?:last|most\s+recently|latest)\s+updated?
      | date\s+of\s+(?:the\s+)?last\s+update"""),
    ("upd", r"updated|update\s+date"),
    ("mod_last", r"last\s+(?:modified|amended|changed|modification|amendment)"
                 r"|date\s+of\s+last\s+(?:modification|amendment)"),
    ("mod", r"modified|amended"),
    ("rev_last", r"last\s+revised|(?:date\s+of\s+)?last\s+revision"),
    ("rev", r"revised|revision\s+date|date\s+of\s+revision"),
    ("rev_strict", r"revision"),
    ("rel", r"release\s+date|released|published|publication\s+date|date\s+of\s+publication"),
    ("dated", r"dated"),
    ("version", r"version(?:\s+(?:of|from|dated|du|vom))?|fassung\s+vom"),
    ("date", r"date"),
)  # fmt: skip
# Labels of scripts written without spaces (and Korean, whose labels take particles):
# they may be followed by letters.
_CJK_LABEL_SOURCES: tuple[tuple[str, str], ...] = (
    ("eff_cjk", _l10n_source(effective=True, cjk=True)),
    ("upd_cjk", _l10n_source(effective=False, cjk=True)),
)
_LABEL_FAST_RE = re.compile(
    "(?:"
    + "|".join(src for _kind, src in _LABEL_SOURCES)
    + r")(?![^\W\d_])|(?:"
    + "|".join(src for _kind, src in _CJK_LABEL_SOURCES)
    + ")",
    re.VERBOSE,
)
# Kinds of the English labels (those of the language table: _L10N_KINDS, a lookup).
_LABEL_KIND_RE = re.compile(
    "|".join(
        f"(?P<{kind}>{src})" for kind, src in _LABEL_SOURCES if not kind.endswith(("_l10n", "_ymd"))
    ),
    re.VERBOSE,
)
_L10N_KINDS = _l10n_kinds()


@functools.lru_cache(maxsize=1024)  # the same few labels come back in every text
def _kind_of(label: str) -> _Kind | None:
    """The kind of a label found by _LABEL_FAST_RE (lower case), or None."""
    name = _L10N_KINDS.get(_phrase_key(label))
    if name is None:
        km = _LABEL_KIND_RE.fullmatch(label)
        name = km.lastgroup if km is not None else None
    return _LABEL_KINDS[name] if name is not None else None


@dataclass(frozen=True, slots=True)
class _Kind:
    label: str
    max_words: int  # words allowed before the label in its clause
    last: bool = False  # "last updated this notice on <date>"
    dayfirst: bool = False  # localized label: numeric dates are day-first
    effective: bool = False


_LABEL_KINDS: dict[str, _Kind] = {
    "eff_l10n": _Kind("effective", LEAD_WORDS, dayfirst=True, effective=True),
    "eff_prose": _Kind("effective", 4, effective=True),
    "eff": _Kind("effective", LEAD_WORDS, effective=True),
    "upd_l10n": _Kind("updated", LEAD_WORDS, dayfirst=True),
    "eff_ymd": _Kind("effective", LEAD_WORDS, effective=True),
    "upd_ymd": _Kind("updated", LEAD_WORDS),
    "eff_cjk": _Kind("effective", LEAD_WORDS, effective=True),
    "upd_cjk": _Kind("updated", LEAD_WORDS),
    "stand": _Kind("updated", 0, dayfirst=True),
    "upd_last": _Kind("updated", LEAD_WORDS, last=True),
    "upd": _Kind("updated", LEAD_WORDS),
    "mod_last": _Kind("modified", LEAD_WORDS, last=True),
    "mod": _Kind("modified", LEAD_WORDS),
    "rev_last": _Kind("revised", LEAD_WORDS, last=True),
    "rev": _Kind("revised", LEAD_WORDS),
    "rev_strict": _Kind("revised", 0),
    "rel": _Kind("release", LEAD_WORDS),
    "dated": _Kind("dated", 0),
    "version": _Kind("version", 0),
    "date": _Kind("date", 0),
}

# Between a label and its date: separators, markup leftovers, connector words.
_CONNECT_RE = re.compile(
    r"""
    (?:
        [\s:|.,;=>)(\[\]{}\-–—/]+
      | (?:on|as\s+of|as\s+at|from|since|of|is|was|in|at|the|date|le|du|au|el|del|de|desde
          |a\s+partir\s+del?|[àa]\s+compter\s+du|[àa]\s+partir\s+du|depuis\s+le|am|vom|ab
          |seit|il|dal|al|em|op|per|vanaf|od|dnia|z|ze|dne|с|со|от|a|a\s+partir\s+de
          |den|pada|від|la|din|ngày|vào
          |(?:mon|tues|wednes|thurs|fri|satur|sun)day|lundi|mardi|mercredi|jeudi|vendredi
          |samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo|montag
          |dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)(?![^\W\d_])
      | [为為于於是は은는]
    )*
    """,
    re.IGNORECASE | re.VERBOSE,
)
# "last updated this notice on", "most recently updated in": a few words, then on/in.
_LAST_GAP_RE = re.compile(r"\s+(?:[^\W\d_]+\s+){1,4}?(?:on|in)\s+(?:the\s+)?", re.IGNORECASE)
# "Effective date of this Privacy Policy is", "Last updated for these Terms:"
_OF_THIS_RE = re.compile(
    r"\s+(?:of|for)\s+(?:this|these|the|our)\s+(?:[^\W\d_]+\s+){0,3}?[^\W\d_]+"
    r"(?:\s+(?:is|was|are|were)\s+|\s*:\s*)",
    re.IGNORECASE,
)
# "Version 2.3 – 9 December 2023"
_VERSION_NUMBER_RE = re.compile(
    r"\s*[:\-–—]?\s*v?[0-9]+(?:\.[0-9]+)*[a-z]?\s*(?:[:\-–—,(]|\bdated\b|\bof\b|\bfrom\b)?\s*",
    re.IGNORECASE,
)
# "effective from June 6, 2014, until May 24, 2018": a range, i.e. an older version.
_RANGE_RE = re.compile(
    r"[\s,]*(?:until|till|through|thru|to|[-–—])\s*(?:[0-9]|[^\W\d_]{3,10}\.?\s*[0-9])",
    re.IGNORECASE,
)

# ------------------------------------------------------------------ markup cleaning

_LINK_TARGET_RE = re.compile(r"\]\([^)\n]{0,2000}\)|<https?://[^>\s]{0,2000}>")
_TAG_RE = re.compile(r"</?[a-zA-Z][^<>\n]{0,200}>")
_URL_RE = re.compile(r"https?://\S{0,2000}")
_IAL_RE = re.compile(r"\{:[^{}\n]{0,300}\}")  # kramdown attribute list: {: datetime="..." }
# (old, new) replacements; str.replace guarded by "in" is much faster than
# str.translate on non-ASCII text.
_CLEAN_REPLACEMENTS: tuple[tuple[str, str], ...] = (
    ("*", ""),
    ("_", ""),
    ("`", ""),
    ("~", ""),
    ("[", ""),
    ("]", ""),
    ("\\", ""),
    ("\u200b", ""),  # zero-width space
    ("\u200c", ""),  # zero-width non-joiner
    ("\u200d", ""),  # zero-width joiner
    ("\u2060", ""),  # word joiner
    ("\ufeff", ""),  # byte order mark
    ("\u00ad", ""),  # soft hyphen
    ("\u00a0", " "),  # no-break space
    ("\u202f", " "),  # narrow no-break space
    ("\u2007", " "),  # figure space
    ("\u2009", " "),  # thin space
    ("\u200a", " "),  # hair space
    ("\u3000", " "),  # ideographic space
    ("\t", " "),
    ("\r", " "),
    ("，", ","),  # fullwidth comma: "August 29，2023"
    ("：", ":"),  # fullwidth colon: "最終更新日：2020年9月9日"
)


def _clean(fragment: str) -> str:
    """``fragment`` without Markdown/HTML markup and with odd spaces made plain.

    Escaped brackets (``\\[Effective ...\\]``) become parentheses; link texts stay,
    link targets, URLs and kramdown attribute lists (``{: .class }``) go.
    """
    if "](" in fragment or "<" in fragment:
        fragment = _LINK_TARGET_RE.sub("", fragment)
        fragment = _TAG_RE.sub(" ", fragment)
    if "http" in fragment:
        fragment = _URL_RE.sub("", fragment)
    if "{:" in fragment:
        fragment = _IAL_RE.sub("", fragment)
    if "\\[" in fragment or "\\]" in fragment:
        fragment = fragment.replace("\\[", "(").replace("\\]", ")")
    for old, new in _CLEAN_REPLACEMENTS:
        if old in fragment:
            fragment = fragment.replace(old, new)
    return fragment


# Where a clause starts, for counting the words that lead to a label. Brackets are
# handled separately (see _leads).
_CLAUSE_BREAK_RE = re.compile(r"[.!?;:](?:\s|$)|[|•·●▪]|\s[-–—]\s|^\s*[-–—]\s")
_BRACKET_RE = re.compile(r"[(){}]")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_BRACKET_TITLE_WORDS = 6  # "Privacy Policy (Effective January 1, 2024)"
# A clause about the text itself may be longer: "This version of ... took effect on".
_SELF = frozenset(
    {"version", "policy", "notice", "statement", "terms", "agreement", "page", "document",
     "privacy", "cookie", "cookies", "guidelines", "policies", "conditions", "addendum"}
)  # fmt: skip
_SELF_WORDS = 10
_ANNOUNCE_WORDS = frozenset({"updating", "update", "updates", "upcoming"})


def _leads(prefix: str, kind: _Kind, line_start: bool) -> bool:
    """Whether a label preceded by ``prefix`` (cleaned) leads its line or clause.

    The label may follow at most ``kind.max_words`` words after the start of the line,
    the last clause break (sentence end, ``;``, ``:``, ``|``, a spaced dash, a bullet)
    or a bracket still open at the label. An effective label inside a bracket that
    opens after more than a few words qualifies those words ("... Act [Effective
    January 1, 2026]") and does not lead. ``line_start`` says whether ``prefix``
    starts its line; if not (a window of a very long line), a clause break is needed.
    """
    start = 0
    broken = line_start
    for m in _CLAUSE_BREAK_RE.finditer(prefix):
        start = m.end()
        broken = True
    opened: list[int] = []
    for m in _BRACKET_RE.finditer(prefix):
        if m.group() in "({":
            opened.append(m.start())
        elif opened:
            opened.pop()
    if opened:
        bracket = opened[-1]
        if kind.effective:
            before = len(_WORD_RE.findall(prefix, 0, bracket))
            if not line_start or before > _BRACKET_TITLE_WORDS:
                return False
        if bracket >= start:
            start = bracket + 1
            broken = True
    if not broken:
        return False
    words = _WORD_RE.findall(prefix, start)
    limit = kind.max_words
    if len(words) > 1 and words[0].lower() in ("this", "these") and words[1].lower() in _SELF:
        # "This version of npm's privacy questions and answers took effect June 3, 2020."
        limit = max(limit, _SELF_WORDS)
    if len(words) > limit:
        return False
    if words and words[-1].lower() == "as" and not kind.last and not kind.effective:
        return False  # "Regulation (EU) 2016/679, as amended 27 April 2016": a citation
    # "We're updating our Guidelines, effective ...", "This update goes into effect on
    # ...": a banner announcing a coming version; the text shown is the current one.
    return not any(word.lower() in _ANNOUNCE_WORDS for word in words)


_LEADING_MARKUP = " #>|*+-–—•·●▪.:()"


# Lines that are only markup: blank lines, setext underlines, table rules, breaks.
_RULE_LINE_RE = re.compile(r"[\s=\-_*|:+#>]*")
_LIST_ITEM_RE = re.compile(r"\s*(?:[*+\-•·●▪◦]\s|[0-9]{1,3}[.)]\s)")
# What may follow a bare date on its line: punctuation, markup, one parenthesis.
_BARE_TRAIL_RE = re.compile(r"[\s.,;:|)\]}>#\-–—]*(?:\([^()]{0,80}\)[\s.]*)?")
# A word after a date that starts its line: "2020年9月9日 改定", "2020년 9월 9일 시행".
_SUFFIX_RE = re.compile(
    r"\s*(?:より|から|부터)?\s*(?:(?P<eff>"
    + "|".join(sorted(SUFFIXES[0][1], key=len, reverse=True))
    + ")|(?P<upd>"
    + "|".join(sorted(SUFFIXES[1][1], key=len, reverse=True))
    + r"))(?:日|일)?(?:しました|します|されました|됨|합니다)?[\s。.)）]*"
)
# What may follow the date of a stamp line: punctuation, markup, one parenthesis,
# "r." / "г." (Polish, Russian: year).
_STAMP_TRAIL_RE = re.compile(
    r"\s*(?:r\.|г\.|rok|года?)?[\s.,;:|)\]}>#\-–—]*(?:\([^()]{0,80}\)[\s.]*)?"
)
# What may stand around a label that is alone on its line.
_LABEL_ALONE_RE = re.compile(r"[\W_]*")


# ----------------------------------------------------------------------- scanning


@dataclass(slots=True)
class _Candidate:
    rank: int  # 0 effective, 1 other label, 2 bare date line
    sub: int  # front matter first, by key rank
    line: int
    col: int
    date: datetime.date
    precision: str
    label: str
    newest: int = 0  # date stamps that list a history: the newest date wins

    def key(self) -> tuple[int, int, bool, int, int, int]:
        # a labelled stamp before a history line of its rank; among history lines the
        # newest date
        return (self.rank, self.sub, self.newest != 0, -self.newest, self.line, self.col)


def _labels_before(s: str, lo: int, ds: int) -> list[tuple[int, _Kind]]:
    """Labels in ``s[lo:ds]`` whose date starts exactly at ``ds``, nearest first.

    Each is ``(start, kind)``. "Published Date: ..." gives both "Date" and "Published".
    """
    window_start = max(lo, ds - _LABEL_REACH)
    low = s[window_start:ds].replace("İ", "I").lower()
    if len(low) != ds - window_start:  # lower() changed the length: give up on the line
        return []
    labels = []
    for lm in reversed(list(_LABEL_FAST_RE.finditer(low))):
        start = window_start + lm.start()
        if start > 0 and s[start - 1].isalnum() and not _is_cjk(s[start]):
            continue  # inside a word (scripts without spaces have no word bounds)
        kind = _kind_of(lm.group())
        if kind is None:
            continue
        if _date_start_after(s, window_start + lm.end(), kind, ds):
            labels.append((start, kind))
    return labels


def _date_start_after(s: str, pos: int, kind: _Kind, ds: int) -> bool:
    """Whether the date after a label ending at ``pos`` starts at ``ds``."""
    connect = _CONNECT_RE.match(s, pos, ds)
    if connect is not None and connect.end() == ds:
        return True
    if kind.last:
        gap = _LAST_GAP_RE.match(s, pos, ds)
        if gap is not None and gap.end() == ds:
            return True
    if kind.max_words:
        gap = _OF_THIS_RE.match(s, pos, ds)
        connect = _CONNECT_RE.match(s, gap.end(), ds) if gap is not None else None
        if connect is not None and connect.end() == ds:
            return True
    if kind.label == "version":
        number = _VERSION_NUMBER_RE.match(s, pos, ds)
        if number is not None and number.end() == ds:
            return True
    return False


def _is_year_at(text: str, p: int, end: int) -> bool:
    """Whether ``text[p:p+4]`` ("19.."/"20.." already checked) is a four-digit year."""
    return (
        p + 4 <= end
        and "0" <= text[p + 2] <= "9"
        and "0" <= text[p + 3] <= "9"
        and not (p > 0 and "0" <= text[p - 1] <= "9")
        and not (p + 4 < len(text) and "0" <= text[p + 4] <= "9")
    )


def _is_short_year_at(text: str, p: int, end: int) -> bool:
    """Whether ``text[p:p+3]`` (a quote already checked) is a ``'23`` year."""
    return p + 3 <= end and "0" <= text[p + 1] <= "9" and "0" <= text[p + 2] <= "9"


def _year_offsets(text: str, start: int, end: int, limit: int, from_end: bool) -> list[int]:
    """Sorted offsets in ``text[start:end]`` of four-digit years 1900-2099 (not part of
    a longer number) and of two-digit ``'23`` years: the first ``limit`` ones, or the
    last ``limit`` ones when ``from_end``."""
    hits: list[int] = []
    for needle, check in (("20", _is_year_at), ("19", _is_year_at),
                          ("'", _is_short_year_at), ("’", _is_short_year_at)):  # fmt: skip
        found = 0
        if from_end:
            p = text.rfind(needle, start, end)
            while p != -1 and found < limit:
                if check(text, p, end):
                    hits.append(p)
                    found += 1
                p = text.rfind(needle, start, p + len(needle) - 1)
        else:
            p = text.find(needle, start, end)
            while p != -1 and found < limit:
                if check(text, p, end):
                    hits.append(p)
                    found += 1
                p = text.find(needle, p + 1, end)
    hits.sort()
    return hits[-limit:] if from_end else hits[:limit]


class _Scanner:
    """Candidates from one region of the text."""

    def __init__(
        self,
        text: str,
        start: int,
        end: int,
        first_line: int,
        from_end: bool,
        strict: tuple[tuple[int, int], ...] | None = None,
    ):
        self.text = text
        # Stamp lines only (the rest of the preamble), never in these hidden spans
        # (front matter, HTML comments): see _Scanner.is_stamp_line.
        self.strict = strict
        self.hidden: tuple[tuple[int, int], ...] = ()  # HTML comments: not seen
        self.segment_start = start
        self.start = start  # region [start, end) of text
        self.end = end
        self.first_line = first_line  # line number of self.start
        self.partial_start = start > 0 and text[start - 1] != "\n"  # mid-line start
        self.from_end = from_end  # the end region: its last years matter most
        self.budget = _MAX_DATE_SEARCHES  # bounds the work on adversarial texts
        self.found: list[_Candidate] = []

    # -- lines of the region
    def line_bounds(self, pos: int) -> tuple[int, int]:
        ls = self.text.rfind("\n", self.start, pos) + 1
        if ls == 0:
            ls = self.start
        le = self.text.find("\n", pos, self.end)
        if le == -1:
            le = self.end
        return ls, le

    def scan(self) -> None:
        """Look at every line (or long-line window) of the region that holds a year."""
        # Real regions hold at most about fifteen years; the cap bounds odd texts.
        hits = _year_offsets(self.text, self.start, self.end, _MAX_YEARS, self.from_end)
        done_lines: set[int] = set()
        line_no = self.first_line
        counted_to = self.start
        for p in hits:
            if any(c.rank == 0 and not c.newest for c in self.found):
                return  # an effective stamp: nothing later can beat it (a history line can)
            line_no += self.text.count("\n", counted_to, p)
            counted_to = p
            ls, le = self.line_bounds(p)
            whole = ls > self.start or not self.partial_start
            if le - ls <= _LONG_LINE:
                if line_no not in done_lines:
                    done_lines.add(line_no)
                    self.scan_segment(ls, ls, le, line_no, whole, None)
            else:
                ws = max(ls, p - _WINDOW_BEFORE)
                we = min(le, p + _WINDOW_AFTER)
                self.scan_segment(ls, ws, we, line_no, whole and ws == ls, p - ws)

    def scan_segment(
        self, ls: int, ws: int, we: int, line_no: int, line_start: bool, year_at: int | None
    ) -> None:
        """Dates in ``text[ws:we]``, a line starting at ``ls`` or a window of it.

        ``line_start``: the segment starts at the start of its line. ``year_at``: for a
        window, the offset of the year that caused it; only the date holding it is used.
        """
        raw = self.text[ws:we]
        self.segment_start = ws
        s = _clean(raw)
        lo, hi = 0, len(s)
        if year_at is not None:  # cleaning removed len(raw) - len(s) characters
            slack = len(raw) - len(s) + 2
            lo, hi = max(0, year_at - slack), min(len(s), year_at + 6)
        prev_end = 0  # end of the previous date on the segment
        for y in _year_offsets(s, lo, hi, max(self.budget, 0), from_end=False):
            if y < prev_end:
                continue
            self.budget -= 1
            if self.budget < 0:
                return
            # The date holding this year starts at most _DATE_REACH characters before it.
            for dm, parsed in _iter_dates(s, True, max(prev_end, y - _DATE_REACH), y + 40):
                if dm.start() <= y < dm.end():
                    if _RANGE_RE.match(s, dm.end()) is None:
                        self.classify(ls, raw, s, dm, parsed, prev_end, line_no, line_start)
                    prev_end = dm.end()
                    break

    def classify(
        self,
        ls: int,
        raw: str,
        s: str,
        dm: re.Match[str],
        parsed: tuple[datetime.date, str] | None,
        prev_end: int,
        line_no: int,
        line_start: bool,
    ) -> None:
        """Add the date ``dm`` of the cleaned segment ``s`` if it is a stamp."""
        ds = dm.start()
        if self.strict is not None and not self.is_stamp_line(ls, raw, s, dm):
            return
        if self.hidden:
            # where the date is, give or take the characters cleaning removed before it
            at = self.segment_start + ds
            if any(lo <= at < hi for lo, hi in self.hidden):
                return
        labels = _labels_before(s, prev_end, ds)
        col = ds
        if labels:
            leading = [
                (start, kind)
                for start, kind in labels
                if _leads(s[prev_end:start], kind, line_start or prev_end > 0)
            ]
            if not leading:
                return
            col, kind = leading[0]
        elif line_start and not s[:ds].strip(_LEADING_MARKUP):
            # The date starts its line: a word after it ("2020年9月9日 改定"), a label
            # alone above it, or a bare date line.
            sm = _SUFFIX_RE.fullmatch(s, dm.end())
            if sm is not None:
                if parsed is not None:
                    # Such lines list a history (enacted, revised, revised): newest wins.
                    effective = sm.group("eff") is not None
                    label = "effective" if effective else "updated"
                    self.add(0 if effective else 1, line_no, ds, parsed[0], parsed[1], label)
                    self.found[-1].newest = parsed[0].toordinal()
                return
            above = self.label_alone_above(ls)
            if above is None:
                if (
                    parsed is not None
                    and self.is_bare(raw, s, dm)
                    and (self.strict is None or self.under_title(ls))
                ):
                    self.add(2, line_no, ds, parsed[0], parsed[1], "date")
                return
            kind = above
        else:
            return
        if kind.dayfirst and dm.group("num") is not None:
            parsed = _date_from_match(dm, dayfirst=True)
        if parsed is not None:
            self.add(0 if kind.effective else 1, line_no, col, parsed[0], parsed[1], kind.label)

    def add(
        self, rank: int, line: int, col: int, date: datetime.date, precision: str, label: str
    ) -> None:
        self.found.append(_Candidate(rank, 0, line, col, date, precision, label))

    def label_alone_above(self, ls: int) -> _Kind | None:
        """The label standing alone on one of the few lines above the line at ``ls``."""
        text = self.text
        pos = ls
        for _ in range(_NEXT_LINES):
            if pos <= self.start:
                return None
            prev_start = text.rfind("\n", self.start, pos - 1) + 1
            if prev_start == 0:
                prev_start = self.start
            line = text[prev_start : pos - 1]
            pos = prev_start
            if _RULE_LINE_RE.fullmatch(line):
                continue  # blank line, setext underline, table rule
            if len(line) > _LABEL_LINE_MAX:
                return None
            cleaned = _clean(line)
            low = cleaned.lower()
            lead = _LABEL_ALONE_RE.match(low)
            lm = _LABEL_FAST_RE.match(low, lead.end() if lead else 0)
            if lm is None or not _LABEL_ALONE_RE.fullmatch(low, lm.end()):
                return None
            kind = _kind_of(lm.group())
            return None if kind is None or kind.label == "version" else kind
        return None

    def is_stamp_line(self, ls: int, raw: str, s: str, dm: re.Match[str]) -> bool:
        """Whether the line of the date ``dm`` is a stamp line: a label (or nothing) at its
        start, then the date, then at most punctuation and one parenthesis ("(previous
        version)"); not a table row, not hidden (front matter, comment)."""
        if any(lo <= ls < hi for lo, hi in self.strict or ()):
            return False
        if raw.lstrip().startswith(("|", "[", "![")) or raw.count("|") >= 2:
            return False  # a table row (a change log, a summary), a link
        if _LIST_ITEM_RE.match(raw):
            return False  # a list: contents, older versions
        if (
            _SUFFIX_RE.fullmatch(s, dm.end()) is None
            and _STAMP_TRAIL_RE.fullmatch(s, dm.end()) is None
        ):
            return False
        low = s[: dm.start()].lower()
        lead = _LABEL_ALONE_RE.match(low)
        if lead is None or lead.end() == len(low):
            return True  # the date starts the line
        lm = _LABEL_FAST_RE.match(low, lead.end())
        kind = _kind_of(lm.group()) if lm is not None else None
        if lm is None or kind is None or len(low) != dm.start():
            return False
        return _date_start_after(s, lm.end(), kind, dm.start())

    def under_title(self, ls: int) -> bool:
        return _under_title(self.text, ls)

    @staticmethod
    def is_bare(raw: str, s: str, dm: re.Match[str]) -> bool:
        """Whether the line is nothing but a date (not a list item, not a link)."""
        if len(s) > _BARE_MAX or _LIST_ITEM_RE.match(raw):
            return False
        stripped = raw.lstrip()
        if stripped.startswith("[") or stripped.startswith("!["):
            return False  # a link, e.g. to an archived version
        return _BARE_TRAIL_RE.fullmatch(s, dm.end()) is not None

    def front_matter(self) -> None:
        """Date keys of a YAML (---) or TOML (+++) front matter at the start."""
        text = self.text
        first_end = text.find("\n", 0, self.end)
        if first_end == -1 or text[:first_end].strip() not in ("---", "+++"):
            return
        fence = text[:first_end].strip()
        pos = first_end + 1
        line_no = 1
        while pos < self.end:
            nl = text.find("\n", pos, self.end)
            line = text[pos : nl if nl != -1 else self.end]
            if line.strip() in (fence, "..."):
                return
            m = _FM_LINE_RE.match(line)
            if m is not None:
                key = m.group(1).strip().lower().replace("-", "_").replace(" ", "_")
                sub = _FM_KEYS.get(key)
                value = _clean(m.group(2)).strip().strip("\"'").strip()
                dm = _DATE_RE.match(value) if sub is not None else None
                parsed = _date_from_match(dm, dayfirst=False) if dm is not None else None
                if sub is not None and parsed is not None:
                    rank = 0 if sub == 0 else 1
                    self.found.append(
                        _Candidate(rank, sub - 3, line_no, 0, *parsed, "front-matter")
                    )
            if nl == -1:
                return
            pos = nl + 1
            line_no += 1

    def best(self) -> _Candidate | None:
        return min(self.found, key=_Candidate.key) if self.found else None


# Front matter keys, by rank: effective keys, then update keys, then plain dates.
_FM_KEYS: dict[str, int] = {
    **dict.fromkeys(
        ("effective_date", "effective", "effective_from", "effective_on", "effective_as_of",
         "effectivedate", "in_force", "in_force_from", "valid_from"),
        0,
    ),
    **dict.fromkeys(
        ("last_updated", "lastupdated", "updated", "updated_at", "updated_on", "last_update",
         "last_modified", "modified", "modified_at", "date_modified", "datemodified",
         "lastmod", "last_mod", "last_revised", "revised"),
        1,
    ),
    **dict.fromkeys(
        ("date", "published", "published_at", "date_published", "release_date",
         "publication_date", "version_date", "dated"),
        2,
    ),
}  # fmt: skip
_FM_LINE_RE = re.compile(r"\s*([A-Za-z][\w\- ]{0,40}?)\s*[:=]\s*(.*)")


# HEADER_LINES lines: one match instead of one str.find per line.
_HEADER_LINES_RE = re.compile(rf"(?:[^\n]*+\n){{{HEADER_LINES}}}")


def _header_end(text: str) -> int:
    """End offset of the header region: HEADER_LINES lines, at most HEADER_CHARS.

    That is the offset of the ``HEADER_LINES``-th newline when it lies within the
    first ``HEADER_CHARS`` characters, else ``min(len(text), HEADER_CHARS)``.
    """
    limit = min(len(text), HEADER_CHARS)
    m = _HEADER_LINES_RE.match(text, 0, limit)
    return limit if m is None else m.end() - 1


def _end_start(text: str, header_end: int) -> int:
    """Start offset of the end region (a line start when one is in reach)."""
    lo = max(header_end, len(text) - END_CHARS)
    pos = len(text)
    if text.endswith("\n"):
        pos -= 1
    for _ in range(END_LINES):
        nl = text.rfind("\n", lo, pos)
        if nl == -1:
            return lo
        pos = nl
    return pos + 1


# A break line starts with one of these; each kind of start is tried at most
# _BREAK_TRIES times (setext underlines, "Title\n-----", also start with "\n---").
_BREAK_NEEDLES = ("\n- - -", "\n* * *", "\n_ _ _", "\n---", "\n***", "\n___")
_BREAK_NEEDLE_RE = re.compile(r"\n(?:- - -|\* \* \*|_ _ _|---|\*\*\*|___)")  # the needles
_BREAK_LINE_RE = re.compile(r"[ \t]*(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})")
_BREAK_TRIES = 32


def _first_break(text: str, start: int, end: int) -> int | None:
    """Start of the first thematic break line in ``text[start:end]``, or None.

    A thematic break is a line of three or more ``-``, ``*`` or ``_`` (spaces allowed)
    that starts with one of ``_BREAK_NEEDLES`` (after its newline) and comes after a
    blank line, so not a setext heading underline. Only the first ``_BREAK_TRIES``
    lines starting with each needle are looked at (bounded work).

    One pass of one pattern finds the candidates in order (they cannot overlap: each
    starts at a newline and holds no other); the first that is a break wins.
    """
    tries = dict.fromkeys(_BREAK_NEEDLES, 0)
    left = len(_BREAK_NEEDLES)  # needles not yet tried _BREAK_TRIES times
    for m in _BREAK_NEEDLE_RE.finditer(text, start, end):
        needle = m.group()
        tried = tries[needle]
        if tried >= _BREAK_TRIES:
            continue
        tries[needle] = tried + 1
        p = m.start()
        le = text.find("\n", p + 1, end)
        line = text[p + 1 : end if le == -1 else le]
        prev = text[text.rfind("\n", 0, p) + 1 : p]
        if not prev.strip() and _BREAK_LINE_RE.fullmatch(line.rstrip()):
            return p + 1
        if tried + 1 == _BREAK_TRIES:
            left -= 1
            if not left:
                return None
    return None


def _line_start_above(text: str, pos: int, lines: int, floor: int) -> int:
    """Start of the line ``lines`` lines above the one at ``pos``, not before ``floor``."""
    for _ in range(lines):
        nl = text.rfind("\n", floor, pos - 1) if pos > floor else -1
        if nl == -1:
            return floor
        pos = nl + 1
    return pos


# ------------------------------------------------------------------------ preamble

# Lines that are not prose: headings, rules, table rows, kramdown attribute lists and
# Liquid tags, images and links alone on their line.
_NOT_PROSE_RE = re.compile(r"\s*(?:#|\||\{[:%]|!?\[[^\]\n]*\]\([^)\n]*\)\s*$)")
_SHORT_LINE = 80  # a list item or HTML line this short (cleaned) is not prose (a ToC)
_SENTENCE_ENDS = (".", "!", "?", "。", ".)")
_ITEM_FIRST = frozenset("*+-•·●▪◦0123456789")  # first characters of _LIST_ITEM_RE lines
_NOT_PROSE_FIRST = frozenset("#|{![")  # first characters of _NOT_PROSE_RE lines
_RULE_FIRST = frozenset("=-_*|:+#>")  # first characters of _RULE_LINE_RE lines


def _preamble(text: str) -> tuple[int, int, tuple[tuple[int, int], ...]]:
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
    if first != -1 and text[:first].strip() in ("---", "+++"):
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
    ``long`` line is cut after ``PREAMBLE_PROSE`` characters. See _preamble."""
    if long:
        return 0 if stripped.startswith(("#", "|", "{:", "{%")) else len(stripped) + 1
    if not stripped or (stripped[0] in _NOT_PROSE_FIRST and _NOT_PROSE_RE.match(stripped)):
        return 0
    if stripped[0] in _RULE_FIRST and _RULE_LINE_RE.fullmatch(stripped):
        return 0
    item = _LIST_ITEM_RE.match(stripped) if stripped[0] in _ITEM_FIRST else None
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
        line = _TAG_RE.sub(" ", _LINK_TARGET_RE.sub("", line))
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


def _markup_stamp(text: str, end: int, hidden: tuple[tuple[int, int], ...]) -> DateStamp | None:
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
        parsed = _make_date(int(m["y"]), int(m["m"]), int(m["d"] or 1))
        if parsed is None:
            continue
        stamp_ls, before = ls, text[ls : m.start()]
        if not _clean(before).strip(_LEADING_MARKUP) and m.group().startswith("{:"):
            # a block attribute list: it qualifies the line above
            stamp_ls = text.rfind("\n", 0, max(ls - 1, 0)) + 1 if ls > 0 else 0
            before = text[stamp_ls : max(ls - 1, stamp_ls)]
        label = _stamp_line_label(before)
        if label is None or (label == "date" and not _under_title(text, stamp_ls)):
            continue  # not a stamp line; a date with no label only right under the title
        line = text.count("\n", 0, stamp_ls)
        precision = "day" if m["d"] else "month"
        return DateStamp(parsed, precision, label, line, "markup")
    return None


def _under_title(text: str, ls: int) -> bool:
    """Whether the nearest non-blank line above the line at ``ls`` (within two blank
    lines) is a level-1 heading (``# Title``, or the ``===`` underline of one)."""
    pos = ls
    for _ in range(3):
        if pos <= 0:
            return False
        prev_start = text.rfind("\n", 0, pos - 1) + 1
        line = text[prev_start : pos - 1].strip()
        pos = prev_start
        if not line:
            continue
        return line.startswith("# ") or set(line) == {"="}
    return False


def _stamp_line_label(before: str) -> str | None:
    """The label of a stamp line whose date (unreadable or missing) follows ``before``:
    its label, "date" when there is none; None for a list item, a link or prose."""
    if _LIST_ITEM_RE.match(before) or before.lstrip().startswith(("[", "![", "|")):
        return None
    cleaned = _clean(before).strip()
    low = cleaned.lower()
    lead = _LABEL_ALONE_RE.match(low)
    start = lead.end() if lead is not None else 0
    if start >= len(low):
        return "date"
    lm = _LABEL_FAST_RE.match(low, start)
    kind = _kind_of(lm.group()) if lm is not None else None
    if lm is None or kind is None:
        return None
    if len(low) - lm.end() > 60:
        return None  # a label, then prose
    return kind.label


def find_effective_date(text: str) -> DateStamp | None:
    """Return the date ``text`` states for itself (its effective date), or None.

    Reads the header (first ``HEADER_LINES`` lines / ``HEADER_CHARS`` characters),
    and only when that gives nothing, the end (last ``END_LINES`` lines / ``END_CHARS``
    characters), then the close of the first part of a multi-part page. See the module
    docstring for what counts as a stamp and which wins.
    Never raises for any ``str``; returns None for anything else.
    """
    if not isinstance(text, str) or not text:
        return None
    return _find_with_regions(text)[0]


# Where _find_with_regions found the stamp: the header, the end, or elsewhere (the
# close of the first part; also when there is no stamp, all regions having been read).
_IN_HEADER, _IN_END, _ELSEWHERE = 0, 1, 2


_MAX_COMMENTS = 32


def _comment_spans(text: str, end: int) -> tuple[tuple[int, int], ...]:
    """Spans of the HTML comments in ``text[:end]`` (an unclosed one runs to ``end``)."""
    spans: list[tuple[int, int]] = []
    pos = text.find("<!--", 0, end)
    while pos != -1 and len(spans) < _MAX_COMMENTS:
        close = text.find("-->", pos + 4, end)
        if close == -1:
            spans.append((pos, end))
            break
        spans.append((pos, close + 3))
        pos = text.find("<!--", close + 3, end)
    return tuple(spans)


def _scan_lines(text: str, header_end: int) -> DateStamp | None:
    """The stamp of the first ``HEADER_LINES`` lines (``text[:header_end]``)."""
    scanner = _Scanner(text, 0, header_end, 0, from_end=False)
    scanner.hidden = _comment_spans(text, header_end)
    scanner.front_matter()
    scanner.scan()
    best = scanner.best()
    return _stamp(best, 0) if best is not None else None


def _scan_header(text: str, lines_quiet: bool = False) -> tuple[DateStamp | None, int]:
    """The stamp of the header region and the end of what was read for it.

    The header is read in three steps, each only when the ones before gave nothing:
    the first ``HEADER_LINES`` lines (every rule; skipped when ``lines_quiet``: the
    caller knows they hold no stamp); the rest of the preamble, up to the body proper
    (:func:`_preamble`: stamp lines only); then machine-readable twins in both
    (:func:`_markup_stamp`). The answer depends on ``text[:end + 1]`` only.
    """
    header_end = _header_end(text)
    if not lines_quiet:
        stamp = _scan_lines(text, header_end)
        if stamp is not None:
            return stamp, header_end
    comments = _comment_spans(text, header_end)
    body_start, read_end, hidden = _preamble(text)
    end = max(header_end, read_end)
    if body_start > header_end:
        scanner = _Scanner(text, header_end, body_start, 0, from_end=False, strict=hidden)
        scanner.scan()
        best = scanner.best()
        if best is not None:
            return _stamp(best, text.count("\n", 0, header_end)), end
    return _markup_stamp(text, max(header_end, body_start), (*comments, *hidden)), end


def _find_in_header(text: str) -> tuple[DateStamp | None, int] | None:
    """For a ``text`` that may be the start of a longer one, what any text starting
    with it has in its first ``HEADER_LINES`` lines: ``(stamp, header_end)`` when they
    hold a stamp (:func:`_find_with_regions` answers that, having read
    ``text[:header_end]``), ``(None, -1)`` when they hold none (the rest of the header
    is then read from the whole text, with ``quiet_header``). None when ``text`` may
    end within those lines (they and the character after them must be in ``text``)."""
    header_end = _header_end(text)
    if header_end >= len(text):
        return None
    stamp = _scan_lines(text, header_end)
    return (stamp, header_end) if stamp is not None else (None, -1)


def _find_with_regions(
    text: str, quiet_ends: bool = False, quiet_header: bool = False
) -> tuple[DateStamp | None, int, int, int]:
    """:func:`find_effective_date` of a non-empty ``str``, and what it read.

    Returns ``(stamp, header_end, end_start, where)``: the header region is
    ``text[:header_end]`` (:func:`_scan_header`); the end region ``text[end_start:]``
    (``end_start`` is -1 when the end was not read); ``where`` is ``_IN_HEADER``,
    ``_IN_END`` or ``_ELSEWHERE``. The history scan (:mod:`notices_repo.catalog.facts`)
    uses this to reuse a parent's date when a child has the same characters in every
    region read.

    ``quiet_ends``: the caller knows that the header and the end hold no stamp (they
    are the characters of another text's, where none was found), so only the close of
    the first part is read; ``quiet_header``: it knows that the first ``HEADER_LINES``
    lines hold none (from :func:`_find_in_header`), so the header is read from the
    rest of the preamble on. The answer is the one without them.
    """
    lines_end = _header_end(text)
    if quiet_ends:
        header_end = max(lines_end, _preamble(text)[1])
    else:
        stamp, header_end = _scan_header(text, lines_quiet=quiet_header)
        if stamp is not None:
            return stamp, header_end, -1, _IN_HEADER
    # The end and the close of the first part are placed after the first HEADER_LINES
    # lines, as before the preamble was read: a short text that never reaches its body
    # proper (a cookie table, a list of vendors) still has its closing stamp read. The
    # regions may then overlap the preamble; blobfacts.reuse_regions never reuses those.
    if lines_end >= len(text):
        return None, header_end, -1, _ELSEWHERE
    end_start = _end_start(text, lines_end)
    if not quiet_ends:
        scanner = _Scanner(text, end_start, len(text), 0, from_end=True)  # lines from start
        scanner.scan()
        best = scanner.best()
        if best is not None:  # counting lines of a 1 MB text costs; only when needed
            line = text.count("\n", 0, end_start)
            return _stamp(best, line), header_end, end_start, _IN_END
    # A stamp closing the first part of a multi-part page: the few lines above the
    # first thematic break after the header (bounded search).
    brk = _first_break(text, lines_end, min(end_start, lines_end + MIDDLE_CHARS))
    if brk is not None:
        start = _line_start_above(text, brk, MIDDLE_LINES, lines_end)
        scanner = _Scanner(text, start, brk, 0, from_end=True)
        scanner.scan()
        best = scanner.best()
        if best is not None and best.rank != 2:  # a bare date above a break is too weak
            return _stamp(best, text.count("\n", 0, start)), header_end, end_start, _ELSEWHERE
    return None, header_end, end_start, _ELSEWHERE


def _stamp(best: _Candidate, line_offset: int) -> DateStamp:
    return DateStamp(best.date, best.precision, best.label, best.line + line_offset)
