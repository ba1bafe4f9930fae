"""Tests for the sections rules (notices_repo.text.sections) on real text: the seed notice, its Markdown form, snippets of every
heading kind, data categories in several markup shapes, and real Open Terms Archive
documents (when /tmp/vlopses or the shared corpus bundle is there)."""

# The Markdown form of the seed keeps its real, long lines.
# ruff: noqa: E501

from __future__ import annotations

import itertools
import subprocess
import time
from pathlib import Path

import pytest

from notices_repo.text.sections import (
    DataCategory,
    Section,
    clean_inline,
    find_data_categories,
    find_title,
    is_date_stamp,
    section_text,
    split_sections,
)
from tests.conftest import SEED

VLOPSES = Path("/tmp/vlopses")

SEED_HEADINGS = [
    "Privacy Notice for Air-Gapped Workspaces",
    "Definition of Air-Gapped Environments",
    "Data Collection and Usage in Air-Gapped Environments",
    "Limitations of Air-Gapped Licenses",
    "Transition to Registered Environments",
    "Notice Amendments",
]
COLLECTION = "Data Collection and Usage in Air-Gapped Environments"
LIMITATIONS = "Limitations of Air-Gapped Licenses"
SEED_CATEGORIES = [
    ("Account Data", "Information such as usernames, email addresses, or passwords.", COLLECTION),
    ("Usage Data", "Details on how users interact with the software.", COLLECTION),
    (
        "App Data",
        "Information about applications or services operating within the air-gapped environment.",
        COLLECTION,
    ),
    ("User Content", "Any content created or uploaded by users.", COLLECTION),
    (
        "Tracking or Cookies",
        "No tracking technologies or cookies are employed to gather user information",
        COLLECTION,
    ),
    (
        "Absence of Cloud Services",
        "Features like the marketplace, OmniGateway, push notifications, and other "
        "cloud-dependent add-ons are unavailable.",
        LIMITATIONS,
    ),
]

# The seed as published in Rocket.Chat's GitBook documentation (abridged paragraphs).
SEED_MARKDOWN = """\
# Privacy Notice for Air-Gapped Workspaces

**Effective Date:** December 9th, 2023

This document serves as a privacy notice for users of [air-gapped workspaces](../../air-gapped/). These workspaces are isolated from external networks.&#x20;

### **Definition of Air-Gapped Environments**

An air-gapped environment is a secure workspace or system, deliberately disconnected from external networks.

### **Data Collection and Usage in Air-Gapped Environments**

In air-gapped environments, Rocket.Chat adheres to strict data privacy standards by not collecting:

* **Account Data:** Information such as usernames, email addresses, or passwords.
* **Usage Data:** Details on how users interact with the software.
* **App Data:** Information about applications or services operating within the air-gapped environment.
* **User Content:** Any content created or uploaded by users.
* **Tracking or Cookies:** No tracking technologies or cookies are employed to gather user information

### **Limitations of Air-Gapped Licenses**

Users should be aware of certain limitations inherent to air-gapped licenses:

* **Absence of Cloud Services:** Features like the marketplace, OmniGateway, push notifications, and other cloud-dependent add-ons are unavailable.

### **Transition to Registered Environments**

Should an air-gapped environment opt to register with Rocket.Chat, the data collection practices outlined [here](./#data) will become applicable.

### **Contact**

For inquiries or concerns regarding this Privacy Notice, contact our Data Protection Officer at privacy@rocket.chat.&#x20;

{% hint style="danger" %}
**Notice Amendments**

We reserve the right to update this Privacy Notice in response to changes in data practices or legal requirements.
{% endhint %}

{% hint style="info" %}
**Add-ons** enhance the software's capabilities through additional features.
{% endhint %}
"""


def assert_covers(text: str, sections: list[Section]) -> None:
    """The contract the diff engine relies on."""
    if not text:
        assert sections == []
        return
    assert sections, "non-empty text must give sections"
    assert sections[0].start == 0
    assert sections[-1].end == len(text)
    for a, b in itertools.pairwise(sections):
        assert a.end == b.start
    for s in sections:
        assert s.start <= s.body_start <= s.end
        assert s.heading == s.heading.strip()
        assert "\n" not in s.heading and "\r" not in s.heading
        assert (s.level == 0) == (s.heading == "")
        assert 0 <= s.level <= 6
    for s in sections[1:]:
        assert s.level >= 1
    assert "".join(text[s.start : s.end] for s in sections) == text


def headings(text: str) -> list[str]:
    sections = split_sections(text)
    assert_covers(text, sections)
    return [s.heading for s in sections if s.level]


def levels(text: str) -> list[tuple[str, int]]:
    return [(s.heading, s.level) for s in split_sections(text) if s.level]


@pytest.fixture(scope="module")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"seed notice not found at {SEED} (the shared folder is not mounted)")
    return SEED.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- the seed


def test_seed_headings(seed_text: str) -> None:
    sections = split_sections(seed_text)
    assert_covers(seed_text, sections)
    assert [s.heading for s in sections] == SEED_HEADINGS
    assert all(s.level == 2 for s in sections)
    assert sections[0].start == 0  # the title is the first line: no preamble


def test_seed_non_headings(seed_text: str) -> None:
    found = headings(seed_text)
    assert "Effective Date: December 9th, 2023" not in found
    assert "Last updated" not in found
    assert not any(h.startswith("For inquiries") for h in found)
    # "Last updated" and the inquiry line stay in the body of their sections.
    sections = split_sections(seed_text)
    assert "Last updated" in section_text(seed_text, sections[-1])
    assert "For inquiries or concerns" in section_text(seed_text, sections[-2])
    assert "Effective Date: December 9th, 2023" in section_text(seed_text, sections[0])


def test_seed_section_offsets(seed_text: str) -> None:
    sections = split_sections(seed_text)
    for s in sections:
        assert seed_text[s.start : s.body_start].strip() == s.heading
        assert seed_text[s.body_start - 1] == "\n"
    definition = sections[1]
    assert section_text(seed_text, definition).strip().startswith("An air-gapped environment")


def test_seed_categories(seed_text: str) -> None:
    sections = split_sections(seed_text)
    categories = find_data_categories(seed_text)
    assert [(c.name, c.description, c.section) for c in categories] == SEED_CATEGORIES
    assert find_data_categories(seed_text, sections) == categories
    for c in categories:
        assert sections[c.section_index].heading == c.section
        section = sections[c.section_index]
        assert section.body_start <= c.start < c.end <= section.end
        assert seed_text[c.start : c.end].startswith("• " + c.name + ":")
        assert seed_text[c.start : c.end].endswith(c.description[-20:])


def test_seed_usage_data_and_cloud_services_are_told_apart(seed_text: str) -> None:
    by_name = {c.name: c for c in find_data_categories(seed_text)}
    assert by_name["Usage Data"].section == COLLECTION
    assert by_name["Absence of Cloud Services"].section == LIMITATIONS
    assert by_name["Usage Data"].section_index < by_name["Absence of Cloud Services"].section_index


def test_seed_title(seed_text: str) -> None:
    assert find_title(seed_text) == "Privacy Notice for Air-Gapped Workspaces"


def test_seed_with_crlf_line_endings(seed_text: str) -> None:
    crlf = seed_text.replace("\n", "\r\n")
    sections = split_sections(crlf)
    assert_covers(crlf, sections)
    assert [s.heading for s in sections] == SEED_HEADINGS
    for s in sections:
        assert crlf[s.body_start - 2 : s.body_start] == "\r\n"
    names = [(c.name, c.description) for c in find_data_categories(crlf)]
    assert names == [(n, d) for n, d, _ in SEED_CATEGORIES]


# --------------------------------------------------------------------------- Markdown form


def test_markdown_form_headings() -> None:
    assert levels(SEED_MARKDOWN) == [
        ("Privacy Notice for Air-Gapped Workspaces", 1),
        ("Definition of Air-Gapped Environments", 3),
        ("Data Collection and Usage in Air-Gapped Environments", 3),
        ("Limitations of Air-Gapped Licenses", 3),
        ("Transition to Registered Environments", 3),
        ("Contact", 3),
    ]


def test_markdown_form_hint_blocks_are_content_of_their_section() -> None:
    sections = split_sections(SEED_MARKDOWN)
    contact = sections[-1]
    body = section_text(SEED_MARKDOWN, contact)
    # The bold line inside the hint block is content, and so are the tags.
    assert "**Notice Amendments**" in body
    assert '{% hint style="danger" %}' in body
    assert body.rstrip().endswith("{% endhint %}")
    assert all("hint" not in s.heading for s in sections)


def test_markdown_form_categories() -> None:
    categories = find_data_categories(SEED_MARKDOWN)
    assert [(c.name, c.description, c.section) for c in categories] == SEED_CATEGORIES
    first = categories[0]
    assert SEED_MARKDOWN[first.start : first.end] == (
        "* **Account Data:** Information such as usernames, email addresses, or passwords."
    )


def test_markdown_form_title_and_effective_date_line() -> None:
    assert find_title(SEED_MARKDOWN) == "Privacy Notice for Air-Gapped Workspaces"
    sections = split_sections(SEED_MARKDOWN)
    assert "**Effective Date:** December 9th, 2023" in section_text(SEED_MARKDOWN, sections[0])


# --------------------------------------------------------------------------- ATX


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("# Title", ("Title", 1)),
        ("## Section", ("Section", 2)),
        ("###### Deep", ("Deep", 6)),
        ("## Closed ##", ("Closed", 2)),
        ("### Closed with spaces ###   ", ("Closed with spaces", 3)),
        ("## C# is not closed#", ("C# is not closed#", 2)),
        ("   ## Indented three", ("Indented three", 2)),
        ("### **Bold ATX**", ("Bold ATX", 3)),
        ("## [Linked](https://example.com/x) heading", ("Linked heading", 2)),
        ("## ![logo](a.png) Logo heading", ("Logo heading", 2)),
        ("## 1\\. Escaped number", ("1. Escaped number", 2)),
        ("## Terms &amp; Conditions", ("Terms & Conditions", 2)),
        ("## `code` and _emphasis_ and ~~strike~~", ("code and emphasis and strike", 2)),
        ("##\tTab   separated\u00a0words", ("Tab separated words", 2)),
    ],
)
def test_atx_headings(line: str, expected: tuple[str, int]) -> None:
    text = f"Intro.\n\n{line}\n\nBody.\n"
    assert levels(text) == [expected]


@pytest.mark.parametrize(
    "line",
    ["#hashtag", "####### seven", "    # four spaces", "\\# escaped", "#", "## ", "## **", "## ##"],
)
def test_not_atx_headings(line: str) -> None:
    assert headings(f"Some text here.\n\n{line}\n\nMore text here.\n") == []


def test_atx_heading_does_not_need_blank_lines() -> None:
    text = "Para one.\n## Heading\nPara two.\n"
    sections = split_sections(text)
    assert [(s.heading, s.start, s.body_start) for s in sections] == [
        ("", 0, 0),
        ("Heading", 10, 21),
    ]
    assert section_text(text, sections[1]) == "Para two.\n"


# --------------------------------------------------------------------------- setext


def test_setext_headings() -> None:
    text = "Privacy Policy\n==============\n\nIntro.\n\n1\\. Who we are\n--------------\n\nBody.\n"
    sections = split_sections(text)
    assert_covers(text, sections)
    assert [(s.heading, s.level) for s in sections] == [
        ("Privacy Policy", 1),
        ("1. Who we are", 2),
    ]
    # body_start is after the underline
    assert text[sections[0].body_start :].startswith("\nIntro.")
    assert text[sections[1].start : sections[1].body_start] == "1\\. Who we are\n--------------\n"


def test_thematic_break_after_blank_line_is_not_a_heading() -> None:
    text = "Para one.\n\n---\n\nPara two.\n\n***\n\n- - -\n"
    assert headings(text) == []


def test_dash_line_after_list_item_is_a_thematic_break() -> None:
    assert headings("* item one\n* item two\n---\n\nText.\n") == []


def test_setext_multi_line_paragraph() -> None:
    text = "Intro.\n\nFirst line\nsecond line\n===\n\nBody.\n"
    sections = split_sections(text)
    assert [(s.heading, s.level, s.start) for s in sections] == [
        ("", 0, 0),
        ("First line second line", 1, 8),
    ]


def test_setext_long_paragraph_keeps_only_its_last_line() -> None:
    text = "l1\nl2\nl3\nl4\nLast line\n---------\n\nBody.\n"
    sections = split_sections(text)
    assert [s.heading for s in sections] == ["", "Last line"]
    assert text[sections[1].start :].startswith("Last line\n")


def test_setext_underline_of_a_bold_line() -> None:
    assert levels("**Bold title**\n============\n\nText.\n") == [("Bold title", 1)]


def test_equals_line_after_blank_is_text() -> None:
    assert headings("Text.\n\n=====\n\nMore.\n") == []


# --------------------------------------------------------------------------- front matter


FRONT_MATTER = """\
---
title: "Privacy Notice for Air-Gapped Workspaces"
description: >-
  A notice.
---

# Heading One

Body.

## Heading Two

More.
"""


def test_front_matter_is_part_of_the_preamble() -> None:
    sections = split_sections(FRONT_MATTER)
    assert_covers(FRONT_MATTER, sections)
    assert [(s.heading, s.level) for s in sections] == [
        ("", 0),
        ("Heading One", 1),
        ("Heading Two", 2),
    ]
    assert section_text(FRONT_MATTER, sections[0]).startswith("---\ntitle:")


def test_front_matter_dashes_are_not_setext_underlines() -> None:
    text = "---\nkey: value\nother: thing\n---\n\nText.\n"
    assert headings(text) == []


def test_front_matter_title() -> None:
    assert find_title(FRONT_MATTER) == "Privacy Notice for Air-Gapped Workspaces"
    assert find_title("---\ntitle: 'Single quoted'\n---\n\n# Other\n") == "Single quoted"


def test_leading_thematic_break_without_yaml_is_not_front_matter() -> None:
    text = "---\n\nIntro paragraph here.\n\n## Real heading\n\nBody.\n"
    assert headings(text) == ["Real heading"]
    assert find_title(text) == "Real heading"


# --------------------------------------------------------------------------- fences, hints


def test_headings_inside_code_fences_are_ignored() -> None:
    text = (
        "# Title\n\n```markdown\n# Not a heading\n**Not bold heading**\nSetext\n---\n```\n\n"
        "~~~~\n## Also not\n~~~\n~~~~\n\n## After\n\nBody.\n"
    )
    assert headings(text) == ["Title", "After"]


def test_unclosed_fence_does_not_swallow_the_document() -> None:
    text = "# Title\n\n```python\ncode\n\n## Still a heading\n\nBody.\n"
    assert headings(text) == ["Title", "Still a heading"]


def test_hint_blocks_are_content() -> None:
    text = (
        '## Before\n\nText.\n\n{% hint style="info" %}\n## Inside\n**Bold inside**\n'
        "{% endhint %}\n\n## After\n\nText.\n"
    )
    sections = split_sections(text)
    assert [s.heading for s in sections] == ["Before", "After"]
    assert "## Inside" in section_text(text, sections[0])


def test_unclosed_hint_tag_is_not_a_block() -> None:
    text = '# A\n\n{% hint style="info" %}\n\n## B\n\nText.\n'
    assert headings(text) == ["A", "B"]


# --------------------------------------------------------------------------- bold lines


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("**Table of Contents**", "Table of Contents"),
        ("__Underscored heading__", "Underscored heading"),
        ("***Bold italic***", "Bold italic"),
        ("**K.**\u00a0**VISITORS FROM THE UNITED STATES**", "K. VISITORS FROM THE UNITED STATES"),
        ("**P. HOW TO CONTACT US.**", "P. HOW TO CONTACT US."),
        ("**Best Practices:**", "Best Practices:"),
        ("**How Do We Share Your Information?**", "How Do We Share Your Information?"),
        ("**[Linked](https://example.com) section**", "Linked section"),
    ],
)
def test_bold_line_headings(line: str, expected: str) -> None:
    assert levels(f"Intro text.\n\n{line}\n\nBody text.\n") == [(expected, 2)]


@pytest.mark.parametrize(
    "line",
    [
        "**You may not engage in inauthentic activity that undermines the integrity of X.**",
        "**Here are some examples of common violations:**",
        "**Model** : model accounts can be amateurs.",
        "**Bold** start then plain text",
        "**(Effective as of July 30, 2026)**",
        "**Last updated: March 31, 2026**",
        "**[Learn more](https://example.com/learn)**",
        "**a, b,**",
        "**" + "word " * 30 + "**",
    ],
)
def test_not_bold_line_headings(line: str) -> None:
    # In a marked-up document, so that plain-text headings are off.
    assert headings(f"## Section\n\nIntro text.\n\n{line}\n\nBody text.\n") == ["Section"]


def test_bold_line_must_start_a_block() -> None:
    assert headings("A paragraph line\n**Bold continuation**\n\nText.\n") == []
    # A bold line right after a bold heading continues its block.
    assert headings("**Company Name**\n**123 Street**\n\nText.\n") == ["Company Name"]


# --------------------------------------------------------------------------- plain text


PLAIN = """\
Terms of Service

Effective as of May 16, 2024

Intro paragraph that ends with a period.

Section 1 Free Returns

Body of section one.

【About Cookies】

Body of cookies.

• Not a heading bullet

| not | a heading |

[Only a link](https://example.com)

Last updated

(a) an enumerated clause

Disperse dyes and

short lower case line

A very long line that has far too many words to be a heading in a plain text notice anyway

Ends with a colon:

Ends with a question?

Final Heading

Last body.
"""


def test_plain_text_headings() -> None:
    assert headings(PLAIN) == [
        "Terms of Service",
        "Section 1 Free Returns",
        "【About Cookies】",
        "Final Heading",
    ]


def test_plain_text_heading_needs_blank_lines_around() -> None:
    text = "Title Line\n\nBody one.\nNot A Heading\nmore body.\n\nLone Line\nfollowed by text.\n"
    assert headings(text) == ["Title Line"]


def test_plain_text_headings_are_off_in_marked_up_documents() -> None:
    text = "## Real Heading\n\nText.\n\nSan Bruno CA 94066\n\n## Another\n\nText.\n"
    assert headings(text) == ["Real Heading", "Another"]
    # ... but a single level-1 title does not count as section markup.
    text = "# Title\n\nIntro.\n\nFirst Section\n\nText.\n"
    assert levels(text) == [("Title", 1), ("First Section", 2)]


def test_plain_text_limits() -> None:
    eighty = "Word " * 15 + "End"  # 16 words
    assert headings(f"Intro.\n\n{eighty}\n\nBody.\n") == []
    twelve = " ".join(["Word"] * 12)
    assert headings(f"Intro.\n\n{twelve}\n\nBody.\n") == [twelve]


# --------------------------------------------------------------------------- preamble, edges


def test_preamble() -> None:
    text = "Some intro.\n\n## First\n\nBody.\n"
    sections = split_sections(text)
    assert sections[0] == Section("", 0, 0, 0, 13)
    assert sections[1] == Section("First", 2, 13, 22, len(text))


def test_no_preamble_when_heading_at_offset_zero() -> None:
    sections = split_sections("# A\nbody\n")
    assert sections == [Section("A", 1, 0, 4, 9)]


@pytest.mark.parametrize(
    "text",
    ["", "\n", "   ", "x", "# A", "# A\n", "\n\n\n", "---", "***", "**", "Title\n", "\r", "a\rb\r"],
)
def test_edges_cover(text: str) -> None:
    sections = split_sections(text)
    assert_covers(text, sections)
    assert (sections == []) == (text == "")


def test_no_trailing_newline() -> None:
    text = "Intro.\n\n## Last heading"
    sections = split_sections(text)
    assert sections[-1] == Section("Last heading", 2, 8, len(text), len(text))


def test_lone_cr_line_endings() -> None:
    text = "# One\rBody one.\r## Two\rBody two.\r"
    sections = split_sections(text)
    assert_covers(text, sections)
    assert [(s.heading, s.start, s.body_start) for s in sections] == [
        ("One", 0, 6),
        ("Two", 16, 23),
    ]


def test_non_string_input_is_not_an_error() -> None:
    assert split_sections(None) == []  # type: ignore[arg-type]
    assert find_data_categories(b"* **A:** b") == []  # type: ignore[arg-type]
    assert find_title(42) is None  # type: ignore[arg-type]


def test_long_single_line_is_fast() -> None:
    line = "word [link](https://example.com/a_b) **bold** _x_ " * 1500  # ~75,000 chars
    for text in (line, "# " + line, "**" + line + "**", line + "\n---\n", "* " + line):
        start = time.perf_counter()
        sections = split_sections(text)
        categories = find_data_categories(text, sections)
        elapsed = time.perf_counter() - start
        assert_covers(text, sections)
        assert elapsed < 1.0, f"{elapsed:.2f}s on a {len(text)}-char line"
        assert categories == []


def test_one_megabyte_is_fast() -> None:
    block = (
        "## Heading {n}\n\nSome paragraph text with a [link](https://example.com) and "
        "**bold** words, long enough to look like a notice.\n\n"
        "* **Name {n}:** description of the category\n  continued here.\n\n"
        "Plain Line\n\n---\n\n"
    )
    text = "".join(block.format(n=n) for n in range(6000))
    assert len(text) > 1_000_000
    start = time.perf_counter()
    sections = split_sections(text)
    categories = find_data_categories(text, sections)
    elapsed = time.perf_counter() - start
    assert_covers(text, sections)
    assert len(sections) == 6000
    assert len(categories) == 6000
    assert elapsed < 5.0, f"{elapsed:.2f}s on 1 MB"


def test_pathological_markup_is_linear() -> None:
    for piece in ("*", "_", "[", "](", "](<", "<a ", "\\", "#", "**a", "[a](", "|", "&#"):
        text = piece * 70_000
        start = time.perf_counter()
        assert_covers(text, split_sections(text))
        find_data_categories(text)
        find_title(text)
        assert time.perf_counter() - start < 2.0, piece


# --------------------------------------------------------------------------- inline cleaning


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("**Account Data:**", "Account Data:"),
        ("[text](https://x.y/a_(b)) tail", "text tail"),
        ("[text](<#with spaces> 'title')", "text"),
        ("[ref text][1]", "ref text"),
        ("<https://example.com>", "https://example.com"),
        ("a<br>b <span class='x'>c</span>", "a b c"),
        ("snake_case and 5*3", "snake_case and 5*3"),
        ("\\*literal\\* star", "*literal* star"),
        ("&#x20;&amp;&nbsp;x", "& x"),
        ("  many\t\n spaces  ", "many spaces"),
    ],
)
def test_clean_inline(raw: str, clean: str) -> None:
    assert clean_inline(raw) == clean


@pytest.mark.parametrize(
    ("line", "stamp"),
    [
        ("Effective Date: December 9th, 2023", True),
        ("Last updated", True),
        ("Last Updated: March 31, 2026", True),
        ("(Effective as of July 30, 2026)", True),
        ("8 October 2025", True),
        ("July 2026", True),
        ("Version 2.1", True),
        ("Dernière mise à jour : 3 mars 2024", True),
        ("Updated Terms of Service", False),
        ("Version History", False),
        ("Effective Communication", False),
        ("Definition of Air-Gapped Environments", False),
    ],
)
def test_is_date_stamp(line: str, stamp: bool) -> None:
    assert is_date_stamp(line) is stamp


# --------------------------------------------------------------------------- categories


def cats(text: str) -> list[tuple[str, str, str]]:
    found = find_data_categories(text)
    sections = split_sections(text)
    for c in found:
        section = sections[c.section_index]
        assert section.heading == c.section
        assert section.start <= c.start <= c.end <= section.end
    return [(c.name, c.description, c.section) for c in found]


@pytest.mark.parametrize(
    "item",
    [
        "* **Usage Data:** Details on use.",
        "- **Usage Data**: Details on use.",
        "+ **Usage Data** – Details on use.",
        "*   **Usage Data:** Details on use.",
        "• Usage Data: Details on use.",
        "  • Usage Data: Details on use.",
        "1. **Usage Data:** Details on use.",
        "12) Usage Data: Details on use.",
        "* Usage Data: Details on use.",
        "* __Usage Data:__ Details on use.",
        "* **Usage Data:** Details on *use*.",
        "* **Usage Data**. Details on use.",
        "- __Usage Data__.  Details on use.",
    ],
)
def test_category_shapes(item: str) -> None:
    text = f"## Data We Collect\n\nWe collect:\n\n{item}\n"
    assert cats(text) == [("Usage Data", "Details on use.", "Data We Collect")]


@pytest.mark.parametrize(
    "item",
    [
        "* Note: see below",
        "* Q: How do I ask?",
        "* A: Like this.",
        "* **Example:** something",
        "* Effective Date: December 9th, 2023",
        "* **Last updated:** 2024-01-01",
        "* Email: privacy@example.com",
        "* Website: https://example.com",
        "* see https://example.com for more",
        "* when we refer to data: we mean it",
        "* A very long name with far too many words in it: description",
        "* Sentence. Then name: description",
        "* **Bold lead-in** without a separator",
        "* Time is 10:30 today",
        "* **Unclosed bold: description",
        "Usage Data: not a list item",
        "* [Cookies: what they are](https://example.com/cookies)",
        "* Cookies (see: below): text",
        "* Code `Name: value` here",
        "*   You must:",
        "*   Data type:",
        "*   Voter or census interference, including:",
        "*   **Everyone is protected from:**",
        "*   **Ads must follow all restrictions, including:**",
        "* Usage Data. Details on use.",
        "* **Usage Data**.Details on use.",
        "* **Usage Data** . Details on use.",
        "* **Usage Data**. details in lower case.",
        "* **Usage Data**.",
        "* **You may**. Share it with friends.",
        "* **We never sell it**. Not ever.",
        "* **Don’t share passwords**. Keep them safe.",
        "* **Transfers to**. Other countries.",
        "* **Note**. See below.",
    ],
)
def test_not_categories(item: str) -> None:
    assert cats(f"## Section\n\n{item}\n") == []


def test_category_with_numbers_in_its_name() -> None:
    text = "## Guidelines\n\n*   **3.1.1 In-App Purchase:** Apps must use it.\n"
    assert cats(text) == [("3.1.1 In-App Purchase", "Apps must use it.", "Guidelines")]


def test_category_continuation_lines() -> None:
    text = (
        "## Data\n\n"
        "* **Device Data:** Information about\n"
        "  your device and\n"
        "its browser.\n"
        "\n"
        "  A second paragraph of the same item.\n"
        "\n"
        "Not part of the item.\n"
        "* **Log Data:** Server logs.\n"
        "  * nested item\n"
    )
    found = find_data_categories(text)
    assert [(c.name, c.description) for c in found] == [
        (
            "Device Data",
            "Information about your device and its browser. A second paragraph of the same item.",
        ),
        ("Log Data", "Server logs."),
    ]
    assert text[found[0].start : found[0].end].endswith("of the same item.")
    assert text[found[1].start : found[1].end] == "* **Log Data:** Server logs."


def test_category_with_empty_description() -> None:
    text = "## Data\n\n* **Contact Data:**\n    * name\n    * email\n"
    assert cats(text) == [("Contact Data", "", "Data")]


def test_categories_stop_at_the_next_heading() -> None:
    text = "## One\n\n* **Alpha:** first\n## Two\n\n* **Beta:** second\n"
    assert cats(text) == [("Alpha", "first", "One"), ("Beta", "second", "Two")]


def test_categories_in_preamble_and_hint_blocks_but_not_in_code() -> None:
    text = (
        "* **Early:** in the preamble\n\n## Section\n\n"
        '{% hint style="info" %}\n* **Hinted:** inside a hint\n{% endhint %}\n\n'
        "```\n* **Code:** not a category\n```\n"
    )
    assert cats(text) == [("Early", "in the preamble", ""), ("Hinted", "inside a hint", "Section")]


def test_invalid_sections_argument_is_recomputed() -> None:
    text = "## One\n\n* **Alpha:** first\n"
    bogus = [Section("x", 2, 0, 0, 3)]
    assert find_data_categories(text, bogus) == find_data_categories(text)
    assert find_title(text, bogus) == "One"


def test_data_category_is_frozen() -> None:
    category = DataCategory("A", "b", "S", 0, 0, 1)
    with pytest.raises(AttributeError):
        category.name = "B"  # type: ignore[misc]


# --------------------------------------------------------------------------- titles


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Intro.\n\n## Second\n\n# First Level One\n", "First Level One"),
        ("Intro paragraph.\n\n## Only Level Two\n\nText.\n", "Only Level Two"),
        ("AliExpress Cookie Notice\nEffective as of May 16, 2024\n", "AliExpress Cookie Notice"),
        ("![logo](x.png)\n\nShort Title Line.\n\nText " + "x " * 100, "Short Title Line."),
        ("", None),
        ("   \n\n", None),
        ("Effective Date: December 9th, 2023\n", None),
        ("A paragraph that is far too long to be a title. " * 5, None),
        ("[Home](https://x.y) [About](https://x.y/a)\n", None),
    ],
)
def test_find_title(text: str, title: str | None) -> None:
    assert find_title(text) == title


# --------------------------------------------------------------------------- real documents


def _vlopses(request: pytest.FixtureRequest) -> Path:
    if (VLOPSES / ".git").exists():
        return VLOPSES
    return request.getfixturevalue("corpus")


@pytest.fixture(scope="module")
def vlopses(request: pytest.FixtureRequest) -> Path:
    return _vlopses(request)


def _read(root: Path, rel: str) -> str:
    path = root / rel
    if not path.exists():
        pytest.skip(f"{rel} not in this corpus checkout")
    return path.read_text(encoding="utf-8")


@pytest.mark.corpus
def test_real_setext_document(vlopses: Path) -> None:
    text = _read(vlopses, "Stripchat/Privacy Policy.md")
    sections = split_sections(text)
    assert_covers(text, sections)
    assert (sections[0].heading, sections[0].level) == ("Privacy Policy", 1)
    assert ("1. Who we are", 2) in [(s.heading, s.level) for s in sections]
    assert find_title(text) == "Privacy Policy"


@pytest.mark.corpus
def test_real_bold_line_document(vlopses: Path) -> None:
    text = _read(vlopses, "AliExpress/Privacy Policy.md")
    found = headings(text)
    assert found[0] == "AliExpress.com Privacy Policy"
    assert "Table of Contents" in found
    assert "K. VISITORS FROM THE UNITED STATES" in found
    assert not any(h.startswith("(Effective as of") for h in found)


@pytest.mark.corpus
def test_real_plain_text_document(vlopses: Path) -> None:
    text = _read(vlopses, "AliExpress/Trackers Policy.md")
    found = headings(text)
    assert found[:3] == ["AliExpress Cookie Notice", "【About Cookies】", "【Categories】"]
    assert "Effective as of May 16, 2024" not in found


@pytest.mark.corpus
def test_every_real_document_is_covered(vlopses: Path) -> None:
    paths = sorted(p for p in vlopses.glob("*/*.md"))
    assert len(paths) > 100
    for path in paths:
        text = path.read_text(encoding="utf-8")
        sections = split_sections(text)
        assert_covers(text, sections)
        for c in find_data_categories(text, sections):
            section = sections[c.section_index]
            assert section.heading == c.section
            assert section.body_start <= c.start <= c.end <= section.end


@pytest.mark.corpus
@pytest.mark.slow
def test_largest_real_blob_splits_fast(vlopses: Path) -> None:
    listing = subprocess.run(
        ["git", "-C", str(vlopses), "rev-list", "--objects", "--all"],
        capture_output=True,
        check=True,
    ).stdout
    batch = subprocess.run(
        [
            "git",
            "-C",
            str(vlopses),
            "cat-file",
            "--batch-check=%(objectsize) %(objectname) %(objecttype) %(rest)",
        ],
        input=listing,
        capture_output=True,
        check=True,
    ).stdout.split(b"\n")
    size, oid = max(
        (int(fields[0]), fields[1])
        for fields in (line.split(maxsplit=3) for line in batch)
        if len(fields) >= 3 and fields[2] == b"blob" and fields[0].isdigit()
    )
    data = subprocess.run(
        ["git", "-C", str(vlopses), "cat-file", "blob", oid.decode()],
        capture_output=True,
        check=True,
    ).stdout
    text = data.decode("utf-8", "replace")
    start = time.perf_counter()
    sections = split_sections(text)
    elapsed = time.perf_counter() - start
    assert_covers(text, sections)
    assert size > 500_000
    assert elapsed < 2.0, f"{elapsed:.2f}s on the largest blob ({size} bytes)"
