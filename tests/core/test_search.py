"""Search engine on real git repositories: one test per ranking rule, history, the cache."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest

from notices_repo.catalog.repository import NoticeRepository
from notices_repo.catalog.timeline import effective_versions
from notices_repo.errors import Cancelled
from notices_repo.search.index import index_file, read_meta
from notices_repo.search.query import SCORE_CUTOFF, Hit, IndexNotReady, SearchIndex
from tests.conftest import GitRepo

TODAY = dt.date(2026, 11, 26)


def notice(title: str, date: str, body: str) -> str:
    """A small Markdown notice with a stated effective date."""
    return f"# {title}\n\n**Effective Date:** {date}\n\n{body.strip()}\n"


def open_index(repo: GitRepo | Path, *, all_versions: bool = False, **kw: object) -> SearchIndex:
    path = repo.path if isinstance(repo, GitRepo) else repo
    repository = NoticeRepository(path)
    catalog = repository.load()
    try:
        return SearchIndex.load_or_build(
            repository,
            catalog,
            all_versions=all_versions,
            today=TODAY,
            **kw,  # type: ignore[arg-type]
        )
    finally:
        repository.close()


def label(hit: Hit) -> str:
    return hit.name if hit.name is not None else hit.heading


def marked(text: str, spans: tuple[tuple[int, int], ...]) -> list[str]:
    return [text[a:b] for a, b in spans]


# ranking rules ------------------------------------------------------------------------


def test_heading_outranks_the_same_words_in_body_text(git_repo: GitRepo) -> None:
    git_repo.commit(
        {
            # the body-only notice is newer, so recency cannot be what puts the heading first
            "a/privacy.md": notice(
                "Privacy Notice",
                "March 1, 2024",
                "## Cookies\n\nWe place small files on your device.\n",
            ),
            "b/privacy.md": notice(
                "Privacy Notice",
                "June 1, 2025",
                "## Tracking\n\nWe use cookies to remember your settings.\n",
            ),
        }
    )
    hits = open_index(git_repo).search("cookies")
    assert [(h.path, label(h)) for h in hits[:2]] == [
        ("a/privacy.md", "Cookies"),
        ("b/privacy.md", "Tracking"),
    ]
    assert hits[0].score > hits[1].score
    assert marked(hits[1].snippet, hits[1].spans) == ["cookies"]


def test_category_name_outranks_body_text(git_repo: GitRepo) -> None:
    git_repo.commit(
        {
            "notice.md": notice(
                "Privacy Notice",
                "May 1, 2025",
                """
## What we collect

* **Location Data:** Where your device is.
* **Device Data:** Model and settings; location data is never derived from it.
""",
            )
        }
    )
    hits = open_index(git_repo).search("location data")
    assert hits[0].kind == "data_category"
    assert hits[0].name == "Location Data"
    assert hits[0].heading == "What we collect"
    assert marked(hits[0].name, hits[0].label_spans) == ["Location", "Data"]
    kinds = [(h.kind, label(h)) for h in hits]
    assert kinds.index(("data_category", "Location Data")) < kinds.index(
        ("data_category", "Device Data")
    )


def test_typo_finds_the_word(git_repo: GitRepo) -> None:
    git_repo.commit({"notice.md": notice("Notice", "May 1, 2025", "## Cookies\n\nSmall files.\n")})
    index = open_index(git_repo)
    for typo in ("cookeis", "cokies", "cookis"):
        hits = index.search(typo)
        assert hits and label(hits[0]) == "Cookies", typo
        assert marked(label(hits[0]), hits[0].label_spans) == ["Cookies"]
    assert index.search("cookies")[0].score > index.search("cookeis")[0].score


def test_word_order_does_not_matter(git_repo: GitRepo) -> None:
    git_repo.commit(
        {
            "notice.md": notice(
                "Notice",
                "May 1, 2025",
                """
## Data we collect about usage patterns

* **Usage Data:** Details on how users interact with the software.
* **Account Data:** Usernames.
""",
            )
        }
    )
    hits = open_index(git_repo).search("data usage")
    assert (hits[0].kind, hits[0].name) == ("data_category", "Usage Data")


def test_partial_word_matches_its_completions(git_repo: GitRepo) -> None:
    git_repo.commit(
        {
            "notice.md": notice(
                "Notice",
                "May 1, 2025",
                "## Retention\n\nWe keep logs for 30 days.\n\n## Security\n\nWe encrypt.\n",
            )
        }
    )
    hits = open_index(git_repo).search("retent")
    assert label(hits[0]) == "Retention"
    assert marked(label(hits[0]), hits[0].label_spans) == ["Retent"]


def test_multi_word_query_needs_every_word(git_repo: GitRepo) -> None:
    git_repo.commit(
        {
            "notice.md": notice(
                "Notice",
                "May 1, 2025",
                """
## Retention

We keep data while your account is open.

## Deletion

After the retention period of 30 days we delete your data.

## Period of notice

We give thirty days' notice.
""",
            )
        }
    )
    hits = open_index(git_repo).search("retention period")
    assert label(hits[0]) == "Deletion"
    assert marked(hits[0].snippet, hits[0].spans) == ["retention", "period"]
    assert all(label(h) != "Security" for h in hits)


def test_ties_are_broken_by_recency(git_repo: GitRepo) -> None:
    body = "## Cookies\n\nWe use cookies.\n"
    git_repo.commit(
        {
            "old/notice.md": notice("Old", "January 1, 2022", body),
            "new/notice.md": notice("New", "January 1, 2025", body),
            "mid/notice.md": notice("Mid", "January 1, 2023", body),
        }
    )
    hits = open_index(git_repo).search("cookies")
    heads = [h for h in hits if h.heading == "Cookies" and h.snippet == "We use cookies."]
    assert [h.path for h in heads][:3] == ["new/notice.md", "mid/notice.md", "old/notice.md"]
    assert len({h.score for h in heads[:3]}) == 1


def test_nothing_above_the_cutoff_is_no_match(git_repo: GitRepo) -> None:
    git_repo.commit({"notice.md": notice("Notice", "May 1, 2025", "## Cookies\n\nText.\n")})
    index = open_index(git_repo)
    assert index.search("zzyzx") == []
    assert index.search("cookies xylophone") == []  # every strong word must match
    assert all(h.score > SCORE_CUTOFF for h in index.search("cookies"))
    assert index.search("   ") == []


def test_short_queries_search_headings_and_names_only(git_repo: GitRepo) -> None:
    git_repo.commit(
        {
            "notice.md": notice(
                "Notice",
                "May 1, 2025",
                """
## Cookies

Small files.

## Security

Cookies are protected; cobalt keys.
""",
            )
        }
    )
    hits = open_index(git_repo).search("co")
    assert hits
    assert {label(h) for h in hits} == {"Cookies"}
    assert marked(label(hits[0]), hits[0].label_spans) == ["Co"]


def test_matched_words_are_spans_into_the_snippet(git_repo: GitRepo) -> None:
    long_body = " ".join(["filler"] * 80) + " Ünïcode Données personnelles here. " + "end " * 40
    git_repo.commit({"notice.md": notice("Notice", "May 1, 2025", f"## Part\n\n{long_body}\n")})
    hits = open_index(git_repo).search("donnees")
    hit = hits[0]
    assert len(hit.snippet) <= 170 and hit.snippet.startswith("… ")
    assert marked(hit.snippet, hit.spans) == ["Données"]  # accents folded, offsets exact


def test_untrusted_text_is_inert_in_snippets(git_repo: GitRepo) -> None:
    git_repo.commit(
        {
            "notice.md": notice(
                "Notice",
                "May 1, 2025",
                "## Cookies\n\nWe use cookies\x1b[31m red\u202e and\u200b hidden.\n",
            )
        }
    )
    hit = open_index(git_repo).search("cookies")[0]
    assert not any(ch in hit.snippet for ch in "\x1b\u202e\u200b")


def test_notice_filter(git_repo: GitRepo) -> None:
    body = "## Cookies\n\nWe use cookies.\n"
    git_repo.commit(
        {"a/n.md": notice("A", "May 1, 2025", body), "b/n.md": notice("B", "May 1, 2024", body)}
    )
    index = open_index(git_repo)
    assert {h.path for h in index.search("cookies", notice_key="b/n.md")} == {"b/n.md"}
    assert index.search("cookies", notice_key="nope.md") == []


# history ------------------------------------------------------------------------------

V1 = """
## What we collect

* **Account Data:** Usernames and e-mail addresses.

## Retention

We keep data for 30 days.
"""

V2 = V1.replace(
    "* **Account Data:** Usernames and e-mail addresses.",
    "* **Account Data:** Usernames and e-mail addresses.\n"
    "* **Tracking or Cookies:** No tracking technologies or cookies are used.",
)


def _history(git_repo: GitRepo) -> None:
    git_repo.commit(
        {"privacy/notice.md": notice("Privacy", "January 1, 2023", V1)},
        date="2023-01-01T10:00:00+00:00",
    )
    git_repo.commit(
        {"privacy/notice.md": notice("Privacy", "July 1, 2024", V2)},
        date="2024-07-01T10:00:00+00:00",
    )
    git_repo.commit(
        {"privacy/notice.md": notice("Privacy", "March 1, 2025", V2 + "\n## Contact\n\nWrite.\n")},
        date="2025-03-01T10:00:00+00:00",
    )


def test_category_that_appeared_later_reports_its_first_seen_date(git_repo: GitRepo) -> None:
    _history(git_repo)
    index = open_index(git_repo, all_versions=True)
    hit = index.search("cookies", scope="all")[0]
    assert (hit.kind, hit.name) == ("data_category", "Tracking or Cookies")
    assert hit.first_seen == dt.date(2024, 7, 1)
    assert hit.last_seen == dt.date(2025, 3, 1)
    assert hit.versions == 2
    assert hit.effective_date == dt.date(2025, 3, 1)
    assert len(hit.commit) == 40


def test_identical_text_across_versions_is_one_hit(git_repo: GitRepo) -> None:
    _history(git_repo)
    index = open_index(git_repo, all_versions=True)
    hits = [h for h in index.search("retention", scope="all") if h.heading == "Retention"]
    assert len(hits) == 1
    assert (hits[0].first_seen, hits[0].last_seen, hits[0].versions) == (
        dt.date(2023, 1, 1),
        dt.date(2025, 3, 1),
        3,
    )
    # latest scope: the version in force only
    latest = index.search("retention")[0]
    assert (latest.first_seen, latest.last_seen, latest.versions) == (
        dt.date(2025, 3, 1),
        dt.date(2025, 3, 1),
        1,
    )


def test_history_hit_opens_at_its_section_in_its_version(git_repo: GitRepo) -> None:
    from notices_repo.text.sections import split_sections

    _history(git_repo)
    repository = NoticeRepository(git_repo.path)
    catalog = repository.load()
    index = SearchIndex.load_or_build(repository, catalog, all_versions=True, today=TODAY)
    changed = V1.replace("30 days", "90 days")
    git_repo.commit({"privacy/notice.md": notice("Privacy", "June 1, 2026", changed)})
    hits = index.search("30 days", scope="all")  # the index is the one of the old HEAD
    hit = next(h for h in hits if h.heading == "Retention")
    version = next(
        v for n in catalog.notices for v in effective_versions(n) if v.revision.commit == hit.commit
    )
    text = repository.read_text(version.revision.blob).text
    section = split_sections(text)[hit.section]
    assert section.heading == "Retention" and section.start == hit.offset
    repository.close()


def test_latest_scope_is_the_version_in_force(git_repo: GitRepo) -> None:
    _history(git_repo)
    git_repo.commit(
        {"privacy/notice.md": notice("Privacy", "January 1, 2030", V2 + "\n## Future\n\nSoon.\n")}
    )
    index = open_index(git_repo, all_versions=True)
    assert index.search("future") == []
    assert [h.effective_date for h in index.search("future", scope="all")] == [dt.date(2030, 1, 1)]


# the index file -----------------------------------------------------------------------


def test_index_is_saved_reused_and_rebuilt_when_head_moves(git_repo: GitRepo) -> None:
    git_repo.commit({"notice.md": notice("Notice", "May 1, 2025", "## Cookies\n\nText.\n")})
    first = open_index(git_repo)
    assert first.stats()["mapped"] is True
    path = index_file(NoticeRepository(git_repo.path).git_dir, "latest")
    built = read_meta(path)
    assert built is not None
    again = open_index(git_repo)
    assert read_meta(path) == built  # reused, not rewritten
    assert again.search("cookies")
    git_repo.commit({"notice.md": notice("Notice", "May 2, 2025", "## Privacy\n\nText.\n")})
    moved = open_index(git_repo)
    assert read_meta(path) != built
    assert moved.search("cookies") == []
    assert moved.search("privacy")


def test_damaged_index_file_is_rebuilt_not_trusted(git_repo: GitRepo) -> None:
    git_repo.commit({"notice.md": notice("Notice", "May 1, 2025", "## Cookies\n\nText.\n")})
    open_index(git_repo)
    path = index_file(NoticeRepository(git_repo.path).git_dir, "latest")
    data = bytearray(path.read_bytes())
    path.write_bytes(bytes(data[: len(data) // 2]))  # a writer killed mid-write
    assert open_index(git_repo).search("cookies")
    path.write_bytes(b"garbage")
    assert open_index(git_repo).search("cookies")


def test_unwritable_cache_still_searches(
    git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    git_repo.commit({"notice.md": notice("Notice", "May 1, 2025", "## Cookies\n\nText.\n")})
    blocker = git_repo.path.parent / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("NOTICE_TUI_CACHE_DIR", str(blocker))
    index = open_index(git_repo)
    assert index.stats()["mapped"] is False
    assert index.search("cookies")


def test_build_reports_progress_and_can_be_cancelled(git_repo: GitRepo) -> None:
    git_repo.commit({"notice.md": notice("Notice", "May 1, 2025", "## Cookies\n\nText.\n")})
    seen: list[str] = []
    open_index(git_repo, use_cache=False, progress=lambda stage, done, total: seen.append(stage))
    assert "indexing texts" in seen
    cancelled = threading.Event()
    cancelled.set()
    with pytest.raises(Cancelled):
        open_index(git_repo, use_cache=False, cancelled=cancelled)


def test_all_versions_scope_must_be_built_first(git_repo: GitRepo) -> None:
    _history(git_repo)
    repository = NoticeRepository(git_repo.path)
    catalog = repository.load()
    index = SearchIndex.load_or_build(repository, catalog, today=TODAY)
    assert index.scopes == ("latest",)
    with pytest.raises(IndexNotReady):
        index.search("cookies", scope="all")
    with pytest.raises(ValueError):
        index.search("cookies", scope="sometimes")
    more = index.with_all_versions(repository, catalog, today=TODAY)
    assert more.scopes == ("latest", "all")
    assert more.search("cookies", scope="all")[0].first_seen == dt.date(2024, 7, 1)
    repository.close()


def _content(index: SearchIndex, scope: str) -> tuple[set[tuple[object, ...]], list[str]]:
    """An index's entries and vocabulary, independent of how its ids were numbered."""
    from notices_repo.search.index import NO_PASSAGE

    t = index._engines[scope].t

    def lab(x: int) -> object:
        return None if x == NO_PASSAGE else (t.label_kind[x], t.labels[x])

    def text(x: int) -> object:
        return None if x == NO_PASSAGE else t.passage_text(x)

    entries = {
        (
            t.notices[t.e_notice[k]][0],
            t.e_kind[k],
            lab(t.e_label[k]),
            text(t.e_passage[k]),
            t.commits[t.e_first[k]],
            t.commits[t.e_last[k]],
            t.e_count[k],
            t.commits[t.e_newest[k]],
            t.e_section[k],
            t.e_offset[k],
            lab(t.e_context[k]),
            text(t.e_lead[k]),
        )
        for k in range(len(t.e_kind))
    }
    return entries, list(t.vocab)


def test_a_new_head_reindexes_only_the_notices_that_changed(git_repo: GitRepo) -> None:
    _history(git_repo)
    git_repo.commit(
        {
            "other/terms.md": notice("Terms", "May 1, 2024", "## Payments\n\nBy card.\n"),
            "gone/faq.md": notice("FAQ", "May 1, 2024", "## Questions\n\nAsk zanzibar.\n"),
        },
        date="2024-05-01T10:00:00+00:00",
    )
    open_index(git_repo, all_versions=True)
    git_repo.commit(
        {
            "privacy/notice.md": notice(
                "Privacy", "June 1, 2026", V2.replace("30 days", "90 days") + "\n## New\n\nx.\n"
            ),
            "gone/faq.md": None,
        },
        date="2026-06-01T10:00:00+00:00",
    )
    updated = open_index(git_repo, all_versions=True)
    fresh = open_index(git_repo, all_versions=True, use_cache=False)
    for scope in ("latest", "all"):
        assert updated.stats(scope)["reused_notices"] >= 1, scope
        assert _content(updated, scope) == _content(fresh, scope), scope
        for query in ("retention", "90 days", "payments", "cookies", "zanzibar"):
            got = [h.to_json() for h in updated.search(query, scope=scope)]
            assert got == [h.to_json() for h in fresh.search(query, scope=scope)], query
    assert "zanzibar" not in _content(updated, "latest")[1]
