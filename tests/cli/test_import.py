"""``notice-tui import BUNDLE``: verified, fast-forward only, all or nothing, never the sample."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from notices_repo.bundles.header import read_bundle_header
from notices_repo.bundles.importer import import_bundle
from notices_repo.bundles.results import ImportRefused
from notices_repo.catalog.repository import IMPORT_JOURNAL, NoticeRepository
from tests.conftest import GitRepo, git, run_cli, run_command
from tests.security.test_security_helpers import changed, tree_digest

NOTICE = "# Privacy Notice\n\nEffective Date: {date}\n\n## Data\n\n* **Usage Data:** {what}\n"
TODAY = "2026-11-26"


def _upstream(tmp_path: Path) -> GitRepo:
    """The repository outside, where notices are edited and bundles made."""
    repo = GitRepo(tmp_path / "upstream")
    repo.commit(
        {
            "privacy/notice.md": NOTICE.format(date="1 January 2024", what="clicks"),
            "terms.md": "# Terms\n\nEffective Date: 1 March 2024\n\nBe nice.\n",
        },
        date="2024-01-01T10:00:00+00:00",
        message="First notices",
    )
    repo.git("branch", "-M", "main")
    return repo


def _bundle(repo: GitRepo, path: Path, *revs: str) -> Path:
    git(repo.path, "bundle", "create", "-q", str(path), *(revs or ("--all",)))
    return path


def _refs(path: Path) -> str:
    return git(path, "for-each-ref", "--format=%(refname) %(objectname)", "refs/heads", "refs/tags")


def _more(upstream: GitRepo) -> None:
    upstream.commit(
        {"privacy/notice.md": NOTICE.format(date="1 July 2026", what="clicks and pages")},
        date="2026-06-01T10:00:00+00:00",
        message="New effective version",
    )
    upstream.commit(
        {"privacy/notice.md": NOTICE.format(date="1 July 2026", what="clicks, pages")},
        date="2026-06-02T10:00:00+00:00",
        message="Quietly reword",
    )
    upstream.commit(
        {"cookies.md": "# Cookies\n\nEffective Date: 1 January 2027\n\nNone.\n"},
        date="2026-06-03T10:00:00+00:00",
        message="Announce a cookie notice",
    )


@pytest.fixture
def upstream(tmp_path: Path) -> GitRepo:
    return _upstream(tmp_path)


def test_first_import_creates_the_repository(upstream: GitRepo, tmp_path: Path) -> None:
    bundle = _bundle(upstream, tmp_path / "full.bundle")
    box = tmp_path / "srv" / "notices"
    result = run_cli("import", str(bundle), "--repo", str(box), "--json", "--today", TODAY)
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert doc["created"] is True and doc["branch"] == "main"
    assert doc["new"] == upstream.head() and doc["old"] is None
    assert {n["path"] for n in doc["notices"]} == {"privacy/notice.md", "terms.md"}
    assert all(n["kind"] == "new" for n in doc["notices"])
    assert git(box, "rev-parse", "--is-bare-repository").strip() == "false"
    assert git(box, "status", "--porcelain").strip() == ""
    assert (box / "terms.md").read_text().startswith("# Terms")
    assert git(box, "for-each-ref", "refs/notice-tui").strip() == ""
    assert not [p for p in box.parent.iterdir() if p.name != "notices"]  # no leftovers
    log = run_cli("log", "--repo", str(box), "--json")
    assert log.code == 0 and len(json.loads(log.out)["notices"]) == 2


def test_next_import_fast_forwards_and_tells_what_arrived(
    upstream: GitRepo, tmp_path: Path
) -> None:
    box = tmp_path / "box"
    import_bundle(_bundle(upstream, tmp_path / "full.bundle"), box)
    before_head = upstream.head()
    _more(upstream)
    upstream.git("tag", "-a", "-m", "2026 notices", "v2026")
    bundle = _bundle(upstream, tmp_path / "more.bundle", f"{before_head}..main", "--tags")
    assert read_bundle_header(bundle).prerequisites == [before_head]
    result = run_cli("import", str(bundle), "--repo", str(box), "--today", TODAY)
    assert result.code == 0, result.err
    out = result.out
    assert "Imported 3 commit(s) into main" in out
    assert "privacy/notice.md: new effective version 2026-07-01 (in-force); 1 silent edit" in out
    assert "cookies.md: new notice" in out and "2027-01-01 (upcoming)" in out
    assert "Tags: v2026" in out
    assert git(box, "rev-parse", "HEAD").strip() == upstream.head()
    assert git(box, "status", "--porcelain").strip() == ""
    assert (box / "cookies.md").exists()
    assert not (box / ".git" / IMPORT_JOURNAL).exists()


def test_the_history_cache_picks_the_import_up_incrementally(
    upstream: GitRepo, tmp_path: Path
) -> None:
    box = tmp_path / "box"
    import_bundle(_bundle(upstream, tmp_path / "full.bundle"), box)
    NoticeRepository(box).load()  # the user looked at it: the cache is warm
    _more(upstream)
    result = import_bundle(_bundle(upstream, tmp_path / "more.bundle", "main"), box)
    assert result.load_mode == "incremental"
    repository = NoticeRepository(box)
    catalog = repository.load()
    assert repository.stats.mode == "warm"
    assert catalog.head == upstream.head()


def test_json_lists_versions_silent_edits_and_commits(upstream: GitRepo, tmp_path: Path) -> None:
    box = tmp_path / "box"
    import_bundle(_bundle(upstream, tmp_path / "full.bundle"), box)
    _more(upstream)
    result = run_cli(
        "import",
        str(_bundle(upstream, tmp_path / "m.bundle", "main")),
        "--repo",
        str(box),
        "--json",
        "--today",
        TODAY,
    )
    doc = json.loads(result.out)
    assert len(doc["commits"]) == 3 and doc["work_tree_updated"] is True
    notice = next(n for n in doc["notices"] if n["path"] == "privacy/notice.md")
    assert notice["kind"] == "changed"
    assert [(v["effective_date"], v["new"]) for v in notice["versions"]] == [("2026-07-01", True)]
    assert [e["subject"] for e in notice["silent_edits"]] == ["Quietly reword"]


def test_a_bundle_that_would_rewrite_history_is_refused_and_changes_nothing(
    upstream: GitRepo, tmp_path: Path
) -> None:
    box = tmp_path / "box"
    import_bundle(_bundle(upstream, tmp_path / "full.bundle"), box)
    _more(upstream)
    import_bundle(_bundle(upstream, tmp_path / "more.bundle", "main"), box)
    upstream.git("reset", "-q", "--hard", "HEAD~2")
    upstream.commit({"terms.md": "# Terms\n\nRewritten.\n"}, message="Rewrite")
    bundle = _bundle(upstream, tmp_path / "rewrite.bundle", "main")
    before_refs = _refs(box)
    before_tree = tree_digest(box, skip=[".git/objects"], folder_times=False)
    result = run_cli("import", str(bundle), "--repo", str(box))
    assert result.code == 2
    assert "rewrite history" in result.err and "drop 2 commit(s)" in result.err
    assert "Nothing was changed" in result.err
    assert _refs(box) == before_refs
    after_tree = tree_digest(box, skip=[".git/objects"], folder_times=False)
    assert changed(before_tree, after_tree) == []  # fetched objects may stay, unreachable


def test_a_bundle_moving_a_tag_is_refused(upstream: GitRepo, tmp_path: Path) -> None:
    upstream.git("tag", "v1")
    box = tmp_path / "box"
    import_bundle(_bundle(upstream, tmp_path / "full.bundle"), box)
    _more(upstream)
    upstream.git("tag", "-f", "v1")
    before = _refs(box)
    result = run_cli("import", str(_bundle(upstream, tmp_path / "b", "--all")), "--repo", str(box))
    assert result.code == 2 and "moves tag v1" in result.err
    assert _refs(box) == before
    assert git(box, "for-each-ref", "refs/notice-tui").strip() == ""


def test_up_to_date_and_older_bundles_change_nothing(upstream: GitRepo, tmp_path: Path) -> None:
    old_bundle = _bundle(upstream, tmp_path / "old.bundle")
    box = tmp_path / "box"
    import_bundle(old_bundle, box)
    again = run_cli("import", str(old_bundle), "--repo", str(box))
    assert again.code == 0 and "Already up to date" in again.out
    _more(upstream)
    import_bundle(_bundle(upstream, tmp_path / "new.bundle"), box)
    before = tree_digest(box, folder_times=False)
    older = run_cli("import", str(old_bundle), "--repo", str(box))
    assert older.code == 0 and "the bundle is older" in older.out
    assert changed(before, tree_digest(box, folder_times=False)) == []


def test_never_imports_into_the_sample(
    upstream: GitRepo, tmp_path: Path, sample_repo: Path
) -> None:
    bundle = _bundle(upstream, tmp_path / "full.bundle")
    result = run_cli("import", str(bundle))
    assert result.code == 2 and "never imports into its built-in sample" in result.err
    before = tree_digest(sample_repo)
    explicit = run_cli("import", str(bundle), "--repo", str(sample_repo))
    assert explicit.code == 2 and "built-in sample" in explicit.err
    assert changed(before, tree_digest(sample_repo)) == []  # not even a lock file


def test_repository_from_environment(upstream: GitRepo, tmp_path: Path, monkeypatch) -> None:
    box = tmp_path / "env-box"
    monkeypatch.setenv("NOTICE_TUI_REPO", str(box))
    result = run_cli("import", str(_bundle(upstream, tmp_path / "full.bundle")))
    assert result.code == 0, result.err
    assert "(NOTICE_TUI_REPO)" in result.out
    assert git(box, "rev-parse", "HEAD").strip() == upstream.head()


def test_into_a_bare_repository_only_refs_move(upstream: GitRepo, tmp_path: Path) -> None:
    bare = tmp_path / "bare.git"
    git(tmp_path, "clone", "-q", "--bare", str(upstream.path), str(bare))
    _more(upstream)
    result = run_cli("import", str(_bundle(upstream, tmp_path / "b", "main")), "--repo", str(bare))
    assert result.code == 0, result.err
    assert git(bare, "rev-parse", "main").strip() == upstream.head()
    assert "work tree updated" not in result.out
    assert not (bare / "index").exists()


def test_detached_head_needs_branch(upstream: GitRepo, tmp_path: Path) -> None:
    box = tmp_path / "box"
    import_bundle(_bundle(upstream, tmp_path / "full.bundle"), box)
    git(box, "checkout", "-q", "--detach")
    _more(upstream)
    bundle = _bundle(upstream, tmp_path / "b", "main")
    refused = run_cli("import", str(bundle), "--repo", str(box))
    assert refused.code == 2 and "detached HEAD" in refused.err and "--branch" in refused.err
    done = run_cli("import", str(bundle), "--repo", str(box), "--branch", "main")
    assert done.code == 0, done.err
    assert git(box, "rev-parse", "main").strip() == upstream.head()
    assert "work tree updated" not in done.out  # HEAD is detached: its files stay
    assert git(box, "status", "--porcelain").strip() == ""


def test_local_changes_and_files_in_the_way_refuse(upstream: GitRepo, tmp_path: Path) -> None:
    box = tmp_path / "box"
    import_bundle(_bundle(upstream, tmp_path / "full.bundle"), box)
    _more(upstream)
    bundle = _bundle(upstream, tmp_path / "b", "main")
    (box / "terms.md").write_text("my local edit\n")
    refs = _refs(box)
    refused = run_cli("import", str(bundle), "--repo", str(box))
    assert refused.code == 2 and "local changes (terms.md)" in refused.err
    assert _refs(box) == refs and (box / "terms.md").read_text() == "my local edit\n"
    git(box, "checkout", "--", "terms.md")
    (box / "cookies.md").write_text("mine, untracked\n")
    blocked = run_cli("import", str(bundle), "--repo", str(box))
    assert blocked.code == 2 and "in the way" in blocked.err and "cookies.md" in blocked.err
    assert _refs(box) == refs and (box / "cookies.md").read_text() == "mine, untracked\n"
    (box / "cookies.md").unlink()
    assert run_cli("import", str(bundle), "--repo", str(box)).code == 0


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "is not a git bundle"),
        (b"# v2 git bundle\n" + b"x" * 100, "damaged"),
        (b"# v2 git bundle\n0123 refs/heads/main\n\nPACK", "damaged"),
        (b"# v2 git bundle\n" + b"a" * 40 + b" refs/heads/main\n\n", "no pack data"),
        (b"# v2 git bundle\n" + b"a" * 40 + b" refs/heads/main\n\nPACKjunk", "damaged or unsafe"),
    ],
)
def test_broken_bundles_are_refused(tmp_path: Path, content: bytes, message: str) -> None:
    bundle = tmp_path / "bad.bundle"
    bundle.write_bytes(content)
    box = tmp_path / "box"
    result = run_cli("import", str(bundle), "--repo", str(box))
    assert result.code == 2 and message in result.err, result.err
    assert not box.exists()
    assert not list(tmp_path.glob(".box.notice-tui-import-*"))


def test_missing_bundle_and_incremental_first_import(upstream: GitRepo, tmp_path: Path) -> None:
    missing = run_cli("import", str(tmp_path / "nope.bundle"), "--repo", str(tmp_path / "box"))
    assert missing.code == 2 and "does not exist" in missing.err
    first = upstream.head()
    _more(upstream)
    incremental = _bundle(upstream, tmp_path / "inc.bundle", f"{first}..main")
    result = run_cli("import", str(incremental), "--repo", str(tmp_path / "box"))
    assert result.code == 2 and "the first import needs a full bundle" in result.err
    assert not (tmp_path / "box").exists()


def test_a_bundle_built_on_commits_the_box_lacks_is_refused(
    upstream: GitRepo, tmp_path: Path
) -> None:
    box = tmp_path / "box"
    import_bundle(_bundle(upstream, tmp_path / "full.bundle"), box)
    _more(upstream)
    base = git(upstream.path, "rev-parse", "HEAD~1").strip()
    upstream.commit({"x.md": "# X\n"}, message="x")
    gap = _bundle(upstream, tmp_path / "gap.bundle", f"{base}..main")
    refs = _refs(box)
    result = run_cli("import", str(gap), "--repo", str(box))
    assert result.code == 2 and "does not have" in result.err
    assert _refs(box) == refs


def test_wrong_branch_name_lists_the_bundles_branches(upstream: GitRepo, tmp_path: Path) -> None:
    box = tmp_path / "box"
    import_bundle(_bundle(upstream, tmp_path / "full.bundle"), box)
    result = run_cli(
        "import",
        str(_bundle(upstream, tmp_path / "b", "main")),
        "--repo",
        str(box),
        "--branch",
        "release",
    )
    assert result.code == 2 and "no branch 'release'" in result.err and "main" in result.err
    odd = run_cli("import", str(tmp_path / "b"), "--repo", str(box), "--branch", "../x")
    assert odd.code == 2 and "not a plain branch name" in odd.err


def test_unsafe_objects_are_refused_by_index_pack(upstream: GitRepo, tmp_path: Path) -> None:
    """A tree with a '.git' entry would write into the box's .git on checkout."""
    blob = git(upstream.path, "hash-object", "-w", "--stdin", input=b"[core]\n\tbare = true\n")
    inner = git(upstream.path, "mktree", input=f"100644 blob {blob.strip()}\tconfig\n".encode())
    tree = git(upstream.path, "mktree", input=f"040000 tree {inner.strip()}\t.git\n".encode())
    commit = git(upstream.path, "commit-tree", "-p", "HEAD", "-m", "evil", tree.strip())
    upstream.git("update-ref", "refs/heads/main", commit.strip())
    upstream.git("branch", "base", "HEAD~1")
    box = tmp_path / "box"
    git(
        tmp_path,
        "clone",
        "-q",
        "-b",
        "base",
        str(_bundle(upstream, tmp_path / "ok", "base")),
        str(box),
    )
    git(box, "checkout", "-q", "-b", "main")
    bundle = _bundle(upstream, tmp_path / "evil.bundle", "HEAD~1..main")
    result = run_cli("import", str(bundle), "--repo", str(box))
    assert result.code == 2 and "damaged or unsafe" in result.err, result.err
    assert not (box / ".git" / ".git").exists()
    assert git(box, "rev-parse", "HEAD").strip() != commit.strip()


def test_the_work_tree_is_the_folder_named_never_core_worktree(
    upstream: GitRepo, tmp_path: Path
) -> None:
    box = tmp_path / "box"
    import_bundle(_bundle(upstream, tmp_path / "full.bundle"), box)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    git(box, "config", "core.worktree", str(elsewhere))
    _more(upstream)
    result = run_cli("import", str(_bundle(upstream, tmp_path / "b", "main")), "--repo", str(box))
    assert result.code == 0, result.err
    assert (box / "cookies.md").exists()
    assert list(elsewhere.iterdir()) == []


def test_a_second_import_while_one_runs_is_refused(upstream: GitRepo, tmp_path: Path) -> None:
    box = tmp_path / "box"
    import_bundle(_bundle(upstream, tmp_path / "full.bundle"), box)
    (box / ".git" / "notice-tui-import.lock").write_text(f"{os.getppid()}\n")
    with pytest.raises(ImportRefused, match="another notice-tui import"):
        import_bundle(tmp_path / "full.bundle", box)
    (box / ".git" / "notice-tui-import.lock").write_text("999999999\n")  # a dead holder
    assert import_bundle(tmp_path / "full.bundle", box).up_to_date


def test_support_state_change_is_reported(
    upstream: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    box = tmp_path / "box"
    import_bundle(_bundle(upstream, tmp_path / "full.bundle"), box)
    upstream.commit(
        {
            "releases.toml": (
                '[policy]\nproduct = "Rocket.Chat"\nmonths = 6\nend = "end-of-month"\n\n'
                '[[release]]\nversion = "8.6"\nreleased = 2026-07-03\n'
                "support_ends = 2026-12-15\n"
            )
        },
        message="Shorter support for 8.6",
    )
    monkeypatch.setenv("NOTICE_TUI_RELEASE", "8.6")
    result = run_cli(
        "import",
        str(_bundle(upstream, tmp_path / "b", "main")),
        "--repo",
        str(box),
        "--today",
        TODAY,
        "--json",
    )
    assert result.code == 0, result.err
    support = json.loads(result.out)["support"]
    assert support["changed"] is True
    assert support["before"]["support_ends"] == "2027-01-31"
    assert support["after"]["support_ends"] == "2026-12-15"
    text = run_cli("import", str(tmp_path / "b"), "--repo", str(box), "--today", TODAY)
    assert text.code == 0 and "Support" not in text.out  # nothing new: no support line


def test_relative_bundle_and_repository_paths(upstream: GitRepo, tmp_path: Path) -> None:
    """Paths are taken from where the user is, not from where git runs."""
    _bundle(upstream, tmp_path / "full.bundle")
    first = run_command("import", "full.bundle", "--repo", "srv/notices", cwd=tmp_path)
    assert first.code == 0, first.err
    assert (tmp_path / "srv" / "notices" / "terms.md").exists()
    _more(upstream)
    _bundle(upstream, tmp_path / "more.bundle", "main")
    again = run_command("import", "../more.bundle", "--repo", "notices", cwd=tmp_path / "srv")
    assert again.code == 0, again.err
    assert (tmp_path / "srv" / "notices" / "cookies.md").exists()
    assert git(tmp_path / "srv" / "notices", "status", "--porcelain").strip() == ""
