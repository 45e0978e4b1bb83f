"""Tokens and part-of-speech tags: the linguistic layer that name spans and attribution read.

Tokens follow the Penn Treebank split that the training data uses (``don't``
-> ``do`` ``n't``, ``Trump's`` -> ``Trump`` ``'s``, ``U.S.`` and ``Mr.`` one
token), each with character offsets into the article body. The tagger is
NLTK's averaged perceptron, trained on PolNeAR's training split by
``python -m bench.train`` and shipped as plain JSON in ``claimcheck/models/``.
It is loaded once, lazily, and tags only the windows attribution asks for,
so a whole archive is not tagged word by word.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import Callable, NamedTuple, Sequence

import numpy as np

MODELS = Path(__file__).parent / "models"

_ABBREVIATIONS = ("Mr Mrs Ms Messrs Dr Sen Sens Rep Reps Gov Govs Gen Lt Col Capt Cmdr Sgt St Jr Sr Prof Rev Adm Maj "
                  "Del Amb Det Insp Atty Brig Cpl Pvt Hon Inc Corp Co Ltd Bros Jan Feb Mar Apr Aug Sept Sep Oct Nov Dec "
                  "No Nos Mt Ft vs etc Ave Blvd Dept Pres Supt").split()
_LONGEST = max(map(len, _ABBREVIATIONS))
_NOT_CLITIC = r"[’'](?!(?:s|re|ve|ll|d|m|t)\b)\w+"  # O'Brien's apostrophe, not Trump's
# The token rules, first match wins, each with a cheap lookahead that must hold for the rule to match: Python's re
# tries every rule at every position, and failing at the first character instead of after backtracking over a word
# is what makes tokenizing cheap. TOKEN_RULES without the lookaheads is the definition (tests compare the two).
_DOMAINS = "com|org|net|gov|edu|io|co|uk|us|ca|au|de|fr|info|news|tv|ly"
_SITE = rf"\w[\w-]*(?:\.\w[\w-]*)*\.(?:{_DOMAINS})"
SITE = re.compile(_SITE)  # a site's address: "FactCheck.org", "www.bbc.co.uk"
_GUARDED_RULES = (
    # a site named as a source, one token: "FactCheck.org says", "Amazon.com's" (its "'s" split off after)
    (rf"(?=\w[\w.-]*\.(?:{_DOMAINS})\b)", _SITE + r"\b(?!\w|[.‐-]\w)"),
    (r"(?=[A-Za-z]\.)", r"(?:[A-Za-z]\.){2,}(?![A-Za-z])"),  # U.S., U.N., D.C.
    (rf"(?=[A-Za-z]{{2,{_LONGEST}}}\.)", r"\b(?:" + "|".join(_ABBREVIATIONS) + r")\."),  # Mr. Gov. Inc. Jan.
    (r"(?=[\w‐-]+\.)", r"(?:\w+[-‐])*[A-Z][a-z]{0,3}\.(?=\s*[,)])"),  # state and party abbreviations: "Va.,", "(R-Ky.)"
    ("", r"\b[A-Z]\.(?=\s+[A-Z](?:[a-z]|\.\s+[A-Z]))"),  # a middle initial: "Paul D. Ryan", "George H. W. Bush"
    (r"(?=\w*n[’']t\b)", r"\w+(?=n[’']t\b)"), ("", r"n[’']t\b"),  # don't -> do n't
    ("", r"(?<=\w)[’'](?:s|re|ve|ll|d|m|S)\b"),  # Trump's -> Trump 's
    ("", r"\$?\d+(?:[.,:]\d+)*%?"),  # 1,000 3.5 10:30
    ("", rf"\w+(?:{_NOT_CLITIC})*(?:[-‐]\w+(?:{_NOT_CLITIC})*)*"),  # O'Brien, duty-bound
    ("", r"\.{3}|--|[^\w\s]"),
)
TOKEN_RULES = "|".join(rule for _, rule in _GUARDED_RULES)
# Shortcuts taken before the rules, each matching only where the rules give the same token: a run of letters that
# no dot, apostrophe, hyphen or other word character follows (no rule above the plain word can match there), and
# punctuation that is always a token of its own.
_SHORTCUTS = r"[A-Za-z]+(?![\w.’'‐-])|[,;:!?()\"“”]"
_TOKEN = re.compile(rf"(?=\S)(?:{_SHORTCUTS}|" + "|".join(guard + rule for guard, rule in _GUARDED_RULES) + ")")


class Token(NamedTuple):
    """A token and its character offsets (a named tuple: articles make many, and tuples are cheap)."""

    text: str
    start: int
    end: int


_new_token = tuple.__new__  # what Token(...) does, without its Python-level __new__: articles have many tokens


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``."""
    end = len(text) if end is None else end
    return [_new_token(Token, (m[0], *m.span())) for m in _TOKEN.finditer(text, start, end)]


@lru_cache(maxsize=None)
def load_json_model(name: str) -> dict:
    """A model file from ``claimcheck/models`` (plain JSON), read once per process."""
    path = MODELS / f"{name}.json"
    try:
        with path.open(encoding="utf-8") as fh:
            return json.load(fh)
    except OSError as exc:  # a broken install, not bad input
        raise RuntimeError(f"claimcheck model {path} is missing ({exc}); reinstall claimcheck or run `make train`") from exc


class GreedyPerceptron:
    """Scoring with the weights of NLTK's ``AveragedPerceptron`` (feature -> label -> weight).

    The weights become one integer matrix, a row per feature and a column per
    label, in thousandths: the trainer rounds them to three decimals, so the
    integers are exact and a score is the same whatever order its features
    are added in. That lets a tagger add up, for a whole sentence at once,
    the features that do not depend on the labels already given (``summed``),
    and per token only those that do (``history``, cached, plus one row).
    Ties go to the alphabetically last label, as in NLTK's ``predict``: the
    columns run from the last label to the first, so ``argmax`` (the first
    of equal scores) picks it.
    """

    def __init__(self, weights: dict[str, dict[str, float]], classes: Sequence[str]):
        self.classes = sorted(classes, reverse=True)  # column order
        column = {c: i for i, c in enumerate(self.classes)}
        self.row = {f: i for i, f in enumerate(weights)}
        self.matrix = np.zeros((len(self.row) + 1, len(self.classes)), dtype=np.int32)  # the last row, 0, is unknown
        for f, i in self.row.items():
            for label, v in weights[f].items():
                self.matrix[i, column[label]] = round(v * 1000)
        self.unknown = len(self.row)
        self._history: dict[tuple[str, ...], np.ndarray] = {}
        self._word_rows: dict[str, WordRows] = {}

    def rows(self, features: Sequence[str]) -> list[int]:
        unknown, row = self.unknown, self.row
        return [row.get(f, unknown) for f in features]

    def summed(self, row_lists: Sequence[Sequence[int]]) -> np.ndarray:
        """One row of label scores per list of feature rows (``rows``, or a tagger's per-word memos); the lists are
        all of one length."""
        flat = list(chain.from_iterable(row_lists))
        return self.matrix.take(flat, axis=0).reshape(len(row_lists), len(row_lists[0]), -1).sum(axis=1, dtype=np.int32)

    def word_rows(self, name: str, features: Callable[[str], Sequence[str]]) -> "WordRows":
        """The memo ``name`` of this model: a word's rows for ``features(word)``."""
        memo = self._word_rows.get(name)
        if memo is None:
            memo = self._word_rows[name] = WordRows(self, features)
        return memo

    def history(self, features: tuple[str, ...]) -> np.ndarray:
        """The summed rows of features that depend only on earlier labels, cached: there are few such combinations."""
        s = self._history.get(features)
        if s is None:
            s = self._history[features] = self.matrix[self.rows(features)].sum(axis=0)
        return s

    def feature(self, name: str) -> np.ndarray:
        return self.matrix[self.row.get(name, self.unknown)]

    def best(self, scores: np.ndarray) -> str:
        return self.classes[scores.argmax()]


class WordRows(dict):
    """Word -> the model's rows for the features a word alone gives (``features(word)``), made on first use.

    A tagger reads the same words again and again; the row numbers of their
    features are looked up once instead of building the feature strings and
    probing the model's large feature table for every token. Bounded: a
    whole archive's vocabulary is not kept."""

    LIMIT = 1 << 14

    def __init__(self, model: GreedyPerceptron, features: Callable[[str], Sequence[str]]):
        super().__init__()
        self.model, self.features = model, features

    def __missing__(self, word: str) -> tuple[int, ...]:
        if len(self) >= self.LIMIT:
            self.clear()
        rows = self[word] = tuple(self.model.rows(self.features(word)))
        return rows


def pos_normal(word: str) -> str:
    """The word form the POS features see (NLTK's ``PerceptronTagger.normalize``, plus the case of the first letter)."""
    if "-" in word and word[0] != "-":
        return "!HYPHEN"
    if word.isdigit() and len(word) == 4:
        return "!YEAR"
    if word[:1].isdigit():
        return "!DIGITS"
    return word.lower()


def pos_word_features(words: Sequence[str], norm: Sequence[str], i: int) -> list[str]:
    """Features of NLTK's English perceptron tagger for word i that do not read earlier tags (norm is padded by two
    slots each side)."""
    word = words[i]
    j = i + 2
    return ["bias", "i suffix " + word[-3:], "i pref1 " + word[:1], "i word " + norm[j],
            "i-1 word " + norm[j - 1], "i-1 suffix " + norm[j - 1][-3:], "i-2 word " + norm[j - 2],
            "i+1 word " + norm[j + 1], "i+1 suffix " + norm[j + 1][-3:], "i+2 word " + norm[j + 2]]


def _pos_own(word: str) -> tuple[str, ...]:
    """``pos_word_features`` that read the printed word i (and the bias)."""
    return "bias", "i suffix " + word[-3:], "i pref1 " + word[:1]


def _pos_around(n: str) -> tuple[str, ...]:
    """``pos_word_features`` that a normalised word gives in each place it can stand: i, i-1, i-2, i+1, i+2."""
    return ("i word " + n, "i-1 word " + n, "i-1 suffix " + n[-3:], "i-2 word " + n, "i+1 word " + n,
            "i+1 suffix " + n[-3:], "i+2 word " + n)


def pos_word_rows(model: GreedyPerceptron, words: Sequence[str], norm: Sequence[str], i: int) -> tuple[int, ...]:
    """The rows of ``pos_word_features(words, norm, i)``, read from the per-word memos."""
    own, around = model.word_rows("pos own", _pos_own), model.word_rows("pos around", _pos_around)
    j = i + 2
    before, after = around[norm[j - 1]], around[norm[j + 1]]
    return (*own[words[i]], around[norm[j]][0], before[1], before[2], around[norm[j - 2]][3], after[4], after[5],
            around[norm[j + 2]][6])


def pos_tag_features(prev: str, prev2: str) -> tuple[str, ...]:
    """The features that read only the two tags before (the one reading the word too is added apart)."""
    return "i-1 tag " + prev, "i-2 tag " + prev2, f"i tag+i-2 tag {prev} {prev2}"


START = ("-START-", "-START2-")
END = ("-END-", "-END2-")


def padded(words: Sequence[str]) -> list[str]:
    return [*START, *(pos_normal(w) for w in words), *END]


class PosTagger:
    """Penn Treebank tags for a token sequence: a tag dictionary for unambiguous words, the perceptron for the rest."""

    def __init__(self, model: dict):
        self.tagdict: dict[str, str] = model["tagdict"]
        self.model = GreedyPerceptron(model["weights"], model["classes"])

    def tag(self, words: Sequence[str]) -> list[str]:
        model, tagdict = self.model, self.tagdict
        todo = [i for i, w in enumerate(words) if w not in tagdict]
        if not todo:
            return [tagdict[w] for w in words]
        norm = padded(words)
        static = iter(model.summed([pos_word_rows(model, words, norm, i) for i in todo]))
        prev, prev2 = START
        tags = []
        for i, w in enumerate(words):
            tag = tagdict.get(w)
            if tag is None:
                tag = model.best(next(static) + model.history(pos_tag_features(prev, prev2))
                                 + model.feature(f"i-1 tag+i word {prev} {norm[i + 2]}"))
            tags.append(tag)
            prev2, prev = prev, tag
        return tags


@lru_cache(maxsize=1)
def pos_tagger() -> PosTagger:
    return PosTagger(load_json_model("pos"))


def dictionary_tag(word: str) -> str | None:
    """The one tag the POS model's dictionary gives a word's lowercase form ("said" VBD, "department" NN): the
    frequent words training always saw with one tag; None for the rest."""
    return pos_tagger().tagdict.get(word.lower())


def word_leaning(word: str) -> str | None:
    """The tag the POS model's weights for this word alone favour ("mother" NN, "so" RB, "dean" NNP), or None for a
    word its training copy never had: whether a capitalised word is usually a name or a common word."""
    model = pos_tagger().model
    row = model.row.get("i word " + pos_normal(word))
    return None if row is None else model.best(model.matrix[row])


def word_tag(word: str) -> str | None:
    """A word's tag out of context: the dictionary's for a frequent word ("The" DT, "said" VBD), else the leaning
    of the model's weights ("Brown" JJ, "agreed" VBD), else None."""
    return dictionary_tag(word) or word_leaning(word)


def pos_tag(tokens: Sequence[Token]) -> list[str]:
    """POS tags of one sentence's (or window's) tokens."""
    return pos_tagger().tag([t.text for t in tokens]) if tokens else []
