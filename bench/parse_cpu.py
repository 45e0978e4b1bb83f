"""Per-article parse CPU (clean, segment, tag, quotes, attribution) in one process.

    python -m bench.parse_cpu                       # the 1,000-article generated set (made if missing)
    python -m bench.parse_cpu --polnear /work/data/polnear --split dev   # real copy from a fetched PolNeAR

Prints milliseconds of CPU per article (process time, so another job on the
machine inflates it less than wall time) and per 1,000 characters. The
sentence tokenizer is trained once before timing, as ``process_articles`` does.

    python -m bench.parse_cpu --against ../old-checkout --rounds 5

compares with another checkout of claimcheck: each round parses the set
once with each (in child processes, alternating, so both meet the same
machine), and the least time each took is kept, the one least disturbed by
other work on a shared machine. Prints both and their ratio.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from claimcheck.load import load_paths
from claimcheck.model import Article
from claimcheck.pipeline import process_article
from claimcheck.segment import build_tokenizer


def generated_folder(n: int) -> Path:
    """The articles folder of the generated set of ``n`` (made on first use, then reused so runs compare)."""
    folder = Path(__file__).parent / "out" / f"parse-{n}"
    if not (folder / "articles").exists():
        from bench.generate import generate
        generate(n, folder)
    return folder / "articles"


def _generated(n: int) -> list[Article]:
    return load_paths([str(generated_folder(n))]).articles


def _polnear(root: str, split: str) -> list[Article]:
    texts = sorted((Path(root) / split / "text").glob("*.txt"))
    return [Article(id=p.stem, path=p.name, text=p.read_text(encoding="utf-8")) for p in texts]


def measure(articles: list[Article], repeat: int = 1) -> dict:
    tokenizer = build_tokenizer(a.text for a in articles)
    for a in articles[:20]:  # warm up: lazy model loading is not parse cost
        process_article(a, tokenizer)
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        for a in articles:
            process_article(a, tokenizer)
        best = min(best, time.process_time() - t0)
    chars = sum(len(a.text) for a in articles)
    return {"articles": len(articles), "cpu_s": round(best, 2), "ms_per_article": round(1000 * best / len(articles), 2),
            "ms_per_1k_chars": round(1e6 * best / chars, 3)}


def _child(tree: str | None, argv: list[str]) -> dict:
    """``measure`` in a child process that imports claimcheck from ``tree`` (None: the installed one)."""
    env = dict(os.environ)
    if tree:
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(Path(tree).resolve()), env.get("PYTHONPATH")) if p)
    # run as a script, so the other checkout's own ``bench`` package cannot shadow this one
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), *argv], env=env, capture_output=True,
                          text=True)
    if done.returncode:
        raise SystemExit(f"parse_cpu child for {tree or 'this checkout'} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def compare(against: str, rounds: int, argv: list[str]) -> dict:
    """Least ms per article of this checkout and of ``against`` over alternating rounds, and their ratio."""
    best = {"this": float("inf"), "against": float("inf")}
    for _ in range(rounds):
        for key, tree in (("against", against), ("this", None)):
            best[key] = min(best[key], _child(tree, argv)["ms_per_article"])
    return {"rounds": rounds, "this_ms": best["this"], "against_ms": best["against"], "against": against,
            "ratio": round(best["this"] / best["against"], 3)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--polnear")
    ap.add_argument("--split", default="dev")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--against", help="another checkout of claimcheck to compare with, round by round")
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    if args.against:
        argv = ["--articles", str(args.articles), "--split", args.split, "--repeat", str(args.repeat)]
        if args.polnear:
            argv += ["--polnear", str(Path(args.polnear).resolve())]
        generated_folder(args.articles)  # made once here, not by two children at once
        print(compare(args.against, args.rounds, argv))
        return
    arts = _polnear(args.polnear, args.split) if args.polnear else _generated(args.articles)
    print(json.dumps(measure(arts, args.repeat)))


if __name__ == "__main__":
    main()
