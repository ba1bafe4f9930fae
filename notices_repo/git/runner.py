"""The one place where git runs.

Every git command notice-tui starts goes through :class:`GitRunner`, which

* runs git through GitPython's :class:`git.cmd.Git` (imported lazily: it costs ~0.15 s),
  and long-running processes (``cat-file --batch``) through :class:`subprocess.Popen`
  with the same command line and environment;
* passes ``-c`` overrides that switch off every program a repository's config can name
  (hooks, fsmonitor, pager, editors, external diff, askpass, credential helpers, ssh, gpg,
  signature display, submodule recursion) and every network transport
  (``protocol.allow=never``); ``-c`` wins over the repository's config and over config it
  includes;
* adds, per repository, overrides for the settings whose *names* the repository chooses
  (``filter.<driver>.smudge``, ``diff.<driver>.textconv``, ``protocol.<name>.allow``,
  ``credential.<url>.helper`` ...): their names are listed once with
  ``git config -l --name-only`` and each is neutralised through ``GIT_CONFIG_KEY_<n>``
  environment pairs, which carry any name, even one containing ``=``;
* clears environment variables that would point git at another repository or program,
  sets ``GIT_OPTIONAL_LOCKS=0`` so that no read refreshes ``.git/index``, and
  ``GIT_NO_LAZY_FETCH=1`` so that git 2.45+ never even starts a partial clone's lazy fetch
  (older git starts it, and ``protocol.allow=never`` stops it before any transport);
* limits repository discovery to the folder given (``GIT_CEILING_DIRECTORIES``), so a
  folder inside someone's home-directory repository is not silently read as that repository;
* turns git's failures into :class:`~notices_repo.errors.RepoError` with one line that
  names the problem and the fix (dubious ownership names the ``git config`` line).

Only plumbing is used for reading (``log --raw``, ``cat-file --batch``, ``ls-tree``,
``rev-parse``): none of them runs textconv or filter drivers. The overrides are a second
wall for the commands that could (``notice-tui import`` updates a work tree).
"""

from __future__ import annotations

import logging
import os
import re
import shlex
import shutil
import subprocess
import tempfile
import threading
import time
import weakref
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from notices_repo.errors import RepoError

log = logging.getLogger("notices_repo.git")

#: ``-c`` settings given to every git command.
SAFE_CONFIG: tuple[tuple[str, str], ...] = (
    ("core.hooksPath", "/dev/null"),
    ("core.fsmonitor", "false"),
    ("core.untrackedCache", "false"),
    ("core.pager", "cat"),
    ("core.editor", "false"),
    ("sequence.editor", "false"),
    ("core.askPass", "false"),
    ("core.sshCommand", "false"),
    ("core.gitProxy", ""),
    ("core.alternateRefsCommand", ""),
    ("credential.helper", ""),
    ("diff.external", ""),
    ("gpg.program", "false"),
    ("gpg.openpgp.program", "false"),
    ("gpg.x509.program", "false"),
    ("gpg.ssh.program", "false"),
    ("gpg.ssh.defaultKeyCommand", "false"),
    ("log.showSignature", "false"),
    ("log.mailmap", "false"),
    ("color.ui", "false"),
    ("i18n.logOutputEncoding", "UTF-8"),
    ("gc.auto", "0"),
    ("maintenance.auto", "false"),
    ("submodule.recurse", "false"),
    ("fetch.recurseSubmodules", "false"),
    ("protocol.allow", "never"),
)

#: Settings whose middle part the repository names (``filter.<driver>.smudge``): the value
#: that neutralises each, by ``(section, key)``; matched case-insensitively as git does.
#: An empty filter command means "no filter"; an empty diff or merge command would be run
#: as a program named "", so those get ``cat`` (textconv: the text as it is) and ``false``
#: (an external diff or merge driver fails instead of running).
NAMED_OVERRIDES: dict[tuple[str, str], str] = {
    ("filter", "clean"): "",
    ("filter", "smudge"): "",
    ("filter", "process"): "",
    ("filter", "required"): "false",
    ("diff", "command"): "false",
    ("diff", "textconv"): "cat",
    ("merge", "driver"): "false",
    ("protocol", "allow"): "never",
    ("credential", "helper"): "",
    ("remote", "uploadpack"): "git-upload-pack",
    ("remote", "receivepack"): "git-receive-pack",
    ("remote", "proxy"): "",
    ("http", "proxy"): "",
}

#: Environment variables that redirect git elsewhere; removed from our process once.
_REDIRECTING_ENV = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR",
    "GIT_NAMESPACE",
    "GIT_EXTERNAL_DIFF",
    "GIT_DIFF_OPTS",
    "GIT_CONFIG_PARAMETERS",
    "GIT_CONFIG_COUNT",
    "GIT_PAGER",
    "GIT_EDITOR",
    "GIT_SEQUENCE_EDITOR",
    "GIT_ASKPASS",
    "SSH_ASKPASS",
    "GIT_SSH",
    "GIT_SSH_COMMAND",
    "GIT_PROXY_COMMAND",
    "GIT_REPLACE_REF_BASE",
    "GIT_EXEC_PATH",
    "GIT_TEMPLATE_DIR",
)

_scrubbed = False
_scrub_lock = threading.Lock()


def _scrub_environment() -> None:
    global _scrubbed
    with _scrub_lock:
        if _scrubbed:
            return
        for name in _REDIRECTING_ENV:
            os.environ.pop(name, None)
        for name in list(os.environ):
            if name.startswith(("GIT_CONFIG_KEY_", "GIT_CONFIG_VALUE_")):
                os.environ.pop(name, None)
        _scrubbed = True


def safe_config_args(extra: Sequence[tuple[str, str]] = ()) -> list[str]:
    """The ``-c key=value`` arguments every git command gets."""
    args: list[str] = []
    for key, value in (*SAFE_CONFIG, *extra):
        args += ["-c", f"{key}={value}"]
    return args


def named_overrides(config_names: Sequence[str]) -> list[tuple[str, str]]:
    """``(name, value)`` neutralising each repository-named setting in ``config_names``.

    ``config_names`` is what ``git config -l --name-only`` lists. Names are kept exactly as
    listed (git lower-cases section and key, and keeps the middle part's case).
    """
    out: dict[str, str] = {}
    for name in config_names:
        section, dot, rest = name.partition(".")
        middle, dot2, key = rest.rpartition(".")
        if not dot or not dot2 or not middle:
            continue
        value = NAMED_OVERRIDES.get((section.lower(), key.lower()))
        if value is not None:
            out[name] = value
    return list(out.items())


def explain_git_failure(stderr: str, path: Path | str) -> str:
    """One line that names what went wrong with git at ``path`` and how to fix it."""
    text = stderr.strip()
    low = text.lower()
    if "dubious ownership" in low:
        # git names the folder it wants trusted (absolute; the .git folder for a bare one)
        named = re.search(r"safe\.directory (.+)$", text, re.MULTILINE)
        folder = str(Path(path).resolve())
        if named:  # git shell-quotes unusual names its own way; give one canonical form
            try:
                folder = " ".join(shlex.split(named.group(1)))
            except ValueError:
                folder = named.group(1).strip()
        return (
            f"{path} is owned by another user and git refuses to read it (dubious ownership); "
            f"if you trust it, run: git config --global --add safe.directory "
            f"{shlex.quote(folder)}"
        )
    if "not a git repository" in low:
        return (
            f"{path} is not a git repository; pass --repo with the top folder of a notices "
            "repository (or its .git folder)"
        )
    if "does not have any commits" in low or "unknown revision" in low:
        return f"{path} has no commits yet; add a notice and commit it, or import a bundle"
    if "promisor remote" in low or "lazy fetching disabled" in low:
        return (
            f"{path} is a partial clone and objects git needs are not on this box; "
            "notice-tui never fetches them: bring a full clone or a bundle instead"
        )
    if "shallow" in low and "unshallow" in low:
        return f"{path} is a shallow clone and git could not read past its boundary"
    first = next((line for line in text.splitlines() if line.strip()), "git failed")
    first = first.removeprefix("fatal: ").removeprefix("error: ")
    return f"git failed in {path}: {first}"


def _drain(stream: Any) -> None:
    try:
        while stream.read(65536):
            pass
    except (OSError, ValueError):
        pass


_NOT_INSTALLED = "git is not installed or not on PATH; install git 2.30 or newer"


def _launch_error(exc: Exception, path: Path) -> Exception:
    """Translate a failure to start git; unknown exceptions pass through unchanged."""
    if type(exc).__name__ == "GitCommandNotFound" or isinstance(exc, FileNotFoundError):
        return RepoError(_NOT_INSTALLED)
    if isinstance(exc, OSError):
        return RepoError(f"cannot run git in {path}: {exc.strerror or exc}")
    return exc


def lower_priority(nice: int, pid: int = 0) -> None:
    """Lower the scheduling priority of process ``pid`` (0: this one) by ``nice`` (0:
    leave it); where the system has no such call, nothing happens."""
    if nice <= 0 or not hasattr(os, "setpriority"):
        return
    try:
        current = os.getpriority(os.PRIO_PROCESS, pid)
        os.setpriority(os.PRIO_PROCESS, pid, min(19, current + nice))
    except OSError as exc:  # the process is gone, or not ours to change
        log.debug("priority not lowered (%s)", exc)


class GitRunner:
    """Runs git in one repository folder with the safety settings above.

    ``path`` is the folder the user named: a work tree's top folder, a ``.git`` folder or
    a bare repository. Discovery never goes above it. ``extra_config`` is appended after
    the safety settings (so it wins over them: use it only with values notice-tui chose).
    """

    def __init__(self, path: Path, extra_config: Sequence[tuple[str, str]] = ()) -> None:
        _scrub_environment()
        self.path = Path(path)
        self._config_args = safe_config_args(extra_config)
        self._env = {
            "GIT_CEILING_DIRECTORIES": str(self.path.resolve().parent),
            "GIT_TERMINAL_PROMPT": "0",
            "GIT_OPTIONAL_LOCKS": "0",
            "GIT_PAGER": "cat",
            "PAGER": "cat",
            "GIT_NO_REPLACE_OBJECTS": "1",
            "GIT_PROTOCOL_FROM_USER": "0",
            "GIT_NO_LAZY_FETCH": "1",
        }
        self._git: Any = None
        self._named: dict[str, str] | None = None
        self._promisor = False
        self._shadow: str | None = None
        self._scratch: dict[str, str] | None = None
        self._named_lock = threading.RLock()

    @property
    def git(self) -> Any:
        """GitPython's command object (created on first use)."""
        if self._git is None:
            self._check_folder()
            try:
                from git.cmd import Git  # lazy: importing GitPython costs ~0.15 s
            except ImportError as exc:  # GitPython refuses to load without a git binary
                raise RepoError(_NOT_INSTALLED) from exc
            self._git = Git(str(self.path))
        return self._git

    def _check_folder(self) -> None:
        if not self.path.is_dir():
            raise RepoError(
                f"{self.path} does not exist or is not a folder; pass --repo with the "
                "folder of a notices git repository"
            )

    def argv(self, args: Sequence[str], config: Sequence[tuple[str, str]] = ()) -> list[str]:
        """The whole command line for ``args``, with ``config`` as more ``-c`` settings."""
        extra = [part for key, value in config for part in ("-c", f"{key}={value}")]
        return ["git", "--no-pager", *self._config_args, *extra, *args]

    # repository-named settings ---------------------------------------------------------

    def named_config(self) -> dict[str, str]:
        """The overrides for settings named by this repository's config (listed once)."""
        with self._named_lock:
            if self._named is None:
                status, out, _ = self._execute(
                    ("config", "--list", "--name-only", "-z"), env=self._env, stdin=None
                )
                names = out.decode("utf-8", "surrogateescape").split("\x00") if status == 0 else []
                self._named = dict(named_overrides([n for n in names if n]))
                self._promisor = any(
                    n.lower() == "extensions.partialclone"
                    or (n.lower().startswith("remote.") and n.lower().endswith(".promisor"))
                    for n in names
                )
                if self._named:
                    log.debug("neutralising %d repository-named settings", len(self._named))
            return self._named

    def is_partial_clone(self) -> bool:
        """Whether the repository may lack objects it would fetch on demand (a promisor)."""
        self.named_config()
        return self._promisor

    def _objects_only_dir(self) -> str | None:
        """A private git folder that reads this repository's objects and can never fetch.

        In a partial clone, git < 2.45 (which ignores ``GIT_NO_LAZY_FETCH``) answers a read
        of a missing object by starting ``git fetch`` from the promisor remote, and when
        ``protocol.allow=never`` stops that, ``cat-file --batch`` dies instead of saying
        "missing". Object reads are therefore pointed (``GIT_DIR``) at an empty repository
        whose ``objects/info/alternates`` names the real object folder: same objects, no
        promisor, so a missing object is just missing. Made once per runner, removed with it.
        """
        with self._named_lock:
            if self._shadow is None:
                status, out, _ = self._execute(
                    (
                        "rev-parse",
                        "--path-format=absolute",
                        "--git-path",
                        "objects",
                        "--show-object-format",
                    ),
                    env=self._env,
                    stdin=None,
                )
                lines = out.decode("utf-8", "surrogateescape").splitlines()
                if status != 0 or len(lines) < 2:
                    return None
                shadow = Path(tempfile.mkdtemp(prefix="notice-tui-objects-"))
                weakref.finalize(self, shutil.rmtree, shadow, True)
                (shadow / "objects" / "info").mkdir(parents=True)
                (shadow / "refs").mkdir()
                (shadow / "HEAD").write_text("ref: refs/heads/none\n", encoding="utf-8")
                sha256 = lines[1].strip() == "sha256"
                (shadow / "config").write_text(
                    f"[core]\n\trepositoryformatversion = {int(sha256)}\n\tbare = true\n"
                    + ("[extensions]\n\tobjectFormat = sha256\n" if sha256 else ""),
                    encoding="utf-8",
                )
                (shadow / "objects" / "info" / "alternates").write_text(
                    lines[0] + "\n", encoding="utf-8"
                )
                self._shadow = str(shadow)
            return self._shadow

    def _scratch_objects(self) -> dict[str, str]:
        """Variables that send the objects a command writes to a private temporary folder
        while it reads the repository's own (as an alternate), so the repository is never
        written to, also where it is read-only. ``git log --diff-merges=remerge`` needs
        this: its re-merge of each merge's parents writes temporary objects. Made once per
        runner, removed with it."""
        with self._named_lock:
            if self._scratch is None:
                status, out, _ = self._execute(
                    ("rev-parse", "--path-format=absolute", "--git-path", "objects"),
                    env=self._env,
                    stdin=None,
                )
                objects = out.decode("utf-8", "surrogateescape").strip()
                if status != 0 or not objects:
                    self._scratch = {}
                else:
                    folder = tempfile.mkdtemp(prefix="notice-tui-scratch-")
                    weakref.finalize(self, shutil.rmtree, folder, True)
                    self._scratch = {
                        "GIT_OBJECT_DIRECTORY": folder,
                        "GIT_ALTERNATE_OBJECT_DIRECTORIES": objects,
                    }
            return self._scratch

    def _object_env(self, args: Sequence[str]) -> dict[str, str]:
        """``GIT_DIR`` of :meth:`_objects_only_dir` for object reads in a partial clone;
        :meth:`_scratch_objects` for a ``log`` that re-merges merges."""
        if args and args[0] == "log" and "--diff-merges=remerge" in args:
            return self._scratch_objects()
        if args and args[0] == "cat-file" and self.is_partial_clone():
            shadow = self._objects_only_dir()
            if shadow is not None:
                return {"GIT_DIR": shadow}
        return {}

    def environment(self, env: dict[str, str] | None = None) -> dict[str, str]:
        """Variables added to our environment for one git command."""
        full = {**self._env, **(env or {})}
        named = self.named_config()
        if named:
            full["GIT_CONFIG_COUNT"] = str(len(named))
            for index, (key, value) in enumerate(named.items()):
                full[f"GIT_CONFIG_KEY_{index}"] = key
                full[f"GIT_CONFIG_VALUE_{index}"] = value
        return full

    # running ---------------------------------------------------------------------------

    def _execute(
        self, args: Sequence[str], *, env: dict[str, str], stdin: Any
    ) -> tuple[int, bytes, bytes | str]:
        try:
            status, out, err = self.git.execute(
                self.argv(args),
                with_extended_output=True,
                with_exceptions=False,
                stdout_as_string=False,
                strip_newline_in_stdout=False,
                istream=stdin,
                env=env,
            )
        except Exception as exc:
            raise _launch_error(exc, self.path) from exc
        return status, out, err

    def run(
        self,
        *args: str,
        check: bool = True,
        stdin: Any = None,
        env: dict[str, str] | None = None,
    ) -> tuple[int, bytes, str]:
        """Run git and return ``(status, stdout bytes, stderr text)``.

        With ``check`` a non-zero status raises :class:`RepoError` with an explanation.
        """
        started = time.perf_counter()
        status, out, err = self._execute(
            args, env=self.environment({**self._object_env(args), **(env or {})}), stdin=stdin
        )
        elapsed = time.perf_counter() - started
        log.debug("git %s -> %s in %.3f s", args[0] if args else "", status, elapsed)
        err_text = err.decode("utf-8", "replace") if isinstance(err, bytes) else str(err)
        if check and status != 0:
            raise RepoError(explain_git_failure(err_text, self.path))
        return status, out, err_text

    def output(self, *args: str) -> bytes:
        """Stdout of a git command that must succeed."""
        return self.run(*args)[1]

    def popen(
        self,
        *args: str,
        stdin: int | None = subprocess.PIPE,
        config: Sequence[tuple[str, str]] = (),
        nice: int = 0,
    ) -> subprocess.Popen[bytes]:
        """Start a long-running git process (``cat-file --batch``, a streamed ``log``).

        The caller owns the process: close its stdin, read its stdout, ``wait()`` for it.
        Its stderr is drained in the background so that git never blocks on a full pipe.
        ``config``: more ``-c`` settings for this process alone (they win over the
        repository's own, like :data:`SAFE_CONFIG`). ``nice``: run it at a lower priority
        (:func:`lower_priority`), for work in the background of an interactive reader.
        """
        log.debug("git %s (process)", args[0] if args else "")
        self._check_folder()
        env = {
            **os.environ,
            "LANGUAGE": "C",
            "LC_ALL": "C",
            **self.environment(self._object_env(args)),
        }
        try:
            proc = subprocess.Popen(
                self.argv(args, config),
                cwd=self.path,
                env=env,
                stdin=stdin if stdin is not None else subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
        except OSError as exc:
            raise _launch_error(exc, self.path) from exc
        lower_priority(nice, proc.pid)
        assert proc.stderr is not None
        threading.Thread(target=_drain, args=(proc.stderr,), daemon=True).start()
        return proc
