"""The history cache survives a writer killed mid-write, and is rebuilt, not trusted, when
it does not match the repository (issue 7).

A child process loads a fixture repository with the real cache code; its database
connection is wrapped so that, inside the write transaction, right after the rows went
in (spilled to the write-ahead log by a tiny page cache), it marks a file and sleeps.
The test kills it there with SIGKILL. Every later load must give what a load without
any cache gives.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from notices_repo.catalog.blob import derivation_key
from notices_repo.catalog.cache import HistoryCache, cache_file_for
from notices_repo.catalog.repository import NoticeRepository
from tests.conftest import ROOT, GitRepo, catalog_summary

NOTICE = """# {name} Privacy Notice

Last updated: {date}

We collect the following:

* **Account Data:** usernames and e-mail addresses.
* **Usage Data:** how users interact with the software, {n} times a day.

## Retention

We keep data for {n} days.
"""

_CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    sys.path.insert(0, {root!r})
    import notices_repo.catalog.cache as cache

    marker, table = Path({marker!r}), {table!r}

    class Pausing:
        '''The real connection; stops inside the transaction after writing ``table``.'''

        def __init__(self, db):
            self.db = db

        def __getattr__(self, name):
            return getattr(self.db, name)

        def execute(self, *args):
            return self.db.execute(*args)

        def executemany(self, sql, rows):
            result = self.db.executemany(sql, rows)
            if table in sql and self.db.in_transaction:
                marker.write_text("inside the transaction")
                time.sleep(600)
            return result

    real_open = cache.HistoryCache._open

    def pausing_open(self):
        db = real_open(self)
        db.execute("PRAGMA cache_size=1")  # dirty pages go to the WAL before COMMIT
        return Pausing(db)

    cache.HistoryCache._open = pausing_open
    from notices_repo.catalog.repository import NoticeRepository
    NoticeRepository({repo!r}).load()
    marker.write_text("finished without pausing")
    """
)


def _fresh(path: Path) -> list[tuple]:
    return catalog_summary(NoticeRepository(path, use_cache=False).load())


def _load(path: Path) -> tuple[list[tuple], str]:
    repository = NoticeRepository(path)
    catalog = repository.load()
    repository.close()
    return catalog_summary(catalog), repository.stats.mode


def _fixture(git_repo: GitRepo, notices: int = 6, commits: int = 12) -> None:
    day = dt.date(2024, 1, 1)
    for c in range(commits):
        files = {
            f"service-{k}/privacy.md": NOTICE.format(
                name=f"Service {k}",
                date=(day + dt.timedelta(days=30 * c)).strftime("%B %d, %Y"),
                n=c * 7 + k,
            )
            for k in range(notices)
            if (c + k) % 3 == 0 or c == 0
        }
        git_repo.commit(files, date=f"{day + dt.timedelta(days=c)}T12:00:00+00:00", message=f"c{c}")


def _kill_writer_mid_write(repo: Path, table: str, tmp_path: Path) -> None:
    marker = tmp_path / f"marker-{table}"
    script = _CHILD.format(root=str(ROOT), marker=str(marker), table=table, repo=str(repo))
    child = subprocess.Popen([sys.executable, "-c", script], env=dict(os.environ))
    try:
        deadline = time.monotonic() + 120
        # the child's write_text creates the file before it writes: wait for the words
        while not marker.exists() or not marker.read_text():
            assert child.poll() is None, "the writer ended before it paused"
            assert time.monotonic() < deadline, "the writer never reached the write"
            time.sleep(0.02)
        assert marker.read_text() == "inside the transaction"
        os.kill(child.pid, signal.SIGKILL)
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()
    assert child.returncode == -signal.SIGKILL


@pytest.mark.parametrize("table", ["blob_facts", "pair_facts", "snapshot_notices"])
def test_writer_killed_during_the_first_write(
    git_repo: GitRepo, tmp_path: Path, table: str
) -> None:
    _fixture(git_repo)
    _kill_writer_mid_write(git_repo.path, table, tmp_path)
    summary, mode = _load(git_repo.path)
    assert summary == _fresh(git_repo.path)
    assert mode == "cold"  # nothing of the killed write was kept
    assert _load(git_repo.path) == (summary, "warm")


def test_writer_killed_during_an_update(git_repo: GitRepo, tmp_path: Path) -> None:
    _fixture(git_repo)
    before, _ = _load(git_repo.path)
    git_repo.commit(
        {"service-1/privacy.md": NOTICE.format(name="Service 1", date="July 4, 2026", n=99)},
        date="2026-07-04T12:00:00+00:00",
        message="new",
    )
    _kill_writer_mid_write(git_repo.path, "snapshot_notices", tmp_path)
    summary, mode = _load(git_repo.path)
    assert summary == _fresh(git_repo.path) != before
    assert mode == "incremental"  # the snapshot before the update is intact
    assert _load(git_repo.path) == (summary, "warm")


def _cache_path(repo: Path) -> Path:
    return cache_file_for(NoticeRepository(repo).git_dir)


def test_garbage_and_truncated_cache_files_are_rebuilt(git_repo: GitRepo) -> None:
    _fixture(git_repo)
    expected, _ = _load(git_repo.path)
    path = _cache_path(git_repo.path)
    HistoryCache(path, derivation_key()).close()  # the last close checkpoints the WAL
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    whole = path.read_bytes()
    for damaged in (os.urandom(len(whole)), whole[: len(whole) // 2], b"", b"SQLite format 3\x00"):
        path.write_bytes(damaged)
        summary, mode = _load(git_repo.path)
        assert summary == expected
        assert mode == "cold"
        assert _load(git_repo.path) == (expected, "warm")


def test_damaged_snapshot_row_is_not_trusted(git_repo: GitRepo) -> None:
    _fixture(git_repo)
    expected, _ = _load(git_repo.path)
    with sqlite3.connect(_cache_path(git_repo.path)) as db:
        key, data = db.execute("SELECT key, data FROM snapshot_notices LIMIT 1").fetchone()
        flipped = bytes([data[0] ^ 1]) + data[1:]
        db.execute("UPDATE snapshot_notices SET data = ? WHERE key = ?", (flipped, key))
    assert _load(git_repo.path) == (expected, "cold")
    with sqlite3.connect(_cache_path(git_repo.path)) as db:
        db.execute("DELETE FROM snapshot_notices WHERE rowid IN (SELECT rowid LIMIT 1)")
        db.execute(
            "DELETE FROM snapshot_notices WHERE key = (SELECT min(key) FROM snapshot_notices)"
        )
    assert _load(git_repo.path) == (expected, "cold")  # a missing row: not trusted either


def test_snapshot_of_a_head_no_longer_in_the_repository(git_repo: GitRepo) -> None:
    _fixture(git_repo)
    _load(git_repo.path)
    # Rewrite the last three commits: the cached HEAD is in no history any more.
    git_repo.git("reset", "-q", "--hard", "HEAD~3")
    git_repo.commit(
        {"service-2/privacy.md": NOTICE.format(name="Rewritten", date="May 5, 2025", n=5)},
        date="2025-05-05T12:00:00+00:00",
        message="rewritten",
    )
    git_repo.git("reflog", "expire", "--expire=now", "--all")
    git_repo.git("gc", "-q", "--prune=now")
    summary, mode = _load(git_repo.path)
    assert mode == "cold"
    assert summary == _fresh(git_repo.path)
    assert any(n[2] == "Rewritten Privacy Notice" for n in summary)


def test_snapshot_of_another_repository_at_the_same_path(tmp_path: Path) -> None:
    path = tmp_path / "notices"
    first = GitRepo(path)
    _fixture(first)
    _load(path)
    cache = _cache_path(path)
    assert cache.exists()
    for item in sorted(path.rglob("*"), reverse=True):  # the folder is replaced
        item.unlink() if item.is_file() or item.is_symlink() else item.rmdir()
    path.rmdir()
    second = GitRepo(path)
    second.commit({"other/terms.md": "# Other Terms\n\nLast updated: March 3, 2023\n"})
    assert _cache_path(path) == cache  # same path, same cache file
    summary, mode = _load(path)
    assert mode == "cold"
    assert summary == _fresh(path)
    assert [n[0] for n in summary] == ["other/terms.md"]


def test_a_load_with_missing_objects_is_not_kept(git_repo: GitRepo) -> None:
    # A text that could not be read (damaged clone, a failed read) may be there next
    # time: such a load saves no snapshot, so the next one reads the history again.
    _fixture(git_repo)
    blob = git_repo.git("rev-parse", "HEAD~11:service-0/privacy.md").strip()
    loose = git_repo.path / ".git" / "objects" / blob[:2] / blob[2:]
    hidden = loose.with_name(loose.name + ".away")
    loose.rename(hidden)
    assert _load(git_repo.path)[1] == "cold"
    repository = NoticeRepository(git_repo.path)
    warnings = repository.load().warnings
    assert any("missing objects" in w for w in warnings)
    assert repository.stats.mode == "cold"  # nothing was kept
    hidden.rename(loose)
    summary, mode = _load(git_repo.path)
    assert mode == "cold"
    assert summary == _fresh(git_repo.path)
    assert _load(git_repo.path)[1] == "warm"
