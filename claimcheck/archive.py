"""A newsroom's archive: articles parsed and indexed once, into one SQLite file, and today's copy checked against it.

``add`` parses only the articles the archive does not hold yet (an article
with a known id and the same body is skipped, one with a known id and a new
body replaces the old), writes them in transactions of a few hundred
articles (an interrupted add leaves every article whole, and running it again
adds the rest), and keeps, for every content word, the items that hold it
(``postings``) and how many do (``vocab``), so adding 1,000 articles costs
the 1,000, not the archive.

``check_against`` parses a story and finds the archive items that can match
its items without reading the archive: the postings of the story's content
words (those held by at most ``max_postings`` archive items, the same cap as
a whole run's index), then the candidate index and rapidfuzz over the story
items and those candidates only. The archive articles that match are copied
into the run's store and the story is analysed with them as one set, so
statuses, flags and clusters follow the usual rules; the report lists the
story's articles and names the archive articles its items match.

The archive records the settings and the sentence tokenizer it was built
with. Opening it with other settings, or an archive of another format, is a
clear error: its items were split and normalised under those.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from . import __version__
from .language import NotAnalysed
from .index import need
from .match import SEP, Item, Settings, candidate_pairs, score_pairs
from .model import Article, InputError, Problem
from .pipeline import (STORE_BATCH, Analysis, Progress, analysable_batches, finish_analysis, load_analysable,
                       parse_articles, store_document, store_parsed)
from .segment import build_tokenizer
from .store import KINDS, Store, _codes, in_chunks, stored_words

FORMAT = "claimcheck.archive/2"  # 2: fragments (short) include short sentences and titles of works
RECORDED = ("quote_threshold", "sentence_threshold", "partial_needle", "partial_haystack", "near_copy", "short_words",
            "max_postings")
ARCHIVE_SCHEMA = """
CREATE UNIQUE INDEX IF NOT EXISTS articles_id ON articles (id);
CREATE TABLE IF NOT EXISTS postings (code INTEGER NOT NULL, uid INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS postings_code ON postings (code);
CREATE TABLE IF NOT EXISTS vocab (code INTEGER PRIMARY KEY, df INTEGER NOT NULL);
"""
ARCHIVE_DOC = 1 << 40  # archive articles' numbers while a story is matched against them (never a story article's)


def _problem(path: Path, message: str) -> InputError:
    return InputError(Problem(str(path), message))


def _tokenizer_json(tok: PunktSentenceTokenizer) -> str:
    p = tok._params
    return json.dumps({"abbrev_types": sorted(p.abbrev_types), "collocations": sorted(map(list, p.collocations)),
                       "sent_starters": sorted(p.sent_starters), "ortho_context": sorted(p.ortho_context.items())})


def _tokenizer(data: str) -> PunktSentenceTokenizer:
    d = json.loads(data)
    p = PunktParameters()
    p.abbrev_types = set(d["abbrev_types"])
    p.collocations = {tuple(c) for c in d["collocations"]}
    p.sent_starters = set(d["sent_starters"])
    for k, v in d["ortho_context"]:
        p.ortho_context[k] = v
    return PunktSentenceTokenizer(p)


class Archive:
    """An archive file: a store that keeps what it holds, with postings, recorded settings and tokenizer."""

    def __init__(self, path: str | os.PathLike, settings: Settings | None, create: bool = False):
        self.path = Path(path)
        if not self.path.exists() and not create:
            raise _problem(self.path, "no such archive; make one with `claimcheck archive add ARCHIVE PATH...`")
        if self.path.exists() and not self.path.is_file():
            raise _problem(self.path, "is not an archive file")
        try:
            if self.path.exists():
                with open(self.path, "rb") as fh:
                    if fh.read(16) != b"SQLite format 3\x00" and self.path.stat().st_size:
                        raise _problem(self.path, "is not a claimcheck archive (not an SQLite file)")
            self.store = Store(self.path, bodies=False)
            self.store.conn.executescript(ARCHIVE_SCHEMA)
            self.meta = dict(self.store.conn.execute("SELECT key, value FROM meta"))
        except sqlite3.DatabaseError as err:
            raise _problem(self.path, f"is not a readable claimcheck archive ({err})") from None
        self.settings = settings
        if self.meta.get("format") != FORMAT and self.meta:
            raise _problem(self.path, f"archive format {self.meta.get('format')!r} (written by claimcheck "
                                      f"{self.meta.get('version', '?')}); this claimcheck {__version__} reads {FORMAT}")
        if self.meta and settings is not None:
            self._check(settings)

    def _check(self, settings: Settings) -> None:
        recorded = json.loads(self.meta["settings"])
        wanted = {k: getattr(settings, k) for k in RECORDED}
        diff = [f"{k} {recorded.get(k)} (asked: {v})" for k, v in wanted.items() if recorded.get(k) != v]
        if diff:
            raise _problem(self.path, "archive was built with " + ", ".join(diff) +
                           "; check with the archive's settings or build a new archive")

    @property
    def tokenizer(self) -> PunktSentenceTokenizer | None:
        return _tokenizer(self.meta["tokenizer"]) if "tokenizer" in self.meta else None

    def _record(self, tokenizer: PunktSentenceTokenizer) -> None:
        self.meta = {"format": FORMAT, "version": __version__, "tokenizer": _tokenizer_json(tokenizer),
                     "settings": json.dumps({k: getattr(self.settings, k) for k in RECORDED})}
        self.store.conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", self.meta.items())

    def close(self) -> None:
        self.store.close()

    # --- adding -----------------------------------------------------------------------

    def _known(self, ids: Sequence[str]) -> dict[str, tuple[int, str]]:
        """The archive's number and body hash of those of these article ids it holds (by its index on ids: an add
        reads what it adds, not the archive)."""
        known = {}
        for chunk, marks in in_chunks(sorted(set(ids))):
            known.update((aid, (doc, body)) for doc, aid, body in self.store.conn.execute(
                f"SELECT doc, id, body_hash FROM articles WHERE id IN ({marks})", chunk))
        return known

    def _remove(self, doc: int) -> None:
        conn = self.store.conn
        uids = [u for (u,) in conn.execute("SELECT uid FROM items WHERE doc = ?", (doc,))]
        for (terms,) in conn.execute("SELECT terms FROM items WHERE doc = ?", (doc,)):
            conn.executemany("UPDATE vocab SET df = df - 1 WHERE code = ?", [(c,) for c in set(_codes(terms))])
        conn.executemany("DELETE FROM postings WHERE uid = ?", [(u,) for u in uids])
        for table in ("items", "quoted", "articles"):
            conn.execute(f"DELETE FROM {table} WHERE doc = ?", (doc,))

    def _index(self, first_uid: int) -> None:
        """Postings and word counts of the items written from ``first_uid`` on."""
        conn = self.store.conn
        rows, df = [], Counter()
        for uid, terms in conn.execute("SELECT uid, terms FROM items WHERE uid >= ?", (first_uid,)):
            codes = set(_codes(terms))
            rows += [(c, uid) for c in codes]
            df.update(codes)
        conn.executemany("INSERT INTO postings VALUES (?, ?)", rows)
        conn.executemany("INSERT INTO vocab VALUES (?, ?) ON CONFLICT (code) DO UPDATE SET df = df + excluded.df",
                         df.items())

    def add(self, articles: Sequence[Article], progress: Progress | None = None) -> "Added":
        """Parse and store the articles the archive does not hold yet (see the module docstring)."""
        known = self._known([a.id for a in articles])
        added = Added()
        written_before = self.store.n_docs
        todo: list[Article] = []
        replaced: list[int] = []
        seen: set[str] = set()
        for a in articles:
            body = hashlib.sha1(a.text.encode()).hexdigest()
            if a.id in seen:
                added.problems.append(Problem(a.path, f"article id {a.id!r} appears twice in this add; the first is kept"))
                continue
            seen.add(a.id)
            if a.id in known and known[a.id][1] == body:
                added.unchanged += 1
                continue
            if a.id in known:
                replaced.append(known[a.id][0])
                added.updated += 1
            todo.append(a)
        tokenizer = self.tokenizer
        if tokenizer is None:
            tokenizer = build_tokenizer(a.text for a in todo)
        with self.store.transaction():
            if not self.meta:
                self._record(tokenizer)
            for doc in replaced:
                self._remove(doc)
        docs = iter(parse_articles(todo, self.settings.jobs, progress, tokenizer))
        for start in range(0, len(todo), STORE_BATCH):
            batch = todo[start:start + STORE_BATCH]
            with self.store.transaction():
                first_uid = self.store.next_uid
                for article, doc in zip(batch, docs):
                    if doc.sentences:
                        store_document(self.store, doc, self.settings)
                    else:
                        added.problems.append(Problem(doc.article.path,
                                                      "no article text left after removing page furniture"))
                    article.text = doc.article.text = ""
                self._index(first_uid)
            self.store.items.clear()  # the archive's items are read from the file when a story is checked
        added.added = self.store.n_docs - written_before - added.updated
        return added

    # --- reading ----------------------------------------------------------------------

    def n_articles(self) -> int:
        return self.store.conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    def info(self) -> dict:
        conn = self.store.conn
        kinds = dict(conn.execute("SELECT kind, count(*) FROM items GROUP BY kind"))
        return {
            "archive": str(self.path), "format": self.meta.get("format"), "written_by": self.meta.get("version"),
            "articles": self.n_articles(),
            "quotes": kinds.get(0, 0), "sentences": kinds.get(1, 0),
            "words": conn.execute("SELECT count(*) FROM vocab WHERE df > 0").fetchone()[0],
            "bytes": self.path.stat().st_size,
            "settings": json.loads(self.meta["settings"]) if "settings" in self.meta else {},
            "tokenizer": {k: len(v) for k, v in json.loads(self.meta["tokenizer"]).items()} if "tokenizer" in self.meta else {},
        }

    def candidates(self, items: Sequence[Item]) -> list[int]:
        """Archive items that can match one of these items.

        An archive item is looked at when it holds a content word of a story
        item held by at most ``max_postings`` archive items (the same cap as a
        whole run's index). A fragment matches only within a story
        (``pairing``): an archive article that only a fragment would match is
        never related to the story, so fragments look up nothing. Of those
        items, only the ones of the same kind that share enough distinct words
        with a story item to pass the index's exact check (``index.need`` of
        the shorter of the two) are read whole: one rare word in common lets
        through a hundred thousand sentences of a large archive for each story,
        and reading them took most of the check.
        """
        conn = self.store.conn
        story = [it for it in items if not it.short and it.words.term_codes]
        codes = sorted({c for it in story for c in it.words.term_codes})
        df: dict[int, int] = {}
        for chunk, marks in in_chunks(codes):
            df.update(conn.execute(f"SELECT code, df FROM vocab WHERE code IN ({marks})", chunk))
        probed = sorted(c for c in codes if 0 < df.get(c, 0) <= self.settings.max_postings)
        by_code: dict[int, list[int]] = {c: [] for c in probed}
        for k, it in enumerate(story):
            for c in set(it.words.term_codes).intersection(by_code):
                by_code[c].append(k)
        holding: dict[int, set[int]] = {}  # archive uid -> the story items it shares a probed word with
        for chunk, marks in in_chunks(probed):
            for code, uid in conn.execute(f"SELECT code, uid FROM postings WHERE code IN ({marks})", chunk):
                holding.setdefault(uid, set()).update(by_code[code])
        return self._sharing_enough(story, holding)

    def _sharing_enough(self, story: Sequence[Item], holding: dict[int, set[int]]) -> list[int]:
        """The uids of ``holding`` that share ``index.need`` distinct words with a story item they hold a word of."""
        settings = self.settings
        story_codes = [frozenset(it.words.codes) for it in story]
        pairs: list[tuple[int, int, int, int, int, int]] = []  # story item, archive uid, kind, words, distinct, shared
        for chunk, marks in in_chunks(sorted(holding)):
            for uid, kind, blob, n_words in _light_rows(self.store.conn, chunk, marks):
                codes = _codes(blob)
                for k in holding[uid]:
                    if story[k].kind == KINDS[kind]:
                        pairs.append((k, uid, kind, n_words, len(codes), len(story_codes[k].intersection(codes))))
        if not pairs:
            return []
        k, uid, kind, n_words, n_distinct, shared = (np.array(col, np.int64) for col in zip(*pairs))
        x_words = np.array([len(it.words.norm) for it in story], np.int64)[k]
        x_distinct = np.array([len(codes) for codes in story_codes], np.int64)[k]
        keep = np.zeros(len(k), bool)
        for code, name in enumerate(KINDS):
            of_kind = kind == code
            args = (settings.thresholds()[name], settings.partial_needle, settings.overlap(name))
            x_need = need(x_words[of_kind], x_distinct[of_kind], *args)
            y_need = need(n_words[of_kind], n_distinct[of_kind], *args)
            longer_y, shorter_y = n_words[of_kind] >= x_words[of_kind], n_words[of_kind] <= x_words[of_kind]
            keep[of_kind] = ((longer_y & (shared[of_kind] >= x_need)) | (shorter_y & (shared[of_kind] >= y_need)))
        return np.unique(uid[keep]).tolist()

    def items(self, uids: Sequence[int], first_uid: int) -> list[Item]:
        """Archive items as matcher items, numbered from ``first_uid`` on and placed in articles of their own."""
        out = []
        conn = self.store.conn
        for chunk, marks in in_chunks(uids):
            for _, doc, kind, short, speaker, speaker_kind, text, norm, codes, terms in conn.execute(
                    "SELECT uid, doc, kind, short, speaker, speaker_kind, text, norm, codes, terms FROM items "
                    f"WHERE uid IN ({marks}) ORDER BY uid", chunk):
                words = stored_words(text, norm, codes, terms)
                out.append(Item(first_uid + len(out), ARCHIVE_DOC + doc, KINDS[kind], words, speaker,
                                bool(short), speaker_kind))
        return out

    def article_id(self, doc: int) -> str:
        return self.store.conn.execute("SELECT id FROM articles WHERE doc = ?", (doc,)).fetchone()[0]

    def copy_article(self, doc: int, into: Store) -> None:
        """Copy archive article ``doc`` with its items into a run's store (numbered on from the store's last)."""
        conn = self.store.conn
        aid, body, record = conn.execute("SELECT id, body_hash, record FROM articles WHERE doc = ?", (doc,)).fetchone()
        rows = conn.execute("SELECT * FROM items WHERE doc = ? ORDER BY uid", (doc,)).fetchall()
        uid_map = {r[0]: into.next_uid + k for k, r in enumerate(rows)}
        rows = [(uid_map[r[0]], into.next_doc, *r[2:]) for r in rows]
        quoted = [(idx, rid, count, _remap(by, uid_map)) for idx, rid, count, by in conn.execute(
            "SELECT idx, rid, count, quoted_by FROM quoted WHERE doc = ? ORDER BY rowid", (doc,))]
        into.add_rows(aid, body, record, rows, quoted)


def _light_rows(conn: sqlite3.Connection, chunk: Sequence[int], marks: str) -> Iterable[tuple[int, int, bytes, int]]:
    """(uid, kind, distinct word codes, number of normalised words) of some items, without their text."""
    return conn.execute("SELECT uid, kind, codes, CASE norm WHEN '' THEN 0 "
                        "ELSE length(norm) - length(replace(norm, ?, '')) + 1 END "
                        f"FROM items WHERE uid IN ({marks})", (SEP, *chunk))


def _remap(blob: bytes, uid_map: dict[int, int]) -> bytes:
    """A mostly-quote sentence's quote uids, renumbered as its article is copied."""
    return np.asarray([uid_map[u] for u in np.frombuffer(blob, np.int64).tolist()], np.int64).tobytes()


@dataclass
class Added:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    not_analysed: list[NotAnalysed] = field(default_factory=list)  # kept out: a language not supported yet


ADD_BATCH = 5000  # articles loaded, parsed and stored at a time by ``add``: memory stays that of a few thousand


def add(archive: str | os.PathLike, paths: Iterable[str | os.PathLike], settings: Settings | None = None,
        progress: Progress | None = None) -> Added:
    """``claimcheck archive add ARCHIVE PATH...``: parse and store the articles the archive does not hold.

    The articles are read ``ADD_BATCH`` at a time (whole files), each piece
    parsed and stored before the next is read, so adding a back catalogue of a
    million articles holds a few thousand in memory. A new archive's sentence
    tokenizer is trained on the first piece.
    """
    settings = settings or Settings()
    pieces = analysable_batches(list(paths), None, ADD_BATCH)
    first = next(pieces)  # bad input is an error before the archive file is made
    total = Added()
    arch = Archive(archive, settings, create=True)
    try:
        for loaded, articles, aside in chain([first], pieces):
            added = arch.add(articles, progress)
            total.added += added.added
            total.updated += added.updated
            total.unchanged += added.unchanged
            total.problems += list(loaded.problems) + added.problems
            total.not_analysed += aside
    finally:
        arch.close()
    return total


def info(archive: str | os.PathLike) -> dict:
    """``claimcheck archive info ARCHIVE``: counts and the settings it was built with."""
    arch = Archive(archive, None)  # info reads whatever settings the archive holds
    try:
        return arch.info()
    finally:
        arch.close()


def check_against(paths: Iterable[str | os.PathLike], archive: str | os.PathLike, settings: Settings | None = None,
                  story: str | None = None, progress: Progress | None = None,
                  max_file_bytes: int | None = None) -> Analysis:
    """Analyse a story together with the archive articles its items match (see the module docstring)."""
    settings = settings or Settings()
    arch = Archive(archive, settings)
    try:
        loaded, articles, aside = load_analysable(list(paths), max_file_bytes)
        store = Store.temporary()
        problems = store_parsed(store, articles, parse_articles(articles, settings.jobs, progress), settings)
        story_items = store.load(store.items)
        n_story = len(story_items)
        found = arch.items(arch.candidates(story_items), n_story) if story_items else []
        items = story_items + found
        pairs = [p for p in candidate_pairs(items, settings) if p[0] < n_story]
        matched = score_pairs(items, pairs, settings)
        story_ids = {a.id for a in store.articles}  # the archive's own copy of a story article is no other source
        docs = [d for d in sorted({items[u].doc - ARCHIVE_DOC for p in matched for u in (p.a, p.b) if u >= n_story})
                if arch.article_id(d) not in story_ids]
        n_docs = store.n_docs
        with store.transaction():
            for doc in docs:
                arch.copy_article(doc, store)
        an = finish_analysis(store, settings, story or loaded.story or "story", loaded.story_dir, progress,
                             list(loaded.problems) + problems, loaded.warnings, aside=aside)
        an.n_reported = n_docs
        an.archive = {"path": str(arch.path), "articles": arch.n_articles(), "matched_articles": len(docs)}
        return an
    finally:
        arch.close()
