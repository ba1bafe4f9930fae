"""The main screen's keys for comparing and reviewing versions: ``m``, ``d``, ``a``, ``D``.

Which two revisions ``d`` compares (with the one before, or the marked one) and ``D``
(the version last reviewed with the selected one) are pure decisions over the version
list's choice, its mark and the review record (:func:`comparison`, :func:`since_review`);
:class:`CompareKeys` has the actions, for the main screen: they open the diff view or
say why there is nothing to compare.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text

from tui.app.widgets.present import date_text

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from notices_repo.catalog.reviews import Review
    from notices_repo.model import Notice, Revision
    from tui.app.messages import LoadedText
    from tui.app.services import ServicesApp
    from tui.app.widgets.version_list import Choice, VersionList

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


class CompareKeys:
    """The main screen's actions for comparing and reviewing (a mixin of
    :class:`tui.app.screens.main.MainScreen`, which has what is declared below)."""

    if TYPE_CHECKING:
        notice_app: ServicesApp
        versions: VersionList

        def notify(self, message: str, **kwargs: object) -> None: ...
        def refill(self, *, keep: str | None = None) -> None: ...
        def known_texts(self, notice_key: str) -> list[LoadedText]: ...
        def show_header(self, warning: str | None = None) -> None: ...
        def show_mode(self) -> None: ...

    def action_mark(self) -> None:
        """Mark the selected version (or revision) as one end of a comparison."""
        choice = self.versions.choice
        if choice is None:
            return
        versions = self.versions
        if versions.marked is not None and versions.marked.same(choice):
            versions.marked = None
            self.notify("Mark removed.", timeout=2)
        else:
            versions.marked = choice
            self.notify(
                Text(
                    f"Marked {describe(choice)}; select another version and press d "
                    "to compare the two."
                ).plain,
                markup=False,
                timeout=4,
            )
        versions.refresh_marks()
        self.show_mode()

    def comparison(self) -> Ends | str:
        """The two ends ``d`` compares (older first), or why there are none."""
        return comparison(self.versions.choice, self.versions.marked)

    def action_diff(self) -> None:
        """Compare the selected version with the one before it, or with the marked one."""
        pair = self.comparison()
        if isinstance(pair, str):
            self.notify(pair, markup=False, timeout=4)
            return
        notice, old, new = pair
        self.notice_app.open_diff(notice, old, new, known=self.known_texts(notice.key))

    def action_review(self) -> None:
        """Record that the selected version was reviewed (who and when, state folder)."""
        choice = self.versions.choice
        if choice is None:
            return
        review = self.notice_app.mark_reviewed(choice.notice, choice.version)
        if review is None:
            return
        self.versions.reviewed_commit = review.commit
        self.versions.refresh_marks()
        keep = choice.notice.key
        self.refill(keep=keep)
        self.show_header()
        self.notify(
            f"Marked {choice.notice.title} effective {review.effective_date.isoformat()} as "
            f"reviewed by {review.who}.",
            markup=False,
            timeout=4,
        )

    def action_diff_reviewed(self) -> None:
        """Compare the version last reviewed with the selected one."""
        choice = self.versions.choice
        if choice is None:
            return
        ends = since_review(choice, self.notice_app.current_reviews().get(choice.notice.key))
        if isinstance(ends, Refusal):
            self.notify(ends.message, severity=ends.severity, timeout=ends.timeout)
            return
        notice, old, new = ends
        self.notice_app.open_diff(notice, old, new, known=self.known_texts(notice.key))
