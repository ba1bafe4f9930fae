"""The search index's text processing: exact incremental structure, passages, words.

``parse_structure`` must give exactly what sections.py gives for the whole text, while
parsing only what changed since the previous version; the index's entries must be what
a naive per-version walk finds. Checked on crafted edits, on random edits (hypothesis)
and on every version of the shared real corpus.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notices_repo.catalog.repository import NoticeRepository
from notices_repo.git.runner import GitRunner
from notices_repo.search.build import ChainIndexer, TaskOrder, index_versions
from notices_repo.search.normalise import body_word_lists, body_words, fold, safe_text, words
from notices_repo.search.passages import PASSAGE_MAX, clean_passage, cut, passages
from notices_repo.search.scope import select_versions
from notices_repo.search.tables import CATEGORY, SECTION
from notices_repo.text.sections import find_data_categories, parse_structure, split_sections
from tests.conftest import GitRepo

BASE = """# Privacy Notice

**Effective Date:** January 1, 2024

Intro paragraph.

## What we collect

* **Account Data:** Usernames.
* **Usage Data:** How you use it.

**Bold heading**

Text under the bold heading.

Setext heading
--------------

More text.

## Retention

We keep data for 30 days.
"""


def reference(text: str) -> tuple[list, list]:
    sections = split_sections(text)
    return sections, find_data_categories(text, sections)


def chain(*texts: str) -> None:
    """Parse texts as consecutive versions and compare each with sections.py."""
    previous = None
    for text in texts:
        structure = parse_structure(text, previous)
        assert (structure.sections, structure.categories) == reference(text), text
        previous = (text, structure) if structure.reusable else None


@pytest.mark.parametrize(
    "edit",
    [
        lambda t: t.replace("January 1, 2024", "March 3, 2025"),
        lambda t: t.replace("30 days", "90 days"),
        lambda t: t.replace("January 1, 2024", "May 5, 2025").replace("30 days", "9 days"),
        lambda t: t.replace("## Retention", "## Keeping data"),
        lambda t: t.replace("## Retention\n", "Retention, not a heading\n"),
        lambda t: t.replace("Intro paragraph.", "Intro.\n\n## New section\n\nNew text."),
        lambda t: t.replace("* **Usage Data:** How you use it.\n", ""),
        lambda t: t.replace("More text.", "More text.\n  continued in the list"),
        lambda t: t.replace("**Bold heading**", "**Bold heading** with words after"),
        lambda t: t.replace("Setext heading\n", "Setext\nheading\n"),
        lambda t: t + "\n```\ncode\n\n# not a heading\n```\n",
        lambda t: t.replace("\n", "\r\n"),
        lambda t: "---\ntitle: Front\n---\n" + t,
        lambda t: "",
        lambda t: t + "\n\n",
    ],
)
def test_incremental_structure_equals_sections_py(edit) -> None:  # type: ignore[no-untyped-def]
    new = edit(BASE)
    chain(BASE, new, edit(new), BASE)


PLAIN = """PRIVACY NOTICE

Effective January 1, 2024

What We Collect

We collect your name.

How Long We Keep It

Thirty days.
"""


def test_plain_text_headings_are_updated_incrementally_and_mode_flips() -> None:
    structure = parse_structure(PLAIN)
    assert structure.plain and structure.reusable
    assert [s.heading for s in structure.sections if s.level] == [
        "PRIVACY NOTICE",
        "What We Collect",
        "How Long We Keep It",
    ]
    chain(
        PLAIN,
        PLAIN.replace("Thirty days.", "Sixty days."),
        PLAIN.replace("Thirty days.", "Sixty days.\n\nSharing\n\nWe never share it."),
        PLAIN.replace("What We Collect", "## What We Collect"),  # markup appears: mode flips
        PLAIN,
    )


# random documents and random edits ------------------------------------------------------

BLOCKS = [
    "# Title",
    "## Section {n}",
    "### **Bold ATX {n}**",
    "**Bold line {n}**",
    "Setext {n}\n=====",
    "Setext two {n}\n---",
    "Plain Heading {n}",
    "A paragraph with words {n}.",
    "A paragraph\nwrapped over\ntwo lines {n}.",
    "* **Name {n}:** description of the item.",
    "* **Item {n}:** first line\n  continued line",
    "- plain list item {n}",
    "1. numbered item {n}",
    "> quoted text {n}",
    "| a | b |\n|---|---|\n| {n} | x |",
    "---",
    "**Effective Date:** May {n}, 2024",
    "    indented code {n}",
    "```\nfenced {n}\n\n# inside\n```",
    "{{% hint %}}\nhint text {n}\n{{% endhint %}}",
]


@st.composite
def documents(draw: st.DrawFn) -> list[str]:
    picks = draw(st.lists(st.integers(0, len(BLOCKS) - 1), min_size=0, max_size=14))
    return [BLOCKS[k].format(n=i) for i, k in enumerate(picks)]


@st.composite
def edited(draw: st.DrawFn) -> tuple[str, str]:
    blocks = draw(documents())
    new = list(blocks)
    for _ in range(draw(st.integers(1, 3))):
        action = draw(st.sampled_from(["insert", "delete", "replace", "join"]))
        position = draw(st.integers(0, len(new)))
        block = BLOCKS[draw(st.integers(0, len(BLOCKS) - 1))].format(n=99)
        if action == "insert" or not new:
            new.insert(position, block)
        elif action == "delete":
            del new[min(position, len(new) - 1)]
        elif action == "replace":
            new[min(position, len(new) - 1)] = block
        else:
            k = min(position, len(new) - 1)
            new[k] = new[k] + "\n" + block
    separator = draw(st.sampled_from(["\n\n", "\n\n\n", "\n\n  \n"]))
    return "\n\n".join(blocks) + "\n", separator.join(new) + "\n"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited())
def test_random_edits_keep_the_structure_exact(pair: tuple[str, str]) -> None:
    old, new = pair
    chain(old, new, old)


# passages and words -------------------------------------------------------------------


def test_passages_are_clean_inert_and_cut_at_sentence_ends() -> None:
    assert clean_passage("*   **Account Data:** Usernames [here](http://x.example).") == (
        "Account Data: Usernames here."
    )
    assert clean_passage("| a | b |\n|---|---|\n| c | d |") == "a b c d"
    assert clean_passage("> quoted &amp; <b>bold</b>\n> more") == "quoted & bold more"
    assert safe_text("a\x1b[31mb\u202ec\u200bd") == "a [31mb c d"
    long_text = " ".join(f"Sentence number {i} is here." for i in range(60))
    pieces = cut(long_text)
    assert len(pieces) > 1 and all(len(p) <= PASSAGE_MAX for p in pieces)
    assert all(p.endswith(".") for p in pieces[:-1])
    assert " ".join(pieces) == long_text
    assert passages("First.\n\n\nSecond para\nwrapped.\n\n   \n") == [
        "First.",
        "Second para wrapped.",
    ]


def test_words_are_folded() -> None:
    assert fold("Données PERSONNELLES") == "donnees personnelles"
    assert words("Straße, Ærø and naïve") == ["strasse", "ærø", "and", "naive"]
    assert body_words("The cookies and the data of us") == {"cookies", "data"}


# entries against a naive walk -----------------------------------------------------------


def naive_entries(texts: list[tuple[int, str]]) -> dict[tuple, tuple]:
    """(kind, label, passage) -> (first, last, count, section, offset) by brute force."""
    found: dict[tuple, list] = defaultdict(list)
    for version, text in texts:
        sections = split_sections(text)
        seen: set[tuple] = set()
        keys: list[tuple[tuple, tuple[int, int]]] = []
        for index, section in enumerate(sections):
            where = (index, section.start)
            if section.heading:
                keys.append(((SECTION, section.heading, None), where))
            for piece in passages(text[section.body_start : section.end]):
                keys.append(((SECTION, section.heading, piece), where))
        for category in find_data_categories(text, sections):
            where = (category.section_index, category.start)
            keys.append(((CATEGORY, category.name, None), where))
            for piece in cut(safe_text(category.description)):
                keys.append(((CATEGORY, category.name, piece), where))
        for key, where in keys:
            if key not in seen:
                seen.add(key)
                found[key].append((version, where))
    out = {}
    for key, hits in found.items():
        versions = [v for v, _ in hits]
        out[key] = (min(versions), max(versions), len(versions), *max(hits)[1])
    return out


def indexed_entries(texts: list[tuple[int, str]]) -> dict[tuple, tuple]:
    indexer = ChainIndexer()
    indexer.chain(0, texts)
    result = indexer.result()
    labels, texts_ = result["labels"], result["passages"]
    out = {}
    for _, kind, label, passage, first, last, count, _, section, offset, *_ in zip(
        *result["entries"], strict=True
    ):
        key = (kind, labels[label][1], texts_[passage] if passage >= 0 else None)
        out[key] = (first, last, count, section, offset)
    return out


def test_entries_equal_a_naive_walk_over_versions() -> None:
    versions = [
        BASE,
        BASE.replace("30 days", "90 days"),
        BASE.replace("30 days", "90 days").replace("## Retention", "## Keeping"),
        BASE,  # back to the first text: runs with a gap
        BASE + "\n## Retention\n\nAgain.\n",  # a heading twice in one text
    ]
    texts = list(enumerate(versions))
    assert indexed_entries(texts) == naive_entries(texts)


@pytest.mark.corpus
@pytest.mark.slow
def test_every_version_of_the_real_corpus(corpus: Path) -> None:
    repository = NoticeRepository(corpus)
    catalog = repository.load()
    _, _, chains = select_versions(catalog, "all", dt.date(2026, 11, 26))
    checked = 0
    for _, versions in chains:
        texts = [(vid, repository.read_text(blob).text) for vid, blob in versions]
        previous = None
        for _, text in texts:
            structure = parse_structure(text, previous)
            assert (structure.sections, structure.categories) == reference(text)
            previous = (text, structure) if structure.reusable else None
            checked += 1
        if len(texts) > 1 and checked < 400:
            assert indexed_entries(texts) == naive_entries(texts)
    repository.close()
    assert checked > 1000


_POOL_UNDER_TEXTUAL = """
import sys
from pathlib import Path

import notices_repo.search.build as search_build
from notices_repo.catalog.repository import NoticeRepository
from notices_repo.search.query import SearchIndex


class Capture:  # what Textual puts in sys.stderr while an app runs: no descriptor
    def write(self, text):
        return len(text)

    def flush(self):
        pass

    def fileno(self):
        return -1


search_build.PARALLEL_VERSIONS = 1  # the sample is small: use the pool anyway
repository = NoticeRepository(Path(sys.argv[1]), use_cache=False)
catalog = repository.load()
sys.stderr = Capture()
try:
    index = SearchIndex.load_or_build(
        repository, catalog, all_versions=True, use_cache=False, workers=2
    )
finally:
    sys.stderr = sys.__stderr__
print(index.search("cookies", scope="all", limit=1)[0].heading)
"""


def test_the_index_pool_starts_while_stderr_has_no_descriptor(sample_repo: Path) -> None:
    # Under Textual sys.stderr is a capture whose fileno() is -1, which multiprocessing's
    # resource tracker would pass on to its process: no pool, no all-versions index, on a
    # warm open where the history scan started no tracker before.
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", _POOL_UNDER_TEXTUAL, str(sample_repo)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Air-Gapped" in done.stdout


# paragraphs met again, blank ones, markup, and the words of each passage -----------------

REPEATS = """# Terms

Intro with a [link](https://example.com) and <b>tags</b>.

## Sharing

We share **data** with partners.

We share **data** with partners.

\u00a0

- a list item
- another one, caf\u00e9 and Stra\u00dfe

## Cookies

We share **data** with partners.
"""


def test_entries_of_repeated_and_blank_paragraphs_equal_a_naive_walk() -> None:
    versions = [
        REPEATS,
        REPEATS.replace("partners.\n\n\u00a0", "partners.\n\n\n\nNew paragraph."),
        REPEATS.replace("## Cookies", "## Cookie policy"),
        REPEATS,
    ]
    texts = list(enumerate(versions))
    assert indexed_entries(texts) == naive_entries(texts)


def test_each_passage_is_indexed_under_its_body_words_sorted() -> None:
    indexer = ChainIndexer()
    indexer.chain(0, list(enumerate([BASE, REPEATS, BASE.replace("30 days", "thirty days")])))
    result = indexer.result()
    vocabulary, terms = result["words"], result["passage_terms"]
    assert len(result["passages"]) == len(terms.offsets) - 1
    for item, text in enumerate(result["passages"]):
        found = [vocabulary[i] for i in terms.of(item)]
        assert found == sorted(body_words(text))
    labels = result["label_terms"]
    for item, (_, text) in enumerate(result["labels"]):
        assert [vocabulary[i] for i in labels.of(item)] == sorted(set(words(text)))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.text(alphabet=st.characters(codec="ascii")) | st.text(max_size=40),
        max_size=8,
    )
)
def test_body_word_lists_are_the_sorted_body_words(texts: list[str]) -> None:
    assert body_word_lists(texts) == [sorted(body_words(text)) for text in texts]


def test_body_word_lists_of_ascii_and_other_texts() -> None:
    texts = ["The __init__ of x1, 12 and 123.", "Donn\u00e9es caf\u00e9 THE cookies", "", "ab cd"]
    assert body_word_lists(texts) == [
        ["123", "__init__"],
        ["cafe", "cookies", "donnees"],
        [],
        [],
    ]


def test_edits_undone_index_as_the_texts_themselves(git_repo: GitRepo) -> None:
    # A version whose blob is one of the two before it reuses that text (not decoded
    # again): the entries must be those of the texts indexed one by one.
    edited = BASE.replace("30 days", "90 days")
    renamed = BASE.replace("## Retention", "## Keeping")
    order = [BASE, edited, BASE, edited, edited, renamed, BASE, renamed]
    blobs = []
    for text in order:
        git_repo.write("notice.md", text)
        blobs.append(git_repo.git("hash-object", "-w", "notice.md").strip())
    read = index_versions(GitRunner(git_repo.path), [(0, list(enumerate(blobs)))], workers=1)
    indexer = ChainIndexer()
    indexer.chain(0, list(enumerate(order)))
    assert [plain(result) for result in read] == [plain(indexer.result())]


def plain(result: dict) -> dict:
    """A worker's result with its term tables as lists (to compare)."""
    out = dict(result)
    for name in ("label_terms", "passage_terms"):
        out[name] = (list(result[name].flat), list(result[name].offsets))
    return out


_OLD_COMBINING = re.compile(
    "[\u0300-\u0305\u0307-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
    "|(?<![\u0438\u0443])\u0306"
)


def fold_by_one_pattern(text: str) -> str:
    """:func:`fold` as it was: one pattern (with the breve's lookbehind) for every text."""
    folded = text.casefold()
    if folded.isascii():
        return folded
    decomposed = unicodedata.normalize("NFKD", folded)
    return unicodedata.normalize("NFC", _OLD_COMBINING.sub("", decomposed))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from("aeiouйиуЙ\u0306\u0301\u0308éЁё“’–ﬁ²ダ한 ")))
def test_fold_takes_the_breve_path_only_when_it_matters(text: str) -> None:
    assert fold(text) == fold_by_one_pattern(text)


def test_fold_examples_with_and_without_a_breve() -> None:
    for text in [
        "мой мои ў",
        "Données “quoted” – ﬁne",
        "й\u0306",
        "a\u0306 \u0306",
        "ダウンロード",
    ]:
        assert fold(text) == fold_by_one_pattern(text)


_SPACES_AND_UNSAFE = "ab é\t\n\r\x00\x1b\x1f\x85\x9f\xa0\u200b\u202e\u2028\ufeff"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(_SPACES_AND_UNSAFE)))
def test_passages_are_the_safe_text_collapsed(text: str) -> None:
    # Unsafe characters (controls, bidi, zero-width) become spaces, then whitespace runs
    # one space: whatever order the cleaning does it in.
    assert clean_passage(text) == " ".join(safe_text(text).split())


@given(st.permutations(list(range(9))))
def test_worker_results_are_merged_in_task_order_whatever_order_they_finish(
    finished: list[int],
) -> None:
    """Merged ids (and so the order of equally recent hits) do not depend on which
    worker process was faster."""
    delivered: list[int] = []
    order = TaskOrder(lambda result: delivered.append(result["task"]))
    for number in finished:
        order.add(number, {"task": number})
        assert delivered == list(range(len(delivered)))  # never one out of order
    assert delivered == list(range(9)) and not order.waiting
