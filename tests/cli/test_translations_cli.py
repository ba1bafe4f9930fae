"""``notice-tui translations`` and the language fields of ``log --json`` on a real
multilingual repository (see tests/core/test_translations.py for the fixture)."""

from __future__ import annotations

import json

from tests.conftest import GitRepo, run_cli, run_command
from tests.core.test_translations import build_multilingual, notice

TODAY = "2026-03-01"


def test_text_lists_each_document_and_exits_1_when_one_is_behind(git_repo: GitRepo) -> None:
    build_multilingual(git_repo)
    result = run_cli("translations", "--repo", str(git_repo.path), "--today", TODAY)
    assert result.code == 1, result.err
    lines = result.out.splitlines()
    assert lines[0] == "*/privacy.md - Privacy Policy"
    assert lines[1].split() == ["en", "en/privacy.md", "2025-03-01", "source"]
    assert lines[2].split()[:3] == ["de", "de/privacy.md", "2024-01-01"]
    assert lines[2].endswith("behind by 2 versions, 425 days (source 2025-03-01)")
    assert "terms/*.md - Terms of Service" in lines
    assert any(line.split()[:4] == ["fr", "terms/fr.md", "2024-06-01", "current"] for line in lines)
    assert any(line.split()[:2] == ["pt-BR", "terms/pt_BR.md"] for line in lines)
    assert any(line.endswith("not-in-force") for line in lines)
    assert lines[-1] == "2 documents in 5 languages; 1 translation behind"
    assert result.err == ""


def test_json(git_repo: GitRepo) -> None:
    build_multilingual(git_repo)
    result = run_cli("translations", "--repo", str(git_repo.path), "--today", TODAY, "--json")
    assert result.code == 1
    data = json.loads(result.out)
    assert data["behind"] == 1 and data["today"] == TODAY
    assert data["head"] == git_repo.head()
    privacy = data["documents"][0]
    assert privacy["document"] == "*/privacy.md" and privacy["source_language"] == "en"
    assert privacy["languages"][1] == {
        "language": "de",
        "path": "de/privacy.md",
        "state": "behind",
        "effective_date": "2024-01-01",
        "source_effective_date": "2025-03-01",
        "translation_of": "en/privacy.md",
        "behind": {"versions": 2, "days": 425},
    }


def test_nothing_behind_exits_0(git_repo: GitRepo) -> None:
    build_multilingual(git_repo)
    # on 2024-03-01 every translation was current
    result = run_cli("translations", "--repo", str(git_repo.path), "--today", "2024-03-01")
    assert result.code == 0
    assert result.out.splitlines()[-1] == "2 documents in 5 languages; 0 translations behind"
    # one document, named by any of its variants
    result = run_cli("translations", "terms/fr", "--repo", str(git_repo.path), "--today", TODAY)
    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == "terms/*.md - Terms of Service"
    assert "privacy" not in result.out


def test_no_multilingual_document_says_so(sample_repo: object) -> None:
    result = run_cli("translations", "--repo", str(sample_repo))
    assert result.code == 0
    assert result.out.startswith("no document in several languages")


def test_bad_input_exits_2_with_one_line(git_repo: GitRepo) -> None:
    build_multilingual(git_repo)
    repo = str(git_repo.path)
    result = run_cli("translations", "--repo", repo, "--source-language", "German")
    assert result.code == 2
    assert result.err.count("\n") == 1 and "not a language tag" in result.err
    result = run_cli("translations", "legal/cookies", "--repo", repo)
    assert result.code == 2
    assert result.err.count("\n") == 1 and "has no language variants" in result.err
    result = run_cli("translations", "no-such-notice", "--repo", repo)
    assert result.code == 2


def test_source_language_option_and_bad_setting(git_repo: GitRepo) -> None:
    git_repo.commit(
        {
            ".notice-tui.toml": 'source_language = "Deutsch"\n',
            "privacy.de.md": notice("Datenschutz", "March 1, 2025"),
            "privacy.en.md": notice("Privacy", "January 1, 2024"),
        }
    )
    repo = str(git_repo.path)
    result = run_cli("translations", "--repo", repo, "--today", TODAY)
    assert result.code == 0  # the setting is ignored (with a warning): en is the source
    assert "source_language must be a language tag" in result.err
    assert "  de  privacy.de.md  2025-03-01  current" in result.out
    result = run_cli("translations", "--repo", repo, "--today", TODAY, "--source-language", "de")
    assert result.code == 1
    assert "behind by 1 version, 425 days" in result.out


def test_log_json_language_fields(git_repo: GitRepo) -> None:
    build_multilingual(git_repo)
    result = run_command("log", "--json", "--repo", str(git_repo.path), "--today", TODAY)
    assert result.code == 0, result.err
    notices = {n["path"]: n for n in json.loads(result.out)["notices"]}
    assert {k: notices["de/privacy.md"][k] for k in ("language", "translation_of", "behind")} == {
        "language": "de",
        "translation_of": "en/privacy.md",
        "behind": {"versions": 2, "days": 425},
    }
    assert notices["en/privacy.md"]["language"] == "en"
    assert notices["en/privacy.md"]["translation_of"] is None
    assert notices["terms/fr.md"]["translation_of"] == "terms/en-US.md"
    assert notices["terms/fr.md"]["behind"] is None
    for path in ("legal/cookies.md", "it/handbook.md", "docs/id.md"):
        assert notices[path]["language"] is None
        assert notices[path]["translation_of"] is None and notices[path]["behind"] is None
