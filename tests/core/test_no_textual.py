"""The domain and the headless commands never import Textual (as Harlequin checks)."""

from __future__ import annotations

import subprocess
import sys

import pytest

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
        "for info in pkgutil.iter_modules(notices_repo.__path__):\n"
        "    importlib.import_module('notices_repo.' + info.name)\n"
        "import tui.cli.main\n"
        "tui.cli.main.main(['log', '--json'])\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "sys.stderr.write(repr(bad)); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert '"notices"' in result.stdout
