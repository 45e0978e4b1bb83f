"""Who said it: the speaker of each quotation, from tagged tokens around it.

For each passage the sentence around it is tokenised and POS-tagged with
the quotations replaced by one placeholder token, so the patterns read the
reporting clause alone: ``Q , NP said``, ``Q , said NP``, ``NP said : Q``,
``NP said that ... Q``, ``according to NP``. A subject noun phrase becomes a
candidate speaker: a tagged name (the person's canonical name in the
article), a pronoun (resolved to a compatible earlier person), or a nominal
source ("a Pentagon spokesman", "officials"). Addressees ("told X", "in an
interview with X") are objects, never subjects, so they are never taken.
Quotes without a reporting clause take the speaker of the quote they
continue or of the sentence that introduces them ("He said:").

Every candidate considered is kept on the attribution, with the rule that
produced it, for ``claimcheck quotes --explain``.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Sequence

from .model import Sentence, Span, SpanIndex
from .antecedents import candidates as antecedent_candidates
from .antecedents import Antecedent, entity_features
from .mentions import (BE_FORMS, NOUN_TAGS, QUOTE, SOURCE_PHRASE_OPENERS, modifies_noun, opening_clause_end,
                       past_verb_read_as_noun, source_phrase_end, titles_a_person, window_mentions)
from .names import (DATE_WORDS, MODAL_NAMES, NAME_AS_MODIFIER, NAME_PARTICLES, PLACE_HEADS, WEEKDAYS, NameSpan,
                    first_names, given_names, tag_names)
from .people import (INITIAL, OFFICE_WORDS, TITLES, People, described_org, described_person, first_name_genders,
                     name_words, pronoun_genders, repeated_surnames, titled_at)
from .ranking import Option, carried_option, merge, none_option, speaker_ranker
from .segment import abbreviated_title
from .speakers import SPEECH_VERB_SET
from .tagging import Token, dictionary_tag, load_json_model, pos_tagger, tokenize, word_leaning

_WORD = re.compile(r"\w+")
POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "its": "it", "their": "they"}
PRONOUNS = {"he": "m", "she": "f", "they": None, "it": None, "i": None, "we": None, "you": None}
INVERTIBLE = frozenset("""said says added adds asked asks continued continues explained explains wrote writes noted notes
recalled recalls replied replies answered answers insisted insists argued argues warned warns declared declares
concluded concludes stated states observed observes remarked remarks quipped quips joked jokes tweeted tweets
countered counters responded responds told reported reports announced announces exclaimed cried shouted
""".split())
BACK_CUES = frozenset("shot shoots fired fires hit hits pushed pushes".split())  # cues with "back" after them
AUX = frozenset("""has have had will would also later then again previously repeatedly once often earlier was were is
are be been quickly only just separately further similarly simply flatly publicly privately recently reportedly
can could may might should must did does do 's ’s not n't n’t never still already even""".split())
# prepositions that open what describes a noun phrase's head: "a spokesman for the campaign", "a document on the
# website", "a study by economists" ("aides to Mr. Sanders" only before the verb: after it, "to" names an addressee)
COMPLEMENT_PREPS = ("of", "for", "at", "from", "with", "in", "inside", "on", "by")
# adjectives that open a source's complement after its head: "a person familiar with", "an aide close to"
COMPLEMENT_ADJECTIVES = ("close", "familiar", "loyal", "allied", "opposed", "briefed", "sympathetic")
NP_TAGS = frozenset("NN NNS NNP NNPS JJ JJR JJS DT CD POS PRP$ HYPH VBN".split())
# Words that name part of a group before "of" ("one of the sources", "some of his aides")
PARTITIVES = frozenset("one some many most several few each both all none".split())
PUNCT_LEAD = frozenset(",.—–-!?;:")
TIME_WORDS = DATE_WORDS | frozenset("""morning afternoon evening night week weekend month year today yesterday tonight
jan feb aug sept oct nov dec day days weeks months years hours minutes time""".split())
DASHES = frozenset("― — – - --".split())
# Clauses (tokens, tags, described mentions) kept for reuse: quotations are attributed in reading order and look at
# most a few sentences back, so a window of recent clauses serves them, and a 20 MB live blog does not hold them all.
CLAUSES_KEPT = 256
PRONOUN_CHAIN_DEPTH = 6  # "he" standing for the "he" of a sentence before, at most this many times over
# Hyphenated words the tagger reads as adjectives that head a noun phrase when no noun follows them (the tokenizer
# sets "37" and "-" apart from "year-old")
NOMINAL_ENDINGS = ("year-old", "years-old", "month-old", "week-old", "-elect")
TITLE_JOINERS = ("and", "&", "of", "'s", "’s")  # inside a chain of titles: "AHIP President and CEO Karen Ignagni"
CHAIN_KEPT = 8  # attributed quotations kept: the carried option reads the last, pronouns the last three speakers
# A passive cue's agent stands within this many tokens after it: 'was called "a fantasy" by X', 'was dismissed as
# "..." by X', 'was told by X'
AGENT_GAP = 6
# Passive cues whose subject is still the speaker: "she was quoted as saying", "he was heard shouting"
# ("asked by a reporter why ..., Trump said": the one who asked did not give the answer)
SPEAKER_PASSIVES = frozenset("quoted heard overheard recorded caught filmed seen taped videotaped asked questioned "
                             "pressed".split())
CLAUSE_JOINERS = frozenset("but yet while whereas although though".split())  # after a comma: another clause begins
# A text "by" whom is its author's words ("calculations by X", "a letter signed by X"); not one "reviewed", "obtained",
# "cited" or "provided" by a reporter, who only passes it on
AUTHORED = frozenset("written signed authored filed compiled conducted issued released published".split())
HAVE_FORMS = frozenset("has have had 's ’s having".split())
# Verbs whose passive names what was said and by whom ("was dismissed as "a fantasy" by X"); the passive of a verb of
# feeling ("Clinton officials were thrilled with the editorial") keeps its subject as the source
PASSIVE_CUES = SPEECH_VERB_SET | frozenset("""dubbed termed deemed denounced criticized criticised praised mocked hailed
decried slammed blasted condemned ridiculed derided dismissed characterized characterised cited touted""".split())
_CLOSED_CLASS = frozenset("IN CC RB DT WRB WDT WP PRP PRP$ TO MD EX PDT RP UH".split())


def _speech_verb_after(tokens: Sequence[Token], tags: Sequence[str], i: int) -> bool:
    """A speech verb at i, or after at most two auxiliaries and adverbs ("has said", "later told")."""
    for k in range(i, min(len(tokens), i + 3)):
        if tags[k] in ("VBD", "VBN", "VBZ") and tokens[k].text.lower() in SPEECH_VERB_SET:
            return True
        if not (tags[k] in ("RB", "MD") or tokens[k].text.lower() in AUX):
            return False
    return False


@lru_cache(maxsize=1)
def cue_words() -> frozenset[str]:
    """Verbs that introduce speech: the hand list plus words PolNeAR's annotators mark as cues at least half the time."""
    learned = load_json_model("cues")["cues"]
    return SPEECH_VERB_SET | frozenset(w for w, p in learned.items() if p >= 0.5)


@dataclass
class Candidate:
    rule: str
    mention: str
    kind: str  # person | org | pronoun | descriptor
    speaker: str | None
    cue: str | None
    confidence: float
    at: int = -1  # where the mention starts in the article
    end: int = -1  # where its head ends


@dataclass
class Attribution:
    speaker: str | None
    mention: str | None
    cue: str | None
    confidence: float
    kind: str | None = None  # person | org | descriptor | None
    candidates: list[Candidate] = field(default_factory=list)
    start: int = -1  # the mention's offsets in the article (-1: none)
    end: int = -1
    options: list = field(default_factory=list)  # ranking.Option: every phrase weighed, with its features and score
    antecedents: list = field(default_factory=list)  # antecedents.Antecedent: for a pronoun, who it may stand for


@dataclass
class Clause:
    """The tokens of a sentence range with each quotation replaced by one ``QUOTE`` token."""

    tokens: list[Token]
    tags: list[str]
    quote_at: dict[int, int]  # passage start offset -> index of its QUOTE token
    cues: list[bool | None] = field(default_factory=list)  # is_cue per token, filled as asked
    mentions: list | None = None  # mentions.clause_mentions, described once per clause


def _common_word(word: str) -> bool:
    """A capitalised word that is usually not a name: its lowercase form has a closed-class or verb tag."""
    tag = dictionary_tag(word)
    return tag is not None and (tag in _CLOSED_CLASS or tag.startswith("VB"))


_GLUE_LEANINGS = frozenset("IN RB VB VBG VBP VBZ".split())


def _opens_sentence(text: str, start: int) -> bool:
    """Whether nothing but a quotation mark stands between the end of the last sentence (or the text's start)
    and ``start``."""
    before = text[max(0, start - 4):start].rstrip(" \"“‘'")
    return not before.strip() or before[-1] in ".!?:\n"


def _common_noun(word: str) -> bool:
    """A word whose lowercase form is tagged a common noun: "Department", "Court", "Woods"."""
    return dictionary_tag(word) in ("NN", "NNS")


def clean_name(span: NameSpan, text: str = "") -> str:
    """A tagged name without words the tagger glued on: "Yet Comey" -> "Comey", "Obama Says" -> "Obama"; but a
    first name after an abbreviated office stays, common word or not ("Rep. Will Hurd", from ``text``), and so does
    a participle that opens an organisation's name ("Associated Press" is not "Press")."""
    words = span.text.split()
    before = text[max(0, span.start - 8):span.start].split()
    titled = bool(before) and abbreviated_title(before[-1])
    if span.label != "PERSON" and dictionary_tag(words[0]) == "VBN":
        titled = True
    while len(words) > 1 and _common_word(words[0]) and not titled and words[0] not in MODAL_NAMES:
        words = words[1:]  # "May" and "Will" are in a name only when ``names.modal_names`` put them there
    if span.label == "PERSON" and not titled and _opens_sentence(text, span.start):
        # "Like Trump, ...", "Besides Rice", "Regarding Trump", "Once Bill": a word the POS model reads as a
        # preposition, an adverb or a verb, opening the sentence and no given name ("Mark", "Hope", "Will" are)
        while len(words) > 1 and word_leaning(words[0]) in _GLUE_LEANINGS and words[0] not in given_names() \
                and words[0].lower() not in NAME_PARTICLES:
            words = words[1:]
    while len(words) > 1 and _common_word(words[-1]) and words[-1] not in MODAL_NAMES:
        words = words[:-1]
    if span.label == "PERSON":  # "President Obama Thursday said", "On Wednesday Baker told": a day is no name
        while len(words) > 1 and words[-1].lower() in WEEKDAYS:
            words = words[:-1]
        while len(words) > 1 and words[0].lower() in WEEKDAYS:
            words = words[1:]
    return " ".join(words)


HONORIFICS = frozenset("mr mrs ms miss mx dr sir dame lord lady sen rep gov rev prof messrs".split())


_NOT_OFFICES = frozenset("state the of former democratic republican presidential gop candidate nominee".split())


def person_after_office(spans: list[NameSpan], text: str) -> list[NameSpan]:
    """An organisation's or a place's name that runs on over an office into a person's name is two names: "Linn
    County Supervisor Brent Oleson" is Linn County and Brent Oleson, "Fordham University Professor Christina Greer"
    Fordham University and Christina Greer. The words after the office must open with a given name; a name made of
    initials alone ("A." of a Q-and-A, "R.") is no name."""
    out: list[NameSpan] = []
    for sp in spans:
        words = sp.text.split()
        if all(INITIAL.fullmatch(w) for w in words):
            continue
        given = _given_after_office_of(sp, words, text)
        if given is not None:  # "Secretary of State Antony Blinken": "State" ends the office, Antony Blinken speaks
            person_start = sp.start + sp.text.index(words[given], len(" ".join(words[:given])))
            out.append(NameSpan(person_start, sp.end, text[person_start:sp.end], "PERSON"))
            continue
        at = None if sp.label == "PERSON" else next(
            (i for i, w in enumerate(words[1:-2], 1) if w[:1].isupper() and w.lower().rstrip(".") in OFFICE_WORDS
             and w.lower() not in _NOT_OFFICES and words[i + 1] in given_names()), None)
        if at is None:
            out.append(sp)
            continue
        head = " ".join(words[:at])
        person_start = sp.start + sp.text.index(words[at + 1], len(head) + len(words[at]) + 1)
        out.append(NameSpan(sp.start, sp.start + len(head), head, sp.label))
        out.append(NameSpan(person_start, sp.end, text[person_start:sp.end], "PERSON"))
    return out


def _after_office_of(before: Sequence[str]) -> bool:
    """The words before end in an office and its "of": "Secretary of" (State Antony Blinken), "Director of"."""
    return len(before) >= 2 and before[-1] == "of" and before[-2].lower().rstrip(".") in OFFICE_WORDS


def _ends_office_of(c: "Clause", k: int) -> bool:
    """Token k is the word after an office's "of" ("Defense" of "Secretary of Defense Lloyd Austin")."""
    return _after_office_of([t.text for t in c.tokens[max(0, k - 2):k]])


def _given_after_office_of(sp: NameSpan, words: list[str], text: str) -> int | None:
    """Where a person's name starts in a span that runs on from an office's "of" phrase ("Secretary of State |
    Antony Blinken", "Director of National Intelligence | Avril Haines", tagged one name, mostly an organisation,
    when the tagger does not know the person): the first given name after the span's first word with a capitalised
    word after it, or None."""
    if len(words) < 3:
        return None
    if not _after_office_of(text[max(0, sp.start - 24):sp.start].split()):
        return None
    return next((i for i, w in enumerate(words[1:-1], 1) if w in given_names() and words[i + 1][:1].isupper()), None)


def _reported_right_after(cands: Sequence[Candidate]) -> bool:
    """A rule found the quotation's own reporting clause right after it ('"...," Barr said'), which an "according
    to" further on only reports ('..., according to Bloomberg')."""
    return any(c.rule in ("after: X said", "after: said X") for c in cands)


def consistent_labels(spans: list[NameSpan], text: str) -> list[NameSpan]:
    """One label per name within an article: spans sharing a last word take the label most of them have.

    The tagger decides from a few words of context, so "Secretary of State
    Antony Blinken" may come out an organisation while "Blinken said" is a
    person; an article uses a name for one thing, so the majority wins
    (ties go to PERSON, then ORGANIZATION).
    """
    votes: dict[str, dict[str, int]] = {}
    known_first = first_names()
    genders = first_name_genders()  # given names of one sex in birth records, beyond those the tagger learned
    for sp in spans:
        words = sp.text.split()
        if not words:
            continue
        v = votes.setdefault(words[-1], {})
        v[sp.label] = v.get(sp.label, 0) + 1
        titled = titled_at(text, sp.start)
        honorific = words[0].lower().rstrip(".") in HONORIFICS
        given = words[0] in known_first or sp.label == "LOCATION" and len(words) == 2 and words[0] in genders
        place = sp.label == "LOCATION" and words[-1] in PLACE_HEADS  # "Trump Tower": a building, after a name
        if len(words) >= 2 and (given and not place and not _common_noun(words[-1]) or titled or honorific):
            # "Antony Blinken" after "Secretary of State" and "Victoria Atkins" read as a place are people;
            # "Justice Department" is not one
            v["PERSON"] = v.get("PERSON", 0) + 2
    order = {"PERSON": 0, "ORGANIZATION": 1, "LOCATION": 2}
    out = []
    for sp in spans:
        if all(w.lower().rstrip(".") in TITLES or w.lower() in TITLES for w in sp.text.split()):
            continue  # "Ms." tagged apart from "Moore": a title is not a name
        v = votes[sp.text.split()[-1]]
        best = min(v, key=lambda lab: (-v[lab], order.get(lab, 3)))
        if best == "PERSON" and any(w.islower() and w not in NAME_PARTICLES for w in sp.text.split()):
            best = sp.label  # "Justice Department on a Trump" names no person, whatever "Trump said" is
        out.append(sp if best == sp.label else NameSpan(sp.start, sp.end, sp.text, best))
    return out


class ArticleAttributor:
    """Attribution for one article: name spans and people first, then each passage in reading order."""

    def __init__(self, text: str, paragraphs: Sequence[Span], sentences: Sequence[Sentence],
                 passages: Sequence[Span]):
        self.text = text
        self.paragraphs = list(paragraphs)
        self.sentences = list(sentences)
        self.passages = sorted(passages, key=lambda p: p.start)
        self.passage_index = SpanIndex(self.passages)
        self.sentence_index = SpanIndex(Span(s.start, s.end) for s in sentences)
        self.paragraph_index = SpanIndex(self.paragraphs)
        self.paragraph_number = {p.start: i for i, p in enumerate(self.paragraph_index.spans)}
        self.sentence_number = {sp.start: i for i, sp in enumerate(self.sentence_index.spans)}
        self._tokens = tokenize(text)  # once per article; windows are slices of it
        self._token_starts = [t.start for t in self._tokens]
        runs = self._prose_tokens()
        named = consistent_labels(person_after_office(self._name_spans(runs), text), text)
        self.names = repeated_surnames(runs, named, text)
        self.name_at = {}
        for sp in self.names:
            for t in self.tokens_in(sp.start, sp.end):
                self.name_at[t.start] = sp
        cleaned = [NameSpan(s.start, s.end, clean_name(s, text), s.label) for s in self.names]
        self.people = People.from_spans(cleaned, text)
        pronoun_genders(self.people, text, self.sentence_index.spans, self._prose)
        self.orgs = [s for s in cleaned if s.label == "ORGANIZATION"]  # in reading order, for named_org
        self.chain: list[tuple[Span, Attribution]] = []
        self._referents: dict[tuple[str, int], Antecedent | None] = {}  # pronoun_referent, by (pronoun, offset)
        self._clauses: OrderedDict[tuple[int, int], Clause] = OrderedDict()

    # --- layers ------------------------------------------------------------------
    def name_end(self, c: Clause, j: int, hi: int) -> int:
        """The last token, before ``hi``, of the name token j is in (j when it is in none)."""
        sp = self.name_at.get(c.tokens[j].start)
        while sp is not None and j + 1 < hi and self.name_at.get(c.tokens[j + 1].start) is sp:
            j += 1
        return j

    def tokens_in(self, start: int, end: int) -> list[Token]:
        """The article's tokens lying within [start, end)."""
        i = bisect_left(self._token_starts, start)
        j = bisect_left(self._token_starts, end, i)
        while j > i and self._tokens[j - 1].end > end:
            j -= 1
        return self._tokens[i:j]

    def _prose(self, start: int, end: int) -> list[tuple[int, int]]:
        """[start, end) minus quotations."""
        out, pos = [], start
        for i in self.passage_index.overlapping(start, end):
            p = self.passages[i]
            if p.start - 1 > pos:
                out.append((pos, p.start - 1))
            pos = max(pos, p.end + 1)
        if pos < end:
            out.append((pos, end))
        return out

    def _prose_tokens(self) -> list[list[Token]]:
        """The tokens of each stretch of prose (a sentence outside its quotations), where names are tagged."""
        return [self.tokens_in(a, b) for s in self.sentences for a, b in self._prose(s.start, s.end)]

    def _name_spans(self, runs: list[list[Token]]) -> list[NameSpan]:
        return [sp for toks in runs for sp in tag_names(toks, self.text)]

    def clause(self, start: int, end: int) -> Clause:
        key = (start, end)
        if key in self._clauses:
            self._clauses.move_to_end(key)
            return self._clauses[key]
        tokens: list[Token] = []
        quote_at: dict[int, int] = {}
        pos = start
        for i in self.passage_index.overlapping(start, end):
            p = self.passages[i]
            tokens.extend(self.tokens_in(pos, max(pos, p.start - 1)))
            quote_at[p.start] = len(tokens)
            tokens.append(Token(QUOTE, p.start, p.end))
            pos = max(pos, p.end + 1)
        tokens.extend(self.tokens_in(pos, end))
        words = [t.text if t.text != QUOTE else '"' for t in tokens]
        tags = pos_tagger().tag(words) if tokens else []
        tags = [("QUOTE" if t.text == QUOTE else g) for t, g in zip(tokens, tags)]
        for i, t in enumerate(tokens):
            if tags[i] == "JJ" and t.text.lower().endswith(NOMINAL_ENDINGS) and (
                    i + 1 == len(tokens) or tags[i + 1] not in NOUN_TAGS and tags[i + 1] != "JJ"):
                tags[i] = "NN"  # "the 37-year-old said", "the president-elect said": they head the phrase
            elif tags[i] == "JJ" and _speech_verb_after(tokens, tags, i + 1) \
                    and any(tags[b] in ("DT", "PRP$", "CD") for b in range(max(0, i - 3), i)):
                tags[i] = "NN"  # "the official said", "One official told": what speaks heads its phrase
            elif tags[i] == "JJ" and 0 < i < len(tokens) - 1 and tags[i - 1] in ("DT", "PRP$", "CD") \
                    and tags[i + 1] == "NNS" and tokens[i + 1].text in SPEECH_VERB_SET \
                    and (i + 2 == len(tokens) or tokens[i + 2].text in (".", ",", ":")) \
                    and (i == 1 or tokens[i - 2].text == QUOTE and self.text[tokens[i - 2].end - 1] in ",.?!"):
                tags[i] = "NN"  # '"...," the brief states.': a verb read as a plural noun after the quotation
            elif tags[i] == "VB" and t.text[:1].isupper() and t.text.isalpha() and dictionary_tag(t.text) is None:
                tags[i] = "NNP"  # "Soave points out": a capitalised word no dictionary knows is a name, not a verb
        c = Clause(tokens, tags, quote_at)
        self._clauses[key] = c
        if len(self._clauses) > CLAUSES_KEPT:
            self._clauses.popitem(last=False)
        return c

    # --- noun phrases ------------------------------------------------------------
    def _np_at(self, c: Clause, j: int, lo: int) -> tuple[int, Candidate | None]:
        """The noun phrase whose head is token j: (its first index, a candidate without rule or cue)."""
        tok = c.tokens[j]
        low = tok.text.lower()
        sp = self.name_at.get(tok.start)
        if sp is not None:
            first = j
            while first - 1 >= lo and c.tokens[first - 1].start >= sp.start:
                first -= 1
            name = clean_name(sp, self.text)
            if sp.label == "PERSON":
                # a first name the tagger left out: "― Ingrid Berg", "Hans Joachim Schellnhuber"
                while first - 1 >= lo and first > j - 3 and c.tags[first - 1] == "NNP" \
                        and c.tokens[first - 1].text[:1].isupper() \
                        and (c.tokens[first - 1].text.isalpha() or INITIAL.fullmatch(c.tokens[first - 1].text)) \
                        and c.tokens[first - 1].text.lower() not in TITLES \
                        and not _common_word(c.tokens[first - 1].text) \
                        and not _ends_office_of(c, first - 1) \
                        and (self.name_at.get(c.tokens[first - 1].start) is None
                             or c.tokens[first - 1].text in first_names()):  # "Victoria" read as a place
                    first -= 1
                    name = self.text[c.tokens[first].start:sp.end]
                return first, Candidate("", name, "person", self.people.canonical(name, tok.start), None, 0.0,
                                        c.tokens[first].start, tok.end)
            # an organisation, or a place standing for its government ("Russia insisted", "Japan branded")
            return first, Candidate("", self.text[c.tokens[first].start:tok.end], "org", name, None, 0.0,
                                    c.tokens[first].start, tok.end)
        if low in PRONOUNS and c.tags[j] == "PRP":
            return j, Candidate("", tok.text, "pronoun", None, None, 0.0, tok.start, tok.end)
        if j - 1 >= lo and past_verb_read_as_noun(c, j):
            return self._np_at(c, j - 1, lo)  # "Ocasio-Cortez agreed, but added": the phrase is the name
        if c.tags[j] not in NOUN_TAGS or low in TIME_WORDS or not any(ch.isalnum() for ch in low) \
                or NAME_AS_MODIFIER.fullmatch(tok.text):
            # "Sunday morning", "last week" and a bullet ("*", "•") say nothing; nor does a name made a modifier
            # heading nothing ("rhetorical fireworks, Supreme Court-style,")
            return j, None
        first = j
        while first - 1 >= lo and c.tokens[first - 1].text != QUOTE and c.tags[first] != "DT" and (
                c.tags[first - 1] in NP_TAGS
                # "the former first lady and U.S. senator": one person described twice
                or (c.tokens[first - 1].text == "and" and first - 2 >= lo and c.tags[first - 2] in NOUN_TAGS
                    and self.name_at.get(c.tokens[first - 2].start) is None)):
            first -= 1
        while first < j and c.tags[first] in ("VBN",):
            first += 1
        inside = self.name_at.get(c.tokens[first].start)
        while inside is not None and first - 1 >= lo and self.name_at.get(c.tokens[first - 1].start) is inside:
            first -= 1  # a name is never cut: "a Club for Growth ad", not "Growth ad"
        known = self.people.lookup([tok.text]) is not None
        if tok.text[:1].isupper() and (c.tags[j] in ("NNP", "NNPS") or known) and (
                known or low.rstrip(".") not in TITLES):  # "AHIP President" ends on a title, "King" is Don King
            # a proper name the tagger missed ("In a Bloomberg interview Trump said"), or a surname the article
            # gives a person and the tagger read as a common noun ("Bass later told reporters"): the capitalised run
            run = j
            while run - 1 >= first and c.tags[run - 1] in ("NNP", "NNPS") and c.tokens[run - 1].text[:1].isupper():
                run -= 1
            words = name_words(self.text[c.tokens[run].start:tok.end])
            person = self.people.lookup(words, tok.start) if words else None
            if person is not None or (2 <= len(words) <= 4 and run == first):
                name = person.name if person else " ".join(words)
                return run, Candidate("", " ".join(words), "person", name, None, 0.0, c.tokens[run].start, tok.end)
        text = self.text[c.tokens[first].start:tok.end]
        return first, Candidate("", text, "descriptor", text, None, 0.0, c.tokens[first].start, tok.end)

    def _skip_back(self, c: Clause, j: int, lo: int) -> int:
        """Step left over auxiliaries, adverbs and a parenthesis ("Rep. Jason Chaffetz (R-Utah) said")."""
        while j >= lo:
            t = c.tokens[j].text
            if c.tags[j] in ("RB", "MD") or t.lower() in AUX:
                j -= 1
            elif t == ")":
                i = j - 1
                while i >= lo and c.tokens[i].text not in ("(", QUOTE) and j - i < 12:
                    i -= 1
                if i < lo or c.tokens[i].text != "(":
                    return j
                j = i - 1
            else:
                return j
        return j

    def passive_agent(self, c: Clause, k: int, hi: int) -> tuple[bool, Candidate | None]:
        """Whether the cue at k is passive, and its agent: the speaker of 'X was called "a fantasy" by Y', 'as
        described by Y', 'X was told by Y'. The subject of a passive cue was described, asked or told; it did not
        speak (but for "quoted", "heard" and the like: SPEAKER_PASSIVES)."""
        word = c.tokens[k].text.lower()
        if c.tags[k] != "VBN" or word in SPEAKER_PASSIVES or word not in PASSIVE_CUES:
            return False, None
        if k + 2 < hi and (c.tokens[k + 1].text.lower() == "to" or c.tokens[k + 1].text.lower() == "as"
                           and c.tags[k + 2] == "VBG"):
            return False, None  # "McCain is reported to have said", "she was reported as saying": the subject spoke
        b = k - 1
        while b >= 0 and c.tags[b] == "RB":
            b -= 1
        left = c.tokens[b].text.lower() if b >= 0 else ""
        if left in HAVE_FORMS:
            return False, None  # "Trump has called it ...": a perfect, not a passive
        by = None
        for i in range(k + 1, min(hi, k + 1 + AGENT_GAP)):
            t = c.tokens[i].text.lower()
            if t == "by":
                by = i
                break
            if c.tags[i].startswith("VB") or t in (".", ";", ":", ","):
                break
        agent = self.object_after(c, by, hi) if by is not None else None
        be = left in BE_FORMS or left in ("get", "gets", "got", "getting")
        if agent is not None and (be or left == "as" or b >= 0 and c.tags[b] in NOUN_TAGS):
            return True, agent  # also the reduced relative: 'a plan dismissed as "a fantasy" by Y'
        return be, None

    def subject_before(self, c: Clause, k: int, lo: int) -> Candidate | None:
        """The subject of the cue verb at k.

        Skips auxiliaries, adverbs and parentheses; through a chain of
        appositives ("Donna Rawlings, 59, of Ashton, Md., said"; "a role,
        Name, said") the person named in it wins, else its first noun phrase.
        A participle cue (", saying") takes the subject of the main clause.
        """
        to = k - 1
        while to > lo and c.tags[to] == "RB":
            to -= 1  # "to again say", "to publicly say"
        if c.tags[k] == "VB" and to - 1 >= lo and c.tokens[to].text.lower() == "to":
            # an infinitive cue: "Mr. Trump was prompted to say", "she took to Twitter to write": the subject of the
            # verb it hangs on
            v = next((i for i in range(to - 1, max(lo, to - 7) - 1, -1)
                      if c.tags[i].startswith("VB") or c.tokens[i].text in (QUOTE, ",", ":")), None)
            if v is not None and c.tags[v].startswith("VB"):
                return self.subject_before(c, v, lo)
        if c.tags[k] == "VBG":  # ", saying" / "issued a statement calling": the main clause's subject
            before = self.name_at.get(c.tokens[k - 1].start) if k - 1 >= lo else None
            if before is not None and before.label == "PERSON":  # "footage of Hillary Clinton asking"
                return self._np_at(c, k - 1, lo)[1]
            main = self.main_subject(c, k, lo)
            if main is None and k - 2 >= lo and c.tokens[k - 1].text == ",":
                # "Reuters, citing "two sources," says ...": a participle set off after the clause's subject
                first, subj = self._np_at(c, k - 2, lo)
                if subj is not None and subj.kind != "pronoun" and first == opening_clause_end(c, lo) \
                        and not self.is_cue(c, k - 2) \
                        and any(c.tags[v] in ("VBD", "VBZ", "VBP") for v in range(k + 1, len(c.tokens))):
                    return subj  # and its own verb comes later: not '"...," McCain notes, adding'
            if main is not None or (k - 1 >= lo and c.tokens[k - 1].text == ","):
                return main
        j0 = self._skip_back(c, k - 1, lo)
        if j0 - 2 >= lo and c.tags[j0] in ("WP", "WDT") and c.tokens[j0 - 1].text == ",":
            # "the Syrian Observatory for Human Rights, which said": the phrase the relative pronoun stands for
            ante = self._head_with_complement(c, j0 - 2, lo)
            if ante is not None and ante.kind in ("person", "org", "descriptor"):
                return ante
        if j0 >= lo and c.tokens[j0].text.lower() in ("and", "but", "or") and c.tags[j0] == "CC":
            # "Reed said after a lunch that ..., but called it a "starting point"": the sentence's subject
            subj = self.sentence_subject(c, c.tokens[j0].start, lo)
            if subj is not None:
                return subj
        near = self._head_with_complement(c, j0, lo) if j0 >= lo and c.tokens[j0].text != "," else None
        if near is not None and near.kind in ("person", "org", "pronoun"):
            return near  # '"...," he said' / "Clinton slammed"
        main_verb = c.tags[k] in ("VBD", "VBZ", "VBP") or c.tags[k] == "VBN" and k - 1 >= lo and c.tags[k - 1] in NOUN_TAGS
        if main_verb and not any(c.tags[v] in ("VBD", "VBZ", "VBP", "MD") for v in range(lo, k)):
            # the sentence's main verb: its subject is the sentence's ("Protesters marching through the streets chanted")
            if c.tokens[k - 1].text != "," if k - 1 >= lo else False:
                subj = self.sentence_subject(c, c.tokens[k].start, lo)
                if subj is not None and (subj.kind != "descriptor" or subj.at == c.tokens[lo].start):
                    if near is not None and near.kind == "descriptor" and subj.kind == "descriptor" and near.at == subj.at:
                        return near  # the same phrase with its complement: "Another source familiar with X said"
                    return subj  # a descriptor only when it opens the clause ("Protesters marching ... chanted")
        j = j0
        if j < lo:
            return None
        if c.tokens[j].text != ",":
            return self._head_with_complement(c, j, lo)
        # a chain of comma-separated phrases before the verb
        chunks: list[tuple[int, int]] = []
        end = j
        i = j - 1
        while i >= lo and k - i < 40:
            t = c.tokens[i].text
            if c.tags[i] in ("VBD", "VBZ", "VBP", "MD"):
                rel = next((r for r in range(i - 1, max(lo, i - 16) - 1, -1) if c.tags[r] in ("WP", "WDT")), None)
                if rel is None:
                    break
                i = rel  # "Name, who runs the campaign, said": step over the relative clause
            if t == QUOTE or t in (".", ";", ":", "("):
                break
            if t == ",":
                chunks.append((i + 1, end))
                end = i
            i -= 1
        chunks.append((i + 1, end))
        found: list[Candidate] = []
        for a, b in chunks:  # nearest the verb first
            if b - 1 >= a and c.tags[a] not in ("WP", "WDT"):
                cand = self._head_with_complement(c, self._chunk_head(c, a, b), a) or self._named_by_who(c, a, b)
                if cand is not None:
                    found.append(cand)
        for kind in ("person", "org", "pronoun"):
            named = [x for x in found if x.kind == kind]
            if named:
                return named[-1]  # the leftmost: the subject the appositives describe
        return found[-1] if found else None

    def _named_by_who(self, c: Clause, a: int, b: int) -> Candidate | None:
        """A capitalised phrase that "who" describes is a person's name, though its words are common ones: "Small,
        who attended the rally, said", "Young, who ran the campaign, said"."""
        words = [t.text for t in c.tokens[a:b]]
        if not (1 <= len(words) <= 3 and b + 1 < len(c.tokens) and c.tokens[b].text == ","
                and c.tokens[b + 1].text.lower() == "who"
                and all(w[:1].isupper() and w.replace("-", "").replace("'", "").isalpha() for w in words)
                and words[0].lower() not in PRONOUNS and words[0].lower().rstrip(".") not in TITLES):
            return None
        name = " ".join(words)
        return Candidate("", name, "person", self.people.canonical(name, c.tokens[a].start), None, 0.0,
                         c.tokens[a].start, c.tokens[b - 1].end)

    def _chunk_head(self, c: Clause, a: int, b: int) -> int:
        """The head of the phrase [a, b): the last noun before a preposition ("attorney general of Oklahoma")."""
        for i in range(a, b):
            if c.tags[i] in ("IN", "TO") and i > a:
                return i - 1
        return max(self._skip_back(c, b - 1, a), a)

    def _head_with_complement(self, c: Clause, j: int, lo: int) -> Candidate | None:
        """The noun phrase headed at j; "a spokesman for the campaign said" heads on "spokesman", "a columnist for
        the tech news site Pando said" on "columnist" (a name the common nouns before it describe is no head)."""
        first, cand = self._np_at(c, j, lo)
        if cand is None or cand.kind in ("pronoun",):
            return cand
        if cand.kind != "descriptor":
            described = first
            while described - 1 >= lo and c.tags[described - 1] in NP_TAGS and c.tokens[described - 1].text != QUOTE \
                    and self.name_at.get(c.tokens[described - 1].start) is None \
                    and c.tokens[described - 1].text.lower().rstrip(".") not in TITLES:
                described -= 1
            if described < first and c.tags[described] in ("DT", "PRP$") and (
                    any(c.tags[i] in ("NN", "NNS") for i in range(described + 1, first))
                    or described - 2 >= lo and not (c.tokens[described - 2].text[:1].isupper()
                                                     and c.tokens[described - 2].text.lower().rstrip(".") in TITLES)):
                # "the website Politico", "the tech news site Pando", "a spokeswoman for the Fair Immigration Reform
                # Movement", "Tom Kertscher of The Milwaukee Journal Sentinel"; not "Secretary of the State Denise
                # Merrill", an office before "of ... Name"
                first = described
        if first - 2 >= lo and c.tokens[first - 1].text.lower() in COMPLEMENT_PREPS + ("to",) \
                and (c.tags[first - 2] in NOUN_TAGS
                     or (c.tags[first - 2] in ("JJ", "RB", "VBN")
                         or c.tokens[first - 2].text.lower() in COMPLEMENT_ADJECTIVES)
                     and first - 3 >= lo and c.tags[first - 3] in NOUN_TAGS):
            # "a spokesman for the campaign", "a source familiar with the investigation", "two officials briefed on
            # the plan"
            hfirst, head = self._np_at(c, first - 2 if c.tags[first - 2] in NOUN_TAGS else first - 3, lo)
            if head is not None and head.kind == "person":
                return head  # "Sen. Ted Cruz of Texas"
            if head is not None and head.kind == "descriptor" and cand.kind in ("person", "org") \
                    and c.tokens[first - 1].text.lower() == "by" and c.tokens[first - 2].text.lower() in AUTHORED:
                return self._work_of(c.tokens[hfirst].start, cand)  # "a statement released by the ministry said"
            if head is not None and head.kind == "descriptor":
                text = self.text[c.tokens[hfirst].start:c.tokens[j].end]
                return Candidate("", text, "descriptor", text, None, 0.0, c.tokens[hfirst].start, c.tokens[j].end)
        return cand

    def _work_of(self, at: int, author: Candidate) -> Candidate:
        """A document by someone ("a statement released by the ministry"): whose work it is speaks; the phrase is kept
        as printed from ``at``, so an editor finds it on the page."""
        text = self.text[at:author.end]
        return Candidate("", text, author.kind, author.speaker, None, 0.0, at, author.end)

    def main_subject(self, c: Clause, k: int, lo: int) -> Candidate | None:
        """The subject of the clause a participle hangs on: the noun phrase before its first finite verb, after any
        opening phrases ("In 2014, when Russia annexed Crimea, Secretary of State John Kerry was ..., saying")."""
        start = min(opening_clause_end(c, lo), k)
        for v in range(start, k):
            if c.tags[v] in ("VBD", "VBZ", "VBP") and c.tokens[v].text != QUOTE:
                return self.subject_before(c, v, start) if v > start else None
        return None

    def object_after(self, c: Clause, k: int, hi: int) -> Candidate | None:
        """The subject after an inverted cue: ", said Park" / ", said the ministry's spokesman"."""
        j = k + 1
        if j >= hi:
            return None
        # extend over the noun phrase to its head: stop at a comma, a preposition, a verb, the end, or a determiner
        # that opens another phrase ("said Kyle Kondik a political analyst", the comma left out)
        last = j
        while last + 1 < hi and (c.tags[last + 1] in NP_TAGS and c.tags[last + 1] != "DT"
                                 or self.name_at.get(c.tokens[last + 1].start)
                                 is self.name_at.get(c.tokens[last].start) is not None):
            last += 1
        while last > j and c.tags[last - 1] in NOUN_TAGS and self.name_at.get(c.tokens[last].start) is None and (
                c.tags[last] == "JJ" or c.tokens[last].text.lower() in COMPLEMENT_ADJECTIVES):
            last -= 1  # "said a person familiar with the matter": the adjective opens the complement, after the head
        if c.tags[j] == "PRP":
            last = j
        if last == j and j + 2 < hi and c.tokens[j + 1].text.lower() == "of" and (
                c.tags[j] == "CD" or c.tokens[j].text.lower() in PARTITIVES):
            # "says one of Bloomberg's three sources": the part of a group that spoke
            whole = self.object_after(c, j + 1, hi)
            if whole is not None and whole.kind in ("descriptor", "org"):
                text = self.text[c.tokens[j].start:whole.end]
                return Candidate("", text, "descriptor", text, None, 0.0, c.tokens[j].start, whole.end)
        if last > j and c.tokens[last].text.lower() in AUTHORED and last + 1 < hi and c.tokens[last + 1].text == "by":
            last -= 1  # "a court document filed by ...": the participle opens what follows the head
        _, cand = self._np_at(c, last, j)
        if cand is not None and cand.kind == "descriptor":
            by = last + 1 + (last + 1 < hi and c.tokens[last + 1].text.lower() in AUTHORED)
            if by + 1 < hi and c.tokens[by].text.lower() == "by":
                author = self.object_after(c, by, hi)
                if author is not None and author.kind in ("person", "org"):
                    # "according to calculations by Amy Glasmeier"
                    return self._work_of(cand.at, author)
        end = self._complement_end(c, last, hi) if cand is not None and cand.kind == "descriptor" else None
        named = self.name_at.get(c.tokens[end].start) if end is not None else None
        head = c.tokens[last].text.lower()
        if named is not None and named.label == "PERSON" and c.tokens[last + 1].text == "of" \
                and head in OFFICE_WORDS and not head.startswith("spokes"):
            # "said Secretary of Defense Lloyd Austin": the person holding the office speaks (not "a spokesman for
            # Gen. Martin E. Dempsey", nor "a spokeswoman of Mayor Adams")
            return self._np_at(c, end, last + 1)[1]
        if end is not None:  # ", said a source close to the campaign."
            text = self.text[cand.at:c.tokens[end].end]
            return Candidate("", text, "descriptor", text, None, 0.0, cand.at, c.tokens[end].end)
        return cand

    @staticmethod
    def _has_own_verb(c: Clause, cand: Candidate, lo: int, hi: int) -> bool:
        """Whether a finite verb follows the phrase (its tokens in [lo, hi)): it is the subject of a clause of its
        own."""
        after = next((i for i in range(lo, hi) if c.tokens[i].start >= cand.end), None)
        return after is not None and c.tags[after] in ("VBD", "VBZ", "VBP", "MD")

    def _complement_end(self, c: Clause, j: int, hi: int) -> int | None:
        """The last token of a complement after the head at j that runs to the end of its clause ("a source close to
        the campaign.", "a spokesman for the Kremlin,"), or None."""
        i = j + 1
        preps = COMPLEMENT_PREPS  # not "to": "said an official to Politico"
        if i + 1 < hi and c.tokens[i].text.lower() in COMPLEMENT_ADJECTIVES:
            i += 1
            preps = ("to", "with", "on", "about", "in")  # "close to", "familiar with", "briefed on", "involved in"
        if i + 1 >= hi or c.tokens[i].text.lower() not in preps:
            return None
        end = i
        while end + 1 < hi and end - i < 8 and c.tokens[end + 1].text != QUOTE and (
                c.tags[end + 1] in NP_TAGS or self.name_at.get(c.tokens[end + 1].start) is not None):
            end += 1
        if end == i or c.tags[end] not in NOUN_TAGS:
            return None
        return end if end + 1 >= hi or c.tokens[end + 1].text in (",", ".", ";", ":", ")", "—", "–") else None

    # --- neighbours: by number, not by offset, since removed page furniture ("ADVERTISEMENT", a caption) leaves
    # gaps between the kept paragraphs and sentences ----------------------------------------------------------
    def paragraph_before(self, para: Span | None) -> Span | None:
        i = self.paragraph_number.get(para.start, 0) if para is not None else 0
        return self.paragraph_index.spans[i - 1] if i > 0 else None

    def sentence_before(self, sent: Span) -> Span | None:
        i = self.sentence_number.get(sent.start, 0)
        return self.sentence_index.spans[i - 1] if i > 0 else None

    def sentence_after(self, sent: Span) -> Span | None:
        i = self.sentence_number.get(sent.start)
        spans = self.sentence_index.spans
        return spans[i + 1] if i is not None and i + 1 < len(spans) else None

    # --- rules -----------------------------------------------------------------------
    def is_cue(self, c: Clause, k: int) -> bool:
        """Whether token k is a cue verb (remembered per clause: the rules and the mention features ask often)."""
        if not c.cues:
            c.cues = [None] * len(c.tokens)
        known = c.cues[k]
        if known is None:
            known = c.cues[k] = self._is_cue(c, k)
        return known

    def _is_cue(self, c: Clause, k: int) -> bool:
        tok = c.tokens[k].text
        w = tok.lower()
        if w == "put":
            return k + 1 < len(c.tokens) and c.tokens[k + 1].text.lower() == "it"  # "as The New Yorker put it"
        if w in BACK_CUES:  # "Hillary shot back,", "the campaign fired back:"; not "shot a video"
            return k + 1 < len(c.tokens) and c.tokens[k + 1].text.lower() == "back"
        if w in ("read", "reads"):  # '"...," the email read.' / 'The sign reads: "..."', not "he read the report"
            nxt = c.tokens[k + 1].text if k + 1 < len(c.tokens) else ""
            return k > 0 and c.tags[k - 1] in ("NN", "NNS") and nxt in (":", ",", ".", QUOTE, "")
        if w not in cue_words():
            return False
        if c.tags[k].startswith("VB"):
            return True
        after = k + 1
        if after + 1 < len(c.tokens) and c.tags[after] == "RB" and c.tokens[after].text.endswith("ly"):
            after += 1  # over a manner adverb: "As Berner states optimistically, ..."
        nxt = c.tokens[after].text if after < len(c.tokens) else ""
        if w in SPEECH_VERB_SET and tok.islower() and k > 0 and (
                c.tags[k - 1] in NOUN_TAGS | {"PRP"} or self.name_at.get(c.tokens[k - 1].start) is not None):
            if nxt in (":", ",", "that", "out", QUOTE):
                return True  # "The New York Times reports: ...", "Soave points out," read as plural nouns
            if nxt in (".", "") and any(c.tokens[i].text == QUOTE and all(g in NP_TAGS for g in c.tags[i + 1:k])
                                        for i in range(max(0, k - 8), k - 1)):
                return True  # '"...," the report states.': a noun phrase between the quotation and the verb
        # a speech verb the tagger read as a noun ("says" after a quote): trusted when lowercase and not a noun
        return w in SPEECH_VERB_SET and tok.islower() and c.tags[k] not in NP_TAGS

    def candidates(self, passage: Span) -> list[Candidate]:
        s0 = self.sentence_index.containing(passage.start) or Span(passage.start, passage.start)
        s1 = self.sentence_index.containing(passage.end) or Span(passage.end, passage.end)
        para = self.paragraph_index.containing(passage.start)
        c = self.clause(min(s0.start, passage.start), max(s1.end, passage.end))
        qi = c.quote_at.get(passage.start)
        if qi is None:
            return []
        n = len(c.tokens)
        lo = qi - 1
        while lo >= 0 and c.tokens[lo].text != QUOTE:
            lo -= 1
        lo += 1
        hi = qi + 1
        while hi < n and c.tokens[hi].text != QUOTE:
            hi += 1
        out: list[Candidate] = []
        # a sign-off: "Q ― Francisco Herrero"
        if qi + 2 < hi and c.tokens[qi + 1].text in DASHES:
            out += self._sign_off(c, qi + 1, hi)
        # post: "Q, Park said" / "Q, said Park" / "Q, he added in a statement"
        j = qi + 1
        while j < hi and c.tokens[j].text in PUNCT_LEAD:
            j += 1
        post_tokens = hi - j
        # '... neighborhood." Russia insisted ...': a quote ending in a full stop ends its sentence, so a capitalised
        # word after it starts the next one, unless that is a short attribution line ('"Why?" Trump asked.')
        ends = self.text[passage.end - 1:passage.end] in (".", "!", "?") and j < hi and \
            c.tokens[j].text[:1].isupper() and c.tokens[j - 1].text not in (",", "—", "–")
        scan_post = not ends or hi - j <= 8
        if post_tokens == 0 and hi == n and lo == 0:  # '"...," Trump said.' with the cue split off as a sentence
            nxt = self.sentence_after(s1)
            npara = self.paragraph_index.containing(nxt.start) if nxt is not None else None
            if nxt is not None and npara is para and nxt.start > passage.end:
                c2 = self.clause(nxt.start, nxt.end)
                if len(c2.tokens) >= 2 and c2.tokens[0].text in DASHES:  # the sign-off split off as a sentence
                    out += self._sign_off(c2, 0, len(c2.tokens))
                elif c2.tokens and len(c2.tokens) <= 8:
                    out += self._scan(c2, 0, min(len(c2.tokens), 5), "next-sentence", 0.8)
            elif nxt is not None and npara is not None and npara.end <= nxt.end + 1:
                # a sign-off line of its own after a quotation paragraph: '"...."' then "- Sanders." or
                # "— President Obama, tweeting after the speech."
                c2 = self.clause(nxt.start, nxt.end)
                if 2 <= len(c2.tokens) <= 16 and c2.tokens[0].text in DASHES:
                    out += self._sign_off(c2, 0, len(c2.tokens))
        for k in range(j, min(hi, j + 12) if scan_post else min(hi, j + 5)):
            if not self.is_cue(c, k):
                continue
            if not scan_post and not self._closes_clause(c, k, hi):
                continue  # 'Q." Russia insisted that ...' is the next sentence; 'Q!" Dawson shouted, ...' is not
            passive, agent = self.passive_agent(c, k, hi)
            if passive:  # 'Q," she was told by Y' / '"Q" was how the plan was described by Y'
                if agent is None:
                    continue  # the subject did not speak: maybe a cue further on names who did
                out.append(self._with(agent, "passive: by X", c.tokens[k].text, 0.9))
                break
            inverted = k == j or (c.tokens[k - 1].text == "," and k + 1 < hi
                                  and self.name_at.get(c.tokens[k + 1].start) is not None)
            opens = k == j and qi == lo and c.tags[k] in ("VBD", "VBZ")
            if inverted and (c.tokens[k].text.lower() in INVERTIBLE or opens):
                # '"...," said Park' / '"...," opined the Plain Dealer': any cue right after a quotation that opens its
                # clause (not 'X, who accused the town of "hatred", described the event as ...')
                cand = self.object_after(c, k, hi)
                if cand and self._has_own_verb(c, cand, k + 1, hi):
                    cand = None  # 'Manafort, citing "...," said the candidate could win': what he said, not who
                if cand:
                    out.append(self._with(cand, "after: said X", c.tokens[k].text, 0.95))
                    break
            cand = self.subject_before(c, k, j)
            if cand:
                gap = self._gap_before(c, j, cand.at) if cand.at >= 0 else []
                if not gap:
                    out.append(self._with(cand, "after: X said", c.tokens[k].text, 0.95))
                else:
                    # '... a "whole range" of measures, officials said.': a closing reporting clause covers the
                    # whole sentence and outranks a verb inside it
                    first = next(i for i in range(j, k + 1) if c.tokens[i].start >= cand.at)
                    closing = c.tokens[first - 1].text == "," and hi - k <= 5
                    out.append(self._with(cand, "end: ..., X said" if closing else "later: X said",
                                          c.tokens[k].text, 0.85 if closing else 0.6))
            break
        # before: "Park said:" / "Park said that ... Q" / "said Park:"
        for k in range(qi - 1, lo - 1, -1):
            if not self.is_cue(c, k) or c.tokens[k].text.lower() == "according":  # its own rule, below
                continue
            colon = c.tokens[qi - 1].text in (":", ",")
            passive, agent = self.passive_agent(c, k, hi)
            if passive:  # 'X has been called "strategic ambiguity" by Y'
                if agent is None:
                    continue  # 'the projection cited by Y was based on "..."': the subject did not speak
                out.append(self._with(agent, "passive: by X", c.tokens[k].text, 0.9))
                break
            cand = self.subject_before(c, k, lo)
            if cand is None and c.tokens[k].text.lower() in INVERTIBLE:
                cand = self.object_after(c, k, qi)
                if cand and self._has_own_verb(c, cand, k + 1, qi):
                    cand = None  # '..., says Smith chose "the usual approach"': who chose, not who said
            if cand:
                out.append(self._with(cand, "before: X said:" if colon else "before: X said that", c.tokens[k].text,
                                      0.9 if colon else 0.8))
                break
        if not out and lo > 0:
            # a later partial quote under the reporting verb of an earlier one: 'the ministry said the launch "throws
            # cold water" on the president's hopes to "stabilize peace"'
            for k in range(lo - 2, -1, -1):
                if c.tokens[k].text == QUOTE or not self.is_cue(c, k):
                    continue
                bound = max((i for i in range(k) if c.tokens[i].text == QUOTE), default=-1) + 1
                cand = self.subject_before(c, k, bound)
                if cand:
                    out.append(self._with(cand, "before: X said that", c.tokens[k].text, 0.75))
                break
        # a possessor of a speech noun: "Trump's claim that there were "thousands of shootings""
        if not out:
            for k in range(qi - 1, max(lo, qi - 8) - 1, -1):
                if c.tags[k] in ("NN", "NNS") and c.tokens[k].text.lower() in cue_words() and k - 1 >= lo:
                    if c.tags[k - 1] == "POS" and k - 2 >= lo:
                        _, cand = self._np_at(c, k - 2, lo)
                    elif c.tags[k - 1] == "PRP$" and c.tokens[k - 1].text.lower() in POSSESSIVE_PRONOUNS:
                        cand = Candidate("", POSSESSIVE_PRONOUNS[c.tokens[k - 1].text.lower()], "pronoun", None,
                                         None, 0.0, c.tokens[k - 1].start, c.tokens[k - 1].end)
                    else:
                        continue
                    if cand:
                        out.append(self._with(cand, "before: X's statement", c.tokens[k].text, 0.75))
                    break
        # later in the sentence: 'a "whole range" of issues, officials said'
        if not out:
            for k in range(hi - 1, j + 11, -1):
                if self.is_cue(c, k):
                    cand = self.subject_before(c, k, qi + 1)
                    if cand:
                        out.append(self._with(cand, "later: X said", c.tokens[k].text, 0.75))
                    break
        # no speech verb, but the quote sits inside a clause with a named subject: 'Reid has gone after Trump as a "leech"'
        if not out and qi > lo:
            cand = self.main_subject(c, qi, lo)
            if cand:
                out.append(self._with(cand, "embedded: subject of the clause", None,
                                      0.5 if cand.kind in ("person", "org", "pronoun") else 0.4))
        # according to X / in the words of X
        for k in range(lo, hi - 1):
            of = source_phrase_end(c, k) if c.tokens[k].text in SOURCE_PHRASE_OPENERS else None
            if of is not None:
                if k > qi and _reported_right_after(out):
                    break  # '"...," Barr said, according to Bloomberg': Bloomberg reports what Barr said
                if k < qi and any(c.tokens[i].text == ";" or c.tokens[i].text.lower() in CLAUSE_JOINERS
                                  and c.tokens[i - 1].text == "," for i in range(of + 1, qi)):
                    break  # its clause ends before the quotation: 'according to its count the party won, but "we are
                    # still counting"' (the words of whoever says the whole sentence)
                cand = self.object_after(c, of, hi if k > qi else qi)
                if cand:
                    cue = " ".join(t.text.lower() for t in c.tokens[k:of + 1])
                    out.append(self._with(cand, "according to X", cue, 0.85 if not out else 0.7))
                break
        if any(x.rule == "before: X said that" for x in out):
            # "The ministry has promised a "whole range" of measures, officials said": the words are the ministry's,
            # reported by officials; the inner cue outranks the closing clause (PolNeAR's training split holds one
            # such quotation, too few for the ranker to learn it from)
            out = [self._with(x, x.rule, x.cue, 0.75) if x.rule == "end: ..., X said" else x for x in out]
        return out

    @staticmethod
    def _gap_before(c: Clause, j: int, at: int) -> list[Token]:
        """The words between a quotation's close (token j) and its speaker's phrase at offset ``at``, but for a
        chain of titles right before it: in '"...," AHIP President and CEO Karen Ignagni said' and '"...," geologist
        Carolyn Parcheta told', none."""
        k = j
        while k < len(c.tokens) and c.tokens[k].start < at:
            k += 1
        role = 0  # lowercase role words before the name: "geologist", "state senator"
        while k > j and (c.tokens[k - 1].text[:1].isupper() or c.tokens[k - 1].text in TITLE_JOINERS
                         or role < 2 and c.tags[k - 1] in ("NN", "JJ") and c.tokens[k - 1].text.isalpha()):
            role += not c.tokens[k - 1].text[:1].isupper()
            k -= 1
        return [t for t in c.tokens[j:k] if t.text.isalnum() and t.text.lower() not in ("and", "but", "as")]

    def _sign_off(self, c: Clause, dash: int, hi: int) -> list[Candidate]:
        """The name after the dash of "Q ― Francisco Herrero"."""
        cand = self.object_after(c, dash, hi)
        return [self._with(cand, "sign-off: Q ― X", None, 0.85)] if cand and cand.kind in ("person", "org") else []

    def _closes_clause(self, c: Clause, k: int, hi: int) -> bool:
        """The cue at k ends a reporting clause: what follows is punctuation, an adverbial or "and"."""
        if k + 1 >= hi:
            return True
        nxt, tag = c.tokens[k + 1].text, c.tags[k + 1]
        return nxt in (",", ".", ";", "!", "?", "and", "as", "—", "–", "--") or tag in ("IN", "TO", "RB") and nxt != "that"

    def _scan(self, c: Clause, lo: int, hi: int, rule: str, conf: float) -> list[Candidate]:
        """The first cue in [lo, hi) and its subject (or, right at lo, its inverted subject)."""
        for k in range(lo, hi):
            if self.is_cue(c, k):
                if k == lo and c.tokens[k].text.lower() in INVERTIBLE:
                    cand = self.object_after(c, k, hi)
                else:
                    cand = self.subject_before(c, k, lo)
                return [self._with(cand, rule, c.tokens[k].text, conf)] if cand else []
        return []

    def _with(self, cand: Candidate, rule: str, cue: str | None, conf: float) -> Candidate:
        return Candidate(rule, cand.mention, cand.kind, cand.speaker, cue.lower() if cue else None, conf, cand.at,
                         cand.end)

    # --- context rules (no reporting clause in the sentence) ---------------------------------
    def introduced(self, passage: Span) -> list[Candidate]:
        """A quote that opens its sentence after "He said:" or "X said." in the sentence or paragraph before."""
        s0 = self.sentence_index.containing(passage.start)
        if s0 is None:
            return []
        prev = self.sentence_before(s0)
        if prev is None or prev.end > passage.start:
            return []
        para_prev = self.paragraph_index.containing(prev.start)
        para_here = self.paragraph_index.containing(passage.start)
        if para_prev is not para_here and not self.text[prev.start:prev.end].rstrip().endswith(":"):
            return []
        c = self.clause(prev.start, prev.end)
        if any(t.text == QUOTE for t in c.tokens):
            return []
        ends_colon = self.text[prev.start:prev.end].rstrip().endswith(":")
        for k in range(len(c.tokens) - 1, -1, -1):
            if self.is_cue(c, k):
                cand = self.subject_before(c, k, 0)
                if cand:
                    return [self._with(cand, "introduced: X said:" if ends_colon else "introduced: X said",
                                       c.tokens[k].text, 0.8 if ends_colon else 0.6)]
                break
        if para_prev is para_here or ends_colon:
            # the paragraph's subject speaks on: "Sanders identified three reasons. "The younger people ...""
            cand = self.sentence_subject(c, prev.end)
            if cand and (cand.kind == "person" or (ends_colon and cand.kind in ("org", "descriptor"))):
                return [self._with(cand, "introduced: subject of the sentence before", None, 0.7 if ends_colon else 0.4)]
        return []

    def resolve(self, cand: Candidate, offset: int, context: list[str] | None = None,
                appositive: str | None = None) -> Attribution:
        if cand.kind == "pronoun":
            pron, at = cand.mention.lower(), cand.at if cand.at >= 0 else offset
            ents = antecedent_candidates(self, pron, at, [a.speaker for _, a in self.chain[-3:] if a.speaker]) \
                if pron in ("he", "she", "it", "they") else []
            for e in ents:
                e.features = entity_features(e, context or [])
            ranker = speaker_ranker()
            best = ranker.best_antecedent(ents) if ranker is not None else None
            found = (best.name, best.kind) if best is not None else self.resolve_pronoun(pron, at)
            att = Attribution(found[0], cand.mention, cand.cue, cand.confidence - 0.1, found[1]) if found else \
                Attribution(None, cand.mention, cand.cue, 0.0, None)
            att.antecedents = ents
            return att
        if cand.kind in ("person", "org"):
            return Attribution(cand.speaker, cand.mention, cand.cue, cand.confidence, cand.kind)
        if appositive:
            return Attribution(appositive, cand.mention, cand.cue, cand.confidence, "person")
        org = self.named_org(cand.mention, offset)
        if org is not None:
            return Attribution(org, cand.mention, cand.cue, cand.confidence - 0.1, "org")
        person = described_person(cand.mention, self.people, offset)
        if person is not None:  # "the governor said" after "Gov. Chris Christie"
            return Attribution(person.name, cand.mention, cand.cue, cand.confidence - 0.1, "person")
        return Attribution(cand.speaker, cand.mention, cand.cue, cand.confidence - 0.2, "descriptor")

    def pronoun_referent(self, pron: str, at: int, depth: int = 0) -> Antecedent | None:
        """The antecedent the ranker gives a "he" or "she" at ``at`` that speaks no quotation: a subject pronoun
        before a speaker's pronoun carries its referent on ("President Donald Trump ... He took to Twitter ... he
        made ... '...,' he said"). None without the learned weights, or ``PRONOUN_CHAIN_DEPTH`` pronouns deep."""
        ranker = speaker_ranker()
        if ranker is None or depth >= PRONOUN_CHAIN_DEPTH:
            return None  # not remembered: a shallower chain may still reach this pronoun's referent
        key = (pron, at)
        if key not in self._referents:
            # no previous speakers: that a quotation's "he" goes on with the last quotation's speaker says nothing
            # of a "he" in narration ("Suu Kyi ... She has assumed a role" after a quotation of Obama's)
            ents = antecedent_candidates(self, pron, at, [], depth + 1)
            for e in ents:
                e.features = entity_features(e, [])
            self._referents[key] = ranker.best_antecedent(ents)
        return self._referents[key]

    def named_org(self, phrase: str, offset: int) -> str | None:
        """The organisation named before ``offset`` that a definite description stands for (``people.described_org``)."""
        return described_org(phrase, self.orgs, offset)

    def resolve_pronoun(self, pron: str, offset: int) -> tuple[str, str] | None:
        """"he" / "she": the person who is the subject of the sentences before, nearest first.

        News copy keeps its topic in subject position ("Ryan, ..., said ...
        "...," he said"), so a subject outranks a person merely named later in
        the sentence. A subject pronoun of the same gender continues the
        chain back to its own antecedent. Failing that: the last speaker, then
        the nearest person named before.
        """
        gender = PRONOUNS.get(pron)
        if pron not in ("he", "she", "it", "they"):
            return None
        wanted = ("person",) if pron in ("he", "she") else ("org",) if pron == "it" else ("org", "descriptor")
        here = self.sentence_index.containing(offset)
        para = self.paragraph_index.containing(offset)
        if here is not None and para is not None:
            k = self.sentence_number[here.start]
            prev_para = self.paragraph_before(para)
            floor = prev_para.start if prev_para is not None else para.start
            for i in range(k, max(-1, k - 6), -1):
                s = self.sentence_index.spans[i]
                if s.start < floor:
                    break
                c = self.clause(s.start, s.end)
                subj = None if i == k else self.sentence_speaker(c)
                if subj is None or subj.kind != "person":
                    subj = self.sentence_subject(c, offset if i == k else s.end)
                if subj is None:
                    continue
                if subj.kind == "person" and "person" in wanted:
                    p = self.people.lookup(name_words(subj.speaker or subj.mention), subj.at)
                    if self._gender_ok(p.gender if p else None, gender):
                        return subj.speaker, "person"
                if subj.kind in wanted and subj.kind != "person":
                    if subj.kind == "org" or (pron == "they" and subj.mention.lower().endswith("s")):
                        return subj.speaker, subj.kind
        if pron not in ("he", "she"):
            return None
        if self.chain:
            last = self.chain[-1][1]
            if last.kind == "person" and last.speaker:
                p = self.people.lookup(last.speaker.split(), offset)
                if p is None or self._gender_ok(p.gender, gender):
                    return last.speaker, "person"
        nearest = self.people.nearest_before(offset, lambda p: self._gender_ok(p.gender, gender))
        return (nearest.name, "person") if nearest else None

    def sentence_speaker(self, c: Clause) -> Candidate | None:
        """Who an earlier sentence attributes words to in a closing clause: "..., noted NBC's Dante Chinni.",
        "..., Mr. Obama said in his interview."."""
        for k in range(1, len(c.tokens)):
            if not self.is_cue(c, k):
                continue
            if c.tokens[k - 1].text in (",", QUOTE) and c.tokens[k].text.lower() in INVERTIBLE and k + 1 < len(c.tokens):
                cand = self.object_after(c, k, len(c.tokens))
            else:
                j = self._skip_back(c, k - 1, 0)
                sp = self.name_at.get(c.tokens[j].start) if j >= 0 else None
                first = j
                while first - 1 >= 0 and self.name_at.get(c.tokens[first - 1].start) is sp:
                    first -= 1
                closing = sp is not None and first - 1 >= 0 and c.tokens[first - 1].text in (",", QUOTE)
                cand = self._np_at(c, j, 0)[1] if closing else None
            if cand is not None and cand.kind == "person":
                return cand
        return None

    def sentence_subject(self, c: Clause, before: int, lo: int = 0) -> Candidate | None:
        """The first noun phrase of a sentence, after any opening adverbial ("On Wednesday, Trump ...")."""
        toks, tags = c.tokens, c.tags
        n = lo
        while n < len(toks) and toks[n].start < before:
            n += 1
        i = lo
        dash = next((j for j in range(lo, min(n, lo + 12)) if toks[j].text in DASHES), None)
        if dash is not None and any(t.text.isupper() and len(t.text) >= 3 for t in toks[lo:dash]):
            i = lo = dash + 1  # a dateline: "FLINT, Mich., Oct. 4 (UPI) — Former President Bill Clinton ..."
        opens_with_time = n > lo and toks[lo].text.lower() in TIME_WORDS
        if n > lo and (tags[lo] in ("IN", "RB", "CC", "VBG", "TO", "WRB", "VBN", "JJ") or opens_with_time) \
                and not self.name_at.get(toks[lo].start):
            finite = next((j for j in range(lo, n) if tags[j] in ("VBD", "VBZ", "VBP")), n)
            commas = [j for j in range(lo, n) if toks[j].text == ","]
            before_finite = [j for j in commas if j < finite]
            if before_finite:  # "Speaking at a rally in Novi, Michigan, Trump says"
                i = before_finite[-1] + 1
            elif commas and tags[lo] in ("IN", "WRB"):
                i = commas[0] + 1  # "Though she called it ..., Clinton restricted ...": the main clause's subject
            if i > lo and i < n and tags[i] in ("IN", "WRB") and not self.name_at.get(toks[i].start):
                # a second opening clause: "In 2014, when Russia annexed Crimea, Secretary of State John Kerry ..."
                i = next((j + 1 for j in range(i + 1, n) if toks[j].text == ","), i)
        floor = i  # the phrase may reach back over its determiner and modifiers: "The department-store chain"
        while i < n:
            t = toks[i]
            if t.text == QUOTE or tags[i] in ("VBD", "VBZ", "VBP", "MD"):
                return None
            if self.name_at.get(t.start) or tags[i] in NOUN_TAGS or (tags[i] == "PRP" and t.text.lower() in PRONOUNS):
                j = i
                sp = self.name_at.get(t.start)
                # "Secretary of State John F. Kerry", "Charlotte Mayor Jennifer Roberts": the name after the title
                if sp is None or sp.label != "PERSON" or titles_a_person(self, c, self.name_end(c, i, n)):
                    for r in range(i + 1, min(n, i + 6)):
                        sp_r = self.name_at.get(toks[r].start)
                        if sp_r is not None and sp_r.label == "PERSON":
                            i = r
                            t = toks[r]
                            sp = sp_r
                            break
                        if not (toks[r].text[:1].isupper() or toks[r].text == "of"):
                            break
                    j = i
                if tags[i] != "PRP":
                    # to the head of the noun phrase: "the South Korean Foreign Ministry", "economist Aparna Mathur",
                    # "the New York businessman", "Gary Johnson's doctor"
                    while j + 1 < n and (tags[j + 1] in NOUN_TAGS or tags[j + 1] in ("JJ", "VBN")
                                         or self.name_at.get(toks[j + 1].start)
                                         or (tags[j + 1] == "POS" and j + 2 < n
                                             and (tags[j + 2] in NOUN_TAGS or tags[j + 2] in ("JJ", "CD")))):
                        here_sp = self.name_at.get(toks[j].start)
                        if here_sp is not None and here_sp.label == "PERSON" and tags[j + 1] not in ("POS",) \
                                and self.name_at.get(toks[j + 1].start) is not here_sp and tags[j + 1] != "NN" \
                                and not modifies_noun(self, c, j):
                            break  # a person's name heads its phrase: "Scott bristles at ..." is no plural noun
                        j += 1
                    while j > i and tags[j] in ("JJ", "VBN") and not self.name_at.get(toks[j].start):
                        j -= 1
                    # "The minister of the economy, Mr. Guajardo Villarreal, argues": the name in apposition
                    if j + 2 < n and toks[j + 1].text == "," and tags[j] in NOUN_TAGS:
                        for r in range(j + 2, min(n, j + 5)):
                            sp_r = self.name_at.get(toks[r].start)
                            if sp_r is not None and sp_r.label == "PERSON":
                                e = self.name_end(c, r, n)
                                if e + 1 < n and toks[e + 1].text == ",":
                                    j, i = e, j + 2  # from the comma, so an untagged first name joins
                                    floor = i
                                break
                            if not toks[r].text[:1].isupper():
                                break
                _, cand = self._np_at(c, j, floor if tags[i] != "PRP" else i)
                return cand
            i += 1
        return None

    @staticmethod
    def _gender_ok(known: str | None, wanted: str | None) -> bool:
        return wanted is None or known is None or known == wanted

    def attribute(self, passage: Span) -> Attribution:
        """Who said the passage: every phrase around it weighed by the trained ranker (or, without the model, the
        rules' most confident candidate)."""
        found = self.candidates(passage)
        since = self._since_last(passage) if self.chain else None
        carried = self.continuation(since)
        introduced = self.introduced(passage)
        cands = found or carried + introduced
        top = max(cands, key=lambda c: c.confidence) if cands else None
        mentions, context = window_mentions(self, passage)
        if _reported_right_after(found):
            # '"...," Barr said, according to Bloomberg': the outlet reports what Barr said (the rule of
            # ``candidates``); nor may the ranker, which learned PolNeAR's outer sources, choose it
            mentions = [m for m in mentions if m.start < passage.end or "according_to" not in m.features]
        options = merge(mentions, found + introduced, top)
        if since is not None:
            options.append(self._carried_option(since, bool(carried), bool(found)))
        options.append(none_option(context, bool(found)))
        ranker = speaker_ranker()
        if ranker is not None and options:
            ranked = ranker.rank(options)
            att = self._from_option(ranked[0], passage)
            att.confidence = ranker.confidence(ranked)
        elif top is not None:
            att = self.resolve(top, passage.start)
            att.start, att.end = (top.at, top.end) if not top.rule.startswith("continues") else \
                (self.chain[-1][1].start, self.chain[-1][1].end)
        else:
            att = Attribution(None, None, None, 0.0, None)
        att.candidates = cands
        att.options = options
        if att.speaker or att.mention:
            self.chain.append((passage, att))
            del self.chain[:-CHAIN_KEPT]
        return att

    def _since_last(self, passage: Span) -> tuple[Attribution, str, int]:
        """The previous attributed quotation; where this one stands from it: in the "same" paragraph, the "next"
        one or "far"; and how many words of prose lie between them (counted over 400 characters at most)."""
        last, att = self.chain[-1]
        lp = self.paragraph_index.containing(last.end)
        hp = self.paragraph_index.containing(passage.start)
        if lp is hp:
            para = "same"
        elif hp is not None and lp is not None and self.paragraph_number[hp.start] - self.paragraph_number[lp.start] == 1:
            para = "next"
        else:
            para = "far"
        return att, para, len(_WORD.findall(self.text, last.end + 1, min(passage.start - 1, last.end + 401)))

    def _carried_option(self, since: tuple[Attribution, str, int], continues: bool, found: bool) -> Option:
        """The previous quotation's speaker, described by what lies between the two quotations."""
        prev, para, prose = since
        bucket = "0" if prose == 0 else "1-5" if prose <= 5 else "6-12" if prose <= 12 else "13-25" if prose <= 25 else ">25"
        feats = [f"para={para}", f"prose={bucket}", f"para={para}|prose={bucket}", f"prev_kind={prev.kind}",
                 f"continues={continues}", f"rules_found={found}", f"rules_found={found}|para={para}"]
        return carried_option(prev.start, prev.end, feats)

    def _from_option(self, best: Option, passage: Span) -> Attribution:
        if best.none:
            return Attribution(None, None, None, 0.0, None)
        if best.carried:
            prev = self.chain[-1][1]
            return Attribution(prev.speaker, prev.mention, None, 0.0, prev.kind, start=prev.start, end=prev.end)
        if best.candidates:
            cand = max(best.candidates, key=lambda c: c.confidence)
        else:
            m = best.mention
            cand = Candidate("ranked", m.text, m.kind, m.speaker, m.cue, 0.0, m.start, m.end)
        context = [x for x in best.features if x.startswith("pos=") and "|" not in x]
        att = self.resolve(cand, passage.start, context, best.mention.appositive if best.mention else None)
        att.start, att.end = best.start, best.end
        return att

    def continuation(self, since: tuple[Attribution, str, int] | None) -> list[Candidate]:
        """A quote that follows the previous quote (``_since_last``) with no prose in between takes its speaker."""
        if since is None:
            return []
        att, para, prose = since
        if para == "same" or (para == "next" and not prose):
            # the prose between is the previous quote's own reporting clause, or nothing
            conf = 0.7 if prose <= 25 else 0.5
            return [Candidate("continues the previous quote", att.mention or "", att.kind or "descriptor",
                              att.speaker, None, min(conf, max(att.confidence - 0.1, 0.1)))]
        return []
