"""Unit tests of the two-level word diff (notices_repo.diff.words)."""

from __future__ import annotations

import random

from notices_repo.diff import words as worddiff
from notices_repo.diff.words import Hunk, align, apply_hunks, split_lines, tokenize, word_diff


def changes(hunks: list[Hunk]) -> list[tuple[str, str, str]]:
    return [(h.op, h.old, h.new) for h in hunks if h.is_change]


def diff(old: str, new: str) -> list[Hunk]:
    hunks = word_diff(old, new)
    assert apply_hunks(hunks) == (old, new)
    return hunks


def test_tokens_and_lines_keep_every_character() -> None:
    text = "Hello,  world!\r\n\tdon't\n\nübermäßig 42\n"
    assert "".join(tokenize(text)) == text
    assert tokenize("don't stop.") == ["don", "'", "t", " ", "stop", "."]
    assert "".join(split_lines(text)) == text
    assert split_lines("a\r\nb") == ["a\r\n", "b"]
    assert split_lines("") == []


def test_equal_and_empty_texts() -> None:
    assert word_diff("", "") == []
    assert word_diff("same\n", "same\n") == [Hunk("equal", "same\n", "same\n", 0, 0)]
    assert changes(diff("", "new text")) == [("insert", "", "new text")]
    assert changes(diff("old text", "")) == [("delete", "old text", "")]


def test_changed_word_is_one_replace_with_offsets() -> None:
    hunks = diff("We keep your email for 30 days.\n", "We keep your email for 90 days.\n")
    assert changes(hunks) == [("replace", "30", "90")]
    (change,) = [h for h in hunks if h.is_change]
    assert (change.old_start, change.new_start) == (23, 23)
    assert change.old_end == 25


def test_adjacent_words_separated_by_spaces_merge_like_git_word_diff() -> None:
    hunks = diff("the quick brown fox\n", "a slow brown dog\n")
    assert changes(hunks) == [("replace", "the quick", "a slow"), ("replace", "fox", "dog")]


def test_changes_on_different_lines_stay_apart() -> None:
    hunks = diff("alpha\nbeta\n", "ALPHA\nBETA\n")
    assert changes(hunks) == [("replace", "alpha", "ALPHA"), ("replace", "beta", "BETA")]


def test_inserted_and_deleted_lines() -> None:
    old = "one\ntwo\nthree\n"
    assert changes(diff(old, "one\ntwo\nnew line\nthree\n")) == [("insert", "", "new line\n")]
    assert changes(diff(old, "one\nthree\n")) == [("delete", "two\n", "")]


def test_whitespace_only_changes_are_reported_without_ignoring() -> None:
    hunks = diff("* item\n", "*   item\n")
    assert changes(hunks) == [("replace", " ", "   ")]


def test_one_comma_in_a_65000_character_line_is_one_small_change() -> None:
    rng = random.Random(7)
    words = [f"word{i}" for i in range(4000)]
    line = " ".join(rng.choice(words) + ("," if k % 9 == 8 else "") for k in range(9000))
    line = line[:65_000]
    assert len(line) == 65_000
    middle = line.index(",", 30_000)
    new_line = line[:middle] + ";" + line[middle + 1 :]
    hunks = diff("# Terms\n\n" + line + "\n", "# Terms\n\n" + new_line + "\n")
    assert changes(hunks) == [("replace", ",", ";")]
    assert len(hunks) == 3


def test_word_changed_inside_a_long_word_is_reported_as_the_whole_word() -> None:
    prefix = "x " * 200
    hunks = diff(prefix + "personal data\n", prefix + "personnel data\n")
    assert changes(hunks) == [("replace", "personal", "personnel")]


def test_many_scattered_edits_in_long_lines() -> None:
    rng = random.Random(11)
    vocab = [f"v{i}" for i in range(20_000)]
    old_words = [rng.choice(vocab) for _ in range(30_000)]
    new_words = list(old_words)
    edited = sorted(rng.sample(range(len(new_words)), 300))
    for i in edited:
        new_words[i] = "CHANGED"
    old = " ".join(old_words[:15_000]) + "\n" + " ".join(old_words[15_000:]) + "\n"
    new = " ".join(new_words[:15_000]) + "\n" + " ".join(new_words[15_000:]) + "\n"
    hunks = diff(old, new)
    assert 1 <= len(changes(hunks)) <= 300
    assert sum(h.new.count("CHANGED") for h in hunks if h.is_change) == 300


def test_fallbacks_keep_the_invariant_and_stay_bounded(monkeypatch) -> None:
    rng = random.Random(5)
    small_vocab = ["alpha", "beta", "gamma", "delta", "eta", "zeta", "iota", "kappa", "mu"]
    old = " ".join(rng.choice(small_vocab) for _ in range(3000))
    words = old.split(" ")
    for _ in range(30):
        words[rng.randrange(len(words))] = "omega"
    new = " ".join(words)
    monkeypatch.setattr(worddiff, "SMALL_CELLS", 1000)
    monkeypatch.setattr(worddiff, "MAX_CELLS", 10_000)
    hunks = diff(old, new)
    # No word is unique, so the k-gram anchors find the unchanged stretches.
    assert sum(len(h.old) for h in hunks if h.op == "equal") > len(old) // 2
    # Completely different texts above the bound: one replacement.
    other = " ".join(rng.choice(["x", "y"]) for _ in range(3000))
    assert [h.op for h in diff(old, other)] == ["replace"]


def test_align_reports_maximal_runs() -> None:
    assert align("abcd", "abxd") == [
        ("equal", 0, 2, 0, 2),
        ("replace", 2, 3, 2, 3),
        ("equal", 3, 4, 3, 4),
    ]
    assert align([], [1]) == [("replace", 0, 0, 0, 1)]


def test_hunk_json_form() -> None:
    assert Hunk("insert", "", "x", 3, 4).to_dict() == {"op": "insert", "old": "", "new": "x"}
