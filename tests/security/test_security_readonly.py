"""Read-only by default: every command but ``import``, and an app session, leave the
repository byte for byte as it was: work tree, ``.git`` and ``.git/index`` included
(no index refresh, no lock file left or even created-and-removed: folder times count)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import GitRepo, run_cli
from tests.security.test_security_helpers import app_screen, changed, command_plans, tree_digest

NOTICE = "# Privacy Notice\n\nEffective Date: {date}\n\n## Data\n\n* **Usage Data:** {what}\n"


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    """A repository with history, a calendar, rules, untracked files and a stale index."""
    git_repo.commit(
        {
            "privacy/notice.md": NOTICE.format(date="1 January 2024", what="clicks"),
            "terms.md": "# Terms\n\nEffective Date: 1 March 2024\n",
            ".notice-tui.toml": 'exclude = ["drafts/**"]\n',
            "releases.toml": '[[release]]\nversion = "8.6"\nreleased = 2026-07-03\n',
        },
        date="2024-01-01T10:00:00+00:00",
        message="First",
    )
    git_repo.commit(
        {"privacy/notice.md": NOTICE.format(date="1 July 2024", what="clicks and pages")},
        date="2024-06-01T10:00:00+00:00",
        message="Second",
    )
    git_repo.write("untracked.md", "# Not committed\n")
    # every tracked file gets a new time: its index entry is stale, a refresh would rewrite it
    for name in ("privacy/notice.md", "terms.md", "releases.toml"):
        os.utime(git_repo.path / name, (1_900_000_000, 1_900_000_000))
    return git_repo


def test_every_read_command_leaves_the_repository_untouched(repo: GitRepo) -> None:
    plans = command_plans(notice="privacy/notice.md", word="Usage")
    for _name, argv in plans:
        before = tree_digest(repo.path)
        result = run_cli(*argv, "--repo", str(repo.path), "--today", "2026-11-26")
        assert "Traceback" not in result.err, (argv, result.err)
        assert changed(before, tree_digest(repo.path)) == [], argv


def test_the_digest_notices_an_index_refresh(repo: GitRepo) -> None:
    """The control: what git status does to this repository is caught."""
    before = tree_digest(repo.path)
    repo.git("status", "--porcelain")
    assert ".git/index" in changed(before, tree_digest(repo.path))


def test_a_full_app_session_leaves_the_repository_untouched(repo: GitRepo) -> None:
    before = tree_digest(repo.path)
    keys = ["down", "enter", "a", "tab", "down", "enter", "d", "escape", "r", "f", "p", "escape"]
    keys += ["question_mark"]
    app_screen(repo.path, [*keys, "escape", "q"])
    assert changed(before, tree_digest(repo.path)) == []


def test_the_built_in_sample_stays_untouched(sample_repo: Path) -> None:
    for _name, argv in command_plans(notice="air-gapped", word="data"):
        before = tree_digest(sample_repo)
        run_cli(*argv, "--today", "2026-11-26")
        assert changed(before, tree_digest(sample_repo)) == [], argv
