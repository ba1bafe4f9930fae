"""``notice-tui translations``: its name, texts and arguments (argparse only).

Its code, :mod:`tui.cli.commands.translations`, is imported only when the command runs.
"""

from __future__ import annotations

import argparse

from tui.cli.specs import CommandSpec, Example

DESCRIPTION = """\
List every document the repository keeps in several languages - de/privacy.md beside
en/privacy.md, privacy/de.md beside privacy/en-US.md, privacy.de.md beside privacy.en.md
- with each language's effective date in force and its state: source, current, behind
(its version in force states an older effective date than the source's: by how many
source versions and days) or not-in-force. The language is read from the path only; a
document counts as multilingual when the source language is among its languages: en,
else en-US, or source_language in the repository's .notice-tui.toml (or
--source-language). Exit 1 when any translation is behind, 0 otherwise, 2 on bad input."""
EXAMPLES: tuple[Example, ...] = (
    ("notice-tui translations", "every multilingual document, as today"),
    ("notice-tui translations --json", "the same as JSON, for monitoring"),
    ("notice-tui translations --today 2026-01-01", "as on another day"),
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``translations [NOTICE] [--source-language TAG]``."""
    parser.add_argument(
        "notice", nargs="?", metavar="NOTICE", help="only the document this notice is part of"
    )
    parser.add_argument(
        "--source-language",
        metavar="TAG",
        help="the language translations follow (default: source_language in "
        ".notice-tui.toml, else en, else en-US)",
    )


SPEC = CommandSpec(
    name="translations",
    help="list documents kept in several languages and the translations behind their source",
    description=DESCRIPTION,
    examples=EXAMPLES,
    add_arguments=add_arguments,
    module="tui.cli.commands.translations",
)
