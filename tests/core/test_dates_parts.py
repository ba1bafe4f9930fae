"""Stamps of multi-part crawled pages (issue 12 part 3, after its landing).

A crawled page may hold several documents: a first part without a stamp, then, after a
thematic break, another document whose header states its date (``SHEIN U.S. TERMS OF
USE`` / ``**Effective Date: April 10, 2026**``), or a stamp line closing the main text
right above an exhibit (``Last Updated: Jun 11, 2026`` / ``Exhibit A - ...``). When the
header, the end and the close of the first part hold no stamp, the first such stamp
line counts unless a later one is newer; every "never" of issue 12 part 3 still holds.
"""

from __future__ import annotations

import json

import pytest

from notices_repo.catalog.blob import facts_of
from notices_repo.text.dates import find_effective_date
from notices_repo.text.dates.extract import REST_FREE, REST_NONE, find_with_regions
from tests.conftest import GitRepo, run_cli

FIRST = "SHEIN SAVER Membership Terms\n\n" + "\n\n".join(
    f"{n}.1 The membership gives you benefit {n}, under the conditions of this clause."
    for n in range(60)
)
SECOND = "\n\n".join(
    f"Section {n}. These terms govern your use of the site, clause {n} of them." for n in range(60)
)
ANNEX = "\n\n".join(f"{n}\\. Commission rule {n} of the earnings terms." for n in range(50))


def page(*parts: str) -> str:
    """Parts of a crawled page, joined by thematic breaks."""
    return "\n\n- - -\n\n".join(parts) + "\n"


FOUND: list[tuple[str, str, str, str]] = [
    (
        "a-later-part-under-its-title",
        page(FIRST, f"SHEIN U.S. TERMS OF USE\n\n**Effective Date: April 10, 2026**\n\n{SECOND}"),
        "2026-04-10",
        "**Effective Date: April 10, 2026**",
    ),
    (
        "a-title-and-a-setext-rule",
        page(
            FIRST,
            "Snap Monetization Terms\n\n\n---------------------------\n\n"
            f"Effective Date: November 1, 2025\n\n{SECOND}",
        ),
        "2025-11-01",
        "Effective Date: November 1, 2025",
    ),
    (
        "blank-lines-under-the-title",
        page(
            FIRST, f"Snap Inc. Law Enforcement Guide\n\n\n\nLast Updated: July 1, 2025\n\n{SECOND}"
        ),
        "2025-07-01",
        "Last Updated: July 1, 2025",
    ),
    (
        "a-star-break-and-headings",
        FIRST.replace("SHEIN SAVER", "Click here for a summary of the")
        + "\n\n* * *\n\n### \n\nSnap Inc. Terms of Service\n\nExplainer Series\n\n"
        f"_Last updated: March 2026_\n\n{SECOND}\n",
        "2026-03-01",
        "_Last updated: March 2026_",
    ),
    (
        "closing-the-text-above-an-exhibit",
        f"{FIRST}\n\nLast Updated: Jun 11, 2026\n\n"
        f"Exhibit A - Affiliate Earnings Terms and Conditions\n{'-' * 51}\n\n{ANNEX}\n",
        "2026-06-11",
        "Last Updated: Jun 11, 2026",
    ),
    (
        "closing-the-text-above-another-document",
        f"{FIRST}\n\nLast updated: August 2025\n\n"
        f"Community guidelines enforcement\n{'=' * 32}\n\n{ANNEX}\n",
        "2025-08-01",
        "Last updated: August 2025",
    ),
    (
        "closing-a-later-part-above-a-break",
        page(FIRST, f"Developer Terms\n\n{SECOND}\n\nLast Updated: July 2021", ANNEX),
        "2021-07-01",
        "Last Updated: July 2021",
    ),
    (
        "older-terms-appended",  # Snap's terms of 2025, then those of other countries
        page(
            FIRST,
            f"Snap Inc. Terms of Service\n\nEffective: April 7, 2025\n\n{SECOND}",
            f"Snap Group Limited Terms of Service\n\nEffective: April 29, 2024\n\n{ANNEX}",
        ),
        "2025-04-07",
        "Effective: April 7, 2025",
    ),
    (
        "parts-that-agree",
        page(
            FIRST,
            f"Severe Harm\n\nExplainer Series\n\n_Updated: March 2026_\n\n{SECOND}",
            f"Threats, Violence, & Harm\n\nExplainer Series\n\nUpdated: March 2026\n\n{ANNEX}",
        ),
        "2026-03-01",
        "_Updated: March 2026_",
    ),
]


@pytest.mark.parametrize(("name", "text", "date", "stamp"), FOUND, ids=[f[0] for f in FOUND])
def test_a_stamp_line_of_a_later_part(name: str, text: str, date: str, stamp: str) -> None:
    found = find_effective_date(text)
    assert found is not None
    assert (found.date.isoformat(), found.line) == (date, text.split("\n").index(stamp))
    assert found.line > 100  # beyond the header, the end and the first part's close
    assert facts_of(text.encode()).stated == date


def test_log_gives_a_later_parts_date_as_the_texts(git_repo: GitRepo) -> None:
    _, text, date, _ = FOUND[0]
    git_repo.commit({"Shein/Terms of Service.md": text}, date="2026-06-06T12:00:00+00:00")
    result = run_cli("log", "--repo", str(git_repo.path), "--json")
    assert result.code == 0, result.err
    (notice,) = json.loads(result.out)["notices"]
    (revision,) = notice["revisions"]
    assert (revision["effective_date"], revision["date_source"]) == (date, "text")


def test_the_close_of_the_first_part_comes_first() -> None:
    text = page(
        f"{FIRST}\n\nLast updated: April 2025",
        f"Terms of Use\n\nEffective: June 3, 2025\n\n{SECOND}",
    )
    found = find_effective_date(text)
    assert found is not None and found.date.isoformat() == "2025-04-01"


# ------------------------------------------------------------------ still never

NEVER: list[tuple[str, str]] = [
    (
        "contract-prose",
        page(
            FIRST,
            "Terms of Sale\n\nThis Agreement is effective as of June 1, 2025 for every order.\n\n"
            f"Effective Date means the date you accept.\n\n{SECOND}",
        ),
    ),
    (
        "a-change-log-table",
        page(FIRST, f"Change log\n\n| Last updated | May 2024 |\n| --- | --- |\n\n{SECOND}"),
    ),
    (
        "a-dated-list",
        page(
            FIRST,
            f"Archived versions\n\n- Last updated: May 2024\n- Last updated: May 2023\n\n{SECOND}",
        ),
    ),
    ("a-url", page(FIRST, f"Terms\n\nhttps://example.com/terms/2024-05-01\n\n{SECOND}")),
    (
        "a-link-to-an-older-version",
        page(FIRST, f"Terms\n\n[Last updated: May 2024](https://x.example/old)\n\n{SECOND}"),
    ),
    ("a-placeholder", page(FIRST, f"Terms of Use\n\nEffective [INSERT DATE]\n\n{SECOND}")),
    ("an-empty-label", page(FIRST, f"Terms of Use\n\nEffective date:\n\n{SECOND}")),
    (
        "a-coming-change",
        page(FIRST, f"Child Endangerment\n{'=' * 18}\n\n(effective August 26, 2026)\n\n{SECOND}"),
    ),
    ("a-code-block", page(FIRST, f"Terms of Use\n\n    Last updated: May 2024\n\n{SECOND}")),
    (
        "prose-before-the-stamp",
        page(
            FIRST,
            "Terms of Use\n\nThese terms govern how you use the site and what we do.\n\n"
            f"Last updated: May 2024\n\n{SECOND}",
        ),
    ),
    (
        "a-stamp-in-the-middle-of-a-part",
        page(FIRST, f"Terms of Use\n\n{SECOND}\n\nLast updated: May 2024\n\n{SECOND}", ANNEX),
    ),
    (
        "a-part-stamped-last-century",  # years 20xx only are looked for in the rest
        page(FIRST, f"Terms of Use\n\nLast updated: May 1999\n\n{SECOND}"),
    ),
    (
        "a-newer-later-part",  # a compilation of documents, each with its own date
        page(
            FIRST,
            f"Severe Harm\n\nExplainer Series\n\n_Updated: December 2023_\n\n{SECOND}",
            f"Threats, Violence, & Harm\n\nExplainer Series\n\nUpdated: March 2026\n\n{ANNEX}",
        ),
    ),
    (
        "a-bare-date-dating-an-earlier-part",
        page(
            FIRST,
            f"Violent Content\n\n**February 2025**\n\n{SECOND}",
            f"X Shopping Policy\n{'=' * 17}\n\nUpdated: October 30, 2025\n\n{ANNEX}",
        ),
    ),
]


@pytest.mark.parametrize(("name", "text"), NEVER, ids=[n[0] for n in NEVER])
def test_never_a_date(name: str, text: str) -> None:
    assert find_effective_date(text) is None


def test_a_dated_header_is_never_beaten_by_a_later_part() -> None:
    text = page(
        FIRST.replace("\n\n", "\n\nLast updated: December 2025\n\n", 1),
        f"Regional supplement\n\nLast updated: June 2025\n\n{SECOND}",
    )
    found = find_effective_date(text)
    assert found is not None and found.date.isoformat() == "2025-12-01"


# XVideos/Privacy Policy.md: a header stamp whose date cannot be read (01/06/2023 is
# January or June) bars the older privacy notice further down (08/08/2022).
XVIDEOS = page(
    "PRIVACY POLICY\n==============\n\nLast Updated: 01/06/2023\n\n" + FIRST,
    f"**PRIVACY NOTICE**\n\nLAST UPDATED ON: 08/08/2022\n\n{SECOND}",
)


def test_an_unreadable_header_stamp_bars_a_later_part() -> None:
    assert find_effective_date(XVIDEOS) is None
    assert find_effective_date(XVIDEOS.replace("01/06/2023", "soon")) is not None
    assert facts_of(XVIDEOS.encode()).stated is None


def test_the_xvideos_page_falls_back_to_the_commit_date(git_repo: GitRepo) -> None:
    # long enough to be read lazily (its header first) by the history scan, twice
    git_repo.commit({"p.md": XVIDEOS + SECOND * 3}, date="2025-06-01T12:00:00+00:00")
    edited = (XVIDEOS + SECOND * 3).replace("Section 7.", "Section 7 (new).", 1)
    git_repo.commit({"p.md": edited}, date="2025-07-01T12:00:00+00:00")
    result = run_cli("log", "--repo", str(git_repo.path), "--json")
    (notice,) = json.loads(result.out)["notices"]
    got = [(r["effective_date"], r["date_source"]) for r in notice["revisions"]]
    assert got == [("2025-07-01", "commit"), ("2025-06-01", "commit")]


def test_what_the_rest_says_when_it_gives_nothing() -> None:
    # REST_FREE: no stamp line of a part anywhere; REST_NONE: one the rule does not take
    assert find_with_regions(page(FIRST, SECOND))[4] == REST_FREE
    assert find_with_regions(NEVER[-1][1])[4] == REST_NONE
