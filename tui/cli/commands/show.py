"""``notice-tui show``: a notice's text as in force on a date, with sections and categories."""

from __future__ import annotations

import argparse
from typing import Any

from notices_repo.catalog.resolve import find_notice, parse_day, resolve_spec
from notices_repo.catalog.timeline import revisions_after
from notices_repo.text.body import body_of
from notices_repo.text.inert import inert_line
from notices_repo.text.sections import find_data_categories, section_text, split_sections
from tui.cli.context import Context, UsageError


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Print the notice."""
    catalog = ctx.load_catalog()
    notice = find_notice(catalog, args.notice)
    for warning in catalog.warnings:
        ctx.warn(warning)
    if args.rev and len(args.rev) < 4:
        raise UsageError("--rev needs at least 4 characters of a commit id")
    if args.as_recorded and not args.at:
        raise UsageError("--as-recorded needs --at YYYY-MM-DD: the day whose text to show")
    spec = args.at or args.rev or "latest"
    pick = resolve_spec(notice, spec, ctx.today, as_recorded=args.as_recorded)
    revision = pick.revision
    revised = None
    if args.at and not args.as_recorded:
        day = parse_day(args.at)
        if revisions_after(pick.version, day) and pick.version.effective_date <= day:
            revised = day.isoformat()
    repository = ctx.open_repository()
    decoded = repository.read_text(revision.blob)
    body = body_of(decoded.text)  # front matter and kramdown attribute lists are markup
    text = body.text
    sections = split_sections(text)
    categories = find_data_categories(text, sections)
    if ctx.json:
        document: dict[str, Any] = {
            "path": revision.path,
            "commit": revision.commit,
            "effective_date": pick.version.effective_date.isoformat(),
            "date_source": pick.version.date_source,
            "date_precision": pick.version.date_precision,
            "status": pick.version.status(ctx.today),
            "published": revision.published or revision.committed,
            "revised_after": revised,
            "as_recorded": bool(args.as_recorded),
            "title": notice.title,
            "sections": [
                {"heading": s.heading, "level": s.level, "text": section_text(text, s)}
                for s in sections
            ],
            "data_categories": [
                {"name": c.name, "description": c.description, "section": c.section}
                for c in categories
            ],
            "warning": decoded.warning,
            "front_matter": body.front_matter or None,
        }
        ctx.print_json(document)
        return 0
    version = pick.version
    source = " (commit date: the text states none)" if version.date_source == "commit" else ""
    ctx.print_raw(ctx.style(inert_line(notice.title), "1"))
    ctx.print(f"path:       {revision.path}")
    status = version.status(ctx.today)
    ctx.print(f"effective:  {version.effective_date.isoformat()}{source}  [{status}]")
    ctx.print(f"revision:   {revision.commit}  {revision.committed}  {revision.subject}")
    if revision.overridden_by:
        ctx.print(
            f"overridden: by {revision.overridden_by[:10]}, which states an earlier "
            "effective date: the repository no longer says this text was in force"
        )
    if revised:
        ctx.print(
            f"revised:    text revised after {revised}: the repository held an earlier "
            f"wording that day (--as-recorded shows it)"
        )
    if args.as_recorded:
        ctx.print(f"recorded:   the text the repository held on {args.at}, as it was then")
    if decoded.warning:
        ctx.print(f"warning:    {decoded.warning}")
    ctx.print("")
    ctx.print(text.rstrip("\r\n"))
    if categories:
        ctx.print("")
        ctx.print("Data categories:")
        for category in categories:
            ctx.print(f"  {category.name}  ({category.section})")
    return 0
