"""Language variants of one document, and whether a translation is behind its source.

The language of a notice comes from its path only (never guessed from its text), in one
of three layouts, tried in this order:

* a suffix before the extension: ``privacy.de.md``;
* the file name itself, in a folder named for the document: ``privacy/de.md``;
* a folder, the nearest to the file first: ``de/privacy.md``, ``shop/de_DE/terms.md``.

A language segment is an ISO 639-1 code (two letters), optionally with a script
(``zh-Hant``) and a region (``de-DE``, ``pt_BR``, ``es-419``), joined by ``-`` or ``_``
(POSIX locales), any case; it is reported as a BCP 47 tag (``de_de`` -> ``de-DE``).

Two-letter folder and file names are common in other senses (``it/`` and ``hr/`` for
departments, ``id.md`` for an identity document, ``es.md`` for a product), so a segment
counts as a language only when the path is *one variant of a document in several
languages*: other notices have the same path with another language in the same place,
and one of those languages is the source. Otherwise the language is unknown (None).

The source language of a document is ``source_language`` from the repository's
``.notice-tui.toml`` when set and present among its variants; else ``en``, else
``en-US``, else another ``en-*`` (the alphabetically first).

Each variant's version in force (on the effective timeline, see
:mod:`notices_repo.catalog.timeline`) is compared with the source's: a variant whose
version in force states an older effective date than the source's is *behind*, by the
source versions that took effect after the variant's date (up to the day asked about)
and the days between the two effective dates.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from notices_repo.catalog.rules import CONFIG_NAME
from notices_repo.catalog.timeline import effective_versions, in_force

if TYPE_CHECKING:
    from notices_repo.catalog.repository import NoticeRepository
    from notices_repo.model import Catalog, EffectiveVersion, Notice

_CODES = """aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs
    cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he
    hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr
    ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng
    nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk
    sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz
    ve vi vo wa wo xh yi yo za zh zu"""
#: ISO 639-1 language codes: the only primary subtags recognised in a path.
ISO_639_1 = frozenset(_CODES.split())
_TAG = re.compile(
    r"(?P<lang>[a-z]{2})(?:[-_](?P<script>[a-z]{4}))?(?:[-_](?P<region>[a-z]{2}|[0-9]{3}))?",
    re.IGNORECASE,
)

#: States of a variant, as ``translations`` prints them.
SOURCE = "source"
CURRENT = "current"
BEHIND = "behind"
NOT_IN_FORCE = "not-in-force"


def language_tag(segment: str) -> str | None:
    """``segment`` as a BCP 47 tag when it is a language (``de_de`` -> ``de-DE``), else None."""
    match = _TAG.fullmatch(segment)
    if match is None or match["lang"].lower() not in ISO_639_1:
        return None
    parts = [match["lang"].lower()]
    if match["script"]:
        parts.append(match["script"].title())
    if match["region"]:
        parts.append(match["region"].upper())
    return "-".join(parts)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One way to read a path as a language variant of a document."""

    document: tuple[str, ...]
    """The document's identity: the layout and the path without the language (and
    without the extension)."""
    language: str
    """The BCP 47 tag."""
    index: int
    """Which ``/``-separated part of the path holds the language."""
    layout: str
    """``suffix`` (``privacy.de.md``), ``stem`` (``privacy/de.md``) or ``folder``."""


def candidates(path: str) -> list[Candidate]:
    """Every reading of ``path`` as a language variant, in the order they are preferred."""
    parts = path.split("/")
    name = parts[-1]
    stem = name.rsplit(".", 1)[0] if "." in name[1:] else name
    folder = "/".join(parts[:-1])
    found: list[Candidate] = []
    base, dot, suffix = stem.rpartition(".")
    if dot and base and (tag := language_tag(suffix)):
        found.append(
            Candidate(("suffix", folder.casefold(), base.casefold()), tag, len(parts) - 1, "suffix")
        )
    if tag := language_tag(stem):
        found.append(Candidate(("stem", folder.casefold()), tag, len(parts) - 1, "stem"))
    for index in range(len(parts) - 2, -1, -1):
        if tag := language_tag(parts[index]):
            rest = "/".join([*parts[index + 1 : -1], stem]).casefold()
            key = ("folder", "/".join(parts[:index]).casefold(), rest)
            found.append(Candidate(key, tag, index, "folder"))
    return found


def source_language_setting(data: bytes | None) -> tuple[str | None, str | None]:
    """``source_language`` from the bytes of ``.notice-tui.toml``: (tag or None, warning)."""
    if data is None:
        return None, None
    try:
        value = tomllib.loads(data.decode("utf-8")).get("source_language")
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None, None  # the notice rules already warn about a broken file
    if value is None:
        return None, None
    tag = language_tag(value) if isinstance(value, str) else None
    if tag is None:
        return None, (
            f"{CONFIG_NAME}: source_language must be a language tag such as "
            f'"en" or "de-DE"; ignored'
        )
    return tag, None


def configured_source_language(repository: NoticeRepository) -> tuple[str | None, str | None]:
    """``source_language`` from the repository's ``.notice-tui.toml`` at HEAD."""
    return source_language_setting(repository.read_head_file(CONFIG_NAME))


@dataclass(frozen=True, slots=True)
class Behind:
    """How far a variant lags its source."""

    versions: int
    """Source versions that took effect after the variant's effective date."""
    days: int
    """Days between the variant's effective date and the source's."""

    def to_json(self) -> dict[str, int]:
        """``{"versions": n, "days": d}``."""
        return {"versions": self.versions, "days": self.days}

    def describe(self) -> str:
        """``behind by 2 versions, 517 days``."""
        versions = f"{self.versions} version" + ("" if self.versions == 1 else "s")
        days = f"{self.days} day" + ("" if self.days == 1 else "s")
        return f"behind by {versions}, {days}"


@dataclass(slots=True)
class Variant:
    """One language of a document."""

    notice: Notice
    language: str
    """BCP 47 tag."""
    state: str
    """``source``, ``current``, ``behind`` or ``not-in-force``."""
    in_force: EffectiveVersion | None
    """The variant's version in force on the day asked about."""
    source: Variant | None = field(default=None, repr=False)
    """The source variant (None for the source itself)."""
    behind: Behind | None = None
    """Set when the state is ``behind``."""

    @property
    def translation_of(self) -> str | None:
        """The source's path (None for the source)."""
        return self.source.notice.path if self.source is not None else None

    def to_json(self) -> dict[str, Any]:
        """One language as ``translations --json`` prints it."""
        source_version = self.source.in_force if self.source is not None else None
        return {
            "language": self.language,
            "path": self.notice.path,
            "state": self.state,
            "effective_date": _iso(self.in_force),
            "source_effective_date": _iso(source_version if self.source else self.in_force),
            "translation_of": self.translation_of,
            "behind": self.behind.to_json() if self.behind else None,
        }


@dataclass(slots=True)
class Document:
    """The language variants of one document, the source first, then by language."""

    name: str
    """The source's path with its language replaced by ``*`` (``*/privacy.md``)."""
    variants: list[Variant]

    @property
    def source(self) -> Variant:
        """The variant in the source language."""
        return self.variants[0]

    @property
    def behind(self) -> list[Variant]:
        """The variants that are behind."""
        return [v for v in self.variants if v.state == BEHIND]

    def to_json(self) -> dict[str, Any]:
        """One document as ``translations --json`` prints it."""
        return {
            "document": self.name,
            "title": self.source.notice.title,
            "source_language": self.source.language,
            "languages": [v.to_json() for v in self.variants],
        }


@dataclass(slots=True)
class Translations:
    """Every multilingual document of a catalog, as on one day."""

    documents: list[Document]
    day: dt.date
    source_language: str | None = None
    """The configured source language (None: the default, ``en``)."""
    warnings: list[str] = field(default_factory=list)
    _by_key: dict[str, Variant] = field(default_factory=dict, repr=False)
    _documents: dict[str, Document] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for document in self.documents:
            for variant in document.variants:
                self._by_key[variant.notice.key] = variant
                self._documents[variant.notice.key] = document

    def variant(self, notice: Notice) -> Variant | None:
        """The notice as a language variant (None: its language is unknown)."""
        return self._by_key.get(notice.key)

    def document(self, notice: Notice) -> Document | None:
        """The document the notice is one language of."""
        return self._documents.get(notice.key)

    @property
    def behind(self) -> list[Variant]:
        """Every variant that is behind, in document order."""
        return [v for d in self.documents for v in d.behind]

    def log_fields(self, notice: Notice) -> dict[str, Any]:
        """``language``, ``translation_of`` and ``behind`` as ``log --json`` adds them."""
        variant = self.variant(notice)
        if variant is None:
            return {"language": None, "translation_of": None, "behind": None}
        return {
            "language": variant.language,
            "translation_of": variant.translation_of,
            "behind": variant.behind.to_json() if variant.behind else None,
        }


def _iso(version: EffectiveVersion | None) -> str | None:
    return version.effective_date.isoformat() if version is not None else None


def choose_source(languages: set[str], configured: str | None) -> str | None:
    """The source language among ``languages`` (None: none of them can be the source)."""
    if configured is not None and configured in languages:
        return configured
    for preferred in ("en", "en-US"):
        if preferred in languages:
            return preferred
    english = sorted(tag for tag in languages if tag.startswith("en-"))
    return english[0] if english else None


def _compare(variant: Variant, source: Variant, day: dt.date) -> None:
    """Set the variant's state and lag against the source's version in force."""
    variant.source = source
    mine, theirs = variant.in_force, source.in_force
    if mine is None:
        variant.state = NOT_IN_FORCE
        return
    if theirs is None or mine.effective_date >= theirs.effective_date:
        variant.state = CURRENT
        return
    newer = [
        v
        for v in effective_versions(source.notice)
        if mine.effective_date < v.effective_date <= theirs.effective_date
    ]
    variant.state = BEHIND
    variant.behind = Behind(len(newer), (theirs.effective_date - mine.effective_date).days)


def _display_name(path: str, candidate: Candidate) -> str:
    parts = path.split("/")
    if candidate.layout == "folder":
        parts[candidate.index] = "*"
    elif candidate.layout == "stem":
        name = parts[-1]
        parts[-1] = "*" + (name[name.rfind(".") :] if "." in name[1:] else "")
    else:
        name = parts[-1]
        stem, dot, ext = name.rpartition(".")
        base = stem.rpartition(".")[0]
        parts[-1] = f"{base}.*{dot}{ext}"
    return "/".join(parts)


def _chosen(
    notices: list[Notice], configured: str | None
) -> dict[tuple[str, ...], list[tuple[Notice, Candidate]]]:
    """Each notice's reading as a variant: the first of its candidates whose document
    exists in two languages or more, one of them a possible source."""
    readings = {n.key: candidates(n.path) for n in notices}
    languages: dict[tuple[str, ...], set[str]] = {}
    for found in readings.values():
        for candidate in found:
            languages.setdefault(candidate.document, set()).add(candidate.language)

    def usable(document: tuple[str, ...]) -> bool:
        tags = languages[document]
        return len(tags) > 1 and choose_source(tags, configured) is not None

    groups: dict[tuple[str, ...], list[tuple[Notice, Candidate]]] = {}
    for notice in notices:
        for candidate in readings[notice.key]:
            if usable(candidate.document):
                groups.setdefault(candidate.document, []).append((notice, candidate))
                break
    return groups


def find_translations(
    catalog: Catalog,
    day: dt.date,
    *,
    source_language: str | None = None,
    warnings: list[str] | None = None,
) -> Translations:
    """The multilingual documents among the catalog's notices at HEAD, as on ``day``."""
    documents: list[Document] = []
    for pairs in _chosen(catalog.active(), source_language).values():
        tags = {candidate.language for _, candidate in pairs}
        source_tag = choose_source(tags, source_language)
        if len(tags) < 2 or source_tag is None:
            continue  # its other languages were read another way
        variants = [
            Variant(notice, candidate.language, CURRENT, in_force(notice, day))
            for notice, candidate in pairs
        ]
        variants.sort(key=lambda v: (v.language != source_tag, v.language, v.notice.path))
        source = variants[0]
        source.state = SOURCE if source.in_force is not None else NOT_IN_FORCE
        for variant in variants[1:]:
            _compare(variant, source, day)
        reading = {notice.key: candidate for notice, candidate in pairs}
        name = _display_name(source.notice.path, reading[source.notice.key])
        documents.append(Document(name, variants))
    documents.sort(key=lambda d: d.name.casefold())
    return Translations(documents, day, source_language, list(warnings or []))


def repository_translations(
    repository: NoticeRepository, catalog: Catalog, day: dt.date
) -> Translations:
    """:func:`find_translations` with the source language set in the repository."""
    configured, warning = configured_source_language(repository)
    return find_translations(
        catalog, day, source_language=configured, warnings=[warning] if warning else []
    )
