"""``notice-tui show``: a notice's text as in force on a date, with sections and categories."""

from __future__ import annotations

import argparse
from typing import Any

from notices_repo.catalog.timeline import status_of
from notices_repo.text.inert import inert_line
from notices_repo.text.sections import section_text
from notices_repo.usecases.show import ShowRequest, read_notice
from tui.cli.context import Context


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Print the notice."""
    catalog = ctx.load_catalog()
    request = ShowRequest(args.notice, at=args.at, rev=args.rev, as_recorded=args.as_recorded)
    shown = read_notice(ctx.open_repository(), catalog, request, today=ctx.today, warn=ctx.warn)
    notice, pick, body = shown.notice, shown.pick, shown.body
    revision, text = pick.revision, body.text
    sections, categories = shown.sections, shown.categories
    revised = shown.revised_after.isoformat() if shown.revised_after else None
    if ctx.json:
        document: dict[str, Any] = {
            "path": revision.path,
            "commit": revision.commit,
            "effective_date": pick.version.effective_date.isoformat(),
            "date_source": pick.version.date_source,
            "date_precision": pick.version.date_precision,
            "status": status_of(pick.version, ctx.today),
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
            "warning": shown.warning,
            "front_matter": body.front_matter or None,
        }
        ctx.print_json(document)
        return 0
    version = pick.version
    source = " (commit date: the text states none)" if version.date_source == "commit" else ""
    ctx.print_raw(ctx.style(inert_line(notice.title), "1"))
    ctx.print(f"path:       {revision.path}")
    status = status_of(version, ctx.today)
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
    if shown.warning:
        ctx.print(f"warning:    {shown.warning}")
    ctx.print("")
    ctx.print(text.rstrip("\r\n"))
    if categories:
        ctx.print("")
        ctx.print("Data categories:")
        for category in categories:
            ctx.print(f"  {category.name}  ({category.section})")
    return 0
