"""Sentence segmentation with NLTK's Punkt, built offline.

NLTK's pretrained ``punkt`` data cannot be downloaded at run time, so the
tokenizer is assembled from two sources: abbreviations that ship here (news
titles, months, U.S./U.K./U.N., state abbreviations, "No.") and parameters
that ``PunktTrainer`` learns from the article set itself (orthographic
context: which words appear lowercase mid-sentence, which start sentences).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Iterator

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer, PunktTrainer

from .model import Document, Sentence, Span
from .tagging import word_tag

# Lowercase, without the final period, as Punkt stores them ("U.S." -> "u.s").
ABBREVIATIONS = frozenset("""
mr mrs ms messrs mme mlle dr drs prof profs gen gens lt col maj capt cmdr cmdt adm sgt cpl pvt brig gov govs
sen sens rep reps rev
hon pres supt insp det st jr sr esq amb fr sec atty gen'l lt.-gen maj.-gen
jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
u.s u.k u.n e.u u.a.e u.s.a u.s.s.r d.c n.y l.a s.f p.r
ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont neb nev
n.h n.j n.m n.c n.d okla ore pa r.i s.c s.d tenn tex va vt wash wis wyo
no nos vol vols p pp fig figs ch sec secs art arts para paras est approx dept depts univ assn
inc corp ltd co bros plc llc vs v etc al e.g i.e a.m p.m ft mt ave blvd rd hwy ste
a.d b.c c.e b.c.e ph.d m.d b.a m.a
""".split())

TRAIN_CHARS = 500_000  # Punkt learns enough orthography from ~0.5 MB; more only costs time.


def build_tokenizer(texts: Iterable[str] = ()) -> PunktSentenceTokenizer:
    """A Punkt tokenizer: shipped abbreviations plus what the given texts teach it.

    Training reads at most ``TRAIN_CHARS`` characters, in the given order,
    so the same article set always yields the same tokenizer.
    """
    sample: list[str] = []
    size = 0
    for t in texts:
        if size >= TRAIN_CHARS:
            break
        sample.append(t[: TRAIN_CHARS - size])
        size += len(sample[-1])
    if sample:
        trainer = PunktTrainer()
        trainer.INCLUDE_ALL_COLLOCS = False
        trainer.train("\n\n".join(sample), finalize=True)
        params = trainer.get_params()
    else:
        params = PunktParameters()
    # On a few articles the trainer mistakes rare short words ("era.") for abbreviations and
    # would swallow real sentence ends; keep only learned ones with an inner period ("n.y", "a.m").
    params.abbrev_types = {a for a in params.abbrev_types if "." in a} | set(ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


@lru_cache(maxsize=1)
def default_tokenizer() -> PunktSentenceTokenizer:
    return build_tokenizer()


_STARTS_MID_SENTENCE = re.compile(r"^[\s\"”’'»)\]]*[a-z,;:]")
_NO_WORD = re.compile(r"^\W*$")  # a piece of marks alone: "”" set apart from its sentence by a space
_ENDS_WITH_OPENING = re.compile(r"\s+[“‘«„]$")  # "… was simple . “": the mark opens the next sentence
# A title before a name never ends a sentence: "said Rep. Don Bacon", "Mr. Blinken".
TITLE_ABBREVIATIONS = frozenset("mr mrs ms dr prof gen lt col maj capt cmdr adm sgt cpl gov sen rep rev hon pres "
                                "amb atty supt insp det fr st messrs drs profs gens govs sens reps".split())
_ENDS_WITH_TITLE = re.compile(r"(?:^|[\s(\[\"'“‘«„])([A-Za-z]{1,5}) ?\.$")  # "Gov." (and "Gov ." spaced out)


def abbreviated_title(word: str) -> bool:
    """"Gov.", "Rep.", "Mr.": an abbreviated title with its full stop, the word before a name."""
    return word.endswith(".") and word[:-1].lower() in TITLE_ABBREVIATIONS
# A piece that ends with an opening mark and an initialism ("… emphasized: “U.S.") has not ended: the quote
# that mark opens goes on in the next piece.
_OPENS_WITH_INITIALISM = re.compile(r"(?:^|[\"“‘«„(\[])\s*(?:[A-Za-z]\.){2,}$")
# A name's initials ("George H.W. Bush", "said J.J. Kinahan", "Peter A. Brown") end no sentence, nor does a bill's
# ("H.R. 3354"). Punkt ends one there when the word after is one it has also seen in lower case ("brown", "good",
# "hill"), and the more text it learns from, the more such words it knows: on 2,000 AllSides pages, 122 sentences
# ended in initials, most of them inside a name. A state's or a country's ("Durham, N.C.", "the U.S.") and "I" may
# end a sentence.
_ENDS_WITH_INITIALS = re.compile(r"(?:^|[\s(\[])((?:[A-Z]\.){1,3})$")
_PLACE_INITIALISMS = frozenset("U.S. U.K. U.N. E.U. D.C. P.R. N.C. S.C. N.D. S.D. N.H. N.J. N.M. N.Y. R.I. W.V. "
                               "I.".split())
_OPENS_WITH_NAME_OR_NUMBER = re.compile(r"([A-Z][a-z][\w'’-]*|[A-Z]\.|\d)")
# Tags of a word that opens sentences rather than goes on a name ("The", "He", "Meanwhile"): the dictionary's for
# frequent words, else the leaning of the model's weights; an adjective is no opener here ("Lynn J. Good").
_OPENER_TAGS = frozenset("DT PDT PRP PRP$ CC IN WDT WP WP$ WRB EX MD TO RB RBR RBS UH".split())


def name_initials_go_on(prev: str, piece: str) -> bool:
    """Whether ``prev`` ends in a name's initials that ``piece`` (the same paragraph's next piece) goes on."""
    m = _ENDS_WITH_INITIALS.search(prev)
    if m is None or m.group(1) in _PLACE_INITIALISMS:
        return False
    w = _OPENS_WITH_NAME_OR_NUMBER.match(piece)
    if w is None:
        return False
    word = w.group(1)
    if word.endswith(".") or word.isdigit():
        return True  # another initial ("the U. S. and") or a number ("H.R. 3354")
    return word_tag(word) not in _OPENER_TAGS


PUNKT_CHUNK = 20_000  # characters: Punkt gets a very long paragraph in pieces of at most this size
_CHUNK_CUT = re.compile(r"[.!?…][\"”’'»)\]]*\s+")


def punkt_spans(para: str, tokenizer: PunktSentenceTokenizer) -> Iterator[tuple[int, int]]:
    """Punkt's sentence spans of a paragraph, fed in bounded pieces.

    NLTK runs Punkt's regular expressions under a wall-clock limit (5 s),
    and one scan covers the whole text it is given: a paragraph of
    megabytes (a transcript or a scrape with no blank lines) would fail
    with a ``TimeoutError`` on a busy machine. Paragraphs longer than
    ``PUNKT_CHUNK`` are cut after the last sentence-ending punctuation of
    each piece (or the last space, or anywhere), so each call is small and
    the cost stays linear in the size of the paragraph.
    """
    start = 0
    while len(para) - start > PUNKT_CHUNK:
        window = para[start:start + PUNKT_CHUNK]
        cut = 0
        for m in _CHUNK_CUT.finditer(window, PUNKT_CHUNK // 2):
            cut = m.end()
        if not cut:
            cut = window.rfind(" ", PUNKT_CHUNK // 2) + 1 or PUNKT_CHUNK
        for s, e in tokenizer.span_tokenize(para[start:start + cut]):
            yield start + s, start + e
        start += cut
    for s, e in tokenizer.span_tokenize(para[start:]):
        yield start + s, start + e


def sentence_spans(text: str, span: Span, tokenizer: PunktSentenceTokenizer) -> list[Span]:
    """Sentence spans inside one paragraph, in article offsets.

    Punkt splits after "?”" even when the attribution follows ("…?” she
    asked.); a piece that starts lowercase is glued back to the one before,
    and so is one with no word at all (a closing mark Punkt set apart, as in
    "… in a campaign . ”": otherwise a "sentence" thousands of pages share);
    an opening mark left at the end of a piece ("… simple . “ It is …")
    goes to the sentence it opens.
    A title ("Mr.", "Sen.", "Gov.", also right after a quote mark) never
    ends a sentence, nor does an initialism standing alone after a mark, nor
    a name's initials (``name_initials_go_on``).
    """
    para = text[span.start:span.end]
    spans: list[Span] = []
    for s, e in punkt_spans(para, tokenizer):
        piece = para[s:e]
        prev = para[spans[-1].start - span.start:spans[-1].end - span.start] if spans else ""
        m = _ENDS_WITH_TITLE.search(prev)
        after_title = bool(m) and m.group(1).lower() in TITLE_ABBREVIATIONS and piece[:1].isupper()
        if spans and (_STARTS_MID_SENTENCE.match(piece) or _NO_WORD.match(piece) or after_title
                      or _OPENS_WITH_INITIALISM.search(prev) or name_initials_go_on(prev, piece)):
            spans[-1] = Span(spans[-1].start, span.start + e)
        else:
            opening = _ENDS_WITH_OPENING.search(prev) if spans else None
            if opening:  # the mark moves to this piece, the space before it to neither
                mark = spans[-1].end - 1
                spans[-1] = Span(spans[-1].start, spans[-1].end - len(opening.group()))
                s = mark - span.start
            spans.append(Span(span.start + s, span.start + e))
    return spans


def segment(doc: Document, tokenizer: PunktSentenceTokenizer | None = None) -> Document:
    """Pipeline component: fill ``doc.sentences`` from its paragraphs."""
    tok = tokenizer or default_tokenizer()
    text = doc.article.text
    doc.sentences = []
    for i, para in enumerate(doc.paragraphs):
        for sp in sentence_spans(text, para, tok):
            doc.sentences.append(Sentence(sp.start, sp.end, text[sp.start:sp.end], i))
    return doc
