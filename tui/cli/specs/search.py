"""``notice-tui search``: its name, texts and arguments (argparse only).

Its code, :mod:`tui.cli.commands.search`, is imported only when the command runs.
"""

from __future__ import annotations

import argparse

from tui.cli.specs import CommandSpec, Example

DESCRIPTION = """\
Search the headings, text and data categories of every notice, as they read today
(the version in force of each notice) or, with --all-versions, in every effective
version in history. Typos, partial words and any word order are forgiven; a match
in a heading or category name ranks above the same words in body text, and recent
text above old text when scores tie. Each hit is one line: notice, section or
category, effective date, and a snippet with the matched words marked »like this«.
With --all-versions, identical text in several versions is one hit with the first
and last effective dates that held it.

The index is built on first use and kept in the cache folder; it is rebuilt when the
repository's HEAD changes. Exit status: 0 with hits, 1 when nothing matched, 2 on
trouble."""
EXAMPLES: tuple[Example, ...] = (
    ("notice-tui search cookies", "sections and categories about cookies, best first"),
    ("notice-tui search 'data usage' --all-versions", "in every version, with first/last seen"),
    ("notice-tui search diagnostic --notice air-gapped --json", "one notice, as JSON"),
    ("notice-tui search cookeis", "typos are forgiven: finds the Tracking or Cookies category"),
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``search QUERY [--all-versions] [--notice NOTICE] [--limit N]``."""
    parser.add_argument("query", nargs="+", metavar="QUERY", help="words to look for")
    parser.add_argument(
        "--all-versions",
        action="store_true",
        help="search every effective version in history, not only the versions in force",
    )
    parser.add_argument(
        "--notice", metavar="NOTICE", help="only this notice (any unambiguous part of its path)"
    )
    parser.add_argument(
        "--limit", type=int, default=20, metavar="N", help="at most N hits (default 20)"
    )


SPEC = CommandSpec(
    name="search",
    help="search sections and data categories of every notice",
    description=DESCRIPTION,
    examples=EXAMPLES,
    add_arguments=add_arguments,
    module="tui.cli.commands.search",
)
