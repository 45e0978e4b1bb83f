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
from pathlib import Path
from typing import NamedTuple, Sequence

import numpy as np

MODELS = Path(__file__).parent / "models"

_ABBREV = (r"(?:Mr|Mrs|Ms|Messrs|Dr|Sen|Sens|Rep|Reps|Gov|Govs|Gen|Lt|Col|Capt|Cmdr|Sgt|St|Jr|Sr|Prof|Rev|Adm|Maj|"
           r"Del|Amb|Det|Insp|Atty|Brig|Cpl|Pvt|Hon|"
           r"Inc|Corp|Co|Ltd|Bros|Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|No|Nos|Mt|Ft|vs|etc|Ave|Blvd|Dept|Gov|Pres|Supt)\.")
_TOKEN = re.compile(
    rf"(?:[A-Za-z]\.){{2,}}(?![A-Za-z])"  # U.S., U.N., D.C.
    rf"|\b{_ABBREV}"
    r"|(?:\w+[-‐])*[A-Z][a-z]{0,3}\.(?=\s*[,)])"  # state and party abbreviations: "Va.,", "(R-Ky.)"
    r"|\b[A-Z]\.(?=\s+[A-Z][a-z])"  # a middle initial: "Paul D. Ryan"
    r"|\w+(?=n[’']t\b)|n[’']t\b"  # don't -> do n't
    r"|(?<=\w)[’'](?:s|re|ve|ll|d|m|S)\b"  # Trump's -> Trump 's
    r"|\$?\d+(?:[.,:]\d+)*%?"  # 1,000 3.5 10:30
    r"|\w+(?:[’'](?!(?:s|re|ve|ll|d|m|t)\b)\w+)*(?:[-‐]\w+(?:[’'](?!(?:s|re|ve|ll|d|m|t)\b)\w+)*)*"  # O'Brien, duty-bound
    r"|\.{3}|--|[^\w\s]")


class Token(NamedTuple):
    """A token and its character offsets (a named tuple: articles make many, and tuples are cheap)."""

    text: str
    start: int
    end: int


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``."""
    end = len(text) if end is None else end
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]


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

    With many labels (the 45 POS tags) the weights become one dense matrix,
    a row per feature, so a token costs one indexed sum; with few (the seven
    name labels) walking the dictionaries is cheaper than a numpy call. Ties
    go to the alphabetically last label, as in NLTK's ``predict``.
    """

    DENSE_FROM = 12  # labels

    def __init__(self, weights: dict[str, dict[str, float]], classes: Sequence[str]):
        self.classes = sorted(classes)
        self.dense = len(self.classes) >= self.DENSE_FROM
        if self.dense:
            column = {c: i for i, c in enumerate(self.classes)}
            self.row = {f: i for i, f in enumerate(weights)}
            self.matrix = np.zeros((len(self.row) + 1, len(self.classes)), dtype=np.float32)  # last row stays 0
            for f, i in self.row.items():
                for label, v in weights[f].items():
                    self.matrix[i, column[label]] = v
        else:
            self.weights = weights

    def predict(self, features: Sequence[str]) -> str:
        if self.dense:
            rows = [r for r in map(self.row.get, features) if r is not None]
            s = self.matrix[rows].sum(axis=0) if rows else self.matrix[-1]
            return self.classes[len(s) - 1 - int(np.argmax(s[::-1]))]
        scores: dict[str, float] = {}
        weights = self.weights
        for f in features:
            w = weights.get(f)
            if w:
                for label, v in w.items():
                    scores[label] = scores.get(label, 0.0) + v
        return max(self.classes, key=lambda c: (scores.get(c, 0.0), c))


def pos_normal(word: str) -> str:
    """The word form the POS features see (NLTK's ``PerceptronTagger.normalize``, plus the case of the first letter)."""
    if "-" in word and word[0] != "-":
        return "!HYPHEN"
    if word.isdigit() and len(word) == 4:
        return "!YEAR"
    if word[:1].isdigit():
        return "!DIGITS"
    return word.lower()


def pos_features(words: Sequence[str], norm: Sequence[str], i: int, prev: str, prev2: str) -> list[str]:
    """Features of NLTK's English perceptron tagger for word i (norm carries two padding slots each side)."""
    word = words[i]
    j = i + 2
    return ["bias", "i suffix " + word[-3:], "i pref1 " + word[:1], "i-1 tag " + prev, "i-2 tag " + prev2,
            f"i tag+i-2 tag {prev} {prev2}", "i word " + norm[j], f"i-1 tag+i word {prev} {norm[j]}",
            "i-1 word " + norm[j - 1], "i-1 suffix " + norm[j - 1][-3:], "i-2 word " + norm[j - 2],
            "i+1 word " + norm[j + 1], "i+1 suffix " + norm[j + 1][-3:], "i+2 word " + norm[j + 2]]


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
        norm = padded(words)
        prev, prev2 = START
        tags = []
        for i, w in enumerate(words):
            tag = self.tagdict.get(w) or self.model.predict(pos_features(words, norm, i, prev, prev2))
            tags.append(tag)
            prev2, prev = prev, tag
        return tags


@lru_cache(maxsize=1)
def pos_tagger() -> PosTagger:
    return PosTagger(load_json_model("pos"))


def pos_tag(tokens: Sequence[Token]) -> list[str]:
    """POS tags of one sentence's (or window's) tokens."""
    return pos_tagger().tag([t.text for t in tokens]) if tokens else []
