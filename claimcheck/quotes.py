"""Direct quotes and their speakers.

Three steps, each a small function:

1. ``find_passages``: quotation spans over the article's paragraphs, in the
   house style the article uses (double or single marks), multi-paragraph
   quotes joined, unbalanced marks closed at the paragraph's end.
2. ``nonspeech_kind``: titles of works and words used as words are not speech.
3. ``attribute``: the speaker from the cue around each passage, with
   pronouns, surnames and "the ministry" resolved within the article.

Each sentence of a passage becomes one ``Quote`` record.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import Document, Quote, Sentence, Span, SpanIndex
from .speakers import (SPEECH_VERB_SET, PRONOUNS, ORG_WORDS, Registry, Speaker, parse_phrase)

DOUBLE_OPEN = "“„«‟"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‚‹"
SINGLE_CLOSE = "’›"
_SPACEISH = set(" \t\n([{—–-/")
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


def house_style(text: str) -> str:
    """Double marks unless single marks clearly carry the speech (British house style)."""
    doubles = sum(text.count(c) for c in DOUBLE_OPEN + DOUBLE_CLOSE + '"')
    singles = len(re.findall(r"(?:^|[\s(—–-])[‘'](?=[A-Za-z])", text))
    return "single" if singles > doubles / 2 and singles >= 2 else "double"


def find_passages(text: str, paragraphs: list[Span], style: str | None = None) -> list[Passage]:
    """Quotation spans in reading order; the text between the marks, marks excluded."""
    style = style or house_style("\n".join(text[p.start:p.end] for p in paragraphs))
    passages: list[Passage] = []
    current: Passage | None = None
    for pi, para_span in enumerate(paragraphs):
        para = text[para_span.start:para_span.end]
        roles = _mark_roles(para, style)
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
    return [p for p in passages if any(text[s.start:s.end].strip() for s in p.segments)]


# --- not speech ----------------------------------------------------------------

_FUNCTION_WORDS = frozenset("a an the of and or in on at to for with by from as but nor vs is are be de la le".split())
_TITLE_CUE = re.compile(
    r"\b(?:book|novel|memoir|biography|film|movie|documentary|song|single|album|track|record|show|series|sitcom|drama|"
    r"play|musical|opera|poem|essay|article|column|op-ed|editorial|headline|report|study|paper|exhibition|exhibit|"
    r"podcast|episode|programme|program|campaign|slogan|hashtag|magazine|newspaper|game|painting|speech|ep|bestseller|"
    r"titled|entitled|called|dubbed|named|nicknamed|known as|codenamed|code-named|motto|brand|the)"
    r"(?:\s+[\w’'-]+){0,3}?\s*[,:]?\s*$", re.I)
_TERM_CUE = re.compile(r"\b(?:word|words|term|terms|phrase|expression|label|slogan|catchphrase|motto|hashtag|"
                       r"so-called|so called|dubbed|nicknamed|known as|branded|spelled|spelt|meaning)"
                       r"(?:\s+(?:it|them|him|her|this|the|a|an|as)){0,2}\s*[,:]?\s*$", re.I)
_WORDS = re.compile(r"[\w’'.-]+")


def nonspeech_kind(inner: str, before: str, after: str) -> str | None:
    """'title' for titles of works, 'term' for words used as words or nicknames, None for speech."""
    words = _WORDS.findall(inner)
    if not words or len(words) > 12:
        return None
    prev_tok = before.rstrip()[-1:] if before.strip() else ""
    if _TERM_CUE.search(before[-60:]):
        return "term"
    # Nickname between names: Matthew "Matt" Miller
    if re.search(r"[A-Z][a-z]+\s*$", before) and re.match(r"\s*[A-Z][a-z]+", after) and len(words) <= 2 and prev_tok.isalpha():
        return "term"
    content = [w for w in words if w.lower() not in _FUNCTION_WORDS]
    title_case = bool(content) and all(w[:1].isupper() or w[:1].isdigit() for w in content) and words[0][:1].isupper()
    sentence_like = bool(re.search(r"[.!?,;]\s*$", inner.strip())) or bool(re.search(r"[.!?]\s+[A-Z]", inner))
    if title_case and not sentence_like:
        if _TITLE_CUE.search(before[-80:]):
            return "title"
        embedded = bool(before.strip()) and not re.search(r"[:,]\s*$", before) and not re.search(r"[.!?]\s*$", before)
        speech_after = re.match(r"[\s,]*(?:\w+\s+){0,4}?(?:said|says|told|added|wrote|asked)\b", after)
        if embedded and len(content) >= 2 and not speech_after:
            return "title"
    return None


# --- attribution -----------------------------------------------------------------

_VERB_ALT = "|".join(sorted(SPEECH_VERB_SET, key=len, reverse=True))
_AUX = r"(?:(?:has|have|had|will|would|also|later|then|again|previously|repeatedly|once|often|earlier|had|was|were|is|quickly|only|just|separately|further|similarly)\s+)*"
# A name, possibly after a determiner and up to three lowercase modifiers ("union President Willie Adams").
_NAMEISH = r"(?:(?:the|a|an)\s+)?(?:(?!and\b|or\b|but\b|while\b|as\b)[A-Za-z][\w’'-]*\s+(?=[\w’'-]+\s)){0,5}?[A-Z][\w’'.&-]*(?:\s+(?:[A-Z][\w’'.&-]*|of|for|and|de|van|von|bin|al-\w+))*"
_PRONOUN = r"(?:he|she|they|it|He|She|They|It|we|We|I)"
_DESCRIPTOR = r"(?:(?:the|a|an|one|two|three|several|some|many|other|another|his|her|their)\s+)?(?:[\w’'.-]+\s+){0,4}?" \
              r"(?:spokes\w+|officials?|ministers?|sources?|analysts?|experts?|residents?|police|officers?|aides?|diplomats?|" \
              r"lawmakers?|critics?|witness(?:es)?|organizers?|organisers?|statement|ministry|department|company|agency|" \
              r"government|court|spokesperson|representatives?|employees?|workers?|people|observers?|activists?|researchers?|" \
              r"leaders?|members?|authorities|investigators?|prosecutors?|attorneys?|lawyers?|doctors?|scientists?|teachers?|" \
              r"students?|parents?|fans?|voters?|executives?|economists?|supporters?|opponents?|"
_DESCRIPTOR += r"|".join(sorted(ORG_WORDS, key=len, reverse=True)) + ")"
_SUBJECT = rf"(?<![\w’'])(?P<subj>{_PRONOUN}|{_NAMEISH}(?:\s*,[^,“”\"]{{1,90}},)?|{_DESCRIPTOR}(?:\s*,[^,“”\"]{{1,90}},)?)"

# After the quote: ", Park said", ", said Park", ", he noted", ", Miller, a spokesman, told reporters"
_POST_SUBJ_VERB = re.compile(rf"^[\s,.!?—–-]*{_SUBJECT}\s+{_AUX}(?P<verb>{_VERB_ALT})\b")
_POST_VERB_SUBJ = re.compile(rf"^[\s,.!?—–-]*(?P<verb>{_VERB_ALT})\s+(?P<subj>{_PRONOUN}\b|{_NAMEISH}|{_DESCRIPTOR})")
_ACCORDING = re.compile(rf"\baccording\s+to\s+(?P<subj>{_NAMEISH}|{_DESCRIPTOR})", re.I)
# Before the quote: "He added, " / "Park said in a statement: " / "Park noted that ... "
_PRE_VERB = re.compile(rf"{_SUBJECT}\s+{_AUX}(?P<verb>{_VERB_ALT})\b(?P<rest>[^.!?“”\"]*)$")
_PRE_VERB_SUBJ = re.compile(rf"\b(?P<verb>{_VERB_ALT})\s+(?P<subj>{_NAMEISH}|{_DESCRIPTOR})\s*[:,]\s*$")

_STOP_AFTER_NAME = re.compile(r"\s+(?:in|on|at|during|after|before|when|while|as|to|that|who|which|with|from|of\s+the|"
                              r"told|on\s+\w+day|this|last|yesterday|today|earlier|later|\d)\b.*$")
_WEEKDAYS = re.compile(r"\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b.*$")


def _trim_subject(subj: str) -> str:
    subj = re.sub(r"(?<=[a-z]{3})\.(?:\s.*)?$", "", subj, flags=re.S)  # "Dana Ruiz. Opponents said" ends at the period
    subj = _STOP_AFTER_NAME.sub("", subj)
    subj = _WEEKDAYS.sub("", subj)
    return subj.strip(" ,")


def _mask_quotes(text: str, spans: list[Span], base: int) -> str:
    """The text with quoted words blanked out, so cues and names are only read outside quotes."""
    chars = list(text)
    for s in spans:
        for i in range(max(s.start - base - 1, 0), min(s.end - base + 1, len(chars))):
            if chars[i] != "\n":
                chars[i] = "\u2591"
    return "".join(chars)


def _mask_outside(text: str, paragraphs: list[Span]) -> str:
    """Blank out everything that is not article prose (bylines, furniture), keeping offsets and newlines."""
    out, pos = [], 0
    for p in paragraphs:
        out.append(re.sub(r"[^\n]", " ", text[pos:p.start]))
        out.append(text[p.start:p.end])
        pos = p.end
    out.append(re.sub(r"[^\n]", " ", text[pos:]))
    return "".join(out)


@dataclass
class Attribution:
    speaker: str | None
    mention: str | None
    cue: str | None
    confidence: float
    kind: str | None = None  # person | org | None


class Attributor:
    """Attribute every passage of one article, left to right, keeping the chain of speakers."""

    def __init__(self, text: str, paragraphs: list[Span], sentences: list[Sentence], passages: list[Passage]):
        self.text = text
        self.paragraphs = paragraphs
        self.sentences = sentences
        self.passages = passages
        self.sentence_index = SpanIndex(Span(s.start, s.end) for s in sentences)
        self.paragraph_index = SpanIndex(paragraphs)
        self.passage_index = SpanIndex(Span(p.start, p.end) for p in passages)
        all_spans = [s for p in passages for s in p.segments]
        self.masked = _mask_outside(_mask_quotes(text, all_spans, 0), paragraphs)
        self.registry = Registry.from_text(self.masked)
        self.lowercase_words = set(re.findall(r"(?<![\w’'])[a-z][\w’'-]*", self.masked))
        self.chain: list[Attribution] = []  # attributed passages so far
        self.last_passage: Passage | None = None

    def sentence_at(self, pos: int) -> Span:
        return self.sentence_index.containing(pos) or self.paragraph_index.containing(pos) or Span(pos, pos)

    def resolve(self, sp: Speaker, cue: str, offset: int, confidence: float, context_start: int) -> Attribution:
        if sp.kind == "pronoun":
            name, kind = self._resolve_pronoun(sp, offset, context_start)
            return Attribution(name, sp.mention, cue, confidence - 0.1 if name else 0.0, kind)
        if sp.kind == "org" and sp.canonical:
            return Attribution(self.registry.add_org(sp.canonical, offset), sp.mention, cue, confidence, "org")
        if sp.kind == "person" and sp.canonical and " " not in sp.canonical and \
                sp.canonical.lower() in self.lowercase_words:
            sp = Speaker(None, sp.mention, "descriptor")  # "Employers said": a common word, not a name
        if sp.kind == "person" and sp.canonical:
            full = self.registry.full_name(sp.canonical, offset)
            self.registry.add_person(full, offset)
            if sp.gender:
                self.registry.genders.setdefault(full, sp.gender)
            return Attribution(full, sp.mention, cue, confidence if full == sp.canonical else confidence - 0.05, "person")
        # "the ministry said" refers back to a named organisation
        words = sp.mention.lower().split()
        if len(words) == 2 and words[0] == "the" and words[1] in ORG_WORDS:
            org = self.registry.org_named(words[1])
            if org:
                return Attribution(org, sp.mention, cue, confidence - 0.15, "org")
        return Attribution(None, sp.mention, cue, 0.0, None)

    def _resolve_pronoun(self, sp: Speaker, offset: int, context_start: int) -> tuple[str | None, str | None]:
        low = sp.mention.lower()
        if low in ("i", "we"):
            return None, None
        if low in ("they", "it"):
            for att in reversed(self.chain):
                if att.kind == "org" and att.speaker:
                    return att.speaker, "org"
            return None, None
        gender = PRONOUNS.get(low)
        # 1. a person named earlier in the same paragraph (or in the narrative paragraph just
        #    before, when this one opens with the quote), outside quotes
        scan_from = self._narrative_start(offset, context_start)
        before = self.masked[scan_from:offset]
        known = {n for _, n in self.registry.people}
        for m in reversed(list(re.finditer(r"[A-Z][\w’'-]+(?:\s+(?:[A-Z][\w’'-]+|von|van|der|de|la|le))*", before))):
            sp2 = parse_phrase(m.group(0))
            if not (sp2 and sp2.kind == "person" and sp2.canonical):
                continue
            full = self.registry.full_name(sp2.canonical, offset)
            as_subject = " " in full and re.match(r"\s+[a-z]", before[m.end():m.end() + 3])  # "Linda Perez was"
            if (full in known or as_subject) and self._gender_ok(full, gender):
                return full, "person"
        # 2. the last speaker of the quote chain
        for att in reversed(self.chain):
            if att.kind == "person" and att.speaker and self._gender_ok(att.speaker, gender):
                return att.speaker, "person"
        # 3. the last person named before
        for off, name in reversed(self.registry.people):
            if off < offset and self._gender_ok(name, gender):
                return name, "person"
        return None, None

    def _narrative_start(self, offset: int, context_start: int) -> int:
        para = self.paragraph_index.containing(offset)
        if para is None:
            return context_start
        start = para.start
        opens_with_quote = not re.search(r"\w", self.masked[para.start:offset].replace("\u2591", ""))
        if opens_with_quote:
            prev = self.paragraph_index.containing(para.start - 2)
            if prev is not None and "\u2591" not in self.masked[prev.start:prev.end]:
                start = prev.start
        return min(start, context_start)

    def _gender_ok(self, name: str, gender: str | None) -> bool:
        known = self.registry.genders.get(name)
        return gender is None or known is None or known == gender

    def attribute(self, passage: Passage) -> Attribution:
        att = self._find(passage)
        if att.speaker or att.mention:
            self.chain.append(att)
        self.last_passage = passage
        return att

    def _find(self, passage: Passage) -> Attribution:
        text, masked = self.text, self.masked
        end_sent = self.sentence_at(passage.end - 1)
        start_sent = self.sentence_at(passage.start)
        para = self.paragraph_index.containing(passage.end)
        para_end = para.end if para else end_sent.end
        nxt = self.passage_index.next_start_after(passage.end, len(text))
        post = masked[passage.end + 1:min(max(end_sent.end, passage.end + 1), nxt - 1, para_end)]
        post_full = masked[passage.end + 1:min(end_sent.end, para_end)]
        prev_end = self.last_passage.end + 1 if self.last_passage is not None else 0
        pre_start = max(start_sent.start, prev_end)
        pre = masked[pre_start:max(passage.start - 1, pre_start)]

        # 0. a quote embedded in a reporting clause: 'Park noted that ... "unprecedented heights"'
        embedded = bool(re.search(r"\w", pre)) and not re.search(r"[:,]\s*$", pre)
        if embedded:
            m = _PRE_VERB.search(pre)
            if m:
                sp = parse_phrase(_trim_subject(m.group("subj")))
                if sp:
                    return self.resolve(sp, m.group("verb").lower(), pre_start + m.start("subj"), 0.75, pre_start)
        # 1. cue right after the quote
        for rx in (_POST_SUBJ_VERB, _POST_VERB_SUBJ):
            m = rx.match(post)
            if m:
                sp = parse_phrase(_trim_subject(m.group("subj")))
                if sp:
                    base = passage.end + 1
                    return self.resolve(sp, m.group("verb").lower(), base + m.start("subj"), 0.95, base)
        # 2. cue right before the quote: "He added," / "Park said in a statement:" / "said Park:"
        m = _PRE_VERB.search(pre)
        if m and (re.search(r"[:,]\s*$", pre) or not re.search(r"[:,]\s*$", m.group("rest")) or not pre.strip().endswith((".",))):
            sp = parse_phrase(_trim_subject(m.group("subj")))
            if sp:
                conf = 0.9 if re.search(r"[:,]\s*$", pre) else 0.75
                return self.resolve(sp, m.group("verb").lower(), pre_start + m.start("subj"), conf, pre_start)
        m = _PRE_VERB_SUBJ.search(pre) or _ACCORDING.search(pre)
        if m:
            sp = parse_phrase(_trim_subject(m.group("subj")))
            if sp:
                cue = m.group("verb").lower() if "verb" in m.groupdict() else "according to"
                return self.resolve(sp, cue, pre_start + m.start("subj"), 0.85, pre_start)
        # 3. a cue later in the sentence: 'a "whole range" of issues, officials said' / 'according to X'
        m = re.search(rf",\s*{_SUBJECT}\s+{_AUX}(?P<verb>{_VERB_ALT})\s*[.!?]?\s*$", post_full) or _ACCORDING.search(post_full)
        if m:
            sp = parse_phrase(_trim_subject(m.group("subj")))
            if sp:
                cue = m.groupdict().get("verb") or "according to"
                return self.resolve(sp, cue.lower(), passage.end + 1 + m.start("subj"), 0.75, passage.end + 1)
        # 4. a quote that follows a quote: continuation of the same speaker
        last = self.last_passage
        if last is not None and self.chain and self.chain[-1] and self._adjacent(last, passage):
            prev = self.chain[-1]
            return Attribution(prev.speaker, None, None, max(prev.confidence - 0.15, 0.0) if prev.speaker else 0.0, prev.kind)
        # 5. a paragraph that opens with a quote after "X said:" or "X said ..." in the paragraph before
        pi = passage.paragraphs[0]
        if pi > 0 and not pre.strip():
            ptext = masked[self.paragraphs[pi - 1].start:self.paragraphs[pi - 1].end]
            m = _PRE_VERB.search(ptext.rstrip(" :")) if ptext.rstrip().endswith(":") else None
            if m is None:
                last_sent = re.split(r"(?<=[.!?])\s+(?=[A-Z])", ptext.strip())[-1]
                m2 = re.match(rf"^{_SUBJECT}\s+{_AUX}(?P<verb>{_VERB_ALT})\b", last_sent)
                m = m2
                base = self.paragraphs[pi - 1].start + ptext.find(last_sent)
                conf = 0.6
            else:
                base, conf = self.paragraphs[pi - 1].start, 0.8
            if m:
                sp = parse_phrase(_trim_subject(m.group("subj")))
                if sp and sp.kind != "descriptor":
                    return self.resolve(sp, m.group("verb").lower(), base + m.start("subj"), conf, base)
        return Attribution(None, None, None, 0.0, None)

    def _adjacent(self, last: Passage, passage: Passage) -> bool:
        """The previous passage is in the same paragraph or the one just before, with no prose in between."""
        lp, fp = last.paragraphs[-1], passage.paragraphs[0]
        if lp == fp:
            return True
        if fp - lp != 1:
            return False
        between = self.masked[last.end + 1:passage.start - 1]
        tail = between[: between.find("\n")] if "\n" in between else between
        return not re.search(r"[.!?]\s+[A-Z]", tail)  # the last paragraph ended on its attribution


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


def extract_quotes(doc: Document) -> Document:
    """Pipeline component: fill ``doc.quotes`` (speech) and ``doc.nonspeech`` (titles, terms)."""
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
    attributor = Attributor(text, doc.paragraphs, doc.sentences, speech)
    doc.quotes = []
    doc.passages = []
    for pi, p in enumerate(speech):
        att = attributor.attribute(p)
        doc.passages.append(Span(p.start, p.end))
        parts = passage_parts(text, p, attributor.sentence_index)
        for k, part in enumerate(parts, 1):
            raw = text[part.start:part.end]
            after = text[part.end:part.end + 2]
            closes = (k < len(parts) or bool(re.match(r"[,]?[\"”’'“»›]", after)))
            doc.quotes.append(Quote(
                start=part.start, end=part.end, text=display_text(raw, closes), passage=pi, part=k, parts=len(parts),
                speaker=att.speaker, speaker_mention=att.mention, cue=att.cue, confidence=round(att.confidence, 2),
                partial=word_count(raw) <= 3,
            ))
    return doc
