"""The text report of ``notice-tui import``: what arrived, short by default.

A first import prints the counts and every notice in force; a later one prints the counts
and one line per notice with the effective versions that arrived and how many other
revisions it got. ``--verbose`` adds every version, silent edit and layout-only revision.
"""

from __future__ import annotations

from notices_repo.bundles.results import ImportResult, InForce, NoticeArrival, VersionArrival
from notices_repo.bundles.summary import ImportCounts, count_arrivals
from notices_repo.text.inert import inert_line
from tui.cli.context import Context

#: Versions named on one line before the rest are counted.
VERSIONS_SHOWN = 4


def _n(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


def counts_line(counts: ImportCounts, *, first: bool) -> str:
    """``Arrived: 200 notices, 523 effective versions, 2,324 revisions (...), 19 retired``."""
    notices = _n(counts.notices, "notice")
    if not first and counts.new_notices:
        notices += f" ({counts.new_notices} new)"
    versions = counts.versions if first else counts.new_versions
    label = "effective version" if first else "new effective version"
    detail = _other_revisions(counts.silent_edits, counts.technical)
    revisions = _n(counts.revisions, "revision") + (f" ({detail})" if detail else "")
    return f"Arrived: {notices}, {_n(versions, label)}, {revisions}, {counts.retired} retired"


def _other_revisions(silent_edits: int, technical: int) -> str:
    """``3 silent edits, 1 layout-only`` (empty when there are none)."""
    others = [
        _n(silent_edits, "silent edit") if silent_edits else "",
        f"{technical} layout-only" if technical else "",
    ]
    return ", ".join(o for o in others if o)


def _version(version: VersionArrival) -> str:
    return f"{version.effective_date.isoformat()} ({version.status})"


def _renamed(arrival: NoticeArrival) -> str:
    return f" (renamed from {inert_line(arrival.renamed_from)})" if arrival.renamed_from else ""


def _dates(versions: list[VersionArrival]) -> str:
    shown = [_version(v) for v in versions[:VERSIONS_SHOWN]]
    more = len(versions) - len(shown)
    return ", ".join(shown) + (f" and {more} older" if more > 0 else "")


def arrival_line(arrival: NoticeArrival) -> str:
    """One notice of an update: the versions that arrived, the other revisions counted."""
    path = inert_line(arrival.path)
    if arrival.kind == "retired":
        return f"  {path}: retired (deleted)"
    moved = _renamed(arrival)
    if arrival.kind == "new":
        what = f"new notice{moved}, effective {_dates(arrival.versions)}"
    else:
        new = [v for v in arrival.versions if v.new]
        shown = new or arrival.versions
        kind = "new" if new else "changed"
        word = "version" if len(shown) == 1 else "versions"
        what = f"{kind} effective {word} {_dates(shown)}{moved}"
    tail = _other_revisions(len(arrival.silent_edits), arrival.technical)
    return f"  {path}: {what}" + (f"; {tail}" if tail else "")


def in_force_line(entry: InForce) -> str:
    """``  2024-05-21  AliExpress/Affiliate Agreement.md  (next: 2027-01-01)``."""
    path = inert_line(entry.path)
    if entry.effective_date is None:
        upcoming = entry.upcoming.isoformat() if entry.upcoming else "?"
        return f"  {'not yet':10}  {path}  (from {upcoming})"
    nxt = f"  (next: {entry.upcoming.isoformat()})" if entry.upcoming else ""
    return f"  {entry.effective_date.isoformat()}  {path}{nxt}"


def detailed_lines(arrival: NoticeArrival) -> list[str]:
    """Every version, silent edit and layout-only count of one notice (``--verbose``)."""
    if arrival.kind == "retired":
        return [arrival_line(arrival)]
    path = inert_line(arrival.path)
    moved = _renamed(arrival)
    lines: list[str] = []
    if arrival.kind == "new":
        every = ", ".join(map(_version, arrival.versions))
        lines.append(f"  {path}: new notice{moved}, effective {every}")
    else:
        for version in arrival.versions:
            what = "new effective version" if version.new else "changed effective version"
            lines.append(f"  {path}: {what} {_version(version)}{moved}")
    for edit in arrival.silent_edits:
        lines.append(
            f"  {path}: silent edit in {edit.commit[:10]} {inert_line(edit.subject)!r} "
            f"(stated date {edit.effective_date.isoformat()} unchanged)"
        )
    if arrival.technical:
        lines.append(f"  {path}: {arrival.technical} layout-only revision(s)")
    return lines


def print_arrivals(result: ImportResult, ctx: Context, *, verbose: bool) -> None:
    """What arrived: counts, then notices in force (first import) or per notice (update)."""
    if not result.notices:
        if result.commits:
            ctx.print("No notice changed.")
        return
    first = result.first
    counts = count_arrivals(result.notices)
    ctx.print(counts_line(counts, first=first))
    if first and result.in_force:
        ctx.print(f"In force on {ctx.today.isoformat()}:")
        for entry in result.in_force:
            ctx.print(in_force_line(entry))
    if verbose:
        ctx.print("What arrived:")
        for arrival in result.notices:
            for line in detailed_lines(arrival):
                ctx.print(line)
        return
    if first:
        ctx.print("(--verbose or --json lists every version, silent edit and retired notice)")
        return
    for arrival in result.notices:
        ctx.print(arrival_line(arrival))
    if counts.silent_edits or counts.technical:
        ctx.print("(--verbose or --json lists every silent edit and layout-only revision)")
