"""Translations: a notice's language from its path, the variants of one document, and
whether a translation's version in force is behind its source's (real repositories)."""

from __future__ import annotations

import datetime as dt

import pytest

from notices_repo.catalog.repository import NoticeRepository
from notices_repo.catalog.translations import (
    BEHIND,
    CURRENT,
    NOT_IN_FORCE,
    SOURCE,
    Translations,
    candidates,
    find_translations,
    language_tag,
    repository_translations,
    source_language_setting,
)
from tests.conftest import GitRepo

TODAY = dt.date(2026, 3, 1)
TEXT = "# {title}\n\nEffective {date}\n\n## Scope\n\n{body}\n"


def notice(title: str, date: str, body: str = "Text.") -> str:
    """A notice stating its effective date."""
    return TEXT.format(title=title, date=date, body=body)


def build_multilingual(git_repo: GitRepo) -> GitRepo:
    """Both layouts: ``en/privacy.md`` + ``de/privacy.md`` (folder) and
    ``terms/en-US.md`` + ``terms/fr.md`` + ``terms/pt_BR.md`` (file name).

    The English privacy notice took effect 2024-01-01, 2024-06-01 and 2025-03-01 and
    announces 2026-06-01; the German one stayed at 2024-01-01: behind by two versions
    (425 days) on 2026-03-01. The French terms follow the source; the Brazilian
    Portuguese terms are only announced. ``legal/cookies.md``, ``it/handbook.md`` and
    ``docs/id.md`` have no language.
    """
    jan, jun = "January 1, 2024", "June 1, 2024"
    git_repo.commit(
        {
            "en/privacy.md": notice("Privacy Policy", jan, "First."),
            "de/privacy.md": notice("Datenschutzerklärung", jan, "Erste."),
            "terms/en-US.md": notice("Terms of Service", jan),
            "terms/fr.md": notice("Conditions d'utilisation", jan),
            "legal/cookies.md": notice("Cookies", jan),
            "it/handbook.md": notice("IT handbook", jan),
            "docs/id.md": notice("Identity documents", jan),
        },
        date="2024-01-02T10:00:00+00:00",
        message="first versions",
    )
    git_repo.commit(
        {
            "en/privacy.md": notice("Privacy Policy", jun, "Second."),
            "terms/en-US.md": notice("Terms of Service", jun, "Second."),
            "terms/fr.md": notice("Conditions d'utilisation", jun, "Deuxième."),
        },
        date="2024-06-02T10:00:00+00:00",
        message="June update",
    )
    git_repo.commit(
        {
            "en/privacy.md": notice("Privacy Policy", "March 1, 2025", "Third."),
            "terms/pt_BR.md": notice("Termos de Serviço", "June 1, 2026"),
        },
        date="2025-03-02T10:00:00+00:00",
        message="March update; Brazilian terms announced",
    )
    git_repo.commit(
        {"en/privacy.md": notice("Privacy Policy", "June 1, 2026", "Fourth.")},
        date="2026-02-01T10:00:00+00:00",
        message="announce June 2026",
    )
    return git_repo


def load(git_repo: GitRepo, day: dt.date = TODAY) -> Translations:
    repository = NoticeRepository(git_repo.path)
    try:
        return repository_translations(repository, repository.load(), day)
    finally:
        repository.close()


@pytest.mark.parametrize(
    ("segment", "tag"),
    [
        ("de", "de"),
        ("de-DE", "de-DE"),
        ("de_DE", "de-DE"),
        ("de-de", "de-DE"),
        ("pt-BR", "pt-BR"),
        ("pt_br", "pt-BR"),
        ("zh-TW", "zh-TW"),
        ("zh-Hant", "zh-Hant"),
        ("zh_hant_tw", "zh-Hant-TW"),
        ("en-US", "en-US"),
        ("es-419", "es-419"),
        ("EN", "en"),
        # not languages
        ("legal", None),
        ("terms", None),
        ("xx", None),  # not an ISO 639-1 code
        ("en-USA", None),
        ("de-", None),
        ("v1", None),
        ("eng", None),  # three-letter codes are not read
        ("", None),
    ],
)
def test_language_tags(segment: str, tag: str | None) -> None:
    assert language_tag(segment) == tag


def test_the_three_layouts_and_paths_without_a_language() -> None:
    def readings(path: str) -> list[tuple[str, str]]:
        return [(c.layout, c.language) for c in candidates(path)]

    assert readings("de/privacy.md") == [("folder", "de")]
    assert readings("privacy/de.md") == [("stem", "de")]
    assert readings("privacy.de.md") == [("suffix", "de")]
    assert readings("shop/pt_BR/terms.md") == [("folder", "pt-BR")]
    assert readings("legal/terms.md") == []
    assert readings("privacy.md") == []
    assert readings("terms-of-service.md") == []
    # a two-letter name is only a candidate; whether it is a language is decided by its
    # siblings (see the repository tests)
    assert readings("docs/id.md") == [("stem", "id")]
    # the same document in any layout has the same identity whatever the language
    assert candidates("de/privacy.md")[0].document == candidates("en-US/privacy.txt")[0].document
    assert candidates("privacy/de.md")[0].document == candidates("privacy/EN.md")[0].document
    assert candidates("a/privacy.de.md")[0].document == candidates("a/privacy.en.md")[0].document


def test_variants_in_both_layouts_and_one_behind_by_two_versions(git_repo: GitRepo) -> None:
    found = load(build_multilingual(git_repo))
    assert [d.name for d in found.documents] == ["*/privacy.md", "terms/*.md"]
    privacy, terms = found.documents

    assert [(v.notice.path, v.language, v.state) for v in privacy.variants] == [
        ("en/privacy.md", "en", SOURCE),
        ("de/privacy.md", "de", BEHIND),
    ]
    german = privacy.variants[1]
    assert german.translation_of == "en/privacy.md"
    assert german.in_force is not None and german.in_force.effective_date == dt.date(2024, 1, 1)
    # 2024-06-01 and 2025-03-01 took effect since; the 2026-06-01 announcement does not count
    assert german.behind is not None
    assert german.behind.to_json() == {"versions": 2, "days": 425}
    assert german.behind.describe() == "behind by 2 versions, 425 days"

    assert [(v.notice.path, v.language, v.state) for v in terms.variants] == [
        ("terms/en-US.md", "en-US", SOURCE),
        ("terms/fr.md", "fr", CURRENT),
        ("terms/pt_BR.md", "pt-BR", NOT_IN_FORCE),
    ]
    assert terms.variants[1].behind is None
    assert [v.notice.path for v in found.behind] == ["de/privacy.md"]


def test_non_language_paths_stay_unknown(git_repo: GitRepo) -> None:
    found = load(build_multilingual(git_repo))
    repository = NoticeRepository(git_repo.path)
    catalog = repository.load()
    repository.close()
    by_path = {n.path: n for n in catalog.notices}
    for path in ("legal/cookies.md", "it/handbook.md", "docs/id.md"):
        assert found.variant(by_path[path]) is None, path
        assert found.log_fields(by_path[path]) == {
            "language": None,
            "translation_of": None,
            "behind": None,
        }
    assert found.log_fields(by_path["de/privacy.md"]) == {
        "language": "de",
        "translation_of": "en/privacy.md",
        "behind": {"versions": 2, "days": 425},
    }
    assert found.log_fields(by_path["en/privacy.md"])["translation_of"] is None


def test_two_department_folders_are_not_two_languages(git_repo: GitRepo) -> None:
    """``hr/`` and ``it/`` are ISO 639-1 codes (Croatian, Italian) but, without the source
    language beside them, they are read as folders."""
    git_repo.commit(
        {
            "hr/privacy.md": notice("HR privacy", "January 1, 2024"),
            "it/privacy.md": notice("IT privacy", "January 1, 2024"),
        }
    )
    assert load(git_repo).documents == []


def test_a_configured_source_language(git_repo: GitRepo) -> None:
    git_repo.commit(
        {
            ".notice-tui.toml": 'source_language = "de_DE"\n',
            "privacy.de-DE.md": notice("Datenschutz", "March 1, 2025"),
            "privacy.en.md": notice("Privacy", "January 1, 2024"),
            "privacy.fr.md": notice("Confidentialité", "January 1, 2024"),
            "privacy.it.md": notice("Riservatezza", "January 1, 2024"),
        }
    )
    found = load(git_repo)
    (document,) = found.documents
    assert document.name == "privacy.*.md"
    assert found.source_language == "de-DE"
    assert [(v.language, v.state) for v in document.variants] == [
        ("de-DE", SOURCE),
        ("en", BEHIND),
        ("fr", BEHIND),
        ("it", BEHIND),
    ]
    assert document.variants[1].behind is not None
    assert document.variants[1].behind.to_json() == {"versions": 1, "days": 425}


def test_source_language_setting() -> None:
    assert source_language_setting(None) == (None, None)
    assert source_language_setting(b'include = ["*.md"]\n') == (None, None)
    assert source_language_setting(b'source_language = "pt_br"\n') == ("pt-BR", None)
    tag, warning = source_language_setting(b'source_language = "German"\n')
    assert tag is None
    assert warning is not None and "source_language" in warning and "ignored" in warning
    assert source_language_setting(b"source_language = 3\n")[0] is None


def test_as_on_an_earlier_day_the_variant_was_current(git_repo: GitRepo) -> None:
    build_multilingual(git_repo)
    found = load(git_repo, dt.date(2024, 3, 1))
    privacy = found.documents[0]
    assert [(v.language, v.state) for v in privacy.variants] == [("en", SOURCE), ("de", CURRENT)]
    found = load(git_repo, dt.date(2024, 7, 1))
    assert found.behind[0].behind is not None
    assert found.behind[0].behind.to_json() == {"versions": 1, "days": 152}


def test_the_sample_has_no_multilingual_document(sample_repo: object) -> None:
    repository = NoticeRepository(sample_repo)  # type: ignore[arg-type]
    try:
        catalog = repository.load()
        assert find_translations(catalog, TODAY).documents == []
    finally:
        repository.close()
