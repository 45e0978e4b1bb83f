"""The people and organisations an article names, so later mentions resolve to one canonical name.

Built from the name tagger's spans over the article's prose (quotations
excluded). "Comey", "Mr. Comey" and "James B. Comey" are one person under the
first full name the article used; "he" and "she" agree in gender with a
person when the article or the first-name list says which.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from .model import Span
from .names import MODAL_NAMES, NameSpan, given_names
from .speakers import surname_key
from .tagging import Token, dictionary_tag, load_json_model

TITLES = frozenset("""
mr mrs ms miss messrs dr prof professor sir dame lord lady rev reverend father sister president vice prime minister
secretary chancellor premier governor gov senator sen sens representative rep reps congressman congresswoman mayor
ambassador judge justice king queen prince princess pope sheikh emir general gen col colonel lt lieutenant capt captain
sgt sergeant adm admiral maj major gov. commissioner chairman chairwoman speaker leader sen. rep. mr. mrs. ms. dr.
gen. lt. col. capt. sgt. adm. maj. prof. rev. former candidate nominee presidential democratic democrat republican gop
attorney general deputy chief director spokesman spokeswoman spokesperson state administrator
superintendent del. delegate amb. det. detective insp. inspector atty. brig. cpl. pvt. hon. pres. supt.
whip founder co-founder ceo cfo coo cto counsel
""".split())
FEMALE_TITLES = frozenset("mrs mrs. ms ms. miss dame lady queen princess sister congresswoman chairwoman spokeswoman".split())
MALE_TITLES = frozenset("mr mr. sir lord king prince father congressman chairman spokesman".split())
_POSSESSIVE = re.compile(r"[’']s$|[’']$")


@lru_cache(maxsize=1)
def birth_record_genders() -> dict[str, str]:
    """Given names of one sex in US birth records (``bench.first_names``), those that are also words included."""
    model = load_json_model("first_names")
    return {**model.get("word_genders", {}), **model["genders"]}


@lru_cache(maxsize=1)
def first_name_genders() -> dict[str, str]:
    """First names and their gender: those PolNeAR's coreference chains agree on (``bench.train``), then common
    given names of one sex in US birth records (``bench.first_names``), so "Victoria Atkins" is a woman although
    PolNeAR never names a Victoria, then those that are also words ("Bill"). Only a name's gender is read here:
    the name tagger keeps the first names it was trained with."""
    return {**birth_record_genders(), **load_json_model("names").get("genders", {})}


INITIAL = re.compile(r"[A-Z]\.")  # one initial: "C." of "C. Eugene Steuerle"
INITIALS = re.compile(r"(?:[A-Z]\.)+")  # a middle name's initials: "J." of "Donald J. Trump", "H.W."


def same_middle(known: Sequence[str], words: Sequence[str]) -> bool:
    """Whether two names of one surname may be one person by what stands between given name and surname: the
    same middle, or one of them printing none ("Donald Trump", "Donald J. Trump"); "George H.W. Bush" is not
    "George W. Bush"."""
    a, b = known[1:-1], words[1:-1]
    return not a or not b or a == b


def adds_middle_initials(known: Sequence[str], words: Sequence[str]) -> bool:
    """Whether ``words`` is the known two-word name with middle initials added ("Donald J. Trump")."""
    return (len(known) == 2 and len(words) > 2 and words[0] == known[0] and words[-1] == known[-1]
            and all(INITIALS.fullmatch(w) for w in words[1:-1]))


def name_words(text: str) -> list[str]:
    """A name's words without titles before it or a possessive: "Sen. Ted Cruz's" -> [Ted, Cruz],
    "Monroe County Mayor Holly Raschein" -> [Holly, Raschein] (a title ends what describes the person)."""
    words = [w for w in re.split(r"\s+", _POSSESSIVE.sub("", text.strip())) if w]
    titled = [i for i, w in enumerate(words[:-1]) if w.lower() in TITLES and w.lower() not in ("state", "the", "of")]
    if titled:
        words = words[titled[-1] + 1:]
    while words and words[0].lower() in TITLES and len(words) > 1:
        words = words[1:]
    if len(words) >= 3 and words[0] not in given_names() and not INITIAL.fullmatch(words[0]):
        # a role the tagger took into the name: "Councilmember Tim Reyes", "Activist Angela Davis" (an initial is
        # none: "C. Eugene Steuerle")
        k = next((i for i, w in enumerate(words[1:-1], 1) if w in given_names()), None)
        if k is not None:
            words = words[k:]
    return words


def titled_at(text: str, start: int) -> bool:
    """Whether the word printed right before ``start`` is a capitalised title ("President Okafor", "Gen. Reyes",
    "Del. Price")."""
    before = text[max(0, start - 25):start].split()[-1:]
    if not before or not before[0][:1].isupper():
        return False
    word = before[0].lower()
    return word in TITLES or word.rstrip(".") in TITLES


def title_gender(words: Sequence[str]) -> str | None:
    """"f" or "m" when one of these words is a title that says it ("Mrs.", "Mr.", "Congresswoman"; "Sen." does not)."""
    low = {w.lower() for w in words}
    return "f" if low & FEMALE_TITLES else "m" if low & MALE_TITLES else None


def shares_surname(sp: NameSpan, nxt: NameSpan, text: str) -> bool:
    """Whether a lone given name takes the surname of the name after it: "Bill and Hillary Clinton". The lone word
    must be a given name of known gender ("Sanders and Hillary Clinton" names no Sanders Clinton): the two then
    answer to "Mr. Clinton" and "Mrs. Clinton" apart. Of a couple whose given names say no gender ("Khizr and
    Ghazala Khan") nothing tells which one "Mr. Khan" is, so they stay one name as printed."""
    words, after = name_words(sp.text), name_words(nxt.text)
    if len(words) != 1 or len(after) < 2 or not re.fullmatch(r"\s+(?:and|&)\s+", text[sp.end:nxt.start]):
        return False
    # a given name of birth records, never a surname the article prints after a given name ("Obama and Clinton")
    return words[0] in birth_record_genders() and not re.search(rf"[A-Z][\w.'’-]* {re.escape(words[0])}\b", text)


_DETERMINERS = frozenset("a an the this that these those every each another no any some".split())
_BEFORE_MONTH = frozenset("in on by since until till through from of to early late mid last next this".split())


def repeated_surnames(runs: Iterable[Sequence[Token]], spans: list[NameSpan], text: str) -> list[NameSpan]:
    """A person's name the tagger missed where the article prints it again alone: "Okafor made his case" after
    "President Okafor" (an unknown word opening a sentence says nothing of itself).

    Only the last word of a person's span of two words or more, or of one after a title ("Gen. Reyes"), and no
    common word (the POS dictionary gives its lowercase form no tag, or a proper noun's); found standing alone,
    after no determiner ("a Ranger who" tagged once leaves "the Ranger students" alone). ``runs`` are the prose
    token runs the spans were tagged in; returns the spans with the found ones, in order."""
    names = set()
    for sp in spans:
        words = sp.text.split()
        if sp.label != "PERSON" or not words:
            continue
        if len(words) >= 2 or titled_at(text, sp.start):
            names.add(words[-1])
    names = {w for w in names if w[:1].isupper() and not w.isupper() and (
        dictionary_tag(w) in (None, "NNP", "NNPS") or w in MODAL_NAMES)}
    if not names:
        return spans
    taken = {i for sp in spans for i in range(sp.start, sp.end)}
    found = []
    for toks in runs:
        for k, t in enumerate(toks):
            if t.text not in names or t.start in taken:
                continue
            prev = toks[k - 1].text if k > 0 else ""
            nxt = toks[k + 1].text if k + 1 < len(toks) else ""
            if prev[:1].isupper() or nxt[:1].isupper() or prev.lower() in _DETERMINERS:
                continue  # part of a longer name the tagger also missed ("Okafor Industries"), or a thing's name
            # the run opens a sentence, not the words after a quotation ('"...," May said')
            opens = k == 0 and not text[max(0, t.start - 4):t.start].rstrip().endswith(('"', "”", "'", "’"))
            if t.text in MODAL_NAMES and (opens or prev.lower() in _BEFORE_MONTH or nxt[:1].isdigit()):
                continue  # "Will the plan work?", "in May", "May 5": the verb and the month
            found.append(NameSpan(t.start, t.end, t.text, "PERSON"))
    return sorted(spans + found, key=lambda sp: sp.start) if found else spans


MIN_MISSPELLED = 6  # letters: shorter surnames one letter apart are as often two names ("Cohen", "Coken")


def misspells(surname: str, word: str) -> bool:
    """``word`` is ``surname`` with one letter wrong, missing or added (not itself), case aside ("McLenney" for
    "McClenney")."""
    return (word != surname and min(len(word), len(surname)) >= MIN_MISSPELLED and word[0] == surname[0]
            and Levenshtein.distance(word.lower(), surname.lower(), score_cutoff=1) <= 1)


@dataclass
class Person:
    name: str  # canonical: the fullest form seen first
    words: list[str]
    first_offset: int
    gender: str | None = None
    mentions: list[int] = field(default_factory=list)  # start offsets of every mention
    roles: set[str] = field(default_factory=set)  # offices printed before the name: "Gov." -> governor
    ages: set[int] = field(default_factory=set)  # ages printed after the name: "Salim Siraj, 37," -> 37


@dataclass
class People:
    """Registry of one article: the people it names, with their mentions and a lookup by name part."""

    mentions: list[tuple[int, int, Person]] = field(default_factory=list)  # (start, end, person) sorted by start
    _by_word: dict[str, list[Person]] = field(default_factory=dict)
    # people first or later named with two words or more, with their surname key (fixed once named in full)
    _named_in_full: list[tuple[str, Person]] = field(default_factory=list)

    @classmethod
    def from_spans(cls, spans: list[NameSpan], text: str) -> "People":
        reg = cls()
        people = [sp for sp in spans if sp.label == "PERSON"]
        for i, sp in enumerate(people):
            name = sp.text
            if i + 1 < len(people) and shares_surname(sp, people[i + 1], text):
                name = f"{sp.text} {name_words(people[i + 1].text)[-1]}"  # "Bill and Hillary Clinton": Bill Clinton
            gender = title_gender(text[max(0, sp.start - 6):sp.start].split()[-1:] + sp.text.split()[:1])
            person = reg.add(name, sp.start, gender)
            if person is not None:
                if gender and person.gender is None and all(q.gender for q in reg.namesakes(person)):
                    person.gender = gender  # not when "Mr. Khan" could be either of two Khans of unknown gender
                # from the span's last word: the span may hold its titles ("Vice President Tom Haskell")
                person.roles.update(roles_before(text, sp.start + sp.text.rfind(" ") + 1))
                age = _AGE_AFTER.match(text, sp.end)
                if age:
                    person.ages.add(int(age.group(1)))
                reg.mentions.append((sp.start, sp.end, person))
        reg.mentions.sort(key=lambda m: m[0])
        return reg

    def add(self, text: str, offset: int, gender: str | None = None) -> Person | None:
        words = name_words(text)
        if not words:
            return None
        person = self.lookup(words, offset, gender)
        if person is None:
            person = Person(" ".join(words), words, offset)
            person.gender = first_name_genders().get(words[0]) if len(words) > 1 else None
            for w in {words[0], surname_key(words[-1])}:
                self._by_word.setdefault(w, []).append(person)
            if len(words) > 1:
                self._named_in_full.append((surname_key(words[-1]), person))
        elif len(words) > len(person.words) and surname_key(person.words[-1]) == surname_key(words[-1]) \
                and len(person.words) == 1:
            person.name, person.words = " ".join(words), words  # "Comey" first, "James Comey" later
            person.gender = person.gender or first_name_genders().get(words[0])
            self._by_word.setdefault(words[0], []).append(person)
            self._named_in_full.append((surname_key(words[-1]), person))
        person.mentions.append(offset)
        return person

    def _misspelled(self, word: str, offset: int | None) -> Person | None:
        """The one person named in full before whose surname a lone surname misspells by one letter ("McLenney
        said" after "Tyresha McClenney", "Giulini" after "Rudy Giuliani"): six letters or more, the same first
        letter, and no other such person."""
        key = surname_key(word)
        if len(key) < MIN_MISSPELLED:
            return None
        near = [p for surname, p in self._named_in_full
                if (offset is None or p.first_offset <= offset) and misspells(surname, key)]
        return near[0] if len(near) == 1 else None

    def namesakes(self, person: Person) -> list[Person]:
        """The other people of the article with this person's surname."""
        key = surname_key(person.words[-1])
        return [p for p in self._by_word.get(key, ()) if p is not person and surname_key(p.words[-1]) == key]

    def lookup(self, words: list[str], offset: int | None = None, gender: str | None = None) -> Person | None:
        """The person a (partial) name refers to: same surname, or same full name; the nearest earlier wins. A
        gender (from a title: "Mrs. Clinton") picks the people known to be of it, else those of unknown gender."""
        if not words:
            return None
        surname = surname_key(words[-1])
        pool = self._by_word.get(surname, ())
        cands = [p for p in pool if surname_key(p.words[-1]) == surname]  # the surname: "Trump" is Donald Trump
        if not cands and len(words) == 1:
            cands = [p for p in pool if p.words[0] == words[0]]  # a first name alone: "Hillary"
            if not cands:
                near = self._misspelled(words[0], offset)
                cands = [near] if near is not None else []
        if len(words) > 1:
            exact = [p for p in cands if p.words == words]
            if exact:
                return exact[0]
            cands = [p for p in cands if (len(p.words) == 1 or p.words[0] == words[0]
                     or (len(p.words[0]) <= 2 or len(words[0]) <= 2)) and same_middle(p.words, words)]  # "J. Comey"
        if gender is not None:
            cands = [p for p in cands if p.gender == gender] or [p for p in cands if p.gender is None] or cands
        if not cands:
            return None
        if offset is not None:
            before = [p for p in cands if p.first_offset <= offset]
            cands = before or cands
        # a bare surname is the person the article calls by it most (Donald Trump, not Ivanka named once)
        return max(cands, key=lambda p: (len(p.words) > 1, len(p.mentions), self._last_mention(p, offset)))

    @staticmethod
    def _last_mention(p: Person, offset: int | None) -> int:
        """The person's last mention at or before offset (mentions are kept in reading order)."""
        if offset is None:
            return p.mentions[-1] if p.mentions else -1
        i = bisect_right(p.mentions, offset)
        return p.mentions[i - 1] if i else -1

    def canonical(self, text: str, offset: int) -> str:
        """The full name a mention at ``offset`` stands for: the person its name span was resolved to when the
        registry was built (with the title printed before it: "Mr. Russell"), else a lookup."""
        words = name_words(text)
        i = bisect_right(self.mentions, (offset, float("inf"))) - 1
        known = self.mentions[i][2] if i >= 0 and self.mentions[i][0] <= offset < self.mentions[i][1] else None
        if known is not None and words and (surname_key(known.words[-1]) == surname_key(words[-1]) or len(
                words) == 1 and misspells(surname_key(known.words[-1]), surname_key(words[0]))):
            p: Person | None = known
        else:
            p = self.lookup(words, offset, title_gender(text.split()[:1]) if len(text.split()) > 1 else None)
        # "Donald J. Trump" after "Donald Trump" is the name first printed: a pronoun's candidates are one person
        fuller = p is not None and (len(p.words) >= len(words) or adds_middle_initials(p.words, words))
        return p.name if p is not None and fuller else " ".join(words)

    def nearest_before(self, offset: int, accept) -> Person | None:
        """The person mentioned last before offset for whom ``accept(person)`` holds (a bounded look back)."""
        i = bisect_left(self.mentions, (offset, -1))
        for s, _, p in reversed(self.mentions[max(0, i - 200):i]):
            if accept(p):
                return p
        return None


_GENDERED_PRONOUN = re.compile(r"\b(?:(he|his|him|himself)|(she|her|hers|herself))\b", re.I)


def pronoun_genders(people: People, text: str, sentences: Sequence[Span], prose: Callable) -> None:
    """Give a person of unknown gender the one the article's pronouns show: a given name no birth record holds
    ("Aung San Suu Kyi", "Barack Obama") is then still not "she" when the sentences that name that person and
    nobody else go on with "he"/"his". ``prose(start, end)`` gives a sentence's stretches outside quotations
    (whose "he" may be anyone); at least two such sentences must show a gender and none the other. In place."""
    starts = [m[0] for m in people.mentions]
    sentence_starts = [s.start for s in sentences]
    unknown = sorted({bisect_right(sentence_starts, m[0]) - 1 for m in people.mentions if m[2].gender is None})
    votes: dict[int, tuple[Person, set[str], int]] = {}
    for k in unknown:
        if k < 0:
            continue
        prose_of = prose(sentences[k].start, sentences[k].end)
        named = [people.mentions[i] for a, b in prose_of
                 for i in range(bisect_left(starts, a), bisect_left(starts, b))]
        if not named or any(m[2] is not named[0][2] for m in named) or named[0][2].gender is not None:
            continue
        person, after = named[0][2], named[-1][1]
        shown = {"m" if m.group(1) else "f" for a, b in prose_of
                 for m in _GENDERED_PRONOUN.finditer(text, max(a, after), b) if max(a, after) < b}
        if shown:
            _, seen, n = votes.get(id(person), (person, set(), 0))
            votes[id(person)] = (person, seen | shown, n + 1)
    for person, seen, n in votes.values():
        if n >= 2 and len(seen) == 1:
            person.gender = next(iter(seen))


# Offices a name is printed after, by the noun a later description uses for them ("Gov. Chris Christie" ... "the
# governor said"): the abbreviations and synonyms newsrooms print.
ROLE_NOUNS = {"gov": "governor", "gov.": "governor", "governor": "governor", "sen": "senator", "sen.": "senator",
              "senator": "senator", "rep": "congressman", "rep.": "congressman", "representative": "congressman",
              "congressman": "congressman", "congresswoman": "congressman", "mayor": "mayor",
              "president": "president", "pres.": "president", "secretary": "secretary", "minister": "minister",
              "judge": "judge", "justice": "justice", "speaker": "speaker", "chancellor": "chancellor",
              "premier": "premier", "ambassador": "ambassador", "amb.": "ambassador", "commissioner": "commissioner",
              "chairman": "chairman", "chairwoman": "chairman", "pope": "pope", "attorney": "attorney",
              "director": "director", "general": "general", "gen.": "general", "sheriff": "sheriff",
              "superintendent": "superintendent", "prosecutor": "prosecutor", "nominee": "nominee",
              "president-elect": "president",
              "vice": "vice"}  # "Vice President Joe Biden" is "the vice president", not "the president"
# Offices printed between an organisation or a place and a person's name ("Linn County Supervisor Brent Oleson")
OFFICE_WORDS = TITLES | frozenset(ROLE_NOUNS) | frozenset("supervisor coach chief executive chair".split())
_DESCRIBED_ROLE = {"lawmaker": "congressman"}  # a description's word for an office no title prints


def roles_before(text: str, start: int) -> set[str]:
    """The offices printed in the few words right before a name: "New Jersey Gov." -> {governor}, "Secretary of
    State" -> {secretary}."""
    found: set[str] = set()
    for w in reversed(text[max(0, start - 40):start].split()[-4:]):
        low = w.lower().rstrip(",")  # "the former governor, Jeb Bush"
        if low in ROLE_NOUNS:
            found.add(ROLE_NOUNS[low])
        elif not (w[:1].isupper() and w.isalpha() or low in ("of", "state")):
            break  # the title chain ends: "Christie endorsed Donald Trump" gives Trump no office
    if "vice" in found:
        found.discard("president")  # a vice president is not "the president"
    return found


_AGE_AFTER = re.compile(r"(?:,\s*|\s*\()(\d{1,3})(?=\s*[,;)]|\.\s)")  # "Salim Siraj, 37, a ..." / "Ann Lee (37)"
_AGE_DESCRIPTION = re.compile(r"the (\d{1,3})-years?-old", re.I)


def described_person(phrase: str, people: "People", offset: int) -> Person | None:
    """The person a definite description of an office or an age stands for: "the governor" after "Gov. Chris
    Christie", "the former secretary of state" after "Secretary of State John Kerry", "the 37-year-old" after
    "Salim Siraj, 37,"; the nearest such person before ``offset``. None for anything but "the" and lowercase words
    naming an office, or "the" and an age."""
    age = _AGE_DESCRIPTION.fullmatch(phrase)
    if age:
        return people.nearest_before(offset, lambda p: int(age.group(1)) in p.ages)
    words = phrase.split()
    if not 2 <= len(words) <= 6 or words[0].lower() != "the" or not all(
            w.replace("-", "").isalpha() and w.islower() for w in words[1:]):
        return None
    at = next((i for i, w in enumerate(words) if i and (w in ROLE_NOUNS or w in _DESCRIBED_ROLE) and w != "vice"), 0)
    if not at or at != len(words) - 1 and words[at + 1] != "of":
        return None  # the office must head the phrase: "the governor", "the secretary of state", not "the mayor's aide"
    if any(dictionary_tag(w) not in ("JJ", "RB", None) for w in words[1:at] if w != "vice"):
        return None  # only adjectives before it: "the former president", not "the conference speaker"
    role = "vice" if "vice" in words else ROLE_NOUNS.get(words[at]) or _DESCRIBED_ROLE[words[at]]
    return people.nearest_before(offset, lambda p: role in p.roles)


def described_org(phrase: str, orgs: Sequence[NameSpan], offset: int) -> str | None:
    """The organisation a definite description stands for: "the board" after "the Illinois Board of Elections",
    "the budget office" after "the Congressional Budget Office". ``orgs`` are the article's organisation names in
    reading order; the nearest one before ``offset`` whose name holds the description's words, its head last or
    before "of", wins. None for anything but "the" and lowercase words, or when no name holds them."""
    words = phrase.split()
    if not 2 <= len(words) <= 4 or words[0].lower() != "the" or not all(w.isalpha() and w.islower() for w in words[1:]):
        return None
    modifiers, head = words[1:-1], words[-1]
    for sp in reversed(orgs[:bisect_left(orgs, offset, key=lambda o: o.start)]):
        name = [w.lower() for w in sp.text.split()]
        at = len(name) - 1 if name[-1] == head else next(
            (i for i, w in enumerate(name[:-1]) if w == head and name[i + 1] == "of"), -1)
        if at > 0 and all(w in name[:at] for w in modifiers):
            return sp.text
    return None
