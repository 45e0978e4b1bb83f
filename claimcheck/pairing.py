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
  reworded excerpt (``aligned`` variant) pairs with its best container;
* two overlapping excerpts (``overlap`` variant) pair one to one among the
  items left without any other match there: a shared stretch is the weakest
  evidence that two printings are one quote.

Fragments of 1-3 words and titles of works are found by coincidence in any
unrelated story ("new", "fight", "A Higher Loyalty"). They match only
exactly, and only between articles that are otherwise about the same story:
articles sharing at least ``Settings.related_matches`` matches of longer
items.

A run matches one representative per group of identical items
(``groups.py``), so ``settle_groups`` applies these rules to the groups'
matches: what decides them for two articles is which matched groups each
article holds, so articles holding the same matched groups (a wire story's
copies) share one *key* and the rules are worked out once per pair of keys,
not per pair of articles. A match that stands between some keys and not
others carries the key pairs where it stands (``Settlement.where``).
``settle`` is the same rules over single items, the reference the grouped
settlement is tested against.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Sequence

import numpy as np
from scipy.optimize import linear_sum_assignment

from .groups import Groups, content_key
from .match import Item, Pair, Settings, containment, may_stand, speakers_conflict

SETTLING = {"identical": (True, True), "excerpt": (True, False), "extended": (False, True)}


def settle(items: Sequence[Item], scored: Iterable[Pair], settings: Settings) -> list[Pair]:
    """The matches that stand among the scored ones of long items, with the fragment matches added; sorted.

    Item by item: every item is its own article's (no groups); ``settle_groups`` is what a run uses.
    """
    by_uid = {it.uid: it for it in items}
    kept = one_counterpart(by_uid, scored)
    related = related_articles(by_uid, kept, settings.related_matches)
    kept = [p for p in kept if may_stand(p, by_uid[p.a], by_uid[p.b])]
    kept.extend(fragment_pairs(items, related))
    kept.sort(key=lambda p: (p.a, p.b))
    return kept


def one_counterpart(by_uid: dict[int, Item], scored: Iterable[Pair]) -> list[Pair]:
    """Matches between each two articles as an assignment (see the module docstring)."""
    groups: dict[tuple[int, int, str], list[Pair]] = defaultdict(list)
    for p in scored:
        a, b = by_uid[p.a], by_uid[p.b]
        groups[(min(a.doc, b.doc), max(a.doc, b.doc), a.kind)].append(p)
    out: list[Pair] = []
    for key in sorted(groups):
        out.extend(_assign(lambda u: by_uid[u], groups[key]))
    return out


def _assign(item_of, pairs: list[Pair]) -> list[Pair]:
    """One article pair's matches of one kind: strong ones, then variants that do not compete with them.

    ``item_of(uid)`` gives the item: its number of words (a reworded excerpt's shorter side is its excerpt) and
    its content, which breaks ties between equal scores. Ties go by content, never by uid, so the choice is the
    same whether items are matched one by one or as groups of identical items (whose uids differ).
    """
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
    rank = {u: (content_key(item_of(u)), u) for p in variants for u in (p.a, p.b)}
    excerpts: dict[int, Pair] = {}  # shorter item -> its best container
    whole: list[Pair] = []
    overlaps: list[Pair] = []
    for p in variants:
        if p.overlap:
            overlaps.append(p)
        elif p.aligned:
            short = min((p.a, p.b), key=lambda u: (item_of(u).n_words, rank[u]))
            best = excerpts.get(short)
            if short not in settled and (best is None or p.score > best.score or p.score == best.score
                                         and (rank[p.b], rank[p.a]) < (rank[best.b], rank[best.a])):
                excerpts[short] = p
        elif p.a not in settled and p.b not in settled:
            whole.append(p)
    paired = _one_to_one(whole, rank)
    taken = settled | excerpts.keys() | {u for p in paired for u in (p.a, p.b)}  # a container may hold more
    return (strong + sorted(excerpts.values(), key=lambda p: (p.a, p.b)) + paired
            + _one_to_one([p for p in overlaps if p.a not in taken and p.b not in taken], rank))


def _one_to_one(pairs: list[Pair], rank: dict[int, tuple]) -> list[Pair]:
    """The variants that pair each item with at most one counterpart, highest total score (rows and columns in
    ``rank`` order, so equal totals resolve the same way for any numbering of the items)."""
    rows = sorted({p.a for p in pairs}, key=rank.__getitem__)
    cols = sorted({p.b for p in pairs}, key=rank.__getitem__)
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


# --- the same rules over groups of identical items -------------------------------------------

@dataclass
class Settlement:
    """The group matches that stand, and where.

    ``where[(ga, gb)]`` (``ga`` the group of ``pair.a``) holds, for a match
    that stands between some articles only, the pairs (key of ga's article,
    key of gb's article) where it does; a match not in ``where`` stands
    between every two articles its groups are in. ``where[(g, g)]`` is the
    same for the identical members of one group spread over several articles
    (an empty set: they match nowhere).
    """

    pairs: list[Pair]
    key_of: list[int]  # article -> its key: the matched groups it holds
    where: dict[tuple[int, int], frozenset[tuple[int, int]]] = field(default_factory=dict)


def settle_groups(items: Sequence, groups: Groups, scored: Iterable[Pair], settings: Settings, n_docs: int) -> Settlement:
    """``settle`` for the matches between group representatives (``scored``, fragment candidates included).

    ``items`` are every member (``uid``, ``doc``, ``kind``, ``short``,
    ``n_words``); see the module docstring for the keys.
    """
    scored = list(scored)
    short = [items[m[0]].short for m in groups.members]
    spread = [d < 0 for d in groups.docs]  # members in several articles: identical to each other
    docs_of: list[set[int]] = [set() for _ in range(len(groups))]
    for it in items:
        docs_of[groups.of[it.uid]].add(it.doc)
    long_links: dict[int, list[tuple[int, int]]] = defaultdict(list)  # group -> (other group, pair index)
    for i, p in enumerate(scored):
        ga, gb = groups.of[p.a], groups.of[p.b]
        if not (short[ga] or short[gb]):
            long_links[ga].append((gb, i))
            long_links[gb].append((ga, i))
    linked_to = {g: tuple(h for h, _ in links) for g, links in long_links.items()}  # group -> the groups it matches
    held: list[list[int]] = [[] for _ in range(n_docs)]
    for g in sorted(set(long_links) | {g for g in range(len(groups)) if spread[g] and not short[g]}):
        for d in docs_of[g]:
            held[d].append(g)
    key_ids: dict[tuple[int, ...], int] = {}
    key_of = [key_ids.setdefault(tuple(h), len(key_ids)) for h in held]
    key_sets = [frozenset(k) for k in key_ids]
    keys_of = [sorted({key_of[d] for d in ds}) for ds in docs_of]
    rep = [m[0] for m in groups.members]

    solved: dict[tuple[int, int], tuple[set[tuple[int, int]], int]] = {}

    def solve(k1: int, k2: int) -> tuple[set[tuple[int, int]], int]:
        """Articles with keys k1 (side 0) and k2 (side 1), k1 <= k2: the variants kept, as (pair index, side of the
        pair's ``a`` group), and how many long matches stand between them."""
        if (k1, k2) in solved:
            return solved[(k1, k2)]
        sides = (key_sets[k1], key_sets[k2])
        by_kind: dict[str, list[Pair]] = defaultdict(list)
        origin: dict[tuple[int, int], tuple[int, int]] = {}
        for g in sorted(sides[0] | sides[1]):
            for h, i in long_links.get(g, ()):
                p = scored[i]
                ga, gb = groups.of[p.a], groups.of[p.b]
                if g != ga or (ga == gb):
                    continue  # each pair once, from its a side
                for side in (0, 1):  # a node is one side's member: 2 * its group's representative + side
                    if ga in sides[side] and gb in sides[1 - side]:
                        q = p if side == 0 else p.reversed()  # the side-0 member first, as an article's items
                        node = Pair(2 * q.a, 2 * q.b + 1, q.relation, q.score, aligned=q.aligned, overlap=q.overlap)
                        origin[(node.a, node.b)] = (i, side)
                        by_kind[items[p.a].kind].append(node)
            if spread[g] and not short[g] and g in sides[0] and g in sides[1]:
                by_kind[items[rep[g]].kind].append(Pair(2 * rep[g], 2 * rep[g] + 1, "identical", 100.0))
        kept: set[tuple[int, int]] = set()
        n = 0
        for kind in sorted(by_kind):
            for node in _assign(lambda u: items[u // 2], by_kind[kind]):
                n += 1
                if (node.a, node.b) in origin:
                    kept.add(origin[(node.a, node.b)])
        solved[(k1, k2)] = kept, n
        return kept, n

    def stands(i: int, k1: int, k2: int) -> bool:
        """Whether variant ``i`` stands between an article of key k1 (holding its a group) and one of key k2."""
        return (i, 0) in solve(k1, k2)[0] if k1 <= k2 else (i, 1) in solve(k2, k1)[0]

    def linked(k1: int, k2: int) -> int:
        """Long matches between two keys before the assignment, counted up to ``related_matches`` (an upper bound
        of those that stand: most pairs of keys a fragment spans are other stories, told apart here cheaply)."""
        small, large = sorted((key_sets[k1], key_sets[k2]), key=len)
        holds = large.__contains__  # called by ``map`` in C: this runs for millions of key pairs on an archive
        n = 0
        for g in small:
            n += (spread[g] and holds(g)) + sum(map(holds, linked_to.get(g, ())))
            if n >= settings.related_matches:
                break
        return n

    def contested(i: int, ga: int, gb: int) -> set[tuple[int, int]]:
        """The key pairs (ga's side, gb's side) where variant ``i`` meets a competitor, the only ones where the
        assignment can drop it: the other side holds ga itself (an identical copy settles it) or a group ga
        has another long match with, or this side holds gb or one of gb's. Elsewhere it stands, and working
        that out pair by pair (the product of the articles printing each: millions for a sentence every
        outlet's page repeats) is skipped."""
        def reach(g: int) -> set[int]:  # the keys holding g or a group g has another long match with
            return {k for h in (g, *(h for h, j in long_links[g] if j != i)) for k in keys_of[h]}

        k2s, k1s = reach(ga).intersection(keys_of[gb]), reach(gb).intersection(keys_of[ga])
        return {(k1, k2) for k1 in keys_of[ga] for k2 in k2s} | {(k1, k2) for k1 in k1s for k2 in keys_of[gb]}

    def related(k1: int, k2: int) -> bool:
        return (linked(k1, k2) >= settings.related_matches
                and solve(min(k1, k2), max(k1, k2))[1] >= settings.related_matches)

    pairs: list[Pair] = []
    where: dict[tuple[int, int], frozenset[tuple[int, int]]] = {}
    for i, p in enumerate(scored):
        ga, gb = groups.of[p.a], groups.of[p.b]
        fragment = short[ga] or short[gb]
        if p.relation in SETTLING and not fragment:
            pairs.append(p)
            continue
        if fragment:
            allowed = frozenset((k1, k2) for k1 in keys_of[ga] for k2 in keys_of[gb] if related(k1, k2))
        else:
            dropped = {(k1, k2) for k1, k2 in contested(i, ga, gb) if not stands(i, k1, k2)}
            if not dropped:
                pairs.append(p)
                continue
            allowed = frozenset((k1, k2) for k1 in keys_of[ga] for k2 in keys_of[gb] if (k1, k2) not in dropped)
        if not allowed:
            continue
        pairs.append(p)
        if len(allowed) < len(keys_of[ga]) * len(keys_of[gb]):
            where[(ga, gb)] = allowed
    for g in range(len(groups)):
        if spread[g] and short[g]:
            allowed = frozenset((k1, k2) for k1 in keys_of[g] for k2 in keys_of[g] if related(k1, k2))
            if len(allowed) < len(keys_of[g]) ** 2:
                where[(g, g)] = allowed
    pairs.sort(key=lambda p: (p.a, p.b))
    return Settlement(pairs, key_of, where)
