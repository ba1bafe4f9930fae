"""The version list: a notice's effective versions, newest first, each expandable."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from notices_repo.catalog.timeline import detached, effective_versions
from notices_repo.model import EffectiveVersion, Notice, Revision
from tui.app import keys
from tui.app.widgets.present import revision_prompt, version_prompt


@dataclass(frozen=True, slots=True)
class Choice:
    """What is selected in the version list: a version, or one revision of it."""

    notice: Notice
    version: EffectiveVersion
    revision: Revision | None = None
    """A revision row (None: the version row, whose text is its newest revision)."""

    @property
    def shown(self) -> Revision:
        """The revision whose text is meant."""
        return self.revision or self.version.revision

    def same(self, other: Choice | None) -> bool:
        """Whether both name the same revision of the same notice (and kind of row)."""
        return (
            other is not None
            and other.notice.key == self.notice.key
            and other.version.effective_date == self.version.effective_date
            and (other.revision.commit if other.revision else None)
            == (self.revision.commit if self.revision else None)
        )


class VersionList(OptionList):
    """Effective versions of the selected notice, newest effective date first.

    Each shows its date (2026-03 when only the month is stated), whether it is in
    force, superseded or takes effect later, how many revisions it groups, and flags:
    "commit date" (the text states no date), silent edits (words changed, date did not),
    technical (layout only). Enter or right lists a version's revisions; a revision row
    shows that revision's text. d compares, m marks one end of a comparison, a records
    your review, D compares with the version you reviewed.
    """

    BINDINGS = keys.bindings(keys.LISTS) + keys.bindings(keys.VERSIONS)

    class Chosen(Message):
        """The highlighted row changed."""

        def __init__(self, choice: Choice | None) -> None:
            super().__init__()
            self.choice = choice

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.notice: Notice | None = None
        self.day: dt.date = dt.date.today()
        self.expanded: set[dt.date] = set()
        self.marked: Choice | None = None
        self.reviewed_commit: str | None = None
        self._rows: dict[str, Choice] = {}
        self._chosen: Choice | None = None

    def fill(
        self,
        notice: Notice | None,
        day: dt.date,
        *,
        keep: Choice | None = None,
        prefer: EffectiveVersion | None = None,
    ) -> None:
        """List ``notice``'s versions on ``day``; highlight ``keep``, else ``prefer``."""
        if notice is None or self.notice is None or notice.key != self.notice.key:
            self.expanded = set()
        self.notice = notice
        self.day = day
        self._chosen = None
        self._rebuild(keep=keep, prefer=prefer)

    def _rebuild(self, *, keep: Choice | None, prefer: EffectiveVersion | None) -> None:
        notice = self.notice
        options: list[Option] = []
        rows: dict[str, Choice] = {}
        if notice is not None:
            marked = self.marked if self.marked and self.marked.notice.key == notice.key else None
            overridden = _overridden_by_commit(notice)
            for vi, version in enumerate(effective_versions(notice)):
                open_ = version.effective_date in self.expanded
                version_marked = (
                    marked is not None
                    and marked.revision is None
                    and marked.version.effective_date == version.effective_date
                )
                reviewed = self.reviewed_commit is not None and any(
                    r.commit == self.reviewed_commit for r in version.revisions
                )
                row = f"v{vi}"
                options.append(
                    Option(
                        version_prompt(
                            version,
                            self.day,
                            expanded=open_,
                            marked=version_marked,
                            reviewed=reviewed,
                        ),
                        id=row,
                    )
                )
                rows[row] = Choice(notice, version)
                if not open_:
                    continue
                for ri, (revision, own) in enumerate(_listed(version, overridden)):
                    row = f"v{vi}r{ri}"
                    revision_marked = (
                        marked is not None
                        and marked.revision is not None
                        and marked.revision.commit == revision.commit
                    )
                    options.append(
                        Option(
                            revision_prompt(
                                revision,
                                marked=revision_marked,
                                reviewed=revision.commit == self.reviewed_commit,
                            ),
                            id=row,
                        )
                    )
                    rows[row] = Choice(notice, own, revision)
        self._rows = rows
        with self.app.batch_update():
            self.clear_options()
            self.add_options(options)
        target = None
        if keep is not None:
            target = next((row for row, c in rows.items() if c.same(keep)), None)
            if target is None:  # the same version, whatever row was highlighted
                target = next(
                    (
                        row
                        for row, c in rows.items()
                        if c.revision is None
                        and c.version.effective_date == keep.version.effective_date
                    ),
                    None,
                )
        if target is None and prefer is not None:
            target = next(
                (
                    row
                    for row, c in rows.items()
                    if c.revision is None and c.version.effective_date == prefer.effective_date
                ),
                None,
            )
        if target is None and rows:
            target = next(iter(rows))
        if target is not None:
            self.highlighted = self.get_option_index(target)
        self._announce()

    @property
    def choice(self) -> Choice | None:
        """The highlighted row."""
        if self.highlighted is None or not self._rows:
            return None
        option = self.get_option_at_index(self.highlighted)
        return self._rows.get(option.id or "")

    def refresh_marks(self) -> None:
        """Redraw after the mark or the review changed, keeping the highlight."""
        self._rebuild(keep=self.choice, prefer=None)

    def action_expand(self) -> None:
        """List the revisions of the highlighted version (or fold them)."""
        choice = self.choice
        if choice is None:
            return
        date = choice.version.effective_date
        if choice.revision is not None:
            return
        if date in self.expanded:
            self.expanded.discard(date)
        else:
            self.expanded.add(date)
        self._rebuild(keep=choice, prefer=None)

    def action_collapse(self) -> None:
        """Fold the revisions of the highlighted version back."""
        choice = self.choice
        if choice is None:
            return
        date = choice.version.effective_date
        if date in self.expanded:
            self.expanded.discard(date)
            self._rebuild(keep=Choice(choice.notice, choice.version), prefer=None)

    def select_revision(self, commit: str) -> bool:
        """Highlight the row of a revision (expanding its version when needed)."""
        if self.notice is None:
            return False
        overridden = _overridden_by_commit(self.notice)
        for version in effective_versions(self.notice):
            for revision, own in _listed(version, overridden):
                if revision.commit == commit:
                    if revision is not version.revision:
                        self.expanded.add(version.effective_date)
                        keep = Choice(self.notice, own, revision)
                    else:
                        keep = Choice(self.notice, version)
                    self._rebuild(keep=keep, prefer=None)
                    return True
        return False

    def _announce(self) -> None:
        choice = self.choice
        if choice is None and self._chosen is None:
            self.post_message(self.Chosen(None))
            return
        if choice is not None and choice.same(self._chosen):
            return
        self._chosen = choice
        self.post_message(self.Chosen(choice))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._announce()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()


def _overridden_by_commit(notice: Notice) -> dict[str, list[Revision]]:
    """The notice's overridden revisions, by the commit of the revision that overrode
    them: they are listed under that revision's version."""
    effective_versions(notice)  # marks them
    found: dict[str, list[Revision]] = {}
    for revision in notice.revisions:
        if revision.overridden_by:
            found.setdefault(revision.overridden_by, []).append(revision)
    return found


def _listed(
    version: EffectiveVersion, overridden: dict[str, list[Revision]]
) -> list[tuple[Revision, EffectiveVersion]]:
    """The revision rows of an expanded version, each with the version it is shown as:
    its own revisions, then those its revisions overrode (each a version of its own,
    outside the timeline, so its header tells its own date and "overridden")."""
    rows: list[tuple[Revision, EffectiveVersion]] = [(r, version) for r in version.revisions]
    for revision in version.revisions:
        for gone in overridden.get(revision.commit, ()):
            rows.append((gone, detached(version.notice, gone)))
    return rows
