"""Search folding across scripts: accents of Latin, Greek and Cyrillic only (issue 14).

Kana voiced marks (dakuten, handakuten), hangul syllables and CJK ideographs are never
changed by folding, so ``ダウンロード`` and ``プライバシー`` are found as typed. Real git
repositories, the real index and engine.
"""

from __future__ import annotations

import pytest

from notices_repo.search.normalise import fold
from tests.conftest import GitRepo
from tests.core.test_search import label, marked, notice, open_index

TEXTS = {
    "jp/privacy.md": notice(
        "プライバシーポリシー",
        "May 1, 2025",
        """
## アプリの利用

「ダウンロード」ボタンを押すと、アプリのダウンロードが始まります。

## 半角の表記

ﾀﾞｳﾝﾛｰﾄﾞ の前に、プライバシー 設定を確認してください。
""",
    ),
    "kr/privacy.md": notice(
        "개인정보 처리방침",
        "May 1, 2025",
        "## 수집 항목\n\n회사는 서비스 제공을 위해 개인정보를 수집합니다.\n",
    ),
    "cn/privacy.md": notice(
        "隐私政策",
        "May 1, 2025",
        "## 个人信息\n\n我们 收集 您的 设备信息 以便 提供服务。\n",
    ),
    "ru/privacy.md": notice(
        "Политика конфиденциальности",
        "May 1, 2025",
        "## Удаление учётной записи\n\nВы можете удалить персональные данные в настройках.\n",
    ),
    "gr/privacy.md": notice(
        "Πολιτική Απορρήτου",
        "May 1, 2025",
        "## Προσωπικά Δεδομένα\n\nΣυλλέγουμε δεδομένα επικοινωνίας για την υποστήριξη.\n",
    ),
    "de/privacy.md": notice(
        "Datenschutzerklärung",
        "May 1, 2025",
        "## Verarbeitung\n\nIhre Anschrift (Straße, Hausnummer) wird für die Zustellung "
        "gespeichert. Über Änderungen informieren wir Sie.\n",
    ),
    "fr/privacy.md": notice(
        "Politique de confidentialité",
        "May 1, 2025",
        "## Données à caractère personnel\n\nNous conservons vos données pendant trois ans.\n",
    ),
}


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory):
    repo = GitRepo(tmp_path_factory.mktemp("scripts") / "notices")
    repo.commit(TEXTS)
    return open_index(repo)


def first(index, query: str):
    hits = index.search(query)
    assert hits, f"nothing found for {query!r}"
    return hits[0]


@pytest.mark.parametrize("query", ["ダウンロード", "ﾀﾞｳﾝﾛｰﾄﾞ"])
def test_japanese_word_with_voiced_marks_is_found(index, query: str) -> None:
    hits = index.search(query)
    assert {h.path for h in hits} == {"jp/privacy.md"}
    assert {h.heading for h in hits} == {"アプリの利用", "半角の表記"}
    hit = next(h for h in hits if h.heading == "アプリの利用")
    assert marked(hit.snippet, hit.spans) == ["ダウンロード"]
    half = next(h for h in hits if h.heading == "半角の表記")
    assert marked(half.snippet, half.spans) == ["ﾀﾞｳﾝﾛｰﾄﾞ"]


def test_japanese_title_prefix_with_voiced_marks(index) -> None:
    hit = first(index, "プライバシー")
    assert hit.path == "jp/privacy.md"
    assert label(hit) == "プライバシーポリシー"
    assert marked(label(hit), hit.label_spans) == ["プライバシー"]


def test_korean_word_is_found_and_marked_exactly(index) -> None:
    hit = first(index, "개인정보")
    assert hit.path == "kr/privacy.md"
    matches = [h for h in index.search("개인정보") if h.heading == "수집 항목"]
    assert matches and marked(matches[0].snippet, matches[0].spans) == ["개인정보"]


def test_chinese_heading_and_word(index) -> None:
    assert label(first(index, "隐私政策")) == "隐私政策"
    hit = first(index, "设备信息")
    assert (hit.path, hit.heading) == ("cn/privacy.md", "个人信息")


@pytest.mark.parametrize("query", ["учетной записи", "учётной записи", "УЧЁТНОЙ"])
def test_russian_with_and_without_yo(index, query: str) -> None:
    hit = first(index, query)
    assert (hit.path, label(hit)) == ("ru/privacy.md", "Удаление учётной записи")


@pytest.mark.parametrize("query", ["προσωπικα δεδομενα", "Προσωπικά Δεδομένα", "ΔΕΔΟΜΕΝΑ"])
def test_greek_with_and_without_tonos(index, query: str) -> None:
    hit = first(index, query)
    assert (hit.path, label(hit)) == ("gr/privacy.md", "Προσωπικά Δεδομένα")


@pytest.mark.parametrize(
    ("query", "word"),
    [("strasse", "Straße"), ("Straße", "Straße"), ("STRASSE", "Straße"), ("uber", "Über")],
)
def test_german_sharp_s_and_umlauts(index, query: str, word: str) -> None:
    hit = first(index, query)
    assert (hit.path, hit.heading) == ("de/privacy.md", "Verarbeitung")
    assert word in marked(hit.snippet, hit.spans)


def test_german_title_with_umlaut(index) -> None:
    hit = first(index, "datenschutzerklarung")
    assert label(hit) == "Datenschutzerklärung"


@pytest.mark.parametrize("query", ["donnees caractere", "Données à caractère", "DONNÉES"])
def test_french_accents(index, query: str) -> None:
    hit = first(index, query)
    assert (hit.path, label(hit)) == ("fr/privacy.md", "Données à caractère personnel")


def test_fold_strips_latin_greek_cyrillic_accents_only() -> None:
    assert fold("Données Straße Müller") == "donnees strasse muller"
    assert fold("Ελληνικά") == "ελληνικα"
    assert fold("Учётной") == "учетной"  # ё folds, й stays
    for unchanged in ("ダウンロード", "プライバシー", "パスワード", "개인정보", "隐私政策"):
        assert fold(unchanged) == unchanged
    assert fold("ﾀﾞｳﾝﾛｰﾄﾞ") == "ダウンロード"  # half-width kana, composed
