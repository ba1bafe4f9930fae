"""Benchmark notice-tui search: index build against raw git, and every keystroke.

For each repository:

1. *build* (a fresh process and an empty cache folder): the catalog is loaded (timed for
   the record only), then for each scope (``latest``, ``all``) the raw-git read of that
   scope's distinct version blobs (``git cat-file --batch`` to /dev/null, median of 3)
   and the index build (parse in worker processes, assemble, write the cache file);
   peak memory of the builder and of its workers.
2. *search* (another fresh process, same cache folder, as the app after a restart):
   the index is mapped from the cache file (timed), then every query of the relevance
   set (tests/core/relevance/queries.toml), and its misspelled variants, is typed one
   character at a time; each keystroke runs ``SearchIndex.search(prefix, limit=20)`` in
   both scopes and is timed. The first query (imports, lazy tables) is timed apart and
   left out of the percentiles. Peak memory of this process (catalog + mapped index +
   searching) is the "searching everything" figure.
3. *update* (a third process, same cache folder): one commit that edits one notice is
   added, and both scopes are opened again: the index of the previous HEAD is updated
   (only the changed notice is read and parsed again), not rebuilt.

Everything runs on a ``git clone --shared`` of the repository in a temporary folder (the
commit of phase 3 must not touch the repository measured), with a throw-away cache.

Run::

    .venv/bin/python bench/bench_search.py --repo /tmp/vlopses --repo /tmp/synth \\
        [--json bench-search.json] [--today 2026-11-26]

Standard library only (plus notice-tui itself). Targets (issue 7): keystroke p95 <= 16 ms
on all versions from the third character, <= 8 ms on latest versions; building the
all-versions index <= 2x the raw-git read of its blobs; peak memory well under 600 MB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "tests" / "core" / "relevance" / "queries.toml"
SCOPES = ("latest", "all")


def typed_queries(path: Path = QUERIES) -> list[str]:
    """Distinct queries of the relevance set and their misspelled variants."""
    with open(path, "rb") as handle:
        data = tomllib.load(handle)
    out: list[str] = []
    for query in data["query"]:
        out.append(query["q"])
        out.extend(query.get("typos", []))
    return list(dict.fromkeys(out))


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (``share`` in 0..1)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(share * len(ordered) + 0.5)))
    return ordered[rank - 1]


def peak_rss_mb() -> float:
    """Peak resident memory of this process (VmHWM), in MB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _raw_read(repo: Path, blobs: list[str], repeat: int = 3) -> float:
    stdin = "".join(b + "\n" for b in blobs).encode("ascii")
    argv = ["git", "-C", str(repo), "-c", "core.hooksPath=/dev/null", "cat-file", "--batch"]
    subprocess.run(argv, input=stdin, stdout=subprocess.DEVNULL, check=True)  # warm-up
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(argv, input=stdin, stdout=subprocess.DEVNULL, check=True)
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


# phases (each runs in its own process) --------------------------------------------------


def phase_build(repo: Path, today: dt.date) -> dict[str, Any]:
    """Load the catalog; per scope, raw-git read and index build (cold cache)."""
    from notices_repo.catalog.repository import NoticeRepository
    from notices_repo.search.scope import index_file, open_scope, select_versions

    repository = NoticeRepository(repo)
    started = time.perf_counter()
    catalog = repository.load()
    out: dict[str, Any] = {
        "catalog_s": round(time.perf_counter() - started, 3),
        "catalog_mode": repository.stats.mode,
        "notices": len(catalog.notices),
        "revisions": catalog.revision_count,
    }
    for scope in SCOPES:
        _, versions, chains = select_versions(catalog, scope, today)
        blobs = list(dict.fromkeys(blob for _, chain in chains for _, blob in chain))
        raw = _raw_read(repo, blobs)
        rss_before = peak_rss_mb()
        started = time.perf_counter()
        tables = open_scope(repository, catalog, scope, today)
        seconds = time.perf_counter() - started
        path = index_file(repository.git_dir, scope)
        out[scope] = {
            "versions": len(versions),
            "blobs": len(blobs),
            "raw_git_s": round(raw, 3),
            "build_s": round(seconds, 3),
            "ratio": round(seconds / raw, 1) if raw else None,
            "parse_s": tables.meta.get("seconds_parse"),
            "assemble_s": tables.meta.get("seconds_assemble"),
            "file_mb": round(path.stat().st_size / 1e6, 1) if path.exists() else None,
            "passages": tables.passage_count,
            "labels": len(tables.labels),
            "vocabulary": len(tables.vocab),
            "peak_rss_mb_before": round(rss_before, 1),
        }
    out["peak_rss_mb"] = round(peak_rss_mb(), 1)
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    out["worker_peak_rss_mb"] = round(children, 1)
    repository.close()
    return out


def phase_update(repo: Path, today: dt.date) -> dict[str, Any]:
    """Commit an edit to one notice, then open both scopes: the index is updated."""
    from notices_repo.catalog.repository import NoticeRepository
    from notices_repo.search.scope import open_scope

    # a notice (in a service's folder; README.md and the like at the top are not)
    files = sorted(p for p in repo.rglob("*.md") if ".git" not in p.parts and p.parent != repo)
    target = files[len(files) // 2]
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace(" the ", " THE ", 3) + "\nOne more line.\n", encoding="utf-8")
    git = ["git", "-C", str(repo), "-c", "user.name=bench", "-c", "user.email=bench@invalid"]
    subprocess.run([*git, "commit", "-qam", "bench: one edit"], check=True)
    repository = NoticeRepository(repo)
    started = time.perf_counter()
    catalog = repository.load()
    out: dict[str, Any] = {"catalog_s": round(time.perf_counter() - started, 3)}
    for scope in SCOPES:
        started = time.perf_counter()
        tables = open_scope(repository, catalog, scope, today)
        out[scope] = {
            "update_s": round(time.perf_counter() - started, 3),
            "reused_notices": tables.meta.get("reused_notices"),
            "notices": len(tables.notices),
            "parse_s": tables.meta.get("seconds_parse"),
            "assemble_s": tables.meta.get("seconds_assemble"),
        }
    repository.close()
    return out


def phase_search(repo: Path, today: dt.date) -> dict[str, Any]:
    """Map the index from the cache and type every query one character at a time."""
    from notices_repo.catalog.repository import NoticeRepository
    from notices_repo.search.query import SearchIndex

    repository = NoticeRepository(repo)
    catalog = repository.load()
    started = time.perf_counter()
    index = SearchIndex.load_or_build(repository, catalog, all_versions=True, today=today)
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    index.warm()  # what the app does in its worker after loading
    warm_s = time.perf_counter() - started
    queries = typed_queries()
    started = time.perf_counter()
    for scope in SCOPES:
        index.search(queries[0], scope=scope)
    first_ms = (time.perf_counter() - started) * 1000 / len(SCOPES)
    out: dict[str, Any] = {
        "load_s": round(load_s, 3),
        "warm_s": round(warm_s, 3),
        "first_query_ms": round(first_ms, 1),
    }
    for scope in SCOPES:
        short: list[float] = []
        long_: list[float] = []
        cpu: list[float] = []
        slowest: list[tuple[float, str]] = []
        for query in queries:
            for end in range(1, len(query) + 1):
                prefix = query[:end]
                started, cpu_started = time.perf_counter(), time.process_time()
                index.search(prefix, limit=20, scope=scope)
                ms = (time.perf_counter() - started) * 1000
                if end >= 3:
                    cpu.append((time.process_time() - cpu_started) * 1000)
                (short if end < 3 else long_).append(ms)
                slowest.append((ms, prefix))
        slowest.sort(reverse=True)
        out[scope] = {
            "keystrokes": len(short) + len(long_),
            "p50_ms": round(percentile(long_, 0.50), 2),
            "p95_ms": round(percentile(long_, 0.95), 2),
            "max_ms": round(max(long_), 2),
            "cpu_p95_ms": round(percentile(cpu, 0.95), 2),
            "short_p95_ms": round(percentile(short, 0.95), 2),
            "short_max_ms": round(max(short), 2),
            "slowest": [f"{p!r} {ms:.1f} ms" for ms, p in slowest[:5]],
        }
    out["peak_rss_mb"] = round(peak_rss_mb(), 1)
    repository.close()
    return out


# driver ---------------------------------------------------------------------------------


def _run_phase(phase: str, repo: Path, today: dt.date, cache: Path) -> dict[str, Any]:
    env = dict(os.environ, NOTICE_TUI_CACHE_DIR=str(cache))
    argv = [sys.executable, __file__, "--phase", phase, "--repo", str(repo)]
    argv += ["--today", today.isoformat()]
    result = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"{phase} on {repo} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def bench(repo: Path, today: dt.date) -> dict[str, Any]:
    """The three phases on a shared clone of one repository, with a throw-away cache."""
    with tempfile.TemporaryDirectory(prefix="bench-search-") as work:
        clone = Path(work) / "repo"
        subprocess.run(["git", "clone", "-q", "--shared", str(repo), str(clone)], check=True)
        cache = Path(work) / "cache"
        build = _run_phase("build", clone, today, cache)
        search = _run_phase("search", clone, today, cache)
        update = _run_phase("update", clone, today, cache)
    return {"repo": str(repo), "build": build, "search": search, "update": update}


def print_table(results: list[dict[str, Any]]) -> None:
    """The results as the tables docs/search.md records."""
    print("index build (cold cache)")
    print(
        f"{'repository':24} {'scope':6} {'versions':>8} {'raw git s':>9} {'build s':>8} "
        f"{'ratio':>6} {'file MB':>8} {'peak MB':>8}"
    )
    for r in results:
        b = r["build"]
        for scope in SCOPES:
            s = b[scope]
            print(
                f"{Path(r['repo']).name:24} {scope:6} {s['versions']:>8} {s['raw_git_s']:>9.2f} "
                f"{s['build_s']:>8.2f} {s['ratio']:>5}x {s['file_mb']:>8} "
                f"{max(b['peak_rss_mb'], b['worker_peak_rss_mb']):>8}"
            )
    print()
    print("after one new commit (the index of the previous HEAD updated)")
    print(f"{'repository':24} {'scope':6} {'update s':>9} {'reused':>12} {'assemble s':>11}")
    for r in results:
        u = r["update"]
        for scope in SCOPES:
            s = u[scope]
            print(
                f"{Path(r['repo']).name:24} {scope:6} {s['update_s']:>9.2f} "
                f"{s['reused_notices']!s:>6}/{s['notices']:<5} {s['assemble_s']!s:>11}"
            )
    print()
    print("per keystroke (ms wall; 3+ characters typed; CPU p95 and 1-2 characters apart)")
    print(
        f"{'repository':24} {'scope':6} {'keys':>6} {'p50':>7} {'p95':>7} {'max':>7} "
        f"{'CPU p95':>8} {'1-2 p95':>8} {'load s':>7} {'peak MB':>8}"
    )
    for r in results:
        s_ = r["search"]
        for scope in SCOPES:
            s = s_[scope]
            print(
                f"{Path(r['repo']).name:24} {scope:6} {s['keystrokes']:>6} {s['p50_ms']:>7.2f} "
                f"{s['p95_ms']:>7.2f} {s['max_ms']:>7.2f} {s['cpu_p95_ms']:>8.2f} "
                f"{s['short_p95_ms']:>8.2f} {s_['load_s']:>7.2f} {s_['peak_rss_mb']:>8}"
            )
        print(f"{'':24} slowest ({scope}): {', '.join(s_['all']['slowest'][:3])}")


def main(argv: list[str] | None = None) -> int:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repo", type=Path, action="append", required=True)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today())
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    parser.add_argument("--phase", choices=("build", "search", "update"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phase:
        run = {"build": phase_build, "search": phase_search, "update": phase_update}[args.phase]
        print(json.dumps(run(args.repo[0], args.today)))
        return 0
    results = []
    for repo in args.repo:
        print(f"benchmarking {repo} ...", file=sys.stderr, flush=True)
        results.append(bench(repo, args.today))
    print_table(results)
    if args.json:
        meta = {"date": dt.datetime.now().isoformat(timespec="seconds"), "cpus": os.cpu_count()}
        args.json.write_text(json.dumps({"meta": meta, "results": results}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
