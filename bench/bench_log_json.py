"""Warm ``notice-tui log --json`` beside warm ``log``, as scripts run them (issue 14).

Target: warm ``log --all --json`` within 1.5x of warm ``log --all``, both with stdout a
pipe (as a script reads them), on the same repository and the same warm cache.

    .venv/bin/python bench/bench_log_json.py --repo /tmp/synth [--runs 5]

Every run is a fresh ``notice-tui`` process (what a script starts); the cache is warmed
by one ``log`` first. Reported per command: the median wall time and the median CPU time
of the process and its children (git), since a shared box's load moves wall time more.
Standard library only, plus the ``notice-tui`` of this venv.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TARGET_X_LOG = 1.5
COMMANDS = {"log": ["log", "--all"], "log --json": ["log", "--all", "--json"]}


def _exe() -> str:
    found = shutil.which("notice-tui", path=str(Path(sys.executable).parent))
    return found or "notice-tui"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_run(argv: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and bytes written of one run, stdout to a pipe."""
    cpu = _children_cpu()
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    assert proc.stdout is not None
    size = 0
    while chunk := proc.stdout.read(1 << 20):
        size += len(chunk)
    if proc.wait() != 0:
        raise RuntimeError(f"{' '.join(argv)} exited {proc.returncode}")
    return time.perf_counter() - started, _children_cpu() - cpu, size


def measure(repo: Path, env: dict[str, str], runs: int = 5) -> dict[str, Any]:
    """Warm ``log`` and ``log --json``, interleaved so that load changes hit both."""
    exe = _exe()
    base = [exe, "--repo", str(repo), "--no-pager"]
    timed_run([*base, *COMMANDS["log"]], env)  # the cache is warm from here on
    samples: dict[str, list[tuple[float, float, int]]] = {name: [] for name in COMMANDS}
    for _ in range(runs):
        for name, args in COMMANDS.items():
            samples[name].append(timed_run([*base, *args], env))
    out: dict[str, Any] = {"runs": runs}
    for name, rows in samples.items():
        out[name] = {
            "wall_s": round(statistics.median(r[0] for r in rows), 3),
            "cpu_s": round(statistics.median(r[1] for r in rows), 3),
            "bytes": rows[0][2],
        }
    log, as_json = out["log"], out["log --json"]
    out["ratio"] = round(as_json["wall_s"] / log["wall_s"], 2)
    out["cpu_ratio"] = round(as_json["cpu_s"] / log["cpu_s"], 2)
    return out


def describe(result: dict[str, Any]) -> str:
    """One line for a table: both medians and the ratios."""
    log, as_json = result["log"], result["log --json"]
    return (
        f"log --json {as_json['wall_s']:.2f} s vs log {log['wall_s']:.2f} s = "
        f"{result['ratio']:.2f}x (CPU {as_json['cpu_s']:.2f} vs {log['cpu_s']:.2f} s = "
        f"{result['cpu_ratio']:.2f}x; {as_json['bytes'] / 1e6:.1f} MB of JSON)"
    )


def main(argv: list[str] | None = None) -> int:
    """Command line: measure in private user folders, print one line (and JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repo", type=Path, required=True, help="the notices repository")
    parser.add_argument("--runs", type=int, default=5, help="runs of each command (median)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="notice-tui-bench-log-") as tmp:
        env = dict(os.environ)
        for kind in ("CACHE", "CONFIG", "STATE", "DATA"):
            env[f"NOTICE_TUI_{kind}_DIR"] = str(Path(tmp) / kind.lower())
        env.pop("NOTICE_TUI_REPO", None)
        result = measure(args.repo.resolve(), env, args.runs)
    print(json.dumps(result) if args.json else describe(result))
    met = result["ratio"] <= TARGET_X_LOG
    print(f"target <= {TARGET_X_LOG}x warm log: {'met' if met else 'NOT met'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
