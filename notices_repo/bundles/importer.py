"""``notice-tui import``: take new revisions in from a git bundle, all or nothing.

A bundle (``git bundle create``) is how new revisions reach an air-gapped box; it comes
on removable media from outside, so every byte of it is hostile. The import:

1. reads the bundle header itself (refs, prerequisites, capabilities) and runs
   ``git bundle verify`` (the prerequisites are in the repository);
2. stores the objects with ``git index-pack --strict`` (every object checked as
   ``fsck`` would; nothing is visible yet) and points quarantine refs
   (``refs/notice-tui/quarantine/<id>/...``) at the bundle's tips so they stay reachable
   while they are checked;
3. checks, changing nothing: the branch only moves forward (a bundle that would rewrite
   or drop history is refused), tags are new or unchanged, with ``--require-signed`` every
   new commit carries a signature that the *user's* git/gpg configuration verifies, and
   the work tree has no local changes the update would touch;
4. writes a journal (``<git dir>/notice-tui-import.journal``), then moves the branch and
   adds the tags in one ``git update-ref --stdin`` transaction with old-value checks: the
   commit point. Then it updates the index and work tree (``git read-tree -m -u``) and
   removes the journal and the quarantine refs.

Interrupted anywhere (even by ``kill -9``), the refs are either all as before or all as
after. Before the commit point nothing but unreachable objects and the journal changed;
after it, the refs are complete and the work tree is *derived* state: the next import
(the same command again) finds the journal and finishes the work tree first
(``git read-tree --reset -u``), so it ends exactly at the new commit. notice-tui's readers
read commits, never the work tree, so they see the old or the new history, never a mix.

A target that does not exist yet is created: the whole repository is built in a
temporary sibling folder and renamed into place at the end (one ``rename``).

Every git command goes through :class:`~notices_repo.git.runner.GitRunner`, so nothing the
repository configures runs (hooks, filter drivers, fsmonitor...). The work tree is
always ``--repo``'s folder itself (``GIT_WORK_TREE``), never a ``core.worktree`` the
repository's config names.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from notices_repo.bundles.summary import InForce, notices_in_force
from notices_repo.catalog.repository import IMPORT_JOURNAL
from notices_repo.catalog.timeline import effective_versions, status_of
from notices_repo.errors import NoticeError, RepoError
from notices_repo.git.queries import commit_id, is_ancestor, object_id, tree_entry
from notices_repo.git.runner import GitRunner

#: First line of the bundle formats git writes.
_SIGNATURES = {b"# v2 git bundle\n": 2, b"# v3 git bundle\n": 3}
_MAX_HEADER_BYTES = 16 * 1024 * 1024
_OID = re.compile(rb"^[0-9a-f]{40}([0-9a-f]{24})?$")
_REF_PART = r"[A-Za-z0-9_][A-Za-z0-9._+@-]*"
_SAFE_REF = re.compile(rf"^refs/(heads|tags)/{_REF_PART}(/{_REF_PART})*$")

JOURNAL = IMPORT_JOURNAL
LOCK = "notice-tui-import.lock"
QUARANTINE = "refs/notice-tui/quarantine"
#: Set to a stage name to make the import stop there (tests kill it at that point).
PAUSE_ENV = "NOTICE_TUI_TEST_PAUSE_AT"
STAGES = ("objects", "checked", "journal", "refs", "work-tree", "created")
_USER_GPG_KEYS = (
    "gpg.program",
    "gpg.format",
    "gpg.mintrustlevel",
    "gpg.openpgp.program",
    "gpg.x509.program",
    "gpg.ssh.program",
    "gpg.ssh.allowedsignersfile",
)


class ImportRefused(NoticeError):
    """The bundle was not imported; the message says why and what to do. Exit 2."""


# ------------------------------------------------------------------------- the bundle


@dataclass(frozen=True, slots=True)
class BundleHeader:
    """What a bundle file says about itself."""

    version: int
    capabilities: dict[str, str]
    prerequisites: list[str]
    refs: list[tuple[str, str]]
    """``(object id, ref name)`` in file order (``HEAD`` included when present)."""
    pack_offset: int

    def ref(self, name: str) -> str | None:
        """The object id of ref ``name`` in the bundle."""
        return next((oid for oid, ref in self.refs if ref == name), None)

    def branches(self) -> list[str]:
        """Branch names (without ``refs/heads/``) the bundle carries."""
        return [ref.removeprefix("refs/heads/") for _, ref in self.refs if is_branch_ref(ref)]


def is_branch_ref(name: str) -> bool:
    """Whether ``name`` is a ``refs/heads/...`` name notice-tui accepts."""
    return name.startswith("refs/heads/") and safe_ref(name)


def safe_ref(name: str) -> bool:
    """A branch or tag name plain enough to use (ASCII, no ``..``, no ``.lock`` part)."""
    if not _SAFE_REF.match(name) or ".." in name or name.endswith("."):
        return False
    return not any(part.endswith(".lock") for part in name.split("/"))


def read_bundle_header(path: Path) -> BundleHeader:
    """Parse the header of the bundle at ``path``; :class:`ImportRefused` if it is not one."""
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise ImportRefused(f"cannot read the bundle {path}: {exc.strerror or exc}") from None
    with handle:
        first = handle.readline(64)
        version = _SIGNATURES.get(first)
        if version is None:
            raise ImportRefused(
                f"{path} is not a git bundle (made with: git bundle create FILE --all)"
            )
        offset = len(first)
        capabilities: dict[str, str] = {}
        prerequisites: list[str] = []
        refs: list[tuple[str, str]] = []
        while True:
            line = handle.readline(65536)
            offset += len(line)
            if not line.endswith(b"\n") or offset > _MAX_HEADER_BYTES:
                raise ImportRefused(f"{path}: the bundle header is damaged or truncated")
            body = line[:-1]
            if not body:
                break
            if body.startswith(b"@") and version == 3:
                key, _, value = body[1:].decode("utf-8", "replace").partition("=")
                capabilities[key] = value
                continue
            if body.startswith(b"-"):
                oid = body[1:].split(b" ", 1)[0]
                if not _OID.match(oid):
                    raise ImportRefused(f"{path}: the bundle header is damaged (prerequisite)")
                prerequisites.append(oid.decode("ascii"))
                continue
            oid, _, name = body.partition(b" ")
            if not _OID.match(oid) or not name:
                raise ImportRefused(f"{path}: the bundle header is damaged (ref line)")
            refs.append((oid.decode("ascii"), name.decode("utf-8", "replace")))
        if handle.read(4) != b"PACK":
            raise ImportRefused(f"{path}: the bundle has no pack data after its header")
    return BundleHeader(version, capabilities, prerequisites, refs, offset)


# ------------------------------------------------------------------------- results


@dataclass(slots=True)
class VersionArrival:
    """An effective version that the import added or changed."""

    effective_date: dt.date
    status: str
    commit: str
    new: bool
    """True: this effective date is new for the notice; False: an existing one changed."""


@dataclass(slots=True)
class SilentEdit:
    """A new revision that changed words without changing the stated effective date."""

    commit: str
    subject: str
    effective_date: dt.date


@dataclass(slots=True)
class NoticeArrival:
    """What the import brought for one notice."""

    path: str
    title: str
    kind: str
    """``new`` (first seen), ``changed``, or ``retired`` (deleted by the new commits)."""
    revisions: int
    versions: list[VersionArrival] = field(default_factory=list)
    silent_edits: list[SilentEdit] = field(default_factory=list)
    technical: int = 0
    renamed_from: str | None = None


@dataclass(slots=True)
class SupportChange:
    """The running release's support state with the old and the new ``releases.toml``."""

    before: Any
    after: Any

    @property
    def changed(self) -> bool:
        """Whether state, end date or source differ."""
        keys = ("state", "support_ends", "source", "release")
        return any(getattr(self.before, k, None) != getattr(self.after, k, None) for k in keys)


@dataclass(slots=True)
class ImportResult:
    """What an import did."""

    repository: Path
    bundle: Path
    branch: str
    old: str | None
    new: str | None
    created: bool = False
    up_to_date: bool = False
    older_bundle: bool = False
    commits: list[str] = field(default_factory=list)
    """New commits on the branch, newest first."""
    tags: list[str] = field(default_factory=list)
    skipped_tags: list[str] = field(default_factory=list)
    work_tree_updated: bool = False
    signed_checked: int = 0
    recovered: str | None = None
    """What was done to finish an earlier, interrupted import (None: nothing)."""
    notices: list[NoticeArrival] = field(default_factory=list)
    support: SupportChange | None = None
    notes: list[str] = field(default_factory=list)
    load_mode: str = ""
    """How the catalog was read after the import (``incremental`` when the cache was reused)."""
    in_force: list[InForce] = field(default_factory=list)
    """Every notice at HEAD after the import and its version in force on the day."""

    @property
    def first(self) -> bool:
        """The branch had no history here before: everything in it arrived."""
        return self.created or self.old is None


Progress = Callable[[str], None]
SupportProbe = Callable[[Callable[[], Any]], Any]


# ------------------------------------------------------------------------- helpers


def _pause(stage: str) -> None:
    """A fault-injection point for the interruption tests (see :data:`PAUSE_ENV`)."""
    if os.environ.get(PAUSE_ENV) == stage:
        sys.stderr.write(f"notice-tui: paused at {stage}\n")
        sys.stderr.flush()
        while True:
            time.sleep(3600)


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def _import_lock(git_dir: Path, shown: Path) -> Iterator[None]:
    """One import at a time per repository; a lock left by a killed import is taken over."""
    lock = git_dir / LOCK
    for _ in range(3):
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            try:
                holder = int(lock.read_text("ascii").strip() or "0")
            except (OSError, ValueError):
                holder = 0
            if _alive(holder) and holder != os.getpid():
                raise ImportRefused(
                    f"another notice-tui import (process {holder}) is running on {shown}; "
                    "wait for it to finish"
                ) from None
            with contextlib.suppress(FileNotFoundError):
                lock.unlink()
            continue
        except OSError as exc:
            raise ImportRefused(
                f"cannot write to {git_dir}: {exc.strerror or exc}; importing needs write "
                "access to the repository"
            ) from None
        with os.fdopen(fd, "w") as handle:
            handle.write(f"{os.getpid()}\n")
        break
    else:
        raise ImportRefused(f"cannot take the import lock {lock}; remove it if no import runs")
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            lock.unlink()


def _ref_transaction(runner: GitRunner, lines: list[str]) -> None:
    """Apply ``update``/``create``/``delete`` lines as one transaction (all or none)."""
    script = "start\n" + "".join(line + "\n" for line in lines) + "prepare\ncommit\n"
    with tempfile.TemporaryFile() as stdin:
        stdin.write(script.encode("utf-8"))
        stdin.seek(0)
        runner.run("update-ref", "-m", "notice-tui import", "--stdin", stdin=stdin)


def _short(oid: str | None) -> str:
    return oid[:10] if oid else "(none)"


def user_gpg_config(runner: GitRunner) -> list[tuple[str, str]]:
    """``-c`` pairs that make signature checks use the user's gpg settings, never the repo's.

    The user's own (``--global``, then ``--system``) ``gpg.*`` values are read and passed
    explicitly; every verification program setting the user left unset gets git's default,
    so a repository's ``gpg.program`` or ``gpg.ssh.allowedSignersFile`` never counts.
    """
    found: dict[str, str] = {}
    for scope in ("--system", "--global"):  # global wins over system, as in git
        status, out, _ = runner.run(
            "config", scope, "--includes", "-z", "--get-regexp", r"^gpg\.", check=False
        )
        if status != 0:
            continue
        for record in out.decode("utf-8", "surrogateescape").split("\x00"):
            key, _, value = record.partition("\n")
            if key.lower() in _USER_GPG_KEYS:
                found[key.lower()] = value
    program = found.get("gpg.openpgp.program") or found.get("gpg.program") or "gpg"
    return [
        ("gpg.program", program),
        ("gpg.openpgp.program", program),
        ("gpg.x509.program", found.get("gpg.x509.program", "gpgsm")),
        ("gpg.ssh.program", found.get("gpg.ssh.program", "ssh-keygen")),
        ("gpg.ssh.allowedSignersFile", found.get("gpg.ssh.allowedsignersfile", os.devnull)),
        ("gpg.format", found.get("gpg.format", "openpgp")),
        ("gpg.minTrustLevel", found.get("gpg.mintrustlevel", "undefined")),
    ]


_SIGNATURE_WORDS = {
    "N": "carries no signature",
    "B": "has a bad signature",
    "E": "has a signature that cannot be checked (its key is not in this box's keyring)",
    "X": "has an expired signature",
    "Y": "is signed by an expired key",
    "R": "is signed by a revoked key",
}


class _TreeReader:
    """``read_head_file`` at one commit (for the release calendar before and after)."""

    def __init__(self, runner: GitRunner, commit: str | None) -> None:
        self.runner = runner
        self.commit = commit

    def read_head_file(self, path: str) -> bytes | None:
        if self.commit is None:
            return None
        return _file_at(self.runner, self.commit, path)


def _file_at(runner: GitRunner, commit: str, path: str) -> bytes | None:
    """A regular file's bytes at ``commit`` (symlinks and submodules are never read)."""
    entry = tree_entry(runner, commit, path)
    if entry is None or not entry.is_regular_file:
        return None
    status, data, _ = runner.run("cat-file", "blob", entry.oid, check=False)
    return data if status == 0 else None


# ------------------------------------------------------------------------- the import


class _Importer:
    """One import run (see the module docstring for the steps)."""

    def __init__(
        self,
        bundle: Path,
        repository: Path,
        *,
        branch: str | None,
        require_signed: bool,
        today: dt.date,
        support: SupportProbe | None,
        progress: Progress | None,
    ) -> None:
        self.bundle = bundle
        self.repository = repository
        self.branch_name = branch
        self.require_signed = require_signed
        self.today = today
        self.support_probe = support
        self.progress = progress or (lambda _message: None)
        self.header: BundleHeader | None = None
        self._before: Any = None

    # --- entry ---------------------------------------------------------------------

    def run(self) -> ImportResult:
        if self.branch_name is not None and not is_branch_ref(f"refs/heads/{self.branch_name}"):
            raise ImportRefused(f"--branch {self.branch_name!r} is not a plain branch name")
        if not self.bundle.is_file():
            raise ImportRefused(f"{self.bundle} does not exist or is not a file")
        self.header = read_bundle_header(self.bundle)
        if "filter" in self.header.capabilities:
            raise ImportRefused(
                f"{self.bundle} is a partial bundle (filter "
                f"{self.header.capabilities['filter']}); make a full one with git bundle create"
            )
        if not os.path.lexists(self.repository):
            return self._create()
        if not self.repository.is_dir():
            raise ImportRefused(f"{self.repository} is a file, not a repository folder")
        return self._update()

    # --- an existing repository --------------------------------------------------------

    def _open(self, path: Path) -> tuple[GitRunner, Path, bool, Path | None]:
        runner = GitRunner(path)
        out = runner.output("rev-parse", "--absolute-git-dir", "--is-bare-repository")
        lines = out.decode("utf-8", "surrogateescape").splitlines()
        if len(lines) < 2:
            raise RepoError(f"{path}: git rev-parse gave an unexpected answer")
        git_dir = Path(lines[0])
        bare = lines[1].strip() == "true"
        work_tree: Path | None = None
        if not bare:
            if path.resolve() == git_dir.resolve():
                work_tree = git_dir.parent if git_dir.name == ".git" else None
            else:
                work_tree = path
        if (git_dir / "notice-tui-sample").exists():
            raise ImportRefused(
                f"{path} is notice-tui's built-in sample; never imported into. Pass --repo "
                "with your notices repository (a new folder is created on first import)"
            )
        return runner, git_dir, bare, work_tree

    def _update(self) -> ImportResult:
        runner, git_dir, _bare, work_tree = self._open(self.repository)
        with _import_lock(git_dir, self.repository):
            recovered = self._recover(runner, git_dir, work_tree)
            result = self._apply(runner, git_dir, work_tree, created=False)
            result.recovered = recovered
        if recovered:
            result.notes.insert(0, recovered)
        if result.commits:
            self._summarise(runner, result, self._before)
        return result

    def _worktree_env(self, git_dir: Path, work_tree: Path) -> dict[str, str]:
        return {
            "GIT_DIR": str(git_dir),
            "GIT_WORK_TREE": str(work_tree),
            "GIT_OPTIONAL_LOCKS": "1",
        }

    def _branch_of_head(self, runner: GitRunner) -> str | None:
        status, out, _ = runner.run("symbolic-ref", "-q", "HEAD", check=False)
        ref = out.decode("utf-8", "replace").strip()
        return ref if status == 0 and ref.startswith("refs/heads/") else None

    def _apply(
        self, runner: GitRunner, git_dir: Path, work_tree: Path | None, *, created: bool
    ) -> ImportResult:
        header = self.header
        assert header is not None
        head_ref = self._branch_of_head(runner)
        if self.branch_name is not None:
            target = f"refs/heads/{self.branch_name}"
        elif head_ref is not None:
            target = head_ref
        else:
            raise ImportRefused(
                f"{self.repository} has a detached HEAD; pass --branch NAME to say which "
                "branch to update"
            )
        if not is_branch_ref(target):
            raise ImportRefused(
                f"the checked-out branch of {self.repository} has an unusual name; pass "
                "--branch NAME"
            )
        branch = target.removeprefix("refs/heads/")
        new = header.ref(target)
        if new is None:
            have = ", ".join(header.branches()) or "no branches"
            raise ImportRefused(
                f"the bundle has no branch {branch!r} (it has: {have}); pass --branch with "
                "one of those, or make the bundle from the box's branch"
            )
        self._check_object_format(runner)
        self._verify_bundle(runner)
        old = commit_id(runner, target)
        result = ImportResult(self.repository, self.bundle, branch, old, new, created=created)

        wanted = [
            (ref, oid)
            for oid, ref in header.refs
            if ref == target or (_is_tag(ref) and safe_ref(ref))
        ]
        quarantine = f"{QUARANTINE}/{uuid.uuid4().hex[:12]}"
        if self._have_objects(runner, [oid for _, oid in wanted]):
            wanted = []  # nothing new to hold on to: no quarantine, no write
        else:
            self.progress("storing objects")
            self._store_objects(runner)
            _ref_transaction(
                runner,
                [f"create {quarantine}/{ref.removeprefix('refs/')} {oid}" for ref, oid in wanted],
            )
        _pause("objects")
        try:
            updates = self._check(runner, result, target, old, new)
            checkout = (
                work_tree is not None
                and head_ref == target
                and any(ref == target for ref, _, _ in updates)
            )
            if checkout:
                assert work_tree is not None
                self._check_work_tree(runner, git_dir, work_tree, old, new)
        except BaseException:
            self._drop_quarantine(runner, quarantine)
            raise
        _pause("checked")
        if not updates:
            self._drop_quarantine(runner, quarantine)
            result.up_to_date = True
            return result

        before = self._catalog(runner) if not created else None
        journal = {
            "version": 1,
            "pid": os.getpid(),
            "started": dt.datetime.now(dt.UTC).isoformat(),
            "updates": [list(u) for u in updates],
            "branch": target,
            "work_tree": str(work_tree) if checkout else None,
            "quarantine": quarantine,
        }
        _write_atomic(git_dir / JOURNAL, json.dumps(journal).encode("utf-8"))
        _pause("journal")
        lines = [
            f"update {ref} {new_oid} {old_oid}" if old_oid else f"create {ref} {new_oid}"
            for ref, old_oid, new_oid in updates
        ]
        lines += [f"delete {quarantine}/{ref.removeprefix('refs/')}" for ref, _ in wanted]
        try:
            _ref_transaction(runner, lines)
        except RepoError as exc:
            (git_dir / JOURNAL).unlink(missing_ok=True)
            self._drop_quarantine(runner, quarantine)
            raise ImportRefused(
                f"the repository changed while importing ({exc.message}); nothing was "
                "imported, run the import again"
            ) from None
        self._remove_empty_ref_folders(runner)
        _pause("refs")
        if checkout:
            assert work_tree is not None
            self.progress("updating the work tree")
            self._update_work_tree(runner, git_dir, work_tree, old, new)
            result.work_tree_updated = True
        _pause("work-tree")
        (git_dir / JOURNAL).unlink(missing_ok=True)
        _fsync_dir(git_dir)
        self._before = before
        return result

    # --- checks --------------------------------------------------------------------

    def _check_object_format(self, runner: GitRunner) -> None:
        assert self.header is not None
        wanted = self.header.capabilities.get("object-format", "sha1")
        status, out, _ = runner.run("rev-parse", "--show-object-format", check=False)
        have = out.decode("ascii", "replace").strip() if status == 0 else "sha1"
        if wanted != have:
            raise ImportRefused(
                f"the bundle uses {wanted} object ids and {self.repository} uses {have}"
            )

    def _verify_bundle(self, runner: GitRunner) -> None:
        """``git bundle verify``: git's own reading of the header, and the prerequisites."""
        assert self.header is not None
        status, _, err = runner.run("bundle", "verify", str(self.bundle), check=False)
        if status == 0:
            return
        if self.header.prerequisites and "prerequisite" in err.lower():
            raise ImportRefused(
                f"the bundle builds on {len(self.header.prerequisites)} commit(s) that "
                f"{self.repository} does not have (first: {self.header.prerequisites[0][:10]}); "
                "make it from the box's newest commit: git bundle create FILE <box-head>..main"
            )
        first = next((line for line in err.splitlines() if line.strip()), "verification failed")
        raise ImportRefused(f"git bundle verify refused {self.bundle}: {first}")

    def _store_objects(self, runner: GitRunner) -> None:
        assert self.header is not None
        fd = os.open(self.bundle, os.O_RDONLY)
        try:
            os.lseek(fd, self.header.pack_offset, os.SEEK_SET)
            with os.fdopen(fd, "rb", buffering=0, closefd=False) as stream:
                status, _, err = runner.run(
                    "index-pack", "--stdin", "--fix-thin", "--strict", stdin=stream, check=False
                )
        finally:
            os.close(fd)
        if status != 0:
            first = next((line for line in err.splitlines() if line.strip()), "")
            first = first.removeprefix("fatal: ").removeprefix("error: ")
            raise ImportRefused(
                f"the bundle's objects are damaged or unsafe ({first}); nothing was imported"
            )

    def _have_objects(self, runner: GitRunner, oids: list[str]) -> bool:
        """Whether every object in ``oids`` is already in the repository."""
        with tempfile.TemporaryFile() as stdin:
            stdin.write("".join(f"{oid}\n" for oid in oids).encode("ascii"))
            stdin.seek(0)
            status, out, _ = runner.run(
                "cat-file", "--batch-check=%(objectname)", stdin=stdin, check=False
            )
        return status == 0 and b"missing" not in out

    def _check(
        self,
        runner: GitRunner,
        result: ImportResult,
        target: str,
        old: str | None,
        new: str,
    ) -> list[tuple[str, str | None, str]]:
        """Everything that can refuse the import; returns the ref updates to make."""
        assert self.header is not None
        if commit_id(runner, new) != new:
            raise ImportRefused(f"the bundle's {result.branch} is not a commit; nothing imported")
        updates: list[tuple[str, str | None, str]] = []
        if old is None or old == new or is_ancestor(runner, old, new):
            pass
        elif is_ancestor(runner, new, old):
            result.older_bundle = True
        else:
            dropped = self._commits(runner, old, new)
            subject = self._subject(runner, old)
            raise ImportRefused(
                f"refused: the bundle's {result.branch} ({_short(new)}) does not contain this "
                f"box's {result.branch} ({_short(old)} {subject!r}); importing it would rewrite "
                f"history and drop {len(dropped)} commit(s). Nothing was changed; make the "
                "bundle from a clone that has the box's history"
            )
        if old != new and not result.older_bundle:
            updates.append((target, old, new))
            result.commits = self._commits(runner, new, old)
        tip = old if result.older_bundle else new
        for oid, ref in self.header.refs:
            if not _is_tag(ref):
                continue
            if not safe_ref(ref):
                result.skipped_tags.append(ref)
                continue
            existing = object_id(runner, ref)
            if existing == oid:
                continue
            if existing is not None:
                raise ImportRefused(
                    f"refused: the bundle moves tag {ref.removeprefix('refs/tags/')} "
                    f"({_short(existing)} -> {_short(oid)}); tags never change here. Nothing "
                    "was changed"
                )
            points = commit_id(runner, oid)
            if points is None or not is_ancestor(runner, points, tip):
                result.skipped_tags.append(ref)
                continue
            updates.append((ref, None, oid))
            result.tags.append(ref.removeprefix("refs/tags/"))
        if self.require_signed and result.commits:
            self._check_signatures(runner, result, new, old)
        return updates

    def _commits(self, runner: GitRunner, tip: str, exclude: str | None) -> list[str]:
        args = ["rev-list", "--topo-order", tip]
        if exclude:
            args.append(f"^{exclude}")
        return runner.output(*args).decode("ascii", "replace").split()

    def _subject(self, runner: GitRunner, commit: str) -> str:
        out = runner.output("log", "-1", "--no-show-signature", "--format=%s", commit, "--")
        return out.decode("utf-8", "replace").strip()[:80]

    def _check_signatures(
        self, runner: GitRunner, result: ImportResult, new: str, old: str | None
    ) -> None:
        """Every new commit, oldest first, must carry a signature the user's setup verifies.

        One ``git log --format=%G?`` pass gives each commit's verdict (``G``/``U``: a good
        signature, as ``git verify-commit`` accepts by default). When the user set
        ``gpg.minTrustLevel``, each good one is confirmed with ``git verify-commit``, which
        applies it (``%GT`` cannot be asked for: git 2.39 aborts on unverifiable commits).
        """
        with tempfile.TemporaryDirectory(prefix="notice-tui-gpg-") as nowhere:
            user = user_gpg_config(GitRunner(Path(nowhere)))
        checker = GitRunner(runner.path, extra_config=user)
        minimum = dict(user).get("gpg.minTrustLevel", "undefined").lower()
        args = ["log", "--reverse", "--topo-order", "--format=%H%x00%G?%x00%s%x00", new]
        if old:
            args.append(f"^{old}")
        fields = checker.output(*args, "--").decode("utf-8", "replace").split("\x00")
        checked = 0
        for index in range(0, len(fields) - 2, 3):
            commit = fields[index].strip()
            verdict, subject = fields[index + 1], fields[index + 2]
            why = _SIGNATURE_WORDS.get(verdict, f"has an unusable signature ({verdict})")
            good = verdict in ("G", "U")
            if good and minimum != "undefined":
                status, _, _ = checker.run("verify-commit", commit, check=False)
                good = status == 0
                why = f"is signed by a key trusted below your gpg.minTrustLevel ({minimum})"
            if not good:
                raise ImportRefused(
                    f"refused (--require-signed): commit {commit[:10]} {subject[:60]!r} {why} "
                    f"(the first bad one of {len(result.commits)} new commit(s), checked oldest "
                    "first with your gpg configuration); nothing was imported"
                )
            checked += 1
        result.signed_checked = checked

    def _check_work_tree(
        self, runner: GitRunner, git_dir: Path, work_tree: Path, old: str | None, new: str
    ) -> None:
        """Refuse when local changes would be lost or untracked files are in the way.

        Works on a scratch copy of the index (its stat cache refreshed there), so a refused
        import leaves even ``.git/index`` as it was.
        """
        with tempfile.TemporaryDirectory(prefix="notice-tui-index-") as scratch_dir:
            scratch = Path(scratch_dir) / "index"
            if (git_dir / "index").exists():
                shutil.copyfile(git_dir / "index", scratch)
            env = {**self._worktree_env(git_dir, work_tree), "GIT_INDEX_FILE": str(scratch)}
            if old is not None:
                runner.run("update-index", "-q", "--refresh", env=env, check=False)
                modified = runner.run("diff-files", "--name-only", "-z", env=env)[1]
                staged = runner.run(
                    "diff-index", "--cached", "--name-only", "-z", old, "--", env=env
                )[1]
                names = sorted(
                    {n.decode("utf-8", "replace") for n in (modified + staged).split(b"\x00") if n}
                )
                if names:
                    shown = ", ".join(names[:3]) + (" ..." if len(names) > 3 else "")
                    raise ImportRefused(
                        f"the work tree of {work_tree} has local changes ({shown}); commit, "
                        "stash or discard them first. Nothing was imported"
                    )
            args = ["read-tree", "-m", "-u", "-n", *([old] if old else []), new]
            status, _, err = runner.run(*args, env=env, check=False)
        if status != 0:
            first = next((line for line in err.splitlines() if line.strip()), "")
            first = first.removeprefix("error: ").removeprefix("fatal: ")
            raise ImportRefused(
                f"the work tree of {work_tree} is in the way ({first}); move those files away "
                "first. Nothing was imported"
            )

    def _update_work_tree(
        self, runner: GitRunner, git_dir: Path, work_tree: Path, old: str | None, new: str
    ) -> None:
        """Move index and work tree from ``old`` to ``new`` (after the refs moved)."""
        env = self._worktree_env(git_dir, work_tree)
        try:
            runner.run("update-index", "-q", "--refresh", env=env, check=False)
            runner.run("read-tree", "-m", "-u", *([old] if old else []), new, env=env)
        except RepoError as exc:
            raise ImportRefused(
                f"{self.repository}: the branch now has the new commits but its work tree "
                f"could not be updated ({exc.message}); run the same import again to finish"
            ) from None

    def _drop_quarantine(self, runner: GitRunner, prefix: str) -> None:
        out = runner.output("for-each-ref", "--format=%(refname)", prefix)
        refs = out.decode("utf-8", "replace").split()
        if refs:
            with contextlib.suppress(RepoError):
                _ref_transaction(runner, [f"delete {ref}" for ref in refs])
        self._remove_empty_ref_folders(runner)

    def _remove_empty_ref_folders(self, runner: GitRunner) -> None:
        """git leaves the emptied ``refs/notice-tui/...`` folders behind; remove them."""
        status, out, _ = runner.run("rev-parse", "--git-common-dir", check=False)
        if status != 0:
            return
        common = Path(out.decode("utf-8", "surrogateescape").strip())
        root = (common if common.is_absolute() else runner.path / common) / "refs" / "notice-tui"
        if not root.is_dir():
            return
        for folder, _dirs, _files in sorted(os.walk(root), key=lambda e: -len(e[0])):
            with contextlib.suppress(OSError):
                os.rmdir(folder)

    # --- recovery ------------------------------------------------------------------

    def _recover(self, runner: GitRunner, git_dir: Path, work_tree: Path | None) -> str | None:
        """Finish (or forget) an import that was interrupted; the lock is already ours."""
        path = git_dir / JOURNAL
        for stale in git_dir.glob(f".{JOURNAL}.*.tmp"):  # a journal write cut short
            stale.unlink(missing_ok=True)
        try:
            journal = json.loads(path.read_text("utf-8"))
            updates = [(str(r), o, str(n)) for r, o, n in journal["updates"]]
            quarantine = str(journal["quarantine"])
        except FileNotFoundError:
            self._drop_quarantine(runner, QUARANTINE)
            return None
        except (OSError, ValueError, KeyError, TypeError):
            path.unlink(missing_ok=True)
            return "an unreadable import journal was removed"
        if not all(safe_ref(ref) for ref, _, _ in updates) or not quarantine.startswith(
            QUARANTINE + "/"
        ):
            path.unlink(missing_ok=True)
            return "an import journal naming unexpected refs was removed"
        for name in ("HEAD.lock", "packed-refs.lock", *(f"{ref}.lock" for ref, _, _ in updates)):
            (git_dir / name).unlink(missing_ok=True)
        now = {ref: object_id(runner, ref) for ref, _, _ in updates}
        done = [ref for ref, _, new in updates if now[ref] == new]
        if not done:
            path.unlink(missing_ok=True)
            self._drop_quarantine(runner, QUARANTINE)
            return "an interrupted import had changed nothing; it was discarded"
        rest = [
            f"update {ref} {new} {old}" if old else f"create {ref} {new}"
            for ref, old, new in updates
            if now[ref] != new and now[ref] == old
        ]
        if rest:
            _ref_transaction(runner, rest)
        target = str(journal.get("branch") or "")
        tree = journal.get("work_tree")
        new_tip = next((new for ref, _, new in updates if ref == target), None)
        if tree and work_tree is not None and new_tip and self._branch_of_head(runner) == target:
            (git_dir / "index.lock").unlink(missing_ok=True)
            runner.run(
                "read-tree", "--reset", "-u", new_tip, env=self._worktree_env(git_dir, work_tree)
            )
        path.unlink(missing_ok=True)
        self._drop_quarantine(runner, QUARANTINE)
        return "an interrupted import was finished first (refs had moved; work tree updated)"

    # --- a new repository ------------------------------------------------------------

    def _create(self) -> ImportResult:
        header = self.header
        assert header is not None
        if header.prerequisites:
            raise ImportRefused(
                f"{self.repository} does not exist and the bundle is incremental (it builds on "
                f"{len(header.prerequisites)} commit(s)); the first import needs a full "
                "bundle: git bundle create FILE --all"
            )
        branch = self.branch_name or self._default_branch()
        parent = self.repository.parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ImportRefused(f"cannot create {parent}: {exc.strerror or exc}") from None
        prefix = f".{self.repository.name}.notice-tui-import-"
        for stale in parent.glob(prefix + "*"):
            pid = stale.name.removeprefix(prefix).split("-")[0]
            if pid.isdigit() and not _alive(int(pid)):
                shutil.rmtree(stale, ignore_errors=True)
        work = parent / f"{prefix}{os.getpid()}-{uuid.uuid4().hex[:8]}"
        work.mkdir()
        try:
            runner = GitRunner(work)
            object_format = header.capabilities.get("object-format", "sha1")
            runner.run("init", "-q", f"--object-format={object_format}", "-b", branch)
            self.branch_name = branch
            result = self._apply(runner, work / ".git", work, created=True)
            result.repository = self.repository
            _pause("created")
            try:
                os.rename(work, self.repository)
            except OSError as exc:
                raise ImportRefused(
                    f"cannot move the new repository into {self.repository}: "
                    f"{exc.strerror or exc}; nothing was created"
                ) from None
            _fsync_dir(parent)
        finally:
            if work.exists():
                shutil.rmtree(work, ignore_errors=True)
        self._summarise(GitRunner(self.repository), result, None)
        return result

    def _default_branch(self) -> str:
        header = self.header
        assert header is not None
        branches = header.branches()
        head = header.ref("HEAD")
        at_head = [b for b in branches if head and header.ref(f"refs/heads/{b}") == head]
        for candidates in (at_head, branches if len(branches) == 1 else [], ["main", "master"]):
            for name in candidates:
                if name in branches:
                    return name
        raise ImportRefused(
            f"the bundle has {len(branches)} branches ({', '.join(branches) or 'none'}); pass "
            "--branch NAME to say which one to import"
        )

    # --- what arrived --------------------------------------------------------------

    def _catalog(self, runner: GitRunner) -> Any:
        from notices_repo.catalog.repository import NoticeRepository

        try:
            repository = NoticeRepository(runner.path)
            try:
                return repository.load()
            finally:
                repository.close()
        except NoticeError:
            return None

    def _summarise(self, runner: GitRunner, result: ImportResult, before: Any) -> None:
        from notices_repo.catalog.repository import NoticeRepository

        try:
            repository = NoticeRepository(self.repository)
            try:
                after = repository.load()
                result.load_mode = repository.stats.mode
            finally:
                repository.close()
        except NoticeError as exc:
            result.notes.append(f"the new history could not be read: {exc.message}")
            return
        result.notices = summarise_arrivals(before, after, set(result.commits), self.today)
        result.in_force = notices_in_force(after, self.today)
        if self.support_probe is not None:
            old_cal = _file_at(runner, result.old, "releases.toml") if result.old else None
            new_cal = _file_at(runner, result.new, "releases.toml") if result.new else None
            if old_cal != new_cal:
                try:
                    before_state = self.support_probe(lambda: _TreeReader(runner, result.old))
                    after_state = self.support_probe(lambda: _TreeReader(runner, result.new))
                except Exception as exc:  # the import is done; a calendar problem is a note
                    result.notes.append(f"support state not compared: {exc}")
                else:
                    result.support = SupportChange(before_state, after_state)


def _is_tag(ref: str) -> bool:
    return ref.startswith("refs/tags/")


def summarise_arrivals(
    before: Any, after: Any, new_commits: set[str], today: dt.date
) -> list[NoticeArrival]:
    """Per notice: new effective versions, changed ones, silent edits, from two catalogs."""
    old_versions: dict[str, set[dt.date]] = {}
    if before is not None:
        for notice in before.notices:
            old_versions[notice.key] = {v.effective_date for v in effective_versions(notice)}
    arrivals: list[NoticeArrival] = []
    retired: dict[str, NoticeArrival] = {}
    for notice in after.notices:
        fresh = [r for r in notice.revisions if r.commit in new_commits]
        if notice.retired:
            if notice.retired_in not in new_commits:
                continue
            if notice.path in retired:  # deleted, added again and deleted again: one line
                retired[notice.path].revisions += len(fresh)
                continue
            retired[notice.path] = NoticeArrival(notice.path, notice.title, "retired", len(fresh))
            arrivals.append(retired[notice.path])
            continue
        if not fresh:
            continue
        known = old_versions.get(notice.key)
        renamed = next((r.renamed_from for r in fresh if r.renamed_from), None)
        if known is None and renamed is not None:
            known = next((dates for key, dates in old_versions.items() if key == renamed), None)
        arrival = NoticeArrival(
            notice.path,
            notice.title,
            "new" if known is None else "changed",
            len(fresh),
            renamed_from=renamed,
        )
        for version in effective_versions(notice):
            if not any(r.commit in new_commits for r in version.revisions):
                continue
            arrival.versions.append(
                VersionArrival(
                    version.effective_date,
                    status_of(version, today),
                    version.revision.commit,
                    known is None or version.effective_date not in known,
                )
            )
        for revision in fresh:
            if revision.silent_edit:
                arrival.silent_edits.append(
                    SilentEdit(revision.commit, revision.subject, revision.effective_date)
                )
            if revision.technical:
                arrival.technical += 1
        arrivals.append(arrival)
    return arrivals


def import_bundle(
    bundle: Path | str,
    repository: Path | str,
    *,
    branch: str | None = None,
    require_signed: bool = False,
    today: dt.date | None = None,
    support: SupportProbe | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Import ``bundle`` into ``repository`` (created when it does not exist).

    ``support``, when given, is called with an ``open_repository`` callable for the old and
    the new commit when ``releases.toml`` changed, and returns a support status for each.
    Raises :class:`ImportRefused` (nothing changed) or :class:`RepoError`.
    """
    return _Importer(
        Path(bundle).expanduser().absolute(),  # git runs in the repository's folder
        Path(repository).expanduser().absolute(),
        branch=branch,
        require_signed=require_signed,
        today=today or dt.date.today(),
        support=support,
        progress=progress,
    ).run()


__all__ = [
    "JOURNAL",
    "LOCK",
    "PAUSE_ENV",
    "QUARANTINE",
    "BundleHeader",
    "ImportRefused",
    "ImportResult",
    "NoticeArrival",
    "SilentEdit",
    "SupportChange",
    "VersionArrival",
    "import_bundle",
    "read_bundle_header",
    "safe_ref",
    "summarise_arrivals",
    "user_gpg_config",
]
