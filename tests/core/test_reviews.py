"""The review record: atomic, in the state folder, an audit trail; and ``notice-tui reviews``."""

from __future__ import annotations

import datetime as dt
import getpass
import json
import multiprocessing
from pathlib import Path

import pytest

from notices_repo.catalog.repository import NoticeRepository
from notices_repo.catalog.reviews import (
    EDITED,
    GONE,
    NEW_VERSION,
    NOT_REVIEWED,
    REVIEWED,
    SAMPLE_REPOSITORY,
    Review,
    ReviewError,
    ReviewRecord,
    repository_id,
    review_file,
    review_state,
    reviewed_revision,
)
from notices_repo.catalog.timeline import effective_versions
from notices_repo.settings.paths import state_dir
from tests.conftest import GitRepo, run_cli

NOTICE = "privacy/notice.md"
JAN, FEB, NEXT_YEAR = "2024-01-02T10:00Z", "2024-02-02T10:00Z", "2025-01-02T10:00Z"


def _notice(repo: GitRepo):
    catalog = NoticeRepository(repo.path).load()
    return catalog.by_key(NOTICE)


def _text(date: str, words: str) -> str:
    return f"# Privacy Notice\n\nEffective date: {date}\n\n## Data\n\n{words}\n"


def test_mark_records_who_when_what_in_the_state_folder(git_repo: GitRepo) -> None:
    git_repo.commit({NOTICE: _text("2024-01-01", "We keep logs.")}, date=JAN)
    notice = _notice(git_repo)
    version = effective_versions(notice)[0]
    when = dt.datetime(2026, 11, 26, 9, 30, 15, 123, tzinfo=dt.UTC)
    repo_id = repository_id(git_repo.path)
    review = ReviewRecord.load().mark(repo_id, notice, version, when=when)
    assert review_file() == state_dir() / "reviews.json"
    assert review.who == getpass.getuser()
    assert review.when == "2026-11-26T09:30:15+00:00"
    doc = json.loads(review_file().read_text("utf-8"))
    assert doc["format"] == 1
    assert doc["reviews"] == [
        {
            "repository": str(git_repo.path.resolve()),
            "notice": NOTICE,
            "path": NOTICE,
            "commit": version.revision.commit,
            "effective_date": "2024-01-01",
            "who": review.who,
            "when": "2026-11-26T09:30:15+00:00",
        }
    ]
    # nothing was written into the notices repository
    assert git_repo.git("status", "--porcelain", "--ignored") == ""
    # a new record object reads it back
    again = ReviewRecord.load()
    assert again.latest(repo_id, NOTICE) == review
    assert again.latest(SAMPLE_REPOSITORY, NOTICE) is None


def test_review_states_follow_new_versions_and_silent_edits(git_repo: GitRepo) -> None:
    git_repo.commit({NOTICE: _text("2024-01-01", "We keep logs.")}, date=JAN)
    notice = _notice(git_repo)
    repo_id = repository_id(git_repo.path)
    record = ReviewRecord.load()
    assert review_state(notice, None) == NOT_REVIEWED
    review = record.mark(repo_id, notice, effective_versions(notice)[0], who="alice")
    assert review_state(notice, review) == REVIEWED
    # a silent edit: words change, the stated date does not
    git_repo.commit({NOTICE: _text("2024-01-01", "We keep fewer logs.")}, date=FEB)
    notice = _notice(git_repo)
    assert review_state(notice, review) == EDITED
    assert reviewed_revision(notice, review) is not None
    # a new effective version
    git_repo.commit({NOTICE: _text("2025-01-01", "We keep no logs.")}, date=NEXT_YEAR)
    notice = _notice(git_repo)
    assert review_state(notice, review) == NEW_VERSION
    latest = record.mark(repo_id, notice, effective_versions(notice)[0], who="bob")
    assert review_state(notice, latest) == REVIEWED
    assert [r.who for r in ReviewRecord.load().reviews] == ["alice", "bob"]  # audit trail
    # history rewritten under the review
    lost = Review(repo_id, NOTICE, NOTICE, "0" * 40, dt.date(2025, 1, 1), "carol", "x")
    assert review_state(notice, lost) == GONE
    assert reviewed_revision(notice, lost) is None


def test_a_damaged_record_is_an_error_with_the_fix_never_overwritten(git_repo: GitRepo) -> None:
    git_repo.commit({NOTICE: _text("2024-01-01", "We keep logs.")})
    notice = _notice(git_repo)
    path = review_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json", "utf-8")
    with pytest.raises(ReviewError, match=r"not valid JSON.*move it away"):
        ReviewRecord.load()
    with pytest.raises(ReviewError):
        ReviewRecord().mark("repo", notice, effective_versions(notice)[0], who="x")
    assert path.read_text("utf-8") == "{not json"
    path.write_text('{"format": 1, "reviews": [{"who": 3}]}', "utf-8")
    with pytest.raises(ReviewError, match="entry 1 is damaged"):
        ReviewRecord.load()
    path.write_text('{"format": 9, "reviews": []}', "utf-8")
    with pytest.raises(ReviewError, match="format 9"):
        ReviewRecord.load()


def _mark_many(folder: str, who: str, count: int) -> None:
    import os

    os.environ["NOTICE_TUI_STATE_DIR"] = folder
    record = ReviewRecord()
    for number in range(count):
        record.add(Review("repo", f"n{number}", "p", "c" * 40, dt.date(2024, 1, 1), who, "t"))


def test_concurrent_writers_lose_nothing_and_leave_no_temporary_files() -> None:
    folder = str(state_dir())
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_mark_many, args=(folder, f"w{i}", 25)) for i in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    reviews = ReviewRecord.load().reviews
    assert len(reviews) == 75
    assert sorted({r.who for r in reviews}) == ["w0", "w1", "w2"]
    leftovers = [p.name for p in Path(folder).iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_reviews_command_lists_the_record(git_repo: GitRepo) -> None:
    empty = run_cli("reviews")
    assert empty.code == 0 and "no reviews recorded yet" in empty.out
    git_repo.commit({NOTICE: _text("2024-01-01", "We keep logs.")})
    notice = _notice(git_repo)
    record = ReviewRecord.load()
    repo_id = repository_id(git_repo.path)
    record.mark(repo_id, notice, effective_versions(notice)[0], who="alice\x1b[2J")
    record.mark(repo_id, notice, effective_versions(notice)[0], who="bob")
    text = run_cli("reviews")
    assert text.code == 0
    assert repo_id in text.out and NOTICE in text.out and "effective 2024-01-01" in text.out
    assert "\x1b" not in text.out and "alice␛[2J" in text.out  # made inert
    doc = json.loads(run_cli("reviews", "--json").out)
    assert doc["file"] == str(review_file())
    assert [r["who"] for r in doc["reviews"]] == ["alice\x1b[2J", "bob"]
    latest = json.loads(run_cli("reviews", "--latest", "--json").out)
    assert [r["who"] for r in latest["reviews"]] == ["bob"]


def test_reviews_command_reports_a_damaged_record() -> None:
    path = review_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[]", "utf-8")
    result = run_cli("reviews")
    assert result.code == 2
    assert result.err.startswith("notice-tui: the review record") and result.err.count("\n") == 1
