"""Effective-date extraction: a table of real-looking header lines and snippets.

Lines marked "real" are copied from Open Terms Archive documents (the vlopses corpus),
non-breaking spaces included.
"""

from __future__ import annotations

import datetime

import pytest

from notices_repo.text.dates import (
    END_CHARS,
    HEADER_CHARS,
    HEADER_LINES,
    DateStamp,
    find_effective_date,
    parse_date,
)
from tests.conftest import SEED

NBSP = "\u00a0"
NNBSP = "\u202f"

# (text, expected date, precision, label). The date is on the text's first line
# unless the text says otherwise (see LINE_CASES for line numbers).
FOUND: list[tuple[str, str, str, str]] = [
    # --- the seed and its Markdown forms
    ("Effective Date: December 9th, 2023", "2023-12-09", "day", "effective"),
    ("**Effective Date:** December 9th, 2023", "2023-12-09", "day", "effective"),
    ("**Effective Date: December 9th, 2023**", "2023-12-09", "day", "effective"),
    ("**Effective Date:**\n\nDecember 9th, 2023", "2023-12-09", "day", "effective"),
    ("Effective Date:\nDecember 9th, 2023", "2023-12-09", "day", "effective"),
    # --- real header lines (vlopses)
    (f"Effective Date:{NBSP}21 May 2024", "2024-05-21", "day", "effective"),  # real
    ("**Effective as of 28 September 2021**", "2021-09-28", "day", "effective"),  # real
    ("(Updated on October 9, 2019)", "2019-10-09", "day", "updated"),  # real
    ("Revision date: April 2, 2026", "2026-04-02", "day", "revised"),  # real
    (
        f"**(Effective as{NBSP}of July 30, 2026)**{NBSP}{NBSP}**To see prior version, "
        f"click{NBSP}[here](http://terms.alicdn.com/legal-agreement/terms/x.html).**",
        "2026-07-30",
        "day",
        "effective",
    ),  # real
    (
        f"Part A:{NBSP} New version -{NBSP}updated on March 1, 2025{NBSP}and effective as "
        f"of{NBSP}April 1 2025",
        "2025-04-01",
        "day",
        "effective",
    ),  # real: two dates, effective wins
    ("Effective as of May 16, 2024", "2024-05-16", "day", "effective"),  # real
    ("This page was last updated on April 14, 2025.", "2025-04-14", "day", "updated"),  # real
    ("Last updated: February 2025", "2025-02-01", "month", "updated"),  # real
    (f"Last Updated:{NBSP}June 2026", "2026-06-01", "month", "updated"),  # real
    ("Effective: **September 30, 2025**", "2025-09-30", "day", "effective"),  # real
    ("UPDATED AUG 29, 2022", "2022-08-29", "day", "updated"),  # real
    ("UPDATED\n\nAUG 29, 2022", "2022-08-29", "day", "updated"),  # real
    ("_Last updated February 3, 2026_", "2026-02-03", "day", "updated"),  # real
    ("Updated on Jul 23, 2026", "2026-07-23", "day", "updated"),  # real (Facebook)
    ("Effective January 1, 2025", "2025-01-01", "day", "effective"),  # real
    ("Effective from 1 January 2025", "2025-01-01", "day", "effective"),  # real
    (
        "Effective December 12, 2023 | [View printable version](https://mbasic.facebook."
        "com/privacy/policies/cookies/printable/?locale2=en_US) | [See previous versions]"
        "(https://mbasic.facebook.com/privacy/policies/cookies/?show_versions=1)",
        "2023-12-12",
        "day",
        "effective",
    ),  # real
    ("Last Modified: January 27, 2026", "2026-01-27", "day", "modified"),  # real
    (
        "Effective as of September 15, 2025 | [Archived versions](https://play.google/"
        "developer-distribution-agreement/archive-versions.html)",
        "2025-09-15",
        "day",
        "effective",
    ),  # real
    (
        "July 29, 2026 ([View archived version](https://play.google.com/intl/en_US/about/"
        "play-terms/americas/archive/))",
        "2026-07-29",
        "day",
        "date",
    ),  # real: a bare date line
    (
        "Last modified: 10/24/2022 ([view prior version](https://merchants.google.com/"
        "files/tos/extend/US/tos.html))",
        "2022-10-24",
        "day",
        "modified",
    ),  # real: MM/DD/YYYY resolved because 24 > 12
    ("Last revised on December 13th, 2022.", "2022-12-13", "day", "revised"),  # real
    (
        "_[Effective November 3, 2025](https://www.linkedin.com/help/linkedin/answer/"
        "a1341216/updates-to-user-agreement-and-privacy-policy)_",
        "2025-11-03",
        "day",
        "effective",
    ),  # real: the stamp is a link text
    ("Effective on June 3, 2022", "2022-06-03", "day", "effective"),  # real
    ("**March 2026**", "2026-03-01", "month", "date"),  # real: bare month line
    ("### **April 2023**", "2023-04-01", "month", "date"),  # real: bare heading
    ("December 12, 2022", "2022-12-12", "day", "date"),  # real: bare date under title
    ("v125\n8 October 2025", "2025-10-08", "day", "date"),  # real
    (f"_**Last Modified: August 5,**_{NBSP}**2026**", "2026-08-05", "day", "modified"),
    ("**Last Modified:** 5th January 2026", "2026-01-05", "day", "modified"),  # real
    ("**Effective Date: August 29，2023**", "2023-08-29", "day", "effective"),  # real
    ("v1.0 effective October 1, 2025", "2025-10-01", "day", "effective"),  # real
    ("Released: May 13, 2024", "2024-05-13", "day", "release"),  # real
    ("Last updated: March 2nd, 2025", "2025-03-02", "day", "updated"),  # real
    ("Last Updated: Apr 28, 2026 PDT", "2026-04-28", "day", "updated"),  # real
    (
        "Released August 14, 2025 • Effective September 13, 2025",
        "2025-09-13",
        "day",
        "effective",
    ),  # real
    (
        "These terms apply with effect from: **5 February 2026**",
        "2026-02-05",
        "day",
        "effective",
    ),  # real
    ("_Last modified: Dec 26, 2025_", "2025-12-26", "day", "modified"),  # real
    ("_Last updated: 13 July 2026_", "2026-07-13", "day", "updated"),  # real
    ("**_Last updated: July 15, 2026_**", "2026-07-15", "day", "updated"),  # real
    ("_Last updated: 15 August, 2025_", "2025-08-15", "day", "updated"),  # real
    (
        "Effective Date: January 4, 2021 ([](https://www.whatsapp.com/legal/"
        "terms-of-service/revisions))  ",
        "2021-01-04",
        "day",
        "effective",
    ),  # real
    ("Date: August 26, 2024", "2024-08-26", "day", "date"),  # real
    (
        "**These Terms of Use went into effect on June 7, 2023. Previous versions of the "
        "terms:**",
        "2023-06-07",
        "day",
        "effective",
    ),  # real
    (
        "Last Updated: April 27, 2026 By clicking “Accept & Subscribe”, continuing to pay "
        "the recurring subscription fee for Paid Services, you agree to the terms.",
        "2026-04-27",
        "day",
        "updated",
    ),  # real
    (f"**Effective:**{NBSP}January 15, 2026", "2026-01-15", "day", "effective"),  # real
    (
        "#### Effective as of February 11, 2026 ([view previous version](https://www."
        "youtube.com/t/terms_paidservice?archive=20250926-en))",
        "2026-02-11",
        "day",
        "effective",
    ),  # real: the URL's 20250926 is not a date
    (
        "#### Vigente a partir del February 11, 2026 ([consulta la versión anterior]"
        "(https://www.youtube.com/t/terms_paidservice?archive=20250926-en))",
        "2026-02-11",
        "day",
        "effective",
    ),  # real
    ("#### Em vigor a partir de September 26, 2025", "2025-09-26", "day", "effective"),  # real
    (
        "PLEASE READ THESE TERMS AND CONDITIONS CAREFULLY! PLEASE PAY ATTENTION TO "
        "PROVISIONS THAT EXCLUDE OR LIMIT LIABILITY. (LAST UPDATED: February 1, 2024)",
        "2024-02-01",
        "day",
        "updated",
    ),  # real
    (
        "**We've updated our Privacy Policy, effective September 21, 2026. You can view the "
        "prior Privacy Policy, which applies to all users until September 21, 2026,**",
        "2026-09-21",
        "day",
        "effective",
    ),  # real
    (
        "This policy following extensive discussion with and feedback from community. It "
        "was most recently updated in October 2025. Any updates will be recorded.",
        "2025-10-01",
        "month",
        "updated",
    ),  # real
    ("Last Amended July 13, 2023", "2023-07-13", "day", "modified"),  # real
    ("Published: **July 30, 2025**\n\nEffective: **September 30, 2025**", "2025-09-30",
     "day", "effective"),  # real: effective wins over an earlier release date
    ("Effective date: February 28th, 2026", "2026-02-28", "day", "effective"),  # real
    ("**Last Updated: 7 January 2019**", "2019-01-07", "day", "updated"),  # real
    ("Published Date: January 27, 2025", "2025-01-27", "day", "release"),  # real
    (
        "This version of npm's privacy questions and answers took effect June 3, 2020.",
        "2020-06-03",
        "day",
        "effective",
    ),  # real
    (
        "**We have made some updates to our Terms of Service. This version of the Terms of "
        "Service will go into effect on January 15, 2026. Until then, the [current Terms of "
        "Service](#current) continue to apply.**",
        "2026-01-15",
        "day",
        "effective",
    ),  # real: the page shows the coming version first
    # --- date shapes
    ("Effective: 9 December 2023", "2023-12-09", "day", "effective"),
    ("Effective: 16 July, 2026", "2026-07-16", "day", "effective"),
    ("Effective: Feb 10, 2026", "2026-02-10", "day", "effective"),
    ("Last updated: Sept. 3, 2024", "2024-09-03", "day", "updated"),
    ("Last updated: Sep 3 2024", "2024-09-03", "day", "updated"),
    ("Effective Date: 2023-12-09", "2023-12-09", "day", "effective"),
    ("Last updated: 2026-07-21T10:00:00Z", "2026-07-21", "day", "updated"),
    ("Last updated: 2026-07-21T10:00:00+02:00", "2026-07-21", "day", "updated"),
    ("Last updated: 2024.03.05", "2024-03-05", "day", "updated"),
    ("Last updated: 2024/03/05", "2024-03-05", "day", "updated"),
    ("Effective July 2026", "2026-07-01", "month", "effective"),
    ("Last updated: June, 2024", "2024-06-01", "month", "updated"),
    ("Last updated: 25/12/2023", "2023-12-25", "day", "updated"),
    ("Last updated: 12/25/2023", "2023-12-25", "day", "updated"),
    ("Last updated: 25.12.2023", "2023-12-25", "day", "updated"),
    ("Last updated: 05/05/2024", "2024-05-05", "day", "updated"),  # equal parts
    ("Updated: Dec 9, '23", "2023-12-09", "day", "updated"),
    ("Effective on Monday, December 9, 2024", "2024-12-09", "day", "effective"),
    ("Effective: the 9th of December 2023", "2023-12-09", "day", "effective"),
    # --- localized labels and month names
    ("Dernière mise à jour : 9 décembre 2023", "2023-12-09", "day", "updated"),
    ("Date d'entrée en vigueur : 1er janvier 2024", "2024-01-01", "day", "effective"),
    ("En vigueur à compter du 15 février 2024", "2024-02-15", "day", "effective"),
    ("Última actualización: 9 de diciembre de 2023", "2023-12-09", "day", "updated"),
    ("Vigente a partir del 1 de marzo de 2024", "2024-03-01", "day", "effective"),
    ("Fecha de entrada en vigor: 9 de diciembre de 2023", "2023-12-09", "day", "effective"),
    ("Stand: 9. Dezember 2023", "2023-12-09", "day", "updated"),
    ("Stand: März 2024", "2024-03-01", "month", "updated"),
    ("Stand: 01.03.2024", "2024-03-01", "day", "updated"),  # day-first after German label
    ("Zuletzt aktualisiert am 3. Oktober 2023", "2023-10-03", "day", "updated"),
    ("Gültig ab 1. Januar 2025", "2025-01-01", "day", "effective"),
    ("Dernière mise à jour : 03/04/2024", "2024-04-03", "day", "updated"),  # day-first
    ("Ultimo aggiornamento: 9 dicembre 2023", "2023-12-09", "day", "updated"),
    ("Última atualização: 9 de dezembro de 2023", "2023-12-09", "day", "updated"),
    # --- markup around the stamp
    ("_Effective Date: December 9, 2023_", "2023-12-09", "day", "effective"),
    ("*Effective Date: December 9, 2023*", "2023-12-09", "day", "effective"),
    ("> Last updated: December 9, 2023", "2023-12-09", "day", "updated"),
    ("### Last updated: December 9, 2023", "2023-12-09", "day", "updated"),
    ("Last updated: December 9, 2023\n------------------------------", "2023-12-09", "day",
     "updated"),  # setext heading
    ("Effective Date\n==============\n\nDecember 9, 2023", "2023-12-09", "day", "effective"),
    ("- Effective Date: December 9, 2023", "2023-12-09", "day", "effective"),
    ("* **Last updated:** 9 December 2023", "2023-12-09", "day", "updated"),
    ("1. Effective: 9 December 2023", "2023-12-09", "day", "effective"),
    ("| Effective date | 9 December 2023 |", "2023-12-09", "day", "effective"),
    ("| **Last updated** | `2023-12-09` |", "2023-12-09", "day", "updated"),
    ("📅 Last updated: December 9, 2023", "2023-12-09", "day", "updated"),
    (f"Effective{NBSP}Date:{NBSP}December{NBSP}9,{NBSP}2023", "2023-12-09", "day", "effective"),
    (f"Last updated:{NNBSP}9{NNBSP}December{NNBSP}2023", "2023-12-09", "day", "updated"),
    ("Effective\u200b Date: December 9, 2023", "2023-12-09", "day", "effective"),
    ("<p><strong>Effective Date:</strong> December 9, 2023</p>", "2023-12-09", "day",
     "effective"),
    ("Last updated: July 1, 2026This Privacy Policy explains how we use data.", "2026-07-01",
     "day", "updated"),  # glued to the next sentence
    ("Effective July 1, 2026. Last Revised May 26, 2026", "2026-07-01", "day", "effective"),
    ("Last Revised May 26, 2026. Effective July 1, 2026", "2026-07-01", "day", "effective"),
    ("Privacy Policy (Effective January 1, 2024)", "2024-01-01", "day", "effective"),
    ("Version 3.1 – 9 December 2023", "2023-12-09", "day", "version"),
    ("Version: December 2023", "2023-12-01", "month", "version"),
    ("Dated 9 December 2023", "2023-12-09", "day", "dated"),
    ("We last updated this notice on 3 March 2024", "2024-03-03", "day", "updated"),
    ("This Privacy Policy was last updated on March 3, 2024.", "2024-03-03", "day", "updated"),
    ("These Terms take effect on 1 May 2024.", "2024-05-01", "day", "effective"),
    ("Effective date of this Privacy Policy is 9 December 2023", "2023-12-09", "day",
     "effective"),
    ("Valid from 1 January 2024", "2024-01-01", "day", "effective"),
    ("This policy, as last updated on 3 March 2024, applies.", "2024-03-03", "day", "updated"),
    # --- front matter
    ("---\ntitle: Privacy\neffective_date: 2023-12-09\n---\n# Privacy", "2023-12-09", "day",
     "front-matter"),
    ("---\nlast_updated: 'December 9, 2023'\n---\n", "2023-12-09", "day", "front-matter"),
    ("---\ndate: 2020-01-01\nupdated: 2023-12-09\n---\n", "2023-12-09", "day", "front-matter"),
    ('+++\nlastmod = "2023-12-09T08:00:00Z"\n+++\n', "2023-12-09", "day", "front-matter"),
]  # fmt: skip

# Texts in which no date may be found.
NOT_FOUND: list[str] = [
    "This agreement is effective as of ________, 2009",
    "effective as of ____________, 20__",
    "The Term begins on the Effective Date and continues until terminated.",
    "These terms will be effective thirty days after posting.",
    "This agreement is effective as of the date you accept it.",
    "Changes will be effective 30 days after posting.",
    '"Effective Date" means the date on which you first accept these Terms.',
    "Version 2.3",
    "Version 2.3.2024",
    "Last Updated: 01/09/2022",  # real, ambiguous: January 9 or 1 September
    "Last updated: 03.04.2024",  # ambiguous after an English label
    "Last updated: 12/09/23",
    "Last updated: Dec 9, 23",  # two-digit year without an apostrophe
    "Effective: February 30, 2024",
    "Last updated: April 31, 2024",
    "Last updated: 2 years ago",  # real
    "Effective Date: [DATE]",
    "Copyright © 2024 Example Inc. All rights reserved.",
    "(EU Regulation 2016/679 of the European Parliament of 27 April 2016)",
    "The Google Earth Additional Terms of Service are now available [here](https://www."
    "google.com/intl/en_us/terms_maps-earth/) effective June 5, 2025",  # real
    "*   Rhode Island Data Transparency and Privacy Protection Act, R.I. Gen. Laws § "
    "6-48.1-1 et seq. \\[Effective January 1, 2026\\]",  # real
    "*   **: effective from June 6, 2014, until May 24, 2018**",  # real: an older version
    "*   [1 September 2023](https://www.gstatic.com/controllerterms-20230901.pdf)",  # real
    "We're updating our Developer Guidelines, effective August 18, 2026. You can preview "
    "the updated Developer Guidelines here.",  # real: a banner about a coming version
    "We’ll start using interactions with AIs to personalize ads. This update goes into "
    "effect on December 16, 2025.",  # real: a banner about a coming version
    '**PLEASE NOTE: WE\'VE CHANGED THE NAME OF "SNAP AUDIENCE MATCH" TO "CUSTOMER LIST '
    'AUDIENCE," EFFECTIVE APRIL 5, 2022.**',  # real
    'The following terms and conditions ("SHEIN SAVER Terms" or "Terms"), last updated '
    "June, 2024, describe the terms that apply to the membership program.",  # real
    "For existing developers, these updated Terms take effect on January 13th, 2023.",
    "We are committed to privacy. In 2023 we processed 4 million requests.",
    "**July 15, 2025:** We're making a minor update to our repetitious content policy.",
    "GDPR: Regulation (EU) 2016/679, as amended 27 April 2016",
    "Date of birth: none",
    "Invoice dated in March",
    "",
]


def _check(found: DateStamp | None, date: str, precision: str, label: str) -> None:
    assert found is not None
    assert (found.date.isoformat(), found.precision, found.label) == (date, precision, label)


@pytest.mark.parametrize(("text", "date", "precision", "label"), FOUND)
def test_finds_the_stated_date(text: str, date: str, precision: str, label: str) -> None:
    _check(find_effective_date(text), date, precision, label)


@pytest.mark.parametrize(("text", "date", "precision", "label"), FOUND)
def test_finds_it_under_a_title_and_above_a_body(
    text: str, date: str, precision: str, label: str
) -> None:
    if text.startswith(("---", "+++")):
        return  # front matter must open the text
    body = "\n\nWe respect your privacy. This notice explains what we collect and why.\n"
    found = find_effective_date("Privacy Notice\n\n" + text + body)
    _check(found, date, precision, label)


@pytest.mark.parametrize("text", NOT_FOUND)
def test_finds_no_date(text: str) -> None:
    assert find_effective_date(text) is None


def test_the_tables_are_large_enough() -> None:
    assert len(FOUND) >= 80
    assert len(NOT_FOUND) >= 15


# --------------------------------------------------------------- the seed notice


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed notice is not here")
def test_seed_notice() -> None:
    text = SEED.read_text(encoding="utf-8")
    assert find_effective_date(text) == DateStamp(datetime.date(2023, 12, 9), "day", "effective", 2)


def test_seed_notice_as_markdown() -> None:
    text = (
        "# Privacy Notice for Air-Gapped Workspaces\n"
        "\n"
        "**Effective Date:** December 9th, 2023\n"
        "\n"
        "This document serves as a privacy notice for users of air-gapped workspaces. "
        "These workspaces are isolated from external networks.\n"
    )
    assert find_effective_date(text) == DateStamp(datetime.date(2023, 12, 9), "day", "effective", 2)


# ------------------------------------------------------------------ line numbers

LINE_CASES: list[tuple[str, int]] = [
    ("Title\n\nEffective Date: December 9th, 2023\n", 2),
    ("Title\r\n\r\nEffective Date: December 9th, 2023\r\n", 2),
    ("Title\n**Effective Date:**\n\nDecember 9th, 2023\n", 3),  # the date's line
    ("Title\n\nLast updated: May 1, 2024\n\nEffective: June 1, 2024\n", 4),
    ("---\ntitle: x\neffective_date: 2023-12-09\n---\n", 2),
]


@pytest.mark.parametrize(("text", "line"), LINE_CASES)
def test_line_of_the_date(text: str, line: int) -> None:
    found = find_effective_date(text)
    assert found is not None
    assert found.line == line


# --------------------------------------------------------------------- choosing


def test_effective_wins_over_an_earlier_last_updated() -> None:
    text = "Terms\n\nLast updated: May 26, 2026\n\nIntro.\n\nEffective: July 1, 2026\n"
    found = find_effective_date(text)
    assert found == DateStamp(datetime.date(2026, 7, 1), "day", "effective", 6)


def test_earliest_stamp_wins_without_an_effective_one() -> None:
    text = "Terms\n\nLast updated: May 26, 2026\n\nRevised: June 1, 2026\n"
    found = find_effective_date(text)
    assert found == DateStamp(datetime.date(2026, 5, 26), "day", "updated", 2)


def test_a_labelled_stamp_wins_over_a_bare_date_line() -> None:
    text = "Terms\n\nDecember 1, 2022\n\nLast updated: May 26, 2026\n"
    found = find_effective_date(text)
    assert found is not None
    assert (found.date, found.label) == (datetime.date(2026, 5, 26), "updated")


def test_front_matter_effective_key_wins_over_its_date_key() -> None:
    text = "---\ndate: 2020-01-01\neffective_date: 2023-12-09\n---\nLast updated: May 1, 2024\n"
    found = find_effective_date(text)
    assert found == DateStamp(datetime.date(2023, 12, 9), "day", "front-matter", 2)


def test_header_wins_over_end() -> None:
    body = "\n".join(f"Paragraph {i} of the notice." for i in range(200))
    text = f"Terms\n\nLast updated: May 1, 2024\n\n{body}\n\nEffective: June 1, 2024\n"
    found = find_effective_date(text)
    assert found is not None
    assert found.date == datetime.date(2024, 5, 1)


def test_end_region_is_read_when_the_header_has_nothing() -> None:
    body = "\n".join(f"Paragraph {i} of the notice." for i in range(200))
    text = f"Terms\n\n{body}\n\nEffective date: April 30, 2025\n"
    found = find_effective_date(text)
    assert found == DateStamp(datetime.date(2025, 4, 30), "day", "effective", 203)


def test_a_stamp_in_the_middle_is_not_taken() -> None:
    body = "\n".join(f"Paragraph {i} of the notice." for i in range(200))
    text = f"Terms\n\n{body}\n\nLast updated: April 30, 2025\n\n{body}\n"
    assert find_effective_date(text) is None


def _page(first_part_end: str, rest: str = "") -> str:
    """A multi-part page: a stamp-less header, a long first part, a break, more parts."""
    body = "\n\n".join(f"Clause {i} of the guidelines." for i in range(60))
    annex = "\n\n".join(f"Annex clause {i}." for i in range(40))
    return f"Guidelines\n\n{body}\n\n{first_part_end}\n\n- - -\n\n{rest}{annex}\n"


def test_a_stamp_closing_the_first_part_of_a_page() -> None:
    found = find_effective_date(_page("Last updated: April 2025"))
    assert found is not None
    assert (found.date, found.precision, found.label) == (
        datetime.date(2025, 4, 1),
        "month",
        "updated",
    )
    assert found.line == 122


def test_a_later_part_close_counts_when_nothing_before_it_does() -> None:
    # The first part has no stamp: a stamp line closing a later part, right above the
    # next break, is the page's; one in the middle of a part is not.
    later = "Terms of the annex.\n\nEffective Date: March 6, 2024\n\n* * *\n\n"
    found = find_effective_date(_page("That is all.", later))
    assert found is not None and found.date == datetime.date(2024, 3, 6)
    middle = "Terms of the annex.\n\nEffective Date: March 6, 2024\n\nMore terms.\n\n"
    assert find_effective_date(_page("That is all.", middle)) is None


def test_a_bare_date_closing_the_first_part_is_not_enough() -> None:
    assert find_effective_date(_page("March 6, 2024")) is None


def test_a_setext_underline_is_not_a_part_break() -> None:
    body = "\n\n".join(f"Clause {i} of the guidelines." for i in range(60))
    annex = "\n\n".join(f"Annex clause {i}." for i in range(40))
    text = f"Guidelines\n\n{body}\n\nLast updated: April 2025\n---\n\n{annex}\n"
    assert find_effective_date(text) is None


def test_stamp_after_the_header_lines_is_not_taken() -> None:
    # after the header lines and in the body proper (more prose than an introduction)
    lines = [f"Line {i} of the body says what we do with the data." for i in range(HEADER_LINES)]
    text = "\n".join([*lines, "Last updated: April 30, 2025", *lines, *lines])
    assert find_effective_date(text) is None


def test_a_range_in_the_end_region_is_an_older_version() -> None:
    body = "\n".join(f"Paragraph {i}." for i in range(100))
    text = (
        f"Privacy Policy\n\n{body}\n\n"
        "*   **: effective from June 24, 2021, until October 6, 2025**\n"
        "*   **: effective from May 24, 2018, until June 24, 2021**\n"
    )
    assert find_effective_date(text) is None


# ---------------------------------------------------------------- big inputs


def test_a_huge_single_line_document() -> None:
    text = "Last updated: March 3, 2024. " + "word " * 13_000  # one 65,000-char line
    assert find_effective_date(text) == DateStamp(datetime.date(2024, 3, 3), "day", "updated", 0)


def test_a_huge_single_line_with_the_stamp_at_its_end() -> None:
    text = "word " * 13_000 + "(Last updated: March 3, 2024)"
    found = find_effective_date(text)
    assert found == DateStamp(datetime.date(2024, 3, 3), "day", "updated", 0)


def test_a_huge_single_line_mentioning_a_date_in_prose_gives_nothing() -> None:
    text = "word " * 13_000 + "the law of 3 March 2024 applies " + "word " * 13_000
    assert find_effective_date(text) is None


def test_a_one_megabyte_document_without_a_stamp() -> None:
    text = ("Some clause about data, enacted in 2019 and amended in 2021. " * 20 + "\n") * 900
    assert len(text) > 1_000_000
    assert find_effective_date(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "2020 " * 200_000,  # a megabyte of years on one line
        ("2020 " * 119 + "\n") * 2000,
        ("'23 " * 150 + "\n") * 2000,
        ("On 9 December 2023 we did x. " * 20 + "\n") * 2000,
        "\u00a0" * 10 + "9 December 2023 " * 50_000,
    ],
)
def test_texts_full_of_years_give_no_date(text: str) -> None:
    # The work per region is capped (years looked at, date searches); the answer must
    # still be right: none of these years is a stamp.
    assert find_effective_date(text) is None


def test_regions_are_bounded() -> None:
    # a stamp just beyond the character limits of the header and of the end
    filler = "x" * (HEADER_CHARS + 10)
    text = filler + "\nLast updated: March 3, 2024\n" + "y" * (END_CHARS + 10)
    assert find_effective_date(text) is None


# ---------------------------------------------------------------- parse_date

PARSE_CASES: list[tuple[str, str | None, str | None]] = [
    ("December 9th, 2023", "2023-12-09", "day"),
    ("9 December 2023", "2023-12-09", "day"),
    ("16 July, 2026", "2026-07-16", "day"),
    ("Feb 10, 2026", "2026-02-10", "day"),
    ("Sept. 3, 2024", "2024-09-03", "day"),
    ("Jul 23, 2026", "2026-07-23", "day"),
    ("2023-12-09", "2023-12-09", "day"),
    ("2026-07-21T10:00:00Z", "2026-07-21", "day"),
    ("2023.12.09", "2023-12-09", "day"),
    ("2023/12/09", "2023-12-09", "day"),
    ("July 2026", "2026-07-01", "month"),
    ("9 décembre 2023", "2023-12-09", "day"),
    ("9 de diciembre de 2023", "2023-12-09", "day"),
    ("9. Dezember 2023", "2023-12-09", "day"),
    ("1er janvier 2024", "2024-01-01", "day"),
    ("13/12/2023", "2023-12-13", "day"),
    ("12/13/2023", "2023-12-13", "day"),
    ("13.12.2023", "2023-12-13", "day"),
    ("Dec 9, '23", "2023-12-09", "day"),
    ("as stated on 9 December 2023 above", "2023-12-09", "day"),
    ("03/04/2024 then 9 December 2023", "2023-12-09", "day"),  # skips the ambiguous one
    ("**August 5,** **2026**", "2026-08-05", "day"),
    ("03/04/2024", None, None),
    ("Feb 30, 2024", None, None),
    ("Dec 9, 23", None, None),
    ("9 Smarch 2023", None, None),
    ("1899-12-31", None, None),
    ("version 2.3", None, None),
    ("", None, None),
]


@pytest.mark.parametrize(("fragment", "date", "precision"), PARSE_CASES)
def test_parse_date(fragment: str, date: str | None, precision: str | None) -> None:
    parsed = parse_date(fragment)
    if date is None:
        assert parsed is None
    else:
        assert parsed == (datetime.date.fromisoformat(date), precision)


def test_non_strings_give_none() -> None:
    assert find_effective_date(None) is None  # type: ignore[arg-type]
    assert parse_date(b"2023-12-09") is None  # type: ignore[arg-type]
