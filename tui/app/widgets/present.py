"""Words and styled text for notices, versions and revisions (shared by the panes).

Everything that comes from the repository (titles, paths, subjects, authors) goes through
:func:`notices_repo.text.inert.inert_line` and into :class:`rich.text.Text` objects, never into
markup strings, so ``[bold]`` in a title stays literal and no escape reaches the terminal.
"""

from __future__ import annotations

import datetime as dt
import re

from rich.text import Text

from notices_repo.catalog.timeline import effective_versions, status_of
from notices_repo.model import EffectiveVersion, Notice, Revision
from notices_repo.text.inert import inert_line

#: Marks shown before a notice: its review state.
REVIEW_MARKS = {
    "new-version": ("●", "new since review"),
    "edited": ("◐", "edited since review"),
    "gone": ("?", "reviewed revision gone"),
    "reviewed": ("✓", "reviewed"),
    "not-reviewed": (" ", ""),
}


def lines_text(lines: list[Text]) -> Text:
    """Lines joined into one text that never wraps (long lines end in an ellipsis)."""
    return Text("\n", no_wrap=True, overflow="ellipsis").join(lines)


def safe(text: str) -> str:
    """Untrusted one-line text made inert."""
    return inert_line(text)


def plural(count: int, word: str, words: str | None = None) -> str:
    """``1 revision``, ``3 revisions``."""
    return f"{count} {word if count == 1 else (words or word + 's')}"


def date_text(version: EffectiveVersion | Revision) -> str:
    """The effective date as precise as it is known: ``2026-03-01`` or ``2026-03``."""
    day = version.effective_date
    return day.strftime("%Y-%m") if version.date_precision == "month" else day.isoformat()


def days_between(today: dt.date, day: dt.date) -> str:
    """``in 12 days``, ``tomorrow``, ``today``."""
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if delta > 0:
        return f"in {delta} days"
    if delta == -1:
        return "yesterday"
    return f"{-delta} days ago"


def version_status(version: EffectiveVersion, day: dt.date) -> str:
    """``takes effect in 12 days``, ``in force`` or ``superseded``, on ``day``."""
    status = status_of(version, day)
    if status == "upcoming":
        return f"takes effect {days_between(day, version.effective_date)}"
    if status in ("overridden", "withdrawn"):
        return status
    return "in force" if status == "in-force" else "superseded"


def version_flags(version: EffectiveVersion) -> list[str]:
    """Words for what is special about a version."""
    flags: list[str] = []
    if version.date_source == "commit":
        flags.append("commit date")
    if version.date_precision == "month":
        flags.append("month only")
    if version.silent_edits:
        flags.append(plural(version.silent_edits, "silent edit"))
    if version.technical_revisions:
        flags.append(f"{version.technical_revisions} technical")
    if version.overrode:
        flags.append(f"{version.overrode} overridden")
    return flags


def revision_flags(revision: Revision) -> list[str]:
    """Words for what is special about a revision (:meth:`Revision.change_flags`, inert)."""
    return [safe(word) for word in revision.change_flags()]


STATUS_WORDS = {"upcoming": "upcoming", "in-force": "in force", "superseded": "superseded"}


def status_style(status: str) -> str:
    """Rich style of a version status word (colour backs the words, never replaces them)."""
    return {"upcoming": "bold yellow", "in-force": "bold green"}.get(status, "dim")


def _words(text: str) -> set[str]:
    return set(re.findall(r"[^\W_]+", text.casefold()))


def display_name(notice: Notice) -> str:
    """The name a notice is listed by: its title when the title contains every word of
    the file name (``Terms of Use for Self-Managed Workspaces`` for
    ``terms-of-use-self-managed.md``), else the file name (``Privacy Policy``): in
    archives the first heading is often a section's, not the document's.
    """
    name = notice.name
    stem = name.rsplit(".", 1)[0] if "." in name else name
    if notice.title and _words(stem) <= _words(notice.title):
        return notice.title
    return stem or notice.title


def notice_prompt(
    notice: Notice,
    today: dt.date,
    *,
    review_state: str = "not-reviewed",
    as_of: dt.date | None = None,
) -> Text:
    """Two lines for the notice list: the title, then versions, latest date and review."""
    mark, meaning = REVIEW_MARKS.get(review_state, (" ", ""))
    versions = effective_versions(notice)
    first = Text(no_wrap=True, overflow="ellipsis")
    mark_style = "bold yellow" if review_state in ("new-version", "edited", "gone") else "green"
    first.append(f"{mark} ", style=mark_style)
    first.append(safe(display_name(notice)), style="bold" if review_state == "new-version" else "")
    second = Text(no_wrap=True, overflow="ellipsis", style="dim")
    second.append("  ")
    if meaning and review_state not in ("reviewed", "not-reviewed"):
        second.append(meaning, style="bold yellow")
        second.append(" · ")
    if as_of is not None:
        current = _in_force(notice, as_of)
        if current is None:
            second.append(f"not yet in force on {as_of.isoformat()}")
        else:
            second.append(f"{date_text(current)} in force then")
    else:
        latest = versions[0] if versions else None
        second.append(plural(len(versions), "version"))
        if latest is not None:
            second.append(f" · {date_text(latest)}")
            if latest.effective_date > today:
                second.append(" upcoming", style="yellow")
    return lines_text([first, second])


def _in_force(notice: Notice, day: dt.date) -> EffectiveVersion | None:
    from notices_repo.catalog.timeline import in_force

    return in_force(notice, day)


def version_prompt(
    version: EffectiveVersion,
    day: dt.date,
    *,
    expanded: bool,
    marked: bool = False,
    reviewed: bool = False,
) -> Text:
    """Two lines for the version list: date and status, then revisions and flags."""
    status = status_of(version, day)
    first = Text(no_wrap=True, overflow="ellipsis")
    first.append("▾ " if expanded else "▸ ", style="dim")
    first.append(date_text(version), style="bold")
    first.append("  ")
    first.append(STATUS_WORDS.get(status, status), style=status_style(status))
    if marked:
        first.append("  ◆ marked", style="bold magenta")
    if reviewed:
        first.append("  ✓ reviewed", style="green")
    second = Text(no_wrap=True, overflow="ellipsis", style="dim")
    second.append("  ")
    if status == "upcoming":
        second.append(version_status(version, day), style="yellow")
        second.append(" · ")
    second.append(plural(len(version.revisions), "revision"))
    for flag in version_flags(version):
        second.append(f" · {flag}")
    return lines_text([first, second])


def revision_prompt(revision: Revision, *, marked: bool = False, reviewed: bool = False) -> Text:
    """One line for a revision under an expanded version: commit, date, flags, subject."""
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append("  ")
    if marked:
        line.append("◆ ", style="bold magenta")
    if reviewed:
        line.append("✓ ", style="green")
    line.append(revision.commit[:7], style="dim")
    line.append(f" {revision.committed[:10]} ")
    flags = revision_flags(revision)
    if flags:
        line.append(f"[{', '.join(flags)}] ", style="yellow")
    line.append(safe(revision.subject))
    return line


def folder_prompt(folder: str, count: int) -> Text:
    """A group heading in the notice list."""
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(safe(folder) or "(top folder)", style="bold underline")
    text.append(f"  {count}", style="dim")
    return text
