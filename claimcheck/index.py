"""Candidate pairs from an inverted index over content words, with a filter derived from the thresholds.

Scoring every pair of items is quadratic; this module finds the few pairs
worth scoring. The index is a sparse item x word matrix (scipy CSR); its
transpose is the posting lists. It applies the prefix filter of set-similarity
joins (Bayardo et al., "Scaling up all pairs similarity search", 2007):

* Two texts that match at word-level similarity ``T`` (``fuzz.ratio`` or
  ``fuzz.partial_ratio`` over word lists) leave at most ``slack`` of the
  shorter text's words unmatched (see ``slack``), so at most ``slack`` of its
  distinct content words are missing from the longer text.
* Rank every item's content words from rarest to most common. If at most
  ``slack`` of them are missing, at least ``k`` of the ``slack + k`` rarest
  (the *prefix*) are present in the other text. Probing only the prefix
  against the full posting lists and keeping pairs with ``k`` hits therefore
  loses no match, and the prefix holds the rare words whose posting lists are
  short: cost grows with the archive, not with its square. ``k`` is
  ``PREFIX_HITS``: more hits filter more pairs out before the exact check,
  at the price of a longer prefix.
* The pair must also share at least ``distinct words - slack`` of the
  shorter text's distinct words, stopwords included (an unmatched word can
  remove at most one), counted exactly as a sparse row product.
  Random sentences share common words; a true match shares nearly all.
  Before that product, each row's distinct words are hashed into a 512-bit
  signature: a bit the shorter text sets and the longer does not stands for
  at least one word the longer lacks (different bits, different words), so
  ``distinct words - popcount(a & ~b)`` bounds the shared words from above.
  Pairs that fail that bound cannot pass the exact count and are dropped at
  the cost of a few machine words per pair. On the real archive (37,000
  articles) nine in ten rows hold so few words under ``max_postings`` that
  one prefix hit is all they can ask; the signature removes 99% of those
  pairs before the exact count, which drops no pair the count would keep.

Words held by more than ``max_postings`` items are never probed. This is
what keeps the cost linear: every probe then reads at most that many
postings, whatever the size of the archive (without it, 10x the articles
cost 100x the probing, as every word's posting list grows with the archive).
It also keeps one huge article that repeats itself from making every item a
candidate for every other. It is the one place where the index can lose a
match: when a text's rare words are all that common. Two texts that share
only such words are still found when they read the same (``identical_pairs``).

Sentences also match by ``token_sort_ratio`` (the same words in another
order), a character-level score that forgives small changes inside words;
for them the word slack is a close approximation rather than a bound, and
the benchmark measures what it loses.
Items made only of stopwords have no prefix; they match only when identical,
which a lookup by normalised text finds.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import chain
from typing import Iterator, Sequence

import numpy as np
from scipy import sparse

ROWS_PER_PROBE = 1024  # items probed per sparse product: bounds the memory of one product (two run at once)
PREFIX_HITS = 3  # k above: measured on 10,000 generated articles, 1 hit left 10 million pairs to check exactly
SIGNATURE_WORDS = 8  # 64-bit words per row signature (512 bits): 256 let twice as many pairs through on real copy


def slack(n_words: np.ndarray, threshold: float, needle: int, overlap: float = 0.0) -> np.ndarray:
    """How many of a text's distinct words can be missing from a text it matches at ``threshold``.

    ``fuzz.ratio`` at T leaves at most (1 - T) of the shorter text unmatched.
    ``fuzz.partial_ratio`` also aligns the shorter text with a shorter window
    at either end of the longer one (its prefix or suffix), which leaves up to
    1 - T / (2 - T) of it unmatched (a third at T = 80); and it sees only the
    first ``needle`` words, so words past that may all be missing. Two
    overlapping excerpts (``match.overlap_variant``) share at least
    ``overlap`` of the shorter one's first ``needle`` words, so 1 - ``overlap``
    of them may be missing.
    """
    t = threshold / 100.0
    unmatched = max(1.0 - t / (2.0 - t), 1.0 - overlap if overlap else 0.0)
    seen = np.minimum(n_words, needle)
    return np.floor(unmatched * seen + 1e-9).astype(np.int64) + np.maximum(0, n_words - needle)


def need(n_words: np.ndarray, n_distinct: np.ndarray, threshold: float, needle: int,
         overlap: float = 0.0) -> np.ndarray:
    """How many of a text's distinct words (stopwords too) a longer text it matches must share: all but
    ``slack`` of them, and at least one. The exact check of every pair the index proposes."""
    return np.maximum(1, n_distinct - slack(n_words, threshold, needle, overlap))


@dataclass
class KindIndex:
    """The index of one kind of item (quotes are matched only to quotes, sentences to sentences)."""

    uids: np.ndarray  # item uid per row
    docs: np.ndarray  # article per row, renumbered 0.. (an archive's run far past 2**32): 4 bytes, read for every
    # pair the probe proposes
    lengths: np.ndarray  # words per row (4 bytes, likewise)
    need: np.ndarray  # distinct words a longer text must share with this row
    spare: np.ndarray  # distinct words of this row a longer text may lack (distinct words - need)
    hits: np.ndarray  # prefix words a longer text must hold
    unprobed: list[int]  # uids of items with no word to probe: found only by identical_pairs
    prefix: sparse.csr_matrix  # rows x content words: the row's rarest slack+k content words
    postings: sparse.csr_matrix  # content words x rows: every row holding the word
    distinct: sparse.csr_matrix  # rows x all words (stopwords too): the row's distinct words
    signatures: np.ndarray  # rows x SIGNATURE_WORDS: the row's distinct words hashed to bits


@dataclass
class Columns:
    """What the index reads of the items of one kind, as flat arrays (no Python object per item).

    ``terms`` and ``codes`` hold every item's content-word and distinct-word
    codes one after another, ``n_terms`` and ``n_codes`` how many belong to
    each item.
    """

    uids: np.ndarray
    docs: np.ndarray
    lengths: np.ndarray  # normalised words per item
    terms: np.ndarray
    n_terms: np.ndarray
    codes: np.ndarray
    n_codes: np.ndarray

    @classmethod
    def of_items(cls, items: Sequence) -> "Columns":
        n = len(items)
        n_terms = np.fromiter((len(it.words.term_codes) for it in items), np.int64, n)
        n_codes = np.fromiter((len(it.words.codes) for it in items), np.int64, n)
        return cls(np.fromiter((it.uid for it in items), np.int64, n), np.fromiter((it.doc for it in items), np.int64, n),
                   np.fromiter((len(it.words.norm) for it in items), np.int64, n),
                   np.fromiter(chain.from_iterable(it.words.term_codes for it in items), np.int64, int(n_terms.sum())),
                   n_terms, np.fromiter(chain.from_iterable(it.words.codes for it in items), np.int64, int(n_codes.sum())),
                   n_codes)


def build_index(cols: Columns, threshold: float, needle: int, max_postings: int, overlap: float = 0.0) -> KindIndex:
    """Index items of one kind; words are ranked by how many items hold them (ties: by word code)."""
    n = len(cols.uids)
    rows = np.arange(n, dtype=np.int64)
    lengths = cols.lengths.astype(np.int64)
    slacks = slack(lengths, threshold, needle, overlap)

    # content words per row, as word ids in rarity order, rows kept together
    term_ids, n_terms = _ids(cols.terms), cols.n_terms
    df = np.bincount(term_ids)
    rank = np.empty(len(df), np.int64)
    rank[np.argsort(df, kind="stable")] = np.arange(len(df))
    probed = int((df <= max_postings).sum())  # ranks below this may be probed
    row_of = np.repeat(rows, n_terms)
    ranked = row_of * len(df)  # rows kept together, each row's words by rank (in place: these arrays are large)
    ranked += rank[term_ids]
    del term_ids
    ranked.sort()
    ranked %= len(df)
    ranked = ranked.astype(np.int32)  # word ids from here on: half the memory
    position = np.arange(len(ranked)) - np.repeat(np.cumsum(n_terms) - n_terms, n_terms)
    in_prefix = (position < (slacks + PREFIX_HITS)[row_of]) & (ranked < probed)
    del position
    prefix_len = np.bincount(row_of[in_prefix], minlength=n)
    del row_of
    prefix = _csr(prefix_len, ranked[in_prefix], (n, len(df)))
    postings = _csr(n_terms, ranked, (n, len(df))).T.tocsr()
    del ranked, in_prefix

    # every distinct word per row, stopwords included, for the exact overlap
    distinct_ids, n_distinct = _ids(cols.codes), cols.n_codes
    vocab_size = int(distinct_ids.max()) + 1 if len(distinct_ids) else 1
    needed = need(lengths, n_distinct, threshold, needle, overlap)
    return KindIndex(
        uids=cols.uids.astype(np.int64),
        docs=np.unique(cols.docs, return_inverse=True)[1].astype(np.int32),  # only compared for equality
        lengths=lengths.astype(np.int32),
        need=needed,
        spare=n_distinct - needed,
        hits=np.maximum(1, prefix_len - slacks),
        unprobed=cols.uids[prefix_len == 0].tolist(),
        prefix=prefix,
        postings=postings,
        distinct=_csr(n_distinct, distinct_ids, (n, vocab_size)),
        signatures=word_signatures(distinct_ids, n_distinct),
    )


ROWS_PER_STEP = 1 << 18  # signatures and ids are made this many rows (or words) at a time: their temporaries are
# several 8-byte arrays per word, over a gigabyte at once for 100,000 articles' sentences


def word_signatures(ids: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Each row's word ids hashed (Fibonacci hashing) to one of ``64 * SIGNATURE_WORDS`` bits."""
    n_bits = 64 * SIGNATURE_WORDS
    shift = np.uint64(64 - n_bits.bit_length() + 1)
    out = np.zeros((len(counts), SIGNATURE_WORDS), np.uint64)
    ends = np.cumsum(counts)
    for first in range(0, len(counts), ROWS_PER_STEP):
        last = min(first + ROWS_PER_STEP, len(counts))
        lo, hi = int(ends[first] - counts[first]), int(ends[last - 1])
        bit = (ids[lo:hi].astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)) >> shift
        np.bitwise_or.at(out, (np.repeat(np.arange(first, last), counts[first:last]), (bit // 64).astype(np.int64)),
                         np.left_shift(np.uint64(1), bit % np.uint64(64)))
    return out


def _ids(codes: np.ndarray) -> np.ndarray:
    """Word codes as small ids (codes in sorted order), found by binary search in the distinct codes
    (``np.unique`` with ``return_inverse`` keeps several full-size copies at once).

    Two words with the same CRC-32 share an id: that can only make two texts
    look closer, never lose a match.
    """
    distinct = np.unique(codes)
    out = np.empty(len(codes), np.int32)
    for lo in range(0, len(codes), ROWS_PER_STEP):
        out[lo:lo + ROWS_PER_STEP] = np.searchsorted(distinct, codes[lo:lo + ROWS_PER_STEP])
    return out


def _csr(counts: np.ndarray, ids: np.ndarray, shape: tuple[int, int]) -> sparse.csr_matrix:
    ptr = np.concatenate([[0], np.cumsum(counts)])
    return sparse.csr_matrix((np.ones(len(ids), np.int32), ids.astype(np.int32, copy=False), ptr), shape=shape)


def probe_hits(index: KindIndex, start: int, stop: int, words: np.ndarray | None = None):
    """Prefix hits of rows start..stop in the longer texts of other articles: (row, other row, hits).

    ``words`` restricts the probe to some word ids (a partition of the index
    on a cluster); summing the hits over a partition of the words gives the
    full probe. Without it, pairs with too few hits are dropped at once.
    """
    pre = index.prefix[start:stop]
    post = index.postings
    if words is not None:
        pre, post = pre[:, words], post[words]
    found = pre @ post
    per_row = np.diff(found.indptr)
    a = np.repeat(np.arange(start, stop, dtype=np.int64), per_row)
    b, hits = found.indices, found.data
    if words is None:
        keep = hits >= np.repeat(index.hits[start:stop], per_row)
        a, b, hits = a[keep], b[keep], hits[keep]
    # ``take`` on 4-byte columns: these gathers run over every pair the product proposed (hundreds of millions
    # on a real archive), and cost a third less than indexing 8-byte ones
    la, lb = index.lengths.take(a), index.lengths.take(b)
    keep = (index.docs.take(a) != index.docs.take(b)) & ((lb > la) | ((lb == la) & (b > a)))
    return a[keep], b[keep].astype(np.int64), hits[keep]


def accept(index: KindIndex, a: np.ndarray, b: np.ndarray, hits: np.ndarray) -> np.ndarray:
    """The (row, other row) pairs with enough prefix hits and enough shared words, as an n x 2 array."""
    keep = hits >= index.hits[a]
    a, b = a[keep], b[keep]
    # the bits of a that b lacks (a & ~b), worked on one gathered copy in place: half the time of fancy-indexed
    # copies and their temporaries, for every pair the probe proposed
    lacking = index.signatures.take(b, axis=0)
    np.invert(lacking, out=lacking)
    lacking &= index.signatures.take(a, axis=0)
    keep = np.bitwise_count(lacking).sum(axis=1, dtype=np.int64) <= index.spare[a]
    del lacking
    a, b = a[keep], b[keep]
    shared = np.asarray(index.distinct[a].multiply(index.distinct[b]).sum(axis=1)).ravel()
    keep = shared >= index.need[a]
    return np.stack([a[keep], b[keep]], axis=1)


def probe(index: KindIndex, start: int, stop: int) -> np.ndarray:
    """Candidate (shorter row, longer row) pairs for rows start..stop."""
    return accept(index, *probe_hits(index, start, stop))


def row_blocks(n_rows: int, size: int = ROWS_PER_PROBE) -> Iterator[tuple[int, int]]:
    for start in range(0, n_rows, size):
        yield start, min(n_rows, start + size)


def as_uid_pairs(index: KindIndex, rows: np.ndarray) -> set[tuple[int, int]]:
    """Row pairs as (smaller uid, larger uid)."""
    ua, ub = index.uids[rows[:, 0]], index.uids[rows[:, 1]]
    return set(zip(np.minimum(ua, ub).tolist(), np.maximum(ua, ub).tolist()))


def kind_indexes(items: Sequence, thresholds: dict[str, float], needle: int, max_postings: int,
                 overlaps: dict[str, float] | None = None) -> list[KindIndex]:
    """One index per kind of item (quote, sentence) over its long items that have content words (``overlaps``:
    the share overlapping excerpts of that kind must share, ``slack``)."""
    out = []
    for kind, threshold in thresholds.items():
        members = [it for it in items if it.kind == kind and not it.short and it.words.term_codes]
        if len(members) >= 2:
            out.append(build_index(Columns.of_items(members), threshold, needle, max_postings,
                                   (overlaps or {}).get(kind, 0.0)))
    return out


def unprobed_items(items: Sequence, indexes: Sequence[KindIndex]) -> list:
    """Long items the indexes cannot probe: no content words ("It is what it is."), or only very common ones."""
    unprobed = {uid for idx in indexes for uid in idx.unprobed}
    return [it for it in items if not it.short and (not it.words.term_codes or it.uid in unprobed)]


def identical_pairs(items: Sequence) -> set[tuple[int, int]]:
    """Cross-article pairs of items that read the same once normalised (for the items the index cannot probe)."""
    groups: dict[tuple[str, str], dict[int, list[int]]] = {}
    for it in items:
        if not it.short:
            groups.setdefault((it.kind, it.key), {}).setdefault(it.doc, []).append(it.uid)
    out = set()
    for by_doc in groups.values():
        if len(by_doc) < 2:
            continue
        docs = sorted(by_doc)
        for i, d in enumerate(docs):
            for e in docs[i + 1:]:
                out.update((min(x, y), max(x, y)) for x in by_doc[d] for y in by_doc[e])
    return out
