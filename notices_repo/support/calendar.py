"""Loading release calendars: the built-in CSV and ``releases.toml`` calendar files.

The TOML schema::

    [policy]
    product = "Rocket.Chat"      # optional, default Rocket.Chat
    months = 6                   # optional, default 6
    end = "end-of-month"         # or "same-day"; optional, default end-of-month
    lts_months = 12              # optional, default 12: months for LTS releases without an end date

    [[release]]
    version = "8.6"              # a quoted string (8.6 unquoted is a float: 7.10 == 7.1)
    released = 2026-07-03
    support_ends = 2027-01-31    # optional: the policy computes it when missing
    lts = false                  # optional
    note = "..."                 # optional

An invalid file raises ``CalendarError`` whose message is one line naming the file and
the line: ``site.toml, line 7: release "8.6": support_ends must be a date like 2027-01-31``.
"""

from __future__ import annotations

import csv
import datetime
import functools
import io
import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Protocol

from notices_repo.errors import NoticeError, RepoError
from notices_repo.support.policy import (
    BASES,
    BUILTIN_SOURCE,
    POLICY_ENDS,
    ROCKETCHAT_POLICY,
    STATED,
    Policy,
    parse_version,
)
from notices_repo.support.releases import Calendar, Release

__all__ = [
    "BUILTIN_AS_OF",
    "BUILTIN_CSV",
    "CALENDAR_FILE_NAME",
    "REPOSITORY_SOURCE",
    "CalendarError",
    "CalendarSources",
    "builtin_calendar",
    "load_calendar_file",
    "load_calendars",
    "parse_calendar",
    "repository_calendar",
]

BUILTIN_CSV = "rocketchat-releases.csv"
#: The day the built-in calendar was last brought up to date (its rows' research date).
BUILTIN_AS_OF = datetime.date(2026, 12, 6)
CALENDAR_FILE_NAME = "releases.toml"
REPOSITORY_SOURCE = "repository releases.toml"
REPOSITORY_LABEL = "releases.toml in the notices repository"
MAX_CALENDAR_BYTES = 1024 * 1024

POLICY_KEYS = ("product", "months", "end", "lts_months")
RELEASE_KEYS = ("version", "released", "support_ends", "lts", "note")


class CalendarError(NoticeError):
    """A calendar file cannot be read or is invalid; ``message`` names file and line."""

    exit_code = 3


class HeadReader(Protocol):
    """What ``repository_calendar`` needs from a notices repository."""

    def read_head_file(self, path: str) -> bytes | None:
        """The bytes of ``path`` at HEAD, or None when it is not there."""
        ...


# --------------------------------------------------------------------------- built-in


@functools.cache
def builtin_calendar() -> Calendar:
    """The built-in Rocket.Chat calendar (package data ``data/rocketchat-releases.csv``).

    Its CSV ``source`` column (where each date comes from) becomes each release's note.
    """
    data = resources.files("notices_repo.support").joinpath("data", BUILTIN_CSV).read_text("utf-8")
    return parse_csv(data, source=BUILTIN_SOURCE, label=f"built-in {BUILTIN_CSV}")


def parse_csv(text: str, *, source: str, label: str) -> Calendar:
    """Parse a CSV calendar: version, released, support_ends, lts, basis, source.

    ``basis`` (optional) is "stated" (the default: a date the vendor published) or "rule"
    (a date computed by the policy); ``source`` says where the row comes from.
    """
    reader = csv.DictReader(io.StringIO(text))
    releases: list[Release] = []
    seen: set[str] = set()
    for row in reader:
        line = reader.line_num
        try:
            version = parse_version(row.get("version") or "")
            released = _iso_date(row.get("released") or "", "released")
            ends_text = (row.get("support_ends") or "").strip()
            ends = _iso_date(ends_text, "support_ends") if ends_text else None
            basis = (row.get("basis") or STATED).strip().lower()
            if basis not in BASES:
                raise ValueError(f"basis must be stated or rule, not {basis!r}")
        except ValueError as exc:
            raise CalendarError(f"{label}, line {line}: {exc}") from None
        if version.minor in seen:
            raise CalendarError(f"{label}, line {line}: {version.minor} is listed twice")
        seen.add(version.minor)
        lts = (row.get("lts") or "").strip().lower() in ("yes", "true", "1", "lts")
        releases.append(
            Release(
                version=version.minor,
                released=released,
                support_ends=ends,
                lts=lts or version.lts,
                note=(row.get("source") or "").strip(),
                source=source,
                basis=basis,
            )
        )
    return Calendar(source=source, policy=ROCKETCHAT_POLICY, releases=tuple(releases))


def _iso_date(text: str, what: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{what} must be a date like 2026-07-03, not {text!r}") from None


# --------------------------------------------------------------------------- TOML


_HEADER_RE = re.compile(r"^\s*(\[\[|\[)\s*([^\[\]#]+?)\s*(\]\]|\])\s*(#.*)?$")
_KEY_RE = re.compile(r"^\s*(?:\"([^\"]*)\"|'([^']*)'|([A-Za-z0-9_-]+))\s*=")


class _Locator:
    """Finds the line (1-based) of a table or a key in TOML text, for error messages."""

    def __init__(self, text: str) -> None:
        self.policy: tuple[int, dict[str, int]] | None = None
        self.releases: list[tuple[int, dict[str, int]]] = []
        self.top: dict[str, int] = {}
        current: dict[str, int] = self.top
        for number, line in enumerate(text.splitlines(), start=1):
            header = _HEADER_RE.match(line)
            if header:
                name = header[2].strip().strip("\"'")
                current = {}
                if header[1] == "[[" and name == "release":
                    self.releases.append((number, current))
                elif header[1] == "[" and name == "policy":
                    self.policy = (number, current)
                else:
                    self.top.setdefault(name.split(".")[0], number)
                continue
            key = _KEY_RE.match(line)
            if key:
                name = key[1] or key[2] or key[3]
                current.setdefault(name, number)

    def release_line(self, index: int, key: str | None = None) -> int:
        if index < len(self.releases):
            header, keys = self.releases[index]
            return keys.get(key, header) if key else header
        return self.top.get("release", 1)

    def policy_line(self, key: str | None = None) -> int:
        if self.policy is not None:
            header, keys = self.policy
            return keys.get(key, header) if key else header
        return self.top.get("policy", 1)


def _decode(data: bytes | str, label: str) -> str:
    if isinstance(data, str):
        return data
    if len(data) > MAX_CALENDAR_BYTES:
        raise CalendarError(f"{label}: too large for a calendar ({len(data)} bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CalendarError(f"{label}, line {line}: not UTF-8 text") from None


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, datetime.datetime):
        return "a date and time"
    if isinstance(value, datetime.date):
        return "a date"
    if isinstance(value, int):
        return "a number"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def _toml_date(value: Any, what: str) -> datetime.date:
    if isinstance(value, datetime.datetime):
        raise ValueError(f"{what} must be a date like 2027-01-31, without a time")
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            pass
        raise ValueError(f"{what} must be a date like 2027-01-31, not {value!r}")
    raise ValueError(f"{what} must be a date like 2027-01-31, not {_type_name(value)}")


def parse_calendar(data: bytes | str, *, source: str, label: str | None = None) -> Calendar:
    """Parse a TOML calendar; ``source`` names it in results, ``label`` in errors.

    Raises ``CalendarError`` naming ``label`` (default ``source``) and the line.
    """
    label = label or source
    text = _decode(data, label)
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        where = re.search(r"\(at line (\d+), column (\d+)\)", message)
        if where:
            message = message[: where.start()].rstrip()
            raise CalendarError(
                f"{label}, line {where[1]}, column {where[2]}: invalid TOML: {message}"
            ) from None
        raise CalendarError(f"{label}: invalid TOML: {message}") from None
    locate = _Locator(text)

    def fail(line: int, message: str) -> CalendarError:
        return CalendarError(f"{label}, line {line}: {message}")

    for key in document:
        if key not in ("policy", "release"):
            raise fail(
                locate.top.get(key, 1),
                f"unknown table or key {key!r} (expected [policy] and [[release]])",
            )
    policy, product_explicit = _parse_policy(document.get("policy"), locate, fail)
    raw_releases = document.get("release", [])
    if not isinstance(raw_releases, list):
        raise fail(locate.top.get("release", 1), "release must be written as [[release]] tables")
    releases: list[Release] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(raw_releases):
        releases.append(_parse_release(index, raw, locate, fail, source, seen))
    return Calendar(
        source=source,
        policy=policy,
        releases=tuple(releases),
        product_explicit=product_explicit,
    )


def _parse_policy(
    raw: Any, locate: _Locator, fail: Callable[[int, str], CalendarError]
) -> tuple[Policy, bool]:
    if raw is None:
        return ROCKETCHAT_POLICY, False
    if not isinstance(raw, dict):
        raise fail(locate.policy_line(), "policy must be a [policy] table")
    for key in raw:
        if key not in POLICY_KEYS:
            raise fail(
                locate.policy_line(key),
                f"unknown key {key!r} in [policy] (expected {', '.join(POLICY_KEYS)})",
            )
    product = raw.get("product", ROCKETCHAT_POLICY.product)
    if not isinstance(product, str) or not product.strip():
        raise fail(locate.policy_line("product"), "policy product must be a non-empty text")
    months: dict[str, int | None] = {}
    for key, default in (
        ("months", ROCKETCHAT_POLICY.months),
        ("lts_months", ROCKETCHAT_POLICY.lts_months),
    ):
        value = raw.get(key, default)
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 240
        ):
            raise fail(
                locate.policy_line(key),
                f"policy {key} must be a whole number of months from 0 to 240, not {value!r}",
            )
        months[key] = value
    end = raw.get("end", ROCKETCHAT_POLICY.end)
    if end not in POLICY_ENDS:
        raise fail(
            locate.policy_line("end"),
            f'policy end must be "end-of-month" or "same-day", not {end!r}',
        )
    policy = Policy(
        product=product.strip(),
        months=months["months"] or 0,
        end=end,
        lts_months=months["lts_months"],
    )
    return policy, "product" in raw


def _parse_release(
    index: int,
    raw: Any,
    locate: _Locator,
    fail: Callable[[int, str], CalendarError],
    source: str,
    seen: dict[str, int],
) -> Release:
    ordinal = f"release {index + 1}"
    if not isinstance(raw, dict):
        raise fail(locate.release_line(index), f"{ordinal} must be a [[release]] table")
    for key in raw:
        if key not in RELEASE_KEYS:
            raise fail(
                locate.release_line(index, key),
                f"{ordinal}: unknown key {key!r} (expected {', '.join(RELEASE_KEYS)})",
            )
    if "version" not in raw:
        raise fail(locate.release_line(index), f'{ordinal}: version is missing (version = "8.6")')
    value = raw["version"]
    if not isinstance(value, str):
        raise fail(
            locate.release_line(index, "version"),
            f'{ordinal}: version must be quoted text like "8.6", not {_type_name(value)} '
            "(unquoted 7.10 would read as 7.1)",
        )
    try:
        version = parse_version(value)
    except ValueError as exc:
        raise fail(locate.release_line(index, "version"), f"{ordinal}: {exc}") from None
    ordinal = f'release "{version.minor}"'
    if version.minor in seen:
        raise fail(
            locate.release_line(index, "version"),
            f"{ordinal} is listed twice (first on line {seen[version.minor]})",
        )
    seen[version.minor] = locate.release_line(index, "version")
    if "released" not in raw:
        raise fail(
            locate.release_line(index), f"{ordinal}: released is missing (released = 2026-07-03)"
        )
    try:
        released = _toml_date(raw["released"], "released")
    except ValueError as exc:
        raise fail(locate.release_line(index, "released"), f"{ordinal}: {exc}") from None
    ends = None
    if "support_ends" in raw:
        try:
            ends = _toml_date(raw["support_ends"], "support_ends")
        except ValueError as exc:
            raise fail(locate.release_line(index, "support_ends"), f"{ordinal}: {exc}") from None
        if ends < released:
            raise fail(
                locate.release_line(index, "support_ends"),
                f"{ordinal}: support_ends {ends.isoformat()} is before released "
                f"{released.isoformat()}",
            )
    lts = raw.get("lts", False)
    if not isinstance(lts, bool):
        raise fail(
            locate.release_line(index, "lts"),
            f"{ordinal}: lts must be true or false, not {_type_name(lts)}",
        )
    note = raw.get("note", "")
    if not isinstance(note, str):
        raise fail(
            locate.release_line(index, "note"),
            f"{ordinal}: note must be quoted text, not {_type_name(note)}",
        )
    return Release(
        version=version.minor,
        released=released,
        support_ends=ends,
        lts=lts or version.lts,
        note=note.strip(),
        source=source,
    )


# --------------------------------------------------------------------------- files


def load_calendar_file(path: str | os.PathLike[str]) -> Calendar:
    """Load a ``--calendar FILE``; its source name is the path as given."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as handle:
            data = handle.read(MAX_CALENDAR_BYTES + 1)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise CalendarError(f"cannot read calendar {name}: {reason}") from None
    return parse_calendar(data, source=name, label=name)


def repository_calendar(repository: HeadReader) -> Calendar | None:
    """The notices repository's own ``releases.toml`` at HEAD, or None when it has none."""
    data = repository.read_head_file(CALENDAR_FILE_NAME)
    if data is None:
        return None
    return parse_calendar(data, source=REPOSITORY_SOURCE, label=REPOSITORY_LABEL)


@dataclass
class CalendarSources:
    """The calendars to merge, in precedence order, and notes about what was skipped."""

    calendars: list[Calendar] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def load_calendars(
    *,
    open_repository: Callable[[], HeadReader] | None = None,
    calendar_file: str | os.PathLike[str] | None = None,
) -> CalendarSources:
    """The built-in calendar, the repository's ``releases.toml``, then ``calendar_file``.

    A repository that cannot be opened (``RepoError``) is skipped with a note. An invalid
    or unreadable calendar file raises ``CalendarError``: ignoring a stricter file would
    make the answer quietly laxer.
    """
    found = CalendarSources(calendars=[builtin_calendar()])
    if open_repository is not None:
        data: bytes | None = None
        try:
            repository = open_repository()
        except RepoError as exc:
            found.notes.append(f"repository calendar skipped: {exc.message}")
        else:
            try:
                data = repository.read_head_file(CALENDAR_FILE_NAME)
            except RepoError as exc:
                # the repository is there but its calendar cannot be read: it might be
                # stricter, so this is trouble, not something to skip
                raise CalendarError(f"cannot read {REPOSITORY_LABEL}: {exc.message}") from None
        if data is not None:
            found.calendars.append(
                parse_calendar(data, source=REPOSITORY_SOURCE, label=REPOSITORY_LABEL)
            )
    if calendar_file is not None:
        found.calendars.append(load_calendar_file(calendar_file))
    return found
