"""``notice-tui releases``: the release calendar as endoflife.date shows it."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from notices_repo.support.calendar import CALENDAR_FILE_NAME
from notices_repo.support.evaluate import ReleaseRow
from notices_repo.support.policy import ENDING_SOON, OUT_OF_SUPPORT, UNKNOWN
from notices_repo.support.running import SupportCheck
from notices_repo.text.inert import inert
from tui.cli.commands.status import calendar_json, gather
from tui.cli.context import Context

_COLOURS = {OUT_OF_SUPPORT: "31", ENDING_SOON: "33"}


def _row_json(row: ReleaseRow, claims: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "release": row.version,
        "released": row.released.isoformat(),
        "support_ends": row.support_ends.isoformat(),
        "days_left": row.days_left,
        "state": row.state,
        "lts": row.lts,
        "source": row.source,
        "source_detail": row.source_detail,
        "basis": row.basis,
        "note": row.note,
        "running": row.running,
        "claims": claims,
    }


def _unreadable_release(check: SupportCheck) -> str | None:
    """Why the running release cannot be read (None when it can, or is not set)."""
    status = check.status
    if check.running.version is not None and status.state == UNKNOWN and status.release is None:
        return status.reason
    return None


def _export(check: SupportCheck, target: str, ctx: Context) -> int:
    from notices_repo.usecases.support import calendar_as_toml

    text = calendar_as_toml(check, ctx.today)
    if target == "-":
        sys.stdout.write(text)
        return 0
    path = Path(target)
    if path.is_dir():
        path = path / CALENDAR_FILE_NAME
    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        return ctx.error(
            f"cannot write {path}: {exc.strerror or exc} (give --export a writable FILE or -)"
        )
    ctx.print(
        f"wrote {path}: {len(check.calendar.entries)} releases; commit it as "
        f"{CALENDAR_FILE_NAME} at the root of the notices repository, then "
        "notice-tui import brings it in"
    )
    return 0


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Print the calendar table (or JSON), or write it as releases.toml."""
    check = gather(args, ctx)
    if check.error:
        return ctx.error(check.error)
    unreadable = _unreadable_release(check)
    if unreadable:
        return ctx.error(unreadable)
    if getattr(args, "export", None):
        return _export(check, args.export, ctx)
    rows = check.rows(args.warn_days)
    if ctx.json:
        ctx.print_json(_releases_json(check, rows, ctx))
    else:
        _print_table(check, rows, ctx)
    return 0


def _releases_json(check: SupportCheck, rows: list[ReleaseRow], ctx: Context) -> dict[str, Any]:
    """``releases --json``: the calendar, the running release and every row."""
    running = check.running
    claims = {
        entry.version: [
            {
                "source": claim.source,
                "support_ends": claim.support_ends.isoformat(),
                "explicit": claim.explicit,
                "basis": claim.basis,
            }
            for claim in entry.claims
        ]
        for entry in check.calendar.entries
    }
    return {
        "product": check.calendar.product,
        "today": ctx.today.isoformat(),
        "sources": list(check.calendar.sources),
        "running": {
            "version": running.version,
            "release": check.status.release,
            "from": running.origin,
        }
        if running.version
        else None,
        "releases": [_row_json(row, claims[row.version]) for row in rows],
        "lower_bound": {
            "support_ends": check.status.support_ends.isoformat(),
            "newest": check.status.newest,
        }
        if check.status.lower_bound and check.status.support_ends
        else None,
        "calendar": calendar_json(check),
        "notes": list(check.notes),
    }


def _print_table(check: SupportCheck, rows: list[ReleaseRow], ctx: Context) -> None:
    """The calendar as a table, then the running release and the notes."""
    ctx.print(f"{check.calendar.product} releases on {ctx.today.isoformat()}")
    headers = ("", "RELEASE", "RELEASED", "SUPPORT ENDS", "DAYS LEFT", "LTS", "BASIS", "SOURCE")
    table = [
        (
            ">" if row.running else "",
            row.version,
            row.released.isoformat(),
            row.support_ends.isoformat(),
            row.days_text,
            "LTS" if row.lts else "",
            row.basis,
            inert(row.source_detail),
        )
        for row in rows
    ]
    widths = [max(len(str(line[i])) for line in [headers, *table]) for i in range(len(headers))]

    def layout(cells: tuple[str, ...]) -> list[str]:
        return [cell.ljust(widths[i]) for i, cell in enumerate(cells)]

    ctx.print_raw("  ".join(layout(headers)).rstrip())
    for row, cells in zip(rows, table, strict=True):
        padded = layout(cells)
        colour = _COLOURS.get(row.state)
        if colour:
            padded[4] = ctx.style(padded[4], colour)
        line = "  ".join(padded).rstrip()
        ctx.print_raw(ctx.style(line, "1") if row.running else line)
    _print_running(check, rows, ctx)


def _print_running(check: SupportCheck, rows: list[ReleaseRow], ctx: Context) -> None:
    """Which release runs and its support, then the calendar's notes."""
    status = check.status
    running = check.running
    if running.version:
        where = f"running: {running.version} (from {running.origin})"
        if any(row.running for row in rows):
            ctx.print(f"> {where}: {status.summary()}")
        elif status.lower_bound:
            ctx.print(
                f"{where}: {status.summary()} (newer than the calendar, newest "
                f"{status.newest}: update the calendar for its exact date)"
            )
        elif status.release:  # not in the calendar: say why ("9.1 is newer than ...")
            ctx.print(f"{where}: {status.release} {status.reason}")
        else:
            ctx.print(f"{where}: {status.reason}")
    else:
        ctx.print("running: not known (see notice-tui status --help to set it)")
    for note in check.notes:
        ctx.print(note)
