"""The garbage collector is paused while a catalog loads, and restored as it was."""

from __future__ import annotations

import gc
import threading

from notices_repo.catalog.gcpause import paused_gc
from notices_repo.catalog.repository import NoticeRepository
from tests.conftest import GitRepo


def test_a_load_runs_without_the_collector_and_gives_it_back(git_repo: GitRepo) -> None:
    git_repo.commit({"s/privacy.md": "# Privacy\n\nLast updated: March 3, 2024\n"})
    git_repo.commit({"s/privacy.md": "# Privacy\n\nLast updated: April 9, 2024\n\nMore.\n"})
    seen: list[bool] = []
    repository = NoticeRepository(git_repo.path, use_cache=False)
    try:
        catalog = repository.load(progress=lambda *_: seen.append(gc.isenabled()))
    finally:
        repository.close()
    assert gc.isenabled()
    assert seen and not any(seen)
    assert [str(r.effective_date) for r in catalog.notices[0].revisions] == [
        "2024-04-09",
        "2024-03-03",
    ]


def test_a_collector_switched_off_by_the_caller_stays_off() -> None:
    gc.disable()
    try:
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_overlapping_pauses_in_threads_end_with_the_last() -> None:
    assert gc.isenabled()
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    states: dict[str, bool] = {}

    def first() -> None:
        with paused_gc():
            first_in.set()
            second_in.wait(5)
        states["after first"] = gc.isenabled()
        first_out.set()

    def second() -> None:
        first_in.wait(5)
        with paused_gc():
            second_in.set()
            first_out.wait(5)
            states["second, first done"] = gc.isenabled()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert states == {"after first": False, "second, first done": False}
    assert gc.isenabled()
