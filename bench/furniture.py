"""Page furniture on real scraped pages: what clean removes, by rule, on a fixed-seed sample.

    python -m bench.furniture ARTICLES --seed 777 --n 200 --exclude 12:400
    python -m bench.furniture ARTICLES --seed 777 --n 200 --exclude 12:400 --show subhead

ARTICLES is a folder of article JSON files (the AllSides corpus of
``ramybaly/Article-Bias-Prediction``: ``data/jsons``, read in name order) or
one JSON-lines file of such objects (``content_original`` or ``text``). The
sample: articles with text, in an order shuffled by ``--seed``, the first
``--n``; ``--exclude SEED:N`` leaves out the articles of another sample (the
one the rules were written on). Prints the sentences and quotes reported,
the items removed by each rule and the lines of 12 words or fewer with no
sentence end or set in capitals that are still reported as sentences (a
rough count of furniture left). Run it on another checkout with
``PYTHONPATH=that/checkout`` for a before/after. ``--show RULE`` prints the
removed lines of one rule for reading by eye, to the terminal only: the
publishers' text is never written to a file.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

from claimcheck.model import Article
from claimcheck.pipeline import process_articles

_SENTENCE_END = re.compile(r"[.!?…][\"'’”»)\]]*\s*$")


def read_articles(path: Path) -> list[dict]:
    if path.is_dir():
        return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(path.glob("*.json"))]
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def body(row: dict) -> str:
    return row.get("content_original") or row.get("text") or ""


def sample(rows: list[dict], seed: int, n: int, exclude: set[int] = frozenset()) -> list[int]:
    """Indexes of n articles with text, in the order a seeded shuffle gives, leaving out ``exclude``."""
    order = list(range(len(rows)))
    random.Random(seed).shuffle(order)
    return [i for i in order if i not in exclude and body(rows[i]).strip()][:n]


def leftover(text: str) -> bool:
    """A reported sentence that looks like furniture: short with no sentence end, or set in capitals."""
    short = len(text.split()) <= 12 and not _SENTENCE_END.search(text)
    return short or (text.upper() == text and any(c.isalpha() for c in text))


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("articles", type=Path)
    ap.add_argument("--seed", type=int, default=777)
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--exclude", default=None, help="SEED:N, the articles of another sample to leave out")
    ap.add_argument("--show", default=None, help="print the removed lines of this rule")
    args = ap.parse_args(argv)
    rows = read_articles(args.articles)
    skip: set[int] = set()
    if args.exclude:
        seed, n = (int(x) for x in args.exclude.split(":"))
        skip = set(sample(rows, seed, n))
    picked = sample(rows, args.seed, args.n, skip)
    articles = [Article(id=str(i), path=str(i), text=body(rows[i]), title=rows[i].get("title"),
                        outlet=rows[i].get("source") or rows[i].get("outlet")) for i in picked]
    docs = process_articles(articles)
    removed: Counter = Counter()
    for d in docs:
        for span, why in d.removed:
            removed[why] += 1
            if why == args.show:
                print(" ".join(d.article.text[span.start:span.end].split())[:300])
    figures = {
        "articles": len(docs),
        "sentences": sum(len(d.sentences) for d in docs),
        "quotes": sum(len(d.quotes) for d in docs),
        "short or capitals lines left": sum(leftover(" ".join(s.text.split())) for d in docs for s in d.sentences),
        "removed": dict(sorted(removed.items(), key=lambda kv: -kv[1])),
    }
    print(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
