"""The domain's data: revisions, notices, effective versions and the catalog of a repository.

A *revision* is a commit that changed a notice. An *effective version* is the group of a
notice's revisions that share one effective date; its text is its newest revision.
Everything here is plain data with no I/O and no imports from the rest of the domain:
:mod:`notices_repo.catalog.timeline` groups revisions into versions and says what is in
force when, and :mod:`notices_repo.catalog.loader` fills these from git.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

#: Where an effective date came from.
SOURCE_TEXT = "text"
SOURCE_MARKUP = "markup"  # a machine-readable twin: <time datetime="...">
SOURCE_COMMIT = "commit"


@dataclass(slots=True)
class Revision:
    """One commit that changed one notice, with what was derived from its text."""

    commit: str
    """Full commit id."""
    path: str
    """Path of the notice at this revision."""
    committed: str
    """Committer date, ISO 8601 with offset."""
    author: str
    """Author name."""
    subject: str
    """First line of the commit message."""
    blob: str | None
    """Blob id of the notice's text at this revision."""
    parent_blob: str | None
    """Blob id of the text in the commit's first parent (None when the notice was added)."""
    effective_date: dt.date
    """The effective date the text states, or the commit date (see ``date_source``)."""
    date_source: str
    """``text`` when the text states the date, ``commit`` when the commit date stands in."""
    date_precision: str
    """``day`` or ``month`` (month precision is written as the first of the month)."""
    technical: bool = False
    """Only whitespace or markup layout changed against the first parent."""
    silent_edit: bool = False
    """Words changed but the stated effective date did not."""
    inferred_rename: bool = False
    """Linked to a deleted notice by notice-tui (texts or titles alike), not by git's -M."""
    renamed_from: str | None = None
    """Previous path when this revision renamed or moved the notice."""
    warning: str | None = None
    """A problem with this revision's text (missing object, not UTF-8, binary)."""
    published: str = ""
    """When the revision reached HEAD's mainline: the committer date of the first-parent
    commit that brought it in (a merge, for a commit made on a branch; the commit itself
    on the mainline). Stands in for the effective date when the text states none."""
    overridden_by: str | None = None
    """The later revision (full commit id) whose earlier effective date overrode this
    one: the repository no longer says this text was ever in force (set by
    :func:`notices_repo.catalog.timeline.group_versions`)."""

    @property
    def published_day(self) -> str:
        """``YYYY-MM-DD`` of :attr:`published` (the commit date when it is unknown)."""
        return (self.published or self.committed)[:10]

    def is_future(self, today: dt.date) -> bool:
        """Announced but not yet in force on ``today``."""
        return self.effective_date > today

    def change_flags(self) -> list[str]:
        """Words for what is special about this revision's change: ``technical``,
        ``silent edit``, ``renamed from …`` / ``inferred rename from …``, its warning.

        The words carry the path and warning as they are; a caller that shows them
        makes them inert (``log`` and the app's revision lines both build on this).
        """
        out: list[str] = []
        if self.overridden_by:
            out.append(f"overridden by {self.overridden_by[:10]}")
        if self.technical:
            out.append("technical")
        if self.silent_edit:
            out.append("silent edit")
        if self.renamed_from:
            kind = "inferred rename" if self.inferred_rename else "renamed"
            out.append(f"{kind} from {self.renamed_from}")
        if self.warning:
            out.append(self.warning)
        return out

    def to_json(self, today: dt.date) -> dict[str, Any]:
        """The revision as ``log --json`` prints it."""
        return {
            "commit": self.commit,
            "path": self.path,
            "committed": self.committed,
            "published": self.published or self.committed,
            "author": self.author,
            "subject": self.subject,
            "effective_date": self.effective_date.isoformat(),
            "date_source": self.date_source,
            "date_precision": self.date_precision,
            "technical": self.technical,
            "silent_edit": self.silent_edit,
            "future": self.is_future(today),
            "inferred_rename": self.inferred_rename,
            "renamed_from": self.renamed_from,
            "warning": self.warning,
            "overridden_by": self.overridden_by,
        }


@dataclass(frozen=True, slots=True)
class Gap:
    """A time when a notice's path was deleted and later added again: nothing was in
    force from ``withdrawn`` (the deletion reached the mainline) until ``restored``."""

    withdrawn: str
    """``YYYY-MM-DD`` the deletion was published."""
    withdrawn_in: str
    """The commit that deleted the file."""
    restored: str
    """``YYYY-MM-DD`` the file was added again (published)."""
    restored_in: str
    """The commit that added it again."""

    def covers(self, day: dt.date) -> bool:
        """Whether nothing was in force on ``day`` because of this gap."""
        return self.withdrawn <= day.isoformat() < self.restored

    def to_json(self) -> dict[str, str]:
        """The gap as ``log --json`` prints it."""
        return {
            "withdrawn": self.withdrawn,
            "withdrawn_in": self.withdrawn_in,
            "restored": self.restored,
            "restored_in": self.restored_in,
        }

    def describe(self) -> str:
        """``withdrawn 2023-09-20 .. 2023-11-29``."""
        return f"withdrawn {self.withdrawn} .. {self.restored}"


@dataclass(slots=True)
class Notice:
    """A notice and its revisions, newest first in the order they reached HEAD's main
    line (a branch's commits where their merge stands; git's history order on a linear
    history)."""

    key: str
    """Stable identity: the path at HEAD, or ``path@commit`` of the deletion when retired."""
    path: str
    """Path at HEAD (for a retired notice: the path it was deleted from)."""
    title: str
    """Title from the newest text (first heading), or the file name."""
    revisions: list[Revision]
    retired: bool = False
    """Deleted before HEAD."""
    retired_in: str | None = None
    """Commit that deleted it."""
    gaps: list[Gap] = field(default_factory=list)
    """Times the path was deleted and added again, newest first."""
    grouped: list[EffectiveVersion] | None = field(default=None, repr=False, compare=False)
    """The effective versions once :func:`notices_repo.catalog.timeline.effective_versions`
    grouped them (None before): read them through that function."""

    @property
    def folder(self) -> str:
        """The folder the notice lives in ('' at the top): a service or product."""
        head, _, _ = self.path.rpartition("/")
        return head

    @property
    def name(self) -> str:
        """File name without folders."""
        return self.path.rpartition("/")[2]


@dataclass(slots=True)
class EffectiveVersion:
    """The revisions of one notice that share an effective date."""

    notice: Notice = field(repr=False)
    effective_date: dt.date
    date_precision: str
    date_source: str
    revisions: list[Revision]
    """Newest first; ``revisions[0]`` holds the version's text."""
    overrode: int = 0
    """How many earlier revisions its revisions overrode (listed under it in the app)."""

    @property
    def revision(self) -> Revision:
        """The revision whose text is this version's text."""
        return self.revisions[0]

    @property
    def silent_edits(self) -> int:
        """How many of its revisions changed words without changing the stated date."""
        return sum(1 for r in self.revisions if r.silent_edit)

    @property
    def technical_revisions(self) -> int:
        """How many of its revisions changed only layout."""
        return sum(1 for r in self.revisions if r.technical)


@dataclass(slots=True)
class Catalog:
    """Everything notice-tui knows about one repository at one HEAD."""

    repository: str
    """The repository's folder, as the user should see it."""
    head: str | None
    """HEAD commit id, None for an empty repository."""
    notices: list[Notice]
    """Notices at HEAD sorted by path, then retired notices."""
    warnings: list[str] = field(default_factory=list)
    """Problems met while reading that did not stop it."""
    is_sample: bool = False
    """The built-in sample repository."""

    def active(self) -> list[Notice]:
        """Notices present at HEAD."""
        return [n for n in self.notices if not n.retired]

    def retired(self) -> list[Notice]:
        """Notices deleted before HEAD."""
        return [n for n in self.notices if n.retired]

    def by_key(self, key: str) -> Notice | None:
        """The notice with this key."""
        for notice in self.notices:
            if notice.key == key:
                return notice
        return None

    @property
    def revision_count(self) -> int:
        """Revisions over all notices."""
        return sum(len(n.revisions) for n in self.notices)
