"""The notices at HEAD before the history is read, and one notice's history on its own
(issue 16): on real repositories, each early notice is what the full load gives."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import pytest

from notices_repo.catalog.early import EarlyReader, early_catalog, is_early
from notices_repo.catalog.repository import NoticeRepository
from notices_repo.errors import Cancelled
from notices_repo.model import Catalog
from tests.conftest import GitRepo, catalog_summary

NOTICE = """# {title}

**Effective Date:** {date}

We collect account data and usage data.

## Retention

We keep data for {days} days.
"""


def text(title: str, date: str, days: int) -> str:
    return NOTICE.format(title=title, date=date, days=days)


def build(repo: GitRepo) -> None:
    """Renames (with and without edits), a deleted notice, one deleted and added again,
    a technical change, a silent edit, a side branch merged, housekeeping files."""
    repo.commit(
        {
            "legal/privacy.md": text("Privacy Notice", "January 5, 2023", 30),
            "legal/terms.md": text("Terms of Service", "January 5, 2023", 1),
            "old/cookies.md": text("Cookie Policy", "January 5, 2023", 7),
            "README.md": "# The archive\n",
        },
        date="2023-01-05T10:00:00+00:00",
    )
    repo.commit(
        {"legal/privacy.md": text("Privacy Notice", "March 1, 2023", 30)},
        date="2023-03-01T10:00:00+00:00",
    )
    repo.commit(  # a rename with an edit (git's -M pairs them)
        {"privacy/notice.md": text("Privacy Notice", "March 1, 2023", 31)},
        renames={"legal/privacy.md": "privacy/notice.md"},
        date="2023-04-01T10:00:00+00:00",
    )
    spaced = text("Privacy Notice", "March 1, 2023", 31).replace("\n\n", "\n\n\n")
    repo.commit(  # technical: layout only
        {"privacy/notice.md": spaced},
        date="2023-05-01T10:00:00+00:00",
    )
    repo.commit({"old/cookies.md": None}, date="2023-06-01T10:00:00+00:00")  # retired
    repo.commit({"legal/terms.md": None}, date="2023-07-01T10:00:00+00:00")
    repo.commit(  # added again: one notice with a gap
        {"legal/terms.md": text("Terms of Service", "August 1, 2023", 2)},
        date="2023-08-01T10:00:00+00:00",
    )
    repo.branch("side")
    repo.commit(  # a silent edit made on a branch
        {"legal/terms.md": text("Terms of Service", "August 1, 2023", 3)},
        date="2023-09-01T10:00:00+00:00",
    )
    repo.checkout("main")
    repo.commit(
        {"shop/returns.txt": "Returns policy\n\nEffective: October 2, 2023\n"},
        date="2023-10-02T10:00:00+00:00",
    )
    repo.merge("side", date="2023-10-05T10:00:00+00:00")
    repo.commit(
        renames={"shop/returns.txt": "shop/deep/returns.txt"}, date="2023-11-01T10:00:00+00:00"
    )


@pytest.fixture
def archive(git_repo: GitRepo) -> GitRepo:
    build(git_repo)
    return git_repo


def test_early_list_is_the_notices_at_head(archive: GitRepo) -> None:
    repository = NoticeRepository(archive.path)
    head = repository.head()
    assert head is not None
    early = early_catalog(repository, head)
    full = repository.load()
    assert [n.key for n in early.notices] == [n.key for n in full.active()]
    assert [n.key for n in early.notices] == [
        "legal/terms.md",
        "privacy/notice.md",
        "shop/deep/returns.txt",
    ]  # no README, no retired notice
    assert all(is_early(n) and not n.retired for n in early.notices)
    assert early.head == full.head
    assert early.notices[1].title == "notice"  # the file name until its text is read


def test_each_notice_read_alone_is_the_full_loads(archive: GitRepo) -> None:
    repository = NoticeRepository(archive.path)
    head = repository.head()
    assert head is not None
    full = repository.load()
    reader = EarlyReader(repository, head)
    try:
        alone = [reader.notice(n.path) for n in full.active()]
    finally:
        reader.close()
    assert all(n is not None and not is_early(n) for n in alone)
    # the full load's summary of the notices at HEAD, notice for notice
    assert catalog_summary(type(full)(full.repository, head, alone)) == catalog_summary(
        type(full)(full.repository, head, full.active())
    )
    privacy = alone[1]
    assert privacy is not None
    assert [r.renamed_from for r in privacy.revisions] == [None, "legal/privacy.md", None, None]
    assert privacy.revisions[0].technical
    terms = alone[0]
    assert terms is not None and len(terms.gaps) == 1
    assert terms.revisions[0].silent_edit
    assert terms.revisions[0].published.startswith("2023-10-05")  # when the merge brought it


def test_a_path_not_at_head_has_no_history(archive: GitRepo) -> None:
    repository = NoticeRepository(archive.path)
    head = repository.head()
    assert head is not None
    reader = EarlyReader(repository, head)
    try:
        assert reader.notice("old/cookies.md") is None
    finally:
        reader.close()


def test_reading_a_notice_stops_when_cancelled(archive: GitRepo) -> None:
    repository = NoticeRepository(archive.path)
    head = repository.head()
    assert head is not None
    cancelled = threading.Event()
    cancelled.set()
    reader = EarlyReader(repository, head)
    try:
        with pytest.raises(Cancelled):
            reader.notice("privacy/notice.md", cancelled)
    finally:
        reader.close()


def test_the_shared_corpus_notice_by_notice(corpus: Path) -> None:
    repository = NoticeRepository(corpus, use_cache=False)
    full = repository.load()
    assert full.head is not None
    early = early_catalog(repository, full.head)
    assert [n.key for n in early.notices] == [n.key for n in full.active()]
    reader = EarlyReader(repository, full.head)
    try:
        sample = full.active()[:: max(1, len(full.active()) // 25)]
        alone = [reader.notice(n.path) for n in sample]
    finally:
        reader.close()
    assert catalog_summary(type(full)(full.repository, full.head, alone)) == catalog_summary(
        type(full)(full.repository, full.head, sample)
    )


def test_once_the_full_walk_is_done_a_notice_comes_from_it(
    archive: GitRepo, caplog: pytest.LogCaptureFixture
) -> None:
    """While a cold load scans the texts, its walk is there: a notice read early is
    taken from it (no second git log) and equals the full load's."""
    repository = NoticeRepository(archive.path, use_cache=False)
    head = repository.head()
    assert head is not None
    at_texts, go_on = threading.Event(), threading.Event()

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "reading texts":
            at_texts.set()
            go_on.wait(30)

    loaded: list[object] = []
    load = threading.Thread(target=lambda: loaded.append(repository.load(progress=progress)))
    load.start()
    assert at_texts.wait(30)
    assert repository.walked is not None  # the walk is done, the texts are not
    reader = EarlyReader(repository, head)
    try:
        with caplog.at_level(logging.DEBUG, logger="notices_repo.git"):
            early = [reader.notice(path) for path in ("legal/terms.md", "privacy/notice.md")]
        here = threading.get_ident()  # not another test's thread still winding down
        ran = [
            r.getMessage()
            for r in caplog.records
            if r.thread == here and r.getMessage().startswith("git ")
        ]
        assert ran and not [m for m in ran if m.startswith("git log")]  # texts only
    finally:
        reader.close()
        go_on.set()
        load.join(30)
    assert repository.walked is None  # forgotten once the load ends
    full = loaded[0]
    assert isinstance(full, Catalog)
    same = [full.by_key("legal/terms.md"), full.by_key("privacy/notice.md")]
    assert catalog_summary(Catalog(full.repository, head, early)) == catalog_summary(
        Catalog(full.repository, head, same)
    )
