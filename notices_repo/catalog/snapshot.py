"""The catalog's snapshot as the cache stores it, and the notice paths at a HEAD.

A snapshot row is one notice as plain tuples that ``marshal`` writes fast
(:func:`snapshot_row`, read back by :func:`notices_from_snapshot`). Besides its rows a
snapshot keeps the rules that chose the notices and the rules file
(:func:`snapshot_extra`), so an incremental load can tell the notice paths at a new HEAD
from the snapshot's and the new commits' changes (:func:`paths_after`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from notices_repo.catalog.rules import CONFIG_NAME, NoticeRules, parse_rules
from notices_repo.git.history import Commit
from notices_repo.model import Gap, Notice, Revision

__all__ = [
    "HeadRules",
    "is_complete",
    "notices_from_snapshot",
    "paths_after",
    "snapshot_extra",
    "snapshot_row",
]


class HeadRules(NamedTuple):
    """The notice paths at a HEAD, the rules that chose them, and the rules file."""

    paths: list[str]
    """The notice paths at the HEAD, sorted."""
    rules: NoticeRules
    """The rules that chose them (from the rules file, else the defaults)."""
    config: bytes | None
    """The rules file's bytes (None when the HEAD has none)."""


def snapshot_extra(head_rules: HeadRules) -> dict[str, Any]:
    """What a snapshot keeps besides its notices: the rules, and the rules file."""
    return {
        "rules": head_rules.rules.fingerprint(),
        "rules_warning": head_rules.rules.warning,
        "config": head_rules.config,
    }


def paths_after(
    cached: list[Notice], commits: list[Commit], head: str, old_head: str, extra: dict[str, Any]
) -> HeadRules | None:
    """Notice paths at ``head`` from those at ``old_head`` and the commits between, when
    they form one line of single-parent commits that leave the rules file alone (None:
    list them from git). The rules are those of the snapshot, parsed from its copy of
    the rules file."""
    if "config" not in extra:
        return None
    by_id = {commit.commit: commit for commit in commits}
    line: list[Commit] = []
    at = head
    while at != old_head:
        commit = by_id.get(at)
        if commit is None or len(commit.parents) != 1:
            return None
        line.append(commit)
        at = commit.parents[0]
    if len(line) != len(commits):
        return None
    rules = parse_rules(extra["config"])
    if rules.fingerprint() != extra.get("rules"):
        return None
    paths = {n.path for n in cached if not n.retired}
    for commit in reversed(line):
        for change in commit.changes:
            if CONFIG_NAME in (change.old_path, change.new_path):
                return None
            if change.status in ("D", "R"):
                paths.discard(change.old_path)
            if change.status != "D":
                if change.skip:
                    paths.discard(change.new_path)
                elif rules.is_notice(change.new_path):
                    paths.add(change.new_path)
    return HeadRules(sorted(paths), rules, extra["config"])


def is_complete(notices: list[Notice]) -> bool:
    """Whether every revision's text was read: a snapshot is saved only then, since a
    missing object (a partial or damaged clone, a read that failed) may be there next
    time, like the blob facts, which are never cached for a missing object."""
    from notices_repo.catalog.blob import MISSING

    missing = MISSING.warning
    return not any(r.warning == missing for n in notices for r in n.revisions)


def snapshot_row(notice: Notice) -> tuple[Any, ...]:
    """One notice as the cache stores it: plain tuples that ``marshal`` writes fast.

    The history parser gives equal paths, authors, subjects and blob ids one ``str``
    object, which ``marshal`` writes once per row and reads back shared.
    """
    revisions = tuple(
        (
            r.commit,
            r.path,
            r.committed,
            r.author,
            r.subject,
            r.blob,
            r.parent_blob,
            r.effective_date.toordinal(),
            r.date_source,
            r.date_precision,
            r.technical,
            r.silent_edit,
            r.inferred_rename,
            r.renamed_from,
            r.warning,
            r.published,
        )
        for r in notice.revisions
    )
    gaps = tuple((g.withdrawn, g.withdrawn_in, g.restored, g.restored_in) for g in notice.gaps)
    return (
        notice.key,
        notice.path,
        notice.title,
        notice.retired,
        notice.retired_in,
        revisions,
        gaps,
    )


def notices_from_snapshot(rows: list[Any]) -> list[Notice]:
    """The notices of a snapshot's rows (:func:`snapshot_row`), sorted as a load sorts
    them; a malformed row raises ``TypeError``, ``ValueError`` or ``IndexError``."""
    days: dict[int, dt.date] = {}
    fromordinal = dt.date.fromordinal

    def day(ordinal: int) -> dt.date:
        found = days.get(ordinal)
        if found is None:
            found = days[ordinal] = fromordinal(ordinal)
        return found

    notices: list[Notice] = []
    for key, path, title, retired, retired_in, revs, gaps in rows:
        revisions = [
            Revision(c, p, cd, a, s, b, pb, day(ed), src, prec, tech, silent, inf, rf, warn, pub)
            for (c, p, cd, a, s, b, pb, ed, src, prec, tech, silent, inf, rf, warn, pub) in revs
        ]
        notices.append(
            Notice(key, path, title, revisions, retired, retired_in, [Gap(*g) for g in gaps])
        )
    notices.sort(key=lambda n: (n.retired, n.path.casefold(), n.key))
    return notices
