"""Nothing a repository configures ever runs: hooks, drivers, pagers, editors, helpers, aliases.

Each test arms a real repository (:func:`arm`: config set directly, through ``[include]``
and through ``[includeIf "gitdir:..."]``) so that every program it names leaves a marker
file, then goes through notice-tui and asserts that no marker exists. A control test
shows that plain git, given the same repository, does run them: the markers are live.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from notices_repo.git.runner import GitRunner
from tests.conftest import GitRepo, git, run_cli, run_command
from tests.security.test_security_helpers import (
    MODES,
    app_screen,
    arm,
    attributes_text,
    cli_commands,
    command_plans,
    markers_in,
    svg_text,
)

NOTICE = "# Privacy Notice\n\nEffective Date: {date}\n\n## Data\n\n* **Usage Data:** {what}\n"


def _build(repo: GitRepo, modes: tuple[str, ...] = MODES) -> None:
    repo.commit(
        {
            "privacy/notice.md": NOTICE.format(date="1 January 2024", what="clicks"),
            "terms.md": "# Terms\n\nEffective Date: 1 March 2024\n\nBe nice.\n",
            ".gitattributes": attributes_text(modes),
        },
        date="2024-01-01T10:00:00+00:00",
        message="First notices",
    )
    repo.commit(
        {"privacy/notice.md": NOTICE.format(date="1 July 2024", what="clicks and pages")},
        date="2024-06-01T10:00:00+00:00",
        message="New effective version",
    )


@pytest.fixture
def hostile(git_repo: GitRepo) -> GitRepo:
    _build(git_repo)
    return git_repo


def test_plain_git_runs_what_the_armed_config_names(hostile: GitRepo, tmp_path: Path) -> None:
    """The control: the markers work, so their absence elsewhere means something."""
    markers = tmp_path / "markers"
    arm(hostile.path, markers, ("includeif",))
    run = {"cwd": hostile.path, "capture_output": True, "check": False, "timeout": 60}
    subprocess.run(["git", "log", "-1", "-p"], **run)  # type: ignore[call-overload]
    subprocess.run(["git", "status"], **run)  # type: ignore[call-overload]
    subprocess.run(["git", "update-ref", "refs/heads/x", "HEAD"], **run)  # type: ignore[call-overload]
    (hostile.path / "terms.md").unlink()
    subprocess.run(["git", "checkout", "--", "terms.md"], **run)  # type: ignore[call-overload]
    found = markers_in(markers)
    for expected in (
        "core.fsmonitor.includeif",
        "filter.process.includeif",
        "hook-reference-transaction.includeif",
    ):
        assert expected in found, found


@pytest.mark.parametrize("mode", MODES)
def test_every_read_command_runs_nothing_the_repository_configures(
    git_repo: GitRepo, tmp_path: Path, mode: str
) -> None:
    _build(git_repo, (mode,))
    markers = tmp_path / "markers"
    arm(git_repo.path, markers, (mode,))
    plans = command_plans(notice="privacy/notice.md")
    assert {name for name, _ in plans} >= {"log", "show"}
    for name, argv in plans:
        result = run_cli(*argv, "--repo", str(git_repo.path), "--today", "2026-11-26")
        assert "Traceback" not in result.err, (argv, result.err)
        assert markers_in(markers) == [], (argv, markers_in(markers))
        if name in ("log", "show"):
            assert result.code == 0, (argv, result.err)


def test_every_command_of_the_cli_is_covered() -> None:
    """A new command gets a plan (known or generic) without editing the tests."""
    names = {name for name, _ in command_plans(notice="x.md")}
    assert names == set(cli_commands()) - {"import"}


@pytest.mark.parametrize("mode", MODES)
def test_git_runner_keeps_porcelain_harmless_too(
    git_repo: GitRepo, tmp_path: Path, mode: str
) -> None:
    """The -c wall holds even for commands that would run drivers, hooks and transports."""
    _build(git_repo, (mode,))
    markers = tmp_path / "markers"
    arm(git_repo.path, markers, (mode,))
    runner = GitRunner(git_repo.path)
    writes = {"GIT_OPTIONAL_LOCKS": "1"}
    identity = {
        "GIT_AUTHOR_NAME": "A",
        "GIT_AUTHOR_EMAIL": "a@example.invalid",
        "GIT_COMMITTER_NAME": "C",
        "GIT_COMMITTER_EMAIL": "c@example.invalid",
    }
    # a repository's diff driver fails instead of running (fail closed), hence check=False
    runner.run("log", "-p", "-2", "--show-signature", check=False)
    runner.run("diff", "HEAD~1", "HEAD", check=False)
    runner.run("show", "HEAD", check=False)
    assert b"clicks and pages" in runner.run("log", "-p", "-1", "--no-ext-diff")[1]
    runner.run("status", env=writes)
    (git_repo.path / "terms.md").unlink()
    runner.run("checkout", "--", "terms.md", env=writes)
    assert (git_repo.path / "terms.md").read_text().startswith("# Terms")
    (git_repo.path / "terms.md").write_text("# Terms\n\nchanged\n")
    runner.run("add", "terms.md", env=writes)
    runner.run("commit", "-q", "-m", "x", env={**writes, **identity})
    runner.run("tag", "-s", "-m", "signed?", "t1", check=False, env=identity)
    runner.run("verify-commit", "HEAD", check=False)
    status, _, err = runner.run("fetch", f"origin{mode}", check=False)
    assert status != 0 and "not allowed" in err
    runner.run("merge-base", "HEAD", "HEAD~1")
    runner.run("gc", "--auto", env=writes)
    assert markers_in(markers) == []


def test_import_into_an_armed_repository_runs_nothing(git_repo: GitRepo, tmp_path: Path) -> None:
    _build(git_repo)
    source = tmp_path / "source"
    git(tmp_path, "clone", "-q", str(git_repo.path), str(source))
    upstream = GitRepo.__new__(GitRepo)
    upstream.path = source
    upstream.commit(
        {
            "privacy/notice.md": NOTICE.format(date="1 January 2026", what="nothing"),
            "new/extra.md": "# Extra\n\nEffective Date: 1 May 2026\n",
        },
        date="2026-01-01T10:00:00+00:00",
        message="More",
    )
    bundle = tmp_path / "more.bundle"
    git(source, "bundle", "create", "-q", str(bundle), "main")
    markers = tmp_path / "markers"
    arm(git_repo.path, markers)
    result = run_cli("import", str(bundle), "--repo", str(git_repo.path))
    assert result.code == 0, result.err
    assert markers_in(markers) == []
    # the work tree got the blobs as they are (no smudge filter ran)
    assert (git_repo.path / "new" / "extra.md").read_text() == (
        "# Extra\n\nEffective Date: 1 May 2026\n"
    )
    assert (
        git(git_repo.path, "rev-parse", "HEAD").strip() == git(source, "rev-parse", "HEAD").strip()
    )


def test_a_bundle_carrying_attributes_cannot_run_the_boxs_drivers(
    git_repo: GitRepo, tmp_path: Path
) -> None:
    """The bundle names drivers in .gitattributes; the box's config defines them (global too)."""
    git_repo.commit({"a.md": "# A\n"}, message="one")
    source = tmp_path / "source"
    git(tmp_path, "clone", "-q", str(git_repo.path), str(source))
    upstream = GitRepo.__new__(GitRepo)
    upstream.path = source
    upstream.commit(
        {".gitattributes": "* filter=lfs diff=lfs\n", "b.md": "# B\n"}, message="attributes"
    )
    bundle = tmp_path / "attrs.bundle"
    git(source, "bundle", "create", "-q", str(bundle), "main")
    markers = tmp_path / "markers"
    markers.mkdir()
    home = tmp_path / "home"
    home.mkdir()
    (home / ".gitconfig").write_text(
        f'[filter "lfs"]\n\tsmudge = "touch {markers}/global-smudge; cat"\n\trequired = true\n'
        f'\tprocess = "touch {markers}/global-process"\n'
    )
    result = run_command(
        "import", str(bundle), "--repo", str(git_repo.path), env={"HOME": str(home)}
    )
    assert result.code == 0, result.err
    assert markers_in(markers) == []
    assert (git_repo.path / "b.md").read_text() == "# B\n"


def test_an_app_session_runs_nothing_the_repository_configures(
    git_repo: GitRepo, tmp_path: Path
) -> None:
    _build(git_repo)
    markers = tmp_path / "markers"
    arm(git_repo.path, markers)
    svg = app_screen(
        git_repo.path, ["down", "enter", "tab", "down", "enter", "r", "question_mark", "escape"]
    )
    assert markers_in(markers) == []
    assert "Privacy Notice" in svg_text(svg) or "notice.md" in svg_text(svg)
