"""Start-up of the headless commands: import time and wall time (issue 15's figures).

Each run is a fresh ``python -m tui ARGS`` process with its own config, state and cache
folders. The import time is the sum of the "self" times ``python -X importtime`` reports
(every module the run loaded, the interpreter's own start-up included); the wall time is
measured on separate runs without ``-X importtime``, from process start to exit, with the
CPU time (user + system) of the same runs: on a busy machine it moves less than the wall
time. Runs alternate between the cases; medians are printed, and ``--json FILE`` writes
them::

    python scripts/cli_startup.py [--repo PATH] [--runs 7] [--tree DIR] [--json out.json]

Without ``--repo`` the commands read the built-in sample (built once before timing).
``--tree DIR`` times another checkout (e.g. an older commit, exported with ``git archive``)
with this interpreter: ``python -m tui`` runs from DIR, so DIR's ``tui`` is the one loaded.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: (label, arguments): what is timed.
CASES = (
    ("--help", ["--help"]),
    ("status", ["status", "--release", "8.6", "--today", "2026-11-26"]),
    ("log", ["log"]),
)


def _environment(base: Path) -> dict[str, str]:
    env = {**os.environ, "NO_COLOR": "1"}
    for kind in ("CONFIG", "STATE", "CACHE", "DATA"):
        env[f"NOTICE_TUI_{kind}_DIR"] = str(base / kind.lower())
    for name in ("NOTICE_TUI_REPO", "NOTICE_TUI_CONFIG", "NOTICE_TUI_RELEASE", "PYTHONPATH"):
        env.pop(name, None)
    return env


def import_seconds(stderr: str) -> tuple[float, int]:
    """Total self import time in seconds, and the number of modules, from ``-X importtime``."""
    total, count = 0, 0
    for line in stderr.splitlines():
        if line.startswith("import time:") and "self [us]" not in line:
            total += int(line.split(":", 1)[1].split("|")[0])
            count += 1
    return total / 1e6, count


def _run(argv: list[str], env: dict[str, str], tree: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *argv], capture_output=True, text=True, env=env, cwd=tree, check=False
    )


def measure(args: argparse.Namespace, env: dict[str, str]) -> dict[str, dict[str, float]]:
    """Median import time, module count and wall time of each case."""
    cases = [
        (label, [*(["--repo", args.repo] if args.repo else []), *argv]) for label, argv in CASES
    ]
    for _, argv in cases:  # builds the sample and warms the caches, untimed
        done = _run(["-m", "tui", *argv], env, args.tree)
        if "Traceback" in done.stderr:
            raise SystemExit(f"notice-tui {' '.join(argv)} failed:\n{done.stderr[-2000:]}")
    imports: dict[str, list[tuple[float, int]]] = {label: [] for label, _ in cases}
    walls: dict[str, list[float]] = {label: [] for label, _ in cases}
    cpus: dict[str, list[float]] = {label: [] for label, _ in cases}
    for _ in range(args.runs):
        for label, argv in cases:
            done = _run(["-X", "importtime", "-m", "tui", *argv], env, args.tree)
            imports[label].append(import_seconds(done.stderr))
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            _run(["-m", "tui", *argv], env, args.tree)
            walls[label].append(time.perf_counter() - started)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus[label].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return {
        label: {
            "import_s": round(statistics.median(s for s, _ in imports[label]), 3),
            "modules": statistics.median(n for _, n in imports[label]),
            "wall_s": round(statistics.median(walls[label]), 3),
            "wall_min_s": round(min(walls[label]), 3),
            "cpu_s": round(statistics.median(cpus[label]), 3),
        }
        for label, _ in cases
    }


def main() -> int:
    """Time the cases and print (or write) the medians."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repo", help="a notices repository (default: the built-in sample)")
    parser.add_argument("--runs", type=int, default=7, help="runs of each case (default 7)")
    parser.add_argument("--tree", type=Path, default=ROOT, help="the checkout to time")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cli-startup-") as base:
        figures = measure(args, _environment(Path(base)))
    print(f"{'case':8} {'import s':>9} {'modules':>8} {'wall s':>7} {'wall min':>9} {'cpu s':>6}")
    for label, row in figures.items():
        print(
            f"{label:8} {row['import_s']:9.3f} {row['modules']:8.0f} "
            f"{row['wall_s']:7.3f} {row['wall_min_s']:9.3f} {row['cpu_s']:6.3f}"
        )
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
