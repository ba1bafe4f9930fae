"""The commands are typed specs listed in one place; a command's code loads only when it runs.

Also the shape issue 15 asks of tui/cli: no import cycle, no private name imported from
another module, and tui.app imported in one place only (where the app starts).
"""

from __future__ import annotations

import argparse
import ast
import importlib
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, run_cli
from tui.cli.commands import COMMANDS, command_named
from tui.cli.main import build_parser
from tui.cli.specs import CommandSpec

CLI = ROOT / "tui" / "cli"


def test_every_command_is_a_spec_with_code_that_runs() -> None:
    names = [spec.name for spec in COMMANDS]
    assert len(set(names)) == len(names)
    runnable = {
        p.stem for p in (CLI / "commands").glob("*.py") if "\ndef run(" in p.read_text("utf-8")
    }
    assert {spec.module.rsplit(".", 1)[1] for spec in COMMANDS} == runnable
    for spec in COMMANDS:
        assert isinstance(spec, CommandSpec)
        assert spec.help and spec.description and len(spec.examples) >= 2, spec.name
        assert spec.module.startswith("tui.cli.commands."), spec.module
        assert callable(importlib.import_module(spec.module).run), spec.module
        assert command_named(spec.name) is spec
    assert command_named("status").usage_exit == 3
    assert {spec.usage_exit for spec in COMMANDS if spec.name != "status"} == {2}


def test_the_parser_takes_every_command_and_its_arguments() -> None:
    parser = build_parser(COMMANDS)
    args = parser.parse_args(["diff", "privacy", "2024-01-01", "-w", "--json"])
    assert (args.command, args.notice, args.from_spec, args.to_spec) == (
        "diff",
        "privacy",
        "2024-01-01",
        "latest",
    )
    assert args.ignore_whitespace and args.json
    args = parser.parse_args(["releases", "--warn-days", "45"])
    assert (args.command, args.warn_days, args.export) == ("releases", 45, None)


def test_status_defaults_are_the_domain_ones() -> None:
    from notices_repo.support.policy import DEFAULT_WARN_DAYS
    from notices_repo.support.server import DEFAULT_TIMEOUT
    from tui.cli.specs import status

    assert status.DEFAULT_WARN_DAYS == DEFAULT_WARN_DAYS
    assert status.DEFAULT_TIMEOUT == DEFAULT_TIMEOUT
    args = build_parser(COMMANDS).parse_args(["status"])
    assert (args.warn_days, args.timeout) == (DEFAULT_WARN_DAYS, DEFAULT_TIMEOUT)


def test_the_specs_import_no_domain_and_no_command_code() -> None:
    code = (
        "import sys\n"
        "from tui.cli.commands import COMMANDS\n"
        "from tui.cli.main import build_parser\n"
        "build_parser(COMMANDS).format_help()\n"
        "print(sorted(m for m in sys.modules if m.startswith(("
        "'tui.cli.commands.', 'notices_repo.catalog', 'notices_repo.git', "
        "'notices_repo.support', 'notices_repo.search', 'rapidfuzz', 'git'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "[]"


def test_a_usage_error_exits_with_the_commands_usage_exit() -> None:
    assert run_cli("status", "--warn-days", "soon").code == 3
    wrong = run_cli("log", "--bogus")
    assert wrong.code == 2 and wrong.err.startswith("notice-tui: error:"), wrong.err


# ------------------------------------------------------------------ imports in tui/cli


def _imports(path: Path) -> list[tuple[str, list[str], ast.AST]]:
    """``(module imported, names taken, the node)`` for every import in ``path``."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, [], node) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: -node.level] + ([base] if base else []))
            found.append((base, [alias.name for alias in node.names], node))
    return found


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _cli_graph() -> dict[str, set[str]]:
    modules = {_module_name(path): path for path in CLI.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for target, names, _ in _imports(path):
            for candidate in (target, *(f"{target}.{n}" for n in names)):
                if candidate in modules and candidate != name:
                    graph[name].add(candidate)
    return graph


def test_no_import_cycle_in_the_command_line() -> None:
    graph = _cli_graph()
    done: set[str] = set()

    def visit(name: str, path: list[str]) -> None:
        if name in path:
            raise AssertionError("import cycle: " + " -> ".join([*path[path.index(name) :], name]))
        if name in done:
            return
        for target in sorted(graph[name]):
            visit(target, [*path, name])
        done.add(name)

    for name in sorted(graph):
        visit(name, [])
    assert "tui.cli.main" in done and "tui.cli.main" not in graph["tui.cli.completion"]


def test_no_private_name_imported_and_the_app_started_in_one_place() -> None:
    app_imports = []
    for path in CLI.rglob("*.py"):
        for target, names, node in _imports(path):
            private = [n for n in names if n.startswith("_") and not n.endswith("__")]
            assert not private, f"{path.relative_to(ROOT)} imports {private} from {target}"
            if target == "tui.app" or target.startswith("tui.app."):
                app_imports.append((path.name, node.lineno))
    assert len(app_imports) == 1 and app_imports[0][0] == "main.py", app_imports
    source = (CLI / "main.py").read_text("utf-8")
    function = next(
        node
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef) and node.name == "_run_app"
    )
    assert function.lineno < app_imports[0][1] <= (function.end_lineno or 0)


def test_spec_modules_take_argparse_only() -> None:
    for path in sorted((CLI / "specs").glob("*.py")):
        for target, _, node in _imports(path):
            allowed = ("__future__", "argparse", "importlib", "collections.abc", "dataclasses")
            assert (
                target in allowed
                or target == "typing"
                or target.startswith("tui.cli.specs")
                or (target == "tui.cli.context" and path.name == "__init__.py")
            ), f"{path.name}:{node.lineno} imports {target}"
    parser = argparse.ArgumentParser()
    command_named("log").add_arguments(parser)
    assert parser.parse_args(["privacy", "--all"]).all
