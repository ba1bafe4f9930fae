"""A 50 MB single-line Markdown notice and its previous revision: diff time and peak memory.

Issue 14: such a file took 16.6 s and 1.6 GB to diff. The pair is generated here
(seeded): one paragraph of pseudo-words and sentences on a single line, under a heading,
and a copy with ``--edits`` words replaced, spread uniformly. The diff runs in a fresh
process, which reports its wall time and its peak resident memory (``VmHWM``: the two
texts included, with the bytes they were decoded from, about 170 MB of it).

    .venv/bin/python bench/big_line.py [--mb 50] [--edits 500] [--ignore-whitespace]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def make_pair(size: int, edits: int, seed: int = 14) -> tuple[str, str]:
    """(old, new): a single-line notice of about ``size`` characters and an edited copy."""
    rng = random.Random(seed)
    syllables = ["da", "ta", "pri", "va", "cy", "no", "ti", "ce", "us", "er", "con", "sent"]
    vocabulary = [
        "".join(rng.choice(syllables) for _ in range(rng.randint(1, 4))) for _ in range(5000)
    ]
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    words: list[str] = []
    length = 0
    while length < size:
        chunk = rng.choices(vocabulary, weights, k=20_000)
        words.extend(chunk)
        length += sum(map(len, chunk)) + len(chunk)
    for k in range(14, len(words), 17):  # sentences
        words[k] += "."
    old_line = " ".join(words)
    for k in rng.sample(range(len(words)), edits):
        words[k] = rng.choice(vocabulary) + "x" + ("." if words[k].endswith(".") else "")
    new_line = " ".join(words)
    head = "# Terms\n\n**Effective Date:** May 1, 2025\n\n## Everything\n\n"
    return head + old_line + "\n", head + new_line + "\n"


_CHILD = """
import json, sys, time
sys.path.insert(0, {root!r})
def peak_mb():  # VmHWM: this process's own peak (ru_maxrss keeps the forking parent's)
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0
from notices_repo.diff.compare import diff_texts
with open({old!r}, "rb") as f:
    old = f.read().decode("utf-8")
with open({new!r}, "rb") as f:
    new = f.read().decode("utf-8")
before = peak_mb()
started = time.perf_counter()
result = diff_texts(old, new, ignore_whitespace={ignore})
seconds = time.perf_counter() - started
summary = result.to_json()["summary"]
print(json.dumps({{
    "seconds": round(seconds, 2),
    "peak_mb": round(peak_mb(), 1),
    "texts_mb": round(before, 1),
    "coarse": bool(getattr(result, "coarse", False)),
    "changes": sum(s.change_count for s in result.sections),
    "summary": summary,
}}))
"""


def measure(mb: float = 50, edits: int = 500, ignore_whitespace: bool = False) -> dict[str, Any]:
    """Diff the generated pair in a fresh process: seconds, peak MB, coarsened or not."""
    old, new = make_pair(int(mb * 1_000_000), edits)
    with tempfile.TemporaryDirectory(prefix="notice-tui-bigline-") as tmp:
        old_path, new_path = Path(tmp) / "old.md", Path(tmp) / "new.md"
        old_path.write_text(old, encoding="utf-8")
        new_path.write_text(new, encoding="utf-8")
        del old, new
        code = _CHILD.format(
            root=str(ROOT), old=str(old_path), new=str(new_path), ignore=ignore_whitespace
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=600
        ).stdout
    result = json.loads(out)
    result.update({"mb": mb, "edits": edits, "ignore_whitespace": ignore_whitespace})
    return result


def main(argv: list[str] | None = None) -> int:
    """Print the measurement as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50)
    parser.add_argument("--edits", type=int, default=500)
    parser.add_argument("--ignore-whitespace", action="store_true")
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.mb, args.edits, args.ignore_whitespace), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
