"""The ``import`` report: short on a first import and on updates, everything on request."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from notices_repo.bundles.importer import import_bundle
from tests.conftest import GitRepo, git, run_cli

TODAY = "2026-11-26"
NOTICE = "# {title}\n\nEffective Date: {date}\n\n## Data\n\nWe collect {what}.\n"


def _bundle(repo: GitRepo, path: Path, *revs: str) -> Path:
    git(repo.path, "bundle", "create", "-q", str(path), *(revs or ("--all",)))
    return path


def _write(repo: GitRepo, path: str, title: str, date: str, what: str, day: int) -> None:
    repo.commit(
        {path: NOTICE.format(title=title, date=date, what=what)},
        date=f"2024-02-{day:02d}T10:00:00+00:00",
        message=f"Record {title} ({what})",
    )


@pytest.fixture
def archive(tmp_path: Path) -> GitRepo:
    """Three notices; one with five silent edits, one retired, one announced."""
    repo = GitRepo(tmp_path / "upstream")
    _write(repo, "a/privacy.md", "A Privacy", "1 January 2024", "clicks", 1)
    for day, what in enumerate(("pages", "taps", "scrolls", "likes", "shares"), start=2):
        _write(repo, "a/privacy.md", "A Privacy", "1 January 2024", what, day)
    _write(repo, "b/terms.md", "B Terms", "1 March 2023", "nothing", 8)
    _write(repo, "b/terms.md", "B Terms", "1 January 2027", "nothing at all", 9)
    _write(repo, "c/old.md", "C Old", "1 May 2020", "everything", 10)
    repo.commit({"c/old.md": None}, date="2024-02-11T10:00:00+00:00", message="Drop C")
    repo.git("branch", "-M", "main")
    return repo


def test_a_first_import_prints_counts_and_the_notices_in_force(
    archive: GitRepo, tmp_path: Path
) -> None:
    bundle = _bundle(archive, tmp_path / "full.bundle")
    result = run_cli("import", str(bundle), "--repo", str(tmp_path / "box"), "--today", TODAY)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].startswith("Created ") and "10 commit(s)" in lines[0]
    assert lines[1:] == [
        "Arrived: 2 notices, 3 effective versions, 9 revisions (5 silent edits), 1 retired",
        "In force on 2026-11-26:",
        "  2024-01-01  a/privacy.md",
        "  2023-03-01  b/terms.md  (next: 2027-01-01)",
        "(--verbose or --json lists every version, silent edit and retired notice)",
    ]


def test_verbose_lists_every_silent_edit(archive: GitRepo, tmp_path: Path) -> None:
    bundle = _bundle(archive, tmp_path / "full.bundle")
    box = str(tmp_path / "box")
    result = run_cli("import", str(bundle), "--repo", box, "--today", TODAY, "--verbose")
    assert result.code == 0, result.err
    out = result.out
    assert "In force on 2026-11-26:" in out and "What arrived:" in out
    assert out.count("a/privacy.md: silent edit in") == 5
    assert "b/terms.md: new notice, effective 2027-01-01 (upcoming), 2023-03-01 (in-force)" in out
    assert "c/old.md: retired (deleted)" in out


def test_an_update_lists_versions_per_notice_and_counts_the_rest(
    archive: GitRepo, tmp_path: Path
) -> None:
    box = tmp_path / "box"
    import_bundle(_bundle(archive, tmp_path / "full.bundle"), box)
    before = archive.head()
    _write(archive, "a/privacy.md", "A Privacy", "1 January 2024", "hovers", 20)
    _write(archive, "a/privacy.md", "A Privacy", "1 July 2026", "hovers too", 21)
    _write(archive, "a/privacy.md", "A Privacy", "1 July 2026", "hovers, too", 22)
    _write(archive, "d/cookies.md", "D Cookies", "1 June 2026", "cookies", 23)
    bundle = _bundle(archive, tmp_path / "more.bundle", f"{before}..main")
    result = run_cli("import", str(bundle), "--repo", str(box), "--today", TODAY)
    assert result.code == 0, result.err
    assert result.out.splitlines()[1:] == [
        "Arrived: 2 notices (1 new), 2 new effective versions, 4 revisions (2 silent edits),"
        " 0 retired",
        "  a/privacy.md: new effective version 2026-07-01 (in-force); 2 silent edits",
        "  d/cookies.md: new notice, effective 2026-06-01 (in-force)",
        "(--verbose or --json lists every silent edit and layout-only revision)",
    ]


def test_a_notice_retired_twice_is_listed_once(archive: GitRepo, tmp_path: Path) -> None:
    box = tmp_path / "box"
    import_bundle(_bundle(archive, tmp_path / "full.bundle"), box)
    before = archive.head()
    for day in (20, 22):
        _write(archive, "e/gone.md", "E Gone", "1 May 2020", f"round {day}", day)
        archive.commit({"e/gone.md": None}, date=f"2024-02-{day + 1}T10:00:00+00:00", message="x")
    bundle = _bundle(archive, tmp_path / "more.bundle", f"{before}..main")
    copy = tmp_path / "copy"
    git(tmp_path, "clone", "-q", str(box), str(copy))
    result = import_bundle(bundle, copy)
    assert [(n.path, n.kind, n.revisions) for n in result.notices] == [("e/gone.md", "retired", 2)]
    text = run_cli("import", str(bundle), "--repo", str(box), "--today", TODAY, "--verbose")
    assert text.code == 0, text.err
    assert text.out.count("e/gone.md: retired") == 1
    assert "0 notices, 0 new effective versions, 2 revisions, 1 retired" in text.out


def test_json_has_the_summary_and_the_notices_in_force(archive: GitRepo, tmp_path: Path) -> None:
    bundle = _bundle(archive, tmp_path / "full.bundle")
    box = str(tmp_path / "box")
    doc = json.loads(run_cli("import", str(bundle), "--repo", box, "--today", TODAY, "--json").out)
    assert doc["first"] is True
    assert doc["summary"] == {
        "notices": 2,
        "new_notices": 2,
        "versions": 3,
        "new_versions": 3,
        "revisions": 9,
        "silent_edits": 5,
        "technical_revisions": 0,
        "retired": 1,
    }
    assert doc["in_force"] == [
        {
            "path": "a/privacy.md",
            "title": "A Privacy",
            "effective_date": "2024-01-01",
            "upcoming": None,
        },
        {
            "path": "b/terms.md",
            "title": "B Terms",
            "effective_date": "2023-03-01",
            "upcoming": "2027-01-01",
        },
    ]
    privacy = next(n for n in doc["notices"] if n["path"] == "a/privacy.md")
    assert len(privacy["silent_edits"]) == 5  # everything is still there
