"""Open the repository the user chose: ``--repo``, ``NOTICE_TUI_REPO``, the config, the sample.

Light to import (the app's first paint imports it): the repository code is imported only
when a repository is opened.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from notices_repo.settings.config import AppConfig, choose_repository

if TYPE_CHECKING:
    from notices_repo.catalog.repository import NoticeRepository

#: ``progress(stage, done, total)``, as :meth:`NoticeRepository.load` reports it.
Progress = Callable[[str, int, int], None]

#: The progress stage while the built-in sample is built (first run) or checked.
SAMPLE_STAGE = "preparing the built-in sample"


@dataclass(frozen=True, slots=True)
class RepositoryChoice:
    """The repository to use and where that choice came from."""

    path: Path | None
    """The chosen folder; None for the built-in sample."""
    origin: str
    """Where the choice came from: ``--repo``, ``NOTICE_TUI_REPO``, ``config (...)`` or
    ``built-in sample``."""

    @property
    def is_sample(self) -> bool:
        """The built-in sample is used (nothing was chosen)."""
        return self.path is None

    @property
    def where(self) -> str:
        """The repository as the user should see it."""
        return str(self.path) if self.path is not None else "the built-in sample"


def choose(repo_option: str | None, config: AppConfig) -> RepositoryChoice:
    """The repository the user chose, in the one order every entry point follows:
    ``--repo`` (``repo_option``), ``NOTICE_TUI_REPO``, the config file, the sample."""
    path, origin = choose_repository(repo_option, config)
    return RepositoryChoice(path, origin)


def open_repository(
    choice: RepositoryChoice | Path | None, *, progress: Progress | None = None
) -> NoticeRepository:
    """Open the chosen repository (``None`` or a choice without a path: the built-in
    sample, built on first use, ``progress`` told so).

    Raises :class:`~notices_repo.errors.RepoError` with one line naming the problem and
    the fix (missing folder, a file, not a git repository...).
    """
    from notices_repo.catalog.repository import NoticeRepository

    path = choice.path if isinstance(choice, RepositoryChoice) else choice
    if path is not None:
        return NoticeRepository(path)
    from notices_repo.sample.build import ensure_sample

    if progress is not None:
        progress(SAMPLE_STAGE, 0, 0)
    return NoticeRepository(ensure_sample(), is_sample=True)


__all__ = ["SAMPLE_STAGE", "Progress", "RepositoryChoice", "choose", "open_repository"]
