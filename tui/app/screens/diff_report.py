"""The diff view's Markdown report (``e``): written to a new file in the current folder.

:func:`write_report` is the work of the report worker: the comparison as Markdown
(:func:`notices_repo.diff.render.render_markdown`), written under a name that says what
was compared (:func:`report_name`) to a file that did not exist (:func:`write_new_file`:
never overwrites, never follows a link planted under the name). It answers with a
:class:`ReportWritten` message, the path or why there is none.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

from notices_repo.diff.render import render_markdown

if TYPE_CHECKING:
    from notices_repo.diff.compare import DiffResult
    from notices_repo.model import Notice
    from notices_repo.usecases.compare import End

#: Report files tried before giving up (name, name-2, ... name-999).
MAX_REPORT_NAMES = 999


class ReportWritten(Message):
    """The report worker finished: where the file is, or why there is none."""

    def __init__(self, path: Path | None, error: str | None) -> None:
        super().__init__()
        self.path = path
        """The report written (None: none was)."""
        self.error = error
        """Why none was written, with what to do (None: it was)."""


def report_name(notice: Notice, old: End, new: End) -> str:
    """A file name for the report: ``notice-diff-<notice>-<from>-to-<to>.md``."""
    stem = notice.name.rsplit(".", 1)[0] if "." in notice.name else notice.name
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-._")[:60] or "notice"
    return f"notice-diff-{slug}-{old.date_label}-to-{new.date_label}.md"


def write_new_file(folder: Path, name: str, text: str) -> Path:
    """Write ``text`` to a file in ``folder`` that did not exist: ``name``, ``name-2``...

    Never overwrites and never follows a link planted under the name (``O_EXCL``).
    Raises OSError when the folder cannot be written to.
    """
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    data = text.encode("utf-8")
    for number in range(1, MAX_REPORT_NAMES + 1):
        candidate = name if number == 1 else f"{stem}-{number}{dot}{suffix}"
        path = folder / candidate
        try:
            fd = os.open(path, flags, 0o644)
        except FileExistsError:
            continue
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        return path
    raise FileExistsError(f"{MAX_REPORT_NAMES} reports named {name} already exist")


def why(error: OSError) -> str:
    """An OSError in a few words (``permission denied``)."""
    if isinstance(error, PermissionError):
        return "permission denied"
    return error.strerror or str(error)


def write_report(result: DiffResult, notice: Notice, old: End, new: End) -> ReportWritten:
    """Write the comparison as Markdown to a new file in the current folder (a worker's
    work: nothing here touches the screen)."""
    text = render_markdown(result, old.info(), new.info(), title=notice.title)
    name = report_name(notice, old, new)
    try:
        folder = Path.cwd()
    except OSError as exc:
        return ReportWritten(None, f"the current folder is gone ({why(exc)}); nothing written")
    try:
        path = write_new_file(folder, name, text)
    except OSError as exc:
        return ReportWritten(
            None,
            f"could not write the report in {folder}: {why(exc)}; start notice-tui "
            "from a folder you can write to",
        )
    return ReportWritten(path, None)
