"""Helpers for the security tests (no tests here): hostile repositories, digests, command plans.

* :func:`arm` gives a repository a config (direct, through ``[include]`` and through
  ``[includeIf "gitdir:..."]``), hooks of every kind and ``.gitattributes`` drivers that
  each create a marker file named after the setting if git ever runs them.
* :func:`tree_digest` hashes every byte of a folder (names, modes, symlink targets, file
  contents), ``.git`` included, for the read-only tests.
* :func:`command_plans` lists, for every command the CLI has *now*, argument lists that
  exercise it on a repository, so that a new command is covered without editing the tests.
* :func:`app_screen` runs the Textual app headless (``App.run_test``) when it exists.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import html
import importlib
import inspect
import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

#: Every hook name git knows (githooks(5)).
HOOKS = (
    "applypatch-msg",
    "pre-applypatch",
    "post-applypatch",
    "pre-commit",
    "pre-merge-commit",
    "prepare-commit-msg",
    "commit-msg",
    "post-commit",
    "pre-rebase",
    "post-checkout",
    "post-merge",
    "pre-push",
    "pre-receive",
    "update",
    "proc-receive",
    "post-receive",
    "post-update",
    "reference-transaction",
    "push-to-checkout",
    "pre-auto-gc",
    "post-rewrite",
    "sendemail-validate",
    "fsmonitor-watchman",
    "p4-changelist",
    "p4-prepare-changelist",
    "p4-post-changelist",
    "p4-pre-submit",
    "post-index-change",
)

#: Program-valued settings and the section text that sets them (``{m}`` = marker command).
PROGRAM_SETTINGS = {
    "core.pager": ("core", "pager"),
    "core.editor": ("core", "editor"),
    "core.askPass": ("core", "askPass"),
    "core.sshCommand": ("core", "sshCommand"),
    "core.gitProxy": ("core", "gitProxy"),
    "core.alternateRefsCommand": ("core", "alternateRefsCommand"),
    "sequence.editor": ("sequence", "editor"),
    "diff.external": ("diff", "external"),
    "credential.helper": ("credential", "helper"),
    "gpg.program": ("gpg", "program"),
    "gpg.openpgp.program": ('gpg "openpgp"', "program"),
    "gpg.x509.program": ('gpg "x509"', "program"),
    "gpg.ssh.program": ('gpg "ssh"', "program"),
    "gpg.ssh.defaultKeyCommand": ('gpg "ssh"', "defaultKeyCommand"),
    "uploadpack.packObjectsHook": ("uploadpack", "packObjectsHook"),
}

#: Aliases git would never let shadow a builtin; set anyway, with a marker each.
ALIASES = ("log", "show", "cat-file", "ls-tree", "rev-parse", "status", "diff", "read-tree")

#: Pager per command (``pager.<cmd>``).
PAGERS = ("log", "show", "diff", "status", "cat-file", "ls-tree")


def _script(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def _config_text(markers: Path, scripts: Path, tag: str, git_dir: Path) -> str:
    """A config file whose every program setting creates ``markers/<setting>.<tag>``."""

    def m(name: str) -> str:
        return f"touch '{markers}/{name}.{tag}'"

    hooks = scripts / f"hooks-{tag}"
    hooks.mkdir(exist_ok=True)
    for hook in HOOKS:
        _script(hooks, hook, f"touch '{markers}/hook-{hook}.{tag}'; cat >/dev/null 2>&1; exit 0")
    fsmonitor = _script(scripts, f"fsmonitor-{tag}", f"{m('core.fsmonitor')}; exit 1")
    extdiff = _script(scripts, f"extdiff-{tag}", f"{m('diff.external')}; exit 0")
    lines = ["[core]", f"\thooksPath = {hooks}", f"\tfsmonitor = {fsmonitor}"]
    sections: dict[str, list[str]] = {}
    for name, (section, key) in PROGRAM_SETTINGS.items():
        value = str(extdiff) if name == "diff.external" else m(name)
        if name == "credential.helper":
            value = f"!{m(name)}"
        sections.setdefault(section, []).append(f'\t{key} = "{value}"')
    for section, entries in sections.items():
        lines.append(f"[{section}]")
        lines += entries
    lines += [
        f'[filter "evil{tag}"]',
        f'\tclean = "{m("filter.clean")}; cat"',
        f'\tsmudge = "{m("filter.smudge")}; cat"',
        f'\tprocess = "{m("filter.process")}"',
        "\trequired = true",
        f'[diff "evil{tag}"]',
        f'\ttextconv = "{m("diff.textconv")}; cat"',
        f'\tcommand = "{m("diff.command")}"',
        f'[merge "evil{tag}"]',
        f'\tdriver = "{m("merge.driver")}"',
        "[log]",
        "\tshowSignature = true",
        "[protocol]",
        "\tallow = always",
        '[protocol "file"]',
        "\tallow = always",
        '[protocol "ext"]',
        "\tallow = always",
        f'[remote "origin{tag}"]',
        f"\turl = ext::touch% {markers}/remote.ext.{tag}",
        f'\tuploadpack = "{m("remote.uploadpack")}"',
        "\tpromisor = true",
        '[credential "https://example.invalid"]',
        f'\thelper = "!{m("credential.url.helper")}"',
        "[submodule]",
        "\trecurse = true",
        "[alias]",
    ]
    lines += [f'\t{alias} = "!{m("alias." + alias)}"' for alias in ALIASES]
    lines.append("[pager]")
    lines += [f'\t{cmd} = "{m("pager." + cmd)}"' for cmd in PAGERS]
    return "\n".join(lines) + "\n"


MODES = ("direct", "include", "includeif")


def arm(repo: Path, markers: Path, modes: Iterable[str] = MODES) -> None:
    """Make ``repo`` hostile: anything git runs from its config leaves a marker in ``markers``.

    Call it after the repository's commits are made (the fixture's own git would trip it).
    ``modes`` says how the settings arrive: the repository's config (``direct``), a file it
    includes (``include``), a file included on a ``gitdir:`` condition (``includeif``).
    Marker names end in the mode. ``info/attributes`` names the drivers for every path, and
    ``hooks/`` holds every hook (used when the config's ``core.hooksPath`` is not).
    """
    modes = tuple(modes)
    markers.mkdir(parents=True, exist_ok=True)
    git_dir = repo / ".git" if (repo / ".git").is_dir() else repo
    scripts = repo.parent / f".{repo.name}-hostile"
    scripts.mkdir(exist_ok=True)
    config = git_dir / "config"
    text = config.read_text(encoding="utf-8")
    if "direct" in modes:
        text += _config_text(markers, scripts, "direct", git_dir)
    if "include" in modes:
        included = scripts / "included.cfg"
        included.write_text(_config_text(markers, scripts, "include", git_dir), encoding="utf-8")
        text += f"[include]\n\tpath = {included}\n"
    if "includeif" in modes:
        conditional = scripts / "conditional.cfg"
        conditional.write_text(
            _config_text(markers, scripts, "includeif", git_dir), encoding="utf-8"
        )
        text += f'[includeIf "gitdir:{git_dir.resolve()}"]\n\tpath = {conditional}\n'
    config.write_text(text, encoding="utf-8")
    (git_dir / "info").mkdir(exist_ok=True)
    (git_dir / "info" / "attributes").write_text(attributes_text(modes), encoding="utf-8")
    hooks = git_dir / "hooks"
    hooks.mkdir(exist_ok=True)
    for hook in HOOKS:
        _script(hooks, hook, f"touch '{markers}/hook-{hook}.default'; exit 0")


def attributes_text(modes: Iterable[str] = MODES) -> str:
    """``.gitattributes`` lines naming the drivers :func:`arm` defines for ``modes``.

    For one path the last line naming a driver wins, so pass one mode to test one.
    """
    return "".join(f"* filter=evil{tag} diff=evil{tag} merge=evil{tag}\n" for tag in modes)


def markers_in(folder: Path) -> list[str]:
    """Names of the markers created so far."""
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def tree_digest(
    root: Path, skip: Iterable[str] = (), *, folder_times: bool = True
) -> dict[str, str]:
    """``relative path -> digest`` of everything under ``root`` (not following symlinks).

    Files: type, permissions, modification time and contents; symlinks: their target;
    folders: permissions and, with ``folder_times``, modification time (which changes when
    anything is created or removed in them, even a lock file that is gone again). Paths in
    ``skip`` are left out with everything below them.
    """
    skipped = tuple(skip)
    out: dict[str, str] = {}
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs.sort()
        for name in sorted([*dirs, *files]):
            path = Path(folder) / name
            rel = str(path.relative_to(root))
            if any(rel == s or rel.startswith(s + "/") for s in skipped):
                continue
            info = path.lstat()
            kind = stat.S_IFMT(info.st_mode)
            when = info.st_mtime_ns
            if stat.S_ISLNK(info.st_mode):
                body = os.readlink(path).encode("utf-8", "surrogateescape")
            elif stat.S_ISREG(info.st_mode):
                body = path.read_bytes()
            else:
                body = b""
                when = when if folder_times else 0
            mode = f"{kind:o}:{stat.S_IMODE(info.st_mode):o}:{when}"
            out[rel] = mode + ":" + hashlib.sha256(body).hexdigest()
    return out


def changed(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """Paths added, removed or changed between two :func:`tree_digest` results."""
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


# ------------------------------------------------------------------------- commands

#: Extra argument lists for the commands known today (each also runs with --json).
KNOWN_PLANS: dict[str, list[list[str]]] = {
    "log": [[], ["--all"], ["{notice}"]],
    "show": [["{notice}"]],
    "diff": [["{notice}"]],
    "search": [["data"], ["{word}"]],
    "status": [["--release", "8.6"]],
    "releases": [[]],
    "reviews": [[]],
    "config": [[]],
}

#: Commands that write by design (tested on their own).
WRITING_COMMANDS = ("import",)

_TEXT_DESTS = ("query", "pattern", "words", "term", "terms", "text", "phrase")


def cli_commands() -> dict[str, Any]:
    """``name -> spec`` of every command the CLI offers now."""
    from tui.cli.commands import COMMANDS

    return {spec.name: spec for spec in COMMANDS}


def _subparser(name: str) -> argparse.ArgumentParser:
    from tui.cli.commands import COMMANDS
    from tui.cli.main import build_parser

    parser = build_parser(COMMANDS)
    for action in parser._subparsers._group_actions:  # type: ignore[union-attr]
        choices = getattr(action, "choices", None) or {}
        if name in choices:
            return choices[name]
    raise KeyError(name)


def _generic_plan(name: str) -> list[str]:
    """Required positionals filled in: a notice for NOTICE-like ones, a word for queries."""
    args: list[str] = []
    for action in _subparser(name)._actions:
        if action.option_strings or action.nargs in ("?", "*"):
            continue
        dest = action.dest.lower()
        args.append("{word}" if any(t in dest for t in _TEXT_DESTS) else "{notice}")
    return args


def command_plans(notice: str, word: str = "data") -> list[tuple[str, list[str]]]:
    """``(command, args)`` for every read command the CLI has, text and ``--json``."""
    plans: list[tuple[str, list[str]]] = []
    for name in cli_commands():
        if name in WRITING_COMMANDS:
            continue
        variants = KNOWN_PLANS.get(name) or [_generic_plan(name)]
        for variant in variants:
            args = [a.format(notice=notice, word=word) for a in variant]
            plans.append((name, [name, *args]))
            plans.append((name, [name, *args, "--json"]))
    return plans


# ------------------------------------------------------------------------- the app


def app_module() -> Any:
    """``tui.app.app``, or skip the test with the reason when the app has not landed yet."""
    try:
        return importlib.import_module("tui.app.app")
    except ModuleNotFoundError as exc:
        if exc.name in ("tui.app.app", "textual"):
            pytest.skip(f"the app is not built yet ({exc.name} missing; issue 4)")
        raise


def make_app(module: Any, repo: Path, options: Iterable[str] = ()) -> Any:
    """The app in ``module`` on ``repo`` (and command-line ``options``), as ``run_app`` would."""
    from textual.app import App

    from notices_repo.settings.config import load_config
    from tui.cli.commands import COMMANDS
    from tui.cli.main import build_parser

    args = build_parser(COMMANDS).parse_args(["--repo", str(repo), *options])
    config = load_config()
    for factory_name in ("make_app", "build_app", "create_app"):
        factory = getattr(module, factory_name, None)
        if callable(factory):
            return factory(args, config)
    classes = [
        obj
        for obj in vars(module).values()
        if inspect.isclass(obj)
        and issubclass(obj, App)
        and obj is not App
        and obj.__module__ == module.__name__
    ]
    if not classes:
        pytest.skip("tui.app.app has no App subclass yet")
    cls = classes[0]
    settings_from = getattr(module, "settings_from", None)
    for attempt in (
        lambda: cls(settings_from(args, config)),
        lambda: cls(args, config),
        lambda: cls(args=args, config=config),
        lambda: cls(repo_path=repo),
        lambda: cls(repo),
    ):
        try:
            return attempt()
        except TypeError:  # not this signature (settings_from None, or other arguments)
            continue
    pytest.skip(f"cannot tell how to construct {cls.__name__} for a test session")


def app_screen(
    repo: Path,
    keys: Iterable[str] = (),
    size: tuple[int, int] = (120, 40),
    options: Iterable[str] = (),
) -> str:
    """Run the app on ``repo`` headless, press ``keys``, return the screen as SVG text."""
    module = app_module()
    app = make_app(module, repo, options)

    async def session() -> str:
        async with app.run_test(size=size) as pilot:
            await pilot.pause(0.5)
            for key in keys:
                await pilot.press(key)
                await pilot.pause(0.1)
            await pilot.pause(0.5)
            return app.export_screenshot()

    return asyncio.run(session())


_SVG_TEXT = re.compile(
    r'<text class="[^"]*-r\d+"[^>]* x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</text>'
)


def svg_text(svg: str) -> str:
    """The characters on a screen exported by ``App.export_screenshot()``, one line per row."""
    cells: dict[float, dict[int, str]] = {}
    width = 12.2  # Textual's SVG cell width
    for x, y, body in _SVG_TEXT.findall(svg):
        row = cells.setdefault(float(y), {})
        column = round(float(x) / width)
        for offset, char in enumerate(html.unescape(body).replace("\u00a0", " ")):
            row[column + offset] = char
    lines = []
    for y in sorted(cells):
        row = cells[y]
        lines.append("".join(row.get(i, " ") for i in range(max(row) + 1)).rstrip())
    return "\n".join(lines)
