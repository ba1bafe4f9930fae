"""The work tree of the repository an import updates: refused when local changes would
be lost, moved to the new commit after the refs moved. Always ``--repo``'s folder itself
(``GIT_WORK_TREE``), never a ``core.worktree`` the repository's config names."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from notices_repo.bundles.results import ImportRefused
from notices_repo.errors import RepoError
from notices_repo.git.runner import GitRunner


def worktree_env(git_dir: Path, work_tree: Path) -> dict[str, str]:
    """The environment that points git at the repository and its work tree."""
    return {
        "GIT_DIR": str(git_dir),
        "GIT_WORK_TREE": str(work_tree),
        "GIT_OPTIONAL_LOCKS": "1",
    }


def check_work_tree(
    runner: GitRunner, git_dir: Path, work_tree: Path, old: str | None, new: str
) -> None:
    """Refuse when local changes would be lost or untracked files are in the way.

    Works on a scratch copy of the index (its stat cache refreshed there), so a refused
    import leaves even ``.git/index`` as it was.
    """
    with tempfile.TemporaryDirectory(prefix="notice-tui-index-") as scratch_dir:
        scratch = Path(scratch_dir) / "index"
        if (git_dir / "index").exists():
            shutil.copyfile(git_dir / "index", scratch)
        env = {**worktree_env(git_dir, work_tree), "GIT_INDEX_FILE": str(scratch)}
        if old is not None:
            runner.run("update-index", "-q", "--refresh", env=env, check=False)
            modified = runner.run("diff-files", "--name-only", "-z", env=env)[1]
            staged = runner.run("diff-index", "--cached", "--name-only", "-z", old, "--", env=env)[
                1
            ]
            names = sorted(
                {n.decode("utf-8", "replace") for n in (modified + staged).split(b"\x00") if n}
            )
            if names:
                shown = ", ".join(names[:3]) + (" ..." if len(names) > 3 else "")
                raise ImportRefused(
                    f"the work tree of {work_tree} has local changes ({shown}); commit, "
                    "stash or discard them first. Nothing was imported"
                )
        args = ["read-tree", "-m", "-u", "-n", *([old] if old else []), new]
        status, _, err = runner.run(*args, env=env, check=False)
    if status != 0:
        first = next((line for line in err.splitlines() if line.strip()), "")
        first = first.removeprefix("error: ").removeprefix("fatal: ")
        raise ImportRefused(
            f"the work tree of {work_tree} is in the way ({first}); move those files away "
            "first. Nothing was imported"
        )


def update_work_tree(
    runner: GitRunner, repository: Path, git_dir: Path, work_tree: Path, old: str | None, new: str
) -> None:
    """Move index and work tree from ``old`` to ``new`` (after the refs moved)."""
    env = worktree_env(git_dir, work_tree)
    try:
        runner.run("update-index", "-q", "--refresh", env=env, check=False)
        runner.run("read-tree", "-m", "-u", *([old] if old else []), new, env=env)
    except RepoError as exc:
        raise ImportRefused(
            f"{repository}: the branch now has the new commits but its work tree "
            f"could not be updated ({exc.message}); run the same import again to finish"
        ) from None


__all__ = ["check_work_tree", "update_work_tree", "worktree_env"]
