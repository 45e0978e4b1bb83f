"""The benchmark: generate article sets and run the whole pipeline on each, one process per size.

    python -m bench.run                # 1,000 and 10,000 articles
    python -m bench.run 1000 10000 100000

Prints a table: wall time, peak memory, articles/s, recall of the true
cross-article quote pairs, and exhaustive all-pairs rapidfuzz matching of the
same items (timed on a sample, extrapolated) as the baseline.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bench.generate import NARRATIVE, VERSION, generate

OUT = Path(__file__).parent / "out"


def _current(folder: Path, n: int) -> bool:
    """A generated set of n articles made by this version of the generator."""
    try:
        meta = json.loads((folder / "generator.json").read_text())
    except (OSError, ValueError):
        return False
    return meta.get("version") == VERSION and meta.get("articles") == n and meta.get("narrative") == list(NARRATIVE)


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [1000, 10000]
    rows = []
    for n in sizes:
        folder = OUT / str(n)
        if not _current(folder, n):
            print(f"generating {n} articles in {folder} ...", file=sys.stderr)
            generate(n, folder)
        print(f"running {n} ...", file=sys.stderr)
        p = subprocess.run([sys.executable, "-m", "bench.run_one", str(folder)], capture_output=True, text=True)
        if p.returncode != 0:
            print(p.stderr, file=sys.stderr)
            return p.returncode
        rows.append(json.loads(p.stdout.strip().splitlines()[-1]))
    print("| articles | input MB | wall s | peak MB | articles/s | recall | exhaustive s (extrapolated) | speed-up |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r, n in zip(rows, sizes):
        mb = sum(f.stat().st_size for f in (OUT / str(n) / "articles").iterdir()) / 1e6
        print(f"| {r['articles']:,} | {mb:.0f} | {r['wall_s']} | {r['peak_mb']} | {r['articles_per_s']} | "
              f"{r['recall']} | {r['exhaustive_s_extrapolated']:,} | {r['speedup']}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
