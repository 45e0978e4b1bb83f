"""Run the stages in order: load -> clean -> segment -> quotes -> match -> classify.

``analyse`` is the Python entry point that the CLI wraps; it returns the
processed documents, the matcher's items and pairs, and everything the
report needs. Parsing runs in a process pool when there is more than one
job and enough articles to pay for it.
"""
from __future__ import annotations

import hashlib
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from itertools import repeat
from pathlib import Path
from typing import Callable, Iterable, Sequence

from .classify import Cluster, Evidence, Independence, clusters, evidence, independence
from .clean import clean_document
from .language import NotAnalysed, split_analysable
from .load import LoadResult, load_paths
from .match import Item, Pair, Settings, is_fragment, match_items
from .model import Article, Document, InputError, Problem, Span, SpanIndex
from .normalize import words
from .pairing import settle
from .paths import shown
from .quotes import extract_quotes, word_count
from .segment import build_tokenizer, segment

Progress = Callable[[str, int, int], None]
MOSTLY_QUOTE = 0.5  # a sentence this much inside quote marks is matched as its quotes, not again as a sentence
POOL_MIN_ARTICLES = 64


def process_article(article: Article, tokenizer=None) -> Document:
    """One article through clean, segment and quotes."""
    doc = Document(article)
    clean_document(doc)
    segment(doc, tokenizer)
    extract_quotes(doc)
    prepare(doc)
    if not doc.sentences:
        doc.warnings.append(f"{shown(article.path)}: no article text left after removing page furniture")
    return doc


def parse_batch(batch: Sequence[Article], tokenizer) -> list[Document]:
    """Parse articles in a worker; the article bodies are left out of what goes back (the caller has them)."""
    docs = [process_article(a, tokenizer) for a in batch]
    for d in docs:
        d.article = replace(d.article, text="")
        d.attributions = []  # candidates are for --explain on one article, not worth sending back
    return docs


def with_bodies(docs: Sequence[Document], articles: Sequence[Article]) -> list[Document]:
    """Give documents parsed by ``parse_batch`` their article bodies back (same order as the articles)."""
    for d, a in zip(docs, articles):
        d.article.text = a.text
    return list(docs)


def process_articles(articles: Sequence[Article], jobs: int = 1, progress: Progress | None = None) -> list[Document]:
    """Parse every article; the sentence tokenizer is trained once on the whole set first."""
    tokenizer = build_tokenizer(a.text for a in articles)
    total = len(articles)
    if jobs <= 1 or total < POOL_MIN_ARTICLES:
        docs = []
        for i, a in enumerate(articles, 1):
            docs.append(process_article(a, tokenizer))
            if progress:
                progress("parse", i, total)
        return docs
    size = max(8, min(256, total // (jobs * 8) or 1))
    batches = [list(articles[i:i + size]) for i in range(0, total, size)]
    docs = []
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for batch_docs in pool.map(parse_batch, batches, repeat(tokenizer)):
            docs.extend(batch_docs)
            if progress:
                progress("parse", len(docs), total)
    return with_bodies(docs, articles)


@dataclass
class ItemRef:
    """Where an item lives: its document, kind and index in that document's quotes or sentences."""

    doc: int
    kind: str
    index: int
    id: str = ""
    quoted_by: list[int] = field(default_factory=list)  # for sentences: the quote items inside


def _hash(text: Sequence[str]) -> str:
    return hashlib.sha1(" ".join(text).encode()).hexdigest()[:6]


def quote_share(quotes: Sequence, start: int, end: int) -> float:
    inside = sum(max(0, min(end, q.end) - max(start, q.start)) for q in quotes)
    return inside / max(1, end - start)


def narrative_text(doc: Document, start: int, end: int, quotes: Sequence) -> str:
    """A sentence's words outside its quotes (the quotes are matched on their own)."""
    text = doc.article.text
    out, pos = [], start
    for q in sorted(quotes, key=lambda q: q.start):
        out.append(text[pos:max(pos, q.start)])
        pos = max(pos, q.end)
    out.append(text[pos:end])
    return " ".join(out)


def prepare(doc: Document) -> dict:
    """Comparison words for a document's quotes and sentences, computed where the document was parsed.

    A sentence that is mostly a quote gets ``None`` as its narrative words:
    it is matched as its quotes. Otherwise its quoted words are left out so
    they are not matched twice. Each quote and sentence also gets the hash of
    its normalised words, the stable part of its report id.
    """
    quote_index = SpanIndex(Span(q.start, q.end) for q in doc.quotes)  # quotes are in text order
    sentences = []
    for s in doc.sentences:
        inside = list(quote_index.overlapping(s.start, s.end))
        w = words(s.text)
        if inside and quote_share([doc.quotes[qi] for qi in inside], s.start, s.end) >= MOSTLY_QUOTE:
            sentences.append((_hash(w.norm), None, inside))
        elif inside:
            narrative = words(narrative_text(doc, s.start, s.end, [doc.quotes[qi] for qi in inside]))
            sentences.append((_hash(w.norm), narrative, inside))
        else:
            sentences.append((_hash(w.norm), w, inside))
    quotes = [words(q.text) for q in doc.quotes]
    doc.prepared = {"quotes": [(w, _hash(w.norm)) for w in quotes], "sentences": sentences}
    return doc.prepared


def build_items(docs: Sequence[Document], settings: Settings) -> tuple[list[Item], list[ItemRef], list[ItemRef]]:
    """Matcher items for every quote and every sentence that is not mostly a quote.

    Returns the items, a ref for every item (same index as uid), and refs for
    the mostly-quote sentences that take their status from their quotes.
    """
    items: list[Item] = []
    refs: list[ItemRef] = []
    quoted_sentences: list[ItemRef] = []
    for d, doc in enumerate(docs):
        aid = doc.article.id
        used: dict[str, int] = {}

        def new_id(kind: str, digest: str) -> str:
            base = f"{aid}:{kind}:{digest}"
            used[base] = used.get(base, 0) + 1
            return base if used[base] == 1 else f"{base}-{used[base]}"

        first_quote_uid = len(items)
        prep = doc.prepared or prepare(doc)
        for qi, (q, (w, digest)) in enumerate(zip(doc.quotes, prep["quotes"])):
            items.append(Item(len(items), d, "quote", w, speaker=q.speaker, speaker_kind=q.speaker_kind,
                              short=is_fragment(q.text, settings.short_words)))
            refs.append(ItemRef(d, "quote", qi, new_id("q", digest)))
        for si, (digest, narrative, inside) in enumerate(prep["sentences"]):
            if narrative is None:  # mostly a quote: takes its status from its quotes
                quoted_sentences.append(ItemRef(d, "sentence", si, new_id("s", digest),
                                                [first_quote_uid + qi for qi in inside]))
                continue
            items.append(Item(len(items), d, "sentence", narrative, short=is_fragment(narrative.text, settings.short_words)))
            refs.append(ItemRef(d, "sentence", si, new_id("s", digest)))
        doc.prepared = None  # the items hold what they need; the rest is memory
    return items, refs, quoted_sentences


@dataclass
class Analysis:
    """Everything one run found; the report is rendered from this."""

    story: str
    story_dir: Path | None
    docs: list[Document]
    items: list[Item]
    refs: list[ItemRef]
    quoted_sentences: list[ItemRef]
    pairs: list[Pair]
    evidence: dict[int, list[Evidence]]
    clusters: list[Cluster]
    independence: Independence
    settings: Settings
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    not_analysed: list[NotAnalysed] = field(default_factory=list)  # kept, but in a language not supported yet


def analyse_documents(docs: list[Document], settings: Settings, story: str, story_dir: Path | None = None,
                      progress: Progress | None = None, pairs: list[Pair] | None = None,
                      built: tuple[list[Item], list[ItemRef], list[ItemRef]] | None = None) -> Analysis:
    """Match and classify already-parsed documents (the part shared by local and cluster runs).

    ``built`` is what ``build_items`` returned, when the caller already made
    the items (a cluster run matches them before this is called). Which
    matches stand, and the fragments', is decided here for both (``pairing``).
    """
    items, refs, quoted = built or build_items(docs, settings)
    if progress:
        progress("match", 0, len(items))
    if pairs is None:
        pairs = match_items(items, settings)
    pairs = settle(items, pairs, settings)
    if progress:
        progress("match", len(items), len(items))
    ind = independence([d.article for d in docs], items, pairs, settings)
    ev = evidence(items, pairs, ind)
    ids = {i: r.id for i, r in enumerate(refs)}
    order = {i: i for i in range(len(items))}
    cls = clusters(items, pairs, ids, order)
    warnings = [w for d in docs for w in d.warnings]
    return Analysis(story, story_dir, docs, items, refs, quoted, pairs, ev, cls, ind, settings, warnings=warnings)


def load_analysable(paths: Sequence[str | os.PathLike],
                    max_file_bytes: int | None = None) -> tuple[LoadResult, list[Article], list[NotAnalysed]]:
    """Load the articles, and set aside those in a language not supported yet (kept, listed, never refused).

    Raises ``InputError`` when no article could be loaded at all.
    """
    loaded = load_paths(paths, max_file_bytes)
    if not loaded.articles:
        raise InputError(loaded.problems or [Problem(", ".join(map(str, paths)), "no articles found")])
    articles, aside = split_analysable(loaded.articles)
    return loaded, articles, aside


def keep_parsed(loaded: LoadResult, docs: list[Document], aside: list[NotAnalysed]) -> tuple[list[Document], list[Problem]]:
    """The documents with article text left, and the problems of the run so far.

    Raises ``InputError`` when nothing is left to report on.
    """
    problems = list(loaded.problems) + [Problem(d.article.path, "no article text left after removing page furniture")
                                        for d in docs if not d.sentences]
    docs = [d for d in docs if d.sentences]
    if not docs and not aside:
        raise InputError(problems)
    return docs, problems


def analyse(paths: Iterable[str | os.PathLike], settings: Settings | None = None, story: str | None = None,
            progress: Progress | None = None, max_file_bytes: int | None = None) -> Analysis:
    """Load, parse, match and classify the articles under ``paths``.

    Raises ``InputError`` when nothing could be loaded; per-file problems
    that still leave articles to check are returned in ``Analysis.problems``,
    articles in a language not supported yet in ``Analysis.not_analysed``.
    ``max_file_bytes`` is the size limit for one file (default 50 MB).
    """
    settings = settings or Settings()
    paths = list(paths)
    loaded, articles, aside = load_analysable(paths, max_file_bytes)
    docs = process_articles(articles, settings.jobs, progress) if articles else []
    docs, problems = keep_parsed(loaded, docs, aside)
    result = analyse_documents(docs, settings, story or loaded.story or "story", loaded.story_dir, progress)
    result.problems = problems
    result.warnings = loaded.warnings + result.warnings
    result.not_analysed = aside
    return result
