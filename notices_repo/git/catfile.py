"""Reading blobs through ``git cat-file --batch`` processes.

Per-object GitPython calls are 50-100x slower than one pipelined batch process
(PERFORMANCE-FACTS.md), so all reads go through here:

* :meth:`CatFile.read`: one object on demand, through a persistent process;
* :meth:`CatFile.read_many`: a bulk scan through a dedicated process that ends with it;
* :meth:`CatFile.stream`: bulk scans one after another through a second persistent
  process (the history scan reads notice after notice without starting git each time).

In the bulk reads a writer thread feeds ids while the caller consumes contents, so git
never waits for us, and the pipe from git is enlarged where Linux allows it (fewer
wake-ups of both processes per megabyte).
"""

from __future__ import annotations

import contextlib
import subprocess
import threading
from collections.abc import Iterable, Iterator
from typing import IO

from notices_repo.errors import Cancelled, RepoError
from notices_repo.git.runner import GitRunner

#: Pipe size asked for git's output (Linux ``F_SETPIPE_SZ``; the default is 64 KiB).
PIPE_BYTES = 1 << 20


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
    if len(data) != size:
        raise RepoError("git cat-file stopped unexpectedly while reading objects")
    if parts[1] != b"blob":
        return None
    return data


def _enlarge_pipe(stream: IO[bytes] | None) -> None:
    """Ask Linux for a larger pipe (silently keeps the default elsewhere)."""
    if stream is None:
        return
    with contextlib.suppress(Exception):
        import fcntl

        fcntl.fcntl(stream.fileno(), getattr(fcntl, "F_SETPIPE_SZ", 1031), PIPE_BYTES)


def _feed(stdin: IO[bytes], ids: list[str], cancelled: threading.Event | None, close: bool) -> None:
    """Write ``ids`` to a cat-file's stdin in batches (runs in a writer thread)."""
    try:
        for start in range(0, len(ids), 512):
            if cancelled is not None and cancelled.is_set():
                break
            stdin.write(("\n".join(ids[start : start + 512]) + "\n").encode("ascii"))
        if close:
            stdin.close()
        else:
            stdin.flush()
    except (BrokenPipeError, ValueError, OSError):
        pass


class CatFile:
    """``git cat-file --batch`` processes for one repository (thread-safe)."""

    def __init__(self, runner: GitRunner) -> None:
        self._runner = runner
        self._proc: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self._bulk: subprocess.Popen[bytes] | None = None
        self._bulk_lock = threading.Lock()

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
        self,
        oids: Iterable[str],
        cancelled: threading.Event | None = None,
        delta_cache: str | None = None,
    ) -> Iterator[tuple[str, bytes | None]]:
        """Yield ``(oid, contents or None)`` for each id, in order, from a dedicated process.

        ``delta_cache``: git's ``core.deltaBaseCacheLimit`` for that process (such as
        ``"16m"``; git's default, 96 MiB, is what a long scan of big blobs fills).
        """
        ids = list(oids)
        if not ids:
            return
        config = (("core.deltaBaseCacheLimit", delta_cache),) if delta_cache else ()
        proc = self._runner.popen("cat-file", "--batch", config=config)
        assert proc.stdin is not None and proc.stdout is not None
        _enlarge_pipe(proc.stdout)
        writer = threading.Thread(
            target=_feed, args=(proc.stdin, ids, cancelled, True), name="cat-file-feed", daemon=True
        )
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

    def stream(
        self, oids: Iterable[str], cancelled: threading.Event | None = None
    ) -> Iterator[tuple[str, bytes | None]]:
        """Like :meth:`read_many`, through a persistent process kept for the next call.

        One stream at a time (a second caller waits). A stream left before its end
        (an exception, a cancel, ``close()`` on the generator) stops the process, since
        unread answers would be in its pipe; the next call starts a new one.
        """
        ids = list(oids)
        if not ids:
            return
        with self._bulk_lock:
            proc = self._bulk
            if proc is None or proc.poll() is not None:
                proc = self._bulk = self._runner.popen("cat-file", "--batch")
                _enlarge_pipe(proc.stdout)
            assert proc.stdin is not None and proc.stdout is not None
            writer = threading.Thread(
                target=_feed,
                args=(proc.stdin, ids, cancelled, False),
                name="cat-file-feed",
                daemon=True,
            )
            writer.start()
            finished = False
            try:
                for oid in ids:
                    if cancelled is not None and cancelled.is_set():
                        raise Cancelled()
                    yield oid, _read_one(proc.stdout, oid)
                finished = True
            finally:
                if not finished:
                    self._stop_bulk()
                writer.join(timeout=None if finished else 1)

    def _stop_bulk(self) -> None:
        proc, self._bulk = self._bulk, None
        if proc is None:
            return
        if proc.stdin:
            with contextlib.suppress(OSError):
                proc.stdin.close()
        if proc.poll() is None:
            proc.kill()
        proc.wait()

    def close(self) -> None:
        """Stop the persistent processes."""
        with self._lock:
            if self._proc is not None:
                if self._proc.stdin:
                    with contextlib.suppress(OSError):
                        self._proc.stdin.close()
                if self._proc.poll() is None:
                    self._proc.kill()
                self._proc.wait()
                self._proc = None
        # Not under the bulk lock: a stream in another thread must not delay closing;
        # killing its process ends that stream with an error at once.
        bulk = self._bulk
        if bulk is not None and bulk.poll() is None:
            with contextlib.suppress(OSError):
                bulk.kill()
        with self._bulk_lock:
            self._stop_bulk()
