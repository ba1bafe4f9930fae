"""The app on real repositories: reload after a commit, bad repositories, hostile text."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
from rich.segment import Segment

from notices_repo.catalog.timeline import effective_versions
from tests.app.app_pilot import (
    main_screen,
    make_app,
    notifications,
    screen_segments,
    screen_text,
    settle,
)
from tests.conftest import GitRepo

NOTICE = "acme/privacy.md"


def _text(date: str, body: str) -> str:
    return f"# Acme Privacy\n\nEffective date: {date}\n\n## What we collect\n\n{body}\n"


async def test_r_picks_up_a_commit_made_while_the_app_is_open(git_repo: GitRepo) -> None:
    git_repo.commit({NOTICE: _text("2024-01-01", "Logs.")}, date="2024-01-02T10:00:00+00:00")
    git_repo.commit({"acme/terms.md": "# Acme Terms\n\nBe nice.\n"}, date="2024-01-03T10:00Z")
    app = make_app(git_repo.path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        main = main_screen(app)
        assert main.notices.notice is not None and main.notices.notice.key == NOTICE
        assert len(effective_versions(main.notices.notice)) == 1
        await pilot.press("j")  # select the terms, to see the selection kept
        await pilot.press("k")
        await settle(pilot)
        git_repo.commit(
            {NOTICE: _text("2025-06-01", "Logs and cookies.")}, date="2025-05-20T10:00:00+00:00"
        )
        await pilot.press("r")
        await settle(pilot)
        notice = main.notices.notice
        assert notice is not None and notice.key == NOTICE
        assert [v.effective_date for v in effective_versions(notice)] == [
            dt.date(2025, 6, 1),
            dt.date(2024, 1, 1),
        ]
        assert app.repository is not None and app.repository.stats.mode == "incremental"
        assert "Reloaded" in notifications(app)
        assert "cookies" in main.view.visible_text()
        assert "2 versions · 2025-06-01" in screen_text(app)


async def test_a_missing_repository_is_a_calm_message_and_r_retries(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    app = make_app(missing)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Could not read the repository" in text
        assert "does not exist" in text and "--repo" in text
        assert "Traceback" not in text
        assert "Press r to try again" in text
        # the folder appears as a repository: r reads it
        repo = GitRepo(missing)
        repo.commit({NOTICE: _text("2024-01-01", "Logs.")})
        await pilot.press("r")
        await settle(pilot)
        assert app.catalog is not None and len(app.catalog.notices) == 1
        assert "Logs." in main_screen(app).view.visible_text()


async def test_not_a_repository_and_empty_repository(tmp_path: Path, git_repo: GitRepo) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "not a git repository" in screen_text(app)
    empty = make_app(git_repo.path)
    async with empty.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "no commits yet" in screen_text(empty)
        await pilot.press("d", "a", "D", "m", "tab", "question_mark")  # nothing breaks
        await pilot.pause()


HOSTILE_TITLE = "[bold red]Owned[/] \x1b]0;pwned\x07 \u202eevil"
HOSTILE_BODY = (
    "Normal words.\n\n"
    "[@click=app.quit]click me[/] and [link=https://evil.example]link[/link]\n\n"
    "Clear: \x1b[2J\x1b[H done. Clipboard: \x1b]52;c;ZXZpbA==\x07 done.\n\n"
    "A [markdown link](https://evil.example/x) and <script>alert(1)</script>.\n\n"
    "Bidi: abc\u202edcba and zero\u200bwidth.\n"
)


async def test_hostile_text_is_shown_inertly(git_repo: GitRepo) -> None:
    git_repo.commit(
        {"evil/notice.md": f"# {HOSTILE_TITLE}\n\nEffective date: 2024-01-01\n\n{HOSTILE_BODY}"},
        message="[red]subject[/] \x1b[31mred\x1b[0m",
    )
    app = make_app(git_repo.path)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "[bold red]Owned[/]" in text  # markup stays literal
        assert "␛]0;pwned␇" in text and "<U+202E>evil" in text
        assert "[red]subject[/] ␛[31mred␛[0m" in text
        body = main_screen(app).view.visible_text()
        assert "[@click=app.quit]click me[/]" in body
        assert "␛[2J␛[H" in body and "␛]52;c;ZXZpbA==␇" in body
        assert "abc<U+202E>dcba" in body and "zero<U+200B>width" in body
        assert "markdown link (https://evil.example/x)" in body  # the address is shown
        for segment in screen_segments(app):
            assert isinstance(segment, Segment)
            assert "\x1b" not in segment.text and "\u202e" not in segment.text
            style = segment.style
            if style is not None:
                assert not style.link, "no hyperlink escapes"
                assert "@click" not in (style.meta or {}), "no clickable actions from text"
        # clicking anywhere in the text runs nothing
        await pilot.click("#text", offset=(5, 3))
        await pilot.pause()
        assert app.is_running
        # the palette shows titles as text, not markup
        await pilot.press("ctrl+p", *"owned")
        await pilot.pause(0.3)
        assert "[bold red]Owned[/]" in screen_text(app)


async def test_flags_retired_group_commit_dates_and_month_precision(git_repo: GitRepo) -> None:
    git_repo.commit(
        {
            "shop/terms.md": "# Shop Terms\n\nLast updated: July 2024\n\nBe nice.\n",
            "shop/undated.md": "# Undated Notice\n\nNo date here.\n",
            "old/gone.md": "# Gone Notice\n\nEffective date: 2020-01-01\n\nBye.\n",
        },
        date="2024-07-20T10:00:00+00:00",
    )
    git_repo.commit({"old/gone.md": None}, date="2024-08-01T10:00:00+00:00", message="Retire")
    app = make_app(git_repo.path, today=dt.date(2024, 9, 1))
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        main = main_screen(app)
        keys = [n.key for n in main.notices.shown]
        assert keys[:2] == ["shop/terms.md", "shop/undated.md"]
        assert keys[2].startswith("old/gone.md@")
        text = screen_text(app)
        assert "retired (deleted before HEAD)" in text
        assert "2 notices + 1 retired" in text  # the status line counts what the list holds
        assert "2024-07 " in text or "2024-07\n" in text  # month precision shows the month
        assert "month only" in text
        await pilot.press("j")
        await settle(pilot)
        assert "commit date" in screen_text(app)
        await pilot.press("j")
        await settle(pilot)
        assert "retired" in screen_text(app).split("\n")[1]  # the header says so
        assert "Bye." in main.view.visible_text()


async def test_a_slow_repository_never_freezes_keys(
    git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading is held until the test lets it go: the UI answers keys meanwhile."""
    from notices_repo.catalog.repository import NoticeRepository

    git_repo.commit({NOTICE: _text("2024-01-01", "Logs.")})
    gate = threading.Event()
    original = NoticeRepository.load

    def slow_load(self, progress=None, cancelled=None, background=False):  # type: ignore[no-untyped-def]
        if progress is not None:
            progress("reading history", 0, 0)
        gate.wait(30)
        return original(self, progress=progress, cancelled=cancelled, background=background)

    monkeypatch.setattr(NoticeRepository, "load", slow_load)
    app = make_app(git_repo.path)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            while app.main_screen is None or "reading history" not in screen_text(app):
                await pilot.pause(0.01)
            assert app.catalog is None
            assert "Reading" in screen_text(app)
            await pilot.press("question_mark")
            assert "Help —" in screen_text(app)
            await pilot.press("escape", "f", "x")
            assert main_screen(app).filter_box.value == "x"
            gate.set()
            await settle(pilot)
            assert app.catalog is not None
    finally:
        gate.set()


async def _as_of(pilot, day: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("t", "ctrl+a", "ctrl+k", *day, "enter")
    await settle(pilot)


async def test_as_of_shows_what_show_at_prints_and_says_what_came_later(
    git_repo: GitRepo,
) -> None:
    """``t`` DAY: the version in force on DAY in its newest text, as ``show --at DAY``;
    the header names revisions committed after DAY (silent edits, back-dating)."""
    from tests.conftest import run_cli

    git_repo.commit({NOTICE: _text("2024-01-01", "Logs.")}, date="2024-01-02T10:00:00+00:00")
    git_repo.commit(
        {NOTICE: _text("2024-01-01", "Logs and cookies.")}, date="2024-03-01T10:00:00+00:00"
    )
    git_repo.commit(
        {NOTICE: _text("2024-08-01", "Logs, cookies and tea.")}, date="2024-09-01T10:00:00+00:00"
    )
    app = make_app(git_repo.path, today=dt.date(2024, 12, 1))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        main = main_screen(app)
        header = main.query_one("#doc-header")
        for day, body, note in (
            ("2024-02-01", "Logs and cookies.", "text revised after 2024-02-01: 1 silent edit"),
            ("2024-05-01", "Logs and cookies.", None),
            (
                "2024-08-15",
                "Logs, cookies and tea.",
                "committed after 2024-08-15 (first on 2024-09-01): back-dated",
            ),
        ):
            await _as_of(pilot, day)
            assert main.as_of == dt.date.fromisoformat(day)
            shown = run_cli("show", NOTICE, "--at", day, "--repo", str(git_repo.path))
            assert shown.code == 0 and body in shown.out
            assert body in main.view.visible_text()
            words = str(header.render())
            if note is None:
                assert "✎" not in words
            else:
                assert f"✎ {note}" in words
            await pilot.press("escape")
            await settle(pilot)
            assert main.as_of is None
        # before any version: the first one shows, as not yet in force, with no note
        await _as_of(pilot, "2023-06-01")
        words = str(header.render())
        assert "takes effect in 214 days" in words and "✎" not in words
