"""Every example in ``--help`` runs and exits as documented.

The examples come from each command's spec (``examples``) and from ``APP_EXAMPLES`` in
tui/cli/main.py (those that open the interactive app are left out). Each runs as the real
``notice-tui`` command in a sandbox folder: without ``--repo`` it reads the built-in
sample; paths under ``/srv/`` and ``/media/`` are re-rooted into the sandbox, where
``/srv/notices`` is a clone of the sample one commit behind, ``notices.bundle`` (also at
``/media/usb/``) a bundle of the whole sample, and ``/srv/new-notices`` does not exist yet.

Expected exit status: the one an example's description states ("...; exit 2"), else 2
for ``--require-signed`` (the sandbox's new commit is unsigned, so it must be refused),
else what the command documents: ``status`` 0, 1 or 2 (Nagios), ``diff`` 0 or 1
(1 = differences), ``search`` 0 or 1 (1 = no match), every other command 0.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path

import pytest

from tests.conftest import git, run_command
from tui.cli.commands import COMMANDS
from tui.cli.main import APP_EXAMPLES, build_parser

PARSER = build_parser(COMMANDS)
DEFAULT_EXITS = {"status": {0, 1, 2}, "diff": {0, 1}, "search": {0, 1}}


def _opens_app(argv: list[str]) -> bool:
    args = PARSER.parse_args(argv)
    return args.command is None and not args.version and not args.completion


def _examples() -> list[tuple[str, str, str]]:
    found = []
    for spec in COMMANDS:
        for command, what in spec.examples:
            found.append((spec.name, command, what))
    for command, what in APP_EXAMPLES:
        argv = shlex.split(command)[1:]
        if not _opens_app(argv):
            found.append(("", command, what))
    return found


EXAMPLES = _examples()


def expected_exits(command_name: str, argv: list[str], what: str) -> set[int]:
    """The exit statuses an example may end with (see the module docstring)."""
    stated = re.search(r"\bexit (\d)\b", what)
    if stated:
        return {int(stated[1])}
    if "--require-signed" in argv:
        return {2}
    return DEFAULT_EXITS.get(command_name, {0})


@pytest.fixture(scope="module")
def sandbox_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Folders the examples refer to, made once; each test works on a copy."""
    from notices_repo.sample.build import ensure_sample

    sample = ensure_sample()
    base = tmp_path_factory.mktemp("examples")
    work = base / "work"
    work.mkdir()
    git(sample, "bundle", "create", str(work / "notices.bundle"), "--all")
    usb = base / "media" / "usb"
    usb.mkdir(parents=True)
    shutil.copy(work / "notices.bundle", usb / "notices.bundle")
    srv = base / "srv"
    srv.mkdir()
    git(base, "clone", "-q", str(sample), str(srv / "notices"))
    git(srv / "notices", "reset", "-q", "--hard", "HEAD~1")
    return base


def _rerooted(argv: list[str], base: Path) -> list[str]:
    return [
        str(base / word.lstrip("/")) if word.startswith(("/srv/", "/media/")) else word
        for word in argv
    ]


def test_every_command_has_runnable_examples_in_its_help() -> None:
    assert {spec.name for spec in COMMANDS} >= {"log", "show", "status", "config"}
    for spec in COMMANDS:
        name, examples = spec.name, spec.examples
        assert len(examples) >= 2, f"{name}: give at least two examples"
        for command, what in examples:
            assert command.startswith(f"notice-tui {name}"), command
            assert what.strip(), f"{command}: say what it shows"
        help_text = PARSER._subparsers._group_actions[0].choices[name].format_help()
        assert "examples:" in help_text and examples[0][0] in help_text
    assert "examples:" in PARSER.format_help()


@pytest.mark.parametrize(
    "command_name,example,what", EXAMPLES, ids=[example for _, example, _ in EXAMPLES]
)
def test_example_runs_and_exits_as_documented(
    command_name: str, example: str, what: str, sandbox_template: Path, tmp_path: Path
) -> None:
    base = tmp_path / "sandbox"
    shutil.copytree(sandbox_template, base, symlinks=True)
    argv = shlex.split(example)
    assert argv[0] == "notice-tui"
    result = run_command(*_rerooted(argv[1:], base), cwd=base / "work")
    assert "Traceback" not in result.err, result.err
    allowed = expected_exits(command_name, argv, what)
    assert result.code in allowed, (
        f"{example}\n exited {result.code}, expected {sorted(allowed)}\n"
        f" stdout: {result.out[-2000:]}\n stderr: {result.err[-2000:]}"
    )
    if result.code == 2 and "--require-signed" in argv:
        assert "sign" in result.err.lower()
        return
    assert result.out.strip(), f"{example} printed nothing"
    if "--json" in argv:
        json.loads(result.out)


def test_examples_cover_the_documented_exit_codes() -> None:
    status = [(argv, what) for name, argv, what in EXAMPLES if name == "status"]
    stated = {int(m[1]) for _, what in status if (m := re.search(r"\bexit (\d)\b", what))}
    assert stated >= {0, 1, 2}, "status examples should show OK, WARNING and CRITICAL"
