"""Tests for text/whitespace.py (layout): what counts as layout, agreement between layout_tokens and
layout_fingerprint, speed, and Open Terms Archive's "technical upgrade" commits."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from notices_repo.text.whitespace import layout_fingerprint, layout_tokens
from tests.conftest import git

SAMPLE = Path(__file__).resolve().parents[2] / "notices_repo" / "sample" / "data"
VLOPSES = Path("/tmp/vlopses")
SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def fp(text: str) -> str:
    return layout_fingerprint(text.encode("utf-8"))


def same_layout(a: str, b: str) -> bool:
    """Tokens and fingerprints must agree; returns whether a and b differ only in layout."""
    by_tokens = layout_tokens(a) == layout_tokens(b)
    assert (fp(a) == fp(b)) == by_tokens
    return by_tokens


# --------------------------------------------------------------------------- layout


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # whitespace, re-wrapping, line endings
        ("One two three.\n", "One  two\nthree.   \n\n"),
        ("Line one\nline two\n", "Line one\r\nline two\r\n"),
        ("tab\tseparated", "tab separated"),
        ("non\u00a0breaking\u202fspaces\u3000here", "non breaking spaces here"),
        ("a\u2028b\x1cc", "a b c"),
        ("first<br>second<br/>third<BR />", "first second third"),
        ("GitBook&#x20;space&nbsp;here", "GitBook space here"),
        ("\ufeffWith BOM", "With BOM"),
        # list markers
        ("* **Account Data:** usernames\n", "*   **Account Data:** usernames\n"),
        ("- item one\n- item two\n", "*   item one\n*   item two\n"),
        ("+ item\n", "• item\n"),
        ("  • Account Data: x\n", "* Account Data: x\n"),
        ("·       Information That You Provide\n", "Information That You Provide\n"),
        ("1. first\n2. second\n", "1. first\n1. second\n"),
        ("1) first\n", "7. first\n"),
        ("    12. nested\n", "- nested\n"),
        # thematic breaks, setext underlines, ATX marks, quotes, tables
        ("Para.\n\n- - -\n\nNext.\n", "Para.\n\nNext.\n"),
        ("Para.\n\n***\n\nNext.\n", "Para.\n\n___\n\nNext.\n"),
        ("Title\n=====\n", "# Title\n"),
        ("Section\n-------\n", "## Section ##\n"),
        ("> quoted text\n", "quoted text\n"),
        ("| a | b |\n|---|---|\n", "a b\n|---|---|\n"),
        # escaping, link brackets, emphasis
        ("YT\\_External\\_Logo\\_01.jpg", "YT_External_Logo_01.jpg"),
        ("[x](<#How apps receive>)", "[x](#How apps receive)"),
        ("[mail](<mailto: a@b.c>).", "[mail](mailto: a@b.c)."),
        ("**Account Data:** text", "__Account Data:__ text"),
        ("**Account Data:** text", "Account Data: text"),
        ("_**Once** done_", "Once done"),
        ("***Both***", "Both"),
    ],
)
def test_layout_only(a: str, b: str) -> None:
    assert same_layout(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("We collect data.", "We collect your data."),  # a word added
        ("We collect data.", "We collect data!"),  # punctuation
        ("Meta, Inc.", "Meta , Inc."),  # punctuation moved
        ("[here](https://a.example/x)", "[here](https://a.example/y)"),  # link target
        ("[here](https://a.example/x)", "[there](https://a.example/x)"),  # link text
        ("Data", "data"),  # case
        ("see section 5.", "see section 6."),  # a number inside a line is text
        ("1\\. Who we are", "2\\. Who we are"),  # an escaped number is text, not a list
        ("5*3", "53"),  # arithmetic is not emphasis
        ("snake_case", "snakecase"),  # intra-word underscores are kept
        ("~~old~~ new", "old new"),  # strikethrough is kept
        ("`code`", "code"),  # code marks are kept
        ("a - b", "a – b"),  # an en dash is punctuation, not a marker
        ("Fees…", "Fees"),  # an ellipsis is not a bullet
    ],
)
def test_not_layout(a: str, b: str) -> None:
    assert not same_layout(a, b)


def test_rewrapped_number_becomes_a_marker() -> None:
    """The documented caveat of the line-start rule for ordered-list markers."""
    assert not same_layout("under section 5. The", "under section\n5. The")
    assert same_layout("under section\n5. The", "under section\nThe")


def test_tokens() -> None:
    text = "## **Account Data:**  Information\r\n*   such as `names`\n\n1. 2024\n- - -\n"
    assert layout_tokens(text) == [
        "Account",
        "Data:",
        "Information",
        "such",
        "as",
        "`names`",
        "2024",
    ]


def test_sample_technical_revision_is_layout_only() -> None:
    before = SAMPLE / "04-seed-text.md"
    after = SAMPLE / "05-technical-layout.md"
    if not before.exists() or not after.exists():
        pytest.skip("built-in sample texts not found")
    assert layout_fingerprint(before.read_bytes()) == layout_fingerprint(after.read_bytes())
    assert layout_tokens(before.read_text("utf-8")) == layout_tokens(after.read_text("utf-8"))


def test_encodings() -> None:
    text = "Privacy\u00a0Notice • for workspaces\n"
    utf8 = layout_fingerprint(text.encode("utf-8"))
    assert layout_fingerprint(b"\xef\xbb\xbf" + text.encode("utf-8")) == utf8
    assert layout_fingerprint(text.encode("utf-16")) == utf8  # with its BOM
    assert layout_fingerprint(b"\xff\xfe\x00\x00" + text.encode("utf-32-le")) == utf8
    # Bytes that are not UTF-8 are fingerprinted as they are (never an error).
    assert len(layout_fingerprint("Café déjà".encode("latin-1"))) == 40


def test_never_raises_on_odd_input() -> None:
    assert layout_tokens("") == []
    assert layout_tokens(None) == []  # type: ignore[arg-type]
    assert layout_tokens("\ud800 lone surrogate") == ["\ud800", "lone", "surrogate"]
    assert layout_fingerprint(b"") == layout_fingerprint(b"  \n\t ")
    assert layout_fingerprint(bytearray(b"a b")) == layout_fingerprint(b"a  b")
    assert layout_fingerprint(memoryview(b"a b")) == layout_fingerprint(b"a\nb")
    assert layout_fingerprint("text") == layout_fingerprint(b"")  # type: ignore[arg-type]
    assert layout_fingerprint(b"\xff\xfe\xfd invalid") != layout_fingerprint(b"")


# --------------------------------------------------------------------------- properties

WORDS = st.sampled_from(
    ["Account", "Data:", "data", "5.", "1.", "1\\.", "a_b", "5*3", "[x](<y>)", "é", "“q”"]
)
MARKUP = st.sampled_from(
    ["*", "-", "+", "•", "·", "#", "##", ">", "|", "=", "---", "***", "**", "__", "_", "\\"]
)
SPACES = st.sampled_from([" ", "  ", "\n", "\r\n", "\t", "\u00a0", "\u2003", "\n\n", " \n  "])
PIECES = st.one_of(WORDS, MARKUP, SPACES, st.text(max_size=3))
TEXTS = st.lists(PIECES, max_size=60).map("".join)


@SETTINGS
@given(st.one_of(st.text(max_size=300), TEXTS))
@example("a\u0085b")
@example("* \\* *")
@example("1.\n2.")
def test_tokens_are_words(text: str) -> None:
    tokens = layout_tokens(text)
    for token in tokens:
        assert token and token.split() == [token]
    assert len(layout_fingerprint(text.encode("utf-8", "surrogatepass"))) == 40


@SETTINGS
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=8)))
@example(["\ufeff"])
@example(["\ufeffword", "\ufeff"])
def test_plain_words_are_split_like_str_split(words: list[str]) -> None:
    """Without markup characters the tokens are exactly ``str.split()`` of the text after
    its byte order mark (a BOM at the start is encoding, not layout: dropped)."""
    markup = set("*_-+=#>|\\<&[]()•·●◦▪○■‣⁃0123456789")
    text = " ".join(w for w in words if not markup & set(w))
    assert layout_tokens(text) == text.removeprefix("\ufeff").split()


@SETTINGS
@given(TEXTS, TEXTS)
def test_fingerprint_agrees_with_tokens(a: str, b: str) -> None:
    same_layout(a, b)


@SETTINGS
@given(st.data())
def test_whitespace_changes_are_layout(data: st.DataObject) -> None:
    # Numbers like "5." are left out: re-wrapped to the start of a line they become
    # ordered-list markers (see test_rewrapped_number_becomes_a_marker).
    words = data.draw(st.lists(WORDS.filter(lambda w: w not in ("1.", "5.")), min_size=1))
    one = " ".join(words)
    other = "".join(w + data.draw(SPACES) for w in words)
    assert same_layout(one, other)
    assert same_layout(one, one.replace(" ", "\r\n"))


# --------------------------------------------------------------------------- speed


def test_fingerprint_speed_on_one_megabyte() -> None:
    line = "*   **Account Data:** Information such as [usernames](<#names>), e\\_mail.\n"
    data = (line * (1_100_000 // len(line))).encode("utf-8")
    best = min(_timed(layout_fingerprint, data) for _ in range(3))
    assert best < 1.0, f"{len(data) / best / 1e6:.1f} MB/s"


def test_fingerprint_speed_on_one_long_line() -> None:
    data = ("word " * 14_000).encode("utf-8") + "• ".encode() * 1000 + b"*_" * 10_000
    assert len(data) > 65_000
    assert _timed(layout_fingerprint, data) < 0.5


def _timed(function, data: bytes) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    function(data)
    return time.perf_counter() - start


# --------------------------------------------------------------------------- real corpus


@pytest.fixture(scope="module")
def vlopses(request: pytest.FixtureRequest) -> Path:
    if (VLOPSES / ".git").exists():
        return VLOPSES
    return request.getfixturevalue("corpus")


def _technical_pairs(root: Path) -> list[tuple[str, str, bytes, bytes]]:
    """(commit, path, before, after) of every "technical upgrade" commit."""
    log = git(
        root, "log", "--format=%H", "--grep=^Apply technical or declaration upgrade", raw=True
    ).split()
    pairs = []
    for commit in (c.decode() for c in log):
        raw = git(root, "diff-tree", "-r", "-z", "--no-commit-id", f"{commit}^", commit, raw=True)
        fields = raw.split(b"\0")
        for meta, path in zip(fields[0::2], fields[1::2], strict=False):
            parts = meta.split()
            if len(parts) < 5 or parts[4] != b"M":
                continue
            before = git(root, "cat-file", "blob", parts[2].decode(), raw=True)
            after = git(root, "cat-file", "blob", parts[3].decode(), raw=True)
            pairs.append((commit, path.decode(), before, after))
    return pairs


@pytest.mark.corpus
@pytest.mark.slow
def test_technical_upgrades_in_the_real_corpus(vlopses: Path) -> None:
    pairs = _technical_pairs(vlopses)
    if not pairs:
        pytest.skip("no technical upgrade commits in this corpus")
    layout_only = whitespace_only = 0
    for _commit, _path, before, after in pairs:
        same = layout_fingerprint(before) == layout_fingerprint(after)
        layout_only += same
        if before.split() == after.split():
            whitespace_only += 1
            assert same, "a whitespace-only change must be layout-only"
    # 155 commits in the vlopses-us bundle: 63 whitespace-only, 94 layout-only (escaping,
    # link brackets, thematic breaks added); the rest change words or links.
    assert layout_only >= whitespace_only
    assert layout_only > 0.5 * len(pairs)
    assert layout_only < len(pairs)
