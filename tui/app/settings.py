"""What the app starts with: the command line and the config file, checked.

:func:`settings_from` turns parsed options and the config file into :class:`Settings`,
or raises :class:`SettingsError` with one line naming the problem and the fix (unknown
theme, an unusable ``[keys]`` table). The theme follows the terminal when none is
asked for: ANSI (the terminal's own 16 colours) where only 16 are likely.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from notices_repo.usecases.repository import RepositoryChoice, choose
from tui.app.keymap import KeymapError, validate_keymap

if TYPE_CHECKING:
    from notices_repo.settings.config import AppConfig
    from notices_repo.usecases.support import SupportRequest

DEFAULT_THEME = "textual-dark"
ANSI_THEME = "ansi-dark"
#: Friendly names for Textual's ANSI themes (they use the terminal's own 16 colours).
THEME_ALIASES = {"ansi": ANSI_THEME, "textual-ansi": ANSI_THEME, "ansi-dark": ANSI_THEME}


class SettingsError(ValueError):
    """A setting the app cannot start with (unknown theme, bad [keys]); says the fix."""


def few_colours(environ: dict[str, str] | os._Environ[str] | None = None) -> bool:
    """Whether the terminal likely has only 16 colours (Linux console, plain xterm...).

    Follows Rich's detection, which Textual uses: ``COLORTERM=truecolor``/``24bit`` or a
    ``TERM`` ending in ``-256color``/``-kitty`` means more colours; anything else (``linux``,
    ``xterm``, ``screen``, ``vt100``) means the 16 the user's terminal palette defines.
    """
    env = os.environ if environ is None else environ
    if env.get("COLORTERM", "").strip().lower() in ("truecolor", "24bit"):
        return False
    term = env.get("TERM", "").strip().lower()
    if not term:
        return False
    return term.rpartition("-")[2] not in ("256color", "kitty", "direct", "truecolor")


def choose_theme(requested: str | None, source: str) -> str:
    """The Textual theme to use: asked for (checked), else ANSI on 16 colours, else dark."""
    from textual.theme import BUILTIN_THEMES

    if requested:
        name = THEME_ALIASES.get(requested.strip().lower(), requested.strip())
        if name not in BUILTIN_THEMES:
            names = ", ".join(["ansi", *sorted(BUILTIN_THEMES)])
            raise SettingsError(f"unknown theme '{requested}' ({source}); choose one of: {names}")
        return name
    return ANSI_THEME if few_colours() else DEFAULT_THEME


@dataclass(slots=True)
class Settings:
    """Everything the app needs from the command line and the config file."""

    repo: Path | None
    """The chosen repository, None for the built-in sample."""
    origin: str
    """Where that choice came from (--repo, NOTICE_TUI_REPO, config, built-in sample)."""
    today: dt.date | None = None
    """``--today`` (None: the real date)."""
    theme: str = DEFAULT_THEME
    keymap: dict[str, str] = field(default_factory=dict)
    release: str | None = None
    server: str | None = None
    calendar: str | None = None
    config_release: str | None = None
    config_server: str | None = None
    ca_file: str | None = None
    """``--ca-file`` (the config's ``ca_file`` is :attr:`config_ca_file`)."""
    config_ca_file: str | None = None
    """``ca_file`` in the config file."""
    token_file: str | None = None
    server_timeout: float | None = None
    """Seconds to wait for the server's answer (None: the domain's default, 3 s)."""
    debug: bool = False

    @property
    def where(self) -> str:
        """The repository as the user should see it."""
        return RepositoryChoice(self.repo, self.origin).where

    def support_request(self) -> SupportRequest:
        """Where the support check looks for the running release and the calendars."""
        from notices_repo.usecases.support import SupportRequest

        return SupportRequest.from_options(
            release=self.release,
            server=self.server,
            calendar=self.calendar,
            ca_file=self.ca_file,
            config_release=self.config_release,
            config_server=self.config_server,
            config_ca_file=self.config_ca_file,
            token_file=self.token_file,
            timeout=self.server_timeout,
        )


def repository_choice(args: argparse.Namespace, config: AppConfig) -> tuple[Path | None, str]:
    """The repository to open and where that choice came from (None: the sample)."""
    choice = choose(getattr(args, "repo", None), config)
    return choice.path, choice.origin


def settings_from(args: argparse.Namespace, config: AppConfig) -> Settings:
    """Settings from parsed options and the config file; SettingsError when unusable."""
    repo, origin = repository_choice(args, config)
    theme_arg = getattr(args, "theme", None)
    theme = choose_theme(
        theme_arg or config.theme,
        "--theme" if theme_arg else f"theme in {config.path}",
    )
    try:
        keymap = validate_keymap(config.keys, source=str(config.path))
    except KeymapError as exc:
        raise SettingsError(str(exc)) from exc
    return Settings(
        repo=repo,
        origin=origin,
        today=getattr(args, "today", None),
        theme=theme,
        keymap=keymap,
        release=getattr(args, "release", None),
        server=getattr(args, "server", None),
        calendar=getattr(args, "calendar", None),
        config_release=config.release,
        config_server=config.server,
        ca_file=getattr(args, "ca_file", None),
        config_ca_file=config.ca_file,
        token_file=config.token_file,
        debug=bool(getattr(args, "debug", False)),
    )


__all__ = [
    "ANSI_THEME",
    "DEFAULT_THEME",
    "Settings",
    "SettingsError",
    "choose_theme",
    "few_colours",
    "settings_from",
]
