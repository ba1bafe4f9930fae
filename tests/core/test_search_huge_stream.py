"""A huge paragraph is cleaned and cut a window at a time, with the passages of the
whole (issue 14: the 50 MB single-line notice's index held the paragraph, its cleaned
copy and every passage at once). The window limits are set low here, so that ordinary
paragraphs go through the windowed path, and compared with the whole-string one.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from notices_repo.search import passages as search_passages
from notices_repo.search.passages import cut, passages
from tests.conftest import GitRepo
from tests.core.test_search import notice, open_index

# Everything the cleaning steps look at: markers, links, images, tags, emphasis, table
# pipes and rules, escapes, entities, unsafe characters, every kind of space.
TOKENS = [
    "privacy",
    "Données",
    "data.",
    "end!",
    "(a)",
    "1.",
    "- item",
    "* star",
    "> quote",
    "**bold**",
    "__under__",
    "`code`",
    "[link text](http://x.example)",
    "[two words](http://x.example 'a title')",
    "![alt](img.png)",
    "<b>",
    "</b>",
    '<a href="x" title="y z">',
    "<!-- note -->",
    "a|b",
    "|",
    "---",
    ":---:",
    "\\*",
    "&amp;",
    "&nbsp;",
    "&#32;",
    "\x1b[31m",
    "\u202e",
    "\u200b",
    "x",
    "::",
    "--",
    "(",
    ")",
    "[",
    "]",
    "<",
    ">",
]
SPACES = [" ", " ", " ", "  ", "\t", "\n", "\n   ", "\n- ", "\n1. ", "\u00a0", "\u3000", "\x1c"]


def paragraph(rng: random.Random, words: int, tokens: list[str] = TOKENS) -> str:
    return "".join(rng.choice(tokens) + rng.choice(SPACES) for _ in range(words))


def windowed(monkeypatch: pytest.MonkeyPatch, window: int) -> None:
    monkeypatch.setattr(search_passages, "_STREAM_MIN", 0)
    monkeypatch.setattr(search_passages, "_WINDOW", window)


@pytest.mark.parametrize("window", [1, 5, 40, 300])
@pytest.mark.parametrize("seed", range(12))
def test_windows_give_the_passages_of_the_whole(
    monkeypatch: pytest.MonkeyPatch, seed: int, window: int
) -> None:
    rng = random.Random(seed)
    plain = [t for t in TOKENS if "](" not in t and "<" not in t]
    for tokens in (TOKENS, plain):  # with links and tags (done whole first), and without
        text = paragraph(rng, 1500, tokens)
        expected = passages(text)
        assert len(expected) > 5  # long enough to be cut many times
        with monkeypatch.context() as patch:
            windowed(patch, window)
            assert passages(text) == expected


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(TOKENS + SPACES + ["\n\n"]), max_size=120),
    st.integers(min_value=1, max_value=60),
)
@example(["1.", " ", "x", "\n", " ", "1.", " ", "x"], 1)
def test_windows_any_text(pieces: list[str], window: int) -> None:
    text = "".join(pieces)
    expected = passages(text)
    saved = search_passages._STREAM_MIN, search_passages._WINDOW
    search_passages._STREAM_MIN, search_passages._WINDOW = 0, window
    try:
        assert passages(text) == expected
    finally:
        search_passages._STREAM_MIN, search_passages._WINDOW = saved


def test_a_short_result_is_one_passage(monkeypatch: pytest.MonkeyPatch) -> None:
    windowed(monkeypatch, 3)
    assert passages("**a** b   c\n\n  \n\n") == ["a b c"]
    assert passages(" " * 50) == []


def test_cut_is_unchanged() -> None:
    text = "Word " * 400 + "end. " * 50
    pieces = cut(text.strip())
    assert " ".join(pieces) == text.strip() and all(len(p) <= 480 for p in pieces)


def test_a_windowed_notice_is_found_with_its_snippet(
    git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    windowed(monkeypatch, 50)
    rng = random.Random(7)
    body = paragraph(rng, 3000) + " The unusual word zebrafish appears once. " + paragraph(rng, 9)
    git_repo.commit({"big.md": notice("Terms", "May 1, 2025", f"## Everything\n\n{body}\n")})
    hits = open_index(git_repo).search("zebrafish")
    assert [(h.path, h.heading) for h in hits] == [("big.md", "Everything")]
    assert "zebrafish" in hits[0].snippet
