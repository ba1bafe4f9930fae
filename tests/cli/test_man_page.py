"""The man page: generated from the parser (see test_completion), complete, and rendering.

Up to date with the parser is checked in test_completion.py with the other share/ files.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from tests.conftest import ROOT

MAN_PAGE = ROOT / "share" / "man" / "notice-tui.1"


def test_man_page_documents_every_command_option_and_example() -> None:
    from tui.cli.commands import COMMANDS, command_named
    from tui.cli.completion import describe
    from tui.cli.main import APP_EXAMPLES, build_parser

    text = MAN_PAGE.read_text("utf-8").replace("\\-", "-").replace("\\e", "\\")
    top, *subs = describe(build_parser(COMMANDS))
    for option in top.options:
        for flag in option.flags:
            assert f"\\fB{flag}\\fR" in text, flag
    for command in subs:
        assert f'.SS "{command.name}"' in text, command.name
        for option in command.options:
            assert any(f"\\fB{flag}\\fR" in text for flag in option.flags), option.flags
        for example, _ in command_named(command.name).examples:
            assert example in text, example
    for example, _ in APP_EXAMPLES:
        assert example in text
    for section in ("NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "COMMANDS", "EXIT STATUS"):
        assert f".SH {section}\n" in text


@pytest.mark.skipif(shutil.which("groff") is None, reason="groff is not installed")
def test_man_page_has_no_roff_warnings() -> None:
    done = subprocess.run(
        ["groff", "-man", "-Tutf8", "-ww", "-z", str(MAN_PAGE)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr


@pytest.mark.skipif(shutil.which("man") is None, reason="man is not installed")
def test_man_renders_the_page() -> None:
    env = {**os.environ, "MANWIDTH": "80", "MANPAGER": "cat", "PAGER": "cat", "LC_ALL": "C.UTF-8"}
    done = subprocess.run(
        ["man", "-l", str(MAN_PAGE)], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    page = done.stdout
    assert page.startswith("NOTICE-TUI(1)")
    assert "notice-tui - read, compare and search privacy notices" in page
    assert "notice-tui status --release 8.6 --today 2026-11-26" in page
    assert "--no-pager" in page  # real minus signs, so options can be copied
