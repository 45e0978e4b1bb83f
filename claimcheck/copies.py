"""Articles printed more than once (a wire story in hundreds of outlets): parsed once.

A syndicated story arrives as many files with the same body and different
metadata (outlet, headline, date). Cleaning depends on that metadata (a
paragraph equal to the headline is dropped, the origin falls back to the
outlet), so every copy is cleaned on its own; when its kept paragraphs and
removed spans come out the same as those of the first copy, the sentences,
quotes and speakers found in the first copy are the copy's too (they are
read from the body and the paragraphs alone), and the expensive stages run
once per distinct text instead of once per file.
"""
from __future__ import annotations

from collections import Counter
from typing import Callable, Iterable, Iterator, Sequence

from .clean import clean_document
from .model import Article, Document


def first_copies(articles: Sequence[Article]) -> list[int]:
    """For every article, the index of the first article with the same body (itself when it is the first)."""
    first: dict[str, int] = {}
    return [first.setdefault(a.text, i) for i, a in enumerate(articles)]


def parse_once(articles: Sequence[Article], parse: Callable[[Sequence[Article]], Iterable[Document]],
               process: Callable[[Article], Document]) -> Iterator[Document]:
    """Documents for every article in order, running ``parse`` only on the first article of each distinct body.

    ``parse`` may yield its documents as they are made; a first copy is kept
    only while later copies still need it. ``process`` parses one article
    fully, for a copy whose cleaning differs from its first copy's (its
    headline is printed in the body, say).
    """
    firsts = first_copies(articles)
    copied = Counter(f for i, f in enumerate(firsts) if f != i)
    parsed = iter(parse([articles[i] for i, f in enumerate(firsts) if f == i]))
    kept: dict[int, Document] = {}
    for i, f in enumerate(firsts):
        if f == i:
            doc = next(parsed)
            if copied[i]:
                kept[i] = doc
            yield doc
            continue
        yield share_parse(Document(articles[i]), kept[f]) or process(articles[i])
        copied[f] -= 1
        if not copied[f]:
            del kept[f]


def share_parse(doc: Document, parsed: Document) -> Document | None:
    """Clean ``doc``; when it keeps the same text as ``parsed``, give it ``parsed``'s sentences and quotes."""
    clean_document(doc)
    if doc.paragraphs != parsed.paragraphs or doc.removed != parsed.removed:
        return None
    doc.sentences, doc.quotes, doc.passages = parsed.sentences, parsed.quotes, parsed.passages
    doc.nonspeech, doc.attributions, doc.prepared = parsed.nonspeech, parsed.attributions, parsed.prepared
    return doc
