"""Identical items collapse into one group before any pairing; copied articles into one copy class.

A wire story reprinted by a thousand outlets gives a thousand items with the
same words for every one of its sentences and quotes. Pairing them item by
item costs the square of the copies in time, memory and report size, and
tells an editor nothing the first pair did not. So items whose normalised
text is the same (and of the same kind and length class) form one *group*;
the index, scoring and classification see one representative per group, and
every member shares its group's matches (``members.py`` expands them to the
members when a status or a report row needs them).

Articles made of the same groups (every sentence and quote the same once
normalised) are one *copy class*: exact syndicated copies. A class is a
near-copy of another when the two share ``near_copy`` of their sentences;
that is decided once per pair of classes, with the prefix filter of
set-similarity joins over the sentence groups (a pair must share one of the
rarest ``sentences - needed + 1`` sentences of the smaller article).
"""
from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Sequence

from .match import SEP, Item


@dataclass
class Groups:
    """Items with the same normalised text, kind and length class."""

    of: list[int]  # item uid -> group id
    members: list[list[int]]  # group id -> member uids, ascending
    docs: list[int]  # group id -> its article when all members are in one, else -1

    def __len__(self) -> int:
        return len(self.members)


def group_key(kind: str, short: bool, norm: Sequence[str]) -> bytes:
    """The key identical items share: kind, length class and normalised words (a 128-bit hash of them)."""
    return hashlib.blake2b(f"{kind}\x1e{int(short)}\x1e{SEP.join(norm)}".encode(), digest_size=16).digest()


def content_key(it) -> bytes:
    """An item's group key: carried by an item read back from a store, computed from the words otherwise."""
    return getattr(it, "gkey", None) or group_key(it.kind, it.short, it.words.norm)


def group_items(items: Sequence[Item]) -> Groups:
    """Group items by (kind, short, normalised words); groups are numbered by their first member.

    An item read back from a store carries its ``gkey``; others are keyed here.
    """
    index: dict[bytes, int] = {}
    of: list[int] = []
    members: list[list[int]] = []
    docs: list[int] = []
    for it in items:
        key = content_key(it)
        g = index.setdefault(key, len(members))
        if g == len(members):
            members.append([])
            docs.append(it.doc)
        elif docs[g] != it.doc:
            docs[g] = -1
        of.append(g)
        members[g].append(it.uid)
    return Groups(of, members, docs)


def representatives(items: Sequence[Item], groups: Groups) -> list[Item]:
    """One item per group as the matcher sees it.

    The representative stands for members in several articles, so it takes
    an article of its own (a negative number) unless all its members are in
    one, and no speaker: whose words they are is checked member by member.
    """
    out = []
    for g, members in enumerate(groups.members):
        doc = groups.docs[g] if groups.docs[g] >= 0 else -1 - g
        out.append(replace(items[members[0]], doc=doc, speaker=None, speaker_kind=None))
    return out


def copy_classes(n_docs: int, items: Sequence[Item], groups: Groups) -> list[int]:
    """For every article, the first article printing exactly the same groups (itself when none before it does).

    Only articles with sentences form classes, as only they can be near-copies.
    """
    content: list[list[int]] = [[] for _ in range(n_docs)]
    has_sentences = [False] * n_docs
    for it in items:
        content[it.doc].append(groups.of[it.uid])
        if it.kind == "sentence":
            has_sentences[it.doc] = True
    first: dict[tuple[int, ...], int] = {}
    return [first.setdefault(tuple(sorted(set(c))), d) if has_sentences[d] else d for d, c in enumerate(content)]


def sentence_groups(n_docs: int, items: Sequence[Item], groups: Groups) -> list[set[int]]:
    """The sentence groups of every article."""
    out: list[set[int]] = [set() for _ in range(n_docs)]
    for it in items:
        if it.kind == "sentence":
            out[it.doc].add(groups.of[it.uid])
    return out


def near_copies(classes: Sequence[int], sentences: Sequence[set[int]], near_copy: float) -> set[tuple[int, int]]:
    """Pairs of copy classes (by their first article) sharing at least ``near_copy`` of the smaller one's sentences.

    Prefix filter: a class with ``s`` sentences needs ``k = ceil(near_copy * s)``
    of them in the other, so it shares at least one of any ``s - k + 1`` of
    them; probing its rarest ones against every class holding them finds
    every near-copy, and the exact overlap is then counted.
    """
    reps = sorted({c for c in classes if sentences[c]})
    holders: dict[int, list[int]] = defaultdict(list)
    for c in reps:
        for g in sentences[c]:
            holders[g].append(c)
    out = set()
    for c in reps:
        mine = sentences[c]
        need = max(1, math.ceil(near_copy * len(mine) - 1e-9))
        prefix = sorted(mine, key=lambda g: (len(holders[g]), g))[: len(mine) - need + 1]
        seen = set()
        for g in prefix:
            for other in holders[g]:
                if other == c or other in seen or len(sentences[other]) < len(mine):
                    continue
                seen.add(other)
                if len(mine & sentences[other]) >= near_copy * len(mine):
                    out.add((min(c, other), max(c, other)))
    return out
