"""Property tests for the sections rules: on any text it never raises, sections cover the text
contiguously, headings are clean single lines, categories lie within their sections."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from notices_repo.text.markup import FRONT_KEY_RE
from notices_repo.text.sections import (
    Section,
    clean_inline,
    find_data_categories,
    find_title,
    is_date_stamp,
    section_text,
    split_sections,
)

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Characters Markdown and the heading heuristics care about.
MARKDOWN_ALPHABET = [*"#*=-_\n :•·a B1.)(|>[]`~{%}!\\&;<\r\t", "\u00a0", "\u2028"]

# Whole lines of every kind the splitter distinguishes.
LINES = [
    "",
    "",
    "# Title",
    "## Section",
    "### **Bold ATX**",
    "###### Six ######",
    "#hashtag",
    "Title Line",
    "Plain Heading Text",
    "A sentence that ends.",
    "Effective Date: December 9th, 2023",
    "Last updated",
    "**Bold Heading**",
    "**K.** **Two spans**",
    "**Bold** then text",
    "---",
    "===",
    "- - -",
    "***",
    "```",
    "```python",
    "~~~",
    '{% hint style="info" %}',
    "{% endhint %}",
    "title: Front",
    "* **Account Data:** Information such as usernames.",
    "- **Usage Data**: Details.",
    "  • App Data: Information about apps.",
    "1. **Name:** value",
    "* Note: see below",
    "* [Ab: cd](https://x.y)",
    "* Name (see: below): x",
    "* **[Ab:** cd](u)",
    "* A`b: c`",
    "  continuation of an item",
    "    indented paragraph",
    "| a | b |",
    "[link](https://example.com)",
    "> quote",
    "(a) clause",
]

markdown_text = st.text(alphabet=MARKDOWN_ALPHABET, max_size=300)
line_text = st.lists(st.sampled_from(LINES), max_size=40).map("\n".join)
mixed_text = st.lists(
    st.one_of(st.sampled_from(LINES), st.text(alphabet=MARKDOWN_ALPHABET, max_size=20)),
    max_size=40,
).map(lambda parts: "\n".join(parts))
any_text = st.one_of(st.text(max_size=300), markdown_text, line_text, mixed_text)


def check_sections(text: str, sections: list[Section]) -> None:
    if not text:
        assert sections == []
        return
    assert sections
    assert sections[0].start == 0
    assert sections[-1].end == len(text)
    for a, b in itertools.pairwise(sections):
        assert a.end == b.start
        assert a.start < b.start
    for index, s in enumerate(sections):
        assert isinstance(s.heading, str)
        assert s.heading == s.heading.strip()
        assert s.heading == " ".join(s.heading.split())  # one line, whitespace collapsed
        assert s.start <= s.body_start <= s.end
        if s.level == 0:
            assert index == 0 and s.heading == "" and s.start == s.body_start == 0
            assert s.end > 0
        else:
            assert 1 <= s.level <= 6
            assert s.heading
    assert "".join(section_text(text, s) for s in sections) == "".join(
        text[s.body_start : s.end] for s in sections
    )


@SETTINGS
@given(any_text)
@example("---\ntitle: x\n---\n# A\n")
@example("```\n# A\n")
@example("a\n---\n---\n")
@example("**\n---")
@example("\r\n\r\n#\r\n")
@example('{% hint style="info" %}\n# A\n')
def test_split_sections_covers_any_text(text: str) -> None:
    sections = split_sections(text)
    check_sections(text, sections)
    assert split_sections(text) == sections  # deterministic


@SETTINGS
@given(any_text)
def test_categories_lie_within_their_sections(text: str) -> None:
    sections = split_sections(text)
    categories = find_data_categories(text)
    assert find_data_categories(text, sections) == categories
    previous_end = -1
    for c in categories:
        assert 0 <= c.section_index < len(sections)
        section = sections[c.section_index]
        assert c.section == section.heading
        assert section.body_start <= c.start <= c.end <= section.end
        assert c.start > previous_end or c.start == 0
        previous_end = c.end
        assert c.name and c.name == " ".join(c.name.split())
        assert c.description == " ".join(c.description.split())
        assert c.name in clean_inline(text[c.start : c.end])


@SETTINGS
@given(any_text)
def test_find_title_never_raises(text: str) -> None:
    title = find_title(text)
    assert title is None or (title and title == " ".join(title.split()))
    assert find_title(text, split_sections(text)) == title


@SETTINGS
@given(st.text(max_size=200))
def test_cleaning_and_stamps_never_raise(text: str) -> None:
    clean = clean_inline(text)
    assert clean == " ".join(clean.split())
    assert isinstance(is_date_stamp(clean), bool)


def _opens_front_matter(text: str) -> bool:
    """Whether ``text`` opens YAML or TOML front matter (docs: a ``---`` or ``+++`` first
    line, then a ``key:`` as the first line that is not blank), which a later closing line
    would make of everything up to it, a heading line included."""
    lines = text.split("\n")
    if lines[0].rstrip() not in ("---", "+++"):
        return False
    first = next((line for line in lines[1:] if line.strip()), "")
    return FRONT_KEY_RE.match(first) is not None


@SETTINGS
@example(before="---\nEffective Date: December 9th, 2023", after="---")
@given(line_text, line_text)
def test_a_heading_line_starts_a_section_wherever_it_is(before: str, after: str) -> None:
    text = f"{before}\n\n## Inserted Heading\n\n{after}"
    sections = split_sections(text)
    check_sections(text, sections)
    start = len(before) + 2
    inside_block = any(
        marker in before for marker in ("```", "~~~", "{% hint", "---\ntitle", "title: Front")
    )
    if not inside_block and _opens_front_matter(text):
        inside_block = True  # a `---` line closing it may follow the heading
    if not inside_block:
        assert any(s.start == start and s.heading == "Inserted Heading" for s in sections)
