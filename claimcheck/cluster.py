"""Run the pipeline on a dask.distributed cluster.

Articles are parsed as tasks; the candidate index is partitioned by term
(each task counts, for the terms of its partition, how many indexed words
each pair of items shares); the counts are summed and the same acceptance
rule as a local run picks the candidates; candidate pairs are verified with
rapidfuzz in chunks, one task per chunk. Classification and the report are
then built exactly as locally, so the report is byte-identical to a local run.

Start a cluster:  ``dask scheduler`` on one machine, ``dask worker tcp://HOST:8786``
on each of the others, then ``claimcheck check STORY --scheduler tcp://HOST:8786``.
"""
from __future__ import annotations

import zlib
from collections import defaultdict
from typing import Sequence

from . import api
from .load import load_paths
from .match import Item, Settings, indexed_terms, score_pairs, short_quote_pairs
from .model import InputError, Problem
from .pipeline import Progress, analyse_documents, build_items, process_article
from .segment import build_tokenizer

ARTICLES_PER_TASK = 64
PAIRS_PER_TASK = 20_000


def _parse_batch(articles, tokenizer):
    return [process_article(a, tokenizer) for a in articles]


def _count_partition(probes: dict[int, list[str]], postings: dict[str, list[int]]) -> dict[tuple[int, int], int]:
    """Directional shared-word counts (prober, indexed item) for the terms of one partition."""
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for uid, terms in probes.items():
        for t in terms:
            for other in postings.get(t, ()):
                if other != uid:
                    counts[(uid, other)] += 1
    return dict(counts)


def _score_chunk(items: list[Item], pairs: list[tuple[int, int]], settings: Settings):
    return score_pairs(items, pairs, settings)


def distributed_pairs(client, items: Sequence[Item], settings: Settings, partitions: int) -> list:
    """The matcher's pairs, computed on the cluster: index partitioned by term, verification by chunk."""
    kept, stopped = indexed_terms(items, settings)
    by_uid = {it.uid: it for it in items}
    probes: list[dict[int, list[str]]] = [defaultdict(list) for _ in range(partitions)]
    postings: list[dict[str, list[int]]] = [defaultdict(list) for _ in range(partitions)]

    def part(term: str) -> int:
        return zlib.crc32(term.encode()) % partitions

    for it in items:
        if it.short:
            continue
        for t in it.terms:
            if t not in stopped:
                probes[part(t)][it.uid].append(t)
        for t in kept[it.uid]:
            postings[part(t)][t].append(it.uid)
    futures = [client.submit(_count_partition, dict(probes[p]), dict(postings[p]), pure=False)
               for p in range(partitions)]
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for fut in futures:
        for key, n in fut.result().items():
            counts[key] += n
    found = set()
    for (a, b), n in counts.items():
        ia, ib = by_uid[a], by_uid[b]
        if ia.doc == ib.doc or ia.kind != ib.kind:
            continue
        if n >= min(settings.min_shared_terms, len(kept[b])):
            found.add((min(a, b), max(a, b)))
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


def check_on_cluster(scheduler, paths, out=None, formats=("yaml", "md", "json"), settings: Settings | None = None,
                     fail_on: Sequence[str] = (), fail_on_sentences: bool = False, ledger=None, story=None,
                     progress: Progress | None = None, write: bool = True, client=None) -> api.CheckOutcome:
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
        loaded = load_paths(list(paths))
        if not loaded.articles:
            raise InputError(loaded.problems or [Problem(", ".join(map(str, paths)), "no articles found")])
        tokenizer = build_tokenizer(a.text for a in loaded.articles)
        tok_future = client.scatter(tokenizer, broadcast=True)
        arts = loaded.articles
        batches = [client.submit(_parse_batch, arts[i:i + ARTICLES_PER_TASK], tok_future, pure=False)
                   for i in range(0, len(arts), ARTICLES_PER_TASK)]
        docs = [d for fut in batches for d in fut.result()]
        problems = list(loaded.problems) + [Problem(d.article.path, "no article text left after removing page furniture")
                                            for d in docs if not d.sentences]
        docs = [d for d in docs if d.sentences]
        if not docs:
            raise InputError(problems)
        items, _, _ = build_items(docs, settings)
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        pairs = distributed_pairs(client, items, settings, partitions=max(2, workers * 2))
        an = analyse_documents(docs, settings, story or loaded.story or "story", loaded.story_dir, progress, pairs=pairs)
        an.problems = problems
        an.warnings = loaded.warnings + an.warnings
    finally:
        if own:
            client.close()
    return api.finish_check(an, out, formats, fail_on, fail_on_sentences, ledger, write)
