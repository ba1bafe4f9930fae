"""Compare two versions of a notice: what ``notice-tui diff`` and the diff screen both do.

``diff NOTICE FROM TO`` runs :func:`compare_versions` (find the notice, resolve both revision
specs, read both texts, compare). The diff screen already holds the notice and the two
revisions: it runs :func:`read_sides` once and :func:`compare_sides` for each comparison
(again after ``w``, on the texts and structures it kept), off the UI thread.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from notices_repo.catalog.resolve import Pick, find_notice, resolve_spec
from notices_repo.catalog.timeline import version_of
from notices_repo.diff.compare import DiffResult, Parsed, clear_parse_cache, diff_texts, parse
from notices_repo.model import Catalog, EffectiveVersion, Notice, Revision
from notices_repo.usecases import InvalidRequest

if TYPE_CHECKING:
    from notices_repo.catalog.repository import NoticeRepository

#: Where a use case reports a warning the moment it has one (a front end prints it).
Warn = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class End:
    """One end of a comparison: a revision and the effective version it belongs to."""

    revision: Revision
    """The revision whose text is compared."""
    version: EffectiveVersion | None
    """Its effective version (None for a revision outside the notice's timeline)."""

    @property
    def date(self) -> dt.date:
        """The effective date of the version (the revision's, if it has no version)."""
        return self.version.effective_date if self.version else self.revision.effective_date

    @property
    def date_label(self) -> str:
        """The effective date as precise as it is known (``YYYY-MM`` for a month)."""
        source = self.version or self.revision
        if source.date_precision == "month":
            return self.date.strftime("%Y-%m")
        return self.date.isoformat()

    def info(self) -> dict[str, str]:
        """``commit`` and ``effective_date``: this end in the JSON and Markdown reports."""
        return {"commit": self.revision.commit, "effective_date": self.date.isoformat()}


def end_of(notice: Notice, revision: Revision) -> End:
    """The end of a comparison that ``revision`` of ``notice`` is."""
    return End(revision, version_of(notice, revision.commit))


def _end(pick: Pick) -> End:
    return End(pick.revision, pick.version)


def resolve_ends(
    notice: Notice, from_spec: str, to_spec: str, today: dt.date, *, as_recorded: bool = False
) -> tuple[End, End]:
    """Both ends of ``diff NOTICE FROM TO`` (older first); 'previous' is relative to the
    other end. Specs as :func:`notices_repo.catalog.resolve.resolve_spec` reads them.

    Raises :class:`~notices_repo.usecases.InvalidRequest` when both are 'previous' and
    :class:`~notices_repo.errors.RevisionNotFound` when a spec matches nothing.
    """
    from_word, to_word = from_spec.strip().lower(), to_spec.strip().lower()
    if from_word == "previous" and to_word == "previous":
        raise InvalidRequest("FROM and TO cannot both be 'previous'")
    if to_word == "previous":
        older = resolve_spec(notice, from_spec, today, as_recorded=as_recorded)
        newer = resolve_spec(notice, to_spec, today, other=older, as_recorded=as_recorded)
        return _end(older), _end(newer)
    newer = resolve_spec(notice, to_spec, today, as_recorded=as_recorded)
    older = resolve_spec(notice, from_spec, today, other=newer, as_recorded=as_recorded)
    return _end(older), _end(newer)


@dataclass(frozen=True, slots=True)
class Side:
    """The text of one end as read (or as the caller already held it)."""

    commit: str
    """The revision the text is of."""
    text: str
    """The text as in the file (front matter and markup too: the files are compared)."""
    parsed: Parsed | None = None
    """Its sections and data categories when known (None: parsed when compared)."""
    warning: str | None = None
    """A decoding problem (not UTF-8, binary, missing object)."""

    @property
    def note(self) -> str | None:
        """The warning as the user sees it (``<commit>: <warning>``), None without one."""
        return f"{self.commit[:10]}: {self.warning}" if self.warning else None


def read_sides(
    repository: NoticeRepository,
    old: Revision,
    new: Revision,
    *,
    known: Iterable[Side] = (),
) -> tuple[Side, Side]:
    """The texts of both revisions: from ``known`` (by commit) when given there, else read
    from the repository (once when both are the same blob).

    Raises :class:`~notices_repo.errors.NoticeError` when a text cannot be read.
    """
    held = {side.commit: side for side in known}
    sides: list[Side] = []
    for revision in (old, new):
        side = held.get(revision.commit)
        if side is None:
            if sides and revision.blob == old.blob:  # the same text: read once
                side = replace(sides[0], commit=revision.commit)
            else:
                decoded = repository.read_text(revision.blob)
                side = Side(revision.commit, decoded.text, None, decoded.warning)
        sides.append(side)
    return sides[0], sides[1]


@dataclass(frozen=True, slots=True)
class Comparison:
    """Two versions of a notice compared: what both front ends render."""

    old: Side
    """The older text, its structure filled in."""
    new: Side
    """The newer text, its structure filled in."""
    result: DiffResult
    """Sections, words and data categories compared."""

    @property
    def sides(self) -> tuple[Side, Side]:
        """Both texts, older first (kept to compare them again with other options)."""
        return self.old, self.new


def compare_sides(
    old: Side, new: Side, *, ignore_whitespace: bool = False, full: bool = False
) -> Comparison:
    """Compare two texts section by section, word by word (``ignore_whitespace``: layout-only
    changes vanish; ``full``: every section is shown, not only the changed ones)."""
    both = (old.parsed or parse(old.text), new.parsed or parse(new.text))
    result = diff_texts(
        old.text,
        new.text,
        ignore_whitespace=ignore_whitespace,
        full=full,
        old_parsed=both[0],
        new_parsed=both[1],
    )
    return Comparison(replace(old, parsed=both[0]), replace(new, parsed=both[1]), result)


@dataclass(frozen=True, slots=True)
class CompareRequest:
    """What ``notice-tui diff`` asks: a notice, two revision specs and options."""

    notice: str
    """The notice: a path, or part of a path or title."""
    from_spec: str = "previous"
    """The older end: YYYY-MM-DD, a commit (prefix), previous, latest or upcoming."""
    to_spec: str = "latest"
    """The newer end, same forms."""
    as_recorded: bool = False
    """Date ends mean the text the repository held that day."""
    ignore_whitespace: bool = False
    """Leave out whitespace and layout-only changes."""
    full: bool = False
    """Show every section, not only the changed ones."""


@dataclass(frozen=True, slots=True)
class VersionsCompared:
    """The answer of :func:`compare_versions`: the notice, its two ends and the result."""

    notice: Notice
    """The notice compared."""
    old: End
    """The older end."""
    new: End
    """The newer end."""
    result: DiffResult
    """The comparison."""


def compare_versions(
    repository: NoticeRepository,
    catalog: Catalog,
    request: CompareRequest,
    *,
    today: dt.date,
    warn: Warn | None = None,
) -> VersionsCompared:
    """Find the notice, resolve both ends, read and compare them: ``diff NOTICE FROM TO``.

    ``warn`` hears the catalog's warnings once the notice is found, then the texts'
    decoding warnings. The texts are not kept (a one-shot comparison: a 50 MB notice's two
    texts would be most of the peak while the result is written). Raises
    :class:`~notices_repo.errors.NoticeError` (unknown or ambiguous notice, bad revision
    spec, unreadable text) and :class:`~notices_repo.usecases.InvalidRequest`.
    """
    notice = find_notice(catalog, request.notice)
    if warn is not None:
        for warning in catalog.warnings:
            warn(warning)
    old, new = resolve_ends(
        notice, request.from_spec, request.to_spec, today, as_recorded=request.as_recorded
    )
    sides = read_sides(repository, old.revision, new.revision)
    if warn is not None:
        for side in sides:
            if side.note:
                warn(side.note)
    result = compare_sides(
        *sides, ignore_whitespace=request.ignore_whitespace, full=request.full
    ).result
    del sides
    clear_parse_cache()
    return VersionsCompared(notice, old, new, result)


__all__ = [
    "CompareRequest",
    "Comparison",
    "End",
    "Side",
    "VersionsCompared",
    "Warn",
    "compare_sides",
    "compare_versions",
    "end_of",
    "read_sides",
    "resolve_ends",
]
