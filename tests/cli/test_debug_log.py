"""``--debug``: a log in the state folder with git commands and timings, never notice text."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from tests.conftest import ROOT, GitRepo, run_cli, run_command

SAMPLE_SOURCES = ROOT / "notices_repo" / "sample" / "data"


def _notice_sentences() -> list[str]:
    """Sentences of the sample notices (what a leak of notice text would show)."""
    sentences = []
    for source in sorted(SAMPLE_SOURCES.glob("*.md")):
        text = " ".join(source.read_text("utf-8").split())
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            sentence = sentence.strip("#*_ ")
            if len(sentence) >= 30:
                sentences.append(sentence[:60])
    return sentences


NOTICE_V1 = """# Privacy Notice for Quiet Harbour

Effective 1 March 2024.

## Data We Collect

Harbour keeps the names of the boats that moor at the eastern jetty overnight.
"""
NOTICE_V2 = NOTICE_V1.replace(
    "overnight.", "overnight, and the tide tables the harbour master prints each dawn."
).replace("1 March 2024", "1 June 2025")


def test_debug_log_has_git_commands_and_timings_but_no_notice_text(
    isolated_user_folders: Path, git_repo: GitRepo
) -> None:
    git_repo.commit({"harbour.md": NOTICE_V1}, date="2024-03-01T10:00:00+00:00")
    git_repo.commit({"harbour.md": NOTICE_V2}, date="2025-06-01T10:00:00+00:00")
    repo = str(git_repo.path)
    log_file = isolated_user_folders / "state" / "debug.log"
    result = run_command("--debug", "log", "--repo", repo)  # a new repository: no cache yet
    assert result.code == 0, result.err
    assert result.err.startswith(f"notice-tui: writing a debug log to {log_file}\n")
    for args in (["show", "harbour", "--debug"], ["diff", "harbour", "--debug", "--json"]):
        assert run_command(*args, "--repo", repo).code in (0, 1)
    assert run_command("show", "air-gapped", "--debug").code == 0  # the sample too
    text = log_file.read_text("utf-8")
    assert re.search(r"---- notice-tui \S+: log \(Python 3\.\d+", text)
    # git log runs to completion (timed) or streams as a process (started, then read)
    assert re.search(r"notices_repo\.git DEBUG git log( -> 0 in \d+\.\d{3} s| \(process\))", text)
    assert re.search(r"notices_repo\.git DEBUG git rev-parse -> 0 in \d+\.\d{3} s", text)
    assert "git cat-file" in text
    assert re.search(r"tui DEBUG log finished in \d+\.\d{3} s", text)
    assert re.search(r"tui DEBUG show finished in \d+\.\d{3} s", text)

    shown = run_command("show", "harbour", "--repo", repo).out
    assert "tide tables the harbour master prints each dawn" in shown  # the test bites
    for sentence in (
        "Harbour keeps the names of the boats",
        "tide tables the harbour master",
        "Privacy Notice for Quiet Harbour",
        "Data We Collect",
    ):
        assert sentence not in text
    sentences = _notice_sentences()
    assert len(sentences) > 20
    leaked = [sentence for sentence in sentences if sentence in " ".join(text.split())]
    assert leaked == []
    assert "harbour" not in text.lower()  # nor the arguments that name a notice
    assert "air-gapped" not in text


def test_without_debug_nothing_is_written(isolated_user_folders: Path) -> None:
    assert run_command("log").code == 0
    assert not (isolated_user_folders / "state" / "debug.log").exists()


def test_debug_log_rotates_at_a_megabyte(isolated_user_folders: Path) -> None:
    state = isolated_user_folders / "state"
    state.mkdir(parents=True)
    (state / "debug.log").write_text("x" * 1_100_000)
    assert run_command("--debug", "status", "--release", "8.6").code in (0, 1, 2)
    assert (state / "debug.log.1").stat().st_size >= 1_100_000
    assert 0 < (state / "debug.log").stat().st_size < 100_000


def test_repeated_runs_in_one_process_do_not_duplicate_lines(
    isolated_user_folders: Path,
) -> None:
    for _ in range(3):
        assert run_cli("--debug", "log").code == 0
    handlers = [h for h in logging.getLogger("tui").handlers if h.get_name() == "notice-tui-debug"]
    assert len(handlers) == 1
    text = (isolated_user_folders / "state" / "debug.log").read_text("utf-8")
    assert text.count("---- notice-tui") == 3
    assert text.count("tui DEBUG log finished in") == 3
    for handler in handlers:  # leave logging as other tests expect it
        for name in ("tui", "notices_repo"):
            logging.getLogger(name).removeHandler(handler)
        handler.close()
