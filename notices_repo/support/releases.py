"""The release calendar model, and merging several calendars into one.

A :class:`Calendar` is one source of release facts (the built-in CSV, a repository's
``releases.toml``, a ``--calendar`` file); :func:`merge_calendars` makes one
:class:`MergedCalendar` of them, one :class:`CalendarEntry` per minor release, by the
rules in :mod:`notices_repo.support.policy`. Pure functions and dataclasses, no I/O.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from notices_repo.support.policy import (
    BUILTIN_SOURCE,
    POLICY_SOURCE,
    ROCKETCHAT_POLICY,
    RULE,
    SERVER_LABEL,
    SERVER_SOURCE,
    STATED,
    Policy,
    is_version,
    minor_of,
    version_key,
)

__all__ = ["Calendar", "CalendarEntry", "Claim", "MergedCalendar", "Release", "merge_calendars"]


@dataclass(frozen=True, slots=True)
class Release:
    """One release as one calendar states it. ``version`` is the minor (``"8.6"``).

    ``basis`` is "rule" when the calendar's makers computed ``support_ends`` by the
    policy rather than finding it stated (a stated date wins over it in merging).
    """

    version: str
    released: datetime.date
    support_ends: datetime.date | None = None
    lts: bool = False
    note: str = ""
    source: str = BUILTIN_SOURCE
    basis: str = STATED

    @property
    def key(self) -> tuple[int, int]:
        """Numeric sort key."""
        return version_key(self.version)


@dataclass(frozen=True, slots=True)
class Calendar:
    """One source of release facts: the built-in CSV, a ``releases.toml``, a ``--calendar``.

    ``product_explicit`` is true when the file named its product in ``[policy]``.
    """

    source: str
    policy: Policy = ROCKETCHAT_POLICY
    releases: tuple[Release, ...] = ()
    product_explicit: bool = False

    @property
    def product(self) -> str:
        """The product the calendar is about."""
        return self.policy.product


@dataclass(frozen=True, slots=True)
class Claim:
    """One source's end of support for one release.

    ``explicit`` is false when the date was computed by that source's policy; ``basis``
    is "rule" then, and also for a date the source's makers computed by the rule.
    """

    source: str
    support_ends: datetime.date
    explicit: bool = True
    basis: str = STATED


@dataclass(frozen=True, slots=True)
class CalendarEntry:
    """One release after merging every source.

    ``source`` is the source that set ``support_ends``: a calendar's name, ``"policy"``
    when computed (``policy_of`` then names whose policy), or ``"server"``.
    ``claims`` lists what every source said, for display and debugging.
    """

    version: str
    released: datetime.date
    support_ends: datetime.date
    source: str
    lts: bool = False
    note: str = ""
    claims: tuple[Claim, ...] = ()
    policy_of: str | None = None
    basis: str = STATED

    @property
    def key(self) -> tuple[int, int]:
        """Numeric sort key."""
        return version_key(self.version)

    @property
    def source_detail(self) -> str:
        """Human words for the source: ``"policy of releases.toml (6 months, ...)"``."""
        if self.source == POLICY_SOURCE and self.policy_of:
            return f"policy of {self.policy_of}"
        if self.source == SERVER_SOURCE:
            return f"server ({SERVER_LABEL})"
        return self.source

    def claim_of(self, source: str) -> Claim | None:
        """What ``source`` said about this release, if anything."""
        for claim in self.claims:
            if claim.source == source:
                return claim
        return None


@dataclass(frozen=True, slots=True)
class MergedCalendar:
    """Every source merged: one entry per minor release, oldest first."""

    product: str
    entries: tuple[CalendarEntry, ...]
    sources: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    _index: dict[str, CalendarEntry] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._index.update({entry.version: entry for entry in self.entries})

    def get(self, version: str) -> CalendarEntry | None:
        """The entry for ``version`` (any form ``parse_version`` takes), or None."""
        try:
            minor = minor_of(version)
        except ValueError:
            return None
        return self._index.get(minor)

    @property
    def newest(self) -> CalendarEntry | None:
        """The newest release the calendar knows."""
        return self.entries[-1] if self.entries else None

    @property
    def oldest(self) -> CalendarEntry | None:
        """The oldest release the calendar knows."""
        return self.entries[0] if self.entries else None

    @property
    def newest_standard(self) -> CalendarEntry | None:
        """The newest release that is not LTS (its end bounds any newer release's)."""
        return next((e for e in reversed(self.entries) if not e.lts), None)


def _same_product(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def _same_product_calendars(
    calendars: Sequence[Calendar],
) -> tuple[str, list[Calendar], list[str]]:
    """The product (the one named last explicitly, else the first calendar's), the
    calendars about it, and a warning for each calendar left out."""
    product = calendars[0].product
    for cal in calendars:
        if cal.product_explicit:
            product = cal.product
    warnings: list[str] = []
    used: list[Calendar] = []
    for cal in calendars:
        if _same_product(cal.product, product):
            used.append(cal)
        else:
            warnings.append(
                f"{cal.source} is about {cal.product}, not {product}: left out of the calendar"
            )
    return product, used, warnings


def _merged_entry(
    version: str,
    stated: list[tuple[Calendar, Release]],
    server_end: datetime.date | None,
) -> CalendarEntry:
    """One release's entry from what each calendar says (in order of precedence) and
    the server's claim: the earliest stated end, else the earliest computed one; the
    server's only ever makes it earlier."""
    claims: list[Claim] = []
    explicit: list[tuple[datetime.date, int, Calendar, Release]] = []
    computed: list[tuple[datetime.date, int, Calendar, Release]] = []
    for order, (cal, release) in enumerate(stated):
        if release.support_ends is not None and release.basis != RULE:
            explicit.append((release.support_ends, order, cal, release))
            claims.append(Claim(cal.source, release.support_ends, True))
        elif release.support_ends is not None:  # the makers' own rule arithmetic
            computed.append((release.support_ends, order, cal, release))
            claims.append(Claim(cal.source, release.support_ends, True, RULE))
        else:
            end = cal.policy.support_ends(release.released, release.lts)
            computed.append((end, order, cal, release))
            claims.append(Claim(cal.source, end, False, RULE))
    pool = explicit or computed
    end, _, winner_cal, winner = min(pool, key=lambda item: (item[0], item[1]))
    basis = STATED if explicit else RULE
    if explicit or winner.support_ends is not None:
        source, policy_of = winner_cal.source, None
    else:
        source = POLICY_SOURCE
        policy_of = f"{winner_cal.source} ({winner_cal.policy.describe()})"
    if server_end is not None:
        claims.append(Claim(SERVER_SOURCE, server_end, True))
        if server_end < end:
            end, source, policy_of, basis = server_end, SERVER_SOURCE, None, STATED
    note = winner.note or next((r.note for _, r in stated if r.note), "")
    return CalendarEntry(
        version=version,
        released=min(r.released for _, r in stated),
        support_ends=end,
        source=source,
        lts=any(r.lts for _, r in stated),
        note=note,
        claims=tuple(claims),
        policy_of=policy_of,
        basis=basis,
    )


def merge_calendars(
    calendars: Sequence[Calendar],
    server_claims: Mapping[str, datetime.date] | None = None,
) -> MergedCalendar:
    """Merge sources into one calendar; the earliest end of support wins.

    ``calendars`` come in order of precedence for ties and for the product: the
    built-in first, then the repository's ``releases.toml``, then ``--calendar``. The
    product is the one named last explicitly (``[policy] product``); a calendar about
    another product is left out with a warning.

    For each release: the earliest stated end date of any source wins (ties go to the
    earlier source); when no source states one, the earliest date computed by the rule:
    a row's own date marked ``basis = "rule"`` (source: that calendar) or the sources'
    policies (source ``"policy"``). ``server_claims`` (minor -> last day, from
    the server's unverified token) only ever make an end earlier (source ``"server"``);
    they never add releases.
    """
    if not calendars:
        return MergedCalendar(product=ROCKETCHAT_POLICY.product, entries=())
    product, used, warnings = _same_product_calendars(calendars)
    by_version: dict[str, list[tuple[Calendar, Release]]] = {}
    for cal in used:
        for release in cal.releases:
            by_version.setdefault(release.version, []).append((cal, release))

    server_claims = {minor_of(k): v for k, v in (server_claims or {}).items() if is_version(k)}
    entries = [
        _merged_entry(version, stated, server_claims.get(version))
        for version, stated in by_version.items()
    ]
    entries.sort(key=lambda e: e.key)
    return MergedCalendar(
        product=product,
        entries=tuple(entries),
        sources=tuple(cal.source for cal in used),
        warnings=tuple(warnings),
    )
