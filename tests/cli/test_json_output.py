"""``--json`` output: one ASCII line for pipes (fast), indented on a terminal, same content."""

from __future__ import annotations

import json
import os
import pty
import select
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import GitRepo, run_command
from tui.cli.context import json_text

TITLE = "Politique de confidentialité \u202eevil\u200b — ダウンロード"
BODY = "Effective Date: 1 January 2024\n\nDEL \x7f and C1 \x85 and text.\n"


def _on_a_terminal(*args: str) -> str:
    """Run the real ``notice-tui`` with its stdout on a pseudo-terminal; what it wrote."""
    exe = shutil.which("notice-tui", path=str(Path(sys.executable).parent)) or "notice-tui"
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [exe, *args], stdout=slave, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL
    )
    os.close(slave)
    chunks: list[bytes] = []
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(master, 1 << 16)
        except OSError:  # the terminal closed: the command is done
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert proc.wait(timeout=60) == 0
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def test_log_json_is_one_ascii_line_in_a_pipe_and_indented_on_a_terminal(
    git_repo: GitRepo,
) -> None:
    git_repo.commit({"fr/notice.md": f"# {TITLE}\n\n{BODY}"}, message=f"Add {TITLE}")
    args = ("log", "--json", "--repo", str(git_repo.path), "--today", "2026-01-01")
    piped = run_command(*args)
    assert piped.code == 0, piped.err
    assert piped.out.count("\n") == 1 and piped.out.isascii()
    terminal = _on_a_terminal(*args)
    assert terminal.startswith('{\n  "repository": ')  # indented for a person
    assert "confidentialité" in terminal and "ダウンロード" in terminal  # UTF-8 kept
    assert "\u202e" not in terminal and "\\u202e" in terminal  # bidi never raw
    assert json.loads(piped.out) == json.loads(terminal)
    notice = json.loads(piped.out)["notices"][0]
    assert notice["title"] == TITLE and notice["revisions"][0]["subject"] == f"Add {TITLE}"


def test_json_text_compact_and_pretty_carry_the_same_content() -> None:
    obj = {"t": TITLE, "del": "a\x7fb", "c1": "\x85\x9f", "bom": "\ufeffx", "n": [1, None, True]}
    compact, pretty = json_text(obj, pretty=False), json_text(obj)
    assert json.loads(compact) == json.loads(pretty) == obj
    assert "\n" not in compact and compact.isascii() and "\x7f" not in compact
    assert "\\u007f" in compact and "\\u007f" in pretty
    for hidden in ("\u202e", "\u200b", "\ufeff", "\x85", "\x7f"):
        assert hidden not in pretty and hidden not in compact
    assert "ダウンロード" in pretty and "confidentialité" in pretty
