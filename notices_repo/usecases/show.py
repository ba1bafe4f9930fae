"""Read one version of a notice: ``notice-tui show NOTICE [--at DAY | --rev COMMIT]``.

:func:`read_version` reads one revision's text (decoded, its front matter and attribute
lists set aside, split into sections and data categories): the ``show`` command through
:func:`read_notice`, and the app's reader for each version it shows.

The notice and the revision spec are resolved as ``diff`` resolves them
(:mod:`notices_repo.catalog.resolve`); the text comes back with its body (front matter and
attribute lists left out), sections and data categories.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from notices_repo.catalog.resolve import Pick, find_notice, parse_day, resolve_spec
from notices_repo.catalog.timeline import revisions_after
from notices_repo.model import Catalog, Notice, Revision
from notices_repo.text.body import Body, body_of
from notices_repo.text.sections import DataCategory, Section, find_data_categories, split_sections
from notices_repo.usecases import InvalidRequest

if TYPE_CHECKING:
    from notices_repo.catalog.repository import NoticeRepository


@dataclass(frozen=True, slots=True)
class ShowRequest:
    """Which notice and which of its texts: in force on ``at``, at ``rev``, or today's."""

    notice: str
    """The notice: a path, or part of a path or title."""
    at: str | None = None
    """``YYYY-MM-DD``: the version in force that day."""
    rev: str | None = None
    """A commit id (at least 4 characters) of one of the notice's revisions."""
    as_recorded: bool = False
    """With ``at``: the text the repository held that day, whatever it claimed."""

    def check(self) -> None:
        """Raise :class:`InvalidRequest` for options that cannot go together."""
        if self.rev and len(self.rev) < 4:
            raise InvalidRequest("--rev needs at least 4 characters of a commit id")
        if self.as_recorded and not self.at:
            raise InvalidRequest("--as-recorded needs --at YYYY-MM-DD: the day whose text to show")


@dataclass(frozen=True, slots=True)
class VersionText:
    """One revision's text as read: its body, sections and data categories."""

    body: Body
    """The text (without front matter and attribute lists) and its front matter."""
    sections: list[Section]
    """The sections of ``body.text``."""
    categories: list[DataCategory]
    """The data categories found in them."""
    warning: str | None
    """A decoding problem (not UTF-8, binary, missing object)."""


def read_version(repository: NoticeRepository, revision: Revision) -> VersionText:
    """Read ``revision``'s text and split it into sections and data categories.

    Raises :class:`~notices_repo.errors.NoticeError` when the text cannot be read.
    """
    decoded = repository.read_text(revision.blob)
    body = body_of(decoded.text)  # front matter and kramdown attribute lists are markup
    sections = split_sections(body.text)
    categories = find_data_categories(body.text, sections)
    return VersionText(body, sections, categories, decoded.warning)


@dataclass(frozen=True, slots=True)
class NoticeText:
    """One version of a notice as read: the text, its sections and data categories."""

    notice: Notice
    """The notice."""
    pick: Pick
    """The revision read and its effective version."""
    body: Body
    """The text (without front matter and attribute lists) and its front matter."""
    sections: list[Section]
    """The sections of ``body.text``."""
    categories: list[DataCategory]
    """The data categories found in them."""
    warning: str | None
    """A decoding problem (not UTF-8, binary, missing object)."""
    revised_after: dt.date | None
    """``at`` when the repository held an earlier wording that day (the text was revised
    after it, keeping its date); None otherwise."""


def read_notice(
    repository: NoticeRepository,
    catalog: Catalog,
    request: ShowRequest,
    *,
    today: dt.date,
    warn: Callable[[str], None] | None = None,
) -> NoticeText:
    """Find the notice, resolve the revision (today's version by default) and read it.

    ``warn`` hears the catalog's warnings once the notice is found. Raises
    :class:`~notices_repo.errors.NoticeError` (unknown notice, bad revision) and
    :class:`~notices_repo.usecases.InvalidRequest`.
    """
    notice = find_notice(catalog, request.notice)
    if warn is not None:
        for warning in catalog.warnings:
            warn(warning)
    request.check()
    spec = request.at or request.rev or "latest"
    pick = resolve_spec(notice, spec, today, as_recorded=request.as_recorded)
    revised = None
    if request.at and not request.as_recorded:
        day = parse_day(request.at)
        if revisions_after(pick.version, day) and pick.version.effective_date <= day:
            revised = day
    read = read_version(repository, pick.revision)
    return NoticeText(
        notice, pick, read.body, read.sections, read.categories, read.warning, revised
    )


__all__ = ["NoticeText", "ShowRequest", "VersionText", "read_notice", "read_version"]
