"""The main screen: notices, their versions, the text, its contents; status at the bottom.

Layout (see ``notice_tui.tcss``): 120 columns or more show four panes side by side
(notices over versions | text | contents over data categories). Narrower terminals,
down to 80x24, show the left column and the text; ``c`` brings the contents pane over the
text (escape or ``enter`` on a section puts it away). ``tab`` moves between the panes.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Input
from textual.worker import Worker, WorkerState, get_current_worker

from notices_repo.catalog.timeline import effective_versions
from notices_repo.model import Catalog, Notice, Revision
from tui.app import keys
from tui.app.messages import (
    CatalogChanged,
    JumpSection,
    LoadedText,
    RepositoryReading,
    ShowAsOf,
    ShowNotice,
    SupportChanged,
    TextFailed,
    TextLoaded,
    ToggleAsRecorded,
    WorkerFailed,
)
from tui.app.screens.main_compare import CompareKeys
from tui.app.screens.main_early import EarlyNotices
from tui.app.screens.main_texts import TextCache, read_text, shown_warning
from tui.app.services import services
from tui.app.widgets.contents import CategoryList, SectionList
from tui.app.widgets.doc_header import DocHeader
from tui.app.widgets.filter_box import FilterBox
from tui.app.widgets.notice_list import NoticeList
from tui.app.widgets.notice_view import NoticeView
from tui.app.widgets.present import date_text, safe
from tui.app.widgets.status_line import StatusLine
from tui.app.widgets.version_list import Choice, VersionList

if TYPE_CHECKING:
    from textual.app import App

    from notices_repo.catalog.repository import NoticeRepository
    from tui.app.services import ServicesApp

#: Pane widget ids and their help scopes.
PANES: dict[str, tuple[str, tuple[str, ...]]] = {
    "filter": (keys.FILTER, (keys.FILTER,)),
    "notices": (keys.NOTICES, (keys.NOTICES, keys.LISTS)),
    "versions": (keys.VERSIONS, (keys.VERSIONS, keys.LISTS)),
    "text": (keys.TEXT, (keys.TEXT,)),
    "sections": (keys.CONTENTS, (keys.CONTENTS, keys.LISTS)),
    "categories": (keys.CONTENTS, (keys.CONTENTS, keys.LISTS)),
}


class MainScreen(CompareKeys, EarlyNotices, Screen[None]):
    """Browse notices, their effective versions and their text."""

    BINDINGS = keys.bindings(keys.MAIN)
    KEY_SCOPES: ClassVar[tuple[str, ...]] = (keys.MAIN,)
    """Where the help screen and the palette find this screen's keys."""
    PANES: ClassVar[dict[str, tuple[str, tuple[str, ...]]]] = PANES
    """Pane widget ids and their help name and key scopes."""
    AUTO_FOCUS = "#notices"

    def __init__(self) -> None:
        super().__init__()
        self.as_of: dt.date | None = None
        """The day of the as-of view (None: today)."""
        self.as_recorded: bool = False
        """In the as-of view: show the text the repository held that day (``T``)."""
        self.as_of_label: str | None = None
        """Why that day (``"8.3 released"``), shown beside it; None: a day typed with t."""
        self._texts = TextCache()
        self._catalog_shown: Catalog | None = None
        self._wanted: tuple[str, str] | None = None
        self._last_heading: str | None = None
        self._keep_choice: Choice | None = None

    @property
    def notice_app(self) -> ServicesApp:
        """The app's state and services."""
        return services(self)

    @property
    def day(self) -> dt.date:
        """The day statuses are computed for: the as-of day, or today."""
        return self.as_of or self.notice_app.today

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            with Vertical(id="nav"):
                yield FilterBox(placeholder="filter: words in path or title", id="filter")
                yield NoticeList(id="notices")
                yield VersionList(id="versions")
            with Vertical(id="reader"):
                yield DocHeader(id="doc-header")
                yield NoticeView(id="text")
            with Vertical(id="contents"):
                yield SectionList(id="sections")
                yield CategoryList(id="categories")
        yield StatusLine(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#notices").border_title = "Notices"
        self.query_one("#versions").border_title = "Versions"
        self.query_one("#reader").border_title = "Text"
        self.query_one("#sections").border_title = "Contents"
        self.query_one("#categories").border_title = "Data categories"
        self.query_one("#filter").display = False
        self.query_one(DocHeader).show(None, self.day)
        app = self.notice_app
        if app.catalog is not None:
            self.catalog_loaded(app.catalog, reload=False)
        elif app.load_error is not None:
            self.load_failed(app.load_error)
        else:
            self.loading(*app.progress)
            self.early_shown(app.early_catalog)  # the notices at HEAD, if listed already
        self.support_changed()
        # keys typed ahead (while starting) were held for this screen: its focus is set
        self.call_after_refresh(app.screen_ready, self)

    # widgets --------------------------------------------------------------------------

    @property
    def notices(self) -> NoticeList:
        """The notice list."""
        return self.query_one("#notices", NoticeList)

    @property
    def versions(self) -> VersionList:
        """The version list."""
        return self.query_one("#versions", VersionList)

    @property
    def view(self) -> NoticeView:
        """The reader."""
        return self.query_one("#text", NoticeView)

    @property
    def status(self) -> StatusLine:
        """The status line."""
        return self.query_one("#status", StatusLine)

    @property
    def filter_box(self) -> FilterBox:
        """The filter input."""
        return self.query_one("#filter", FilterBox)

    def focused_pane(self) -> tuple[Widget | None, str, tuple[str, ...]]:
        """The focused pane widget, its help name and its key scopes."""
        widget = self.focused
        if widget is not None and widget.id in PANES:
            pane, scopes = PANES[widget.id]
            return widget, pane, scopes
        return widget, keys.NOTICES, ()

    # loading and catalog --------------------------------------------------------------

    def on_repository_reading(self, message: RepositoryReading) -> None:
        """The app is reading the repository: show how it goes."""
        self.loading(message.stage, message.done, message.total)

    def on_catalog_changed(self, message: CatalogChanged) -> None:
        """The app read the repository (again), or could not."""
        if message.error is not None:
            self.load_failed(message.error)
        elif message.catalog is not None:
            if message.catalog is self._catalog_shown and not message.reload:
                return  # shown already when this screen was mounted
            self.catalog_loaded(message.catalog, reload=message.reload)

    def on_support_changed(self, message: SupportChanged) -> None:
        """The support check moved on: the status line says where it is."""
        self.support_changed()

    def support_changed(self) -> None:
        """Show the app's support check in the status line (or that it is being made)."""
        app = self.notice_app
        self.status.show_check(app.support, checking=app.support_checking)

    def loading(self, stage: str, done: int = 0, total: int = 0) -> None:
        """Show how reading the repository goes (the reader; under an early list: the status)."""
        if self.scan_moved(stage, done, total):
            return
        count = f" {done}/{total}" if total else (f" {done}" if done else "")
        where = self.notice_app.settings.where
        self.view.show_message(f"Reading {where}…\n{stage}{count}")
        self.notices.border_subtitle = "loading…"
        self.status.show_repository(where, None, sample=self.notice_app.settings.repo is None)

    def load_failed(self, message: str) -> None:
        """Say calmly why the repository could not be read, and what to do."""
        self.notices.border_subtitle = "not loaded"
        self.early_done()
        self.view.show_message(
            f"Could not read the repository.\n\n{safe(message)}\n\nPress r to try again, q to quit."
        )

    def catalog_loaded(self, catalog: Catalog, *, reload: bool) -> None:
        """Show a freshly read catalog, keeping the selection on reload."""
        keep = reload or self.early is not None  # the early list's selection stays too
        keep_notice = self.notices.notice.key if keep and self.notices.notice else None
        keep_choice = self.versions.choice if keep else None
        if keep_choice is not None and keep_choice.revision is None:
            from notices_repo.catalog.timeline import in_force

            current = in_force(keep_choice.notice, self.day)
            if current is not None and current.effective_date == keep_choice.version.effective_date:
                keep_choice = None  # it was the version in force: show the one in force now
        self._catalog_shown = catalog
        if not self.early_done():  # after the early list, its texts are the catalog's too
            self._texts.clear()
        self.status.show_repository(
            catalog.repository,
            len(catalog.active()),
            sample=catalog.is_sample,
            retired=len(catalog.retired()),
        )
        self.refill(keep=keep_notice, keep_choice=keep_choice, announce=True)
        if not catalog.notices:
            message = catalog.warnings[0] if catalog.warnings else "no notices"
            self.view.show_message(safe(message))
            self.query_one(DocHeader).show(None, self.day)

    def review_states(self) -> dict[str, str]:
        """Review state of every notice."""
        from notices_repo.catalog.reviews import review_state

        app = self.notice_app
        catalog = app.catalog or self.early
        if catalog is None:
            return {}
        current = app.current_reviews()
        return {n.key: review_state(n, current.get(n.key)) for n in catalog.notices}

    def refill(
        self, *, keep: str | None = None, keep_choice: Choice | None = None, announce: bool = False
    ) -> None:
        """Fill the notice list again (filter, as-of, reviews changed)."""
        catalog = self.notice_app.catalog or self.early
        if catalog is None:
            return
        self._keep_choice = keep_choice
        self.notices.fill(
            catalog,
            self.notice_app.today,
            review_states=self.review_states(),
            as_of=self.as_of,
            filter_text=self.filter_box.value,
            keep=keep,
            announce=announce,
        )
        self.notices.border_subtitle = self.notices.subtitle(len(catalog.notices))
        self.show_mode()

    # selection ------------------------------------------------------------------------

    @on(NoticeList.NoticeChosen)
    def notice_chosen(self, event: NoticeList.NoticeChosen) -> None:
        """Show the versions of the highlighted notice."""
        notice = event.notice
        keep = self._keep_choice
        self._keep_choice = None
        if keep is not None and (notice is None or keep.notice.key != notice.key):
            keep = None
        self._fill_versions(self.history_of(notice), keep=keep)

    def _fill_versions(self, notice: Notice | None, *, keep: Choice | None = None) -> None:
        from notices_repo.catalog.timeline import in_force

        versions = self.versions
        review = self.notice_app.current_reviews().get(notice.key) if notice else None
        versions.reviewed_commit = review.commit if review else None
        prefer = None
        if notice is not None:
            prefer = in_force(notice, self.day)
            if prefer is None and self.as_of is not None and effective_versions(notice):
                prefer = effective_versions(notice)[-1]
        # as of a day, too, the version row: the version in force then, in its newest
        # text (as `notice-tui show --at` prints it); the header says if it was revised
        # after that day
        versions.fill(notice, self.day, keep=keep, prefer=prefer)
        if notice is not None and self.as_of is not None and self.as_recorded and keep is None:
            from notices_repo.catalog.timeline import recorded_on

            held = recorded_on(notice, self.as_of)
            if held is not None:
                versions.select_revision(held.commit)
        if notice is None:
            self.query_one(DocHeader).show(None, self.day)
            self.view.show_message("no notice selected")
            self.query_one(SectionList).fill([])
            self.query_one(CategoryList).fill([])

    @on(VersionList.Chosen)
    def version_chosen(self, event: VersionList.Chosen) -> None:
        """Show the text of the highlighted version or revision."""
        choice = event.choice
        self.show_header()
        if choice is None:
            return
        self._show_text(choice.notice, choice.shown)

    def show_header(self, warning: str | None = None) -> None:
        """Show the selected version's header (dates, status, review; ``warning``)."""
        choice = self.versions.choice
        review = language = None
        if choice is not None:
            review = self.notice_app.current_reviews().get(choice.notice.key)
            language = self.notices.language_of(choice.notice)
            warning = warning or shown_warning(self.view.document, choice)
        self.query_one(DocHeader).show(
            choice, self.day, review=review, warning=warning, as_of=self.as_of, language=language
        )

    def _show_text(self, notice: Notice, revision: Revision) -> None:
        repository = self.notice_app.repository
        if repository is None:
            return
        key = (notice.key, revision.commit)
        document = self.view.document
        if document is not None and (document.notice_key, document.commit) == key:
            return
        if document is not None and document.notice_key == notice.key:
            index = self.view.current_section
            if 0 <= index < len(document.sections):
                self._last_heading = document.sections[index].heading
        else:
            self._last_heading = None
        self._wanted = key
        cached = self._texts.get(key)
        if cached is not None:
            self._display(cached)
            return
        self.view.show_message("reading the text…")
        self._read_text(repository, notice.key, revision)

    @work(thread=True, exclusive=True, group="text", exit_on_error=False)
    def _read_text(self, repository: NoticeRepository, notice_key: str, revision: Revision) -> None:
        """Read and split one revision's text (off the UI thread)."""
        worker = get_current_worker()
        message = read_text(repository, notice_key, revision, lambda: worker.is_cancelled)
        if message is not None:
            self.post_message(message)

    @on(TextLoaded)
    def text_loaded(self, event: TextLoaded) -> None:
        """Keep the text and show it if it is still the one wanted."""
        loaded = event.loaded
        self._texts.keep(loaded)
        if (loaded.notice_key, loaded.commit) == self._wanted:
            self._display(loaded)

    @on(TextFailed)
    def text_failed(self, event: TextFailed) -> None:
        """Say why a text could not be read."""
        if (event.notice_key, event.commit) == self._wanted:
            self.view.show_message(f"Could not read this text: {safe(event.message)}")

    def _display(self, loaded: LoadedText) -> None:
        section = None
        if self._last_heading is not None:
            for index, candidate in enumerate(loaded.sections):
                if candidate.heading == self._last_heading:
                    section = index
                    break
        if not loaded.text:
            self.view.show_message(
                "(empty text)" if not loaded.warning else f"(no text: {safe(loaded.warning)})"
            )
        else:
            self.view.show_document(loaded, section=section)
        self.query_one(SectionList).fill(loaded.sections)
        self.query_one(CategoryList).fill(loaded.categories)
        self.query_one("#categories").border_subtitle = str(len(loaded.categories))
        self.show_header(warning=loaded.warning)
        self.query_one("#reader").border_subtitle = "source" if self.view.source else ""

    @on(SectionList.Jump)
    def jump(self, event: SectionList.Jump) -> None:
        """Scroll the text to a section from the contents or a data category."""
        self.view.jump_to_section(event.index)
        if event.focus:
            if self.has_class("-contents-shown"):
                self.remove_class("-contents-shown")
            self.set_focus(self.view)

    @on(NoticeView.SectionChanged)
    def follow_section(self, event: NoticeView.SectionChanged) -> None:
        """Keep the contents' highlight on the section being read."""
        self.query_one(SectionList).follow(event.index)

    # navigation from elsewhere (palette, search, releases) ----------------------------

    def on_show_notice(self, message: ShowNotice) -> None:
        """The app asks for a notice (from search, the palette)."""
        self.show_notice(
            message.key,
            commit=message.commit,
            section=message.section,
            line_text=message.line_text,
        )

    def on_show_as_of(self, message: ShowAsOf) -> None:
        """The app asks for the as-of view of a day (t, the releases screen), or today."""
        self.set_as_of(message.day, message.label)

    def on_toggle_as_recorded(self, message: ToggleAsRecorded) -> None:
        """``T``: switch between the timeline's text and the text held that day."""
        self.set_as_recorded(not self.as_recorded)
        if self.as_recorded:
            self.notify(f"As recorded: the text the repository held on {self.as_of}.", timeout=3)
        else:
            self.notify("As the repository says now: the version in force that day.", timeout=3)

    def show_notice(
        self,
        key: str,
        *,
        commit: str | None = None,
        section: str | int | None = None,
        line_text: str | None = None,
    ) -> bool:
        """Select notice ``key`` (and revision ``commit``), scroll to ``section``; with
        ``line_text``, so that the section's first line showing it is visible too."""
        catalog = self.notice_app.catalog
        if catalog is None or catalog.by_key(key) is None:
            return False
        if not self.notices.select_key(key):
            self.filter_box.value = ""
            self.refill(keep=key)
            self.notices.select_key(key)
        notice = catalog.by_key(key)
        if notice is not None and self.versions.notice is not notice:
            self._fill_versions(notice)
        if commit is not None:
            self.versions.select_revision(commit)
        if section is not None:
            self._jump_when_ready(key, section, line_text)
        return True

    def _jump_when_ready(self, key: str, section: str | int, line_text: str | None) -> None:
        document = self.view.document
        shown = (document.notice_key, document.commit) if document is not None else None
        if shown is None or shown[0] != key or self._wanted != shown:
            self.set_timer(0.05, lambda: self._jump_when_ready(key, section, line_text))
            return
        index = section if isinstance(section, int) else None
        if index is None:
            wanted = str(section).casefold()
            for number, candidate in enumerate(document.sections):
                if candidate.heading.casefold() == wanted:
                    index = number
                    break
        if index is not None:
            self.view.jump_to_section(index, line_text=line_text)
            self.set_focus(self.view)

    def known_texts(self, notice_key: str) -> list[LoadedText]:
        """The texts of ``notice_key`` read and split already (the diff view reuses them)."""
        return self._texts.of_notice(notice_key)

    def on_jump_section(self, message: JumpSection) -> None:
        """Scroll the text to a section of the open text and focus it."""
        self.view.jump_to_section(message.index)
        self.set_focus(self.view)

    # modes ----------------------------------------------------------------------------

    def set_as_of(self, day: dt.date | None, label: str | None = None) -> None:
        """Show every notice as it stood on ``day`` (None: back to today); ``label`` says
        why that day (``"8.3 released"``)."""
        self.as_of = day
        self.as_of_label = label if day is not None else None
        if day is None:
            self.as_recorded = False
        self.set_class(day is not None, "-as-of")
        keep = self.notices.notice.key if self.notices.notice else None
        self.refill(keep=keep)
        notice = self.notices.notice
        self._fill_versions(notice)
        self.show_mode()

    def set_as_recorded(self, on: bool) -> None:
        """In the as-of view: the text held that day (True), or the timeline's (False)."""
        self.as_recorded = on
        self._fill_versions(self.notices.notice)
        self.show_mode()

    def show_mode(self) -> None:
        """Show the view's mode in the status line and titles (as-of, mark, filter)."""
        marked = self.versions.marked
        marked_text = None
        if marked is not None:
            what = (
                marked.revision.commit[:8]
                if marked.revision is not None
                else date_text(marked.version)
            )
            marked_text = f"{marked.notice.title} {what}"
        self.status.show_mode(
            self.as_of,
            marked_text,
            self.filter_box.value.strip() or None,
            as_of_label=(
                f"{self.as_of_label + ' · ' if self.as_of_label else ''}as recorded"
                if self.as_recorded and self.as_of is not None
                else self.as_of_label
            ),
        )
        self.query_one("#notices").border_title = (
            f"Notices as of {self.as_of.isoformat()}" if self.as_of else "Notices"
        )

    def on_filter_box_leave(self, message: FilterBox.Leave) -> None:
        """Escape in the filter box."""
        self.leave_filter()

    def leave_filter(self) -> None:
        """From the filter box back to the list (the box hides when empty)."""
        if not self.filter_box.value.strip():
            self.filter_box.display = False
        self.set_focus(self.notices)

    @on(Input.Changed, "#filter")
    def filter_changed(self) -> None:
        """Narrow the list as the user types."""
        keep = self.notices.notice.key if self.notices.notice else None
        self.refill(keep=keep)

    @on(Input.Submitted, "#filter")
    def filter_submitted(self) -> None:
        """Enter in the filter box goes to the list."""
        self.leave_filter()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:  # the app says so, calmly
            self.post_message(WorkerFailed(event.worker))

    # actions --------------------------------------------------------------------------

    def action_next_pane(self) -> None:
        """Move to the next pane."""
        self.focus_next()

    def action_previous_pane(self) -> None:
        """Move to the previous pane."""
        self.focus_previous()

    def action_filter(self) -> None:
        """Show and focus the filter box."""
        box = self.filter_box
        box.display = True
        self.set_focus(box)  # at once: the next keys typed are for the box

    def action_contents(self) -> None:
        """Go to the contents (shown over the text on narrow terminals)."""
        self.add_class("-contents-shown")
        self.set_focus(self.query_one(SectionList))

    def action_leave(self) -> None:
        """Escape: close the contents overlay, leave the as-of view, or clear the filter."""
        if self.has_class("-contents-shown"):
            self.remove_class("-contents-shown")
            self.set_focus(self.view)
        elif self.as_of is not None:
            self.set_as_of(None)
            self.notify("Back to today's view.", timeout=2)
        elif self.filter_box.value:
            self.filter_box.value = ""
            self.filter_box.display = False
            self.refill()

    def action_source(self) -> None:
        """Switch the text between rendered Markdown and its source."""
        source = self.view.toggle_source()
        self.query_one("#reader").border_subtitle = "source" if source else ""


def main_screen_of(app: App[object]) -> MainScreen | None:
    """The main screen of ``app`` (None before it exists)."""
    for screen in app.screen_stack:
        if isinstance(screen, MainScreen):
            return screen
    return None
