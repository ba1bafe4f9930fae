"""Refs an import writes: all-or-nothing transactions, and the quarantine refs that keep
a bundle's objects reachable while they are checked."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from notices_repo.errors import RepoError
from notices_repo.git.runner import GitRunner

#: Where the quarantine refs of an import in progress live (one folder per import).
QUARANTINE = "refs/notice-tui/quarantine"


def ref_transaction(runner: GitRunner, lines: list[str]) -> None:
    """Apply ``update``/``create``/``delete`` lines as one transaction (all or none)."""
    script = "start\n" + "".join(line + "\n" for line in lines) + "prepare\ncommit\n"
    with tempfile.TemporaryFile() as stdin:
        stdin.write(script.encode("utf-8"))
        stdin.seek(0)
        runner.run("update-ref", "-m", "notice-tui import", "--stdin", stdin=stdin)


def short(oid: str | None) -> str:
    """An object id as messages show it (``(none)`` for no commit)."""
    return oid[:10] if oid else "(none)"


def drop_quarantine(runner: GitRunner, prefix: str) -> None:
    """Delete the quarantine refs under ``prefix`` (and the folders git leaves)."""
    out = runner.output("for-each-ref", "--format=%(refname)", prefix)
    refs = out.decode("utf-8", "replace").split()
    if refs:
        with contextlib.suppress(RepoError):
            ref_transaction(runner, [f"delete {ref}" for ref in refs])
    remove_empty_ref_folders(runner)


def remove_empty_ref_folders(runner: GitRunner) -> None:
    """git leaves the emptied ``refs/notice-tui/...`` folders behind; remove them."""
    status, out, _ = runner.run("rev-parse", "--git-common-dir", check=False)
    if status != 0:
        return
    common = Path(out.decode("utf-8", "surrogateescape").strip())
    root = (common if common.is_absolute() else runner.path / common) / "refs" / "notice-tui"
    if not root.is_dir():
        return
    for folder, _dirs, _files in sorted(os.walk(root), key=lambda e: -len(e[0])):
        with contextlib.suppress(OSError):
            os.rmdir(folder)


__all__ = ["QUARANTINE", "drop_quarantine", "ref_transaction", "remove_empty_ref_folders", "short"]
