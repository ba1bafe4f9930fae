"""``notice-tui show``: its name, texts and arguments (argparse only).

Its code, :mod:`tui.cli.commands.show`, is imported only when the command runs.
"""

from __future__ import annotations

import argparse

from tui.cli.specs import CommandSpec, Example

DESCRIPTION = """\
Print the text of a notice in force on a date (--at), at a revision (--rev), or the
latest version in force today (default), followed by its data categories."""
EXAMPLES: tuple[Example, ...] = (
    ("notice-tui show air-gapped", "the latest version of the sample's air-gapped notice"),
    ("notice-tui show air-gapped --at 2024-01-01", "the version in force on 1 January 2024"),
    ("notice-tui show terms --json", "sections and data categories as JSON"),
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``show NOTICE [--at DATE | --rev COMMIT]``."""
    parser.add_argument("notice", metavar="NOTICE", help="path, or part of a path or title")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--at", metavar="YYYY-MM-DD", help="the version in force on this day")
    which.add_argument("--rev", metavar="COMMIT", help="the text at this revision")
    parser.add_argument(
        "--as-recorded",
        action="store_true",
        help="with --at: the text the repository held that day (its newest revision "
        "published by then), whatever it claimed, instead of what it now says was in force",
    )


SPEC = CommandSpec(
    name="show",
    help="print a notice as in force on a date, with its sections and data categories",
    description=DESCRIPTION,
    examples=EXAMPLES,
    add_arguments=add_arguments,
    module="tui.cli.commands.show",
)
