"""Turning a notice's text into screen lines, off the UI thread, one section at a time.

Textual's Markdown widget mounts a widget per block: measured on this project's machine
it takes about 1.2 s for a 50 KB document and over a minute for 1 MB, on the UI thread.
Notices go up to 1 MB with single lines of 65,000 characters, so the reader renders with
Rich instead: each section (from :func:`notices_repo.text.sections.split_sections`) is rendered
on its own, in a worker thread, to a list of :class:`textual.strip.Strip` lines at the
pane's width. The view only paints the lines on screen (see
:class:`tui.app.widgets.notice_view.NoticeView`), and knows where every section starts, so
the table of contents jumps exactly.

Text is made inert first (control characters, escapes, bidi overrides visible), Rich
never reads markup in it, and links render as ``text (url)`` with no hyperlink escape:
nothing in a notice can drive the terminal or run an action.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from rich.theme import Theme
from textual.strip import Strip

from notices_repo.text.inert import inert

if TYPE_CHECKING:
    from notices_repo.text.sections import Section


@cache
def notice_markdown() -> Any:
    """Rich's Markdown with left-aligned headings (imported on first use: it is slow)."""
    from rich.console import ConsoleOptions, RenderResult
    from rich.markdown import Heading, Markdown

    class LeftHeading(Heading):
        """Headings aligned left, as documents are read (Rich centres level 1)."""

        def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
            text = self.text.copy()
            text.justify = "left"
            yield text

    class NoticeMarkdown(Markdown):
        """Rich's Markdown with left-aligned headings."""

        elements: ClassVar = {**Markdown.elements, "heading_open": LeftHeading}

    return NoticeMarkdown


def markdown_theme(primary: str, accent: str) -> Theme:
    """Rich styles for Markdown in the app's colours (no fixed black backgrounds)."""
    return Theme(
        {
            "markdown.h1": Style.parse(f"bold underline {accent}"),
            "markdown.h2": Style.parse(f"bold {accent}"),
            "markdown.h3": Style.parse(f"bold {primary}"),
            "markdown.h4": Style.parse(f"italic {primary}"),
            "markdown.h5": Style.parse("italic"),
            "markdown.h6": Style.parse("dim"),
            "markdown.code": Style.parse("bold"),
            "markdown.code_block": Style.parse(""),
            "markdown.block_quote": Style.parse("italic"),
            "markdown.list": Style.parse(""),
            "markdown.item.number": Style.parse("bold"),
            "markdown.link": Style.parse("underline"),
            "markdown.link_url": Style.parse(f"{primary}"),
            "markdown.table.border": Style.parse("dim"),
            "markdown.table.header": Style.parse("bold"),
            "markdown.hr": Style.parse("dim"),
        }
    )


def _console(width: int, theme: Theme | None) -> Console:
    return Console(
        file=io.StringIO(),
        width=width,
        height=25,
        theme=theme,
        color_system="truecolor",
        force_terminal=True,
        markup=False,
        emoji=False,
        highlight=False,
        legacy_windows=False,
        no_color=False,
    )


def _trim(lines: list[list[Segment]]) -> list[list[Segment]]:
    """Drop blank lines at both ends of a rendered chunk."""

    def blank(line: list[Segment]) -> bool:
        return not "".join(segment.text for segment in line).strip()

    start, end = 0, len(lines)
    while start < end and blank(lines[start]):
        start += 1
    while end > start and blank(lines[end - 1]):
        end -= 1
    return lines[start:end]


#: ``[](#anchor)``: an in-page anchor with no text, common in pages converted to Markdown;
#: rendered as "text (url)" it would show a bare "(#anchor)" before headings.
_EMPTY_ANCHOR = re.compile(r"\[\]\(#[^()\s]*\)")


def render_section(
    console: Console, chunk: str, width: int, *, markdown: bool, code_theme: str
) -> list[Strip]:
    """One section's raw text as lines ``width`` cells wide (made inert here)."""
    safe = inert(chunk)
    renderable: Any
    if markdown:
        if "[](#" in safe:
            safe = _EMPTY_ANCHOR.sub("", safe)
        renderable = notice_markdown()(
            safe, hyperlinks=False, code_theme=code_theme, inline_code_lexer=None
        )
    else:
        renderable = Text(safe.expandtabs(4), overflow="fold", no_wrap=False)
    options = console.options.update_width(max(10, width))
    lines = console.render_lines(renderable, options, pad=False, new_lines=False)
    return [Strip(line) for line in _trim(lines)]


def render_sections(
    text: str,
    sections: Sequence[Section],
    width: int,
    *,
    markdown: bool,
    theme: Theme | None = None,
    code_theme: str = "ansi_dark",
    cancelled: Callable[[], bool] = lambda: False,
) -> Iterator[tuple[int, list[Strip]]]:
    """Yield ``(section index, lines)`` in order; stops early when ``cancelled()``.

    A blank line separates sections. Text outside every section (there should be none:
    sections cover the whole text) is not lost: an empty section list renders the whole
    text as one section.
    """
    console = _console(width, theme)
    spans = [(s.start, s.end) for s in sections] or [(0, len(text))]
    for index, (start, end) in enumerate(spans):
        if cancelled():
            return
        chunk = text[start:end]
        if not chunk.strip():
            yield index, []
            continue
        strips = render_section(console, chunk, width, markdown=markdown, code_theme=code_theme)
        if index + 1 < len(spans):
            strips.append(Strip([]))
        yield index, strips


#: The reader lays out at most this many characters of a text (Rich's wrapping of one
#: paragraph grows faster than its length: 1 MB takes about 0.5 s, 4 MB 7 s, a 50 MB
#: single-line notice never finished). A longer text shows its first part and a note;
#: the diff and ``notice-tui show`` still have all of it. Tests set it low.
READER_MAX = 1 << 20


@dataclass(frozen=True, slots=True)
class ReaderCut:
    """The part of a text the reader shows, when the text is longer than it lays out."""

    text: str
    """The text up to the cut (at a line break or a space near the limit)."""
    sections: list[Section]
    """The sections that start before the cut, the last one ending there."""
    total: int
    """How long the whole text is (characters)."""

    @property
    def note(self) -> str:
        """The one line that says so, at the top of the reader."""
        return (
            f"Long text: the reader shows its first {_count(len(self.text))} of "
            f"{_count(self.total)} characters. d compares all of it; "
            "notice-tui show prints it whole."
        )

    @property
    def end_note(self) -> str:
        """The line where the shown part stops."""
        return f"[cut here: {_count(self.total - len(self.text))} more characters not shown]"


def _count(count: int) -> str:
    return f"{count / 1_000_000:.1f} million" if count >= 1_000_000 else f"{count:,}"


def reader_cut(
    text: str, sections: Sequence[Section], limit: int | None = None
) -> ReaderCut | None:
    """None when the reader can show all of ``text``; else the part it shows."""
    limit = READER_MAX if limit is None else limit
    if len(text) <= limit:
        return None
    end = text.rfind("\n", limit - limit // 8, limit) + 1  # a line break near the limit
    if end <= 0:
        end = text.rfind(" ", limit - limit // 8, limit) + 1 or limit  # else a space
    shown = [s for s in sections if s.start < end]
    if shown:
        shown[-1] = replace(shown[-1], end=end, body_start=min(shown[-1].body_start, end))
    return ReaderCut(text[:end], shown, len(text))


def render_message(message: str, width: int) -> list[Strip]:
    """A message of ours (loading, an error) wrapped to ``width``, in italics."""
    console = _console(max(10, width), None)
    text = Text(message, style="italic")
    lines = console.render_lines(text, console.options.update_width(max(10, width)), pad=False)
    return [Strip(line) for line in lines]
