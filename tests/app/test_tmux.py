"""The real ``notice-tui`` in a real terminal (tmux): first screen, keys, a clean exit.

Each test starts its own tmux server (``tmux -L <unique socket>``) running ``bash``,
types ``notice-tui ...; echo EXITED`` into it, reads the screen with ``capture-pane``,
and checks after ``q`` that the shell prompt is back with the terminal restored: no
alternate screen, no mouse reporting, cursor visible. Skipped where tmux is missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

EXE = Path(sys.executable).parent / "notice-tui"
WIDTH, HEIGHT = 120, 36


class Tmux:
    """One tmux server with one 120x36 window running bash."""

    def __init__(self, env: dict[str, str]) -> None:
        self.socket = f"notice-tui-test-{uuid.uuid4().hex[:8]}"
        self.env = env
        self.tmux(
            "new-session",
            "-d",
            "-x",
            str(WIDTH),
            "-y",
            str(HEIGHT),
            "-s",
            "t",
            "bash --norc --noprofile",
        )
        self.tmux("set-option", "-t", "t", "status", "off")

    def tmux(self, *args: str) -> str:
        """Run a tmux command against this server."""
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args],
            capture_output=True,
            text=True,
            env=self.env,
            timeout=30,
            check=False,
        )
        if result.returncode != 0:
            raise AssertionError(f"tmux {' '.join(args)}: {result.stderr}")
        return result.stdout

    def type(self, text: str) -> None:
        """Type text literally, then Enter."""
        self.tmux("send-keys", "-t", "t", "-l", text)
        self.tmux("send-keys", "-t", "t", "Enter")

    def keys(self, *names: str) -> None:
        """Press keys by tmux name (``j``, ``Tab``, ``Escape``...)."""
        for name in names:
            self.tmux("send-keys", "-t", "t", name)

    def screen(self) -> str:
        """The visible screen as text."""
        return self.tmux("capture-pane", "-p", "-t", "t")

    def flag(self, name: str) -> str:
        """A pane format variable (``alternate_on``, ``mouse_any_flag``...)."""
        return self.tmux("display-message", "-p", "-t", "t", f"#{{{name}}}").strip()

    def wait_for(self, check: Callable[[str], bool], timeout: float = 60.0) -> str:
        """Poll the screen until ``check`` holds (fails with the last screen)."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if check(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"timed out; the screen was:\n{screen}")

    def close(self) -> None:
        """Stop this server (only ours: it has its own socket)."""
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, check=False)


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    """A tmux server with the test's isolated folders in its environment."""
    env = dict(os.environ)
    env.pop("NO_COLOR", None)
    env.pop("TMUX", None)
    env["TERM"] = "xterm-256color"
    server = Tmux(env)
    try:
        server.type("PS1='PROMPT$ '; clear")
        server.wait_for(lambda s: s.strip() == "PROMPT$", timeout=10)
        yield server
    finally:
        server.close()


def _quit_cleanly(tmux: Tmux) -> None:
    tmux.keys("q")

    def back_at_the_prompt(screen: str) -> bool:
        lines = [line.strip() for line in screen.splitlines() if line.strip()]
        return len(lines) >= 2 and lines[-2:] == ["EXITED", "PROMPT$"]

    screen = tmux.wait_for(back_at_the_prompt, timeout=20)
    assert "Traceback" not in screen and "Error" not in screen
    assert tmux.flag("alternate_on") == "0"
    for flag in ("mouse_any_flag", "mouse_button_flag", "mouse_standard_flag", "mouse_sgr_flag"):
        assert tmux.flag(flag) == "0", flag
    assert tmux.flag("cursor_flag") == "1"


def test_sample_in_a_real_terminal(tmux: Tmux) -> None:
    tmux.type(f"{EXE} --today 2026-11-26 --release 8.6; echo EXITED")
    screen = tmux.wait_for(lambda s: "Effective Date:" in s and "built-in sample" in s)
    assert "Privacy Notice for Air-Gapped Workspaces" in screen
    assert "Rocket.Chat 8.6 — supported until 2027-01-31" in screen
    assert tmux.flag("alternate_on") == "1"
    tmux.keys("j")
    screen = tmux.wait_for(lambda s: "Terms of Use for Self-Managed Workspaces" in s.split("\n")[1])
    tmux.keys("Tab", "j")
    tmux.wait_for(lambda s: "Add the terms of use for self-managed" in s)
    tmux.keys("?")
    tmux.wait_for(lambda s: "Help — Versions" in s)
    tmux.keys("Escape")  # alone: ESC and a letter at once read as alt+letter
    tmux.wait_for(lambda s: "Help —" not in s)
    tmux.keys("t")
    tmux.wait_for(lambda s: "Show every notice as of" in s)
    tmux.keys("C-a", "C-k")
    tmux.wait_for(lambda s: "YYYY-MM-DD" in s)  # emptied (the placeholder shows)
    tmux.tmux("send-keys", "-t", "t", "-l", "2024-01-01")
    tmux.wait_for(lambda s: "2024-01-01" in s)
    tmux.keys("Enter")
    tmux.wait_for(lambda s: "AS OF 2024-01-01" in s)
    tmux.keys("Escape")
    tmux.wait_for(lambda s: "AS OF" not in s)
    _quit_cleanly(tmux)


@pytest.mark.corpus
def test_real_corpus_in_a_real_terminal(tmux: Tmux, corpus: Path) -> None:
    tmux.type(f"{EXE} --repo '{corpus}' --today 2026-11-26; echo EXITED")
    screen = tmux.wait_for(lambda s: "200 notices" in s, timeout=120)
    assert "AliExpress" in screen
    tmux.keys("f")
    # type once the box shows, as a person would: Textual hands keys to the widget that
    # has focus when it takes them off its queue, so letters sent in the same instant as
    # f, while the UI is busy with the freshly read catalog, would still reach the list
    tmux.wait_for(lambda s: "filter: words in path or title" in s)
    tmux.type("facebook privacy")
    screen = tmux.wait_for(lambda s: "filter: facebook privacy" in s)
    tmux.keys("Tab", "Tab")
    screen = tmux.wait_for(lambda s: "Facebook/" in s)
    tmux.keys("End")
    tmux.wait_for(lambda s: "superseded" in s or "version 1 of" in s)
    _quit_cleanly(tmux)


@pytest.mark.corpus
def test_quit_while_reading_a_repository(tmux: Tmux, corpus: Path, tmp_path: Path) -> None:
    cold = tmp_path / "cold-cache"
    tmux.type(f"NOTICE_TUI_CACHE_DIR='{cold}' {EXE} --repo '{corpus}'; echo EXITED")
    tmux.wait_for(lambda s: "Reading" in s or "opening" in s, timeout=30)
    started = time.monotonic()
    _quit_cleanly(tmux)
    assert time.monotonic() - started < 10


def test_releases_screen_in_a_16_colour_terminal_without_colour(tmux: Tmux) -> None:
    """NO_COLOR and TERM=xterm (the ANSI theme): the states still read in words."""
    tmux.type(f"NO_COLOR=1 TERM=xterm {EXE} --today 2027-01-15 --release 8.6; echo EXITED")
    screen = tmux.wait_for(lambda s: "Effective Date:" in s and "8.6 — support ends" in s)
    tmux.keys("R")
    screen = tmux.wait_for(lambda s: "Rocket.Chat releases on 2027-01-15" in s)
    assert "Running 8.6 (from --release): support ends 2027-01-31, 16 days left" in screen
    assert "16 days left, ending soon" in screen and "ended 76 days ago" in screen
    row = next(line for line in screen.splitlines() if "▶ 8.6" in line)
    assert row.rstrip().endswith("built-in")  # the whole row fits
    colours = tmux.tmux("capture-pane", "-p", "-e", "-t", "t")
    assert "\x1b[3" not in colours.replace("\x1b[39m", "")  # no foreground colour at all
    tmux.keys("j", "j", "j")  # from 8.6 down to 8.3, released 2026-04-07
    tmux.keys("Enter")
    tmux.wait_for(lambda s: "AS OF 2026-04-07, 8.3 released" in s)
    tmux.keys("Escape")
    tmux.wait_for(lambda s: "AS OF" not in s)
    _quit_cleanly(tmux)
