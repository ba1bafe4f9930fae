"""Messages of the diff view's workers to the diff view: compared, laid out, failed.

Each carries the generation of the comparison or layout it answers: an answer to an
older one (the user pressed ``w`` or ``s`` again meanwhile) is dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from notices_repo.diff.compare import DiffResult
    from notices_repo.usecases.compare import Side
    from tui.app.widgets.diff_rows import DiffLayout


class Compared(Message):
    """The compare worker's result: the two sides, the comparison, its first layout."""

    def __init__(
        self,
        generation: int,
        sides: tuple[Side, Side],
        warnings: list[str],
        result: DiffResult,
        layout: DiffLayout | None,
        timings: dict[str, float],
    ) -> None:
        super().__init__()
        self.generation = generation
        """Which comparison of the screen this answers (an older one is dropped)."""
        self.sides = sides
        """The two texts compared (old, new) and their structure, kept for comparing
        again (``w``)."""
        self.warnings = warnings
        """Decoding problems of either text."""
        self.result = result
        """The comparison."""
        self.diff_layout = layout
        """Its rows for the width and mode asked (None: cancelled)."""
        self.timings = timings
        """Seconds spent reading, diffing and laying out."""


class LaidOut(Message):
    """A new layout of the same comparison (other width, mode or extent)."""

    def __init__(self, generation: int, layout: DiffLayout | None, seconds: float) -> None:
        super().__init__()
        self.generation = generation
        """Which layout of the screen this answers (an older one is dropped)."""
        self.diff_layout = layout
        """The rows (None: cancelled)."""
        self.seconds = seconds
        """How long laying out took."""


class CompareFailed(Message):
    """The texts could not be read or compared."""

    def __init__(self, generation: int, message: str) -> None:
        super().__init__()
        self.generation = generation
        """Which comparison of the screen this answers."""
        self.message = message
        """Why, in one line (from the domain's error)."""
