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
from itertools import islice, repeat
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

import numpy as np

from .classify import Independence, independence
from .clean import clean_document
from .copies import parse_once
from .groups import Groups, copy_classes, group_items, near_copies, representatives, sentence_groups
from .index import Columns, build_index
from .language import NotAnalysed, split_analysable
from .load import LoadResult, load_batches
from .match import Item, Pair, Settings, fragment_pairs, is_fragment, probe_all, score_pairs, unique_rows
from .members import Cluster, Members
from .model import Article, Document, InputError, Problem, Span, SpanIndex
from .normalize import words
from .pairing import settle_groups
from .paths import shown
from .quotes import extract_quotes
from .segment import build_tokenizer, segment
from .store import OnDemand, Store, StoredItem

Progress = Callable[[str, int, int], None]
MOSTLY_QUOTE = 0.5  # a sentence this much inside quote marks is matched as its quotes, not again as a sentence
POOL_MIN_ARTICLES = 64
STATUSES = ("corroborated", "variant", "single-source")


def process_article(article: Article, tokenizer=None, explain: bool = False) -> Document:
    """One article through clean, segment and quotes (``explain``: keep what attribution weighed)."""
    doc = Document(article)
    clean_document(doc)
    segment(doc, tokenizer)
    extract_quotes(doc, explain)
    prepare(doc)
    if not doc.sentences:
        doc.warnings.append(f"{shown(article.path)}: no article text left after removing page furniture")
    return doc


def parse_batch(batch: Sequence[Article], tokenizer) -> list[Document]:
    """Parse articles in a worker; the article bodies are left out of what goes back (the caller has them)."""
    docs = [process_article(a, tokenizer) for a in batch]
    for d in docs:
        d.article = replace(d.article, text="")
    return docs


def with_bodies(docs: Sequence[Document], articles: Sequence[Article]) -> list[Document]:
    """Give documents parsed by ``parse_batch`` their article bodies back (same order as the articles)."""
    for d, a in zip(docs, articles):
        d.article.text = a.text
    return list(docs)


def process_articles(articles: Sequence[Article], jobs: int = 1, progress: Progress | None = None) -> list[Document]:
    """Parse every article (``parse_articles``), as a list."""
    return list(parse_articles(articles, jobs, progress))


def parse_articles(articles: Sequence[Article], jobs: int = 1, progress: Progress | None = None,
                   tokenizer=None) -> Iterator[Document]:
    """Parse every article, yielding documents in order as they are made.

    The sentence tokenizer is trained once on the whole set first (an archive
    passes the one it was built with); copies of one body are parsed once
    (``copies.parse_once``); more than a few dozen distinct articles are
    parsed in a process per job.
    """
    if not articles:  # every article set aside (not analysed): nothing to train on or parse
        return
    tokenizer = tokenizer or build_tokenizer(a.text for a in articles)
    total = len(articles)
    done = 0

    def parse(distinct: Sequence[Article]) -> Iterator[Document]:
        if jobs <= 1 or len(distinct) < POOL_MIN_ARTICLES:
            yield from (process_article(a, tokenizer) for a in distinct)
            return
        size = max(8, min(256, len(distinct) // (jobs * 8) or 1))
        batches = [list(distinct[i:i + size]) for i in range(0, len(distinct), size)]
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for batch, batch_docs in zip(batches, pool.map(parse_batch, batches, repeat(tokenizer))):
                yield from with_bodies(batch_docs, batch)

    for doc in parse_once(articles, parse, lambda a: process_article(a, tokenizer)):
        done += 1
        if progress and (done % 64 == 0 or done == total):
            progress("parse", done, total)
        yield doc


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


def doc_items(d: int, doc: Document, settings: Settings, first_uid: int) -> tuple[list[Item], list[ItemRef], list[ItemRef]]:
    """The items of article ``d``, numbered from ``first_uid``, their refs, and its mostly-quote sentences.

    A text printed more than once in one article (a live blog's repeated
    line) is one item with a count: the same words by the same speaker are
    one claim, however often the page repeats them.
    """
    items: list[Item] = []
    refs: list[ItemRef] = []
    quoted_sentences: list[ItemRef] = []
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
        uid = first_uid + len(items)
        quote_uid.append(uid)
        items.append(Item(uid, d, "quote", w, speaker=q.speaker, speaker_kind=q.speaker_kind,
                          short=is_fragment(q.text, settings.short_words)))
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
        items.append(Item(first_uid + len(items), d, "sentence", narrative,
                          short=is_fragment(narrative.text, settings.short_words)))
        refs.append(seen[key])
    return items, refs, quoted_sentences


@dataclass
class Analysis:
    """Everything one run found; the report is rendered from this.

    ``docs``, ``refs`` and ``quoted_sentences`` read the run's store on
    demand, and ``items`` keep their words there (``store.py``), so a run
    holds compact records rather than every article and item at once.
    """

    story: str
    story_dir: Path | None
    docs: Sequence[Document]
    items: Sequence[Item]
    refs: Sequence[ItemRef]
    quoted_sentences: Sequence[ItemRef]
    groups: Groups
    pairs: list[Pair]  # matches between the representatives of groups that stand (``pairing.settle_groups``)
    members: Members
    clusters: list[Cluster]
    independence: Independence
    settings: Settings
    copy_of: list[int | None] = field(default_factory=list)  # article -> the copy it is reported under
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    store: Store | None = None
    n_reported: int | None = None  # articles the report lists (a story checked against an archive: the story's)
    progress: Progress | None = None  # told how far the report has got
    archive: dict | None = None  # the archive a story was checked against
    not_analysed: list[NotAnalysed] = field(default_factory=list)  # kept, but in a language not supported yet

    _statuses: bytearray | None = None

    @property
    def reported(self) -> int:
        """How many articles the report lists: all, or a story's when it was checked against an archive."""
        return len(self.docs) if self.n_reported is None else self.n_reported

    def status(self, uid: int) -> str:
        """An item's status (remembered: the report asks twice, for the summary and for the row)."""
        if self._statuses is None:
            self._statuses = bytearray(len(self.items))
        code = self._statuses[uid]
        if not code:
            code = self._statuses[uid] = 1 + STATUSES.index(self.members.status(uid))
        return STATUSES[code - 1]

    def refs_of(self, uids: Sequence[int]) -> Iterator[ItemRef]:
        """The refs of these items, in the order given."""
        return self.store.refs_of(uids)

    def quoted_docs(self) -> list[int]:
        """The article of every mostly-quote sentence, in order."""
        return self.store.quoted_docs

    def article(self, d: int) -> Article:
        """Article ``d``'s metadata (its body is not kept)."""
        return self.store.articles[d]

    def body(self, d: int) -> tuple[str, list[tuple[int, int]]]:
        """Article ``d``'s body as loaded and the spans of its paragraphs kept after cleaning (for report.html)."""
        return self.store.body(d)

    def close(self) -> None:
        """Remove the run's store (the analysis cannot be read after this)."""
        if self.store is not None:
            self.store.close()


Matcher = Callable[[list[Item]], list[Pair]]
PAIRS_PER_CHUNK = 20_000  # candidate pairs whose words are read and scored at once
STORE_BATCH = 256  # articles written to the store per transaction


def store_document(store: Store, doc: Document, settings: Settings) -> int:
    """Write a parsed article and its items into the store; returns its article number."""
    items, refs, quoted = doc_items(store.next_doc, doc, settings, store.next_uid)
    return store.add_document(doc, items, refs, quoted)


def match_stored(reps: Sequence[StoredItem], settings: Settings, store: Store,
                 progress: Progress | None = None) -> list[Pair]:
    """``match.match_items`` over items whose words are on disk: the index from their word codes, read in one
    pass, and scoring in chunks of candidate pairs, reading only those items' words."""
    candidates: list[np.ndarray] = []
    for kind, threshold in settings.thresholds().items():  # one index at a time: built, probed, dropped
        members = [r for r in reps if r.kind == kind and not r.short and r.n_terms]
        if len(members) >= 2:
            terms, n_terms, codes, n_codes = store.code_arrays([r.uid for r in members])
            cols = Columns(np.fromiter((r.uid for r in members), np.int64, len(members)),
                           np.fromiter((r.doc for r in members), np.int64, len(members)),
                           np.fromiter((r.n_words for r in members), np.int64, len(members)), terms, n_terms, codes, n_codes)
            del members, terms, codes
            index = build_index(cols, threshold, settings.partial_needle, settings.max_postings, settings.overlap(kind))
            del cols
            candidates.append(probe_all([index], settings.jobs))
            del index
    pairs = unique_rows(candidates)
    del candidates
    rep_uids = np.fromiter((r.uid for r in reps), np.int64, len(reps))  # ascending: reps are in group order

    def views(uids: Iterable[int]) -> list[StoredItem]:
        return [reps[i] for i in np.searchsorted(rep_uids, np.fromiter(uids, np.int64)).tolist()]

    found: list[Pair] = []
    for start in range(0, len(pairs), PAIRS_PER_CHUNK):
        chunk = list(map(tuple, pairs[start:start + PAIRS_PER_CHUNK].tolist()))
        found += score_pairs(store.load(views(np.unique(pairs[start:start + PAIRS_PER_CHUNK]).tolist())), chunk, settings)
        if progress:
            progress("score", start + len(chunk), len(pairs))
    quotes = {r.uid for r in reps if r.kind == "quote"}  # fragment candidates; pairing.settle_groups keeps those within a story
    found += fragment_pairs(store.load(r for r in reps if r.kind == "quote" and r.short), store.norms("quote", quotes),
                            lambda uid: views([uid])[0])
    found.sort(key=lambda p: (p.a, p.b))
    return found


def analyse_store(store: Store, settings: Settings, story: str, story_dir: Path | None = None,
                  progress: Progress | None = None, matcher: Matcher | None = None) -> Analysis:
    """Group, match and classify the articles in a store (the part shared by local and cluster runs).

    Identical items are grouped first and only one representative of each
    group is matched (by ``matcher``: locally ``match_stored``, or on a
    cluster); which of those matches stand, and the fragments', is decided
    here for both (``pairing.settle_groups``).
    """
    items = store.items
    groups = group_items(items)
    reps = representatives(items, groups)
    if progress:
        progress("match", 0, len(reps))
    scored = matcher(reps) if matcher else match_stored(reps, settings, store, progress)
    n_docs = store.n_docs
    settled = settle_groups(items, groups, scored, settings, n_docs)
    del scored
    if progress:
        progress("match", len(reps), len(reps))
    classes = copy_classes(n_docs, items, groups)
    copies = near_copies(classes, sentence_groups(n_docs, items, groups), settings.near_copy)
    ind = independence(store.articles, classes, copies)
    members = Members(items, groups, settled, ind, settings)
    refs = OnDemand(lambda: len(store.items), store.ref, store.refs)
    cls = members.clusters(lambda uid: refs[uid].id)
    docs = OnDemand(lambda: store.n_docs, store.document)
    quoted = OnDemand(lambda: store.n_quoted, store.quoted_at, store.quoted)
    an = Analysis(story, story_dir, docs, items, refs, quoted, groups, settled.pairs, members, cls, ind,
                  settings, warnings=list(store.warnings), store=store)
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
        counts = an.store.refs_of([uid for uid, _ in by_doc[d]])  # one read per article, not one per item
        return sorted((an.groups.of[uid], it.speaker or "", it.speaker_kind or "", ref.count, an.status(uid))
                      for (uid, it), ref in zip(by_doc[d], counts))

    classes = an.independence.classes
    copied = {d for d, c in enumerate(classes) if c != d} | {c for d, c in enumerate(classes) if c != d}
    by_doc: dict[int, list[tuple[int, Item]]] = {}
    for it in an.items:
        if it.doc in copied:  # only copies and the articles they copy are compared
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


def load_analysable(paths: Sequence[str | os.PathLike],
                    max_file_bytes: int | None = None) -> tuple[LoadResult, list[Article], list[NotAnalysed]]:
    """Load the articles, and set aside those in a language not supported yet (kept, listed, never refused).

    Raises ``InputError`` when no article could be loaded at all.
    """
    return next(analysable_batches(paths, max_file_bytes))


def analysable_batches(paths: Sequence[str | os.PathLike], max_file_bytes: int | None = None,
                       batch: int | None = None) -> Iterator[tuple[LoadResult, list[Article], list[NotAnalysed]]]:
    """``load_analysable`` in pieces of about ``batch`` articles (``load.load_batches``)."""
    for k, loaded in enumerate(load_batches(paths, max_file_bytes, batch)):
        if k == 0 and not loaded.articles:  # a first piece holds every article loaded or ``batch`` of them
            raise InputError(loaded.problems or [Problem(", ".join(map(str, paths)), "no articles found")])
        articles, aside = split_analysable(loaded.articles)
        yield loaded, articles, aside


def analyse(paths: Iterable[str | os.PathLike], settings: Settings | None = None, story: str | None = None,
            progress: Progress | None = None, max_file_bytes: int | None = None) -> Analysis:
    """Load, parse, match and classify the articles under ``paths``.

    Each article is written to the run's store as soon as it is parsed, and
    its body is let go. Raises ``InputError`` when nothing could be loaded;
    per-file problems that still leave articles to check are returned in
    ``Analysis.problems``, articles in a language not supported yet in
    ``Analysis.not_analysed``. ``max_file_bytes`` is the size limit for one
    file (default 50 MB).
    """
    settings = settings or Settings()
    loaded, articles, aside = load_analysable(list(paths), max_file_bytes)
    store = Store.temporary()
    problems = store_parsed(store, articles, parse_articles(articles, settings.jobs, progress), settings)
    return finish_analysis(store, settings, story or loaded.story or "story", loaded.story_dir, progress,
                           list(loaded.problems) + problems, loaded.warnings, aside=aside)


def store_parsed(store: Store, articles: Sequence[Article], docs: Iterable[Document], settings: Settings) -> list[Problem]:
    """Write parsed documents (one per article, in order) into the store; an article with no text left is a problem."""
    problems = []
    pending = iter(zip(articles, docs))
    while True:
        with store.transaction():  # one transaction per batch of articles: far fewer writes to disk
            batch = list(islice(pending, STORE_BATCH))
            for article, doc in batch:
                if doc.sentences:
                    store_document(store, doc, settings)
                else:
                    problems.append(Problem(doc.article.path, "no article text left after removing page furniture"))
                article.text = doc.article.text = ""  # parsed and stored: the body is no longer needed
        if len(batch) < STORE_BATCH:
            return problems


def finish_analysis(store: Store, settings: Settings, story: str, story_dir: Path | None, progress: Progress | None,
                    problems: list[Problem], warnings: list[str], matcher: Matcher | None = None,
                    aside: Sequence[NotAnalysed] = ()) -> Analysis:
    """Analyse a filled store; with no article to check or list as not analysed, remove it and raise ``InputError``."""
    if not store.n_docs and not aside:
        store.close()
        raise InputError(problems)
    result = analyse_store(store, settings, story, story_dir, progress, matcher)
    result.progress = progress
    result.problems = problems
    result.warnings = warnings + result.warnings
    result.not_analysed = list(aside)
    return result
