"""Shell completion: generated from the parser, committed under share/, and working.

The bash tests load the committed file into a real bash and ask its completion function
what it offers (as bash does on TAB: ``COMP_WORDS``/``COMP_CWORD`` in, ``COMPREPLY``
out). The zsh tests check the file parses and registers under ``compinit`` when zsh is
installed.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli

BASH_FILE = ROOT / "share" / "completions" / "notice-tui.bash"
ZSH_FILE = ROOT / "share" / "completions" / "_notice-tui"
MAKE_SHARE = ROOT / "packaging" / "make_share.py"
FIX = "run: .venv/bin/python packaging/make_share.py (and commit share/)"


def _make_share():
    spec = importlib.util.spec_from_file_location("make_share", MAKE_SHARE)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_share_files_match_the_parser() -> None:
    for path, text in _make_share().generated().items():
        assert path.exists(), f"{path.relative_to(ROOT)} is missing; {FIX}"
        current = path.read_text("utf-8")
        assert current == text, f"{path.relative_to(ROOT)} is out of date; {FIX}"


@pytest.mark.parametrize("shell,path", [("bash", BASH_FILE), ("zsh", ZSH_FILE)])
def test_completion_option_prints_the_committed_script(shell: str, path: Path) -> None:
    result = run_cli("--completion", shell)
    assert result.code == 0, result.err
    assert result.out == path.read_text("utf-8")


def test_unknown_shell_is_a_usage_error() -> None:
    result = run_cli("--completion", "fish")
    assert result.code == 2
    assert "invalid choice" in result.err


def _bash_complete(*words: str, cwd: Path | None = None) -> list[str]:
    """What bash's completion offers after ``words`` (the last one is being typed)."""
    script = f"""
source {BASH_FILE}
complete -p notice-tui >/dev/null || exit 9
COMP_WORDS=("$@")
COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
COMP_LINE="$*"
COMP_POINT=${{#COMP_LINE}}
_notice_tui notice-tui "${{COMP_WORDS[COMP_CWORD]}}" "${{COMP_WORDS[COMP_CWORD-1]}}"
printf '%s\\n' "${{COMPREPLY[@]}}"
"""
    done = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", script, "bash", *words],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=30,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return [line for line in done.stdout.splitlines() if line]


needs_bash = pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")


@needs_bash
def test_bash_registers_the_completion() -> None:
    done = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", f"source {BASH_FILE}; complete -p notice-tui"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stdout.strip() == "complete -F _notice_tui notice-tui"


@needs_bash
def test_bash_completes_commands_options_and_values(tmp_path: Path) -> None:
    from tui.cli.commands import COMMANDS

    commands = {spec.name for spec in COMMANDS}
    assert set(_bash_complete("notice-tui", "")) == commands
    assert _bash_complete("notice-tui", "sta") == ["status"]
    assert _bash_complete("notice-tui", "con") == ["config"]
    # a value of a top-level option is not mistaken for the command
    assert _bash_complete("notice-tui", "--repo", "log", "st") == ["status"]
    assert "--all" in _bash_complete("notice-tui", "log", "--")
    assert "--all" not in _bash_complete("notice-tui", "show", "--")
    assert set(_bash_complete("notice-tui", "status", "--w")) == {"--warn-days"}
    assert _bash_complete("notice-tui", "log", "--color", "a") == ["auto", "always"]
    assert _bash_complete("notice-tui", "--color", "=", "ne") == ["never"]
    assert _bash_complete("notice-tui", "--completion", "") == ["bash", "zsh"]
    # PATH values are folders, FILE values files
    (tmp_path / "notices").mkdir()
    (tmp_path / "notes.toml").write_text("")
    assert _bash_complete("notice-tui", "--repo", "no", cwd=tmp_path) == ["notices"]
    assert set(_bash_complete("notice-tui", "status", "--calendar", "no", cwd=tmp_path)) == {
        "notices",
        "notes.toml",
    }
    # free text values (dates, versions) offer nothing rather than wrong words
    assert _bash_complete("notice-tui", "status", "--release", "") == []


@needs_bash
def test_bash_completion_works_with_compgen_builtin() -> None:
    # compgen -F runs the function the way bash's programmable completion does
    script = (
        f"source {BASH_FILE}; COMP_WORDS=(notice-tui rel); COMP_CWORD=1; "
        "compgen -F _notice_tui 2>/dev/null"
    )
    done = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", script],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "releases" in done.stdout.split()


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_zsh_file_parses_and_registers(tmp_path: Path) -> None:
    done = subprocess.run(["zsh", "-n", str(ZSH_FILE)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    functions = tmp_path / "functions"
    functions.mkdir()
    shutil.copy(ZSH_FILE, functions / "_notice-tui")
    script = (
        f"fpath=({functions} $fpath); autoload -Uz compinit; "
        f"compinit -u -d {tmp_path}/zcompdump; print -r -- $_comps[notice-tui]"
    )
    done = subprocess.run(
        ["zsh", "-f", "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.stdout.strip() == "_notice-tui", done.stderr


def test_generation_does_not_depend_on_terminal_width(monkeypatch: pytest.MonkeyPatch) -> None:
    module = _make_share()
    monkeypatch.setenv("COLUMNS", "40")
    narrow = module.generated()
    monkeypatch.setenv("COLUMNS", "200")
    assert module.generated() == narrow
