"""``notice-tui config``: where notice-tui keeps its files and what is set, and from where.

Made for support over the phone: one screen that says which config file is read, the
config, state, cache and data folders, which repository and running release would be
used and which source chose them, the other settings, keys that are not understood, and
the environment variables that matter. It reads; it changes nothing, opens no repository,
asks no server, and never prints a token.
"""

from __future__ import annotations

import argparse
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

from notices_repo import __version__
from notices_repo.settings import paths
from notices_repo.settings.config import KNOWN_KEYS
from notices_repo.support.running import (
    FROM_CONFIG,
    FROM_OPTION,
    FROM_SNAP,
    RELEASE_ENV,
    RUNNING_ENV,
    snap_version,
)
from notices_repo.support.server import CredentialError, load_credentials
from tui.cli.context import Context

#: Environment variables reported (values of secret ones are never shown).
ENVIRONMENT = (
    "NOTICE_TUI_REPO",
    "NOTICE_TUI_RELEASE",
    "NOTICE_TUI_CONFIG",
    "NOTICE_TUI_CONFIG_DIR",
    "NOTICE_TUI_STATE_DIR",
    "NOTICE_TUI_CACHE_DIR",
    "NOTICE_TUI_DATA_DIR",
    "NOTICE_TUI_TOKEN",
    "NOTICE_TUI_USER_ID",
    "RC_VERSION",
    "XDG_CONFIG_HOME",
    "XDG_STATE_HOME",
    "XDG_CACHE_HOME",
    "XDG_DATA_HOME",
    "NO_COLOR",
    "PAGER",
)
SECRET = {"NOTICE_TUI_TOKEN"}

#: (name, override variable, XDG variable, what it holds, where) for each folder.
FOLDERS = (
    ("config", "NOTICE_TUI_CONFIG_DIR", "XDG_CONFIG_HOME", "config.toml", paths.config_dir),
    (
        "state",
        "NOTICE_TUI_STATE_DIR",
        "XDG_STATE_HOME",
        "review record, debug.log",
        paths.state_dir,
    ),
    ("cache", "NOTICE_TUI_CACHE_DIR", "XDG_CACHE_HOME", "caches; safe to delete", paths.cache_dir),
    ("data", "NOTICE_TUI_DATA_DIR", "XDG_DATA_HOME", "the built-in sample", paths.data_dir),
)


def _folder_origin(override: str, xdg: str) -> str:
    if os.environ.get(override):
        return override
    value = os.environ.get(xdg)
    if value and os.path.isabs(value):
        return xdg
    return "default"


def _git_version() -> str:
    try:
        done = subprocess.run(
            ["git", "--version"], capture_output=True, text=True, timeout=5, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return "git not found"
    return done.stdout.strip() or "git not found"


def _repository(ctx: Context) -> dict[str, Any]:
    path, origin = ctx.repository_path()
    if path is None:
        from notices_repo.sample.build import sample_path

        sample = sample_path()
        return {
            "path": str(sample),
            "from": origin,
            "exists": sample.is_dir(),
            "git": sample.is_dir(),
            "note": "built on first use" if not sample.is_dir() else "",
        }
    path = path.absolute()
    is_git = (path / ".git").exists() or ((path / "HEAD").is_file() and (path / "objects").is_dir())
    note = ""
    if not path.exists():
        note = "does not exist"
    elif not is_git:
        note = "not a git repository"
    return {"path": str(path), "from": origin, "exists": path.exists(), "git": is_git, "note": note}


def _release(args: argparse.Namespace, ctx: Context) -> dict[str, Any]:
    """Every source of the running release, in the order status uses them."""
    config = ctx.config
    server = getattr(args, "server", None) or config.server
    sources: list[dict[str, Any]] = [
        {"source": FROM_OPTION, "value": getattr(args, "release", None)},
        {"source": RELEASE_ENV, "value": os.environ.get(RELEASE_ENV) or None},
        {"source": FROM_CONFIG, "value": config.release},
        {
            "source": "server",
            "value": None,
            "detail": f"{server} (asked by status and releases, not here)" if server else None,
        },
        {"source": RUNNING_ENV, "value": os.environ.get(RUNNING_ENV) or None},
        {"source": FROM_SNAP, "value": snap_version()},
    ]
    used = next((s for s in sources if s["value"]), None)
    if used is None and server:
        used = {"source": "server", "value": None}
    return {
        "value": used["value"] if used else None,
        "from": used["source"] if used else None,
        "sources": sources,
    }


def _credentials(ctx: Context) -> dict[str, Any]:
    token_file = ctx.config.token_file
    result: dict[str, Any] = {"token_file": token_file, "from": None, "problem": None}
    if token_file:
        try:
            mode = stat.S_IMODE(os.stat(token_file).st_mode)
            result["token_file_mode"] = f"{mode:04o}"
        except OSError:
            result["token_file_mode"] = None
    try:
        found = load_credentials(token_file=token_file)
    except CredentialError as exc:
        result["problem"] = str(exc)
    else:
        result["from"] = found.origin if found else None
    return result


def gather(args: argparse.Namespace, ctx: Context) -> dict[str, Any]:
    """Everything ``config`` reports, as the JSON document."""
    config = ctx.config
    config_from = "NOTICE_TUI_CONFIG" if os.environ.get("NOTICE_TUI_CONFIG") else "config folder"
    folders = {}
    for name, override, xdg, holds, where in FOLDERS:
        folder: Path = where()
        folders[name] = {
            "path": str(folder),
            "from": _folder_origin(override, xdg),
            "exists": folder.is_dir(),
            "holds": holds,
        }
    debug_log = paths.state_dir() / "debug.log"
    settings = {
        key: getattr(config, key)
        for key in ("repository", "theme", "release", "server", "token_file", "ca_file")
        if getattr(config, key)
    }
    environment = {
        name: ("(set, not shown)" if name in SECRET else os.environ[name])
        for name in ENVIRONMENT
        if os.environ.get(name)
    }
    return {
        "version": __version__,
        "python": sys.version.split()[0],
        "executable": sys.executable,
        "git": _git_version(),
        "config_file": {
            "path": str(config.path),
            "from": config_from,
            "exists": config.exists,
            "error": config.error,
        },
        "folders": folders,
        "debug_log": {"path": str(debug_log), "exists": debug_log.is_file()},
        "repository": _repository(ctx),
        "release": _release(args, ctx),
        "settings": settings,
        "keys": dict(config.keys),
        "unknown_keys": list(config.unknown),
        "known_keys": list(KNOWN_KEYS),
        "credentials": _credentials(ctx),
        "environment": environment,
    }


def _row(ctx: Context, label: str, value: str, note: str = "") -> None:
    tail = f"  ({note})" if note else ""
    ctx.print(f"{label:<15}{value}{tail}")


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Print the report (or JSON)."""
    doc = gather(args, ctx)
    if ctx.json:
        ctx.print_json(doc)
        return ctx.usage_exit if ctx.config.error else 0
    ctx.print(
        f"notice-tui {doc['version']}, Python {doc['python']} ({doc['executable']}), {doc['git']}"
    )
    ctx.print()
    cfg = doc["config_file"]
    state = "read" if cfg["exists"] else "not found: defaults in use"
    if cfg.get("error"):
        state = f"BROKEN, defaults in use: {cfg['error']}"
    _row(ctx, "config file", cfg["path"], f"{state}; from {cfg['from']}")
    for name, folder in doc["folders"].items():
        missing = "" if folder["exists"] else "not created yet; "
        _row(
            ctx,
            f"{name} folder",
            folder["path"],
            f"{missing}{folder['holds']}; from {folder['from']}",
        )
    log = doc["debug_log"]
    _row(ctx, "debug log", log["path"], "exists" if log["exists"] else "written by --debug")
    ctx.print()
    repo = doc["repository"]
    note = f"from {repo['from']}" + (f"; {repo['note']}" if repo["note"] else "")
    _row(ctx, "repository", repo["path"], note)
    release = doc["release"]
    if release["value"]:
        _row(ctx, "release", release["value"], f"from {release['from']}")
    elif release["from"] == "server":
        _row(ctx, "release", "asked from the server", "by status and releases")
    else:
        _row(ctx, "release", "not known", "set --release, NOTICE_TUI_RELEASE, release or server")
    for source in release["sources"]:
        value = source["value"] or source.get("detail") or "-"
        ctx.print(f"  {source['source']:<24}{value}")
    rows: list[tuple[str, str, str]] = []
    for key, value in doc["settings"].items():
        if key not in ("repository", "release"):
            rows.append((key, value, "config"))
    creds = doc["credentials"]
    if creds["problem"]:
        rows.append(("credentials", "unusable", creds["problem"]))
    elif creds["from"]:
        mode = creds.get("token_file_mode")
        rows.append(("credentials", f"from {creds['from']}", f"mode {mode}" if mode else ""))
    for action, keys in doc["keys"].items():
        rows.append(("key", f"{action} = {keys}", "config [keys]"))
    if doc["unknown_keys"]:
        known = ", ".join(doc["known_keys"])
        rows.append(("unknown keys", ", ".join(doc["unknown_keys"]), f"ignored; known: {known}"))
    if rows:
        ctx.print()
        for row in rows:
            _row(ctx, *row)
    if doc["environment"]:
        ctx.print()
        ctx.print("environment:")
        for name, value in doc["environment"].items():
            ctx.print(f"  {name}={value}")
    return ctx.usage_exit if ctx.config.error else 0
