"""Headless commands show progress on stderr when they take a while on a terminal (issue 16).

``log``, ``show``, ``diff`` and ``search`` on the real corpus with an empty cache: stderr
is a pseudo-terminal, stdout a file (``notice-tui log > notices.txt`` at a terminal).
The progress line goes to stderr only, is rewritten in place and cleared at the end; the
answer on stdout is complete and the same as with no terminal at all (where no progress
is written).
"""

from __future__ import annotations

import os
import pty
import select
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

CLEAR = "\r\x1b[2K"
NOTICE = "Instagram/Terms of Service.md"


@dataclass
class Run:
    """What a run printed: stdout, what its terminal (stderr) showed, its exit status."""

    code: int
    out: str
    terminal: str
    seconds: float


def _exe() -> str:
    return shutil.which("notice-tui", path=str(Path(sys.executable).parent)) or "notice-tui"


def stderr_on_terminal(args: list[str], out_file: Path, timeout: float = 300) -> Run:
    """Run notice-tui with stdin and stderr on a new pseudo-terminal, stdout to a file."""
    master, slave = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color"}
    started = time.monotonic()
    with open(out_file, "wb") as out:
        proc = subprocess.Popen([_exe(), *args], stdin=slave, stdout=out, stderr=slave, env=env)
    os.close(slave)
    chunks: list[bytes] = []
    while time.monotonic() - started < timeout:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the command ended and closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        elif proc.poll() is not None:
            break
    os.close(master)
    code = proc.wait(timeout=30)
    seconds = time.monotonic() - started
    terminal = b"".join(chunks).decode("utf-8", "replace")
    return Run(code, out_file.read_text(encoding="utf-8"), terminal, seconds)


@pytest.mark.parametrize(
    ("command", "expected_code"),
    [
        (["log"], 0),
        (["show", NOTICE], 0),
        (["diff", NOTICE, "previous", "latest"], 1),
        (["search", "--all-versions", "cookies"], 0),
    ],
    ids=["log", "show", "diff", "search"],
)
def test_a_slow_command_shows_progress_on_stderr_only(
    corpus: Path, tmp_path: Path, command: list[str], expected_code: int
) -> None:
    args = ["--repo", str(corpus), "--today", "2026-11-26", "--color", "never", *command]
    run = stderr_on_terminal(args, tmp_path / "out.txt")  # empty cache: a cold open
    assert run.code == expected_code, run.terminal[-500:]
    piped = subprocess.run([_exe(), *args], capture_output=True, text=True, check=False)
    assert run.out == piped.stdout and run.out.strip(), "the answer changed with a terminal"
    assert "notice-tui:" not in piped.stderr and "\x1b" not in piped.stderr
    assert CLEAR not in run.out and "notice-tui: " not in run.out
    if run.seconds < 1.0:
        pytest.skip(f"{' '.join(command)} took {run.seconds:.2f} s here: no progress due")
    lines = [part for part in run.terminal.split(CLEAR) if part]
    assert lines and all(part.startswith("notice-tui: ") for part in lines), run.terminal[:300]
    assert run.terminal.endswith(CLEAR), "the progress line was not cleared at the end"
