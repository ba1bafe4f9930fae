"""What an import gives back: its result (what arrived, per notice) or its refusal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from notices_repo.errors import NoticeError


class ImportRefused(NoticeError):
    """The bundle was not imported; the message says why and what to do. Exit 2."""


@dataclass(slots=True)
class VersionArrival:
    """An effective version that the import added or changed."""

    effective_date: dt.date
    status: str
    commit: str
    new: bool
    """True: this effective date is new for the notice; False: an existing one changed."""


@dataclass(slots=True)
class SilentEdit:
    """A new revision that changed words without changing the stated effective date."""

    commit: str
    subject: str
    effective_date: dt.date


@dataclass(slots=True)
class NoticeArrival:
    """What the import brought for one notice."""

    path: str
    title: str
    kind: str
    """``new`` (first seen), ``changed``, or ``retired`` (deleted by the new commits)."""
    revisions: int
    versions: list[VersionArrival] = field(default_factory=list)
    silent_edits: list[SilentEdit] = field(default_factory=list)
    technical: int = 0
    renamed_from: str | None = None


@dataclass(slots=True)
class SupportChange:
    """The running release's support state with the old and the new ``releases.toml``."""

    before: Any
    after: Any

    @property
    def changed(self) -> bool:
        """Whether state, end date or source differ."""
        keys = ("state", "support_ends", "source", "release")
        return any(getattr(self.before, k, None) != getattr(self.after, k, None) for k in keys)


@dataclass(frozen=True, slots=True)
class InForce:
    """A notice at HEAD and the version that applies on the day of the import."""

    path: str
    title: str
    effective_date: dt.date | None
    """The version in force; None when every version is still to come."""
    upcoming: dt.date | None
    """The soonest version announced after the day, if any."""

    def to_json(self) -> dict[str, Any]:
        """As ``import --json`` prints it."""
        return {
            "path": self.path,
            "title": self.title,
            "effective_date": self.effective_date.isoformat() if self.effective_date else None,
            "upcoming": self.upcoming.isoformat() if self.upcoming else None,
        }


@dataclass(slots=True)
class ImportResult:
    """What an import did."""

    repository: Path
    bundle: Path
    branch: str
    old: str | None
    new: str | None
    created: bool = False
    up_to_date: bool = False
    older_bundle: bool = False
    commits: list[str] = field(default_factory=list)
    """New commits on the branch, newest first."""
    tags: list[str] = field(default_factory=list)
    skipped_tags: list[str] = field(default_factory=list)
    work_tree_updated: bool = False
    signed_checked: int = 0
    recovered: str | None = None
    """What was done to finish an earlier, interrupted import (None: nothing)."""
    notices: list[NoticeArrival] = field(default_factory=list)
    support: SupportChange | None = None
    notes: list[str] = field(default_factory=list)
    load_mode: str = ""
    """How the catalog was read after the import (``incremental`` when the cache was reused)."""
    in_force: list[InForce] = field(default_factory=list)
    """Every notice at HEAD after the import and its version in force on the day."""

    @property
    def first(self) -> bool:
        """The branch had no history here before: everything in it arrived."""
        return self.created or self.old is None


#: Called with a short message at each long step of an import.
Progress = Callable[[str], None]
#: Called with an ``open_repository`` callable; returns a support status (``support``
#: of :func:`~notices_repo.bundles.importer.import_bundle`).
SupportProbe = Callable[[Callable[[], Any]], Any]

__all__ = [
    "ImportRefused",
    "ImportResult",
    "InForce",
    "NoticeArrival",
    "Progress",
    "SilentEdit",
    "SupportChange",
    "SupportProbe",
    "VersionArrival",
]
