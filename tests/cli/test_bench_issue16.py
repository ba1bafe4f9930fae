"""bench/run.py --issue16's app probe still drives the real app (issue 16).

The probe reads the app's notice list, versions and reader by attribute; this runs it
on the built-in sample in a fresh process with an empty cache, as the benchmark does,
so a renamed widget breaks a test rather than the next measurement.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import issue16  # noqa: E402


def test_the_launch_probe_times_the_notice_list_of_the_real_app(sample_repo: Path) -> None:
    argv = [sys.executable, str(ROOT / "bench" / "run.py"), "--probe", "launch"]
    argv += ["--repo", str(sample_repo), "--today", "2026-11-26"]
    argv += ["--exec-epoch", repr(time.time())]
    result = subprocess.run(argv, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    launch = json.loads(result.stdout.strip().splitlines()[-1])
    assert "list_s" in launch, launch
    assert 0 < launch["python_ready_s"] < launch["list_s"] <= launch["scan_done_s"] + 0.5
    assert launch["list_rows"] >= launch["catalog_notices"] > 0
    if launch["list_before_scan"]:  # the early list: a notice was selected and shown
        assert launch["selected"] is not None
        assert launch["path_log_s"] > 0  # the notice's own git log, raw
        if launch["selected_before_scan"]:  # (the sample's scan may end first)
            assert launch["versions_s"] > 0
    else:
        row = issue16.rows(_results(launch))[1]
        assert row["measured"].startswith("not built") and row["met"] is None


def _results(launch: dict) -> dict:
    """The smallest run.py results the table reads, around one launch probe."""
    opens = {"warm": [{"open_s": 0.1}], "incremental": [{"open_s": 0.12}], "cold": []}
    return {
        "baseline": {"total_s": 0.5, "log_s": 0.2, "cat_file_s": 0.3},
        "opens": opens,
        "issue16": {"launch": [launch], "cold_log": {"s": 0.9, "cpu_s": 0.8}},
        "search": "skipped",
        "app": "skipped",
    }


def test_the_table_judges_each_target_and_names_the_gap() -> None:
    launch = {"list_s": 0.4, "scan_done_s": 3.0, "list_before_scan": True}
    launch |= {"selected_s": 0.5, "selected_before_scan": True, "versions_s": 1.9}
    launch |= {"text_s": 2.0, "path_log_s": 0.55}
    table = {row["figure"]: row for row in issue16.rows(_results(launch))}
    listed = table["app: launch to an interactive notice list, cold"]
    assert listed["met"] is True and "0.80x raw" in listed["measured"]
    chosen = table["app: a notice's versions and text after selecting it, cold, scan not done"]
    assert chosen["met"] is False and "versions 1.40 s, text 1.50 s" in chosen["measured"]
    assert chosen["raw"].startswith("0.55 s") and "path-limited" in chosen["gap"]
    cold_log = table["cold `log` (complete)"]
    assert cold_log["met"] is True and "1.80x raw" in cold_log["measured"]
    earlier = {"baseline": {"total_s": 0.25}, "issue16": {"opens": {"warm_s": 0.06}}}
    judged = {row["figure"]: row for row in issue16.rows(_results(launch), earlier)}
    # the box ran raw git twice as slowly: 0.1 s is within 2 x 1.1 x 0.06 s
    assert judged["warm open"]["met"] is True
    assert "0.060 s before" in judged["warm open"]["target"]
