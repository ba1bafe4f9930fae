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
    their numbers: built on first use, not at import."""
    return {
        spelling: number
        for language in LANGUAGES
        for number, names in enumerate(language.months, 1)
        for name in names
        for spelling in spellings(name)
    }


# Shapes of a date. A month is matched as any 3-10 letter word and checked against
# month_numbers() afterwards (much faster than a 100-way alternation). Named groups tell the
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


@functools.cache
def date_re() -> re.Pattern[str]:
    """A date of any shape, matched where it starts (compiled on first use)."""
    return re.compile(_DATE_PATTERN, re.IGNORECASE | re.VERBOSE)


@functools.cache
def _date_search_re() -> re.Pattern[str]:
    """Searching: a date does not start inside a word or a number."""
    return re.compile(rf"(?<![^\W_])(?:{_DATE_PATTERN})", re.IGNORECASE | re.VERBOSE)


_SHAPES = ("cjk", "kdot", "hu", "vi", "iso", "dmy", "num", "mdy", "my")


def make_date(year: int, month: int, day: int) -> datetime.date | None:
    """The date, or None when it does not exist or its year is outside 1900-2099."""
    if not 1900 <= year <= 2099:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _month(name: str) -> int:
    return month_numbers().get(name.lower(), 0)


def date_from_match(m: re.Match[str], dayfirst: bool) -> tuple[datetime.date, str] | None:
    """``(date, precision)`` for a match of :func:`date_re`; None when not a valid date."""
    shape = next((s for s in _SHAPES if m.group(s) is not None), None)
    found: datetime.date | None = None
    precision = "day"
    if shape == "cjk":
        day = int(m["jd"]) if m["jd"] else 1
        found = make_date(int(m["jy"]), int(m["jm"]), day)
        precision = "day" if m["jd"] else "month"
    elif shape == "kdot":
        found = make_date(int(m["ky"]), int(m["km"]), int(m["kd"]))
    elif shape == "hu":
        found = make_date(int(m["hy"]), _month(m["hm"]), int(m["hd"]))
    elif shape == "vi":
        found = make_date(int(m["vy"]), int(m["vm"]), int(m["vd"]))
    elif shape == "iso":
        found = make_date(int(m["iy"]), int(m["im"]), int(m["id"]))
    elif shape == "dmy":
        year = int(m["cy"]) if m["cy"] else 2000 + int(m["cy2"])
        found = make_date(year, _month(m["cm"]), int(m["cd"]))
    elif shape == "mdy":
        year = int(m["by"]) if m["by"] else 2000 + int(m["by2"])
        found = make_date(year, _month(m["bm"]), int(m["bd"]))
    elif shape == "my":
        found = make_date(int(m["dy"]), _month(m["dm"]), 1)
        precision = "month"
    elif shape == "num":
        first, second, year = int(m["n1"]), int(m["n2"]), int(m["n3"])
        if first == second or first > 12 or dayfirst:
            found = make_date(year, second, first)
        elif second > 12:
            found = make_date(year, first, second)
        # else ambiguous: 03/04/2024 may be 3 April or March 4
    return (found, precision) if found is not None else None


def iter_dates(
    text: str, keep_ambiguous: bool = False, start: int = 0, end: int | None = None
) -> Iterator[tuple[re.Match[str], tuple[datetime.date, str] | None]]:
    """Dates in ``text[start:end]`` in order: ``(match, (date, precision))``.

    With ``keep_ambiguous``, numeric day/month dates that only a day-first reading
    would resolve are yielded too, with None.
    """
    pos = start
    stop = len(text) if end is None else min(end, len(text))
    search = _date_search_re().search
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
    ``July 2026`` (the date is then the 1st). Shapes that are impossible
    (``Feb 30, 2024``) or ambiguous (``03/04/2024``) are skipped and the search goes on.
    See the module docstring for the shapes.
    """
    if not isinstance(fragment, str) or not fragment:
        return None
    text = clean_fragment(fragment[:PARSE_DATE_MAX_CHARS])
    for _m, parsed in iter_dates(text):
        return parsed
    return None
