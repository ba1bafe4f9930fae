"""The reader: a notice's text, rendered off the UI thread and painted line by line.

Only the lines on screen are painted (Textual's line API), so a 1 MB notice scrolls as
fast as a short one. Rendering runs in a worker per document and width; sections arrive
in order and the first screenful shows as soon as it is ready. The view knows the first
line of every section: the table of contents, ``]`` and ``[`` jump exactly.
"""

from __future__ import annotations

import bisect
import logging
import time
from typing import TYPE_CHECKING

from rich.style import Style
from rich.theme import Theme
from textual import work
from textual.color import Color
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer
from textual.worker import Worker, WorkerState, get_current_worker

from tui.app import keys
from tui.app.messages import LoadedText, WorkerFailed
from tui.app.widgets.rendering import (
    ReaderCut,
    markdown_theme,
    reader_cut,
    render_message,
    render_sections,
)

if TYPE_CHECKING:
    from notices_repo.text.sections import Section

log = logging.getLogger(__name__)


class NoticeView(ScrollView, can_focus=True):
    """The text of the selected version: arrows, page keys, j/k, ] and [ move through it.

    Markdown notices are rendered (headings, lists, emphasis; links show their address
    and never open); plain-text notices are shown as they are. v switches between
    rendered and source. Control characters and bidi overrides show as visible marks.
    """

    BINDINGS = keys.bindings(keys.TEXT)

    class SectionChanged(Message):
        """The section at the top of the view changed (by scrolling)."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index
            """Index into the document's sections."""

    class Rendered(Message):
        """Lines of some sections, from the render worker."""

        def __init__(self, generation: int, lines: list[Strip], starts: list[int], done: bool):
            super().__init__()
            self.generation = generation
            self.lines = lines
            self.starts = starts
            self.done = done

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.document: LoadedText | None = None
        """The text shown (None: a message is shown instead)."""
        self.source = False
        """Show the plain source instead of rendered Markdown."""
        self.rendering = False
        """A render is in progress."""
        self._lines: list[Strip] = []
        self._starts: list[int] = []
        self._generation = 0
        self._width = 0
        self._pending_section: int | None = None
        self._pending_text: str | None = None
        self._current_section = -1
        self._jumped: tuple[int, int] | None = None
        self._shown_generation = -1
        self._message: str | None = None
        self._base_style: Style | None = None
        self._resize_timer: Timer | None = None
        self.render_seconds = 0.0
        """How long the last complete render took (for --debug and the tests)."""
        self.first_lines_seconds = 0.0
        """How long the last render took to show its first lines."""
        self._render_started = 0.0
        self.cut: ReaderCut | None = None
        """The part shown of a text longer than the reader lays out (None: all of it)."""

    # showing ----------------------------------------------------------------------------

    def show_message(self, message: str) -> None:
        """Show a line of our own (loading, an error) instead of a document."""
        self.document = None
        self._message = message
        self._generation += 1
        self.rendering = False
        self._width = self._render_width()
        self._lines = render_message(message, self._width)
        self._starts = []
        self._current_section = -1
        self._jumped = None
        self._update_size()
        self._scroll_now(0)
        self.refresh()

    def show_document(self, document: LoadedText, *, section: int | None = None) -> None:
        """Render ``document`` and show it, at the top or at section index ``section``."""
        self.document = document
        self._message = None
        self._pending_section = section
        self._pending_text = None
        self._lines = []
        self._starts = []
        self._current_section = -1
        self._jumped = None
        self._scroll_now(0)
        self._start_render()

    def toggle_source(self) -> bool:
        """Switch between rendered and source; True when now showing the source."""
        self.source = not self.source
        if self.document is not None:
            self._pending_section = self.current_section
            self._pending_text = None
            self._start_render()
        return self.source

    @property
    def markdown(self) -> bool:
        """Rendering as Markdown now."""
        return self.document is not None and self.document.is_markdown and not self.source

    @property
    def current_section(self) -> int:
        """Index of the section at the top of the view (-1 without a document)."""
        if not self._starts:
            return -1
        if self._jumped is not None and self._jumped[1] == round(self.scroll_y):
            return self._jumped[0]  # near the end the section may not reach the top
        return max(0, bisect.bisect_right(self._starts, round(self.scroll_y)) - 1)

    def section_line(self, index: int) -> int | None:
        """First line of section ``index``, None until it is rendered."""
        return self._starts[index] if 0 <= index < len(self._starts) else None

    def jump_to_section(self, index: int, *, line_text: str | None = None) -> None:
        """Scroll so section ``index`` is at the top (when rendered; else once it is).

        With ``line_text`` (a data category's name, a matched word), the first line of
        the section showing it is made visible too: the section's top stays at the top
        when both fit on screen, else that line comes a third of the way down.
        """
        line = self.section_line(index)
        if line is None and self.cut is not None and not self.rendering and self._lines:
            # a section past the cut: the end of what is shown, where it says so
            self._pending_section = None
            self._pending_text = None
            self._scroll_now(len(self._lines))
            return
        if line is None:
            self._pending_section = index
            self._pending_text = line_text
            return
        self._pending_section = None
        self._pending_text = None
        target = line
        found = self.line_showing(index, line_text) if line_text else None
        if found is not None:
            height = max(1, self.scrollable_content_region.height)
            if found - line >= height:
                target = max(line, found - height // 3)
        self._scroll_now(target)
        self._jumped = (index, round(self.scroll_y))
        self._note_section()
        if line_text and found is None and self.rendering:
            # the section's heading is drawn but not yet the line that shows the hit:
            # jump again as more lines arrive
            self._pending_section = index
            self._pending_text = line_text

    def _scroll_now(self, y: int) -> None:
        """Scroll to line ``y`` at once. Not deferred to the next refresh, where it would
        undo a jump made before it (a hit opened as its text arrives); forced, because a
        view whose text grew while its screen was covered (search open) has not been laid
        out again and would refuse to scroll (no scrollbar yet)."""
        self.scroll_to(x=0 if y == 0 else None, y=y, animate=False, immediate=True, force=True)

    def line_showing(self, index: int, text: str) -> int | None:
        """The first rendered line of section ``index`` showing ``text``, which may wrap
        onto the next lines (case and spacing ignored); None when it is not there or the
        section is not rendered yet."""
        words = text.casefold().split()
        if not words or not 0 <= index < len(self._starts):
            return None
        start = self._starts[index]
        end = self._starts[index + 1] if index + 1 < len(self._starts) else len(self._lines)
        pieces: list[str] = []
        offsets: list[int] = []
        position = 0
        for number in range(start, end):
            piece = " ".join(self._lines[number].text.casefold().split())
            offsets.append(position)
            pieces.append(piece)
            position += len(piece) + 1
        found = " ".join(pieces).find(" ".join(words))
        if found < 0:
            return None
        return start + bisect.bisect_right(offsets, found) - 1

    def action_next_section(self) -> None:
        """Jump to the next section."""
        current = self.current_section
        if current + 1 < len(self._starts):
            self.jump_to_section(current + 1)

    def action_previous_section(self) -> None:
        """Jump to the previous section (or the top of this one)."""
        current = self.current_section
        if current < 0:
            return
        line = self._starts[current]
        if round(self.scroll_y) > line:
            self.jump_to_section(current)
        elif current > 0:
            self.jump_to_section(current - 1)

    # rendering --------------------------------------------------------------------------

    def _render_width(self) -> int:
        return max(20, self.scrollable_content_region.width)

    def _theme(self) -> Theme:
        variables = self.app.theme_variables

        def colour(name: str, default: str) -> str:
            try:
                return Color.parse(variables.get(name, default)).rich_color.name
            except Exception:
                return default

        return markdown_theme(colour("primary", "#0178D4"), colour("accent", "#ffa62b"))

    def _start_render(self) -> None:
        if self.document is None:
            return
        self._generation += 1
        self._width = self._render_width()
        self.rendering = True
        self._render_started = time.perf_counter()
        document = self.document
        text = document.file_text if self.source else document.text
        sections = document.file_sections if self.source else document.sections
        # v shows the file as it is: front matter and attribute lists too
        self.cut = reader_cut(text, sections)
        if self.cut is not None:
            text, sections = self.cut.text, self.cut.sections
        self._render(
            self._generation, text, sections, self._width, self.markdown, self._theme(), self.cut
        )

    @work(thread=True, exclusive=True, group="render", exit_on_error=False)
    def _render(
        self,
        generation: int,
        text: str,
        sections: list[Section],
        width: int,
        markdown: bool,
        theme: Theme,
        cut: ReaderCut | None = None,
    ) -> None:
        worker = get_current_worker()
        # a cut text: the note first (section 0 starts above it, so the top shows it)
        lines: list[Strip] = [*render_message(cut.note, width), Strip([])] if cut else []
        starts: list[int] = []
        sent_lines = 0
        last_post = time.perf_counter()
        first = True
        for index, strips in render_sections(
            text,
            sections,
            width,
            markdown=markdown,
            theme=theme,
            cancelled=lambda: worker.is_cancelled or generation != self._generation,
        ):
            time.sleep(0)  # let the UI thread run between sections (the GIL)
            starts.append(len(lines) if index else 0)
            lines.extend(strips)
            now = time.perf_counter()
            if (first and len(lines) >= 60) or now - last_post > 0.15:
                self.post_message(
                    self.Rendered(generation, lines[sent_lines:], starts[:], done=False)
                )
                sent_lines = len(lines)
                last_post = now
                first = False
        if worker.is_cancelled or generation != self._generation:
            return
        if cut is not None:
            lines += [Strip([]), *render_message(cut.end_note, width)]
        self.post_message(self.Rendered(generation, lines[sent_lines:], starts, done=True))

    def on_notice_view_rendered(self, message: Rendered) -> None:
        message.stop()
        if message.generation != self._generation:
            return
        if message.generation != self._shown_generation:
            # the first lines of a new render replace the old ones (kept until now, so a
            # resize or v does not blank the view)
            self._shown_generation = message.generation
            self._lines = []
            self.first_lines_seconds = time.perf_counter() - self._render_started
        self._lines.extend(message.lines)
        self._starts = message.starts
        if message.done:
            self.rendering = False
            self.render_seconds = time.perf_counter() - self._render_started
            log.debug(
                "rendered %s: %d lines, first lines after %.3f s, all after %.3f s",
                self.document.path if self.document else "?",
                len(self._lines),
                self.first_lines_seconds,
                self.render_seconds,
            )
        self._update_size()
        if self._pending_section is not None:
            self.jump_to_section(self._pending_section, line_text=self._pending_text)
        self.refresh()
        if message.done:
            self.post_message(self.RenderDone(self))
            self._note_section()

    class RenderDone(Message):
        """The whole document is rendered."""

        def __init__(self, view: NoticeView) -> None:
            super().__init__()
            self.view = view

    def _update_size(self) -> None:
        width = max((strip.cell_length for strip in self._lines[:1]), default=0)
        self.virtual_size = Size(max(width, self._width), len(self._lines))

    def on_resize(self) -> None:
        if self.document is None:
            if self._message is not None and self._render_width() != self._width:
                self.show_message(self._message)
            return
        if self._render_width() == self._width:
            return
        if self._resize_timer is not None:
            self._resize_timer.stop()
        self._resize_timer = self.set_timer(0.15, self._rerender_after_resize)

    @property
    def resize_pending(self) -> bool:
        """A re-render for a new width is about to start."""
        return self._resize_timer is not None

    def _rerender_after_resize(self) -> None:
        self._resize_timer = None
        if self.document is not None and self._render_width() != self._width:
            self._pending_section = self.current_section if self._starts else None
            self._pending_text = None
            self._start_render()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:  # the app says so, calmly
            self.post_message(WorkerFailed(event.worker))

    # painting ---------------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        """Paint the lines in ``crop`` (the widget's style is worked out once per paint)."""
        self._base_style = self.rich_style
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        """Paint one line of the view."""
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        base = self._base_style or self.rich_style
        if index >= len(self._lines):
            return Strip.blank(width, base)
        strip = self._lines[index].crop_extend(scroll_x, scroll_x + width, None)
        return strip.apply_style(base)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._note_section()

    def _note_section(self) -> None:
        current = self.current_section
        if current != self._current_section and current >= 0:
            self._current_section = current
            self.post_message(self.SectionChanged(current))

    @property
    def line_count(self) -> int:
        """Rendered lines so far."""
        return len(self._lines)

    def visible_text(self) -> str:
        """The plain text of the lines on screen (for tests and screen readers' copy)."""
        top = round(self.scroll_y)
        height = self.scrollable_content_region.height
        return "\n".join(strip.text for strip in self._lines[top : top + height])
