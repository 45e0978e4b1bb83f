"""Parse results on disk (SQLite), so a check holds compact arrays, not every article, item and row at once.

Each parsed article is written as it arrives from the parse workers: its
metadata, sentences and quotes as one compressed record, and one row per
matcher item with its comparison words and word codes. What stays in memory
is one small ``StoredItem`` per item (article, kind, speaker, length, group
key). The index reads the word codes in one pass, scoring reads the words of
one chunk of candidate pairs at a time, and the report is rendered article
by article from the records.

A run's store is a temporary file (removed when the run ends); an archive
(``archive.py``) is the same tables in a file of its own.
"""
from __future__ import annotations

import hashlib
import json
from array import array
import os
import sqlite3
import tempfile
import zlib
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from itertools import islice
from typing import Any, Callable, Iterable, Iterator, Sequence

import numpy as np

from .groups import group_key
from .match import SEP, Item
from .model import Article, Document, Quote, Sentence
from .normalize import Words

KINDS = ("quote", "sentence")
ARTICLE_FIELDS = ("id", "path", "title", "outlet", "origin", "origin_source", "date", "url", "byline")
QUOTE_FIELDS = ("start", "end", "text", "passage", "part", "parts", "speaker", "speaker_mention", "speaker_kind",
                "cue", "confidence", "partial", "kind")
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (doc INTEGER PRIMARY KEY, id TEXT NOT NULL, body_hash TEXT NOT NULL,
    record BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS items (
    uid INTEGER PRIMARY KEY, doc INTEGER NOT NULL, kind INTEGER NOT NULL, idx INTEGER NOT NULL, rid TEXT NOT NULL,
    count INTEGER NOT NULL, short INTEGER NOT NULL, speaker TEXT, speaker_kind TEXT, shown TEXT NOT NULL,
    text TEXT NOT NULL, norm TEXT NOT NULL, codes BLOB NOT NULL, terms BLOB NOT NULL, gkey BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS quoted (doc INTEGER NOT NULL, idx INTEGER NOT NULL, rid TEXT NOT NULL,
    count INTEGER NOT NULL, quoted_by BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS bodies (doc INTEGER PRIMARY KEY, body BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS items_doc ON items (doc);
CREATE INDEX IF NOT EXISTS quoted_doc ON quoted (doc);
"""


@dataclass(slots=True)
class StoredItem:
    """A matcher item whose words stay on disk until asked for (the fields of ``match.Item`` that classify reads)."""

    uid: int
    doc: int
    kind: str
    short: bool
    speaker: str | None
    speaker_kind: str | None
    n_words: int
    n_terms: int
    gkey: bytes
    store: "Store" = field(repr=False, compare=False)

    @property
    def words(self) -> Words:
        return self.store.words(self.uid)


@dataclass
class StoredRef:
    """Where an item lives (the fields of ``pipeline.ItemRef``), read back from the store."""

    doc: int
    kind: str
    index: int
    id: str
    quoted_by: list[int] = field(default_factory=list)
    count: int = 1


def _blob(codes: Sequence[int]) -> bytes:
    """CRC-32 word codes as 4-byte unsigned integers (the stdlib array: numpy costs more for a few dozen)."""
    return array("I", codes).tobytes()


def _codes(blob: bytes) -> tuple[int, ...]:
    out = array("I")
    out.frombytes(blob)
    return tuple(out)


def stored_words(text: str, norm: str, codes: bytes, terms: bytes) -> Words:
    """An item's comparison words from its stored columns (``text, norm, codes, terms``)."""
    return Words(text, tuple(norm.split(SEP)) if norm else (), _codes(codes), _codes(terms))


IN_CHUNK = 900  # values per ``IN (...)`` list: under SQLite's limit on bound parameters


def in_chunks(values: Sequence) -> Iterator[tuple[Sequence, str]]:
    """``values`` in chunks SQLite accepts, each with its placeholders for ``IN ({marks})``."""
    for start in range(0, len(values), IN_CHUNK):
        chunk = values[start:start + IN_CHUNK]
        yield chunk, ",".join("?" * len(chunk))


def encode_document(doc: Document) -> bytes:
    """An article's metadata, sentences and quotes as compressed JSON (no pickles: a store may come from elsewhere).

    A file name that is not UTF-8 holds lone surrogates (``os.fsdecode``); they are kept as they are.
    """
    a = doc.article
    record = {
        "article": [getattr(a, f) for f in ARTICLE_FIELDS],
        "sentences": [[s.start, s.end, s.text, s.paragraph] for s in doc.sentences],
        "quotes": [[getattr(q, f) for f in QUOTE_FIELDS] for q in doc.quotes],
        "warnings": doc.warnings,
    }
    return zlib.compress(json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass"), 1)


def encode_body(doc: Document) -> bytes:
    """An article's body and the spans of its paragraphs kept after cleaning, compressed (report.html shows them)."""
    record = {"text": doc.article.text, "paragraphs": [[p.start, p.end] for p in doc.paragraphs]}
    return zlib.compress(json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass"), 1)


def decode_document(blob: bytes) -> Document:
    record = json.loads(zlib.decompress(blob).decode("utf-8", "surrogatepass"))
    doc = Document(Article(**dict(zip(ARTICLE_FIELDS, record["article"])), text=""))
    doc.sentences = [Sentence(*s) for s in record["sentences"]]
    doc.quotes = [Quote(**dict(zip(QUOTE_FIELDS, q))) for q in record["quotes"]]
    doc.warnings = record["warnings"]
    return doc


class Store:
    """The SQLite file of one run (temporary) or of an archive."""

    def __init__(self, path: str | os.PathLike, temporary: bool = False, bodies: bool = True):
        self.path = Path(path)
        self.keep_bodies = bodies  # a run keeps them for report.html; an archive, which reports none, does not
        self._tmp: tempfile.TemporaryDirectory | None = None
        self.conn = sqlite3.connect(str(path), isolation_level=None)
        if temporary:  # a scratch file: nothing to recover after a crash
            self.conn.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;")
        else:
            self.conn.executescript("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
        self.conn.executescript("PRAGMA cache_size=-32000; PRAGMA temp_store=FILE;" + SCHEMA)
        self.items: list[StoredItem] = []
        self.articles: list[Article] = []  # metadata of every article (bodies are not kept)
        self.counts: list[tuple[int, int]] = []  # sentences and quotes of every article
        self.warnings: list[str] = []
        self.quoted_docs: list[int] = []  # the article of every mostly-quote sentence, in store order
        self.n_docs = 0  # articles written by this run (a run's store holds no others)
        self.n_quoted = 0
        self.next_doc = self.conn.execute("SELECT coalesce(max(doc) + 1, 0) FROM articles").fetchone()[0]
        self.next_uid = self.conn.execute("SELECT coalesce(max(uid) + 1, 0) FROM items").fetchone()[0]
        self._docs: OrderedDict[int, Document] = OrderedDict()

    @classmethod
    def temporary(cls) -> "Store":
        tmp = tempfile.TemporaryDirectory(prefix="claimcheck-")
        store = cls(Path(tmp.name) / "run.sqlite", temporary=True)
        store._tmp = tmp
        return store

    @classmethod
    def reopen(cls, path: str | os.PathLike) -> "Store":
        """A run's store written earlier, read back as it was when its last article was written
        (to analyse its articles again without parsing them: ``bench.real --parsed``)."""
        store = cls(path, temporary=True)
        for d, blob in store.conn.execute("SELECT doc, record FROM articles ORDER BY doc"):
            doc = decode_document(blob)
            store.articles.append(Article(**{f: getattr(doc.article, f) for f in ARTICLE_FIELDS}, text=""))
            store.counts.append((len(doc.sentences), len(doc.quotes)))
            store.warnings += doc.warnings
        store.n_docs = store.next_doc
        for uid, d, kind, short, speaker, speaker_kind, norm, terms, gkey in store.conn.execute(
                "SELECT uid, doc, kind, short, speaker, speaker_kind, norm, terms, gkey FROM items ORDER BY uid"):
            store.items.append(StoredItem(uid, d, KINDS[kind], bool(short), speaker, speaker_kind,
                                          norm.count(SEP) + 1 if norm else 0, len(terms) // 4, gkey, store))
        store.quoted_docs = [d for (d,) in store.conn.execute("SELECT doc FROM quoted ORDER BY rowid")]
        store.n_quoted = len(store.quoted_docs)
        return store

    def close(self) -> None:
        self.conn.close()
        if self._tmp is not None:
            self._tmp.cleanup()

    # --- writing --------------------------------------------------------------------

    def transaction(self) -> "_Transaction":
        """``with store.transaction():`` writes all or nothing (an interrupted write leaves the file as it was)."""
        return _Transaction(self.conn)

    def add_document(self, doc: Document, items: Sequence[Item], refs: Sequence, quoted: Sequence) -> int:
        """Write one parsed article and its items; returns its number. Call inside ``transaction()``.

        Items are numbered from ``next_uid`` and the article is ``next_doc``
        (``pipeline.doc_items`` numbers them so).
        """
        rows = []
        for it, ref in zip(items, refs):
            w = it.words
            shown = doc.quotes[ref.index].text if it.kind == "quote" else " ".join(doc.sentences[ref.index].text.split())
            rows.append((it.uid, it.doc, KINDS.index(it.kind), ref.index, ref.id, ref.count, int(it.short), it.speaker,
                         it.speaker_kind, shown, w.text, SEP.join(w.norm), _blob(w.codes), _blob(w.term_codes),
                         group_key(it.kind, it.short, w.norm)))
        record = encode_document(doc)
        body = hashlib.sha1(doc.article.text.encode()).hexdigest()
        if self.keep_bodies:
            self.conn.execute("INSERT INTO bodies VALUES (?, ?)", (self.next_doc, encode_body(doc)))
        return self.add_rows(doc.article.id, body, record, rows,
                             [(r.index, r.id, r.count, np.asarray(r.quoted_by, np.int64).tobytes()) for r in quoted],
                             doc)

    def add_rows(self, article_id: str, body_hash: str, record: bytes, rows: list[tuple], quoted: list[tuple],
                 doc: Document | None = None) -> int:
        """Write an article from its stored rows (item rows already numbered from ``next_uid`` and ``next_doc``)."""
        d = self.next_doc
        assert all(r[1] == d for r in rows) and [r[0] for r in rows] == list(range(self.next_uid, self.next_uid + len(rows)))
        self.conn.execute("INSERT INTO articles VALUES (?, ?, ?, ?)", (d, article_id, body_hash, record))
        self.conn.executemany("INSERT INTO items VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        self.conn.executemany("INSERT INTO quoted VALUES (?, ?, ?, ?, ?)", [(d, *q) for q in quoted])
        doc = doc or decode_document(record)
        for uid, _, kind, _, _, _, short, speaker, speaker_kind, _, _, norm, codes, terms, gkey in rows:
            self.items.append(StoredItem(uid, d, KINDS[kind], bool(short), speaker, speaker_kind,
                                         norm.count(SEP) + 1 if norm else 0, len(terms) // 4, gkey, self))
        self.articles.append(Article(**{f: getattr(doc.article, f) for f in ARTICLE_FIELDS}, text=""))
        self.counts.append((len(doc.sentences), len(doc.quotes)))
        self.quoted_docs += [d] * len(quoted)
        self.warnings += doc.warnings
        self.n_docs += 1
        self.n_quoted += len(quoted)
        self.next_doc += 1
        self.next_uid += len(rows)
        return d

    # --- reading --------------------------------------------------------------------

    def document(self, d: int) -> Document:
        """Article ``d`` with its sentences and quotes (the last few read are kept)."""
        doc = self._docs.get(d)
        if doc is None:
            (blob,) = self.conn.execute("SELECT record FROM articles WHERE doc = ?", (d,)).fetchone()
            doc = self._docs[d] = decode_document(blob)
            if len(self._docs) > 256:
                self._docs.popitem(last=False)
        else:
            self._docs.move_to_end(d)
        return doc

    def body(self, d: int) -> tuple[str, list[tuple[int, int]]]:
        """Article ``d``'s body and its kept paragraphs' spans; empty for an article copied in from an archive."""
        row = self.conn.execute("SELECT body FROM bodies WHERE doc = ?", (d,)).fetchone()
        if row is None:
            return "", []
        record = json.loads(zlib.decompress(row[0]).decode("utf-8", "surrogatepass"))
        return record["text"], [tuple(p) for p in record["paragraphs"]]

    def words(self, uid: int) -> Words:
        return stored_words(*self.conn.execute("SELECT text, norm, codes, terms FROM items WHERE uid = ?", (uid,)).fetchone())

    def load(self, views: Iterable[StoredItem]) -> list[Item]:
        """Full matcher items (words read from disk) for these items, keeping each view's article and speaker."""
        views = list(views)
        found: dict[int, Words] = {}
        uids = sorted({v.uid for v in views})
        for chunk, marks in in_chunks(uids):
            for uid, *columns in self.conn.execute(
                    f"SELECT uid, text, norm, codes, terms FROM items WHERE uid IN ({marks})", chunk):
                found[uid] = stored_words(*columns)
        return [Item(v.uid, v.doc, v.kind, found[v.uid], v.speaker, v.short, v.speaker_kind) for v in views]

    def code_arrays(self, uids: Sequence[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Content-word codes and distinct-word codes of these items (ascending uids), flat, with counts per item.

        Read in one pass and packed as they come (4 bytes a code), never as one object per item.
        """
        wanted = set(uids)
        terms, codes = bytearray(), bytearray()
        n_terms, n_codes = array("q"), array("q")
        for uid, c, t in self.conn.execute("SELECT uid, codes, terms FROM items ORDER BY uid"):
            if uid in wanted:
                codes += c
                terms += t
                n_codes.append(len(c) // 4)
                n_terms.append(len(t) // 4)
        return (np.frombuffer(terms, np.uint32), np.frombuffer(n_terms, np.int64),
                np.frombuffer(codes, np.uint32), np.frombuffer(n_codes, np.int64))

    def norms(self, kind: str, uids: set[int]) -> Iterator[tuple[int, tuple[str, ...]]]:
        """(uid, normalised words) of these items of one kind, in uid order, read in one pass over that kind."""
        for uid, norm in self.conn.execute("SELECT uid, norm FROM items WHERE kind = ? ORDER BY uid",
                                           (KINDS.index(kind),)):
            if uid in uids:
                yield uid, tuple(norm.split(SEP)) if norm else ()

    def shown(self, uids: Sequence[int]) -> dict[int, tuple[str, str]]:
        """These items' report ids and texts as a report shows them (a quote, or the whole sentence), by uid:
        one query for a row's matches."""
        out = {}
        for chunk, marks in in_chunks(sorted(set(uids))):
            for uid, rid, shown in self.conn.execute(f"SELECT uid, rid, shown FROM items WHERE uid IN ({marks})", chunk):
                out[uid] = (rid, shown)
        return out

    def refs_of(self, uids: Sequence[int]) -> Iterator[StoredRef]:
        """The refs of these items, in the order given, read in chunks."""
        for chunk, marks in in_chunks(uids):
            rows = {r[0]: r[1:] for r in self.conn.execute(
                f"SELECT uid, doc, kind, idx, rid, count FROM items WHERE uid IN ({marks})", chunk)}
            for uid in chunk:
                doc, kind, idx, rid, count = rows[uid]
                yield StoredRef(doc, KINDS[kind], idx, rid, [], count)

    def ref(self, uid: int) -> StoredRef:
        doc, kind, idx, rid, count = self.conn.execute(
            "SELECT doc, kind, idx, rid, count FROM items WHERE uid = ?", (uid,)).fetchone()
        return StoredRef(doc, KINDS[kind], idx, rid, [], count)

    def refs(self) -> Iterator[StoredRef]:
        for doc, kind, idx, rid, count in self.conn.execute("SELECT doc, kind, idx, rid, count FROM items ORDER BY uid"):
            yield StoredRef(doc, KINDS[kind], idx, rid, [], count)

    def quoted_at(self, i: int) -> StoredRef:
        return next(islice(self.quoted(), i, None))

    def quoted(self) -> Iterator[StoredRef]:
        for doc, idx, rid, count, by in self.conn.execute("SELECT doc, idx, rid, count, quoted_by FROM quoted ORDER BY rowid"):
            yield StoredRef(doc, "sentence", idx, rid, np.frombuffer(by, np.int64).tolist(), count)


class _Transaction:
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN")

    def __exit__(self, kind, *_) -> None:
        self.conn.execute("COMMIT" if kind is None else "ROLLBACK")


class OnDemand(Sequence):
    """A sequence whose elements stay in the store until asked for: its length, one element by index, and a walk
    over all of them in one query when the store has one (the run's articles, item refs, quoted sentences)."""

    def __init__(self, length: Callable[[], int], get: Callable[[int], Any],
                 walk: Callable[[], Iterator[Any]] | None = None):
        self._length, self._get, self._walk = length, get, walk

    def __len__(self) -> int:
        return self._length()

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self._get(k) for k in range(len(self))[i]]
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self._get(i)

    def __iter__(self) -> Iterator[Any]:
        return self._walk() if self._walk else (self._get(i) for i in range(len(self)))
