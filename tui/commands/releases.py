"""``notice-tui releases``: the release calendar as endoflife.date shows it."""

from __future__ import annotations

import argparse
from typing import Any

from notices_repo.inert import inert
from notices_repo.support import ENDING_SOON, OUT_OF_SUPPORT, ReleaseRow

from ..context import Context
from .status import add_source_arguments, gather

NAME = "releases"
HELP = "the Rocket.Chat release calendar: release, released, support ends, days left"
DESCRIPTION = """\
List the release calendar the way endoflife.date shows it: release, release date, end
of support (the end day itself is still supported), days left or "ended N days ago",
LTS, and the source that set the end date. The calendar merges the built-in one, the
notices repository's releases.toml and --calendar FILE; where they disagree the
earliest end wins. The running release, when known (see notice-tui status --help), is
marked with ">"."""
EXAMPLES: list[tuple[str, str]] = [
    ("notice-tui releases --today 2026-11-26", "the calendar as it stood on that day"),
    (
        "notice-tui releases --release 8.6.1 --today 2026-11-26",
        "the same, with 8.6 marked as the running release",
    ),
    ("notice-tui releases --json", "every release with its dates, state and sources, as JSON"),
]

_COLOURS = {OUT_OF_SUPPORT: "31", ENDING_SOON: "33"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``releases [--release V] [--calendar FILE] [--warn-days N]``."""
    add_source_arguments(parser, server=False)


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
        "note": row.note,
        "running": row.running,
        "claims": claims,
    }


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Print the calendar table (or JSON)."""
    check = gather(args, ctx)
    if check.error:
        return ctx.error(check.error)
    rows = check.rows(args.warn_days)
    running = check.running
    if ctx.json:
        claims = {
            entry.version: [
                {
                    "source": claim.source,
                    "support_ends": claim.support_ends.isoformat(),
                    "explicit": claim.explicit,
                }
                for claim in entry.claims
            ]
            for entry in check.calendar.entries
        }
        ctx.print_json(
            {
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
                "notes": list(check.notes),
            }
        )
        return 0

    ctx.print(f"{check.calendar.product} releases on {ctx.today.isoformat()}")
    headers = ("", "RELEASE", "RELEASED", "SUPPORT ENDS", "DAYS LEFT", "LTS", "SOURCE")
    table = [
        (
            ">" if row.running else "",
            row.version,
            row.released.isoformat(),
            row.support_ends.isoformat(),
            row.days_text,
            "LTS" if row.lts else "",
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
    status = check.status
    if running.version:
        where = f"running: {running.version} (from {running.origin})"
        if any(row.running for row in rows):
            ctx.print(f"> {where}: {status.summary()}")
        elif status.release:  # not in the calendar: say why ("9.1 is newer than ...")
            ctx.print(f"{where}: {status.release} {status.reason}")
        else:
            ctx.print(f"{where}: {status.reason}")
    else:
        ctx.print("running: not known (see notice-tui status --help to set it)")
    for note in check.notes:
        ctx.print(note)
    return 0
