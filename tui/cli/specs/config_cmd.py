"""``notice-tui config``: its name, texts and arguments (argparse only).

Its code, :mod:`tui.cli.commands.config_cmd`, is imported only when the command runs.
"""

from __future__ import annotations

import argparse

from tui.cli.specs import CommandSpec, Example

DESCRIPTION = """\
Print which config file is read, where the config, state, cache and data folders are
(and which variable put them there), the repository and running release that commands
would use and where each came from, the other settings, unknown keys in the config file
(typos are ignored otherwise), and the environment variables that change notice-tui.
Made for support over the phone: read it out or send the --json output. It changes
nothing, asks no server and never prints a token (only whether one is set)."""
EXAMPLES: tuple[Example, ...] = (
    ("notice-tui config", "where everything is and what is set"),
    ("notice-tui config --json", "the same as JSON, to send to support"),
    (
        "notice-tui config --repo /srv/notices",
        "check which repository --repo picks and that it is a git repository",
    ),
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``config`` takes only the common options (and ``--release`` before the name)."""


SPEC = CommandSpec(
    name="config",
    help="print where the config, state and cache folders are and what is set, and from where",
    description=DESCRIPTION,
    examples=EXAMPLES,
    add_arguments=add_arguments,
    module="tui.cli.commands.config_cmd",
)
