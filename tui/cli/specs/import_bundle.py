"""``notice-tui import``: its name, texts and arguments (argparse only).

Its code, :mod:`tui.cli.commands.import_bundle`, is imported only when the command runs.
"""

from __future__ import annotations

import argparse

from tui.cli.specs import CommandSpec, Example

DESCRIPTION = """\
Import a git bundle carried in on removable media into the notices repository, all or
nothing: the bundle is verified (git bundle verify, every object checked), its commits
wait under a quarantine ref while they are checked, then the checked-out branch (or
--branch) is fast-forwarded and its work tree updated. A bundle that would rewrite or
drop history, or move a tag, is refused (exit 2) and nothing changes. With
--require-signed every new commit must carry a signature your own gpg keyring and git
configuration verify (the repository's gpg settings never count).

Interrupted at any point, the branch is as before or as after; if the work tree was
being updated, running the same import again finishes it. The first import into a
folder that does not exist creates the repository there. notice-tui never imports into
its built-in sample: name the repository with --repo, $NOTICE_TUI_REPO or `repository`
in the config file.

Make the bundle outside with git bundle create notices.bundle --all (first time), or
git bundle create notices.bundle <box's newest commit>..main (later)."""
EXAMPLES: tuple[Example, ...] = (
    (
        "notice-tui import /media/usb/notices.bundle --repo /srv/notices",
        "fast-forward /srv/notices to the bundle's branch and list what arrived",
    ),
    (
        "notice-tui import notices.bundle --repo /srv/notices --verbose",
        "list every new version, silent edit and layout-only revision too",
    ),
    (
        "notice-tui import notices.bundle --repo /srv/notices --require-signed",
        "refuse unless every new commit is signed by a key this box trusts",
    ),
    (
        "notice-tui import notices.bundle --repo /srv/new-notices --branch main --json",
        "create the repository from a full bundle; print what arrived as JSON",
    ),
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``import BUNDLE [--branch NAME] [--require-signed]``."""
    parser.add_argument("bundle", metavar="BUNDLE", help="a file made by git bundle create")
    parser.add_argument(
        "--branch",
        metavar="NAME",
        help="the branch to update (default: the one checked out, or the bundle's HEAD)",
    )
    parser.add_argument(
        "--require-signed",
        action="store_true",
        help="every new commit must be signed by a key your gpg keyring verifies",
    )
    parser.add_argument(
        "--verbose",
        action="store_true",
        help="list every version, silent edit and layout-only revision that arrived",
    )


SPEC = CommandSpec(
    name="import",
    help="take in new revisions from a git bundle (the offline way to update)",
    description=DESCRIPTION,
    examples=EXAMPLES,
    add_arguments=add_arguments,
    module="tui.cli.commands.import_bundle",
)
