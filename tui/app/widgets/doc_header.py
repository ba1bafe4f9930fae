"""The lines above the text: which notice, which version, which revision, and its state."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from notices_repo.catalog.timeline import effective_versions, revisions_after, status_of
from tui.app.widgets.present import (
    date_text,
    lines_text,
    plural,
    revision_flags,
    safe,
    status_style,
    version_flags,
    version_status,
)
from tui.app.widgets.version_list import Choice

if TYPE_CHECKING:
    from notices_repo.catalog.reviews import Review
    from notices_repo.catalog.translations import Variant
    from notices_repo.model import EffectiveVersion


class DocHeader(Static):
    """Title, path, effective date and status, revision, review (all inert text)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)

    def show(
        self,
        choice: Choice | None,
        day: dt.date,
        *,
        review: Review | None = None,
        warning: str | None = None,
        as_of: dt.date | None = None,
        language: Variant | None = None,
    ) -> None:
        """Describe ``choice`` as on ``day``; ``as_of``: the as-of view's day (then a
        version's text committed after that day is said to be so); ``language``: the
        notice as one language of a document (named after the path, with its lag)."""
        if choice is None:
            self.update(Text("no notice selected", style="dim italic"))
            return
        notice, version, revision = choice.notice, choice.version, choice.shown
        lines: list[Text] = []
        title = Text(no_wrap=True, overflow="ellipsis")
        title.append(safe(notice.title), style="bold")
        if notice.retired:
            title.append("  retired", style="bold red")
        lines.append(title)

        where = Text(no_wrap=True, overflow="ellipsis", style="dim")
        where.append(safe(revision.path))
        if language is not None:
            language_text(where, language)
        lines.append(where)

        state = Text(no_wrap=True, overflow="ellipsis")
        status = status_of(version, day)
        state.append("effective ")
        state.append(date_text(version), style="bold")
        state.append("  ")
        state.append(version_status(version, day), style=status_style(status))
        versions = effective_versions(notice)
        position = next((i for i, v in enumerate(versions) if v is version), None)
        if position is not None:
            state.append(f"  version {len(versions) - position} of {len(versions)}", style="dim")
        elif revision.overridden_by:
            state.append(
                f"  by {revision.overridden_by[:10]}: no longer said to have been in force",
                style="dim",
            )
        flags = version_flags(version)
        if flags:
            state.append("  " + " · ".join(flags), style="dim")
        lines.append(state)
        if as_of is not None and choice.revision is None:
            later = revised_after(version, as_of)
            if later:
                lines.append(Text(f"✎ {later}", style="bold yellow", no_wrap=True))

        rev = Text(no_wrap=True, overflow="ellipsis", style="dim")
        rev.append(f"{revision.commit[:10]} {revision.committed[:10]} ")
        rev.append(safe(revision.subject))
        if choice.revision is None and len(version.revisions) > 1:
            rev.append(f"  (newest of {plural(len(version.revisions), 'revision')})")
        more = revision_flags(revision)
        if more:
            rev.append(f"  [{', '.join(more)}]")
        lines.append(rev)

        if review is not None:
            seen = Text(no_wrap=True, overflow="ellipsis", style="green")
            seen.append(
                f"✓ reviewed: the version of {review.effective_date.isoformat()}, by "
                f"{safe(review.who)} on {review.when[:10]}"
            )
            lines.append(seen)
        if warning:
            lines.append(Text(f"⚠ {safe(warning)}", style="bold yellow", no_wrap=True))
        self.update(lines_text(lines))


def revised_after(version: EffectiveVersion, day: dt.date) -> str | None:
    """What was committed to ``version`` after ``day``, in words (None: nothing).

    The as-of view shows a version's newest text, as ``notice-tui show --at`` does; the
    repository may not have held that text yet on ``day``: ``text revised after
    2024-01-01: 1 silent edit, 2 technical``, or, when even the version's first revision
    came later, ``committed after 2024-01-01 (first on 2024-01-15): back-dated``. None
    for a version not yet in force on ``day`` (shown when no version was).
    """
    if version.effective_date > day:
        return None  # not in force yet that day: the state line says when it takes effect
    stamp = day.isoformat()
    later = revisions_after(version, day)
    if not later:
        return None
    if len(later) == len(version.revisions):
        first = version.revisions[-1].published_day
        return f"committed after {stamp} (first on {first}): back-dated"
    silent = sum(1 for revision in later if revision.silent_edit)
    technical = sum(1 for revision in later if revision.technical and not revision.silent_edit)
    other = len(later) - silent - technical
    parts = []
    if silent:
        parts.append(plural(silent, "silent edit"))
    if technical:
        parts.append(f"{technical} technical")
    if other:
        parts.append(plural(other, "other revision"))
    return f"text revised after {stamp}: {', '.join(parts)}"


def language_text(line: Text, variant: Variant) -> None:
    """Name the notice's language after its path: ``de · ⚠ behind by 2 versions, 425
    days · source en/privacy.md, effective 2025-03-01``, ``fr · translation of
    terms/en-US.md``, ``en · source language``."""
    from notices_repo.catalog.translations import BEHIND, CURRENT

    line.append("  ")
    line.append(variant.language, style="bold not dim")
    source = variant.source
    if source is None:
        line.append(" · source language")
        return
    if variant.state == BEHIND and variant.behind is not None:
        line.append(" · ")
        line.append(f"⚠ {variant.behind.describe()}", style="bold yellow not dim")
        line.append(f" · source {safe(source.notice.path)}")
        if source.in_force is not None:
            line.append(f", effective {source.in_force.effective_date.isoformat()}")
        return
    line.append(f" · translation of {safe(source.notice.path)}")
    if variant.state != CURRENT:
        line.append(f" ({variant.state})")
