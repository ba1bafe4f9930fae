"""The releases screen (``R``) and the support state in the status line.

The running release comes from ``--release``, ``NOTICE_TUI_RELEASE``, the config's
``release`` or a real HTTP server on 127.0.0.1; calendars from the built-in one, a
``--calendar`` file and the repository's ``releases.toml``. The check runs in a worker:
the first screen never waits for a server, and a server that does not answer in time
ends in a calm "unknown".
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from tests.app.app_pilot import main_screen, make_app, notifications, screen_text, settle
from tests.conftest import GitRepo
from tui.app.app import NoticeApp
from tui.app.screens.help import HelpScreen
from tui.app.screens.main import MainScreen
from tui.app.screens.releases_screen import ReleasesScreen, ReleaseTable
from tui.app.widgets.doc_header import DocHeader

TODAY = dt.date(2026, 11, 26)
AIR = "privacy/privacy-notice-for-air-gapped-workspaces.md"


def support_widget(app: NoticeApp) -> Static:
    """The support part of the main screen's status line."""
    return main_screen(app).status.query_one("#status-support", Static)


def support_text(app: NoticeApp) -> str:
    return str(support_widget(app).render())


async def open_releases(pilot: Pilot) -> ReleasesScreen:
    """From the main screen, ``R``; the releases screen, filled."""
    await settle(pilot)
    await pilot.press("R")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ReleasesScreen)
    assert screen.rows, "the table is empty"
    return screen


def row_text(screen: ReleasesScreen, version: str) -> str:
    """One row of the table as plain text (cells joined by |)."""
    table = screen.table
    cells = table.get_row(version)
    return " | ".join(cell.plain for cell in cells)


# --------------------------------------------------------------------------- the screen


async def test_release_option_shows_out_of_support_in_words_and_colour() -> None:
    app = make_app(today=TODAY, release="8.3.1")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert "Rocket.Chat 8.3 — out of support since 2026-10-31" in support_text(app)
        assert support_widget(app).has_class("-out-of-support")
        screen = await open_releases(pilot)
        versions = [row.version for row in screen.rows]
        assert versions[:5] == ["9.0", "8.9", "8.8", "8.7", "8.6"] and versions[-1] == "6.0"
        running = [row.version for row in screen.rows if row.running]
        assert running == ["8.3"]
        assert screen.table.cursor_row == versions.index("8.3")  # the cursor starts there
        assert app.focused is screen.table
        assert row_text(screen, "8.3") == (
            "▶ 8.3 | 2026-04-07 | 2026-10-31 | ended 26 days ago |  | built-in"
        )
        assert row_text(screen, "8.6") == (
            "  8.6 | 2026-07-03 | 2027-01-31 | 66 days left |  | built-in"
        )
        assert "| LTS |" in row_text(screen, "8.5") and "| LTS |" in row_text(screen, "7.10")
        # ends computed by the rule (no date published by Rocket.Chat) are marked
        assert row_text(screen, "9.0") == (
            "  9.0 | 2026-11-10 | 2027-05-31* | 186 days left |  | built-in"
        )
        assert "* by the rule, not stated · calendar of 2026-12-06, newest 9.0" in screen_text(app)
        text = screen_text(app)
        assert "Rocket.Chat releases on 2026-11-26" in text
        assert (
            "Running 8.3.1 (from --release): out of support since 2026-10-31, ended 26 days ago"
            in text
        )
        assert screen.query_one("#releases-running").has_class("-out-of-support")
        # the same state at the bottom, as on the main screen
        assert "8.3 — out of support since 2026-10-31" in text
        # colours back the words: red for ended, green for supported
        assert "red" in str(screen.table.get_row("8.3")[3].style)
        assert "green" in str(screen.table.get_row("8.6")[3].style)


async def test_enter_shows_every_notice_as_it_stood_on_the_release_date() -> None:
    app = make_app(today=TODAY, release="8.3.1")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_releases(pilot)
        versions = [row.version for row in screen.rows]
        for _ in range(versions.index("6.6") - screen.table.cursor_row):
            await pilot.press("j")
        assert screen.rows[screen.table.cursor_row].version == "6.6"
        await pilot.press("enter")
        await settle(pilot)
        main = main_screen(app)
        assert app.screen is main
        assert main.as_of == dt.date(2024, 2, 7)  # 6.6 was released on 2024-02-07
        text = screen_text(app)
        assert "AS OF 2024-02-07, 6.6 released" in text
        assert "not yet in force on 2024-02-07" in text  # the terms came in June 2024
        choice = main.versions.choice
        assert choice is not None and choice.notice.key == AIR
        assert choice.version.effective_date == dt.date(2023, 12, 9)
        header = str(main.query_one(DocHeader).render())
        assert "✎ text revised after 2024-02-07: 1 technical" in header
        await pilot.press("escape")
        await settle(pilot)
        assert main.as_of is None and "AS OF" not in screen_text(app)


async def test_keys_help_back_and_r_again() -> None:
    app = make_app(today=TODAY, release="8.6")
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_releases(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "Help — Releases" in text
        assert "Keys in this pane" in text and "Keys on this screen" in text
        assert "Show every notice as it stood on the" in text
        assert "Go back to where you were." in text
        await pilot.press("escape")
        assert app.screen is screen
        assert screen.table.cursor_row == 4  # 8.6, under 9.0, 8.9, 8.8 and 8.7
        await pilot.press("k", "k", "k", "k")
        assert screen.table.cursor_row == 0
        await pilot.press("R")  # R again closes it
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, ReleasesScreen)
        await pilot.press("q")  # q goes back here, as in the comparison
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and app.is_running


async def test_palette_on_the_releases_screen_runs_its_action() -> None:
    from tui.app.palette import NoticeCommands

    app = make_app(today=TODAY, release="8.6")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_releases(pilot)
        names = [name for name, _, _ in NoticeCommands(screen).candidates()]
        assert "Notices then (⏎)" in names
        assert not any(name.startswith(("Filter", "Layout")) for name in names)
        await pilot.press("ctrl+p", *"notices then")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert main_screen(app).as_of == dt.date(2026, 7, 3)  # 8.6, where the cursor was


# --------------------------------------------------------------------------- sources


async def test_notice_tui_release_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NOTICE_TUI_RELEASE", "8.6.2")
    app = make_app(today=TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_releases(pilot)
        assert "Running 8.6.2 (from NOTICE_TUI_RELEASE): supported until 2027-01-31" in (
            screen_text(app)
        )
        await pilot.press("escape")
        assert "8.6 — supported until 2027-01-31" in support_text(app)
        assert support_widget(app).has_class("-supported")
    # --release beats the environment
    app = make_app(today=TODAY, release="8.3")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert "8.3 — out of support" in support_text(app)


async def test_config_release_on_its_last_day_is_ending_soon() -> None:
    app = make_app(today=dt.date(2026, 9, 30), config_release="7.10")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert "7.10 — support ends 2026-09-30 (0 days left, last day)" in support_text(app)
        assert support_widget(app).has_class("-ending-soon")
        screen = await open_releases(pilot)
        assert "Running 7.10 (from config release): support ends 2026-09-30" in screen_text(app)
        assert "0 days left, last day" in row_text(screen, "7.10")
        assert "yellow" in str(screen.table.get_row("7.10")[3].style)


CALENDAR = """\
[policy]
product = "Rocket.Chat"
months = 6
end = "end-of-month"

[[release]]
version = "8.6"
released = 2026-07-03
support_ends = 2026-12-10
note = "cut short"
"""


async def test_calendar_file_makes_the_answer_stricter(tmp_path: Path) -> None:
    calendar = tmp_path / "extra.toml"
    calendar.write_text(CALENDAR, "utf-8")
    app = make_app(today=TODAY, release="8.6", calendar=str(calendar))
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        assert "8.6 — support ends 2026-12-10 (14 days left)" in support_text(app)
        screen = await open_releases(pilot)
        row = row_text(screen, "8.6")
        assert "2026-12-10 | 14 days left, ending soon" in row and str(calendar) in row


async def test_an_invalid_calendar_file_is_named_and_support_unknown(tmp_path: Path) -> None:
    calendar = tmp_path / "bad.toml"
    calendar.write_text('[[release]]\nversion = "8.6"\nreleased = "soon"\n', "utf-8")
    app = make_app(today=TODAY, release="8.6", calendar=str(calendar))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert "support unknown" in support_text(app)
        assert support_widget(app).has_class("-unknown")
        assert str(calendar) in notifications(app)
        screen = await open_releases(pilot)
        text = screen_text(app)
        assert "support unknown" in text and "bad.toml" in text
        assert screen.rows  # the built-in calendar is still listed


async def test_the_repository_calendar_counts_but_never_makes_it_laxer(git_repo: GitRepo) -> None:
    git_repo.commit(
        {
            "acme/privacy.md": "# Acme Privacy\n\nEffective date: 2024-01-01\n\nWords.\n",
            "releases.toml": (
                "[[release]]\n"
                'version = "8.3"\nreleased = 2026-04-07\nsupport_ends = 2027-06-30\n\n'
                "[[release]]\n"
                'version = "8.6"\nreleased = 2026-07-03\nsupport_ends = 2026-12-20\n'
            ),
        }
    )
    app = make_app(git_repo.path, today=TODAY, release="8.3")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_releases(pilot)
        assert "8.3 — out of support since 2026-10-31" in str(
            screen.status.query_one("#status-support").render()
        )
        assert "2026-12-20 | 24 days left, ending soon" in row_text(screen, "8.6")
        assert "releases.toml" in row_text(screen, "8.6")


# --------------------------------------------------------------------------- the server


class InfoHandler(BaseHTTPRequestHandler):
    """``/api/info`` of a Rocket.Chat server; ``gate`` holds the answer until set."""

    gate = threading.Event()

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        if self.path != "/api/info":
            self.send_response(404)
            self.end_headers()
            return
        InfoHandler.gate.wait(10)
        body = json.dumps({"version": "8.3.0", "success": True}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(OSError):  # the client gave up (timeout)
            self.wfile.write(body)


@pytest.fixture
def server() -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 (answers at once unless the test clears the gate)."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), InfoHandler)
    InfoHandler.gate.set()
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        InfoHandler.gate.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


async def test_the_server_answers(server: str) -> None:
    app = make_app(today=TODAY, server=server)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_releases(pilot)
        assert f"Running 8.3.0 (from server {server}): out of support since 2026-10-31" in (
            screen_text(app)
        )
        assert app.support is not None and app.support.running.server is not None


async def test_a_config_server_is_asked_only_without_a_release(server: str) -> None:
    app = make_app(today=TODAY, config_server=server, release="8.6")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.support is not None and app.support.running.server is None
        assert "8.6 — supported" in support_text(app)


async def test_a_slow_server_never_holds_the_first_screen_or_the_keys(server: str) -> None:
    InfoHandler.gate.clear()
    app = make_app(today=TODAY, server=server)
    async with app.run_test(size=(120, 36)) as pilot:
        # the repository is read and shown while the server has not answered
        for _ in range(500):
            main = app.main_screen
            if main is not None and main.view.document is not None:
                break
            await pilot.pause(0.01)
        assert app.support is None
        assert "release: checking…" in support_text(app)
        assert "Privacy Notice for Air-Gapped Workspaces" in screen_text(app)
        await pilot.press("j")  # keys work meanwhile
        await pilot.press("R")
        for _ in range(500):  # a busy machine may need more than one frame
            if isinstance(app.screen, ReleasesScreen):
                break
            await pilot.pause(0.01)
        screen = app.screen
        assert isinstance(screen, ReleasesScreen)
        assert "Asking the server for its release…" in screen_text(app)
        assert screen.table.row_count == 39  # the calendar shows at once
        assert app.support is None
        InfoHandler.gate.set()  # the answer lands: the open screen fills in
        await app.workers.wait_for_complete()
        for _ in range(500):
            if app.support is not None:
                break
            await pilot.pause(0.01)
        assert app.support is not None
        assert screen.table.row_count == 39
        assert "Running 8.3.0 (from server" in screen_text(app)


async def test_a_server_that_does_not_answer_in_time_ends_in_unknown(server: str) -> None:
    InfoHandler.gate.clear()
    app = make_app(today=TODAY, server=server, server_timeout=0.3)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.support is not None and app.support.running.version is None
        assert "release unknown" in support_text(app)
        assert "no answer within 0.3 s (timed out)" in notifications(app)
        screen = await open_releases(pilot)
        text = screen_text(app)
        assert "The running Rocket.Chat release is not known: set it with --release" in text
        assert "timed out" in text  # the note says why
        assert isinstance(screen.table, ReleaseTable) and screen.table.row_count > 30


class HostileHandler(BaseHTTPRequestHandler):
    """A hostile /api/info: ``/nested`` answers 200 KB of ``[[[...]]]`` once the test
    lets it (``release``: so the screen is seen before the answer, however busy the
    machine), ``/silent`` never answers (until the test ends)."""

    stop = threading.Event()
    release = threading.Event()

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        if self.path == "/silent/api/info":
            HostileHandler.stop.wait(15)
            return
        HostileHandler.release.wait(10)
        body = b"[" * 100_000 + b"]" * 100_000
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(OSError):
            self.wfile.write(body)


@pytest.fixture
def hostile() -> Iterator[str]:
    """A real hostile HTTP server on 127.0.0.1."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), HostileHandler)
    HostileHandler.stop.clear()
    HostileHandler.release.clear()
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        HostileHandler.stop.set()
        HostileHandler.release.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


async def _releases_at_once(pilot: Pilot) -> tuple[ReleasesScreen, float]:
    """``R`` as soon as the main screen is there; the screen and when R was pressed."""
    app = pilot.app
    assert isinstance(app, NoticeApp)
    for _ in range(1000):
        if app.main_screen is not None:
            break
        await pilot.pause(0.01)
    pressed = time.monotonic()
    await pilot.press("R")
    for _ in range(500):
        if isinstance(app.screen, ReleasesScreen):
            break
        await pilot.pause(0.01)
    screen = app.screen
    assert isinstance(screen, ReleasesScreen)
    return screen, pressed


async def _until_answered(pilot: Pilot, within: float) -> float:
    app = pilot.app
    assert isinstance(app, NoticeApp)
    started = time.monotonic()
    while app.support is None and time.monotonic() - started < within + 2:
        await pilot.pause(0.05)
    return time.monotonic()


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("nested", "the /api/info answer is nested more than 32 levels deep"),
        ("silent", "no answer within 3 s (timed out)"),
    ],
)
async def test_a_hostile_server_shows_the_calendar_at_once_and_its_failure_in_time(
    hostile: str, path: str, words: str
) -> None:
    app = make_app(today=dt.date(2026, 12, 6), server=f"{hostile}/{path}")
    async with app.run_test(size=(120, 36)) as pilot:
        screen, pressed = await _releases_at_once(pilot)
        await pilot.pause()
        # the calendar at once, while the server is being asked
        assert app.support is None
        assert screen.table.row_count == 39
        assert "Asking the server for its release…" in screen_text(app)
        HostileHandler.release.set()  # the nested answer may come now
        answered = await _until_answered(pilot, 4.0)
        assert app.support is not None, "no answer from the support check"
        # like status: the 3 s timeout, then the answer (before: more than 12 s); the
        # margin is for a busy 2-core machine running the suite in two processes
        assert answered - pressed < 6.0
        await pilot.pause()
        text = screen_text(app)
        assert words in text
        assert "The running Rocket.Chat release is not known: set it with --release" in text
        assert screen.table.row_count == 39
        assert app.is_running


async def test_a_release_past_the_calendar_reads_at_least_until_everywhere() -> None:
    app = make_app(today=dt.date(2026, 12, 6), release="9.1")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        assert support_text(app) == (
            "Rocket.Chat 9.1 — supported at least until 2027-05-31 · calendar of 2026-12-06"
        )
        assert support_widget(app).has_class("-supported")
        screen = await open_releases(pilot)
        assert not any(row.running for row in screen.rows)
        assert (
            "Running 9.1 (from --release): supported at least until 2027-05-31, 176 days left "
            "(newer than the calendar, newest 9.0: update it for the exact date)"
        ) in " ".join(screen_text(app).split())


async def test_an_old_calendar_says_so_and_how_to_refresh_it() -> None:
    app = make_app(today=dt.date(2027, 3, 1), release="9.0")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        assert support_text(app).endswith("· calendar of 2026-12-06: out of date")
        assert (
            "The release calendar's newest release is 111 days old: R shows how to carry in "
            "a fresh calendar."
        ) in notifications(app).splitlines()
        await open_releases(pilot)
        text = screen_text(app)
        assert "calendar of 2026-12-06, newest 9.0 (111 days old)" in text
        assert "Out of date: releases --export on a connected machine, then import" in text


# --------------------------------------------------------------------------- terminals


async def test_narrow_terminal_and_no_color_read_in_words(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(today=dt.date(2027, 1, 15), release="8.6", theme="ansi-dark")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_releases(pilot)
        assert app.no_color
        text = screen_text(app)
        lines = text.splitlines()
        # every column of a row fits in 80 cells, source included
        row = next(line for line in lines if line.startswith(" ▶ 8.6"))
        assert row.rstrip().endswith("built-in")
        assert "16 days left, ending soon" in text
        assert "166 days left" in text and "ended 76 days ago" in text
        assert "Running 8.6 (from --release): support ends 2027-01-31, 16 days left" in text
        assert screen.table.size.width <= 80


async def test_the_support_state_always_shows_in_the_status_line() -> None:
    """Short of room, the view mode drops its explanations, then the words get shorter."""
    app = make_app(today=TODAY, release="8.3.1")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        main = main_screen(app)
        line = screen_text(app).splitlines()[-2]
        assert "built-in sample · 2 notices" in line
        assert "8.3 — out of support since 2026-10-31" in line
        main.set_as_of(dt.date(2023, 3, 29), "6.1 released")
        await settle(pilot)
        line = screen_text(app).splitlines()[-2]
        assert "AS OF 2023-03-29" in line and "8.3 out of support" in line
        await pilot.resize_terminal(160, 40)
        await settle(pilot)
        line = screen_text(app).splitlines()[-2]
        assert "AS OF 2023-03-29, 6.1 released (t or esc leaves)" in line
        assert "Rocket.Chat 8.3 — out of support since 2026-10-31" in line
