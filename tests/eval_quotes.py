"""Quote extraction and attribution measured on the labelled set in tests/eval/.

Run: ``python -m tests.eval_quotes`` (or ``make eval``). A gold quote is found
when an extracted quotation holds at least 80% of its words; an extracted
quotation is correct when 80% of its words belong to one gold quote. Speaker
accuracy is over found quotes: the extracted canonical speaker equals the
label (null equals null; a descriptor such as "a spokesman" counts as null,
since the labels name people and organisations only).
"""
from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from claimcheck.load import load_paths
from claimcheck.normalize import words
from claimcheck.pipeline import process_articles

EVAL = Path(__file__).parent / "eval"
FOUND = 0.8


def _bag(text: str) -> Counter:
    return Counter(words(text).norm)


def _covered(part: Counter, whole: Counter) -> float:
    """Share of part's words that whole holds."""
    total = sum(part.values())
    return sum((part & whole).values()) / total if total else 0.0


@dataclass
class Scores:
    gold: int = 0
    extracted: int = 0
    found: int = 0
    correct_extracted: int = 0
    speaker_right: int = 0
    misses: list = field(default_factory=list)
    wrong_speakers: list = field(default_factory=list)
    spurious: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct_extracted / self.extracted if self.extracted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.found if self.found else 0.0


def evaluate() -> tuple[Scores, dict[str, Scores]]:
    gold = yaml.safe_load((EVAL / "gold.yaml").read_text(encoding="utf-8"))
    loaded = load_paths([EVAL / "articles"])
    docs = {d.article.id: d for d in process_articles(loaded.articles)}
    total, per = Scores(), {}
    for aid, spec in gold.items():
        doc = docs[aid]
        s = Scores()
        passages: dict[int, dict] = {}
        for q in doc.quotes:
            named = q.speaker if q.speaker_kind != "descriptor" else None  # the labels name people and bodies only
            p = passages.setdefault(q.passage, {"text": [], "speaker": named})
            p["text"].append(q.text)
        extracted = [(" ".join(p["text"]), p["speaker"]) for p in passages.values()]
        gold_quotes = [(g["text"], g.get("speaker")) for g in spec["quotes"]]
        s.gold, s.extracted = len(gold_quotes), len(extracted)
        for gtext, gspeaker in gold_quotes:
            gb = _bag(gtext)
            hit = max(extracted, key=lambda e: _covered(gb, _bag(e[0])), default=None)
            if hit and _covered(gb, _bag(hit[0])) >= FOUND:
                s.found += 1
                if hit[1] == gspeaker:
                    s.speaker_right += 1
                else:
                    s.wrong_speakers.append((aid, gtext[:60], gspeaker, hit[1]))
            else:
                s.misses.append((aid, gtext[:60]))
        for etext, _ in extracted:
            eb = _bag(etext)
            if any(_covered(eb, _bag(g)) >= FOUND for g, _ in gold_quotes):
                s.correct_extracted += 1
            else:
                s.spurious.append((aid, etext[:60]))
        per[aid] = s
        for name in ("gold", "extracted", "found", "correct_extracted", "speaker_right"):
            setattr(total, name, getattr(total, name) + getattr(s, name))
        total.misses += s.misses
        total.wrong_speakers += s.wrong_speakers
        total.spurious += s.spurious
    return total, per


def main() -> int:
    total, per = evaluate()
    print(f"{'article':<16} {'gold':>4} {'found':>5} {'extr':>5} {'spk ok':>6}")
    for aid, s in per.items():
        print(f"{aid:<16} {s.gold:>4} {s.found:>5} {s.extracted:>5} {s.speaker_right:>6}")
    print(f"\nquotes: {total.gold} gold, {total.extracted} extracted; precision {total.precision:.3f}, "
          f"recall {total.recall:.3f}, F1 {total.f1:.3f}; speaker accuracy {total.speaker_accuracy:.3f} "
          f"({total.speaker_right}/{total.found})")
    for m in total.misses:
        print("missed:", *m)
    for w in total.wrong_speakers:
        print("wrong speaker:", *w)
    for sp in total.spurious:
        print("not a gold quote:", *sp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
