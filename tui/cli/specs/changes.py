"""``notice-tui changes``: its name, texts and arguments (argparse only).

Its code, :mod:`tui.cli.commands.changes`, is imported only when the command runs.
"""

from __future__ import annotations

import argparse

from tui.cli.specs import CommandSpec, Example

DESCRIPTION = """\
List every notice whose text in force changed between --since and --until (both days
included; --until defaults to today), read on the effective timeline: the versions
that took effect, each with the section-level summary of the diff (sections added,
removed, changed, moved; data categories added, removed, changed); revisions that
changed a version in force without a new effective date (silent edits, layout
changes), listed as revisions; and, apart, upcoming versions announced in the period.

--full adds the word-level changes, marked [-removed-]{+added+}. --format markdown
writes a report an auditor can file: title, period, repository and HEAD commit,
generated-at, one section per notice. Summaries are kept in the cache folder, so the
same report again is fast.

Exit status: 0 no text in force changed (upcoming versions alone are listed, exit 0),
1 one did, 2 bad input or trouble."""
EXAMPLES: tuple[Example, ...] = (
    (
        "notice-tui changes --since 2023-01-01 --today 2024-06-30",
        "what changed in the sample's notices from 2023 on; exit 1 (something did)",
    ),
    (
        "notice-tui changes --since 2023-01-01 --until 2023-12-31 --format markdown",
        "a Markdown report of 2023 to file (redirect the output); exit 1",
    ),
    (
        "notice-tui changes --since 2023-01-01 --notice air-gapped --full",
        "one notice, with the word-level changes; exit 1",
    ),
    ("notice-tui changes --since 2023-01-01 --json", "the report as JSON; exit 1"),
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``changes --since DATE [--until DATE] [--notice N...] [--format F] [--full]``."""
    parser.add_argument(
        "--since", metavar="YYYY-MM-DD", required=True, help="first day of the period"
    )
    parser.add_argument(
        "--until",
        metavar="YYYY-MM-DD",
        default=None,
        help="last day of the period (default: today, or --today)",
    )
    parser.add_argument(
        "--notice",
        metavar="NOTICE",
        nargs="+",
        action="extend",
        default=[],
        help="only these notices (path, or part of a path or title); may be repeated",
    )
    parser.add_argument(
        "--format",
        choices=("text", "markdown", "json"),
        default="text",
        help="text (default), a Markdown report to file, or JSON (as --json)",
    )
    parser.add_argument(
        "--full", action="store_true", help="add the word-level changes of every change"
    )


SPEC = CommandSpec(
    name="changes",
    help="what changed in every notice in a period: versions, silent edits, announcements",
    description=DESCRIPTION,
    examples=EXAMPLES,
    add_arguments=add_arguments,
    module="tui.cli.commands.changes",
)
