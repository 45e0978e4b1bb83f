"""Records that flow through the pipeline.

Every span carries character offsets into ``Article.text`` (the body as
loaded, front matter removed), so any stage can point back at the words an
outlet actually printed.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .paths import shown


@dataclass
class Article:
    """One article as loaded: body text plus the metadata that decides independence."""

    id: str
    path: str
    text: str
    title: str | None = None
    outlet: str | None = None
    origin: str | None = None
    date: str | None = None
    url: str | None = None
    byline: str | None = None
    origin_source: str | None = None  # where origin came from: front-matter, dateline, credit, outlet


@dataclass(frozen=True)
class Span:
    start: int
    end: int


class SpanIndex:
    """Sorted, non-overlapping spans with O(log n) lookups by position (bisect, no scans)."""

    def __init__(self, spans):
        self.spans = sorted(spans, key=lambda s: s.start)
        self.starts = [s.start for s in self.spans]

    def containing(self, pos: int):
        """The span holding pos (end inclusive), or None."""
        from bisect import bisect_right
        i = bisect_right(self.starts, pos) - 1
        if i >= 0 and self.spans[i].start <= pos <= self.spans[i].end:
            return self.spans[i]
        return None

    def starts_within(self, start: int, end: int) -> list[int]:
        """Start offsets strictly inside (start, end)."""
        from bisect import bisect_left, bisect_right
        return self.starts[bisect_right(self.starts, start):bisect_left(self.starts, end)]

    def overlapping(self, start: int, end: int) -> range:
        """Indexes of spans overlapping [start, end)."""
        from bisect import bisect_left
        i = max(0, bisect_left(self.starts, start) - 1)
        j = bisect_left(self.starts, end)
        while i < j and self.spans[i].end <= start:
            i += 1
        return range(i, j)

    def next_start_after(self, pos: int, default: int) -> int:
        from bisect import bisect_right
        i = bisect_right(self.starts, pos)
        return self.starts[i] if i < len(self.starts) else default


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int


@dataclass
class Quote:
    """One sentence of a direct quotation, with its speaker.

    A quotation that runs over several sentences or paragraphs is one
    *passage*; each sentence of it is a quote record so that each can be
    corroborated on its own (one outlet may print only part of it).
    """

    start: int
    end: int
    text: str
    passage: int  # index of the passage within the article
    part: int  # 1-based position within the passage
    parts: int
    speaker: str | None = None
    speaker_mention: str | None = None
    speaker_kind: str | None = None  # person | org | descriptor ("officials", "a Pentagon spokesman")
    cue: str | None = None
    confidence: float = 0.0
    partial: bool = False
    kind: str = "speech"  # speech | title | term


@dataclass
class Document:
    """An article after clean, segment and quotes: the unit the matcher reads."""

    article: Article
    paragraphs: list[Span] = field(default_factory=list)
    removed: list[tuple[Span, str]] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    passages: list[Span] = field(default_factory=list)
    nonspeech: list[Quote] = field(default_factory=list)
    attributions: list = field(default_factory=list)  # per passage, when parsed to explain: attribution.Attribution
    warnings: list[str] = field(default_factory=list)
    prepared: dict | None = None  # comparison words of quotes and sentences (pipeline.prepare)


@dataclass
class Problem:
    """Bad input: the file (and line) and what is wrong with it."""

    path: str
    message: str
    line: int | None = None
    fatal: bool = True

    def __str__(self) -> str:
        where = f"{shown(self.path)}:{self.line}" if self.line else shown(self.path)  # non-UTF-8 names escaped
        return f"{where}: {self.message}"


class InputError(Exception):
    """Raised for input that cannot be checked; carries one or more problems."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = problems if isinstance(problems, list) else [problems]
        super().__init__("; ".join(str(p) for p in self.problems))
