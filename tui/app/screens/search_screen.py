"""Search as you type over every notice (``/``): sections and data categories.

The index is loaded (or built, the first time: :func:`notices_repo.usecases.search.
prepare_index`, as ``notice-tui search`` does) in a worker that belongs to the app, so
it survives leaving this screen and is reused the next time ``/`` is pressed; the
all-versions index is prepared the first time ``ctrl+a`` asks for it. Until the index
of the scope is ready, the screen answers from what is there and says so: the notice
files at HEAD (:mod:`tui.app.screens.search_head`; the box's placeholder reads
"searching the current texts - index building…"), or the versions in force while every
version is indexed; the same query then runs on the index. Each keystroke
runs :meth:`notices_repo.search.query.SearchIndex.search` in a thread worker (the newest
query wins), well inside a frame on the largest archives (docs/search.md), so typing
never waits. Matched words are highlighted from the hits' spans through
``rich.text.Text`` styles; text from the repository is never read as markup and is made
inert piece by piece, so the highlight offsets stay right.

``enter`` opens the notice at the hit's section in the hit's version
(:meth:`tui.app.services.NoticeServices.show_notice`); ``escape`` returns to where you were.
"""

from __future__ import annotations

import threading
import time
import weakref
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Hit as PaletteHit
from textual.command import Hits, Provider
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, get_current_worker

from notices_repo.text.inert import inert_line
from tui.app.messages import CatalogChanged, JumpSection
from tui.app.screens.search_head import HEAD_PLACEHOLDER, forget_head, head_state, read_head
from tui.app.screens.search_hits import hit_line_text, hit_text, marked_text
from tui.app.services import services

if TYPE_CHECKING:
    from textual.app import App

    from notices_repo.search.query import Hit, SearchIndex
    from tui.app.services import NoticeServices, ServicesApp

SCOPE_NAMES = {"latest": "the versions in force", "all": "every version in history"}
RESULTS = 50
PLACEHOLDER = "words to find: cookies, retention period, data usage…"
#: Tests only (a documented hook, not a mock): while this is an Event that is not set,
#: index workers wait for it before loading or building the index, so the answers from
#: the texts at HEAD can be seen before the index's.
INDEX_HOLD: threading.Event | None = None


# the index, kept per app ----------------------------------------------------------------


@dataclass
class SearchState:
    """The app's search index and how its preparation is going (one per app)."""

    key: tuple[object, ...] | None = None
    index: SearchIndex | None = None
    building: set[str] = field(default_factory=set)
    progress: str = ""
    error: str | None = None
    listeners: list[Any] = field(default_factory=list)

    def notify(self) -> None:
        """Tell open search screens that something changed (UI thread)."""
        for listener in list(self.listeners):
            listener()


_STATES: weakref.WeakKeyDictionary[Any, SearchState] = weakref.WeakKeyDictionary()


def search_state(app: App[Any]) -> SearchState:
    """The search state of ``app`` (created on first use)."""
    state = _STATES.get(app)
    if state is None:
        state = _STATES[app] = SearchState()
    return state


class _WorkerCancelled(threading.Event):
    """Set when asked, or when the worker running the build is cancelled (app exit)."""

    def __init__(self, worker: Worker[Any]) -> None:
        super().__init__()
        self._worker = worker

    def is_set(self) -> bool:
        return super().is_set() or self._worker.is_cancelled


def _current_key(app: NoticeServices) -> tuple[object, ...] | None:
    if app.repository is None or app.catalog is None:
        return None
    return (str(app.repository.git_dir), app.catalog.head, app.today)


def prepare(app: ServicesApp, scope: str) -> None:
    """Load or build the index of ``scope`` in an app worker unless it is there."""
    state = search_state(app)
    key = _current_key(app)
    if key is None:
        return
    if state.key != key:  # another repository, HEAD or day: start again
        state.key, state.index, state.error = key, None, None
        state.building.clear()
    if scope in state.building or (state.index is not None and scope in state.index.scopes):
        return
    if scope == "all" and (state.index is None or "latest" in state.building):
        # the latest index comes first; "all" follows when it is there
        state.building.add("all")
        if "latest" not in state.building and state.index is None:
            prepare(app, "latest")
        return
    state.building.add(scope)
    state.progress = "preparing the search index…"
    app.run_worker(
        partial(_build, app, state, key, scope),
        thread=True,
        group=f"search-index-{scope}",
        name=f"search index ({scope})",
        exit_on_error=False,
    )


def _build(app: ServicesApp, state: SearchState, key: tuple[object, ...], scope: str) -> None:
    """Worker: load or build one scope, then hand it to the UI thread."""
    from notices_repo.errors import Cancelled, NoticeError
    from notices_repo.usecases.search import prepare_index

    worker = get_current_worker()
    cancelled = _WorkerCancelled(worker)
    while INDEX_HOLD is not None and not INDEX_HOLD.wait(0.05):
        if cancelled.is_set():
            return
    repository, catalog = app.repository, app.catalog
    assert repository is not None and catalog is not None
    last = [0.0]
    what = "every version" if scope == "all" else "the versions in force"

    def progress(stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] < 0.2:
            return
        last[0] = now
        count = f" {done}/{total}" if total else ""
        text = f"indexing {what}: {stage}{count}…"
        app.call_from_thread(_set_progress, state, key, text)

    # "all" extends the index of the versions in force (prepare builds that first)
    base = state.index if scope == "all" else None
    try:
        index = prepare_index(
            repository,
            catalog,
            scope,
            today=app.today,
            base=base,
            progress=progress,
            cancelled=cancelled,
            warm=True,
        )
    except Cancelled:
        return
    except NoticeError as exc:
        app.call_from_thread(_failed, state, key, scope, exc.message)
        return
    if not worker.is_cancelled:
        app.call_from_thread(_ready, app, state, key, scope, index)


def _set_progress(state: SearchState, key: tuple[object, ...], text: str) -> None:
    if state.key == key:
        state.progress = text
        state.notify()


def _failed(state: SearchState, key: tuple[object, ...], scope: str, message: str) -> None:
    if state.key == key:
        state.building.discard(scope)
        state.error = message
        state.notify()


def _ready(
    app: ServicesApp, state: SearchState, key: tuple[object, ...], scope: str, index: SearchIndex
) -> None:
    if state.key != key:
        return
    state.building.discard(scope)
    if state.index is None or len(index.scopes) >= len(state.index.scopes):
        state.index = index
    state.progress = ""
    if "all" in state.building and scope == "latest":
        state.building.discard("all")
        prepare(app, "all")
    state.notify()


class SearchScreen(Screen[None]):
    """Search sections and data categories of every notice as you type.

    Results update with every key: a match in a heading or category name ranks above the
    same words in a text; typos, partial words and word order are forgiven. ctrl+a
    switches between the versions in force and every version in history; enter opens the
    highlighted hit at its section.
    """

    HELP_TITLE: ClassVar[str] = "Search"

    DEFAULT_CSS = """
    SearchScreen {
        layout: vertical;
    }
    SearchScreen #search-title {
        height: 1;
        padding: 0 1;
        text-style: bold;
    }
    SearchScreen #search-input {
        border: round $accent;
        height: 3;
    }
    SearchScreen #search-results {
        height: 1fr;
        border: round $panel-lighten-2;
        padding: 0;
    }
    SearchScreen #search-status {
        height: 1;
        padding: 0 1;
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", tooltip="Return to where you were."),
        Binding(
            "ctrl+a",
            "toggle_scope",
            "Latest/all",
            priority=True,
            tooltip="Search the versions in force, or every version in history.",
        ),
        Binding("down", "move(1)", "Next", show=False, priority=True),
        Binding("up", "move(-1)", "Previous", show=False, priority=True),
        # enter typed before notice-tui set up the terminal arrives as a newline
        Binding("ctrl+j", "open_highlighted", show=False),
        Binding("pagedown", "move(10)", show=False),
        Binding("pageup", "move(-10)", show=False),
    ]

    def __init__(self, scope: str = "latest") -> None:
        super().__init__()
        self.scope = scope
        self.hits: list[Hit] = []
        self._query = ""
        self._shown: tuple[str, str] | None = None
        #: the query and scope answered early (texts at HEAD, or the versions in force
        #: for every version) while the index of the scope is prepared
        self._early: tuple[str, str] | None = None
        self._early_from = ""
        self._waiting = ""
        self._at_head = False
        self._enter_pending = False

    @property
    def notice_app(self) -> ServicesApp:
        """The app's state and services."""
        return services(self)

    # layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static("", id="search-title", markup=False)
        yield Input(
            placeholder=PLACEHOLDER,
            id="search-input",
            select_on_focus=False,
        )
        yield OptionList(id="search-results")
        yield Static("", id="search-status", markup=False)

    def on_mount(self) -> None:
        state = search_state(self.notice_app)
        state.listeners.append(self._state_changed)
        self.query_one(Input).focus()
        self._show_title()
        self.catalog_changed()
        # keys typed since / was pressed were held for the box: it has the focus now
        self.call_after_refresh(self.notice_app.screen_ready, self)

    def on_catalog_changed(self, message: CatalogChanged) -> None:
        """The app read the repository (again), or could not."""
        self.catalog_changed()

    def catalog_changed(self) -> None:
        """The repository was read (again): prepare the index and search once it is there."""
        prepare(self.notice_app, "latest")
        if self.scope == "all":
            prepare(self.notice_app, "all")
        self._shown = None  # results of the old catalog: search the new one again
        self._state_changed()

    def on_unmount(self) -> None:
        state = search_state(self.notice_app)
        if self._state_changed in state.listeners:
            state.listeners.remove(self._state_changed)

    def _show_title(self) -> None:
        title = Text("Search ", style="bold")
        title.append(SCOPE_NAMES[self.scope])
        title.append("   ctrl+a: ", style="dim")
        other = "all" if self.scope == "latest" else "latest"
        title.append(SCOPE_NAMES[other], style="dim")
        self.query_one("#search-title", Static).update(title)

    def _set_status(self, text: str | Text) -> None:
        line = text if isinstance(text, Text) else Text(text)
        if self._enter_pending:
            line = Text("enter: opening the first hit as soon as the results come · ")
            line.append_text(text if isinstance(text, Text) else Text(text))
        self.query_one("#search-status", Static).update(line)

    # state ----------------------------------------------------------------------------

    def _index(self) -> SearchIndex | None:
        state = search_state(self.notice_app)
        if state.key != _current_key(self.notice_app):
            return None
        return state.index

    def _ready(self) -> bool:
        index = self._index()
        return index is not None and self.scope in index.scopes

    def _state_changed(self) -> None:
        if not self.is_attached:
            return
        state = search_state(self.notice_app)
        app = self.notice_app
        if app.catalog is None:
            if app.load_error is not None:
                self._set_status(f"The repository could not be read: {app.load_error}")
            else:
                self._answer_early("reading the repository; the search runs when it is read…")
            return
        if state.error:
            self._set_status(f"The search index could not be prepared: {state.error}")
            return
        if not self._ready():
            self._answer_early(state.progress or "preparing the search index…")
            return
        self.query_one(Input).placeholder = PLACEHOLDER
        self._early_from = ""
        forget_head(app)  # the index answers from now on
        if self._shown != (self._query, self.scope):
            self._search(self._query)
        else:
            self._show_count()

    # searching --------------------------------------------------------------------------

    @on(Input.Changed, "#search-input")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self._query = event.value
        self._enter_pending = False  # typed on after enter: not that query any more
        self._search(event.value)

    def _search(self, query: str) -> None:
        if not query.strip():
            self._show(query, self.scope, [])
            return
        index = self._index()
        if index is None or self.scope not in index.scopes:
            self._state_changed()
            return
        self._run_query(index, query, self.scope)

    def _answer_early(self, waiting: str) -> None:
        """The index of the scope is not ready: answer from what is (the versions in
        force for every version; else the texts at HEAD, read first), saying so."""
        self._waiting = waiting
        index = self._index()
        texts = head_state(self.notice_app).texts
        if index is not None and "latest" in index.scopes:
            source: Any = index
            self._early_from = "the versions in force (every version is being indexed)"
        elif texts is not None:
            source = texts
            self._early_from = "the current texts at HEAD (the index is being prepared)"
        else:
            read_head(self.notice_app, search_state(self.notice_app).notify)
            self._set_status(waiting)
            return
        self.query_one(Input).placeholder = HEAD_PLACEHOLDER
        if not self._query.strip() or self._early == (self._query, self.scope):
            self._show_count()
            return
        self._run_query(source, self._query, self.scope, early=True)

    @work(thread=True, exclusive=True, group="search-query", exit_on_error=False)
    def _run_query(self, index: Any, query: str, scope: str, early: bool = False) -> None:
        if early and not hasattr(index, "scopes"):
            hits = index.search(query, limit=RESULTS)  # the texts at HEAD
        else:
            hits = index.search(query, limit=RESULTS, scope="latest" if early else scope)
        if not get_current_worker().is_cancelled:
            show = self._show_early if early else self._show
            self.app.call_from_thread(show, query, scope, hits)

    def _show_early(self, query: str, scope: str, hits: list[Hit]) -> None:
        """An answer before the index of the scope is ready (enter still waits for it)."""
        if (query, scope) != (self._query, self.scope) or not self.is_attached:
            return
        if not self._ready():  # else the index came first: it answers
            self._early = (query, scope)
            self._list(hits, scope, "HEAD" in self._early_from)
            self._show_count()

    def _list(self, hits: list[Hit], scope: str, at_head: bool) -> None:
        self.hits, self._at_head = hits, at_head
        results = self.query_one("#search-results", OptionList)
        results.clear_options()
        results.add_options(
            [Option(hit_text(hit, scope, at_head), id=str(n)) for n, hit in enumerate(hits)]
        )
        if hits:
            results.highlighted = 0

    def _show(self, query: str, scope: str, hits: list[Hit]) -> None:
        if (query, scope) != (self._query, self.scope) or not self.is_attached:
            return  # an older keystroke's answer, or the screen has closed
        self._shown, self._early = (query, scope), None
        self._list(hits, scope, False)
        pending, self._enter_pending = self._enter_pending, False
        self._show_count()
        if pending and hits:
            self.open_hit(0)  # enter came before the results: the first one

    def _show_count(self) -> None:
        early = bool(self._early_from) and not self._ready()
        if early and not self._query.strip():
            self._set_status(f"type to search {self._early_from} · {self._waiting}")
            return
        if not self._query.strip():
            self._set_status("type to search · enter opens · ctrl+a: latest/all versions")
            return
        count = f"{len(self.hits)}{'+' if len(self.hits) >= RESULTS else ''} hits"
        if not self.hits:
            count = f"no match for '{inert_line(self._query)}'"
        if early:
            self._set_status(Text(f"{count} in {self._early_from} · {self._waiting}"))
        elif not self.hits:
            self._set_status(Text(count))
        else:
            self._set_status(f"{count} · ↑↓ choose · enter opens · escape back")

    # actions ----------------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        """Move the highlight through the results (while typing)."""
        results = self.query_one("#search-results", OptionList)
        if not results.option_count:
            return
        current = results.highlighted if results.highlighted is not None else -1
        results.highlighted = max(0, min(results.option_count - 1, current + step))

    def action_toggle_scope(self) -> None:
        """Switch between the versions in force and every version in history."""
        self.scope = "all" if self.scope == "latest" else "latest"
        self._show_title()
        prepare(self.notice_app, self.scope)
        self._state_changed()

    def action_back(self) -> None:
        """Return to where you were."""
        self.dismiss()

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_open_highlighted()

    def action_open_highlighted(self) -> None:
        """Open the hit highlighted now; with no results yet, the first one to come."""
        results = self.query_one("#search-results", OptionList)
        if self._shown == (self._query, self.scope) or self.hits:
            # the hit highlighted now, even while a longer query's results are coming
            if results.highlighted is not None:
                self.open_hit(results.highlighted)
            return
        if self._query.strip():
            self._enter_pending = True  # no results yet (index or repository not there)
            self._state_changed()

    @on(OptionList.OptionSelected, "#search-results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.open_hit(event.option_index)

    def open_hit(self, number: int) -> None:
        """Open hit ``number``: its notice, at its section, in its version."""
        if not 0 <= number < len(self.hits):
            return
        hit = self.hits[number]
        if self.notice_app.catalog is None:
            self.notify("Still reading the repository; a moment.", timeout=3)
            return
        shown = self.notice_app.show_notice(
            hit.notice,
            commit=None if self._at_head else hit.commit,  # a text at HEAD: the latest
            section=hit.section,
            line_text=hit_line_text(hit),
        )
        if not shown:
            self.notify("That notice is not in the list any more.", timeout=3)


# the command palette: sections of the open notice, by what they say ---------------------


class SectionSearchCommands(Provider):
    """Palette hits: sections and categories of the open notice matching what is typed
    (headings, names and text, through the search index), to jump there."""

    async def search(self, query: str) -> Hits:
        """Search the open notice with the search index (when it is ready)."""
        from tui.app.screens.main import main_screen_of

        app = services(self)
        main = main_screen_of(app)
        if main is None or self.screen is not main or main.view.document is None:
            return  # the open notice's sections, on the screen that shows it
        if not query.strip():
            return
        document = main.view.document
        state = search_state(app)
        index = state.index if state.key == _current_key(app) else None
        if index is None:
            prepare(app, "latest")
            return
        scope = "all" if "all" in index.scopes else "latest"
        # well inside a frame (docs/search.md), so it runs here, between keystrokes
        hits = index.search(query, limit=20, scope=scope, notice_key=document.notice_key)
        for hit in hits:
            if hit.commit != document.commit:
                continue  # another version of this notice
            label = hit.name if hit.name is not None else hit.heading
            shown = Text("Go to: ")
            shown.append_text(marked_text(label or "(before the first heading)", hit.label_spans))
            yield PaletteHit(
                hit.score / 100.0,
                shown,
                partial(main.post_message, JumpSection(hit.section)),
                text=f"Go to: {inert_line(label)}",
                help=escape(inert_line(hit.snippet)),
            )


__all__ = [
    "SearchScreen",
    "SectionSearchCommands",
    "hit_line_text",
    "hit_text",
    "marked_text",
    "prepare",
]
