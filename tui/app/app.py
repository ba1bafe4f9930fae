"""The notice-tui app: what ``notice-tui`` without a command opens.

Start-up paints a light first screen (:mod:`tui.app.screens.loading`) before anything is
read or the main screen is imported; right after, the main screen comes in and the
repository is opened and read in a thread worker that reports progress and can be
cancelled (``q`` never waits for git), and the running release is looked up in another
worker (a server may take seconds to answer). Workers post messages (:mod:`tui.app.messages`);
one handler turns any worker error into a calm message with the fix, never a traceback.

The app tells its screens what changed with messages (:class:`~tui.app.messages.CatalogChanged`,
:class:`~tui.app.messages.SupportChanged`...), never by calling their methods. The other
screens are imported only when opened: ``tui.app.screens.diff_view`` (``DiffScreen``),
``tui.app.screens.search_screen`` (``SearchScreen``),
``tui.app.screens.releases_screen`` (``ReleasesScreen``) and
``tui.app.screens.changes_screen`` (``ChangesScreen``). Screens never import this module:
they see the app through :class:`tui.app.services.NoticeServices` (its state, and
navigation back with :meth:`NoticeApp.show_notice` and :meth:`NoticeApp.show_as_of`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, work
from textual.app import App
from textual.message import Message
from textual.screen import Screen
from textual.worker import Worker, WorkerState, get_current_worker

from tui.app import keys
from tui.app.early import ScanPriority
from tui.app.keyhold import KeyHold
from tui.app.messages import (
    CatalogChanged,
    CatalogLoaded,
    EarlyCatalog,
    EarlyCatalogRead,
    LoadFailed,
    LoadProgress,
    RepositoryReading,
    ShowAsOf,
    ShowNotice,
    SupportChanged,
    SupportChecked,
    ToggleAsRecorded,
    WorkerFailed,
)
from tui.app.panes import pane_with, screen_scopes
from tui.app.settings import Settings, SettingsError, settings_from

if TYPE_CHECKING:
    from textual.command import Provider

    from notices_repo.catalog.early import EarlyReader
    from notices_repo.catalog.repository import NoticeRepository
    from notices_repo.catalog.reviews import Review, ReviewRecord
    from notices_repo.model import Catalog, EffectiveVersion, Notice, Revision
    from notices_repo.settings.config import AppConfig
    from notices_repo.support.running import SupportCheck
    from tui.app.messages import LoadedText
    from tui.app.screens.main import MainScreen

log = logging.getLogger("tui.app.app")


def notice_commands() -> type[Provider]:
    """The palette's provider of actions, notices and sections (imported when opened)."""
    from tui.app.palette import NoticeCommands

    return NoticeCommands


def section_search_commands() -> type[Provider]:
    """The palette's provider of sections of the open notice by what they say (imported
    when the palette opens, so start-up never loads the search screen)."""
    from tui.app.screens.search_screen import SectionSearchCommands

    return SectionSearchCommands


class NoticeApp(App[int]):
    """Read, compare and search privacy notices and terms kept in a git repository."""

    CSS_PATH = Path(__file__).with_name("notice_tui.tcss")
    TITLE = "notice-tui"
    BINDINGS = keys.bindings(keys.APP)
    COMMANDS = App.COMMANDS | {notice_commands, section_search_commands}
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (130, "-wide")]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-short"), (30, "-tall")]

    def __init__(self, settings: Settings) -> None:
        from textual.theme import BUILTIN_THEMES

        # An ANSI theme uses the terminal's own 16 colours: say so before Textual picks
        # its NO_COLOR filter, so NO_COLOR gives the terminal's default colours (NoColor),
        # not greys that a 16-colour terminal shows as black on black (Monochrome).
        theme = BUILTIN_THEMES.get(settings.theme)
        super().__init__(ansi_color=True if theme is not None and theme.ansi else None)
        self.settings = settings
        self.today: dt.date = settings.today or dt.date.today()
        """The day "in force", "upcoming" and support are computed for."""
        self.repository: NoticeRepository | None = None
        """The open repository (None until the first load worker opened it)."""
        self.catalog: Catalog | None = None
        """Every notice, revision and effective date (None until read)."""
        self.early_catalog: Catalog | None = None
        """The notices at HEAD listed before the history is read (None once read)."""
        self.early_reader: EarlyReader | None = None
        """Reads one listed notice's history at a time until the full catalog is there."""
        self.scan_priority = ScanPriority()
        """Reads the history scan gives way to: a selected notice's own history."""
        self.scan_gate: threading.Event | None = None
        """Test hook (:func:`tui.app.early.gated`): the scan waits at its start until set."""
        self.support: SupportCheck | None = None
        """The running release and its support state (None until checked)."""
        self.support_preview: SupportCheck | None = None
        """The support check made without the server, while the server is asked."""
        self.support_failure: str | None = None
        """Why the last support check failed (None: it did not)."""
        self._calendar_advised = False
        self.support_checking = False
        """The support worker is finding the running release (a server may be slow)."""
        self._support_worker_now: Worker[None] | None = None
        self.load_seconds: float | None = None
        """How long the last read of the repository took."""
        self.progress: tuple[str, int, int] = ("starting", 0, 0)
        """The last progress of reading (stage, done, total)."""
        self.load_error: str | None = None
        """Why the repository could not be read (None: it could, or it is being read)."""
        self.keymap: dict[str, str] = dict(settings.keymap)
        """The user's key remapping (action id -> keys)."""
        self._cancel = threading.Event()
        self._reviews: ReviewRecord | None = None
        self._review_error: str | None = None
        self._started = time.perf_counter()
        self.key_hold = KeyHold(self)
        """Keys typed while a screen is on its way (the main screen, search), held for it."""
        if "TEXTUAL_ANIMATIONS" not in os.environ:
            # over SSH every animation frame is bytes on the wire: scroll at once
            self.animation_level = "none"

    # start and stop -------------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        """A light first screen, painted at once; the main screen replaces it."""
        from tui.app.screens.loading import LoadingScreen

        return LoadingScreen(self.settings.where)

    @property
    def main_screen(self) -> MainScreen | None:
        """The main screen (None before it exists)."""
        from tui.app.screens.main import main_screen_of  # imported after the first paint

        return main_screen_of(self)

    def on_mount(self) -> None:
        self.theme = self.settings.theme
        if self.keymap:
            self.set_keymap(self.keymap)
        # keys typed ahead wait for the main screen; q still quits at once
        quit_keys = keys.effective_keys(self.keymap)["quit"]
        self.key_hold.start([keys.canonical(key) for key in quit_keys], limit=None)
        self.call_after_refresh(self._begin)

    def _begin(self) -> None:
        """After the first paint: start reading, and bring in the main screen."""
        self._first_paint_done()
        if self._cancel.is_set():  # quit before anything started
            return
        from tui.app.screens.main import MainScreen  # the first screen is painted without it

        self._load_reviews()
        self.load(reload=False)
        self.check_support()
        self.push_screen(MainScreen())

    def screen_ready(self, screen: Screen[Any]) -> None:
        """``screen`` has its focus where typed keys belong: hand it the keys held for it."""
        if screen is self.screen and self.key_hold.holding:
            self.key_hold.release()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            if self.key_hold.take(event):
                return  # typed ahead of a screen on its way: given to it when it is ready
            if await self.key_hold.open_text_box(event.key):
                return  # opened a text box: the keys after it are held for the box
        await super().on_event(event)

    def _first_paint_done(self) -> None:
        log.debug("first paint after %.3f s", time.perf_counter() - self._started)

    def action_quit(self) -> None:
        """Quit notice-tui and return to the shell (stops reading at once)."""
        self._cancel.set()
        self.exit(0)

    def on_unmount(self) -> None:
        self._cancel.set()
        if self.repository is not None:
            self.repository.close()

    # reading the repository -----------------------------------------------------------

    def load(self, *, reload: bool) -> None:
        """Read the repository in a worker (again: ``reload``)."""
        self._cancel = threading.Event()
        self.load_error = None
        self.progress = ("opening", 0, 0)
        if self.catalog is None or not reload:
            self.tell_screens(lambda: RepositoryReading(*self.progress))
        self._load_worker(reload, self._cancel)

    @work(thread=True, exclusive=True, group="load", exit_on_error=False, name="load")
    def _load_worker(self, reload: bool, cancel: threading.Event) -> None:
        from notices_repo.errors import Cancelled
        from notices_repo.usecases.repository import open_repository
        from tui.app.early import early_message, gated

        started = time.perf_counter()
        last_post, last_stage = 0.0, ""

        def progress(stage: str, done: int, total: int) -> None:
            nonlocal last_post, last_stage
            now = time.perf_counter()
            if now - last_post >= 0.1 or stage != last_stage or (total and done == total):
                last_post, last_stage = now, stage
                self.post_message(LoadProgress(stage, done, total))

        repository = self.repository
        try:
            if repository is None:
                repository = open_repository(self.settings.repo, progress=progress)
            early = early_message(repository) if self.catalog is None else None
            if early is not None:  # the notice list at once; the history follows
                self.post_message(early)
            scan_progress = gated(progress, self.scan_gate, cancel, self.scan_priority)
            catalog = repository.load(progress=scan_progress, cancelled=cancel, background=True)
        except Cancelled:
            return
        if cancel.is_set() or get_current_worker().is_cancelled:
            return
        seconds = time.perf_counter() - started
        log.debug(
            "catalog read in %.3f s (%s): %d notices, %d revisions",
            seconds,
            repository.stats.mode,
            len(catalog.notices),
            catalog.revision_count,
        )
        self.post_message(CatalogLoaded(repository, catalog, seconds, reload))

    def on_load_progress(self, message: LoadProgress) -> None:
        self.progress = (message.stage, message.done, message.total)
        if self.catalog is None:
            self.tell_screens(lambda: RepositoryReading(message.stage, message.done, message.total))

    def on_early_catalog_read(self, message: EarlyCatalogRead) -> None:
        if self.catalog is not None or self._cancel.is_set():
            return  # the full catalog is there already (or reading stopped)
        if self.repository is None:
            self.repository = message.repository
        self.early_catalog = message.catalog
        self.early_reader = message.reader
        self.tell_screens(lambda: EarlyCatalog(message.catalog))

    def on_catalog_loaded(self, message: CatalogLoaded) -> None:
        self.repository = message.repository
        self.catalog = message.catalog
        self.early_catalog = self.early_reader = None  # the main screen closes the reader
        self.load_seconds = message.seconds
        self.tell_screens(lambda: CatalogChanged(message.catalog, None, reload=message.reload))
        for warning in message.catalog.warnings:
            self.notify(warning, severity="warning", markup=False, timeout=8)
        if message.reload:
            self.notify(
                f"Reloaded: {len(message.catalog.notices)} notices, "
                f"{message.catalog.revision_count} revisions.",
                markup=False,
                timeout=3,
            )
            self.check_support()

    def on_load_failed(self, message: LoadFailed) -> None:
        self.load_error = message.message
        self.tell_screens(lambda: CatalogChanged(None, message.message, reload=False))

    def tell_screens(self, message: Callable[[], Message]) -> None:
        """Post a new ``message()`` to every screen on the stack (the main screen, and
        screens opened while reading or checking: search, releases); those that do not
        handle it ignore it."""
        for screen in self.screen_stack:
            screen.post_message(message())

    def action_reload(self) -> None:
        """Read the repository again (new commits are read incrementally)."""
        self.load(reload=True)

    # support --------------------------------------------------------------------------

    def check_support(self) -> None:
        """Find the running release and its support state, in a worker."""
        self.support_checking = True
        if self.support is None:
            self.tell_screens(SupportChanged)
        self._support_worker_now = self._support_worker()

    @work(thread=True, exclusive=True, group="support", exit_on_error=False, name="support")
    def _support_worker(self) -> None:
        from notices_repo.usecases.support import support_checks

        # without the server first (only while there is no answer yet, and only when the
        # server will be asked): the calendar shows at once, the answer follows
        for check, pending in support_checks(
            self.today,
            self.settings.support_request(),
            repository=self.settings.repo,
            preview=self.support is None,
        ):
            self.post_message(SupportChecked(check, pending=pending))

    def on_support_checked(self, message: SupportChecked) -> None:
        if message.pending:  # the calendar, while the server is asked
            self.support_preview = message.check
            if self.support is None:
                self.tell_screens(SupportChanged)
            return
        self.support = message.check
        self.support_checking = False
        self.support_failure = None
        age = message.check.age
        self.tell_screens(SupportChanged)  # the main screen's status; releases, when open
        if age is not None and age.stale and age.days is not None and not self._calendar_advised:
            self._calendar_advised = True  # once: R says how to carry in a fresh one
            self.notify(
                f"The release calendar's newest release is {age.days} days old: "
                "R shows how to carry in a fresh calendar.",
                severity="warning",
                markup=False,
                timeout=8,
            )
        if message.check.error:
            self.notify(message.check.error, severity="error", markup=False, timeout=10)
        server = message.check.running.server
        if server is not None and server.error:  # the releases screen has the details
            self.notify(
                f"server {server.url}: {server.error}", severity="warning", markup=False, timeout=8
            )

    # reviews --------------------------------------------------------------------------

    def _load_reviews(self) -> None:
        from notices_repo.catalog.reviews import ReviewError, ReviewRecord

        try:
            self._reviews = ReviewRecord.load()
        except ReviewError as exc:
            self._reviews = ReviewRecord()
            self._review_error = exc.message
            self.notify(exc.message, severity="error", markup=False, timeout=10)

    @property
    def repository_key(self) -> str | None:
        """How the review record names the open repository."""
        from notices_repo.catalog.reviews import repository_id

        if self.repository is None:
            return None
        return repository_id(self.repository.path, is_sample=self.repository.is_sample)

    def current_reviews(self) -> dict[str, Review]:
        """The newest review of each notice of the open repository."""
        key = self.repository_key
        if key is None or self._reviews is None:
            return {}
        return self._reviews.current(key)

    def mark_reviewed(self, notice: Notice, version: EffectiveVersion) -> Review | None:
        """Record a review of ``version`` (None, with a message, when it cannot be)."""
        from notices_repo.catalog.reviews import ReviewError, ReviewRecord

        key = self.repository_key
        if key is None:
            return None
        if self._reviews is None:
            self._reviews = ReviewRecord()
        try:
            review = self._reviews.mark(key, notice, version)
        except ReviewError as exc:
            self.notify(exc.message, severity="error", markup=False, timeout=10)
            return None
        self._review_error = None
        return review

    # other screens --------------------------------------------------------------------

    def _catalog_ready(self) -> bool:
        if self.catalog is None or self.repository is None:
            self.notify("Still reading the repository; a moment.", timeout=3)
            return False
        return True

    def open_diff(
        self,
        notice: Notice,
        old_revision: Revision,
        new_revision: Revision,
        *,
        known: Sequence[LoadedText] = (),
    ) -> None:
        """Compare two revisions of ``notice`` in the diff view (older first); ``known``:
        texts of the notice read and split already (the main screen's), not read again."""
        if not self._catalog_ready():
            return
        from tui.app.screens.diff_view import DiffScreen

        self.push_screen(
            DiffScreen(
                notice=notice,
                old=old_revision,
                new=new_revision,
                repository=self.repository,
                today=self.today,
                known=known,
            )
        )

    def action_search(self) -> None:
        """Search sections and data categories of every notice (at once, even while the
        repository is read: the search runs when it is there)."""
        if self.main_screen is None:
            return  # not before the main screen: keys are held for it until then
        from tui.app.screens.search_screen import SearchScreen

        self.push_screen(SearchScreen())

    def action_releases(self) -> None:
        """Show the release calendar and the running release's support (again: close it)."""
        from tui.app.screens.releases_screen import ReleasesScreen

        if isinstance(self.screen, ReleasesScreen):
            self.screen.dismiss()
            return
        self.push_screen(ReleasesScreen())

    def _back_to_main(self) -> MainScreen | None:
        """Close the screens over the main screen; the main screen (None: not yet)."""
        main = self.main_screen
        if main is not None:
            while self.screen is not main and len(self.screen_stack) > 1:
                self.pop_screen()
        return main

    def action_changes(self) -> None:
        """Show what changed in every notice in a period (again: close it)."""
        from tui.app.screens.changes_screen import ChangesScreen

        if isinstance(self.screen, ChangesScreen):
            self.screen.dismiss()
            return
        self.push_screen(ChangesScreen())

    def show_notice(
        self,
        key: str,
        *,
        commit: str | None = None,
        section: str | int | None = None,
        line_text: str | None = None,
    ) -> bool:
        """Go back to the main screen showing notice ``key`` (revision, section; with
        ``line_text``, the section's first line showing it is visible too); False when
        there is no such notice (or nothing is read yet)."""
        if self.catalog is None or self.catalog.by_key(key) is None:
            return False
        main = self._back_to_main()
        if main is None:
            return False
        main.post_message(ShowNotice(key, commit=commit, section=section, line_text=line_text))
        return True

    def show_as_of(self, day: dt.date | None, label: str | None = None) -> None:
        """Go back to the main screen showing every notice as of ``day``; ``label`` says
        why that day (``"8.3 released"``, shown beside it)."""
        main = self._back_to_main()
        if main is not None:
            main.post_message(ShowAsOf(day, label))

    # app-wide actions -----------------------------------------------------------------

    def action_as_of(self) -> None:
        """Ask for a date and show every notice as it stood then (again: leave)."""
        from tui.app.screens.date_prompt import DatePrompt

        main = self.main_screen
        if main is None:
            return
        if main.as_of is not None and self.screen is main:
            main.post_message(ShowAsOf(None))
            self.notify("Back to today's view.", timeout=2)
            return

        def chosen(day: dt.date | None) -> None:
            if day is not None:
                self.show_as_of(day)

        self.push_screen(DatePrompt(main.as_of or self.today), chosen)

    def action_as_recorded(self) -> None:
        """In the as-of view, switch between the timeline's text and the text the
        repository held that day."""
        main = self.main_screen
        if main is None:
            return
        if main.as_of is None:
            self.notify("Press t and choose a day first: T then shows the text held that day.")
            return
        main.post_message(ToggleAsRecorded())  # the main screen says which text it shows

    def action_help(self) -> None:
        """Show the keys of the focused pane, of the screen and those that work everywhere."""
        from tui.app.screens.help import HelpScreen, help_for

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(help_for(self.screen), self.keymap))

    def run_palette_action(
        self, action: str, scope: str, screen: Screen[Any] | None = None
    ) -> None:
        """Run an action chosen in the palette where it belongs: the app, the screen the
        palette was opened on (``screen``), or the pane of that screen that has it."""
        screen = screen if screen is not None else self.screen
        target: Any = self
        if scope != keys.APP:
            target = screen
            if scope not in screen_scopes(screen):
                target = pane_with(screen, scope) or screen.focused or screen
        self.call_later(self.run_action, action, target)

    # errors ---------------------------------------------------------------------------

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.worker_failed(event.worker)

    def on_worker_failed(self, message: WorkerFailed) -> None:
        """A worker of a screen or widget failed (the message bubbled up from it)."""
        self.worker_failed(message.worker)

    def worker_failed(self, worker: Worker[Any]) -> None:
        """The one handler for worker errors: a calm message with the fix, never a traceback."""
        error = worker.error
        from notices_repo.errors import NoticeError

        if isinstance(error, NoticeError):
            message = error.message
        else:
            log.error("worker %s failed", worker.name, exc_info=error)
            message = (
                f"unexpected error in {worker.name or 'a background task'}: "
                f"{type(error).__name__}: {error}; run with --debug and report the log "
                "(in the state folder)"
            )
        if worker.group == "load":
            self.post_message(LoadFailed(message))
            return
        if worker.group == "support" and worker is self._support_worker_now:
            self.support_checking = False  # not "checking…" for ever: unknown, and why
            self.support_failure = message
            if self.support is None:  # the main screen's status and releases say it too
                self.tell_screens(SupportChanged)
        self.notify(message, severity="error", markup=False, timeout=10)


def run_app(args: argparse.Namespace, config: AppConfig) -> int:
    """Open the app; return the exit code (2 with one line on stderr for bad settings)."""
    from notices_repo.text.inert import inert

    try:
        settings = settings_from(args, config)
    except SettingsError as exc:
        sys.stderr.write(f"notice-tui: {inert(str(exc))}\n")
        return 2
    app = NoticeApp(settings)
    app.run()
    return int(app.return_code or 0)


__all__ = ["NoticeApp", "notice_commands", "run_app", "section_search_commands"]
