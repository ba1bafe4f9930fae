"""What a headless command is: its name and texts, the arguments it takes, where its code lives.

Each module here holds one command's :class:`CommandSpec` (``SPEC``) and imports argparse
only, so the whole parser (``--help``, completion, the man page) is built without the
domain. :data:`tui.cli.commands.COMMANDS` lists them; a command's code, the module named by
``CommandSpec.module``, is imported only when that command runs.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.cli.context import Context

#: ``(command line, what it shows)``: run offline by tests/cli/test_help_examples.py; an
#: exit status other than the command's usual one is stated as "...; exit N".
Example = tuple[str, str]


@dataclass(frozen=True, slots=True)
class CommandSpec:
    """One headless command, as the parser, ``--help``, completion and the man page see it."""

    name: str
    """The word after ``notice-tui``."""

    help: str
    """One line in the command list of ``notice-tui --help``."""

    description: str
    """The text at the top of ``notice-tui NAME --help`` and in the man page."""

    examples: tuple[Example, ...]
    """Runnable examples for ``--help`` and the man page (at least two)."""

    add_arguments: Callable[[argparse.ArgumentParser], None]
    """Adds the command's own arguments; the common options are added by the parser."""

    module: str
    """The module with ``run(args, ctx) -> int``: imported only when the command runs."""

    usage_exit: int = 2
    """The exit status for bad input (3 for ``status``, as Nagios expects UNKNOWN)."""

    usage_exit_with: tuple[str, int] | None = None
    """``(option, status)``: with ``option`` given, bad input exits with ``status``
    instead (``reviews --check``: 3, as Nagios expects UNKNOWN)."""

    def usage_exit_for(self, argv: Sequence[str]) -> int:
        """The exit status for bad input on the command line ``argv``."""
        if self.usage_exit_with is not None and self.usage_exit_with[0] in argv:
            return self.usage_exit_with[1]
        return self.usage_exit

    def run(self, args: argparse.Namespace, ctx: Context) -> int:
        """Import the command's code (only now) and run it; its exit status."""
        code = importlib.import_module(self.module)
        return int(code.run(args, ctx))
