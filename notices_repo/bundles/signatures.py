"""``import --require-signed``: every new commit must carry a signature that the *user's*
git/gpg configuration verifies (never the repository's)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from notices_repo.bundles.results import ImportRefused, ImportResult
from notices_repo.git.runner import GitRunner

_USER_GPG_KEYS = (
    "gpg.program",
    "gpg.format",
    "gpg.mintrustlevel",
    "gpg.openpgp.program",
    "gpg.x509.program",
    "gpg.ssh.program",
    "gpg.ssh.allowedsignersfile",
)


def user_gpg_config(runner: GitRunner) -> list[tuple[str, str]]:
    """``-c`` pairs that make signature checks use the user's gpg settings, never the repo's.

    The user's own (``--global``, then ``--system``) ``gpg.*`` values are read and passed
    explicitly; every verification program setting the user left unset gets git's default,
    so a repository's ``gpg.program`` or ``gpg.ssh.allowedSignersFile`` never counts.
    """
    found: dict[str, str] = {}
    for scope in ("--system", "--global"):  # global wins over system, as in git
        status, out, _ = runner.run(
            "config", scope, "--includes", "-z", "--get-regexp", r"^gpg\.", check=False
        )
        if status != 0:
            continue
        for record in out.decode("utf-8", "surrogateescape").split("\x00"):
            key, _, value = record.partition("\n")
            if key.lower() in _USER_GPG_KEYS:
                found[key.lower()] = value
    program = found.get("gpg.openpgp.program") or found.get("gpg.program") or "gpg"
    return [
        ("gpg.program", program),
        ("gpg.openpgp.program", program),
        ("gpg.x509.program", found.get("gpg.x509.program", "gpgsm")),
        ("gpg.ssh.program", found.get("gpg.ssh.program", "ssh-keygen")),
        ("gpg.ssh.allowedSignersFile", found.get("gpg.ssh.allowedsignersfile", os.devnull)),
        ("gpg.format", found.get("gpg.format", "openpgp")),
        ("gpg.minTrustLevel", found.get("gpg.mintrustlevel", "undefined")),
    ]


_SIGNATURE_WORDS = {
    "N": "carries no signature",
    "B": "has a bad signature",
    "E": "has a signature that cannot be checked (its key is not in this box's keyring)",
    "X": "has an expired signature",
    "Y": "is signed by an expired key",
    "R": "is signed by a revoked key",
}


def check_signatures(runner: GitRunner, result: ImportResult, new: str, old: str | None) -> None:
    """Every new commit, oldest first, must carry a signature the user's setup verifies.

    One ``git log --format=%G?`` pass gives each commit's verdict (``G``/``U``: a good
    signature, as ``git verify-commit`` accepts by default). When the user set
    ``gpg.minTrustLevel``, each good one is confirmed with ``git verify-commit``, which
    applies it (``%GT`` cannot be asked for: git 2.39 aborts on unverifiable commits).
    """
    with tempfile.TemporaryDirectory(prefix="notice-tui-gpg-") as nowhere:
        user = user_gpg_config(GitRunner(Path(nowhere)))
    checker = GitRunner(runner.path, extra_config=user)
    minimum = dict(user).get("gpg.minTrustLevel", "undefined").lower()
    args = ["log", "--reverse", "--topo-order", "--format=%H%x00%G?%x00%s%x00", new]
    if old:
        args.append(f"^{old}")
    fields = checker.output(*args, "--").decode("utf-8", "replace").split("\x00")
    checked = 0
    for index in range(0, len(fields) - 2, 3):
        commit = fields[index].strip()
        verdict, subject = fields[index + 1], fields[index + 2]
        why = _SIGNATURE_WORDS.get(verdict, f"has an unusable signature ({verdict})")
        good = verdict in ("G", "U")
        if good and minimum != "undefined":
            status, _, _ = checker.run("verify-commit", commit, check=False)
            good = status == 0
            why = f"is signed by a key trusted below your gpg.minTrustLevel ({minimum})"
        if not good:
            raise ImportRefused(
                f"refused (--require-signed): commit {commit[:10]} {subject[:60]!r} {why} "
                f"(the first bad one of {len(result.commits)} new commit(s), checked oldest "
                "first with your gpg configuration); nothing was imported"
            )
        checked += 1
    result.signed_checked = checked


__all__ = ["check_signatures", "user_gpg_config"]
