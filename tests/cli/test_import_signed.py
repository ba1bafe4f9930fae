"""``import --require-signed`` with a real, throwaway GnuPG: the box's keyring and the user's
git/gpg settings decide, never the repository's."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import GitRepo, git, run_command
from tests.security.test_security_helpers import markers_in

pytestmark = pytest.mark.skipif(
    shutil.which("gpg") is None, reason="gpg is not installed: signatures cannot be checked"
)


def _gpg(home: Path, *args: str, input: bytes | None = None) -> str:
    done = subprocess.run(
        ["gpg", "--homedir", str(home), "--batch", *args],
        input=input,
        capture_output=True,
        check=True,
        timeout=60,
    )
    return done.stdout.decode()


def _new_home(path: Path) -> Path:
    path.mkdir(mode=0o700, parents=True)
    return path


def _make_key(home: Path, uid: str) -> str:
    _gpg(home, "--passphrase", "", "--quick-gen-key", uid, "ed25519", "sign", "never")
    for line in _gpg(home, "--with-colons", "--list-secret-keys").splitlines():
        if line.startswith("fpr:"):
            return line.split(":")[9]
    raise AssertionError("no key generated")


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    """A signer with a key the box trusts, a stranger whose key the box lacks."""
    base = tmp_path_factory.mktemp("gpg")
    signer_home = _new_home(base / "signer")
    stranger_home = _new_home(base / "stranger")
    box_home = _new_home(base / "box")
    signer = _make_key(signer_home, "Notice Signer <signer@example.invalid>")
    stranger = _make_key(stranger_home, "Stranger <stranger@example.invalid>")
    _gpg(box_home, "--import", input=_gpg(signer_home, "--export", "--armor", signer).encode())
    yield {"signer": (signer_home, signer), "stranger": (stranger_home, stranger), "box": box_home}
    for home in (signer_home, stranger_home, box_home):
        subprocess.run(
            ["gpgconf", "--homedir", str(home), "--kill", "gpg-agent"],
            capture_output=True,
            check=False,
        )


def _commit(repo: GitRepo, name: str, text: str, key: tuple[Path, str] | None) -> str:
    repo.write(name, text)
    repo.git("add", name)
    args = ["commit", "-q", "-m", f"Add {name}"]
    env: dict[str, str] = {}
    if key is not None:
        home, fingerprint = key
        args = ["-c", f"user.signingkey={fingerprint}", "-c", "gpg.program=gpg", *args, "-S"]
        env = {"GNUPGHOME": str(home)}
    git(repo.path, *args, env=env)
    return repo.head()


@pytest.fixture
def setup(tmp_path: Path, keys: dict[str, object]) -> dict[str, object]:
    upstream = GitRepo(tmp_path / "upstream")
    base = _commit(upstream, "a.md", "# A\n\nEffective Date: 1 January 2025\n", None)
    bundle = tmp_path / "full.bundle"
    git(upstream.path, "bundle", "create", "-q", str(bundle), "--all")
    box = tmp_path / "box"
    assert run_command("import", str(bundle), "--repo", str(box)).code == 0  # trusted start
    home = tmp_path / "home"
    home.mkdir()
    return {"upstream": upstream, "base": base, "box": box, "home": home}


def _import(setup: dict[str, object], keys: dict[str, object], tmp_path: Path, *extra: str):
    upstream = setup["upstream"]
    assert isinstance(upstream, GitRepo)
    bundle = tmp_path / "next.bundle"
    git(upstream.path, "bundle", "create", "-q", str(bundle), f"{setup['base']}..main")
    env = {"GNUPGHOME": str(keys["box"]), "HOME": str(setup["home"])}
    return run_command(
        "import", str(bundle), "--repo", str(setup["box"]), "--require-signed", *extra, env=env
    )


def _head(setup: dict[str, object]) -> str:
    return git(Path(str(setup["box"])), "rev-parse", "HEAD").strip()


def test_commits_signed_by_a_trusted_key_are_imported(
    setup: dict[str, object], keys: dict[str, object], tmp_path: Path
) -> None:
    upstream = setup["upstream"]
    assert isinstance(upstream, GitRepo)
    _commit(upstream, "b.md", "# B\n", keys["signer"])  # type: ignore[arg-type]
    tip = _commit(upstream, "c.md", "# C\n", keys["signer"])  # type: ignore[arg-type]
    result = _import(setup, keys, tmp_path, "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["signatures_checked"] == 2
    assert _head(setup) == tip


def test_the_first_unsigned_commit_is_named_and_nothing_changes(
    setup: dict[str, object], keys: dict[str, object], tmp_path: Path
) -> None:
    upstream = setup["upstream"]
    assert isinstance(upstream, GitRepo)
    _commit(upstream, "b.md", "# B\n", keys["signer"])  # type: ignore[arg-type]
    unsigned = _commit(upstream, "c.md", "# C\n", None)
    _commit(upstream, "d.md", "# D\n", None)
    before = _head(setup)
    result = _import(setup, keys, tmp_path)
    assert result.code == 2
    assert f"commit {unsigned[:10]} 'Add c.md' carries no signature" in result.err
    assert _head(setup) == before and not (Path(str(setup["box"])) / "b.md").exists()


def test_a_key_the_box_does_not_know_is_refused(
    setup: dict[str, object], keys: dict[str, object], tmp_path: Path
) -> None:
    upstream = setup["upstream"]
    assert isinstance(upstream, GitRepo)
    foreign = _commit(upstream, "b.md", "# B\n", keys["stranger"])  # type: ignore[arg-type]
    result = _import(setup, keys, tmp_path)
    assert result.code == 2
    assert f"commit {foreign[:10]}" in result.err and "cannot be checked" in result.err


def test_the_repositorys_gpg_settings_never_count(
    setup: dict[str, object], keys: dict[str, object], tmp_path: Path
) -> None:
    """A repository whose gpg.program says every signature is good changes nothing."""
    upstream = setup["upstream"]
    assert isinstance(upstream, GitRepo)
    foreign = _commit(upstream, "b.md", "# B\n", keys["stranger"])  # type: ignore[arg-type]
    markers = tmp_path / "markers"
    markers.mkdir()
    liar = tmp_path / "liar-gpg"
    fpr = "0123456789ABCDEF" * 2 + "01234567"
    liar.write_text(
        "#!/bin/sh\n"
        f"touch {markers}/repo-gpg\n"
        "cat >/dev/null\n"
        "echo '[GNUPG:] NEWSIG'\n"
        "echo '[GNUPG:] GOODSIG 0123456789ABCDEF Anyone <a@example.invalid>'\n"
        f"echo '[GNUPG:] VALIDSIG {fpr} 2020-01-01 1577836800 0 4 0 22 8 00 {fpr}'\n"
        "echo '[GNUPG:] TRUST_ULTIMATE 0 pgp'\n"
        "exit 0\n"
    )
    liar.chmod(0o755)
    box = Path(str(setup["box"]))
    for key in ("gpg.program", "gpg.openpgp.program", "gpg.ssh.program", "gpg.x509.program"):
        git(box, "config", key, str(liar))
    git(box, "config", "gpg.minTrustLevel", "undefined")
    result = _import(setup, keys, tmp_path)
    assert result.code == 2 and f"commit {foreign[:10]}" in result.err
    assert markers_in(markers) == []
    # the control: git itself, left to the repository's config, believes the liar
    control = subprocess.run(
        ["git", "verify-commit", foreign], cwd=box, capture_output=True, check=False
    )
    assert control.returncode == 0 and markers_in(markers) == ["repo-gpg"]


def test_the_users_own_gpg_program_is_used(
    setup: dict[str, object], keys: dict[str, object], tmp_path: Path
) -> None:
    upstream = setup["upstream"]
    assert isinstance(upstream, GitRepo)
    tip = _commit(upstream, "b.md", "# B\n", keys["signer"])  # type: ignore[arg-type]
    markers = tmp_path / "markers"
    markers.mkdir()
    wrapper = tmp_path / "my-gpg"
    wrapper.write_text(f'#!/bin/sh\ntouch {markers}/user-gpg\nexec gpg "$@"\n')
    wrapper.chmod(0o755)
    home = Path(str(setup["home"]))
    (home / ".gitconfig").write_text(f"[gpg]\n\tprogram = {wrapper}\n")
    result = _import(setup, keys, tmp_path)
    assert result.code == 0, result.err
    assert markers_in(markers) == ["user-gpg"]
    assert _head(setup) == tip


def test_the_users_minimum_trust_level_applies(
    setup: dict[str, object], keys: dict[str, object], tmp_path: Path
) -> None:
    """The box imported the signer's key without certifying it: trust is 'undefined'."""
    upstream = setup["upstream"]
    assert isinstance(upstream, GitRepo)
    signed = _commit(upstream, "b.md", "# B\n", keys["signer"])  # type: ignore[arg-type]
    (Path(str(setup["home"])) / ".gitconfig").write_text("[gpg]\n\tminTrustLevel = fully\n")
    result = _import(setup, keys, tmp_path)
    assert result.code == 2 and f"commit {signed[:10]}" in result.err
    assert "minTrustLevel" in result.err
