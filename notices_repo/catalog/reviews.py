"""The review record: who marked which version of which notice as reviewed, and when.

"What changed since I last looked" needs to remember what was looked at. The record is
one JSON file in the user's *state* folder (``paths.state_dir() / "reviews.json"``),
never in the notices repository (which notice-tui only reads). Every mark is kept, in
the order made, so the file is also an audit trail (``notice-tui reviews``); the newest
mark of a notice in a repository is its current review.

Writes are atomic (a temporary file in the same folder, flushed, then ``os.replace``) and
serialised between processes with an advisory lock, so two sessions marking at once lose
nothing. A file that cannot be read is an error with the fix, never silently replaced:
it is an audit record.

No Textual here; the app and the ``reviews`` command both use this module.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from notices_repo.catalog.timeline import effective_versions
from notices_repo.errors import NoticeError
from notices_repo.model import EffectiveVersion, Notice, Revision
from notices_repo.settings.paths import state_dir

FILE_NAME = "reviews.json"
FORMAT = 1
SAMPLE_REPOSITORY = "built-in sample"

#: Review states of a notice relative to its current review.
NOT_REVIEWED = "not-reviewed"
REVIEWED = "reviewed"
NEW_VERSION = "new-version"
EDITED = "edited"
GONE = "gone"


class ReviewError(NoticeError):
    """The review record cannot be read or written; ``message`` names the file and fix."""


@dataclass(frozen=True, slots=True)
class Review:
    """One mark: a person reviewed one effective version of one notice."""

    repository: str
    """The repository's folder (resolved), or ``built-in sample``."""
    notice: str
    """The notice's key (its path at HEAD, or ``path@commit`` when retired)."""
    path: str
    """The path of the reviewed revision."""
    commit: str
    """The reviewed revision: the newest commit of the version when it was marked."""
    effective_date: dt.date
    """Effective date of the reviewed version."""
    who: str
    """Login name of the reviewer."""
    when: str
    """When it was marked: ISO 8601 with the UTC offset, to the second."""

    def to_json(self) -> dict[str, Any]:
        """The mark as stored and as ``reviews --json`` prints it."""
        return {
            "repository": self.repository,
            "notice": self.notice,
            "path": self.path,
            "commit": self.commit,
            "effective_date": self.effective_date.isoformat(),
            "who": self.who,
            "when": self.when,
        }

    @classmethod
    def from_json(cls, data: Any) -> Review:
        """A mark from its stored form (ValueError when it is not one)."""
        if not isinstance(data, dict):
            raise ValueError("a review must be an object")
        values: dict[str, str] = {}
        for name in ("repository", "notice", "path", "commit", "effective_date", "who", "when"):
            value = data.get(name)
            if not isinstance(value, str):
                raise ValueError(f"'{name}' must be a string")
            values[name] = value
        return cls(
            repository=values["repository"],
            notice=values["notice"],
            path=values["path"],
            commit=values["commit"],
            effective_date=dt.date.fromisoformat(values["effective_date"]),
            who=values["who"],
            when=values["when"],
        )


def review_file() -> Path:
    """Where the record lives: ``reviews.json`` in the user's state folder."""
    return state_dir() / FILE_NAME


def repository_id(path: Path | str | None, *, is_sample: bool = False) -> str:
    """How the record names a repository: its resolved folder, or the built-in sample."""
    if is_sample or path is None:
        return SAMPLE_REPOSITORY
    try:
        return str(Path(path).expanduser().resolve())
    except OSError:
        return str(Path(path).expanduser().absolute())


def login_name() -> str:
    """The reviewer: the login name, or ``uid N`` when the system knows no name."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError, ImportError):
        name = ""
    if name:
        return name
    return f"uid {os.getuid()}" if hasattr(os, "getuid") else "unknown"


def now_text(now: dt.datetime | None = None) -> str:
    """An ISO 8601 timestamp with the local UTC offset, to the second."""
    moment = now or dt.datetime.now().astimezone()
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.replace(microsecond=0).isoformat()


def _parse(raw: bytes, path: Path) -> list[Review]:
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReviewError(
            f"the review record {path} is not valid JSON ({exc}); fix it or move it away "
            "(marks start again from an empty record)"
        ) from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("reviews"), list):
        raise ReviewError(f'the review record {path} has no "reviews" list; fix it or move it away')
    if doc.get("format", FORMAT) != FORMAT:
        raise ReviewError(
            f"the review record {path} has format {doc.get('format')!r}, this notice-tui "
            f"reads format {FORMAT}; use the notice-tui that wrote it, or move the file away"
        )
    reviews: list[Review] = []
    for index, item in enumerate(doc["reviews"]):
        try:
            reviews.append(Review.from_json(item))
        except ValueError as exc:
            raise ReviewError(
                f"the review record {path}: entry {index + 1} is damaged ({exc}); fix it or "
                "move the file away"
            ) from exc
    return reviews


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An advisory lock next to the record, held while reading-modifying-writing it."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX
        yield
        return
    lock_path = path.with_name(path.name + ".lock")
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _write_atomic(path: Path, reviews: list[Review]) -> None:
    document = {"format": FORMAT, "reviews": [r.to_json() for r in reviews]}
    data = (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


class ReviewRecord:
    """The review record of this user, read from and written to one file."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or review_file()
        self.reviews: list[Review] = []

    @classmethod
    def load(cls, path: Path | None = None) -> ReviewRecord:
        """Read the record; a missing file is an empty record. ReviewError on trouble."""
        record = cls(path)
        record.reviews = record._read()
        return record

    def _read(self) -> list[Review]:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise ReviewError(f"cannot read the review record {self.path}: {exc.strerror}") from exc
        return _parse(raw, self.path)

    def current(self, repository: str) -> dict[str, Review]:
        """The newest review of each notice of ``repository``, by notice key."""
        latest: dict[str, Review] = {}
        for review in self.reviews:
            if review.repository == repository:
                latest[review.notice] = review
        return latest

    def latest(self, repository: str, notice: str) -> Review | None:
        """The newest review of one notice (None when never reviewed)."""
        return self.current(repository).get(notice)

    def add(self, review: Review) -> Review:
        """Append a mark and save the record atomically (re-reading it under a lock)."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            with _locked(self.path):
                reviews = self._read()
                reviews.append(review)
                _write_atomic(self.path, reviews)
        except OSError as exc:
            raise ReviewError(
                f"cannot write the review record {self.path}: {exc.strerror}; make the state "
                "folder writable or set NOTICE_TUI_STATE_DIR"
            ) from exc
        self.reviews = reviews
        return review

    def mark(
        self,
        repository: str,
        notice: Notice,
        version: EffectiveVersion,
        *,
        who: str | None = None,
        when: dt.datetime | None = None,
    ) -> Review:
        """Record that ``who`` (default: the login name) reviewed ``version`` now."""
        revision = version.revision
        return self.add(
            Review(
                repository=repository,
                notice=notice.key,
                path=revision.path,
                commit=revision.commit,
                effective_date=version.effective_date,
                who=who or login_name(),
                when=now_text(when),
            )
        )


def review_state(notice: Notice, review: Review | None) -> str:
    """Where ``notice`` stands against its review.

    * ``not-reviewed``: never marked;
    * ``new-version``: a version with a later effective date exists (announced ones too);
    * ``edited``: the reviewed version has revisions newer than the reviewed one (a silent
      edit or a layout change since);
    * ``gone``: the reviewed commit is no longer in the notice's history (rewritten);
    * ``reviewed``: nothing changed since.
    """
    if review is None:
        return NOT_REVIEWED
    versions = effective_versions(notice)
    if any(v.effective_date > review.effective_date for v in versions):
        return NEW_VERSION
    for version in versions:
        commits = [r.commit for r in version.revisions]
        if review.commit in commits:
            return EDITED if commits[0] != review.commit else REVIEWED
    return GONE


def reviewed_revision(notice: Notice, review: Review) -> Revision | None:
    """The notice's revision the review points at, or None when history lost it."""
    for revision in notice.revisions:
        if revision.commit == review.commit:
            return revision
    return None


__all__ = [
    "EDITED",
    "GONE",
    "NEW_VERSION",
    "NOT_REVIEWED",
    "REVIEWED",
    "SAMPLE_REPOSITORY",
    "Review",
    "ReviewError",
    "ReviewRecord",
    "login_name",
    "repository_id",
    "review_file",
    "review_state",
    "reviewed_revision",
]
