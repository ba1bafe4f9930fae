"""Bad repositories and bad files: each gives a clear message and the rest keeps working."""

from __future__ import annotations

import asyncio
import json
import os
import shlex
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from notices_repo.catalog.repository import NoticeRepository
from notices_repo.errors import RepoError
from tests.conftest import GitRepo, git, run_cli
from tests.security.test_security_helpers import app_module, app_screen, make_app, svg_text

NOTICE = "# Privacy Notice\n\nEffective Date: {date}\n\n## Data\n\n* **Usage Data:** {what}\n"


def _log(path: Path, *extra: str) -> tuple[int, dict, str]:
    result = run_cli("log", "--repo", str(path), "--json", "--all", *extra)
    return result.code, (json.loads(result.out) if result.out.strip() else {}), result.err


def _notices(repo: GitRepo) -> None:
    repo.commit(
        {"privacy/notice.md": NOTICE.format(date="1 January 2024", what="clicks")},
        date="2024-01-01T10:00:00+00:00",
        message="First",
    )
    repo.commit(
        {"privacy/notice.md": NOTICE.format(date="1 July 2024", what="clicks and pages")},
        date="2024-06-01T10:00:00+00:00",
        message="Second",
    )


# ------------------------------------------------------------------------- repositories


def test_empty_repository(git_repo: GitRepo) -> None:
    code, doc, err = _log(git_repo.path)
    assert code == 0 and doc["notices"] == [] and "has no commits yet" in err
    for command in (["show", "anything"], ["log", "anything"], ["diff", "anything"]):
        named = run_cli(*command, "--repo", str(git_repo.path))
        assert named.code == 2, (command, named.err)
        assert named.out == "" and named.err.count("\n") == 1, (command, named.err)
        assert "has no commits yet" in named.err and "notice-tui import" in named.err


def test_show_in_a_repository_without_notices_is_an_error(git_repo: GitRepo) -> None:
    git_repo.commit({"README.md": "# Readme\n"}, message="Code")
    show = run_cli("show", "anything", "--repo", str(git_repo.path))
    assert show.code == 2 and "no notice matches 'anything'" in show.err


def test_repository_without_notices(git_repo: GitRepo) -> None:
    git_repo.commit({"README.md": "# Readme\n", "src/code.py": "print(1)\n"}, message="Code")
    code, doc, err = _log(git_repo.path)
    assert code == 0 and doc["notices"] == []
    assert "has no notices" in err and ".notice-tui.toml" in err


def test_bare_repository(git_repo: GitRepo, tmp_path: Path) -> None:
    _notices(git_repo)
    bare = tmp_path / "bare.git"
    git(tmp_path, "clone", "-q", "--bare", str(git_repo.path), str(bare))
    code, doc, err = _log(bare)
    assert code == 0, err
    assert [len(n["revisions"]) for n in doc["notices"]] == [2]
    shown = run_cli("show", "notice", "--repo", str(bare))
    assert shown.code == 0 and "clicks and pages" in shown.out


def test_shallow_clone(git_repo: GitRepo, tmp_path: Path) -> None:
    _notices(git_repo)
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{git_repo.path}", str(shallow))
    code, doc, err = _log(shallow)
    assert code == 0, err
    assert len(doc["notices"][0]["revisions"]) == 1
    assert "shallow clone" in err and "--unshallow" in err


def _partial_clone(source: GitRepo, tmp_path: Path) -> Path:
    source.git("config", "uploadpack.allowFilter", "true")
    target = tmp_path / "partial"
    git(
        tmp_path,
        "clone",
        "-q",
        "--no-checkout",
        "--filter=blob:none",
        f"file://{source.path}",
        str(target),
    )
    # the promisor now points nowhere reachable: any fetch attempt would have to fail
    git(target, "remote", "set-url", "origin", f"file://{tmp_path}/gone")
    return target


def test_partial_clone_with_missing_objects_warns_per_revision_and_never_fetches(
    git_repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _notices(git_repo)
    partial = _partial_clone(git_repo, tmp_path)
    trace = tmp_path / "trace.txt"
    monkeypatch.setenv("GIT_TRACE", str(trace))
    code, doc, err = _log(partial)
    assert code == 0, err
    revisions = doc["notices"][0]["revisions"]
    assert len(revisions) == 2
    assert all("object missing" in (r["warning"] or "") for r in revisions)
    assert "missing objects (partial or damaged clone)" in err
    show = run_cli("show", "notice", "--repo", str(partial))
    assert show.code == 0 and "object missing" in show.err + show.out
    traced = trace.read_text()
    assert "cat-file" in traced  # the trace did record our git commands
    assert "fetch" not in traced and "upload-pack" not in traced


def test_partial_clone_of_a_history_with_renames_still_loads(
    git_repo: GitRepo, tmp_path: Path
) -> None:
    _notices(git_repo)
    git_repo.commit(
        {"privacy/notice-renamed.md": NOTICE.format(date="1 July 2024", what="clicks, pages")},
        renames={"privacy/notice.md": "privacy/notice-renamed.md"},
        message="Rename and reword",
    )
    # Rename detection would need the missing texts (git would try to fetch them): the
    # log is read without it, the renamed notice starts afresh, and the user is told.
    code, doc, err = _log(_partial_clone(git_repo, tmp_path))
    assert code == 0, err
    by_path = {n["path"]: n for n in doc["notices"]}
    assert set(by_path) == {"privacy/notice-renamed.md", "privacy/notice.md"}
    assert by_path["privacy/notice.md"]["retired"] is True
    renamed = by_path["privacy/notice-renamed.md"]
    assert renamed["retired"] is False
    assert [r["subject"] for r in renamed["revisions"]] == ["Rename and reword"]
    assert "partial clone: renames are not followed" in err


def test_detached_head(git_repo: GitRepo) -> None:
    _notices(git_repo)
    git_repo.git("checkout", "-q", "--detach", "HEAD~1")
    code, doc, err = _log(git_repo.path)
    assert code == 0, err
    assert [r["subject"] for r in doc["notices"][0]["revisions"]] == ["First"]


def test_merge_commits(git_repo: GitRepo) -> None:
    _notices(git_repo)
    git_repo.branch("legal")
    git_repo.commit({"terms.md": "# Terms\n\nEffective Date: 1 May 2024\n"}, message="Terms")
    git_repo.checkout("main")
    git_repo.commit(
        {"privacy/notice.md": NOTICE.format(date="1 August 2024", what="less")}, message="Third"
    )
    git_repo.merge("legal", date="2024-09-01T10:00:00+00:00", message="Merge legal")
    code, doc, err = _log(git_repo.path)
    assert code == 0, err
    by_path = {n["path"]: n for n in doc["notices"]}
    assert set(by_path) == {"privacy/notice.md", "terms.md"}
    assert [r["subject"] for r in by_path["privacy/notice.md"]["revisions"]] == [
        "Third",
        "Second",
        "First",
    ]


def test_submodules_are_not_notices_and_never_fetched(git_repo: GitRepo, tmp_path: Path) -> None:
    _notices(git_repo)
    other = GitRepo(tmp_path / "other")
    other.commit({"inner.md": "# Inner\n"}, message="inner")
    git(
        git_repo.path,
        "-c",
        "protocol.file.allow=always",
        "submodule",
        "add",
        "-q",
        str(other.path),
        "vendor/other",
    )
    git_repo.commit(message="Add a submodule")
    shutil.rmtree(other.path)  # nothing to fetch from: the submodule must not be needed
    code, doc, err = _log(git_repo.path)
    assert code == 0, err
    assert [n["path"] for n in doc["notices"]] == ["privacy/notice.md"]


def test_symlinks_are_never_followed(git_repo: GitRepo, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT\n")
    _notices(git_repo)
    (git_repo.path / "evil.md").symlink_to(secret)
    (git_repo.path / "passwd.md").symlink_to("/etc/passwd")
    (git_repo.path / "inside.md").symlink_to("privacy/notice.md")
    (git_repo.path / "linked-dir").symlink_to(tmp_path)
    git_repo.git("add", "evil.md", "passwd.md", "inside.md", "linked-dir")
    git_repo.commit(message="Links")
    for args in (["log", "--all"], ["log", "--all", "--json"], ["show", "notice"]):
        result = run_cli(*args, "--repo", str(git_repo.path))
        assert result.code == 0, result.err
        text = result.out + result.err
        assert "TOP-SECRET" not in text and "root:x:0:0" not in text
        assert "evil.md" not in text and "passwd.md" not in text
    for name in ("evil.md", "passwd.md", "inside.md"):
        shown = run_cli("show", name, "--repo", str(git_repo.path))
        assert "TOP-SECRET" not in shown.out + shown.err
        assert "root:x:0:0" not in shown.out + shown.err
        if name != "inside.md":
            assert shown.code == 2, shown.out
    screen = svg_text(app_screen(git_repo.path, ["down", "enter", "down", "enter"]))
    assert "TOP-SECRET" not in screen and "root:x:0:0" not in screen


def test_awkward_paths(git_repo: GitRepo) -> None:
    names = [
        "with space.md",
        'quote".md',
        "single'quote.md",
        "new\nline.md",
        "ünïcödé/ñ.md",
        "日本語.md",
        "-dash.md",
    ]
    git_repo.commit({name: f"# {name!r}\n\nEffective Date: 1 May 2024\n" for name in names})
    code, doc, err = _log(git_repo.path)
    assert code == 0, err
    assert sorted(n["path"] for n in doc["notices"]) == sorted(names)
    text = run_cli("log", "--repo", str(git_repo.path))
    assert text.code == 0
    assert "new\u2424line.md" in text.out  # the newline in the name is shown, not obeyed
    for name in names:
        shown = run_cli("show", "--repo", str(git_repo.path), "--json", "--", name)
        assert shown.code == 0, (name, shown.err)
        assert json.loads(shown.out)["path"] == name


# ------------------------------------------------------------------------- files


def test_bad_files_decode_with_warnings(git_repo: GitRepo) -> None:
    git_repo.commit(
        {
            "binary.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
            "utf16.md": "\ufeff# Notice UTF-16\n\nEffective Date: 1 May 2024\n\nÜber.\n".encode(
                "utf-16-le"
            ),
            "latin1.md": "# Café notice\n\nEffective Date: 1 May 2024\n\nDéjà vu.\n".encode(
                "latin-1"
            ),
            "crlf.md": "# CRLF notice\r\n\r\nEffective Date: 1 May 2024\r\n\r\nLine.\r\n",
        }
    )
    code, doc, err = _log(git_repo.path)
    assert code == 0, err
    by_path = {n["path"]: n for n in doc["notices"]}
    assert "binary" in by_path["binary.md"]["revisions"][0]["warning"]
    assert "UTF-16" in by_path["utf16.md"]["revisions"][0]["warning"]
    assert by_path["utf16.md"]["revisions"][0]["effective_date"] == "2024-05-01"
    assert "Windows-1252" in by_path["latin1.md"]["revisions"][0]["warning"]
    assert by_path["latin1.md"]["title"] == "Café notice"
    assert by_path["crlf.md"]["revisions"][0]["effective_date"] == "2024-05-01"
    binary = run_cli("show", "binary.md", "--repo", str(git_repo.path))
    assert binary.code == 0 and "binary file (PNG image)" in binary.out and "IHDR" not in binary.out
    utf16 = run_cli("show", "utf16.md", "--repo", str(git_repo.path))
    assert "Über." in utf16.out
    crlf = run_cli("show", "crlf.md", "--repo", str(git_repo.path))
    assert "\r" not in crlf.out and "Line." in crlf.out


def test_a_crlf_notice_shows_no_stray_carriage_return(git_repo: GitRepo) -> None:
    git_repo.commit({"crlf.md": "# CRLF notice\r\n\r\nEffective Date: 1 May 2024\r\n\r\nLine.\r\n"})
    crlf = run_cli("show", "crlf.md", "--repo", str(git_repo.path))
    assert crlf.code == 0 and "\u240d" not in crlf.out


@pytest.mark.slow
def test_a_20_mb_notice_and_a_1_mb_line(git_repo: GitRepo) -> None:
    paragraph = "We keep records of what you do, for as long as the law asks. " * 20 + "\n\n"
    big = "# Big notice\n\nEffective Date: 1 May 2024\n\n" + paragraph * (
        20_100_000 // len(paragraph)
    )
    line = "# One line\n\nEffective Date: 1 May 2024\n\n" + "word " * 210_000 + "\n"
    git_repo.commit({"big.md": big, "line.md": line})
    assert len(big) > 20_000_000 and len(line) > 1_000_000
    started = time.monotonic()
    code, doc, err = _log(git_repo.path)
    assert code == 0, err
    assert {n["path"]: n["revisions"][0]["effective_date"] for n in doc["notices"]} == {
        "big.md": "2024-05-01",
        "line.md": "2024-05-01",
    }
    for name in ("big.md", "line.md"):
        shown = run_cli("show", name, "--repo", str(git_repo.path))
        assert shown.code == 0, shown.err
        assert len(shown.out) > 1_000_000
    assert time.monotonic() - started < 120


# ------------------------------------------------------------------------- ownership, changes


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give the repository to another uid")
def test_repository_owned_by_another_user_names_the_fix(git_repo: GitRepo, tmp_path: Path) -> None:
    _notices(git_repo)
    owned = tmp_path / "someone else's notices"
    shutil.copytree(git_repo.path, owned, symlinks=True)
    subprocess.run(["chown", "-R", "12345:12345", str(owned)], check=True)
    for repo_arg, folder in ((owned, owned), (owned / ".git", owned / ".git")):
        result = run_cli("log", "--repo", str(repo_arg))
        assert result.code == 2
        assert "dubious ownership" in result.err
        fix = f"git config --global --add safe.directory {shlex.quote(str(folder))}"
        assert fix in result.err
        assert shlex.split(fix)[-1] == str(folder)  # pasted into a shell, it names the folder
    with pytest.raises(RepoError, match=r"safe\.directory"):
        NoticeRepository(owned)


def test_a_new_commit_while_open_is_picked_up_on_reload(git_repo: GitRepo) -> None:
    _notices(git_repo)
    repository = NoticeRepository(git_repo.path)
    first = repository.load()
    git_repo.commit(
        {"privacy/notice.md": NOTICE.format(date="1 March 2025", what="nothing")}, message="Later"
    )
    again = repository.load()
    assert again.head != first.head
    assert again.notices[0].revisions[0].subject == "Later"
    assert repository.stats.mode == "incremental"
    repository.close()


def test_the_app_picks_up_a_new_commit_with_r(git_repo: GitRepo) -> None:
    _notices(git_repo)
    module = app_module()
    app = make_app(module, git_repo.path)

    async def session() -> tuple[str, str]:
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause(1.0)
            before = svg_text(app.export_screenshot())
            git_repo.commit(
                {"privacy/notice.md": NOTICE.format(date="1 March 2025", what="nothing")},
                message="Landed while open",
            )
            await pilot.press("r")
            await pilot.pause(1.5)
            return before, svg_text(app.export_screenshot())

    before, after = asyncio.run(session())
    assert "2025-03-01" not in before
    assert "2025-03-01" in after
