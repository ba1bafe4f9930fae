"""Worker processes for a large scan, and the scan spread over them."""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from notices_repo.catalog.blob import BlobFacts
from notices_repo.catalog.scan import ScanResult, Step, scan_steps, steps_total
from notices_repo.errors import Cancelled
from notices_repo.git.catfile import CatFile
from notices_repo.git.runner import GitRunner, lower_priority

#: A progress callback: ``(what, done, total)``.
Progress = Callable[[str, int, int], None]
log = logging.getLogger(__name__)


#: Below this many blob reads, one process does it all (worker start-up would cost more).
PARALLEL_MIN_READS = 2500
#: A task for a worker holds about this many reads (small enough to balance the cores).
TASK_READS = 400
#: Tasks handed to the workers beyond one each (the rest wait in this process).
TASKS_AHEAD = 2


# --- worker processes --------------------------------------------------------------------

_WORKER: dict[str, Any] = {}


def _worker_init(path: str, nice: int = 0) -> None:
    """Start-up of a worker process: its priority, imports, git runner, its own
    ``cat-file`` (which inherits the priority)."""
    lower_priority(nice)
    runner = GitRunner(Path(path))
    _WORKER["catfile"] = CatFile(runner)
    from notices_repo.text import sections  # noqa: F401  (imported now, not during the first task)

    warm_dates()
    runner.named_config()


#: A text whose date stamps build every table the date parser builds on first use.
_WARM_TEXT = (
    "Last updated: March 3, 2024\n\n2020年9月9日 改定\n\n**Effective Date:**\n\n"
    "December 9th, 2023\n\nDernière mise à jour : 9 décembre 2023\n"
)


def warm_dates() -> None:
    """Build the date parser's label and date tables now (about 25 ms): a worker starts
    while ``git log`` runs, when the cores have time to spare; its first task then
    scans at once."""
    from notices_repo.text.dates import find_effective_date

    find_effective_date(_WARM_TEXT)


def _worker_ready() -> int:
    return os.getpid()


def _worker_task(chains: list[list[Step]]) -> tuple[Any, ...]:
    result = scan_steps(_WORKER["catfile"], chains)
    return (
        [(b, f.stated, f.precision, f.warning, f.source) for b, f in result.facts.items()],
        [(k[0], k[1], v) for k, v in result.pairs.items()],
        list(result.titles.items()),
        result.blobs_read,
        result.bytes_read,
        result.dates_parsed,
    )


def _result_of(payload: tuple[Any, ...]) -> ScanResult:
    facts, pairs, titles, blobs_read, bytes_read, parsed = payload
    return ScanResult(
        {b: BlobFacts(s, p, w, None, src) for b, s, p, w, src in facts},
        {(a, b): v for a, b, v in pairs},
        dict(titles),
        blobs_read,
        bytes_read,
        parsed,
    )


class WorkerPool:
    """Worker processes for a large scan, started early so that their start-up (Python,
    imports, git) overlaps the ``git log`` of the main process. ``spawn``: the app loads
    in a thread, and forking a threaded process is unsafe."""

    def __init__(self, path: Path, workers: int, nice: int = 0) -> None:
        self.workers = workers
        ensure_resource_tracker()
        self.executor = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=get_context("spawn"),
            initializer=_worker_init,
            initargs=(str(path), nice),
        )
        self.warm = [self.executor.submit(_worker_ready) for _ in range(workers)]

    def close(self, wait: bool = True) -> None:
        """Stop the workers (at once when ``wait`` is False: queued tasks are dropped)."""
        self.executor.shutdown(wait=wait, cancel_futures=True)


_TRACKER_LOCK = threading.Lock()


def ensure_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with a real stderr.

    Under Textual, ``sys.stderr`` is a print capture whose ``fileno()`` is -1, and the
    tracker, started with the first process pool, passes that descriptor to its own
    process: ``ValueError: bad value(s) in fds_to_keep``, and no pool. For that moment,
    ``sys.stderr`` is the real one (or /dev/null); once the tracker runs, pools work.
    """
    from multiprocessing import resource_tracker

    with _TRACKER_LOCK:
        try:
            usable = sys.stderr is not None and sys.stderr.fileno() >= 0
        except Exception:  # no descriptor at all: the tracker skips it
            usable = True
        if usable:
            resource_tracker.ensure_running()
            return
        saved, real = sys.stderr, sys.__stderr__
        try:
            good = real is not None and real.fileno() >= 0
        except (OSError, ValueError):
            good = False
        stand_in = real if good else open(os.devnull, "w")  # noqa: SIM115
        sys.stderr = stand_in
        try:
            resource_tracker.ensure_running()
        finally:
            sys.stderr = saved
            if stand_in is not real:
                stand_in.close()


def default_workers() -> int:
    """Worker processes for a large scan: the CPUs this process may use, at most 4."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, 4))


def _split(chains: list[list[Step]], size: int) -> list[list[list[Step]]]:
    """Tasks of about ``size`` reads, the longest notices first (so the cores finish
    together); a notice longer than a task is cut into pieces."""
    pieces: list[list[Step]] = []
    for steps in chains:
        for start in range(0, len(steps), size):
            pieces.append(steps[start : start + size])
    pieces.sort(key=len, reverse=True)
    tasks: list[list[list[Step]]] = []
    current: list[list[Step]] = []
    count = 0
    for piece in pieces:
        current.append(piece)
        count += len(piece)
        if count >= size:
            tasks.append(current)
            current, count = [], 0
    if current:
        tasks.append(current)
    return tasks


def scan(
    runner: GitRunner,
    chains: list[list[Step]],
    *,
    catfile: CatFile | None = None,
    pool: WorkerPool | None = None,
    progress: Progress | None = None,
    cancelled: threading.Event | None = None,
) -> ScanResult:
    """Run the planned steps: in this process, or spread over ``pool``'s workers.

    A pool that breaks (a worker killed, a main module that cannot be imported again
    under ``spawn``) costs only time: what it did not finish is scanned here.
    """
    total = steps_total(chains)
    tasks = _split(chains, TASK_READS)
    result = ScanResult()
    done = 0
    if progress is not None:
        progress("reading texts", 0, total)
    if pool is not None and total >= PARALLEL_MIN_READS:
        running: dict[Future[tuple[Any, ...]], list[list[Step]]] = {}
        submitted = 0
        # A few tasks at a time: each worker has the next one queued, and a caller that
        # holds the progress report (a reader given priority) holds the workers soon.
        in_flight = pool.workers + TASKS_AHEAD
        try:
            while running or submitted < len(tasks):
                while submitted < len(tasks) and len(running) < in_flight:
                    task = tasks[submitted]
                    running[pool.executor.submit(_worker_task, task)] = task
                    submitted += 1
                if cancelled is not None and cancelled.is_set():
                    raise Cancelled()
                finished, _ = wait(running, timeout=0.25, return_when=FIRST_COMPLETED)
                for future in finished:
                    payload = future.result()  # a broken pool: the task stays to redo
                    task = running.pop(future)
                    result.merge(_result_of(payload))
                    done += steps_total(task)
                if progress is not None:
                    progress("reading texts", done, total)
            return result
        except BrokenProcessPool as exc:
            log.debug("worker processes failed (%s); scanning in this process", exc)
            tasks = list(running.values()) + tasks[submitted:]
        except BaseException:
            for future in running:
                future.cancel()
            raise
    reader = catfile or CatFile(runner)
    for task in tasks:  # in groups, so that progress moves and cancelling is quick
        if cancelled is not None and cancelled.is_set():
            raise Cancelled()
        result.merge(scan_steps(reader, task, cancelled))
        done += steps_total(task)
        if progress is not None:
            progress("reading texts", done, total)
    return result
