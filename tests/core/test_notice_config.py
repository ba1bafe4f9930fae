"""Repository housekeeping (CODE_OF_CONDUCT, SECURITY...) is not a notice unless named."""

from __future__ import annotations

from notices_repo.catalog.repository import NoticeRepository
from notices_repo.catalog.rules import parse_rules
from tests.conftest import GitRepo

HOUSEKEEPING = {
    "CODE_OF_CONDUCT.md": "# Contributor Covenant Code of Conduct\n",
    "SECURITY.md": "# Security Policy\n\nReport vulnerabilities to security@example.org.\n",
    "docs/security.txt": "Security policy\n",
    "CONTRIBUTING.md": "# How to contribute\n",
    "privacy/notice.md": "# Privacy Notice\n\nEffective Date: 1 January 2024\n",
}


def _paths(repo: GitRepo) -> list[str]:
    repository = NoticeRepository(repo.path)
    try:
        return [n.path for n in repository.load().notices]
    finally:
        repository.close()


def test_code_of_conduct_and_security_are_not_notices(git_repo: GitRepo) -> None:
    git_repo.commit(HOUSEKEEPING, message="Repository files")
    assert _paths(git_repo) == ["privacy/notice.md"]


def test_a_glob_does_not_bring_them_back_but_naming_them_does(git_repo: GitRepo) -> None:
    git_repo.commit(
        HOUSEKEEPING | {".notice-tui.toml": 'include = ["**/*.md", "**/*.txt"]\n'},
        message="Every Markdown file",
    )
    assert _paths(git_repo) == ["privacy/notice.md"]
    git_repo.commit(
        {".notice-tui.toml": 'include = ["**/*.md", "SECURITY.md", "**/security.txt"]\n'},
        message="The security policy is a notice here",
    )
    assert sorted(_paths(git_repo)) == ["SECURITY.md", "docs/security.txt", "privacy/notice.md"]


def test_rules_name_housekeeping_case_insensitively() -> None:
    rules = parse_rules(None)
    for path in ("CODE_OF_CONDUCT.md", "code_of_conduct.rst", "a/Security.txt", "SECURITY.md"):
        assert not rules.is_notice(path), path
    assert rules.is_notice("security-notice.md") and rules.is_notice("conduct.md")
    named = parse_rules(b'include = ["CODE_OF_CONDUCT.md"]\nexclude = ["SECURITY.md"]\n')
    assert named.is_notice("CODE_OF_CONDUCT.md") and not named.is_notice("SECURITY.md")
    assert not named.is_notice("sub/CODE_OF_CONDUCT.md")
