"""``notice-tui search`` on the built-in sample and on hostile or bad input."""

from __future__ import annotations

import json

from tests.conftest import GitRepo, run_cli, run_command

AIR = "privacy/privacy-notice-for-air-gapped-workspaces.md"


def test_cookies_on_the_sample_finds_the_seed_category_first() -> None:
    result = run_cli("search", "cookies", "--today", "2026-11-26")
    assert result.code == 0, result.err
    first = result.out.splitlines()[0]
    assert first.startswith(AIR)
    assert "category Tracking or »Cookies«" in first
    assert "2026-03-01" in first
    assert "»cookies«" in first


def test_json_output_has_the_documented_shape() -> None:
    result = run_cli("search", "cookies", "--json", "--today", "2026-11-26")
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert doc["query"] == "cookies"
    first = doc["results"][0]
    assert (first["kind"], first["name"], first["path"]) == (
        "data_category",
        "Tracking or Cookies",
        AIR,
    )
    assert first["heading"] == "Data Collection and Usage in Air-Gapped Environments"
    assert set(first) >= {
        "path",
        "kind",
        "heading",
        "name",
        "score",
        "snippet",
        "spans",
        "effective_date",
        "commit",
        "first_seen",
        "last_seen",
        "versions",
    }
    assert [first["snippet"][a:b] for a, b in first["spans"]] == ["cookies"]
    for hit in doc["results"]:
        assert hit["kind"] in ("section", "data_category")
        assert (hit["name"] is None) == (hit["kind"] == "section")


def test_all_versions_reports_when_text_first_appeared() -> None:
    result = run_cli("search", "cookies", "--all-versions", "--json", "--today", "2026-11-26")
    assert result.code == 0, result.err
    first = json.loads(result.out)["results"][0]
    assert first["name"] == "Tracking or Cookies"
    assert (first["first_seen"], first["last_seen"], first["versions"]) == (
        "2023-12-09",
        "2026-03-01",
        2,
    )
    diagnostic = run_cli("search", "diagnostic data", "--all-versions", "--json")
    hit = json.loads(diagnostic.out)["results"][0]
    assert (hit["name"], hit["first_seen"], hit["versions"]) == ("Diagnostic Data", "2026-03-01", 1)
    text = run_cli("search", "cookies", "--all-versions", "--today", "2026-11-26")
    assert "(2023-12-09 .. 2026-03-01, 2 versions)" in text.out.splitlines()[0]


def test_typo_word_order_and_partial_words_on_the_sample() -> None:
    for query, name in (("cookeis", "Tracking or Cookies"), ("data usage", "Usage Data")):
        doc = json.loads(run_cli("search", query, "--json").out)
        names = [h["name"] for h in doc["results"][:2]]
        assert name in names, (query, doc["results"][:3])
    doc = json.loads(run_cli("search", "diagnos", "--json").out)
    assert doc["results"][0]["name"] == "Diagnostic Data"


def test_no_match_exits_1_and_says_so() -> None:
    result = run_cli("search", "xylophone")
    assert result.code == 1
    assert result.out == ""
    assert "no match for 'xylophone'" in result.err
    doc = run_cli("search", "xylophone", "--json")
    assert doc.code == 1 and json.loads(doc.out)["results"] == []


def test_limit_and_notice_options() -> None:
    result = run_cli("search", "data", "--limit", "2", "--json")
    assert len(json.loads(result.out)["results"]) == 2
    only = run_cli("search", "data", "--notice", "terms", "--json")
    assert {h["path"] for h in json.loads(only.out)["results"]} <= {
        "terms/terms-of-use-self-managed.md"
    }
    bad = run_cli("search", "data", "--limit", "0")
    assert bad.code == 2 and "--limit" in bad.err
    unknown = run_cli("search", "data", "--notice", "no-such-notice")
    assert unknown.code == 2 and "no notice matches" in unknown.err


def test_colour_marks_matches_without_brackets() -> None:
    result = run_cli("search", "cookies", "--color", "always")
    first = result.out.splitlines()[0]
    assert "\x1b[1;33mcookies\x1b[0m" in first
    assert "»" not in first


def test_hostile_text_stays_inert(git_repo: GitRepo) -> None:
    git_repo.commit(
        {
            "notice.md": (
                "# Notice\n\n**Effective Date:** May 1, 2025\n\n"
                "## Cookies \x1b]0;pwned\x07\n\nWe use cookies\x1b[2J and \u202etrackers.\n"
            )
        }
    )
    result = run_cli("--repo", str(git_repo.path), "search", "cookies")
    assert result.code == 0, result.err
    assert "\x1b" not in result.out and "\u202e" not in result.out and "\x07" not in result.out
    doc = run_cli("--repo", str(git_repo.path), "search", "cookies", "--json")
    assert "\x1b" not in doc.out and "\u202e" not in doc.out


def test_real_command_runs_search() -> None:
    result = run_command("search", "cookies", "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["results"][0]["name"] == "Tracking or Cookies"
