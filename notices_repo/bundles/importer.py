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

import datetime as dt
import json
import os
import shutil
import uuid
from pathlib import Path
from typing import Any

from notices_repo.bundles.durable import alive, fsync_dir, import_lock, pause, write_atomic
from notices_repo.bundles.header import (
    BundleHeader,
    is_branch_ref,
    is_tag,
    read_bundle_header,
    safe_ref,
)
from notices_repo.bundles.objects import have_objects, store_objects
from notices_repo.bundles.refs import (
    QUARANTINE,
    drop_quarantine,
    ref_transaction,
    remove_empty_ref_folders,
    short,
)
from notices_repo.bundles.results import (
    ImportRefused,
    ImportResult,
    Progress,
    SupportChange,
    SupportProbe,
)
from notices_repo.bundles.signatures import check_signatures
from notices_repo.bundles.summary import notices_in_force, summarise_arrivals
from notices_repo.bundles.worktree import check_work_tree, update_work_tree, worktree_env
from notices_repo.catalog.repository import IMPORT_JOURNAL
from notices_repo.errors import NoticeError, RepoError
from notices_repo.git.queries import (
    commit_id,
    is_ancestor,
    object_id,
    repository_kind,
    tree_entry,
)
from notices_repo.git.runner import GitRunner

#: The journal of an import past its checks, in the git folder (read by ``_recover``).


# ------------------------------------------------------------------------- one commit


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
        kind = repository_kind(runner)
        git_dir, bare = kind.git_dir, kind.bare
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
        with import_lock(git_dir, self.repository):
            recovered = self._recover(runner, git_dir, work_tree)
            result = self._apply(runner, git_dir, work_tree, created=False)
            result.recovered = recovered
        if recovered:
            result.notes.insert(0, recovered)
        if result.commits:
            self._summarise(runner, result, self._before)
        return result

    def _branch_of_head(self, runner: GitRunner) -> str | None:
        status, out, _ = runner.run("symbolic-ref", "-q", "HEAD", check=False)
        ref = out.decode("utf-8", "replace").strip()
        return ref if status == 0 and ref.startswith("refs/heads/") else None

    def _apply(
        self, runner: GitRunner, git_dir: Path, work_tree: Path | None, *, created: bool
    ) -> ImportResult:
        # long: the commit protocol of the module docstring, its steps and pause points in order
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
            if ref == target or (is_tag(ref) and safe_ref(ref))
        ]
        quarantine = f"{QUARANTINE}/{uuid.uuid4().hex[:12]}"
        if have_objects(runner, [oid for _, oid in wanted]):
            wanted = []  # nothing new to hold on to: no quarantine, no write
        else:
            self.progress("storing objects")
            store_objects(runner, self.bundle, header)
            ref_transaction(
                runner,
                [f"create {quarantine}/{ref.removeprefix('refs/')} {oid}" for ref, oid in wanted],
            )
        pause("objects")
        try:
            updates = self._check(runner, result, target, old, new)
            checkout = (
                work_tree is not None
                and head_ref == target
                and any(ref == target for ref, _, _ in updates)
            )
            if checkout:
                assert work_tree is not None
                check_work_tree(runner, git_dir, work_tree, old, new)
        except BaseException:
            drop_quarantine(runner, quarantine)
            raise
        pause("checked")
        if not updates:
            drop_quarantine(runner, quarantine)
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
        write_atomic(git_dir / IMPORT_JOURNAL, json.dumps(journal).encode("utf-8"))
        pause("journal")
        lines = [
            f"update {ref} {new_oid} {old_oid}" if old_oid else f"create {ref} {new_oid}"
            for ref, old_oid, new_oid in updates
        ]
        lines += [f"delete {quarantine}/{ref.removeprefix('refs/')}" for ref, _ in wanted]
        try:
            ref_transaction(runner, lines)
        except RepoError as exc:
            (git_dir / IMPORT_JOURNAL).unlink(missing_ok=True)
            drop_quarantine(runner, quarantine)
            raise ImportRefused(
                f"the repository changed while importing ({exc.message}); nothing was "
                "imported, run the import again"
            ) from None
        remove_empty_ref_folders(runner)
        pause("refs")
        if checkout:
            assert work_tree is not None
            self.progress("updating the work tree")
            update_work_tree(runner, self.repository, git_dir, work_tree, old, new)
            result.work_tree_updated = True
        pause("work-tree")
        (git_dir / IMPORT_JOURNAL).unlink(missing_ok=True)
        fsync_dir(git_dir)
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
                f"refused: the bundle's {result.branch} ({short(new)}) does not contain this "
                f"box's {result.branch} ({short(old)} {subject!r}); importing it would rewrite "
                f"history and drop {len(dropped)} commit(s). Nothing was changed; make the "
                "bundle from a clone that has the box's history"
            )
        if old != new and not result.older_bundle:
            updates.append((target, old, new))
            result.commits = self._commits(runner, new, old)
        tip = old if result.older_bundle else new
        for oid, ref in self.header.refs:
            if not is_tag(ref):
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
                    f"({short(existing)} -> {short(oid)}); tags never change here. Nothing "
                    "was changed"
                )
            points = commit_id(runner, oid)
            if points is None or not is_ancestor(runner, points, tip):
                result.skipped_tags.append(ref)
                continue
            updates.append((ref, None, oid))
            result.tags.append(ref.removeprefix("refs/tags/"))
        if self.require_signed and result.commits:
            check_signatures(runner, result, new, old)
        return updates

    def _commits(self, runner: GitRunner, tip: str, exclude: str | None) -> list[str]:
        args = ["rev-list", "--topo-order", tip]
        if exclude:
            args.append(f"^{exclude}")
        return runner.output(*args).decode("ascii", "replace").split()

    def _subject(self, runner: GitRunner, commit: str) -> str:
        out = runner.output("log", "-1", "--no-show-signature", "--format=%s", commit, "--")
        return out.decode("utf-8", "replace").strip()[:80]

    # --- recovery ------------------------------------------------------------------

    def _recover(self, runner: GitRunner, git_dir: Path, work_tree: Path | None) -> str | None:
        """Finish (or forget) an import that was interrupted; the lock is already ours."""
        path = git_dir / IMPORT_JOURNAL
        for stale in git_dir.glob(f".{IMPORT_JOURNAL}.*.tmp"):  # a journal write cut short
            stale.unlink(missing_ok=True)
        try:
            journal = json.loads(path.read_text("utf-8"))
            updates = [(str(r), o, str(n)) for r, o, n in journal["updates"]]
            quarantine = str(journal["quarantine"])
        except FileNotFoundError:
            drop_quarantine(runner, QUARANTINE)
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
            drop_quarantine(runner, QUARANTINE)
            return "an interrupted import had changed nothing; it was discarded"
        rest = [
            f"update {ref} {new} {old}" if old else f"create {ref} {new}"
            for ref, old, new in updates
            if now[ref] != new and now[ref] == old
        ]
        if rest:
            ref_transaction(runner, rest)
        target = str(journal.get("branch") or "")
        tree = journal.get("work_tree")
        new_tip = next((new for ref, _, new in updates if ref == target), None)
        if tree and work_tree is not None and new_tip and self._branch_of_head(runner) == target:
            (git_dir / "index.lock").unlink(missing_ok=True)
            runner.run("read-tree", "--reset", "-u", new_tip, env=worktree_env(git_dir, work_tree))
        path.unlink(missing_ok=True)
        drop_quarantine(runner, QUARANTINE)
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
            if pid.isdigit() and not alive(int(pid)):
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
            pause("created")
            try:
                os.rename(work, self.repository)
            except OSError as exc:
                raise ImportRefused(
                    f"cannot move the new repository into {self.repository}: "
                    f"{exc.strerror or exc}; nothing was created"
                ) from None
            fsync_dir(parent)
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


__all__ = ["import_bundle"]
