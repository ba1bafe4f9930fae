"""Time to the first screen of the app against a minimal Textual app (issue 7's figure).

Each run is a fresh ``python`` process that starts the app headless, notes the time from
its first line to the first paint (imports count), and quits as ``q`` does. The minimal
app is a Textual app with one Static that does the same. Runs alternate between the two;
medians are printed, and ``--json FILE`` writes them::

    python scripts/app_startup.py [--repo PATH] [--runs 7] [--json out.json]

The notice-tui run paints before the repository is read, so its figure does not depend
on the repository's size (the repository is still opened and read in the background).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

MINIMAL = """
import time
STARTED = time.perf_counter()
from textual.app import App
from textual.widgets import Static

class Minimal(App):
    def compose(self):
        yield Static("hello")

    def on_mount(self):
        self.call_after_refresh(self.painted)

    def painted(self):
        print(time.perf_counter() - STARTED)
        self.exit()

Minimal().run(headless=True)
"""

NOTICE_TUI = """
import time
STARTED = time.perf_counter()
import sys
from pathlib import Path
from tui.app.app import NoticeApp
from tui.app.settings import Settings

class FirstPaint(NoticeApp):
    def _first_paint_done(self):
        print(time.perf_counter() - STARTED)
        self.action_quit()

repo = Path(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1] else None
FirstPaint(Settings(repo=repo, origin="bench")).run(headless=True)
"""


def _time(code: str, *args: str) -> tuple[float, float]:
    """(seconds from the start of the program to the first paint, whole process)."""
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", code, *args],
        check=True,
        env=os.environ.copy(),
        capture_output=True,
        text=True,
    ).stdout
    return float(out.split()[-1]), time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    """Measure and print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repo", default="", help="notices repository (default: the sample)")
    parser.add_argument("--runs", type=int, default=7, help="runs of each (default 7)")
    parser.add_argument("--json", metavar="FILE", help="write the figures as JSON")
    args = parser.parse_args(argv)
    minimal: list[tuple[float, float]] = []
    app: list[tuple[float, float]] = []
    _time(MINIMAL)  # warm the file system cache and the bytecode
    _time(NOTICE_TUI, args.repo)
    for _ in range(args.runs):
        minimal.append(_time(MINIMAL))
        app.append(_time(NOTICE_TUI, args.repo))
    paint_minimal = statistics.median(m[0] for m in minimal)
    paint_app = statistics.median(a[0] for a in app)
    result = {
        "minimal_textual_first_paint_s": paint_minimal,
        "notice_tui_first_paint_s": paint_app,
        "ratio": paint_app / paint_minimal,
        "minimal_textual_process_s": statistics.median(m[1] for m in minimal),
        "notice_tui_process_s": statistics.median(a[1] for a in app),
        "runs": args.runs,
        "repo": args.repo or "built-in sample",
    }
    print(
        f"first paint: minimal Textual app {paint_minimal:.3f} s, notice-tui "
        f"{paint_app:.3f} s, ratio {result['ratio']:.2f}; whole process (start, paint, quit): "
        f"{result['minimal_textual_process_s']:.3f} s and {result['notice_tui_process_s']:.3f} s"
    )
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(result, handle, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
