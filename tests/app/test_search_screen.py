"""The search screen (``/``) driven with Textual's pilot, and its snapshot."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from tests.app.app_pilot import main_screen, make_app, screen_text, settle
from tests.conftest import GitRepo
from tui.app.screens.search_screen import SearchScreen, hit_text, marked_text

TODAY = dt.date(2026, 11, 26)
AIR = "privacy/privacy-notice-for-air-gapped-workspaces.md"


async def results_for(pilot: Pilot, screen: SearchScreen, query: str | None = None) -> None:
    """Wait until the screen shows the answer to its current query."""
    for _ in range(500):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        wanted = (screen._query if query is None else query, screen.scope)
        if screen._shown == wanted:
            return
        await pilot.pause(0.01)
    raise AssertionError(f"no results shown for {screen._query!r}")


async def open_search(pilot: Pilot, typed: str) -> SearchScreen:
    await settle(pilot)
    await pilot.press("slash")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen)
    await pilot.press(*typed)
    await results_for(pilot, screen, typed)
    return screen


async def test_slash_type_results_and_enter_lands_on_the_section() -> None:
    app = make_app(today=TODAY)
    async with app.run_test(size=(110, 34)) as pilot:
        screen = await open_search(pilot, "cookies")
        assert screen.hits, "no results"
        first = screen.hits[0]
        assert (first.kind, first.name, first.path) == (
            "data_category",
            "Tracking or Cookies",
            AIR,
        )
        text = screen_text(app)
        assert "Tracking or Cookies" in text and "No tracking technologies" in text
        assert app.screen.query_one(OptionList).highlighted == 0
        await pilot.press("enter")
        await settle(pilot)
        main = main_screen(app)
        assert app.screen is main
        document = main.view.document
        assert document is not None
        assert (document.notice_key, document.commit) == (first.notice, first.commit)
        for _ in range(100):
            if main.view.current_section == first.section:
                break
            await pilot.pause(0.02)
        assert main.view.current_section == first.section
        heading = document.sections[first.section].heading
        assert heading == "Data Collection and Usage in Air-Gapped Environments"


async def test_escape_returns_where_you_were() -> None:
    app = make_app(today=TODAY)
    async with app.run_test(size=(110, 34)) as pilot:
        await settle(pilot)
        main = main_screen(app)
        before = (main.notices.notice.key if main.notices.notice else None, main.focused)
        await pilot.press("slash", *"terms")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is main
        assert (main.notices.notice.key if main.notices.notice else None, main.focused) == before


async def test_ctrl_a_searches_every_version_with_first_and_last_seen() -> None:
    app = make_app(today=TODAY)
    async with app.run_test(size=(110, 34)) as pilot:
        screen = await open_search(pilot, "cookies")
        assert screen.scope == "latest"
        await pilot.press("ctrl+a")
        await results_for(pilot, screen)
        assert screen.scope == "all"
        first = screen.hits[0]
        assert first.name == "Tracking or Cookies"
        assert (first.first_seen, first.versions) == (dt.date(2023, 12, 9), 2)
        assert "every version in history" in screen_text(app)
        assert "(2023-12-09 .. 2026-03-01, 2 versions)" in screen_text(app)
        # the input keeps its text: ctrl+a is the scope, not "go to the start"
        assert app.screen.query_one(Input).value == "cookies"
        await pilot.press("ctrl+a")
        await results_for(pilot, screen)
        assert screen.scope == "latest"


async def test_results_follow_every_keystroke_and_say_no_match() -> None:
    app = make_app(today=TODAY)
    async with app.run_test(size=(110, 34)) as pilot:
        screen = await open_search(pilot, "diag")
        assert screen.hits[0].name == "Diagnostic Data"
        await pilot.press(*"zzq")
        await results_for(pilot, screen, "diagzzq")
        assert screen.hits == []
        assert "no match for 'diagzzq'" in screen_text(app)
        await pilot.press("backspace", "backspace", "backspace", "down")
        await results_for(pilot, screen, "diag")
        assert screen.hits
        assert app.screen.query_one(OptionList).highlighted == min(1, len(screen.hits) - 1)


async def test_hostile_text_is_shown_inert(git_repo: GitRepo) -> None:
    git_repo.commit(
        {
            "notice.md": (
                "# Notice\n\n**Effective Date:** May 1, 2025\n\n"
                "## Cookies [bold]x[/bold] \x1b[31m\n\nWe use cookies\u202e here.\n"
            )
        }
    )
    app = make_app(git_repo.path, today=TODAY)
    async with app.run_test(size=(110, 34)) as pilot:
        await open_search(pilot, "cookies")
        text = screen_text(app)
        assert "[bold]x[/bold]" in text  # shown as written, not as markup
        assert "\x1b" not in text and "\u202e" not in text


def test_highlights_come_from_spans_and_survive_placeholders() -> None:
    text = marked_text("a\x1bb cookies", [(4, 11)])
    assert text.plain == "a␛b cookies"
    assert [text.plain[s.start : s.end] for s in text.spans] == ["cookies"]


def test_hit_text_has_two_lines() -> None:
    from notices_repo.search.query import Hit

    hit = Hit(
        notice="n.md",
        path="n.md",
        title="N",
        kind="section",
        heading="Cookies",
        name=None,
        score=90.0,
        snippet="We use cookies.",
        spans=((7, 14),),
        label_spans=((0, 7),),
        effective_date=dt.date(2025, 1, 1),
        commit="c" * 40,
        first_seen=dt.date(2024, 1, 1),
        last_seen=dt.date(2025, 1, 1),
        versions=2,
        section=1,
        offset=10,
    )
    assert hit_text(hit, "latest").plain.splitlines() == [
        "section Cookies  n.md  2025-01-01",
        "  We use cookies.",
    ]
    assert "(2024-01-01 .. 2025-01-01, 2 versions)" in hit_text(hit, "all").plain


@pytest.fixture
def colour(monkeypatch: pytest.MonkeyPatch) -> None:
    """Colour on (the shared test setup sets NO_COLOR for every test)."""
    monkeypatch.delenv("NO_COLOR", raising=False)


async def _typed_cookies(pilot: Pilot) -> None:
    await open_search(pilot, "cookies")
    await pilot.pause()


def test_search_screen_snapshot(snap_compare, colour: None) -> None:
    app = make_app(today=TODAY)
    assert snap_compare(app, terminal_size=(100, 30), run_before=_typed_cookies)


async def test_palette_provider_finds_sections_of_the_open_notice_by_their_text() -> None:
    from tui.app.screens.search_screen import SectionSearchCommands

    app = make_app(today=TODAY)
    async with app.run_test(size=(110, 34)) as pilot:
        await open_search(pilot, "x")  # prepares the index
        await pilot.press("escape")
        await settle(pilot)
        main = main_screen(app)
        document = main.view.document
        assert document is not None and document.notice_key == AIR
        provider = SectionSearchCommands(app.screen)
        hits = [hit async for hit in provider.search("crash reports")]
        assert hits, "no palette hit"
        # the category and the paragraph of its section both say it: either goes there
        assert {hit.text for hit in hits[:2]} == {
            "Go to: Diagnostic Data",
            "Go to: Data Collection and Usage in Air-Gapped Environments",
        }
        hits[0].command()
        await pilot.pause()
        section = document.sections[main.view.current_section]
        assert section.heading == "Data Collection and Usage in Air-Gapped Environments"


async def test_the_app_palette_jumps_to_a_section_by_what_it_says() -> None:
    """The provider is one of the app's: ctrl+p, words of a paragraph, enter."""
    from textual.command import CommandPalette

    app = make_app(today=TODAY)
    async with app.run_test(size=(110, 34)) as pilot:
        await open_search(pilot, "x")  # prepares the index
        await pilot.press("escape")
        await settle(pilot)
        main = main_screen(app)
        await pilot.press("ctrl+p", *"crash reports")
        await pilot.pause(0.4)
        assert CommandPalette.is_open(app)
        assert "Go to: Diagnostic Data" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        document = main.view.document
        assert document is not None
        section = document.sections[main.view.current_section]
        assert section.heading == "Data Collection and Usage in Air-Gapped Environments"


def test_the_palette_provider_is_imported_only_when_the_palette_opens() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from tui.app.app import NoticeApp, section_search_commands; "
        "assert section_search_commands in NoticeApp.COMMANDS; "
        "print('tui.app.screens.search_screen' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"


async def test_f1_on_the_search_screen_lists_its_keys() -> None:
    from tui.app.screens.help import HelpScreen

    app = make_app(today=TODAY)
    async with app.run_test(size=(110, 40)) as pilot:
        await open_search(pilot, "cookies")
        await pilot.press("f1")  # ? would be typed into the box
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "Help — Search" in text and "Keys on this screen" in text
        assert "Search the versions in force, or every version in history." in text
        await pilot.press("escape")
        assert isinstance(app.screen, SearchScreen)


async def test_a_reload_while_searching_shows_the_new_catalogs_results(git_repo: GitRepo) -> None:
    git_repo.commit({"a.md": "# Alpha\n\n## Retention\n\nWe keep cookies for a day.\n"})
    app = make_app(git_repo.path, today=TODAY)
    async with app.run_test(size=(110, 34)) as pilot:
        screen = await open_search(pilot, "cookies")
        assert "a.md" in screen_text(app) and "b.md" not in screen_text(app)
        git_repo.commit(
            {"b.md": "# Beta\n\n## Tracking\n\nWe set cookies for a year.\n"},
            date="2024-02-01T12:00:00+00:00",
        )
        app.action_reload()
        for _ in range(500):  # the new index, then the query run again on it
            await app.workers.wait_for_complete()
            await pilot.pause()
            if "b.md" in screen_text(app):
                break
            await pilot.pause(0.01)
        assert app.screen is screen
        assert "b.md" in screen_text(app)
