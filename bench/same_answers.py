"""Do two checkouts of notice-tui give the same headless answers on one repository?

    .venv/bin/python bench/same_answers.py --repo /tmp/vlopses
        [--before PATH | --before-ref REF] [--after PATH] [--today 2026-11-26]
        [--notices 4] [--query cookies ...] [--release 8.6] [--show-diffs 3]

Issue 16 asks that the faster first open changes no answer: ``log``, ``show``, ``diff``
and ``search`` print complete answers, the same ones as before. This script runs the
same headless commands with two checkouts of the code on one repository and compares
what each printed (stdout, stderr and exit status), byte for byte:

* ``log --json`` and ``log --all --json``;
* ``show NOTICE`` and ``diff NOTICE previous latest`` for ``--notices`` notices spread
  over the list (taken from the *after* side's ``log --json``, so both sides get the
  same paths);
* ``search --json Q`` and ``search --all-versions --json Q`` for each ``--query``;
* ``status --json --release 8.6``.

*Before* is a folder holding a checkout (``--before``), or a git ref of this
repository exported with ``git archive`` to a temporary folder (``--before-ref``;
default: the merge-base of HEAD with ``main``). *After* is this working tree unless
``--after`` names another folder. Each side runs with this venv's Python, its own
code first on ``PYTHONPATH``, its own fresh cache, config and state folders, a fixed
``--today``, no pager and no colour; the data folder (the sample) is shared.

Prints ``identical: N commands`` and exits 0, or lists each command whose answers
differ with the start of a unified diff and exits 1. Bad input (no such repository,
unknown ref) is one line on stderr and exit 2. Standard library only.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_QUERIES = ("cookies", "retention period", "third parties", "children")
RUNNER = "import sys; from tui.cli.main import main; sys.exit(main(sys.argv[1:]))"


@dataclass(frozen=True)
class Answer:
    """What one command printed and returned."""

    code: int
    out: str
    err: str
    seconds: float


class Side:
    """One checkout of the code, with its own user folders."""

    def __init__(self, name: str, code: Path, work: Path) -> None:
        self.name = name
        self.code = code
        self.home = work / f"user-{name}"
        self.home.mkdir()

    def env(self) -> dict[str, str]:
        """The environment its commands run in."""
        env = dict(os.environ)
        for name in ("NOTICE_TUI_REPO", "NOTICE_TUI_CONFIG", "NOTICE_TUI_RELEASE", "PAGER"):
            env.pop(name, None)
        for kind in ("CACHE", "CONFIG", "STATE"):
            env[f"NOTICE_TUI_{kind}_DIR"] = str(self.home / kind.lower())
        env["PYTHONPATH"] = str(self.code)
        env["NO_COLOR"] = "1"
        env["TERM"] = "dumb"
        return env

    def run(self, argv: list[str], repo: Path, today: str) -> Answer:
        """Run ``notice-tui ARGV`` with this side's code; stdout and stderr are pipes."""
        common = ["--repo", str(repo), "--today", today, "--no-pager", "--color", "never"]
        started = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-c", RUNNER, *argv, *common],
            capture_output=True,
            text=True,
            env=self.env(),
            cwd=self.home,  # not a checkout: only PYTHONPATH decides which code runs
            timeout=1800,
            check=False,
        )
        seconds = time.perf_counter() - started
        return Answer(result.returncode, result.stdout, result.stderr, seconds)


def export_ref(ref: str, into: Path) -> Path:
    """The tree of ``ref`` of this repository, written to ``into`` (``git archive``)."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", ref],
        capture_output=True,
        check=False,
    )
    if archive.returncode != 0:
        message = archive.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ValueError(f"cannot export {ref!r}: {message[-1] if message else 'git failed'}")
    into.mkdir(parents=True)
    tar_path = into.with_suffix(".tar")
    tar_path.write_bytes(archive.stdout)
    with tarfile.open(tar_path) as tar:
        tar.extractall(into, filter="data")
    tar_path.unlink()
    return into


def default_ref() -> str:
    """The merge-base of HEAD with ``main`` (HEAD itself when there is none)."""
    result = subprocess.run(
        ["git", "-C", str(ROOT), "merge-base", "HEAD", "main"],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip() if result.returncode == 0 else "HEAD"


def notice_paths(log_json: str, count: int) -> list[str]:
    """``count`` notice paths spread evenly over the list ``log --json`` printed, among
    the notices in force with two revisions or more (so that ``diff`` compares two)."""
    try:
        listed = [n for n in json.loads(log_json)["notices"] if not n.get("retired")]
    except (ValueError, KeyError, TypeError):
        return []
    notices = [n["path"] for n in listed if len(n.get("revisions", ())) >= 2]
    notices = notices or [n["path"] for n in listed]
    if count <= 0 or not notices:
        return []
    step = max(1, len(notices) // count)
    return notices[::step][:count]


def commands(after_log_json: str, args: argparse.Namespace) -> list[list[str]]:
    """Every command to compare, after the two ``log`` commands."""
    found: list[list[str]] = [["log", "--all", "--json"]]
    for path in notice_paths(after_log_json, args.notices):
        found.append(["show", path])
        found.append(["diff", path, "previous", "latest"])
    for query in args.query or DEFAULT_QUERIES:
        found.append(["search", "--json", query])
        found.append(["search", "--all-versions", "--json", query])
    found.append(["status", "--json", "--release", args.release])
    return found


def difference(command: list[str], before: Answer, after: Answer, lines: int) -> str:
    """How two answers differ, for a person: the exit codes and a unified diff."""
    parts = [f"differs: notice-tui {' '.join(command)}"]
    if before.code != after.code:
        parts.append(f"  exit status {before.code} before, {after.code} after")
    for stream in ("out", "err"):
        old, new = getattr(before, stream), getattr(after, stream)
        if old != new:
            diff = difflib.unified_diff(
                old.splitlines(), new.splitlines(), f"before std{stream}", f"after std{stream}", n=1
            )
            shown = [f"    {line[:200]}" for line in list(diff)[:lines]]
            parts.extend(shown or [f"    std{stream} differs only in line endings"])
    return "\n".join(parts)


def compare(repo: Path, before: Side, after: Side, args: argparse.Namespace) -> int:
    """Run every command on both sides; report; 0 when all answers are identical."""
    today = args.today
    first = ["log", "--json"]
    pairs = [(first, before.run(first, repo, today), after.run(first, repo, today))]
    for command in commands(pairs[0][2].out, args):
        pairs.append((command, before.run(command, repo, today), after.run(command, repo, today)))
        if not args.quiet:
            old, new = pairs[-1][1], pairs[-1][2]
            sys.stderr.write(
                f"  {' '.join(command)}: {old.seconds:.1f} s before, {new.seconds:.1f} s after\n"
            )
    differing = [(c, b, a) for c, b, a in pairs if (b.code, b.out, b.err) != (a.code, a.out, a.err)]
    for command, old, new in differing:
        print(difference(command, old, new, args.show_diffs * 10))
    seconds_before = sum(b.seconds for _, b, _ in pairs)
    seconds_after = sum(a.seconds for _, _, a in pairs)
    summary = (
        f"{len(pairs)} commands on {repo}, today {today} ({seconds_before:.1f} s before, "
        f"{seconds_after:.1f} s after)"
    )
    if differing:
        print(f"different: {len(differing)} of {summary}")
        return 1
    print(f"identical: {summary}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repo", type=Path, required=True, help="the notices repository")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--before", type=Path, help="a folder holding the older checkout")
    where.add_argument("--before-ref", help="a git ref of this repository (default: merge-base)")
    parser.add_argument("--after", type=Path, default=ROOT, help="default: this working tree")
    parser.add_argument("--today", default="2026-11-26", help="fixed --today for every command")
    parser.add_argument("--notices", type=int, default=4, help="notices to show and diff")
    parser.add_argument("--query", action="append", help="a search query (repeatable)")
    parser.add_argument("--release", default="8.6", help="release for status --json")
    parser.add_argument("--show-diffs", type=int, default=3, help="diff lines shown, x10")
    parser.add_argument("--quiet", action="store_true", help="no timing lines on stderr")
    args = parser.parse_args(argv)
    repo = args.repo.resolve()
    if not (repo / ".git").exists() and not (repo / "HEAD").exists():
        sys.stderr.write(f"same_answers: {repo} is not a git repository; pass --repo PATH\n")
        return 2
    for name in ("before", "after"):
        folder = getattr(args, name)
        if folder is not None and not (folder / "tui" / "cli" / "main.py").is_file():
            sys.stderr.write(f"same_answers: {folder} holds no notice-tui checkout (--{name})\n")
            return 2
    with tempfile.TemporaryDirectory(prefix="notice-tui-same-") as tmp:
        work = Path(tmp)
        before_code = args.before
        if before_code is None:
            ref = args.before_ref or default_ref()
            try:
                before_code = export_ref(ref, work / "before-code")
            except ValueError as exc:
                sys.stderr.write(f"same_answers: {exc}; pass --before-ref REF or --before PATH\n")
                return 2
            sys.stderr.write(f"before: {ref} (exported); after: {args.after}\n")
        before = Side("before", before_code.resolve(), work)
        after = Side("after", args.after.resolve(), work)
        return compare(repo, before, after, args)


if __name__ == "__main__":
    sys.exit(main())
