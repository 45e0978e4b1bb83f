"""The real archive: 37,554 articles of the AllSides / Article-Bias-Prediction set, checked as one set.

    # fetch github.com/ramybaly/Article-Bias-Prediction and unpack its data/jsons/ somewhere outside the repo
    python -m bench.real ../data/abp/data/jsons [--work ../data/abp]

Writes the articles as JSONL files (4,000 articles, about 25 MB, each) under
``--work`` (never in the repository: the text is the publishers'), then runs
``claimcheck check FOLDER --format json`` in its own process (``bench.stages``) and prints wall time
per stage, CPU time and peak memory of the whole process tree
(``bench.treemem``) as one JSON line. With ``--archive`` it builds an
archive of the set with ``claimcheck archive add`` instead, and times that.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bench.treemem import measure


def write_jsonl(jsons: Path, folder: Path, per_file: int = 4000) -> int:
    """One line per article: id (the file name), text, title, outlet (source), date, url, byline (authors),
    in files of ``per_file`` articles (claimcheck reads files of up to 50 MB)."""
    folder.mkdir(parents=True, exist_ok=True)
    n, out = 0, None
    for path in sorted(jsons.glob("*.json")):
        if n % per_file == 0:
            if out:
                out.close()
            out = open(folder / f"articles-{n // per_file:03d}.jsonl", "w", encoding="utf-8")
        a = json.loads(path.read_text(encoding="utf-8"))
        out.write(json.dumps({"id": path.stem, "text": a.get("content") or "", "title": a.get("title"),
                              "outlet": a.get("source"), "date": a.get("date"), "url": a.get("url"),
                              "byline": a.get("authors") or None}, ensure_ascii=False) + "\n")
        n += 1
    if out:
        out.close()
    return n


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("jsons", type=Path)
    ap.add_argument("--work", type=Path, default=Path("../data/abp"))
    ap.add_argument("--archive", action="store_true", help="build an archive of the set instead of checking it")
    ap.add_argument("--keep", type=Path, help="keep a copy of the run's store, for --parsed")
    ap.add_argument("--parsed", type=Path, help="a copy of an earlier run's store: time matching, classification and "
                                                 "the report only")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    jsonl = args.work / "jsonl"
    if not jsonl.exists():
        print(f"{write_jsonl(args.jsons, jsonl):,} articles written to {jsonl}", file=sys.stderr)
    if args.archive:
        target = args.work / "abp.archive"
        for stale in args.work.glob("abp.archive*"):
            stale.unlink()
        cmd = [sys.executable, "-m", "claimcheck", "archive", "add", str(target), str(jsonl), "--quiet"]
    elif args.parsed:
        cmd = [sys.executable, "-m", "bench.stages", "--parsed", str(args.parsed), "--out", str(args.work / "report")]
    else:
        cmd = [sys.executable, "-m", "bench.stages", str(jsonl), "--out", str(args.work / "report")]
        cmd += ["--keep", str(args.keep)] if args.keep else []
    wall, cpu, peak, done = measure(cmd)
    if done.returncode not in (0, 1) or (not args.archive and not done.stdout.strip()):
        print(done.stderr, file=sys.stderr)
        return done.returncode or 1
    result = json.loads(done.stdout.strip().splitlines()[-1]) if not args.archive else {}
    result.update({"wall_s": round(wall, 1), "cpu_s": round(cpu, 1), "peak_mb_tree": round(peak / 2**20)})
    if args.archive:
        result["archive_mb"] = round(target.stat().st_size / 2**20)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
