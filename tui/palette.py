"""The command palette (``ctrl+p``): every action, every notice, every section of the text.

Titles and headings come from the repository, so hits are built as plain
:class:`textual.content.Content` (never through markup) with the matched characters
styled, and help strings are escaped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape

from notices_repo.inert import inert_line

from . import keys

if TYPE_CHECKING:
    from .app import NoticeApp

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
    def notice_app(self) -> NoticeApp:
        """The app, typed."""
        return cast("NoticeApp", self.app)

    def candidates(self) -> Iterator[Candidate]:
        """Everything the palette offers: (name, callback, help)."""
        app = self.notice_app
        effective = keys.effective_keys(app.keymap)
        for item in keys.KEYS:
            if not item.palette:
                continue
            shown = keys.describe_keys(effective[item.id])
            name = f"{item.description} ({shown})"
            yield name, partial(app.run_palette_action, item.action, item.scope), item.help
        main = app.main_screen
        catalog = app.catalog
        if catalog is not None and main is not None:
            for notice in catalog.notices:
                retired = " (retired)" if notice.retired else ""
                name = f"Open notice: {inert_line(notice.title)}{retired}"
                yield name, partial(main.show_notice, notice.key), inert_line(notice.path)
        if main is not None and main.view.document is not None:
            document = main.view.document
            for index, section in enumerate(document.sections):
                if section.level == 0:
                    continue
                name = f"Go to section: {inert_line(section.heading)}"
                yield name, partial(main.jump_section, index), "in the open text"

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
