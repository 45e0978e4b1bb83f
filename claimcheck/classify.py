"""Statuses, flags and clusters from the matches.

Independence is decided per article pair (same outlet, same wire origin, or
a near-copy of the whole article), flags per match (substantive change,
speaker conflict, same origin) and status per item. ``members.py`` applies
them to the members of matched groups and grows the clusters.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from .match import Item, Pair, speakers_conflict
from .model import Article
from .normalize import NEGATIONS, STOPWORDS, is_number, words

STRONG = ("identical", "excerpt", "extended")
# Distinct content words the shorter of two quotes must hold before the quotes' different speakers are a conflict:
# fewer, and two people can well have said them ("We'll see what happens", "I don't recall", "a great day for
# democracy"). A reworded match (variant) shares less than its words and needs more. Read from the 67,556
# conflicts a check of the 37,554 AllSides articles raised, judged by sample (README, *Speaker conflicts*).
CONFLICT_TERMS = {"same words": 4, "variant": 6}


@dataclass
class Independence:
    """Which articles share an origin, and why; decided per pair on demand (no all-pairs loop).

    Near-copies are decided between copy classes (``groups.copy_classes``):
    the articles of one class are exact copies of each other, and ``copies``
    holds the pairs of classes (by their first article) that are near-copies.
    """

    outlets: list[str | None] = field(default_factory=list)
    origins: list[str | None] = field(default_factory=list)
    outlet_names: list[str | None] = field(default_factory=list)
    origin_names: list[str | None] = field(default_factory=list)
    copies: set[tuple[int, int]] = field(default_factory=set)
    groups: list[int] = field(default_factory=list)  # article index -> origin group
    classes: list[int] = field(default_factory=list)  # article index -> copy class (its first article)

    def same(self, i: int, j: int) -> str | None:
        if self.outlets[i] and self.outlets[i] == self.outlets[j]:
            return f"same outlet: {self.outlet_names[i]}"
        if self.origins[i] and self.origins[i] == self.origins[j]:
            return f"same wire story: {self.origin_names[i]}"
        if self.copied(i, j):
            return "near-copy of the whole article"
        return None

    def copied(self, i: int, j: int) -> bool:
        ci, cj = self.classes[i], self.classes[j]
        return i != j and (ci == cj or (min(ci, cj), max(ci, cj)) in self.copies)


def _key(value: str | None) -> str | None:
    return value.strip().lower() if value and value.strip() else None


def independence(articles: Sequence[Article], classes: Sequence[int], copies: set[tuple[int, int]]) -> Independence:
    """Same outlet, same wire credit, or near-copies of one another (``copies``, between copy classes): not independent."""
    n = len(articles)
    ind = Independence([_key(a.outlet) for a in articles], [_key(a.origin) for a in articles],
                       [a.outlet for a in articles], [a.origin for a in articles], set(copies), classes=list(classes))
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
        parent[find(i)] = find(ind.classes[i])
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


def judge(view: Pair, a: Item, b: Item, ind: Independence) -> Evidence:
    """One match as seen from item ``a``: its flags, and whether it counts toward a's status."""
    flags: list[str] = []
    changed = changes(view.diff) if view.relation == "variant" else []
    if changed:
        flags.append("substantive")
    if a.kind == "quote" and speakers_conflict(a, b) and specific_enough(view.relation, a, b):
        flags.append("speaker-conflict")
    reason = ind.same(a.doc, b.doc)
    if reason:
        flags.append("same-origin")
    return Evidence(view, flags, changed, reason, counts(view.relation, a, b, reason))


def specific_enough(relation: str, a: Item, b: Item) -> bool:
    """Whether two matched quotes say enough that only one person can have said them (``CONFLICT_TERMS``)."""
    need = CONFLICT_TERMS["variant" if relation == "variant" else "same words"]
    return min(a.n_terms, b.n_terms) >= need


def counts(relation: str, a: Item, b: Item, same_origin: str | None) -> bool:
    """Whether a match counts toward a's status: independent, and not a short fragment inside a's longer quote."""
    return not same_origin and not (relation == "extended" and b.short and not a.short)


def status(evs: Sequence[Evidence]) -> str:
    relations = {e.pair.relation for e in evs if e.counts}
    if relations & set(STRONG):
        return "corroborated"
    if "variant" in relations:
        return "variant"
    return "single-source"
