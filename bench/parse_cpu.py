"""Per-article parse CPU (clean, segment, tag, quotes, attribution) in one process.

    python -m bench.parse_cpu                       # the 1,000-article generated set (made if missing)
    python -m bench.parse_cpu --polnear /work/data/polnear --split dev   # real copy from a fetched PolNeAR

Prints milliseconds of CPU per article (process time, so another job on the
machine inflates it less than wall time) and per 1,000 characters. The
sentence tokenizer is trained once before timing, as ``process_articles`` does.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from claimcheck.load import load_paths
from claimcheck.model import Article
from claimcheck.pipeline import process_article
from claimcheck.segment import build_tokenizer


def generated_folder(n: int) -> Path:
    """The articles folder of the generated set of ``n`` (made on first use, then reused so runs compare)."""
    from bench.generate import generate
    folder = Path(__file__).parent / "out" / f"parse-{n}"
    if not (folder / "articles").exists():
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--polnear")
    ap.add_argument("--split", default="dev")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    arts = _polnear(args.polnear, args.split) if args.polnear else _generated(args.articles)
    print(measure(arts, args.repeat))


if __name__ == "__main__":
    main()
