"""Property tests for the date rules (notices_repo.text.dates): they never raise, and
stamps survive markup and shapes."""

from __future__ import annotations

import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notices_repo.text.dates import DateStamp, find_effective_date, parse_date

LABELS = {
    "effective",
    "updated",
    "modified",
    "revised",
    "release",
    "dated",
    "version",
    "date",
    "front-matter",
}
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces that look like stamps, labels, dates and markup, to fuzz the parser where it
# has the most branches.
FRAGMENTS = [
    "Effective",
    "Effective Date",
    "effective as of",
    "Last updated",
    "Updated on",
    "Last Modified",
    "Revised",
    "Release date",
    "Dated",
    "Date",
    "Version",
    "v1.0",
    "Stand",
    "Dernière mise à jour",
    "Vigente a partir del",
    "Gültig ab",
    "went into effect on",
    "update",
    ":",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\r\n",
    "**",
    "_",
    "*",
    "`",
    "> ",
    "# ",
    "### ",
    "- ",
    "* ",
    "1. ",
    "| ",
    " |",
    "---",
    "+++",
    "===",
    "(",
    ")",
    "[",
    "](http://x.example/2023-12-09)",
    "\\[",
    "<b>",
    "</b>",
    "\u00a0",
    "\u202f",
    "\u200b",
    "，",
    "İ",
    "📅",
    "December",
    "Dec",
    "Sept.",
    "décembre",
    "de",
    "9",
    "9th",
    "31",
    "30",
    "13",
    "1er",
    "9.",
    ",",
    ".",
    "/",
    "-",
    "'23",
    "’23",
    "2023",
    "1999",
    "2099",
    "2023-12-09",
    "2023-02-30",
    "2026-07-21T10:00:00Z",
    "09/12/2023",
    "25/12/2023",
    "02.30.2023",
    "until",
    "________",
    "effective_date: ",
    "last_updated: ",
    "date: ",
    "0",
    "²",
    "٢٠٢٣",
]

stamp_soup = st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join)


def _valid(found: DateStamp | None, text: str) -> None:
    if found is None:
        return
    assert isinstance(found, DateStamp)
    assert isinstance(found.date, datetime.date)
    assert found.precision in ("day", "month")
    assert found.label in LABELS
    assert 0 <= found.line <= text.count("\n")
    if found.precision == "month":
        assert found.date.day == 1


@SETTINGS
@given(st.text())
def test_arbitrary_text_never_raises(text: str) -> None:
    _valid(find_effective_date(text), text)
    parsed = parse_date(text)
    assert parsed is None or parsed[1] in ("day", "month")


@SETTINGS
@given(stamp_soup)
def test_label_ish_soup_never_raises(text: str) -> None:
    _valid(find_effective_date(text), text)
    parse_date(text)


@SETTINGS
@given(stamp_soup, st.text(max_size=200), stamp_soup)
def test_soup_around_text_never_raises(before: str, middle: str, after: str) -> None:
    text = before + middle + after
    _valid(find_effective_date(text), text)


def _shapes(day: datetime.date) -> list[str]:
    month = MONTHS[day.month - 1]
    return [
        f"{month} {day.day}, {day.year}",
        f"{month[:3]} {day.day}, {day.year}",
        f"{day.day} {month} {day.year}",
        f"{day.day} {month}, {day.year}",
        day.isoformat(),
        f"{day.year}.{day.month:02d}.{day.day:02d}",
        f"{day.year}/{day.month:02d}/{day.day:02d}",
    ]


dates = st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2099, 12, 31))


@SETTINGS
@given(dates, st.integers(min_value=0, max_value=6))
def test_parse_date_reads_every_shape(day: datetime.date, shape: int) -> None:
    assert parse_date(_shapes(day)[shape]) == (day, "day")


@SETTINGS
@given(dates)
def test_numeric_dates_are_read_only_when_unambiguous(day: datetime.date) -> None:
    parsed = parse_date(f"{day.day:02d}/{day.month:02d}/{day.year}")
    if day.day > 12 or day.day == day.month:
        assert parsed == (day, "day")
    else:
        assert parsed is None


MARKUP = [
    ("", ""),
    ("**", "**"),
    ("_", "_"),
    ("*", "*"),
    ("> ", ""),
    ("### ", ""),
    ("- ", ""),
    ("| ", " |"),
    ("📅 ", ""),
]


@SETTINGS
@given(
    dates,
    st.integers(min_value=0, max_value=6),
    st.sampled_from(MARKUP),
    st.sampled_from(["Effective Date: ", "Last updated: ", "**Effective:** ", "Updated on "]),
    st.sampled_from(["", "Privacy Policy\n\n", "# Terms\n\nIntro line.\n"]),
)
def test_a_stamp_is_found_whatever_its_markup(
    day: datetime.date,
    shape: int,
    markup: tuple[str, str],
    label: str,
    title: str,
) -> None:
    line = f"{markup[0]}{label}{_shapes(day)[shape]}{markup[1]}"
    text = f"{title}{line}\n\nWe collect the data you give us.\n"
    found = find_effective_date(text)
    assert found is not None
    assert found.date == day
    assert found.line == title.count("\n")


@SETTINGS
@given(dates, st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_a_header_stamp_is_found_whatever_follows(day: datetime.date, tail: str) -> None:
    text = f"Terms of Service\n\nEffective Date: {_shapes(day)[0]}\n\n{tail}"
    found = find_effective_date(text)
    assert found is not None
    assert (found.date, found.line) == (day, 2)
