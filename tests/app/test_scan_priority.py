"""The history scan gives way to a selected notice's own history (issue 16): the rules
of :class:`tui.app.early.ScanPriority` and of the progress report that waits on it."""

from __future__ import annotations

import threading
import time

import pytest

from notices_repo.errors import Cancelled
from tui.app.early import SCAN_STAGE, ScanPriority, gated


def test_held_while_a_reader_reads_and_nested_readers_count() -> None:
    priority = ScanPriority()
    assert not priority.busy
    with priority.held():
        assert priority.busy
        with priority.held():
            assert priority.busy
        assert priority.busy  # one reader still holds it
    assert not priority.busy


def test_the_report_waits_until_the_reader_is_done() -> None:
    priority = ScanPriority()
    seen: list[tuple[str, int, int]] = []
    report = gated(lambda *args: seen.append(args), None, threading.Event(), priority)
    released = threading.Event()

    def reader() -> None:
        with priority.held():
            released.wait(5)

    thread = threading.Thread(target=reader)
    thread.start()
    while not priority.busy:
        time.sleep(0.005)
    done = threading.Event()
    scan = threading.Thread(target=lambda: (report(SCAN_STAGE, 1024, 0), done.set()))
    scan.start()
    assert not done.wait(0.3)  # the scan waits while the notice is read
    assert seen == [(SCAN_STAGE, 1024, 0)]  # its progress was shown first
    released.set()
    assert done.wait(5)  # then it goes on
    thread.join()
    scan.join()


def test_a_reader_that_hangs_delays_the_scan_a_bounded_time() -> None:
    priority = ScanPriority()
    with priority.held():
        started = time.monotonic()
        priority.wait(threading.Event(), limit=0.3)
        waited = time.monotonic() - started
        assert 0.25 <= waited < 3
        started = time.monotonic()
        priority.wait(threading.Event(), limit=0.3)  # the same run of readers: no more
        assert time.monotonic() - started < 0.2


def test_a_cancel_while_waiting_stops_the_load() -> None:
    priority = ScanPriority()
    cancel = threading.Event()
    cancel.set()
    with priority.held(), pytest.raises(Cancelled):
        priority.wait(cancel)


def test_no_priority_and_no_gate_is_the_plain_report() -> None:
    def report(stage: str, done: int, total: int) -> None:
        return None

    assert gated(report, None, threading.Event()) is report
