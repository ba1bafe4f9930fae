"""What a reader reads of a notice: its text without the markup that is not text.

Two kinds of markup in notices kept as Markdown sites are data for the site generator,
not words of the notice:

* **YAML front matter**: a first line ``---``, then (after blank lines) a ``key:`` line,
  up to a closing ``---`` or ``...`` line (the rule of :mod:`notices_repo.text.sections`).
  It is removed with the blank lines after it and kept apart (:attr:`Body.front_matter`).
* **kramdown attribute lists** ``{: #children }``, ``{: .class }``,
  ``{: datetime="2020-09-09" }`` (and extensions such as ``{::options ... /}``): a line
  made only of them is removed whole; one trailing a block's last line, or attached to
  a span (``*red*{: .red}``), is removed from its line. So is a kramdown heading id
  trailing an ATX heading (``## Cookies {#cookies}``).

Nothing is removed inside fenced code blocks or code spans. :func:`body_of` returns the
body text and where the removed pieces were, so that offsets in the body (sections)
map back to the source (:meth:`Body.source_offset`): the app's source view (``v``)
shows the file as it is. ``show``, the reader and the search index read the body; the
diff compares the files and puts front matter in a section of its own
(:func:`front_matter_end`).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from notices_repo.text.markup import (
    FENCE_LINES_RE,
    FRONT_CLOSE,
    FRONT_KEY_RE,
    FRONT_OPEN,
    HEADING_ID,
    IAL,
    IAL_RE,
)
from notices_repo.text.sections import Section

__all__ = ["Body", "body_of", "front_matter_end", "source_sections"]

#: A line made only of attribute lists (and spaces).
_IAL_LINE_RE = re.compile(rf"[ \t>]*{IAL}(?:[ \t]*{IAL})*[ \t]*\r?")
#: Attribute lists ending a line (the spaces before them go too).
_IAL_TAIL_RE = re.compile(rf"(?:[ \t]*{IAL})+[ \t]*\r?\Z")
#: ``## Heading {#id}``: kramdown's heading id.
_HEADING_ID_RE = re.compile(rf"[ \t]+{HEADING_ID}[ \t]*\r?\Z")
_ATX_RE = re.compile(r" {0,3}#{1,6}[ \t]")
_MARKUP_RE = re.compile(r"\{[:#]")


@dataclass(frozen=True, slots=True)
class Body:
    """A notice's body text, its front matter, and the source ranges removed."""

    text: str
    """The text without front matter and attribute lists (``source`` when it has none)."""
    source: str
    """The text as decoded from the file."""
    front_matter: str
    """The front matter's lines between the delimiters ("" when there is none)."""
    cuts: tuple[tuple[int, int], ...] = ()
    """Removed ``(start, end)`` ranges of ``source``, in order."""

    @property
    def changed(self) -> bool:
        """Something was removed: the body is not the source."""
        return bool(self.cuts)

    def source_offset(self, offset: int) -> int:
        """Where body offset ``offset`` is in the source (after a removal there)."""
        for start, end in self.cuts:
            if start > offset:
                break
            offset += end - start
        return offset


def front_matter_end(text: str) -> int:
    """Offset just after the YAML front matter and the blank lines after it (0: none)."""
    if not text.startswith(FRONT_OPEN):
        return 0
    first = text.find("\n")
    if first == -1 or text[:first].rstrip() != FRONT_OPEN:
        return 0
    pos = first + 1
    while pos < len(text):  # blank lines before the first key
        nl = text.find("\n", pos)
        line = text[pos : len(text) if nl == -1 else nl]
        if line.strip():
            break
        if nl == -1:
            return 0
        pos = nl + 1
    if not FRONT_KEY_RE.match(text, pos):
        return 0
    while pos < len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl == -1 else nl + 1
        if text[pos:end].rstrip() in FRONT_CLOSE:
            return _skip_blank_lines(text, end)
        pos = end
    return 0


def _skip_blank_lines(text: str, pos: int) -> int:
    while pos < len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl == -1 else nl + 1
        if text[pos:end].strip():
            break
        pos = end
    return pos


def _front_matter(text: str, end: int) -> str:
    """The lines between the delimiters of front matter ending at ``end``."""
    block = text[:end].rstrip()
    first = block.find("\n") + 1
    last = block.rfind("\n") + 1
    return block[first:last]


def _code_ranges(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of fenced code blocks (closed ones only, as sections pairs them).

    Linear in the fences: an opening fence finds its closing one through the longest
    closing fence still to come (no scan when there is none).
    """
    if "```" not in text and "~~~" not in text:
        return []
    fences = [(m.start(), m.end(), m.group(1), m.group(2)) for m in FENCE_LINES_RE.finditer(text)]
    closing: dict[str, list[int]] = {"`": [], "~": []}
    for k, (_, _, mark, info) in enumerate(fences):
        if not info.strip():
            closing[mark[0]].append(k)
    longest: dict[str, list[int]] = {}
    for ch, where in closing.items():
        best = [0] * (len(where) + 1)
        for i in range(len(where) - 1, -1, -1):
            best[i] = max(best[i + 1], len(fences[where[i]][2]))
        longest[ch] = best
    ranges: list[tuple[int, int]] = []
    k = 0
    while k < len(fences):
        start, _, mark, info = fences[k]
        ch, length = mark[0], len(mark)
        where = closing[ch]
        i = bisect.bisect_right(where, k)
        if (ch == "`" and "`" in info) or longest[ch][i] < length:
            k += 1
            continue
        while len(fences[where[i]][2]) < length:
            i += 1
        ranges.append((start, fences[where[i]][1]))
        k = where[i] + 1
    return ranges


def _in_code_span(line: str, at: int) -> bool:
    """An odd number of backticks before ``at`` on its line: inside a code span."""
    return line.count("`", 0, at) % 2 == 1


def _line_cuts(line: str, line_start: int, line_end: int) -> list[tuple[int, int]]:
    """Ranges of one line (``line`` without its newline) to remove."""
    if "{:" in line and _IAL_LINE_RE.fullmatch(line):
        return [(line_start, line_end)]  # the newline goes with it
    cuts: list[tuple[int, int]] = []
    tail = _IAL_TAIL_RE.search(line) if "{:" in line else None
    if tail is None and line.lstrip(" ").startswith("#") and _ATX_RE.match(line):
        tail = _HEADING_ID_RE.search(line)
    limit = len(line)
    if tail is not None and not _in_code_span(line, tail.start()):
        keep_cr = "\r" if line.endswith("\r") else ""
        limit = tail.start()
        cuts.append((line_start + limit, line_start + len(line) - len(keep_cr)))
    for m in IAL_RE.finditer(line, 0, limit):  # attached to a span: ``*red*{: .red}``
        at = m.start()
        if at > 0 and not line[at - 1].isspace() and not _in_code_span(line, at):
            cuts.append((line_start + at, line_start + m.end()))
    return sorted(cuts)


def body_of(text: str) -> Body:
    """The body of ``text`` (see the module docstring). Linear; never raises."""
    if not isinstance(text, str):
        return Body("", "", "")
    fm_end = front_matter_end(text)
    has_markup = _MARKUP_RE.search(text, fm_end) is not None
    if not fm_end and not has_markup:
        return Body(text, text, "")
    cuts: list[tuple[int, int]] = [(0, fm_end)] if fm_end else []
    if has_markup:
        code = _code_ranges(text)
        code_starts = [start for start, _ in code]
        done_line = -1
        for m in _MARKUP_RE.finditer(text, fm_end):
            line_start = text.rfind("\n", 0, m.start()) + 1
            if line_start <= done_line:
                continue
            done_line = line_start
            k = bisect.bisect_right(code_starts, line_start) - 1
            if k >= 0 and line_start < code[k][1]:
                continue
            nl = text.find("\n", m.start())
            line_end = len(text) if nl == -1 else nl + 1
            line = text[line_start : line_end - 1 if nl != -1 else line_end]
            cuts.extend(_line_cuts(line, line_start, line_end))
    if not cuts:
        return Body(text, text, "")
    pieces: list[str] = []
    pos = 0
    for start, end in cuts:
        pieces.append(text[pos:start])
        pos = end
    pieces.append(text[pos:])
    front = _front_matter(text, fm_end) if fm_end else ""
    return Body("".join(pieces), text, front, tuple(cuts))


def source_sections(body: Body, sections: list[Section]) -> list[Section]:
    """``sections`` of ``body.text`` as spans of ``body.source``: a removed piece goes
    with the section before it (front matter with the first), so they cover the source."""
    if not body.changed or not sections:
        return sections
    total = len(body.source)
    starts = [0] + [body.source_offset(s.start) for s in sections[1:]]
    out: list[Section] = []
    for k, section in enumerate(sections):
        end = starts[k + 1] if k + 1 < len(sections) else total
        if section.level == 0:  # the preamble has no heading line
            body_start = starts[k]
        else:
            body_start = min(max(starts[k], body.source_offset(section.body_start)), end)
        out.append(Section(section.heading, section.level, starts[k], body_start, end))
    return out
