"""Direct quotes and their speakers.

Three steps, each a small function:

1. ``find_passages``: quotation spans over the article's paragraphs, in the
   house style the article uses (double or single marks), multi-paragraph
   quotes joined, unbalanced marks closed at the paragraph's end.
2. ``nonspeech_kind``: titles of works and words used as words are not speech.
3. who said each passage is asked of the attribution stage
   (``attribution.ArticleAttributor``), which reads tagged tokens and names.

Each sentence of a passage becomes one ``Quote`` record.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import Document, Quote, Span, SpanIndex
from .attribution import ArticleAttributor

DOUBLE_OPEN = "“„«‟"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‚‹"
SINGLE_CLOSE = "’›"
_SPACEISH = set(" \t\n([{—–-/\x00")
LEGACY_DOUBLE = "''"  # two apostrophes for a double mark, in older and wire copy: ''Like this,'' he said.
LEGACY_OPEN = "``"  # two grave accents opening one, in typewriter and tokenised copy: ``Like this,'' he said.
# The same in curly single marks, as some wire copy prints them: “Like this,’’ he said. ’’Or this,” she said.
CURLY_DOUBLE = "’’"
CURLY_OPEN = "‘‘"
_ANY_MARK = re.compile("[" + re.escape(DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + "\"'") + "]")
_CLOSEISH = set(" \t\n.,;:!?)]}—–-/…")


@dataclass
class Passage:
    """One quotation as printed: its pieces (one per paragraph) and whether it was ever closed."""

    segments: list[Span] = field(default_factory=list)
    paragraphs: list[int] = field(default_factory=list)
    closed: bool = True

    @property
    def start(self) -> int:
        return self.segments[0].start

    @property
    def end(self) -> int:
        return self.segments[-1].end


def _mark_roles(para: str, style: str) -> list[tuple[int, str]]:
    """Positions of quote marks in a paragraph with a role: open, close or either (straight marks)."""
    roles = []
    for m in _ANY_MARK.finditer(para):
        i, ch = m.start(), m.group()
        prev = para[i - 1] if i else " "
        nxt = para[i + 1] if i + 1 < len(para) else " "
        opener_ctx = (prev in _SPACEISH or prev in DOUBLE_OPEN + SINGLE_OPEN + '"\'') and not nxt.isspace()
        closer_ctx = (nxt in _CLOSEISH or nxt in DOUBLE_CLOSE + SINGLE_CLOSE + '"\'') and not prev.isspace()
        if style == "double":
            if ch in DOUBLE_OPEN:
                role = "close" if ch == "“" and closer_ctx and not opener_ctx else "open"
            elif ch in DOUBLE_CLOSE:
                role = "open" if opener_ctx and not closer_ctx else "close"
            elif ch == '"':
                role = "open" if opener_ctx and not closer_ctx else "close" if closer_ctx and not opener_ctx else "either"
            else:
                continue
        else:
            if prev.isalnum() and nxt.isalnum() and ch in "’'":
                continue  # apostrophe: don't, Korea's
            if prev.isspace() and _SPACED_CLITIC.match(para, i):
                continue  # an apostrophe that tokenised copy set apart: "he 's", "they 're"
            if ch in SINGLE_OPEN or (ch == "'" and opener_ctx and not closer_ctx):
                if nxt.isdigit() or (para[i + 1:i + 4].lower() in ("tis", "twa", "em ")):
                    continue  # '90s, 'em
                role = "open"
            elif ch in SINGLE_CLOSE or ch == "'":
                if not closer_ctx:
                    continue
                weak = prev in "sS" and para[i + 1:i + 3].strip()[:1].islower()
                role = "weak-close" if weak else "close"
            else:
                continue
        roles.append((i, role))
    return roles


_DOUBLES = DOUBLE_OPEN + DOUBLE_CLOSE + '"'


# One sentence in single marks: a capital after the opening mark, punctuation before the closing one ("'We cannot
# keep closing libraries,' said ..."); words like "rock 'n' roll" or "'em" have neither.
_SINGLE_QUOTED_SENTENCE = re.compile(r"(?:^|[\s(—–-])[‘'][A-Z][^‘’'\n]{10,}?[,.?!][’'](?=[\s—–-]|$)")


_SINGLE_OPENING = re.compile(r"[‘'](?=[A-Za-z])")  # found by the mark (a cheap scan), then the character before
# A clitic with its apostrophe, a word of its own in tokenised copy ("he 's", "we 're", "I 'm"): never a quotation.
_SPACED_CLITIC = re.compile(r"[’'](?:s|re|ve|ll|d|m|t)(?=[\s.,;:!?)\]]|$)", re.I)


def _opens_at(text: str, i: int) -> bool:
    """A mark at i opens a quotation: it starts the text or follows a space, a bracket or a dash, and is not a
    clitic set apart."""
    return (i == 0 or text[i - 1].isspace() or text[i - 1] in "(—–-") and not _SPACED_CLITIC.match(text, i)


def house_style(text: str) -> str:
    """Double marks unless single marks clearly carry the speech (British house style): at least two single
    openings and more of them than double marks, or, in copy with no double marks at all, one quoted sentence."""
    doubles = sum(text.count(c) for c in _DOUBLES)
    singles = sum(1 for m in _SINGLE_OPENING.finditer(text) if _opens_at(text, m.start()))
    if singles > doubles / 2 and singles >= 2 or doubles == 0 and _SINGLE_QUOTED_SENTENCE.search(text):
        return "single"
    return "double"


def find_passages(text: str, paragraphs: list[Span], style: str | None = None) -> list[Passage]:
    """Quotation spans in reading order; the text between the marks, marks excluded."""
    original = text
    for pair in (LEGACY_DOUBLE, CURLY_DOUBLE):  # read '' as one straight double mark; same length, so offsets hold
        if pair in text:
            text = text.replace(pair, "\x00\"")
    for pair in (LEGACY_OPEN, CURLY_OPEN):  # and `` as one opening it (the mark first: the quotation starts after it)
        if pair in text:
            text = text.replace(pair, "\"\x00")
    style = style or house_style("\n".join(text[p.start:p.end] for p in paragraphs))
    passages: list[Passage] = []
    current: Passage | None = None
    for pi, para_span in enumerate(paragraphs):
        para = text[para_span.start:para_span.end]
        para_style = style
        if style == "double" and current is None and "‘" in para and not any(c in para for c in _DOUBLES):
            para_style = "single"  # American headlines quote with single marks: "Lawmakers Call It ‘a Fraud’"
        roles = _mark_roles(para, para_style)
        seg_start: int | None = None
        if current is not None:
            # Continuing a multi-paragraph quote: this paragraph opens with a mark.
            if roles and roles[0][1] in ("open", "either") and not para[:roles[0][0]].strip():
                seg_start = roles[0][0] + 1
                roles = roles[1:]
            else:  # should not happen: the caller checked; close what we have
                passages.append(current)
                current = None
        depth = 0
        k = 0
        while k < len(roles):
            pos, role = roles[k]
            if seg_start is None:
                if role in ("open", "either"):
                    seg_start, depth = pos + 1, 1
                    current = Passage()
                k += 1
                continue
            if role == "open" and depth >= 1:
                before = para[max(0, pos - 3):pos]
                if re.search(r"[.!?]\s+$", before):
                    # An unclosed quote followed by a new one: end the old one at its last sentence.
                    current.segments.append(Span(para_span.start + seg_start, para_span.start + pos - len(before) + 1))
                    current.paragraphs.append(pi)
                    current.closed = False
                    passages.append(current)
                    current, seg_start, depth = Passage(), pos + 1, 1
                else:
                    depth += 1  # a quotation nested inside this one
                k += 1
                continue
            if role == "weak-close" and any(r == "close" for _, r in roles[k + 1:]):
                k += 1
                continue
            if role in ("close", "either", "weak-close"):
                depth -= 1
                if depth <= 0:
                    current.segments.append(Span(para_span.start + seg_start, para_span.start + pos))
                    current.paragraphs.append(pi)
                    passages.append(current)
                    current, seg_start, depth = None, None, 0
            k += 1
        if seg_start is not None:
            current.segments.append(Span(para_span.start + seg_start, para_span.end))
            current.paragraphs.append(pi)
            nxt = text[paragraphs[pi + 1].start:paragraphs[pi + 1].end] if pi + 1 < len(paragraphs) else ""
            nroles = _mark_roles(nxt, style) if nxt else []
            continues = bool(nroles) and nroles[0][0] == len(nxt) - len(nxt.lstrip()) and nroles[0][1] in ("open", "either")
            if not continues:
                current.closed = False
                passages.append(current)
                current = None
    if current is not None and current.segments:
        passages.append(current)
    if LEGACY_OPEN in original:  # the second half of an opening `` is not quoted text either
        for p in passages:
            p.segments = [Span(s.start + 1, s.end) if text[s.start] == "\x00" and s.end > s.start else s
                          for s in p.segments]
    return [p for p in passages if any(text[s.start:s.end].strip() for s in p.segments)]


# --- not speech ----------------------------------------------------------------

_FUNCTION_WORDS = frozenset("a an the of and or in on at to for with by from as but nor vs is are be de la le".split())
_WORKS = (r"book|novel|memoir|biography|film|movie|documentary|song|single|album|track|record|show|series|sitcom|drama|"
          r"play|musical|opera|poem|essay|article|column|op-ed|editorial|headline|report|study|paper|exhibition|exhibit|"
          r"podcast|episode|programme|program|campaign|slogan|hashtag|magazine|newspaper|game|painting|speech|ep|"
          r"bestseller|titled|entitled")
_TITLE_CUE = re.compile(rf"\b(?:{_WORKS}|called|dubbed|named|nicknamed|known as|codenamed|code-named|motto|brand|the)"
                        r"(?:\s+[\w’'-]+){0,3}?\s*[,:]?\s*$", re.I)
_WORK_CUE = re.compile(rf"\b(?:{_WORKS})(?:\s+[\w’'-]+){{0,3}}?\s*[,:]?\s*$", re.I)  # a long title needs one
_TERM_CUE = re.compile(r"\b(?:word|words|term|terms|phrase|expression|label|slogan|catchphrase|motto|hashtag|"
                       r"so-called|so called|dubbed|nicknamed|known as|branded|spelled|spelt|meaning)"
                       r"(?:\s+(?:it|them|him|her|this|the|a|an|as)){0,2}\s*[,:]?\s*$", re.I)
_WORDS = re.compile(r"[\w’'.-]+")


_MARKUP = re.compile(r"[\W\d_]*|(?:https?://|www\.|pic\.twitter\.com)\S*|@\w{1,30}|\S+\.(?:com|org|net)/\S*")


def _headline_case(before: str) -> bool:
    """The words before the quote, on its line, capitalise every content word (a headline: "Christie Calls Clinton
    'A Disgrace'"), so a capitalised quote in it says nothing about being a title."""
    line = before[before.rfind("\n") + 1:]
    content = [w for w in _WORDS.findall(line[-80:]) if w.lower() not in _FUNCTION_WORDS]
    return len(content) >= 2 and sum(w[:1].isupper() for w in content) >= 0.8 * len(content)


def nonspeech_kind(inner: str, before: str, after: str) -> str | None:
    """'title' for titles of works, 'term' for words used as words or nicknames, 'markup' for what an embedded
    post leaves in quote marks (a post id, a link, a handle), None for speech."""
    if _MARKUP.fullmatch(inner.strip()):
        return "markup"
    if re.fullmatch(r"[a-z]{1,2}", inner) and before[-1:].isspace() and after[:1].isspace():
        return "term"  # an elision between marks: "rock 'n' roll"
    words = _WORDS.findall(inner)
    if not words or len(words) > 20 or len(words) > 12 and not _WORK_CUE.search(before[-80:]):
        return None  # (a long title only after a word that names a work: 'His latest book is: "The Greatest ..."')
    prev_tok = before.rstrip()[-1:] if before.strip() else ""
    if _TERM_CUE.search(before[-60:]):
        return "term"
    # Nickname between names: Matthew "Matt" Miller
    if re.search(r"[A-Z][a-z]+\s*$", before) and re.match(r"\s*[A-Z][a-z]+", after) and len(words) <= 2 and prev_tok.isalpha():
        return "term"
    content = [w for w in words if w.lower() not in _FUNCTION_WORDS]
    title_case = bool(content) and all(w[:1].isupper() or w[:1].isdigit() for w in content) and words[0][:1].isupper()
    # a full stop or comma inside the marks is house style ('on "Fox and Friends."'), not a sentence, when every
    # content word is capitalised; a break inside is
    sentence_like = bool(re.search(r"[.!?]\s+[A-Z]", inner)) or (
        bool(re.search(r"[.!?,;]\s*$", inner.strip())) and not title_case)
    if title_case and not sentence_like and not _headline_case(before):
        if _TITLE_CUE.search(before[-80:]):
            return "title"
        embedded = bool(before.strip()) and not re.search(r"[:,]\s*$", before) and not re.search(r"[.!?]\s*$", before)
        speech_after = re.match(r"[\s,]*(?:\w+\s+){0,4}?(?:said|says|told|added|wrote|asked)\b", after)
        if embedded and len(content) >= 2 and not speech_after:
            return "title"
    return None


# --- records -----------------------------------------------------------------------

_STRIP = " \t\n\"'“”‘’«»„‚‹›"


def passage_parts(text: str, passage: Passage, sentences: SpanIndex) -> list[Span]:
    """One span per sentence of the passage: the passage cut at the article's sentence boundaries."""
    parts: list[Span] = []
    for seg in passage.segments:
        cuts = [seg.start] + sentences.starts_within(seg.start, seg.end) + [seg.end]
        for a, b in zip(cuts, cuts[1:]):
            while a < b and text[a] in _STRIP:
                a += 1
            while b > a and text[b - 1] in _STRIP:
                b -= 1
            if re.search(r"\w", text[a:b]):
                parts.append(Span(a, b))
    return parts


def display_text(raw: str, closes_sentence: bool) -> str:
    """Quote text as an editor reads it: whitespace folded, a closing ',' of "…,” he said" read as '.'."""
    out = re.sub(r"\s+", " ", raw).strip()
    if closes_sentence and out.endswith(","):
        out = out[:-1] + "."
    return out


def word_count(text: str) -> int:
    return len(re.findall(r"\w+(?:[’'-]\w+)*", text))


def extract_quotes(doc: Document, explain: bool = False) -> Document:
    """Pipeline component: fill ``doc.quotes`` (speech) and ``doc.nonspeech`` (titles, terms).

    With ``explain``, ``doc.attributions`` keeps each passage's attribution with every option weighed (for
    ``claimcheck quotes --explain`` and training); a check does not need them, and on a live blog of 100,000
    quotations they would outweigh the text.
    """
    text = doc.article.text
    passages = find_passages(text, doc.paragraphs)
    speech: list[Passage] = []
    for p in passages:
        if len(p.segments) == 1:
            kind = nonspeech_kind(text[p.start:p.end], text[max(0, p.start - 80):max(0, p.start - 1)],
                                  text[p.end + 1:p.end + 60])
            if kind:
                doc.nonspeech.append(Quote(p.start, p.end, display_text(text[p.start:p.end], False), -1, 1, 1, kind=kind))
                continue
        speech.append(p)
    spans = [Span(p.start, p.end) for p in speech]
    attributor = ArticleAttributor(text, doc.paragraphs, doc.sentences, spans)
    doc.quotes = []
    doc.passages = []
    for pi, (p, span) in enumerate(zip(speech, spans)):
        att = attributor.attribute(span)
        doc.passages.append(span)
        if explain:
            doc.attributions.append(att)
        parts = passage_parts(text, p, attributor.sentence_index)
        for k, part in enumerate(parts, 1):
            raw = text[part.start:part.end]
            after = text[part.end:part.end + 2]
            closes = (k < len(parts) or bool(re.match(r"[,]?[\"”’'“»›]", after)))
            doc.quotes.append(Quote(
                start=part.start, end=part.end, text=display_text(raw, closes), passage=pi, part=k, parts=len(parts),
                speaker=att.speaker, speaker_mention=att.mention, speaker_kind=att.kind, cue=att.cue, confidence=round(att.confidence, 2),
                partial=word_count(raw) <= 3,
            ))
    return doc
