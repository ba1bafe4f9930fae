"""The git runner itself: long-running processes work, repository-named settings are neutralised."""

from __future__ import annotations

from pathlib import Path

import pytest

from notices_repo.errors import RepoError
from notices_repo.git.catfile import CatFile
from notices_repo.git.runner import GitRunner, explain_git_failure, named_overrides
from tests.conftest import git


def _repo(tmp_path: Path) -> Path:
    repo = tmp_path / "r"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "a.md").write_text("# A\n\nText.\n")
    git(repo, "add", "a.md")
    git(repo, "commit", "-q", "-m", "one")
    return repo


def test_popen_process_outlives_the_call_that_started_it(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    runner = GitRunner(repo)
    blob = git(repo, "rev-parse", "HEAD:a.md").strip()
    catfile = CatFile(runner)
    try:
        assert catfile.read(blob) == b"# A\n\nText.\n"
        assert catfile.read(blob) == b"# A\n\nText.\n"  # the same process, still alive
        assert catfile.read("0" * 39 + "1") is None
    finally:
        catfile.close()
    assert list(CatFile(runner).read_many([blob, blob])) == [(blob, b"# A\n\nText.\n")] * 2


def test_popen_in_a_missing_folder_is_a_repo_error(tmp_path: Path) -> None:
    with pytest.raises(RepoError, match="does not exist"):
        GitRunner(tmp_path / "nowhere").popen("cat-file", "--batch")


def test_named_overrides_cover_driver_names_git_would_use() -> None:
    names = [
        "filter.evil.smudge",
        "filter.a=b.clean",
        "filter.x.y.process",
        "filter.lfs.required",
        "diff.pdf.textconv",
        "diff.tool.command",
        "protocol.file.allow",
        "credential.https://example.com.helper",
        "core.editor",
        "user.name",
        "filter.plain",
    ]
    got = dict(named_overrides(names))
    assert got == {
        "filter.evil.smudge": "",
        "filter.a=b.clean": "",
        "filter.x.y.process": "",
        "filter.lfs.required": "false",
        "diff.pdf.textconv": "cat",
        "diff.tool.command": "false",
        "protocol.file.allow": "never",
        "credential.https://example.com.helper": "",
    }


def test_a_driver_name_containing_equals_is_still_neutralised(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    marker = tmp_path / "SMUDGED"
    (repo / ".gitattributes").write_text("*.md filter=a=b\n")
    git(repo, "add", ".gitattributes")
    git(repo, "commit", "-q", "-m", "attributes")
    git(repo, "config", "filter.a=b.smudge", f"touch {marker}; cat")
    git(repo, "config", "filter.a=b.required", "true")
    (repo / "a.md").unlink()
    runner = GitRunner(repo)
    assert "filter.a=b.smudge" in runner.named_config()
    runner.run("checkout", "--", "a.md", env={"GIT_OPTIONAL_LOCKS": "1"})
    assert (repo / "a.md").read_text() == "# A\n\nText.\n"
    assert not marker.exists()


def test_partial_clone_failures_are_explained() -> None:
    message = explain_git_failure(
        "fatal: transport 'file' not allowed\nfatal: could not fetch 0123 from promisor remote\n",
        "/srv/notices",
    )
    assert "partial clone" in message and "never fetches" in message
