"""The diff view's words: the header (the two ends compared) and the status line.

The header names the notice and, for each end, its effective date, status on the day
(upcoming, in force, superseded), commit, commit date and subject; the status line says
the layout, whitespace, extent, which change, the section at hand and the find. Text
from the repository is made inert here (titles, paths, subjects, headings).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.text import Text

from notices_repo.catalog.timeline import status_of
from notices_repo.text.inert import inert_line
from tui.app.widgets.diff_rows import SIDE_BY_SIDE

if TYPE_CHECKING:
    from notices_repo.diff.compare import DiffResult
    from notices_repo.model import Notice
    from notices_repo.usecases.compare import End
    from tui.app.widgets.diff_lines import DiffLines


def header_text(notice: Notice, old: End, new: End, today: dt.date) -> Text:
    """Two or three lines: the notice, then ``- from`` and ``+ to`` with their details."""
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append("Compare ", style="bold")
    text.append(inert_line(notice.title), style="bold")
    text.append(f"  {inert_line(notice.path)}", style="dim")
    for label, sign, style, end in (
        ("from", "-", "bold red", old),
        ("to  ", "+", "bold green", new),
    ):
        text.append("\n")
        text.append(f"{sign} ", style=style)
        text.append(f"{label}  ")
        text.append(end.date_label, style="bold")
        if end.version is not None:
            status = status_of(end.version, today)
            words = {"upcoming": "upcoming", "in-force": "in force"}.get(status, "superseded")
            text.append(f" ({words})")
        text.append(f"  {end.revision.commit[:10]}", style="dim")
        text.append(f"  {end.revision.committed[:10]}  ")
        text.append(inert_line(end.revision.subject))
    return text


def status_text(
    lines: DiffLines,
    result: DiffResult | None,
    *,
    mode: str,
    ignore_whitespace: bool,
    full: bool,
    find: str | None,
) -> Text:
    """``unified · whitespace counted · changes only · change 2 of 5 · § Cookies``, and
    the find (``find``: its words, None: no search)."""
    parts: list[str] = [
        "side by side" if mode == SIDE_BY_SIDE else "unified",
        "whitespace ignored" if ignore_whitespace else "whitespace counted",
        "whole text" if full else "changes only",
    ]
    layout = lines.diff_layout
    if layout is not None and result is not None:
        total = len(layout.change_rows)
        change = lines.current_change
        if total == 0:
            parts.append("no changes")
        elif change >= 0:
            parts.append(f"change {change + 1} of {total}")
        else:
            parts.append(f"{total} change{'' if total == 1 else 's'}")
        if lines.current_change_on_screen():
            section = layout.change_sections[change]
        else:
            section = layout.section_at(lines.top_row)
        if section >= 0:
            heading = result.sections[section].heading
            parts.append(f"§ {inert_line(heading) if heading else '(preamble)'}")
    if find is not None:
        parts.append(find)
    return Text(" · ".join(parts))
