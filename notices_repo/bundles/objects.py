"""A bundle's objects stored in the repository: ``git index-pack --strict`` (every object
checked as ``fsck`` would), nothing visible until refs point at them."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from notices_repo.bundles.header import BundleHeader
from notices_repo.bundles.results import ImportRefused
from notices_repo.git.runner import GitRunner


def store_objects(runner: GitRunner, bundle: Path, header: BundleHeader) -> None:
    """Store the bundle's pack; :class:`ImportRefused` when an object is damaged or unsafe."""
    fd = os.open(bundle, os.O_RDONLY)
    try:
        os.lseek(fd, header.pack_offset, os.SEEK_SET)
        with os.fdopen(fd, "rb", buffering=0, closefd=False) as stream:
            status, _, err = runner.run(
                "index-pack", "--stdin", "--fix-thin", "--strict", stdin=stream, check=False
            )
    finally:
        os.close(fd)
    if status != 0:
        first = next((line for line in err.splitlines() if line.strip()), "")
        first = first.removeprefix("fatal: ").removeprefix("error: ")
        raise ImportRefused(
            f"the bundle's objects are damaged or unsafe ({first}); nothing was imported"
        )


def have_objects(runner: GitRunner, oids: list[str]) -> bool:
    """Whether every object in ``oids`` is already in the repository."""
    with tempfile.TemporaryFile() as stdin:
        stdin.write("".join(f"{oid}\n" for oid in oids).encode("ascii"))
        stdin.seek(0)
        status, out, _ = runner.run(
            "cat-file", "--batch-check=%(objectname)", stdin=stdin, check=False
        )
    return status == 0 and b"missing" not in out


__all__ = ["have_objects", "store_objects"]
