"""Where notice-tui keeps its files: XDG config, state, cache and data folders.

Each folder can be overridden with ``NOTICE_TUI_CONFIG_DIR``, ``NOTICE_TUI_STATE_DIR``,
``NOTICE_TUI_CACHE_DIR`` and ``NOTICE_TUI_DATA_DIR`` (the tests use these), otherwise the
XDG Base Directory variables apply, with their documented defaults.
"""

from __future__ import annotations

import os
from pathlib import Path

APP = "notice-tui"


def _base(override: str, xdg: str, default: str) -> Path:
    value = os.environ.get(override)
    if value:
        return Path(value)
    root = os.environ.get(xdg)
    base = Path(root) if root and os.path.isabs(root) else Path.home() / default
    return base / APP


def config_dir() -> Path:
    """Folder of ``config.toml``."""
    return _base("NOTICE_TUI_CONFIG_DIR", "XDG_CONFIG_HOME", ".config")


def state_dir() -> Path:
    """Folder of the review record and the debug log."""
    return _base("NOTICE_TUI_STATE_DIR", "XDG_STATE_HOME", ".local/state")


def cache_dir() -> Path:
    """Folder of derived data that can always be rebuilt (history and search caches)."""
    return _base("NOTICE_TUI_CACHE_DIR", "XDG_CACHE_HOME", ".cache")


def data_dir() -> Path:
    """Folder of the built-in sample repository."""
    return _base("NOTICE_TUI_DATA_DIR", "XDG_DATA_HOME", ".local/share")


def config_file() -> Path:
    """The user's config file."""
    return config_dir() / "config.toml"
