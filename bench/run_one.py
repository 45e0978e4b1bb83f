"""Recall and the exhaustive baseline of one generated set, in a process of its own.

    python -m bench.run_one bench/out/1000 [--jobs 2] [--exhaustive-sample 1500]

Prints one JSON line: recall of the true cross-article quote pairs with the
missed pairs split by cause (lost by the index, below the thresholds, not
extracted), the true pairs no text matching can link (their printings share
no run of ``SHARED_RUN`` words) with recall over the others, and exhaustive
all-pairs scoring of a sample: its time extrapolated to the whole set, and
the matches in it the index lost. Time
and memory of the check itself are measured by ``bench.run`` with
``bench.stages``.
"""
from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

from rapidfuzz.distance import Indel

from bench.generate import true_pairs
from claimcheck import api
from claimcheck.match import Settings, exhaustive_pairs, fragment_pairs, may_stand, score_pairs
from claimcheck.normalize import words

SEP = "\x1f"
SHARED_RUN = 3  # words printed alike, in a row, for two partial quotes to share text


def longest_shared_run(a: str, b: str) -> int:
    """The longest run of comparison words two printings have alike in their best alignment."""
    runs = [op.src_end - op.src_start for op in Indel.opcodes(words(a).norm, words(b).norm) if op.tag == "equal"]
    return max(runs, default=0)


def _key(text: str) -> str:
    return SEP + SEP.join(words(text).norm) + SEP


def speakers_agree(items, pairs):
    """The scored pairs that can stand once speakers are known (``match.may_stand``)."""
    by_uid = {it.uid: it for it in items}
    return [p for p in pairs if may_stand(p, by_uid[p.a], by_uid[p.b])]


def recall(an, truth: list[dict]) -> dict:
    """Recall of true (article, article, quote) pairs, and why each missed pair was missed.

    Read from every member's matches (``Members.counterparts``), not from the
    report, which names at most ``matches_listed`` of them per quote and
    lists the quotes of an exact copy once. A missed pair is *lost by the
    index* when scoring its two quotes directly, at the same thresholds,
    matches them (the candidate index never proposed them); *below the
    thresholds* when it does not (a question for the thresholds, not the
    index); *not extracted* when one side has no quote item with those words.
    Some true pairs print parts of the quote with no run of ``SHARED_RUN``
    words alike (an excerpt from its start, another from its end): no text
    matching can link them. They are counted (``pairs_sharing_no_run``,
    ``missed_sharing_no_run``), and ``recall_sharing_text`` is recall over
    the other pairs.
    """
    instances: dict[str, list[tuple[str, str]]] = {}
    for t in truth:
        instances.setdefault(t["article"], []).append((t["key"], _key(t["text"])))
    keys_of: dict[int, set[str]] = {}
    by_article_key: dict[tuple[str, str], list[int]] = {}
    for it in an.items:
        if it.kind == "quote":
            article = an.article(it.doc).id
            keys_of[it.uid] = {key for key, inst in instances.get(article, []) if an.store.words(it.uid).norm and
                               SEP + SEP.join(an.store.words(it.uid).norm) + SEP in inst}
            for key in keys_of[it.uid]:
                by_article_key.setdefault((article, key), []).append(it.uid)
    found = set()
    for uid, keys in keys_of.items():
        if not keys:
            continue
        for other, _ in an.members.counterparts(uid):
            for key in keys & keys_of.get(other, set()):
                a, b = sorted((an.article(an.items[uid].doc).id, an.article(an.items[other].doc).id))
                found.add((a, b, key))
    truth_pairs = true_pairs(truth)
    printed = {(t["article"], t["key"]): t["text"] for t in truth}
    apart = {(a, b, key) for a, b, key in truth_pairs
             if longest_shared_run(printed[(a, key)], printed[(b, key)]) < SHARED_RUN}
    lost, below, missing = 0, 0, 0
    for a, b, key in truth_pairs - found:
        left, right = by_article_key.get((a, key), []), by_article_key.get((b, key), [])
        if not left or not right:
            missing += 1
            continue
        items = an.store.load(an.items[u] for u in left + right)
        direct = speakers_agree(items, score_pairs(items, [(x, y) for x in left for y in right], an.settings)) + [
            p for p in fragment_pairs([it for it in items if it.short], ((it.uid, it.words.term_codes) for it in items),
                                      lambda uids: [it for it in items if it.uid in uids])
            if (p.a in left) != (p.b in left)]
        if direct:
            lost += 1
        else:
            below += 1
    n, sharing = len(truth_pairs), truth_pairs - apart
    clustered = found | in_one_cluster(an, truth_pairs - found, by_article_key)
    return {"recall": round(len(found & truth_pairs) / n, 4) if n else 1.0, "true_pairs": n,
            "recall_in_one_cluster": round(len(clustered & truth_pairs) / n, 4) if n else 1.0,
            "missed_lost_by_index": lost, "missed_below_thresholds": below, "missed_not_extracted": missing,
            "pairs_sharing_no_run": len(apart), "missed_sharing_no_run": len(apart - found),
            "recall_sharing_text": round(len(found & sharing) / len(sharing), 4) if sharing else 1.0}


def in_one_cluster(an, pairs: set[tuple[str, str, str]], by_article_key: dict) -> set[tuple[str, str, str]]:
    """The true pairs not matched directly whose two printings the report still puts in one cluster (two
    rewordings of one quote, each matching a third printing of it, the cluster's root)."""
    cluster_of = {uid: cl.id for cl in an.members.clusters(str) for uid in cl.members}
    out = set()
    for a, b, key in pairs:
        left = {cluster_of.get(u) for u in by_article_key.get((a, key), [])} - {None}
        if left & {cluster_of.get(u) for u in by_article_key.get((b, key), [])}:
            out.add((a, b, key))
    return out


def exhaustive(an, sample: int, settings: Settings, seed: int = 1) -> dict:
    """All-pairs rapidfuzz scoring of a sample of items: its time extrapolated to every pair, and how many of
    the matches it finds the run's index did not propose (should be 0; a match the assignment set aside, its
    item having another counterpart in that article, is not lost)."""
    rng = random.Random(seed)
    picked = sorted(rng.sample(range(len(an.items)), min(sample, len(an.items))))
    sub = an.store.load(an.items[i] for i in picked)
    pairs = exhaustive_pairs(sub)
    t = time.perf_counter()
    matched = speakers_agree(sub, score_pairs(sub, pairs, settings))
    elapsed = time.perf_counter() - t
    lost = 0
    for p in matched:
        mine = {o for o, _ in an.members.counterparts(p.a)}
        if p.b in mine:
            continue
        # a match the assignment (``pairing``) set aside: one side has another counterpart in the other's article
        doc_a, doc_b = an.items[p.a].doc, an.items[p.b].doc
        if any(an.items[o].doc == doc_b for o in mine) or any(an.items[o].doc == doc_a
                                                              for o, _ in an.members.counterparts(p.b)):
            continue
        lost += 1
    by_kind: dict[str, int] = {}
    for it in an.items:
        if not it.short:
            by_kind[it.kind] = by_kind.get(it.kind, 0) + 1
    total_pairs = sum(n * (n - 1) // 2 for n in by_kind.values())
    return {"exhaustive_s_extrapolated": round((elapsed / max(1, len(pairs))) * total_pairs),
            "exhaustive_pairs": total_pairs, "sample_matches": len(matched), "sample_matches_lost_by_index": lost}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", type=Path)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--exhaustive-sample", type=int, default=1500)
    args = ap.parse_args()
    settings = Settings(jobs=args.jobs)
    outcome = api.check([args.folder], settings=settings, write=False)
    truth = json.loads((args.folder / "truth.json").read_text())
    print(json.dumps({**recall(outcome.analysis, truth),
                      **exhaustive(outcome.analysis, args.exhaustive_sample, settings)}))


if __name__ == "__main__":
    main()
