"""The relevance set (tests/core/relevance/queries.toml) against the shared real corpus.

Every query's expected sections must be in the top 5. The set and the reason for each
expectation are data in tests/core/relevance/; bench/bench_search.py types the same queries.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest

from notices_repo.catalog.repository import NoticeRepository
from notices_repo.search.query import Hit, SearchIndex

QUERIES = Path(__file__).parent / "relevance" / "queries.toml"
TODAY = dt.date(2026, 11, 26)
DEPTH = 5

pytestmark = [pytest.mark.corpus, pytest.mark.slow]


def load_queries() -> list[dict[str, Any]]:
    with open(QUERIES, "rb") as handle:
        return tomllib.load(handle)["query"]


def fits(hit: Hit, item: dict[str, str]) -> bool:
    """Whether a hit is the document/section an expectation names."""
    if hit.path != item["path"]:
        return False
    label = hit.name if hit.name is not None else hit.heading
    if "label" in item:
        return label.casefold() == item["label"].casefold()
    return item.get("contains", "").casefold() in label.casefold()


def test_the_set_is_big_enough_and_well_formed() -> None:
    queries = load_queries()
    assert len(queries) >= 30
    for query in queries:
        assert query["q"].strip() and query["why"].strip() and query["expect"]
        assert query.get("scope", "latest") in ("latest", "all")
        for group in query["expect"]:
            assert group and all("path" in item for item in group)


@pytest.fixture(scope="module")
def corpus_index(corpus: Path) -> SearchIndex:
    repository = NoticeRepository(corpus)
    catalog = repository.load()
    index = SearchIndex.load_or_build(repository, catalog, all_versions=True, today=TODAY)
    repository.close()
    return index


QUERY_IDS = [f"{q['q']}{' @' + q['notice'] if 'notice' in q else ''}" for q in load_queries()]


@pytest.mark.parametrize("query", load_queries(), ids=QUERY_IDS)
def test_expected_sections_are_in_the_top_5(corpus_index: SearchIndex, query: dict) -> None:
    hits = corpus_index.search(
        query["q"], limit=DEPTH, scope=query.get("scope", "latest"), notice_key=query.get("notice")
    )
    shown = [f"{h.path} | {h.name or h.heading} | {h.score:.1f}" for h in hits]
    for group in query["expect"]:
        assert any(fits(hit, item) for hit in hits for item in group), (
            f"{query['q']!r}: none of {group} in the top {DEPTH}:\n  " + "\n  ".join(shown)
        )
