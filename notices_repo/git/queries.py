"""Typed one-answer git queries, written once: which commit a name means, whether one
commit is an ancestor of another, what one path is in a commit's tree, where a
repository's git folder is and what kind of repository it is.

Each runs one short git command through a :class:`~notices_repo.git.runner.GitRunner`
and turns "git said no" (a non-zero status) into ``None`` or ``False``; only a git that
cannot run at all raises :class:`~notices_repo.errors.RepoError` (and
:func:`repository_kind`, whose folder must be a repository).
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from notices_repo.errors import RepoError
from notices_repo.git.runner import GitRunner

__all__ = [
    "REGULAR_MODES",
    "RepositoryKind",
    "TreeEntry",
    "commit_id",
    "is_ancestor",
    "object_id",
    "repository_kind",
    "tree_entry",
    "tree_files",
]

#: Modes of a regular file in a tree (a symlink is 120000, a submodule 160000).
REGULAR_MODES = ("100644", "100755")


class TreeEntry(NamedTuple):
    """One entry of a tree as ``ls-tree`` lists it."""

    mode: str
    """``100644``, ``100755``, ``120000`` (symlink), ``040000`` (tree), ``160000``."""
    kind: str
    """``blob``, ``tree`` or ``commit`` (a submodule)."""
    oid: str
    """The object id."""

    @property
    def is_blob(self) -> bool:
        """A file or a symlink (an object ``cat-file`` can read as bytes)."""
        return self.kind == "blob"

    @property
    def is_regular_file(self) -> bool:
        """A regular file (never a symlink or a submodule)."""
        return self.kind == "blob" and self.mode in REGULAR_MODES


class RepositoryKind(NamedTuple):
    """Where a repository keeps its git data and what kind of repository it is."""

    git_dir: Path
    """The git folder, absolute (``.git`` of a work tree, or the bare repository)."""
    bare: bool
    """A bare repository (no work tree)."""
    shallow: bool
    """A shallow clone (history cut short)."""


def repository_kind(runner: GitRunner) -> RepositoryKind:
    """The git folder of the runner's repository, and whether it is bare or shallow
    (``rev-parse --absolute-git-dir --is-bare-repository --is-shallow-repository``).

    Raises :class:`~notices_repo.errors.RepoError` when the folder is not a git
    repository or git's answer cannot be read.
    """
    out = runner.output(
        "rev-parse", "--absolute-git-dir", "--is-bare-repository", "--is-shallow-repository"
    )
    lines = out.decode("utf-8", "surrogateescape").splitlines()
    if len(lines) < 3:
        raise RepoError(f"{runner.path}: git rev-parse gave an unexpected answer")
    return RepositoryKind(Path(lines[0]), lines[1].strip() == "true", lines[2].strip() == "true")


def object_id(runner: GitRunner, name: str) -> str | None:
    """The object id ``name`` names (``HEAD``, ``refs/heads/main``, ``commit:path``),
    None when it names nothing (``rev-parse -q --verify``)."""
    status, out, _ = runner.run("rev-parse", "-q", "--verify", name, check=False)
    if status != 0:
        return None
    return out.decode("ascii", "replace").strip() or None


def commit_id(runner: GitRunner, ref: str = "HEAD") -> str | None:
    """The commit ``ref`` names, peeled (a tag to its commit), None when it names no
    commit (``HEAD`` of a repository without commits, a missing ref)."""
    return object_id(runner, f"{ref}^{{commit}}")


def is_ancestor(runner: GitRunner, older: str, newer: str) -> bool:
    """Whether commit ``older`` is an ancestor of ``newer`` (or the same commit); False
    when git cannot say (an unknown object)."""
    status, _, _ = runner.run("merge-base", "--is-ancestor", older, newer, check=False)
    return status == 0


def tree_entry(runner: GitRunner, commit: str, path: str) -> TreeEntry | None:
    """What ``path`` is in ``commit``'s tree (None: no such path, or no such commit)."""
    status, out, _ = runner.run("ls-tree", "-z", commit, "--", path, check=False)
    if status != 0 or not out:
        return None
    meta = out.split(b"\t", 1)[0].split(b" ")
    if len(meta) != 3:
        return None
    mode, kind, oid = (part.decode("ascii", "replace") for part in meta)
    return TreeEntry(mode, kind, oid)


def tree_files(runner: GitRunner, commit: str) -> dict[str, tuple[str, str]]:
    """``path -> (mode, blob id)`` of every file in ``commit``'s tree (``ls-tree -r``;
    raises :class:`~notices_repo.errors.RepoError` when ``commit`` is no commit)."""
    out = runner.output("ls-tree", "-r", "-z", "--full-tree", commit)
    entries: dict[str, tuple[str, str]] = {}
    for record in out.split(b"\x00"):
        if not record:
            continue
        meta, _, raw_path = record.partition(b"\t")
        parts = meta.split(b" ")
        if len(parts) != 3 or parts[1] != b"blob":
            continue
        entries[raw_path.decode("utf-8", "replace")] = (
            parts[0].decode("ascii"),
            parts[2].decode("ascii"),
        )
    return entries
