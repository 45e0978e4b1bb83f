"""Direct quotes and their speakers, measured on PolNeAR's attribution annotations.

    python -m bench.attribution POLNEAR_DIR --split dev [--cache DIR] [--show-errors N] [--show-gold N] [--json OUT]

Not run in CI. Every article of the split goes through claimcheck in one
``process_articles`` call; the figures go to stdout (and, without any article
text, to ``--json``). Examples (``--show-errors``, ``--show-gold``) quote the
articles, so they are printed only, never written to a file.

Definitions
-----------
Words
    Lowercased ``\\w+`` tokens identified by their character span, so a
    repeated word is two words.

Gold direct quote
    Every PolNeAR attribution whose content spans hold quotation marks
    (“ ” " '' and ‘ ’ ' used as quote marks) gives at most one gold quote:
    the text between matching marks inside its content spans, pieces joined
    (the paraphrase around them is left out). Double marks: “ opens and ”
    closes (a “ in closing position closes); a straight " (or the NYT's
    doubled '') opens after a space or at the start and closes otherwise.
    Single marks count only when an opening one (after a space, dash,
    bracket or double mark, before a letter) has a closing one (after a
    non-space, before a non-letter) later in the same piece and paragraph;
    anything else is an apostrophe (Clinton’s, ’90s). Single marks inside
    double marks are nested quotes and change nothing. An open quote runs
    to the end of the paragraph (a multi-paragraph quote reopens with a
    mark on the next one) or of the content span. A content piece starts
    inside a quote when the previous piece ended open or an opening mark
    sits just before it (annotators sometimes leave the mark out of the
    second piece of '"A," he said. "B."'). No word inside marks: no gold
    quote. Two attributions quoting exactly the same words (one nested in
    the other's content: "According to X, Y said “…”", when both are
    annotated) count once, the one with the shorter content.

Reported quote
    A claimcheck passage: its ``Quote`` records joined by ``passage``; its
    words are the words inside its parts' spans.

Matching (word level)
    A gold quote is *found* when one reported passage covers >= 80% of its
    words (a word is covered when its span lies inside one of the
    passage's parts); *found joined* when the reported passages together
    cover 80% ('"A," she said. "B."' is one PolNeAR attribution but two
    claimcheck passages). A reported passage is *correct* when >= 80% of
    its words lie inside the quoted pieces of any gold quote(s).
    Precision = correct / reported, recall = found / gold (also joined, and
    for gold quotes of 4+ words).

Gold speaker (from the attribution's Source span; no span, or a verb
annotated as the source, = "no source": counted apart, not scored)
    *Head*: over the CoreNLP tokens inside the source span, the last token
    (skipping possessive 's and quote marks, so "Trump's spokesman" heads
    on "spokesman") before the first of: "," ";" ":" "(" "--", a
    relative pronoun (who/which/that/whose) or a conjunction after the
    first token, or a preposition (IN/TO) or verb after a noun ("Rep.
    Elijah Cummings of Maryland" -> Cummings, "a source close to" ->
    source); not a name particle ("Bill de Blasio") nor "of" after an
    untagged capitalised title ("Secretary of State John F. Kerry"); a
    name suffix after a proper noun is skipped ("Joseph R. Biden Jr." ->
    Biden, as CoreNLP leaves "Jr." out of the PERSON run). Names are
    compared without a generational suffix on either side ("Vann R.
    Newkirk II" is "Vann R. Newkirk").
    *NER runs* are cut to proper nouns (NNP), so "Said/VBD Ellis" and
    "Bloomberg interview/NN Trump" do not become names; organisations keep
    inner function words ("Association of Flight Attendants").
    *Named head* (in a PERSON/ORGANIZATION/LOCATION run, or a proper noun
    whose word is so tagged elsewhere in the article): the name is that run
    (or the proper nouns up to the head); kind person for PERSON, org for
    ORGANIZATION and LOCATION (a country speaking), taken from the word's
    majority tag in the article so a stray "Trump/ORGANIZATION" is still a
    person.
    *Pronoun or common-noun head*: the coreference chain with a mention
    holding the head token (the mention headed by it first, then the
    shortest) gives the name: over the chain's mentions, the NER run that
    holds each mention's head token (so "the Clinton campaign" does not
    yield "Clinton"), PERSON runs first (ORGANIZATION first for it / its /
    which / that), then the other types; the fullest run of at most 4
    tokens (longer ones are headline glue), first on ties. With no such run
    the gold is the source text as a *descriptor* ("a source",
    "officials", "the campaign") -- except a pronoun, which is counted as
    *unresolved* and not scored (who "he" is is then unknown).
    Possessive 's is stripped from names; the chain's other runs are the
    name's aliases.

Speaker accuracy (gold quotes found joined, with a scored source)
    The reported passage is the one covering most of the gold quote's
    words; its speaker is its first part's ``speaker`` (and, for
    descriptors, its ``speaker_mention`` too). Names are compared as
    tokens: lowercased, possessive and leading titles ("Mr.", "Sen.",
    "President", "Democrat", "the") removed.
    *Lenient*: gold name: the reported tokens are all in the gold name's
    (or an alias's) tokens, or the last tokens (surnames) agree; a None
    speaker is wrong. Gold descriptor: the head noun (last word before a
    comma, relative pronoun or preposition, trailing "s" dropped) of the
    reported speaker or mention equals the gold head's ("sources" ~ "a
    source").
    *Exact* (names): equal after also dropping middle initials, or equal to
    an alias of 2+ tokens, or, for a one-token gold ("Trump"), a longer
    name printed in the article that ends in it and holds no glue word
    (below). Descriptors: exact = lenient.

Errors (every exact-wrong speaker, first rule that applies)
    missing: no reported speaker (nor mention, for a descriptor).
    named-descriptor: gold is a definite description ("the president",
        "Obama's former campaign strategist") and claimcheck named someone
        (``speaker_kind`` person/org, or capitalised words when there is no
        such field): unverifiable here, it may well be right.
    glued: the reported name holds the gold surname plus a glue word -- a
        day, month or connective, or a word the article prints in lower case
        more often than inside a named-entity run ("Yet Comey", "On Wednesday
        Trump", "event organizer Alliance").
    addressee: the reported name (a name, as above) has its last word after
        "told" / "to" / "with" (within four words; not "according to") in the
        sentence(s) of the gold cue.
    not-a-person: gold is a person; the reported name matches no person
        name of any chain, and it equals an ORGANIZATION/LOCATION run of the
        article, or is one capitalised word never tagged PERSON, or is made
        of glue words and place/organisation words only ("On Wednesday",
        "Florida Friday").
    carried-over: the reported name is another person of the article (a
        PERSON run that is not the gold's, or the same surname with another
        first name: "Heidi Cruz" for "Ted Cruz"), e.g. a pronoun resolved to
        the wrong person.
    partial-name: right by the lenient rule but not exact ("Clinton" for
        "Hillary Clinton").
    other: anything else.

Caveats: the gold speaker leans on CoreNLP's NER and coreference, which
miss names and merge entities (a wrong chain puts a wrong person in the
gold); a descriptor gold whose referent CoreNLP does not link is scored as a
descriptor; PolNeAR sometimes leaves the second half of an interrupted
quote unannotated, which then counts against precision, and sometimes
annotates only the outer source of "According to X, Y said “…”" (gold X).
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from typing import Sequence

from bench.polnear import Doc, Mention, Token, load_split

FOUND = 0.8
LONG_QUOTE = 4  # words; recall is also given for gold quotes at least this long
NAMED = ("PERSON", "ORGANIZATION", "LOCATION")
ERROR_KINDS = ("missing", "named-descriptor", "glued", "addressee", "not-a-person", "carried-over", "partial-name",
               "other")
GOLD_KINDS = ("person", "org", "descriptor")
MAX_NAME = 4  # tokens; longer NER runs are headline glue ("Chris Christie Calls Hillary Clinton")

Spans = list[tuple[int, int]]

# --- quote marks ------------------------------------------------------------------

_OPEN_CTX = set(" \t\n([{—–-/“\"‘'")
_CLOSE_CTX = set(" \t\n.,;:!?)]}—–-/…”\"’'")
_SINGLES = "‘’'"


def _opens(text: str, i: int, width: int = 1) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + width] if i + width < len(text) else " "
    return prev in _OPEN_CTX and not nxt.isspace()


def _closes(text: str, i: int, width: int = 1) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + width] if i + width < len(text) else " "
    return (nxt in _CLOSE_CTX or not nxt.isalnum()) and not prev.isspace()


def _double_role(text: str, i: int, width: int = 1) -> str:
    """open, close or either, for a double mark at text[i] (width 2: a doubled straight single '')."""
    ch = text[i]
    opens, closes = _opens(text, i, width), _closes(text, i, width)
    if ch == "“":
        return "close" if closes and not opens else "open"
    if ch == "”":
        return "open" if opens and not closes else "close"
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def _single_close(text: str, i: int, end: int) -> int | None:
    """Where the single quote opened at text[i] closes, within end and the paragraph; None for an apostrophe."""
    if text[i] == "’" or not _opens(text, i) or not text[i + 1:i + 2].isalnum():
        return None
    for j in range(i + 1, end):
        ch = text[j]
        if ch == "\n":
            return None
        if ch in "’'" and _closes(text, j) and not text[j + 1:j + 2].isalnum():
            return j
    return None


def _opened_before(text: str, s: int) -> bool:
    """An opening double mark just before s (spaces between allowed)."""
    j = s - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    if j >= 1 and text[j - 1:j + 1] == "''":
        return _double_role(text, j - 1, 2) == "open"
    return j >= 0 and text[j] in "“\"" and _double_role(text, j) == "open"


def quoted_pieces(text: str, spans: Spans) -> Spans:
    """The quoted text (marks excluded) inside the given spans, in text order."""
    out: Spans = []
    open_at: int | None = None
    for s, e in sorted(spans):
        if open_at is not None or _opened_before(text, s):
            open_at = s  # carried over from the previous piece, or the annotator left the opening mark out
        i = s
        while i < e:
            ch = text[i]
            if ch == "\n" and open_at is not None:
                out.append((open_at, i))
                open_at = None
            elif ch in "“”\"" or text.startswith("''", i):
                width = 2 if ch == "'" else 1
                role = _double_role(text, i, width)
                if open_at is None and role in ("open", "either"):
                    open_at = i + width
                elif open_at is not None and role in ("close", "either"):
                    out.append((open_at, i))
                    open_at = None
                i += width - 1
            elif ch in _SINGLES and open_at is None:
                j = _single_close(text, i, e)
                if j is not None:
                    out.append((i + 1, j))
                    i = j
            i += 1
        if open_at is not None:
            out.append((open_at, e))
    return [(a, b) for a, b in out if b > a]


def has_marks(text: str, spans: Spans) -> bool:
    return any(ch in "“”\"‘’'" for s, e in spans for ch in text[s:e])


def word_spans(text: str, spans: Spans) -> list[tuple[int, int]]:
    return [(s + m.start(), s + m.end()) for s, e in spans for m in re.finditer(r"\w+", text[s:e])]


def inside(word: tuple[int, int], spans: Spans) -> bool:
    return any(s <= word[0] and word[1] <= e for s, e in spans)


# --- CoreNLP layers -----------------------------------------------------------------

@dataclass
class Run:
    """Contiguous tokens of one NER type in one sentence (end exclusive)."""

    sentence: int
    start: int
    end: int
    ner: str
    text: str

    @property
    def size(self) -> int:
        return self.end - self.start


def _name_parts(sent: list[Token], i: int, j: int) -> list[tuple[int, int]]:
    """A NER run cut to proper nouns: a person's run is split at other words ("Said/VBD Ellis", "Bloomberg
    interview/NN Trump"); an organisation's or place's is only trimmed at its ends, keeping the words inside
    ("Association of Flight Attendants", "International Atomic/JJ Energy Agency")."""
    def inner(t: Token) -> bool:
        return t.pos.startswith("NNP") or t.word in NAME_PARTICLES or sent[i].ner != "PERSON"

    parts, start = [], None
    for k in range(i, j + 1):
        if k < j and inner(sent[k]):
            if start is None:
                start = k
            continue
        if start is not None:
            b = k
            while b > start and not sent[b - 1].pos.startswith("NNP"):
                b -= 1
            if b > start and sent[start].pos.startswith("NNP"):
                parts.append((start, b))
            start = None
    return parts


class Layers:
    """Lookups over one article's tokens, NER runs and coreference chains."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.runs: list[Run] = []
        self.run_at: dict[tuple[int, int], Run] = {}
        for si, sent in enumerate(doc.sentences):
            i = 0
            while i < len(sent):
                j = i + 1
                while j < len(sent) and sent[j].ner == sent[i].ner:
                    j += 1
                if sent[i].ner in NAMED:
                    for a, b in _name_parts(sent, i, j):
                        run = Run(si, a, b, sent[i].ner, strip_possessive(doc.text[sent[a].start:sent[b - 1].end]))
                        self.runs.append(run)
                        for k in range(a, b):
                            self.run_at[(si, k)] = run
                i = j
        self.lower_words = Counter(re.findall(r"(?<![\w’'])[a-z]+(?![\w’'])", doc.text))
        self.word_tags: dict[str, Counter] = defaultdict(Counter)
        for t in doc.tokens:
            if t.ner in NAMED:
                self.word_tags[t.word.lower()][t.ner] += 1

    def is_glue(self, word: str) -> bool:
        """A word that is not part of a name: a day, month or connective, or one the article prints in lower case
        more often than inside a named-entity run ("says" glued to "Obama" in a headline; not "bill"/"Bill")."""
        w = word.lower()
        if w in GLUE_WORDS:
            return True
        named = sum(self.word_tags[w].values()) if w in self.word_tags else 0
        return w not in NAME_PARTICLES and self.lower_words[w] > named

    def token_index(self, tok: Token) -> int:
        return self.doc.sentences[tok.sentence].index(tok)

    def tokens_in(self, spans: Spans) -> list[Token]:
        return [t for t in self.doc.tokens if any(s <= t.start and t.end <= e for s, e in spans)]

    def word_kind(self, word: str) -> str | None:
        """The majority NER type of a word across the article (None when never tagged)."""
        tags = self.word_tags.get(word.lower())
        return tags.most_common(1)[0][0] if tags else None

    def chain_of(self, sentence: int, index: int) -> tuple[int, Mention] | None:
        """The chain (and mention) holding a token: the mention headed by it first, then the shortest."""
        best = None
        for ci, chain in enumerate(self.doc.chains):
            for m in chain:
                if m.sentence == sentence and m.start <= index < m.end:
                    key = (m.head != index, m.end - m.start)
                    if best is None or key < best[0]:
                        best = (key, ci, m)
        return (best[1], best[2]) if best else None

    def chain_runs(self, ci: int) -> list[Run]:
        """NER runs holding the head token of a chain's mentions, in text order, once each."""
        out: list[Run] = []
        for m in sorted(self.doc.chains[ci], key=lambda m: (m.sentence, m.start)):
            run = self.run_at.get((m.sentence, m.head))
            if run is not None and run not in out:
                out.append(run)
        return out

    def sentence_text(self, si: int) -> str:
        sent = self.doc.sentences[si]
        return self.doc.text[sent[0].start:sent[-1].end] if sent else ""


# --- names --------------------------------------------------------------------------

TITLES = frozenset("""
the mr mrs ms miss dr prof professor sir dame lord lady rev reverend president vice sen senator rep
representative gov governor congressman congresswoman mayor secretary gen general judge justice king queen
prince princess pope col lt capt sgt adm maj attorney former candidate nominee democratic republican gop democrat
""".split())
NAME_PARTICLES = frozenset("de da di del della van von der den du le la al bin ibn".split())  # "Bill de Blasio"
NAME_SUFFIXES = frozenset("jr. jr sr. sr ii iii iv".split())
GLUE_WORDS = frozenset("""
monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
september october november december yesterday today meanwhile however but and yet so when while even also still
says said sees tells calls urges warns slams
""".split())
PRONOUN_POS = ("PRP", "PRP$", "WP", "WP$", "WDT")
ORG_PRONOUNS = frozenset("it its which that".split())
_HEAD_STOP = frozenset("""
, who whom whose which that ; : ( -lrb- -- who's close familiar of for from at in with on to by about
""".split())


def strip_possessive(s: str) -> str:
    return re.sub(r"\s*['’]s?$", "", s.strip()) if re.search(r"\w['’]s?$|\s['’]s$", s.strip()) else s.strip()


def name_tokens(name: str | None, drop_initials: bool = False) -> list[str]:
    """Lowercased name words: possessive, leading titles, a generational suffix ("Jr.", "II": the same person
    with or without it) and (optionally) middle initials removed."""
    if not name:
        return []
    toks = [t.strip(".'’-") for t in re.findall(r"[\w.'’-]+", re.sub(r"['’]s\b", "", name).lower())]
    toks = [t for t in toks if t]
    while toks and toks[0] in TITLES and len(toks) > 1:
        toks = toks[1:]
    while len(toks) > 1 and toks[-1] in NAME_SUFFIXES:
        toks = toks[:-1]
    if drop_initials and len(toks) > 2:
        toks = [toks[0]] + [t for t in toks[1:-1] if len(t) > 1] + [toks[-1]]
    return toks


def phrase_head(phrase: str | None) -> str | None:
    """Head noun of a descriptor phrase: last word before a comma, relative pronoun or preposition; no plural s."""
    if not phrase:
        return None
    toks = re.findall(r"[\w'’-]+|[,;:(]", re.sub(r"['’]s\b", "", phrase.lower()))
    kept: list[str] = []
    for t in toks:
        if kept and t in _HEAD_STOP:
            break
        if t not in _HEAD_STOP:
            kept.append(t)
    return singular(kept[-1]) if kept else None


def singular(word: str) -> str:
    w = word.lower()
    return w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w


# --- gold ---------------------------------------------------------------------------

@dataclass
class GoldSpeaker:
    source: str  # the annotated source text
    name: str  # the resolved name, or the descriptor (source text)
    kind: str  # person | org | descriptor
    head: str  # the head word
    aliases: list[str] = field(default_factory=list)  # the chain's other names
    unresolved_pronoun: bool = False

    @property
    def is_name(self) -> bool:
        return self.kind != "descriptor"


@dataclass
class GoldQuote:
    doc: str
    pieces: Spans  # quoted text only
    words: list[tuple[int, int]]
    speaker: GoldSpeaker | None  # None: the attribution has no source
    cue: Spans
    content: Spans
    source: Spans


def head_token(tokens: Sequence[Token]) -> Token | None:
    """A rough noun-phrase head: see the module docstring."""
    head, seen_noun = None, False
    for i, t in enumerate(tokens):
        w = t.word.lower()
        if i > 0 and (w in (",", ";", ":", "-lrb-", "--", "who", "whom", "whose", "which", "that") or t.pos == "CC"):
            break
        particle = t.word in NAME_PARTICLES and i + 1 < len(tokens) and tokens[i + 1].pos.startswith("NNP")
        in_title = t.word == "of" and i > 0 and tokens[i - 1].pos.startswith("NNP") and tokens[i - 1].ner == "O"
        if seen_noun and (t.pos in ("IN", "TO") or t.pos.startswith("VB")) and not (particle or in_title):
            break
        if t.pos in ("POS", "``", "''", ".", ":", "-LRB-", "-RRB-") or w in ("'s", "’s", "'", "’"):
            continue
        if w in NAME_SUFFIXES and head is not None and head.pos.startswith("NNP"):
            continue  # "C. Stewart Verdery Jr.": the name heads on Verdery
        if t.pos.startswith("NN") or t.pos in PRONOUN_POS:
            seen_noun = True
        head = t
    return head


def _name_run(layers: Layers, head: Token, source: Spans) -> tuple[str, str] | None:
    """(name, NER type) of a named head: its NER run within the source span, or its proper nouns when the run's
    type is not the word's usual one ("Bloomberg interview Trump" tagged ORGANIZATION) or when the word is
    untagged here but tagged elsewhere in the article."""
    idx = layers.token_index(head)
    sent = layers.doc.sentences[head.sentence]
    run = layers.run_at.get((head.sentence, idx))
    usual = layers.word_kind(head.word)
    if run is not None and run.ner == usual:
        a, b = run.start, run.end
    elif head.pos.startswith("NNP") and usual is not None:
        a, b = idx, idx + 1
        while a > 0 and sent[a - 1].pos.startswith("NNP") and sent[a - 1].word.lower().strip(".") not in TITLES:
            a -= 1
    else:
        return None
    while a < idx and not any(s <= sent[a].start and sent[a].end <= e for s, e in source):
        a += 1  # a headline run ("Elizabeth Warren Hammers Wells Fargo CEO") cut to the source span
    while b > idx + 1 and not any(s <= sent[b - 1].start and sent[b - 1].end <= e for s, e in source):
        b -= 1
    return strip_possessive(layers.doc.text[sent[a].start:sent[b - 1].end]), usual or "PERSON"


def _apposed_person(layers: Layers, tokens: Sequence[Token]) -> str | None:
    """The person a descriptive source names in apposition: the PERSON run that ends the source's first phrase
    ("Former prosecutor and New York City Mayor Rudy Giuliani, who ...") or the phrase after its first comma
    ("the LinkedIn chief executive, Jeff Weiner,", "Clinton's introducer, actress Jamie Lee Curtis"), not a
    possessor ("Peter Burrows's book") or a modifier ("the Christie supporter")."""
    cut = [i for i, t in enumerate(tokens) if t.word in (",", "-LRB-", "--") or t.pos in ("WP", "WDT")
           or t.word.lower() == "that"]
    bounds = [(0, cut[0] if cut else len(tokens))]
    if cut and tokens[cut[0]].word == ",":
        bounds.append((cut[0] + 1, next((i for i in cut if i > cut[0]), len(tokens))))
    for a, b in bounds:
        if b <= a:
            continue
        last = tokens[b - 1]
        run = layers.run_at.get((last.sentence, layers.token_index(last)))
        if run is None or run.ner != "PERSON" or run.end - 1 != layers.token_index(last):
            continue
        before = tokens[a:b - (run.end - run.start)]
        if a > 0 and any(t.pos not in ("NN", "JJ", "NNP", "DT") for t in before):
            continue  # after the comma only a title may precede the name: "actress Jamie Lee Curtis"
        if any(t.pos in ("IN", "TO", "POS", "VBN") for t in before):
            continue  # the object of a preposition ("a spokesman for Hillary Clinton"), a possessor, "led by X"
        return run.text
    return None


def _aliases(runs: list[Run], name: str) -> list[str]:
    return list(dict.fromkeys(r.text for r in runs if r.text != name))


def _kind(ner: str) -> str:
    return "person" if ner == "PERSON" else "org"


def resolve_source(layers: Layers, source: Spans) -> GoldSpeaker | None:
    text = layers.doc.text
    source_text = re.sub(r"\s+", " ", " ".join(text[s:e] for s, e in source)).strip()
    tokens = layers.tokens_in(source)
    head = head_token(tokens)
    if head is None:
        return GoldSpeaker(source_text, source_text, "descriptor", phrase_head(source_text) or "")
    if head.pos.startswith("VB"):
        return None  # a verb marked as the source ("said"): an annotation slip, read as no source
    idx = layers.token_index(head)
    found = layers.chain_of(head.sentence, idx)
    runs = layers.chain_runs(found[0]) if found else []
    named = _name_run(layers, head, source)
    if named is not None:
        name, ner = named
        kind = _kind(layers.word_kind(head.word) or ner)
        return GoldSpeaker(source_text, name, kind, head.word, _aliases(runs, name))
    pronoun = head.pos in PRONOUN_POS
    apposed = _apposed_person(layers, tokens) if head.pos in ("NN", "NNS") else None
    if apposed is not None:  # "Florida's attorney general, Pam Bondi," is Pam Bondi
        return GoldSpeaker(source_text, apposed, "person", head.word, _aliases(runs, apposed))
    order = ("ORGANIZATION", "LOCATION", "PERSON") if head.word.lower() in ORG_PRONOUNS else \
        ("PERSON", "ORGANIZATION", "LOCATION")
    for ner in order:
        typed = [r for r in runs if r.ner == ner and r.size <= MAX_NAME]
        if typed:
            best = max(typed, key=lambda r: r.size)  # max keeps the first on ties
            return GoldSpeaker(source_text, best.text, _kind(ner), head.word, _aliases(runs, best.text))
    return GoldSpeaker(source_text, source_text, "descriptor", head.word, unresolved_pronoun=pronoun)


def gold_quotes(doc: Doc, layers: Layers) -> tuple[list[GoldQuote], int]:
    """The article's gold quotes in text order, and how many nested duplicates were dropped.

    "According to X, Y said “...”" can be two attributions with the same
    quoted words; only the innermost (shortest content) is kept.
    """
    found = []
    for att in doc.attributions:
        if not att.content or not has_marks(doc.text, att.content):
            continue
        pieces = quoted_pieces(doc.text, att.content)
        words = word_spans(doc.text, pieces)
        if not words:
            continue
        speaker = resolve_source(layers, att.source) if att.source else None
        found.append(GoldQuote(doc.name, pieces, words, speaker, att.cue, att.content, att.source))
    kept: dict[frozenset, GoldQuote] = {}
    for g in sorted(found, key=lambda g: sum(e - s for s, e in g.content)):
        kept.setdefault(frozenset(g.words), g)
    out = sorted(kept.values(), key=lambda g: g.pieces[0])
    return out, len(found) - len(out)


# --- reported -----------------------------------------------------------------------

@dataclass
class Reported:
    passage: int
    parts: Spans
    words: list[tuple[int, int]]
    speaker: str | None
    mention: str | None
    cue: str | None
    speaker_kind: str | None


def reported_passages(document) -> list[Reported]:
    """claimcheck's quotes joined by passage; speaker, mention and cue from the first part."""
    by_passage: dict[int, list] = defaultdict(list)
    for q in document.quotes:
        by_passage[q.passage].append(q)
    out = []
    text = document.article.text
    for pi in sorted(by_passage):
        qs = sorted(by_passage[pi], key=lambda q: q.part)
        parts = [(q.start, q.end) for q in qs]
        first = qs[0]
        out.append(Reported(pi, parts, word_spans(text, parts), first.speaker, first.speaker_mention, first.cue,
                            getattr(first, "speaker_kind", None)))
    return out


# --- judging speakers -----------------------------------------------------------------

def lenient_name(reported: str | None, gold: GoldSpeaker) -> bool:
    rep = name_tokens(reported)
    if not rep:
        return False
    for name in [gold.name] + gold.aliases:
        g = name_tokens(name)
        if g and (all(t in g for t in rep) or rep[-1] == g[-1]):
            return True
    return False


def exact_name(reported: str | None, gold: GoldSpeaker, layers: Layers) -> bool:
    rep = name_tokens(reported, drop_initials=True)
    if not rep:
        return False
    g = name_tokens(gold.name, drop_initials=True)
    if rep == g:
        return True
    if any(rep == name_tokens(a, drop_initials=True) and len(name_tokens(a)) >= 2 for a in gold.aliases):
        return True
    if len(g) == 1 and len(rep) >= 2 and rep[-1] == g[0]:  # "Trump" in the source, the article's "Donald Trump"
        return not any(layers.is_glue(t) for t in rep[:-1]) and strip_possessive(reported or "") in layers.doc.text
    return False


def lenient_descriptor(rep: Reported, gold: GoldSpeaker) -> bool:
    """Same head noun; or the reported phrase is part of the annotated source and holds its head
    ("A Government Accountability Office report released last year" heads on "report", not "year")."""
    want = singular(gold.head)
    if any(phrase_head(x) == want for x in (rep.speaker, rep.mention) if x):
        return True
    source = " ".join(re.findall(r"\w+", (gold.source or "").lower()))
    for x in (rep.speaker, rep.mention):
        words = re.findall(r"\w+", (x or "").lower())
        if words and " ".join(words) in source and want in {singular(w) for w in words}:
            return True
    return False


def judge(rep: Reported, gold: GoldSpeaker, layers: Layers) -> tuple[bool, bool]:
    """(lenient, exact) rightness of a reported speaker."""
    if gold.is_name:
        return lenient_name(rep.speaker, gold), exact_name(rep.speaker, gold, layers)
    ok = lenient_descriptor(rep, gold)
    return ok, ok


def _definite(phrase: str) -> bool:
    """"the president", "Obama's former strategist": a description of someone the article may name."""
    return bool(re.match(r"(?i)(the|this|that|his|her|its|their)\b", phrase) or re.search(r"\w['’]s\b", phrase))


def _cue_sentences(gold: GoldQuote, layers: Layers) -> list[str]:
    spans = gold.cue or [(gold.pieces[0][0], gold.pieces[0][0] + 1), (gold.pieces[-1][1] - 1, gold.pieces[-1][1])]
    sents = sorted({t.sentence for t in layers.doc.tokens if any(t.start < e and s < t.end for s, e in spans)})
    return [layers.sentence_text(si) for si in sents]


def _person_runs(layers: Layers) -> list[Run]:
    return [r for r in layers.runs if r.ner == "PERSON"]


def _matches_run(reported: str, run: Run) -> bool:
    rep, g = name_tokens(reported), name_tokens(run.text)
    return bool(rep and g) and (all(t in g for t in rep) or rep[-1] == g[-1])


def looks_like_name(rep: Reported) -> bool:
    """claimcheck's own kind when it gives one, else capitalised words (after titles) only."""
    if rep.speaker_kind is not None:
        return rep.speaker_kind in ("person", "org")
    words = re.findall(r"[\w'’.-]+", rep.speaker or "")
    return bool(words) and all(w[:1].isupper() or w.lower() in NAME_PARTICLES for w in words)


def _same_surname_other_person(reported: str, gold: GoldSpeaker) -> bool:
    """"Heidi Cruz" for "Ted Cruz": surnames agree, first names differ."""
    rep, g = name_tokens(reported, drop_initials=True), name_tokens(gold.name, drop_initials=True)
    return len(rep) >= 2 and len(g) >= 2 and rep[-1] == g[-1] and rep[0] != g[0]


def error_kind(rep: Reported, gold: GoldQuote, layers: Layers, lenient: bool) -> str:
    """The kind of an exact-wrong speaker: the first rule of the module docstring's list that applies."""
    sp = gold.speaker
    assert sp is not None
    who = rep.speaker if (rep.speaker or sp.is_name) else rep.mention
    if not who:
        return "missing"
    if not sp.is_name and rep.speaker and looks_like_name(rep) and _definite(sp.source):
        return "named-descriptor"
    toks = name_tokens(who)
    if sp.is_name:
        g = name_tokens(sp.name)
        known = set(g) | {t for a in sp.aliases for t in name_tokens(a) if not layers.is_glue(t)}
        if g and g[-1] in toks and any(t not in known and layers.is_glue(t) for t in toks):
            return "glued"
    last = rep.speaker.split()[-1] if rep.speaker and looks_like_name(rep) else ""
    if last and any(re.search(rf"\b(?<!according )(?:told|to|with)\s+(?:\S+\s+){{0,4}}?{re.escape(last)}\b", s, re.I)
                    for s in _cue_sentences(gold, layers)):
        return "addressee"
    chain_people = [r for ci in range(len(layers.doc.chains)) for r in layers.chain_runs(ci) if r.ner == "PERSON"]
    if sp.kind == "person" and not any(_matches_run(who, r) for r in chain_people):
        org_like = any(r.ner != "PERSON" and name_tokens(r.text) == toks for r in layers.runs)
        single = len(who.split()) == 1 and who[:1].isupper() and layers.word_kind(who) != "PERSON"
        no_name = all(layers.is_glue(t) or layers.word_kind(t) in ("LOCATION", "ORGANIZATION") for t in toks)
        if org_like or single or no_name:
            return "not-a-person"
    if rep.speaker and looks_like_name(rep) and (_same_surname_other_person(rep.speaker, sp) or any(
            _matches_run(rep.speaker, r) and not lenient_name(r.text, sp) for r in _person_runs(layers))):
        return "carried-over"
    if lenient:
        return "partial-name"
    return "other"


# --- scoring ------------------------------------------------------------------------

@dataclass
class Example:
    kind: str
    doc: str
    quote: str
    gold: str
    reported: str | None
    mention: str | None
    cue: str | None
    context: str = ""  # the text before the quote in its paragraph and the paragraph before (printed only)


@dataclass
class Scores:
    articles: int = 0
    gold: int = 0
    gold_long: int = 0
    nested_dropped: int = 0  # attributions quoting the same words as one nested in them
    reported: int = 0
    found: int = 0  # one passage covers 80%
    found_long: int = 0
    found_joined: int = 0  # passages together cover 80% ("A," she said. "B." is one gold quote, two passages)
    correct: int = 0
    spurious_beside_gold: int = 0  # wrong passages in a paragraph that holds a gold quote
    no_source: int = 0
    no_source_found: int = 0
    no_source_given_speaker: int = 0
    unresolved: int = 0  # gold source is a pronoun CoreNLP's chains do not name: not scored
    unresolved_found: int = 0
    unresolved_same_mention: int = 0  # claimcheck's mention is that pronoun
    scored: int = 0  # found (joined) gold quotes with a resolved source
    right: int = 0
    scored_one: int = 0  # the part of scored found by one passage
    right_one: int = 0
    names: int = 0
    exact: int = 0
    by_kind: dict = field(default_factory=lambda: {k: {"n": 0, "right": 0, "exact": 0} for k in GOLD_KINDS})
    errors: dict = field(default_factory=lambda: {k: {"n": 0, "lenient_wrong": 0} for k in ERROR_KINDS})

    def add(self, other: "Scores") -> None:
        """Add another set of counts (articles scored apart, e.g. in worker processes or folds)."""
        for k, v in vars(other).items():
            if isinstance(v, int):
                setattr(self, k, getattr(self, k) + v)
            else:
                for kind, counts in v.items():
                    for c, n in counts.items():
                        getattr(self, k)[kind][c] += n

    @staticmethod
    def ratio(a: int, b: int) -> float:
        return round(a / b, 3) if b else 0.0

    @staticmethod
    def f1(p: float, r: float) -> float:
        return round(2 * p * r / (p + r), 3) if p + r else 0.0

    def figures(self) -> dict:
        p = self.ratio(self.correct, self.reported)
        r, rj = self.ratio(self.found, self.gold), self.ratio(self.found_joined, self.gold)
        out = asdict(self)
        out.update(precision=p, recall=r, f1=self.f1(p, r), recall_joined=rj, f1_joined=self.f1(p, rj),
                   recall_long=self.ratio(self.found_long, self.gold_long),
                   speaker_accuracy=self.ratio(self.right, self.scored),
                   speaker_accuracy_one_passage=self.ratio(self.right_one, self.scored_one),
                   exact_name_accuracy=self.ratio(self.exact, self.names),
                   exact_accuracy=self.ratio(sum(v["exact"] for v in self.by_kind.values()), self.scored))
        return out


@dataclass
class Coverage:
    best: Reported | None  # the passage covering most of the gold quote's words
    share: float  # the share it covers
    joined: float  # the share all passages together cover


def coverage(gold: GoldQuote, reported: list[Reported]) -> Coverage:
    best, share = None, 0.0
    hit = [False] * len(gold.words)
    for rep in reported:
        inn = [inside(w, rep.parts) for w in gold.words]
        hit = [h or x for h, x in zip(hit, inn)]
        if sum(inn) / len(gold.words) > share:
            best, share = rep, sum(inn) / len(gold.words)
    return Coverage(best, share, sum(hit) / len(gold.words))


def _paragraph(text: str, pos: int) -> tuple[int, int]:
    return text.rfind("\n", 0, pos) + 1, (text.find("\n", pos) + 1 or len(text) + 1) - 1


def score_reported(doc: Doc, golds: list[GoldQuote], reported: list[Reported], scores: Scores,
                   examples: dict[str, list[Example]]) -> None:
    all_pieces = [p for g in golds for p in g.pieces]
    gold_paragraphs = {_paragraph(doc.text, p[0]) for p in all_pieces}
    scores.reported += len(reported)
    for rep in reported:
        if rep.words and sum(inside(w, all_pieces) for w in rep.words) / len(rep.words) >= FOUND:
            scores.correct += 1
            continue
        scores.spurious_beside_gold += _paragraph(doc.text, rep.parts[0][0]) in gold_paragraphs
        examples["spurious"].append(Example("spurious", doc.name, _snippet(doc.text, rep.parts), "", rep.speaker,
                                            rep.mention, rep.cue))


def score_speaker(doc: Doc, g: GoldQuote, cov: Coverage, layers: Layers, scores: Scores,
                  examples: dict[str, list[Example]]) -> None:
    sp, rep = g.speaker, cov.best
    assert sp is not None and rep is not None
    lenient, exact = judge(rep, sp, layers)
    scores.scored += 1
    scores.right += lenient
    if cov.share >= FOUND:
        scores.scored_one += 1
        scores.right_one += lenient
    kind = scores.by_kind[sp.kind]
    kind["n"] += 1
    kind["right"] += lenient
    kind["exact"] += exact
    if sp.is_name:
        scores.names += 1
        scores.exact += exact
    if not exact:
        ek = error_kind(rep, g, layers, lenient)
        scores.errors[ek]["n"] += 1
        scores.errors[ek]["lenient_wrong"] += not lenient
        start = g.pieces[0][0]
        para = _paragraph(doc.text, start)
        prev = _paragraph(doc.text, max(para[0] - 2, 0))
        ctx = re.sub(r"\s+", " ", doc.text[prev[0]:min(para[1], start + 300)])[-500:]
        examples[ek].append(Example(ek, doc.name, _snippet(doc.text, g.pieces),
                                    f"{sp.name} [{sp.kind}; source: {sp.source}]", rep.speaker, rep.mention, rep.cue,
                                    ctx))


def score_doc(doc: Doc, document, scores: Scores, examples: dict[str, list[Example]]) -> None:
    layers = Layers(doc)
    golds, nested = gold_quotes(doc, layers)
    reported = reported_passages(document)
    scores.articles += 1
    scores.gold += len(golds)
    scores.nested_dropped += nested
    score_reported(doc, golds, reported, scores, examples)
    for g in golds:
        long = len(g.words) >= LONG_QUOTE
        scores.gold_long += long
        cov = coverage(g, reported)
        found, joined = cov.share >= FOUND, cov.joined >= FOUND
        scores.found += found
        scores.found_long += found and long
        scores.found_joined += joined
        if not joined:
            examples["not-found"].append(Example("not-found", doc.name, _snippet(doc.text, g.pieces),
                                                 g.speaker.name if g.speaker else "-", None, None, None))
        if g.speaker is None:
            scores.no_source += 1
            scores.no_source_found += joined
            scores.no_source_given_speaker += bool(joined and cov.best.speaker)
        elif g.speaker.unresolved_pronoun:
            scores.unresolved += 1
            scores.unresolved_found += joined
            scores.unresolved_same_mention += bool(joined and cov.best.mention
                                                   and cov.best.mention.lower() == g.speaker.source.lower())
        elif joined:
            score_speaker(doc, g, cov, layers, scores, examples)


def _snippet(text: str, spans: Spans, n: int = 60) -> str:
    s = re.sub(r"\s+", " ", " … ".join(text[a:b] for a, b in spans)).strip()
    return s if len(s) <= n else s[:n - 1] + "…"


# --- output -------------------------------------------------------------------------

def print_summary(f: dict) -> None:
    pct = lambda x: f"{100 * x:.1f}%"  # noqa: E731
    rows = [
        ("articles", f["articles"]),
        ("gold direct quotes", f"{f['gold']} ({f['no_source']} without a source, {f['unresolved']} with an "
                               f"unresolved pronoun source; {f['nested_dropped']} nested repeats dropped)"),
        ("reported passages", f["reported"]),
        ("precision", f"{pct(f['precision'])} ({f['correct']}/{f['reported']}; "
                      f"{f['spurious_beside_gold']} wrong ones share a paragraph with a gold quote)"),
        ("recall, one passage", f"{pct(f['recall'])} ({f['found']}/{f['gold']})"),
        (f"  gold of {LONG_QUOTE}+ words", f"{pct(f['recall_long'])} ({f['found_long']}/{f['gold_long']})"),
        ("recall, passages joined", f"{pct(f['recall_joined'])} ({f['found_joined']}/{f['gold']})"),
        ("F1, one passage / joined", f"{pct(f['f1'])} / {pct(f['f1_joined'])}"),
        ("speaker accuracy (lenient)", f"{pct(f['speaker_accuracy'])} ({f['right']}/{f['scored']})"),
        ("  on one-passage finds", f"{pct(f['speaker_accuracy_one_passage'])} ({f['right_one']}/{f['scored_one']})"),
        ("exact-name accuracy (names)", f"{pct(f['exact_name_accuracy'])} ({f['exact']}/{f['names']})"),
        ("exact accuracy (all scored)", pct(f["exact_accuracy"])),
        ("no-source quotes: found / given a speaker", f"{f['no_source_found']} / {f['no_source_given_speaker']}"),
        ("unresolved-pronoun quotes: found / same mention",
         f"{f['unresolved_found']} / {f['unresolved_same_mention']}"),
    ]
    w = max(len(r[0]) for r in rows)
    for k, v in rows:
        print(f"{k:<{w}}  {v}")
    print("\nby gold kind        n   lenient    exact")
    for k, v in f["by_kind"].items():
        right, exact = Scores.ratio(v["right"], v["n"]), Scores.ratio(v["exact"], v["n"])
        print(f"  {k:<14} {v['n']:>5}  {pct(right):>8} {pct(exact):>8}")
    print("\nspeaker errors (exact-wrong)   n   of which lenient-wrong")
    for k, v in f["errors"].items():
        print(f"  {k:<26} {v['n']:>5}   {v['lenient_wrong']:>5}")


def print_examples(examples: dict[str, list[Example]], n: int, show_context: bool = False) -> None:
    rng = random.Random(0)
    for kind in ERROR_KINDS + ("not-found", "spurious"):
        items = examples.get(kind, [])
        if not items:
            continue
        print(f"\n== {kind} ({len(items)}), {min(n, len(items))} shown")
        for e in rng.sample(items, min(n, len(items))):
            print(f"  [{e.doc}] {e.quote!r}")
            if kind != "spurious":
                print(f"      gold: {e.gold}")
            if kind != "not-found":
                print(f"      reported: {e.reported!r}  mention: {e.mention!r}  cue: {e.cue!r}")
            if e.context and show_context:
                print(f"      context: {e.context}")


def print_gold(docs: list[Doc], n: int) -> None:
    """A sample of gold quotes with their source and resolved speaker, to check the gold by eye."""
    rows = [(d, g) for d in docs for g in gold_quotes(d, Layers(d))[0]]
    print(f"\n== gold sample ({min(n, len(rows))} of {len(rows)})")
    for d, g in random.Random(1).sample(rows, min(n, len(rows))):
        sp = g.speaker
        print(f"  [{d.name}] content: {_snippet(d.text, g.content, 100)!r}")
        print(f"      quoted: {_snippet(d.text, g.pieces, 100)!r}")
        if sp is None:
            print("      source: none")
        else:
            kind = "unresolved pronoun, not scored" if sp.unresolved_pronoun else sp.kind
            print(f"      source: {sp.source!r} -> {sp.name!r} [{kind}; head {sp.head!r}; aliases {sp.aliases}]")


def run(root: str, split: str, cache: str | None) -> tuple[list[Doc], Scores, dict[str, list[Example]]]:
    from claimcheck.model import Article
    from claimcheck.pipeline import process_articles

    docs = load_split(root, split, cache)
    documents = process_articles([Article(id=d.name, path=d.name + ".txt", text=d.text) for d in docs], jobs=1)
    scores, examples = Scores(), defaultdict(list)
    for d, document in zip(docs, documents):
        assert document.article.text == d.text, d.name
        score_doc(d, document, scores, examples)
    return docs, scores, examples


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.attribution", description=__doc__.split("\n")[0])
    ap.add_argument("polnear", help="the unpacked PolNeAR directory (train/dev/test)")
    ap.add_argument("--split", choices=("train", "dev", "test"), required=True)
    ap.add_argument("--cache", help="pickle cache directory for the parsed corpus (outside the repository)")
    ap.add_argument("--show-errors", type=int, default=0, metavar="N", help="print N examples of each error kind")
    ap.add_argument("--show-gold", type=int, default=0, metavar="N", help="print N gold quotes and speakers")
    ap.add_argument("--json", metavar="OUT", help="write the figures (no article text) as JSON")
    ap.add_argument("--context", action="store_true", help="with --show-errors: print the text before each quote")
    args = ap.parse_args(argv)
    docs, scores, examples = run(args.polnear, args.split, args.cache)
    figures = scores.figures()
    print(f"PolNeAR {args.split}: claimcheck direct quotes and speakers\n")
    print_summary(figures)
    if args.show_errors:
        print_examples(examples, args.show_errors, args.context)
    if args.show_gold:
        print_gold(docs, args.show_gold)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump({"split": args.split, **figures}, fh, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
