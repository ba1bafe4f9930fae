"""The diff view's layout: marks, pairing, wrapping, context, summary, search (no app)."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from notices_repo.diff.compare import diff_texts
from notices_repo.diff.words import word_diff
from notices_repo.text.inert import _TABLE, inert, needs_inert
from tui.app.widgets import diff_rows as diff_layout
from tui.app.widgets.diff_rows import (
    FULL,
    SIDE_BY_SIDE,
    UNIFIED,
    build_layout,
    find_matches,
    row_of_match,
)
from tui.app.widgets.diff_spans import (
    CONTEXT_LINES,
    DELETE,
    INSERT,
    TEXT,
    elide,
    paired_lines,
    shown_ranges,
    unified_lines,
)
from tui.app.widgets.diff_wrap import wrap_offsets

OLD = """# Privacy notice

Effective date: January 1, 2024

## What we collect

We collect your name and your email address.
We keep them for two years.

## Your rights

You may ask for a copy.
"""

NEW = """# Privacy notice

Effective date: June 1, 2025

## What we collect

We collect your name, your email address and your phone number.
We keep them for two years.

## Your rights

You may ask for a copy.

## Contact

Write to privacy@example.invalid.
"""


def _line_texts(bodies: list[tuple[list[tuple[str, int, int]], str]]) -> list[str]:
    return ["".join(text for text, _, _ in spans) for spans, _ in bodies]


def test_unified_marks_changes_as_git_word_diff_does() -> None:
    hunks = word_diff("keep the old words here\n", "keep the new words here\n")
    lines = unified_lines(hunks, {1: 0})
    assert _line_texts(lines) == ["keep the [-old-]{+new+} words here"]
    assert lines[0][1] == "~"
    spans = lines[0][0]
    assert ("old", DELETE, 0) in spans and ("new", INSERT, 0) in spans


def test_a_change_across_lines_is_closed_and_reopened_on_each_line() -> None:
    hunks = word_diff("a\nb\n", "a\nx y\nz\nb\n")
    texts = _line_texts(unified_lines(hunks, {}))
    assert texts == ["a", "{+x y+}", "{+z+}", "b"]


def test_whitespace_only_changes_are_visible() -> None:
    texts = _line_texts(unified_lines(word_diff("one two\n", "one  two\n"), {}))
    assert texts == ["one[-·-]{+··+}two"]
    joined = _line_texts(unified_lines(word_diff("one\ntwo\n", "one two\n"), {}))
    assert "↵" in "".join(joined)


def test_side_by_side_pairs_lines_where_the_texts_agree() -> None:
    old = "same\nold only\nchanged here\nend\n"
    new = "same\nchanged there\nend\n"
    pairs = paired_lines(word_diff(old, new), {})

    def side(body: object) -> str | None:
        if body is None:
            return None
        return "".join(text for text, _, _ in body[0])  # type: ignore[index]

    rows = [(side(a), side(b)) for a, b in pairs]
    assert rows[0] == ("same", "same")
    assert rows[-1] == ("end", "end")
    middle = rows[1:-1]
    lefts = [a for a, _ in middle if a]
    rights = [b for _, b in middle if b]
    assert "".join(lefts).count("[-") >= 1 and "{+" not in "".join(lefts)
    assert "{+" in "".join(rights) and "[-" not in "".join(rights)


def test_side_by_side_keeps_a_deleted_line_opposite_a_blank() -> None:
    pairs = paired_lines(word_diff("A\nB\n", "B\n"), {})
    texts = [
        (
            "".join(t for t, _, _ in a[0]) if a else None,
            "".join(t for t, _, _ in b[0]) if b else None,
        )
        for a, b in pairs
    ]
    assert texts == [("[-A-]", None), ("B", "B")]


@pytest.mark.parametrize(
    ("text", "width"),
    [
        ("short", 40),
        ("word " * 100, 37),
        ("x" * 250, 40),
        ("naïve “quoted” text — with dashes " * 20, 33),
        ("日本語のテキスト、とても長い行です。" * 10, 21),
        ("mixed 日本 text 🙂 emoji " * 15, 19),
    ],
)
def test_wrapped_rows_fit_the_width_and_cover_the_text(text: str, width: int) -> None:
    breaks = wrap_offsets(text, width)
    assert breaks[0] == 0 and breaks == sorted(set(breaks))
    ends = [*breaks[1:], len(text)]
    for start, end in zip(breaks, ends, strict=True):
        row = text[start:end]
        assert row
        # a row may overhang only by its trailing spaces
        assert cell_len(row.rstrip(" ")) <= width


@given(st.text(alphabet=st.sampled_from("ab c日🙂é\u0301-"), max_size=300), st.integers(1, 50))
@settings(max_examples=300, deadline=None)
def test_wrapping_never_loses_text_or_overflows(text: str, width: int) -> None:
    breaks = wrap_offsets(text, width)
    ends = [*breaks[1:], len(text)]
    assert "".join(text[a:b] for a, b in zip(breaks, ends, strict=True)) == text
    for start, end in zip(breaks, ends, strict=True):
        row = text[start:end].rstrip(" ")
        assert cell_len(row) <= max(width, 2)  # a wide character needs two cells


def test_shown_ranges_merge_context() -> None:
    flags = [False] * 20
    flags[3] = flags[6] = flags[15] = True
    assert shown_ranges(flags, 2) == [(1, 9), (13, 18)]
    assert shown_ranges([False] * 5, 2) == []


def test_long_lines_are_cut_around_their_changes() -> None:
    before = "word " * 400
    after = "more " * 400
    spans = [(before, TEXT, -1), ("new", INSERT, 0), (after, TEXT, -1)]
    cut = elide(spans)
    text = "".join(t for t, _, _ in cut)
    assert len(text) < 700
    assert "new" in text and text.count("…") == 2
    assert elide([("short line", TEXT, -1)]) == [("short line", TEXT, -1)]


def test_layout_shows_summary_changed_sections_and_context_only() -> None:
    result = diff_texts(OLD, NEW)
    layout = build_layout(result, 100)
    assert layout is not None
    text = layout.plain()
    # "Your rights" changed too: it gained the blank line before the new section
    assert text.splitlines()[0].strip().startswith("Sections: 1 added, 0 removed, 3 changed")
    assert "Changed (3): Privacy notice · What we collect · Your rights" in text
    assert "Added (1): Contact" in text
    assert "@@ changed: What we collect @@" in text
    assert "@@ added: Contact @@" in text
    assert (
        "We collect your name[-·-]{+, your email address +}and your "
        "[-email address-]{+phone number+}." in text
    )
    assert "We keep them for two years." in text  # context
    # every change has a row, in order, on a row that shows it
    assert len(layout.change_rows) == len(result.change_positions())
    assert layout.change_rows == sorted(layout.change_rows)
    for change, row in enumerate(layout.change_rows):
        line = layout.rows[row][0]
        assert any(c == change for _, _, c in layout.lines[line].spans)


def test_full_layout_shows_every_line_of_the_new_text() -> None:
    result = diff_texts(OLD, NEW)
    layout = build_layout(result, 200, full=True)
    assert layout is not None
    text = layout.plain()
    for line in NEW.splitlines():
        if line.strip() and line in OLD.splitlines():
            assert line in text
    assert "[-January-]{+June+} 1, [-2024-]{+2025+}" in text


def test_side_by_side_rows_have_two_columns_of_equal_width() -> None:
    result = diff_texts(OLD, NEW)
    layout = build_layout(result, 81, SIDE_BY_SIDE)
    assert layout is not None
    pair_rows = [k for k, row in enumerate(layout.rows) if row[2] != FULL]
    assert pair_rows
    for row in pair_rows:
        text = layout.row_text(row)
        assert text.index("│") == layout.column + diff_layout.GUTTER
    assert "[-January 1-]" in layout.plain() or "[-January-]" in layout.plain()


def test_context_lines_around_a_change() -> None:
    body = "".join(f"line {k}\n" for k in range(40))
    old = f"# T\n\n{body}"
    new = old.replace("line 20\n", "line twenty\n")
    layout = build_layout(diff_texts(old, new), 80)
    assert layout is not None
    text = layout.plain()
    for k in range(20 - CONTEXT_LINES, 20 + CONTEXT_LINES + 1):
        if k != 20:
            assert f"line {k}\n" in text + "\n"
    assert "line 10" not in text and "line 30" not in text
    assert "unchanged lines" in text


def test_untrusted_text_is_inert_in_every_span() -> None:
    old = "# Title\n\nPlain \x1b[31mred\x1b[0m text.\n"
    new = "# Title [bold red]x[/]\n\nPlain \x1b]52;c;AAAA\x07 text \u202eevil.\n"
    for mode in (UNIFIED, SIDE_BY_SIDE):
        layout = build_layout(diff_texts(old, new), 100, mode)
        assert layout is not None
        everything = "".join(text for line in layout.lines for text, _, _ in line.spans)
        for bad in ("\x1b", "\x07", "\u202e"):
            assert bad not in everything
        assert "[bold red]x[/]" in everything
        assert "␛" in everything and "<U+202E>" in everything


def test_the_inert_shortcut_covers_every_character_inert_changes() -> None:
    changed = [code for code in range(0x30000) if chr(code).translate(_TABLE) != chr(code)]
    assert changed
    for code in changed:
        assert needs_inert(f"a{chr(code)}b"), hex(code)
        assert inert(f"a{chr(code)}b") != f"a{chr(code)}b", hex(code)
    assert needs_inert("a\r\nb") and inert("a\r\nb") == "a\nb"
    assert not needs_inert("plain text\twith a tab\nand a newline")


def test_search_finds_matches_in_row_order_case_insensitively() -> None:
    result = diff_texts(OLD, NEW)
    layout = build_layout(result, 60, SIDE_BY_SIDE)
    assert layout is not None
    matches = find_matches(layout, " WE ")  # spaces around the query are dropped
    assert len(matches) >= 4
    rows = [row_of_match(layout, m) for m in matches]
    assert rows == sorted(rows)
    for line, start, end in matches:
        assert layout.lines[line].text[start:end].lower() == "we"
    assert find_matches(layout, "   ") == []
    assert find_matches(layout, "[") != []  # brackets are literal, not a pattern


def test_no_differences_says_so() -> None:
    layout = build_layout(diff_texts(OLD, OLD), 80)
    assert layout is not None
    assert layout.plain().strip() == "No differences."
    assert layout.change_rows == []


def test_moved_section_without_changes_is_one_header() -> None:
    old = "# A\n\nalpha words here\n\n# B\n\nbeta words here\n\n# C\n\ngamma words here\n"
    new = "# B\n\nbeta words here\n\n# C\n\ngamma words here\n\n# A\n\nalpha words here\n"
    layout = build_layout(diff_texts(old, new), 80)
    assert layout is not None
    text = layout.plain()
    assert "Moved (1): A" in text
    assert "@@ moved: A @@" in text and "Moved without changes to its text." in text


@pytest.mark.slow
def test_a_1mb_pair_lays_out_in_reasonable_time() -> None:
    from bench.bench_diff import synthetic_pair

    old, new = synthetic_pair()
    result = diff_texts(old, new)
    for mode in (UNIFIED, SIDE_BY_SIDE):
        started = time.perf_counter()
        layout = build_layout(result, 118, mode)
        seconds = time.perf_counter() - started
        assert layout is not None
        assert len(layout.change_rows) == len(result.change_positions()) > 2000
        assert min(layout.change_rows) >= 0
        assert seconds < 5, f"{mode}: {seconds:.2f} s"  # about 0.15-0.3 s on an idle machine
