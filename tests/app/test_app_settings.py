"""Themes, colours, remapped keys, and what ``notice-tui`` says when a setting is wrong."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from notices_repo.settings.config import AppConfig, load_config
from tests.app.app_pilot import main_screen, make_app, settle
from tui.app import keydoc, keymap, keys
from tui.app.app import run_app
from tui.app.settings import (
    ANSI_THEME,
    DEFAULT_THEME,
    SettingsError,
    choose_theme,
    few_colours,
    settings_from,
)


def _args(**values: object) -> argparse.Namespace:
    base = dict(repo=None, today=None, theme=None, release=None, server=None, calendar=None)
    base.update(values)
    return argparse.Namespace(**base)


@pytest.mark.parametrize(
    ("env", "few"),
    [
        ({"TERM": "linux"}, True),
        ({"TERM": "xterm"}, True),
        ({"TERM": "screen"}, True),
        ({"TERM": "xterm-256color"}, False),
        ({"TERM": "xterm", "COLORTERM": "truecolor"}, False),
        ({"TERM": "tmux-256color"}, False),
        ({}, False),
    ],
)
def test_sixteen_colour_terminals_are_recognised(env: dict[str, str], few: bool) -> None:
    assert few_colours(env) is few


def test_theme_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "linux")
    monkeypatch.delenv("COLORTERM", raising=False)
    assert choose_theme(None, "x") == ANSI_THEME
    monkeypatch.setenv("TERM", "xterm-256color")
    assert choose_theme(None, "x") == DEFAULT_THEME
    assert choose_theme("ansi", "x") == ANSI_THEME
    assert choose_theme("nord", "x") == "nord"
    with pytest.raises(SettingsError, match=r"unknown theme 'purple' \(--theme\); choose one of"):
        choose_theme("purple", "--theme")


def test_settings_come_from_options_and_config(tmp_path: Path) -> None:
    config = AppConfig(path=tmp_path / "config.toml", theme="gruvbox", keys={"diff": "x"})
    settings = settings_from(_args(repo=str(tmp_path)), config)
    assert settings.repo == tmp_path and settings.origin == "--repo"
    assert settings.theme == "gruvbox" and settings.keymap == {"diff": "x"}
    assert settings_from(_args(theme="nord"), config).theme == "nord"
    sample = settings_from(_args(), AppConfig(path=tmp_path / "c.toml"))
    assert sample.repo is None and sample.where == "the built-in sample"


def test_keymap_validation_names_the_problem() -> None:
    assert keymap.validate_keymap({"quit": "ctrl+q,q", "diff": "x"}) == {
        "quit": "ctrl+q,q",
        "diff": "x",
    }
    with pytest.raises(keymap.KeymapError, match=r"unknown action 'dif'.*known actions: .*diff"):
        keymap.validate_keymap({"dif": "x"})
    with pytest.raises(keymap.KeymapError, match="not a list of keys"):
        keymap.validate_keymap({"diff": "ctrl x"})
    with pytest.raises(keymap.KeymapError, match="'m' would run both"):
        keymap.validate_keymap({"diff": "m"})


def test_every_key_has_an_id_a_description_and_help() -> None:
    ids = [spec.id for spec in keys.KEYS]
    assert len(ids) == len(set(ids))
    for spec in keys.KEYS:
        assert spec.description and spec.help.endswith("."), spec.id


def test_bad_settings_stop_before_the_app_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config_file = tmp_path / "config.toml"
    config_file.write_text('theme = "nope"\n[keys]\nbogus = "x"\n', "utf-8")
    config = load_config(config_file)
    assert run_app(_args(theme="textual-dark"), config) == 2
    err = capsys.readouterr().err
    assert err.startswith("notice-tui: ") and "unknown action 'bogus'" in err
    assert str(config_file) in err and err.count("\n") == 1
    assert run_app(_args(), load_config(config_file)) == 2
    err = capsys.readouterr().err
    assert f"unknown theme 'nope' (theme in {config_file})" in err and err.count("\n") == 1


async def test_remapped_keys_work_and_the_old_ones_do_not() -> None:
    app = make_app(keymap={"as_of": "T", "filter": "slash,f"})
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        main = main_screen(app)
        await pilot.press("t")
        await pilot.pause()
        assert app.screen is main
        await pilot.press("T")
        await pilot.pause()
        assert app.screen is not main
        await pilot.press("escape", "slash")
        await pilot.pause()
        assert app.focused is main.filter_box


async def test_no_color_and_ansi_theme_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(theme=ANSI_THEME)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.no_color and app.theme == ANSI_THEME


async def test_no_color_in_the_ansi_theme_keeps_the_terminal_colours(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """NO_COLOR on a 16-colour terminal: the terminal's own colours, never greys that
    16 colours turn into black on black; highlights are bold underline or reverse."""
    from rich.segment import Segment
    from textual.filter import Monochrome, NoColor

    from tests.app.app_pilot import screen_segments

    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(theme=ANSI_THEME, release="8.6")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert any(isinstance(f, NoColor) for f in app._filters)
        assert not any(isinstance(f, Monochrome) for f in app._filters)
        segments = [s for s in screen_segments(app) if isinstance(s, Segment) and s.text.strip()]
        for segment in segments:
            style = segment.style
            assert style is None or (style.color is None or style.color.is_default)
            assert style is None or (style.bgcolor is None or style.bgcolor.is_default)
        title = main_screen(app).notices.notice
        assert title is not None
        highlighted = [
            s for s in segments if s.style and s.style.underline and title.title[:10] in s.text
        ]
        assert highlighted, "the highlighted notice is not marked"
        await pilot.press("R")
        await pilot.pause()
        reversed_cells = [
            s.text
            for s in screen_segments(app)
            if isinstance(s, Segment) and s.style and s.style.reverse
        ]
        assert any("8.6" in text for text in reversed_cells)  # the table's cursor


def test_docs_key_table_is_in_step_with_the_keys() -> None:
    """docs/keys.md is written by scripts/app_docs.py from tui.app.keys; rerun it after changes."""
    docs = Path(__file__).resolve().parents[2] / "docs" / "keys.md"
    assert docs.read_text("utf-8").endswith(keydoc.markdown_table())
