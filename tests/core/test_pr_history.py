"""Histories kept through pull requests, and history git does not link: real
repositories with feature branches, main merged into a branch, merge commits, a
conflict resolved by hand, two-step renames, deleted-and-restored paths."""

from __future__ import annotations

import contextlib
import datetime as dt
import json

from notices_repo.catalog.repository import NoticeRepository
from notices_repo.catalog.timeline import effective_versions, in_force
from tests.conftest import GitRepo, git, run_cli

DOC = "# Privacy Statement\n\n{stamp}## Data\n\n{body}\n"


def doc(body: str, stamp: str = "") -> str:
    return DOC.format(stamp=f"{stamp}\n\n" if stamp else "", body=body)


def resolve_by_hand(repo: GitRepo, branch: str, files: dict[str, str], date: str) -> str:
    """Merge ``branch`` into the current branch, resolving its conflicts with ``files``."""
    env = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    with contextlib.suppress(AssertionError):  # the conflict we want
        git(repo.path, "merge", "-q", "--no-ff", "--no-commit", branch, env=env)
    for rel, content in files.items():
        repo.write(rel, content)
        git(repo.path, "add", "--", rel)
    git(repo.path, "commit", "-q", "-m", f"Merge {branch} (resolved)", env=env)
    return repo.head()


def pr_repository(repo: GitRepo) -> dict[str, str]:
    """main and two feature branches; main merged into one of them; a hand-resolved
    conflict. Every change of privacy.md is made once."""
    ids: dict[str, str] = {}
    ids["base"] = repo.commit(
        {"privacy.md": doc("We collect names.\n\nWe keep logs.\n\nWe share nothing.")},
        date="2024-01-01T09:00:00+00:00",
        message="Initial statement",
    )
    repo.branch("feature-a")
    ids["a1"] = repo.commit(
        {"privacy.md": doc("We collect names and emails.\n\nWe keep logs.\n\nWe share nothing.")},
        date="2024-02-01T09:00:00+00:00",
        message="a1: emails",
    )
    repo.checkout("main")
    ids["m1"] = repo.commit(
        {"privacy.md": doc("We collect names.\n\nWe keep logs.\n\nWe share with processors.")},
        date="2024-02-10T09:00:00+00:00",
        message="m1: processors",
    )
    repo.checkout("feature-a")
    ids["main_into_a"] = repo.merge(
        "main", date="2024-02-15T09:00:00+00:00", message="Merge branch 'main' into feature-a"
    )
    repo.checkout("main")
    ids["merge_a"] = repo.merge(
        "feature-a", date="2024-03-01T09:00:00+00:00", message="Merge pull request #1"
    )
    repo.branch("feature-b")
    ids["b1"] = repo.commit(
        {"privacy.md": doc("We collect names and emails.\n\nWe keep logs for 30 days.\n\nX.")},
        date="2024-03-05T09:00:00+00:00",
        message="b1: retention",
    )
    repo.checkout("main")
    ids["m2"] = repo.commit(
        {"privacy.md": doc("We collect names and emails.\n\nWe keep logs for 90 days.\n\nY.")},
        date="2024-03-10T09:00:00+00:00",
        message="m2: retention",
    )
    ids["merge_b"] = resolve_by_hand(
        repo,
        "feature-b",
        {"privacy.md": doc("We collect names and emails.\n\nWe keep logs for 60 days.\n\nZ.")},
        "2024-04-01T09:00:00+00:00",
    )
    return ids


def test_each_change_is_listed_once(git_repo: GitRepo) -> None:
    ids = pr_repository(git_repo)
    notice = NoticeRepository(git_repo.path).load().notices[0]
    commits = [r.commit for r in notice.revisions]
    assert len(commits) == len(set(commits))
    assert set(commits) == {
        ids["base"],
        ids["a1"],
        ids["m1"],
        ids["b1"],
        ids["m2"],
        ids["merge_b"],  # the conflict resolved by hand is a change of its own
    }
    assert ids["main_into_a"] not in commits and ids["merge_a"] not in commits
    # newest first in the order they reached main: a1 where pull request #1 stands
    assert commits.index(ids["a1"]) < commits.index(ids["m1"])
    effective_versions(notice)
    assert [r.overridden_by for r in notice.revisions] == [None] * len(commits)
    git_log = git(git_repo.path, "log", "--format=%H", "--", "privacy.md").split()
    assert set(commits) <= set(git_log)
    merge = next(r for r in notice.revisions if r.commit == ids["merge_b"])
    m2_blob = git(git_repo.path, "rev-parse", f"{ids['m2']}:privacy.md").strip()
    assert merge.parent_blob == m2_blob  # compared with main's text before the merge
    assert not merge.silent_edit and not merge.technical


def test_branch_commits_are_dated_when_they_reached_main(git_repo: GitRepo) -> None:
    ids = pr_repository(git_repo)
    notice = NoticeRepository(git_repo.path).load().notices[0]
    by_commit = {r.commit: r for r in notice.revisions}
    a1 = by_commit[ids["a1"]]
    assert a1.committed.startswith("2024-02-01")
    assert a1.published.startswith("2024-03-01")  # merged by pull request #1
    assert a1.date_source == "commit" and a1.effective_date == dt.date(2024, 3, 1)
    assert by_commit[ids["b1"]].published.startswith("2024-04-01")
    assert by_commit[ids["m1"]].published.startswith("2024-02-10")
    # on 2024-02-20 main held m1's text; a1 was still on its branch
    version = in_force(notice, dt.date(2024, 2, 20))
    assert version is not None and version.revision.commit == ids["m1"]
    version = in_force(notice, dt.date(2024, 3, 2))  # pull request #1 merged on 03-01
    assert version is not None and version.revision.commit == ids["a1"]
    log = run_cli("log", "--repo", str(git_repo.path), "--json")
    revision = next(
        r for r in json.loads(log.out)["notices"][0]["revisions"] if r["commit"] == ids["a1"]
    )
    assert revision["published"].startswith("2024-03-01")
    assert revision["committed"].startswith("2024-02-01")


def test_a_linear_history_is_unchanged(git_repo: GitRepo) -> None:
    for day in (1, 2, 3):
        git_repo.commit({"n.md": doc(f"Body {day}.")}, date=f"2024-01-0{day}T00:00:00+00:00")
    notice = NoticeRepository(git_repo.path).load().notices[0]
    assert [r.published for r in notice.revisions] == [r.committed for r in notice.revisions]
    assert len(notice.revisions) == 3


def test_a_rename_in_two_steps_is_one_notice(git_repo: GitRepo) -> None:
    text = doc("Old home.", "Effective: January 5, 2023")
    git_repo.commit({"old/terms.md": text}, date="2023-01-05T00:00:00+00:00", message="add")
    git_repo.commit({"new/terms.md": text}, date="2023-06-01T00:00:00+00:00", message="copy")
    git_repo.commit({"old/terms.md": None}, date="2023-06-02T00:00:00+00:00", message="drop old")
    catalog = NoticeRepository(git_repo.path).load()
    assert [n.path for n in catalog.notices] == ["new/terms.md"]
    notice = catalog.notices[0]
    assert [r.subject for r in notice.revisions] == ["copy", "add"]
    copy = notice.revisions[0]
    assert copy.inferred_rename and copy.renamed_from == "old/terms.md"


def test_a_deleted_and_restored_path_is_one_notice_with_a_gap(git_repo: GitRepo) -> None:
    git_repo.commit(
        {"p.md": doc("First.", "Effective: January 1, 2023")},
        date="2023-01-01T00:00:00+00:00",
        message="add",
    )
    gone = git_repo.commit({"p.md": None}, date="2023-09-20T00:00:00+00:00", message="withdraw")
    back = git_repo.commit(
        {"p.md": doc("Second.", "Effective: November 29, 2023")},
        date="2023-11-29T00:00:00+00:00",
        message="restore",
    )
    catalog = NoticeRepository(git_repo.path).load()
    assert len(catalog.notices) == 1
    notice = catalog.notices[0]
    assert [r.subject for r in notice.revisions] == ["restore", "add"]
    assert [g.describe() for g in notice.gaps] == ["withdrawn 2023-09-20 .. 2023-11-29"]
    assert notice.gaps[0].withdrawn_in == gone and notice.gaps[0].restored_in == back
    assert in_force(notice, dt.date(2023, 10, 15)) is None
    assert in_force(notice, dt.date(2023, 9, 19)).revision.subject == "add"  # type: ignore[union-attr]
    assert in_force(notice, dt.date(2023, 12, 1)).revision.subject == "restore"  # type: ignore[union-attr]
    text = run_cli("log", "--repo", str(git_repo.path))
    assert "withdrawn 2023-09-20 .. 2023-11-29" in text.out
    shown = run_cli("show", "p.md", "--at", "2023-10-15", "--repo", str(git_repo.path))
    assert shown.code == 2 and "withdrawn 2023-09-20 .. 2023-11-29" in shown.err


def test_the_gap_survives_an_incremental_load(git_repo: GitRepo) -> None:
    git_repo.commit({"p.md": doc("First.")}, date="2023-01-01T00:00:00+00:00", message="add")
    git_repo.commit({"p.md": None}, date="2023-09-20T00:00:00+00:00", message="withdraw")
    git_repo.commit({"other.md": doc("Other.")}, date="2023-10-01T00:00:00+00:00")
    NoticeRepository(git_repo.path).load()  # cached with p.md retired
    git_repo.commit({"p.md": doc("Back.")}, date="2023-11-29T00:00:00+00:00", message="restore")
    repository = NoticeRepository(git_repo.path)
    catalog = repository.load()
    assert repository.stats.mode == "incremental"
    notice = next(n for n in catalog.notices if n.path == "p.md")
    assert not notice.retired and [r.subject for r in notice.revisions] == ["restore", "add"]
    assert [g.describe() for g in notice.gaps] == ["withdrawn 2023-09-20 .. 2023-11-29"]
    assert not any(n.retired for n in catalog.notices)


def test_a_file_added_on_two_merged_branches_lists_both_additions(git_repo: GitRepo) -> None:
    git_repo.commit({"readme.txt": "x"}, date="2024-01-01T00:00:00+00:00", message="root")
    git_repo.branch("side")
    side = git_repo.commit(
        {"cookies.md": doc("Side words.")}, date="2024-01-02T00:00:00+00:00", message="side add"
    )
    git_repo.checkout("main")
    main = git_repo.commit(
        {"cookies.md": doc("Main words.")}, date="2024-01-03T00:00:00+00:00", message="main add"
    )
    resolve_by_hand(
        git_repo, "side", {"cookies.md": doc("Main words.")}, "2024-01-04T00:00:00+00:00"
    )
    notice = NoticeRepository(git_repo.path).load().notices[0]
    commits = {r.commit for r in notice.revisions}
    assert {side, main} <= commits


def test_an_incremental_load_after_a_merge_equals_a_cold_one(git_repo: GitRepo) -> None:
    from tests.conftest import catalog_summary

    pr_repository(git_repo)
    NoticeRepository(git_repo.path).load()  # the cache at this HEAD
    git_repo.branch("feature-c")
    git_repo.commit(
        {"privacy.md": doc("We collect names only.\n\nWe keep logs for 60 days.\n\nZ.")},
        date="2024-05-01T09:00:00+00:00",
        message="c1",
    )
    git_repo.checkout("main")
    git_repo.commit({"other.md": doc("Other.")}, date="2024-05-02T09:00:00+00:00", message="m3")
    git_repo.merge("feature-c", date="2024-05-10T09:00:00+00:00", message="Merge pull request #3")
    repository = NoticeRepository(git_repo.path)
    incremental = repository.load()
    assert repository.stats.mode == "incremental"
    cold = NoticeRepository(git_repo.path, use_cache=False).load()
    assert catalog_summary(incremental) == catalog_summary(cold)
    c1 = next(r for r in cold.notices[1].revisions if r.subject == "c1")
    assert c1.published.startswith("2024-05-10")
