"""A folder of many unrelated stories: what corroborates by coincidence.

    python -m bench.unrelated ARTICLES --seed 5 --n 2000

Checks ``--n`` articles drawn at random (see ``bench.furniture`` for ARTICLES
and the sample) as one set, as a newsroom archive folder would be, and
counts the matches that tie unrelated stories together: fragment matches
(1-3 words) between articles that share fewer than two matches of longer
items, matches flagged ``substantive``, and the items reported corroborated.
Counts only: no text is printed or written.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from bench.furniture import body, read_articles, sample
from claimcheck import api
from claimcheck.model import Article

_WORD = re.compile(r"\w+(?:[’'-]\w+)*")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("articles", type=Path)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--n", type=int, default=2000)
    args = ap.parse_args(argv)
    rows = read_articles(args.articles)
    picked = sample(rows, args.seed, args.n)
    articles = [Article(id=f"a{i}", path=f"a{i}", text=body(rows[i]), title=rows[i].get("title"),
                        outlet=rows[i].get("source") or rows[i].get("outlet")) for i in picked]
    report = _check(articles)
    long_links: Counter = Counter()
    links = []
    for kind in ("quotes", "sentences"):
        for it in report[kind]:
            for m in it["matches"]:
                if it["id"] > m["id"]:
                    continue  # each match once
                key = tuple(sorted((it["article"], m["article"])))
                fragment = min(len(_WORD.findall(it["text"])), len(_WORD.findall(m["text"]))) <= 3
                links.append((key, fragment, "substantive" in m["flags"]))
                if not fragment:
                    long_links[key] += 1
    items = report["quotes"] + report["sentences"]
    print(json.dumps({
        "articles": len(report["articles"]),
        "items": len(items),
        "corroborated items": sum(1 for i in items if i["status"] == "corroborated"),
        "matches": len(links),
        "fragment matches": sum(1 for _, f, _ in links if f),
        "fragment matches between articles sharing fewer than 2 longer matches":
            sum(1 for k, f, _ in links if f and long_links[k] < 2),
        "substantive matches": sum(1 for _, _, s in links if s),
    }, indent=1))
    return 0


def _check(articles: list[Article]) -> dict:
    """The report for articles held in memory: through a JSON-lines file in a temporary folder."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "articles.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for a in articles:
                fh.write(json.dumps({"id": a.id, "text": a.text, "title": a.title, "outlet": a.outlet}) + "\n")
        return api.check([path], write=False).report


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
