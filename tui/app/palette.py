"""The command palette (``ctrl+p``): every action, every notice, every section of the text.

What it offers follows the screen it is opened on: the app's actions everywhere, the
screen's own (the comparison's on the diff view), the main screen's panes' actions, and
on the main screen the sections of the open text. An action runs where it belongs
(:meth:`tui.app.services.NoticeServices.run_palette_action`).

Titles and headings come from the repository, so hits are built as plain
:class:`textual.content.Content` (never through markup) with the matched characters
styled, and help strings are escaped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape

from notices_repo.text.inert import inert_line
from tui.app import keys
from tui.app.messages import JumpSection
from tui.app.panes import pane_scopes, screen_scopes
from tui.app.screens.main import main_screen_of
from tui.app.services import services

if TYPE_CHECKING:
    from tui.app.services import ServicesApp

Candidate = tuple[str, Callable[[], object], str]


def highlight(matcher: Matcher, candidate: str) -> Content:
    """``candidate`` as plain content with the fuzzy-matched characters styled."""
    content = Content(candidate)
    score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    if not score:
        return content
    for offset in offsets:
        content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class NoticeCommands(Provider):
    """Actions of the app, notices of the repository, sections of the open text."""

    @property
    def notice_app(self) -> ServicesApp:
        """The app's state and services."""
        return services(self.app)

    def candidates(self) -> Iterator[Candidate]:
        """Everything the palette offers on the screen it was opened on: (name, callback,
        help). Actions of the app, of that screen and of its panes; notices; and, on the
        main screen, the sections of the open text."""
        app = self.notice_app
        screen = self.screen
        own = (*screen_scopes(screen), *pane_scopes(screen))
        active = {keys.APP, *own}
        taken = keys.shadowed(own, app.keymap)
        effective = keys.effective_keys(app.keymap)
        for item in keys.KEYS:
            if not item.palette or item.scope not in active:
                continue
            names = effective[item.id]
            if item.scope == keys.APP:  # the screen may have taken the key for itself
                names = [name for name in names if keys.canonical(name) not in taken]
            name = (
                f"{item.description} ({keys.describe_keys(names)})" if names else item.description
            )
            callback = partial(app.run_palette_action, item.action, item.scope, screen)
            yield name, callback, item.help
        main = main_screen_of(self.app)
        catalog = app.catalog
        if catalog is not None and main is not None:
            for notice in catalog.notices:
                retired = " (retired)" if notice.retired else ""
                name = f"Open notice: {inert_line(notice.title)}{retired}"
                yield name, partial(app.show_notice, notice.key), inert_line(notice.path)
        if screen is main and main is not None and main.view.document is not None:
            document = main.view.document
            for index, section in enumerate(document.sections):
                if section.level == 0:
                    continue
                name = f"Go to section: {inert_line(section.heading)}"
                yield name, partial(main.post_message, JumpSection(index)), "in the open text"

    async def discover(self) -> Hits:
        """Actions first, as shown before anything is typed."""
        for name, callback, help_text in self.candidates():
            if name.startswith(("Open notice:", "Go to section:")):
                continue
            yield DiscoveryHit(Content(name), callback, text=name, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        """Fuzzy-match everything against what was typed."""
        matcher = self.matcher(query)
        for name, callback, help_text in self.candidates():
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score, highlight(matcher, name), callback, text=name, help=escape(help_text)
                )
