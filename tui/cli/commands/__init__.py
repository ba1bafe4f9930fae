"""The headless subcommands of ``notice-tui``: the list of them, and one module of code each.

:data:`COMMANDS` is the one place a command is registered. Its name, texts and arguments
are in :mod:`tui.cli.specs` (argparse only); its code is the module of the same name here,
with ``run(args, ctx) -> int``, imported only when the command runs. None of them imports
Textual.
"""

from __future__ import annotations

from tui.cli.specs import CommandSpec
from tui.cli.specs.changes import SPEC as CHANGES
from tui.cli.specs.config_cmd import SPEC as CONFIG
from tui.cli.specs.diff import SPEC as DIFF
from tui.cli.specs.import_bundle import SPEC as IMPORT
from tui.cli.specs.log import SPEC as LOG
from tui.cli.specs.releases import SPEC as RELEASES
from tui.cli.specs.reviews import SPEC as REVIEWS
from tui.cli.specs.search import SPEC as SEARCH
from tui.cli.specs.show import SPEC as SHOW
from tui.cli.specs.status import SPEC as STATUS
from tui.cli.specs.translations import SPEC as TRANSLATIONS

#: Every command, in the order ``notice-tui --help`` lists them.
COMMANDS: tuple[CommandSpec, ...] = (
    LOG,
    SHOW,
    DIFF,
    CHANGES,
    SEARCH,
    STATUS,
    RELEASES,
    REVIEWS,
    TRANSLATIONS,
    IMPORT,
    CONFIG,
)


def command_named(name: str) -> CommandSpec:
    """The command called ``name`` (KeyError when there is none)."""
    for spec in COMMANDS:
        if spec.name == name:
            return spec
    raise KeyError(name)
