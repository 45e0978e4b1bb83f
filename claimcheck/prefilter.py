"""Cheap substring tests in front of costly case-insensitive searches.

A case-insensitive ``re`` search with many alternatives ("subscribe|sign up|cookie|…") has no literal prefix for
``re`` to scan for, so it is tried at every position of every paragraph: for prose, which almost never matches,
that is most of what the furniture rules cost. Every match of such a pattern holds one of a few plain words. In
``folded`` text each of them is a substring, found by ``in`` (a scan in C), so the pattern runs only on the few
paragraphs that hold one, and the pattern alone still decides the match. The result is the same as searching
every paragraph.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# The characters that ``re.IGNORECASE`` matches to an ASCII letter but ``str.lower`` does not lower to that one
# letter: dotted capital I (lowered to "i" and a combining dot), dotless i and long s.
_FOLD_FIXES = str.maketrans({"\u0131": "i", "\u017f": "s", "\u0307": None})


def folded(text: str) -> str:
    """``text`` in lower case with each run of whitespace as one space: a case-insensitive match of words with
    ``\\s+`` between them is then a plain substring of it."""
    low = " ".join(text.lower().split())
    if "\u0131" in low or "\u017f" in low or "\u0307" in low:
        low = low.translate(_FOLD_FIXES)
    return low


@dataclass(frozen=True)
class GuardedPattern:
    """``pattern``, searched only when the folded text holds one of ``needles``.

    The needles are the caller's promise: every match of ``pattern``, folded, contains one of them (words apart
    by ``\\s+`` in the pattern are apart by one space in a needle). ``tests/test_properties.py`` checks the promise
    on strings drawn from the pattern itself."""
    pattern: re.Pattern
    needles: tuple[str, ...]

    def search(self, text: str, pos: int = 0, folded_text: str | None = None) -> re.Match | None:
        """``pattern.search(text, pos)``; pass ``folded_text`` (of ``text[pos:]``) when several patterns ask about
        one text."""
        if folded_text is None:
            folded_text = folded(text[pos:] if pos else text)
        if any(map(folded_text.__contains__, self.needles)):
            return self.pattern.search(text, pos)
        return None
