"""The user's config file (TOML, in the user's config folder).

Every key is optional::

    repository = "/srv/notices"        # default repository (after --repo and NOTICE_TUI_REPO)
    theme = "textual-dark"             # app theme (--theme wins)
    release = "8.6"                    # running release (after --release, NOTICE_TUI_RELEASE)
    server = "http://chat.internal:3000"   # asked for GET /api/info when release is unset
    token_file = "~/.config/notice-tui/token"  # "USER_ID TOKEN", readable by its owner only
    ca_file = "/etc/ssl/private-ca.pem"        # CA for an https server

    [keys]                             # remap app keys: action = "key[,key...]"
    quit = "q"
    diff = "d"

A broken file is a usage error with the file, line and fix; unknown keys are reported
by ``notice-tui config`` and otherwise ignored.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from notices_repo.errors import NoticeError
from notices_repo.settings.paths import config_file

KNOWN_KEYS = ("repository", "theme", "release", "server", "token_file", "ca_file", "keys")


class ConfigError(NoticeError):
    """The config file cannot be used."""


@dataclass(slots=True)
class AppConfig:
    """Settings from the config file (all optional)."""

    path: Path
    exists: bool = False
    repository: str | None = None
    theme: str | None = None
    release: str | None = None
    server: str | None = None
    token_file: str | None = None
    ca_file: str | None = None
    keys: dict[str, str] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)
    error: str | None = None
    """Why the file could not be used (only ``notice-tui config`` runs despite it)."""


def _string(doc: dict[str, object], key: str, path: Path) -> str | None:
    value = doc.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ConfigError(f"{path}: '{key}' must be a string in quotes; fix the file")
    return os.path.expanduser(value) if key in ("repository", "token_file", "ca_file") else value


def config_path() -> Path:
    """The config file in use: ``NOTICE_TUI_CONFIG``, else the user's config folder."""
    return Path(os.environ.get("NOTICE_TUI_CONFIG") or config_file())


def load_config(path: Path | None = None) -> AppConfig:
    """Read the config file; a missing file gives the defaults."""
    path = path or config_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return AppConfig(path=path)
    except OSError as exc:
        raise ConfigError(f"cannot read the config file {path}: {exc.strerror}") from exc
    try:
        doc = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path} is not UTF-8 text; save it as UTF-8") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}; fix the TOML or move the file away") from exc
    keys = doc.get("keys", {})
    if not isinstance(keys, dict) or not all(isinstance(v, str) for v in keys.values()):
        raise ConfigError(f'{path}: [keys] must map action names to key strings, e.g. quit = "q"')
    return AppConfig(
        path=path,
        exists=True,
        repository=_string(doc, "repository", path),
        theme=_string(doc, "theme", path),
        release=_string(doc, "release", path),
        server=_string(doc, "server", path),
        token_file=_string(doc, "token_file", path),
        ca_file=_string(doc, "ca_file", path),
        keys=dict(keys),
        unknown=[k for k in doc if k not in KNOWN_KEYS],
    )


def choose_repository(repo_option: str | None, config: AppConfig) -> tuple[Path | None, str]:
    """The repository to use and where that choice came from (None: the built-in sample).

    The one order every entry point follows: ``--repo``, ``NOTICE_TUI_REPO``, the config
    file's ``repository``, the sample. Light on purpose: the app calls it before its
    first paint.
    """
    if repo_option:
        return Path(repo_option).expanduser(), "--repo"
    env = os.environ.get("NOTICE_TUI_REPO")
    if env:
        return Path(env).expanduser(), "NOTICE_TUI_REPO"
    if config.repository:
        return Path(config.repository).expanduser(), f"config ({config.path})"
    return None, "built-in sample"
