"""The first open of a repository in the app, cold (issue 16's "useful at once" figures).

Each run is a fresh ``python`` process with an empty cache folder that starts the app
headless on ``--repo`` and notes, from its first line (imports count):

* ``list``: the notice list is interactive (it lists notices and has one highlighted);
* ``versions``: a notice chosen as soon as the list is there (the middle one) shows
  its versions (``scan_done`` says whether the full catalog was there by then);
* ``full``: the full catalog is there.

Medians are printed; ``--json FILE`` writes every run. Run it with another checkout's
interpreter to compare (``/work/main/.venv/bin/python scripts/app_first_list.py``)::

    python scripts/app_first_list.py --repo PATH [--runs 5] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

RUN = """
import time
STARTED = time.perf_counter()
import json, sys
from pathlib import Path
from tui.app.app import NoticeApp
from tui.app.settings import Settings

class Timed(NoticeApp):
    marks = {}
    chosen = None

    def on_mount(self):
        super().on_mount()
        self.set_interval(0.005, self.watch)

    def watch(self):
        now = time.perf_counter() - STARTED
        main = self.main_screen
        if main is None or not main.is_mounted:
            return
        marks = self.marks
        if "list" not in marks and main.notices.shown and main.notices.notice is not None:
            marks["list"] = now
            shown = main.notices.shown
            self.chosen = shown[len(shown) // 2].key
            main.notices.select_key(self.chosen)
        choice = main.versions.choice
        if "versions" not in marks and choice is not None and choice.notice.key == self.chosen:
            marks["versions"] = now
            marks["scan_done"] = self.catalog is not None
        if "full" not in marks and self.catalog is not None:
            marks["full"] = now
        if "versions" in marks and "full" in marks:
            sys.__stdout__.write(json.dumps(marks) + chr(10))
            sys.__stdout__.flush()
            self.action_quit()

Timed(Settings(repo=Path(sys.argv[1]), origin="bench")).run(headless=True, size=(140, 40))
"""


def one_run(repo: str) -> dict[str, float]:
    """One cold run in a fresh process (an empty cache folder)."""
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "NOTICE_TUI_CACHE_DIR": cache}
        done = subprocess.run(
            [sys.executable, "-c", RUN, os.path.abspath(repo)],
            env=env,
            cwd=cache,  # not this checkout: the interpreter's own code is measured
            capture_output=True,
            text=True,
        )
    if done.returncode != 0 or not done.stdout.strip():
        raise SystemExit(f"the app run failed: {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    """Run, print medians, write ``--json``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json")
    args = parser.parse_args()
    runs = [one_run(args.repo) for _ in range(args.runs)]
    for name in ("list", "versions", "full"):
        print(f"{name:9} {statistics.median(r[name] for r in runs):.3f} s")
    done = sum(bool(r["scan_done"]) for r in runs)
    print(f"scan done before the versions showed: {done}/{len(runs)}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(runs, out, indent=1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
