"""One check in its own process, printing the wall time of each stage as one JSON line (for ``bench.treemem``).

    python -m bench.stages PATH... [--out DIR] [--against ARCHIVE] [--jobs 2]
    python -m bench.stages --parsed RUN.sqlite --out DIR     # match, classify and report a stored run again
    python -m bench.stages PATH... --out DIR --keep RUN.sqlite  # keep a copy of the run's store for --parsed

Stages: ``load and parse`` (reading, parsing in worker processes, writing
the store), ``match`` (grouping, index, scoring), ``classify and report``
(statuses, clusters, the JSON report written row by row).
"""
from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path

from claimcheck import api
from claimcheck.match import Settings


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("--parsed", type=Path, help="a copy of a run's store: analyse its articles again, without parsing")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--against", type=Path)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", type=Path, help="copy the run's store here once every article is parsed and stored")
    args = ap.parse_args()
    marks: dict[str, float] = {}
    start = time.perf_counter()

    def progress(stage: str, done: int, total: int) -> None:
        key = f"{stage}_{'start' if done == 0 else 'end' if done == total else 'mid'}"
        if key == "match_start" and args.keep:  # the run's temporary store is complete and idle now
            newest = max(Path(tempfile.gettempdir()).glob("claimcheck-*/run.sqlite"), key=lambda p: p.stat().st_mtime)
            shutil.copyfile(newest, args.keep)
        marks.setdefault(key, time.perf_counter() - start) if key.endswith("start") else marks.__setitem__(
            key, time.perf_counter() - start)

    settings = Settings(jobs=args.jobs)
    if args.parsed:  # the articles of a run's store, analysed again without parsing them
        from claimcheck.pipeline import finish_analysis
        from claimcheck.store import Store
        marks["parsed"] = 0.0
        an = finish_analysis(Store.reopen(args.parsed), settings, "parsed", None, progress, [], [])
        outcome = api.finish_check(an, out=args.out, formats=["json"])
    else:
        outcome = api.check(args.paths, out=args.out, formats=["json"], settings=settings, progress=progress,
                            against=args.against)
    wall = time.perf_counter() - start
    match_start, match_end = marks.get("match_start", 0.0), marks.get("match_end", 0.0)
    an = outcome.analysis
    print(json.dumps({
        "articles": len(outcome.report["articles"]), "items": len(an.items), "groups": len(an.groups),
        "group_matches": len(an.pairs), "wall_s": round(wall, 1),
        "stage_s": {"load and parse": round(match_start, 1), "match": round(match_end - match_start, 1),
                    "classify and report": round(wall - match_end, 1)},
        "report_mb": round((args.out / "report.json").stat().st_size / 2**20, 1),
    }))


if __name__ == "__main__":
    main()
