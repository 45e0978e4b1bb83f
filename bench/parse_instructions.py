"""Parse cost per article in CPU instructions (valgrind's callgrind), which a busy machine does not change.

    python -m bench.parse_instructions                                  # the 1,000-article generated set
    python -m bench.parse_instructions --polnear ../data/polnear --split dev
    python -m bench.parse_instructions --tree ../old-checkout           # the same for another checkout of claimcheck

``bench.parse_cpu`` times the parse, and on a shared 2-core machine its
figures move by a third from run to run; instruction counts move by well
under 1%, so two versions of the code can be compared on any day. The
articles are parsed twice under callgrind, the first N1 and the first N2
(after the same sentence-tokenizer training and model warm-up), and the
difference divided by N2 - N1 is the cost of one article with start-up and
model loading taken out. Needs valgrind (Debian: ``apt install valgrind``);
runs about 50 times slower than the parse itself.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

_CHILD = Path(__file__).resolve()  # run as a script, so --tree's own ``bench`` package cannot shadow this one


def _child(source: str, split: str, n: int) -> None:
    """Parse the first ``n`` articles of ``source`` with whatever claimcheck is first on the path."""
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _CHILD.parent]  # bench/*.py are not packages
    from claimcheck.load import load_paths
    from claimcheck.model import Article
    from claimcheck.pipeline import process_article
    from claimcheck.segment import build_tokenizer
    if split:
        texts = sorted((Path(source) / split / "text").glob("*.txt"))
        articles = [Article(id=p.stem, path=p.name, text=p.read_text(encoding="utf-8")) for p in texts]
    else:
        articles = load_paths([source]).articles
    tokenizer = build_tokenizer(a.text for a in articles)
    for a in articles[-5:]:  # models loaded and caches warm before counting
        process_article(a, tokenizer)
    for a in articles[:n]:
        process_article(a, tokenizer)


def instructions(source: str, split: str, n: int, tree: str | None) -> int:
    """Instructions callgrind counts for a child parsing the first ``n`` articles."""
    env = dict(os.environ)
    if tree:
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(Path(tree).resolve()), env.get("PYTHONPATH")) if p)
    cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
           sys.executable, str(_CHILD), "--child", str(n), "--source", source, "--split", split]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode or not found:
        raise SystemExit(f"valgrind run failed (exit {done.returncode}):\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--polnear", help="a fetched PolNeAR data folder; without it, the generated set")
    ap.add_argument("--split", default="dev")
    ap.add_argument("--articles", type=int, default=1000, help="size of the generated set")
    ap.add_argument("--n1", type=int, default=10)
    ap.add_argument("--n2", type=int, default=60)
    ap.add_argument("--tree", help="a checkout of claimcheck to measure instead of the installed one")
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--source", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child is not None:
        _child(args.source, args.split, args.child)
        return
    if args.polnear:
        source, split = str(Path(args.polnear).resolve()), args.split
    else:
        sys.path.insert(0, str(_CHILD.parent.parent))
        from bench.parse_cpu import generated_folder
        source, split = str(generated_folder(args.articles).resolve()), ""
    a = instructions(source, split, args.n1, args.tree)
    b = instructions(source, split, args.n2, args.tree)
    print({"set": f"polnear:{split}" if split else source, "tree": args.tree or "installed",
           "articles": args.n2 - args.n1, "M_instructions_per_article": round((b - a) / (args.n2 - args.n1) / 1e6, 2)})


if __name__ == "__main__":
    main()
