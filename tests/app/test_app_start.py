"""Opening the app imports only what its first screen needs (time to the first screen)."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import main as cli


def _full_parse(argv: list[str]) -> argparse.Namespace:
    from tui.cli.commands import COMMANDS

    return cli.build_parser(COMMANDS).parse_args(argv)


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--repo", "/srv/notices"],
        ["--repo=/srv/notices", "--today", "2024-03-01", "--theme", "ansi"],
        ["--debug", "--no-pager", "--color", "never", "--release", "8.3"],
        ["--server", "https://example.org", "--ca-file", "ca.pem", "--calendar", "c.toml"],
        ["--rep", "/srv/notices"],  # abbreviations, as the whole parser allows them
    ],
)
def test_app_args_match_the_whole_parser(argv: list[str]) -> None:
    args = cli.app_args(argv)
    assert args is not None
    assert vars(args) == vars(_full_parse(argv))


@pytest.mark.parametrize(
    "argv",
    [
        ["log"],
        ["--repo", "/srv/notices", "show", "privacy"],
        ["-h"],
        ["--help"],
        ["--he"],
        ["--version"],
        ["--completion", "bash"],
        ["--bogus"],
        ["--today", "yesterday-ish"],
        ["--repo"],
        ["--color", "sometimes"],
    ],
)
def test_anything_else_goes_to_the_whole_parser(argv: list[str]) -> None:
    assert cli.app_args(argv) is None


def test_app_start_imports_no_command_nor_main_screen(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "import tui.cli.main as cli\n"
        "seen = []\n"
        "def run_app(args, config):\n"
        "    import tui.app.app  # what opening the app imports before its first screen\n"
        "    seen.extend(sorted(m for m in sys.modules if m.startswith(("
        "'tui.cli.commands', 'tui.app.screens.main', 'tui.app.widgets', "
        "'notices_repo.catalog.repository', "
        "'notices_repo.catalog.resolve', 'notices_repo.model'))))\n"
        "    return 0\n"
        "cli._run_app = run_app\n"
        "code = cli.main(['--repo', sys.argv[1]])\n"
        "print(seen)\n"
        "sys.exit(code)\n"
    )
    env = {
        **os.environ,
        "NOTICE_TUI_CONFIG_DIR": str(tmp_path / "config"),
        "NOTICE_TUI_STATE_DIR": str(tmp_path / "state"),
        "NOTICE_TUI_CACHE_DIR": str(tmp_path / "cache"),
        "NOTICE_TUI_DATA_DIR": str(tmp_path / "data"),
    }
    env.pop("NOTICE_TUI_CONFIG", None)
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "[]"
