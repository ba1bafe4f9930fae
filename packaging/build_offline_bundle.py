#!/usr/bin/env python3
"""Build notice-tui's offline bundle and single-file zipapp for an air-gapped box.

Run on a machine that reaches the package index, from a checkout::

    python3 packaging/build_offline_bundle.py --python-version 3.11 \\
        --platform manylinux_2_28_x86_64 --out dist/

It writes, in ``--out``:

* ``notice-tui-offline-<version>-<platform>-py<X.Y>.tar.gz``: every wheel notice-tui needs
  (pinned and hash-checked against ``requirements/offline.txt``; notice-tui's own wheel
  built from this checkout), pip's wheel, ``requirements.txt`` with a hash on every line,
  ``install.sh``, the man page and shell completions, ``SHA256SUMS`` (checked by
  ``install.sh`` before anything is installed) and ``BUILD_INFO``;
* ``notice-tui-<version>-<platform>-py<X.Y>.pyz``: the same wheels as one executable
  zipapp, built with shiv, for boxes where no virtual environment is wanted;
* ``SHA256SUMS`` for the two artefacts, to check them after carrying.

Everything is reproducible: the same checkout, lock and target give byte-identical
artefacts (timestamps come from the last commit). Downloads are verified against the
lock's hashes and kept in ``~/.cache/notice-tui-build/`` (``$NOTICE_TUI_BUILD_CACHE``),
so later builds need no network at all. The build tools (shiv, pip, setuptools, wheel:
the ``build`` extra, locked in ``requirements/build.txt``) live in a virtual
environment in that cache; they are never runtime dependencies.

Exit status: 0 built; 1 failed; 75 the package index is needed and cannot be reached.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import gzip
import hashlib
import io
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import tomllib
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD_LOCK = ROOT / "requirements" / "build.txt"
SHARE_FILES = (
    "share/man/notice-tui.1",
    "share/completions/notice-tui.bash",
    "share/completions/_notice-tui",
)
EX_UNREACHABLE = 75
#: The oldest glibc the pinned rapidfuzz ships x86_64/aarch64 wheels for (2.28: RHEL 8,
#: Debian 10, Ubuntu 20.04 and later).
DEFAULT_GLIBC = "2_28"
#: What the source copy for the wheel build leaves out.
_SOURCE_IGNORE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "venv",
    "__pycache__",
    "*.pyc",
    "*.egg-info",
    "build",
    "dist",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
    "tests",
    "bench",
)


class BuildError(Exception):
    """A build step failed; the message says which and why."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


# --------------------------------------------------------------------- index and cache


def index_url() -> str:
    """The package index pip is configured with (``PIP_INDEX_URL``, pip.conf, pip's default)."""
    env = os.environ.get("PIP_INDEX_URL")
    if env:
        return env.split()[0]
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        listing = subprocess.run(
            [sys.executable, "-m", "pip", "config", "list"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        ).stdout
        for scope in (":env:", "global", "download", "install", "user", "site"):
            for line in listing.splitlines():
                key, _, value = line.partition("=")
                if key == f"{scope}.index-url":
                    return value.strip().strip("'\"").split()[0]
    from pip._internal.models.index import PyPI  # pip's own default, not named here

    return PyPI.simple_url


def index_unreachable(url: str, timeout: float = 5.0) -> str | None:
    """Why the index at ``url`` cannot be reached within ``timeout`` s (None: it can)."""
    if url.startswith("file:"):
        path = urllib.request.url2pathname(urllib.parse.urlsplit(url).path)
        return None if Path(path).is_dir() else f"{url} is not a folder"
    probe = url.rstrip("/") + "/pip/"
    request = urllib.request.Request(probe, method="HEAD", headers={"User-Agent": "notice-tui"})
    try:
        with urllib.request.urlopen(request, timeout=timeout):
            return None
    except urllib.error.HTTPError:
        return None  # it answered
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        return f"{url} cannot be reached: {reason}"


def cache_root() -> Path:
    """Where downloaded wheels and the build tools are kept between builds."""
    override = os.environ.get("NOTICE_TUI_BUILD_CACHE")
    if override:
        return Path(override)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "notice-tui-build"


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold the cache's lock, so concurrent builds (parallel tests) do not collide."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# ------------------------------------------------------------------------ targets


def default_platform() -> str:
    """``manylinux_2_28_<this machine's arch>`` (musllinux on a musl box)."""
    if sys.platform != "linux":
        raise BuildError("offline bundles are for Linux boxes: give --platform explicitly")
    machine = platform.machine().lower()
    machine = {"amd64": "x86_64", "arm64": "aarch64"}.get(machine, machine)
    libc, _ = platform.libc_ver()
    if libc != "glibc":
        return f"musllinux_1_2_{machine}"
    return f"manylinux_{DEFAULT_GLIBC}_{machine}"


_LEGACY_MANYLINUX = {"manylinux1": (2, 5), "manylinux2010": (2, 12), "manylinux2014": (2, 17)}


def platform_tags(tag: str) -> list[str]:
    """``tag`` and every older tag a box of that platform also runs, newest first.

    pip takes ``--platform`` literally; a glibc 2.28 box also runs manylinux2014 and
    older wheels (PEP 600), a musl 1.2 box musllinux_1_1 ones.
    """
    match = re.fullmatch(r"(manylinux1|manylinux2010|manylinux2014)_(\w+)", tag)
    if match:
        glibc: tuple[int, int] | None = _LEGACY_MANYLINUX[match[1]]
        arch = match[2]
    else:
        match = re.fullmatch(r"manylinux_(\d+)_(\d+)_(\w+)", tag)
        glibc = (int(match[1]), int(match[2])) if match else None
        arch = match[3] if match else ""
    if glibc is not None:
        # PEP 600 names start at glibc 2.17; older glibc only has the legacy names
        tags = [f"manylinux_{glibc[0]}_{minor}_{arch}" for minor in range(glibc[1], 16, -1)]
        for legacy, (major, minor) in _LEGACY_MANYLINUX.items():
            legacy_ok = arch in ("x86_64", "i686") or legacy == "manylinux2014"
            if (major, minor) <= glibc and legacy_ok:
                tags.append(f"{legacy}_{arch}")
        return tags
    match = re.fullmatch(r"musllinux_(\d+)_(\d+)_(\w+)", tag)
    if match:
        return [f"musllinux_{match[1]}_{m}_{match[3]}" for m in range(int(match[2]), -1, -1)]
    return [tag]


@dataclass(frozen=True)
class Target:
    """A Python version and platform to build for."""

    python_version: str
    platform: str

    def pip_args(self) -> list[str]:
        """pip options that select this target's wheels (and only wheels)."""
        args = ["--only-binary=:all:", "--implementation", "cp"]
        args += ["--python-version", self.python_version]
        for tag in platform_tags(self.platform):
            args += ["--platform", tag]
        return args

    @property
    def suffix(self) -> str:
        """``<platform>-py<X.Y>`` as in the artefact names."""
        return f"{self.platform}-py{self.python_version}"


# --------------------------------------------------------------------- pip helpers


VERBOSE = False


def say(message: str) -> None:
    """A progress line on stderr."""
    print(f"notice-tui build: {message}", file=sys.stderr, flush=True)


def run(args: Sequence[str | os.PathLike[str]], *, quiet: bool = False, **kwargs: object) -> None:
    """Run a build command; BuildError with its output when it fails."""
    shown = " ".join(str(a) for a in args)
    if VERBOSE:
        print(f"+ {shown}", file=sys.stderr, flush=True)
    done = subprocess.run(
        [str(a) for a in args],
        capture_output=quiet,
        text=True,
        check=False,
        **kwargs,  # type: ignore[arg-type]
    )
    if done.returncode != 0:
        lines = ((done.stdout or "") + (done.stderr or "")).splitlines() if quiet else []
        errors = [line for line in lines if line.startswith("ERROR")] or lines[-20:]
        raise BuildError(f"failed ({done.returncode}): {shown}\n" + "\n".join(errors))


def pip_hash_line(lock: Path, name: str) -> str:
    """The whole entry for ``name`` in a lock file (with its ``--hash`` lines)."""
    entries = lock_entries(lock)
    if name not in entries:
        raise BuildError(f"{lock.name} has no {name}: run packaging/lock_requirements.py")
    return entries[name]


def lock_entries(lock: Path) -> dict[str, str]:
    """``{normalised name: entry}`` of a hash-pinned requirements file.

    An entry is the requirement line and its indented ``--hash`` lines; comments are
    left out.
    """
    entries: dict[str, list[str]] = {}
    lines: list[str] = []
    for line in lock.read_text("utf-8").splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not line[0].isspace():
            name = re.split(r"[=<>!~\[; ]", stripped, maxsplit=1)[0]
            lines = entries.setdefault(re.sub(r"[-_.]+", "-", name).lower(), [])
        lines.append(line)
    return {name: "\n".join(body) + "\n" for name, body in entries.items()}


def fetch_wheels(
    pip: Sequence[str | os.PathLike[str]],
    requirement_files: Sequence[Path],
    dest: Path,
    cache: Path,
    target_args: Sequence[str],
    index: str | None,
) -> None:
    """Put the hash-checked wheels of ``requirement_files`` in ``dest``, from the cache first.

    Only what the cache lacks is downloaded (into the cache, hashes checked by pip).
    """
    wheels = cache / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    reqs: list[str] = []
    for path in requirement_files:
        reqs += ["-r", str(path)]
    common = ["download", "--require-hashes", "--disable-pip-version-check", *target_args, *reqs]
    offline = [*pip, *common, "--no-index", "--find-links", wheels, "--dest", dest, "--quiet"]
    try:
        run(offline, quiet=True)
        return
    except BuildError:
        pass
    url = index or index_url()
    reason = index_unreachable(url)
    if reason:
        raise BuildError(
            f"the package index is needed for wheels not yet in {wheels} and {reason}",
            EX_UNREACHABLE,
        )
    online = [*pip, *common, "--dest", wheels, *(["--index-url", url] if index else [])]
    try:
        run(online, quiet=True)
    except BuildError as exc:
        if "No matching distribution" in str(exc) or "from versions: none" in str(exc):
            raise BuildError(
                f"{exc}\nA pinned package has no wheel for this target; see which Python "
                "versions and platforms it ships wheels for, and choose --platform or "
                "--python-version accordingly (glibc boxes: manylinux_2_28_<arch>)."
            ) from None
        raise
    run(offline, quiet=True)


def tools_venv(cache: Path, index: str | None, build_lock: Path = BUILD_LOCK) -> Path:
    """The build tools' virtual environment (from requirements/build.txt), made once.

    Made like install.sh makes the box's: ``venv --without-pip`` (no ensurepip needed),
    then the locked pip, run from its own wheel, installs the locked tools. The wheels
    are fetched with this Python's pip.
    """
    digest = hashlib.sha256(build_lock.read_bytes()).hexdigest()[:12]
    version = f"{sys.version_info[0]}.{sys.version_info[1]}"
    venv = cache / "tools" / f"py{version}-{digest}"
    python = venv / "bin" / "python"
    if (venv / ".complete").exists() and python.exists():
        return python
    shutil.rmtree(venv, ignore_errors=True)
    venv.parent.mkdir(parents=True, exist_ok=True)
    say(f"making the build tools' environment in {venv}")
    run([sys.executable, "-m", "venv", "--without-pip", venv], quiet=True)
    with tempfile.TemporaryDirectory() as tmp:
        fetch_wheels([sys.executable, "-m", "pip"], [build_lock], Path(tmp), cache, [], index)
        pip_wheels = sorted(Path(tmp).glob("pip-*.whl"))
        if len(pip_wheels) != 1:
            raise BuildError(f"{build_lock.name} must pin pip (the build extra)")
        run(
            [
                python,
                pip_wheels[0] / "pip",
                "install",
                "--quiet",
                "--isolated",
                "--disable-pip-version-check",
                "--no-index",
                "--find-links",
                tmp,
                "--require-hashes",
                "-r",
                build_lock,
            ],
            quiet=True,
            env={**os.environ, "PIP_CONFIG_FILE": os.devnull},
        )
    (venv / ".complete").write_text(digest + "\n")
    return python


# ------------------------------------------------------------------------- the build


def project_version(src: Path = ROOT) -> str:
    """The version in pyproject.toml, checked against ``notices_repo.__version__``."""
    version = tomllib.loads((src / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    init = (src / "notices_repo" / "__init__.py").read_text("utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', init, re.M)
    if not match or match[1] != version:
        found = match[1] if match else "nothing"
        raise BuildError(
            f"pyproject.toml says {version} but notices_repo/__init__.py says {found}: "
            "make them agree before a release"
        )
    return version


def source_date_epoch(ref: str = "HEAD") -> int:
    """The commit's time (``SOURCE_DATE_EPOCH`` when set): stable timestamps."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return int(os.environ["SOURCE_DATE_EPOCH"])
    with contextlib.suppress(OSError, subprocess.SubprocessError, ValueError):
        out = subprocess.run(
            ["git", "-C", str(ROOT), "log", "-1", "--format=%ct", ref, "--"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return int(out.strip())
    return 315532800  # 1980-01-01, the earliest a zip file can say


def source_state(ref: str | None = None) -> str:
    """The commit built (``ref``), or the checkout's with ``-dirty`` when files differ."""
    try:
        head = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", f"{ref or 'HEAD'}^{{commit}}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        if ref:
            return f"{head} ({ref})"
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown (not a git checkout)"
    return head + (" with uncommitted changes" if dirty else "")


@contextlib.contextmanager
def source_tree(ref: str | None) -> Iterator[Path]:
    """A copy of the sources to build from: the working tree, or commit ``ref``.

    The wheel is built from a copy so the checkout is never written to (no ``build/``,
    no egg-info), which also lets builds run while others work in the checkout.
    """
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "src"
        if ref is None:
            shutil.copytree(ROOT, source, ignore=_SOURCE_IGNORE, symlinks=True)
        else:
            source.mkdir()
            archive = subprocess.run(
                ["git", "-C", str(ROOT), "archive", "--format=tar", ref],
                capture_output=True,
                check=False,
            )
            if archive.returncode != 0:
                raise BuildError(f"git archive {ref}: {archive.stderr.decode().strip()}")
            with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
                tar.extractall(source, filter="data")
        yield source


def build_own_wheel(python: Path, source: Path, dest: Path, epoch: int) -> Path:
    """notice-tui's wheel, built in ``source`` (a copy: see :func:`source_tree`)."""
    run(
        [
            python,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--disable-pip-version-check",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--wheel-dir",
            dest,
            source,
        ],
        quiet=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "PYTHONHASHSEED": "0"},
    )
    wheels = sorted(dest.glob("notice_tui-*.whl"))
    if len(wheels) != 1:
        raise BuildError(f"expected one notice-tui wheel in {dest}, found {len(wheels)}")
    return wheels[0]


def sha256(path: Path) -> str:
    """Hex SHA-256 of a file."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def write_sums(folder: Path, names: Sequence[str], out: Path) -> None:
    """``SHA256SUMS`` in ``sha256sum`` format for ``names`` (relative to ``folder``)."""
    lines = [f"{sha256(folder / name)}  {name}\n" for name in sorted(names)]
    out.write_text("".join(lines), "utf-8")


def reproducible_tar(folder: Path, archive: Path, epoch: int) -> None:
    """``folder`` as a .tar.gz whose bytes depend only on the files' contents and modes."""

    def clean(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.mtime = epoch
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        info.mode = 0o755 if info.isdir() or info.mode & 0o100 else 0o644
        return info

    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        paths = [folder, *sorted(folder.rglob("*"))]
        for path in paths:
            name = str(Path(folder.name) / path.relative_to(folder))
            tar.add(path, arcname=name.rstrip("/."), recursive=False, filter=clean)
    with (
        open(archive, "wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz,
    ):
        gz.write(buffer.getvalue())


def install_script(src: Path, version: str, target: Target, pip_wheel: str) -> str:
    """install.sh for this bundle, from packaging/install.sh.in."""
    text = (src / "packaging" / "install.sh.in").read_text("utf-8")
    for key, value in {
        "@VERSION@": version,
        "@PYTHON_VERSION@": target.python_version,
        "@PLATFORM@": target.platform,
        "@PIP_WHEEL@": pip_wheel,
    }.items():
        text = text.replace(key, value)
    return text


def build_info(version: str, target: Target, source: str, wheels: Sequence[str]) -> str:
    """BUILD_INFO: what the bundle is, for whoever finds it on a box later."""
    older = platform_tags(target.platform)[1:]
    lines = [
        f"notice-tui {version} offline bundle",
        f"python: CPython {target.python_version}",
        f"platform: {target.platform}" + (f" (and older: {older[-1]} ...)" if older else ""),
        f"source: {source}",
        "wheels:",
        *(f"  {name}" for name in sorted(wheels)),
        "",
        "Install: ./install.sh --help   (checks SHA256SUMS, then installs without network)",
    ]
    return "\n".join(lines) + "\n"


def build_zipapp(python: Path, stage: Path, target: Target, out: Path, epoch: int) -> Path:
    """The single-file zipapp (shiv) from the bundle's verified wheels."""
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site-packages"
        run(
            [
                python,
                "-m",
                "pip",
                "install",
                "--quiet",
                "--isolated",
                "--disable-pip-version-check",
                "--no-index",
                "--find-links",
                stage / "wheels",
                "--require-hashes",
                "--no-compile",
                "--target",
                site,
                *target.pip_args(),
                "-r",
                stage / "requirements.txt",
            ],
            quiet=True,
            env={**os.environ, "PIP_CONFIG_FILE": os.devnull},
        )
        shutil.rmtree(site / "bin", ignore_errors=True)  # scripts with this machine's paths
        run(
            [
                python,
                "-m",
                "shiv",
                "--site-packages",
                site,
                "--console-script",
                "notice-tui",
                "--python",
                f"/usr/bin/env python{target.python_version}",
                "--reproducible",
                "--compressed",
                "--output-file",
                out,
            ],
            quiet=True,
            env={**os.environ, "SOURCE_DATE_EPOCH": str(epoch)},
        )
    return out


@dataclass
class Built:
    """What a build produced."""

    bundle: Path
    zipapp: Path | None
    sums: Path


def stage_bundle(
    src: Path,
    stage: Path,
    target: Target,
    python: Path,
    cache: Path,
    *,
    index: str | None,
    epoch: int,
    version: str,
    source: str,
) -> None:
    """Fill ``stage`` with everything the bundle carries, SHA256SUMS last."""
    wheels = stage / "wheels"
    wheels.mkdir(parents=True)
    say("building notice-tui's wheel")
    own = build_own_wheel(python, src, wheels, epoch)
    lock = src / "requirements" / "offline.txt"
    (stage / "pip.txt").write_text(pip_hash_line(src / "requirements" / "build.txt", "pip"))
    say(f"collecting the locked wheels for {target.suffix}")
    fetch_wheels(
        [python, "-m", "pip"], [lock, stage / "pip.txt"], wheels, cache, target.pip_args(), index
    )
    own_line = f"notice-tui=={version} \\\n    --hash=sha256:{sha256(own)}\n"
    (stage / "requirements.txt").write_text(lock.read_text("utf-8") + own_line, "utf-8")
    pip_wheels = sorted(p.name for p in wheels.glob("pip-*.whl"))
    if len(pip_wheels) != 1:
        raise BuildError(f"expected one pip wheel, found {pip_wheels}")
    script = stage / "install.sh"
    script.write_text(install_script(src, version, target, pip_wheels[0]), "utf-8")
    script.chmod(0o755)
    for path in SHARE_FILES:
        (stage / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src / path, stage / path)
    shutil.copyfile(src / "docs" / "offline-install.md", stage / "README.md")
    names = [p.name for p in wheels.iterdir()]
    (stage / "BUILD_INFO").write_text(build_info(version, target, source, names), "utf-8")
    files = [str(p.relative_to(stage)) for p in stage.rglob("*") if p.is_file()]
    write_sums(stage, files, stage / "SHA256SUMS")


def build(
    target: Target,
    out: Path,
    *,
    zipapp: bool = True,
    index: str | None = None,
    cache: Path | None = None,
    ref: str | None = None,
) -> Built:
    """Build the bundle (and the zipapp) for ``target`` into ``out``.

    ``ref`` None builds the working tree as it is; a commit or tag builds that commit
    (everything, the packaging files included, comes from it).
    """
    cache = cache or cache_root()
    out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with source_tree(ref) as src, locked(cache), tempfile.TemporaryDirectory() as tmp:
        version = project_version(src)
        for path in SHARE_FILES:
            if not (src / path).exists():
                raise BuildError(f"{path} is missing: run python packaging/make_share.py")
        epoch = source_date_epoch(ref or "HEAD")
        python = tools_venv(cache, index, src / "requirements" / "build.txt")
        name = f"notice-tui-offline-{version}-{target.suffix}"
        stage = Path(tmp) / name
        stage_bundle(
            src,
            stage,
            target,
            python,
            cache,
            index=index,
            epoch=epoch,
            version=version,
            source=source_state(ref),
        )
        bundle = out / f"{name}.tar.gz"
        reproducible_tar(stage, bundle, epoch)
        made = [bundle]
        app: Path | None = None
        if zipapp:
            say("building the zipapp")
            app = out / f"notice-tui-{version}-{target.suffix}.pyz"
            build_zipapp(python, stage, target, app, epoch)
            made.append(app)
    sums = out / "SHA256SUMS"
    kept = {}
    if sums.exists():
        for line in sums.read_text("utf-8").splitlines():
            digest, _, file = line.partition("  ")
            if file and (out / file).exists():
                kept[file] = digest
    for path in made:
        kept[path.name] = sha256(path)
    sums.write_text("".join(f"{d}  {f}\n" for f, d in sorted(kept.items())), "utf-8")
    say(f"done in {time.monotonic() - started:.1f} s")
    return Built(bundle, app, sums)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line; see the module docstring."""
    parser = argparse.ArgumentParser(
        prog="build_offline_bundle.py",
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1],
    )
    here = f"{sys.version_info[0]}.{sys.version_info[1]}"
    parser.add_argument(
        "--python-version",
        default=here,
        metavar="X.Y",
        help=f"the box's Python (default: this one, {here})",
    )
    parser.add_argument(
        "--platform",
        metavar="TAG",
        help="the box's wheel platform, e.g. manylinux_2_28_x86_64 (the default, with this "
        "machine's architecture), manylinux_2_28_aarch64, musllinux_1_2_x86_64",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="output folder (dist/)")
    parser.add_argument("--no-zipapp", action="store_true", help="build only the bundle")
    parser.add_argument(
        "--ref",
        metavar="COMMIT",
        help="build this commit or tag (git archive) instead of the working tree; use it "
        "for releases, e.g. --ref v0.2.0",
    )
    parser.add_argument("--index-url", help="package index (default: pip's configuration)")
    parser.add_argument(
        "--check-index",
        action="store_true",
        help="only say whether the package index answers within 5 s (exit 0 or 75)",
    )
    parser.add_argument("--json", action="store_true", help="print what was built as JSON")
    parser.add_argument("--verbose", action="store_true", help="show every command run")
    args = parser.parse_args(argv)
    if args.check_index:
        url = args.index_url or index_url()
        reason = index_unreachable(url)
        print(reason or f"{url} answers")
        return EX_UNREACHABLE if reason else 0
    global VERBOSE
    VERBOSE = args.verbose
    if not re.fullmatch(r"3\.\d+", args.python_version):
        parser.error("--python-version looks like 3.11")
    try:
        target = Target(args.python_version, args.platform or default_platform())
        built = build(
            target,
            args.out.resolve(),
            zipapp=not args.no_zipapp,
            index=args.index_url,
            ref=args.ref,
        )
    except BuildError as exc:
        print(f"notice-tui build: {exc}", file=sys.stderr)
        return exc.code
    artefacts = [built.bundle, *([built.zipapp] if built.zipapp else [])]
    if args.json:
        print(
            json.dumps(
                {
                    "bundle": str(built.bundle),
                    "zipapp": str(built.zipapp) if built.zipapp else None,
                    "sha256sums": str(built.sums),
                    "sizes": {p.name: p.stat().st_size for p in artefacts},
                },
                indent=2,
            )
        )
    else:
        for path in artefacts:
            print(f"{path}  ({path.stat().st_size / 1e6:.1f} MB)")
        print(built.sums)
    return 0


if __name__ == "__main__":
    sys.exit(main())
