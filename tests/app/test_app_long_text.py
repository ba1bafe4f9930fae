"""A text longer than the reader lays out shows its first part and says so (issue 14).

A 50 MB single-line notice kept the main screen busy for over ten minutes: the reader
wrapped the whole line. Past ``rendering.READER_MAX`` characters the reader shows the
first part with a note at the top (how much of how much; the diff and ``show`` have all
of it) and one where it stops; the text the app holds is whole. The limit is set low
here; the real app, a real repository.
"""

from __future__ import annotations

import pytest

from tests.app.app_pilot import main_screen, make_app, settle
from tests.conftest import GitRepo
from tui.app.widgets import rendering

PATH = "acme/terms.md"


def long_notice(words: int) -> str:
    line = " ".join(f"clause{k} applies." for k in range(words))
    return (
        "# Acme Terms\n\n**Effective Date:** May 1, 2025\n\n## Everything\n\n"
        f"Opening words. {line} The closing zebrafish word.\n\n## Later\n\nAfter the line.\n"
    )


async def test_a_long_text_shows_its_first_part_and_says_so(
    git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rendering, "READER_MAX", 4000)
    text = long_notice(3000)  # about 50,000 characters, the body one line
    git_repo.commit({PATH: text})
    app = make_app(git_repo.path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        main = main_screen(app)
        view = main.view
        document = view.document
        assert document is not None and document.text == text  # held whole
        assert [loaded.text for loaded in main.known_texts(PATH)] == [text]  # for the diff
        cut = view.cut
        assert cut is not None and len(cut.text) <= 4000 and cut.total == len(text)
        shown = view.visible_text()
        assert shown.startswith("Long text: the reader shows its first")
        assert f"of {len(text):,} characters" in " ".join(shown.split())
        assert "Opening words." in shown
        rendered = "\n".join(view._lines[k].text for k in range(view.line_count))
        assert "zebrafish" not in rendered and "After the line" not in rendered
        assert "more characters not shown]" in rendered.splitlines()[-1]
        # the contents still list every section; one past the cut goes to where it stops
        headings = [section.heading for section in document.sections]
        assert headings[-1] == "Later"
        view.jump_to_section(len(headings) - 1)
        await pilot.pause()
        assert "more characters not shown]" in view.visible_text()
        # v (the source) is cut the same way
        await pilot.press("tab", "tab", "v")
        await settle(pilot)
        assert view.source and view.cut is not None
        assert view.line_count and view._lines[0].text.startswith("Long text:")
        assert "zebrafish" not in "".join(view._lines[k].text for k in range(view.line_count))


async def test_a_text_under_the_limit_is_shown_whole(git_repo: GitRepo) -> None:
    text = long_notice(300)
    git_repo.commit({PATH: text})
    app = make_app(git_repo.path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = main_screen(app).view
        assert view.cut is None
        assert view.visible_text().lstrip().startswith("Acme Terms")
        rendered = "\n".join(view._lines[k].text for k in range(view.line_count))
        assert "zebrafish" in rendered and "After the line" in rendered
        assert "not shown" not in rendered


def test_the_cut_falls_at_a_line_break_or_a_space_near_the_limit() -> None:
    from notices_repo.text.sections import split_sections

    text = "# T\n\n## A\n\n" + "word " * 300 + "\n\n## B\n\nend\n"
    sections = split_sections(text)
    cut = rendering.reader_cut(text, sections, limit=200)
    assert cut is not None and cut.text.endswith(" ") and 175 <= len(cut.text) <= 200
    assert [s.heading for s in cut.sections] == ["T", "A"][: len(cut.sections)]
    assert cut.sections[-1].end == len(cut.text)
    assert rendering.reader_cut(text, sections, limit=len(text)) is None
    lined = "# T\n\n" + "line of text\n" * 40
    cut = rendering.reader_cut(lined, split_sections(lined), limit=300)
    assert cut is not None and cut.text.endswith("text\n")
