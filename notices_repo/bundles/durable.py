"""Files an import writes so that an interruption anywhere leaves a consistent state:
the lock (one import at a time), atomic and durable writes, and the pause points the
interruption tests stop an import at."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from notices_repo.bundles.results import ImportRefused

#: The lock file in the git folder while an import runs (it holds the process id).
LOCK = "notice-tui-import.lock"
#: Set to a stage name to make the import stop there (tests kill it at that point).
PAUSE_ENV = "NOTICE_TUI_TEST_PAUSE_AT"
#: The stages :data:`PAUSE_ENV` can name, in the order an import reaches them.
STAGES = ("objects", "checked", "journal", "refs", "work-tree", "created")


def pause(stage: str) -> None:
    """A fault-injection point for the interruption tests (see :data:`PAUSE_ENV`)."""
    if os.environ.get(PAUSE_ENV) == stage:
        sys.stderr.write(f"notice-tui: paused at {stage}\n")
        sys.stderr.flush()
        while True:
            time.sleep(3600)


def alive(pid: int) -> bool:
    """Whether process ``pid`` runs (a lock or a temporary folder may be taken over when not)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed over it, then sync."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    """Make a rename or removal in ``folder`` durable (best effort)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def import_lock(git_dir: Path, shown: Path) -> Iterator[None]:
    """One import at a time per repository; a lock left by a killed import is taken over."""
    lock = git_dir / LOCK
    for _ in range(3):
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            try:
                holder = int(lock.read_text("ascii").strip() or "0")
            except (OSError, ValueError):
                holder = 0
            if alive(holder) and holder != os.getpid():
                raise ImportRefused(
                    f"another notice-tui import (process {holder}) is running on {shown}; "
                    "wait for it to finish"
                ) from None
            with contextlib.suppress(FileNotFoundError):
                lock.unlink()
            continue
        except OSError as exc:
            raise ImportRefused(
                f"cannot write to {git_dir}: {exc.strerror or exc}; importing needs write "
                "access to the repository"
            ) from None
        with os.fdopen(fd, "w") as handle:
            handle.write(f"{os.getpid()}\n")
        break
    else:
        raise ImportRefused(f"cannot take the import lock {lock}; remove it if no import runs")
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            lock.unlink()


__all__ = [
    "LOCK",
    "PAUSE_ENV",
    "STAGES",
    "alive",
    "fsync_dir",
    "import_lock",
    "pause",
    "write_atomic",
]
