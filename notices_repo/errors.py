"""Errors the domain raises, each with a one-line message that names the problem and the fix."""

from __future__ import annotations


class NoticeError(Exception):
    """Base class: ``message`` is one line, safe to print to a user as it is."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class RepoError(NoticeError):
    """The repository cannot be opened or read (missing, not git, dubious ownership...)."""


class NoticeNotFound(NoticeError):
    """A NOTICE argument matched no notice; ``candidates`` lists close ones."""

    def __init__(self, message: str, candidates: list[str] | None = None) -> None:
        super().__init__(message)
        self.candidates = candidates or []


class AmbiguousNotice(NoticeNotFound):
    """A NOTICE argument matched more than one notice; ``candidates`` lists them."""


class RevisionNotFound(NoticeError):
    """A revision spec (date, commit prefix, previous/latest/upcoming) matched nothing."""


class Cancelled(Exception):
    """Raised inside long domain operations when the caller's cancel event is set."""


def no_commits(repository: str) -> str:
    """The one line for a repository with no commits: what is wrong and the fix."""
    return (
        f"{repository} has no commits yet; commit a notice there or "
        "import a bundle with notice-tui import"
    )
