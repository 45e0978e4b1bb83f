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

from .classify import Independence, independence
from .clean import clean_document
from .copies import parse_once
from .load import LoadResult, load_paths
from .groups import Groups, copy_classes, group_items, near_copies, representatives, sentence_groups
from .match import Item, Pair, Settings, match_items
from .members import Cluster, Members
from .model import Article, Document, InputError, Problem, Span, SpanIndex
from .normalize import words
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
        doc.warnings.append(f"{article.path}: no article text left after removing page furniture")
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
    """Parse every article; the sentence tokenizer is trained once on the whole set first.

    Copies of one body are parsed once (``copies.parse_once``).
    """
    tokenizer = build_tokenizer(a.text for a in articles)
    total = len(articles)

    def parse(distinct: Sequence[Article]) -> list[Document]:
        if jobs <= 1 or len(distinct) < POOL_MIN_ARTICLES:
            docs = []
            for i, a in enumerate(distinct, 1):
                docs.append(process_article(a, tokenizer))
                if progress:
                    progress("parse", i, total)
            return docs
        size = max(8, min(256, len(distinct) // (jobs * 8) or 1))
        batches = [list(distinct[i:i + size]) for i in range(0, len(distinct), size)]
        docs = []
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for batch_docs in pool.map(parse_batch, batches, repeat(tokenizer)):
                docs.extend(batch_docs)
                if progress:
                    progress("parse", len(docs), total)
        return with_bodies(docs, distinct)

    docs = parse_once(articles, parse, lambda a: process_article(a, tokenizer))
    if progress:
        progress("parse", total, total)
    return docs


@dataclass
class ItemRef:
    """Where an item lives: its document, kind and index in that document's quotes or sentences."""

    doc: int
    kind: str
    index: int
    id: str = ""
    quoted_by: list[int] = field(default_factory=list)  # for sentences: the quote items inside
    count: int = 1  # times this text is printed in its article (a repeated line is one item)


def _hash(text: Sequence[str]) -> str:
    """The hash of normalised words: its first 6 characters are the stable part of a report id."""
    return hashlib.sha1(" ".join(text).encode()).hexdigest()


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
    the mostly-quote sentences that take their status from their quotes. A
    text printed more than once in one article (a live blog's repeated line)
    is one item with a count: the same words by the same speaker are one
    claim, however often the page repeats them.
    """
    items: list[Item] = []
    refs: list[ItemRef] = []
    quoted_sentences: list[ItemRef] = []
    for d, doc in enumerate(docs):
        aid = doc.article.id
        used: dict[str, int] = {}
        seen: dict[tuple, ItemRef] = {}  # repeated text in this article -> its first ref

        def new_id(kind: str, digest: str) -> str:
            base = f"{aid}:{kind}:{digest[:6]}"
            used[base] = used.get(base, 0) + 1
            return base if used[base] == 1 else f"{base}-{used[base]}"

        def repeated(key: tuple) -> ItemRef | None:
            ref = seen.get(key)
            if ref is not None:
                ref.count += 1
            return ref

        prep = doc.prepared or prepare(doc)
        quote_uid: list[int] = []
        for qi, (q, (w, digest)) in enumerate(zip(doc.quotes, prep["quotes"])):
            key = ("q", w.norm, q.speaker, q.speaker_kind)
            ref = repeated(key)
            if ref is not None:
                quote_uid.append(quote_uid[ref.index])
                continue
            quote_uid.append(len(items))
            items.append(Item(len(items), d, "quote", w, speaker=q.speaker, speaker_kind=q.speaker_kind,
                              short=word_count(q.text) <= settings.short_words))
            seen[key] = ItemRef(d, "quote", qi, new_id("q", digest))
            refs.append(seen[key])
        for si, (digest, narrative, inside) in enumerate(prep["sentences"]):
            quoted_by = list(dict.fromkeys(quote_uid[qi] for qi in inside))
            key = ("s", digest, tuple(quoted_by))
            if repeated(key) is not None:
                continue
            seen[key] = ItemRef(d, "sentence", si, new_id("s", digest), quoted_by)
            if narrative is None:  # mostly a quote: takes its status from its quotes
                quoted_sentences.append(seen[key])
                continue
            seen[key].quoted_by = []
            items.append(Item(len(items), d, "sentence", narrative))
            refs.append(seen[key])
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
    groups: Groups
    pairs: list[Pair]  # matches between the representatives of groups
    members: Members
    clusters: list[Cluster]
    independence: Independence
    settings: Settings
    copy_of: list[int | None] = field(default_factory=list)  # article -> the copy it is reported under
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def status(self, uid: int) -> str:
        return self.members.status(uid)


Matcher = Callable[[list[Item]], list[Pair]]


def analyse_documents(docs: list[Document], settings: Settings, story: str, story_dir: Path | None = None,
                      progress: Progress | None = None, matcher: Matcher | None = None,
                      built: tuple[list[Item], list[ItemRef], list[ItemRef]] | None = None) -> Analysis:
    """Group, match and classify already-parsed documents (the part shared by local and cluster runs).

    Identical items are grouped first and only one representative of each
    group is matched (by ``matcher``: locally ``match_items``, or on a
    cluster). ``built`` is what ``build_items`` returned, when the caller
    already made the items.
    """
    items, refs, quoted = built or build_items(docs, settings)
    groups = group_items(items)
    reps = representatives(items, groups)
    if progress:
        progress("match", 0, len(reps))
    pairs = (matcher or (lambda r: match_items(r, settings)))(reps)
    if progress:
        progress("match", len(reps), len(reps))
    classes = copy_classes(len(docs), items, groups)
    copies = near_copies(classes, sentence_groups(len(docs), items, groups), settings.near_copy)
    ind = independence([d.article for d in docs], classes, copies)
    members = Members(items, groups, pairs, ind, settings)
    cls = members.clusters([r.id for r in refs])
    warnings = [w for d in docs for w in d.warnings]
    an = Analysis(story, story_dir, docs, items, refs, quoted, groups, pairs, members, cls, ind, settings,
                  warnings=warnings)
    an.copy_of = reported_under(an)
    return an


def reported_under(an: Analysis) -> list[int | None]:
    """For every article, the earlier exact copy whose report rows stand for its own, or None.

    An exact copy (``groups.copy_classes``) is listed with ``copy_of`` and
    its quotes and sentences are not repeated, when each of them reads the
    same, has the same speaker, count and status as in the first copy; a
    copy whose status differs (its outlet has another independent match,
    say) is reported in full.
    """
    def signature(d: int) -> list[tuple]:
        return sorted((an.groups.of[uid], it.speaker or "", it.speaker_kind or "", an.refs[uid].count, an.status(uid))
                      for uid, it in by_doc[d])

    by_doc: dict[int, list[tuple[int, Item]]] = {}
    for it in an.items:
        by_doc.setdefault(it.doc, []).append((it.uid, it))
    quoted_counts: dict[int, list[int]] = {}
    for ref in an.quoted_sentences:
        quoted_counts.setdefault(ref.doc, []).append(ref.count)
    out: list[int | None] = [None] * len(an.docs)
    first: dict[int, list[tuple]] = {}
    for d, c in enumerate(an.independence.classes):
        if c == d:
            continue
        if c not in first:
            first[c] = signature(c)
        if signature(d) == first[c] and sorted(quoted_counts.get(d, [])) == sorted(quoted_counts.get(c, [])):
            out[d] = c
    return out


def analyse(paths: Iterable[str | os.PathLike], settings: Settings | None = None, story: str | None = None,
            progress: Progress | None = None) -> Analysis:
    """Load, parse, match and classify the articles under ``paths``.

    Raises ``InputError`` when nothing could be loaded; per-file problems
    that still leave articles to check are returned in ``Analysis.problems``.
    """
    settings = settings or Settings()
    loaded: LoadResult = load_paths(paths)
    if not loaded.articles:
        raise InputError(loaded.problems or [Problem(", ".join(map(str, paths)), "no articles found")])
    docs = process_articles(loaded.articles, settings.jobs, progress)
    empty = [d for d in docs if not d.sentences]
    problems = list(loaded.problems) + [Problem(d.article.path, "no article text left after removing page furniture")
                                        for d in empty]
    docs = [d for d in docs if d.sentences]
    if not docs:
        raise InputError(problems)
    result = analyse_documents(docs, settings, story or loaded.story or "story", loaded.story_dir, progress)
    result.problems = problems
    result.warnings = loaded.warnings + result.warnings
    return result
