"""The period report as text (a terminal) and as Markdown (a report an auditor can file).

Every title, path and heading comes from the repository and is untrusted: in text it is
made inert (:func:`notices_repo.text.inert.inert_line`), in Markdown it is escaped
(:func:`notices_repo.diff.render.md_escape`) and notice text only ever appears inside
fenced code blocks longer than any backtick run in it, as in the ``diff`` report.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from notices_repo import __version__
from notices_repo.diff.compare import ADDED, CHANGED, MOVED, REMOVED
from notices_repo.diff.render import iter_text, mark_hunks, md_escape, section_title
from notices_repo.reports.changes import (
    REVISION,
    UPCOMING,
    Change,
    ChangesReport,
    NoticeChanges,
)
from notices_repo.reports.digest_cache import ChangeDigest, SectionChange
from notices_repo.text.inert import inert_line

_SIGNS = {ADDED: "+", REMOVED: "-", CHANGED: "~", MOVED: ">"}
#: Sections and categories named per change in the text output (the rest are counted).
TEXT_NAMES = 12


def counts_line(report: ChangesReport) -> str:
    """``3 notices changed (4 versions, 1 revision); 1 upcoming version announced``."""
    c = report.counts()
    if not report.has_changes:
        return "no notice changed"
    versions = _plural(c["versions"], "version")
    revisions = _plural(c["revisions"], "revision")
    line = f"{_plural(c['notices_changed'], 'notice')} changed ({versions}, {revisions})"
    if c["upcoming"]:
        line += f"; {_plural(c['upcoming'], 'upcoming version')} announced"
    return line


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def digest_words(digest: ChangeDigest | None) -> str:
    """``Sections: 1 added, 0 removed, 2 changed, 0 moved. Data categories: ...``."""
    if digest is None:
        return ""
    if not digest.has_changes:
        return "No differences."
    s = digest.summary
    return (
        f"Sections: {s['sections_added']} added, {s['sections_removed']} removed, "
        f"{s['sections_changed']} changed, {s['sections_moved']} moved. "
        f"Data categories: {s['categories_added']} added, {s['categories_removed']} removed, "
        f"{s['categories_changed']} changed."
    )


def digest_cells(digest: ChangeDigest | None) -> tuple[str, str]:
    """Sections and data categories in a few characters each, for table cells:
    ``("+1 -0 ~2 >0", "+1 -0 ~0")`` (added, removed, changed, moved)."""
    if digest is None:
        return "…", "…"
    s = digest.summary
    sections = (
        f"+{s['sections_added']} -{s['sections_removed']} ~{s['sections_changed']} "
        f">{s['sections_moved']}"
    )
    categories = f"+{s['categories_added']} -{s['categories_removed']} ~{s['categories_changed']}"
    return sections, categories


def section_words(section: SectionChange) -> str:
    """``changed, moved: Heading (heading was: Old)``; inert, one line."""
    status = "changed, moved" if section.status == CHANGED and section.moved else section.status
    heading = inert_line(section.heading) if section.heading else "(text before the first heading)"
    words = f"{status}: {heading}"
    if section.old_heading is not None:
        words += f" (heading was: {inert_line(section.old_heading) or '(none)'})"
    return words


def change_title(change: Change) -> str:
    """``2026-03-01  new version, replaces 2025-01-01  0123456789`` (inert)."""
    day = change.effective_date.isoformat()
    commit = change.revision.commit[:10]
    before = change.before_version
    if change.kind == REVISION:
        flags = ", ".join(inert_line(f) for f in change.flags) or "edit"
        return f"{change.announced}  revision of the version effective {day} ({flags})  {commit}"
    replaces = f"replaces {before.effective_date.isoformat()}" if before else "first version"
    if change.kind == UPCOMING:
        return f"{day}  upcoming, announced {change.announced}, {replaces}  {commit}"
    extra = ""
    if change.revision_count > 1:
        extra = f", {_plural(change.revision_count, 'revision')}"
        if change.silent_edit_count:
            extra += f" ({_plural(change.silent_edit_count, 'silent edit')})"
    return f"{day}  new version, {replaces}{extra}  {commit}"


# --------------------------------------------------------------------------- text


def iter_report_text(report: ChangesReport, *, color: bool = False) -> Iterator[str]:
    """The ``changes`` text output, a line at a time (no newlines)."""
    bold = (lambda text: f"\x1b[1m{text}\x1b[0m") if color else (lambda text: text)
    yield bold(f"Changes from {report.period.describe()}: {counts_line(report)}")
    head = (report.head or "no commits")[:10]
    yield f"Repository {inert_line(report.repository)} at {head}, as of {report.today.isoformat()}"
    for warning in report.warnings:
        yield f"warning: {inert_line(warning)}"
    changed = report.changed
    for changes in changed:
        yield ""
        yield bold(_notice_line(changes))
        for change in changes.in_force:
            yield from _change_lines(change, report.full, color)
    announced = report.announced
    if announced:
        yield ""
        yield bold(f"Upcoming (announced, not in force by {report.end.isoformat()}):")
        for changes in announced:
            yield ""
            yield bold(_notice_line(changes))
            for change in changes.upcoming:
                yield from _change_lines(change, report.full, color)


def _notice_line(changes: NoticeChanges) -> str:
    notice = changes.notice
    retired = " (retired)" if notice.retired else ""
    return f"{inert_line(notice.path)}  {inert_line(notice.title)}{retired}"


def _change_lines(change: Change, full: bool, color: bool) -> Iterator[str]:
    yield f"  {change_title(change)}"
    digest = change.digest
    if digest is None:
        return
    yield f"    {digest_words(digest)}"
    if full and change.result is not None:
        text = "".join(iter_text(change.result, color=color))
        lines = text.rstrip("\n").split("\n")[1:]  # the summary line is said above
        for line in lines:
            yield f"      {line}" if line else ""
        return
    lines = [f"    {_SIGNS.get(s.status, '~')} {section_words(s)}" for s in digest.sections]
    lines += [
        f"    {_SIGNS.get(c.status, '~')} data category {c.status}: {inert_line(c.name)}"
        for c in digest.categories
    ]
    if len(lines) > TEXT_NAMES + 1:  # a terminal report stays readable; files list all
        more = len(lines) - TEXT_NAMES
        lines[TEXT_NAMES:] = [f"    … {more} more (every one with --format markdown or --json)"]
    yield from lines


def render_text(report: ChangesReport, *, color: bool = False) -> str:
    """The whole text output, ending with a newline."""
    return "\n".join(iter_report_text(report, color=color)) + "\n"


# --------------------------------------------------------------------------- markdown


def _fence(text: str) -> str:
    """``text`` in a fenced block longer than any backtick run in it (as the diff report)."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    body = text if text.endswith("\n") else text + "\n"
    return f"{fence}text\n{body}{fence}"


def render_markdown(report: ChangesReport) -> str:
    """A Markdown report to file: title, period, repository and HEAD commit, generated-at,
    then one section per notice (its versions, revisions and upcoming versions)."""
    out = [f"# Notice changes from {report.period.describe()}", ""]
    out.append(f"- **Period:** {report.period.describe()} (effective dates; both days included)")
    out.append(f"- **As of:** {report.today.isoformat()} (what is in force, what is upcoming)")
    out.append(f"- **Repository:** {md_escape(report.repository)}")
    out.append(f"- **HEAD commit:** {md_escape(report.head or 'none (no commits)')}")
    out.append(f"- **Generated at:** {md_escape(report.generated_at)} by notice-tui {__version__}")
    out.append(f"- **Summary:** {md_escape(counts_line(report))}")
    for warning in report.warnings:
        out.append(f"- **Warning:** {md_escape(warning)}")
    if not report.has_changes:
        out += ["", "No notice changed in the period."]
        return "\n".join(out) + "\n"
    for number, changes in enumerate(report.notices, 1):
        notice = changes.notice
        out += ["", f"## {number}. {md_escape(notice.title)}", ""]
        out.append(
            f"- **Path:** {md_escape(notice.path)}" + (" (retired)" if notice.retired else "")
        )
        for change in changes.in_force:
            out += _markdown_change(change, report.full)
        if changes.upcoming:
            out += ["", f"### Upcoming, not in force by {report.end.isoformat()}"]
            for change in changes.upcoming:
                out += _markdown_change(change, report.full, level="####")
    return "\n".join(out) + "\n"


def _markdown_change(change: Change, full: bool, level: str = "###") -> list[str]:
    day = change.effective_date.isoformat()
    if change.kind == REVISION:
        flags = ", ".join(change.flags) or "edit"
        title = f"Revision of {change.announced} to the version effective {day} ({flags})"
    elif change.kind == UPCOMING:
        title = f"Version effective {day}, announced {change.announced}"
    else:
        title = f"Version effective {day}"
    out = ["", f"{level} {md_escape(title)}", ""]
    before = change.before
    out.append(f"- **Commit:** {md_escape(change.revision.commit)}")
    if before is None:
        out.append("- **Replaces:** nothing (the notice's first version)")
    else:
        was = change.before_version.effective_date.isoformat() if change.before_version else ""
        what = f"the text effective {was}, " if was else ""
        out.append(f"- **Replaces:** {md_escape(what)}commit {md_escape(before.commit)}")
    if change.kind != REVISION and change.revision_count > 1:
        edits = _plural(change.silent_edit_count, "silent edit")
        out.append(f"- **Revisions:** {change.revision_count} ({edits})")
    digest = change.digest
    if digest is None:
        return out
    out.append(f"- **Summary:** {digest_words(digest)}")
    for section in digest.sections:
        out.append(f"  - Section {md_escape(section_words(section))}")
    for category in digest.categories:
        out.append(f"  - Data category {category.status}: {md_escape(category.name)}")
    if full and change.result is not None:
        for section in change.result.changed_sections:
            if section.status == MOVED:
                continue
            body = mark_hunks(section.hunks).rstrip("\n")
            if body.strip():  # a change of blank lines only shows in the list above
                out += ["", f"{level}# Section {md_escape(section_title(section))}", ""]
                out.append(_fence(body))
    return out


__all__ = [
    "change_title",
    "counts_line",
    "digest_cells",
    "digest_words",
    "iter_report_text",
    "render_markdown",
    "render_text",
    "section_words",
]
