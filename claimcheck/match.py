"""Find matching quotes and sentences across articles.

Modelled on rapidfuzz's own split: ``compare`` is a small pure function
(two word lists in, a relation, score and diff out); ``candidate_pairs``
asks the word index (``index.py``) which pairs can match; ``match_items``
orchestrates and batches the scoring through ``rapidfuzz.process.cpdist``. ``exhaustive_pairs`` is the
all-pairs reference the index is tested and benchmarked against.
"""
from __future__ import annotations

import re
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any, Callable, Iterable, Sequence

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from .index import KindIndex, identical_pairs, kind_indexes, probe, row_blocks, unprobed_items
from .normalize import Words, compound_views, content_terms, fold_accents
from .speakers import org_key, same_given_name, surname_key

SEP = "\x1f"


@dataclass
class Settings:
    """Every threshold the matcher uses; recorded in the report so a result can be reproduced."""

    quote_threshold: float = 80.0  # word-level similarity for a quote variant
    sentence_threshold: float = 78.0  # sentences: same fact, a little reworded or reordered
    partial_needle: int = 64  # words of the shorter text passed to partial_ratio
    partial_haystack: int = 256  # words of the longer text passed to partial_ratio
    near_copy: float = 0.6  # share of identical sentences that makes two articles one story copied
    short_words: int = 3  # quotes and sentences this short match only exactly, within a story
    overlap_share: float = 0.67  # overlapping excerpts of one quote match when they share this much of the shorter
    overlap_words: int = 4  # ... and at least this many words
    related_matches: int = 2  # matches of longer items that make two articles one story (for fragments)
    max_postings: int = 1000  # content words in more items than this are not probed for candidates
    matches_listed: int = 10  # matches a report names per item (the most independent); the rest are counted
    jobs: int = 1

    def thresholds(self) -> dict[str, float]:
        return {"quote": self.quote_threshold, "sentence": self.sentence_threshold}

    def overlap(self, kind: str) -> float:
        """The share of the shorter text two overlapping excerpts must share to match: quotes only (two
        sentences that share half their words are two sentences)."""
        return self.overlap_share if kind == "quote" else 0.0

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "jobs"}


@dataclass
class Item:
    """One quote or sentence as the matcher sees it."""

    uid: int
    doc: int
    kind: str  # quote | sentence
    words: Words
    speaker: str | None = None
    short: bool = False
    speaker_kind: str | None = None  # person | org | descriptor

    @property
    def terms(self) -> frozenset:
        return self.words.terms

    @property
    def n_words(self) -> int:
        return len(self.words.norm)

    @property
    def n_terms(self) -> int:
        """Distinct content words (``store.StoredItem`` keeps the same count)."""
        return len(self.words.term_codes)

    @cached_property
    def key(self) -> str:
        """The normalised words joined, so containment is a substring test."""
        return _key(self.words.norm)


@dataclass
class Pair:
    """A match of item ``a`` to item ``b``; ``relation`` is a's relation to b."""

    a: int
    b: int
    relation: str
    score: float
    diff: list[dict] = field(default_factory=list)
    aligned: bool = False  # the diff covers only the part of the longer text that aligns
    overlap: bool = False  # each text runs on past the other; score and diff cover the stretch they share

    def reversed(self) -> "Pair":
        inverse = {"excerpt": "extended", "extended": "excerpt"}.get(self.relation, self.relation)
        diff = [_invert_op(op) for op in self.diff]
        return Pair(self.b, self.a, inverse, self.score, diff, self.aligned, self.overlap)


def _invert_op(op: dict) -> dict:
    if op["op"] == "insert":
        return {"op": "delete", "from": op["to"]}
    if op["op"] == "delete":
        return {"op": "insert", "to": op["from"]}
    return {"op": "replace", "from": op["to"], "to": op["from"]}


# --- scoring (pure) ---------------------------------------------------------------

def _spans(a: Words, b: Words, b_start: int = 0, b_end: int | None = None) -> list[list]:
    """[tag, i1, i2, j1, j2] over normalised words (rapidfuzz ``Indel.opcodes``), adjacent changes merged into one."""
    b_end = len(b.norm) if b_end is None else b_end
    raw: list[list] = []
    for op in Indel.opcodes(a.norm, b.norm[b_start:b_end]):
        span = [op.tag == "equal", op.src_start, op.src_end, b_start + op.dest_start, b_start + op.dest_end]
        if raw and not span[0] and not raw[-1][0] and raw[-1][2] == span[1] and raw[-1][4] == span[3]:
            raw[-1][2], raw[-1][4] = span[2], span[4]
        else:
            raw.append(span)
    return raw


def shared_stretch(spans: list[list]) -> list[list]:
    """The spans from the first shared word to the last: what two overlapping excerpts print in common, without
    the words each runs on past the other."""
    equal = [k for k, span in enumerate(spans) if span[0]]
    return spans[equal[0]:equal[-1] + 1] if equal else []


def word_diff(a: Words, b: Words, b_start: int = 0, b_end: int | None = None, overlap: bool = False) -> list[dict]:
    """Word-level edit script from a to b (optionally a window of b, or only the stretch they share:
    ``overlap``), in the words each outlet printed.

    Uses rapidfuzz's ``Indel.opcodes`` (longest common subsequence), so moved
    words read as "dropped here, added there" instead of a chain of unrelated
    replacements; a deletion right before an insertion reads as a replacement.
    """
    ops = []
    spans = _spans(a, b, b_start, b_end)
    for equal, i1, i2, j1, j2 in shared_stretch(spans) if overlap else spans:
        if equal:
            continue
        src, dst = a.printed_span(i1, i2), b.printed_span(j1, j2)
        if i1 == i2:
            ops.append({"op": "insert", "to": dst})
        elif j1 == j2:
            ops.append({"op": "delete", "from": src})
        else:
            ops.append({"op": "replace", "from": src, "to": dst})
    return ops


def aligned_diff(wa: Words, wb: Words) -> list[tuple[str, str]]:
    """The whole of b against a, word by word, for display: ("equal" | "delete" | "insert", printed words).

    The same alignment as ``word_diff``, with the shared words kept, so a
    reader sees the other outlet's sentence with the changes marked in place.
    """
    out: list[tuple[str, str]] = []
    for equal, i1, i2, j1, j2 in _spans(wa, wb):
        if equal:
            out.append(("equal", wb.printed_span(j1, j2)))
            continue
        if i2 > i1:
            out.append(("delete", wa.printed_span(i1, i2)))
        if j2 > j1:
            out.append(("insert", wb.printed_span(j1, j2)))
    return out


def containment(a: Item, b: Item, views: tuple[Words, Words] | None = None) -> str | None:
    """identical / excerpt / extended when one normalised text holds the other, else None (``views``: the two
    texts with compounds joined alike, see ``normalize.compound_views``)."""
    na, nb = (views[0].norm, views[1].norm) if views else (a.words.norm, b.words.norm)
    if na == nb:
        return "identical"
    ka, kb = (_key(na), _key(nb)) if views else (a.key, b.key)
    if len(na) < len(nb) and ka in kb:
        return "excerpt"
    if len(nb) < len(na) and kb in ka:
        return "extended"
    return None


def _key(norm: Sequence[str]) -> str:
    return SEP + SEP.join(norm) + SEP


def partial_alignment(a: Words, b: Words, settings: Settings) -> tuple[float, int, int, bool]:
    """Best window of the longer text for the shorter one: (score, start, end, a_is_shorter)."""
    a_short = len(a.norm) <= len(b.norm)
    short, long_ = (a.norm, b.norm) if a_short else (b.norm, a.norm)
    al = fuzz.partial_ratio_alignment(short[: settings.partial_needle], long_[: settings.partial_haystack])
    return al.score, al.dest_start, al.dest_end, a_short


@dataclass(frozen=True)
class Overlap:
    """The stretch two word lists share (``overlap_alignment``): a[a_start:a_end] against b[b_start:b_end]."""

    score: float  # fuzz.ratio of the two stretches
    shared: int  # words aligned as equal
    a_start: int
    a_end: int
    b_start: int
    b_end: int


def overlap_alignment(a: Sequence[str], b: Sequence[str]) -> Overlap | None:
    """Where two word lists read alike, from their first shared word to their last in the best alignment
    (rapidfuzz ``Indel.opcodes``); None when they share no word."""
    equal = [op for op in Indel.opcodes(a, b) if op.tag == "equal"]
    if not equal:
        return None
    first, last = equal[0], equal[-1]
    return Overlap(fuzz.ratio(a[first.src_start:last.src_end], b[first.dest_start:last.dest_end]),
                   sum(op.src_end - op.src_start for op in equal),
                   first.src_start, last.src_end, first.dest_start, last.dest_end)


def overlap_variant(a: Item, b: Item, wa: Words, wb: Words, settings: Settings) -> Pair | None:
    """A match of two overlapping excerpts of one quotation: one ends where the other begins.

    Outlets print different stretches of one longer quotation ("A B C D" and
    "C D E F", or the two halves of a quote split around "he said" against
    the whole): neither holds the other, and the words each runs on past the
    other pull every whole-text score down. They match when the shared
    stretch runs from the start of one to the end of the other, holds at least
    ``overlap_share`` of the shorter one's words (of its first
    ``partial_needle``), ``overlap_words`` words and three content words, and
    reads alike at the quote threshold. A phrase two texts merely have in
    common ("the president of the United States") mostly stands inside one of
    them; where it ends one quote and opens another, they are mostly two
    people's words, so an overlap stands only between quotes given to one
    named speaker, checked member by member (``members.Members.allowed``):
    on 3,430 AllSides articles, without that check three overlaps in four
    were such phrases.
    """
    share = settings.overlap(a.kind)
    if not share:
        return None
    short, long_ = sorted((wa.norm, wb.norm), key=len)
    short, long_ = short[: settings.partial_needle], long_[: settings.partial_haystack]
    if len(short) < settings.overlap_words:
        return None
    ov = overlap_alignment(short, long_)
    if ov is None or ov.shared < max(settings.overlap_words, share * len(short)) or ov.score < settings.quote_threshold:
        return None
    meets = (ov.a_start == 0 and ov.b_end == len(long_)) or (ov.b_start == 0 and ov.a_end == len(short))
    if not meets or len(content_terms(short[ov.a_start:ov.a_end]) & content_terms(long_[ov.b_start:ov.b_end])) < 3 \
            or not shares_substance(wa, wb, aligned=True):
        return None
    return Pair(a.uid, b.uid, "variant", round(ov.score, 1), word_diff(wa, wb, overlap=True), overlap=True)


def shares_substance(a: Words, b: Words, aligned: bool = False) -> bool:
    """Whether a reworded pair says the same thing: the shorter text's content words (not stopwords) mostly in the
    other, at least two of them when it has two, and always two for a reworded excerpt (``aligned``: "That I
    don't know." inside a longer quote is coincidence). "It's not going to be cheap." and "It's going to be
    quick." share their shape and one content word: two different statements, not a rewording that dropped a
    "not"."""
    ta, tb = content_terms(a.norm), content_terms(b.norm)
    short = min(ta, tb, key=len)
    shared = len(ta & tb)
    return 2 * shared >= len(short) and shared >= (2 if aligned else min(2, len(short)))


def verdict(a: Item, b: Item, ratio: float, partial: float, unordered: float, settings: Settings,
            views: tuple[Words, Words] | None = None) -> Pair | None:
    """Relation of a to b from containment and precomputed scores; None when they do not match.

    ``views`` are the two texts with compounds joined alike (the scores were computed on them)."""
    rel = containment(a, b, views)
    wa, wb = views or (a.words, b.words)
    if rel:
        return Pair(a.uid, b.uid, rel, 100.0)
    if a.short or b.short:
        return None
    threshold = settings.quote_threshold if a.kind == "quote" else settings.sentence_threshold
    best = max(ratio, partial, unordered)
    if best < threshold:
        return overlap_variant(a, b, wa, wb, settings)
    whole = ratio >= threshold or partial <= max(ratio, unordered)
    if not shares_substance(wa, wb, aligned=not whole):
        return None
    if whole:  # a whole-text diff unless only the aligned window of a longer text makes them match
        return Pair(a.uid, b.uid, "variant", round(ratio if ratio >= threshold else best, 1),
                    variant_diff(wa, wb, False, settings))
    return Pair(a.uid, b.uid, "variant", round(best, 1), variant_diff(wa, wb, True, settings), aligned=True)


def variant_diff(a: Words, b: Words, aligned: bool, settings: Settings, overlap: bool = False) -> list[dict]:
    """The word diff of a variant: of the whole texts, of the shorter one and its aligned window of the longer,
    or of the stretch two overlapping texts share (``a`` and ``b`` as scored: their compound views, ``views_of``)."""
    if not aligned:
        return word_diff(a, b, overlap=overlap)
    _, start, end, a_short = partial_alignment(a, b, settings)
    if a_short:
        return word_diff(a, b, start, end)
    return [_invert_op(op) for op in word_diff(b, a, start, end)]


def views_of(a: Words, b: Words) -> tuple[Words, Words]:
    """Two texts as they are scored and diffed: with compounds joined alike (``normalize.compound_views``)."""
    return compound_views(a, b) or (a, b)


# --- candidates ---------------------------------------------------------------------

def indexes_and_identical(items: Sequence[Item], settings: Settings) -> tuple[list[KindIndex], set[tuple[int, int]]]:
    """The word indexes of the items, and the identical pairs among the items they cannot probe."""
    indexes = kind_indexes(items, settings.thresholds(), settings.partial_needle, settings.max_postings,
                           {kind: settings.overlap(kind) for kind in settings.thresholds()})
    return indexes, identical_pairs(unprobed_items(items, indexes))


def candidate_pairs(items: Sequence[Item], settings: Settings) -> list[tuple[int, int]]:
    """Cross-article pairs (a < b by uid) that can reach the thresholds, from the word index of ``index``."""
    indexes, found = indexes_and_identical(items, settings)
    return sorted(found | set(map(tuple, probe_all(indexes, settings.jobs).tolist())))


def probe_all(indexes: Sequence[KindIndex], jobs: int) -> np.ndarray:
    """Every candidate pair the indexes propose, as rows (smaller uid, larger uid), sorted and distinct.

    An array of two numbers per pair, not a set of tuples: an archive-sized
    run has tens of millions of candidates. They are gathered as one packed
    number per pair (``_packed``), half the memory of two.
    """
    found: list[np.ndarray] = []
    with ThreadPoolExecutor(max(1, jobs)) as pool:  # scipy and numpy release the GIL
        for idx in indexes:
            for rows in pool.map(lambda block: probe(idx, *block), row_blocks(len(idx.uids))):
                ua, ub = idx.uids[rows[:, 0]], idx.uids[rows[:, 1]]
                found.append(_packed(np.minimum(ua, ub), np.maximum(ua, ub)))
    return _distinct(found)


def unique_rows(parts: Sequence[np.ndarray]) -> np.ndarray:
    """The distinct (a, b) rows of some n x 2 arrays of uids, sorted by a, then b."""
    return _distinct([_packed(p[:, 0], p[:, 1]) for p in parts])


_UID_BITS = 32  # uids (item numbers) stay far below 2**31


def _packed(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """A pair of uids as one int64 that sorts as the pair does: ``np.unique`` on it sorts and dedups in one
    array, where ``np.unique(axis=0)`` on rows keeps several full-size copies."""
    if len(a) and max(int(a.max()), int(b.max())) >> (_UID_BITS - 1):
        raise OverflowError("more than 2**31 items in one run")
    return (a.astype(np.int64) << _UID_BITS) | b.astype(np.int64)


def _distinct(keys: Sequence[np.ndarray]) -> np.ndarray:
    """Packed pairs from several arrays as (a, b) rows, distinct and sorted."""
    if not keys:
        return np.empty((0, 2), np.int64)
    distinct = np.unique(np.concatenate(keys))
    return np.stack([distinct >> _UID_BITS, distinct & ((1 << _UID_BITS) - 1)], axis=1)


def exhaustive_pairs(items: Sequence[Item]) -> list[tuple[int, int]]:
    """Every cross-article pair of long items: the reference the index must not lose pairs against."""
    return [(a.uid, b.uid) for i, a in enumerate(items) for b in items[i + 1:]
            if a.doc != b.doc and a.kind == b.kind and not a.short and not b.short]


def score_pairs(items: Sequence[Item], pairs: Sequence[tuple[int, int]], settings: Settings) -> list[Pair]:
    """Verify candidate pairs in batches with rapidfuzz (word-level scorers, ``cpdist``)."""
    if not pairs:
        return []
    by_uid = {it.uid: it for it in items}
    views = [compound_views(by_uid[a].words, by_uid[b].words) for a, b in pairs]
    qa = [v[0].norm if v else by_uid[a].words.norm for v, (a, _) in zip(views, pairs)]
    qb = [v[1].norm if v else by_uid[b].words.norm for v, (_, b) in zip(views, pairs)]
    workers = max(1, settings.jobs)
    ratio = process.cpdist(qa, qb, scorer=fuzz.ratio, workers=workers)
    # partial alignment only speaks for texts of clearly different length (excerpts)
    partial_rows = [i for i, (x, y) in enumerate(zip(qa, qb))
                    if 4 <= min(len(x), len(y)) <= 0.8 * max(len(x), len(y))]
    partial = [0.0] * len(pairs)
    if partial_rows:
        shorter = [min(qa[i], qb[i], key=len) for i in partial_rows]
        longer = [qb[i] if len(qa[i]) <= len(qb[i]) else qa[i] for i in partial_rows]
        scores = process.cpdist([x[: settings.partial_needle] for x in shorter],
                                [x[: settings.partial_haystack] for x in longer], scorer=fuzz.partial_ratio, workers=workers)
        for i, sc in zip(partial_rows, scores):
            partial[i] = float(sc)
    sentence_rows = [i for i, (a, _) in enumerate(pairs) if by_uid[a].kind == "sentence"]
    unordered = [0.0] * len(pairs)
    if sentence_rows:
        scores = process.cpdist([" ".join(qa[i]) for i in sentence_rows], [" ".join(qb[i]) for i in sentence_rows],
                                scorer=fuzz.token_sort_ratio, workers=workers)
        for i, s in zip(sentence_rows, scores):
            unordered[i] = float(s)
    out = []
    for k, (a, b) in enumerate(pairs):
        ia, ib = by_uid[a], by_uid[b]
        pair = verdict(ia, ib, float(ratio[k]), partial[k], unordered[k], settings, views[k])
        if pair:
            out.append(pair)
    return out


def short_quote_pairs(items: Sequence[Item]) -> list[Pair]:
    """Candidate matches of quote fragments (``fragment_pairs``) among items in memory."""
    quotes = [it for it in items if it.kind == "quote"]
    by_uid = {it.uid: it for it in quotes}
    return fragment_pairs([it for it in quotes if it.short], ((it.uid, it.words.norm) for it in quotes), by_uid.get)


def fragment_pairs(shorts: Sequence[Item], quote_words: Iterable[tuple[int, Sequence[str]]],
                   view: Callable[[int], Any]) -> list[Pair]:
    """Candidate matches of quote fragments: a fragment matches a quote that prints its words, as the same words
    or an excerpt (``containment``), by the same (or an unknown) speaker. Which of them stand (only between
    articles of one story) is decided by ``pairing.settle_groups``.

    ``quote_words`` gives every quote's uid and normalised words, read in
    one pass: each quote's runs of as many words as a fragment has are
    looked up among the fragments, so the cost is the quotes' length, not
    how many quotes hold a fragment's words ("great" is in thousands of an
    archive's quotes). ``view(uid)`` gives a quote's article, speaker and
    length class. A fragment of stopwords only ("It is.") is never looked up.
    """
    by_words: dict[tuple[str, ...], list[Item]] = defaultdict(list)
    for s in shorts:
        if s.words.term_codes:
            by_words[tuple(s.words.norm)].append(s)
    heads: dict[int, set[tuple[str, ...]]] = defaultdict(set)  # longer fragments (titles) by their first two words
    for key in by_words:
        if len(key) > 2:
            heads[len(key)].add(key[:2])
    wanted = set(by_words)
    out = []
    for uid, norm in quote_words:
        pairs = set(zip(norm, norm[1:]))
        runs = pairs.union(zip(norm))
        for size, starts in sorted(heads.items()):
            if not starts.isdisjoint(pairs):  # runs of a title's length only in a quote that could print it
                runs.update(zip(*(norm[i:] for i in range(size))))
        keys = sorted(runs & wanted)  # a set with a set: the smaller one is walked
        other = view(uid) if keys else None
        for key in keys:
            for s in by_words[key]:
                if other.doc == s.doc or (other.short and other.uid < s.uid) or speakers_conflict(s, other):
                    continue
                out.append(Pair(s.uid, other.uid, "identical" if len(key) == len(norm) else "excerpt", 100.0))
    out.sort(key=lambda p: (p.a, p.b))
    return out


NAMED = ("person", "org", None)  # None: a speaker recorded before speaker kinds existed


def speakers_conflict(a: Item, b: Item) -> bool:
    """Two quotes given to different named speakers. A descriptor ("a spokesman", "officials") names nobody,
    so it conflicts with no one; two renderings of one name ("Trump", "Donald J. Trump") are one person."""
    if not (a.speaker and b.speaker) or a.speaker_kind not in NAMED or b.speaker_kind not in NAMED:
        return False
    return not same_speaker(a.speaker, b.speaker)


def may_stand(p: Pair, a: Item, b: Item) -> bool:
    """Whether a scored match of items a and b can stand once their speakers are known: an overlap only between
    quotes given to one named speaker (a run checks it member by member, ``members.Members.allowed``)."""
    return not p.overlap or same_named_speaker(a, b)


def same_named_speaker(a: Item, b: Item) -> bool:
    """Two quotes given to one named person or organisation (a descriptor or no speaker says nothing)."""
    return bool(a.speaker and b.speaker) and a.speaker_kind in NAMED and b.speaker_kind in NAMED \
        and same_speaker(a.speaker, b.speaker)


@lru_cache(maxsize=1 << 16)  # a report asks of the same few names again and again
def same_speaker(a: str, b: str) -> bool:
    """Names agree when equal, when one is part of the other ("Park" / "Park Jin"), when they are one surname
    after given names an outlet may print either way ("Joe Biden" / "Joseph R. Biden",
    ``speakers.same_given_name``), or when they name one organisation."""
    wa, wb = _name_words(a), _name_words(b)
    ta, tb = set(wa), set(wb)
    return (ta <= tb or tb <= ta or org_key(a) == org_key(b)
            or (len(wa) > 1 and len(wb) > 1 and wa[-1] == wb[-1] and same_given_name(wa[0], wb[0])))


def _name_words(name: str) -> list[str]:
    """A name's words for comparison, in order: case, accents ("Julián"), hyphens ("Kim Jong-un" / "Kim Jong
    Un"), possessives, middle initials ("J.") and a surname's Arabic article ("al-Assad") left out."""
    printed = fold_accents(name.replace("’", "'")).split()
    words = [surname_key(w.strip(".,")).lower() for w in printed]  # "al-Assad" is "assad"
    words = [w[:-2] if w.endswith("'s") else w for w in words]
    words = [part for w in words for part in w.split("-") if part]
    return [w for w in words if len(w) > 1] or words


def match_items(items: Sequence[Item], settings: Settings, pairs: Iterable[tuple[int, int]] | None = None) -> list[Pair]:
    """Every match among the long items, each pair once (a < b); ``pairing.settle`` then decides which stand
    and adds the fragments'."""
    long_pairs = candidate_pairs(items, settings) if pairs is None else list(pairs)
    found = score_pairs(items, long_pairs, settings)
    found.sort(key=lambda p: (p.a, p.b))
    return found


def is_fragment(text: str, short_words: int) -> bool:
    """A fragment, matched only exactly and within a story (``pairing``): ``short_words`` words or fewer, or a
    title of a work ("A Higher Loyalty: Truth, Lies, and Leadership"): every content word capitalised, no
    sentence break inside."""
    ws = _FRAGMENT_WORD.findall(text)
    if len(ws) <= short_words:
        return True
    if len(ws) > TITLE_WORDS:  # every sentence of an article passes here: most end now
        return False
    content = [w for w in ws if w.lower() not in _TITLE_FILLER]
    return (bool(content) and all(w[0].isupper() or w[0].isdigit() for w in content)
            and not _SENTENCE_BREAK.search(text))


_FRAGMENT_WORD = re.compile(r"\w+(?:[’'-]\w+)*")
_TITLE_FILLER = frozenset("a an the of and or in on at to for with by from as but nor vs is are be de la le".split())
_SENTENCE_BREAK = re.compile(r"[.!?;]\s+\S")
TITLE_WORDS = 12
