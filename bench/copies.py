"""Syndicated copies and repeated text: cost must grow with the story, not with the square of its copies.

    python -m bench.copies                       # every shape at its default sizes
    python -m bench.copies copies 10 100 1000    # one shape, chosen sizes

Three shapes, each checked by ``claimcheck check`` in its own process with
all three report formats:

* ``copies``: n copies of one real article (the Korea Herald page of the
  example story) from n outlets, as a wire story is reprinted;
* ``repeated``: two articles that each print one short quoted sentence n
  times (a live blog's refrain);
* ``oneline``: n one-line articles, each a quoted sentence from a handful
  of lines, some reworded.

Prints a Markdown table per shape: wall seconds, peak resident memory of the
whole process tree (``bench.treemem``), and the size of each report, with
the growth from the previous size, which must stay about linear.
"""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from bench.treemem import measure
from claimcheck.load import load_paths

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "claims" / "apec-trilateral-2023" / "articles" / "koreaherald-yonhap.txt"
SIZES = {"copies": [10, 100, 300, 1000], "repeated": [250, 500, 1000, 2000], "oneline": [500, 1000, 2000, 4000]}
LINES = [
    '"We will reopen the port on Monday," the mayor said.',
    '"Nobody wants a long strike," said union leader Ana Ruiz.',
    '"The cranes will stay idle until we have a deal," Ruiz said.',
    '"Shipping lines are already rerouting cargo," an analyst said.',
    '"This costs the region a billion dollars a week," said Tom Hale.',
]
REWORDED = [
    '"We will open the port again on Monday," the mayor said.',
    '"Nobody here wants a long strike," said union leader Ana Ruiz.',
]


def write_copies(folder: Path, n: int) -> None:
    [article] = load_paths([ARTICLE]).articles
    with open(folder / "copies.jsonl", "w", encoding="utf-8") as fh:
        for k in range(n):
            fh.write(json.dumps({"id": f"copy-{k:04d}", "outlet": f"Outlet {k:04d}", "title": article.title,
                                 "text": article.text}) + "\n")


def write_repeated(folder: Path, n: int) -> None:
    for name, line in (("first", '"No way." '), ("second", '"No way." ')):
        body = line * n
        (folder / f"{name}.md").write_text(f"---\noutlet: {name.title()} Daily\n---\n{body}\n", encoding="utf-8")


def write_oneline(folder: Path, n: int) -> None:
    with open(folder / "lines.jsonl", "w", encoding="utf-8") as fh:
        for k in range(n):
            line = REWORDED[k % len(REWORDED)] if k % 7 == 6 else LINES[k % len(LINES)]
            fh.write(json.dumps({"id": f"line-{k:05d}", "outlet": f"Outlet {k % 300:03d}", "text": line}) + "\n")


WRITERS = {"copies": write_copies, "repeated": write_repeated, "oneline": write_oneline}


def run(shape: str, n: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        WRITERS[shape](folder, n)
        out = Path(tmp) / "out"
        cmd = [sys.executable, "-m", "claimcheck", "check", str(folder), "--out", str(out),
               "--format", "yaml,md,json", "--quiet"]
        wall, cpu, peak, done = measure(cmd)
        if done.returncode not in (0, 1):
            raise SystemExit(f"{shape} {n}: exit {done.returncode}\n{done.stderr}")
        sizes = {fmt: (out / f"report.{fmt}").stat().st_size for fmt in ("json", "yaml", "md")}
        input_bytes = sum(f.stat().st_size for f in folder.iterdir())
    return {"shape": shape, "n": n, "input_kb": round(input_bytes / 1024), "wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
            "peak_mb": round(peak / 2**20), **{f"{k}_kb": round(v / 1024) for k, v in sizes.items()}}


def table(rows: list[dict]) -> str:
    lines = ["| shape | n | input KB | wall s | CPU s | peak MB (tree) | report.json KB | report.yaml KB | report.md KB "
             "| growth (CPU / memory / json) |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    prev = None
    for r in rows:
        growth = ""
        if prev and prev["shape"] == r["shape"]:
            k = r["n"] / prev["n"]
            growth = (f"x{k:.3g} n: x{r['cpu_s'] / max(prev['cpu_s'], 1e-9):.1f} / x{r['peak_mb'] / max(prev['peak_mb'], 1):.1f}"
                      f" / x{r['json_kb'] / max(prev['json_kb'], 1):.1f}")
        lines.append(f"| {r['shape']} | {r['n']:,} | {r['input_kb']:,} | {r['wall_s']} | {r['cpu_s']} | {r['peak_mb']:,} | {r['json_kb']:,} | "
                     f"{r['yaml_kb']:,} | {r['md_kb']:,} | {growth} |")
        prev = r
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    shapes = [argv[0]] if argv else list(SIZES)
    sizes = [int(a) for a in argv[1:]]
    rows = []
    for shape in shapes:
        for n in sizes or SIZES[shape]:
            print(f"{shape} {n} ...", file=sys.stderr)
            rows.append(run(shape, n))
            print(json.dumps(rows[-1]), file=sys.stderr)
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
