"""Searching the texts at HEAD without an index (:mod:`notices_repo.search.head`), the
search screen's answer while the index is built (issue 16)."""

from __future__ import annotations

import threading

import pytest

from notices_repo.errors import Cancelled
from notices_repo.search.head import HeadTexts
from tests.conftest import GitRepo

PRIVACY = """# Privacy Notice

Preamble text about retention of nothing.

## 1. Cookies

We use [cookies](https://example.com) and similar technologies.

## Données personnelles

Nous traitons vos données avec soin.

## Retention

We keep *account data* for a limited retention period.
Cookies are deleted after a retention period too.
"""


@pytest.fixture
def head(git_repo: GitRepo) -> HeadTexts:
    git_repo.commit({"privacy.md": "# Old\n\nbeacons\n", "notes.json": "cookies"})
    git_repo.commit(
        {"privacy.md": PRIVACY, ".notice-tui.toml": 'exclude = ["drafts/**"]\n'},
        date="2025-02-03T10:00:00+00:00",
    )
    git_repo.commit({"drafts/cookies.md": "# Cookies\n\ncookies\n"}, date="2025-02-04T10:00:00Z")
    texts = HeadTexts.read(git_repo.path)
    assert texts is not None
    return texts


def test_reads_the_notice_files_at_head_by_the_repository_rules(
    head: HeadTexts, git_repo: GitRepo
) -> None:
    assert len(head) == 1  # notes.json is no notice; drafts/ is excluded by the rules
    assert head.head == git_repo.head()
    assert str(head.day) == "2025-02-04"
    assert head.search("beacons") == []  # only an older version held it


def test_a_heading_ranks_above_the_same_word_in_a_body(head: HeadTexts) -> None:
    hits = head.search("cookies")
    assert [(h.heading, h.section, h.kind) for h in hits] == [
        ("1. Cookies", 1, "section"),
        ("Retention", 3, "section"),
    ]
    first, second = hits
    assert first.score > 80 >= 75 >= second.score > 40
    assert first.snippet == "We use cookies and similar technologies."  # links cleaned
    assert first.label_spans == ((3, 10),)
    assert second.snippet[slice(*second.spans[0])] == "Cookies"
    assert (first.path, first.notice, first.title) == ("privacy.md", "privacy.md", "Privacy Notice")


def test_words_are_prefixes_folded_and_all_needed(head: HeadTexts) -> None:
    assert head.search("retent")[0].heading == "Retention"
    assert head.search("retent")[0].score < head.search("retention")[0].score
    assert [h.heading for h in head.search("donnees personnelles")] == ["Données personnelles"]
    assert [h.heading for h in head.search("account retention")] == ["Retention"]
    assert head.search("account cookies beacons") == []
    assert head.search("cookeis") == []  # no typos without the index


def test_short_words_match_headings_only(head: HeadTexts) -> None:
    assert [h.heading for h in head.search("re")] == ["Retention"]
    assert head.search("  ") == []


def test_no_commits_and_cancelling(git_repo: GitRepo) -> None:
    assert HeadTexts.read(git_repo.path) is None
    git_repo.commit({"privacy.md": PRIVACY})
    cancelled = threading.Event()
    cancelled.set()
    with pytest.raises(Cancelled):
        HeadTexts.read(git_repo.path, cancelled)
