"""Which articles claimcheck can analyse, by the script they are written in.

Every later stage assumes words separated by spaces, sentences ending in
``. ! ? …``, Western quote marks and left-to-right text: page-furniture
rules count words and look for sentence ends, Punkt splits sentences at
periods, matching compares words. Text in Latin, Greek, Cyrillic or Hangul
letters fits; Chinese and Japanese (no spaces, 「」 quotes, 。 sentence
ends), Thai, right-to-left scripts (Arabic, Hebrew) and Indic scripts
(sentences end in ।) do not. Such an article is kept and listed in the report
as not analysed, with the reason, instead of being taken apart as page
furniture and refused.
"""
from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

import regex

from .model import Article

SUPPORTED_SCRIPTS = ("Latin", "Greek", "Cyrillic", "Hangul")
NOT_SUPPORTED = "language not supported yet"
SAMPLE_CHARS = 200_000  # the script of an article is plain from its first 200,000 characters
_LETTER = regex.compile(r"\p{L}")
_OTHER_LETTER = regex.compile(r"[^\P{L}" + "".join(rf"\p{{{s}}}" for s in SUPPORTED_SCRIPTS) + "]")
# How the first word of a character's Unicode name reads as a writing system.
_SCRIPT_NAMES = {"CJK": "Chinese characters", "HIRAGANA": "Japanese kana", "KATAKANA": "Japanese kana",
                 "HALFWIDTH": "Japanese kana", "ARABIC": "Arabic (right to left)", "HEBREW": "Hebrew (right to left)",
                 "SYRIAC": "Syriac (right to left)", "THAANA": "Thaana (right to left)", "NKO": "N'Ko (right to left)"}


@dataclass
class NotAnalysed:
    """An article kept but not analysed, and why; listed in the report and the run summary."""

    id: str
    path: str
    reason: str
    script: str

    def as_dict(self) -> dict:
        return {"id": self.id, "path": self.path, "reason": self.reason, "script": self.script}


def unsupported_script(text: str) -> str | None:
    """The writing system of a text claimcheck cannot analyse, or None when it can.

    A text is not analysable when most of its letters are outside the
    supported scripts; an English article quoting a Chinese name is fine.
    """
    sample = text[:SAMPLE_CHARS]
    if sample.isascii():
        return None
    others = _OTHER_LETTER.findall(sample)
    if not others or 2 * len(others) <= len(_LETTER.findall(sample)):
        return None
    names = Counter(_script_name(ch) for ch in others)
    return max(names.items(), key=lambda kv: (kv[1], kv[0]))[0]


def _script_name(ch: str) -> str:
    first = unicodedata.name(ch, "UNKNOWN").split(" ")[0]
    return _SCRIPT_NAMES.get(first, first.title())


def split_analysable(articles: Sequence[Article]) -> tuple[list[Article], list[NotAnalysed]]:
    """The articles to analyse, and those kept aside with the reason (in input order)."""
    keep: list[Article] = []
    aside: list[NotAnalysed] = []
    for a in articles:
        script = unsupported_script(a.text)
        if script is None:
            keep.append(a)
        else:
            aside.append(NotAnalysed(a.id, a.path, NOT_SUPPORTED, script))
    return keep, aside
