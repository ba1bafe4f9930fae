"""``notice-tui import`` killed with SIGKILL at many points: before, or after, never half.

"Before" means: branches, tags, HEAD, the index and every work-tree file exactly as they
were (only unreachable objects, quarantine refs, the journal and a stale lock may remain,
all invisible to git and to notice-tui). "After" means: branches and tags exactly as the
bundle says. When the kill came after the refs moved but before the work tree was done,
the work tree is finished by the next run of the same import, which must then leave the
repository exactly as an uninterrupted import would. Readers (``notice-tui log``) work at
every point and see either the old or the new history.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from notices_repo.bundles.durable import LOCK, PAUSE_ENV
from notices_repo.catalog.repository import IMPORT_JOURNAL
from tests.conftest import GitRepo, git, run_cli
from tests.security.test_security_helpers import changed, tree_digest

pytestmark = pytest.mark.slow

FILES = 1500
EXE = str(Path(sys.executable).parent / "notice-tui")
LEFTOVERS = (".git/objects", ".git/refs/notice-tui", f".git/{IMPORT_JOURNAL}", f".git/{LOCK}")


def _text(index: int, version: int) -> str:
    return (
        f"# Notice {index}\n\nEffective Date: {version} January 2025\n\n"
        + f"Paragraph {index} version {version}. " * 40
        + "\n"
    )


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """An upstream with a first and a second state, a box at the first, and the bundle."""
    base = tmp_path_factory.mktemp("interrupt")
    upstream = GitRepo(base / "upstream")
    for i in range(FILES):
        upstream.write(f"n/{i:04}.md", _text(i, 1))
    upstream.write("gone.md", "# Gone soon\n")
    upstream.git("add", "-A")
    upstream.commit(message="First state", date="2025-01-01T10:00:00+00:00")
    git(base, "clone", "-q", str(upstream.path), str(base / "box"))
    git(base / "box", "remote", "remove", "origin")
    first = upstream.head()
    for i in range(FILES):
        upstream.write(f"n/{i:04}.md", _text(i, 2))
    upstream.write("added.md", "# Added\n")
    upstream.git("rm", "-q", "gone.md")
    upstream.git("add", "-A")
    upstream.commit(message="Second state", date="2025-02-01T10:00:00+00:00")
    upstream.git("tag", "v2")
    bundle = base / "next.bundle"
    git(upstream.path, "bundle", "create", "-q", str(bundle), f"{first}..main", "--tags")
    full = base / "full.bundle"
    git(upstream.path, "bundle", "create", "-q", str(full), "--all")
    return {"upstream": upstream.path, "box": base / "box", "bundle": bundle, "full": full}


def _state(box: Path) -> tuple[str, str]:
    refs = git(box, "for-each-ref", "--format=%(refname) %(objectname)", "refs/heads", "refs/tags")
    head = git(box, "symbolic-ref", "HEAD").strip() + " " + git(box, "rev-parse", "HEAD").strip()
    return refs, head


def _fresh_box(scenario: dict[str, Path], tmp_path: Path) -> Path:
    box = tmp_path / "box"
    shutil.copytree(scenario["box"], box, symlinks=True)
    git(box, "update-index", "-q", "--refresh")  # copied files have new times
    return box


def _start(box: Path, bundle: Path, pause: str | None = None) -> subprocess.Popen[str]:
    env = {**os.environ}
    if pause:
        env[PAUSE_ENV] = pause
    return subprocess.Popen(
        [EXE, "import", str(bundle), "--repo", str(box)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,  # its own process group: the kill takes git children too
    )


def _kill(proc: subprocess.Popen[str]) -> None:
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)


def _assert_before_or_after(
    box: Path, before: tuple[str, str], after: tuple[str, str], files_before: dict[str, str]
) -> str:
    """Check the invariant right after a kill; return "before" or "after"."""
    state = _state(box)
    assert state in (before, after), state
    reader = run_cli("log", "--repo", str(box), "--json")
    assert reader.code == 0, reader.err
    seen = json.loads(reader.out)["head"]
    if state == before:
        assert seen == before[1].split()[1]
        now = tree_digest(box, skip=LEFTOVERS, folder_times=False)
        assert [c for c in changed(files_before, now) if not c.startswith(".git/.notice-tui")] == []
        return "before"
    assert seen == after[1].split()[1]
    return "after"


def _assert_finished(box: Path, upstream: Path, after: tuple[str, str]) -> None:
    """The repository is exactly what an uninterrupted import leaves."""
    assert _state(box) == after
    assert git(box, "status", "--porcelain", "--untracked-files=all").strip() == ""
    assert git(box, "ls-files") == git(upstream, "ls-files")
    for name in ("n/0000.md", f"n/{FILES - 1:04}.md", "added.md"):
        assert (box / name).read_bytes() == (upstream / name).read_bytes()
    assert not (box / "gone.md").exists()
    for leftover in (IMPORT_JOURNAL, LOCK, "index.lock", "HEAD.lock"):
        assert not (box / ".git" / leftover).exists(), leftover
    assert git(box, "for-each-ref", "refs/notice-tui").strip() == ""
    git(box, "fsck", "--no-progress", "--no-dangling")


@pytest.fixture(scope="module")
def after_state(
    scenario: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, str]:
    box = tmp_path_factory.mktemp("reference") / "box"
    shutil.copytree(scenario["box"], box, symlinks=True)
    done = subprocess.run(
        [EXE, "import", str(scenario["bundle"]), "--repo", str(box)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    _assert_finished(box, scenario["upstream"], _state(box))
    return _state(box)


@pytest.mark.parametrize("stage", ["objects", "checked", "journal", "refs", "work-tree"])
def test_killed_at_each_stage(
    scenario: dict[str, Path], after_state: tuple[str, str], tmp_path: Path, stage: str
) -> None:
    box = _fresh_box(scenario, tmp_path)
    before = _state(box)
    files_before = tree_digest(box, skip=LEFTOVERS, folder_times=False)
    proc = _start(box, scenario["bundle"], pause=stage)
    assert proc.stderr is not None
    line = proc.stderr.readline()
    assert f"paused at {stage}" in line, line + proc.stderr.read()
    _kill(proc)
    where = _assert_before_or_after(box, before, after_state, files_before)
    expected = "before" if stage in ("objects", "checked", "journal") else "after"
    assert where == expected
    if stage in ("journal", "refs", "work-tree"):  # reading says how to finish it
        shown = run_cli("log", "--repo", str(box))
        assert shown.code == 0, shown.err
        assert "an import was interrupted" in shown.err
        assert "run the same notice-tui import again" in shown.err
    rerun = run_cli("import", str(scenario["bundle"]), "--repo", str(box))
    assert rerun.code == 0, rerun.err
    if stage in ("journal", "refs", "work-tree"):
        assert "interrupted import" in rerun.err
    _assert_finished(box, scenario["upstream"], after_state)
    assert "an import was interrupted" not in run_cli("log", "--repo", str(box)).err


def _unchanged(path: Path, text: bytes) -> bool:
    """Whether ``path`` still holds ``text`` (git replaces a file by removing it first, so
    it may vanish between a check and the read: that counts as changed)."""
    try:
        return path.read_bytes() == text
    except FileNotFoundError:
        return False


def test_killed_while_the_work_tree_is_being_written(
    scenario: dict[str, Path], after_state: tuple[str, str], tmp_path: Path
) -> None:
    box = _fresh_box(scenario, tmp_path)
    before = _state(box)
    files_before = tree_digest(box, skip=LEFTOVERS, folder_times=False)
    probe = box / "n" / "0000.md"
    old_text = probe.read_bytes()
    proc = _start(box, scenario["bundle"])
    deadline = time.monotonic() + 60
    while _unchanged(probe, old_text) and proc.poll() is None:
        assert time.monotonic() < deadline
    _kill(proc)
    assert _assert_before_or_after(box, before, after_state, files_before) == "after"
    updated = sum(
        (box / "n" / f"{i:04}.md").exists()
        and (box / "n" / f"{i:04}.md").read_text().find("version 2") >= 0
        for i in range(FILES)
    )
    if updated == FILES:
        pytest.skip("the work tree was complete before the kill landed (machine too fast)")
    rerun = run_cli("import", str(scenario["bundle"]), "--repo", str(box))
    assert rerun.code == 0, rerun.err
    assert "interrupted import was finished" in rerun.err
    _assert_finished(box, scenario["upstream"], after_state)


def test_killed_at_random_moments(
    scenario: dict[str, Path], after_state: tuple[str, str], tmp_path: Path
) -> None:
    started = time.monotonic()
    reference = _fresh_box(scenario, tmp_path / "timing")
    proc = _start(reference, scenario["bundle"])
    proc.wait(timeout=120)
    total = time.monotonic() - started
    rng = random.Random(8)
    seen = set()
    for attempt in range(4):
        box = _fresh_box(scenario, tmp_path / f"try{attempt}")
        before = _state(box)
        files_before = tree_digest(box, skip=LEFTOVERS, folder_times=False)
        proc = _start(box, scenario["bundle"])
        time.sleep(rng.uniform(0.05, total))
        _kill(proc)
        seen.add(_assert_before_or_after(box, before, after_state, files_before))
        rerun = run_cli("import", str(scenario["bundle"]), "--repo", str(box))
        assert rerun.code == 0, rerun.err
        _assert_finished(box, scenario["upstream"], after_state)
    assert seen  # which side each kill landed on depends on timing; both are fine


def test_first_import_killed_before_the_rename_leaves_nothing(
    scenario: dict[str, Path], tmp_path: Path
) -> None:
    target = tmp_path / "srv" / "notices"
    proc = _start(target, scenario["full"], pause="created")
    assert proc.stderr is not None
    assert "paused at created" in proc.stderr.readline()
    _kill(proc)
    assert not target.exists()
    leftovers = list(target.parent.iterdir())
    assert [p.name.startswith(".notices.notice-tui-import-") for p in leftovers] == [True]
    rerun = run_cli("import", str(scenario["full"]), "--repo", str(target))
    assert rerun.code == 0, rerun.err
    assert [p.name for p in target.parent.iterdir()] == ["notices"]
    assert (
        git(target, "rev-parse", "HEAD").strip()
        == git(scenario["upstream"], "rev-parse", "HEAD").strip()
    )
    assert git(target, "status", "--porcelain").strip() == ""
