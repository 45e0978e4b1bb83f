"""A group's matches seen from each of its members: statuses, the matches a report names, clusters.

The matcher scores one representative per group (``groups.py``); every
member of a group matches every member of a matched group in another
article (a short fragment only where the speakers agree), and the members of
a group spread over several articles are identical to each other. Those
member pairs are never all made: ``n`` copies of one quote would be ``n^2``.
Instead the articles of a group's members are counted (``Tally``), so that
"is any member independent of this article" is a few lookups, and a report
row names at most ``matches_listed`` counterparts, the most independent
first (counting toward the status, from origins not named yet), with the
number of the others.
"""
from __future__ import annotations

import hashlib
from collections import Counter, OrderedDict, defaultdict
from dataclasses import dataclass
from typing import Callable, Iterator, Sequence

from .classify import STRONG, Evidence, Independence, counts, judge
from .groups import Groups
from .match import Item, Pair, Settings, same_named_speaker, speakers_conflict, variant_diff, views_of
from .pairing import Settlement

DIFFS_KEPT = 1 << 16  # word diffs kept for the second row of their match (``Members._diff``)
SMALL = 32  # member sets up to this size are checked article by article; larger ones are counted


@dataclass
class Link:
    """A match of one group to another (or to itself: identical members in other articles)."""

    group: int  # the other group
    pair: Pair  # the representatives' match, from this group's side
    checked: bool  # a short fragment's or an overlap's match: speakers are checked member by member
    where: dict[int, frozenset[int]] | None = None  # key of this side's article -> keys of the other's where it stands


class Tally:
    """The articles of a set of members, counted by outlet, origin and copy class.

    ``independent_of(i)`` is the number of members in articles independent of
    article ``i``: all members less those sharing i's outlet, origin or copy
    class (or a class that is a near-copy of it), by inclusion-exclusion over
    the counts. A missing outlet or origin is a key of its own article's, so
    it is shared with no other article, as in ``Independence.same``.
    """

    def __init__(self, docs: list[int], ind: Independence, near: dict[int, set[int]]):
        self.docs = docs
        self.ind = ind
        self.near = near
        self.n = len(docs)
        self._counts: tuple[Counter, ...] | None = None

    def _keys(self, i: int) -> tuple:
        ind = self.ind
        return ind.outlets[i] or ("doc", i), ind.origins[i] or ("doc", i), ind.classes[i]

    def _classes(self, c: int) -> list[int]:
        return [c, *self.near.get(c, ())]

    @property
    def counts(self) -> tuple[Counter, ...]:
        if self._counts is None:
            o, r, c, orr, oc, rc, orc = (Counter() for _ in range(7))
            for j in self.docs:
                ok, rk, ck = self._keys(j)
                o[ok] += 1
                r[rk] += 1
                c[ck] += 1
                orr[ok, rk] += 1
                oc[ok, ck] += 1
                rc[rk, ck] += 1
                orc[ok, rk, ck] += 1
            self._counts = (o, r, c, orr, oc, rc, orc, Counter(self.docs))
        return self._counts

    def in_article(self, i: int) -> int:
        """Members in article i itself (they are no counterpart of an item of i)."""
        return sum(1 for j in self.docs if j == i) if self.n <= SMALL else self.counts[7][i]

    def independent_of(self, i: int) -> int:
        if self.n <= SMALL:
            return sum(1 for j in self.docs if j != i and self.ind.same(i, j) is None)
        o, r, c, orr, oc, rc, orc, _ = self.counts
        ok, rk, ck = self._keys(i)
        dependent = o[ok] + r[rk] - orr[ok, rk]
        for cc in self._classes(ck):
            dependent += c[cc] - oc[ok, cc] - rc[rk, cc] + orc[ok, rk, cc]
        return self.n - dependent

    def reasons_of(self, i: int) -> Iterator[tuple]:
        """Why article i is not independent of members in other articles: ("outlet", key), ("origin", key),
        ("copy", class, class), each at most once, for the first reason of each such pair as ``same`` gives it."""
        ok, rk, ck = self._keys(i)
        if self.n <= SMALL:
            seen = set()
            for j in self.docs:
                if j == i:
                    continue
                okj, rkj, ckj = self._keys(j)
                if okj == ok:
                    key = ("outlet", ok)
                elif rkj == rk:
                    key = ("origin", rk)
                elif self.ind.copied(i, j):
                    key = ("copy", min(ck, ckj), max(ck, ckj))
                else:
                    continue
                if key not in seen:
                    seen.add(key)
                    yield key
            return
        o, r, c, orr, oc, rc, orc, _ = self.counts
        if o[ok] - self.in_article(i) > 0:
            yield "outlet", ok
        if r[rk] - orr[ok, rk] > 0:
            yield "origin", rk
        for cc in self._classes(ck):
            if c[cc] - oc[ok, cc] - rc[rk, cc] + orc[ok, rk, cc] > 0:
                yield "copy", min(ck, cc), max(ck, cc)


def _sides(where: frozenset[tuple[int, int]] | None, reverse: bool) -> dict[int, frozenset[int]] | None:
    """``Settlement.where`` key pairs as a lookup from one side's key (the b side's when ``reverse``)."""
    if where is None:
        return None
    out: dict[int, set[int]] = defaultdict(set)
    for k1, k2 in where:
        out[k2 if reverse else k1].add(k1 if reverse else k2)
    return {k: frozenset(v) for k, v in out.items()}


@dataclass
class Cluster:
    id: str
    kind: str
    root: int
    members: list[int]


class Members:
    """Statuses and report matches of every item, from the matches between group representatives."""

    def __init__(self, items: Sequence[Item], groups: Groups, settled: Settlement, ind: Independence,
                 settings: Settings):
        self.items = items
        self.groups = groups
        self.ind = ind
        self.settings = settings
        self.key_of = settled.key_of
        self.short = [items[m[0]].short for m in groups.members]
        self.links: list[list[Link]] = [[] for _ in range(len(groups))]
        for g, members in enumerate(groups.members):
            if groups.docs[g] < 0 and settled.where.get((g, g)) != frozenset():  # identical members in several articles
                self.links[g].append(Link(g, Pair(members[0], members[0], "identical", 100.0), self.short[g],
                                          _sides(settled.where.get((g, g)), False)))
        for p in settled.pairs:
            ga, gb = groups.of[p.a], groups.of[p.b]
            checked = self.short[ga] or self.short[gb] or p.overlap
            where = settled.where.get((ga, gb))
            self.links[ga].append(Link(gb, p, checked, _sides(where, False)))
            self.links[gb].append(Link(ga, p.reversed(), checked, _sides(where, True)))
        self.near: dict[int, set[int]] = defaultdict(set)
        for a, b in ind.copies:
            self.near[a].add(b)
            self.near[b].add(a)
        self._allowed: dict[tuple, list[int]] = {}
        self._tallies: dict[tuple, Tally] = {}
        self._diffs: OrderedDict[tuple, list[dict]] = OrderedDict()  # ``_diff``: diffs one row has asked for

    # --- the members a link reaches -------------------------------------------------

    def _key(self, link: Link, it: Item) -> tuple:
        """What the members a link reaches from ``it`` depend on: the speaker for a fragment, the article's key
        for a match that stands between some articles only."""
        key: tuple = (link.group,) if link.where is None else (id(link), self.key_of[it.doc])
        return key + (it.speaker, it.speaker_kind) if link.checked else key

    def allowed(self, link: Link, it: Item) -> list[int]:
        """Members of the linked group that match item ``it``: for a short fragment, those whose speaker agrees
        (or is unknown); for two overlapping excerpts, those given to the same named speaker; for a match that
        stands between some articles only (``pairing``), those in such articles."""
        members = self.groups.members[link.group]
        speakers = link.checked and (it.speaker or link.pair.overlap)
        if not speakers and link.where is None:
            return members
        key = self._key(link, it)
        if key not in self._allowed:
            if link.where is not None:
                keys = link.where.get(self.key_of[it.doc], frozenset())
                members = [h for h in members if self.key_of[self.items[h].doc] in keys]
            if link.pair.overlap:
                members = [h for h in members if same_named_speaker(it, self.items[h])]
            elif speakers:
                members = [h for h in members if not speakers_conflict(it, self.items[h])]
            self._allowed[key] = members
        return self._allowed[key]

    def tally(self, link: Link, it: Item) -> Tally:
        key = self._key(link, it)
        t = self._tallies.get(key)
        if t is None:
            t = self._tallies[key] = Tally([self.items[h].doc for h in self.allowed(link, it)], self.ind, self.near)
        return t

    def counterparts(self, uid: int) -> Iterator[tuple[int, Link]]:
        """Every item that ``uid`` matches, with the link it comes through (all of them: for tests and benchmarks)."""
        it = self.items[uid]
        for link in self.links[self.groups.of[uid]]:
            for h in self.allowed(link, it):
                if self.items[h].doc != it.doc:
                    yield h, link

    def total(self, uid: int) -> int:
        """How many items ``uid`` matches."""
        it = self.items[uid]
        return sum(t.n - t.in_article(it.doc) for t in (self.tally(link, it) for link in self.links[self.groups.of[uid]]))

    # --- status ---------------------------------------------------------------------

    def _counting(self, link: Link, it: Item) -> bool:
        """Whether matches through this link count toward it's status at all (a short fragment in it does not)."""
        return counts(link.pair.relation, it, self.items[link.pair.b], None)

    def status(self, uid: int) -> str:
        """corroborated / variant / single-source, as ``classify.status`` gives for the member's own matches."""
        it = self.items[uid]
        best = "single-source"
        for link in self.links[self.groups.of[uid]]:
            strong = link.pair.relation in STRONG
            if (not strong and best == "variant") or not self._counting(link, it):
                continue
            if self.tally(link, it).independent_of(it.doc) > 0:
                if strong:
                    return "corroborated"
                best = "variant"
        return best

    # --- what a report names ----------------------------------------------------------

    def listed(self, uid: int, limit: int | None = None) -> tuple[list[Evidence], int]:
        """At most ``limit`` matches of ``uid`` (by counterpart uid), and how many it has in all.

        Chosen in this order: matches that count toward the status (strong
        relations first), one per independent origin, then further counting
        ones, then the rest (same origin, short fragments), each in link and
        member order. Scanning for origins not yet named stops after a few
        times ``limit`` members of a link, so a row costs ``limit``, not the
        size of its group.
        """
        limit = self.settings.matches_listed if limit is None else limit
        it = self.items[uid]
        links = self.links[self.groups.of[uid]]
        chosen: dict[int, Link] = {}
        counting = [link for link in links if self._counting(link, it)
                    and self.tally(link, it).independent_of(it.doc) > 0]
        counting.sort(key=lambda link: link.pair.relation not in STRONG)
        origins: set[int] = set()
        for distinct in (True, False):
            for link in counting:
                scanned = 0
                for h in self.allowed(link, it):
                    if len(chosen) >= limit or (distinct and scanned >= 8 * limit):
                        break
                    scanned += 1
                    j = self.items[h].doc
                    if h in chosen or j == it.doc or self.ind.same(it.doc, j) is not None:
                        continue
                    if distinct and self.ind.groups[j] in origins:
                        continue
                    chosen[h] = link
                    origins.add(self.ind.groups[j])
        for link in links:
            for h in self.allowed(link, it):
                if len(chosen) >= limit:
                    break
                if h not in chosen and self.items[h].doc != it.doc:
                    chosen[h] = link
        evidence = [judge(self.view(uid, h, link), it, self.items[h], self.ind) for h, link in sorted(chosen.items())]
        return evidence, self.total(uid)

    def view(self, uid: int, other: int, link: Link) -> Pair:
        """The match of member ``uid`` to member ``other``, its diff in the words each of them printed.

        A variant's diff is computed from the earlier item to the later one and
        reversed for the later one, as it is for a pair scored on its own.
        """
        p = link.pair
        pair = Pair(uid, other, p.relation, p.score, [], p.aligned, p.overlap)
        if uid > other:
            pair = pair.reversed()
        if p.relation == "variant":
            pair.diff = self._diff(pair.a, pair.b, p)
        return pair if pair.a == uid else pair.reversed()

    def _diff(self, a: int, b: int, p: Pair) -> list[dict]:
        """The word diff of members a < b, computed once for the two rows that list the match (the second takes
        it and lets it go); at most ``DIFFS_KEPT`` wait for their second row."""
        key = (a, b, p.aligned, p.overlap)
        diff = self._diffs.pop(key, None)
        if diff is None:
            diff = variant_diff(*views_of(self.items[a].words, self.items[b].words), p.aligned, self.settings,
                                p.overlap)
            self._diffs[key] = diff
            if len(self._diffs) > DIFFS_KEPT:
                self._diffs.popitem(last=False)
        return diff

    # --- clusters and same-origin articles ---------------------------------------------

    def clusters(self, id_of: Callable[[int], str]) -> list[Cluster]:
        """Stars around the longest group: a group joins a cluster only through a direct match to its root.

        Members are the items that match anything; ``id_of`` gives an item's report id.
        """
        active = [[m for m in members if self.total(m) > 0] for members in self.groups.members]
        matched = [g for g in range(len(active)) if active[g]]
        assigned: dict[int, Cluster] = {}
        out: list[Cluster] = []
        for g in sorted(matched, key=lambda g: (-self.items[active[g][0]].n_words, active[g][0])):
            if g in assigned:
                continue
            root = active[g][0]
            cl = Cluster("c-" + hashlib.sha1(id_of(root).encode()).hexdigest()[:6], self.items[root].kind, root, [])
            assigned[g] = cl
            for h in sorted({link.group for link in self.links[g]} - {g}, key=lambda h: active[h][0] if active[h] else -1):
                if active[h] and h not in assigned:
                    assigned[h] = cl
            out.append(cl)
        for g, cl in assigned.items():
            cl.members.extend(active[g])
        for cl in out:
            cl.members.sort()
        out.sort(key=lambda c: c.members[0])
        return out

    def same_origin(self) -> list[tuple[list[int], str]]:
        """Articles that the matches link but that are not independent, grouped by the reason, in article order.

        One entry per outlet, wire origin or pair of copy classes, listing
        every article that has a match in another article sharing it, so a
        wire story in a thousand outlets is one entry, not half a million pairs.
        """
        by_reason: dict[tuple, set[int]] = defaultdict(set)
        for g, links in enumerate(self.links):
            for link in links:
                alike: dict[tuple, tuple[Item, set[int]]] = {}  # members that reach the same members, by _key
                for m in self.groups.members[g]:
                    it = self.items[m]
                    alike.setdefault(self._key(link, it), (it, set()))[1].add(it.doc)
                for first, docs in alike.values():
                    tally = self.tally(link, first)
                    for i in docs:
                        for key in tally.reasons_of(i):
                            by_reason[key].add(i)
        out = []
        for key, docs in by_reason.items():
            arts = sorted(docs)
            if key[0] == "outlet":
                reason = f"same outlet: {self.ind.outlet_names[arts[0]]}"
            elif key[0] == "origin":
                reason = f"same wire story: {self.ind.origin_names[arts[0]]}"
            else:
                reason = "near-copy of the whole article"
            out.append((arts, reason))
        out.sort()
        return out
