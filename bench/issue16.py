"""Issue 16's figures, "the first open of a large archive", for ``bench/run.py --issue16``.

    .venv/bin/python bench/run.py --repo /tmp/synth --issue16 [--repeat 3]
        [--compare earlier.json] [--json-out out.json]

``run.py`` measures the raw-git baseline, the cold, warm and incremental opens, the
search figures (``bench_search.py``) and the app's peak memory as for issue 7; this
module adds what issue 16 asks on top and prints its target table (figure, target,
measured, raw git in the same run, met or the gap):

* *app: launch to an interactive notice list, cold*: the real app (``App.run_test``) in
  a fresh process with an empty cache, from ``exec`` of the process to the first moment
  its notice list holds rows and can be moved in;
* *a notice's versions and text after selecting it, cold, scan not done*: in that same
  process, if the list shows while the history scan still runs, the notice two thirds
  down the list is highlighted (as a person's cursor would) and the time to its
  versions and to its text is taken; if the list only shows once the scan is done,
  the figure is "not built";
* *cold ``log``*: ``notice-tui log`` in a fresh process with an empty cache, stdout a
  pipe (complete output), from ``exec`` to exit;
* the other rows come from ``run.py``'s own measurements of the same run.

``--compare earlier.json`` (an earlier ``run.py --issue16 --json-out``) judges the
"unchanged or better" rows against that run, with 10 % tolerance, times how much
slower raw git ran in this run than in that one when it did (the box is shared and
its load moves); without it they are judged against issue 7's targets.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

TARGETS = {
    "launch_x_raw": 1.0,
    "launch_s": 1.5,
    "select_s": 1.0,
    "cold_log_x_raw": 2.0,
    "index_x_raw": 6.0,
    "search_all_p95_ms": 16.0,
    "search_latest_p95_ms": 8.0,
    "app_peak_mb": 600.0,
    "warm_s": 1.0,
    "incremental_x_warm": 1.5,
    "tolerance": 1.10,
}


# the app, cold, in the probe process -------------------------------------------------------


def probe_launch(repo: Path, today: Any, exec_epoch: float, limit_s: float = 900) -> dict:
    """(In a fresh probe process, empty cache.) Start the app; time its notice list, and a
    notice selected before the scan is done. Times are seconds since ``exec_epoch``, the
    parent's ``time.time()`` just before it started this process."""
    import asyncio

    from tests.app.app_pilot import make_app

    events: dict[str, Any] = {"python_ready_s": time.time() - exec_epoch}

    def now() -> float:
        return round(time.time() - exec_epoch, 3)

    async def drive() -> None:
        app = make_app(repo, today=today)
        target: str | None = None
        async with app.run_test(size=(160, 50)) as pilot:
            while time.time() - exec_epoch < limit_s:
                main = app.main_screen
                notices = getattr(main, "notices", None)
                count = notices.option_count if notices is not None else 0
                if "list_s" not in events and count > 0:
                    events["list_s"] = now()
                    events["list_rows"] = count
                    events["list_before_scan"] = app.catalog is None
                if app.catalog is not None and "scan_done_s" not in events:
                    events["scan_done_s"] = now()
                if events.get("list_before_scan") and target is None and notices is not None:
                    chosen = None
                    for row in [*range(count * 2 // 3, count), *range(count * 2 // 3)]:
                        notices.highlighted = row  # a notice row, not a folder's
                        chosen = notices.notice
                        if chosen is not None:
                            break
                    target = chosen.key if chosen is not None else None
                    events["selected_s"] = now()
                    events["selected"] = target
                    events["selected_before_scan"] = app.catalog is None
                if target is not None and main is not None:
                    _selection_events(main, target, events, now())
                listed = "list_s" in events
                if listed and "scan_done_s" in events and (target is None or "text_s" in events):
                    break
                await pilot.pause(0.01)
            events["catalog_notices"] = len(app.catalog.notices) if app.catalog else None

    asyncio.run(drive())
    from bench_search import peak_rss_mb

    events["peak_rss_mb"] = round(peak_rss_mb(), 1)
    if events.get("selected"):
        events["path_log_s"] = _path_log_seconds(repo, events["selected"])
    return events


def _path_log_seconds(repo: Path, path: str) -> float:
    """Raw git for the selected notice, once the app is gone: its own path-limited
    ``git log --follow`` (what reading its history alone cannot do without)."""
    started = time.perf_counter()
    subprocess.run(
        [
            "git",
            "-C",
            str(repo),
            "log",
            "--raw",
            "-z",
            "--follow",
            "--format=%H",
            "HEAD",
            "--",
            path,
        ],
        stdout=subprocess.DEVNULL,
        check=False,
    )
    return round(time.perf_counter() - started, 3)


def _selection_events(main: Any, key: str, events: dict[str, Any], at: float) -> None:
    """Note when the selected notice's versions, then its text, are shown."""
    choice = main.versions.choice
    if "versions_s" not in events and choice is not None and choice.notice.key == key:
        events["versions_s"] = at
        events["versions_rows"] = main.versions.option_count
    document = main.view.document
    if "text_s" not in events and document is not None and document.notice_key == key:
        events["text_s"] = at


# cold log, in a fresh process ------------------------------------------------------------


def cold_log(repo: Path, env_for: Any, work: Path, repeat: int) -> dict[str, Any]:
    """``notice-tui log`` with an empty cache, ``repeat`` times: wall and CPU seconds."""
    exe = Path(sys.executable).parent / "notice-tui"
    runs, cpus = [], []
    for index in range(repeat):
        env = env_for(work, work / f"cache-log-{index}")
        before = os.times()
        started = time.perf_counter()
        result = subprocess.run(
            [str(exe), "--repo", str(repo), "--no-pager", "--color", "never", "log"],
            env=env,
            capture_output=True,
            check=False,
            timeout=900,
        )
        runs.append(time.perf_counter() - started)
        after = os.times()
        cpus.append(
            after.children_user
            + after.children_system
            - before.children_user
            - before.children_system
        )
        if result.returncode != 0:
            raise RuntimeError(f"log failed: {result.stderr.decode()[-300:]}")
        lines = result.stdout.count(b"\n")
    return {
        "s": round(statistics.median(runs), 3),
        "cpu_s": round(statistics.median(cpus), 3),
        "runs": [round(x, 3) for x in runs],
        "lines": lines,
    }


def cold_launch(run_probe: Any, repo: Path, env_for: Any, work: Path, repeat: int, today: str):
    """The launch probe, ``repeat`` times, each with its own empty cache."""
    runs = []
    for index in range(repeat):
        env = env_for(work, work / f"cache-launch-{index}")
        runs.append(
            run_probe("launch", repo, env, "--today", today, "--exec-epoch", repr(time.time()))
        )
    return runs


# the table ------------------------------------------------------------------------------------


def _row(figure: str, target: str, measured: str, raw: str, met: bool | None, gap: str = ""):
    return {
        "figure": figure,
        "target": target,
        "measured": measured,
        "raw": raw,
        "met": met,
        "gap": gap,
    }


def _median_of(runs: list[dict[str, Any]], key: str) -> float | None:
    values = [r[key] for r in runs if r.get(key) is not None]
    return statistics.median(values) if values else None


def _earlier(compare: dict[str, Any] | None, *path: str) -> float | None:
    value: Any = compare
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value if isinstance(value, int | float) else None


def rows(results: dict[str, Any], compare: dict[str, Any] | None = None) -> list[dict]:
    """Issue 16's table from ``run.py``'s results (and an earlier run's, if any)."""
    base = results["baseline"]
    raw_s = base["total_s"]
    raw = f"{raw_s:.2f} s (log {base['log_s']:.2f} + cat-file {base['cat_file_s']:.2f})"
    found = [_launch_row(results.get("issue16", {}).get("launch", []), raw_s, raw)]
    found.append(_select_row(results.get("issue16", {}).get("launch", [])))
    log = results.get("issue16", {}).get("cold_log")
    if isinstance(log, dict):
        ratio = log["s"] / raw_s
        found.append(
            _row(
                "cold `log` (complete)",
                "<= 2.0x raw",
                f"{log['s']:.2f} s = {ratio:.2f}x raw (CPU {log['cpu_s']:.1f} s)",
                raw,
                ratio <= TARGETS["cold_log_x_raw"],
                ""
                if ratio <= 2
                else "CPU-bound on the cores there are: CPU / cores is the floor, and "
                "the scan's date and layout rules are most of the CPU (docs/performance.md)",
            )
        )
    slack = TARGETS["tolerance"] * max(1.0, _load_scale(results, compare))
    found.extend(_search_rows(results.get("search"), compare, slack))
    found.append(_memory_row(results.get("app")))
    found.extend(_open_rows(results["opens"], compare, slack))
    return found


def _launch_row(launch: list[dict[str, Any]], raw_s: float, raw: str) -> dict[str, Any]:
    figure = "app: launch to an interactive notice list, cold"
    target = "<= 1.0x raw and <= 1.5 s"
    listed = _median_of(launch, "list_s")
    if listed is None:
        return _row(figure, target, "not measured", raw, None)
    scan = _median_of(launch, "scan_done_s")
    early = all(r.get("list_before_scan") for r in launch)
    measured = (
        f"{listed:.2f} s = {listed / raw_s:.2f}x raw; history scan done at "
        f"{scan:.2f} s; list {'before' if early else 'after'} the scan"
    )
    met = listed <= TARGETS["launch_x_raw"] * raw_s and listed <= TARGETS["launch_s"]
    gap = (
        ""
        if met
        else (
            "the list waits for the whole history scan"
            if not early
            else "start-up before the list: Python, Textual and the app's imports"
        )
    )
    return _row(figure, target, measured, raw, met, gap)


def _select_row(launch: list[dict[str, Any]]) -> dict[str, Any]:
    figure = "app: a notice's versions and text after selecting it, cold, scan not done"
    chosen = [r for r in launch if r.get("selected_before_scan") and "versions_s" in r]
    if not chosen:
        return _row(
            figure, "<= 1.0 s", "not built (the list shows only once the scan is done)", "-", None
        )
    versions = statistics.median(r["versions_s"] - r["selected_s"] for r in chosen)
    texts = [r["text_s"] - r["selected_s"] for r in chosen if "text_s" in r]
    text = statistics.median(texts) if texts else None
    shown = f"{text:.2f} s" if text is not None else "not shown before the scan ended"
    before = sum(1 for r in chosen if r["versions_s"] < r.get("scan_done_s", 1e9))
    measured = (
        f"versions {versions:.2f} s, text {shown} ({before}/{len(chosen)} runs "
        "before the scan ended)"
    )
    worst = max(versions, text if text is not None else 0.0)
    met = worst <= TARGETS["select_s"]
    path_log = _median_of(chosen, "path_log_s")
    raw = f"{path_log:.2f} s (the notice's own `git log --follow`)" if path_log else "-"
    gap = (
        ""
        if met
        else "its own history needs a path-limited `git log` over every commit (raw, "
        "this column) plus 0.08 s of key-repeat pause; see docs/performance.md"
    )
    return _row(figure, "<= 1.0 s", measured, raw, met, gap)


def _load_scale(results: dict[str, Any], compare: dict[str, Any] | None) -> float:
    """How much slower the box ran raw git in this run than in the earlier one: the
    earlier figures are allowed that much more (the box is shared and its load moves)."""
    earlier = _earlier(compare, "baseline", "total_s")
    return results["baseline"]["total_s"] / earlier if earlier else 1.0


def _search_rows(search: Any, compare: dict[str, Any] | None, slack: float) -> list[dict[str, Any]]:
    if not isinstance(search, dict) or "build_all_s" not in search:
        note = search if isinstance(search, str) else "skipped"
        return [_row("all-versions index build", "<= 6x raw", note, "-", None)]
    ratio = search["build_all_ratio"]
    found = [
        _row(
            "all-versions index build",
            "<= 6x raw",
            f"{search['build_all_s']:.1f} s = {ratio}x raw",
            f"{search['raw_all_s']:.2f} s (cat-file of the scope's blobs)",
            ratio is not None and ratio <= TARGETS["index_x_raw"],
            ""
            if ratio is not None and ratio <= 6
            else "Python work per version (section parse of the changed region, "
            "cleaning and words of each new passage), CPU-bound on two workers "
            "(docs/performance.md)",
        )
    ]
    for scope, limit in (("all", "search_all_p95_ms"), ("latest", "search_latest_p95_ms")):
        p95 = search[f"{scope}_p95_ms"]
        earlier = _earlier(compare, "search", f"{scope}_p95_ms")
        bound = earlier * slack if earlier else TARGETS[limit]
        target = (
            f"unchanged or better ({earlier:.1f} ms before)"
            if earlier
            else (f"unchanged or better ({TARGETS[limit]:.0f} ms)")
        )
        found.append(
            _row(
                f"search p95 per keystroke, warm, {scope} versions",
                target,
                f"{p95:.1f} ms (CPU {search[f'{scope}_cpu_p95_ms']:.1f} ms)",
                "-",
                p95 <= bound,
                "" if p95 <= bound else "loaded box? rerun",
            )
        )
    return found


def _memory_row(app: Any) -> dict[str, Any]:
    figure = "peak memory of the app and its workers"
    if not isinstance(app, dict):
        return _row(figure, "<= 600 MB", app if isinstance(app, str) else "skipped", "-", None)
    peak = app["peak_tree_mb"]
    met = peak <= TARGETS["app_peak_mb"]
    return _row(
        figure,
        "<= 600 MB",
        f"{peak:.0f} MB together (app alone {app['peak_rss_mb']:.0f} MB, largest "
        f"other {app['peak_child_sampled_mb']:.0f} MB)",
        "-",
        met,
        "" if met else "the all-versions index build holds the passage texts",
    )


def _open_rows(opens: dict[str, Any], compare: dict[str, Any] | None, slack: float) -> list[dict]:
    warm = statistics.median(r["open_s"] for r in opens["warm"])
    incremental = statistics.median(r["open_s"] for r in opens["incremental"])
    found = []
    for figure, value, key, limit in (
        ("warm open", warm, "warm_s", TARGETS["warm_s"]),
        (
            "incremental open after one commit",
            incremental,
            "incremental_s",
            TARGETS["incremental_x_warm"] * warm,
        ),
    ):
        earlier = _earlier(compare, "issue16", "opens", key)
        bound = earlier * slack if earlier else limit
        target = (
            f"unchanged or better ({earlier:.3f} s before)"
            if earlier
            else (
                "unchanged or better (<= 1 s)"
                if key == "warm_s"
                else "unchanged or better (<= 1.5x warm)"
            )
        )
        found.append(
            _row(
                figure,
                target,
                f"{value:.3f} s",
                "-",
                value <= bound,
                "" if value <= bound else "see docs/performance.md",
            )
        )
    return found


def summary(results: dict[str, Any]) -> dict[str, Any]:
    """The figures a later ``--compare`` reads, kept under ``issue16`` in the JSON."""
    opens = results["opens"]
    return {
        "warm_s": statistics.median(r["open_s"] for r in opens["warm"]),
        "incremental_s": statistics.median(r["open_s"] for r in opens["incremental"]),
        "cold_open_s": statistics.median(r["open_s"] for r in opens["cold"]),
    }


def print_table(repo: Path, info: dict[str, Any], table: list[dict[str, Any]]) -> None:
    """Issue 16's table as Markdown, then the gaps."""
    print(
        f"\nIssue 16 - {repo} - {info['date']} - {info['nproc']} CPUs, load "
        f"{' '.join(str(x) for x in info['load_average'])}\n"
    )
    print("| figure | target | measured | raw git (same run) | met? |")
    print("|---|---|---|---|---|")
    for row in table:
        met = {True: "yes", False: "**gap**", None: "-"}[row["met"]]
        print(f"| {row['figure']} | {row['target']} | {row['measured']} | {row['raw']} | {met} |")
    gaps = [row for row in table if row["met"] is False]
    for row in gaps:
        print(f"- gap: {row['figure']}: {row['measured']}; {row['gap']}")


def load_compare(path: Path | None) -> dict[str, Any] | None:
    """An earlier run's JSON (``--compare``), or None."""
    if path is None:
        return None
    return json.loads(path.read_text(encoding="utf-8"))
