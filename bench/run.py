"""The benchmark: generate article sets and run the whole pipeline on each, one process per size.

    python -m bench.run                # 1,000 and 10,000 articles
    python -m bench.run 1000 10000 100000

Prints a table: wall and CPU time (and wall time per stage) and peak memory
of the whole process tree of ``claimcheck check`` (``bench.stages`` under
``bench.treemem``); recall of the true cross-article quote pairs with the
missed pairs split into those the index lost and those below the thresholds
(``bench.run_one``), and recall reading two printings the report puts in one
cluster as linked (two rewordings of one quote, each matching a third
printing of it, are linked only through that one); and exhaustive all-pairs
rapidfuzz matching of a sample of items, with the matches in it that the
index did not propose, and its time extrapolated to the whole set.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bench.generate import NARRATIVE, VERSION, generate
from bench.treemem import measure

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
        wall, cpu, peak, done = measure([sys.executable, "-m", "bench.stages", str(folder), "--out", str(folder / "report")])
        if done.returncode != 0:
            print(done.stderr, file=sys.stderr)
            return done.returncode
        check = json.loads(done.stdout.strip().splitlines()[-1])
        p = subprocess.run([sys.executable, "-m", "bench.run_one", str(folder)], capture_output=True, text=True)
        if p.returncode != 0:
            print(p.stderr, file=sys.stderr)
            return p.returncode
        quality = json.loads(p.stdout.strip().splitlines()[-1])
        rows.append({**check, **quality, "wall_s": round(wall, 1), "cpu_s": round(cpu, 1), "peak_mb": round(peak / 2**20),
                     "input_mb": sum(f.stat().st_size for f in (folder / "articles").iterdir()) / 1e6})
        print(json.dumps(rows[-1]), file=sys.stderr)
    print("| articles | input MB | wall s | CPU s | parse / match / classify+report s | peak MB (tree) | recall "
          "| missed: index / below thresholds / not extracted | recall of pairs sharing text (missed pairs sharing "
          "none) | recall, pairs in one cluster | sample matches lost by index | exhaustive s (extrapolated) |")
    print("| ---: | ---: | ---: | ---: | --- | ---: | ---: | --- | --- | ---: | ---: | ---: |")
    for r in rows:
        st = r["stage_s"]
        print(f"| {r['articles']:,} | {r['input_mb']:.0f} | {r['wall_s']} | {r['cpu_s']} | {st['load and parse']} / "
              f"{st['match']} / {st['classify and report']} | {r['peak_mb']:,} | {r['recall']} | "
              f"{r['missed_lost_by_index']} / {r['missed_below_thresholds']} / {r['missed_not_extracted']} | "
              f"{r['recall_sharing_text']} ({r['missed_sharing_no_run']}) | {r['recall_in_one_cluster']} | "
              f"{r['sample_matches_lost_by_index']} of {r['sample_matches']} | {r['exhaustive_s_extrapolated']:,} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
