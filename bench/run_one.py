"""One benchmark run in its own process, so peak memory is this run's alone.

    python -m bench.run_one bench/out/1000 [--jobs 2] [--exhaustive-sample 1500]

Prints one JSON line: wall time, peak RSS, articles/s, recall of the true
cross-article quote pairs, and the extrapolated time of exhaustive matching.
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import time
from pathlib import Path

from bench.generate import true_pairs
from claimcheck import api
from claimcheck.match import Settings, exhaustive_pairs, score_pairs
from claimcheck.normalize import words

SEP = "\x1f"


def _key(text: str) -> str:
    return SEP + SEP.join(words(text).norm) + SEP


def recall(an, truth: list[dict]) -> tuple[float, int]:
    """Share of true (article, article, quote) pairs that the analysis links with a quote match.

    Read from every member's matches (``Members.counterparts``), not from the
    report, which names at most ``matches_listed`` of them per quote and
    lists the quotes of an exact copy once.
    """
    instances: dict[str, list[tuple[str, str]]] = {}
    for t in truth:
        instances.setdefault(t["article"], []).append((t["key"], _key(t["text"])))
    keys_of: dict[int, set[str]] = {}
    for it in an.items:
        if it.kind == "quote":
            article = an.article(it.doc).id
            keys_of[it.uid] = {key for key, inst in instances.get(article, []) if it.key in inst}
    found = set()
    for uid, keys in keys_of.items():
        if not keys:
            continue
        for other, _ in an.members.counterparts(uid):
            for key in keys & keys_of.get(other, set()):
                a, b = sorted((an.article(an.items[uid].doc).id, an.article(an.items[other].doc).id))
                found.add((a, b, key))
    truth_pairs = true_pairs(truth)
    return (len(found & truth_pairs) / len(truth_pairs) if truth_pairs else 1.0), len(truth_pairs)


def exhaustive_seconds(an, sample: int, settings: Settings, seed: int = 1) -> tuple[float, int]:
    """Time all-pairs rapidfuzz scoring on a sample of items and extrapolate to every cross-article pair."""
    items = an.items
    rng = random.Random(seed)
    picked = sorted(rng.sample(range(len(items)), min(sample, len(items))))
    sub = [items[i] for i in picked]
    pairs = exhaustive_pairs(sub)
    t = time.perf_counter()
    score_pairs(sub, pairs, settings)
    elapsed = time.perf_counter() - t
    same_kind_long = [it for it in items if not it.short]
    by_kind: dict[str, int] = {}
    for it in same_kind_long:
        by_kind[it.kind] = by_kind.get(it.kind, 0) + 1
    total_pairs = sum(n * (n - 1) // 2 for n in by_kind.values())
    return (elapsed / max(1, len(pairs))) * total_pairs, total_pairs


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", type=Path)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--exhaustive-sample", type=int, default=1500)
    args = ap.parse_args()
    settings = Settings(jobs=args.jobs)
    stages: dict[str, float] = {}
    t = time.perf_counter()

    def progress(stage: str, done: int, total: int) -> None:
        stages[f"{stage}_{'start' if done == 0 else 'end'}"] = round(time.perf_counter() - t, 1)

    outcome = api.check([args.folder], out=args.folder / "report", formats=["json"], settings=settings,
                        progress=progress)
    wall = time.perf_counter() - t
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    truth = json.loads((args.folder / "truth.json").read_text())
    rec, n_true = recall(outcome.analysis, truth)
    ex_seconds, ex_pairs = exhaustive_seconds(outcome.analysis, args.exhaustive_sample, settings)
    n = len(outcome.report["articles"])
    print(json.dumps({
        "articles": n, "items": len(outcome.analysis.items), "groups": len(outcome.analysis.groups),
        "group_matches": len(outcome.analysis.pairs),
        "wall_s": round(wall, 1), "peak_mb": round(peak / 1024), "articles_per_s": round(n / wall),
        "true_pairs": n_true, "recall": round(rec, 4),
        "exhaustive_s_extrapolated": round(ex_seconds), "exhaustive_pairs": ex_pairs,
        "speedup": round(ex_seconds / wall, 1), "stage_seconds": stages,
    }))


if __name__ == "__main__":
    main()
