"""The built-in sample repository, built on first use from revisions shipped as package data.

``data/sample/manifest.toml`` lists the commits (dates, messages, files). The repository is
built with one ``git fast-import`` (no hooks, no user config involved, identical commit ids
on every machine) into a temporary folder next to the target, checked out, and moved into
place in one rename. A marker in its git folder records the manifest digest and HEAD; a
sample whose marker, HEAD or objects do not match is rebuilt. notice-tui never imports into
the sample and never writes to it otherwise.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import shutil
import tempfile
import tomllib
from importlib import resources
from pathlib import Path

from notices_repo.errors import RepoError
from notices_repo.git.queries import commit_id
from notices_repo.git.runner import GitRunner
from notices_repo.settings.paths import data_dir

MARKER = "notice-tui-sample"


def sample_path() -> Path:
    """Where the sample repository lives (in the user's data folder)."""
    return data_dir() / "sample-repository"


def _data() -> resources.abc.Traversable:
    return resources.files("notices_repo.sample") / "data"


def manifest_digest() -> str:
    """Digest of the manifest and every file it names (changes rebuild the sample)."""
    folder = _data()
    digest = hashlib.sha256()
    manifest = (folder / "manifest.toml").read_bytes()
    digest.update(manifest)
    for commit in tomllib.loads(manifest.decode("utf-8"))["commit"]:
        for entry in commit["files"]:
            if "source" in entry:
                digest.update((folder / entry["source"]).read_bytes())
    return digest.hexdigest()


def _fast_import_stream() -> bytes:
    folder = _data()
    manifest = tomllib.loads((folder / "manifest.toml").read_text("utf-8"))
    author = manifest["author"].encode("utf-8")
    out: list[bytes] = []
    for mark, commit in enumerate(manifest["commit"], start=1):
        when = dt.datetime.fromisoformat(commit["date"])
        stamp = f"{int(when.timestamp())} +0000".encode()
        message = commit["message"].encode("utf-8") + b"\n"
        out.append(b"commit refs/heads/main\n")
        out.append(b"mark :%d\n" % mark)
        out.append(b"author " + author + b" " + stamp + b"\n")
        out.append(b"committer " + author + b" " + stamp + b"\n")
        out.append(b"data %d\n" % len(message) + message)
        if mark > 1:
            out.append(b"from :%d\n" % (mark - 1))
        for entry in commit["files"]:
            path = entry["path"].encode("utf-8")
            if entry.get("delete"):
                out.append(b"D " + path + b"\n")
            else:
                content = (folder / entry["source"]).read_bytes()
                out.append(b"M 100644 inline " + path + b"\n")
                out.append(b"data %d\n" % len(content) + content + b"\n")
        out.append(b"\n")
    return b"".join(out)


def _marker_ok(path: Path, digest: str) -> bool:
    marker = path / ".git" / MARKER
    try:
        recorded_digest, recorded_head = marker.read_text("utf-8").split()
    except (OSError, ValueError):
        return False
    if recorded_digest != digest:
        return False
    runner = GitRunner(path)
    try:
        if commit_id(runner) != recorded_head:
            return False
        status, _, _ = runner.run("fsck", "--no-dangling", "--connectivity-only", check=False)
    except RepoError:
        return False
    return status == 0


def _build(target: Path, digest: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".sample-build-", dir=target.parent))
    try:
        runner = GitRunner(work)
        runner.run("init", "-q", "-b", "main")
        with tempfile.TemporaryFile() as stream:
            stream.write(_fast_import_stream())
            stream.seek(0)
            runner.run("fast-import", "--quiet", stdin=stream)
        runner.run("reset", "-q", "--hard", "main")
        head = runner.output("rev-parse", "HEAD").decode().strip()
        (work / ".git" / MARKER).write_text(f"{digest} {head}\n", "utf-8")
        old = None
        if target.exists():
            old = target.with_name(target.name + f".old-{head[:8]}")
            shutil.rmtree(old, ignore_errors=True)
            target.rename(old)
        try:
            work.rename(target)
        except OSError:
            if not _marker_ok(target, digest):  # nobody else built it meanwhile
                raise
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)


def ensure_sample(path: Path | None = None) -> Path:
    """The sample repository's folder, built or rebuilt if missing or damaged."""
    target = path or sample_path()
    digest = manifest_digest()
    if target.exists() and _marker_ok(target, digest):
        return target
    try:
        _build(target, digest)
    except (OSError, RepoError) as exc:
        message = exc.message if isinstance(exc, RepoError) else str(exc)
        raise RepoError(
            f"cannot build the sample repository in {target}: {message}; set "
            "NOTICE_TUI_DATA_DIR to a writable folder or pass --repo"
        ) from exc
    with contextlib.suppress(OSError):
        (target.parent / "README.txt").write_text(
            "The notice-tui sample repository; safe to delete, it is rebuilt on demand.\n",
            "utf-8",
        )
    return target
