"""What the app lends its screens, widgets and the palette, as a typing-only Protocol.

Screens never import :mod:`tui.app.app` (that would be an import cycle: the app opens
the screens). They read the app's state and ask for its services through
:class:`NoticeServices`, which :class:`tui.app.app.NoticeApp` has; the app tells them
what changed with messages (:mod:`tui.app.messages`), never by calling their methods.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol, cast

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode
    from textual.screen import Screen

    from notices_repo.catalog.early import EarlyReader
    from notices_repo.catalog.repository import NoticeRepository
    from notices_repo.catalog.reviews import Review
    from notices_repo.model import Catalog, EffectiveVersion, Notice, Revision
    from notices_repo.support.running import SupportCheck
    from tui.app.early import ScanPriority
    from tui.app.messages import LoadedText
    from tui.app.settings import Settings


class NoticeServices(Protocol):
    """The app's state and services, as screens, widgets and the palette see them."""

    settings: Settings
    """What the app was started with (repository, theme, keys, release, server)."""
    today: dt.date
    """The day "in force", "upcoming" and support are computed for."""
    repository: NoticeRepository | None
    """The open repository (None until it is read)."""
    catalog: Catalog | None
    """Every notice, revision and effective date (None until read)."""
    early_catalog: Catalog | None
    """The notices at HEAD listed before the history is read (None: not listed, or
    the full catalog is there)."""
    early_reader: EarlyReader | None
    """Reads one listed notice's history at a time (None: none started yet, or the full
    catalog is there)."""
    scan_priority: ScanPriority
    """Reads the history scan gives way to (a selected notice's own history)."""
    load_error: str | None
    """Why the repository could not be read (None: it could, or it is being read)."""
    progress: tuple[str, int, int]
    """The last progress of reading (stage, done, total)."""
    support: SupportCheck | None
    """The running release and its support state (None until checked)."""
    support_preview: SupportCheck | None
    """The support check made without the server, while the server is asked."""
    support_failure: str | None
    """Why the last support check failed (None: it did not)."""
    support_checking: bool
    """The support check is running."""
    keymap: dict[str, str]
    """The user's key remapping (action id -> keys)."""

    def current_reviews(self) -> dict[str, Review]:
        """The newest review of each notice of the open repository."""
        ...

    def mark_reviewed(self, notice: Notice, version: EffectiveVersion) -> Review | None:
        """Record a review of ``version`` (None, with a message, when it cannot be)."""
        ...

    def open_diff(
        self,
        notice: Notice,
        old_revision: Revision,
        new_revision: Revision,
        *,
        known: Sequence[LoadedText] = (),
    ) -> None:
        """Compare two revisions of ``notice`` (older first); ``known``: texts read already."""
        ...

    def show_notice(
        self,
        key: str,
        *,
        commit: str | None = None,
        section: str | int | None = None,
        line_text: str | None = None,
    ) -> bool:
        """Go back to the main screen showing notice ``key`` (False: no such notice)."""
        ...

    def show_as_of(self, day: dt.date | None, label: str | None = None) -> None:
        """Go back to the main screen showing every notice as of ``day``."""
        ...

    def screen_ready(self, screen: Screen[Any]) -> None:
        """``screen`` has its focus where typed keys belong: hand it the keys held for it."""
        ...

    def run_palette_action(
        self, action: str, scope: str, screen: Screen[Any] | None = None
    ) -> None:
        """Run an action chosen in the palette where it belongs (app, screen or pane)."""
        ...


if TYPE_CHECKING:

    class ServicesApp(App[int], NoticeServices):
        """For type checkers only: a Textual app that lends :class:`NoticeServices`
        (:class:`tui.app.app.NoticeApp` is the one)."""


def services(node: DOMNode) -> ServicesApp:
    """The app ``node`` runs in, with the services it lends (a cast: no check)."""
    return cast("ServicesApp", node.app)
