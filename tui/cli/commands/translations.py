"""``notice-tui translations``: documents kept in several languages, and which lag."""

from __future__ import annotations

import argparse
from typing import Any

from notices_repo.catalog.resolve import find_notice
from notices_repo.catalog.translations import (
    BEHIND,
    Document,
    Translations,
    Variant,
    find_translations,
    language_tag,
    repository_translations,
)
from notices_repo.model import Catalog
from notices_repo.text.inert import inert_line
from tui.cli.context import Context, UsageError


def collect(args: argparse.Namespace, ctx: Context) -> tuple[Catalog, Translations, list[Document]]:
    """The catalog, its translations and the documents to show."""
    configured: str | None = None
    if args.source_language is not None:
        configured = language_tag(args.source_language)
        if configured is None:
            raise UsageError(
                f"--source-language: {args.source_language!r} is not a language tag; "
                "use one such as en, de-DE or pt_BR"
            )
    catalog = ctx.load_catalog()
    for warning in catalog.warnings:
        ctx.warn(warning)
    if configured is None:  # the source language the repository sets
        found = repository_translations(ctx.open_repository(), catalog, ctx.today)
        for warning in found.warnings:
            ctx.warn(warning)
    else:
        found = find_translations(catalog, ctx.today, source_language=configured)
    documents = found.documents
    if args.notice:
        chosen = find_notice(catalog, args.notice)
        document = found.document(chosen)
        if document is None:
            raise UsageError(
                f"{chosen.path} has no language variants (its language is read from its "
                "path: de/privacy.md, privacy/de.md or privacy.de.md)"
            )
        documents = [document]
    return catalog, found, documents


def _state(variant: Variant) -> str:
    if variant.state == BEHIND and variant.behind is not None:
        source = variant.source.in_force if variant.source else None
        since = f" (source {source.effective_date.isoformat()})" if source else ""
        return variant.behind.describe() + since
    return variant.state


def print_documents(documents: list[Document], ctx: Context) -> None:
    """The text form: one block per document, one line per language."""
    for document in documents:
        ctx.print_raw(
            ctx.style(inert_line(f"{document.name} - {document.source.notice.title}"), "1")
        )
        width = max(len(v.language) for v in document.variants)
        paths = max(len(v.notice.path) for v in document.variants)
        for variant in document.variants:
            date = variant.in_force.effective_date.isoformat() if variant.in_force else "-" * 10
            line = (
                f"  {variant.language:<{width}}  {variant.notice.path:<{paths}}  "
                f"{date}  {_state(variant)}"
            )
            styled = inert_line(line)
            ctx.print_raw(ctx.style(styled, "33") if variant.state == BEHIND else styled)
        ctx.print()


def run(args: argparse.Namespace, ctx: Context) -> int:
    """List the documents; exit 1 when a translation is behind."""
    catalog, found, documents = collect(args, ctx)
    behind = [v for d in documents for v in d.behind]
    if ctx.json:
        document: dict[str, Any] = {
            "repository": catalog.repository,
            "head": catalog.head,
            "today": ctx.today.isoformat(),
            "source_language": found.source_language,
            "documents": [d.to_json() for d in documents],
            "behind": len(behind),
            "warnings": found.warnings,
        }
        ctx.print_json(document)
        return 1 if behind else 0
    if not documents:
        ctx.print(
            "no document in several languages (languages are read from paths such as "
            "de/privacy.md, privacy/de.md or privacy.de.md, beside the source language's)"
        )
        return 0
    print_documents(documents, ctx)
    languages = {v.language for d in documents for v in d.variants}
    ctx.print(
        f"{_count(len(documents), 'document')} in {_count(len(languages), 'language')}; "
        f"{_count(len(behind), 'translation')} behind"
    )
    return 1 if behind else 0


def _count(number: int, word: str) -> str:
    return f"{number} {word}" + ("" if number == 1 else "s")
