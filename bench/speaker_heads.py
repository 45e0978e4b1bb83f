"""Build ``claimcheck/models/speaker_heads.json``: how often each word heads the phrase of someone who speaks.

    python -m bench.speaker_heads ABP_DIR      (AllSides' Article-Bias-Prediction ``data/jsons/``, fetched apart)

A quotation with no cue near it ("the “all-star” team", "Ahh, the “global
warming pause”!") is often given to whatever noun phrase is nearest: "The
short answer", "That standard", "500 subpoenas". PolNeAR's training split is
too small to know which nouns name speakers ("spokesman", "officials",
"protesters", "the letter") and which never do ("answer", "theme",
"support"); 37,554 real news pages from many outlets know it without labels.
For every word printed at least ``MIN_COUNT`` times, in ten-thousandths:
``share``, the part of its printings that stand directly before a speech
verb ("the spokesman said") or end the phrase after one ("said the
spokesman,"); ``who``, the part of the relative pronouns after it that are
"who" ("commuters who", "the answer that"): nouns for people that news
seldom quotes by name of group still take "who". ``claimcheck.speaking``
rules out as a speaker a noun low on both. The file holds words and numbers,
no text.
"""
from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

from bench.train import write

MIN_COUNT = 30
# Speech verbs that are not also common nouns: "states", "claims", "notes" or "answer" before or after a noun say
# nothing of it ("the United States", "the answer")
VERBS = frozenset("said says told tells added adds wrote writes stated explained argued insisted warned declared "
                  "announced acknowledged noted tweeted recalled asked replied".split())
DETERMINERS = frozenset(("the", "a", "an"))
RELATIVES = frozenset(("who", "which", "that"))
PHRASE_WORDS = 5  # "said the White House deputy press secretary,": the phrase's words after its determiner
TOKEN = re.compile(r"[a-z]+(?:['’-][a-z]+)*|[.,;:!?\"“”()—]")


def count(texts) -> tuple[Counter, Counter, Counter, Counter]:
    """Occurrences of every word; how many of them head a speaker's phrase; how many a relative pronoun follows
    ("who", "which", "that"), and how many "who"."""
    total: Counter = Counter()
    speaking: Counter = Counter()
    relative: Counter = Counter()
    who: Counter = Counter()
    for text in texts:
        toks = TOKEN.findall(text.lower())
        total.update(toks)
        n = len(toks)
        for i in range(n - 1):
            if toks[i + 1] in RELATIVES:
                relative[toks[i]] += 1
                who[toks[i]] += toks[i + 1] == "who"
            if toks[i + 1] in VERBS and toks[i][0].isalpha():
                speaking[toks[i]] += 1  # "the spokesman said"
            if toks[i] in VERBS and toks[i + 1] in DETERMINERS:  # '"...," said the spokesman, who'
                j = i + 2
                while j < n and j < i + 2 + PHRASE_WORDS and toks[j][0].isalpha():
                    j += 1
                if i + 2 < j < n and not toks[j][0].isalpha():
                    speaking[toks[j - 1]] += 1
    return total, speaking, relative, who


def pages(folder: Path):
    files = sorted(folder.glob("*.json"))
    if not files:
        raise SystemExit(f"{folder}: no *.json pages (Article-Bias-Prediction's data/jsons)")
    for path in files:
        try:
            page = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise SystemExit(f"{path}: not a JSON page ({exc})") from exc
        yield page.get("content_original") or page.get("content") or ""


def shares(total: Counter, part: Counter, min_count: int = MIN_COUNT) -> dict[str, int]:
    """``part`` of every word's ``total``, in ten-thousandths, for the words counted ``min_count`` times or more."""
    return {w: round(10_000 * part[w] / n) for w, n in sorted(total.items()) if n >= min_count and w[0].isalpha()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pages", type=Path, help="Article-Bias-Prediction's data/jsons folder")
    args = ap.parse_args()
    total, speaking, relative, who = count(pages(args.pages))
    share = shares(total, speaking)
    who_share = {w: n for w, n in shares(relative, who, 1).items() if w in share}
    write("speaker_heads", {"min_count": MIN_COUNT, "per": 10_000, "share": share, "who": who_share})


if __name__ == "__main__":
    main()
