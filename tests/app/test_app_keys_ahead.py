"""Keys typed ahead: while the app starts, while the repository is read, and faster than
the search screen opens; and enter in the search box however soon it is pressed.

The real app runs on the built-in sample repository. Where reading must be slow, the
repository's real ``load`` is held back by a gate the test opens (as in
``test_app_repository.py``); where the search must be slow, the real index query is.
Keys typed "at once" are posted to the app together, as the terminal driver does when
one read brings several keys (typing ahead, a paste, a slow SSH link).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input

from tests.app.app_pilot import main_screen, make_app, screen_text, settle
from tui.app.app import NoticeApp
from tui.app.screens.search_screen import SearchScreen

TODAY = dt.date(2026, 11, 26)
AIR = "privacy/privacy-notice-for-air-gapped-workspaces.md"
#: The smallest terminal the app supports: the text pane is short, so the data category
#: "Tracking or Cookies" is not on screen when its section's heading is at the top.
SMALL = (80, 24)


@pytest.fixture
def reading_gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Reading the repository waits until the test sets the returned event."""
    from notices_repo.catalog.repository import NoticeRepository

    gate = threading.Event()
    original = NoticeRepository.load

    def held_load(self, progress=None, cancelled=None, background=False):  # type: ignore[no-untyped-def]
        if progress is not None:
            progress("reading history", 0, 0)
        gate.wait(30)
        return original(self, progress=progress, cancelled=cancelled, background=background)

    monkeypatch.setattr(NoticeRepository, "load", held_load)
    yield gate
    gate.set()


@pytest.fixture
def query_gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Once cleared, search queries wait until the test sets the event again (set at first)."""
    from notices_repo.search.query import SearchIndex

    gate = threading.Event()
    gate.set()
    original = SearchIndex.search

    def held_search(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        gate.wait(30)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(SearchIndex, "search", held_search)
    yield gate
    gate.set()


def type_at_once(app: NoticeApp, text: str) -> None:
    """Post the keys of ``text`` to the app together, as one read from the terminal."""
    names = {"/": "slash", " ": "space", "-": "minus", "\r": "enter", "\n": "ctrl+j"}
    for character in text:
        app.post_message(events.Key(names.get(character, character), character))


async def until(pilot: Pilot, condition, what: str, rounds: int = 600) -> None:  # type: ignore[no-untyped-def]
    for _ in range(rounds):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError(f"timed out waiting for {what}")


def search_screen(app: NoticeApp) -> SearchScreen:
    screen = app.screen
    assert isinstance(screen, SearchScreen), f"the top screen is {type(screen).__name__}"
    return screen


def nothing_leaked(app: NoticeApp) -> None:
    """No letter acted as a key of the main screen."""
    main = main_screen(app)
    assert not main.filter_box.display, "a letter opened the filter"
    assert main.filter_box.value == ""
    assert not main.has_class("-contents-shown"), "a letter opened the contents"
    assert main.as_of is None


async def hit_line_shown(pilot: Pilot, app: NoticeApp, name: str) -> None:
    """The main screen shows the air-gapped notice with ``name``'s line in view."""
    await settle(pilot)
    main = main_screen(app)
    assert app.screen is main
    document = main.view.document
    assert document is not None and document.notice_key == AIR
    await until(pilot, lambda: name in main.view.visible_text(), f"{name!r} on screen")
    heading = document.sections[main.view.current_section].heading
    assert heading == "Data Collection and Usage in Air-Gapped Environments"


# keys while the repository is read ------------------------------------------------------


async def test_slash_while_reading_opens_search_and_runs_the_query_once_read(
    reading_gate: threading.Event,
) -> None:
    app = make_app(today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        await until(pilot, lambda: "Reading" in screen_text(app), "the reading message")
        assert app.catalog is None
        await pilot.press("slash", *"fcookies")
        screen = search_screen(app)
        assert screen.query_one(Input).value == "fcookies"
        # the texts at HEAD answer while the history is read (the early list opened the
        # repository), else it says it waits for the repository
        shown = screen_text(app)
        assert "texts at HEAD" in shown or "the search runs when it is read" in shown
        await pilot.press("backspace", "home", "delete", "end")  # the box edits as usual
        assert screen.query_one(Input).value == "cookie"
        await pilot.press("s")
        reading_gate.set()
        await until(pilot, lambda: screen._shown == ("cookies", "latest"), "results")
        assert screen.hits[0].name == "Tracking or Cookies"
        assert "Tracking or Cookies" in screen_text(app)
        nothing_leaked(app)
        await pilot.press("enter")
        await hit_line_shown(pilot, app, "Tracking or Cookies")


async def test_keys_typed_before_the_main_screen_are_held_for_it(
    reading_gate: threading.Event,
) -> None:
    """Typed while notice-tui starts (the first screen): nothing is lost or misread."""
    app = make_app(today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        assert app.main_screen is None  # the light first screen is up
        type_at_once(app, "/fcookies")
        await until(pilot, lambda: isinstance(app.screen, SearchScreen), "the search screen")
        screen = search_screen(app)
        await until(pilot, lambda: screen.query_one(Input).value == "fcookies", "the typed text")
        nothing_leaked(app)
        reading_gate.set()
        await settle(pilot)
        assert screen._shown == ("fcookies", "latest")


async def test_q_quits_at_once_while_starting(reading_gate: threading.Event) -> None:
    app = make_app(today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        assert app.main_screen is None
        type_at_once(app, "q")
        await until(pilot, lambda: app.return_code is not None, "the app to quit")
    assert app.return_code == 0


async def test_letters_typed_on_the_first_screen_act_on_the_main_screen(
    reading_gate: threading.Event,
) -> None:
    """Without /, typed-ahead keys are the main screen's keys, in order (f, then text)."""
    app = make_app(today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        assert app.main_screen is None
        type_at_once(app, "fair")
        # in the stack is not yet composed (under load, for many frames): wait for mounted
        await until(
            pilot,
            lambda: app.main_screen is not None and app.main_screen.is_mounted,
            "the main screen",
        )
        main = main_screen(app)
        await until(pilot, lambda: main.filter_box.value == "air", "the filter text")
        assert app.screen is main and main.focused is main.filter_box


async def test_slash_and_words_typed_at_once_all_go_to_the_search_box() -> None:
    """A fast typist or a paste: '/cookies' in one read, on the ready main screen."""
    app = make_app(today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        type_at_once(app, "/cookies")
        await until(pilot, lambda: isinstance(app.screen, SearchScreen), "the search screen")
        screen = search_screen(app)
        await until(pilot, lambda: screen._shown == ("cookies", "latest"), "results")
        assert screen.query_one(Input).value == "cookies"
        nothing_leaked(app)


# enter in the search box, however soon --------------------------------------------------


async def test_enter_in_the_frame_the_results_arrive_opens_the_hit_at_its_line() -> None:
    app = make_app(today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        screen = search_screen(app)
        show = screen._show

        def show_then_enter(query, scope, hits):  # type: ignore[no-untyped-def]
            show(query, scope, hits)
            if query == "cookies" and hits:
                type_at_once(app, "\r")  # read with the frame that paints the results

        screen._show = show_then_enter  # type: ignore[method-assign]
        await pilot.press(*"cookies")
        await until(pilot, lambda: app.screen is not screen, "the hit to open")
        await hit_line_shown(pilot, app, "Tracking or Cookies")


async def test_enter_before_any_result_opens_the_first_hit_when_it_comes(
    reading_gate: threading.Event,
) -> None:
    """/cookies and enter typed while the repository is still read."""
    app = make_app(today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        await until(pilot, lambda: "Reading" in screen_text(app), "the reading message")
        type_at_once(app, "/cookies\r")
        await until(pilot, lambda: isinstance(app.screen, SearchScreen), "the search screen")
        screen = search_screen(app)
        await until(pilot, lambda: screen.query_one(Input).value == "cookies", "the typed text")
        await pilot.pause(0.05)
        assert app.screen is screen  # no result yet: nothing to open
        assert "opening the first hit as soon as the results come" in screen_text(app)
        reading_gate.set()
        await hit_line_shown(pilot, app, "Tracking or Cookies")
        nothing_leaked(app)


async def test_enter_while_a_longer_query_is_coming_opens_the_highlighted_hit(
    query_gate: threading.Event,
) -> None:
    app = make_app(today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"cookies")
        screen = search_screen(app)
        await until(pilot, lambda: screen._shown == ("cookies", "latest"), "results")
        await pilot.press("down", "up")  # the user looked; the first hit is highlighted
        assert screen.hits[0].name == "Tracking or Cookies"
        query_gate.clear()  # the next query's results are on their way, not there yet
        await pilot.press(*" track", "enter")
        assert screen._shown == ("cookies", "latest")  # still the shown results
        await until(pilot, lambda: app.screen is main_screen(app), "the hit to open")
        query_gate.set()  # the late answer must not disturb what was opened
        await hit_line_shown(pilot, app, "Tracking or Cookies")


async def test_find_in_the_comparison_typed_at_once_goes_to_the_find_box(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'/' then words in one read on the diff view: s, w, e... stay text, not its keys."""
    from tests.app.test_diff_view import open_with_d
    from tui.app.widgets.diff_rows import UNIFIED

    monkeypatch.chdir(tmp_path)  # where e would write its report
    app = make_app(today=TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_with_d(pilot)
        type_at_once(app, "/air-gapped software")
        box = screen.search_box
        await until(pilot, lambda: box.value == "air-gapped software", "the find text")
        assert app.focused is box
        assert screen.mode == UNIFIED  # s did not switch the layout
        assert list(tmp_path.iterdir()) == []  # e wrote no report


async def test_filter_typed_at_once_on_the_main_screen() -> None:
    app = make_app(today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        main = main_screen(app)
        type_at_once(app, "fterms")
        await until(pilot, lambda: main.filter_box.value == "terms", "the filter text")
        assert app.screen is main and main.focused is main.filter_box
        assert main.as_of is None  # t stayed a letter


async def test_enter_typed_before_the_terminal_was_set_up_opens_the_first_hit() -> None:
    """`notice-tui` enter `/cookies` enter typed in one go: the terminal was not in raw
    mode yet when the last enter was typed, so it arrives as a newline (ctrl+j)."""
    app = make_app(today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        assert app.main_screen is None
        type_at_once(app, "/cookies\n")
        await hit_line_shown(pilot, app, "Tracking or Cookies")
        nothing_leaked(app)


async def test_palette_typed_at_once_gets_the_words() -> None:
    from textual.command import CommandPalette

    app = make_app(today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        app.post_message(events.Key("ctrl+p", None))
        type_at_once(app, "reload")
        await until(pilot, lambda: CommandPalette.is_open(app), "the palette")
        palette = app.screen
        box = palette.query_one(Input)
        await until(pilot, lambda: box.value == "reload", "the typed words")
        nothing_leaked(app)


async def test_as_of_date_typed_at_once() -> None:
    app = make_app(today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        main = main_screen(app)
        type_at_once(app, "t2024-01-01\r")  # the prompt's date is selected: typing replaces it
        await until(pilot, lambda: main.as_of == dt.date(2024, 1, 1), "the as-of view")
        assert app.screen is main


async def test_held_keys_keep_their_place_before_keys_read_after_them() -> None:
    """Released while later keys are already queued: those wait for the held ones."""
    app = make_app(today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        main = main_screen(app)
        await pilot.press("f")
        assert main.focused is main.filter_box
        app.key_hold.start()
        type_at_once(app, "ai")
        await until(pilot, lambda: app.key_hold.held == ["a", "i"], "the keys to be held")
        type_at_once(app, "r")  # read, not yet handled, when the hold ends
        app.key_hold.release()
        await until(pilot, lambda: main.filter_box.value == "air", "the filter text")
        assert not app.key_hold.held and not app.key_hold.holding


async def test_a_remapped_search_key_holds_what_follows_it_too() -> None:
    app = make_app(today=TODAY, keymap={"search": "ctrl+f"})
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        app.post_message(events.Key("ctrl+f", None))
        type_at_once(app, "cookies")
        await until(pilot, lambda: isinstance(app.screen, SearchScreen), "the search screen")
        screen = search_screen(app)
        await until(pilot, lambda: screen._shown == ("cookies", "latest"), "results")
        nothing_leaked(app)
