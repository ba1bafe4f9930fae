"""The diff view in the app: d, m+d, D, ] [, s, w, f, / n N, y, e, help and back.

Driven with Textual's Pilot on the built-in sample (as on 2026-11-26: the air-gapped
notice has versions effective 2023-12-09 and 2026-03-01) and on hostile repositories
built by fixtures.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.pilot import Pilot

from notices_repo.usecases import compare as comparing
from tests.app.app_pilot import main_screen, make_app, screen_segments, screen_text, settle
from tests.conftest import GitRepo
from tui.app.app import NoticeApp
from tui.app.screens import diff_view
from tui.app.screens.diff_view import DiffScreen, write_new_file
from tui.app.screens.help import HelpScreen
from tui.app.screens.main import MainScreen
from tui.app.widgets.diff_rows import SIDE_BY_SIDE, UNIFIED

AIR = "privacy/privacy-notice-for-air-gapped-workspaces.md"
REPORT = "notice-diff-privacy-notice-for-air-gapped-workspaces-2023-12-09-to-2026-03-01.md"


async def diff_ready(pilot: Pilot) -> DiffScreen:
    """Wait until the diff view shows its comparison; return it."""
    app = pilot.app
    for _ in range(1000):
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        if (
            isinstance(screen, DiffScreen)
            and screen.diff_layout is not None
            and not any(worker.is_running for worker in app.workers)
            and screen.lines.diff_layout is not None
        ):
            await pilot.pause()
            return screen
        await pilot.pause(0.01)
    raise AssertionError(f"the diff view did not appear (screen: {app.screen!r})")


async def open_with_d(pilot: Pilot) -> DiffScreen:
    """On the sample: the versions pane, the latest version, d."""
    await settle(pilot)
    await pilot.press("tab", "d")
    return await diff_ready(pilot)


def status(screen: DiffScreen) -> str:
    return str(screen.query_one("#diff-status").render())


def notifications(app: NoticeApp) -> list[str]:
    return [n.message for n in app._notifications]


async def test_d_compares_the_selected_version_with_the_one_before() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_with_d(pilot)
        assert screen.old.date == dt.date(2023, 12, 9)
        assert screen.new.date == dt.date(2026, 3, 1)
        text = screen_text(app)
        assert "Compare Privacy Notice for Air-Gapped Workspaces" in text
        assert "- from  2023-12-09 (superseded)  06cf6af10b" in text
        assert "+ to    2026-03-01 (in force)  7395168a7c" in text
        view = screen.lines.visible_text()
        assert "Sections: 0 added, 0 removed, 3 changed, 0 moved." in view
        assert "Data categories: 1 added" in view
        assert "Changed (3): Privacy Notice for Air-Gapped Workspaces" in view
        assert "+   Diagnostic Data: {+Crash reports" in view
        assert "~ **Effective Date:** [-December 9th-]{+March 1st+}, [-2023-]{+2026+}" in view
        assert "unified · whitespace counted · changes only · 4 changes" in status(screen)
        # escape goes back to the versions pane, where we were
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.focused is main_screen(app).versions


async def test_m_marks_one_end_and_d_compares_it_with_the_selected_one() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        # the versions pane: 2026-03-01, then 2023-12-09; unfold 2023-12-09 and mark its
        # first revision (the draft under the notice's first name)
        await pilot.press("tab", "down", "enter")
        await settle(pilot)
        for _ in range(5):
            await pilot.press("j")
        await settle(pilot)
        choice = main_screen(app).versions.choice
        assert choice is not None and choice.revision is not None
        first = choice.revision
        assert first.path.endswith("air-gapped-licenses.md")
        await pilot.press("m")
        await pilot.press("home")
        await settle(pilot)
        await pilot.press("d")
        screen = await diff_ready(pilot)
        assert screen.old.revision.commit == first.commit
        assert screen.new.date == dt.date(2026, 3, 1)
        assert "Publish the privacy notice for air-gapped licenses" in screen_text(app)
        assert screen.result is not None and screen.result.has_changes
        assert "Renamed (" in screen.diff_layout.plain()  # the licenses → workspaces rewrite


async def test_brackets_step_through_the_changes_in_order() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_with_d(pilot)
        lines = screen.lines
        assert lines.current_change == -1
        await pilot.press("right_square_bracket")
        assert lines.current_change == 0
        assert "change 1 of 4 · § Privacy Notice for Air-Gapped Workspaces" in status(screen)
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        assert lines.current_change == 3
        assert "change 4 of 4" in status(screen)
        layout = screen.diff_layout
        assert layout is not None
        assert lines.is_row_visible(layout.change_rows[3])
        assert "Amendments to this notice are published" in lines.visible_text()
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert lines.current_change == 3
        assert any("last change" in message for message in notifications(app))
        await pilot.press("left_square_bracket")
        assert lines.current_change == 2
        assert "change 3 of 4" in status(screen)
        # the current change is painted in reverse video, the others are not
        reversed_text = "".join(
            segment.text
            for segment in screen_segments(app)
            if segment.style is not None and segment.style.reverse
        )
        assert "Diagnostic Data" in reversed_text
        assert "March 1st" not in reversed_text


async def test_s_switches_to_side_by_side_and_keeps_the_current_change() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_with_d(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert screen.lines.current_change == 1
        await pilot.press("s")
        screen = await diff_ready(pilot)
        assert screen.mode == SIDE_BY_SIDE
        layout = screen.diff_layout
        assert layout is not None and layout.mode == SIDE_BY_SIDE
        assert screen.lines.current_change == 1
        assert "side by side" in status(screen) and "change 2 of 4" in status(screen)
        row = next(
            line for line in screen.lines.visible_text().splitlines() if "Effective Date" in line
        )
        left, right = row.split("│")
        assert left.startswith("- ") and "[-December 9th-], [-2023-]" in left
        assert "{+" not in left
        assert right.startswith("+ ") and "{+March 1st+}, {+2026+}" in right
        await pilot.press("s")
        screen = await diff_ready(pilot)
        assert screen.mode == UNIFIED and screen.diff_layout.mode == UNIFIED
        assert "│" not in screen.lines.visible_text()


async def test_w_ignores_a_whitespace_only_revision() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        # 2023-12-09 unfolded: its newest revision only re-wrapped lines and list markers;
        # d on a revision compares it with the revision before it
        await pilot.press("tab", "down", "enter")
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        choice = main_screen(app).versions.choice
        assert choice is not None and choice.revision is not None and choice.revision.technical
        await pilot.press("d")
        screen = await diff_ready(pilot)
        assert screen.result is not None and screen.result.has_changes
        counted = len(screen.diff_layout.change_rows)
        assert counted > 0
        assert "whitespace counted" in status(screen)
        await pilot.press("w")
        screen = await diff_ready(pilot)
        assert screen.ignore_whitespace and screen.result.ignore_whitespace
        assert not screen.result.has_changes
        assert "No differences (whitespace and layout ignored)." in screen.lines.visible_text()
        assert "whitespace ignored" in status(screen) and "no changes" in status(screen)
        await pilot.press("right_square_bracket")
        assert any("No changes" in message for message in notifications(app))
        await pilot.press("w")
        screen = await diff_ready(pilot)
        assert len(screen.diff_layout.change_rows) == counted


async def test_f_shows_the_whole_text() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_with_d(pilot)
        assert "Definition of Air-Gapped Environments" not in screen.diff_layout.plain()
        await pilot.press("f")
        screen = await diff_ready(pilot)
        assert screen.full and "whole text" in status(screen)
        assert "Definition of Air-Gapped Environments" in screen.diff_layout.plain()


async def test_slash_searches_and_n_steps_through_the_matches() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_with_d(pilot)
        await pilot.press("slash")
        box = screen.search_box
        assert app.focused is box and box.display
        await pilot.press(*"air-gapped")  # s, a, p, e... are keys elsewhere: here, text
        assert box.value == "air-gapped"
        assert screen.mode == UNIFIED
        matches = screen.lines.matches
        assert len(matches) >= 3
        assert screen.lines.current_match == 0
        assert f'find "air-gapped": 1 of {len(matches)}' in status(screen)
        await pilot.press("enter")
        assert app.focused is screen.lines and not box.display
        await pilot.press("n")
        assert screen.lines.current_match == 1
        assert f"2 of {len(matches)}" in status(screen)
        await pilot.press("N", "N")
        assert screen.lines.current_match == len(matches) - 1
        assert any("from the end" in message for message in notifications(app))
        layout = screen.diff_layout
        line, start, end = matches[screen.lines.current_match]
        assert layout.lines[line].text[start:end].lower() == "air-gapped"
        # the current match is on screen and painted in reverse video
        reversed_text = "".join(
            segment.text
            for segment in screen_segments(app)
            if segment.style is not None and segment.style.reverse
        )
        assert reversed_text.lower().count("air-gapped") == 1
        # escape in the box closes it and keeps the matches; a query without matches
        await pilot.press("slash", "ctrl+a", "ctrl+k", *"zzzz", "escape")
        assert isinstance(app.screen, DiffScreen) and not box.display
        assert 'find "zzzz": no match' in status(screen)
        await pilot.press("n")
        assert any('No match for "zzzz"' in message for message in notifications(app))


async def test_y_copies_the_current_change_with_osc52() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_with_d(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket", "y")
        assert app.clipboard == (
            "Privacy Notice for Air-Gapped Workspaces, 2023-12-09 -> 2026-03-01, changed: "
            "Privacy Notice for Air-Gapped Workspaces\n"
            "**Effective Date:** [-December 9th-]{+March 1st+}, [-2023-]{+2026+}\n"
        )
        message = notifications(app)[-1]
        assert "Sent change 2 of 4 to the terminal clipboard with OSC 52" in message
        assert "if nothing was copied, press e to write a report" in message
        # with no current change, y takes the first change on screen
        screen.lines.current_change = -1
        await pilot.press("y")
        assert screen.lines.current_change == 0
        assert "[-December 9th-]{+March 1st+}" in app.clipboard
        assert "Sent change 1 of 4" in notifications(app)[-1]


async def test_e_writes_a_new_report_in_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    planted = tmp_path / "target.txt"
    planted.write_text("keep me")
    (tmp_path / REPORT).symlink_to(planted)  # a link under the report's name is not followed
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_with_d(pilot)
        await pilot.press("e")
        await diff_ready(pilot)
        await pilot.press("e")
        await diff_ready(pilot)
        second = tmp_path / REPORT.replace(".md", "-2.md")
        third = tmp_path / REPORT.replace(".md", "-3.md")
        assert second.is_file() and third.is_file()
        assert planted.read_text() == "keep me"
        report = second.read_text(encoding="utf-8")
        assert report.startswith("# Comparison: Privacy Notice for Air-Gapped Workspaces\n")
        assert "- **From:** effective 2023-12-09, commit 06cf6af10b" in report
        assert "Data categories: 1 added" in report
        assert "[-December 9th-]{+March 1st+}" in report
        assert third.read_text(encoding="utf-8") == report
        assert screen.last_report == third
        assert notifications(app)[-1] == f"Wrote the Markdown report to {third}"


async def test_e_says_why_when_the_folder_cannot_be_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)

    def refuse(folder: Path, name: str, text: str) -> Path:
        raise PermissionError(13, "Permission denied", str(folder / name))

    monkeypatch.setattr(diff_view, "write_new_file", refuse)
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await open_with_d(pilot)
        await pilot.press("e")
        await diff_ready(pilot)
        message = notifications(app)[-1]
        assert f"could not write the report in {tmp_path}: permission denied" in message
        assert "start notice-tui from a folder you can write to" in message
    assert list(tmp_path.iterdir()) == []


def test_write_new_file_never_overwrites(tmp_path: Path) -> None:
    first = write_new_file(tmp_path, "r.md", "one")
    second = write_new_file(tmp_path, "r.md", "two")
    third = write_new_file(tmp_path, "noext", "three")
    assert (first.name, second.name, third.name) == ("r.md", "r-2.md", "noext")
    assert first.read_text() == "one" and second.read_text() == "two"
    with pytest.raises(OSError):
        write_new_file(tmp_path / "missing", "r.md", "x")


async def test_q_goes_back_and_help_lists_the_diff_keys() -> None:
    app = make_app()
    async with app.run_test(size=(120, 60)) as pilot:  # tall: the whole help shows
        await open_with_d(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)  # the one help screen of the app
        text = screen_text(app)
        assert "Help — Comparison" in text
        assert "Keys on this screen" in text
        assert "Jump to the next change." in text
        assert "Switch between unified" in text
        assert ("↑, ↓, j, k", "Scroll a line.") in app.screen.topic.extra
        assert "Search sections and data categories of every notice" not in text  # / is taken
        assert "Quit notice-tui" not in text  # q goes back here
        assert "Show every notice as it stood on a date" in text  # t still works
        await pilot.press("escape")
        assert isinstance(app.screen, DiffScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, DiffScreen)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.is_running


async def test_D_compares_the_reviewed_version_with_the_selected_one() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "down", "a")  # review 2023-12-09
        await settle(pilot)
        await pilot.press("up", "D")
        screen = await diff_ready(pilot)
        assert screen.old.date == dt.date(2023, 12, 9)
        assert screen.new.date == dt.date(2026, 3, 1)


# --------------------------------------------------------------------------- hostile text

HOSTILE_OLD = """# Notice [bold red]x[/]

Effective date: January 1, 2024

## Data \x1b[31mred\x1b[0m

* **Name:** your name.
"""

HOSTILE_NEW = """# Notice [bold red]x[/]

Effective date: June 1, 2025

## Data \x1b[31mred\x1b[0m

* **Name:** your name.
* **Evil [link](x) [b]cat[/b]:** \x1b]52;c;QUFBQQ==\x07 text \u202eesrever \x1b[2J gone.

## New \u202eheading [blink]y[/blink]

More [red]words[/red].
"""


async def test_untrusted_text_shows_inertly(git_repo: GitRepo) -> None:
    git_repo.commit({"notice.md": HOSTILE_OLD}, date="2024-01-01T10:00:00+00:00")
    git_repo.commit({"notice.md": HOSTILE_NEW}, date="2025-05-01T10:00:00+00:00")
    app = make_app(git_repo.path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "d")
        screen = await diff_ready(pilot)
        for mode in (UNIFIED, SIDE_BY_SIDE):
            assert screen.mode == mode
            segments = screen_segments(app)
            painted = "".join(segment.text for segment in segments)
            for bad in ("\x1b", "\x07", "\u202e"):
                assert bad not in painted, (mode, repr(bad))
            assert all(segment.control is None for segment in segments)
            text = screen_text(app)
            assert "Compare Notice [bold red]x[/]" in text
            assert "Data ␛[31mred␛[0m" in text
            assert "<U+202E>" in text
            assert "[blink]y[/blink]" in text
            assert "␛]52;c;QUFBQQ==␇" in text
            await pilot.press("s")
            screen = await diff_ready(pilot)


# --------------------------------------------------------------------------- a large pair


@pytest.mark.slow
async def test_a_1mb_comparison_opens_and_paints_only_what_is_on_screen(
    git_repo: GitRepo,
) -> None:
    from bench.bench_diff import synthetic_pair

    old, new = synthetic_pair()
    git_repo.commit({"big.md": "Effective date: January 1, 2024\n\n" + old})
    git_repo.commit(
        {"big.md": "Effective date: June 1, 2025\n\n" + new}, date="2025-05-01T10:00:00+00:00"
    )
    app = make_app(git_repo.path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "d")
        screen = await diff_ready(pilot)
        layout = screen.diff_layout
        assert layout is not None and len(layout.change_rows) > 2000
        assert layout.line_count > 5000
        assert screen.timings["first_paint"] < 30  # about 0.5 s on an idle machine
        painted: list[int] = []
        lines = screen.lines
        original = lines.render_line

        def counting(y: int):  # type: ignore[no-untyped-def]
            painted.append(y)
            return original(y)

        lines.render_line = counting  # type: ignore[method-assign]
        for _ in range(20):
            await pilot.press("pagedown")
        await pilot.pause()
        assert lines.top_row > 20 * (lines.page_rows - 2)
        # each page paints at most the rows on screen (once per refresh), never the document
        assert len(painted) <= 20 * 2 * lines.page_rows
        for _ in range(10):
            await pilot.press("right_square_bracket")
        assert lines.current_change >= 9
        assert lines.is_row_visible(layout.change_rows[lines.current_change])


async def test_the_place_is_kept_across_layouts_resizes_and_whitespace() -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_with_d(pilot)
        await pilot.press("f")
        screen = await diff_ready(pilot)
        for _ in range(4):
            await pilot.press("right_square_bracket")
        lines = screen.lines
        assert lines.current_change == 3
        row = screen.diff_layout.change_rows[3] - lines.top_row
        # s while a w comparison is on its way: both apply, the change stays where it was
        await pilot.press("w", "s")
        screen = await diff_ready(pilot)
        assert screen.mode == SIDE_BY_SIDE and screen.ignore_whitespace
        assert screen.diff_layout.mode == SIDE_BY_SIDE and screen.result.ignore_whitespace
        assert lines.current_change == 3
        assert screen.diff_layout.change_rows[3] - lines.top_row == row
        await pilot.resize_terminal(90, 30)
        await pilot.pause(0.3)
        screen = await diff_ready(pilot)
        assert screen.diff_layout.width == lines.content_width < 90
        assert lines.current_change == 3
        assert lines.is_row_visible(screen.diff_layout.change_rows[3])
        # scrolled away from the change: the section at the top stays at the top
        await pilot.press("home")
        await pilot.press(*["down"] * 12)
        before = status(screen).split("§")[-1]
        await pilot.press("s")
        screen = await diff_ready(pilot)
        assert screen.mode == UNIFIED
        assert status(screen).split("§")[-1] == before


@pytest.mark.parametrize("theme", ["ansi-dark", "textual-dark", "textual-light"])
async def test_changed_words_stay_readable_in_every_theme(
    theme: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    app = make_app(theme=theme)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_with_d(pilot)
        changed = [
            segment
            for segment in screen_segments(app)
            if segment.style is not None
            and (segment.style.strike or segment.style.underline)
            and segment.text.strip()
        ]
        assert any(segment.style.strike for segment in changed)  # removed words
        assert any(segment.style.underline for segment in changed)  # added words
        for segment in changed:
            style = segment.style
            assert style.color != style.bgcolor, (theme, segment.text, str(style))


def test_diff_keys_are_in_the_key_table_and_remap_without_clashes() -> None:
    from tui.app import keys

    ids = {spec.id for spec in keys.specs(keys.DIFF)}
    assert {"diff_next_change", "diff_layout", "diff_find", "diff_copy", "diff_back"} <= ids
    assert keys.validate_keymap({"diff_layout": "L"}) == {"diff_layout": "L"}
    # the comparison takes q and / over from the app on purpose: still allowed
    assert keys.validate_keymap({"quit": "q,ctrl+q", "search": "slash,ctrl+f"})
    with pytest.raises(keys.KeymapError, match="'y' would run both"):
        keys.validate_keymap({"diff_layout": "y"})  # y copies
    with pytest.raises(keys.KeymapError, match="'r' would run both reload and diff_find"):
        keys.validate_keymap({"diff_find": "r"})  # r reloads everywhere


async def test_remapped_diff_keys_work_and_help_shows_them() -> None:
    app = make_app(keymap={"diff_layout": "L", "diff_next_change": "J"})
    async with app.run_test(size=(120, 60)) as pilot:
        screen = await open_with_d(pilot)
        await pilot.press("s")  # no longer bound
        await pilot.pause()
        assert screen.mode == UNIFIED
        await pilot.press("L")
        screen = await diff_ready(pilot)
        assert screen.mode == SIDE_BY_SIDE
        await pilot.press("J")
        assert screen.lines.current_change == 0
        await pilot.press("question_mark")
        await pilot.pause()
        lines = screen_text(app).splitlines()
        assert any("L " in line and "Switch between unified" in line for line in lines)
        assert not any(" s " in line and "Switch between unified" in line for line in lines)


async def test_palette_offers_the_diff_actions_and_runs_them_on_the_diff_view() -> None:
    from tui.app.palette import NoticeCommands

    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_with_d(pilot)
        names = [name for name, _, _ in NoticeCommands(screen).candidates()]
        assert "Layout (s)" in names and "Next change (])" in names
        assert "Search" in names  # / finds in the comparison here: the palette still searches
        assert not any(name.startswith(("Filter", "Mark", "Go to section")) for name in names)
        main_names = [name for name, _, _ in NoticeCommands(main_screen(app)).candidates()]
        assert "Search (/)" in main_names and "Layout (s)" not in main_names
        await pilot.press("ctrl+p", *"layout")
        await pilot.pause(0.3)
        await pilot.press("enter")
        screen = await diff_ready(pilot)
        assert app.screen is screen and screen.mode == SIDE_BY_SIDE
        await pilot.press("ctrl+p", *"next change")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.lines.current_change == 0


async def test_the_diff_reuses_the_text_the_main_screen_read_and_split(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        main = main_screen(app)
        shown = main.versions.choice
        assert shown is not None
        assert [t.commit for t in main.known_texts(AIR)] == [shown.shown.commit]
        read: list[str] = []
        parsed: list[str] = []
        repository = app.repository
        assert repository is not None
        original_read = repository.read_text
        original_parse = comparing.parse  # the diff view compares through the use case

        def spy_read(blob: str):  # type: ignore[no-untyped-def]
            read.append(blob)
            return original_read(blob)

        def spy_parse(text: str):  # type: ignore[no-untyped-def]
            parsed.append(text)
            return original_parse(text)

        monkeypatch.setattr(repository, "read_text", spy_read)
        monkeypatch.setattr(comparing, "parse", spy_parse)
        await pilot.press("tab", "d")
        screen = await diff_ready(pilot)
        # only the older end was read and split; the newer one came from the main screen
        assert read == [screen.old.revision.blob]
        assert len(parsed) == 1 and "December 9th" in parsed[0]
        assert screen.result is not None and screen.result.has_changes
        await pilot.press("w")  # compared again: nothing read or split again
        await diff_ready(pilot)
        assert read == [screen.old.revision.blob] and len(parsed) == 1
