"""The 50 MB single-line notice in the search index and the app: time and peak memory.

Issue 14: building the index of such a file peaked at 689 MB, then 330 MB (latest
versions) and 395 MB (all versions). The repository holds the pair ``bench/big_line.py``
generates, as two effective versions of one notice (the newer one dated a month later).
Each scope is built in a fresh process (no cache file to reuse), which reports its wall
time and its peak resident memory (``VmHWM``, the texts included).

The app is run headless (``App.run_test``) in a fresh process on the same repository,
where the notice is the one selected at start: seconds from start until the reader
shows its first lines and until the app is idle (``tests/app_pilot.is_idle``), and the
process's peak memory. It used to stay busy for over ten minutes.

    .venv/bin/python bench/big_line_index.py [--mb 50] [--repo PATH] [--skip-app]

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
from notices_repo.catalog.repository import NoticeRepository
from notices_repo.search.scope import open_scope
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


_APP = """
import asyncio, json, sys, time
sys.path.insert(0, {root!r})
from pathlib import Path
from tests.app.app_pilot import is_idle, make_app
def peak_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0
async def main():
    app = make_app(Path({repo!r}))
    started = time.perf_counter()
    first = idle = None
    async with app.run_test(size=(120, 40)) as pilot:
        while time.perf_counter() - started < {limit}:
            await pilot.pause(0.05)
            main = app.main_screen
            view = main.view if main is not None else None
            if first is None and view is not None and view.document and view.line_count:
                first = time.perf_counter() - started
            if is_idle(app):
                idle = time.perf_counter() - started
                break
        view = app.main_screen.view if app.main_screen is not None else None
        cut = view.cut if view is not None else None
        render = view and (round(view.first_lines_seconds, 2), round(view.render_seconds, 2))
    print(json.dumps({{
        "first_lines_s": None if first is None else round(first, 2),
        "idle_s": None if idle is None else round(idle, 2),
        "peak_mb": round(peak_mb(), 1),
        "shown_chars": len(cut.text) if cut is not None else None,
        "reader_first_lines_s": render and render[0],
        "reader_all_s": render and render[1],
    }}))
asyncio.run(main())
"""


def measure_app(repo: Path, limit: float = 120) -> dict[str, Any]:
    """The app on the repository (its cache folder warm): seconds to the first lines
    of the big notice and to idle (None: not within ``limit``), peak MB."""
    with tempfile.TemporaryDirectory(prefix="notice-tui-bigapp-") as home:
        env = {**os.environ, "XDG_CACHE_HOME": home, "XDG_STATE_HOME": home}
        env["XDG_CONFIG_HOME"] = env["XDG_DATA_HOME"] = home
        code = _APP.format(root=str(ROOT), repo=str(repo), limit=limit)
        run = [sys.executable, "-c", code]
        subprocess.run(run, capture_output=True, check=True, timeout=limit + 60, env=env)  # warm
        out = subprocess.run(
            run, capture_output=True, text=True, check=True, timeout=limit + 60, env=env
        ).stdout
    return json.loads(out)


def measure(mb: float = 50, repo: Path | None = None, app: bool = True) -> dict[str, Any]:
    """Both scopes of the index of the big notice (seconds and peak MB each) and the app."""
    with tempfile.TemporaryDirectory(prefix="notice-tui-bigrepo-") as tmp:
        where = make_repo(repo or Path(tmp) / "repo", mb)
        out: dict[str, Any] = {scope: measure_scope(where, scope) for scope in ("latest", "all")}
        if app:
            out["app"] = measure_app(where)
        return out | {"mb": mb}


def main(argv: list[str] | None = None) -> int:
    """Print the measurement as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50)
    parser.add_argument("--repo", type=Path, default=None)
    parser.add_argument("--skip-app", action="store_true")
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.mb, args.repo, not args.skip_app), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
