"""``notice-tui releases``: its name, texts and arguments (argparse only).

Its code, :mod:`tui.cli.commands.releases`, is imported only when the command runs.
"""

from __future__ import annotations

import argparse

from tui.cli.specs import CommandSpec, Example
from tui.cli.specs.status import add_source_arguments

DESCRIPTION = """\
List the release calendar the way endoflife.date shows it: release, release date, end
of support (the end day itself is still supported), days left or "ended N days ago",
LTS, and the source that set the end date. The calendar merges the built-in one, the
notices repository's releases.toml and --calendar FILE; where they disagree the
earliest end wins, and a date Rocket.Chat states wins over one computed by the rule.
BASIS says which: "stated" (published by Rocket.Chat) or "rule" (six months after the
release, twelve for LTS, to the end of the month). The running release, when known (see
notice-tui status --help), is marked with ">".

--export FILE writes the calendar as releases.toml (FILE "-": standard output), the
format the notices repository's releases.toml and --calendar are read in: on a
connected machine, export it, commit it at the root of the notices repository, and
notice-tui import brings it to the air-gapped box with the notices."""
EXAMPLES: tuple[Example, ...] = (
    ("notice-tui releases --today 2026-11-26", "the calendar as it stood on that day"),
    (
        "notice-tui releases --release 8.6.1 --today 2026-11-26",
        "the same, with 8.6 marked as the running release",
    ),
    ("notice-tui releases --json", "every release with its dates, state and sources, as JSON"),
    ("notice-tui releases --export -", "the calendar in the releases.toml format"),
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``releases [--release V] [--calendar FILE] [--warn-days N]``."""
    add_source_arguments(parser, server=False)
    parser.add_argument(
        "--export",
        metavar="FILE",
        default=None,
        help="write the calendar as releases.toml to FILE (- for standard output)",
    )


SPEC = CommandSpec(
    name="releases",
    help="the Rocket.Chat release calendar: release, released, support ends, days left",
    description=DESCRIPTION,
    examples=EXAMPLES,
    add_arguments=add_arguments,
    module="tui.cli.commands.releases",
)
