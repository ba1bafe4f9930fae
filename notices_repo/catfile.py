"""Reading blobs through one persistent ``git cat-file --batch`` process.

Per-object GitPython calls are 50-100x slower than one pipelined batch process
(PERFORMANCE-FACTS.md), so all reads go through here: :meth:`CatFile.read` for single
objects on demand, :meth:`CatFile.read_many` for bulk scans (a writer thread feeds ids while
the caller consumes contents, so git never waits for us).
"""

from __future__ import annotations

import contextlib
import subprocess
import threading
from collections.abc import Iterable, Iterator
from typing import IO

from .errors import Cancelled, RepoError
from .gitcmd import GitRunner


def _read_one(stdout: IO[bytes], expected: str) -> bytes | None:
    header = stdout.readline()
    if not header:
        raise RepoError("git cat-file stopped unexpectedly while reading objects")
    parts = header.split()
    if len(parts) == 2 and parts[1] in (b"missing", b"ambiguous"):
        return None
    if len(parts) != 3:
        raise RepoError(f"unexpected answer from git cat-file for {expected}")
    size = int(parts[2])
    data = stdout.read(size)
    stdout.read(1)  # the newline after the contents
    if parts[1] != b"blob":
        return None
    return data


class CatFile:
    """A persistent ``git cat-file --batch`` for one repository (thread-safe)."""

    def __init__(self, runner: GitRunner) -> None:
        self._runner = runner
        self._proc: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()

    def _process(self) -> subprocess.Popen[bytes]:
        if self._proc is None or self._proc.poll() is not None:
            self._proc = self._runner.popen("cat-file", "--batch")
        return self._proc

    def read(self, oid: str) -> bytes | None:
        """The contents of blob ``oid``; None if it is missing (partial clone) or not a blob."""
        with self._lock:
            proc = self._process()
            assert proc.stdin is not None and proc.stdout is not None
            try:
                proc.stdin.write(oid.encode("ascii") + b"\n")
                proc.stdin.flush()
                return _read_one(proc.stdout, oid)
            except (BrokenPipeError, ValueError) as exc:
                self._proc = None
                raise RepoError("git cat-file stopped unexpectedly while reading objects") from exc

    def read_many(
        self, oids: Iterable[str], cancelled: threading.Event | None = None
    ) -> Iterator[tuple[str, bytes | None]]:
        """Yield ``(oid, contents or None)`` for each id, in order, from a dedicated process."""
        ids = list(oids)
        if not ids:
            return
        proc = self._runner.popen("cat-file", "--batch")
        assert proc.stdin is not None and proc.stdout is not None
        stdin = proc.stdin

        def feed() -> None:
            try:
                for start in range(0, len(ids), 512):
                    if cancelled is not None and cancelled.is_set():
                        break
                    stdin.write(("\n".join(ids[start : start + 512]) + "\n").encode("ascii"))
                stdin.close()
            except (BrokenPipeError, ValueError, OSError):
                pass

        writer = threading.Thread(target=feed, name="cat-file-feed", daemon=True)
        writer.start()
        try:
            for oid in ids:
                if cancelled is not None and cancelled.is_set():
                    raise Cancelled()
                yield oid, _read_one(proc.stdout, oid)
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
            writer.join(timeout=1)

    def close(self) -> None:
        """Stop the persistent process."""
        with self._lock:
            if self._proc is not None:
                if self._proc.stdin:
                    with contextlib.suppress(OSError):
                        self._proc.stdin.close()
                if self._proc.poll() is None:
                    self._proc.kill()
                self._proc.wait()
                self._proc = None
