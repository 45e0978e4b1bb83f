"""A comparison copy of a text: words normalised so that spelling differences vanish.

``words(text)`` returns the normalised words and, for each, the index of the
original word it came from, so a diff computed on normalised words can be
shown in the words the outlet printed.
"""
from __future__ import annotations

import re
import unicodedata
import zlib
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import chain
from typing import Iterable

_DASHES = re.compile(r"—|–|―|--+")
_BRACKETED = re.compile(r"\[[^\[\]]{0,40}\]")
_ELLIPSIS = re.compile(r"…|\.\s?\.\s?\.")
_PER_CENT = re.compile(r"\bper\s+cent\b", re.I)
_NUMBER = re.compile(r"[$€£¥]?\d[\d,]*(?:\.\d+)?%?")
_INITIALISM = re.compile(r"(?:[a-z]\.){2,}[a-z]?")
_INITIALISM_OPEN = re.compile(r"(?:[a-z]\.)+[a-z]")
_EDGE_PUNCT = "\"'“”‘’()[]{}<>,;:!?.…«»„‚*_`"

NUMBER_WORDS = {
    "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "twenty": "20", "hundred": "100",
}
SCALE_WORDS = frozenset("thousand million billion trillion bn mn percent".split())
NEGATIONS = frozenset("not no never none nobody nothing neither nor without cannot nowhere".split())

# British -> American, as pairs an editor would call the same word.
SPELLINGS = {
    "defence": "defense", "offence": "offense", "licence": "license", "pretence": "pretense",
    "programme": "program", "programmes": "programs", "centre": "center", "centres": "centers", "theatre": "theater",
    "metre": "meter", "metres": "meters", "litre": "liter", "litres": "liters", "fibre": "fiber", "calibre": "caliber",
    "spectre": "specter", "sombre": "somber", "grey": "gray", "tyre": "tire", "tyres": "tires", "analyse": "analyze",
    "analysed": "analyzed", "paralyse": "paralyze", "catalogue": "catalog", "ageing": "aging", "judgement": "judgment",
    "aluminium": "aluminum", "manoeuvre": "maneuver", "manoeuvres": "maneuvers", "travelled": "traveled",
    "travelling": "traveling", "traveller": "traveler", "travellers": "travelers", "cancelled": "canceled",
    "cancelling": "canceling", "modelling": "modeling", "labelled": "labeled", "fuelled": "fueled",
    "counselling": "counseling", "signalled": "signaled", "levelled": "leveled", "jewellery": "jewelry",
    "enrol": "enroll", "fulfil": "fulfill", "skilful": "skillful", "plough": "plow", "sceptical": "skeptical",
    "mould": "mold", "storey": "story", "draught": "draft", "kerb": "curb", "cheque": "check",
    "whilst": "while", "amongst": "among", "towards": "toward", "afterwards": "afterward", "per cent": "percent",
}
_OUR_EXCEPTIONS = frozenset("our four hour your tour pour flour sour dour contour devour detour troubadour "
                            "ours hours yours tours pours flours".split())
_ISE_EXCEPTIONS = frozenset("""rise arise wise likewise otherwise clockwise advise exercise promise premise surprise compromise
enterprise expertise franchise merchandise televise supervise revise devise comprise despise disguise noise
poise praise raise cruise precise concise paradise chastise improvise demise excise incise treatise guise
bruise chemise reprise anise valise""".split())
_CONTRACTIONS = [
    (re.compile(r"^(ca)n't$"), ["can", "not"]), (re.compile(r"^won't$"), ["will", "not"]),
    (re.compile(r"^shan't$"), ["shall", "not"]), (re.compile(r"^(\w+)n't$"), None),
    (re.compile(r"^(\w+)'re$"), "are"), (re.compile(r"^(\w+)'ve$"), "have"), (re.compile(r"^(\w+)'ll$"), "will"),
    (re.compile(r"^(i)'m$"), "am"), (re.compile(r"^(\w+)'d$"), "would"),
    (re.compile(r"^(it|that|there|what|who|he|she|here|where|how)'s$"), "is"), (re.compile(r"^let's$"), ["let", "us"]),
]


def fold_accents(text: str) -> str:
    """``text`` with its accents dropped ("Julián" -> "Julian"): outlets print names either way, and the name
    tagger learned its given names mostly without them."""
    if text.isascii():
        return text
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def _american(word: str) -> str:
    if word in SPELLINGS:
        return SPELLINGS[word]
    if word.endswith("our") and len(word) > 5 and word not in _OUR_EXCEPTIONS:
        return word[:-3] + "or"
    if word.endswith("ours") and len(word) > 6 and word not in _OUR_EXCEPTIONS:
        return word[:-4] + "ors"
    for ise, ize in (("isation", "ization"), ("ising", "izing"), ("ised", "ized"), ("ises", "izes"), ("ise", "ize")):
        if word.endswith(ise) and len(word) > len(ise) + 2:
            stem_word = word[: -len(ise)] + "ise"
            if stem_word not in _ISE_EXCEPTIONS and not stem_word.endswith("wise"):
                return word[: -len(ise)] + ize
            break
    return word


def _expand(word: str) -> list[str]:
    if "'" not in word:
        return [word]
    for rx, repl in _CONTRACTIONS:
        m = rx.match(word)
        if m:
            if repl is None:
                return [m.group(1), "not"]
            if isinstance(repl, list):
                return repl
            return [m.group(1), repl]
    return [word]


@lru_cache(maxsize=1 << 16)
def normalize_word(raw: str) -> tuple[str, ...]:
    """One printed word as zero or more comparison words."""
    w = raw.lower().replace("’", "'").replace("‘", "'").strip(_EDGE_PUNCT)
    if not w:
        return ()
    if _NUMBER.fullmatch(w):
        num = w.replace(",", "")
        if num.endswith("%"):
            return (num[:-1], "percent")
        return (num,)
    if "." in w and (_INITIALISM.fullmatch(w + ("" if w.endswith(".") else ".")) or _INITIALISM_OPEN.fullmatch(w)):
        return (w.replace(".", ""),)  # U.S. -> us, U.K. -> uk
    out: list[str] = []
    for part in _expand(w):
        part = part.replace("-", "")
        part = part.strip(_EDGE_PUNCT)
        if not part:
            continue
        part = NUMBER_WORDS.get(part, part)
        if part.endswith("'s"):  # possessive: spell the stem, keep the 's
            out.append(_american(part[:-2]) + "'s")
        else:
            out.append(_american(part))
    return tuple(out)


@dataclass(frozen=True)
class Words:
    """Normalised words of a text, each pointing back at the printed word it came from.

    ``codes`` and ``term_codes`` are the CRC-32 codes of the distinct words
    and of the content words, computed where the article is parsed (in a
    worker process), so the matcher's index is built from numbers alone.
    The printed words are re-read from ``text`` when a diff needs them: most
    items never match, and not shipping them halves what the parse workers
    send back.
    """

    text: str
    norm: tuple[str, ...]
    codes: tuple[int, ...] = ()
    term_codes: tuple[int, ...] = ()
    joined: tuple[tuple[int, int], ...] = ()  # a compound view (``compound_views``): printed words per word

    @cached_property
    def _layout(self) -> tuple[tuple[int, ...], tuple[str, ...]]:
        _, source, printed = _tokens(self.text)
        return tuple(source), tuple(printed)

    @property
    def source(self) -> tuple[int, ...]:
        """For each normalised word, the index of the (first) printed word it came from."""
        return tuple(first for first, _ in self.joined) if self.joined else self._layout[0]

    @property
    def printed(self) -> tuple[str, ...]:
        return self._layout[1]

    @cached_property
    def runs(self) -> frozenset[str]:
        """Every run of 2 to ``COMPOUND_PARTS`` consecutive words written as one (what ``compound_views`` looks
        for in the other text), kept with the words: one item is scored against many."""
        n = self.norm
        return frozenset("".join(n[i:i + size]) for size in range(2, COMPOUND_PARTS + 1) for i in range(len(n) - size + 1))

    @cached_property
    def terms(self) -> frozenset:
        """The content words the matcher indexes."""
        return frozenset(content_terms(self.norm))

    def printed_span(self, i: int, j: int) -> str:
        """The printed words behind normalised words i..j (exclusive)."""
        if i >= j:
            return ""
        if self.joined:
            return " ".join(self.printed[self.joined[i][0]:self.joined[j - 1][1] + 1])
        idx = sorted(set(self.source[i:j]))
        return " ".join(self.printed[k] for k in idx)


def _printed_words(text: str) -> list[str]:
    """The text split into printed words, with editorial brackets, ellipses and dashes taken out."""
    # Each substitution only where a cheap test says its pattern can match (most items have none of them).
    if "[" in text:
        text = _BRACKETED.sub(" ", text)
    if "…" in text or text.count(".") >= 3:
        text = _ELLIPSIS.sub(" ", text)
    if "—" in text or "–" in text or "―" in text or "--" in text:
        text = _DASHES.sub(" ", text)
    if "cent" in text.lower():  # re.I matches nothing to these letters that lower() does not make them
        text = _PER_CENT.sub("percent", text)
    return text.split()


def _tokens(text: str) -> tuple[list[str], list[int], list[str]]:
    """Normalised words, the printed word each comes from, and the printed words."""
    norm: list[str] = []
    source: list[int] = []
    printed: list[str] = []
    for raw in _printed_words(text):
        parts = normalize_word(raw)
        if not parts:
            continue
        printed.append(raw.strip(_EDGE_PUNCT) or raw)
        for p in parts:
            norm.append(p)
            source.append(len(printed) - 1)
    return norm, source, printed


COMPOUND_PARTS = 4  # "state of the art" / "state-of-the-art": at most this many words written as one


def compound_views(a: Words, b: Words) -> tuple[Words, Words] | None:
    """Both texts with a compound written as one word in one and as several in the other joined the same way,
    or None when there is no such compound.

    Hyphens are already dropped inside words ("duty-bound" reads "dutybound"),
    so "duty bound" and "duty-bound", "tax filing" and "tax-filing",
    "slime ball" and "slimeball" differ only in spacing: a run of words in one
    text that spells a word only the other text has is read as that word.
    Only texts of different lengths can differ so.
    """
    if len(a.norm) == len(b.norm):
        return None
    set_a, set_b = set(a.norm), set(b.norm)
    ja, jb = _joined_view(a, set_b - set_a), _joined_view(b, set_a - set_b)
    if ja is None and jb is None:
        return None
    return ja or a, jb or b


def _joined_view(w: Words, targets: set[str]) -> Words | None:
    """``w`` with every run of 2-4 words that spells one of ``targets`` joined into that word (the shortest run
    from each word on). Runs are looked up in ``targets`` as whole strings, and the printed positions are read
    only when one is found: most pairs scored have none."""
    if not targets or targets.isdisjoint(w.runs):
        return None
    norm = w.norm
    runs: list[tuple[int, int]] = []  # (first word, words joined)
    i = 0
    while i < len(norm):
        size, acc = 1, norm[i]
        for k in range(i + 1, min(i + COMPOUND_PARTS, len(norm))):
            acc += norm[k]
            if acc in targets:
                size = k - i + 1
                break
        runs.append((i, size))
        i += size
    if len(runs) == len(norm):
        return None
    src = w.source
    return Words(w.text, tuple("".join(norm[i:i + size]) for i, size in runs),
                 joined=tuple((src[i], src[i + size - 1]) for i, size in runs))


def words(text: str) -> Words:
    """The normalised words of ``text`` (``_tokens``' words, without the layout) and their codes."""
    memo = _PRINTED
    entries = [memo.get(raw) or _printed_entry(raw) for raw in _printed_words(text)]
    norm = tuple(chain.from_iterable([e[0] for e in entries]))
    codes = set(chain.from_iterable([e[1] for e in entries]))
    terms = set(chain.from_iterable([e[2] for e in entries]))
    return Words(text, norm, tuple(sorted(codes)), tuple(sorted(terms)))


# Printed word -> (its normalised words, their codes, the codes of those that are content terms). Every item of an
# archive is read through it; a plain dict (cleared when full) costs less per word than an LRU cache.
_PRINTED: dict[str, tuple[tuple[str, ...], tuple[int, ...], tuple[int, ...]]] = {}
_PRINTED_LIMIT = 200_000  # a parse worker holds one; it replaces the word-code cache, and normalize_word keeps fewer


def _printed_entry(raw: str) -> tuple[tuple[str, ...], tuple[int, ...], tuple[int, ...]]:
    if len(_PRINTED) >= _PRINTED_LIMIT:
        _PRINTED.clear()
    norm = normalize_word(raw)
    terms = content_terms(norm)
    entry = _PRINTED[raw] = (norm, tuple(map(_code, norm)), tuple(_code(w) for w in norm if w in terms))
    return entry


def _code(word: str) -> int:
    return zlib.crc32(word.encode("utf-8"))


def is_number(word: str) -> bool:
    return bool(re.match(r"^[$€£¥]?\d", word)) or word in SCALE_WORDS


STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below between both
but by can could did do does doing down during each few for from further had has have having he her here hers herself
him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or
other our ours ourselves out over own same she should so some such than that the their theirs them themselves then
there these they this those through to too under until up very was we were what when where which while who whom why
will with would you your yours yourself yourselves said says say told would could may might must shall us
""".split())


def content_terms(norm: Iterable[str]) -> set[str]:
    """Words worth indexing: not stopwords, not one-letter."""
    return {w for w in norm if len(w) > 1 and w not in STOPWORDS}
