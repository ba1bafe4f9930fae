"""The search index of a 50 MB single-line notice: build time and peak memory per scope.

Issue 14: building the index of such a file peaked at 689 MB, then 330 MB (latest
versions) and 395 MB (all versions). The repository holds the pair ``bench/big_line.py``
generates, as two effective versions of one notice (the newer one dated a month later).
Each scope is built in a fresh process (no cache file to reuse), which reports its wall
time and its peak resident memory (``VmHWM``, the texts included).

    .venv/bin/python bench/big_line_index.py [--mb 50] [--repo PATH]

``--repo`` keeps the repository there (made if missing) for the app or ``diff``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import big_line

ROOT = Path(__file__).resolve().parent.parent
PATH = "Example/Terms of Service.md"


def make_repo(repo: Path, mb: float = 50, edits: int = 500) -> Path:
    """A repository with the two revisions of the big notice (made once, reused)."""
    if (repo / ".git").is_dir():
        return repo
    old, new = big_line.make_pair(int(mb * 1_000_000), edits)
    new = new.replace("May 1, 2025", "June 1, 2025", 1)
    repo.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "bench",
        "GIT_AUTHOR_EMAIL": "bench@example.invalid",
        "GIT_COMMITTER_NAME": "bench",
        "GIT_COMMITTER_EMAIL": "bench@example.invalid",
    }

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(repo), *args], check=True, env=env, capture_output=True)

    git("init", "-q", "-b", "main")
    target = repo / PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    for text, date in ((old, "2025-05-01T12:00:00+00:00"), (new, "2025-06-01T12:00:00+00:00")):
        target.write_text(text, encoding="utf-8")
        git("add", "-A")
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
        git("commit", "-q", "-m", "Record new changes of Example Terms of Service")
    return repo


_CHILD = """
import json, sys, time, threading
sys.path.insert(0, {root!r})
def peak_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0
import datetime as dt
from notices_repo.repository import NoticeRepository
from notices_repo.search import open_scope
repository = NoticeRepository({repo!r})
catalog = repository.load()
before = peak_mb()
started = time.perf_counter()
tables = open_scope(repository, catalog, {scope!r}, dt.date(2026, 1, 1), use_cache=False)
seconds = time.perf_counter() - started
print(json.dumps({{
    "seconds": round(seconds, 2),
    "peak_mb": round(peak_mb(), 1),
    "before_mb": round(before, 1),
    "passages": tables.passage_count,
    "versions": len(tables.v_notice),
    "meta": {{k: v for k, v in tables.meta.items() if k.startswith("huge") or k == "cut"}},
}}))
"""


def measure_scope(repo: Path, scope: str) -> dict[str, Any]:
    """Build one scope of the index in a fresh process (own cache folder, not saved)."""
    with tempfile.TemporaryDirectory(prefix="notice-tui-bigindex-") as home:
        env = {**os.environ, "XDG_CACHE_HOME": home, "XDG_DATA_HOME": home}
        code = _CHILD.format(root=str(ROOT), repo=str(repo), scope=scope)
        out = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            timeout=900,
            env=env,
        ).stdout
    return json.loads(out)


def measure(mb: float = 50, repo: Path | None = None) -> dict[str, Any]:
    """Both scopes of the index of the big notice: seconds and peak MB each."""
    with tempfile.TemporaryDirectory(prefix="notice-tui-bigrepo-") as tmp:
        where = make_repo(repo or Path(tmp) / "repo", mb)
        return {scope: measure_scope(where, scope) for scope in ("latest", "all")} | {"mb": mb}


def main(argv: list[str] | None = None) -> int:
    """Print the measurement as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50)
    parser.add_argument("--repo", type=Path, default=None)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.mb, args.repo), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
