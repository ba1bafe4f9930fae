"""``notice-tui config``: folders, the config file, and where each setting comes from."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import GitRepo, run_cli, run_command


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, "utf-8")
    return path


def test_defaults_name_every_folder_and_the_sample(isolated_user_folders: Path) -> None:
    result = run_cli("config", "--json")
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    for kind in ("config", "state", "cache"):
        folder = doc["folders"][kind]
        assert folder["path"] == str(isolated_user_folders / kind)
        assert folder["from"] == f"NOTICE_TUI_{kind.upper()}_DIR"
    assert doc["config_file"] == {
        "path": str(isolated_user_folders / "config" / "config.toml"),
        "from": "config folder",
        "exists": False,
        "error": None,
    }
    assert doc["debug_log"]["path"] == str(isolated_user_folders / "state" / "debug.log")
    assert doc["repository"]["from"] == "built-in sample"
    assert doc["release"]["value"] is None
    assert [s["source"] for s in doc["release"]["sources"]] == [
        "--release",
        "NOTICE_TUI_RELEASE",
        "config release",
        "server",
        "RC_VERSION",
        "snap rocketchat-server",
    ]
    assert doc["unknown_keys"] == []
    text = run_cli("config").out
    assert "config file    " in text and "not found: defaults in use" in text
    assert "repository     " in text and "from built-in sample" in text
    assert "release        not known" in text


def test_xdg_folders_are_used_when_no_override_is_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NOTICE_TUI_STATE_DIR")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    doc = json.loads(run_cli("config", "--json").out)
    assert doc["folders"]["state"] == {
        "path": str(tmp_path / "xdg-state" / "notice-tui"),
        "from": "XDG_STATE_HOME",
        "exists": False,
        "holds": "review record, debug.log",
    }
    assert doc["debug_log"]["path"] == str(tmp_path / "xdg-state" / "notice-tui" / "debug.log")


def test_config_file_settings_unknown_keys_and_their_origins(
    tmp_path: Path, git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    git_repo.commit({"privacy.md": "# Privacy\n\nEffective 1 January 2024.\n"})
    config = _config(
        tmp_path,
        f'repository = "{git_repo.path}"\nrelease = "8.5"\ntheme = "ansi"\n'
        'reposiotry = "/typo"\nserver = "http://chat.internal:3000"\n'
        '[keys]\nquit = "ctrl+q"\n',
    )
    monkeypatch.setenv("NOTICE_TUI_CONFIG", str(config))
    doc = json.loads(run_cli("config", "--json").out)
    assert doc["config_file"] == {
        "path": str(config),
        "from": "NOTICE_TUI_CONFIG",
        "exists": True,
        "error": None,
    }
    assert doc["repository"] == {
        "path": str(git_repo.path),
        "from": f"config ({config})",
        "exists": True,
        "git": True,
        "note": "",
    }
    assert doc["release"]["value"] == "8.5"
    assert doc["release"]["from"] == "config release"
    server = next(s for s in doc["release"]["sources"] if s["source"] == "server")
    assert server["detail"] == "http://chat.internal:3000 (asked by status and releases, not here)"
    assert doc["settings"]["theme"] == "ansi"
    assert doc["keys"] == {"quit": "ctrl+q"}
    assert doc["unknown_keys"] == ["reposiotry"]
    text = run_cli("config").out
    assert "unknown keys   reposiotry  (ignored; known: repository," in text
    assert "theme          ansi  (config)" in text
    assert "key            quit = ctrl+q  (config [keys])" in text

    # the environment beats the config file, --repo and --release beat both
    monkeypatch.setenv("NOTICE_TUI_REPO", str(tmp_path))
    monkeypatch.setenv("NOTICE_TUI_RELEASE", "8.6")
    doc = json.loads(run_cli("config", "--json").out)
    assert (doc["repository"]["from"], doc["repository"]["note"]) == (
        "NOTICE_TUI_REPO",
        "not a git repository",
    )
    assert (doc["release"]["value"], doc["release"]["from"]) == ("8.6", "NOTICE_TUI_RELEASE")
    assert doc["environment"]["NOTICE_TUI_REPO"] == str(tmp_path)
    doc = json.loads(
        run_cli("--release", "8.7", "config", "--json", "--repo", str(tmp_path / "gone")).out
    )
    assert doc["repository"]["from"] == "--repo"
    assert doc["repository"]["note"] == "does not exist"
    assert (doc["release"]["value"], doc["release"]["from"]) == ("8.7", "--release")
    values = {s["source"]: s["value"] for s in doc["release"]["sources"]}
    assert values["--release"] == "8.7"
    assert values["NOTICE_TUI_RELEASE"] == "8.6"
    assert values["config release"] == "8.5"


def test_tokens_are_never_printed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    token_file = tmp_path / "token"
    token_file.write_text("user-id-4711 token-from-file-s3cr3t\n")
    token_file.chmod(0o600)
    monkeypatch.setenv(
        "NOTICE_TUI_CONFIG", str(_config(tmp_path, f'token_file = "{token_file}"\n'))
    )
    for args in (["config"], ["config", "--json"]):
        result = run_command(*args)
        assert result.code == 0, result.err
        assert "s3cr3t" not in result.out + result.err
    doc = json.loads(run_command("config", "--json").out)
    assert doc["credentials"] == {
        "token_file": str(token_file),
        "from": str(token_file),
        "problem": None,
        "token_file_mode": "0600",
    }

    token_file.chmod(0o644)
    doc = json.loads(run_cli("config", "--json").out)
    assert "chmod 600" in doc["credentials"]["problem"]

    env = {"NOTICE_TUI_TOKEN": "env-token-s3cr3t", "NOTICE_TUI_USER_ID": "user-4711"}
    result = run_command("config", env=env)
    assert "s3cr3t" not in result.out
    assert "NOTICE_TUI_TOKEN=(set, not shown)" in result.out
    assert "NOTICE_TUI_USER_ID=user-4711" in result.out
    assert "credentials    from environment" in result.out


def test_a_broken_config_file_is_named_with_its_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = _config(tmp_path, 'repository = "/srv/notices\n')
    monkeypatch.setenv("NOTICE_TUI_CONFIG", str(config))
    result = run_command("config")
    assert result.code == 2  # the report still prints, so the file can be found and fixed
    assert str(config) in result.err
    assert "BROKEN, defaults in use" in result.out
    assert "Traceback" not in result.err


def test_config_is_listed_in_help_with_examples() -> None:
    result = run_command("config", "--help")
    assert result.code == 0
    assert "examples:" in result.out and "notice-tui config --json" in result.out
    assert "config" in run_command("--help").out
    assert os.path.exists(Path(__file__).parents[2] / "tui" / "cli" / "commands" / "config_cmd.py")
