"""Which files of a repository are notices.

Default: text files (``.md``, ``.markdown``, ``.txt``, ``.rst``) except repository
housekeeping - README, LICENSE, CHANGELOG, CONTRIBUTING, CODE_OF_CONDUCT and SECURITY (any
extension, any folder) - and anything under a hidden folder. An optional
``.notice-tui.toml`` at the repository root (read from HEAD, so a bare repository works
too) sets ``include`` (globs that replace the extension rule; a glob that names a file
without wildcards, such as ``SECURITY.md`` or ``**/SECURITY.md``, also admits housekeeping
files) and ``exclude`` (globs removed afterwards). Globs use ``/``, ``*`` (within a folder), ``**``
(any depth) and ``?``. A broken file gives a warning and the defaults, never a failure.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field

CONFIG_NAME = ".notice-tui.toml"
EXTENSIONS = (".md", ".markdown", ".txt", ".rst")
#: Names (without extension, case-insensitive) of repository housekeeping: not notices.
NOT_NOTICES = frozenset(
    {"readme", "license", "licence", "changelog", "contributing", "code_of_conduct", "security"}
)
_WILDCARDS = frozenset("*?")


def glob_to_regex(pattern: str) -> re.Pattern[str]:
    """Compile a path glob with ``**`` support into an anchored regex."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


@dataclass(slots=True)
class NoticeRules:
    """The rules deciding which paths are notices."""

    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    warning: str | None = None
    _include: list[re.Pattern[str]] = field(default_factory=list, repr=False)
    _exclude: list[re.Pattern[str]] = field(default_factory=list, repr=False)
    _named: list[re.Pattern[str]] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._include = [glob_to_regex(p) for p in self.include]
        self._exclude = [glob_to_regex(p) for p in self.exclude]
        # include globs whose file name has no wildcard name a file on purpose
        self._named = [
            glob_to_regex(p)
            for p in self.include
            if not _WILDCARDS.intersection(p.rsplit("/", 1)[-1])
        ]

    def is_notice(self, path: str) -> bool:
        """Whether ``path`` (relative, ``/``-separated) is a notice."""
        parts = path.split("/")
        if any(part.startswith(".") for part in parts):
            return False
        name = parts[-1]
        stem = name.rsplit(".", 1)[0].lower() if "." in name else name.lower()
        if stem in NOT_NOTICES and not any(p.match(path) for p in self._named):
            return False
        if self._include:
            if not any(p.match(path) for p in self._include):
                return False
        elif not name.lower().endswith(EXTENSIONS):
            return False
        return not any(p.match(path) for p in self._exclude)

    def fingerprint(self) -> str:
        """Changes when the rules change (part of the history cache key)."""
        return repr((self.include, self.exclude))


def parse_rules(data: bytes | None) -> NoticeRules:
    """Rules from the bytes of ``.notice-tui.toml`` (None: defaults)."""
    if data is None:
        return NoticeRules()
    try:
        doc = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return NoticeRules(warning=f"{CONFIG_NAME} is not valid TOML ({exc}); using the defaults")
    include = doc.get("include", [])
    exclude = doc.get("exclude", [])
    if not (isinstance(include, list) and all(isinstance(p, str) for p in include)):
        return NoticeRules(warning=f"{CONFIG_NAME}: include must be a list of strings; ignored")
    if not (isinstance(exclude, list) and all(isinstance(p, str) for p in exclude)):
        return NoticeRules(warning=f"{CONFIG_NAME}: exclude must be a list of strings; ignored")
    return NoticeRules(include=include, exclude=exclude)
