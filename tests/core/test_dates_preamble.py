"""Stamps wherever a reader finds them before the body proper, and machine-readable twins.

Each example of issue 12 part 3 is read by the parser and from a real repository built
by the fixture (``notice-tui log --json``: effective date and ``date_source``); each
"still never" case gives no date (or the header's).
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from notices_repo.text.dates import HEADER_CHARS, HEADER_LINES, find_effective_date
from tests.conftest import GitRepo, run_cli

BODY = "\n\n".join(
    f"{n}. Clause {n} says what we do with your data and why we keep it for a while."
    for n in range(1, 80)
)
SUMMARY_ROWS = "\n".join(
    f"| [{c}. Section {c}](#{c.lower()}-section) | What you can find in section {c}: a short, "
    "non-binding summary of the rules that apply to you and to us, written to be read "
    "quickly, with the details in the full legal terms below. Refer back to it when you "
    "are not sure what a term means, what you may do with the service, what we may do "
    "with your content, and how either of us may end this agreement. |"
    for c in "ABCDEFGHIJKLMNOPQRST"
)
# front matter + an HTML comment + an introduction + a summary table of 20 rows, then
# the stamp under a heading: beyond the header's 40 lines and 8,000 characters
TERMS_OF_SERVICE = f"""---
title: Terms of Service
redirect_from:
  - /tos/
  - /terms/
  - /articles/terms-of-service/
topics:
  - Policy
  - Legal
---

<!-- Published on the website; change it through a pull request. -->

Thank you for using our service! Please read these Terms of Service carefully before
using it. We present them in a short non-binding summary followed by the full terms.

## Summary

| Section | What can you find there? |
| --- | --- |
{SUMMARY_ROWS}

## The Terms of Service

Effective date: November 16, 2020

{BODY}
"""
CONTENTS = "\n".join(f"- [{n}. Section number {n}](#section-{n})" for n in range(1, 41))
# a 40-line table of contents, then the stamp with a link to the previous version
AFTER_CONTENTS = (
    f"# Privacy Statement\n\n## Contents\n\n{CONTENTS}\n\n"
    "_Effective: April 10, 2026 ([previous version](https://example.com/privacy/2025-10-01))_"
    f"\n\n{BODY}\n"
)
FRONT_MATTER = "---\n" + "".join(f"key{n}: value {n}\n" for n in range(45)) + "---\n\n"
BARE_UNDER_TITLE = f"# Privacy Policy\n\nSeptember 9, 2020\n\n{BODY}\n"
BARE_UNDER_TITLE_LATE = f"{FRONT_MATTER}# Privacy Policy\n\nSeptember 9, 2020\n\n{BODY}\n"
KRAMDOWN_UNREADABLE = (
    "# Privacy Policy\n\n_Last updated: the ninth of September_\n"
    '{: datetime="2020-09-09" }\n\n' + BODY
)
KRAMDOWN_VISIBLE = (
    f'# Privacy Policy\n\n*Effective: September 9, 2020*{{: datetime="2020-09-01"}}\n\n{BODY}\n'
)
TIME_AMBIGUOUS = (
    f'# Privacy Policy\n\nEffective date: <time datetime="2020-09-03">03/09/2020</time>\n\n{BODY}\n'
)
TIME_EMPTY = f'# Privacy Policy\n\nLast updated: <time datetime="2020-09-09"></time>\n\n{BODY}\n'
TIME_VISIBLE = (
    '# Privacy Policy\n\nEffective date: <time datetime="2020-01-01">September 9, 2020</time>'
    f"\n\n{BODY}\n"
)
TIME_AFTER_CONTENTS = (
    f"# Privacy Statement\n\n{CONTENTS}\n\n"
    f'Effective: <time datetime="2021-02-03">to be announced</time>\n\n{BODY}\n'
)

# Locales this project has no tables for, as a multilingual legal-docs repository writes
# them: the visible date in words it cannot read, dated by its kramdown twin.
WELSH_INLINE = (
    "# Hysbysiad Preifatrwydd Common Voice \n\n"
    'Yn effeithiol Mai 01, 2018 {: datetime="2018-05-01" }'
    f"\n\n## Preifatrwydd\n\n{BODY}\n"
)
BASQUE_INLINE = (
    "# Common Voice-ren pribatutasun oharpena\n\n"
    f'2019ko abuztuaren 15etik indarrean {{: datetime="2019-08-15" }}\n\n{BODY}\n'
)
FRISIAN_INLINE = (
    "# Privacybelied Common Voice\n\n"
    f'Effektyf 19 Juny 2017 {{: datetime="2017-06-19" }}\n\n{BODY}\n'
)
BENGALI_BLOCK = (
    "# Firefox ব্রাউজারের গোপনীয়তা বিজ্ঞপ্তি\n\n15ই এপ্রিল, 2014\n"
    f'{{: datetime="2014-04-15" }}\n\n{BODY}\n'
)

# A bare date line under the title with the word for "year" after it (Polish, Russian,
# Ukrainian), Markdown-escaped as a legal-docs repository writes it.
POLISH_BARE = f"# Zasady prywatności przeglądarki Firefox\n\n20 lipca 2017 r\\.\n\n{BODY}\n"
RUSSIAN_BARE = f"# Политика конфиденциальности\n\n20 июля 2017 г.\n\n{BODY}\n"
UKRAINIAN_BARE = f"# Політика конфіденційності\n\n20 липня 2017 року\n\n{BODY}\n"

# (name, text, effective date, date source, line of the stamp)
FOUND: list[tuple[str, str, str, str, int]] = [
    ("polish-bare-with-year-word", POLISH_BARE, "2017-07-20", "text", 2),
    ("russian-bare-with-year-word", RUSSIAN_BARE, "2017-07-20", "text", 2),
    ("ukrainian-bare-with-year-word", UKRAINIAN_BARE, "2017-07-20", "text", 2),
    ("welsh-inline-twin", WELSH_INLINE, "2018-05-01", "markup", 2),
    ("basque-inline-twin", BASQUE_INLINE, "2019-08-15", "markup", 2),
    ("frisian-inline-twin", FRISIAN_INLINE, "2017-06-19", "markup", 2),
    ("bengali-block-twin", BENGALI_BLOCK, "2014-04-15", "markup", 2),
    ("terms-of-service", TERMS_OF_SERVICE, "2020-11-16", "text", 43),
    ("after-contents", AFTER_CONTENTS, "2026-04-10", "text", 45),
    ("bare-under-title", BARE_UNDER_TITLE, "2020-09-09", "text", 2),
    ("bare-under-title-late", BARE_UNDER_TITLE_LATE, "2020-09-09", "text", 50),
    ("kramdown-unreadable", KRAMDOWN_UNREADABLE, "2020-09-09", "markup", 2),
    ("kramdown-visible", KRAMDOWN_VISIBLE, "2020-09-09", "text", 2),
    ("time-ambiguous", TIME_AMBIGUOUS, "2020-09-03", "markup", 2),
    ("time-empty", TIME_EMPTY, "2020-09-09", "markup", 2),
    ("time-visible", TIME_VISIBLE, "2020-09-09", "text", 2),
    ("time-after-contents", TIME_AFTER_CONTENTS, "2021-02-03", "markup", 43),
]


def test_the_examples_lie_beyond_the_header() -> None:
    assert TERMS_OF_SERVICE.index("Effective date:") > HEADER_CHARS
    for text, line in ((TERMS_OF_SERVICE, 43), (AFTER_CONTENTS, 45)):
        assert line > HEADER_LINES
        assert "Effective" in text.split("\n")[line]


@pytest.mark.parametrize(
    ("name", "text", "date", "source", "line"), FOUND, ids=[f[0] for f in FOUND]
)
def test_the_parser_finds_the_stamp(
    name: str, text: str, date: str, source: str, line: int
) -> None:
    found = find_effective_date(text)
    assert found is not None
    assert (found.date.isoformat(), found.source, found.line) == (date, source, line)


@pytest.mark.parametrize(
    ("name", "text", "date", "source", "line"), FOUND, ids=[f[0] for f in FOUND]
)
def test_log_gives_the_date_and_its_source(
    git_repo: GitRepo, name: str, text: str, date: str, source: str, line: int
) -> None:
    git_repo.commit({f"{name}.md": text}, date="2025-06-01T12:00:00+00:00")
    result = run_cli("log", "--repo", str(git_repo.path), "--json")
    assert result.code == 0, result.err
    (notice,) = json.loads(result.out)["notices"]
    (revision,) = notice["revisions"]
    assert (revision["effective_date"], revision["date_source"]) == (date, source)


def test_markup_survives_the_cache_and_a_second_revision(git_repo: GitRepo) -> None:
    # the first load fills the blob facts cache, the second reads it; the child
    # revision changes only the body, so its date is reused from its parent
    git_repo.commit({"p.md": TIME_AMBIGUOUS}, date="2025-06-01T12:00:00+00:00")
    git_repo.commit(
        {"p.md": TIME_AMBIGUOUS.replace("Clause 70 says", "Clause 70 now says")},
        date="2025-07-01T12:00:00+00:00",
    )
    for _ in range(2):
        result = run_cli("log", "--repo", str(git_repo.path), "--json")
        assert result.code == 0, result.err
        (notice,) = json.loads(result.out)["notices"]
        got = [(r["effective_date"], r["date_source"]) for r in notice["revisions"]]
        assert got == [("2020-09-03", "markup")] * 2
    shown = json.loads(run_cli("show", "p", "--repo", str(git_repo.path), "--json").out)
    assert shown["date_source"] == "markup"
    text = run_cli("log", "--repo", str(git_repo.path)).out
    assert text.count("markup date") == 2


# ------------------------------------------------------------------ still never

CHANGE_LOG = (
    f"# Privacy Statement\n\n{CONTENTS}\n\n## Change log\n\n| Date | Change |\n| --- | --- |\n"
    "| June 1, 2025 | Added section 3 |\n| Effective date | January 5, 2024 |\n\n"
    f"{BODY}\n"
)
NEVER: list[tuple[str, str]] = [
    (
        "contract-prose",
        f"# Agreement\n\n{CONTENTS}\n\nThis Agreement begins on the Effective Date.\n\n"
        "The Effective Date is September 9, 2020 unless you accept later.\n\n" + BODY,
    ),
    ("change-log-table", CHANGE_LOG),
    (
        "change-log-table-in-header",
        "# Privacy Statement\n\n## Changes\n\n| Version | Date | Changes |\n| --- | --- | --- |\n"
        f"| 2.0 | November 16, 2020 | New section 4 |\n| 1.0 | May 1, 2019 | First |\n\n{BODY}\n",
    ),
    (
        "url",
        f"# Privacy Statement\n\n{CONTENTS}\n\nhttps://example.com/privacy/2020-09-09\n\n"
        "[Archived copy](https://example.com/archive/2020/09/09/privacy)\n\n" + BODY,
    ),
    (
        "placeholder",
        f"# Privacy Statement\n\n{CONTENTS}\n\nEffective [INSERT DATE]\n\n"
        "Applies to data collected in 2020 and later.\n\n" + BODY,
    ),
    (
        "empty-label",
        f"# Privacy Statement\n\n{CONTENTS}\n\nEffective date:\n\n## 1. Introduction\n\n"
        "We have kept this policy since 2019 and update it every year.\n\n" + BODY,
    ),
    (
        "stamp-in-the-body",
        f"# Privacy Statement\n\n{BODY}\n\nLast updated: June 2025\n\n{BODY}\n",
    ),
    (
        "stamp-in-a-comment",
        f"# Privacy Statement\n\n{CONTENTS}\n\n<!--\nLast updated: June 2025\n-->\n\n{BODY}\n",
    ),
    (
        "markup-in-a-list-of-versions",
        f"# Privacy Statement\n\n{CONTENTS}\n\n## Older versions\n\n"
        '- <time datetime="2019-01-01">January 2019</time>\n'
        '- [Version of <time datetime="2018-05-25">May 2018</time>](old.md)\n\n' + BODY,
    ),
    (
        "twin-on-a-line-without-its-year",
        f'# Privacybelied\n\nEffektyf 19 Juny 2016 {{: datetime="2017-06-19" }}\n\n{BODY}\n',
    ),
    (
        "twin-on-an-unread-line-not-under-the-title",
        f"# Privacybelied\n\n{BODY}\n\n"
        f'Effektyf 19 Juny 2017 {{: datetime="2017-06-19" }}\n\n{BODY}\n',
    ),
    (
        "twin-on-an-unread-list-item",
        f'# Privacybelied\n\n* Effektyf 19 Juny 2017 {{: datetime="2017-06-19" }}\n\n{BODY}\n',
    ),
    (
        "markup-in-prose",
        f'# Privacy Statement\n\nWe wrote this on <time datetime="2019-01-01">a cold day</time>'
        f" and have kept it since.\n\n{BODY}\n",
    ),
]


@pytest.mark.parametrize(("name", "text"), NEVER, ids=[n[0] for n in NEVER])
def test_never_a_date(name: str, text: str) -> None:
    assert find_effective_date(text) is None


@pytest.mark.parametrize(("name", "text"), NEVER[:4], ids=[n[0] for n in NEVER[:4]])
def test_log_falls_back_to_the_commit_date(git_repo: GitRepo, name: str, text: str) -> None:
    git_repo.commit({f"{name}.md": text}, date="2025-06-01T12:00:00+00:00")
    result = run_cli("log", "--repo", str(git_repo.path), "--json")
    (notice,) = json.loads(result.out)["notices"]
    (revision,) = notice["revisions"]
    assert (revision["effective_date"], revision["date_source"]) == ("2025-06-01", "commit")


@pytest.mark.parametrize(
    "addendum",
    [
        "## Regional supplement, last updated June 2025\n\nText of the supplement.",
        "## Regional supplement\n\nLast updated: June 2025\n\nText of the supplement.",
        "## Regional supplement\n\nEffective date: June 1, 2025\n\nText of the supplement.",
    ],
)
def test_a_dated_addendum_below_a_dated_header_is_not_taken(addendum: str) -> None:
    text = (
        f"# Privacy Statement\n\nLast updated: December 2025\n\n{CONTENTS}\n\n{addendum}\n\n{BODY}"
    )
    found = find_effective_date(text)
    assert found is not None
    assert (found.date.isoformat(), found.precision, found.line) == ("2025-12-01", "month", 2)


def test_the_preamble_ends_with_the_first_prose_beyond_an_introduction() -> None:
    # an introduction of a few sentences is part of the preamble; more is the body
    intro = "We care about your privacy and explain here what we do. " * 4
    for sentences, found in ((4, True), (40, False)):
        text = (
            f"# Privacy Statement\n\n{intro * (sentences // 4)}\n\n{CONTENTS}\n\n"
            f"Last updated: March 3, 2024\n\n{BODY}\n"
        )
        assert (find_effective_date(text) is not None) is found


def test_a_huge_preamble_is_read_only_up_to_its_bound() -> None:
    # a table of contents far longer than the preamble bound: the stamp is not reached
    contents = "\n".join(f"- [Section {n}](#s-{n})" for n in range(3000))
    text = f"# Notice\n\n{contents}\n\nLast updated: March 3, 2024\n\n{BODY}\n"
    assert find_effective_date(text) is None
    near = f"# Notice\n\n{contents[:10_000]}\n\nLast updated: March 3, 2024\n\n{BODY}\n"
    found = find_effective_date(near)
    assert found is not None
    assert found.date.isoformat() == "2024-03-03"


@pytest.mark.parametrize(
    "comment",
    [
        "<!-- Last updated: June 2019 -->",
        "<!--\nEffective date: June 1, 2019\n-->",
        "<!-- TODO: change to\n\nLast updated: July 2019\n\nwhen legal agrees -->",
    ],
)
def test_a_stamp_in_an_html_comment_of_the_header_is_not_seen(comment: str) -> None:
    text = f"# Privacy Statement\n\n{comment}\n\nLast updated: March 3, 2024\n\n{BODY}\n"
    found = find_effective_date(text)
    assert found is not None
    assert found.date.isoformat() == "2024-03-03"
    assert find_effective_date(f"# Privacy Statement\n\n{comment}\n\n{BODY}\n") is None


def test_an_unlabelled_twin_counts_only_right_under_the_title() -> None:
    twin = '<time datetime="2020-09-09">the ninth</time>'
    found = find_effective_date(f"# Privacy Policy\n\n{twin}\n\n{BODY}\n")
    assert found is not None
    assert (found.date.isoformat(), found.label, found.source) == ("2020-09-09", "date", "markup")
    assert find_effective_date(f"# Privacy Policy\n\n## Scope\n\n{twin}\n\n{BODY}\n") is None


@pytest.mark.parametrize(
    "stamp",
    [
        "Last updated: May 1, 2024 by Legal",
        "Version 3, effective May 1, 2024",
        "May 1, 2024",
        "Revised May 1, 2024; see changelog",
        "This page was last updated: May 1, 2024",
        "**Effective date:** 1 May 2024, replacing the 2023 version",
    ],
)
def test_a_short_text_without_prose_still_has_its_closing_stamp_read(stamp: str) -> None:
    """A cookie table never reaches its body proper; its end is still the end region."""
    table = "# Cookies\n\n| Name | Purpose |\n|---|---|\n"
    table += "".join(f"| c{i} | tracking thing {i} |\n" for i in range(60))
    found = find_effective_date(table + "\n" + stamp + "\n")
    assert found is not None and found.date == dt.date(2024, 5, 1)
