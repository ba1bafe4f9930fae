"""The architecture holds: the import contracts, no private names lent across modules,
small modules and functions (docs/architecture.md draws the picture these keep true).

The contracts live in ``pyproject.toml`` (``[tool.importlinter]``) and are checked by
import-linter, here and in ``.ci/run``. A module over :data:`MODULE_LINES` lines or a
function over :data:`FUNCTION_LINES` lines says why with a ``# long: <reason>`` comment
at its top.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGES = ("notices_repo", "tui")
MODULE_LINES = 600
FUNCTION_LINES = 80
MARK = "# long:"


def _lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    lint = Path(sys.executable).parent / "lint-imports"
    assert lint.exists(), "import-linter is a test dependency: pip install -e '.[test]'"
    return subprocess.run(
        [str(lint), "--no-cache", "--no-logo"],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(cwd)},
    )


def _modules() -> list[Path]:
    return sorted(p for package in PACKAGES for p in (ROOT / package).rglob("*.py"))


def test_import_contracts_hold() -> None:
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout[-6000:]
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line"),
    [
        ("notices_repo/model.py", "import tui.app.app  # a wrong-way import"),
        ("notices_repo/git/runner.py", "import notices_repo.catalog.repository  # upwards"),
        ("notices_repo/diff/words.py", "import notices_repo.search.query  # a sibling"),
        ("tui/app/widgets/notice_list.py", "import tui.app.app  # a widget reaching up"),
        ("tui/cli/context.py", "import tui.app.app  # the app started from a second place"),
    ],
)
def test_a_wrong_way_import_breaks_a_contract(tmp_path: Path, module: str, line: str) -> None:
    """The contracts bite: one wrong import in a copy of the tree fails the check."""
    for name in (*PACKAGES, "pyproject.toml"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, tmp_path / name)
    assert _lint_imports(tmp_path).returncode == 0
    target = tmp_path / module
    target.write_text(target.read_text("utf-8") + f"\n{line}\n", "utf-8")
    result = _lint_imports(tmp_path)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout


def _module_names(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_module(dotted: str) -> bool:
    base = ROOT.joinpath(*dotted.split("."))
    return base.with_suffix(".py").exists() or (base / "__init__.py").exists()


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _private_borrowings(path: Path) -> list[str]:
    """``from our.module import _name`` and ``module._name`` for a module of ours."""
    tree = ast.parse(path.read_text("utf-8"))
    found: list[str] = []
    module_aliases: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if not node.module.startswith(PACKAGES):
                continue
            for alias in node.names:
                if _private(alias.name):
                    found.append(f"line {node.lineno}: from {node.module} import {alias.name}")
                elif _is_module(f"{node.module}.{alias.name}"):
                    module_aliases.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith(PACKAGES) and alias.asname:
                    module_aliases.add(alias.asname)
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in module_aliases
            and _private(node.attr)
        ):
            found.append(f"line {node.lineno}: {node.value.id}.{node.attr}")
    return found


def test_no_private_name_is_borrowed_across_modules() -> None:
    """What one room lends another is public and named for what it is."""
    borrowed = {
        _module_names(path): found for path in _modules() if (found := _private_borrowings(path))
    }
    assert borrowed == {}


def _long_functions(path: Path, lines: list[str]) -> list[str]:
    tree = ast.parse("\n".join(lines))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        length = (node.end_lineno or node.lineno) - node.lineno + 1
        if length <= FUNCTION_LINES:
            continue
        first = node.body[0]
        top = lines[node.lineno - 1 : (first.end_lineno or first.lineno) + 2]
        if not any(MARK in line for line in top):
            found.append(f"{node.name} ({length} lines, line {node.lineno})")
    return found


def test_modules_and_functions_are_small_or_say_why() -> None:
    """No module over ~600 lines and no function over ~80 without a reason at its top."""
    oversized: dict[str, list[str]] = {}
    for path in _modules():
        lines = path.read_text("utf-8").splitlines()
        problems = []
        if len(lines) > MODULE_LINES and not any(MARK in line for line in lines[:40]):
            problems.append(f"module of {len(lines)} lines")
        problems += _long_functions(path, lines)
        if problems:
            oversized[str(path.relative_to(ROOT))] = problems
    assert oversized == {}
