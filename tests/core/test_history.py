"""The repository model on real git repositories: revisions, renames, versions, flags."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from notices_repo.catalog.repository import NoticeRepository
from notices_repo.catalog.timeline import (
    effective_versions,
    in_force,
    latest,
    status_of,
    upcoming,
)
from notices_repo.errors import RepoError
from tests.conftest import GitRepo, catalog_summary

NOTICE = """# Privacy Notice

**Effective Date:** {date}

We collect the following:

* **Account Data:** Information such as usernames.
* **Usage Data:** Details on how users interact with the software.

## Retention

We keep data for {days} days.
"""

TODAY = dt.date(2026, 11, 26)


def load(repo: GitRepo | Path, **kwargs: object):
    path = repo.path if isinstance(repo, GitRepo) else repo
    return NoticeRepository(path, **kwargs).load()  # type: ignore[arg-type]


def test_rename_and_move_with_edits_keep_one_history(git_repo: GitRepo) -> None:
    git_repo.commit(
        {"licenses/notice.md": NOTICE.format(date="December 9th, 2023", days=30)},
        date="2023-12-09T10:00:00+00:00",
        message="First",
    )
    git_repo.commit(
        {"workspaces/notice-workspaces.md": NOTICE.format(date="December 9th, 2023", days=31)},
        renames={"licenses/notice.md": "workspaces/notice-workspaces.md"},
        date="2023-12-23T10:00:00+00:00",
        message="Rename with edits",
    )
    git_repo.commit(
        renames={"workspaces/notice-workspaces.md": "privacy/deep/notice-workspaces.md"},
        date="2024-01-15T10:00:00+00:00",
        message="Move",
    )
    catalog = load(git_repo)
    assert [n.path for n in catalog.notices] == ["privacy/deep/notice-workspaces.md"]
    notice = catalog.notices[0]
    assert [r.subject for r in notice.revisions] == ["Move", "Rename with edits", "First"]
    assert [r.path for r in notice.revisions] == [
        "privacy/deep/notice-workspaces.md",
        "workspaces/notice-workspaces.md",
        "licenses/notice.md",
    ]
    assert notice.revisions[0].renamed_from == "workspaces/notice-workspaces.md"
    assert notice.revisions[1].renamed_from == "licenses/notice.md"
    assert not any(r.inferred_rename for r in notice.revisions)
    assert notice.revisions[0].technical  # a pure move changes no word
    assert notice.revisions[1].silent_edit  # words changed, stated date did not
    assert all(r.effective_date == dt.date(2023, 12, 9) for r in notice.revisions)
    assert len(effective_versions(notice)) == 1
    assert notice.title == "Privacy Notice"


def test_revision_fields_and_commit_order_with_backdated_commit(git_repo: GitRepo) -> None:
    first = git_repo.commit(
        {"a.md": NOTICE.format(date="January 1, 2024", days=1)},
        date="2024-01-01T10:00:00+02:00",
        message="One",
    )
    # back-dated: its dates are older than its parent's, git order still puts it first
    second = git_repo.commit(
        {"a.md": NOTICE.format(date="March 1, 2024", days=2)},
        date="2023-06-01T10:00:00+00:00",
        message="Two (back-dated)",
    )
    notice = load(git_repo).notices[0]
    assert [r.commit for r in notice.revisions] == [second, first]
    newest = notice.revisions[0]
    assert newest.committed == "2023-06-01T10:00:00+00:00"
    assert newest.author == "Test Author"
    assert newest.date_source == "text"
    assert newest.date_precision == "day"
    assert newest.effective_date == dt.date(2024, 3, 1)
    assert notice.revisions[1].committed == "2024-01-01T10:00:00+02:00"
    assert notice.revisions[1].parent_blob is None


def test_versions_silent_technical_future_and_in_force(git_repo: GitRepo) -> None:
    text = NOTICE.format(date="January 1, 2024", days=30)
    git_repo.commit({"p.md": text}, date="2024-01-01T09:00:00+00:00", message="v1")
    git_repo.commit(
        {"p.md": text.replace("30 days", "45 days")},
        date="2024-02-01T09:00:00+00:00",
        message="silent",
    )
    git_repo.commit(
        {"p.md": text.replace("30 days", "45 days").replace("* **", "*   **")},
        date="2024-03-01T09:00:00+00:00",
        message="layout",
    )
    git_repo.commit(
        {"p.md": NOTICE.format(date="March 1, 2025", days=60)},
        date="2025-02-01T09:00:00+00:00",
        message="v2",
    )
    git_repo.commit(
        {"p.md": NOTICE.format(date="July 1, 2027", days=90)},
        date="2026-11-01T09:00:00+00:00",
        message="announced",
    )
    notice = load(git_repo).notices[0]
    by_subject = {r.subject: r for r in notice.revisions}
    assert by_subject["silent"].silent_edit and not by_subject["silent"].technical
    assert by_subject["layout"].technical and not by_subject["layout"].silent_edit
    assert not by_subject["v2"].silent_edit and not by_subject["v2"].technical
    assert by_subject["announced"].is_future(TODAY)
    assert not by_subject["v2"].is_future(TODAY)

    versions = effective_versions(notice)
    assert [v.effective_date for v in versions] == [
        dt.date(2027, 7, 1),
        dt.date(2025, 3, 1),
        dt.date(2024, 1, 1),
    ]
    oldest = versions[-1]
    assert [r.subject for r in oldest.revisions] == ["layout", "silent", "v1"]
    assert oldest.revision.subject == "layout"  # a version's text is its newest revision
    assert oldest.silent_edits == 1 and oldest.technical_revisions == 1
    assert status_of(versions[0], TODAY) == "upcoming"
    assert status_of(versions[1], TODAY) == "in-force"
    assert status_of(oldest, TODAY) == "superseded"
    assert latest(notice, TODAY) is versions[1]
    assert [v.effective_date for v in upcoming(notice, TODAY)] == [dt.date(2027, 7, 1)]
    assert in_force(notice, dt.date(2023, 12, 31)) is None
    assert in_force(notice, dt.date(2024, 1, 1)) is oldest
    assert in_force(notice, dt.date(2025, 2, 28)) is oldest
    assert in_force(notice, dt.date(2025, 3, 1)) is versions[1]
    assert in_force(notice, dt.date(2027, 7, 1)) is versions[0]


def test_commit_date_stands_in_when_text_states_none(git_repo: GitRepo) -> None:
    git_repo.commit(
        {"terms.md": "# Terms\n\nNo date here.\n"}, date="2024-05-06T23:30:00-05:00", message="t"
    )
    revision = load(git_repo).notices[0].revisions[0]
    assert revision.date_source == "commit"
    assert revision.effective_date == dt.date(2024, 5, 6)  # the committer's own calendar day
    assert revision.date_precision == "day"


def test_deleted_notice_is_retired(git_repo: GitRepo) -> None:
    git_repo.commit({"old.md": "# Old Terms\n\nText.\n", "keep.md": "# Keep\n"}, message="add")
    deleting = git_repo.commit({"old.md": None}, date="2024-02-01T00:00:00+00:00", message="drop")
    catalog = load(git_repo)
    assert [n.path for n in catalog.active()] == ["keep.md"]
    (retired,) = catalog.retired()
    assert retired.path == "old.md" and retired.retired and retired.retired_in == deleting
    assert retired.title == "Old Terms"
    assert [r.subject for r in retired.revisions] == ["add"]


def test_unpaired_add_and_delete_with_same_title_is_an_inferred_rename(git_repo: GitRepo) -> None:
    git_repo.commit(
        {"a/cookie-policy.md": "# Cookie Policy\n\nWe use three cookies for login.\n"},
        message="first",
    )
    git_repo.commit(
        {
            "a/cookie-policy.md": None,
            "b/cookies.md": "# Cookie Policy\n\n"
            + "Completely rewritten text about trackers, consent banners and opt-out.\n" * 3,
        },
        date="2024-03-01T00:00:00+00:00",
        message="rewrite",
    )
    catalog = load(git_repo)
    assert catalog.retired() == []
    (notice,) = catalog.notices
    assert [r.subject for r in notice.revisions] == ["rewrite", "first"]
    assert notice.revisions[0].inferred_rename
    assert notice.revisions[0].renamed_from == "a/cookie-policy.md"


def test_a_branch_change_is_one_revision_dated_by_its_merge(git_repo: GitRepo) -> None:
    git_repo.commit({"n.md": NOTICE.format(date="January 1, 2024", days=1)}, message="base")
    git_repo.branch("side")
    git_repo.commit(
        {"n.md": NOTICE.format(date="June 1, 2024", days=2)},
        date="2024-06-01T00:00:00+00:00",
        message="side edit",
    )
    git_repo.checkout("main")
    git_repo.commit(
        {"other.md": "# Other\n"}, date="2024-06-02T00:00:00+00:00", message="main edit"
    )
    git_repo.merge("side", date="2024-06-03T00:00:00+00:00", message="merge side")
    catalog = load(git_repo)
    notice = next(n for n in catalog.notices if n.path == "n.md")
    assert [r.subject for r in notice.revisions] == ["side edit", "base"]
    assert notice.revisions[0].effective_date == dt.date(2024, 6, 1)
    assert notice.revisions[0].published.startswith("2024-06-03")


def test_non_utf8_files_are_decoded_with_a_warning(git_repo: GitRepo) -> None:
    git_repo.commit(
        {
            "latin.md": "# Politique\n\nDernière mise à jour : 9 décembre 2023\n".encode("latin-1"),
            "utf16.md": "\ufeff# Terms\n\nLast updated: March 3, 2024\n".encode("utf-16-le"),
            "fine.md": "# Fine\n",
        },
        message="encodings",
    )
    repository = NoticeRepository(git_repo.path)
    catalog = repository.load()
    by_path = {n.path: n for n in catalog.notices}
    assert by_path["fine.md"].revisions[0].warning is None
    latin = by_path["latin.md"].revisions[0]
    assert latin.warning and "UTF-8" in latin.warning
    assert "Dernière" in repository.read_text(latin.blob).text
    utf16 = by_path["utf16.md"].revisions[0]
    assert utf16.warning and "UTF-16" in utf16.warning
    assert utf16.effective_date == dt.date(2024, 3, 3)
    assert "Last updated" in repository.read_text(utf16.blob).text
    assert any("not plain UTF-8" in w for w in catalog.warnings)


def test_missing_object_is_listed_with_a_warning(git_repo: GitRepo) -> None:
    git_repo.commit({"gone.md": "# Gone\n\nLast updated: May 5, 2020\n"}, message="one")
    git_repo.commit({"gone.md": "# Gone\n\nLast updated: May 6, 2021\n", "ok.md": "# Ok\n"})
    old_blob = git_repo.git("rev-parse", "HEAD~1:gone.md").strip()
    (git_repo.path / ".git" / "objects" / old_blob[:2] / old_blob[2:]).unlink()
    catalog = load(git_repo)
    notice = next(n for n in catalog.notices if n.path == "gone.md")
    assert len(notice.revisions) == 2
    assert notice.revisions[1].warning and "missing" in notice.revisions[1].warning
    assert notice.revisions[0].effective_date == dt.date(2021, 5, 6)
    assert any("missing objects" in w for w in catalog.warnings)


def test_which_files_are_notices_and_toml_rules(git_repo: GitRepo) -> None:
    git_repo.commit(
        {
            "README.md": "# readme\n",
            "LICENSE": "MIT\n",
            "docs/CHANGELOG.md": "# changes\n",
            "CONTRIBUTING.md": "# how\n",
            ".github/policy.md": "# hidden\n",
            "a/privacy.md": "# P\n",
            "b/terms.txt": "Terms\n",
            "c/notes.rst": "Notes\n=====\n",
            "d/data.json": "{}",
            "drafts/wip.md": "# wip\n",
            "html/policy.html": "<h1>x</h1>",
        },
        message="files",
    )
    assert [n.path for n in load(git_repo).notices] == [
        "a/privacy.md",
        "b/terms.txt",
        "c/notes.rst",
        "drafts/wip.md",
    ]
    git_repo.commit(
        {".notice-tui.toml": 'include = ["**/*.md", "html/*.html"]\nexclude = ["drafts/**"]\n'},
        message="rules",
    )
    assert [n.path for n in load(git_repo).notices] == ["a/privacy.md", "html/policy.html"]


def test_empty_repository_and_repository_without_notices(git_repo: GitRepo) -> None:
    catalog = load(git_repo)
    assert catalog.notices == [] and catalog.head is None
    assert "no commits yet" in catalog.warnings[0]
    git_repo.commit({"data.csv": "a,b\n"}, message="not a notice")
    catalog = load(git_repo)
    assert catalog.notices == []
    assert any("has no notices" in w for w in catalog.warnings)


def test_bad_paths_raise_one_line_errors(tmp_path: Path) -> None:
    with pytest.raises(RepoError, match="does not exist"):
        NoticeRepository(tmp_path / "nope")
    plain = tmp_path / "plain"
    plain.mkdir()
    with pytest.raises(RepoError, match="not a git repository") as info:
        NoticeRepository(plain)
    assert "\n" not in info.value.message
    file = tmp_path / "file.md"
    file.write_text("x")
    with pytest.raises(RepoError, match="not a folder"):
        NoticeRepository(file)


def test_folder_inside_another_repository_is_not_silently_used(git_repo: GitRepo) -> None:
    git_repo.commit({"a.md": "# A\n"})
    inner = git_repo.path / "sub"
    inner.mkdir()
    with pytest.raises(RepoError, match="not a git repository"):
        NoticeRepository(inner)


def test_bare_repository_and_detached_head(git_repo: GitRepo, tmp_path: Path) -> None:
    first = git_repo.commit({"a.md": NOTICE.format(date="May 1, 2024", days=1)}, message="one")
    git_repo.commit({"a.md": NOTICE.format(date="May 2, 2024", days=2)}, message="two")
    bare = tmp_path / "bare.git"
    git_repo.git("clone", "-q", "--bare", str(git_repo.path), str(bare))
    assert [r.subject for r in load(bare).notices[0].revisions] == ["two", "one"]
    git_repo.checkout(first)
    assert [r.subject for r in load(git_repo).notices[0].revisions] == ["one"]


def _tree_digest(path: Path) -> str:
    digest = hashlib.sha256()
    for item in sorted(path.rglob("*")):
        digest.update(str(item.relative_to(path)).encode())
        if item.is_file():
            digest.update(item.read_bytes())
    return digest.hexdigest()


def test_loading_never_writes_to_the_repository(git_repo: GitRepo) -> None:
    git_repo.commit({"a.md": NOTICE.format(date="May 1, 2024", days=1)}, message="one")
    git_repo.write("a.md", "dirty work tree\n")  # an index refresh would rewrite .git/index
    before = _tree_digest(git_repo.path)
    repository = NoticeRepository(git_repo.path)
    catalog = repository.load()
    repository.read_text(catalog.notices[0].revisions[0].blob)
    repository.close()
    assert _tree_digest(git_repo.path) == before


def test_cache_warm_incremental_and_rewritten(git_repo: GitRepo) -> None:
    git_repo.commit({"a.md": NOTICE.format(date="May 1, 2024", days=1)}, message="one")
    git_repo.commit({"b.md": "# B\n\nLast updated: June 2, 2024\n"}, message="two")
    cold = NoticeRepository(git_repo.path)
    first = cold.load()
    assert cold.stats.mode == "cold"

    warm = NoticeRepository(git_repo.path)
    assert catalog_summary(warm.load()) == catalog_summary(first)
    assert warm.stats.mode == "warm"

    git_repo.commit(
        {"a/moved.md": NOTICE.format(date="May 1, 2025", days=9)},
        renames={"a.md": "a/moved.md"},
        message="three",
    )
    git_repo.commit({"b.md": None}, message="four")
    incremental = NoticeRepository(git_repo.path)
    after = incremental.load()
    assert incremental.stats.mode == "incremental"
    assert incremental.stats.commits_walked == 2
    fresh = NoticeRepository(git_repo.path, use_cache=False).load()
    assert catalog_summary(after) == catalog_summary(fresh)
    assert [n.path for n in after.active()] == ["a/moved.md"]
    assert [n.path for n in after.retired()] == ["b.md"]

    git_repo.git("commit", "-q", "--amend", "-m", "four, rewritten")
    rewritten = NoticeRepository(git_repo.path)
    result = rewritten.load()
    assert rewritten.stats.mode == "cold"
    assert result.retired()[0].retired_in == git_repo.head()
