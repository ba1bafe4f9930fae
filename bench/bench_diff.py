"""Speed of the section-aware word diff; prints a table (no pass/fail).

Targets (issue 3): a real pair of about 900 KB with a few hundred changed words in
50 ms; a synthetic 1 MB pair with 3,000 scattered edits, including single lines of
65,000 characters, in 500 ms.

    .venv/bin/python bench/bench_diff.py [--repo /tmp/vlopses] [--pairs 4] [--runs 5]

The real pairs are the largest consecutive revisions (by size of the newer blob) in a
notices repository, e.g. the shared corpus cloned with
``git clone ../shared/corpora/vlopses-us-versions.bundle /tmp/vlopses``; without one,
only the synthetic pair is measured. The synthetic pair is generated here, seeded.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from notices_repo.diff.compare import clear_parse_cache, diff_texts, parse
from notices_repo.diff.words import word_diff
from notices_repo.text.sections import parse_structure

TARGET_REAL_MS = 50
TARGET_SYNTH_MS = 500


def _git(repo: Path, *args: str, data: bytes | None = None) -> bytes:
    return subprocess.run(
        ["git", "-C", str(repo), "-c", "core.quotePath=false", *args],
        input=data,
        capture_output=True,
        check=True,
    ).stdout


def real_pairs(repo: Path, count: int) -> list[tuple[str, str, str, str]]:
    """(path, date, old blob, new blob) of the largest consecutive revision pairs."""
    log = _git(repo, "log", "--all", "--raw", "--no-abbrev", "--no-renames", "--format=C %cs")
    pairs: dict[tuple[str, str], tuple[str, str]] = {}
    date = ""
    for line in log.decode("utf-8", "replace").splitlines():
        if line.startswith("C "):
            date = line[2:]
        elif line.startswith(":"):
            meta, _, path = line.partition("\t")
            fields = meta.split()
            if fields[4] == "M" and path.endswith(".md"):
                pairs.setdefault((fields[2], fields[3]), (path, date))
    if not pairs:
        return []
    blobs = sorted({new for _, new in pairs})
    sizes = {}
    out = _git(repo, "cat-file", "--batch-check", data="\n".join(blobs).encode() + b"\n")
    for row in out.decode().splitlines():
        blob, _, size = row.split()
        sizes[blob] = int(size)
    ranked = sorted(pairs, key=lambda p: sizes.get(p[1], 0), reverse=True)[:count]
    return [(pairs[p][0], pairs[p][1], p[0], p[1]) for p in ranked]


def read_blob(repo: Path, blob: str) -> str:
    """A blob as text (UTF-8, replacement characters for anything else)."""
    return _git(repo, "cat-file", "blob", blob).decode("utf-8", "replace")


def synthetic_pair(seed: int = 3, size: int = 1_000_000, edits: int = 3000) -> tuple[str, str]:
    """A Markdown-like notice of ``size`` characters and a copy with ``edits`` edits.

    Zipf-distributed pseudo-words, headings, wrapped paragraphs, category lists, and
    eight single-line paragraphs of 65,000 characters; edits (word replaced, inserted,
    deleted, punctuation changed) are spread uniformly over the words.
    """
    rng = random.Random(seed)
    letters = "etaoinshrdlucmfwypvbgkqjxz"
    vocab = sorted(
        {
            "".join(rng.choices(letters, weights=range(26, 0, -1), k=rng.randint(2, 11)))
            for _ in range(40_000)
        }
    )
    weights = [1 / (rank + 1) for rank in range(len(vocab))]
    cum = []
    total = 0.0
    for w in weights:
        total += w
        cum.append(total)

    def words(n: int) -> list[str]:
        return rng.choices(vocab, cum_weights=cum, k=n)

    def sentence() -> str:
        ws = words(rng.randint(6, 28))
        if len(ws) > 8:
            ws[rng.randrange(2, len(ws) - 2)] += ","
        return " ".join(ws).capitalize() + "."

    def wrap(text: str, width: int = 80) -> str:
        lines, line = [], ""
        for word in text.split(" "):
            if line and len(line) + 1 + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
        return "\n".join(lines)

    blocks: list[str] = ["# Terms of Service\n", "Last updated: March 3, 2026\n"]
    length = sum(map(len, blocks))
    long_lines = 8
    next_long = [int(size * (k + 0.5) / long_lines) for k in range(long_lines)]
    section = 0
    while length < size:
        if next_long and length >= next_long[0]:
            next_long.pop(0)
            para = ""
            while len(para) < 65_000:
                para += sentence() + " "
            block = para[:65_000].rstrip() + "\n"
        else:
            roll = rng.random()
            if roll < 0.06:
                section += 1
                block = f"## {section}. {' '.join(words(rng.randint(1, 5))).title()}\n"
            elif roll < 0.14:
                block = "".join(
                    f"* **{' '.join(words(2)).title()}:** {sentence()}\n" for _ in range(4)
                )
            else:
                block = wrap(" ".join(sentence() for _ in range(rng.randint(2, 7)))) + "\n"
        blocks.append(block)
        length += len(block) + 1
    old = "\n".join(blocks)

    # Edits on word tokens, spread uniformly; tokens holding a line break or markup
    # are left alone so headings and lists survive (structure changes are not the point).
    tokens = old.split(" ")
    editable = [k for k, tok in enumerate(tokens) if tok and not any(c in tok for c in "\n#*:")]
    for pos in sorted(rng.sample(editable, edits)):
        kind = rng.random()
        token = tokens[pos]
        if kind < 0.5:
            tokens[pos] = rng.choice(vocab)
        elif kind < 0.7:
            tokens[pos] = token + " " + rng.choice(vocab)
        elif kind < 0.85:
            tokens[pos] = ""
        else:
            tokens[pos] = token.replace(",", ";") if "," in token else token + ","
    new = " ".join(tokens)
    return old, new


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float, object]:
    """Median wall and CPU milliseconds of ``runs`` calls, and the last result.

    CPU time (``time.process_time``) is printed too because the machines this runs on
    are shared and noisy: wall time there can be two or three times the CPU time.
    """
    walls, cpus = [], []
    result = None
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return statistics.median(walls), statistics.median(cpus), result


def changed_words(result: object) -> int:
    """Words on either side of the change hunks (of a hunk list or a DiffResult)."""
    hunks = result if isinstance(result, list) else [h for s in result.sections for h in s.hunks]
    return sum(len(h.old.split()) + len(h.new.split()) for h in hunks if h.op != "equal")


def cold_diff(old: str, new: str, **options: bool) -> object:
    """diff_texts with the parse cache emptied first: what a first comparison costs."""
    clear_parse_cache()
    return diff_texts(old, new, **options)


def measure(label: str, old: str, new: str, runs: int, target: float) -> list[str]:
    """One table row per mode for the pair."""
    rows = []
    longest = max(map(len, (old + "\n" + new).split("\n")))
    size = f"{len(old) // 1000}/{len(new) // 1000} KB, longest line {longest:,}"
    modes: list[tuple[str, Callable[[], object], float | None]] = [
        ("diff_texts, cold (parse + engine)", lambda: cold_diff(old, new), target),
        ("diff_texts, parse cached (engine)", lambda: diff_texts(old, new), target),
        ("  parse, cold (old whole, new derived from it)", lambda: _parse_cold(old, new), None),
        ("  parse both whole (sections + categories)", lambda: _parse_whole(old, new), None),
        ("  word_diff of the whole texts", lambda: word_diff(old, new), None),
        (
            "ignore_whitespace, parse cached",
            lambda: diff_texts(old, new, ignore_whitespace=True),
            target,
        ),
    ]
    for mode, fn, goal in modes:
        try:
            wall, cpu, result = timed(fn, runs)
        except ImportError as exc:  # a module of the contract not there yet
            rows.append(f"| {label} | {mode} | n/a ({exc.name} missing) | | | | |")
            continue
        verdict = "" if goal is None else (" ok" if wall <= goal else f" > {goal:.0f}")
        if result is None or isinstance(result, tuple):
            hunks = words = secs = "-"
        elif isinstance(result, list):
            hunks = str(sum(1 for h in result if h.op != "equal"))
            words = str(changed_words(result))
            secs = "-"
        else:
            hunks = str(sum(s.change_count for s in result.sections))
            words = str(changed_words(result))
            secs = f"{len(result.changed_sections)}/{len(result.sections)}"
        rows.append(
            f"| {label} | {mode} | {wall:.1f}{verdict} | {cpu:.1f} "
            f"| {hunks} | {words} | {secs} | {size} |"
        )
    return rows


def _parse_cold(old: str, new: str) -> tuple:
    """What diff_texts parses on a first comparison (the cache emptied first)."""
    clear_parse_cache()
    return parse(old), parse(new)


def _parse_whole(old: str, new: str) -> tuple:
    """Both texts parsed whole, one pass each (sections and categories together)."""
    return parse_structure(old), parse_structure(new)


def main(argv: list[str] | None = None) -> int:
    """Print the benchmark table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, default=Path("/tmp/vlopses"))
    parser.add_argument("--pairs", type=int, default=4)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)

    print(
        "| pair | what | median ms (target) | CPU ms | change hunks | changed words "
        "| changed / all sections | size |"
    )
    print("|---|---|---|---|---|---|---|---|")
    if (args.repo / ".git").exists() or (args.repo / "HEAD").exists():
        for path, date, old_blob, new_blob in real_pairs(args.repo, args.pairs):
            old, new = read_blob(args.repo, old_blob), read_blob(args.repo, new_blob)
            label = f"{path} ({date}, {old_blob[:7]}..{new_blob[:7]})"
            for row in measure(label, old, new, args.runs, TARGET_REAL_MS):
                print(row, flush=True)
    else:
        print(f"| (no repository at {args.repo}: real pairs skipped) | | | | | | | |")
    start = time.perf_counter()
    old, new = synthetic_pair()
    made = (time.perf_counter() - start) * 1000
    for row in measure("synthetic 1 MB, 3,000 edits", old, new, args.runs, TARGET_SYNTH_MS):
        print(row, flush=True)
    print(f"\n(synthetic pair generated in {made:.0f} ms; Python {sys.version.split()[0]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
