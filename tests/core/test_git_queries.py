"""The typed one-answer git queries (notices_repo.git.queries) on real repositories."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from notices_repo.errors import RepoError
from notices_repo.git.queries import (
    TreeEntry,
    commit_id,
    is_ancestor,
    object_id,
    repository_kind,
    tree_entry,
    tree_files,
)
from notices_repo.git.runner import GitRunner
from tests.conftest import GitRepo, git


def test_commit_id_of_an_empty_repository_is_none(git_repo: GitRepo) -> None:
    runner = GitRunner(git_repo.path)
    assert commit_id(runner) is None
    assert object_id(runner, "HEAD") is None


def test_commit_id_peels_a_tag_and_object_id_does_not(git_repo: GitRepo) -> None:
    first = git_repo.commit({"privacy.md": "# Privacy\n"})
    git_repo.git("tag", "-a", "-m", "release", "v1")
    runner = GitRunner(git_repo.path)
    assert commit_id(runner) == first
    assert commit_id(runner, "v1") == first
    tag_object = object_id(runner, "refs/tags/v1")
    assert tag_object is not None and tag_object != first  # the annotated tag itself
    assert commit_id(runner, "no-such-branch") is None


def test_is_ancestor_both_ways_and_unknown_objects(git_repo: GitRepo) -> None:
    older = git_repo.commit({"privacy.md": "# Privacy\n"}, date="2024-01-01T12:00:00+00:00")
    newer = git_repo.commit({"privacy.md": "# Privacy\n\nv2\n"}, date="2024-02-01T12:00:00+00:00")
    runner = GitRunner(git_repo.path)
    assert is_ancestor(runner, older, newer)
    assert is_ancestor(runner, newer, newer)
    assert not is_ancestor(runner, newer, older)
    assert not is_ancestor(runner, "0" * 40, newer)


@pytest.mark.skipif(os.name == "nt", reason="symlinks")
def test_tree_entry_tells_files_symlinks_and_folders_apart(git_repo: GitRepo) -> None:
    git_repo.write("terms/terms.md", "# Terms\n")
    (git_repo.path / "link.md").symlink_to("terms/terms.md")
    git_repo.git("add", "-A")
    head = git_repo.commit(message="files, a folder and a symlink", allow_empty=True)
    runner = GitRunner(git_repo.path)

    file = tree_entry(runner, head, "terms/terms.md")
    assert isinstance(file, TreeEntry) and file.is_regular_file and file.mode == "100644"
    assert object_id(runner, f"{head}:terms/terms.md") == file.oid

    link = tree_entry(runner, head, "link.md")
    assert link is not None and link.is_blob and not link.is_regular_file

    folder = tree_entry(runner, head, "terms")
    assert folder is not None and folder.kind == "tree" and not folder.is_blob

    assert tree_entry(runner, head, "missing.md") is None
    assert tree_entry(runner, "0" * 40, "terms/terms.md") is None

    files = tree_files(runner, head)
    assert files["terms/terms.md"] == ("100644", file.oid)
    assert files["link.md"][0] == "120000"
    assert "terms" not in files  # files only, folders recursed into


def test_repository_kind_of_a_work_tree_a_bare_and_a_shallow_clone(
    git_repo: GitRepo, tmp_path: Path
) -> None:
    git_repo.commit({"privacy.md": "# Privacy\n"}, date="2024-01-01T12:00:00+00:00")
    git_repo.commit({"privacy.md": "# Privacy\n\nv2\n"}, date="2024-02-01T12:00:00+00:00")
    kind = repository_kind(GitRunner(git_repo.path))
    assert kind.git_dir == (git_repo.path / ".git").resolve()
    assert (kind.bare, kind.shallow) == (False, False)
    bare = tmp_path / "bare.git"
    git(tmp_path, "clone", "-q", "--bare", str(git_repo.path), str(bare))
    assert repository_kind(GitRunner(bare)) == (bare.resolve(), True, False)
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{git_repo.path}", str(shallow))
    assert repository_kind(GitRunner(shallow)).shallow is True


def test_repository_kind_of_a_plain_folder_is_one_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    with pytest.raises(RepoError):
        repository_kind(GitRunner(folder))
