"""The built-in sample: invented revisions say so, and older samples on disk are rebuilt."""

from __future__ import annotations

from pathlib import Path

from notices_repo.sample.build import MARKER, ensure_sample
from tests.conftest import GitRepo, git

#: The one revision of the sample that is Rocket.Chat's own text.
REAL_SUBJECT = "Publish the notice as it reads in Rocket.Chat's documentation"


def _subjects(path: Path) -> list[str]:
    return git(path, "log", "--format=%s").splitlines()


def test_invented_revisions_have_subjects_starting_with_sample(sample_repo: Path) -> None:
    subjects = _subjects(sample_repo)
    assert len(subjects) == 8
    invented = [s for s in subjects if s != REAL_SUBJECT]
    assert len(invented) == 7
    assert all(s.startswith("[sample] ") for s in invented), invented
    assert REAL_SUBJECT in subjects
    readme = (sample_repo / "README.md").read_text("utf-8")
    assert '"[sample]"' in readme


def test_a_sample_built_by_an_older_notice_tui_is_rebuilt(tmp_path: Path) -> None:
    old = GitRepo(tmp_path / "sample-repository")
    old.commit(
        {"privacy/privacy-notice-for-air-gapped-workspaces.md": "# Old\n"},
        message="Amend the air-gapped notice: diagnostic data, effective March 1st, 2026",
    )
    # what an older notice-tui wrote: the digest of its own manifest, and its HEAD
    (old.path / ".git" / MARKER).write_text(f"{'0' * 64} {old.head()}\n", "utf-8")
    rebuilt = ensure_sample(old.path)
    assert rebuilt == old.path
    subjects = _subjects(rebuilt)
    assert "[sample] Amend the air-gapped notice: diagnostic data, effective March 1st, 2026" in (
        subjects
    )
    assert "Amend the air-gapped notice: diagnostic data, effective March 1st, 2026" not in (
        subjects
    )
    assert ensure_sample(old.path) == old.path  # now current: kept as it is
    assert _subjects(old.path) == subjects
