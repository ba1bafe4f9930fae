"""The app's modules import one way: no cycles inside ``tui.app`` (lazy and typing-only
imports count too), screens and widgets never import the app module, the app never the CLI.

Read from the source with :mod:`ast` (nothing is imported), so a cycle added anywhere
fails here with the modules that form it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import tui.app

ROOT = Path(tui.app.__file__).resolve().parent


def _module_name(path: Path) -> str:
    parts = ["tui", "app", *path.relative_to(ROOT).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    """Every tui module each tui.app module imports (anywhere in it)."""
    graph: dict[str, set[str]] = {}
    for path in sorted(ROOT.rglob("*.py")):
        name = _module_name(path)
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
        graph[name] = {target for target in found if target.startswith("tui.")}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in graph:
                continue
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in graph:
        if node not in index:
            visit(node)
    return groups


def test_no_import_cycles_inside_the_app() -> None:
    graph = _imports()
    assert "tui.app.screens.main" in graph and "tui.app.app" in graph  # it read the tree
    assert _cycles(graph) == []


def test_screens_and_widgets_never_import_the_app_module_nor_the_app_the_cli() -> None:
    graph = _imports()
    importers = sorted(name for name, targets in graph.items() if "tui.app.app" in targets)
    assert importers == []
    assert (
        sorted(n for n, targets in graph.items() if any(t.startswith("tui.cli") for t in targets))
        == []
    )


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]
