"""The notice list's filter box."""

from __future__ import annotations

from textual.message import Message
from textual.widgets import Input

from tui.app import keys


class FilterBox(Input):
    """Type words to narrow the notice list to notices whose path or title has them all.

    The list follows as you type; escape goes back to the list (the filter stays until
    you clear it, or press escape in the list).
    """

    BINDINGS = keys.bindings(keys.FILTER)

    class Leave(Message):
        """Escape in the filter box: back to the notice list."""

    def action_leave_filter(self) -> None:
        """Go back to the notice list."""
        self.post_message(self.Leave())
