"""``notice-tui diff``: its name, texts and arguments (argparse only).

Its code, :mod:`tui.cli.commands.diff`, is imported only when the command runs.
"""

from __future__ import annotations

import argparse

from tui.cli.specs import CommandSpec, Example

DESCRIPTION = """\
Compare two versions of a notice section by section, with word-level changes marked
[-removed-]{+added+} as git diff --word-diff prints them, and its data categories on
their own. Sections are matched by heading (renamed and moved sections are recognised).

FROM and TO: an effective date YYYY-MM-DD (the version in force that day), a commit id
or unambiguous prefix, 'previous' (the effective version before the other end), 'latest'
(in force today) or 'upcoming' (the next announced version). Defaults: previous latest.

Exit status as diff(1): 0 no difference, 1 differences, 2 trouble."""
EXAMPLES: tuple[Example, ...] = (
    ("notice-tui diff air-gapped", "what the latest version of the sample's notice changed"),
    (
        "notice-tui diff air-gapped 2023-12-09 latest",
        "the version in force on 9 December 2023 against today's",
    ),
    (
        "notice-tui diff air-gapped 2023-12-09 latest --ignore-whitespace --full",
        "the whole text with changes marked, layout-only changes ignored",
    ),
    (
        "notice-tui diff air-gapped --format markdown",
        "a Markdown report to file (redirect the output)",
    ),
    ("notice-tui diff air-gapped --json", "the comparison as JSON"),
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``diff NOTICE [FROM [TO]] [--ignore-whitespace] [--full] [--format markdown]``."""
    parser.add_argument("notice", metavar="NOTICE", help="path, or part of a path or title")
    parser.add_argument(
        "from_spec",
        metavar="FROM",
        nargs="?",
        default="previous",
        help="older end: YYYY-MM-DD, commit, previous, latest, upcoming (default: previous)",
    )
    parser.add_argument(
        "to_spec",
        metavar="TO",
        nargs="?",
        default="latest",
        help="newer end, same forms (default: latest)",
    )
    parser.add_argument(
        "--ignore-whitespace",
        "-w",
        action="store_true",
        help="ignore whitespace and layout-only changes (re-wrapped lines, list markers)",
    )
    parser.add_argument(
        "--full",
        action="store_true",
        help="show the whole text with changes marked, not only the changed sections",
    )
    parser.add_argument(
        "--as-recorded",
        action="store_true",
        help="date ends mean the text the repository held that day, whatever it claimed "
        "(default: what the repository says now was in force)",
    )
    parser.add_argument(
        "--format",
        choices=("text", "markdown"),
        default="text",
        help="text (default) or a Markdown report to file",
    )


SPEC = CommandSpec(
    name="diff",
    help="compare two versions of a notice: sections, words and data categories",
    description=DESCRIPTION,
    examples=EXAMPLES,
    add_arguments=add_arguments,
    module="tui.cli.commands.diff",
)
