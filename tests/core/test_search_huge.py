"""Indexing a huge single-line notice holds no list of its words (issue 14).

Building the index of a 50 MB single-line notice peaked at 870 MB (``" ".join(split())``
of the paragraph made a list of millions of words); long paragraphs are now cleaned in
whole-string passes, with the same result. Real git repositories, the real index.
"""

from __future__ import annotations

import random

import pytest

from notices_repo.search import passages as search_passages
from notices_repo.search.passages import clean_passage, passages
from tests.conftest import GitRepo
from tests.core.test_search import marked, notice, open_index

SPACES = [" ", "  ", "\t", "\u00a0", "\u3000", "\u2028", "\x1c", " \n "]


def long_paragraph(words: int, seed: int = 3) -> str:
    rng = random.Random(seed)
    vocabulary = ["privacy", "données", "**bold**", "`code`", "[link](http://x)", "a|b", "x."]
    return "".join(rng.choice(vocabulary) + rng.choice(SPACES) for _ in range(words))


@pytest.mark.parametrize("seed", range(5))
def test_long_paragraphs_are_cleaned_as_short_ones(
    monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    raw = "  " + long_paragraph(3000, seed) + " \n"
    expected = clean_passage(raw)  # under the limit: split and join
    monkeypatch.setattr(search_passages, "_SPLIT_MAX", 100)
    assert clean_passage(raw) == expected
    assert "  " not in expected and expected == expected.strip()


def test_passages_of_a_span_are_those_of_the_slice() -> None:
    text = "# T\n\n## A\n\n" + long_paragraph(500) + "\n\nSecond paragraph.\n\n\n\nThird.\n"
    start = text.index("## A") + 5
    assert passages(text, None, start, len(text)) == passages(text[start:])


def test_a_long_single_line_notice_is_found(
    git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_passages, "_SPLIT_MAX", 1000)
    body = (
        long_paragraph(20_000) + " The unusual word zebrafish appears once. " + long_paragraph(50)
    )
    git_repo.commit({"big.md": notice("Terms", "May 1, 2025", f"## Everything\n\n{body}\n")})
    hits = open_index(git_repo).search("zebrafish")
    assert [(h.path, h.heading) for h in hits] == [("big.md", "Everything")]
    assert marked(hits[0].snippet, hits[0].spans) == ["zebrafish"]
