"""Statuses, flags and clusters from the matches.

Independence is decided per article pair (same outlet, same wire origin, or
a near-copy of the whole article), flags per match (substantive change,
speaker conflict, same origin), status per item, and clusters grow as stars
around their longest member so that weak links never chain.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Sequence

from .match import Item, Pair, Settings, speakers_conflict
from .model import Article
from .normalize import NEGATIONS, STOPWORDS, is_number, words

STRONG = ("identical", "excerpt", "extended")


@dataclass
class Independence:
    """Which articles share an origin, and why; decided per pair on demand (no all-pairs loop)."""

    outlets: list[str | None] = field(default_factory=list)
    origins: list[str | None] = field(default_factory=list)
    outlet_names: list[str | None] = field(default_factory=list)
    origin_names: list[str | None] = field(default_factory=list)
    copies: set[tuple[int, int]] = field(default_factory=set)
    groups: list[int] = field(default_factory=list)  # article index -> origin group
    linked: set[tuple[int, int]] = field(default_factory=set)  # article pairs with at least one match

    def same(self, i: int, j: int) -> str | None:
        if self.outlets[i] and self.outlets[i] == self.outlets[j]:
            return f"same outlet: {self.outlet_names[i]}"
        if self.origins[i] and self.origins[i] == self.origins[j]:
            return f"same wire story: {self.origin_names[i]}"
        if (min(i, j), max(i, j)) in self.copies:
            return "near-copy of the whole article"
        return None

    @property
    def reasons(self) -> dict[tuple[int, int], str]:
        """Same-origin article pairs that the matches link (the ones an editor needs to know about)."""
        out = {}
        for i, j in sorted(self.linked):
            r = self.same(i, j)
            if r:
                out[(i, j)] = r
        return out


def _key(value: str | None) -> str | None:
    return value.strip().lower() if value and value.strip() else None


def independence(articles: Sequence[Article], items: Sequence[Item], pairs: Sequence[Pair], settings: Settings) -> Independence:
    """Same outlet, same wire credit, or near-copies of one another: not independent."""
    n = len(articles)
    ind = Independence([_key(a.outlet) for a in articles], [_key(a.origin) for a in articles],
                       [a.outlet for a in articles], [a.origin for a in articles])
    sentences_of: dict[int, int] = defaultdict(int)
    for it in items:
        if it.kind == "sentence":
            sentences_of[it.doc] += 1
    by_uid = {it.uid: it for it in items}
    copied: dict[tuple[int, int], set[int]] = defaultdict(set)
    for p in pairs:
        a, b = by_uid[p.a], by_uid[p.b]
        key = (min(a.doc, b.doc), max(a.doc, b.doc))
        ind.linked.add(key)
        if a.kind == "sentence" and p.relation == "identical":
            copied[key].add(a.uid)
    for (i, j), shared in copied.items():
        smaller = min(sentences_of[i], sentences_of[j])
        if smaller and len(shared) >= settings.near_copy * smaller:
            ind.copies.add((i, j))
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first_with: dict[tuple[str, str], int] = {}
    for i in range(n):
        for kind, key in (("outlet", ind.outlets[i]), ("origin", ind.origins[i])):
            if key:
                j = first_with.setdefault((kind, key), i)
                parent[find(i)] = find(j)
    for i, j in ind.copies:
        parent[find(i)] = find(j)
    ind.groups = [find(i) for i in range(n)]
    return ind


def changes(diff: Sequence[dict]) -> list[dict]:
    """What a variant changed that matters for meaning: numbers, negation, names."""
    out = []
    for op in diff:
        src, dst = op.get("from", ""), op.get("to", "")
        ws, wd = words(src).norm, words(dst).norm
        if any(is_number(w) for w in ws + wd) and ws != wd:
            out.append({"what": "number", "from": src, "to": dst})
            continue
        if sum(w in NEGATIONS for w in ws) != sum(w in NEGATIONS for w in wd):
            out.append({"what": "negation", "from": src, "to": dst})
            continue
        if op["op"] == "replace" and _names(src) and _names(dst) and _names(src) != _names(dst):
            out.append({"what": "name", "from": src, "to": dst})
    return out


def _names(text: str) -> set[str]:
    """Capitalised words as comparison words, without possessives, leaving out function words ("The", "That",
    "You'll" open sentences: they name nobody)."""
    out = set()
    for w in text.split():
        if w[:1].isupper() or (w.isupper() and len(w) > 1):
            out.update(n.removesuffix("'s") for n in words(w).norm if n not in STOPWORDS)
    return out


@dataclass
class Evidence:
    """One match as seen from one item, with its flags."""

    pair: Pair
    flags: list[str]
    changed: list[dict]
    same_origin: str | None
    counts: bool  # counts toward the item's status


def evidence(items: Sequence[Item], pairs: Sequence[Pair], ind: Independence) -> dict[int, list[Evidence]]:
    """Matches per item (both directions), flagged."""
    by_uid = {it.uid: it for it in items}
    out: dict[int, list[Evidence]] = defaultdict(list)
    for p in pairs:
        for view in (p, p.reversed()):
            a, b = by_uid[view.a], by_uid[view.b]
            flags: list[str] = []
            changed = changes(view.diff) if view.relation == "variant" else []
            if changed:
                flags.append("substantive")
            if a.kind == "quote" and speakers_conflict(a, b):
                flags.append("speaker-conflict")
            reason = ind.same(a.doc, b.doc)
            if reason:
                flags.append("same-origin")
            # A short fragment corroborates itself, not the longer quote around it.
            counts = not reason and not (view.relation == "extended" and b.short and not a.short)
            out[view.a].append(Evidence(view, flags, changed, reason, counts))
    return out


def status(evs: Sequence[Evidence]) -> str:
    relations = {e.pair.relation for e in evs if e.counts}
    if relations & set(STRONG):
        return "corroborated"
    if "variant" in relations:
        return "variant"
    return "single-source"


@dataclass
class Cluster:
    id: str
    kind: str
    root: int
    members: list[int]


def clusters(items: Sequence[Item], pairs: Sequence[Pair], ids: dict[int, str], order: dict[int, int]) -> list[Cluster]:
    """Stars around the longest member: an item joins a cluster only through a direct match to its root."""
    neighbours: dict[int, set[int]] = defaultdict(set)
    for p in pairs:
        neighbours[p.a].add(p.b)
        neighbours[p.b].add(p.a)
    by_uid = {it.uid: it for it in items}
    assigned: dict[int, Cluster] = {}
    out: list[Cluster] = []
    for uid in sorted(neighbours, key=lambda u: (-len(by_uid[u].words.norm), order[u])):
        if uid in assigned:
            continue
        cl = Cluster("c-" + hashlib.sha1(ids[uid].encode()).hexdigest()[:6], by_uid[uid].kind, uid, [uid])
        assigned[uid] = cl
        for nb in sorted(neighbours[uid], key=lambda u: order[u]):
            if nb not in assigned:
                assigned[nb] = cl
                cl.members.append(nb)
        out.append(cl)
    for cl in out:
        cl.members.sort(key=lambda u: order[u])
    out.sort(key=lambda c: order[c.members[0]])
    return out
