"""``notice-tui log``: every notice and its revisions, newest first, with effective dates."""

from __future__ import annotations

import argparse
from typing import Any

from notices_repo.catalog.resolve import find_notice
from notices_repo.catalog.timeline import effective_versions, version_json
from notices_repo.catalog.translations import Translations, repository_translations
from notices_repo.model import Catalog, Notice, Revision
from notices_repo.text.inert import inert_line
from tui.cli.context import Context, paused_gc


def flags(revision: Revision, ctx: Context) -> list[str]:
    """Words describing a revision's flags."""
    out: list[str] = []
    if revision.date_source == "commit":
        out.append("commit date")
    elif revision.date_source == "markup":
        out.append("markup date")
    if revision.date_precision == "month":
        out.append("month")
    if revision.is_future(ctx.today):
        out.append("future")
    out.extend(revision.change_flags())
    return out


def _print_notice(notice: Notice, ctx: Context) -> None:
    retired = " (retired)" if notice.retired else ""
    versions = effective_versions(notice)
    header = f"{notice.path}{retired} - {notice.title}"
    ctx.print_raw(ctx.style(inert_line(header), "1"))
    overridden = sum(1 for r in notice.revisions if r.overridden_by)
    counts = f"  {len(notice.revisions)} revisions, {len(versions)} effective versions"
    if overridden:
        counts += f", {overridden} overridden"
    ctx.print(counts)
    for gap in notice.gaps:
        ctx.print(f"  {gap.describe()} (nothing in force)")
    for revision in notice.revisions:
        extra = flags(revision, ctx)
        tail = f"  [{', '.join(extra)}]" if extra else ""
        line = (
            f"  {revision.effective_date.isoformat()}  {revision.commit[:10]}  "
            f"{revision.committed[:10]}  {revision.subject}{tail}"
        )
        ctx.print(line)
    ctx.print()


def notice_json(
    notice: Notice, ctx: Context, translations: Translations | None = None
) -> dict[str, Any]:
    """One notice as ``log --json`` prints it (``translations``: its language fields)."""
    # grouping the versions marks the overridden revisions, so before the revisions
    versions = [version_json(v, ctx.today) for v in effective_versions(notice)]
    languages = translations.log_fields(notice) if translations else {}
    return {
        "path": notice.path,
        "key": notice.key,
        "title": notice.title,
        "retired": notice.retired,
        "retired_in": notice.retired_in,
        "gaps": [gap.to_json() for gap in notice.gaps],
        "revisions": [r.to_json(ctx.today) for r in notice.revisions],
        "versions": versions,
        **languages,
    }


def selected(catalog: Catalog, args: argparse.Namespace) -> list[Notice]:
    """The notices ``log`` shows."""
    if args.notice:
        return [find_notice(catalog, args.notice)]
    return catalog.notices if args.all else catalog.active()


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Print the log."""
    catalog = ctx.load_catalog()
    notices = selected(catalog, args)
    for warning in catalog.warnings:
        ctx.warn(warning)
    if ctx.json:
        translations = repository_translations(ctx.open_repository(), catalog, ctx.today)
        with paused_gc():
            ctx.print_json(
                {
                    "repository": catalog.repository,
                    "head": catalog.head,
                    "notices": [notice_json(n, ctx, translations) for n in notices],
                    "warnings": catalog.warnings,
                }
            )
        return 0
    for notice in notices:
        _print_notice(notice, ctx)
    hidden = len(catalog.retired())
    if hidden and not args.all and not args.notice:
        ctx.print(f"({hidden} retired notices not shown; add --all)")
    return 0
