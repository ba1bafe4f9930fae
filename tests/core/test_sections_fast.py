"""The sections package's fast paths against the line-by-line rules they replace.

The splitter looks only at candidate lines found by regular expressions (headings,
fences, hint tags, list items) instead of at every line. These tests keep the
line-by-line versions as references and check, on random documents and on every text
of the shared real corpus, that both give exactly the same flags, headings and
categories: the fast paths change the cost, never the result.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from notices_repo.text import markup
from notices_repo.text import sections as S
from notices_repo.text.decode import decode
from notices_repo.text.sections import categories as C
from notices_repo.text.sections import headings as H
from notices_repo.text.sections import lines as L
from tests.property.test_sections_property import LINES, MARKDOWN_ALPHABET, any_text

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --------------------------------------------------------------------------------------
# References: the line-by-line versions the fast paths replaced


def scan_blocks_reference(lines: list[str]) -> list[int]:
    """Flags of front matter, fenced code and hint blocks, every line looked at."""
    blocked, code, boundary = L.BLOCKED, L.CODE, L.BOUNDARY
    n = len(lines)
    flags = [0] * n
    i = 0
    if n and lines[0].rstrip() == "---":
        j = 1
        while j < n and L.is_blank(lines[j]):
            j += 1
        if j < n and markup.FRONT_KEY_RE.match(lines[j]):
            k = j
            while k < n and lines[k].rstrip() not in ("---", "..."):
                k += 1
            if k < n:
                for x in range(k + 1):
                    flags[x] = blocked | code | boundary
                i = k + 1
    fence_len: list[tuple[str, int] | None] = [None] * n
    last_endhint = -1
    for x in range(i, n):
        m = markup.FENCE_RE.match(lines[x])
        if m:
            fence_len[x] = (m.group(1)[0], len(m.group(1)))
        if "{%" in lines[x] and L._HINT_CLOSE_RE.search(lines[x]):
            last_endhint = x
    close_max: dict[str, list[int]] = {}
    for ch in "`~":
        arr = [0] * (n + 1)
        for x in range(n - 1, -1, -1):
            arr[x] = arr[x + 1]
            fl = fence_len[x]
            if fl is not None and fl[0] == ch and not lines[x].strip().strip(ch):
                arr[x] = max(arr[x], fl[1])
        close_max[ch] = arr
    while i < n:
        fl = fence_len[i]
        line = lines[i]
        if fl is not None:
            ch, length = fl
            info = line.strip()[length:]
            if not (ch == "`" and "`" in info) and close_max[ch][i + 1] >= length:
                flags[i] |= blocked | code | boundary
                j = i + 1
                while j < n:
                    other = fence_len[j]
                    flags[j] |= blocked | code
                    if (
                        other is not None
                        and other[0] == ch
                        and other[1] >= length
                        and not lines[j].strip().strip(ch)
                    ):
                        flags[j] |= boundary
                        break
                    j += 1
                i = j + 1
                continue
        if "{%" in line:
            flags[i] |= boundary
            if L._HINT_OPEN_RE.search(line) and last_endhint > i:
                flags[i] |= blocked
                j = i + 1
                while j < n and not ("{%" in lines[j] and L._HINT_CLOSE_RE.search(lines[j])):
                    flags[j] |= blocked
                    j += 1
                if j < n:
                    flags[j] |= blocked | boundary
                i = j + 1
                continue
        i += 1
    return flags


def categories_reference(doc: L.Doc, sections: list[S.Section]) -> list[S.DataCategory]:
    """Named list items, every line of every section body looked at."""
    lines, starts = doc.lines, doc.starts
    n = len(lines)
    result = []
    line_no = 0
    for index, section in enumerate(sections):
        while line_no < n and starts[line_no] < section.body_start:
            line_no += 1
        i = line_no
        while i < n and starts[i] < section.end:
            first = lines[i][:1]
            if not first or (first not in C._ITEM_FIRST and first not in " \t"):
                i += 1
                continue
            found = C._category_at(doc, i, section, index)
            if found is None:
                i += 1
                continue
            result.append(found[0])
            i = found[1] + 1
        line_no = i
    return result


def thematic_reference(line: str) -> bool:
    if not re.match(r"[ \t]*+[*\-_]", line):
        return False
    body = line.strip()
    if len(body) < 3 or body[0] not in "*-_" or len(line) - len(line.lstrip(" ")) > 3:
        return False
    ch = body[0]
    return not body.replace(ch, "").replace(" ", "").replace("\t", "") and body.count(ch) >= 3


def check_against_references(text: str) -> None:
    """Every fast path of the sections package gives what its reference gives on ``text``."""
    if not text:
        return
    doc = L.prepare(text)
    assert doc.flags == scan_blocks_reference(doc.lines)
    headings, markup = H.detect_headings(doc)
    assert headings == H._detect_all_lines(doc)
    assert all(h in headings for h in markup)
    sections = H.sections_from(doc, headings)
    assert C.doc_categories(doc, sections) == categories_reference(doc, sections)
    structure = S.parse_structure(text)
    assert structure.sections == sections
    assert structure.categories == categories_reference(doc, sections)


# --------------------------------------------------------------------------------------
# Random documents

# Lines that stress the candidate scans: every line kind next to every other, with the
# whitespace variants the regular expressions must treat as str.strip() does.
MORE_LINES = [
    *LINES,
    "\u00a0**Bold after a no-break space**",
    "\t**Bold after a tab**",
    "_ **x**",
    "*__Bold__*",
    "  ---  ",
    "\t---",
    "    ---",
    " * * * ",
    "_ _ _",
    "-- -",
    "===  ",
    "Setext candidate",
    "~~~~",
    "````",
    "   ```",
    "{% endhint %} and text",
    "text {% hint style='x' %}",
    "*   Linux distributions:",
    "    *   Fedora: [App ID](https://example.com/a)",
    "*   [link](https://example.com): trailing",
    "1) **Item**: text",
    "12345678901. not a list",
    "• Name:",
    "- Name:\tdescription",
    "* Email: privacy@example.com",
]
heavy_text = st.lists(
    st.one_of(
        st.sampled_from(MORE_LINES),
        st.text(alphabet=MARKDOWN_ALPHABET, max_size=12),
    ),
    max_size=60,
).map(lambda parts: "\n".join(parts))
separated_text = st.lists(st.sampled_from(MORE_LINES), max_size=30).map("\n\n".join)


@SETTINGS
@given(st.one_of(any_text, heavy_text, separated_text))
@example("a\n---\n---\n")
@example("- x\na\n===\nb\n===\n")
@example("```\n# A\n```\n~~~\n```\n~~~")
@example('{% hint style="info" %}\n# A\n{% endhint %}\n{% hint %}\n')
@example("---\ntitle: x\n---\n```\n# A\n")
@example("Plain Title\n\n---\n\nAnother Heading\n\ntext.\n")
@example("# Only Title\n\nPlain Heading\n\nBody text.\n")
@example("x\r\n**Bold**\r\n\r\n* **A:** b\r\n")
def test_fast_paths_equal_the_line_by_line_rules(text: str) -> None:
    check_against_references(text)


@SETTINGS
@given(st.text(alphabet=[" ", "\t", "*", "-", "_", "a", "\u00a0", "\u3000", "\x1c"], max_size=9))
def test_thematic_break_regex_equals_the_rule(line: str) -> None:
    assert L.is_thematic_break(line) == thematic_reference(line)


def test_a_long_paragraph_of_failing_setext_candidates_stays_linear() -> None:
    # Each '===' under a paragraph that starts with a list item fails; the paragraph
    # above each one is not walked again from its start (the walk is cached).
    text = "- item\n" + "line\n===\n" * 20000
    check_against_references(text[:2000])
    sections = S.split_sections(text)
    assert len(sections) == 1


# --------------------------------------------------------------------------------------
# The real corpus


@pytest.mark.corpus
@pytest.mark.slow
def test_every_text_of_the_real_corpus(corpus: Path) -> None:
    listing = subprocess.run(
        ["git", "-C", str(corpus), "log", "--all", "--raw", "--no-abbrev", "--format="],
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8", "replace")
    blobs = list(
        dict.fromkeys(
            line.split("\t")[0].split()[3]
            for line in listing.splitlines()
            if line.startswith(":") and not line.split("\t")[0].split()[3].startswith("0000000")
        )
    )
    data = subprocess.run(
        ["git", "-C", str(corpus), "cat-file", "--batch"],
        input=("\n".join(blobs) + "\n").encode(),
        capture_output=True,
        check=True,
    ).stdout
    pos = 0
    checked = 0
    for _ in blobs:
        end = data.index(b"\n", pos)
        size = int(data[pos:end].split()[2])
        text = decode(data[end + 1 : end + 1 + size]).text
        pos = end + 1 + size + 1
        check_against_references(text)
        if checked % 9 == 0:
            check_against_references(text.replace("\n", "\r\n"))
        checked += 1
    assert checked > 1000
