"""Every encoding, and what is not text (issue 12, part 5): one test per case, on real
repositories, through ``show``, ``log --json`` and the app's reader."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from notices_repo.text.decode import BINARY_CONTROL_SHARE, classify, decode, utf8_errors
from tests.app.app_pilot import main_screen, make_app, screen_text, settle
from tests.conftest import GitRepo, run_cli, run_command

FRENCH = (
    "# Politique de confidentialité\n\n"
    "Dernière mise à jour : 9 décembre 2023\n\n"
    "## Données collectées\n\n"
    "Nous collectons vos données de connexion.\n"
)


def _show(repo: Path, name: str) -> dict:
    result = run_cli("show", name, "--repo", str(repo), "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def _revision(repo: Path, name: str) -> dict:
    result = run_cli("log", name, "--repo", str(repo), "--json")
    assert result.code == 0, result.err
    (notice,) = json.loads(result.out)["notices"]
    return notice["revisions"][0]


def _body(document: dict) -> str:
    return "".join(s["text"] for s in document["sections"])


async def _reader(repo: Path) -> tuple[str, str]:
    """What the app's reader shows of the only notice, and the screen."""
    app = make_app(repo)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        return main_screen(app).view.visible_text(), screen_text(app)


async def test_one_bad_byte_in_utf8_is_one_replacement_character(git_repo: GitRepo) -> None:
    data = FRENCH.encode().replace(b"connexion", b"conne\xffxion")
    git_repo.commit({"fr/privacy.md": data})
    document = _show(git_repo.path, "fr/privacy.md")
    body = _body(document)
    assert "Données collectées" in [s["heading"] for s in document["sections"]]
    assert "conne\ufffdxion" in body and body.count("\ufffd") == 1
    assert "Ã" not in body  # not Windows-1252 throughout
    assert document["warning"] == "UTF-8 with 1 invalid byte sequence (replaced by U+FFFD)"
    revision = _revision(git_repo.path, "fr/privacy.md")
    assert (revision["effective_date"], revision["date_source"]) == ("2023-12-09", "text")
    assert revision["warning"] == document["warning"]
    text, screen = await _reader(git_repo.path)
    assert "Nous collectons vos données de conne\ufffdxion." in text
    assert "invalid byte sequence" in screen


async def test_bytes_that_are_not_utf8_at_all_are_windows_1252(git_repo: GitRepo) -> None:
    git_repo.commit({"fr/privacy.md": FRENCH.encode("cp1252") + b"\x93ok\x94\n"})
    document = _show(git_repo.path, "fr/privacy.md")
    body = _body(document)
    assert "Nous collectons vos données de connexion." in body and "“ok”" in body
    assert "\ufffd" not in body
    assert document["warning"] == (
        "not UTF-8 (9 of 9 non-ASCII sequences invalid); decoded as Windows-1252"
    )
    revision = _revision(git_repo.path, "fr/privacy.md")
    assert revision["effective_date"] == "2023-12-09"
    assert "Windows-1252" in revision["warning"]
    text, _ = await _reader(git_repo.path)
    assert "Données collectées" in text


async def test_utf16_with_a_byte_order_mark(git_repo: GitRepo) -> None:
    git_repo.commit({"fr/privacy.md": ("\ufeff" + FRENCH).encode("utf-16-le")})
    result = run_command("show", "fr/privacy.md", "--repo", str(git_repo.path), "--no-pager")
    assert result.code == 0, result.err
    assert "Nous collectons vos données de connexion." in result.out
    assert "warning:    encoded as UTF-16-LE; decoded" in result.out
    assert "effective:  2023-12-09  [in-force]" in result.out
    revision = _revision(git_repo.path, "fr/privacy.md")
    assert revision["effective_date"] == "2023-12-09"
    assert revision["warning"] == "encoded as UTF-16-LE; decoded"
    text, screen = await _reader(git_repo.path)
    assert "Nous collectons vos données de connexion." in text and "\x00" not in text
    assert "UTF-16-LE" in screen


def test_utf16_without_a_byte_order_mark_is_text_not_binary(git_repo: GitRepo) -> None:
    git_repo.commit({"fr/privacy.md": FRENCH.encode("utf-16-be")})
    document = _show(git_repo.path, "fr/privacy.md")
    assert "données de connexion" in _body(document)
    assert document["warning"] == "UTF-16-BE without a byte-order mark; decoded"
    assert _revision(git_repo.path, "fr/privacy.md")["effective_date"] == "2023-12-09"


def _crawled_report() -> bytes:
    """A crawled report of about 365 KB with 1,242 NUL bytes spread through it."""
    head = b"# Transparency Report\n\nLast updated: March 3, 2024\n\n## Requests\n\n"
    line = b"Government requests for user data were reviewed and answered in full.\n"
    body = bytearray(head + line * 5200)
    assert 360_000 < len(body) < 370_000
    step = (len(body) - len(head)) // 1242
    for k in range(1242):
        body.insert(len(head) + k * step + k, 0)  # before a byte of text: nothing lost
    return bytes(body)


async def test_a_large_text_with_a_few_nul_bytes_is_text(git_repo: GitRepo) -> None:
    data = _crawled_report()
    assert data.count(0) == 1242 and len(data) > 365_000
    git_repo.commit({"reports/transparency.md": data})
    document = _show(git_repo.path, "reports/transparency.md")
    body = _body(document)
    assert document["warning"] == "1,242 NUL bytes dropped"
    assert "\x00" not in body and body.count("answered in full.") == 5200
    assert [s["heading"] for s in document["sections"]] == ["Transparency Report", "Requests"]
    revision = _revision(git_repo.path, "reports/transparency.md")
    assert (revision["effective_date"], revision["warning"]) == (
        "2024-03-03",
        "1,242 NUL bytes dropped",
    )
    text, screen = await _reader(git_repo.path)
    assert "Government requests for user data" in text and "binary" not in text
    assert "NUL bytes dropped" in screen


async def test_a_real_binary_is_still_binary(git_repo: GitRepo) -> None:
    png = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00"
        b"\x00\x1f\xf3\xffa\x00\x00\x00\x19IDATx\x9cc\xfc\xff\xff?\x03%\x80\x89\x81\x81\x81"
        b"\x81\x1a\x18\x00\x00\x9b\x1b\x06\xfa\x7f\xa6\xd8\x0e\x00\x00\x00\x00IEND\xaeB`\x82"
    )
    git_repo.commit({"images/logo.md": png})
    document = _show(git_repo.path, "images/logo.md")
    assert (
        document["sections"] == [] and document["warning"] == "binary file (PNG image); not shown"
    )
    revision = _revision(git_repo.path, "images/logo.md")
    assert revision["warning"] == "binary file (PNG image); not shown"
    assert revision["date_source"] == "commit"
    text, _ = await _reader(git_repo.path)
    assert "no text: binary file (PNG image)" in text and "IHDR" not in text


# --------------------------------------------------------------------- the rules


def test_the_utf8_rule_counts_invalid_sequences_against_valid_characters() -> None:
    assert utf8_errors("café".encode()) == (0, 1)
    assert utf8_errors("café".encode("latin-1")) == (1, 0)
    assert utf8_errors(b"\xef\xbf\xbd \xff") == (1, 1)  # a real U+FFFD is valid
    # as many invalid sequences as valid characters: still UTF-8
    assert decode("é".encode() + b" \xff").encoding == "utf-8"
    # more invalid than valid: not UTF-8 at all
    assert decode("é".encode() + b" \xe9 \xe8").encoding == "windows-1252"
    # the five bytes Windows-1252 leaves unassigned read as in browsers
    assert decode(b"\x81\x8d\x8f\x90\x9d").text == "\x81\x8d\x8f\x90\x9d"


@pytest.mark.parametrize(
    ("data", "binary"),
    [
        (b"text\x01\x00" * 2, True),  # 4 of 12 bytes are control bytes
        (b"text\x01" * 2, False),  # no NUL: text with control characters shown as marks
        (b"x" * 95 + b"\x00" * 5, False),  # 5%: not more than the share
        (b"x" * 94 + b"\x00" * 6, True),
        (b"tab\tnewline\ncarriage\rform\x0cescape\x1b[1m" * 20, False),
        (b"%PDF-1.7\x00short", True),
        (b"%PDF-1.7 no NUL", False),
        (b"\x1f\x8b\x08\x00" + b"x" * 100, True),
    ],
)
def test_a_file_is_binary_when_it_is_mostly_not_text(data: bytes, binary: bool) -> None:
    assert BINARY_CONTROL_SHARE == 0.05
    assert classify(data).binary is binary
    assert decode(data).binary is binary


def test_damage_in_the_middle_of_a_long_text_gets_the_same_warning_everywhere() -> None:
    from notices_repo.catalog.blob import facts_of

    text = (FRENCH * 3000).encode()  # ~400 KB: the date scan reads only both ends
    middle = text.index(b"\n", len(text) // 2) + 1
    data = b"\xef\xbb\xbf" + text[:middle] + b"\xff\x00" + text[middle:]
    warning = "UTF-8 with 1 invalid byte sequence (replaced by U+FFFD); 1 NUL byte dropped"
    assert decode(data).warning == warning
    assert facts_of(data) == ("2023-12-09", "day", warning, None, None)
    assert decode(data).text.count("\ufffd") == 1 and "\x00" not in decode(data).text
