"""Which two revisions the main screen compares: ``d`` (with the one before, or the
marked one) and ``D`` (the version last reviewed with the selected one).

Pure decisions over the version list's choice, its mark and the review record; the
main screen asks, then opens the diff view or says why there is nothing to compare.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui.app.widgets.present import date_text

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from notices_repo.catalog.reviews import Review
    from notices_repo.model import Notice, Revision
    from tui.app.widgets.version_list import Choice

#: The notice and the two revisions to compare, older first.
Ends = tuple["Notice", "Revision", "Revision"]


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why there is nothing to compare, as the user is told."""

    message: str
    """One sentence, with what to do instead."""
    severity: SeverityLevel = "information"
    """How the notification looks."""
    timeout: float = 4
    """Seconds the notification stays."""


def describe(choice: Choice) -> str:
    """``revision 1a2b3c4d`` or ``version 2026-03-01``, as the mark's message says it."""
    if choice.revision is not None:
        return f"revision {choice.revision.commit[:8]}"
    return f"version {date_text(choice.version)}"


def comparison(choice: Choice | None, marked: Choice | None) -> Ends | str:
    """The two ends ``d`` compares (older first), or why there are none."""
    from notices_repo.catalog.timeline import previous

    if choice is None:
        return "select a version first"
    notice = choice.notice
    if marked is not None and marked.notice.key == notice.key and not marked.same(choice):
        ends = sorted(
            (marked.shown, choice.shown), key=lambda r: notice.revisions.index(r), reverse=True
        )
        return notice, ends[0], ends[1]
    if choice.revision is not None:
        index = notice.revisions.index(choice.revision)
        if index + 1 >= len(notice.revisions):
            return "this is the first revision of the notice; nothing before it to compare"
        return notice, notice.revisions[index + 1], choice.revision
    before = previous(notice, choice.version)
    if before is None:
        return "this is the first version of the notice; mark another with m to compare"
    return notice, before.revision, choice.version.revision


def since_review(choice: Choice, review: Review | None) -> Ends | Refusal:
    """The ends ``D`` compares: the revision last reviewed and the selected one."""
    from notices_repo.catalog.reviews import reviewed_revision

    if review is None:
        return Refusal(
            "You have not reviewed this notice yet; press a to mark the selected version "
            "as reviewed."
        )
    old = reviewed_revision(choice.notice, review)
    if old is None:
        return Refusal(
            "The reviewed revision is no longer in this notice's history.",
            severity="warning",
            timeout=5,
        )
    new = choice.shown
    if old.commit == new.commit:
        return Refusal("The selected version is the one you reviewed.", timeout=3)
    return choice.notice, old, new
