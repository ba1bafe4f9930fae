"""``notice-tui log`` and ``show`` on the built-in sample and on bad input."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import GitRepo, run_cli, run_command

AIR = "privacy/privacy-notice-for-air-gapped-workspaces.md"
SEED_CATEGORIES = ["Account Data", "Usage Data", "App Data", "User Content", "Tracking or Cookies"]
DATA_SECTION = "Data Collection and Usage in Air-Gapped Environments"


def test_log_json_on_the_sample_tells_its_whole_story() -> None:
    result = run_cli("log", "--all", "--json", "--today", "2026-11-26")
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    paths = [n["path"] for n in doc["notices"]]
    assert paths == [AIR, "terms/terms-of-use-self-managed.md"]  # the rename kept one history
    assert [n["retired"] for n in doc["notices"]] == [False, False]
    air = next(n for n in doc["notices"] if n["path"] == AIR)
    assert air["retired"] is False
    assert air["title"] == "Privacy Notice for Air-Gapped Workspaces"
    revisions = air["revisions"]
    assert len(revisions) == 6
    expected_keys = {
        "commit",
        "path",
        "committed",
        "author",
        "subject",
        "effective_date",
        "date_source",
        "date_precision",
        "technical",
        "silent_edit",
        "future",
        "inferred_rename",
    }
    assert expected_keys <= set(revisions[0])
    assert [r["effective_date"] for r in revisions] == ["2026-03-01"] + ["2023-12-09"] * 5
    assert [r["path"] for r in revisions][
        -1
    ] == "licenses/privacy-notice-for-air-gapped-licenses.md"
    assert revisions[-2]["path"] == "licenses/privacy-notice-for-air-gapped-workspaces.md"
    assert revisions[-2]["silent_edit"] is True  # rename with edits, same effective date
    assert revisions[-3]["technical"] is True  # the move
    assert revisions[1]["technical"] is True  # whitespace-only revision
    assert all(r["date_source"] == "text" for r in revisions)
    assert all(len(r["commit"]) == 40 for r in revisions)
    assert revisions[0]["committed"] == "2026-02-10T10:00:00+00:00"
    # second notice whose path does not contain "air-gapped"
    terms = next(n for n in doc["notices"] if n["path"].startswith("terms/"))
    assert "air-gapped" not in terms["path"]
    assert [r["effective_date"] for r in terms["revisions"]] == ["2025-07-16", "2024-06-03"]


def test_log_marks_future_revisions_relative_to_today() -> None:
    doc = json.loads(run_cli("log", "air-gapped", "--json", "--today", "2026-02-15").out)
    (notice,) = doc["notices"]
    assert notice["revisions"][0]["future"] is True
    assert notice["versions"][0]["status"] == "upcoming"
    doc = json.loads(run_cli("log", "air-gapped", "--json", "--today", "2026-03-01").out)
    assert doc["notices"][0]["revisions"][0]["future"] is False


def test_log_text_output_lists_notices_and_flags() -> None:
    result = run_cli("log", "--today", "2026-11-26")
    assert result.code == 0
    assert AIR in result.out
    assert "silent edit" in result.out and "technical" in result.out
    assert "retired" not in result.out


def test_show_json_lists_the_seed_categories_under_their_section() -> None:
    result = run_cli("show", "air-gapped", "--json", "--today", "2026-11-26")
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert doc["path"] == AIR
    assert doc["effective_date"] == "2026-03-01"
    names = [c["name"] for c in doc["data_categories"]]
    for name in SEED_CATEGORIES:
        assert name in names
        (category,) = [c for c in doc["data_categories"] if c["name"] == name]
        assert category["section"] == DATA_SECTION
    headings = [s["heading"] for s in doc["sections"]]
    assert DATA_SECTION in headings
    assert {"heading", "level", "text"} <= set(doc["sections"][0])


def test_show_at_a_date_gives_the_version_in_force_then() -> None:
    doc = json.loads(run_cli("show", "air-gapped", "--at", "2024-01-01", "--json").out)
    assert doc["effective_date"] == "2023-12-09"
    # a version's text is its newest revision: the whitespace-only one, after the move
    assert doc["path"] == AIR
    names = [c["name"] for c in doc["data_categories"]]
    assert "Tracking or Cookies" in names and "Diagnostic Data" not in names
    result = run_cli("show", "air-gapped", "--at", "2020-01-01")
    assert result.code == 2
    assert "no version" in result.err and result.err.count("\n") == 1


def test_show_by_revision_prefix() -> None:
    log = json.loads(run_cli("log", "air-gapped", "--json").out)
    oldest = log["notices"][0]["revisions"][-1]["commit"]
    doc = json.loads(run_cli("show", "air-gapped", "--rev", oldest[:8], "--json").out)
    assert doc["commit"] == oldest
    assert doc["title"]  # title of the notice
    assert "Air-Gapped Licenses" in doc["sections"][0]["heading"] or any(
        "Licenses" in s["heading"] for s in doc["sections"]
    )


def test_unknown_and_ambiguous_notice_exit_2_with_candidates() -> None:
    result = run_cli("show", "no-such-notice")
    assert result.code == 2
    assert result.err.startswith("notice-tui: no notice matches 'no-such-notice'")
    ambiguous = run_cli("show", ".md")
    assert ambiguous.code == 2
    assert "matches" in ambiguous.err and "candidates:" in ambiguous.err
    assert AIR in ambiguous.err


def test_bad_options_are_one_line_errors_with_exit_2() -> None:
    for args in (
        ["log", "--today", "26/11/2026"],
        ["log", "--bogus"],
        ["show"],
        ["log", "--color", "purple"],
    ):
        result = run_cli(*args)
        assert result.code == 2, args
        assert result.err.count("\n") == 1, result.err
        assert "Traceback" not in result.err
        assert result.out == ""


def test_missing_and_non_git_repository(tmp_path: Path) -> None:
    result = run_cli("log", "--repo", str(tmp_path / "missing"))
    assert result.code == 2
    assert "does not exist" in result.err and "--repo" in result.err
    result = run_cli("log", "--repo", str(tmp_path))
    assert result.code == 2 and "not a git repository" in result.err


def test_empty_repository_says_so_and_exits_0(git_repo: GitRepo) -> None:
    result = run_cli("log", "--repo", str(git_repo.path))
    assert result.code == 0
    assert "no commits yet" in result.err
    result = run_cli("log", "--repo", str(git_repo.path), "--json")
    assert json.loads(result.out)["notices"] == []


def test_repository_from_environment_and_config(git_repo: GitRepo, monkeypatch, tmp_path) -> None:
    git_repo.commit({"only.md": "# Only Notice\n"}, message="one")
    monkeypatch.setenv("NOTICE_TUI_REPO", str(git_repo.path))
    assert [n["path"] for n in json.loads(run_cli("log", "--json").out)["notices"]] == ["only.md"]
    monkeypatch.delenv("NOTICE_TUI_REPO")
    config = tmp_path / "config.toml"
    config.write_text(f'repository = "{git_repo.path}"\n')
    monkeypatch.setenv("NOTICE_TUI_CONFIG", str(config))
    assert [n["path"] for n in json.loads(run_cli("log", "--json").out)["notices"]] == ["only.md"]
    config.write_text("repository = [unclosed\n")
    result = run_cli("log")
    assert result.code == 2 and str(config) in result.err and result.err.count("\n") == 1


def test_version_and_real_command() -> None:
    result = run_command("--version")
    assert result.code == 0
    for part in ("notice-tui", "textual", "GitPython", "rapidfuzz", "git version"):
        assert part in result.out


def test_config_command_diagnoses_a_broken_config_file(tmp_path, monkeypatch) -> None:
    config = tmp_path / "config.toml"
    config.write_text("repository = [unclosed\n")
    monkeypatch.setenv("NOTICE_TUI_CONFIG", str(config))
    result = run_cli("config", "--json")
    assert result.code == 2
    assert json.loads(result.out)["config_file"]["error"].startswith(str(config))
    assert run_cli("log").code == 2


def test_version_survives_a_closed_pipe(monkeypatch) -> None:
    import sys

    from tui.cli.main import main

    class ClosedPipe:
        def write(self, text: str) -> int:
            raise BrokenPipeError

        def flush(self) -> None:
            raise BrokenPipeError

    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert main(["--version"]) == 0


def test_readme_key_table_matches_docs_keys() -> None:
    root = Path(__file__).resolve().parents[2]
    keys = [
        line for line in (root / "docs/keys.md").read_text().splitlines() if line.startswith("|")
    ]
    readme = (root / "README.md").read_text()
    block = readme.split("<!-- keys:start")[1].split("<!-- keys:end -->")[0]
    assert [line for line in block.splitlines() if line.startswith("|")] == keys
    for shot in ("docs/screenshots/main.svg", "docs/screenshots/releases.svg"):
        assert shot in readme and (root / shot).exists()
