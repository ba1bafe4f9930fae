"""The app on a multilingual repository: ``l`` lists one row per document with its
languages (and back), and the reader's header names the language and the lag."""

from __future__ import annotations

import datetime as dt

from tests.app.app_pilot import main_screen, make_app, screen_text, settle
from tests.conftest import GitRepo
from tests.core.test_translations import build_multilingual
from tui.app.widgets.doc_header import DocHeader

TODAY = dt.date(2026, 3, 1)


def header_text(app: object) -> str:
    main = main_screen(app)  # type: ignore[arg-type]
    return str(main.query_one(DocHeader).render())


async def test_l_toggles_rows_per_document_and_the_header_says_behind(git_repo: GitRepo) -> None:
    build_multilingual(git_repo)
    app = make_app(git_repo.path, today=TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        main = main_screen(app)
        paths = [n.path for n in main.notices.shown]
        assert "de/privacy.md" in paths and "en/privacy.md" in paths
        assert main.notices.border_subtitle == str(len(paths))
        # one row per file: a variant's row names its language and says it is behind
        assert " · de behind" in screen_text(app)

        # the German notice's header: its language, and behind its source by 2 versions
        assert main.notices.select_key("de/privacy.md")
        await settle(pilot)
        header = header_text(app)
        assert "de/privacy.md  de · ⚠ behind by 2 versions, 425 days" in header
        assert "source en/privacy.md, effective 2025-03-01" in header

        await pilot.press("l")
        await settle(pilot)
        assert main.notices.by_document
        shown = [n.path for n in main.notices.shown]
        # the documents' sources stand for their languages; other notices stay
        assert "de/privacy.md" not in shown and "terms/fr.md" not in shown
        assert "en/privacy.md" in shown and "terms/en-US.md" in shown
        assert "legal/cookies.md" in shown and "it/handbook.md" in shown
        assert len(shown) == len(paths) - 3
        assert main.notices.border_subtitle == f"{len(shown)} documents"
        # the German row became the English one: the highlighted notice is its source
        assert main.notices.notice is not None
        assert main.notices.notice.path == "en/privacy.md"
        text = screen_text(app)
        assert "en · de behind" in text
        terms = main.notices.get_option("notice:terms/en-US.md").prompt
        assert str(terms).splitlines()[-1] == "  en-US · fr · pt-BR"
        # the language folder is no folder of its own: the document is at the top
        assert not any(line.startswith("│*") for line in text.splitlines())
        assert any(line.startswith("│(top folder)") for line in text.splitlines())
        assert "en/privacy.md  en · source language" in header_text(app)

        await pilot.press("l")
        await settle(pilot)
        assert not main.notices.by_document
        assert [n.path for n in main.notices.shown] == paths
        assert main.notices.notice is not None and main.notices.notice.path == "en/privacy.md"


async def test_a_current_translation_and_a_notice_without_language(git_repo: GitRepo) -> None:
    build_multilingual(git_repo)
    app = make_app(git_repo.path, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        main = main_screen(app)
        assert main.notices.select_key("terms/fr.md")
        await settle(pilot)
        assert "terms/fr.md  fr · translation of terms/en-US.md" in header_text(app)
        assert main.notices.select_key("legal/cookies.md")
        await settle(pilot)
        header = header_text(app)
        assert "legal/cookies.md" in header and "translation" not in header
        assert "source language" not in header


async def test_the_sample_lists_the_same_in_both_modes(git_repo: GitRepo) -> None:
    app = make_app(today=TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        main = main_screen(app)
        before = [n.key for n in main.notices.shown]
        await pilot.press("l")
        await settle(pilot)
        assert [n.key for n in main.notices.shown] == before
        assert main.notices.border_subtitle == f"{len(before)} documents"
