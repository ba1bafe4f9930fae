"""``notice-tui changes``: exit codes, the three formats, --full and --notice."""

from __future__ import annotations

import json

from tests.conftest import GitRepo, run_cli
from tests.core.test_changes_report import build_period_repo

PERIOD = ("--since", "2026-01-01", "--until", "2026-06-30", "--today", "2026-07-01")


def _changes(repo: GitRepo, *args: str):
    return run_cli("changes", "--repo", str(repo.path), *args)


def test_exit_1_when_something_changed_0_when_nothing(git_repo: GitRepo) -> None:
    build_period_repo(git_repo)
    found = _changes(git_repo, *PERIOD)
    assert found.code == 1, found.err
    lines = found.out.splitlines()
    assert lines[0] == (
        "Changes from 2026-01-01 to 2026-06-30: 3 notices changed (3 versions, 1 revision); "
        "1 upcoming version announced"
    )
    assert "  2026-01-20  revision of the version effective 2025-03-01 (silent edit)" in found.out
    assert "    + added: Cookies" in found.out
    assert "    + data category added: Usage Data" in found.out
    upcoming = found.out.index("Upcoming (announced, not in force by 2026-06-30):")
    assert upcoming > found.out.index("terms.md")
    quiet = _changes(git_repo, "--since", "2025-04-01", "--until", "2025-12-31")
    assert quiet.code == 0, quiet.err
    assert "no notice changed" in quiet.out


def test_bad_input_is_one_line_and_exit_2(git_repo: GitRepo) -> None:
    build_period_repo(git_repo)
    cases = [
        (("--since", "2026-13-01"), "not a valid date"),
        (("--since", "yesterday"), "YYYY-MM-DD"),
        (("--since", "2026-03-01", "--until", "2026-02-01"), "after it ends"),
        ((*PERIOD, "--json", "--format", "markdown"), "cannot be used together"),
        ((*PERIOD, "--notice", "no-such-notice"), "no notice matches"),
        ((), "--since"),
    ]
    for args, words in cases:
        result = _changes(git_repo, *args)
        assert result.code == 2, (args, result.out, result.err)
        first = result.err.splitlines()[0]
        assert first.startswith("notice-tui:") and words in first, (args, result.err)
        assert "Traceback" not in result.err


def test_json_and_markdown(git_repo: GitRepo) -> None:
    build_period_repo(git_repo)
    as_json = _changes(git_repo, *PERIOD, "--format", "json")
    assert as_json.code == 1
    data = json.loads(as_json.out)
    assert data["period"] == {"since": "2026-01-01", "until": "2026-06-30"}
    assert data["head"] == git_repo.head()
    assert data["counts"]["notices_changed"] == 3
    terms = next(n for n in data["notices"] if n["path"] == "terms.md")
    assert terms["revisions"][0]["flags"] == ["silent edit"]
    assert terms["versions"][0]["summary"]["sections_added"] == 1
    assert terms["versions"][0]["from"]["effective_date"] == "2025-03-01"
    assert json.loads(_changes(git_repo, *PERIOD, "--json").out)["counts"] == data["counts"]
    md = _changes(git_repo, *PERIOD, "--format", "markdown")
    assert md.code == 1
    assert md.out.startswith("# Notice changes from 2026-01-01 to 2026-06-30")
    assert f"- **HEAD commit:** {git_repo.head()}" in md.out
    assert "- **Generated at:** " in md.out
    assert md.out.count("\n## ") == 3


def test_full_and_notice(git_repo: GitRepo) -> None:
    build_period_repo(git_repo)
    one = _changes(git_repo, *PERIOD, "--notice", "terms", "--full")
    assert one.code == 1, one.err
    assert "privacy.md" not in one.out and "cookies.md" not in one.out
    assert "Be nice{+ to other people+}." in one.out
    assert "@@ added: Liability @@" in one.out
    both = _changes(git_repo, *PERIOD, "--notice", "terms", "cookie", "--json")
    assert [n["path"] for n in json.loads(both.out)["notices"]] == ["cookies.md", "terms.md"]
    unchanged = _changes(git_repo, *PERIOD, "--notice", "retention.md")
    assert unchanged.code == 0


def test_the_help_examples_run_on_the_sample() -> None:
    result = run_cli("changes", "--since", "2023-01-01", "--today", "2024-06-30")
    assert result.code == 1, result.err
    assert "Privacy Notice for Air-Gapped Workspaces" in result.out


def test_an_announcement_alone_is_listed_and_exits_0(git_repo: GitRepo) -> None:
    build_period_repo(git_repo)
    june = _changes(
        git_repo, "--since", "2026-06-01", "--until", "2026-06-30", "--today", "2026-07-01"
    )
    assert june.code == 0, june.err
    assert "Upcoming (announced, not in force by 2026-06-30):" in june.out
    assert "2026-09-01  upcoming, announced 2026-06-15" in june.out


def test_since_after_today_names_today_and_the_fix(git_repo: GitRepo) -> None:
    build_period_repo(git_repo)
    result = _changes(git_repo, "--since", "2027-01-01", "--today", "2026-12-06")
    assert result.code == 2
    assert result.err.splitlines() == [
        "notice-tui: --since 2027-01-01 is after today (2026-12-06), where the period ends "
        "without --until; give an earlier --since, or --until (and --today) after it"
    ]
