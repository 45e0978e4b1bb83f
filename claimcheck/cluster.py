"""Run the pipeline on a dask.distributed cluster.

Articles are parsed as tasks; the candidate index (``index.py``) is
partitioned by word: each task probes the posting lists of its share of the
words, the hits are summed per pair and the same acceptance rule as a local
run picks the candidates; candidate pairs are verified with rapidfuzz in
chunks, one task per chunk. Which matches stand (``pairing.settle_groups``),
classification and the report are then done exactly as locally, so the
report is byte-identical to a local run.

Start a cluster:  ``dask scheduler`` on one machine, ``dask worker tcp://HOST:8786``
on each of the others, then ``claimcheck check STORY --scheduler tcp://HOST:8786``.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

from . import api
from .index import KindIndex, accept, as_uid_pairs, probe_hits, row_blocks
from .match import Item, Settings, indexes_and_identical, score_pairs, short_quote_pairs
from .model import InputError, Problem
from .copies import parse_once
from .pipeline import (Progress, finish_analysis, load_analysable, parse_batch, process_article, store_parsed,
                       with_bodies)
from .store import Store
from .segment import build_tokenizer

ARTICLES_PER_TASK = 64
PAIRS_PER_TASK = 20_000


def _probe_partition(index: KindIndex, part: int, parts: int):
    """Prefix hits through the words of one partition of the index (every parts-th word id)."""
    words = np.arange(part, index.postings.shape[0], parts)
    found = [probe_hits(index, start, stop, words) for start, stop in row_blocks(len(index.uids))]
    return tuple(np.concatenate(col) for col in zip(*found))


def _summed_hits(index: KindIndex, partials) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Add up the partitions' hits per pair."""
    a, b, hits = (np.concatenate(col) for col in zip(*partials))
    keys, where = np.unique(a * len(index.uids) + b, return_inverse=True)
    return keys // len(index.uids), keys % len(index.uids), np.bincount(where, weights=hits).astype(np.int64)


def _score_chunk(items: list[Item], pairs: list[tuple[int, int]], settings: Settings):
    return score_pairs(items, pairs, settings)


def distributed_pairs(client, items: Sequence[Item], settings: Settings, partitions: int) -> list:
    """The matcher's scored pairs and fragment candidates, computed on the cluster: index partitioned by word,
    verification by chunk (``analyse_store`` then settles them, as for a local run).

    Each partition counts the prefix hits through its words; their sum is the
    local count, so the candidates are exactly those of a local run.
    """
    by_uid = {it.uid: it for it in items}
    indexes, found = indexes_and_identical(items, settings)
    for index in indexes:
        shared = client.scatter(index, broadcast=True)
        futures = [client.submit(_probe_partition, shared, p, partitions, pure=False) for p in range(partitions)]
        found |= as_uid_pairs(index, accept(index, *_summed_hits(index, [f.result() for f in futures])))
    candidates = sorted(found)
    chunks = [candidates[i:i + PAIRS_PER_TASK] for i in range(0, len(candidates), PAIRS_PER_TASK)]
    scored = []
    for chunk in chunks:
        involved = sorted({u for pair in chunk for u in pair})
        scored.append(client.submit(_score_chunk, [by_uid[u] for u in involved], chunk, settings, pure=False))
    pairs = [p for fut in scored for p in fut.result()]
    pairs.extend(short_quote_pairs(items))
    pairs.sort(key=lambda p: (p.a, p.b))
    return pairs


def check_on_cluster(scheduler, paths, out=None, formats: Sequence[str] | None = None, settings: Settings | None = None,
                     fail_on: Sequence[str] = (), fail_on_sentences: bool = False, ledger=None, story=None,
                     progress: Progress | None = None, write: bool = True, client=None,
                     max_file_bytes: int | None = None) -> api.CheckOutcome:
    """``api.check`` on a dask.distributed cluster at ``scheduler`` (or an existing ``client``)."""
    from dask.distributed import Client

    settings = settings or Settings()
    own = client is None
    if own:
        try:
            client = Client(scheduler, timeout="10s")
        except (OSError, TimeoutError) as err:
            raise InputError(Problem(str(scheduler), f"cannot reach the dask scheduler: {err}")) from None
    try:
        loaded, arts, aside = load_analysable(list(paths), max_file_bytes)
        tokenizer = build_tokenizer(a.text for a in arts)
        tok_future = client.scatter(tokenizer, broadcast=True)

        def parse(arts):
            batches = [client.submit(parse_batch, arts[i:i + ARTICLES_PER_TASK], tok_future, pure=False)
                       for i in range(0, len(arts), ARTICLES_PER_TASK)]
            return with_bodies([d for fut in batches for d in fut.result()], arts)

        store = Store.temporary()
        problems = store_parsed(store, arts, parse_once(arts, parse, lambda a: process_article(a, tokenizer)), settings)
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        an = finish_analysis(store, settings, story or loaded.story or "story", loaded.story_dir, progress,
                             list(loaded.problems) + problems, loaded.warnings,
                             matcher=lambda reps: distributed_pairs(client, store.load(reps), settings, max(2, workers * 2)),
                             aside=aside)
    finally:
        if own:
            client.close()
    return api.finish_check(an, out, formats, fail_on, fail_on_sentences, ledger, write)
