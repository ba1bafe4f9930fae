"""The shortcuts of ``parse_structure`` and ``decode`` (issue 16) against the code they replace.

Each shortcut computes something the parser computed before in a costlier way; these
tests compare both on random documents, so a shortcut changes the cost, never the result.
"""

from __future__ import annotations

import codecs

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from notices_repo.text.decode import classify, decode
from notices_repo.text.sections import categories as C
from notices_repo.text.sections import headings as H
from notices_repo.text.sections import incremental as I
from notices_repo.text.sections import lines as L
from notices_repo.text.sections import parse_structure
from tests.core.test_search_index import chain, edited, reference
from tests.core.test_sections_fast import MORE_LINES, heavy_text, separated_text
from tests.property.test_sections_property import any_text, line_text

SETTINGS = settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _markup_after_sentinel(text: str) -> list[tuple[int, int, int, str]]:
    """The old way: the text parsed after a sentinel with section markup, headings kept."""
    doc = L.prepare("## a\n\n## b\n\n" + text)
    shift = len("## a\n\n## b\n\n")
    return [
        (s.start - shift, s.body_start - shift, s.level, s.heading)
        for s in H.sections_from(doc, H.detect_headings(doc)[0])
        if s.start >= shift
    ]


@SETTINGS
@given(st.one_of(any_text, heavy_text, separated_text))
@example("a\n===\n")
@example("===\nb\n")
@example("  **Bold**\n\ntext")
@example("**A**\n**B**\n\n## C\n")
def test_markup_headings_of_a_region_parsed_alone_equal_those_after_a_sentinel(
    text: str,
) -> None:
    # What _plain_update relies on: a region that starts a block, has no construct
    # spanning blank lines (I._block_local) and does not start with front matter.
    if not text or text.startswith("---") or not I._block_local(text):
        return
    doc = L.prepare(text)
    alone = I._heads_from(doc, H.detect_headings(doc)[1])
    assert alone == _markup_after_sentinel(text)
    assert I._parse_marked(text, categories=False)[0] == alone


@SETTINGS
@given(st.lists(st.one_of(st.sampled_from(MORE_LINES), line_text), max_size=20))
def test_the_line_memos_give_what_the_rules_give(lines: list[str]) -> None:
    # asked twice: the second answer comes from the memo
    for line in lines + lines:
        assert C._ITEM_MEMO[line] == C._named_item(line)
        assert L.atx_heading(line) == L._atx_heading_rule(line)
        body = line.strip()
        assert L.bold_heading(body) == L._bold_heading_rule(body)


def test_a_line_memo_is_bounded_and_keeps_no_long_line() -> None:
    memo = L.LineMemo(C._named_item, size=100, line_max=50)
    for k in range(250):
        assert memo[f"* **Name {k}:** text"] == C._named_item(f"* **Name {k}:** text")
        assert len(memo) <= 100
    long_line = "* **Long:** " + "x" * 50
    assert memo[long_line] == C._named_item(long_line) is not None
    assert long_line not in memo


@SETTINGS
@given(edited())
def test_derived_structures_reusing_the_previous_objects_equal_sections_py(
    pair: tuple[str, str],
) -> None:
    old, new = pair
    chain(old, new, old, new + "\n\nTail Text\n")


def test_sections_and_categories_before_the_change_are_the_previous_objects() -> None:
    text = "".join(f"## Part {k}\n\n* **Item {k}:** text {k}.\n\n" for k in range(6))
    first = parse_structure(text)
    changed = text.replace("text 4.", "changed text.")
    second = parse_structure(changed, (text, first))
    assert (second.sections, second.categories) == reference(changed)
    # no preamble; parts 0..3 (and their items) lie before the changed block
    assert all(a is b for a, b in zip(second.sections[:4], first.sections[:4], strict=True))
    assert all(a is b for a, b in zip(second.categories[:4], first.categories[:4], strict=True))
    assert second.sections[4] is not first.sections[4]


@SETTINGS
@given(
    st.binary(max_size=200),
    st.sampled_from([b"", codecs.BOM_UTF8]),
    st.sampled_from([b"", b"\x00", b"a\x00b\x00"]),
)
def test_nul_bytes_are_counted_once_and_still_dropped(body: bytes, bom: bytes, nuls: bytes) -> None:
    # classify_decoded counts the NUL bytes once and hands the count on: with or
    # without a UTF-8 byte-order mark, a text verdict drops them exactly when there are some
    data = bom + body + nuls
    verdict = classify(data)
    if verdict.binary or verdict.encoding not in ("utf-8", "windows-1252"):
        return
    assert verdict.bom == len(bom)
    assert verdict.drop_nuls == (data[len(bom) :].count(0) > 0)
    assert "\x00" not in decode(data).text
