"""Table of contents and data categories of the text being read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.app import keys
from tui.app.widgets.present import safe

if TYPE_CHECKING:
    from notices_repo.text.sections import DataCategory, Section


class SectionList(OptionList):
    """The sections of the text, indented by heading level.

    Moving through the list scrolls the text to the section; enter jumps there and
    moves to the text.
    """

    BINDINGS = keys.bindings(keys.LISTS) + keys.bindings(keys.CONTENTS)

    class Jump(Message):
        """Show section ``index`` in the text (``focus``: and move to the text)."""

        def __init__(self, index: int, focus: bool) -> None:
            super().__init__()
            self.index = index
            self.focus = focus

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._quiet = False

    def fill(self, sections: list[Section]) -> None:
        """List ``sections`` (the preamble shows as "(start)")."""
        options: list[Option] = []
        for index, section in enumerate(sections):
            label = Text(no_wrap=True, overflow="ellipsis")
            indent = "  " * max(0, section.level - 1)
            label.append(indent)
            if section.level == 0:
                label.append("(start)", style="dim italic")
            else:
                label.append(safe(section.heading) or "(untitled)")
            options.append(Option(label, id=f"section:{index}"))
        self._quiet = True
        self.clear_options()
        self.add_options(options)
        self._quiet = False

    def follow(self, index: int) -> None:
        """Highlight section ``index`` without moving the text (it was scrolled there)."""
        if 0 <= index < self.option_count and self.highlighted != index:
            self._quiet = True
            self.highlighted = index
            self._quiet = False

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if not self._quiet and self.has_focus:
            self.post_message(self.Jump(event.option_index, focus=False))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Jump(event.option_index, focus=True))


class CategoryList(OptionList):
    """Data categories the text names (list items such as "Account Data: ...").

    Enter shows the category's section in the text.
    """

    BINDINGS = keys.bindings(keys.LISTS) + keys.bindings(keys.CONTENTS)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.categories: list[DataCategory] = []

    def fill(self, categories: list[DataCategory]) -> None:
        """List ``categories``."""
        self.categories = categories
        options: list[Option] = []
        for index, category in enumerate(categories):
            label = Text(no_wrap=True, overflow="ellipsis")
            label.append(safe(category.name), style="bold")
            if category.description:
                label.append(f" {safe(category.description)}", style="dim")
            options.append(Option(label, id=f"category:{index}"))
        if not options:
            options.append(Option(Text("none found", style="dim italic"), disabled=True))
        self.clear_options()
        self.add_options(options)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.categories):
            category = self.categories[event.option_index]
            self.post_message(SectionList.Jump(category.section_index, focus=True))
