"""The notice list: notices grouped by folder (a service or product), retired ones last."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from notices_repo.model import Catalog, Notice
from tui.app import keys
from tui.app.widgets.present import folder_prompt, notice_prompt

RETIRED_LABEL = "retired (deleted before HEAD)"


def matches(notice: Notice, words: list[str]) -> bool:
    """Whether every word of a filter is in the notice's path or title (any case)."""
    haystack = f"{notice.path} {notice.title}".casefold()
    return all(word in haystack for word in words)


def grouped(notices: list[Notice]) -> list[tuple[str | None, list[Notice]]]:
    """Notices at HEAD by folder (sorted), then the retired ones (folder None)."""
    groups: dict[str, list[Notice]] = {}
    retired: list[Notice] = []
    for notice in notices:
        if notice.retired:
            retired.append(notice)
        else:
            groups.setdefault(notice.folder, []).append(notice)
    out: list[tuple[str | None, list[Notice]]] = [
        (folder, groups[folder]) for folder in sorted(groups, key=str.casefold)
    ]
    if retired:
        out.append((None, retired))
    return out


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
        self._by_key = {n.key: n for n in catalog.notices}
        words = filter_text.casefold().split()
        wanted = [n for n in catalog.notices if matches(n, words)] if words else catalog.notices
        options: list[Option | None] = []
        shown: list[Notice] = []
        for number, (folder, notices) in enumerate(grouped(wanted)):
            options.append(
                Option(
                    folder_prompt(RETIRED_LABEL if folder is None else folder, len(notices)),
                    id=f"group:{number}",
                    disabled=True,
                )
            )
            for notice in notices:
                prompt = notice_prompt(
                    notice,
                    today,
                    review_state=review_states.get(notice.key, "not-reviewed"),
                    as_of=as_of,
                )
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
