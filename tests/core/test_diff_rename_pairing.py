"""Renamed sections are paired only when the texts are alike or the heading barely changed.

Issue 14: "Retention of personal data" -> "Sharing of Personal Data" and "Cross-border
data transfers" -> "California" were shown as renames of each other; they are one
section removed and one added. Real git repositories (``History`` of
``test_diff_sections``), both matching paths (few and many unmatched sections).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.test_diff_sections import History, compare

RETENTION = """We keep personal data only for as long as we need it to provide the service,
to comply with our legal obligations and to resolve disputes. When it is no longer
needed, we delete it or make it anonymous.
"""
SHARING = """We share personal data with service providers who process it on our behalf,
with other companies of our group, and with authorities when the law requires it. We
never sell it.
"""
TRANSFERS = """Your personal data may be processed in countries other than your own. Where we
transfer it outside the European Economic Area we rely on standard contractual clauses.
"""
CALIFORNIA = """Residents of California have the right to know which categories of personal
information we collected, to ask us to delete it, and to opt out of its sale or sharing.
"""
INTRO = "This notice explains what we do with your data.\n"


def notice(*sections: tuple[str, str]) -> str:
    return "# Privacy Notice\n\n" + INTRO + "".join(f"\n## {h}\n\n{b}" for h, b in sections)


def renames(result) -> list[tuple[str, str]]:
    return [(s.old_heading, s.heading) for s in result.sections if s.old_heading is not None]


def statuses(result) -> dict[str, str]:
    return {s.heading: s.status for s in result.changed_sections}


@pytest.fixture
def repo(tmp_path: Path) -> History:
    """A real git repository holding the revisions of one notice."""
    return History(tmp_path / "notices")


@pytest.fixture(params=["few", "many"])
def path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both matching paths: the pairwise one, and the one for many unmatched sections."""
    if request.param == "many":
        monkeypatch.setattr("notices_repo.diff.matching.MAX_BODY_PAIRS", 0)
    return request.param


def test_retention_to_sharing_is_removed_and_added(repo: History, path: str) -> None:
    old = notice(("Retention of personal data", RETENTION), ("Contact", "Write to us.\n"))
    new = notice(("Sharing of Personal Data", SHARING), ("Contact", "Write to us.\n"))
    result = compare(repo, old, new)
    assert renames(result) == []
    assert statuses(result) == {
        "Sharing of Personal Data": "added",
        "Retention of personal data": "removed",
    }
    assert (result.summary["sections_added"], result.summary["sections_removed"]) == (1, 1)


def test_cross_border_to_california_is_removed_and_added(repo: History, path: str) -> None:
    old = notice(("Cross-border data transfers", TRANSFERS), ("Contact", "Write to us.\n"))
    new = notice(("California", CALIFORNIA), ("Contact", "Write to us.\n"))
    result = compare(repo, old, new)
    assert renames(result) == []
    assert statuses(result) == {"California": "added", "Cross-border data transfers": "removed"}


def test_headings_with_empty_bodies_are_not_alike(repo: History, path: str) -> None:
    """A heading followed at once by a sub-heading has no body: that is no likeness."""
    old = "# Privacy Notice\n\n## Cross-border data transfers\n\n### Safeguards\n\n" + TRANSFERS
    new = "# Privacy Notice\n\n## California\n\n### Safeguards\n\n" + TRANSFERS
    result = compare(repo, old, new)
    assert renames(result) == []
    assert statuses(result) == {"California": "added", "Cross-border data transfers": "removed"}


def test_alike_texts_under_a_new_heading_are_a_rename(repo: History, path: str) -> None:
    edited = RETENTION.replace("resolve disputes", "settle disputes")
    old = notice(("Retention of personal data", RETENTION))
    new = notice(("How long we keep your data", edited))
    result = compare(repo, old, new)
    if path == "few":
        assert renames(result) == [("Retention of personal data", "How long we keep your data")]
    else:  # many sections: bodies count only when identical, headings as before
        assert renames(result) == []
    same = compare(repo, old, notice(("How long we keep your data", RETENTION)))
    assert renames(same) == [("Retention of personal data", "How long we keep your data")]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("6 BRAZIL", "5. BRAZIL"),  # renumbered
        ("Effective Date: January 16, 2026", "Effective Date: March 31, 2026"),  # a date
        ("Last updated 2 May 2025", "Last updated 1 June 2026"),
        ("（4）发品指南：", "2.1.5 发品指南："),
        ("Data Collection and Usage", "Data Collection and Use"),
        ("Activity Controls", "Personalization and Activity Controls"),
    ],
)
def test_a_heading_changed_a_little_is_a_rename_whatever_the_body(
    repo: History, path: str, old: str, new: str
) -> None:
    result = compare(
        repo,
        notice((old, RETENTION), ("Contact", "x\n")),
        notice((new, SHARING), ("Contact", "x\n")),
    )
    if path == "many" and (old == "Activity Controls" or "Date" in old or "updated" in old):
        assert renames(result) == []  # word containment and dates: checked pairwise only
    else:
        assert renames(result) == [(old, new)]


def test_the_measures() -> None:
    """What the thresholds are applied to, on the issue's examples."""
    from notices_repo.diff.matching import bodies_alike, heading_changed_little

    words = str.split
    assert not heading_changed_little("Retention of personal data", "Sharing of Personal Data")
    assert not heading_changed_little("Cross-border data transfers", "California")
    assert heading_changed_little("19. Maps Grounding Lite API", "10. Maps Grounding Lite API")
    assert bodies_alike(words(RETENTION.lower()), words(SHARING.lower())) < 0.5
    assert bodies_alike(words(TRANSFERS.lower()), words(CALIFORNIA.lower())) < 0.5
    doubled = words(RETENTION.lower()) * 2
    assert bodies_alike(words(RETENTION.lower()), doubled) == pytest.approx(2 / 3)
    assert bodies_alike(["a", "b"], ["a", "b"]) == 0.0  # too short to tell
