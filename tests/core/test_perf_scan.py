"""The shortcuts of the history scan give exactly what the whole-text rules give.

No timing here: these check that the fast paths of :mod:`notices_repo.catalog.scan`
(common ends, changed spans, coarse and quick keys, the parent's date reused when the
regions the date parser read are unchanged, worker processes, the streamed git log)
agree with the reference functions on generated and real texts.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notices_repo.catalog import blob as blob_facts
from notices_repo.catalog import date_reuse
from notices_repo.catalog import pool as scan_pool
from notices_repo.catalog.blob import facts_of
from notices_repo.catalog.pool import scan
from notices_repo.catalog.repository import NoticeRepository
from notices_repo.catalog.scan import BlobScanner, Chain, ScanResult, pair_key, plan
from notices_repo.catalog.technical import (
    changed_spans,
    common_ends,
    quick_key,
    runs_only,
    same_layout,
)
from notices_repo.git.history import _parse_tokens, log_args, parse_log
from notices_repo.text.dates import HEADER_LINES, find_with_regions
from notices_repo.text.dates.extract import REST_FREE, REST_UNREAD
from notices_repo.text.dates.regions import year_hits
from notices_repo.text.sections import find_title
from notices_repo.text.whitespace import layout_fingerprint
from tests.conftest import ROOT, GitRepo

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORDS = [
    "cookies", "retention", "period", "children", "third", "parties", "usage", "data",
    "we", "collect", "the", "a", "2023", "2024", "1.", "12)", "**Account", "Data:**",
    "_terms_", "snake_case", "5*3", "[link](https://x.example)", "[l](<https://y.example>)",
    "\\*", "\\_", "1\\.", "café", "naïve", "–", "’", "•", "·", "&nbsp;", "&#160;", "<br>",
    "<BR />", "\u00a0", "\u2003", "\u3000", "\u200b", "\ufeff", "*", "-", "+", "#", ">", "|",
]  # fmt: skip
STAMPS = [
    "Last updated: March 3, 2024",
    "**Effective Date:** December 9th, 2023",
    "_Last modified: 2024-01-05_",
    "Updated on Jul 23, 2026",
    "Effective date\n\nJune 1, 2025",
    "Dernière mise à jour : 9 décembre 2023",
    "Stand: 09.03.2020",
    "最終更新日：2020年9月9日",
    'Effective date: <time datetime="2020-09-03">03/09/2020</time>',
    '_Last updated: soon_\n{: datetime="2021-02-03" }',
    "_Effective: April 10, 2026 ([previous version](https://x.example/2025))_",
]
# A table of contents: the stamp after it stands beyond the header lines.
CONTENTS = [f"- [Section {n}](#section-{n})" for n in range(45)]
PART_TITLES = ["Terms of Use", "**PRIVACY NOTICE**", "Terms\n=====", "### \n\nSevere Harm"]
LINE_STARTS = ["", "* ", "*   ", "- ", "1. ", "1\\. ", "## ", "> ", "| ", "   ", "\t"]


def _line(rng: random.Random) -> str:
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 14)))
    return rng.choice(LINE_STARTS) + words + rng.choice(["", " ", "  ", "\r", "<br>"])


def _text(rng: random.Random, lines: int) -> str:
    body = [_line(rng) for _ in range(lines)]
    place = rng.random()
    stamp = rng.choice(STAMPS)
    if place < 0.4:
        body.insert(rng.randint(0, min(5, len(body))), stamp)
    elif place < 0.6:
        body.append(stamp)
    elif place < 0.7:
        body.insert(len(body) // 2, "- - -")
        body.insert(len(body) // 2 - 1, stamp)
    elif place < 0.8:
        body[: rng.randint(0, 5)] = [*CONTENTS, "", stamp]
    elif place < 0.9:  # a later part of a page, under its title
        body.insert(len(body) // 2, f"\n- - -\n\n{rng.choice(PART_TITLES)}\n\n{stamp}\n")
    elif place < 0.95:  # closing the text above an exhibit
        body.insert(len(body) // 2, f"\n{stamp}\n\nExhibit A - Terms\n-----------------\n")
    return "\n".join(["# Privacy Notice", "", *body])


LAYOUT_EDITS = [
    ("* ", "*   "), ("*   ", "* "), ("1. ", "1\\. "), ("](", "](<"), (" ", "  "),
    ("\n", "\n\n"), ("\n\n", "\n"), ("**", ""), ("_", ""), (" ", "\u00a0"), ("\n", "<br>\n"),
]  # fmt: skip
WORD_EDITS = [("the", "a"), ("2024", "2025"), ("March", "April"), ("data", "date")]
# Edits that make or unmake a part of a page, or its stamp line.
PART_EDITS = [
    ("- - -", "Some text."), ("\n\n", "\n\n- - -\n\n"), ("Terms of Use", "These terms apply."),
    ("\n\n", "\n\nLast updated: May 2, 2024\n\n"), ("Exhibit A", "Section A"), ("2024", "1999"),
    ("\n\n", "\n\n* * *\n\nTerms of Sale\n\nEffective: June 1, 2025\n\n"), ("\n", ""),
]  # fmt: skip


def _mutate(rng: random.Random, text: str, edits: int) -> str:
    for _ in range(edits):
        pick = rng.random()
        table = LAYOUT_EDITS if pick < 0.5 else WORD_EDITS if pick < 0.8 else PART_EDITS
        old, new = rng.choice(table)
        at = text.find(old, rng.randrange(len(text) + 1))
        if at == -1:
            at = text.find(old)
        if at != -1:
            text = text[:at] + new + text[at + len(old) :]
        elif rng.random() < 0.5:
            at = rng.randrange(len(text) + 1)
            text = text[:at] + _line(rng) + "\n" + text[at:]
    return text


def _reference_same_layout(a: bytes, b: bytes) -> bool:
    return quick_key(a) == quick_key(b) and layout_fingerprint(a) == layout_fingerprint(b)


@SETTINGS
@given(st.integers(0, 2**32), st.integers(1, 60), st.integers(0, 8))
def test_same_layout_agrees_with_the_whole_text_rules(seed: int, lines: int, edits: int) -> None:
    rng = random.Random(seed)
    old = _text(rng, lines).encode()
    new = _mutate(rng, old.decode(), edits).encode()
    assert same_layout(old, new) == _reference_same_layout(old, new)


#: Pieces of texts where runs of spaces and tabs meet every layout rule.
RUN_PIECES = [
    b" ", b"  ", b"\t", b"\n", b"\r", b"\x0b", b"\x1c", b"*", b"**", b"_", b"-", b"+", b"=",
    b"1.", b"12)", b"#", b">", b"|", b"<br>", b"<br />", b"<BR/>", b"[x](<", b"a b", b">)",
    b"](", b"\\", b"\\*", b"&nbsp;", b"&#160;", b"a", b"word", b"5", b"\xc2\xa0",
    b"\xe2\x80\xa2", b"\xe2\x80\x83", b"\xc2\xb7", b"\xef\xbb\xbf", b"\x00", b"caf\xc3\xa9",
]  # fmt: skip
_RUN = re.compile(rb"[ \t]+")


@SETTINGS
@given(st.lists(st.sampled_from(RUN_PIECES), max_size=80), st.randoms(use_true_random=False))
def test_texts_that_differ_only_in_runs_of_spaces_and_tabs_have_the_same_layout(
    pieces: list[bytes], rnd: random.Random
) -> None:
    old = b"".join(pieces)
    new = _RUN.sub(lambda _: rnd.choice([b" ", b"\t", b"   ", b" \t ", b"\t\t"]), old)
    assert runs_only(old, new) and runs_only(new, old)
    assert _reference_same_layout(old, new)
    assert same_layout(old, new)


def test_runs_only_needs_the_same_runs_in_the_same_places() -> None:
    assert runs_only(b"* Account\n* Usage\n", b"*   Account\n*\tUsage  \n") is False
    assert runs_only(b"* Account\n* Usage \n", b"*   Account\n*\tUsage  \n")
    assert not runs_only(b"a b", b"ab")
    assert not runs_only(b"<br/>", b"<br />")
    assert not runs_only(b"a \nb", b"a\n b")
    bullets = "# Terms\n\n" + "".join(f"* item {n} of the list\n\nText {n}.\n\n" for n in range(50))
    loose = bullets.replace("* ", "*   ")
    assert same_layout(bullets.encode(), loose.encode())
    assert same_layout(bullets.encode(), loose.replace("item 7", "item 8").encode()) is False


@SETTINGS
@given(st.binary(max_size=3000), st.binary(max_size=3000), st.binary(max_size=300))
def test_common_ends_and_changed_spans(left: bytes, right: bytes, shared: bytes) -> None:
    a = shared + left + shared
    b = shared + right + shared
    prefix, suffix = common_ends(a, b)
    n = min(len(a), len(b))
    assert prefix + suffix <= n
    assert a[:prefix] == b[:prefix] and a[len(a) - suffix :] == b[len(b) - suffix :]
    assert prefix == n or a[prefix] != b[prefix]
    assert prefix + suffix == n or a[len(a) - suffix - 1] != b[len(b) - suffix - 1]
    # outside the spans the two texts are the same bytes in the same order
    spans = changed_spans(a, b, (prefix, suffix))
    at_a = at_b = 0
    for a0, a1, b0, b1 in spans:
        assert a[at_a:a0] == b[at_b:b0]
        assert a0 <= a1 and b0 <= b1
        at_a, at_b = a1, b1
    assert a[at_a:] == b[at_b:]


def test_changed_spans_split_far_apart_edits() -> None:
    rng = random.Random(7)
    old = _text(rng, 400).encode()
    new = old.replace(b"cookies", b"biscuits", 1)
    new = new[: len(new) // 2] + new[len(new) // 2 :].replace(b"children", b"minors", 1)
    spans = changed_spans(old, new)
    assert len(spans) == 2
    assert sum(a1 - a0 for a0, a1, _, _ in spans) < len(old) // 4


def _scan_pair(parent: bytes, child: bytes) -> ScanResult:
    """Facts and verdict of ``child`` with ``parent`` in hand, as the scan makes them."""
    result = ScanResult()
    stream: Iterator[tuple[str, bytes | None]] = iter([("p", parent), ("c", child)])
    BlobScanner(stream, result).run([(None, "p", True, False), ("p", "c", True, True)])
    return result


@SETTINGS
@given(st.integers(0, 2**32), st.integers(1, 900), st.integers(0, 6))
def test_a_reused_date_is_the_date_the_text_gives(seed: int, lines: int, edits: int) -> None:
    rng = random.Random(seed)
    parent = _text(rng, lines)
    child = _mutate(rng, parent, edits)
    if rng.random() < 0.3:  # long texts are sampled at both ends
        child = child + "\n" + _text(rng, 1500)
        parent = parent + "\n" + _text(random.Random(seed), 1500)
    result = _scan_pair(parent.encode(), child.encode())
    assert result.facts["p"] == facts_of(parent.encode())
    assert result.facts["c"] == facts_of(child.encode())
    verdict = result.pairs[pair_key("p", "c")]
    assert verdict == _reference_same_layout(parent.encode(), child.encode())


def test_dates_are_reused_when_only_the_middle_changes() -> None:
    rng = random.Random(3)
    parent = _text(rng, 300)
    parent = parent.replace("# Privacy Notice\n", "# Privacy Notice\n\nLast updated: May 2, 2024\n")
    lines = parent.split("\n")
    lines[200] = "We now sell nothing to anyone."
    child = "\n".join(lines)
    result = _scan_pair(parent.encode(), child.encode())
    assert result.dates_parsed == 1  # the parent's; the child's was reused
    assert result.facts["c"] == facts_of(child.encode())
    assert result.facts["c"].stated == "2024-05-02"


def test_a_preamble_stamp_is_reused_and_a_changed_preamble_is_read_again() -> None:
    # The stamp stands after a table of contents, beyond the header lines: the header
    # region read reaches it, so a child that changes only the body reuses the date,
    # and one that changes the table of contents (the stamp moves) is parsed again.
    body = [f"Paragraph {n} says what we do with your data, and why we do it." for n in range(300)]
    parent = "\n".join(["# Privacy Notice", "", *CONTENTS, "", "Effective: May 2, 2024", *body])
    child = parent.replace("Paragraph 200 says", "Paragraph 200 now says")
    result = _scan_pair(parent.encode(), child.encode())
    assert result.dates_parsed == 1
    assert result.facts["c"] == facts_of(child.encode())
    assert result.facts["c"].stated == "2024-05-02"
    moved = parent.replace("- [Section 3](#section-3)\n", "Effective: June 1, 2024\n")
    result = _scan_pair(parent.encode(), moved.encode())
    assert result.dates_parsed == 2
    assert result.facts["c"] == facts_of(moved.encode())
    assert result.facts["c"].stated == "2024-06-01"


def test_a_stampless_parent_leaves_only_the_first_part_to_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The header and the end of the child are the parent's, where no stamp was found:
    # only the close of the first part is read, and the answer is the whole parse's.
    calls: list[bool] = []
    real = date_reuse.find_with_regions

    def spy(
        text: str, quiet_ends: bool = False, quiet_header: bool = False, **known: int
    ) -> object:
        calls.append(quiet_ends)
        return real(text, quiet_ends, quiet_header, **known)

    monkeypatch.setattr(date_reuse, "find_with_regions", spy)
    body = [f"Paragraph {n} about cookies and data." for n in range(120)]
    parent = "\n".join(["# Privacy Notice", *body])
    # A change that starts no break line leaves the close as it was (the parent has no
    # break up to its end region): the child is not parsed at all.
    for middle, stated, read in (
        ("Last updated: March 3, 2024\n\n- - -", "2024-03-03", [False, True]),
        ("Plain new words.", None, [False]),
    ):
        child = parent.replace("Paragraph 70 about", middle + "\nParagraph 70 about", 1)
        calls.clear()
        result = _scan_pair(parent.encode(), child.encode())
        assert calls == read
        assert result.facts["c"] == facts_of(child.encode())
        assert result.facts["c"].stated == stated


@pytest.mark.parametrize("head", [["# Privacy Notice"], ["# Privacy Notice", "", *CONTENTS]])
@pytest.mark.parametrize("middle", ["Last updated: March 3, 2024\n\n- - -", "Plain new words."])
def test_a_stampless_parents_header_end_is_its_childs(head: list[str], middle: str) -> None:
    # A child read in the close of its first part alone takes its parent's header end
    # (the preamble is not walked again): the answer, header end included, is the same.
    body = [f"Paragraph {n} about cookies and data." for n in range(120)]
    parent = "\n".join([*head, *body])
    child = parent.replace("Paragraph 70 about", middle + "\nParagraph 70 about", 1)
    found = find_with_regions(parent)
    quiet = date_reuse.quiet_regions(parent, found)
    shared = common_ends(parent.encode(), child.encode())  # ASCII: bytes are characters
    assert 0 < quiet[0] <= shared[0] and quiet[1] <= shared[1]
    known = find_with_regions(child, True, header_end=found[1])
    assert known == find_with_regions(child, True)
    assert known[1] == found[1] and known == find_with_regions(child)


@pytest.mark.parametrize("line", ["é" * 300, "Words and more words. " * 40, "€" * 5000])
def test_long_headers_are_read_whole_before_the_rest(line: str) -> None:
    # A child's header is decoded and read first (its first 12 KiB); a header these
    # bytes do not hold, or a character cut by them, leads to the whole text.
    for stamp_line in (3, 39):
        lines = [line] * 60 + ["Body text."] * 400
        lines[stamp_line] = "Effective Date: December 9th, 2023"
        parent = "\n".join(lines)
        child = parent.replace("Body text.", "New body text.", 1)
        result = _scan_pair(parent.encode(), child.encode())
        assert result.facts["p"] == facts_of(parent.encode())
        assert result.facts["c"] == facts_of(child.encode())


def test_a_stamp_on_the_last_header_line_is_reused() -> None:
    # The parser says the stamp came from the header: a child that keeps the header
    # (and the character after it) takes it, wherever the rest changes.
    header = ["# Terms", *(f"Line {n} of the preamble." for n in range(38))]
    parent = "\n".join([*header, "Last updated: May 2, 2024", *(["Body text."] * 60)])
    child = parent.replace("Body text.\nBody text.", "Body text.\nNew words.", 1)
    assert parent.split("\n").index("Last updated: May 2, 2024") == HEADER_LINES - 1
    result = _scan_pair(parent.encode(), child.encode())
    assert result.dates_parsed == 1
    assert result.facts["c"] == facts_of(child.encode())
    assert result.facts["c"].stated == "2024-05-02"


# Pieces of a first line, an underline and more lines, separated by "¦".
TITLE_LEADS = " ¦   ¦    ¦\t¦#¦# ¦## ¦#\t¦####### ¦\\# ¦**¦- ¦1. ¦| ¦> ¦```¦~~~ ¦---¦{% hint %} "
TITLE_LEADS += "¦<b>¦["
TITLE_WORDS = "Privacy¦Notice¦*Cookie*¦**Terms**¦[Policy](https://x.example)¦`code`¦#¦##¦\\#¦:¦’¦_"
TITLE_ENDS = "¦ ¦ #¦ ##¦\r¦.¦:¦ |"
UNDERLINES = "¦===¦= = =¦---¦   ===¦    ===¦===  ¦==x¦\r¦Text¦```¦{% endhint %}¦=¦ ¦==\r"
REST_LINES = "¦# Title¦Body text.¦```¦~~~¦---¦===¦title: X¦{% endhint %}"


@SETTINGS
@given(
    st.sampled_from(["", *TITLE_LEADS.split("¦")]),
    st.lists(st.sampled_from(TITLE_WORDS.split("¦")), max_size=5),
    st.sampled_from(TITLE_ENDS.split("¦")),
    st.sampled_from(UNDERLINES.split("¦")),
    st.lists(st.sampled_from(REST_LINES.split("¦")), max_size=6),
    st.sampled_from(["\n", "\r\n"]),
)
def test_a_first_line_title_is_the_title_find_title_gives(
    lead: str, words: list[str], end: str, underline: str, rest: list[str], newline: str
) -> None:
    text = newline.join([lead + " ".join(words) + end, underline, *rest])
    quick = blob_facts.first_line_title(text)
    if quick is not None:
        assert quick == find_title(text)
    assert blob_facts.title_of(text.encode()) == (find_title(text) or "")


def test_first_line_titles_are_found_without_find_title() -> None:
    assert blob_facts.first_line_title("# Privacy *Notice* #\n\nText") == "Privacy Notice"
    assert blob_facts.first_line_title("Privacy Notice\n==============\n") == "Privacy Notice"
    assert blob_facts.first_line_title("## Section\n\n# Title\n") is None
    assert blob_facts.first_line_title("---\ntitle: Terms\n---\n# Title\n") is None


def test_non_utf8_and_binary_texts_take_the_reference_path() -> None:
    latin = "# Politique\n\nDernière mise à jour : 9 décembre 2023\n\n* données\n".encode("latin-1")
    latin2 = latin.replace(b"* ", b"*   ")
    result = _scan_pair(latin, latin2)
    assert result.facts["c"] == facts_of(latin2)
    assert result.facts["c"].warning
    assert result.pairs[pair_key("p", "c")] is True
    utf16 = "\ufeff# Terms\n\nLast updated: March 3, 2024\n".encode("utf-16-le")
    result = _scan_pair(utf16, utf16 + "more\n".encode("utf-16-le"))
    assert result.facts["c"] == facts_of(utf16 + "more\n".encode("utf-16-le"))
    binary = b"\x00\x01binary" * 10
    result = _scan_pair(binary, binary + b"x")
    assert result.facts["c"] == facts_of(binary + b"x")
    assert result.pairs[pair_key("p", "c")] is False


#: Damage the scan's plain-UTF-8 path must hand to the reference (textdecode's rules).
DAMAGE = [b"\xff", b"\x00", b"\x00" * 40, b"\x01\x02\x03" * 400, b"\xe9", b"\x1b[1m"]


@SETTINGS
@given(st.integers(0, 2**32), st.integers(1, 400), st.sampled_from(DAMAGE), st.booleans())
def test_damaged_texts_get_the_facts_and_warning_of_the_reference(
    seed: int, lines: int, damage: bytes, long: bool
) -> None:
    rng = random.Random(seed)
    parent = _text(rng, lines) + ("\n" + _text(rng, 2000) if long else "")
    raw = parent.encode()
    at = rng.randrange(len(raw) + 1)
    while at < len(raw) and 0x80 <= raw[at] < 0xC0:
        at += 1  # between characters
    child = raw[:at] + damage + raw[at:]
    result = _scan_pair(raw, child)
    assert result.facts["p"] == facts_of(raw)
    assert result.facts["c"] == facts_of(child)
    if damage in (b"\xff", b"\x00"):  # one bad byte: still the text, with a warning
        assert facts_of(child).warning and "binary" not in facts_of(child).warning


def test_streamed_log_parses_as_the_whole_output(git_repo: GitRepo) -> None:
    for n in range(8):
        git_repo.commit(
            {f"d{n % 3}/a b {n}.md": f"# T{n}\n", "README.md": f"{n}\n"},
            renames={f"d{(n - 1) % 3}/a b {n - 1}.md": f"x/moved {n}.md"} if n else None,
            message=f"subject\twith tab {n}",
        )
    output = subprocess.run(
        ["git", "-C", str(git_repo.path), *log_args(["HEAD"])], capture_output=True, check=True
    ).stdout
    whole = list(parse_log(output))
    rng = random.Random(1)
    for _ in range(50):
        cuts = sorted(rng.sample(range(len(output)), 6))
        pending: list[bytes] = []
        rest = b""
        got = []
        for start, end in zip([0, *cuts], [*cuts, len(output)], strict=True):
            pieces = (rest + output[start:end]).split(b"\x00")
            rest = pieces.pop()
            pending += pieces
            commits, used = _parse_tokens(pending, False)
            del pending[:used]
            got += commits
        pending.append(rest)
        got += _parse_tokens(pending, True)[0]
        assert got == whole
    assert all(len(c.parents) <= 1 for c in whole) and whole[-1].parents == ()


def _real_pairs(repo: Path) -> tuple[dict[str, bytes], list[tuple[str, str]]]:
    repository = NoticeRepository(repo, use_cache=False)
    catalog = repository.load()
    pairs = [
        (r.parent_blob, r.blob)
        for n in catalog.notices
        for r in n.revisions
        if r.parent_blob and r.blob and r.parent_blob != r.blob
    ]
    blobs = list(dict.fromkeys(b for pair in pairs for b in pair))
    data = {b: d for b, d in repository.catfile_many(blobs) if d is not None}
    repository.close()
    return data, pairs


def test_scan_of_a_repository_matches_the_reference(git_repo: GitRepo) -> None:
    rng = random.Random(11)
    texts = {k: _text(rng, 80 + 40 * k) for k in range(4)}
    for c in range(14):
        k = c % 4
        texts[k] = _mutate(rng, texts[k], rng.randint(1, 5))
        if c == 9:
            texts[k] = texts[k] + "\n" + _text(rng, 2500)  # a long one, sampled
        git_repo.commit({f"s{k}/privacy.md": texts[k]}, date=f"2024-02-{c + 1:02d}T10:00:00+00:00")
    data, pairs = _real_pairs(git_repo.path)
    repository = NoticeRepository(git_repo.path, use_cache=False)
    catalog = repository.load()
    by_blob = {r.blob: r for n in catalog.notices for r in n.revisions}
    for blob, revision in by_blob.items():
        facts = facts_of(data.get(blob) or repository.read_blob(blob))
        if facts.stated:
            assert revision.effective_date == dt.date.fromisoformat(facts.stated)
    for old, new in pairs:
        verdict = _reference_same_layout(
            blob_facts.utf8_bytes(data[old]), blob_facts.utf8_bytes(data[new])
        )
        assert by_blob[new].technical == verdict or by_blob[new].parent_blob != old
    repository.close()


def test_worker_processes_give_what_one_process_gives(git_repo: GitRepo) -> None:
    rng = random.Random(5)
    texts = {k: _text(rng, 60) for k in range(6)}
    for c in range(30):
        k = c % 6
        texts[k] = _mutate(rng, texts[k], rng.randint(1, 4))
        git_repo.commit(
            {f"s{k}/terms.md": texts[k]}, date=f"2024-03-{c % 28 + 1:02d}T10:00:00+00:00"
        )
    repository = NoticeRepository(git_repo.path, use_cache=False)
    catalog = repository.load()
    chains = [
        Chain([(r.parent_blob, r.blob) for r in reversed(n.revisions)], n.revisions[0].blob)
        for n in catalog.notices
    ]
    steps = plan(chains, lambda _: False, lambda _: False)
    alone = scan(repository.runner, steps)
    pool = scan_pool.WorkerPool(git_repo.path, 2)
    saved = scan_pool.PARALLEL_MIN_READS
    scan_pool.PARALLEL_MIN_READS = 1
    try:
        spread = scan(repository.runner, steps, pool=pool)
    finally:
        scan_pool.PARALLEL_MIN_READS = saved
        pool.close()
    repository.close()
    assert (spread.facts, spread.pairs, spread.titles) == (alone.facts, alone.pairs, alone.titles)


def test_worker_pool_starts_under_a_print_capture_without_a_descriptor(tmp_path: Path) -> None:
    """Textual's print capture has ``fileno() == -1``, which multiprocessing's resource
    tracker would hand to its process; the pool must start anyway."""
    script = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})

        class Capture:
            def write(self, text): return len(text)
            def flush(self): pass
            def fileno(self): return -1

        sys.stderr = Capture()
        from pathlib import Path
        from notices_repo.catalog.pool import WorkerPool
        pool = WorkerPool(Path({str(tmp_path)!r}), 1)
        print(pool.executor.submit(sum, [1, 2]).result(timeout=60))
        pool.close()
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ),
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "3"


def test_a_warm_worker_has_built_the_date_tables() -> None:
    from notices_repo.text.dates import clean, labels

    scan_pool.warm_dates()
    assert labels.label_fast_re.cache_info().currsize == 1
    assert labels.label_kind_re.cache_info().currsize == 1
    assert clean.suffix_re.cache_info().currsize == 1


# ------------------------------------------------------- the rest: parts of a page

PARAGRAPHS = [
    f"Paragraph {n} says what we do with your data, and why we do it." for n in range(700)
]


def test_a_stampless_parents_rest_is_kept_when_the_change_holds_no_stamp_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # No stamp anywhere: a child changed far down takes the parent's answer without a
    # parse; one changed near the top is parsed, but its rest is not read again.
    rests: list[int] = []
    real = date_reuse.find_with_regions

    def spy(text: str, *args: object, **known: int) -> object:
        rests.append(known.get("rest_known", REST_UNREAD))
        return real(text, *args, **known)  # type: ignore[arg-type]

    monkeypatch.setattr(date_reuse, "find_with_regions", spy)
    parent = "\n\n".join(["# Terms", *PARAGRAPHS])
    for old, new, parsed in (
        ("Paragraph 600 says", "Paragraph 600, from 2024 on, says", 1),
        ("Paragraph 60 says", "Paragraph 60 now says", 2),
    ):
        child = parent.replace(old, new)
        rests.clear()
        result = _scan_pair(parent.encode(), child.encode())
        assert result.dates_parsed == parsed
        assert rests == [REST_UNREAD, REST_FREE][:parsed]
        assert result.facts["c"] == facts_of(child.encode())
        assert result.facts["c"].stated is None


PART = "\n\n- - -\n\nTerms of Sale\n\nEffective: June 1, 2025\n\n"


CHILDREN = [
    ("Paragraph 600 says", f"{PART}Paragraph 600 says", "2025-06-01"),  # far down
    ("Paragraph 100 says", f"{PART}Paragraph 100 says", "2025-06-01"),  # near the top
    ("Paragraph 600 says", "Last updated: May 2, 2024\n\nParagraph 600 says", None),  # no part
    ("Paragraph 600 says", "Last updated: May 2, 2024\n\nExhibit A\n---------\n\nP", "2024-05-02"),
]


@pytest.mark.parametrize(("old", "new", "stated"), CHILDREN)
def test_a_child_that_makes_a_part_is_read_again(old: str, new: str, stated: str | None) -> None:
    parent = "\n\n".join(["# Terms", *PARAGRAPHS])
    child = parent.replace(old, new)
    result = _scan_pair(parent.encode(), child.encode())
    assert result.facts["c"] == facts_of(child.encode())
    assert result.facts["c"].stated == stated


PARTED = "\n\n".join(["# Terms", *PARAGRAPHS[:300]]) + PART + "\n\n".join(PARAGRAPHS[300:])


@pytest.mark.parametrize(
    ("old", "new", "stated"),
    [
        ("Paragraph 100 says", "Paragraph 100 now says", "2025-06-01"),  # before
        ("Paragraph 299 says", "Paragraph 299 now says", "2025-06-01"),  # right above
        ("Terms of Sale", "These are the terms of sale, read them.", None),  # its title
        ("June 1, 2025", "July 2, 2025", "2025-07-02"),  # the stamp
        ("\n\n- - -\n\n", "\n\n", None),  # the break
        ("Paragraph 301 says", "Paragraph 301 now says", "2025-06-01"),  # right below
        ("Paragraph 650 says", "Paragraph 650 now says", "2025-06-01"),  # after
        (
            "Paragraph 100 says",
            "Effective: May 2, 2024\n\n- - -\n\nParagraph 100 says",
            "2024-05-02",
        ),
    ],
)
def test_a_rest_stamp_is_reused_only_when_what_decides_it_is_the_same(
    old: str, new: str, stated: str | None
) -> None:
    assert facts_of(PARTED.encode()).stated == "2025-06-01"
    child = PARTED.replace(old, new, 1)
    result = _scan_pair(PARTED.encode(), child.encode())
    assert result.facts["c"] == facts_of(child.encode())
    assert result.facts["c"].stated == stated


YEAR_PIECES = [b"2019", b"1999", b"20", b"19", b"2", b"9", b"x", b"\n", b"word ", b"202020"]


@SETTINGS
@given(
    st.lists(st.sampled_from(YEAR_PIECES), max_size=400),
    st.lists(st.tuples(st.integers(0, 2000), st.integers(0, 9), st.sampled_from(YEAR_PIECES))),
)
def test_a_childs_years_are_its_parents_moved_and_those_of_the_change(
    pieces: list[bytes], edits: list[tuple[int, int, bytes]]
) -> None:
    old = b"".join(pieces)
    new = bytearray(old)
    for at, cut, piece in edits:
        at = min(at, len(new))
        new[at : at + cut] = piece
    spans = date_reuse.changed_middles(old, bytes(new), common_ends(old, bytes(new)))
    got = date_reuse.child_years(year_hits(old, 0, len(old)), bytes(new), spans)
    assert got == year_hits(bytes(new), 0, len(new))


PAGE_TITLES = ["Terms of Use", "**PRIVACY NOTICE**", "Terms\n=====", "### \n\nSevere Harm", ""]
PAGE_TITLES.append("We explain our terms here.")
PAGE_STAMPS = [
    "Effective: June 1, 2025", "Last updated: May 2, 2024", "_Updated: March 2026_",
    "Updated: March 2026", "**February 2025**", "Last Updated: 01/06/2023",
    "(effective May 1, 2026)", "- Last updated: May 2024", "",
]  # fmt: skip
PAGE_EDITS = [
    *PART_EDITS, ("2025", "2026"), ("March", "April"), ("Paragraph", "P"),
    ("\n\n", "\n\nExhibit B\n---------\n\n"), ("\n\n", "\n\nUpdated: March 2026\n\n"),
]  # fmt: skip


def _paragraphs(rng: random.Random, n: int) -> str:
    ends = ["", " in 2024", " here"]
    return "\n\n".join(f"Paragraph {rng.randint(0, 99)} says{rng.choice(ends)}." for _ in range(n))


def _page(rng: random.Random) -> str:
    """A crawled page: a first part, then parts under titles with or without stamps."""
    parts = ["# Notice\n\n" + _paragraphs(rng, rng.randint(5, 80))]
    for _ in range(rng.randint(0, 4)):
        body = _paragraphs(rng, rng.randint(3, 60))
        if rng.random() < 0.2:  # a stamp closing the text above an exhibit
            exhibit = "Exhibit A - Terms\n-----------------"
            parts[-1] += f"\n\n{rng.choice(PAGE_STAMPS)}\n\n{exhibit}\n\n{body}"
        else:
            parts.append(f"{rng.choice(PAGE_TITLES)}\n\n{rng.choice(PAGE_STAMPS)}\n\n{body}")
    return "\n\n- - -\n\n".join(parts) + "\n"


@SETTINGS
@given(st.integers(0, 2**32), st.integers(1, 4))
def test_a_reused_date_of_a_page_of_parts_is_the_date_it_gives(seed: int, edits: int) -> None:
    # edits before, inside and after the parts' stamps: breaks, titles, stamps, years
    rng = random.Random(seed)
    parent = _page(rng)
    child = parent
    for _ in range(edits):
        old, new = rng.choice(PAGE_EDITS)
        at = child.find(old, rng.randrange(len(child) + 1))
        at = child.find(old) if at == -1 else at
        if at != -1:
            child = child[:at] + new + child[at + len(old) :]
    result = _scan_pair(parent.encode(), child.encode())
    assert result.facts["p"] == facts_of(parent.encode())
    assert result.facts["c"] == facts_of(child.encode())


def test_a_long_pages_rest_stamp_is_kept_when_its_unread_middle_changes() -> None:
    # over 80 KiB: only both ends are read (the samples); a change between them leaves
    # what was read, the stamp of the later part in the first 64 KiB included
    filler = "\n\n".join(f"Filler paragraph {n} of the long page." for n in range(3000))
    parent = PARTED + "\n\n" + filler + "\n\n" + "\n\n".join(PARAGRAPHS[:100])
    assert len(parent.encode()) > 100_000
    child = parent.replace("Filler paragraph 1500 of", "Filler paragraph 1500, changed, of")
    result = _scan_pair(parent.encode(), child.encode())
    assert result.dates_parsed == 1
    assert result.facts["c"] == facts_of(child.encode())
    assert result.facts["c"].stated == "2025-06-01"
