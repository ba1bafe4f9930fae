"""Time the raw-git baseline of a notices repository.

The baseline is what reading the whole history costs git itself, with nothing in
Python on the hot path:

1. ``git log --format=... --raw --no-abbrev -M --root HEAD`` to /dev/null: every
   commit with the blob id of every file it changed;
2. ``git cat-file --batch`` fed every distinct blob id that log reports (in first-seen
   order), output to /dev/null.

Their sum is the reference for issue 7's "cold open <= 2x the raw-git baseline".
``raw_git_baseline`` is importable (``bench/run.py`` uses it); run the module for a
one-off measurement::

    python bench/baseline.py --repo /tmp/synth [--repeat 3] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

#: The log call that is timed: what a history loader needs (ids, parents, dates,
#: author, subject) plus the raw diff with full blob ids and rename detection.
LOG_FORMAT = "--format=%x1e%H%x1f%P%x1f%an%x1f%ae%x1f%at%x1f%ct%x1f%s"
LOG_ARGS = ("log", LOG_FORMAT, "--raw", "--no-abbrev", "-M", "--root", "HEAD")
NULL_OID = "0" * 40


def git_env() -> dict[str, str]:
    """Environment for git: no system or global configuration, no prompts."""
    env = dict(os.environ)
    env.update(GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull, GIT_TERMINAL_PROMPT="0")
    for key in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY"):
        env.pop(key, None)
    return env


def _git_argv(repo: Path, *args: str) -> list[str]:
    return ["git", "-C", str(repo), "-c", "core.hooksPath=/dev/null", *args]


def distinct_blob_ids(raw_log: bytes) -> list[bytes]:
    """Distinct destination blob ids of a ``git log --raw --no-abbrev`` output.

    Ids come in first-seen order (newest commit first, as log prints them); deletions
    (all-zero ids) are skipped.
    """
    seen: dict[bytes, None] = {}
    for line in raw_log.split(b"\n"):
        if line.startswith(b":"):
            fields = line.split(b"\t", 1)[0].split()
            oid = fields[3]
            if oid != NULL_OID.encode():
                seen.setdefault(oid, None)
    return list(seen)


def _timed(argv: list[str], stdin: bytes | None = None) -> tuple[float, float]:
    """Run ``argv`` with its output sent to /dev/null; return (wall, CPU) seconds.

    CPU is the child's user + system time: on a shared, loaded machine it moves much
    less than wall time, so both are reported.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(argv, input=stdin, stdout=subprocess.DEVNULL, env=git_env(), check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def time_log(repo: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of the baseline ``git log``, output to /dev/null."""
    return _timed(_git_argv(repo, *LOG_ARGS))


def time_cat_file(repo: Path, ids: Sequence[bytes]) -> tuple[float, float]:
    """(wall, CPU) seconds of ``git cat-file --batch`` printing every blob of ``ids``."""
    stdin = b"".join(oid + b"\n" for oid in ids)
    return _timed(_git_argv(repo, "cat-file", "--batch"), stdin)


def raw_git_baseline(repo: Path, repeat: int = 3) -> dict[str, float]:
    """Time the raw-git baseline on ``repo``; medians of ``repeat`` runs after a warm-up.

    Returns ``log_s``, ``cat_file_s`` and ``total_s`` (wall seconds; total is the sum of
    the two medians), the same as CPU seconds (``log_cpu_s``, ``cat_file_cpu_s``,
    ``total_cpu_s``), and ``commits`` and ``distinct_blobs`` (counts, for the record).
    The first, untimed run reads the log for its blob ids and warms the page cache,
    so the figures are warm-cache ones, like every other figure of the benchmark.
    """
    repo = Path(repo)
    raw = subprocess.run(
        _git_argv(repo, *LOG_ARGS), stdout=subprocess.PIPE, env=git_env(), check=True
    ).stdout
    ids = distinct_blob_ids(raw)
    commits = raw.count(b"\x1e")
    time_cat_file(repo, ids)  # warm-up
    log_runs = [time_log(repo) for _ in range(repeat)]
    cat_runs = [time_cat_file(repo, ids) for _ in range(repeat)]
    log_s = statistics.median(wall for wall, _ in log_runs)
    cat_s = statistics.median(wall for wall, _ in cat_runs)
    log_cpu = statistics.median(cpu for _, cpu in log_runs)
    cat_cpu = statistics.median(cpu for _, cpu in cat_runs)
    return {
        "log_s": log_s,
        "cat_file_s": cat_s,
        "total_s": log_s + cat_s,
        "log_cpu_s": log_cpu,
        "cat_file_cpu_s": cat_cpu,
        "total_cpu_s": log_cpu + cat_cpu,
        "commits": commits,
        "distinct_blobs": len(ids),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: print the baseline timings of one repository."""
    parser = argparse.ArgumentParser(description="Time the raw-git baseline of a repository.")
    parser.add_argument("--repo", type=Path, required=True, help="the repository")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs (median is kept)")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    result = raw_git_baseline(args.repo, args.repeat)
    print(f"repository      {args.repo}")
    print(f"commits         {int(result['commits']):,}")
    print(f"distinct blobs  {int(result['distinct_blobs']):,}")
    print("                 wall      CPU")
    for label, key in (("git log", "log"), ("git cat-file", "cat_file"), ("baseline", "total")):
        print(f"{label:<14}  {result[key + '_s']:5.2f} s  {result[key + '_cpu_s']:5.2f} s")
    if args.json:
        args.json.write_text(json.dumps({"repository": str(args.repo), **result}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
