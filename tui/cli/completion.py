"""Shell completion for bash and zsh, generated from notice-tui's argument parser.

``notice-tui --completion bash`` (or ``zsh``) prints the script; the same text is
committed as ``share/completions/notice-tui.bash`` and ``share/completions/_notice-tui``
by ``packaging/make_share.py`` (a test checks they are current). Completion is static:
commands, options, the choices of options such as ``--color``, folders for ``PATH`` and
files for ``FILE`` or ``BUNDLE`` values. It never runs notice-tui while completing.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from dataclasses import dataclass

SHELLS = ("bash", "zsh")
HEADER = "generated from notice-tui's parser by packaging/make_share.py; do not edit"

#: Value kinds by metavar: what the shell should offer for the value.
_DIR_METAVARS = {"PATH", "DIR", "FOLDER"}
_FILE_METAVARS = {"FILE", "BUNDLE"}


@dataclass(frozen=True, slots=True)
class Option:
    """One option as completion sees it."""

    flags: tuple[str, ...]
    help: str
    takes_value: bool
    metavar: str
    choices: tuple[str, ...]
    excludes: tuple[str, ...]

    @property
    def kind(self) -> str:
        """``"choices"``, ``"dir"``, ``"file"``, ``"text"`` or ``"flag"``."""
        if not self.takes_value:
            return "flag"
        if self.choices:
            return "choices"
        if self.metavar in _DIR_METAVARS:
            return "dir"
        if self.metavar in _FILE_METAVARS:
            return "file"
        return "text"


@dataclass(frozen=True, slots=True)
class Positional:
    """A positional argument: its name, help, and whether it is a file."""

    metavar: str
    help: str
    optional: bool

    @property
    def is_file(self) -> bool:
        """True when the shell should offer file names."""
        return self.metavar in _FILE_METAVARS | _DIR_METAVARS


@dataclass(frozen=True, slots=True)
class Command:
    """The top level (name ``""``) or one subcommand."""

    name: str
    help: str
    options: tuple[Option, ...]
    positionals: tuple[Positional, ...]


def _help(action: argparse.Action) -> str:
    text = action.help or ""
    if text == argparse.SUPPRESS:
        return ""
    return " ".join(text.split())


def _describe_parser(name: str, help_text: str, parser: argparse.ArgumentParser) -> Command:
    exclusive: dict[argparse.Action, set[str]] = {}
    for group in parser._mutually_exclusive_groups:
        flags = {f for action in group._group_actions for f in action.option_strings}
        for action in group._group_actions:
            exclusive[action] = flags - set(action.option_strings)
    options: list[Option] = []
    positionals: list[Positional] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            continue
        if action.option_strings:
            if action.help == argparse.SUPPRESS:
                continue
            takes_value = action.nargs != 0
            metavar = action.metavar or action.dest.upper()
            options.append(
                Option(
                    flags=tuple(action.option_strings),
                    help=_help(action),
                    takes_value=takes_value,
                    metavar=str(metavar) if takes_value else "",
                    choices=tuple(str(c) for c in action.choices or ()),
                    excludes=tuple(sorted(exclusive.get(action, ()))),
                )
            )
        else:
            positionals.append(
                Positional(
                    metavar=str(action.metavar or action.dest.upper()),
                    help=_help(action),
                    optional=action.nargs in ("?", "*"),
                )
            )
    return Command(name, help_text, tuple(options), tuple(positionals))


def describe(parser: argparse.ArgumentParser) -> list[Command]:
    """The top level first, then each subcommand in ``--help`` order."""
    commands = [_describe_parser("", parser.description or "", parser)]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
            for name, sub in action.choices.items():
                commands.append(_describe_parser(name, helps.get(name, ""), sub))
    return commands


# ------------------------------------------------------------------------------ bash


def _words(items: Iterable[str]) -> str:
    return " ".join(items)


def _bash_values(command: Command, indent: str) -> list[str]:
    """``case "$prev"`` arms completing the value of an option."""
    arms: list[str] = []
    by_kind: dict[str, list[str]] = {}
    for option in command.options:
        if option.kind == "choices":
            pattern = "|".join(option.flags)
            arms.append(
                f"{indent}{pattern}) _notice_tui_reply -W {_sh_quote(_words(option.choices))}"
                ' -- "$cur"; return ;;'
            )
        elif option.kind != "flag":
            by_kind.setdefault(option.kind, []).extend(option.flags)
    action = {
        "dir": '_notice_tui_reply -d -- "$cur"; compopt -o filenames 2>/dev/null',
        "file": '_notice_tui_reply -f -- "$cur"; compopt -o filenames 2>/dev/null',
        "text": ":",
    }
    for kind in ("dir", "file", "text"):
        if by_kind.get(kind):
            arms.append(f"{indent}{'|'.join(by_kind[kind])}) {action[kind]}; return ;;")
    return arms


def _sh_quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def bash_script(parser: argparse.ArgumentParser) -> str:
    """The bash completion script (needs bash 4; no bash-completion package required)."""
    top, *subs = describe(parser)
    value_flags = [f for o in top.options if o.takes_value for f in o.flags]
    lines = [
        f"# bash completion for notice-tui: {HEADER}.",
        "# Install: copy to ~/.local/share/bash-completion/completions/notice-tui, or",
        '#          eval "$(notice-tui --completion bash)" in ~/.bashrc',
        "",
        "_notice_tui_reply() {  # COMPREPLY from compgen ARGS, one candidate per line",
        "    local line",
        "    COMPREPLY=()",
        '    while IFS= read -r line; do COMPREPLY+=("$line"); done < <(compgen "$@")',
        "}",
        "",
        "_notice_tui() {",
        "    local cur prev cmd i word",
        "    COMPREPLY=()",
        "    cur=${COMP_WORDS[COMP_CWORD]}",
        "    prev=${COMP_WORDS[COMP_CWORD-1]}",
        '    # --option=value: bash splits the word at "="',
        '    if [[ $prev == "=" && $COMP_CWORD -ge 2 ]]; then',
        "        prev=${COMP_WORDS[COMP_CWORD-2]}",
        '    elif [[ $cur == "=" ]]; then',
        "        return 0",
        "    fi",
        '    cmd=""',
        "    for ((i = 1; i < COMP_CWORD; i++)); do",
        "        word=${COMP_WORDS[i]}",
        "        case $word in",
        f"            {'|'.join(value_flags) or '--'}) ((i++)) ;;",
        f"            {'|'.join(c.name for c in subs) or '--'}) cmd=$word; break ;;",
        "        esac",
        "    done",
        "    case $cmd in",
    ]
    for command in (top, *subs):
        label = command.name or '""'
        options = _words(f for o in command.options for f in o.flags)
        lines.append(f"        {label})")
        lines.append("            case $prev in")
        lines.extend(_bash_values(command, "                "))
        lines.append("            esac")
        lines.append("            if [[ $cur == -* ]]; then")
        lines.append(f'                _notice_tui_reply -W {_sh_quote(options)} -- "$cur"')
        if command.name == "":
            names = _words(c.name for c in subs)
            lines.append("            else")
            lines.append(f'                _notice_tui_reply -W {_sh_quote(names)} -- "$cur"')
        elif any(p.is_file for p in command.positionals):
            lines.append("            else")
            lines.append('                _notice_tui_reply -f -- "$cur"')
            lines.append("                compopt -o filenames 2>/dev/null")
        lines.append("            fi")
        lines.append("            ;;")
    lines += [
        "    esac",
        "    return 0",
        "}",
        "",
        "complete -F _notice_tui notice-tui",
        "",
    ]
    return "\n".join(lines)


# ------------------------------------------------------------------------------- zsh


def _zsh_escape(text: str) -> str:
    """Text for inside an ``_arguments`` spec's ``[...]`` (and a single-quoted word)."""
    text = text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    text = text.replace(":", "\\:")
    return text.replace("'", "'\\''")


def _zsh_option(option: Option) -> list[str]:
    specs = []
    excluded = (*option.excludes, *option.flags) if len(option.flags) > 1 else option.excludes
    prefix = f"({' '.join(excluded)})" if excluded else ""
    help_text = _zsh_escape(option.help)
    if option.kind == "flag":
        value = ""
    elif option.kind == "choices":
        value = f":{_zsh_escape(option.metavar)}:({' '.join(option.choices)})"
    elif option.kind == "dir":
        value = f":{_zsh_escape(option.metavar)}:_files -/"
    elif option.kind == "file":
        value = f":{_zsh_escape(option.metavar)}:_files"
    else:
        value = f":{_zsh_escape(option.metavar)}: "
    for flag in option.flags:
        flag_spec = flag + ("=" if option.takes_value and flag.startswith("--") else "")
        specs.append(f"'{prefix}{flag_spec}[{help_text}]{value}'")
    return specs


def _zsh_positionals(command: Command) -> list[str]:
    specs = []
    for index, positional in enumerate(command.positionals, start=1):
        colon = "::" if positional.optional else ":"
        action = "_files" if positional.is_file else " "
        desc = _zsh_escape(positional.metavar.lower())
        specs.append(f"'{index}{colon}{desc}:{action}'")
    return specs


def zsh_script(parser: argparse.ArgumentParser) -> str:
    """The zsh completion function file (``_notice-tui``, for a folder on ``$fpath``)."""
    top, *subs = describe(parser)
    lines = [
        "#compdef notice-tui",
        f"# zsh completion for notice-tui: {HEADER}.",
        "# Install: copy to a folder on $fpath (e.g. ~/.local/share/zsh/site-functions,",
        "# with fpath+=(~/.local/share/zsh/site-functions) before compinit in ~/.zshrc).",
        "",
        "_notice-tui() {",
        '    local curcontext="$curcontext" state state_descr line ret=1',
        "    typeset -A opt_args",
        "    _arguments -C -s \\",
    ]
    for spec in (s for o in top.options for s in _zsh_option(o)):
        lines.append(f"        {spec} \\")
    lines += [
        "        '1: :->command' \\",
        "        '*:: :->args' && ret=0",
        "    case $state in",
        "        command)",
        "            local -a commands",
        "            commands=(",
    ]
    for command in subs:
        lines.append(f"                '{_zsh_escape(command.name)}:{_zsh_escape(command.help)}'")
    lines += [
        "            )",
        "            _describe -t commands 'notice-tui command' commands && ret=0",
        "            ;;",
        "        args)",
        '            curcontext="${curcontext%:*:*}:notice-tui-$line[1]:"',
        "            case $line[1] in",
    ]
    for command in subs:
        specs = [s for o in command.options for s in _zsh_option(o)]
        specs += _zsh_positionals(command)
        lines.append(f"                {command.name})")
        lines.append("                    _arguments -s \\")
        for spec in specs[:-1]:
            lines.append(f"                        {spec} \\")
        lines.append(f"                        {specs[-1]} && ret=0")
        lines.append("                    ;;")
    lines += [
        "            esac",
        "            ;;",
        "    esac",
        "    return ret",
        "}",
        "",
        '_notice-tui "$@"',
        "",
    ]
    return "\n".join(lines)


def script(shell: str, parser: argparse.ArgumentParser) -> str:
    """The completion script for ``shell`` (``bash`` or ``zsh``) from notice-tui's ``parser``."""
    if shell == "bash":
        return bash_script(parser)
    if shell == "zsh":
        return zsh_script(parser)
    raise ValueError(f"no completion for {shell!r}; choose one of {', '.join(SHELLS)}")
