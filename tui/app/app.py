"""The notice-tui app: what ``notice-tui`` without a command opens.

Start-up paints a light first screen (:mod:`tui.app.screens.loading`) before anything is
read or the main screen is imported; right after, the main screen comes in and the
repository is opened and read in a thread worker that reports progress and can be
cancelled (``q`` never waits for git), and the running release is looked up in another
worker (a server may take seconds to answer). Workers post messages (:mod:`tui.app.messages`);
one handler turns any worker error into a calm message with the fix, never a traceback.

Other screens plug in by module name and are imported only when opened:
``tui.app.screens.diff_view`` (``DiffScreen``), ``tui.app.screens.search_screen``
(``SearchScreen``) and ``tui.app.screens.releases_screen`` (``ReleasesScreen``). They use
:attr:`NoticeApp.repository`, :attr:`NoticeApp.catalog`, :attr:`NoticeApp.today`,
:attr:`NoticeApp.support`, and navigate back with :meth:`NoticeApp.show_notice` and
:meth:`NoticeApp.show_as_of`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import logging
import os
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, work
from textual.app import App
from textual.screen import Screen
from textual.worker import Worker, WorkerState, get_current_worker

from notices_repo.usecases.repository import RepositoryChoice, choose
from tui.app import keys
from tui.app.keyhold import KeyHold
from tui.app.messages import CatalogLoaded, LoadFailed, LoadProgress, SupportChecked

if TYPE_CHECKING:
    from textual.command import Provider

    from notices_repo.catalog.repository import NoticeRepository
    from notices_repo.catalog.reviews import Review, ReviewRecord
    from notices_repo.model import Catalog, EffectiveVersion, Notice, Revision
    from notices_repo.settings.config import AppConfig
    from notices_repo.support.running import SupportCheck
    from notices_repo.usecases.support import SupportRequest
    from tui.app.screens.main import MainScreen

log = logging.getLogger("tui.app.app")

DEFAULT_THEME = "textual-dark"
ANSI_THEME = "ansi-dark"
#: Friendly names for Textual's ANSI themes (they use the terminal's own 16 colours).
THEME_ALIASES = {"ansi": ANSI_THEME, "textual-ansi": ANSI_THEME, "ansi-dark": ANSI_THEME}

#: Screens others build, opened by module name (the module may not exist yet).
DIFF_MODULE = "tui.app.screens.diff_view"
SEARCH_MODULE = "tui.app.screens.search_screen"
RELEASES_MODULE = "tui.app.screens.releases_screen"
CHANGES_MODULE = "tui.app.screens.changes_screen"


def notice_commands() -> type[Provider]:
    """The palette's provider of actions, notices and sections (imported when opened)."""
    from tui.app.palette import NoticeCommands

    return NoticeCommands


def section_search_commands() -> type[Provider]:
    """The palette's provider of sections of the open notice by what they say (imported
    when the palette opens, so start-up never loads the search screen)."""
    from tui.app.screens.search_screen import SectionSearchCommands

    return SectionSearchCommands


def screen_scopes(screen: Screen[Any]) -> tuple[str, ...]:
    """The key scopes of a screen (its ``KEY_SCOPES``; none for screens without)."""
    return tuple(getattr(type(screen), "KEY_SCOPES", ()))


def pane_scopes(screen: Screen[Any]) -> tuple[str, ...]:
    """The key scopes of every pane of a screen (its ``PANES``: id -> (pane, scopes))."""
    panes: dict[str, tuple[str, tuple[str, ...]]] = getattr(type(screen), "PANES", {})
    return tuple(dict.fromkeys(scope for _, scopes in panes.values() for scope in scopes))


def pane_with(screen: Screen[Any], scope: str) -> Any:
    """The pane of ``screen`` whose keys include ``scope``: the focused one if it does,
    else the first shown (None: no such pane)."""
    panes: dict[str, tuple[str, tuple[str, ...]]] = getattr(type(screen), "PANES", {})
    focused = screen.focused
    if focused is not None and scope in panes.get(focused.id or "", ("", ()))[1]:
        return focused
    for widget_id, (_, scopes) in panes.items():
        if scope not in scopes:
            continue
        for widget in screen.query(f"#{widget_id}"):
            if widget.display:
                return widget
    return None


class SettingsError(ValueError):
    """A setting the app cannot start with (unknown theme, bad [keys]); says the fix."""


def few_colours(environ: dict[str, str] | os._Environ[str] | None = None) -> bool:
    """Whether the terminal likely has only 16 colours (Linux console, plain xterm...).

    Follows Rich's detection, which Textual uses: ``COLORTERM=truecolor``/``24bit`` or a
    ``TERM`` ending in ``-256color``/``-kitty`` means more colours; anything else (``linux``,
    ``xterm``, ``screen``, ``vt100``) means the 16 the user's terminal palette defines.
    """
    env = os.environ if environ is None else environ
    if env.get("COLORTERM", "").strip().lower() in ("truecolor", "24bit"):
        return False
    term = env.get("TERM", "").strip().lower()
    if not term:
        return False
    return term.rpartition("-")[2] not in ("256color", "kitty", "direct", "truecolor")


def choose_theme(requested: str | None, source: str) -> str:
    """The Textual theme to use: asked for (checked), else ANSI on 16 colours, else dark."""
    from textual.theme import BUILTIN_THEMES

    if requested:
        name = THEME_ALIASES.get(requested.strip().lower(), requested.strip())
        if name not in BUILTIN_THEMES:
            names = ", ".join(["ansi", *sorted(BUILTIN_THEMES)])
            raise SettingsError(f"unknown theme '{requested}' ({source}); choose one of: {names}")
        return name
    return ANSI_THEME if few_colours() else DEFAULT_THEME


@dataclass(slots=True)
class Settings:
    """Everything the app needs from the command line and the config file."""

    repo: Path | None
    """The chosen repository, None for the built-in sample."""
    origin: str
    """Where that choice came from (--repo, NOTICE_TUI_REPO, config, built-in sample)."""
    today: dt.date | None = None
    """``--today`` (None: the real date)."""
    theme: str = DEFAULT_THEME
    keymap: dict[str, str] = field(default_factory=dict)
    release: str | None = None
    server: str | None = None
    calendar: str | None = None
    config_release: str | None = None
    config_server: str | None = None
    ca_file: str | None = None
    token_file: str | None = None
    server_timeout: float | None = None
    """Seconds to wait for the server's answer (None: the domain's default, 3 s)."""
    debug: bool = False

    @property
    def where(self) -> str:
        """The repository as the user should see it."""
        return RepositoryChoice(self.repo, self.origin).where

    def support_request(self) -> SupportRequest:
        """Where the support check looks for the running release and the calendars."""
        from notices_repo.usecases.support import SupportRequest

        timeout: dict[str, float] = {}
        if self.server_timeout is not None:
            timeout["timeout"] = self.server_timeout
        return SupportRequest(
            release=self.release,
            config_release=self.config_release,
            server=self.server,
            config_server=self.config_server,
            calendar=self.calendar,
            ca_file=self.ca_file,
            token_file=self.token_file,
            **timeout,
        )


def repository_choice(args: argparse.Namespace, config: AppConfig) -> tuple[Path | None, str]:
    """The repository to open and where that choice came from (None: the sample)."""
    choice = choose(getattr(args, "repo", None), config)
    return choice.path, choice.origin


def settings_from(args: argparse.Namespace, config: AppConfig) -> Settings:
    """Settings from parsed options and the config file; SettingsError when unusable."""
    repo, origin = repository_choice(args, config)
    theme_arg = getattr(args, "theme", None)
    theme = choose_theme(
        theme_arg or config.theme,
        "--theme" if theme_arg else f"theme in {config.path}",
    )
    try:
        keymap = keys.validate_keymap(config.keys, source=str(config.path))
    except keys.KeymapError as exc:
        raise SettingsError(str(exc)) from exc
    return Settings(
        repo=repo,
        origin=origin,
        today=getattr(args, "today", None),
        theme=theme,
        keymap=keymap,
        release=getattr(args, "release", None),
        server=getattr(args, "server", None),
        calendar=getattr(args, "calendar", None),
        config_release=config.release,
        config_server=config.server,
        ca_file=getattr(args, "ca_file", None) or config.ca_file,
        token_file=config.token_file,
        debug=bool(getattr(args, "debug", False)),
    )


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
        from tui.app.screens.main import MainScreen  # imported after the first paint

        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        return None

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
        main = self.main_screen
        if main is not None and (self.catalog is None or not reload):
            main.loading(*self.progress)
        self._load_worker(reload, self._cancel)

    @work(thread=True, exclusive=True, group="load", exit_on_error=False, name="load")
    def _load_worker(self, reload: bool, cancel: threading.Event) -> None:
        from notices_repo.errors import Cancelled
        from notices_repo.usecases.repository import open_repository

        started = time.perf_counter()
        last_post = 0.0

        def progress(stage: str, done: int, total: int) -> None:
            nonlocal last_post
            now = time.perf_counter()
            if now - last_post >= 0.1 or (total and done == total):
                last_post = now
                self.post_message(LoadProgress(stage, done, total))

        repository = self.repository
        try:
            if repository is None:
                repository = open_repository(self.settings.repo, progress=progress)
            catalog = repository.load(progress=progress, cancelled=cancel)
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
        main = self.main_screen
        if main is not None and self.catalog is None:
            main.loading(message.stage, message.done, message.total)

    def on_catalog_loaded(self, message: CatalogLoaded) -> None:
        self.repository = message.repository
        self.catalog = message.catalog
        self.load_seconds = message.seconds
        main = self.main_screen
        if main is not None:
            main.catalog_loaded(message.catalog, reload=message.reload)
        self._tell_screens_catalog_changed()
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
        main = self.main_screen
        if main is not None:
            main.load_failed(message.message)
        self._tell_screens_catalog_changed()

    def _tell_screens_catalog_changed(self) -> None:
        """Screens opened while reading (search) learn that the catalog is there, or not."""
        for screen in self.screen_stack:
            catalog_changed = getattr(screen, "catalog_changed", None)
            if callable(catalog_changed):
                catalog_changed()

    def action_reload(self) -> None:
        """Read the repository again (new commits are read incrementally)."""
        self.load(reload=True)

    # support --------------------------------------------------------------------------

    def check_support(self) -> None:
        """Find the running release and its support state, in a worker."""
        self.support_checking = True
        main = self.main_screen
        if main is not None and self.support is None:
            main.status.show_support(None, checking=True)
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
            for screen in self.screen_stack:
                support_changed = getattr(screen, "support_changed", None)
                if callable(support_changed) and self.support is None:
                    support_changed(None)
            return
        self.support = message.check
        self.support_checking = False
        self.support_failure = None
        age = message.check.age
        calendar = age.short() if age is not None else ""
        main = self.main_screen
        if main is not None:
            main.status.show_support(message.check.status, calendar=calendar)
        for screen in self.screen_stack:  # the releases screen, when open
            support_changed = getattr(screen, "support_changed", None)
            if callable(support_changed):
                support_changed(message.check)
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

    def _optional(self, module_name: str, what: str) -> ModuleType | None:
        try:
            return importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            self.notify(f"{what} not available yet", timeout=3)
            return None

    def _catalog_ready(self) -> bool:
        if self.catalog is None or self.repository is None:
            self.notify("Still reading the repository; a moment.", timeout=3)
            return False
        return True

    def _open(self, module_name: str, what: str, class_name: str, **kwargs: Any) -> None:
        module = self._optional(module_name, what)
        if module is None:
            return
        screen_class = getattr(module, class_name, None)
        if screen_class is None:
            self.notify(f"{what} not available yet", timeout=3)
            return
        self.push_screen(screen_class(**kwargs))

    def open_diff(self, notice: Notice, old_revision: Revision, new_revision: Revision) -> None:
        """Compare two revisions of ``notice`` in the diff view (older first)."""
        if not self._catalog_ready():
            return
        main = self.main_screen
        self._open(
            DIFF_MODULE,
            "diff view",
            "DiffScreen",
            notice=notice,
            old=old_revision,
            new=new_revision,
            repository=self.repository,
            today=self.today,
            known=main.known_texts(notice.key) if main is not None else (),
        )

    def action_search(self) -> None:
        """Search sections and data categories of every notice (at once, even while the
        repository is read: the search runs when it is there)."""
        if self.main_screen is None:
            return  # not before the main screen: keys are held for it until then
        self._open(SEARCH_MODULE, "search", "SearchScreen")

    def action_releases(self) -> None:
        """Show the release calendar and the running release's support (again: close it)."""
        if type(self.screen).__name__ == "ReleasesScreen":
            self.screen.dismiss()
            return
        self._open(RELEASES_MODULE, "releases screen", "ReleasesScreen")

    def action_changes(self) -> None:
        """Show what changed in every notice in a period (again: close it)."""
        if type(self.screen).__name__ == "ChangesScreen":
            self.screen.dismiss()
            return
        self._open(CHANGES_MODULE, "changes screen", "ChangesScreen")

    def show_notice(
        self,
        key: str,
        *,
        commit: str | None = None,
        section: str | int | None = None,
        line_text: str | None = None,
    ) -> bool:
        """Go back to the main screen showing notice ``key`` (revision, section; with
        ``line_text``, the section's first line showing it is visible too)."""
        main = self.main_screen
        if main is None:
            return False
        while self.screen is not main and len(self.screen_stack) > 1:
            self.pop_screen()
        return main.show_notice(key, commit=commit, section=section, line_text=line_text)

    def show_as_of(self, day: dt.date | None, label: str | None = None) -> None:
        """Go back to the main screen showing every notice as of ``day``; ``label`` says
        why that day (``"8.3 released"``, shown beside it)."""
        main = self.main_screen
        if main is None:
            return
        while self.screen is not main and len(self.screen_stack) > 1:
            self.pop_screen()
        main.set_as_of(day, label)

    # app-wide actions -----------------------------------------------------------------

    def action_as_of(self) -> None:
        """Ask for a date and show every notice as it stood then (again: leave)."""
        from tui.app.screens.date_prompt import DatePrompt

        main = self.main_screen
        if main is None:
            return
        if main.as_of is not None and self.screen is main:
            main.set_as_of(None)
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
        main.set_as_recorded(not main.as_recorded)
        if main.as_recorded:
            self.notify(f"As recorded: the text the repository held on {main.as_of}.", timeout=3)
        else:
            self.notify("As the repository says now: the version in force that day.", timeout=3)

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
        self.worker_failed(event)

    def worker_failed(self, event: Worker.StateChanged) -> None:
        """The one handler for worker errors: a calm message with the fix, never a traceback."""
        if event.state != WorkerState.ERROR:
            return
        worker = event.worker
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
            main = self.main_screen
            if main is not None and self.support is None:
                main.status.show_support(None)
            for screen in self.screen_stack:  # the releases screen says it too
                support_changed = getattr(screen, "support_changed", None)
                if callable(support_changed) and self.support is None:
                    support_changed(None)
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


__all__ = [
    "NoticeApp",
    "Settings",
    "SettingsError",
    "choose_theme",
    "few_colours",
    "run_app",
    "settings_from",
]
