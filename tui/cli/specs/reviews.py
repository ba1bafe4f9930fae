"""``notice-tui reviews``: its name, texts and arguments (argparse only).

Its code, :mod:`tui.cli.commands.reviews`, is imported only when the command runs.
"""

from __future__ import annotations

import argparse

from tui.cli.specs import CommandSpec, Example

DESCRIPTION = """\
List the review record: every time someone pressed `a` in the app to mark a version
of a notice as reviewed, with the login name, the time, the notice, its effective date
and the commit. The record lives in the user's state folder (see notice-tui config),
never in the notices repository. Oldest first; --latest keeps only the current review
of each notice."""
EXAMPLES: tuple[Example, ...] = (
    ("notice-tui reviews", "every mark, oldest first"),
    ("notice-tui reviews --latest", "only the newest review of each notice"),
    ("notice-tui reviews --json", "the record as JSON, for audits"),
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``reviews [--latest]``."""
    parser.add_argument(
        "--latest",
        action="store_true",
        help="only the newest review of each notice in each repository",
    )


SPEC = CommandSpec(
    name="reviews",
    help="list who marked which notice version as reviewed, and when (for audits)",
    description=DESCRIPTION,
    examples=EXAMPLES,
    add_arguments=add_arguments,
    module="tui.cli.commands.reviews",
)
