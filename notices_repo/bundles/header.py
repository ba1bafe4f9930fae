"""A git bundle's header, read by notice-tui itself (every byte of a bundle is hostile),
and the ref names an import accepts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from notices_repo.bundles.results import ImportRefused

#: First line of the bundle formats git writes.
_SIGNATURES = {b"# v2 git bundle\n": 2, b"# v3 git bundle\n": 3}
_MAX_HEADER_BYTES = 16 * 1024 * 1024
_OID = re.compile(rb"^[0-9a-f]{40}([0-9a-f]{24})?$")
_REF_PART = r"[A-Za-z0-9_][A-Za-z0-9._+@-]*"
_SAFE_REF = re.compile(rf"^refs/(heads|tags)/{_REF_PART}(/{_REF_PART})*$")


@dataclass(frozen=True, slots=True)
class BundleHeader:
    """What a bundle file says about itself."""

    version: int
    capabilities: dict[str, str]
    prerequisites: list[str]
    refs: list[tuple[str, str]]
    """``(object id, ref name)`` in file order (``HEAD`` included when present)."""
    pack_offset: int

    def ref(self, name: str) -> str | None:
        """The object id of ref ``name`` in the bundle."""
        return next((oid for oid, ref in self.refs if ref == name), None)

    def branches(self) -> list[str]:
        """Branch names (without ``refs/heads/``) the bundle carries."""
        return [ref.removeprefix("refs/heads/") for _, ref in self.refs if is_branch_ref(ref)]


def is_tag(ref: str) -> bool:
    """Whether ``ref`` is a ``refs/tags/...`` name."""
    return ref.startswith("refs/tags/")


def is_branch_ref(name: str) -> bool:
    """Whether ``name`` is a ``refs/heads/...`` name notice-tui accepts."""
    return name.startswith("refs/heads/") and safe_ref(name)


def safe_ref(name: str) -> bool:
    """A branch or tag name plain enough to use (ASCII, no ``..``, no ``.lock`` part)."""
    if not _SAFE_REF.match(name) or ".." in name or name.endswith("."):
        return False
    return not any(part.endswith(".lock") for part in name.split("/"))


def read_bundle_header(path: Path) -> BundleHeader:
    """Parse the header of the bundle at ``path``; :class:`ImportRefused` if it is not one."""
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise ImportRefused(f"cannot read the bundle {path}: {exc.strerror or exc}") from None
    with handle:
        first = handle.readline(64)
        version = _SIGNATURES.get(first)
        if version is None:
            raise ImportRefused(
                f"{path} is not a git bundle (made with: git bundle create FILE --all)"
            )
        offset = len(first)
        capabilities: dict[str, str] = {}
        prerequisites: list[str] = []
        refs: list[tuple[str, str]] = []
        while True:
            line = handle.readline(65536)
            offset += len(line)
            if not line.endswith(b"\n") or offset > _MAX_HEADER_BYTES:
                raise ImportRefused(f"{path}: the bundle header is damaged or truncated")
            body = line[:-1]
            if not body:
                break
            if body.startswith(b"@") and version == 3:
                key, _, value = body[1:].decode("utf-8", "replace").partition("=")
                capabilities[key] = value
                continue
            if body.startswith(b"-"):
                oid = body[1:].split(b" ", 1)[0]
                if not _OID.match(oid):
                    raise ImportRefused(f"{path}: the bundle header is damaged (prerequisite)")
                prerequisites.append(oid.decode("ascii"))
                continue
            oid, _, name = body.partition(b" ")
            if not _OID.match(oid) or not name:
                raise ImportRefused(f"{path}: the bundle header is damaged (ref line)")
            refs.append((oid.decode("ascii"), name.decode("utf-8", "replace")))
        if handle.read(4) != b"PACK":
            raise ImportRefused(f"{path}: the bundle has no pack data after its header")
    return BundleHeader(version, capabilities, prerequisites, refs, offset)


__all__ = ["BundleHeader", "is_branch_ref", "is_tag", "read_bundle_header", "safe_ref"]
