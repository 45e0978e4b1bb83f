"""Every noun phrase around a quotation that could be its speaker, with what its context says about it.

The reporting-clause rules in ``attribution`` propose a few candidates each
from one pattern; a speaker is often named where no single pattern looks
(the sentence before, a parenthesis, a clause after a dash). This stage lists
every person, organisation, pronoun and noun phrase in a window of sentences
around the quotation (the one before, the quotation's own, the one after,
within the paragraph and the one before) and describes each by its position relative to
the quotation and the words beside it: a cue verb after it ("X said"), a cue
verb before it (", said X"), an addressee's preposition ("told X"), a
parenthesis, how many other phrases sit nearer the quotation. ``ranking``
weighs these descriptions with weights learned from PolNeAR's training split.

Features are plain strings, so the trained model is a JSON table of weights.
Names themselves never become features: the model learns how speakers are
introduced, not who they are.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .model import Span
from .people import TITLES
from .ranking import speaker_ranker
from .speakers import SOURCE_PHRASES
from .speaking import never_speaks
from .tagging import dictionary_tag, word_tag

if TYPE_CHECKING:  # the attributor owns tokens, tags and names; this stage only reads them
    from .attribution import ArticleAttributor, Clause

QUOTE = "\u201cQ\u201d"  # the placeholder token that stands for a quotation in a clause (``attribution.Clause``)
NOUN_TAGS = frozenset("NN NNS NNP NNPS".split())
FINITE = frozenset("VBD VBZ VBP MD".split())
PARTICIPLES = frozenset(("VBN", "VBG"))
PRONOUN_FORMS = frozenset("he she they it i we you".split())
ADDRESSEE_PREPS = frozenset("to with told tells tell asked asks ask by".split())
SKIP = frozenset("has have had will would also later then again was were is are be been can could may might should "
                 "must did does do not n't never still already even just only".split())
BE_FORMS = frozenset("is are was were be been being".split())
POSSESSIVE_MARKS = frozenset(["’s", "'s", "’", "'"])  # the word after a possessor, as the tokenizer splits it
WINDOW_BEFORE = 1  # sentence before the quotation's own (two back held 0.25% of PolNeAR train's sources)
WINDOW_AFTER = 1


@dataclass
class Mention:
    """A phrase that may be the speaker: offsets of the phrase (start to the end of its head) and its description."""

    start: int
    end: int
    text: str
    kind: str  # person | org | pronoun | descriptor
    speaker: str | None  # canonical name (people registry) or the phrase; None for a pronoun
    cue: str | None = None  # the cue verb next to it, when there is one
    appositive: str | None = None  # a person named in apposition: "the White House spokesman, Josh Earnest,"
    features: list[str] = field(default_factory=list)


def _bucket(n: int, edges=(0, 1, 2, 3, 5, 8, 12, 20)) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return f">{edges[-1]}"


def _word_class(att: "ArticleAttributor", c: "Clause", k: int) -> str:
    """A token reduced to what matters beside a mention: punctuation and function words as themselves, a cue verb
    as CUE, the rest by tag."""
    if k < 0:
        return "START"
    if k >= len(c.tokens):
        return "END"
    t = c.tokens[k].text
    if t == QUOTE:
        return "QUOTE"
    low = t.lower()
    if att.is_cue(c, k):
        return "CUE"
    if not t[:1].isalnum() or c.tags[k] in ("IN", "TO", "CC", "DT", "WP", "WDT", "PRP", "POS") or low in SKIP:
        return low
    return c.tags[k]


def clause_mentions(att: "ArticleAttributor", c: "Clause") -> list[tuple[int, int, Mention]]:
    """(first token, head token, mention) for every noun phrase of a clause, left to right, each described by the
    words around it (``describe``); computed once per clause, so callers copy a mention before adding features."""
    if c.mentions is None:
        c.mentions = _find_mentions(att, c)
        for first, head, m in c.mentions:
            m.features = describe(att, c, first, head, m)
    return c.mentions


def _find_mentions(att: "ArticleAttributor", c: "Clause") -> list[tuple[int, int, Mention]]:
    out: list[tuple[int, int, Mention]] = []
    n = len(c.tokens)
    seen: set[int] = set()
    for j in range(n):
        tok = c.tokens[j]
        if tok.text == QUOTE:
            continue
        sp = att.name_at.get(tok.start)
        if sp is not None:
            if j + 1 < n and att.name_at.get(c.tokens[j + 1].start) is sp:
                continue  # not the name's last token
            if modifies_noun(att, c, j) or titles_a_person(att, c, j):
                continue  # "the Christie supporter", "Coastal Mutual President and CEO Rosa Lindqvist"
        elif c.tags[j] == "PRP":
            if tok.text.lower() not in PRONOUN_FORMS:
                continue
        elif c.tags[j] in NOUN_TAGS:
            if _verb_read_as_noun(att, c, j) or _not_a_head(att, c, j) or _never_speaks(c, j):
                continue
            if j + 1 < n and (c.tags[j + 1] in NOUN_TAGS and not _verb_read_as_noun(att, c, j + 1)
                              or c.tags[j + 1] == "POS" and j + 2 < n and c.tags[j + 2] in NP_HEAD_AFTER_POS
                              or att.name_at.get(c.tokens[j + 1].start) is not None):
                continue  # not the head of its phrase: "the union" in "the union's leader", "the workers' union"
        else:
            continue
        first, cand = att._np_at(c, j, 0)
        if cand is None or first in seen:
            continue
        seen.add(first)
        start = c.tokens[first].start
        m = Mention(start, tok.end, att.text[start:tok.end], cand.kind, cand.speaker)
        if cand.kind == "descriptor":
            m.appositive = _appositive(att, c, first, j)
        out.append((first, j, m))
    return out


def _never_speaks(c: "Clause", j: int) -> bool:
    """A common noun that no speaker's phrase is headed by (``speaking.never_speaks``: "The short answer", "That
    standard"). Not a partitive's head, whose complement speaks ("thousands of protesters chanted"), nor a
    capitalised word inside a sentence, which may be a name the tagger missed."""
    if j + 1 < len(c.tokens) and c.tokens[j + 1].text.lower() == "of":
        return False
    if c.tags[j] in ("NNP", "NNPS") and j > 0:
        return False
    return never_speaks(c.tokens[j].text.lower())


NP_HEAD_AFTER_POS = frozenset("NN NNS NNP NNPS JJ JJS CD VBN".split())
ORDINAL_OPENERS = frozenset("first second third fourth fifth finally lastly".split())


# A lawmaker's party and state in AP style, as the tokenizer leaves it: "R-Texas", "D-Wash." ("R-S" of "R-S.C.")
PARTY_AND_STATE = re.compile(r"[RDI]-[A-Z][A-Za-z]*\.?")


def _not_a_head(att: "ArticleAttributor", c: "Clause", j: int) -> bool:
    """Nouns that head no phrase of their own: a title before "of ... Name" or "and ... Name" ("Secretary of State
    John Kerry", "President and CEO Karen Ignagni"), "No." before a number ("the No. 1 way"), an ordinal opening
    an argument ("Third, the reporter ..."), a lawmaker's party and state ("Rep. Will Hurd, R-Texas, said")."""
    n = len(c.tokens)
    if PARTY_AND_STATE.fullmatch(c.tokens[j].text):
        return True
    low = c.tokens[j].text.lower()
    nxt = c.tokens[j + 1].text if j + 1 < n else ""
    if low.rstrip(".") in TITLES and nxt in ("of", "and"):  # "President and CEO Karen Ignagni"
        return any(att.name_at.get(c.tokens[k].start) is not None and att.name_at[c.tokens[k].start].label == "PERSON"
                   for k in range(j + 2, min(n, j + 6)))
    if low == "no." and j + 1 < n and c.tags[j + 1] == "CD":
        return True
    return low in ORDINAL_OPENERS and nxt == "," and (j == 0 or c.tokens[j - 1].text in (".", ";", ":", QUOTE))


def modifies_noun(att: "ArticleAttributor", c: "Clause", j: int) -> bool:
    """A person's name ending at token j that modifies the common noun after it, which heads the phrase; the noun
    must be one the POS dictionary knows only as a noun (not "Perez lobbies for", a verb read as a noun)."""
    k = j + 1
    if k >= len(c.tokens) or c.tags[k] not in ("NN", "NNS") or att.name_at[c.tokens[j].start].label != "PERSON":
        return False
    word = c.tokens[k].text
    return word.islower() and dictionary_tag(word) in ("NN", "NNS") and att.name_at.get(c.tokens[k].start) is None


def titles_a_person(att: "ArticleAttributor", c: "Clause", j: int) -> bool:
    """A name ending at token j that opens a title chain before a person's name: "Coastal Mutual President and CEO
    Rosa Lindqvist", "Club for Growth President David McIntosh", "Charlotte Mayor Jennifer Roberts" (with
    Charlotte read as a person)."""
    n = len(c.tokens)
    if j + 1 >= n or c.tokens[j + 1].text.lower().rstrip(".") not in TITLES:
        return False
    for k in range(j + 2, min(n, j + 6)):
        sp = att.name_at.get(c.tokens[k].start)
        if sp is not None and sp.label == "PERSON":
            return True
        if not (c.tokens[k].text[:1].isupper() or c.tokens[k].text in ("and", "&")):
            return False
    return False


def _verb_read_as_noun(att: "ArticleAttributor", c: "Clause", k: int) -> bool:
    """A speech verb in -s the tagger read as a plural noun after its subject: "the report states:", "Crew notes,";
    a verb in -ed read as a noun after a name ("Ocasio-Cortez agreed, but added": not a description "Ocasio-Cortez
    agreed", when the tagger took the unknown name for an adjective)."""
    if c.tags[k] == "NNS":
        return c.tokens[k].text.endswith("s") and att.is_cue(c, k)
    return past_verb_read_as_noun(c, k)


def past_verb_read_as_noun(c: "Clause", k: int) -> bool:
    """A verb in -ed the tagger read as a noun right after a capitalised word (its subject): "Ocasio-Cortez agreed"
    with the unknown name read as an adjective."""
    word = c.tokens[k].text
    return (c.tags[k] == "NN" and word.endswith("ed") and word.islower() and k > 0
            and c.tokens[k - 1].text[:1].isupper() and word_tag(word) == "VBD")


# What may follow a description set off after a name: "Josh Earnest, the press secretary, said", "Wayne Barrett, the
# investigative reporter who has covered him for 40 years, told me"
APPOSITION_ENDS = frozenset([",", ";", ":", ".", "(", ")", "—", "–", QUOTE, "who", "whose", "whom", "which"])


def _appositive(att: "ArticleAttributor", c: "Clause", first: int, head: int) -> str | None:
    """The person a description stands beside, set off by a comma: "the White House press secretary, Josh Earnest,"
    or "Josh Earnest, the White House press secretary,"."""
    n = len(c.tokens)
    comma = head + 1
    if comma < n and c.tags[comma] == "IN":  # over a short complement: "his best friend at Lehigh, Bruce Turry"
        comma = next((k for k in range(head + 2, min(n, head + 7)) if c.tokens[k].text == ","
                      or c.tags[k] not in ("NNP", "NNPS", "NN", "DT", "JJ")), head + 1)
    if comma + 1 < n and c.tokens[comma].text == ",":
        at = comma + 1  # over a lowercase role before the name: "Clinton's introducer, actress Jamie Lee Curtis"
        while at < min(n - 1, comma + 3) and c.tags[at] in ("NN", "JJ") and c.tokens[at].text.islower():
            at += 1
        sp = att.name_at.get(c.tokens[at].start)
        if sp is not None and sp.label == "PERSON":
            k = att.name_end(c, at, n)
            if k + 1 >= n or c.tokens[k + 1].text in (",", ".", ";", ")", "—", "–") or att.is_cue(c, k + 1):
                return att._np_at(c, k, at)[1].speaker  # the name with a first name the tagger left out
    if first >= 2 and c.tokens[first - 1].text == "," and (head + 1 >= n or c.tokens[head + 1].text in APPOSITION_ENDS):
        # "Josh Earnest, the White House press secretary, said"; not "... friends with Mr Kim, the president said:",
        # where the description is the subject after an opening clause
        sp = att.name_at.get(c.tokens[first - 2].start)
        if sp is not None and sp.label == "PERSON":
            return att._np_at(c, first - 2, 0)[1].speaker
    return None


def _next_cue(att: "ArticleAttributor", c: "Clause", j: int) -> int | None:
    """The cue verb right after a mention's head, over auxiliaries, adverbs, a parenthesis ("Cruz (R-Texas) said")
    and a party and state set off by commas ("Hurd, R-Texas, said")."""
    if passive_after(c, j):
        return None  # "The fighting was reported by the observatory": the subject of a passive cue did not speak
    k = j + 1
    n = len(c.tokens)
    while k < n:
        t = c.tokens[k].text
        if t == "," and k + 1 < n and PARTY_AND_STATE.fullmatch(c.tokens[k + 1].text):
            close = next((i for i in range(k + 2, min(n, k + 6)) if c.tokens[i].text == ","), None)
            if close is None:
                return None
            k = close + 1
            continue
        if t == "(":
            close = next((i for i in range(k + 1, min(n, k + 12)) if c.tokens[i].text == ")"), None)
            if close is None:
                return None
            k = close + 1
            continue
        if c.tags[k] == "RB" or t.lower() in SKIP:
            k += 1
            continue
        return k if att.is_cue(c, k) else None
    return None


def describe(att: "ArticleAttributor", c: "Clause", first: int, head: int, m: Mention) -> list[str]:
    """Features of a mention from the words around it in its own clause."""
    f = [f"kind={m.kind}"]
    low = c.tokens[head].text.lower()
    if m.kind == "pronoun":
        f.append(f"pron={low}")
    elif m.kind == "descriptor":
        ranker = speaker_ranker()
        f.append(ranker.head_feature(low) if ranker is not None else f"head={low}")
        f.append(f"headtag={c.tags[head]}")
    prev = _word_class(att, c, first - 1)
    prev2 = _word_class(att, c, first - 2)
    nxt = _word_class(att, c, head + 1)
    f += [f"prev={prev}", f"next={nxt}", f"prev2+prev={prev2}|{prev}"]
    k = _next_cue(att, c, head)
    if k is not None:
        m.cue = c.tokens[k].text.lower()
        f += ["then_cue", f"then_cue={m.cue}"]
    if prev == "CUE" and first - 1 >= 0:
        m.cue = m.cue or c.tokens[first - 1].text.lower()
        f += [f"after_cue={c.tokens[first - 1].text.lower()}", f"after_cue_prev={prev2}"]
    if first >= 2 and c.tokens[first - 1].text.lower() in SOURCE_PHRASE_ENDS and any(
            source_phrase_end(c, k) == first - 1 for k in range(max(0, first - 4), first - 1)):
        f.append("according_to")  # "according to X", "in the words of X"
    if any(c.tokens[i].text.lower() in ADDRESSEE_PREPS for i in range(max(0, first - 3), first)):
        f.append("object_of_prep_or_told")
    depth = 0
    for i in range(first - 1, -1, -1):
        t = c.tokens[i].text
        if t == ")":
            depth -= 1
        elif t == "(":
            depth += 1
            if depth > 0:
                f.append("in_parens")
                break
    # the clause this mention stands in starts after a colon or semicolon, or after a quotation that closes a
    # reporting clause ('"...," X said'); a partial quote inside a sentence ("reaching "heights" since ...") does not
    lo = max((i for i in range(first) if c.tokens[i].text in (";", ":") or c.tokens[i].text == QUOTE and (
        i + 1 >= len(c.tokens) or c.tokens[i + 1].text in (",", ".", "?", "!", "—", "–"))), default=-1) + 1
    opening = opening_clause_end(c, lo)
    if first < opening:
        f.append("in_opening_clause")  # "When the province cut the grant, the minister said": not the subject
    elif nxt in POSSESSIVE_MARKS:
        f.append("possessor")  # "Mr. Romney's persistence is ...": the persistence is the subject, not Romney
    elif not any(c.tags[i] in FINITE for i in range(max(lo, opening), first)):
        f.append("preverbal")
    if passive_after(c, head):
        f.append("passive_subject")  # "The clashes were reported by ...": the subject of a passive verb
    if c.tokens[first].text.lower().rstrip(".") in TITLES:
        f.append("titled")
    if m.appositive:
        f.append("appositive_name")
    text = c.tokens[head].text
    if len(text) > 1 and text.isupper():
        f.append("all_caps")  # datelines and subheads: "PORTLAND, Ore. -"
    if first >= 1 and c.tokens[first - 1].text.lower() in ("and", "or"):
        f.append("conjunct_second")
    if head + 1 < len(c.tokens) and c.tokens[head + 1].text.lower() in ("and", "or"):
        f.append("conjunct_first")
    return f


SUBORDINATORS = frozenset("when after as because if while although though since before once until unless whereas "
                          "whenever".split())


_OPENERS = SUBORDINATORS | {"in", "on", "at", "during"}


def opening_clause_end(c: "Clause", lo: int) -> int:
    """Where the main clause starts after opening subordinate clauses ("In 2019, when the province cut the grant,"):
    the token after the comma that closes each; ``lo`` when the clause opens with none."""
    n = len(c.tokens)
    if lo < n and c.tags[lo] in PARTICIPLES and (lo + 1 == n or c.tags[lo + 1] not in FINITE):
        # "Asked if Facebook would ..., Bickert allowed", "Speaking to reporters, Ryan said": a participle's phrase
        comma = _closing_comma(c, lo)
        return lo if comma is None else comma + 1
    if lo >= n or c.tokens[lo].text.lower() not in _OPENERS:
        return lo  # nearly every clause: no opening phrase to skip
    i = lo
    while i < n and c.tokens[i].text.lower() in _OPENERS:
        comma = _closing_comma(c, i)
        if comma is None:
            break
        i = comma + 1
    return i if any(c.tokens[k].text.lower() in SUBORDINATORS for k in range(lo, i)) else lo


def _closing_comma(c: "Clause", i: int) -> int | None:
    """The comma that closes an opening phrase starting at token i: within 25 tokens and before any quotation."""
    comma = next((j for j in range(i + 1, min(len(c.tokens), i + 25)) if c.tokens[j].text in (",", QUOTE)), None)
    return comma if comma is not None and c.tokens[comma].text == "," else None


_SOURCE_PHRASE_WORDS = tuple(p.split() for p in SOURCE_PHRASES)
SOURCE_PHRASE_OPENERS = frozenset(w for p in _SOURCE_PHRASE_WORDS for w in (p[0], p[0].capitalize()))
SOURCE_PHRASE_ENDS = frozenset(p[-1] for p in _SOURCE_PHRASE_WORDS)


def source_phrase_end(c: "Clause", k: int) -> int | None:
    """The last token of a phrase that names a source after it (``SOURCE_PHRASES``), opening at k, when the source
    follows it: "according to", "in the words of"."""
    for words in _SOURCE_PHRASE_WORDS:
        end = k + len(words)
        if end < len(c.tokens) and all(c.tokens[k + i].text.lower() == w for i, w in enumerate(words)):
            return end - 1
    return None


def passive_after(c: "Clause", head: int) -> bool:
    """A passive verb after the phrase headed at ``head``: a form of "be" among the auxiliaries and adverbs, then a
    participle ("were reported", "has been quoted")."""
    k = head + 1
    n = len(c.tokens)
    be = False
    while k < n and (c.tags[k] == "RB" or c.tokens[k].text.lower() in SKIP):
        be = be or c.tokens[k].text.lower() in BE_FORMS
        k += 1
    return be and k < n and c.tags[k] == "VBN"


def _between(att: "ArticleAttributor", c: "Clause", between: range, pos: str) -> list[str]:
    """What separates a mention from the quotation in its sentence: verbs (a subject has its verb between), cue
    verbs, other quotations, commas, a clause boundary ("that", "who", "which")."""
    toks, tags = c.tokens, c.tags
    verbs = sum(1 for i in between if tags[i] in FINITE)
    cues = sum(1 for i in between if tags[i].startswith("VB") and att.is_cue(c, i))
    quotes = sum(1 for i in between if toks[i].text == QUOTE)
    commas = sum(1 for i in between if toks[i].text == ",")
    bound = any(toks[i].text.lower() in ("that", "who", "which", "whom", "because", "when", "while", "after", "before",
                                         "if", "as") for i in between)
    preps = sum(1 for i in between if tags[i] in ("IN", "TO"))
    f = [f"verbs={min(verbs, 2)}", f"cues={min(cues, 2)}", f"quotes={min(quotes, 2)}", f"commas={min(commas, 2)}",
         f"boundary={bound}", f"preps={min(preps, 2)}", f"verbs={min(verbs, 2)}|cues={min(cues, 2)}",
         f"verbs={min(verbs, 2)}|boundary={bound}"]
    return [f"pos={pos}|{x}" for x in f]


def sentences_before(att: "ArticleAttributor", at: int, count: int, paragraphs_back: int):
    """(distance, sentence, across a paragraph break) for the sentence holding ``at`` (distance 0) and up to
    ``count`` before it, within its paragraph and ``paragraphs_back`` paragraphs before."""
    idx = att.sentence_index
    here = idx.containing(at)
    if here is None:
        return
    para = att.paragraph_index.containing(at)
    floor_para = para
    for _ in range(paragraphs_back):
        if floor_para is None:
            break
        floor_para = att.paragraph_before(floor_para) or floor_para
    floor = floor_para.start if floor_para is not None else 0
    k = att.sentence_number[here.start]
    for d in range(0, count + 1):
        if k - d < 0 or idx.spans[k - d].start < floor:
            return
        s = idx.spans[k - d]
        yield d, s, para is not None and s.start < para.start


def passage_window(att: "ArticleAttributor", passage: Span) -> list[tuple[str, Span]]:
    """The sentences around a passage with their place: "Q" (the passage's own), "P1", "P2" (before), "N1" (after),
    suffixed "~" when across a paragraph break."""
    idx = att.sentence_index
    s0 = idx.containing(passage.start)
    s1 = idx.containing(passage.end) or s0
    if s0 is None:
        return []
    k1 = att.sentence_number[s1.start]
    para_end = att.paragraph_index.containing(passage.end) or att.paragraph_index.containing(passage.start)
    out: list[tuple[str, Span]] = [("Q", Span(min(s0.start, passage.start), max(s1.end, passage.end)))]
    out += [(f"P{d}" + ("~" if across else ""), s)
            for d, s, across in sentences_before(att, passage.start, WINDOW_BEFORE, 1) if d > 0]
    for d in range(1, WINDOW_AFTER + 1):
        if k1 + d >= len(idx.spans):
            break
        s = idx.spans[k1 + d]
        if para_end is not None and s.start > para_end.end:
            break
        out.append((f"N{d}", s))
    return out


def _quote_context(att: "ArticleAttributor", c: "Clause", qi: int, passage: Span) -> list[str]:
    """What the quotation's own sentence looks like: a cue in it, the quote opening its paragraph, a colon before."""
    f = []
    if any(att.is_cue(c, k) for k in range(len(c.tokens)) if c.tokens[k].text != QUOTE):
        f.append("q_cue_in_sentence")
    para = att.paragraph_index.containing(passage.start)
    if para is not None and not att.text[para.start:passage.start].strip(" \t\"'“”‘’«»"):
        f.append("q_opens_paragraph")
    if qi > 0 and c.tokens[qi - 1].text == ":":
        f.append("q_after_colon")
    if qi == len(c.tokens) - 1 or (qi + 1 < len(c.tokens) and c.tokens[qi + 1].text in (".", "!", "?")):
        f.append("q_ends_sentence")
    # closed by a reporting clause of its own ('"...," the union wrote'), whatever introduced it before
    if qi + 1 < len(c.tokens) and c.tokens[qi + 1].text in (",", "—", "–"):
        for k in range(qi + 2, min(len(c.tokens), qi + 7)):
            if c.tokens[k].text == QUOTE or c.tokens[k].text in (".", ";", ":"):
                break
            if att.is_cue(c, k):
                f.append("q_closed_by_cue")
                break
    return f


def quote_type(att: "ArticleAttributor", c: "Clause", qi: int, passage: Span) -> str:
    """short or long, embedded in prose (words on both sides in its sentence) or at an edge: reporting patterns
    differ ("called it a "disgrace"" against '"...," she said')."""
    words = sum(1 for t in att.text[passage.start:passage.end].split() if any(ch.isalnum() for ch in t))
    size = "short" if words <= 5 else "long"
    prose_before = any(c.tokens[i].text[:1].isalnum() for i in range(max(0, qi - 3), qi))
    prose_after = any(c.tokens[i].text[:1].isalnum() for i in range(qi + 1, min(len(c.tokens), qi + 3)))
    return f"{size}-{'embedded' if prose_before and prose_after else 'edge'}"


def window_mentions(att: "ArticleAttributor", passage: Span) -> tuple[list[Mention], list[str]]:
    """Every mention in the passage's window, described relative to the passage; and the passage's own context
    (a cue in its sentence, its place in the paragraph, its length)."""
    out: list[Mention] = []
    qctx: list[str] = []
    for place, span in passage_window(att, passage):
        c = att.clause(span.start, span.end)
        found = clause_mentions(att, c)
        if place == "Q":
            qi = c.quote_at.get(passage.start)
            if qi is None:
                return [], []
            qctx = _quote_context(att, c, qi, passage) + [f"q={quote_type(att, c, qi, passage)}"]
            before = [x for x in found if x[1] < qi]
            after = [x for x in found if x[0] > qi]
            for side, group in (("B", list(reversed(before))), ("A", after)):
                for order, (first, head, m) in enumerate(group, 1):
                    gap = (qi - head - 1) if side == "B" else (first - qi - 1)
                    between = range(head + 1, qi) if side == "B" else range(qi + 1, first)
                    pos = f"S{side}"
                    out.append(_placed(m, pos, [f"pos={pos}|gap={_bucket(gap)}", f"pos={pos}|order={min(order, 4)}",
                                                *_between(att, c, between, pos)]))
        else:
            has_quote = any(t.text == QUOTE for t in c.tokens)
            group = reversed(found) if place.startswith("P") else found
            for order, (first, head, m) in enumerate(group, 1):
                out.append(_placed(m, place, [f"pos={place}|order={min(order, 4)}",
                                              f"pos={place}|has_quote={has_quote}"]))
    for m in out:
        pos = m.features[0]
        m.features += [f"{x}|{q}" for x in (pos, f"kind={m.kind}") for q in qctx] + qctx
    return out, qctx


def _placed(m: Mention, place: str, position: list[str]) -> Mention:
    """A copy of a clause's mention with where it stands relative to the quotation, alone and with each of the
    words-around features (the same "prev=told" means another thing before the quote than after it)."""
    pos = f"pos={place}"
    own = [f"{pos}|{x}" for x in m.features if not x.startswith("head=")]
    # built field by field: dataclasses.replace inspects the fields on every call, and this runs per mention and quote
    return Mention(m.start, m.end, m.text, m.kind, m.speaker, m.cue, m.appositive, [pos, *position, *m.features, *own])
