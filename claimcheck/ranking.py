"""Choosing the speaker among the phrases around a quotation, with weights learned from real copy.

Each option is one phrase (a ``mentions.Mention``) with the reporting-clause
rules that pointed at it, the previous quotation's speaker carried on, or
nobody (a title, a scare quote: words no one in the text is said to speak).
Its features are strings; its score is the sum of their weights, learned by
``bench.train_speakers`` as a ranking perceptron (NLTK's
``AveragedPerceptron``) on PolNeAR's training split, where annotators marked
the source of every quotation. The option with the highest score speaks.

Without the model file (a broken install) the rules' own confidences decide,
as they did before the model existed.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from typing import TYPE_CHECKING

from .tagging import MODELS, load_json_model

if TYPE_CHECKING:
    from .mentions import Mention

MODEL = "speakers"
# A descriptor's head word the training copy named too rarely to learn a weight for ("the irony", "cancer cells")
# counts as this one feature: how often such a phrase speaks is learned from the rare heads training had.
RARE_HEAD = "head=_rare"


@dataclass
class Option:
    """One possible speaker of a quotation."""

    start: int  # the phrase's offsets in the article (-1 when the rules gave none)
    end: int
    mention: Mention | None
    candidates: list = field(default_factory=list)  # attribution.Candidate: the rules that chose this phrase
    features: list[str] = field(default_factory=list)
    score: float = 0.0
    carried: bool = False  # the previous quotation's speaker, carried on
    none: bool = False  # nobody: a title, a scare quote, words nobody in the text is said to have spoken


def _conf_bucket(x: float) -> str:
    return f"{round(x * 20) / 20:.2f}"


def rule_features(cands: list, top: object) -> list[str]:
    """What the rules said of one phrase: which patterns found it, how sure they were, whether it was their choice."""
    f = []
    for c in cands:
        rule = c.rule.split(":")[0] if c.rule.startswith("introduced") else c.rule
        f += [f"rule={rule}", f"rule={rule}|kind={c.kind}"]
    best = max(c.confidence for c in cands)
    f.append(f"rule_conf={_conf_bucket(best)}")
    if any(c is top for c in cands):
        f += ["rule_top", f"rule_top|conf={_conf_bucket(best)}"]
    return f


def merge(mentions: list[Mention], cands: list, top: object) -> list[Option]:
    """One option per phrase: window mentions and rule candidates that point at the same head join."""
    by_end: dict[int, Option] = {}
    by_start: dict[int, Option] = {}
    options: list[Option] = []
    for m in mentions:
        o = Option(m.start, m.end, m, features=list(m.features))
        options.append(o)
        by_end.setdefault(m.end, o)
        by_start.setdefault(m.start, o)
    loose: dict[tuple, Option] = {}
    for c in cands:
        if c.rule.startswith("continues"):
            continue
        o = by_end.get(c.end) if c.end >= 0 else None
        if c.kind == "descriptor" and c.at in by_start and (o is None or o.start != c.at):
            o = by_start[c.at]  # "a source close to the campaign": its head's phrase, not its complement's
        o = o or (by_start.get(c.at) if c.at >= 0 else None)
        if o is None:
            key = (c.at, c.end, c.mention)
            o = loose.get(key)
            if o is None:
                o = loose[key] = Option(c.at, c.end, None, features=["pos=rule-only", f"kind={c.kind}"])
                options.append(o)
        o.candidates.append(c)
    for o in options:
        if o.candidates:
            o.features += rule_features(o.candidates, top)
        else:
            o.features.append("no_rule")
    return options


def none_option(context: list[str], found: bool) -> Option:
    """The option that nobody speaks, described by the quotation's own context (learned from quotations PolNeAR's
    annotators gave no source)."""
    feats = ["none", f"none|rules_found={found}", *(f"none|{q}" for q in context)]
    return Option(-1, -1, None, features=feats, none=True)


def known_head(feature: str, heads: frozenset[str] | None) -> str:
    """A head feature as the model reads it: itself when the model knows it (or lists no heads), else RARE_HEAD."""
    return feature if heads is None or feature in heads else RARE_HEAD


def rare_heads(features: list[str], heads: frozenset[str]) -> list[str]:
    """The features with a head word outside ``heads`` (the model's known ones) read as ``RARE_HEAD``."""
    return [known_head(f, heads) if f.startswith("head=") else f for f in features]


def carried_option(prev_start: int, prev_end: int, features: list[str]) -> Option:
    return Option(prev_start, prev_end, None, features=["carried", *[f"carried|{x}" for x in features]], carried=True)


class SpeakerRanker:
    """Feature weights (feature -> weight) and the temperature that turns score margins into a confidence."""

    def __init__(self, model: dict):
        self.weights: dict[str, float] = model["weights"]
        self.antecedent_weights: dict[str, float] | None = model.get("antecedents")
        self.temperature: float = model.get("temperature", 1.0)
        self.heads: frozenset[str] | None = frozenset(model["heads"]) if "heads" in model else None

    def score(self, features: list[str]) -> float:
        return sum(map(self.weights.get, features, repeat(0.0)))  # added in the features' order, as trained

    def head_feature(self, word: str) -> str:
        """A descriptor's head as a feature: the word, or ``RARE_HEAD`` for one training saw too rarely."""
        return known_head("head=" + word, self.heads)

    def best_antecedent(self, ents: list):
        """The antecedent a pronoun most likely stands for (None without learned antecedent weights)."""
        if not self.antecedent_weights or not ents:
            return None
        w = self.antecedent_weights
        for e in ents:
            e.score = sum(w.get(f, 0.0) for f in e.features)
        return max(ents, key=lambda e: e.score)  # max keeps the nearest on ties

    def rank(self, options: list[Option]) -> list[Option]:
        """Options scored, best first (ties: earlier in the text first, for determinism)."""
        for o in options:
            o.score = self.score(o.features)
        return sorted(options, key=lambda o: (-o.score, o.start))

    def confidence(self, ranked: list[Option]) -> float:
        """Softmax probability of the best option at the learned temperature."""
        if not ranked:
            return 0.0
        top = ranked[0].score
        z = sum(math.exp((o.score - top) / self.temperature) for o in ranked)
        return 1.0 / z


_override: list[SpeakerRanker | None] = []


def use_model(model: dict | None) -> None:
    """Rank with these weights (None: the rules alone) in this process, instead of the shipped file: for training."""
    _override[:] = [SpeakerRanker(model) if model else None]


def speaker_ranker() -> SpeakerRanker | None:
    """The trained ranker, or None when the model file is absent (then the rules decide alone)."""
    if _override:
        return _override[0]
    return _shipped()


@lru_cache(maxsize=1)
def _shipped() -> SpeakerRanker | None:
    if not (MODELS / f"{MODEL}.json").exists():
        return None
    return SpeakerRanker(load_json_model(MODEL))
