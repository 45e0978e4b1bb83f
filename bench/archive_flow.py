"""The archive workflow: build an archive, add a day's articles to it, check a story against it.

    python -m bench.archive_flow 10000 [--add 1000] [--story 4]

Uses one generated set (``bench.generate``) of N + ADD + STORY articles: the
first N make the archive, the next ``--add`` are added to it, and the last
``--story`` articles, a story the archive has not seen told in the same
vocabulary, are checked against it. Each step runs ``claimcheck`` in its own
process under ``bench.treemem`` and prints wall and CPU seconds and the peak
memory of the process tree; the story check must stay within a few seconds
whatever the size of the archive.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bench.generate import generate
from bench.treemem import measure

OUT = Path(__file__).parent / "out"


SHARD = 4000  # articles per JSONL file: claimcheck reads files of up to 50 MB


def split(source: Path, parts: dict[str, tuple[int, int]], base: Path) -> None:
    """Write articles [start, stop) of a generated set into base/NAME/articles-K.jsonl for each part."""
    lines = [line for shard in sorted((source / "articles").glob("*.jsonl"))
             for line in shard.read_text(encoding="utf-8").splitlines()]
    for name, (start, stop) in parts.items():
        folder = base / name
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob("articles*.jsonl"):
            stale.unlink()
        for k, first in enumerate(range(start, stop, SHARD)):
            chunk = lines[first:min(first + SHARD, stop)]
            (folder / f"articles-{k:03d}.jsonl").write_text("\n".join(chunk) + "\n", encoding="utf-8")


def step(name: str, cmd: list[str]) -> dict:
    wall, cpu, peak, done = measure(cmd)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{name}: exit {done.returncode}\n{done.stderr}")
    row = {"step": name, "wall_s": round(wall, 1), "cpu_s": round(cpu, 1), "peak_mb": round(peak / 2**20)}
    print(json.dumps(row), file=sys.stderr)
    return row


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("size", type=int)
    ap.add_argument("--add", type=int, default=1000)
    ap.add_argument("--story", type=int, default=4)
    args = ap.parse_args()
    base = OUT / f"flow-{args.size}"
    total = args.size + args.add + args.story
    if not (base / "all" / "generator.json").exists():
        generate(total, base / "all")
    split(base / "all", {"archive": (0, args.size), "more": (args.size, args.size + args.add),
                         "story/articles": (args.size + args.add, total)}, base)
    more, story = base / "more", base / "story"
    archive = base / "newsroom.archive"
    for stale in base.glob("newsroom.archive*"):
        stale.unlink()
    cc = [sys.executable, "-m", "claimcheck"]
    rows = [step(f"archive add {args.size:,} articles", cc + ["archive", "add", str(archive), str(base / "archive"), "-q"]),
            step(f"archive add {args.add:,} more", cc + ["archive", "add", str(archive), str(more), "-q"]),
            step(f"check a {args.story}-article story against it", cc + ["check", str(story), "--against", str(archive),
                                                                        "--out", str(base / "report"), "-q"])]
    rows.append({"step": "archive size", "mb": round(archive.stat().st_size / 2**20)})
    print("| step | wall s | CPU s | peak MB (tree) |")
    print("| --- | ---: | ---: | ---: |")
    for r in rows[:-1]:
        print(f"| {r['step']} | {r['wall_s']} | {r['cpu_s']} | {r['peak_mb']:,} |")
    print(f"\narchive file: {rows[-1]['mb']:,} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
