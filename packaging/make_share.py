#!/usr/bin/env python3
"""Regenerate share/: the man page and the bash and zsh completions, from the parser.

    .venv/bin/python packaging/make_share.py           # rewrite the files
    .venv/bin/python packaging/make_share.py --check   # exit 1 when one is out of date

Run it after changing any command's spec in tui/cli/specs/ (options, help, description or
examples; tests/cli/test_completion.py fails until the committed files match). The man page
is built from the parser's structure, not from ``--help`` output, so it does not depend on
the terminal width or the Python version.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from notices_repo import __version__  # noqa: E402
from tui.cli.commands import COMMANDS  # noqa: E402
from tui.cli.completion import Command, Option, bash_script, describe, zsh_script  # noqa: E402
from tui.cli.main import APP_EXAMPLES, build_parser  # noqa: E402

MAN_PAGE = ROOT / "share" / "man" / "notice-tui.1"
BASH = ROOT / "share" / "completions" / "notice-tui.bash"
ZSH = ROOT / "share" / "completions" / "_notice-tui"

EXIT_STATUS = [
    ("0", "success (status: OK)."),
    ("1", "diff: the versions differ; search: nothing matched; status: WARNING."),
    ("2", "bad input or trouble, one line on standard error; status: CRITICAL."),
    ("3", "status only: UNKNOWN (release not known, invalid calendar, usage error)."),
]

ENVIRONMENT = [
    ("NOTICE_TUI_REPO", "the notices repository when --repo is not given."),
    ("NOTICE_TUI_RELEASE", "the running Rocket.Chat release when --release is not given."),
    ("NOTICE_TUI_TOKEN, NOTICE_TUI_USER_ID", "credentials for the server's full version."),
    ("NOTICE_TUI_CONFIG", "another config file."),
    (
        "NOTICE_TUI_CONFIG_DIR, NOTICE_TUI_STATE_DIR, NOTICE_TUI_CACHE_DIR, NOTICE_TUI_DATA_DIR",
        "other folders; otherwise XDG_CONFIG_HOME, XDG_STATE_HOME, XDG_CACHE_HOME and "
        "XDG_DATA_HOME apply, with their defaults (see notice-tui config).",
    ),
    ("NO_COLOR", "no colour with --color=auto."),
    ("PAGER", "the pager for long output on a terminal (default less, with LESS=FRX)."),
    ("RC_VERSION", "the running release, as set by Rocket.Chat's container image."),
]

FILES = [
    ("~/.config/notice-tui/config.toml", "the config file (notice-tui config shows it)."),
    ("~/.local/state/notice-tui/", "the review record and, with --debug, debug.log."),
    ("~/.cache/notice-tui/", "history and search caches; safe to delete."),
    ("~/.local/share/notice-tui/", "the built-in sample repository."),
]


def roff(text: str) -> str:
    """Text made safe for roff: backslashes, minus signs, and leading dots/quotes."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    lines = []
    for line in text.split("\n"):
        lines.append("\\&" + line if line.startswith((".", "'")) else line)
    return "\n".join(lines)


def paragraphs(text: str) -> list[str]:
    """``text`` (argparse description style) as roff paragraphs.

    Blank lines separate paragraphs; a paragraph whose lines are all indented is kept
    as it is (an example or a table), the others are filled.
    """
    out: list[str] = []
    for block in text.strip("\n").split("\n\n"):
        lines = block.split("\n")
        if all(line.startswith("  ") for line in lines if line):
            body = "\n".join(roff(line.strip()) for line in lines)
            out.append(f".PP\n.RS 4\n.nf\n{body}\n.fi\n.RE")
        else:
            out.append(".PP\n" + roff(" ".join(line.strip() for line in lines)))
    return out


def option_item(option: Option) -> str:
    """One option as a ``.TP`` item."""
    flags = ", ".join(f"\\fB{roff(flag)}\\fR" for flag in option.flags)
    if option.takes_value:
        value = "{" + ",".join(option.choices) + "}" if option.choices else option.metavar
        flags += f" \\fI{roff(value)}\\fR"
    return f".TP\n{flags}\n{roff(option.help) or '.'}"


def synopsis(command: Command) -> str:
    """``notice-tui COMMAND [options] ARGS`` in roff."""
    words = [f"\\fB{roff(command.name)}\\fR", "[\\fIoptions\\fR]"]
    for positional in command.positionals:
        name = f"\\fI{roff(positional.metavar)}\\fR"
        words.append(f"[{name}]" if positional.optional else name)
    return ".B notice\\-tui\n" + " ".join(words)


def examples(items: Sequence[tuple[str, str]]) -> list[str]:
    """Examples as indented command lines with their explanation."""
    out = []
    for command, what in items:
        out.append(f".TP\n\\fB{roff(command)}\\fR\n{roff(what)}")
    return out


def man_page() -> str:
    """The whole man page."""
    parser = build_parser(COMMANDS)
    specs = {spec.name: spec for spec in COMMANDS}
    top, *subs = describe(parser)
    common = {"--repo", "--today", "--json", "--color", "--no-pager", "--debug"}
    lines = [
        ".\\\" notice-tui(1): generated from notice-tui's parser by packaging/make_share.py;",
        '.\\" do not edit.',
        f'.TH NOTICE\\-TUI 1 "" "notice\\-tui {__version__}" "User Commands"',
        ".nh",
        ".ad l",
        ".SH NAME",
        "notice\\-tui \\- read, compare and search privacy notices kept in a git repository",
        ".SH SYNOPSIS",
        ".B notice\\-tui",
        "[\\fIoptions\\fR]",
        ".br",
        ".B notice\\-tui",
        "\\fICOMMAND\\fR [\\fIoptions\\fR] [\\fIarguments\\fR]",
        ".SH DESCRIPTION",
        *paragraphs(parser.description or ""),
        ".PP",
        "Every command prints text for people by default and JSON with \\fB\\-\\-json\\fR.",
        "Text output follows git's habits: colour with \\fB\\-\\-color\\fR, long output",
        "through \\fB$PAGER\\fR on a terminal unless \\fB\\-\\-no\\-pager\\fR is given.",
        ".SH OPTIONS",
        *(option_item(o) for o in top.options),
        ".SH COMMANDS",
        "Each command also takes the common options \\fB\\-\\-repo\\fR, \\fB\\-\\-today\\fR,",
        "\\fB\\-\\-json\\fR, \\fB\\-\\-color\\fR, \\fB\\-\\-no\\-pager\\fR and",
        "\\fB\\-\\-debug\\fR (see OPTIONS), before or after the command name.",
    ]
    for command in subs:
        spec = specs[command.name]
        lines.append(f'.SS "{roff(command.name)}"')
        lines.append(synopsis(command))
        lines.extend(paragraphs(spec.description))
        own = [o for o in command.options if not set(o.flags) & (common | {"-h", "--help"})]
        for positional in command.positionals:
            lines.append(f".TP\n\\fI{roff(positional.metavar)}\\fR\n{roff(positional.help)}")
        lines.extend(option_item(o) for o in own)
        if spec.examples:
            lines.append(".PP\nExamples:")
            lines.append(".RS 4")
            lines.extend(examples(spec.examples))
            lines.append(".RE")
    lines.append(".SH EXIT STATUS")
    for code, what in EXIT_STATUS:
        lines.append(f".TP\n.B {code}\n{roff(what)}")
    lines.append(".SH ENVIRONMENT")
    for name, what in ENVIRONMENT:
        lines.append(f".TP\n.B {roff(name)}\n{roff(what)}")
    lines.append(".SH FILES")
    lines.append("Default places; \\fBnotice\\-tui config\\fR prints the ones in use.")
    for name, what in FILES:
        lines.append(f".TP\n.I {roff(name)}\n{roff(what)}")
    lines.append(".SH EXAMPLES")
    lines.extend(examples(APP_EXAMPLES))
    lines.append(".SH SEE ALSO")
    lines.append(".BR git (1),")
    lines.append(".BR git\\-bundle (1)")
    return "\n".join(lines) + "\n"


def generated() -> dict[Path, str]:
    """Every file under share/ and its current text."""
    parser = build_parser(COMMANDS)
    return {MAN_PAGE: man_page(), BASH: bash_script(parser), ZSH: zsh_script(parser)}


def main(argv: Sequence[str] | None = None) -> int:
    """Write share/, or with ``--check`` say which files are out of date."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when a file is stale")
    args = parser.parse_args(argv)
    stale = []
    for path, text in generated().items():
        current = path.read_text("utf-8") if path.exists() else None
        if current == text:
            continue
        if args.check:
            stale.append(path)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    for path in stale:
        print(f"{path.relative_to(ROOT)} is out of date: run python packaging/make_share.py")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
