"""Who "he", "she", "it" or "they" is, when a pronoun is a quotation's speaker.

The people (or organisations and groups) named in the sentences before the
pronoun are the candidates, one per entity (every "Comey", "Mr. Comey" and
"James B. Comey" is one person). Each is described by how it was last
mentioned: how many sentences back, whether as the subject of its sentence
or the object of a preposition, next to a cue verb, whether it spoke the
quotation before, whether its gender agrees with the pronoun, how often the
article names it. Weights for these descriptions are learned by
``bench.train_speakers`` from PolNeAR's training split, where each pronoun
speaker's referent comes from the coreference chains, and ship in
``models/speakers.json`` beside the speaker ranker's.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .mentions import Mention, clause_mentions, opening_clause_end, sentences_before
from .people import described_person, name_words
from .speakers import org_key

if TYPE_CHECKING:
    from .attribution import ArticleAttributor, Clause

GENDER = {"he": "m", "she": "f"}
BACK = 4  # sentences before the pronoun's own
PARAGRAPHS_BACK = 2


@dataclass
class Antecedent:
    """One entity a pronoun may stand for: its name, its kind, the mentions seen and their description."""

    name: str
    kind: str  # person | org | descriptor
    mentions: list[Mention] = field(default_factory=list)
    features: list[str] = field(default_factory=list)
    score: float = 0.0


def _key(m: Mention) -> str:
    if m.kind == "person":
        return "p:" + (m.speaker or m.text)
    if m.kind == "org":
        return "o:" + org_key(m.speaker or m.text)
    return "d:" + m.text.lower()


def _wanted(pron: str, m: Mention, plural: bool) -> bool:
    if pron in GENDER:
        return m.kind == "person"
    if pron == "it":
        return m.kind == "org" or (m.kind == "descriptor" and not plural)
    return m.kind in ("org", "descriptor")  # they


def candidates(att: "ArticleAttributor", pron: str, at: int, prev_speakers: list[str],
               depth: int = 0) -> list[Antecedent]:
    """The entities named before the pronoun at ``at`` (same sentence first, then up to BACK sentences), described.
    A "he" or "she" in subject position stands for the person the ranker gives it (``pronoun_referent``), so a
    chain of pronouns reaches back to the name ("President Donald Trump ... He took to Twitter ... he said")."""
    found: dict[str, Antecedent] = {}
    order: list[str] = []
    for d, s, across in sentences_before(att, at, BACK, PARAGRAPHS_BACK):
        c = att.clause(s.start, s.end)
        ms = clause_mentions(att, c)
        subject_first = _first_np(c, ms)
        for first, head, m in reversed(ms):
            if m.start >= at or d == 0 and "object_of_prep_or_told" in m.features:
                continue  # "In an interview with Radio Nord, she said": the interviewer is not "she"
            via = None
            if m.kind == "pronoun" and pron in GENDER and m.text.lower() == pron and "preverbal" in m.features:
                via = att.pronoun_referent(pron, m.start, depth)
                if via is None or via.kind != "person":
                    continue
                m = Mention(m.start, m.end, m.text, "person", via.name, features=m.features)
            elif m.kind == "descriptor" and pron in GENDER and not m.appositive:
                person = described_person(m.text, att.people, m.start)
                if person is not None:  # "the president referenced them ... '...,' he said": the president's name
                    m = Mention(m.start, m.end, m.text, "person", person.name, features=m.features)
            plural = c.tags[head] in ("NNS", "NNPS")
            if not _wanted(pron, m, plural) or m.appositive:
                continue
            key = _key(m)
            ent = found.get(key)
            if ent is None:
                ent = found[key] = Antecedent(m.speaker or m.text, m.kind)
                order.append(key)
                near = [x for x in m.features if x.startswith(("prev=", "next=", "object_of", "in_parens"))]
                if "possessor" in m.features:  # "Trump's claims may be ...": opening the sentence, not its subject
                    near = [f"{x}|possessor" if x.startswith("prev=") else x for x in near]
                ent.features = [f"near|{x}" for x in near] + [
                    f"dist={d}", f"dist={d}|across={across}", f"recency={min(len(order), 4)}", f"plural={plural}"]
                # before or after its clause's verb: "Mr. Band asked her to call Mr. Chagoury. '...,' he wrote."
                role = "preverbal" if "preverbal" in m.features else "after_verb"
                ent.features += [f"nearest={role}", f"nearest={role}|dist={min(d, 2)}"]
            if via is not None:
                ent.features.append(f"via_pronoun|dist={min(d, 2)}")
            ent.mentions.append(m)
            # what any of its mentions in the window was: the subject of a cue verb, of its sentence
            if _speaks(m):
                ent.features += ["subject_of_cue", f"subject_of_cue|dist={d}"]
            if first == subject_first and "preverbal" in m.features:
                ent.features += ["sentence_subject", f"sentence_subject|dist={d}"]
    kept: list[Antecedent] = []
    for key in order:
        ent = found[key]
        ent.features = list(dict.fromkeys(ent.features))  # each description once, however many mentions
        ent.features.append(f"mentions_in_window={min(len(ent.mentions), 3)}")
        if ent.kind == "person":
            person = att.people.lookup(name_words(ent.name), at)
            gender = person.gender if person else None
            want = GENDER.get(pron)
            agree = "unknown" if gender is None or want is None else ("match" if gender == want else "mismatch")
            if agree == "mismatch":
                continue  # "she" is never Donald Trump
            ent.features += [f"gender={agree}", f"salience={_bucket(len(person.mentions) if person else 0)}"]
        if prev_speakers and ent.name == prev_speakers[-1]:
            ent.features.append("previous_speaker")
        elif ent.name in prev_speakers:
            ent.features.append("recent_speaker")
        ent.features += [f"pron={pron}", f"pron={pron}|kind={ent.kind}"]
        kept.append(ent)
    return _subject_of_the_gender(kept) if pron in GENDER else kept


def _subject_of_the_gender(ents: list[Antecedent]) -> list[Antecedent]:
    """A "he" or "she" goes on with the subject of its own or the previous sentence when that subject is a person
    of the pronoun's gender: no word of unknown gender named beside it stands for the pronoun ("the 2019 drama
    Harbour, Maria Olsen (Ingrid Vik) tries to tell ... '...,' she says": a title the tagger took for a person)."""
    if not any("gender=match" in e.features and ("sentence_subject|dist=0" in e.features
                                                  or "sentence_subject|dist=1" in e.features) for e in ents):
        return ents
    return [e for e in ents if "gender=unknown" not in e.features]


def _speaks(m: Mention) -> bool:
    """The mention is the subject of a cue verb, before it ("Hemsley said") or after it ("said Jeffery Hemsley"),
    not its addressee ("told Hemsley")."""
    return "then_cue" in m.features or (
        "object_of_prep_or_told" not in m.features and any(x.startswith("after_cue=") for x in m.features))


def _first_np(c: "Clause", ms) -> int:
    """The first token of a sentence's first noun phrase that is not inside an opening prepositional or
    subordinate phrase: in "On The Steve Harvey Show on Tuesday, Clinton criticized ...", Clinton; in "Asked if
    Facebook would ..., Bickert allowed ...", Bickert."""
    if c.tags and c.tags[0] in ("IN", "WRB"):
        opening = next((i + 1 for i, t in enumerate(c.tokens) if t.text == ","), 0)
    else:
        opening = opening_clause_end(c, 0)  # "Asked if Facebook would ..., Bickert allowed ...": Bickert
    return next((first for first, _, _ in ms if first >= opening), -1)


def _bucket(n: int) -> str:
    return "0" if n == 0 else "1" if n == 1 else "2-3" if n <= 3 else "4-9" if n <= 9 else "10+"


def entity_features(ent: Antecedent, context: list[str]) -> list[str]:
    """An antecedent's features with the pronoun's own context conjoined (how the quotation was cued)."""
    return ent.features + [f"{c}|{x}" for c in context for x in ent.features if not x.startswith("near|")]
