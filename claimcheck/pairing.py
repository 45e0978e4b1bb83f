"""Which scored matches stand: each item with its own counterpart, fragments only within one story.

Scoring (``match.py``) links every pair of items similar enough. Two
different statements of one interview often share most of their words ("I
don't think he is fit for X" / "I think he is fit for Y"); an article that
prints both then links each to both, and the cross links read as rewordings
with false "negation changed" flags. So matching between two articles is
treated as an assignment:

* ``identical``, ``excerpt`` and ``extended`` matches always stand (an outlet
  may print two parts of one quote, or one quote twice);
* an item already identical to a counterpart in the other article, or printed
  there in full as an excerpt of one, is not also a variant of another item
  there;
* the remaining whole-text variants pair one to one, the highest scores first
  (an optimal assignment, ``scipy.optimize.linear_sum_assignment``); a
  reworded excerpt (``aligned`` variant) pairs with its best container.

Fragments of 1-3 words and titles of works are found by coincidence in any
unrelated story ("new", "fight", "A Higher Loyalty"). They match only
exactly, and only between articles that are otherwise about the same story:
articles sharing at least ``Settings.related_matches`` matches of longer
items.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Sequence

import numpy as np
from scipy.optimize import linear_sum_assignment

from .match import Item, Pair, Settings, containment, speakers_conflict

SETTLING = {"identical": (True, True), "excerpt": (True, False), "extended": (False, True)}


def settle(items: Sequence[Item], scored: Iterable[Pair], settings: Settings) -> list[Pair]:
    """The matches that stand among the scored ones of long items, with the fragment matches added; sorted."""
    by_uid = {it.uid: it for it in items}
    kept = one_counterpart(by_uid, scored)
    related = related_articles(by_uid, kept, settings.related_matches)
    kept.extend(fragment_pairs(items, related))
    kept.sort(key=lambda p: (p.a, p.b))
    return kept


def _article_pair(by_uid: dict[int, Item], p: Pair) -> tuple[int, int, str]:
    a, b = by_uid[p.a], by_uid[p.b]
    return (min(a.doc, b.doc), max(a.doc, b.doc), a.kind)


def one_counterpart(by_uid: dict[int, Item], scored: Iterable[Pair]) -> list[Pair]:
    """Matches between each two articles as an assignment (see the module docstring)."""
    groups: dict[tuple[int, int, str], list[Pair]] = defaultdict(list)
    for p in scored:
        groups[_article_pair(by_uid, p)].append(p)
    out: list[Pair] = []
    for key in sorted(groups):
        out.extend(_assign(by_uid, groups[key]))
    return out


def _assign(by_uid: dict[int, Item], pairs: list[Pair]) -> list[Pair]:
    """One article pair's matches of one kind: strong ones, then variants that do not compete with them."""
    settled: set[int] = set()
    for p in pairs:
        if p.relation in SETTLING:
            for uid, settles in zip((p.a, p.b), SETTLING[p.relation]):
                if settles:
                    settled.add(uid)
    strong = [p for p in pairs if p.relation in SETTLING]
    variants = [p for p in pairs if p.relation not in SETTLING]
    if not variants:
        return strong
    excerpts: dict[int, Pair] = {}  # shorter item -> its best container
    whole: list[Pair] = []
    for p in variants:
        if p.aligned:
            short = min((p.a, p.b), key=lambda u: (len(by_uid[u].words.norm), u))
            best = excerpts.get(short)
            if short not in settled and (best is None or (p.score, -p.b, -p.a) > (best.score, -best.b, -best.a)):
                excerpts[short] = p
        elif p.a not in settled and p.b not in settled:
            whole.append(p)
    return strong + sorted(excerpts.values(), key=lambda p: (p.a, p.b)) + _one_to_one(whole)


def _one_to_one(pairs: list[Pair]) -> list[Pair]:
    """The variants that pair each item with at most one counterpart, highest total score."""
    rows = sorted({p.a for p in pairs})
    cols = sorted({p.b for p in pairs})
    if len(rows) == len(pairs) and len(cols) == len(pairs):
        return pairs  # nothing competes
    ri = {u: i for i, u in enumerate(rows)}
    ci = {u: i for i, u in enumerate(cols)}
    score = np.zeros((len(rows), len(cols)))
    for p in pairs:
        score[ri[p.a], ci[p.b]] = p.score
    r, c = linear_sum_assignment(score, maximize=True)
    chosen = {(rows[i], cols[j]) for i, j in zip(r.tolist(), c.tolist()) if score[i, j] > 0}
    return [p for p in pairs if (p.a, p.b) in chosen]


def related_articles(by_uid: dict[int, Item], pairs: Iterable[Pair], minimum: int) -> dict[int, set[int]]:
    """Articles about the same story: for each article, those it shares ``minimum`` matches of long items with."""
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for p in pairs:
        a, b = by_uid[p.a].doc, by_uid[p.b].doc
        shared[(min(a, b), max(a, b))] += 1
    related: dict[int, set[int]] = defaultdict(set)
    for (a, b), n in shared.items():
        if n >= minimum:
            related[a].add(b)
            related[b].add(a)
    return related


def fragment_pairs(items: Sequence[Item], related: dict[int, set[int]]) -> list[Pair]:
    """Fragments match only exactly, within a story: a quote fragment as itself or an excerpt of a quote by the
    same (or an unknown) speaker, a sentence fragment only as the same words."""
    if not related or not any(it.short for it in items):
        return []
    quotes_of: dict[int, list[Item]] = defaultdict(list)
    sentences_of: dict[tuple[int, str], list[Item]] = defaultdict(list)
    for it in items:
        if it.kind == "quote":
            quotes_of[it.doc].append(it)
        elif it.short:
            sentences_of[(it.doc, it.key)].append(it)
    out = []
    for s in items:
        if not s.short or not s.terms:
            continue
        for doc in sorted(related.get(s.doc, ())):
            if s.kind == "quote":
                for other in quotes_of[doc]:
                    if (other.short and other.uid < s.uid) or speakers_conflict(s, other):
                        continue
                    rel = containment(s, other)
                    if rel in ("identical", "excerpt"):
                        out.append(Pair(s.uid, other.uid, rel, 100.0))
            else:
                out.extend(Pair(s.uid, o.uid, "identical", 100.0) for o in sentences_of[(doc, s.key)] if o.uid > s.uid)
    return out
