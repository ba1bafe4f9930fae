"""Text output follows git's habits: ``--color``, ``NO_COLOR``, ``$PAGER``, ``--no-pager``.

The command runs on a real pseudo-terminal (``pty.openpty``) with a chosen window size,
so ``isatty()`` and the terminal height are what a person at a terminal would have.
``PAGER`` is a small script that records that it was called, with what input and which
``LESS``, then prints its input like ``cat``.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import shutil
import struct
import subprocess
import sys
import termios
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

BOLD = "\x1b[1m"


def _exe() -> str:
    return shutil.which("notice-tui", path=str(Path(sys.executable).parent)) or "notice-tui"


@dataclass
class Run:
    """A run on a terminal: exit code, what the terminal showed, what the pager got."""

    code: int
    screen: str
    pager_input: str | None
    pager_less: str | None


@pytest.fixture
def pager(tmp_path: Path) -> Path:
    """A pager script that records its input and $LESS next to itself, then cats."""
    script = tmp_path / "record-pager"
    script.write_text(
        "#!/bin/sh\n"
        f'printf "%s" "${{LESS-unset}}" > "{tmp_path}/pager.less"\n'
        f'tee "{tmp_path}/pager.input"\n'
    )
    script.chmod(0o755)
    return script


def _env(**changes: str | None) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("NO_COLOR", "PAGER", "LESS", "TERM"):
        env.pop(name, None)
    env["TERM"] = "xterm-256color"
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def on_terminal(
    *args: str, env: dict[str, str], rows: int = 8, cols: int = 120, timeout: float = 60
) -> Run:
    """Run notice-tui ARGS with stdin, stdout and stderr on a new pseudo-terminal."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    proc = subprocess.Popen(
        [_exe(), *args], stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True
    )
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: every writer closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        elif proc.poll() is not None:
            break
    os.close(master)
    code = proc.wait(timeout=10)
    pager_dir = Path(env.get("PAGER", "/nonexistent")).parent
    record = pager_dir / "pager.input"
    less = pager_dir / "pager.less"
    return Run(
        code,
        b"".join(chunks).decode("utf-8", "replace"),
        record.read_text() if record.exists() else None,
        less.read_text() if less.exists() else None,
    )


def piped(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run notice-tui ARGS with output to a pipe (a script, cron)."""
    return subprocess.run(
        [_exe(), *args], capture_output=True, text=True, env=env, timeout=60, check=False
    )


# ------------------------------------------------------------------------------ pager


def test_long_output_on_a_terminal_goes_through_pager(pager: Path) -> None:
    run = on_terminal("log", env=_env(PAGER=str(pager)), rows=6)
    assert run.code == 0
    assert run.pager_input is not None, run.screen
    assert "privacy/privacy-notice-for-air-gapped-workspaces.md" in run.pager_input
    assert "terms/terms-of-use-self-managed.md" in run.pager_input
    assert run.pager_less == "FRX"  # like git: quit if one screen, raw colour, no init


def test_pager_keeps_the_users_less_settings(pager: Path) -> None:
    run = on_terminal("log", env=_env(PAGER=str(pager), LESS="-M"), rows=6)
    assert run.pager_input is not None
    assert run.pager_less == "-M"


def test_no_pager_option_prints_straight_to_the_terminal(pager: Path) -> None:
    for args in (("log", "--no-pager"), ("--no-pager", "log")):
        run = on_terminal(*args, env=_env(PAGER=str(pager)), rows=6)
        assert run.code == 0
        assert run.pager_input is None, args
        assert "terms/terms-of-use-self-managed.md" in run.screen


def test_output_that_fits_the_terminal_is_not_paged(pager: Path) -> None:
    run = on_terminal("log", env=_env(PAGER=str(pager)), rows=200)
    assert run.pager_input is None
    assert "terms/terms-of-use-self-managed.md" in run.screen
    short = on_terminal(
        "status", "--release", "8.6", "--today", "2026-11-26", env=_env(PAGER=str(pager)), rows=6
    )
    assert short.pager_input is None
    assert "OK - Rocket.Chat 8.6" in short.screen


def test_json_and_pipes_are_never_paged(pager: Path) -> None:
    run = on_terminal("log", "--json", env=_env(PAGER=str(pager)), rows=6)
    assert run.code == 0
    assert run.pager_input is None
    assert '"notices"' in run.screen
    done = piped("log", env=_env(PAGER=str(pager)))
    assert done.returncode == 0
    assert not (pager.parent / "pager.input").exists()
    assert "terms/terms-of-use-self-managed.md" in done.stdout


def test_without_pager_variable_less_is_used(tmp_path: Path, pager: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "less").symlink_to(pager)
    env = _env(PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    env["PAGER"] = ""  # empty counts as unset, as for git
    run = on_terminal("log", env=env, rows=6)
    assert (tmp_path / "pager.input").exists(), run.screen


# ----------------------------------------------------------------------------- colour


def test_colour_auto_on_a_terminal_and_not_in_a_pipe() -> None:
    run = on_terminal("log", "--no-pager", env=_env())
    assert BOLD in run.screen
    done = piped("log", env=_env())
    assert "\x1b[" not in done.stdout
    done = piped("log", "--color=auto", env=_env())
    assert "\x1b[" not in done.stdout


def test_no_color_variable_turns_auto_colour_off() -> None:
    run = on_terminal("log", "--no-pager", env=_env(NO_COLOR="1"))
    assert run.code == 0
    assert "\x1b[1m" not in run.screen and "\x1b[3" not in run.screen


def test_color_always_and_never_win_over_terminal_and_no_color() -> None:
    done = piped("log", "--color=always", env=_env(NO_COLOR="1"))
    assert BOLD in done.stdout  # an explicit request beats the environment
    done = piped("--color", "always", "log", env=_env())
    assert BOLD in done.stdout
    run = on_terminal("log", "--no-pager", "--color=never", env=_env())
    assert "\x1b[1m" not in run.screen


def test_colour_reaches_the_pager(pager: Path) -> None:
    run = on_terminal("log", env=_env(PAGER=str(pager)), rows=6)
    assert run.pager_input is not None and BOLD in run.pager_input
    run = on_terminal("log", "--color=never", env=_env(PAGER=str(pager)), rows=6)
    assert run.pager_input is not None and "\x1b[" not in run.pager_input
