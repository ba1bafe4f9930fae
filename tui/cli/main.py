"""The ``notice-tui`` command.

``notice-tui`` alone opens the app; ``notice-tui COMMAND`` runs a headless command from
:mod:`tui.cli.commands`. The parser is built from the commands' specs alone
(:mod:`tui.cli.specs`); a command's code is imported only when it runs, and Textual only
when the app is opened (in :func:`_run_app`, the one place this package imports
:mod:`tui.app`), so the headless commands start fast and run where no terminal UI is wanted.

Exit codes: 0 success; 2 bad input or trouble (one line on stderr, never a traceback);
``diff`` 1 = differences; ``search`` 1 = no match; ``status`` follows Nagios (3 for trouble).
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from notices_repo import __version__
from notices_repo.errors import NoticeError
from notices_repo.settings.config import AppConfig, ConfigError, config_path, load_config
from notices_repo.text.inert import inert, inert_line
from tui.cli.context import Context, UsageError

if TYPE_CHECKING:
    from tui.cli.specs import CommandSpec

DESCRIPTION = """\
Read, compare and search the privacy notices and terms kept in a git repository,
from a terminal. Without a command, opens the app; without a repository, opens a
built-in sample so you can look around at once.

Repository: --repo PATH, else $NOTICE_TUI_REPO, else `repository` in the config
file, else the built-in sample."""

APP_EXAMPLES = [
    ("notice-tui", "open the app on the built-in sample"),
    ("notice-tui --repo /srv/notices", "open the app on a notices repository"),
    ("notice-tui log", "list every notice and its revisions"),
    ("notice-tui --version", "print the versions of notice-tui and what it runs on"),
]


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line and a chosen exit code."""

    usage_exit = 2

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see {self.prog} --help)")


def _day(value: str) -> dt.date:
    from notices_repo.catalog.resolve import (
        parse_day,  # only for --today: the app starts without it
    )

    try:
        return parse_day(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _examples(examples: Sequence[tuple[str, str]]) -> str:
    lines = ["examples:"]
    for command, what in examples:
        lines.append(f"  {command}")
        lines.append(f"      {what}")
    return "\n".join(lines)


def add_common(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    """Options every command takes (also accepted before the command name)."""
    default: Any = None if top else argparse.SUPPRESS
    group = parser.add_argument_group("common options")
    group.add_argument(
        "--repo",
        metavar="PATH",
        default=default,
        help="notices repository (default: $NOTICE_TUI_REPO, the config file, the sample)",
    )
    group.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        type=_day,
        default=default,
        help="answer 'in force', 'latest' and 'future' as on this day (default: today)",
    )
    if not top:
        group.add_argument("--json", action="store_true", default=False, help="print JSON")
    group.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default=default,
        help="colour in text output (default auto: on a terminal, unless NO_COLOR is set)",
    )
    group.add_argument(
        "--no-pager",
        action="store_true",
        default=default if not top else False,
        help="never send long output through $PAGER",
    )
    group.add_argument(
        "--debug",
        action="store_true",
        default=default if not top else False,
        help="write a debug log (git commands, timings; never notice text) to the state folder",
    )


def build_parser(commands: Sequence[CommandSpec]) -> Parser:
    """The whole command line, with ``commands`` (:data:`tui.cli.commands.COMMANDS`)."""
    parser = Parser(
        prog="notice-tui",
        description=DESCRIPTION,
        epilog=_examples(APP_EXAMPLES),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_top_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for spec in commands:
        child = sub.add_parser(
            spec.name,
            help=spec.help,
            description=spec.description,
            epilog=_examples(spec.examples),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        child.usage_exit = spec.usage_exit
        spec.add_arguments(child)
        add_common(child)
    return parser


def _add_top_options(parser: Parser) -> None:
    """The options before any command name: the app's, and the common ones."""
    parser.add_argument(
        "--version", action="store_true", help="print versions of notice-tui and its parts"
    )
    parser.add_argument(
        "--completion",
        choices=("bash", "zsh"),
        metavar="SHELL",
        help="print the shell completion script for bash or zsh, e.g. "
        'eval "$(notice-tui --completion bash)"',
    )
    parser.add_argument("--theme", metavar="NAME", help="app theme (e.g. textual-dark, ansi)")
    parser.add_argument("--release", metavar="VERSION", help="the running release (app)")
    parser.add_argument("--server", metavar="URL", help="ask this server for its release (app)")
    parser.add_argument("--calendar", metavar="FILE", help="an extra release calendar (app)")
    parser.add_argument(
        "--ca-file", metavar="FILE", help="CA certificate for an https --server (app)"
    )
    add_common(parser, top=True)


def app_args(argv: Sequence[str]) -> argparse.Namespace | None:
    """The options of ``argv`` when it only opens the app, parsed without the commands
    (the app's first screen comes sooner when the command line loads none of them).

    None when ``argv`` names a command, asks for help, versions or completion, or is
    wrong in any way: the whole parser then reads it and gives its usual answer.
    """
    parser = Parser(prog="notice-tui", add_help=False)
    _add_top_options(parser)
    try:
        args, rest = parser.parse_known_args(list(argv))
    except UsageError:
        return None
    if rest or args.version or args.completion:
        return None
    args.command = None
    return args


def versions_text() -> str:
    """notice-tui's version and those of what it runs on (no Textual import)."""
    from importlib.metadata import PackageNotFoundError, version

    lines = [f"notice-tui {__version__}"]
    for dist in ("textual", "GitPython", "rapidfuzz"):
        try:
            lines.append(f"{dist} {version(dist)}")
        except PackageNotFoundError:
            lines.append(f"{dist} not installed")
    try:
        git = subprocess.run(
            ["git", "--version"], capture_output=True, text=True, timeout=5, check=False
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        git = "git not found"
    lines.append(git or "git not found")
    lines.append(f"Python {sys.version.split()[0]}")
    return "\n".join(lines)


def _setup_debug_log(command: str | None) -> str:
    """Send notices_repo's and tui's debug records to ``<state folder>/debug.log``.

    What is logged anywhere is metadata only: git command names, exit codes, counts and
    timings; never notice text, nor command-line arguments (they may name notices or
    hold search words). Rotated at 1 MB, one old file kept (``debug.log.1``).
    """
    import platform
    from logging.handlers import RotatingFileHandler

    from notices_repo.settings.paths import state_dir

    folder = state_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "debug.log"
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=1, encoding="utf-8")
    handler.set_name("notice-tui-debug")
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(process)d %(name)s %(levelname)s %(message)s")
    )
    for name in ("notices_repo", "tui"):
        logger = logging.getLogger(name)
        for old in [h for h in logger.handlers if h.get_name() == "notice-tui-debug"]:
            logger.removeHandler(old)  # main() called again in one process (tests)
            old.close()
        logger.setLevel(logging.DEBUG)
        logger.addHandler(handler)
    logging.getLogger("tui").debug(
        "---- notice-tui %s: %s (Python %s, %s)",
        __version__,
        command or "app",
        platform.python_version(),
        platform.platform(terse=True),
    )
    return str(path)


def _usage_exit(commands: Sequence[CommandSpec], argv: Sequence[str]) -> int:
    """The usage exit code of the command named in ``argv`` (3 for status)."""
    by_name = {spec.name: spec for spec in commands}
    for word in argv:
        if word in by_name:
            return by_name[word].usage_exit_for(argv)
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``notice-tui`` command."""
    argv = list(sys.argv[1:] if argv is None else argv)
    spec: CommandSpec | None = None
    args = app_args(argv)
    if args is None:  # a command, help, or something to complain about
        # Only here: opening the app needs no command, and its first screen comes sooner.
        from tui.cli.commands import COMMANDS

        parser = build_parser(COMMANDS)
        try:
            args = parser.parse_args(argv)
        except UsageError as exc:
            sys.stderr.write(f"notice-tui: error: {inert(str(exc))}\n")
            return _usage_exit(COMMANDS, argv)
        if args.version:
            try:
                sys.stdout.write(versions_text() + "\n")
                sys.stdout.flush()
            except BrokenPipeError:
                pass
            return 0
        if args.completion:
            from tui.cli.completion import script

            sys.stdout.write(script(args.completion, parser))
            return 0
        spec = next((c for c in COMMANDS if c.name == args.command), None)
    if args.debug:
        sys.stderr.write(f"notice-tui: writing a debug log to {_setup_debug_log(args.command)}\n")
    usage_exit = spec.usage_exit_for(argv) if spec else 2
    try:
        config = load_config()
    except ConfigError as exc:
        sys.stderr.write(f"notice-tui: {inert(exc.message)}\n")
        if args.command != "config":
            return usage_exit
        # `notice-tui config` is how a broken config gets diagnosed: run it on defaults.
        config = AppConfig(path=config_path(), exists=True, error=exc.message)
    if spec is None:
        return _run_app(args, config)
    ctx = Context(args, config, usage_exit=usage_exit)
    started = time.perf_counter()
    try:
        code = spec.run(args, ctx)
    except UsageError as exc:
        ctx.flush()
        return ctx.error(str(exc))
    except NoticeError as exc:
        ctx.flush()
        code = ctx.error(exc.message)
        candidates = getattr(exc, "candidates", None)
        if candidates:
            sys.stderr.write("candidates:\n")
            for candidate in candidates:
                sys.stderr.write(f"  {inert_line(candidate)}\n")
        return code
    except KeyboardInterrupt:
        return 130
    finally:
        ctx.close()
        logging.getLogger("tui").debug(
            "%s finished in %.3f s", args.command, time.perf_counter() - started
        )
    ctx.flush()
    return code


def _run_app(args: argparse.Namespace, config: AppConfig) -> int:
    """Open the app: the one place the command line imports :mod:`tui.app` (and Textual)."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()) and not os.environ.get(
        "NOTICE_TUI_FORCE_APP"
    ):
        sys.stderr.write(
            "notice-tui: the app needs a terminal; use a command such as "
            "'notice-tui log' for scripts (see notice-tui --help)\n"
        )
        return 2
    from tui.app.app import run_app

    return int(run_app(args, config))


if __name__ == "__main__":
    sys.exit(main())
