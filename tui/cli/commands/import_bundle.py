"""``notice-tui import``: take in new revisions from a git bundle (the offline update)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from notices_repo.bundles.importer import import_bundle
from notices_repo.bundles.results import ImportResult, NoticeArrival, SupportChange
from notices_repo.bundles.summary import count_arrivals
from notices_repo.usecases.support import offline_status
from tui.cli.commands.import_report import print_arrivals
from tui.cli.context import Context, UsageError


def _support_probe(ctx: Context) -> Callable[[Callable[[], Any]], Any]:
    """Support status with a given releases.toml; never asks a server (import is offline)."""
    config_release = getattr(ctx.config, "release", None)

    def probe(open_repository: Callable[[], Any]) -> Any:
        return offline_status(ctx.today, open_repository, config_release=config_release)

    return probe


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _status_json(status: Any) -> dict[str, Any]:
    return {
        "release": getattr(status, "release", None),
        "state": getattr(status, "state", None),
        "support_ends": _iso(getattr(status, "support_ends", None)),
        "source": getattr(status, "source", None),
    }


def _support_json(change: SupportChange | None) -> dict[str, Any] | None:
    if change is None:
        return None
    return {
        "changed": change.changed,
        "before": _status_json(change.before),
        "after": _status_json(change.after),
    }


def _arrival_json(arrival: NoticeArrival) -> dict[str, Any]:
    return {
        "path": arrival.path,
        "title": arrival.title,
        "kind": arrival.kind,
        "revisions": arrival.revisions,
        "renamed_from": arrival.renamed_from,
        "versions": [
            {
                "effective_date": v.effective_date.isoformat(),
                "status": v.status,
                "commit": v.commit,
                "new": v.new,
            }
            for v in arrival.versions
        ],
        "silent_edits": [
            {
                "commit": e.commit,
                "subject": e.subject,
                "effective_date": e.effective_date.isoformat(),
            }
            for e in arrival.silent_edits
        ],
        "technical_revisions": arrival.technical,
    }


def result_json(result: ImportResult) -> dict[str, Any]:
    """The ``--json`` document of an import."""
    return {
        "repository": str(result.repository),
        "bundle": str(result.bundle),
        "branch": result.branch,
        "old": result.old,
        "new": result.new,
        "created": result.created,
        "up_to_date": result.up_to_date,
        "older_bundle": result.older_bundle,
        "commits": result.commits,
        "tags": result.tags,
        "skipped_tags": result.skipped_tags,
        "work_tree_updated": result.work_tree_updated,
        "signatures_checked": result.signed_checked,
        "recovered": result.recovered,
        "first": result.first,
        "summary": count_arrivals(result.notices).to_json(),
        "in_force": [entry.to_json() for entry in result.in_force],
        "notices": [_arrival_json(a) for a in result.notices],
        "support": _support_json(result.support),
        "notes": result.notes,
    }


def _print_support(change: SupportChange, ctx: Context) -> None:
    before, after = change.before, change.after
    if not change.changed:
        ctx.print(f"Support: releases.toml changed; {after.summary()} (as before)")
        return
    ctx.print(f"Support: with the new releases.toml: {after.summary()} (was: {before.summary()})")


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Import the bundle and print what arrived."""
    path, origin = ctx.repository_path()
    if path is None:
        raise UsageError(
            "import needs a repository: pass --repo PATH (a new folder is created on first "
            "import), set NOTICE_TUI_REPO or `repository` in the config file; notice-tui "
            "never imports into its built-in sample"
        )
    progress = None
    if ctx.stderr.isatty() and not ctx.json:

        def progress(stage: str) -> None:
            ctx.stderr.write(f"notice-tui: {stage}…\n")
            ctx.stderr.flush()

    result = import_bundle(
        Path(args.bundle),
        path,
        branch=args.branch,
        require_signed=args.require_signed,
        today=ctx.today,
        support=_support_probe(ctx),
        progress=progress,
    )
    for note in result.notes:
        ctx.warn(note)
    if ctx.json:
        ctx.print_json(result_json(result))
        return 0
    where = f"{result.repository} ({origin})"
    if result.up_to_date:
        if result.older_bundle:
            ctx.print(
                f"Nothing to import: {where} already contains the bundle's {result.branch} "
                f"({result.new[:10] if result.new else ''}); the bundle is older"
            )
        else:
            ctx.print(f"Already up to date: {where} {result.branch} is at {result.old}")
        return 0
    count = len(result.commits)
    new = result.new[:10] if result.new else ""
    done = ", work tree updated" if result.work_tree_updated else ""
    if result.created:
        ctx.print(f"Created {where} from the bundle: {result.branch} at {new}, {count} commit(s)")
    elif result.commits:
        old = result.old[:10] if result.old else "(new branch)"
        ctx.print(f"Imported {count} commit(s) into {result.branch} of {where}: {old}..{new}{done}")
    if result.signed_checked:
        ctx.print(f"Signatures: all {result.signed_checked} new commit(s) verified")
    if result.tags:
        ctx.print("Tags: " + ", ".join(result.tags))
    if result.skipped_tags:
        ctx.print(
            "Tags not imported (not on the branch, or unusual names): "
            + ", ".join(result.skipped_tags)
        )
    print_arrivals(result, ctx, verbose=args.verbose)
    if result.support is not None:
        _print_support(result.support, ctx)
    return 0
