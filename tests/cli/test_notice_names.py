"""NOTICE arguments: numbers in the query pick the notice holding them; dashes are ignored."""

from __future__ import annotations

import pytest

from tests.conftest import GitRepo, run_cli

REPORT = (
    "# Amazon Systemic Risk Assessment Report — {year}\n\nLast updated: 1 March {year}\n\n{body}\n"
)


@pytest.fixture
def reports(git_repo: GitRepo) -> GitRepo:
    """Two yearly reports whose names differ only by the year, after an em dash."""
    git_repo.commit(
        {
            f"Amazon/Systemic Risks — {year}.md": REPORT.format(year=year, body=f"Text {year}.")
            for year in (2023, 2024)
        }
        | {"Amazon/Privacy Policy.md": "# Amazon Privacy Notice\n\nLast updated: 1 May 2024\n"},
        message="Reports",
    )
    return git_repo


def _show(repo: GitRepo, query: str) -> tuple[int, str, str]:
    result = run_cli("show", query, "--repo", str(repo.path), "--today", "2026-01-01")
    return result.code, result.out, result.err


def test_a_number_in_the_query_picks_the_notice_holding_it(reports: GitRepo) -> None:
    code, out, err = _show(reports, "Amazon Systemic Risks 2024")
    assert code == 0, err
    assert "path:       Amazon/Systemic Risks — 2024.md" in out and "Text 2024." in out
    code, out, err = _show(reports, "amazon risk report 2023")
    assert code == 0, err
    assert "path:       Amazon/Systemic Risks — 2023.md" in out


@pytest.mark.parametrize("query", ["Systemic Risks 2023", "systemic risks – 2023", "risks - 2023"])
def test_em_and_en_dashes_are_ignored(reports: GitRepo, query: str) -> None:
    code, out, err = _show(reports, query)
    assert code == 0, err
    assert "path:       Amazon/Systemic Risks — 2023.md" in out


def test_suggestions_holding_the_number_come_first(reports: GitRepo) -> None:
    code, out, err = _show(reports, "Amazon Systemic Risk Assessments 2024")
    assert code == 2 and out == ""
    lines = err.splitlines()
    assert lines[0] == (
        "notice-tui: no notice matches 'Amazon Systemic Risk Assessments 2024'; "
        "run notice-tui log to list them"
    )
    assert lines[1:3] == ["candidates:", "  Amazon/Systemic Risks — 2024.md"]


def test_without_a_number_both_years_stay_ambiguous(reports: GitRepo) -> None:
    code, _, err = _show(reports, "systemic risks")
    assert code == 2 and "matches 2 notices" in err
    assert "Amazon/Systemic Risks — 2023.md" in err and "Amazon/Systemic Risks — 2024.md" in err


def test_candidates_with_control_characters_stay_one_line_each(git_repo: GitRepo) -> None:
    """A path holding a newline or an escape is listed on one line, the escape made visible."""
    git_repo.commit(
        {
            "Acme/new\nline.md": "# One\n\nLast updated: 1 May 2024\n",
            "Acme/esc\x1b[31mred.md": "# Two\n\nLast updated: 1 May 2024\n",
        },
        message="Odd names",
    )
    result = run_cli("show", "Acme", "--repo", str(git_repo.path), "--today", "2026-01-01")
    assert result.code == 2 and result.out == ""
    lines = result.err.splitlines()
    assert lines[1] == "candidates:"
    assert sorted(lines[2:]) == ["  Acme/esc\u241b[31mred.md", "  Acme/new\u2424line.md"]
    assert "\x1b" not in result.err
