"""Huge changes are compared by sentences past a limit, and the output says so (issue 14).

The limit is set low through a parameter (or the module constant, for the command), so
the tests stay small; no timing is asserted here (``bench/big_line.py`` measures the
50 MB file). Real git repositories, the real command.
"""

from __future__ import annotations

import json
import random

import pytest

from notices_repo.diff import words as worddiff
from notices_repo.diff.compare import diff_texts
from notices_repo.diff.render import COARSE_NOTE, render_markdown, render_text
from notices_repo.diff.words import EQUAL, apply_hunks, word_diff, word_diff_capped
from tests.conftest import GitRepo, run_cli
from tests.core.test_diff_sections import History, compare


def single_line(sentences: int, seed: int = 14) -> str:
    """One long paragraph of pseudo-sentences on a single line."""
    rng = random.Random(seed)
    vocabulary = [f"w{n}" for n in range(400)]
    return " ".join(
        " ".join(rng.choice(vocabulary) for _ in range(rng.randint(6, 14))).capitalize() + "."
        for _ in range(sentences)
    )


def edit_every(text: str, step: int) -> str:
    """Change one word in every ``step``-th sentence."""
    parts = text.split(". ")
    for k in range(0, len(parts), step):
        words = parts[k].split(" ")
        words[len(words) // 2] = "changed"
        parts[k] = " ".join(words)
    return ". ".join(parts)


def notice(line: str) -> str:
    return f"# Terms\n\n## Everything\n\n{line}\n\n## Contact\n\nWrite to us.\n"


def test_past_the_limit_changed_sentences_are_replaced_whole(tmp_path) -> None:
    line = single_line(400)
    old, new = notice(line), notice(edit_every(line, 2))
    exact = compare(History(tmp_path / "a"), old, new)
    assert not exact.coarse
    word_changes = [h for s in exact.sections for h in s.hunks if h.op != EQUAL]
    assert all(h.old.count(" ") == 0 for h in word_changes)  # single words
    coarse = diff_texts(old, new, coarse_limit=2000)
    assert coarse.coarse
    assert coarse.rebuild() == (old, new)
    (section,) = coarse.changed_sections
    assert section.coarse and section.heading == "Everything"
    changes = [h for h in section.hunks if h.op != EQUAL]
    assert len(changes) == len(word_changes) == 200  # one per edited sentence
    for hunk in changes:  # whole sentences, not the one word
        assert hunk.old.rstrip().endswith(".") and hunk.old.count(" ") >= 5
        assert "changed" in hunk.new and "changed" not in hunk.old
    assert coarse.to_json()["coarse"] is True
    assert coarse.to_json()["sections"][0]["coarse"] is True
    assert COARSE_NOTE in render_text(coarse)
    assert COARSE_NOTE in render_markdown(coarse)
    assert COARSE_NOTE not in render_text(exact)
    assert exact.to_json()["coarse"] is False


def test_the_limit_counts_changed_text_of_every_section() -> None:
    line_a, line_b = single_line(100, seed=1), single_line(100, seed=2)
    old = f"# T\n\n## A\n\n{line_a}\n\n## B\n\n{line_b}\n"
    edited_a = edit_every(line_a, 2)
    new = f"# T\n\n## A\n\n{edited_a}\n\n## B\n\n{edit_every(line_b, 2)}\n"
    result = diff_texts(old, new, coarse_limit=len(line_a) + len(edited_a) + 100)
    assert [s.coarse for s in result.changed_sections] == [False, True]
    assert result.rebuild() == (old, new)


def test_a_huge_single_line_with_few_edits_stays_word_by_word(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Chunks (hashed, content-defined) find the few changed places of a huge line."""
    monkeypatch.setattr(worddiff, "CHUNK_LEVEL", 20_000)
    line = single_line(3000)
    edited = edit_every(line, 300)
    capped = word_diff_capped(line, edited, limit=50_000)
    assert not capped.coarse
    assert capped.compared < 50_000  # only the changed chunks were word-diffed
    assert apply_hunks(capped.hunks) == (line, edited)
    changes = [(h.old, h.new) for h in capped.hunks if h.op != EQUAL]
    assert len(changes) == 10
    assert all(new == "changed" and " " not in old for old, new in changes)
    assert word_diff(line, edited) == capped.hunks


def test_hash_collisions_never_make_different_text_equal(monkeypatch) -> None:
    """Lines and chunks of huge texts are compared by hash; equal runs are checked."""
    monkeypatch.setattr(worddiff, "CHUNK_LEVEL", 1000)
    monkeypatch.setattr(worddiff, "hash", lambda _: 0, raising=False)  # every hash collides
    old = "\n".join(f"line {n} of the text." for n in range(200)) + "\n"
    new = old.replace("line 150 of", "line 150 in")
    capped = word_diff_capped(old, new)
    assert apply_hunks(capped.hunks) == (old, new)
    assert all(h.old == h.new for h in capped.hunks if h.op == EQUAL)


def test_the_command_says_the_comparison_was_coarsened(
    git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("notices_repo.diff.compare.COARSE_LIMIT", 2000)
    line = single_line(300)
    first = git_repo.commit({"terms.md": notice(line)})
    second = git_repo.commit(
        {"terms.md": notice(edit_every(line, 2))}, date="2024-02-01T12:00:00+00:00"
    )
    text = run_cli("diff", "terms.md", first, second, "--repo", str(git_repo.path))
    assert text.code == 1, text.err
    assert COARSE_NOTE in text.out.splitlines()
    data = run_cli("diff", "terms.md", first, second, "--json", "--repo", str(git_repo.path))
    assert json.loads(data.out)["coarse"] is True


def test_layout_equal_of_long_texts_agrees_with_the_tokens(monkeypatch) -> None:
    """Long texts are compared piece by piece; the answer is the tokens' answer."""
    from notices_repo.text import whitespace as layout

    monkeypatch.setattr(layout, "PIECE", 80)  # several pieces per text, room for a link
    rng = random.Random(7)
    pieces = ["word", "1.", "2)", "**bold**", "*", "-", "\\_", "é", "  ", " ", "\n", "\n\n", "#"]
    pieces += ["<br />", "<br  />", "[x](<a b>)", "[x](<a  b>)"]  # rules that span spaces
    agreed = 0
    for _ in range(400):
        a = "".join(rng.choice(pieces) + rng.choice([" ", "\n", ""]) for _ in range(60))
        b = a.replace("\n", "\n ") if rng.random() < 0.5 else a.replace(" word", " other")
        expected = layout.layout_tokens(a) == layout.layout_tokens(b)
        assert layout.layout_equal(a, b) == expected, (a, b)
        agreed += expected
    assert 0 < agreed < 400


def test_layout_equal_of_long_single_lines_with_tags(monkeypatch) -> None:
    """One long line is cut at spaces: never inside ``<br />`` or a ``<link>`` destination,
    nor right after a ``<br />`` (which starts a line), whose rules read across spaces."""
    from notices_repo.text import whitespace as layout

    monkeypatch.setattr(layout, "PIECE", 80)
    rng = random.Random(11)
    pieces = ["word", "1.", "2)", "é", "<br />", "<br  />", "[x](<a b>)", "**bold**", "-"]
    for _ in range(300):
        a = "".join(rng.choice(pieces) + rng.choice([" ", "  "]) for _ in range(80))
        b = a.replace("  ", " ")  # only spacing differs
        assert layout.layout_tokens(a) == layout.layout_tokens(b)
        assert layout.layout_equal(a, b), (a, b)


@pytest.mark.parametrize("options", [(), ("--full",), ("-w", "--full"), ("--json",)])
def test_the_command_streams_the_same_output_as_it_would_buffer(
    git_repo: GitRepo, options: tuple[str, ...]
) -> None:
    """Text and JSON are written a piece at a time: the same bytes, one final newline."""
    from tui.cli.context import json_text

    old = notice(single_line(40)) + "\n\n"
    new = notice(edit_every(single_line(40), 5)) + "\n\n\n"
    first = git_repo.commit({"terms.md": old})
    second = git_repo.commit({"terms.md": new}, date="2024-02-01T12:00:00+00:00")
    result = run_cli("diff", "terms.md", first, second, *options, "--repo", str(git_repo.path))
    assert result.code == 1, result.err
    expected = diff_texts(old, new, full="--full" in options, ignore_whitespace="-w" in options)
    if "--json" in options:
        data = json.loads(result.out)
        assert result.out == json_text(data, pretty=False) + "\n"
        assert data["sections"] == expected.to_json()["sections"]
    else:
        body = result.out.split("\n", 2)[2]  # after the --- and +++ lines
        assert body == render_text(expected).rstrip("\n") + "\n"


async def test_the_diff_view_says_the_comparison_was_coarsened(
    git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.app.app_pilot import make_app, settle
    from tests.app.test_diff_view import diff_ready

    monkeypatch.setattr("notices_repo.diff.compare.COARSE_LIMIT", 2000)
    line = single_line(300)
    git_repo.commit({"terms.md": "Effective date: January 1, 2024\n\n" + notice(line)})
    git_repo.commit(
        {"terms.md": "Effective date: June 1, 2025\n\n" + notice(edit_every(line, 2))},
        date="2025-05-01T10:00:00+00:00",
    )
    app = make_app(git_repo.path)
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "d")
        screen = await diff_ready(pilot)
        assert screen.result.coarse
        assert COARSE_NOTE in screen.lines.visible_text()
