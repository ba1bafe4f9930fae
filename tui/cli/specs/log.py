"""``notice-tui log``: its name, texts and arguments (argparse only).

Its code, :mod:`tui.cli.commands.log`, is imported only when the command runs.
"""

from __future__ import annotations

import argparse

from tui.cli.specs import CommandSpec, Example

DESCRIPTION = """\
List every notice in the repository and its revisions, newest first (git's history
order), each with its effective date: the date the text states, or the commit date
when it states none (marked "commit date"). Flags: technical (layout only), silent
edit (words changed, stated date did not), future (not yet in force), renames, and
overridden (a later revision states an earlier effective date, so the repository no
longer says this text was ever in force)."""
EXAMPLES: tuple[Example, ...] = (
    ("notice-tui log", "all notices of the built-in sample and their revisions"),
    ("notice-tui log air-gapped", "one notice, named by any unambiguous part of its path or title"),
    ("notice-tui log --all --json", "everything, retired notices included, as JSON"),
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``log [NOTICE] [--all]``."""
    parser.add_argument("notice", nargs="?", metavar="NOTICE", help="only this notice")
    parser.add_argument(
        "--all", action="store_true", help="include retired notices (deleted before HEAD)"
    )


SPEC = CommandSpec(
    name="log",
    help="list notices and their revisions with effective dates",
    description=DESCRIPTION,
    examples=EXAMPLES,
    add_arguments=add_arguments,
    module="tui.cli.commands.log",
)
