"""The notice list: notices grouped by folder (a service or product), retired ones last.

``l`` lists one row per document instead of one per file: the language variants of a
document (``de/privacy.md`` beside ``en/privacy.md``, see
:mod:`notices_repo.catalog.translations`) become one row, the source's, naming every
language and marking those behind the source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from notices_repo.catalog.early import is_early
from notices_repo.catalog.translations import (
    BEHIND,
    Document,
    Translations,
    Variant,
    configured_source_language,
    find_translations,
)
from notices_repo.errors import NoticeError
from notices_repo.model import Catalog, Notice
from tui.app import keys
from tui.app.widgets.present import (
    display_name,
    folder_prompt,
    lines_text,
    notice_prompt,
    safe,
)

RETIRED_LABEL = "retired (deleted before HEAD)"


def matches(notice: Notice, words: list[str]) -> bool:
    """Whether every word of a filter is in the notice's path or title (any case)."""
    haystack = f"{notice.path} {notice.title}".casefold()
    return all(word in haystack for word in words)


def grouped(
    notices: list[Notice], folder_of: Callable[[Notice], str] | None = None
) -> list[tuple[str | None, list[Notice]]]:
    """Notices at HEAD by folder (sorted; ``folder_of`` says which, default the notice's
    own), then the retired ones (folder None)."""
    groups: dict[str, list[Notice]] = {}
    retired: list[Notice] = []
    for notice in notices:
        if notice.retired:
            retired.append(notice)
        else:
            folder = folder_of(notice) if folder_of is not None else notice.folder
            groups.setdefault(folder, []).append(notice)
    out: list[tuple[str | None, list[Notice]]] = [
        (folder, groups[folder]) for folder in sorted(groups, key=str.casefold)
    ]
    if retired:
        out.append((None, retired))
    return out


def by_document(notices: list[Notice], translations: Translations) -> list[Notice]:
    """One notice per document: a document's source stands for all its languages
    (listed when any of them is); other notices as they are."""
    out: list[Notice] = []
    seen: set[str] = set()
    for notice in notices:
        document = translations.document(notice)
        if document is None:
            out.append(notice)
        elif document.name not in seen:
            seen.add(document.name)
            out.append(document.source.notice)
    return out


def languages_line(document: Document) -> Text:
    """``  en · de behind · fr``: a document's languages, source first."""
    line = Text("  ", no_wrap=True, overflow="ellipsis")
    for number, variant in enumerate(document.variants):
        if number:
            line.append(" · ", style="dim")
        line.append(variant.language, style="bold" if number == 0 else "")
        if variant.state == BEHIND:
            line.append(" behind", style="bold yellow")
    return line


class NoticeList(OptionList):
    """Notices by folder: two lines each (title; versions, latest date, review mark).

    ● marks a notice with a newer version than the one you reviewed, ◐ one edited
    since, ✓ one reviewed and unchanged. Press f to filter by path or title.
    """

    BINDINGS = keys.bindings(keys.LISTS) + keys.bindings(keys.NOTICES)

    class NoticeChosen(Message):
        """The highlighted notice changed (``notice`` None when the list is empty)."""

        def __init__(self, notice: Notice | None) -> None:
            super().__init__()
            self.notice = notice

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.catalog: Catalog | None = None
        self._by_key: dict[str, Notice] = {}
        self._shown: list[Notice] = []
        self._chosen: str | None = None
        self.by_document: bool = False
        """One row per document (its languages together) instead of one per file."""
        self.translations: Translations | None = None
        """The catalog's multilingual documents as on the day listed."""
        self._translations_for: tuple[Catalog, dt.date] | None = None
        self._last_fill: dict[str, Any] = {}

    def translations_of(self, catalog: Catalog, day: dt.date) -> Translations:
        """The catalog's translations as on ``day`` (computed once per catalog and day;
        the source language set in the repository is read once per catalog)."""
        cached = self._translations_for
        if (
            self.translations is None
            or cached is None
            or cached[0] is not catalog
            or cached[1] != day
        ):
            configured = None
            repository = getattr(self.app, "repository", None)
            if repository is not None and not catalog.is_sample:
                try:
                    configured, _ = configured_source_language(repository)
                except NoticeError:
                    configured = None  # the catalog's own warnings say what is wrong
            self.translations = find_translations(catalog, day, source_language=configured)
            self._translations_for = (catalog, day)
        return self.translations

    def language_of(self, notice: Notice) -> Variant | None:
        """The notice as one language of a document, as listed (None: unknown)."""
        return self.translations.variant(notice) if self.translations is not None else None

    def subtitle(self, total: int) -> str:
        """The pane's subtitle: how many rows of how many notices."""
        shown = len(self._shown)
        if self.by_document:
            return f"{shown} documents"
        return f"{shown}" if shown == total else f"{shown} of {total}"

    def action_toggle_documents(self) -> None:
        """List one row per document (its languages together), or one per file again."""
        current = self.notice
        self.by_document = not self.by_document
        if self.catalog is None or not self._last_fill:
            return
        keep = current.key if current is not None else None
        if current is not None and self.by_document and self.translations is not None:
            document = self.translations.document(current)
            keep = document.source.notice.key if document is not None else keep
        self.fill(self.catalog, **{**self._last_fill, "keep": keep})
        self.border_subtitle = self.subtitle(len(self.catalog.notices))
        self.app.notify(
            "One row per document, with its languages."
            if self.by_document
            else "One row per file.",
            timeout=2,
        )

    @property
    def shown(self) -> list[Notice]:
        """Notices currently listed (after the filter), in list order."""
        return self._shown

    def fill(
        self,
        catalog: Catalog,
        today: dt.date,
        *,
        review_states: Mapping[str, str],
        as_of: dt.date | None = None,
        filter_text: str = "",
        keep: str | None = None,
        announce: bool = False,
    ) -> None:
        """List the catalog's notices; keep the notice ``keep`` highlighted if listed.

        ``announce``: say which notice is highlighted even if it is the same one (its
        data changed, e.g. after a reload).
        """
        if announce:
            self._chosen = None
        self.catalog = catalog
        self._last_fill = {
            "today": today,
            "review_states": review_states,
            "as_of": as_of,
            "filter_text": filter_text,
        }
        translations = self.translations_of(catalog, as_of or today)
        self._by_key = {n.key: n for n in catalog.notices}
        words = filter_text.casefold().split()
        wanted = [n for n in catalog.notices if matches(n, words)] if words else catalog.notices
        folder_of = None
        if self.by_document:
            wanted = by_document(wanted, translations)
            folder_of = partial(_document_folder, translations)
        options: list[Option | None] = []
        shown: list[Notice] = []
        for number, (folder, notices) in enumerate(grouped(wanted, folder_of)):
            options.append(
                Option(
                    folder_prompt(RETIRED_LABEL if folder is None else folder, len(notices)),
                    id=f"group:{number}",
                    disabled=True,
                )
            )
            for notice in notices:
                prompt = self._prompt(notice)
                _add_language(prompt, translations, notice, whole=self.by_document)
                options.append(Option(prompt, id=f"notice:{notice.key}"))
                shown.append(notice)
        self._shown = shown
        previous = keep or self._chosen
        with self.app.batch_update():
            self.clear_options()
            if options:
                self.add_options(options)
            elif words:
                self.add_option(
                    Option(Text("no notice matches the filter", style="dim italic"), disabled=True)
                )
            else:
                self.add_option(Option(Text("no notices", style="dim italic"), disabled=True))
        target = previous if previous in {n.key for n in shown} else None
        if target is None and shown:
            target = shown[0].key
        if target is not None:
            self.highlighted = self.get_option_index(f"notice:{target}")
        self._announce()

    def _prompt(self, notice: Notice) -> Text:
        """A notice's two lines as the last fill lists them (an early notice, whose
        history is not read yet, says so)."""
        fill = self._last_fill
        if is_early(notice):
            return early_prompt(notice)
        review = fill["review_states"].get(notice.key, "not-reviewed")
        return notice_prompt(notice, fill["today"], review_state=review, as_of=fill["as_of"])

    def update_notice(self, notice: Notice) -> None:
        """``notice``, read again (an early notice's history), replaces the one listed
        with its key; its row shows it."""
        if notice.key not in self._by_key:
            return
        self._by_key[notice.key] = notice
        self._shown = [notice if n.key == notice.key else n for n in self._shown]
        try:
            self.replace_option_prompt(f"notice:{notice.key}", self._prompt(notice))
        except Exception:  # not listed (filtered out, or one row per document)
            return

    def select_key(self, key: str) -> bool:
        """Highlight the notice ``key``; False when it is not listed (filtered out)."""
        try:
            self.highlighted = self.get_option_index(f"notice:{key}")
        except Exception:
            return False
        return True

    @property
    def notice(self) -> Notice | None:
        """The highlighted notice."""
        if self.highlighted is None:
            return None
        option = self.get_option_at_index(self.highlighted)
        if option.id is None or not option.id.startswith("notice:"):
            return None
        return self._by_key.get(option.id.removeprefix("notice:"))

    def _announce(self) -> None:
        notice = self.notice
        key = notice.key if notice is not None else None
        if key != self._chosen:
            self._chosen = key
            self.post_message(self.NoticeChosen(notice))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._announce()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._announce()
        self.screen.focus_next()


def early_prompt(notice: Notice) -> Text:
    """Two lines for a notice listed before the history is read: its name, and that its
    history is on its way."""
    first = Text(f"  {safe(display_name(notice))}", no_wrap=True, overflow="ellipsis")
    second = Text("  history …", no_wrap=True, overflow="ellipsis", style="dim")
    return lines_text([first, second])


def _document_folder(translations: Translations, notice: Notice) -> str:
    """The folder a row is listed under: a document's, without its language folder
    (``shop/*/privacy.md``: ``shop``; ``*/privacy.md``: the top folder)."""
    document = translations.document(notice)
    if document is None:
        return notice.folder
    folder = document.name.rpartition("/")[0]
    return "/".join(part for part in folder.split("/") if part != "*")


def _add_language(prompt: Text, translations: Translations, notice: Notice, *, whole: bool) -> None:
    """Add a notice's language to its row: every language of its document on a line of
    their own (``whole``), else its own after the second line (``· de behind``)."""
    document = translations.document(notice)
    variant = translations.variant(notice)
    if document is None or variant is None:
        return
    if whole:
        prompt.append("\n")
        prompt.append_text(languages_line(document))
        return
    prompt.append(f" · {variant.language}", style="dim")
    if variant.state == BEHIND:
        prompt.append(" behind", style="bold yellow")
