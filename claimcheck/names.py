"""Name spans: people, organisations and places, tagged with character offsets.

A greedy averaged-perceptron tagger (BIO over PERSON / ORGANIZATION /
LOCATION) trained on PolNeAR's training split by ``python -m bench.train``.
Only capitalised tokens, and the particles between them ("Bank *of*
America", "Ursula *von der* Leyen"), are scored: every other token is
outside a name, which keeps tagging a whole article cheap. Sentence-initial
words ("Yet", "But", "On") are scored like any other, so "Yet Comey" is not
glued into a name: the model learned that "Yet" begins no name.
"""
from __future__ import annotations

import re

from functools import lru_cache
from typing import Iterable, Iterator, NamedTuple, Sequence

import numpy as np

from .normalize import fold_accents
from .segment import abbreviated_title
from .speakers import PREFIXED_SURNAME, SPEECH_VERB_SET
from .tagging import SITE, GreedyPerceptron, Token, dictionary_tag, load_json_model, word_leaning

LABELS = ("PERSON", "ORGANIZATION", "LOCATION")
PARTICLES = frozenset("of for and de del della di da du des la le van von der den bin ibn al el y & st. the".split())
NAME_PARTICLES = frozenset("de del della di da du des la le van von der den bin ibn al el".split())  # not "and", "of"
COURTESY_TITLES = frozenset("mr mrs ms dr messrs mme".split())  # with or without the dot; not "Miss" (Universe)
# Words after a courtesy title that are not a name: "Mr. President", "Dr. Professor"
ADDRESS_WORDS = frozenset("president vice speaker chairman chairwoman secretary mayor governor senator justice judge "
                          "ambassador prime minister chancellor professor director commissioner".split())
_OPENERS = frozenset('."“”‘’\'(:;—–-?!')


class NameSpan(NamedTuple):
    """A tagged name with its character offsets."""

    start: int
    end: int
    text: str
    label: str  # PERSON | ORGANIZATION | LOCATION


@lru_cache(maxsize=1 << 16)
def shape(word: str) -> str:
    """Word shape, runs collapsed: "McCain" -> "XxXx", "U.S." -> "X.X.", "2016" -> "d"."""
    out = []
    for ch in word:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:6]


# Closed-class words: capitalised only at the start of a sentence or in a headline, never a name of their own.
_NOT_IN_ORG_NAMES = frozenset("the a an and of for on in at by with from to as".split())
COMMON = frozenset("""
the a an this that these those he she it they we i you his her its their our my your him them me but and or nor so
yet if when while as after before because although though since until unless in on at by for from with without about
into over under between through during against among of to not no there here what which who whom whose where why how
all some any each every both either neither many much more most other another such is are was were be been has have
had do does did will would can could should may might must also then now however meanwhile still just even only
""".split())


def scored(words: Sequence[str], i: int) -> bool:
    """Whether token i can be part of a name: capitalised and not a closed-class word, or a particle between names."""
    w = words[i]
    if w[:1].isupper():
        return w.lower() not in COMMON
    if w.lower() in PARTICLES and 0 < i < len(words) - 1:
        return words[i - 1][:1].isupper() and (words[i + 1][:1].isupper() or words[i + 1].lower() in PARTICLES)
    return False


@lru_cache(maxsize=1 << 16)
def word_features(w: str) -> tuple[str, ...]:
    """The features of a token that depend on the word alone (built once per distinct word)."""
    lw = w.lower()
    return ("bias", "w " + lw, "W " + w, "shape " + shape(w), "suf3 " + lw[-3:], "suf2 " + lw[-2:], "pre3 " + lw[:3],
            "len " + str(min(len(w), 8)))


def _neighbours(words: Sequence[str], i: int) -> tuple[str, str, str, str, bool]:
    """The two words before token i and the two after (sentence edges as "<s>" and "</s>"), and whether token i
    opens its sentence or a clause."""
    p1 = words[i - 1] if i > 0 else "<s>"
    return (p1, words[i - 2] if i > 1 else "<s>", words[i + 1] if i + 1 < len(words) else "</s>",
            words[i + 2] if i + 2 < len(words) else "</s>", i == 0 or p1 in _OPENERS)


def _neighbour_features(x: str) -> tuple[str, ...]:
    """The features a neighbour gives alone, in each place it can stand: its word as p1, p2, n1, n2, its shape as
    p1, n1."""
    lx, sx = x.lower(), shape(x)
    return "p1 " + lx, "p2 " + lx, "n1 " + lx, "n2 " + lx, "p1shape " + sx, "n1shape " + sx


def _pair_features(w: str, p1: str, n1: str, first: bool, first_names: frozenset[str]) -> tuple[str, ...]:
    """The context features that read the token with a neighbour."""
    lw = w.lower()
    return ("first " + str(first), f"w+n1 {lw} {n1.lower()}", f"p1+w {p1.lower()} {lw}", f"first+w {first} {lw}",
            f"fn {w in first_names} {p1 in first_names}", f"fn+n1shape {w in first_names} {shape(n1)}")


def context_features(words: Sequence[str], i: int, first_names: frozenset[str]) -> list[str]:
    """The features of token i that depend on its neighbours (not on the labels before it)."""
    p1, p2, n1, n2, first = _neighbours(words, i)
    before, after = _neighbour_features(p1), _neighbour_features(n1)
    return [before[0], _neighbour_features(p2)[1], after[2], _neighbour_features(n2)[3], before[4], after[5],
            *_pair_features(words[i], p1, n1, first, first_names)]


def static_rows(model: GreedyPerceptron, words: Sequence[str], i: int, first_names: frozenset[str]) -> list[int]:
    """The rows of ``word_features`` and ``context_features`` for token i, those of single words read from the
    model's per-word memos (the strings are built once per word, not per token)."""
    own, around = model.word_rows("names own", word_features), model.word_rows("names around", _neighbour_features)
    p1, p2, n1, n2, first = _neighbours(words, i)
    before, after = around[p1], around[n1]
    return [*own[words[i]], before[0], around[p2][1], after[2], around[n2][3], before[4], after[5],
            *model.rows(_pair_features(words[i], p1, n1, first, first_names))]


def label_features(prev: str, prev2: str) -> tuple[str, ...]:
    """The features that read only the two labels before (``label_word_feature`` reads the word too)."""
    return "prev " + prev, f"prev2 {prev2} {prev}"


def label_word_feature(prev: str, word: str) -> str:
    return f"prev+w {prev} {word.lower()}"


def name_features(words: Sequence[str], i: int, prev: str, prev2: str,
                  first_names: frozenset[str] = frozenset()) -> list[str]:
    """Features of token i for the name tagger: the word, its shape and affixes, two words each side, prior labels,
    and whether it or the word before is a known first name (a list learned from the training split)."""
    return [*word_features(words[i]), *context_features(words, i, first_names), *label_features(prev, prev2),
            label_word_feature(prev, words[i])]


def decode(model: GreedyPerceptron, words: Sequence[str], first_names: frozenset[str] = frozenset()) -> list[str]:
    """BIO labels for a token sequence; unscored tokens are O. The features that do not read earlier labels are
    scored for the whole sequence at once.

    Greedy, as trained, then ``mend_runs``: adjacent name tokens the model
    gave two kinds ("Carla" B-ORGANIZATION, "Sanchez" I-PERSON) become one
    name. Barring the I- label instead (O after another kind) dropped first
    names the model marks I-PERSON after a title, and training with the bar
    lowered name F1 on PolNeAR dev from .846 to .828; mending raises it to
    .862 (.858 with ``after_courtesy_titles``, which that layer disagrees with); with the mends added since
    (``orphan_inside``, ``joined_agencies``, ``numbered_things`` among them) it is .866.
    """
    todo = [i for i in range(len(words)) if scored(words, i)]
    labels = ["O"] * len(words)
    if not todo:
        return labels
    static = model.summed([static_rows(model, words, i, first_names) for i in todo])
    scores: dict[int, np.ndarray] = {}  # the name tokens' label scores, for mend_runs
    prev, prev2, last = "O", "O", -1
    for k, i in enumerate(todo):
        if i > last + 1:  # unscored tokens between: O
            prev, prev2 = "O", ("O" if i > last + 2 else prev)
        s = static[k] + model.history(label_features(prev, prev2)) + model.feature(label_word_feature(prev, words[i]))
        label = labels[i] = model.best(s)
        if label != "O":
            scores[i] = s
        prev2, prev, last = prev, label, i
    if len(scores) > 1:
        mend_runs(words, labels, scores, model.classes)
    if scores:
        headline_verbs(words, labels, scores)
    for i in todo:  # a site named with a capital is an organisation: "FactCheck.org says", "GunBroker.com said"
        if "." in words[i] and SITE.fullmatch(words[i]):
            labels[i] = ("B-" if labels[i] == "O" else labels[i][:2]) + "ORGANIZATION"
    institution_names(words, labels, todo)
    joined_agencies(words, labels)
    plural_possessor_names(words, labels)
    prefixed_surnames(words, labels)
    orphan_inside(words, labels, todo)
    numbered_things(words, labels)
    named_places(words, labels)
    modal_names(words, labels)
    return after_courtesy_titles(words, labels, todo)


# Modal verbs that are also names, read as closed-class words and never tagged: "Theresa May" came out "Theresa",
# "Mrs. May" no name at all, and "Will Hurd" "Hurd" (11 speakers of 1,500 AllSides pages were "Theresa")
MODAL_NAMES = frozenset("May Will".split())


def modal_names(words: Sequence[str], labels: list[str]) -> list[str]:
    """A capitalised "May" or "Will" inside a sentence (not a title-case headline, where modals are capitalised too)
    is a name's part beside a person: a surname after a given name or a courtesy title ("Theresa May", "Mrs. May",
    "George Will"), a given name before a surname the tagger found ("Will Hurd"). In place; returns ``labels``."""
    hits = [i for i in range(1, len(words)) if words[i] in MODAL_NAMES and labels[i] == "O"
            and not (i + 1 < len(words) and words[i + 1][:1].isdigit())]  # "Obama on Wednesday, May 5"
    if not hits or title_case(words):
        return labels
    for i in hits:
        if labels[i - 1][2:] == "PERSON":
            labels[i] = "I-PERSON"
        elif words[i - 1].lower().rstrip(".") in COURTESY_TITLES:
            labels[i] = "B-PERSON"
        elif i + 1 < len(words) and labels[i + 1][2:] == "PERSON" and words[i - 1][:1].islower():
            labels[i], labels[i + 1] = "B-PERSON", "I-PERSON"
    return labels


# Nouns that head the names of institutions, whose names go on with "of", "for" or "on" and capitalised words:
# "Committee for a Responsible Federal Budget", "Syrian Observatory for Human Rights", "Council on Foreign Relations"
INSTITUTION_HEADS = frozenset("""Academy Administration Agency Alliance Association Authority Bank Board Bureau Campaign
Caucus Center Centre Church Club Coalition College Commission Committee Conference Corporation Council Court Department
Federation Forum Foundation Fund Institute Institution League Ministry Museum Network Observatory Office Organisation
Organization Party Project School Service Society Trust Union University""".split())
_OF_WORDS = frozenset("of for on".split())
_FUNCTION_TAGS = frozenset("CD DT IN CC PRP PRP$ WDT WP WRB RB MD TO EX PDT".split())
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
DATE_WORDS = WEEKDAYS | frozenset("""january february march april may june july august september october november
december""".split())  # also attribution's TIME_WORDS
_DATE_WORDS = DATE_WORDS | frozenset("jan. feb. aug. sept. oct. nov. dec.".split())
_HYPHENATED_LOWER = re.compile(r"[-‐][a-z]")  # "London-based" describes the institution; it is not in its name


def institution_names(words: Sequence[str], labels: list[str], todo: Sequence[int]) -> list[str]:
    """An institution's name read whole: a capitalised head noun (``INSTITUTION_HEADS``), the capitalised words
    before it, and "of"/"for"/"on" with the capitalised words after ("the"/"a" allowed after the preposition,
    "and"/"&" between capitals). The tagger, reading word by word, cuts these at the preposition or misses them.
    Not in title-case headlines, where every word is capitalised. In place; returns ``labels``."""
    n = len(words)
    heads = [i for i in todo if words[i] in INSTITUTION_HEADS and i + 2 < n and words[i + 1] in _OF_WORDS]
    if not heads or title_case(words):
        return labels
    for i in heads:
        k = i + 2
        if words[k] in ("the", "a", "an") and k + 1 < n and words[i + 1] != "on":
            k += 1  # "Committee for a Responsible Federal Budget"; not "Justice Department on a Trump campaign aide"
        if words[k].lower() in _DATE_WORDS or words[i + 1] == "on" and labels[k][2:] == "LOCATION":
            continue  # "Hofstra University on Monday", "... on Long Island"
        end = k
        while end < n and (words[end][:1].isupper() and words[end][:1].isalpha() and words[end].lower() not in _DATE_WORDS
                           and words[end].lower() not in ADDRESS_WORDS and labels[end][2:] != "PERSON"
                           or words[end] in ("and", "&", "of", "for") and end + 1 < n and words[end + 1][:1].isupper()
                           and not (words[end] == "and" and labels[end - 1][2:] == "LOCATION")):  # "... of Ohio and Demos"
            end += 1
        while end > k and not words[end - 1][:1].isupper():
            end -= 1  # never end on "and" / "of"
        if end == k:
            continue
        start = i
        while start > 0 and words[start - 1][:1].isupper() and words[start - 1].lower() not in _NOT_IN_ORG_NAMES \
                and labels[start - 1][2:] != "PERSON" and not _HYPHENATED_LOWER.search(words[start - 1]) \
                and dictionary_tag(words[start - 1]) not in _FUNCTION_TAGS:  # not an opening "If", "But", "When"
            start -= 1
        label_run(labels, start, end, "ORGANIZATION")
        if end < n and words[end].lower() in ADDRESS_WORDS and labels[end] != "O":
            labels[end] = "O"  # "Club for Growth President David McIntosh": the title belongs to no name
            open_run(labels, end + 1)
    return labels


# Heads of agencies whose names join two subjects with "and": "Food and Drug Administration", "Customs and Border
# Protection", "Immigration and Customs Enforcement", "Housing and Urban Development"
AGENCY_HEADS = INSTITUTION_HEADS | frozenset("""Administration Enforcement Protection Services Development Security
Prevention Safety Affairs Management Welfare Explosives""".split())


def joined_agencies(words: Sequence[str], labels: list[str]) -> list[str]:
    """An agency's name that joins two subjects with "and" is one name, though the tagger starts it after the "and"
    ("Drug Administration" in "the Food and Drug Administration"): the capitalised word before the "and" opens it
    when it is no name of its own and no function word, and the name ends on an agency's head. In place; returns
    ``labels``."""
    n = len(labels)
    if "and" not in words:
        return labels
    for i in (k + 1 for k, w in enumerate(words) if w == "and" and 1 <= k < n - 1):
        if labels[i][2:] != "ORGANIZATION" or labels[i - 1] != "O" or labels[i - 2] != "O":
            continue
        end = i + 1
        while end < n and labels[end] == "I-ORGANIZATION":
            end += 1
        w = words[i - 2]
        if words[end - 1] in AGENCY_HEADS and w[:1].isupper() and w.isalpha() \
                and word_leaning(w) not in _FUNCTION_TAGS and w.lower() not in _DATE_WORDS:
            label_run(labels, i - 2, end, "ORGANIZATION")
    return labels


def open_run(labels: list[str], k: int) -> None:
    """Token k, if it went on a name that was relabelled or cut before it, now begins its own (I- to B-)."""
    if k < len(labels) and labels[k][:2] == "I-":
        labels[k] = "B-" + labels[k][2:]


def label_run(labels: list[str], start: int, end: int, kind: str) -> None:
    """Tokens [start, end) are one name of this kind; a name the token after them went on begins anew."""
    labels[start] = "B-" + kind
    for r in range(start + 1, end):
        labels[r] = "I-" + kind
    open_run(labels, end)


_POSSESSIVE_MARKS = frozenset(["'s", "’s", "'", "’"])
_GIVEN_NAME_SHAPE = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?")  # "Bashar", "Abdel-Fattah"; not "Qatar-based"


def plural_possessor_names(words: Sequence[str], labels: list[str]) -> list[str]:
    """A name that holds a plural common noun's possessive is one organisation: "National Women's Law Center",
    "Children's Defense Fund", "Veterans' Affairs Department". The tagger cuts these at the possessive
    ("National Women" and "Center"). The capitalised words after it must hold an organisation's word (a tagged
    organisation or an institution's head noun), and a person's name or a title ends them. A person's name before
    the possessive ("Trump's Justice Department", "Sanders' Senate office") is no part of it. In place; returns
    ``labels``."""
    n = len(words)
    for i in range(1, n - 1):
        if words[i] not in _POSSESSIVE_MARKS or labels[i - 1] == "O" or not words[i + 1][:1].isupper():
            continue
        plural = words[i - 1].lower()
        if labels[i - 1][2:] == "PERSON" or not plural.isalpha() or not (
                plural.endswith("s") if words[i] in ("'", "’") else dictionary_tag(plural) == "NNS"):
            continue  # "Tenants' Rights", "Women's Law"; not "Sanders' Senate office"
        end = i + 1
        while end < n and words[end][:1].isupper() and words[end].isalpha() and labels[end][2:] != "PERSON" \
                and words[end].lower() not in ADDRESS_WORDS and words[end].lower() not in _DATE_WORDS:
            end += 1
        if not any(labels[k][2:] == "ORGANIZATION" or words[k] in INSTITUTION_HEADS for k in range(i + 1, end)):
            continue
        start = i - 1
        while start > 0 and labels[start][:2] == "I-":
            start -= 1
        label_run(labels, start, end, "ORGANIZATION")
    return labels


def prefixed_surnames(words: Sequence[str], labels: list[str]) -> list[str]:
    """A surname in lowercase with an Arabic article or a patronymic ("al-Assad", ``PREFIXED_SURNAME``) ends the
    person's name before it ("Bashar al-Assad"), or makes one with a given name before it that no other name holds
    ("President Abdel-Fattah el-Sissi"). Alone it names no one: "al-Qaeda", "the al-Nusra Front", "Qatar-based
    al-Jazeera". The tagger never scores a lowercase word, so these are labelled by rule. In place; returns
    ``labels``."""
    for i, w in enumerate(words):
        if i == 0 or not PREFIXED_SURNAME.fullmatch(w):
            continue
        prev = words[i - 1]
        if labels[i - 1][2:] == "PERSON":
            labels[i] = "I-PERSON"
            open_run(labels, i + 1)
        elif labels[i - 1] == "O" and _GIVEN_NAME_SHAPE.fullmatch(prev) and prev.lower() not in COMMON \
                and prev.lower() not in ADDRESS_WORDS:
            label_run(labels, i - 1, i + 1, "PERSON")
    return labels


def headline_verbs(words: Sequence[str], labels: list[str], named: Iterable[int]) -> list[str]:
    """In a headline set in title case, a verb in -s inside a name ends it: "Glenn Beck Says Trump",
    "Trump Addresses Munich Attack" (capitals everywhere leave the tagger nothing to tell a name by). ``named``
    holds the tokens tagged as names. In place; returns ``labels``."""
    verbs = [i for i in named if dictionary_tag(words[i]) == "VBZ"]
    if verbs and title_case(words):
        for i in verbs:
            labels[i] = "O"
            open_run(labels, i + 1)
    return labels


def title_case(words: Sequence[str]) -> bool:
    """A headline set in title case: three or more content words, every one capitalised."""
    content = [w for w in words if len(w) > 3 and w.isalpha() and w.lower() not in COMMON]
    return len(content) >= 3 and all(w[:1].isupper() for w in content)


def mend_runs(words: Sequence[str], labels: list[str], scores: dict[int, np.ndarray],
              classes: Sequence[str]) -> list[str]:
    """One name per run of adjacent name tokens, as PolNeAR's CoreNLP layer marks them (it has no B- labels).

    A B- right after a name of its own kind continues it ("Jacklyn" "Ashley").
    An I- after a name of another kind joins the two ("Carla" B-ORGANIZATION
    "Sanchez" I-PERSON), and the joined name takes the kind the model scored
    best over all its tokens, each token counting its better of B- and I-
    against its best label; but not in a headline set in title case, where
    that would join a verb into a name ("Warren Hammers Wells Fargo").
    ``scores`` holds the name tokens, in order. In place; returns ``labels``.
    """
    index = {c: n for n, c in enumerate(classes)}
    first, headline = -1, None
    for i in scores:
        lab = labels[i]
        if i - 1 not in scores or lab[0] == "B" and lab[2:] != labels[i - 1][2:]:
            first = i
            continue
        if lab[2:] == labels[i - 1][2:]:
            labels[i] = "I-" + lab[2:]
            continue
        if headline is None:
            headline = title_case(words)
        if headline:
            first = i
            continue
        run = range(first, i + 1)  # an I- of another kind: one name of the kind scored best over the run
        kind = max(LABELS, key=lambda t: sum(max(scores[r][index["B-" + t]], scores[r][index["I-" + t]])
                                               - scores[r].max() for r in run))
        labels[first] = "B-" + kind
        for r in run[1:]:
            labels[r] = "I-" + kind
    return labels


def orphan_inside(words: Sequence[str], labels: list[str], todo: Sequence[int]) -> list[str]:
    """An I- label after O: the model read the token as going on a name whose word before it was left out
    ("Spencer" O, "Crew" I-ORGANIZATION; "Kara" B-PERSON, "Lavender" O, "Law" I-PERSON). That word joins the name
    when it is capitalised and is no function word, verb or title (it fills a gap of one word between two parts of
    one name); else the token begins a name of its own, as before. In place; returns ``labels``."""
    for i in todo:
        if i == 0 or labels[i][:2] != "I-" or labels[i - 1] != "O":
            continue
        w, kind = words[i - 1], labels[i][2:]
        if not w[:1].isupper() or not w.isalpha() or w.lower() in ADDRESS_WORDS or w.lower() in _DATE_WORDS:
            continue
        leaning = word_leaning(w)
        if kind == "PERSON" and leaning not in (None, "NNP", "NNPS") or leaning in _FUNCTION_TAGS \
                or (leaning or "").startswith("VB") and leaning != "VBN":
            continue  # "Mother Zubeidat", "So Charlamagne", "Either Trump": not in the name
        labels[i - 1] = ("I-" if i >= 2 and labels[i - 2][2:] == kind else "B-") + kind
    return labels


_ROMAN = re.compile(r"[IVX]{1,4}")


def person_runs(labels: Sequence[str]) -> Iterator[tuple[int, int]]:
    """The [start, end) token runs the labels give one person's name (B-PERSON and the I-PERSON after it)."""
    i, n = 0, len(labels)
    while i < n:
        if labels[i] != "B-PERSON":
            i += 1
            continue
        end = i + 1
        while end < n and labels[end] == "I-PERSON":
            end += 1
        yield i, end
        i = end


def numbered_things(words: Sequence[str], labels: list[str]) -> list[str]:
    """A common noun and a Roman numeral are a law, a phase or a war, not a person: "Title IX", "Phase II",
    "World War II" (but "Henry VIII", "John Paul II" and "Joe Kennedy III" stay). In place; returns ``labels``."""
    if "B-PERSON" not in labels:
        return labels
    for i, end in list(person_runs(labels)):
        if end - i >= 2 and _ROMAN.fullmatch(words[end - 1]) \
                and all(word_leaning(w) in ("NN", "NNS") for w in words[i:end - 1]):
            labels[i:end] = ["O"] * (end - i)
    return labels


# Nouns that end the names of places and buildings named after people: "Trump Tower", "Romare Bearden Park"
PLACE_HEADS = frozenset("""Tower Towers Hall Park Plaza Square Street Avenue Boulevard Road Building Bridge Airport
Station Stadium Arena Hotel Hospital Center Centre Church Cathedral Chapel Mosque Temple Synagogue School College
University Library Museum Theater Theatre Memorial Garden Gardens Mall Courthouse Palace""".split())
_LOCATIVES = frozenset("at in inside outside near into beside behind".split())


def named_places(words: Sequence[str], labels: list[str]) -> list[str]:
    """A person's name that ends in a place's noun right after "at" or "in" is a place: "At Trump Tower, the
    president-elect ...", "in Romare Bearden Park" (a "he" had then stood for it). After another word the name
    stays a person's ("Arsenio Hall said", "a call with Tom Park"). In place; returns ``labels``."""
    if "B-PERSON" not in labels:
        return labels
    for i, end in list(person_runs(labels)):
        if i > 0 and words[i - 1].lower() in _LOCATIVES and end - i >= 2 and words[end - 1] in PLACE_HEADS:
            label_run(labels, i, end, "LOCATION")
    return labels


def after_courtesy_titles(words: Sequence[str], labels: list[str], todo: Sequence[int]) -> list[str]:
    """A capitalised word after "Mr.", "Mrs.", "Ms." or "Dr." begins a person's name, whatever the model said:
    "Mr. Band", "Mr. Minor" are surnames that are also common words, and "Mr. Xi" a name it never saw. (PolNeAR's
    CoreNLP layer misses many of these, so name F1 against it drops from .862 to .859.) After an abbreviated
    office ("Rep.", "Sen.", "Gov."), a capitalised word before a surname the model found is the first name, common
    word or not: "Rep. Will Hurd", "Sen. Mark Warner". ``todo`` holds the capitalised words the tagger scored. In
    place; returns ``labels``."""
    for i in todo:
        if i >= 2 and labels[i][2:] == "PERSON" and labels[i - 1] == "O" and words[i - 1][:1].isupper() \
                and abbreviated_title(words[i - 2]):
            labels[i - 1], labels[i] = "B-PERSON", "I-PERSON"
        if i == 0 or words[i - 1].lower().rstrip(".") not in COURTESY_TITLES or words[i].lower() in ADDRESS_WORDS:
            continue
        if labels[i] == "O":
            labels[i] = "B-PERSON"
        elif labels[i][2:] != "PERSON":
            labels[i] = "B-PERSON"
            k = i + 1
            while k < len(labels) and labels[k][:2] == "I-" and labels[k][2:] != "PERSON":
                labels[k] = "I-PERSON"
                k += 1
    return labels


@lru_cache(maxsize=1)
def name_model() -> GreedyPerceptron:
    m = load_json_model("names")
    return GreedyPerceptron(m["weights"], m["classes"])


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Words that open people's names in PolNeAR's training split (bench.train ``first_names_seen``)."""
    model = load_json_model("names")
    return frozenset(model.get("first_names", ())) | frozenset(model.get("genders", {}))


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """The tagger's first names and the common given names of US birth records (``models/first_names.json``)."""
    return first_names() | frozenset(load_json_model("first_names")["genders"])


# A name made a modifier by a word after a hyphen ("Supreme Court-style", "Chicago-based", "Saudi-led", "Trump-era")
# names nobody in its sentence: it describes the noun after it. A closed list: a name's own lowercase syllable after a
# hyphen ("Moon Jae-in", "Kang Kyung-wha") is no modifier
NAME_AS_MODIFIER = re.compile(
    r"[A-Z][\w.'’]*(?:-[A-Za-z]+)*-(?:style|based|led|backed|born|era|like|funded|owned|run|made|linked|allied"
    r"|aligned|affiliated|controlled|sponsored|inspired|friendly|centric|focused|specific|related|type|esque|wide"
    r"|level)")


def spans_from_labels(tokens: Sequence[Token], labels: Sequence[str], text: str) -> list[NameSpan]:
    """Join B-/I- runs into spans; a run never ends on a particle ("Bank of")."""
    out: list[NameSpan] = []
    run: list[Token] = []
    kind = None

    def flush() -> None:
        label = kind
        if label == "ORGANIZATION" and len(run) >= 4 and run[0].text in given_names() and run[1].text[:1].isupper() \
                and any(t.text == "of" for t in run[2:]):
            label = "PERSON"  # "Raymond Kethledge of Michigan", "Orrin Hatch of Utah": a person and where from
        if label == "PERSON":
            # a person's name holds no lowercase word but a particle ("Palin briefly", "Trump attacks Democrats")
            # and no "of" ("Orrin Hatch of Utah"); a speech verb opening a sentence is not in it ("Writes Allahpundit")
            cut = next((i for i, t in enumerate(run) if t.text == "of" or t.text[:1].islower()
                        and t.text.lower() not in NAME_PARTICLES and not PREFIXED_SURNAME.fullmatch(t.text)), len(run))
            del run[cut:]
            if len(run) > 1 and run[0].text.lower() in SPEECH_VERB_SET:
                del run[0]
        while run and run[-1].text.lower() in PARTICLES:
            run.pop()
        while run and run[0].text.islower() and run[0].text in PARTICLES:
            del run[0]  # "Director of National Intelligence": the office's "of" opens no name
        if run:
            out.append(NameSpan(run[0].start, run[-1].end, text[run[0].start:run[-1].end], label))

    for tok, lab in zip(tokens, labels):
        if lab == "O" or NAME_AS_MODIFIER.fullmatch(tok.text):
            if run:
                flush()
                run, kind = [], None
            continue
        tag, _, typ = lab.partition("-")
        if tag == "I" and run and typ == kind:
            run.append(tok)
            continue
        if run:
            flush()
        run, kind = [tok], typ
    if run:
        flush()
    return out


def join_particles(spans: list[NameSpan], text: str) -> list[NameSpan]:
    """Two person spans with only particles between them are one name: "Ursula" "von der" "Leyen"."""
    out: list[NameSpan] = []
    for sp in spans:
        if out and out[-1].label == sp.label == "PERSON":
            between = text[out[-1].end:sp.start].split()
            if between and all(w.lower() in NAME_PARTICLES for w in between):
                prev = out.pop()
                sp = NameSpan(prev.start, sp.end, text[prev.start:sp.end], "PERSON")
        out.append(sp)
    return out


def tag_names(tokens: Sequence[Token], text: str) -> list[NameSpan]:
    """Name spans in one sentence's tokens."""
    if not any(t.text[:1].isupper() for t in tokens):
        return []
    # read without accents ("José Díaz" as "Jose Diaz"): the tagger knows its given names mostly so, and took an
    # accented one for another name before the surname ("Julián" an organisation, "Castro" a person)
    words = [fold_accents(t.text) for t in tokens]
    return join_particles(spans_from_labels(tokens, decode(name_model(), words, first_names()), text), text)
