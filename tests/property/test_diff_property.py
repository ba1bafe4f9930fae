"""Property tests of the diff invariant: applying the hunks gives the texts back exactly.

Without whitespace ignoring, for any pair of texts:

- word level: ``"".join(h.old) == old`` and ``"".join(h.new) == new`` over the hunks of
  :func:`notices_repo.diff.words.word_diff`;
- section level: the same over all sections of :func:`notices_repo.diff.compare.diff_texts`,
  ``new`` in the order of ``result.sections`` (new-text order) and ``old`` in the order
  of the sections' ``old_index`` (see :class:`notices_repo.diff.compare.DiffResult`).
"""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notices_repo.diff import words as worddiff
from notices_repo.diff.compare import diff_texts
from notices_repo.diff.words import apply_hunks, word_diff

# Markdown-ish alphabet: words, punctuation that matters to Markdown, every kind of
# whitespace including CR and form feed, non-ASCII letters, a combining mark.
MARKDOWNISH = st.sampled_from(
    [
        *"ab c\n\n#*-_`[]()>|.,;:!?1 \t\r\x0c\u00a0éß\u0301中",
        *["the ", "data ", "\n\n", "## ", "* ", "**", "    ", "Privacy ", "\r\n"],
    ]
)
TEXT = st.lists(MARKDOWNISH, max_size=80).map("".join)
ANY_TEXT = st.text(max_size=200)


def edited(base: str, data: st.DataObject) -> str:
    """``base`` with a few random edits, so pairs share most of their text."""
    text = base
    for _ in range(data.draw(st.integers(0, 5))):
        i = data.draw(st.integers(0, len(text)))
        j = data.draw(st.integers(i, min(len(text), i + 10)))
        text = text[:i] + data.draw(TEXT.filter(lambda s: len(s) < 12)) + text[j:]
    return text


def check(old: str, new: str) -> list[worddiff.Hunk]:
    hunks = word_diff(old, new)
    assert apply_hunks(hunks) == (old, new)
    pos_a = pos_b = 0
    for h in hunks:
        assert h.op in ("equal", "insert", "delete", "replace")
        assert h.old or h.new
        assert (h.op == "equal") == (h.old == h.new)
        assert (h.op == "insert") == (not h.old)
        assert (h.op == "delete") == (not h.new)
        assert (h.old_start, h.new_start) == (pos_a, pos_b)
        pos_a, pos_b = h.old_end, h.new_end
    for first, second in itertools.pairwise(hunks):
        assert not (first.op == "equal" and second.op == "equal")
        assert not (first.is_change and second.is_change)
    return hunks


@settings(deadline=None)
@given(TEXT, TEXT)
def test_markdownish_pairs_rebuild_exactly(old: str, new: str) -> None:
    check(old, new)


@settings(deadline=None)
@given(ANY_TEXT, ANY_TEXT)
def test_arbitrary_unicode_pairs_rebuild_exactly(old: str, new: str) -> None:
    check(old, new)


@settings(deadline=None)
@given(st.data())
def test_small_edits_rebuild_exactly(data: st.DataObject) -> None:
    old = data.draw(TEXT)
    check(old, edited(old, data))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_long_lines_rebuild_exactly(data: st.DataObject) -> None:
    unit = data.draw(st.lists(MARKDOWNISH, min_size=1, max_size=30).map("".join))
    old = unit * data.draw(st.integers(50, 400))
    check(old, edited(old, data))


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_cost_bounds_keep_the_invariant(data: st.DataObject) -> None:
    """With tiny bounds every path (trimming, sentences, anchors, k-grams, one
    replacement) is taken."""
    names = ("SMALL_CELLS", "MAX_CELLS", "SENTENCE_LEVEL", "TRIM_LEVEL")
    saved = {name: getattr(worddiff, name) for name in names}
    bounds = data.draw(st.sampled_from([(0, 0, 0, 0), (4, 16, 0, 0), (4, 10_000, 40, 10)]))
    try:
        for name, value in zip(names, bounds, strict=True):
            setattr(worddiff, name, value)
        old = data.draw(TEXT)
        check(old, edited(old, data))
        check(old, data.draw(TEXT))
        long_old = old * 20
        check(long_old, edited(long_old, data))
    finally:
        for name, value in saved.items():
            setattr(worddiff, name, value)


# Section level: texts made of Markdown-ish lines, headings included, so sections are
# added, removed, renamed and moved between the two texts.
LINES = st.sampled_from(
    [
        "# Privacy Notice\n",
        "## Data We Collect\n",
        "## Information We Collect\n",
        "## Sharing\n",
        "### Cookies\n",
        "**Contact**\n",
        "Contact\n",
        "=======\n",
        "-------\n",
        "* **Account Data:** usernames and email addresses\n",
        "* **Usage Data:** clicks\n",
        "- item\n",
        "1. first\n",
        "We keep your data for 30 days.\n",
        "We keep your data for 90 days.\n",
        "\n",
        "   \n",
        "\r\n",
        "no newline at the end",
    ]
)
NOTICE = st.lists(st.one_of(LINES, TEXT.map(lambda s: s + "\n")), max_size=25).map("".join)


def check_sections(old: str, new: str) -> None:
    result = diff_texts(old, new)
    assert result.rebuild() == (old, new)
    for section in result.sections:
        old_part = "".join(h.old for h in section.hunks)
        new_part = "".join(h.new for h in section.hunks)
        if section.old_start is not None:
            assert old_part == old[section.old_start : section.old_end]
        else:
            assert old_part == ""
        if section.new_start is not None:
            assert new_part == new[section.new_start : section.new_end]
        else:
            assert new_part == ""
    assert result.has_changes == (old != new)
    result.to_json()


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NOTICE, NOTICE)
def test_section_diff_rebuilds_both_texts(old: str, new: str) -> None:
    check_sections(old, new)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_section_diff_of_shuffled_sections_rebuilds_both_texts(data: st.DataObject) -> None:
    old = data.draw(NOTICE)
    blocks = old.split("## ")
    new = "## ".join(data.draw(st.permutations(blocks)))
    check_sections(old, edited(new, data))


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NOTICE, NOTICE)
def test_ignoring_whitespace_never_raises(old: str, new: str) -> None:
    result = diff_texts(old, new, ignore_whitespace=True)
    result.to_json()
    assert result.rebuild() == (old, new)  # the hunks hold the original texts
    assert not diff_texts(old, old.replace(" ", "  "), ignore_whitespace=True).has_changes
