"""Month names, the shapes of a date, and :func:`parse_date`."""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterator

from notices_repo.text.dates.clean import clean_fragment, spellings
from notices_repo.text.dates.languages import LANGUAGES
from notices_repo.text.dates.stamp import PARSE_DATE_MAX_CHARS


@functools.cache
def month_numbers() -> dict[str, int]:
    """Month names of every language of the table (languages.LANGUAGES), lower case, and
    their numbers: built on first use, not at import. A spelling two languages give
    different months ("listopad") has the number of the first."""
    numbers: dict[str, int] = {}
    for language in LANGUAGES:
        for number, names in enumerate(language.months, 1):
            for name in names:
                for spelling in spellings(name):
                    numbers.setdefault(spelling, number)
    return numbers


@functools.cache
def month_overrides() -> dict[str, dict[str, int]]:
    """By language code, its month spellings whose number differs from
    :func:`month_numbers` (Croatian "listopad" is October, Czech and Polish November):
    read so after one of its labels."""
    numbers = month_numbers()
    overrides: dict[str, dict[str, int]] = {}
    for language in LANGUAGES:
        for number, names in enumerate(language.months, 1):
            for name in names:
                for spelling in spellings(name):
                    if numbers[spelling] != number:
                        overrides.setdefault(language.code, {})[spelling] = number
    return overrides


# Shapes of a date. A month is matched as any 3-10 letter word and checked against
# month_numbers() afterwards (much faster than a 100-way alternation). Named groups tell the
# shapes apart; digit-led shapes come first, then month-led ones.
_YEAR4 = r"(?:19|20)[0-9]{2}(?![0-9])"
_YEAR2 = r"['’](?P<{name}>[0-9]{{2}})(?![0-9:])"
_WORD = r"[^\W\d_]{3,12}"

# Wide reading (texts in scripts whose words hold marks, or with digits of other
# scripts: :func:`wide_text`): words may hold vowel and tone marks (Thai, Devanagari,
# Bengali: "กันยายน", "सितंबर" are not runs of \w) and the dots of Thai abbreviations
# ("ก.ย."), may be two letters long ("मई"); years may be Buddhist Era ("2563", read as
# 2020: :func:`year_of`), after "พ.ศ." (B.E.) or "ค.ศ." (A.D.).
_MARKS = (
    "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"  # Thai
    "\u0900-\u0903\u093a-\u094f\u0951-\u0957\u0962\u0963"  # Devanagari
    "\u0981-\u0983\u09bc-\u09d7\u09e2\u09e3"  # Bengali
)
_WIDE_YEAR4 = r"(?:19|20|24|25|26)[0-9]{2}(?![0-9])"  # B.E. 2443-2642: 1900-2099
_WIDE_WORD = rf"(?:[^\W\d_]|[{_MARKS}]|\.(?=[\u0e01-\u0e2e]))" + "{2,14}"
_ERA = r"(?:[\u0e1e\u0e04]\.\s?\u0e28\.\s*)?"  # "พ.ศ." / "ค.ศ." before a year


def _date_pattern(year4: str, word: str, era: str) -> str:
    """The shapes of a date with these year, month-word and era patterns."""
    return rf"""
    (?P<yy>{year4})  # the year-first shapes share their year: one test per place
    (?:
        (?P<cjk>
            \s*[年년]\s*(?P<jm>[0-9]{{1,2}})\s*[月월]
            (?:\s*(?P<jd>[0-9]{{1,2}})\s*[日일])?
        )
      | (?P<kdot>
            \.\s+(?P<km>[0-9]{{1,2}})\.\s*(?P<kd>[0-9]{{1,2}})(?![0-9])\.?
        )
      | (?P<lv>
            \.\s*gada\s+(?P<ld>[0-9]{{1,2}})\.\s*(?P<lm>{word})
        )
      | (?P<hu>
            (?:\.|\s*m\.)\s*(?P<hm>{word})\.?\s+(?P<hd>[0-9]{{1,2}})(?![0-9])
            (?:\s*d\.|\.)?
        )
      | (?P<iso>
            (?P<isep>[-./])(?P<im>[0-9]{{1,2}})(?P=isep)(?P<id>[0-9]{{1,2}})
            (?![0-9])
            (?:[T\ ][0-9]{{2}}:[0-9]{{2}}(?::[0-9]{{2}}(?:[.,][0-9]+)?)?
               (?:Z|[+-][0-9]{{2}}:?[0-9]{{2}})?)?
        )
    )
  | (?P<vi>
        ngày\s+(?P<vd>[0-9]{{1,2}})\s+tháng\s+(?P<vm>[0-9]{{1,2}})\s*,?\s*năm\s+(?P<vy>{year4})
    )
  | (?P<dd>[0-9]{{1,2}})  # the day-first shapes share their day
    (?:
        (?P<dmy>
            (?:st|nd|rd|th|er|re|º|°|ª)?\.?
            (?:\s*[-/]\s*|\s*)(?:of\s+|de\s+|d['’])?
            (?P<cm>{word})\.?
            (?:\s*,\s*|\s*[-/]\s*|\s+(?:del?\s+)?|\s*){era}
            (?:(?P<cy>{year4})|{_YEAR2.format(name="cy2")})
        )
      | (?P<num>
            (?P<nsep>\.\x20|[./-])(?P<n2>[0-9]{{1,2}})(?P=nsep)(?P<n3>{year4})
            (?![./-][0-9])
        )
    )
  | (?P<mw>{word})\.?  # the month-first shapes share their month
    (?:
        (?P<mdy>
            \s*(?P<bd>[0-9]{{1,2}})(?:st|nd|rd|th)?(?![0-9])
            (?:\s*,\s*|\s+)
            (?:(?P<by>{year4})|{_YEAR2.format(name="by2")})
        )
      | (?P<my>
            \s*,?\s*(?:del?\s+)?{era}(?P<dy>{year4})
        )
    )
"""


_FLAGS = re.IGNORECASE | re.VERBOSE


@functools.cache
def date_re(wide: bool = False) -> re.Pattern[str]:
    """A date of any shape, matched where it starts (compiled on first use); ``wide``:
    the wide reading (see :func:`wide_text`)."""
    return re.compile(_pattern(wide), _FLAGS)


def _pattern(wide: bool) -> str:
    if wide:
        return _date_pattern(_WIDE_YEAR4, _WIDE_WORD, _ERA)
    return _date_pattern(_YEAR4, _WORD, "")


@functools.cache
def _date_search_re(wide: bool = False) -> re.Pattern[str]:
    """Searching: a date does not start inside a word or a number (scripts written
    without spaces excepted: "本政策自2020年9月9日起生效")."""
    return re.compile(rf"(?<![^\W_\u0e00-\u0e7f\u2e80-\uffff])(?:{_pattern(wide)})", _FLAGS)


# ------------------------------------------------------------ digits of other scripts

#: The zero of each digit system read as ASCII digits: Arabic-Indic, Extended
#: Arabic-Indic (Persian, Urdu), Devanagari, Bengali, Thai, full-width.
DIGIT_ZEROS = (0x0660, 0x06F0, 0x0966, 0x09E6, 0x0E50, 0xFF10)
_ASCII_DIGITS = {zero + n: 0x30 + n for zero in DIGIT_ZEROS for n in range(10)}
FOREIGN_DIGIT_RE = re.compile(
    "[" + "".join(f"{chr(zero)}-{chr(zero + 9)}" for zero in DIGIT_ZEROS) + "]+"
)
# Scripts that make a text read the wide way: Arabic, Devanagari, Bengali, Thai, kana,
# CJK ideographs, Hangul, full-width digits (their digits, or words with marks).
_WIDE_SCRIPT_RE = re.compile(
    "[\u0600-\u06ff\u0900-\u09ff\u0e00-\u0e7f\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af\uff10-\uff19]"
)
WIDE_PROBE = 512  # characters of a text's start that tell its script


def ascii_digits(text: str) -> str:
    """``text`` with the digits of other scripts (``٢٠٢٠``, ``๒๕๖๓``, ``２０２０``) as
    the ASCII digits they are; the length and every offset stay."""
    return FOREIGN_DIGIT_RE.sub(lambda m: m.group().translate(_ASCII_DIGITS), text)


def wide_text(text: str) -> bool:
    """Whether ``text`` is read the wide way: its first ``WIDE_PROBE`` characters hold
    a letter or digit of the scripts above. ASCII texts answer in constant time."""
    return not text.isascii() and _WIDE_SCRIPT_RE.search(text, 0, WIDE_PROBE) is not None


def year_of(digits: str) -> int:
    """A year as written: Buddhist Era years (above 2400, Thai) are 543 years ahead."""
    year = int(digits)
    return year - 543 if year > 2400 else year


_SHAPES = ("cjk", "kdot", "lv", "hu", "iso", "vi", "dmy", "num", "mdy", "my")


def make_date(year: int, month: int, day: int) -> datetime.date | None:
    """The date, or None when it does not exist or its year is outside 1900-2099."""
    if not 1900 <= year <= 2099:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _month(name: str, lang: str) -> int:
    name = name.lower()
    if lang:
        number = month_overrides().get(lang, {}).get(name)
        if number is not None:
            return number
    return month_numbers().get(name, 0)


def date_from_match(
    m: re.Match[str], dayfirst: bool, lang: str = ""
) -> tuple[datetime.date, str] | None:
    """``(date, precision)`` for a match of :func:`date_re`; None when not a valid date.

    ``lang``: the language of the label before the date, for the few month names that
    differ between languages (:func:`month_overrides`)."""
    shape = next((s for s in _SHAPES if m.group(s) is not None), None)
    found: datetime.date | None = None
    precision = "day"
    if shape == "cjk":
        day = int(m["jd"]) if m["jd"] else 1
        found = make_date(year_of(m["yy"]), int(m["jm"]), day)
        precision = "day" if m["jd"] else "month"
    elif shape == "kdot":
        found = make_date(year_of(m["yy"]), int(m["km"]), int(m["kd"]))
    elif shape == "lv":
        found = make_date(year_of(m["yy"]), _month(m["lm"], lang), int(m["ld"]))
    elif shape == "hu":
        found = make_date(year_of(m["yy"]), _month(m["hm"], lang), int(m["hd"]))
    elif shape == "vi":
        found = make_date(year_of(m["vy"]), int(m["vm"]), int(m["vd"]))
    elif shape == "iso":
        found = make_date(year_of(m["yy"]), int(m["im"]), int(m["id"]))
    elif shape == "dmy":
        year = year_of(m["cy"]) if m["cy"] else 2000 + int(m["cy2"])
        found = make_date(year, _month(m["cm"], lang), int(m["dd"]))
    elif shape == "mdy":
        year = year_of(m["by"]) if m["by"] else 2000 + int(m["by2"])
        found = make_date(year, _month(m["mw"], lang), int(m["bd"]))
    elif shape == "my":
        found = make_date(year_of(m["dy"]), _month(m["mw"], lang), 1)
        precision = "month"
    elif shape == "num":
        first, second, year = int(m["dd"]), int(m["n2"]), year_of(m["n3"])
        if first == second or first > 12 or dayfirst:
            found = make_date(year, second, first)
        elif second > 12:
            found = make_date(year, first, second)
        # else ambiguous: 03/04/2024 may be 3 April or March 4
    return (found, precision) if found is not None else None


def iter_dates(
    text: str,
    keep_ambiguous: bool = False,
    start: int = 0,
    end: int | None = None,
    wide: bool = False,
) -> Iterator[tuple[re.Match[str], tuple[datetime.date, str] | None]]:
    """Dates in ``text[start:end]`` in order: ``(match, (date, precision))``.

    With ``keep_ambiguous``, numeric day/month dates that only a day-first reading
    would resolve are yielded too, with None. ``wide``: the wide reading
    (:func:`wide_text`; the digits must already be ASCII: :func:`ascii_digits`).
    """
    pos = start
    stop = len(text) if end is None else min(end, len(text))
    search = _date_search_re(wide).search
    while pos < stop:
        m = search(text, pos, stop)
        if m is None:
            return
        parsed = date_from_match(m, dayfirst=False)
        if parsed is None:
            if (
                keep_ambiguous
                and m.group("num") is not None
                and date_from_match(m, dayfirst=True) is not None
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
    ``July 2026`` (the date is then the 1st). Digits of other scripts and Thai
    Buddhist Era years are read (``٩ سبتمبر ٢٠٢٠``, ``9 กันยายน 2563``). Shapes that are impossible
    (``Feb 30, 2024``) or ambiguous (``03/04/2024``) are skipped and the search goes on.
    See the module docstring for the shapes.
    """
    if not isinstance(fragment, str) or not fragment:
        return None
    text = clean_fragment(fragment[:PARSE_DATE_MAX_CHARS])
    wide = not text.isascii() and _WIDE_SCRIPT_RE.search(text) is not None
    if wide:
        text = ascii_digits(text)
    for _m, parsed in iter_dates(text, wide=wide):
        return parsed
    return None
