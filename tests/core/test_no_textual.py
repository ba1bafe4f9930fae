"""The domain and the headless commands never import Textual (as Harlequin checks), and a
command loads only what it needs (``status`` and ``log`` no search index nor importer)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import GitRepo

DOMAIN_MODULES = [
    "notices_repo",
    "notices_repo.catalog.repository",
    "notices_repo.git.history",
    "notices_repo.text.dates.extract",
    "notices_repo.text.sections",
    "notices_repo.catalog.timeline",
    "notices_repo.catalog.resolve",
    "notices_repo.sample.build",
    "notices_repo.catalog.reviews",
    "notices_repo.settings.config",
]


@pytest.mark.parametrize("module", DOMAIN_MODULES)
def test_domain_module_does_not_import_textual(module: str) -> None:
    code = (
        f"import importlib, sys; importlib.import_module({module!r}); "
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')); "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, f"{module} imported {result.stdout.strip()}"


def test_every_domain_module_together_and_the_headless_cli() -> None:
    code = (
        "import pkgutil, importlib, sys, notices_repo\n"
        "for info in pkgutil.walk_packages(notices_repo.__path__, 'notices_repo.'):\n"
        "    importlib.import_module(info.name)\n"
        "assert 'notices_repo.text.dates.extract' in sys.modules  # every room, all the way down\n"
        "import tui.cli.main\n"
        "tui.cli.main.main(['log', '--json'])\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "sys.stderr.write(repr(bad)); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert '"notices"' in result.stdout


#: What ``status`` and ``log`` must not load: fuzzy matching, the bundle importer and the
#: search index (issue 15: every command used to import all of them before it ran).
SEARCH_AND_IMPORT = ("rapidfuzz", "notices_repo.bundles", "notices_repo.search")

NOTICE = "# Privacy notice\n\nEffective date: {day}\n\n## What we collect\n\n{text}\n"

RUN_AND_LIST_MODULES = (
    "import json, sys\n"
    "from tui.cli.main import main\n"
    "try:\n"
    "    code = main(sys.argv[2:])\n"
    "finally:  # --help exits from inside the parser\n"
    "    with open(sys.argv[1], 'w', encoding='utf-8') as out:\n"
    "        json.dump(sorted(sys.modules), out)\n"
    "sys.exit(code)\n"
)


def _modules_after(tmp_path: Path, *argv: str) -> tuple[subprocess.CompletedProcess, list[str]]:
    """Run ``notice-tui ARGV`` in a fresh interpreter; what it printed and every module loaded."""
    listing = tmp_path / "modules.json"
    result = subprocess.run(
        [sys.executable, "-c", RUN_AND_LIST_MODULES, str(listing), *argv],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert listing.exists(), result.stderr[-2000:]
    return result, json.loads(listing.read_text("utf-8"))


def _notices(git_repo: GitRepo) -> Path:
    git_repo.commit(
        {"privacy.md": NOTICE.format(day="2024-01-01", text="Your name.")},
        date="2024-01-02T12:00:00+00:00",
    )
    git_repo.commit(
        {"privacy.md": NOTICE.format(day="2024-06-01", text="Your name and e-mail.")},
        date="2024-06-02T12:00:00+00:00",
    )
    return git_repo.path


@pytest.mark.parametrize(
    "argv",
    [
        ["status", "--release", "8.6", "--today", "2026-11-26"],
        ["log"],
        ["log", "privacy", "--all", "--json"],
    ],
    ids=["status", "log", "log --json"],
)
def test_status_and_log_load_no_search_nor_importer(
    argv: list[str], git_repo: GitRepo, tmp_path: Path
) -> None:
    repo = _notices(git_repo)
    result, modules = _modules_after(tmp_path, "--repo", str(repo), *argv)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "privacy.md" in result.stdout or "Rocket.Chat 8.6" in result.stdout
    loaded = [m for m in modules if m.startswith(SEARCH_AND_IMPORT)]
    assert loaded == [], f"notice-tui {argv[0]} loaded {loaded}"
    commands = [m for m in modules if m.startswith("tui.cli.commands.")]
    assert commands == [f"tui.cli.commands.{argv[0]}"], "only the running command's code"


def test_help_loads_no_command_code_nor_the_catalog(tmp_path: Path) -> None:
    result, modules = _modules_after(tmp_path, "--help")
    assert result.returncode == 0 and "examples:" in result.stdout, result.stderr[-2000:]
    assert "tui.cli.commands" in modules  # the list of commands, their specs ...
    loaded = [
        m
        for m in modules
        if m.startswith(("tui.cli.commands.", "notices_repo.catalog", "notices_repo.git"))
        or m.startswith(SEARCH_AND_IMPORT)
    ]
    assert loaded == [], f"--help loaded {loaded}"  # ... but none of their code
