"""What every headless command gets: options, config, output helpers, the repository.

Commands print through :class:`Context` so that untrusted text is always made inert,
``--json`` output is uniform, colour follows ``--color``/``NO_COLOR``, and long output goes
through ``$PAGER`` on a terminal (as git does). Nothing here imports Textual.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import json
import os
import re
import shlex
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from notices_repo.settings.config import AppConfig
from notices_repo.text.inert import inert
from notices_repo.usecases.repository import RepositoryChoice, choose, open_repository

if TYPE_CHECKING:
    from notices_repo.catalog.repository import NoticeRepository
    from notices_repo.model import Catalog

#: Characters that would reorder or hide text even inside JSON strings.
_JSON_UNSAFE = {c: f"\\u{c:04x}" for c in (0x061C, *range(0x200B, 0x2010), *range(0x202A, 0x202F))}
_JSON_UNSAFE.update({c: f"\\u{c:04x}" for c in (*range(0x2060, 0x2070), 0xFEFF)})
_JSON_UNSAFE.update({c: f"\\u{c:04x}" for c in (0x7F, *range(0x80, 0xA0))})
#: The same characters as one class: a regex scan is ~15x faster than ``str.translate``
#: with a dict on long texts.
_JSON_UNSAFE_RE = re.compile("[" + "".join(chr(c) for c in sorted(_JSON_UNSAFE)) + "]")


def _escape_unsafe(match: re.Match[str]) -> str:
    return _JSON_UNSAFE[ord(match.group())]


def json_text(obj: Any, *, pretty: bool = True) -> str:
    """JSON with no character that can reorder or hide text.

    ``pretty`` (for a terminal): indented by two spaces, UTF-8 kept, the characters of
    ``_JSON_UNSAFE`` escaped. Otherwise (for pipes, files and scripts) one line of ASCII:
    every non-ASCII character and DEL escaped as ``\\uXXXX``; the json module's C encoder writes
    it, several times faster on the tens of megabytes of ``log --json`` of a large archive.
    The parsed content is the same either way.
    """
    if not pretty:
        text = json.dumps(obj)
        return text.replace("\x7f", "\\u007f") if "\x7f" in text else text
    text = json.dumps(obj, ensure_ascii=False, indent=2)
    if text.isascii() and "\x7f" not in text:  # the common case, found at C speed
        return text
    return _JSON_UNSAFE_RE.sub(_escape_unsafe, text)


def json_chunks(obj: Any) -> Iterator[str]:
    """:func:`json_text` ``(obj, pretty=False)`` in pieces, for a document too large to
    hold twice (json's pure-Python encoder writes them: slower, so only for those)."""
    for chunk in json.JSONEncoder().iterencode(obj):
        yield chunk.replace("\x7f", "\\u007f") if "\x7f" in chunk else chunk


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection inside: building and encoding a large JSON document
    allocates a million containers, and the collector would walk the whole catalog again
    and again while they pile up (``log --json``: about 40 ms of 600 on a large archive).
    Nothing built there forms cycles that must be freed before the block ends."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class UsageError(Exception):
    """A bad option or argument: one line, exit 2 (3 for ``status``)."""


class Context:
    """Shared state and helpers for one command run."""

    def __init__(
        self,
        args: argparse.Namespace,
        config: AppConfig,
        *,
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
        usage_exit: int = 2,
    ) -> None:
        self.args = args
        self.config = config
        self.stdout = stdout or sys.stdout
        self.stderr = stderr or sys.stderr
        self.usage_exit = usage_exit
        self.json: bool = bool(getattr(args, "json", False))
        self.today: dt.date = getattr(args, "today", None) or dt.date.today()
        self._buffer: list[str] = []
        self._repository: NoticeRepository | None = None
        color = getattr(args, "color", None) or "auto"
        if color == "always":
            self.color = True
        elif color == "never":
            self.color = False
        else:
            self.color = self.stdout.isatty() and not os.environ.get("NO_COLOR")
        self.pager = not getattr(args, "no_pager", False) and not self.json and self.stdout.isatty()

    # output ---------------------------------------------------------------------------

    def print(self, text: str = "") -> None:
        """Print untrusted text (made inert first)."""
        self._buffer.append(inert(text))

    def print_raw(self, text: str = "") -> None:
        """Print text the caller already made safe (it may carry our own colour codes)."""
        self._buffer.append(text)

    def print_json(self, obj: Any) -> None:
        """Print one JSON document: indented on a terminal, one ASCII line for pipes."""
        self._buffer.append(json_text(obj, pretty=self.stdout.isatty()))

    def style(self, text: str, code: str) -> str:
        """``text`` in an ANSI SGR ``code`` when colour is on (text must already be inert)."""
        return f"\x1b[{code}m{text}\x1b[0m" if self.color else text

    def error(self, message: str) -> int:
        """Print ``notice-tui: <message>`` on stderr; return the usage exit code."""
        self.stderr.write(f"notice-tui: {inert(message)}\n")
        self.stderr.flush()
        return self.usage_exit

    def warn(self, message: str) -> None:
        """A warning on stderr (does not change the exit code)."""
        self.stderr.write(f"notice-tui: warning: {inert(message)}\n")

    def flush(self) -> None:
        """Write buffered output, through the pager when it does not fit the terminal."""
        if not self._buffer:
            return
        text = "\n".join(self._buffer) + "\n"
        self._buffer.clear()
        if self.pager and self._too_long(text):
            command = os.environ.get("PAGER") or "less"
            env = dict(os.environ)
            env.setdefault("LESS", "FRX")
            try:
                proc = subprocess.Popen(shlex.split(command), stdin=subprocess.PIPE, env=env)
                assert proc.stdin is not None
                try:
                    proc.stdin.write(text.encode("utf-8", "replace"))
                    proc.stdin.close()
                except BrokenPipeError:
                    pass
                proc.wait()
                return
            except (OSError, ValueError):
                pass
        try:
            self.stdout.write(text)
            self.stdout.flush()
        except BrokenPipeError:
            pass

    @staticmethod
    def _too_long(text: str) -> bool:
        try:
            rows = os.get_terminal_size().lines
        except OSError:
            return False
        return text.count("\n") > rows - 1

    # repository -----------------------------------------------------------------------

    def repository_choice(self) -> RepositoryChoice:
        """The repository the user chose (``--repo``, environment, config, the sample)."""
        return choose(getattr(self.args, "repo", None), self.config)

    def repository_path(self) -> tuple[Path | None, str]:
        """The repository to use and where that choice came from (None: the sample)."""
        choice = self.repository_choice()
        return choice.path, choice.origin

    def open_repository(self) -> NoticeRepository:
        """Open the chosen repository (the sample when none is chosen); RepoError on trouble."""
        if self._repository is None:
            self._repository = open_repository(self.repository_choice())
        return self._repository

    def load_catalog(self) -> Catalog:
        """Open the repository and load its catalog, with progress on a terminal."""
        repository = self.open_repository()
        started = time.monotonic()
        shown = False
        interactive = self.stderr.isatty()

        def progress(stage: str, done: int, total: int) -> None:
            nonlocal shown
            if not interactive or time.monotonic() - started < 0.5:
                return
            shown = True
            count = f" {done}/{total}" if total else ""
            self.stderr.write(f"\r\x1b[2Knotice-tui: {stage}{count}…")
            self.stderr.flush()

        try:
            catalog = repository.load(progress=progress)
        finally:
            if shown:
                self.stderr.write("\r\x1b[2K")
                self.stderr.flush()
        return catalog

    def close(self) -> None:
        """Release the repository's processes."""
        if self._repository is not None:
            self._repository.close()


__all__ = ["Context", "UsageError", "json_text", "paused_gc"]
