"""A load in the background of an interactive reader (the app's first open, issue 16)
runs its git log and worker processes at a lower priority, so a selected notice read on
its own gets the cores first; headless loads keep their priority."""

from __future__ import annotations

import os
import threading

import pytest

from notices_repo.catalog import pool as scan_pool
from notices_repo.catalog.loader import BACKGROUND_NICE, CatalogLoader, LoadStats
from notices_repo.catalog.repository import NoticeRepository
from notices_repo.git.history import read_log
from notices_repo.git.runner import lower_priority
from tests.conftest import GitRepo

pytestmark = pytest.mark.skipif(not hasattr(os, "getpriority"), reason="no process priorities")


def priority(pid: int = 0) -> int:
    return os.getpriority(os.PRIO_PROCESS, pid)


def test_worker_processes_run_lower_by_nice(git_repo: GitRepo) -> None:
    git_repo.commit({"privacy.md": "# Privacy\n\nWe keep little.\n"}, date="2024-01-02T10:00:00Z")
    pool = scan_pool.WorkerPool(git_repo.path, 1, nice=5)
    try:
        pid = pool.warm[0].result(timeout=60)
        assert priority(pid) == min(19, priority() + 5)
    finally:
        pool.close()
    plain = scan_pool.WorkerPool(git_repo.path, 1)
    try:
        assert priority(plain.warm[0].result(timeout=60)) == priority()
    finally:
        plain.close()


def test_a_streamed_git_process_runs_lower_by_nice(git_repo: GitRepo) -> None:
    head = git_repo.commit({"privacy.md": "# Privacy\n"}, date="2024-01-02T10:00:00Z")
    repository = NoticeRepository(git_repo.path, use_cache=False)
    try:
        proc = repository.runner.popen("cat-file", "--batch", nice=3)
        try:
            assert priority(proc.pid) == min(19, priority() + 3)
        finally:
            proc.kill()
            proc.wait()
        commits = list(read_log(repository.runner, ["HEAD"], threading.Event(), None, 3))
        assert [c.commit for c in commits] == [head]  # read as ever
    finally:
        repository.close()


def test_only_a_background_load_asks_for_it(git_repo: GitRepo) -> None:
    repository = NoticeRepository(git_repo.path, use_cache=False)
    assert CatalogLoader(repository, LoadStats()).nice == 0
    assert CatalogLoader(repository, LoadStats(), background=True).nice == BACKGROUND_NICE
    repository.close()


def test_lower_priority_of_a_gone_process_is_quiet() -> None:
    before = priority()
    lower_priority(5, pid=2**22 + 12345)  # no such process: nothing happens, no error
    lower_priority(0)  # nothing asked: this process is untouched
    assert priority() == before
