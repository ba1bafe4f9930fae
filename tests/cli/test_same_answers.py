"""bench/same_answers.py: the headless answers of two checkouts, compared (issue 16).

Run on the built-in sample repository with the working tree on both sides, it must find
every answer identical; an answer that changes must be reported, with exit status 1.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "bench" / "same_answers.py"
sys.path.insert(0, str(ROOT / "bench"))

import same_answers  # noqa: E402


def run_script(*args: str) -> subprocess.CompletedProcess[str]:
    """The script in a fresh process, as a person runs it."""
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_the_working_tree_against_itself_is_identical(sample_repo: Path) -> None:
    result = run_script(
        "--repo",
        str(sample_repo),
        "--before",
        str(ROOT),
        "--notices",
        "2",
        "--query",
        "cookies",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    last = result.stdout.strip().splitlines()[-1]
    # log, log --all, show and diff of 2 notices, search in both scopes, status
    assert last.startswith("identical: 9 commands on "), result.stdout
    assert "show privacy/" in result.stderr and "search --all-versions" in result.stderr


def test_a_changed_answer_is_reported_with_a_diff() -> None:
    command = ["show", "privacy/notice.md"]
    before = same_answers.Answer(0, "WHAT WE COLLECT\nemail\n", "", 0.1)
    after = same_answers.Answer(1, "WHAT WE COLLECT\nemail address\n", "", 0.1)
    report = same_answers.difference(command, before, after, lines=30)
    assert report.splitlines()[0] == "differs: notice-tui show privacy/notice.md"
    assert "exit status 0 before, 1 after" in report
    assert "-email" in report and "+email address" in report


def test_notices_to_compare_have_two_revisions_and_are_spread() -> None:
    listing = {
        "notices": [
            {"path": f"n{i}.md", "retired": i == 3, "revisions": [{}] * (1 + i % 2)}
            for i in range(10)
        ]
    }
    import json

    assert same_answers.notice_paths(json.dumps(listing), 2) == ["n1.md", "n7.md"]
    assert same_answers.notice_paths("not json", 2) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--repo", "/nonexistent/repo"], "is not a git repository; pass --repo PATH"),
        (["--before", "/tmp"], "holds no notice-tui checkout (--before)"),
        (["--before-ref", "no-such-ref-b16"], "cannot export 'no-such-ref-b16'"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: list[str], message: str, sample_repo: Path) -> None:
    full = args if args[0] == "--repo" else ["--repo", str(sample_repo), *args]
    result = run_script(*full)
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
