"""Strip page furniture from an article body and recover byline and wire origin.

The output is a list of paragraph spans (offsets into ``Article.text``) that
hold article prose, plus the removed spans with the rule that removed them,
so nothing is lost silently and every later offset still points at the
original text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import furniture
from .prefilter import GuardedPattern, folded
from .model import Article, Document, Span
from .speakers import SPEECH_VERB_SET

# --- wire agencies -----------------------------------------------------------

AGENCIES: dict[str, str] = {
    "ap": "AP", "associated press": "AP", "the associated press": "AP",
    "reuters": "Reuters", "thomson reuters": "Reuters",
    "afp": "AFP", "agence france-presse": "AFP", "agence france presse": "AFP",
    "yonhap": "Yonhap", "yonhap news agency": "Yonhap",
    "kyodo": "Kyodo", "kyodo news": "Kyodo", "jiji": "Jiji", "jiji press": "Jiji",
    "xinhua": "Xinhua", "dpa": "dpa", "efe": "EFE", "ansa": "ANSA",
    "bloomberg": "Bloomberg", "upi": "UPI", "pa": "PA Media", "pa media": "PA Media",
    "cp": "Canadian Press", "canadian press": "Canadian Press", "the canadian press": "Canadian Press",
    "aap": "AAP", "bernama": "Bernama", "pti": "PTI", "ians": "IANS", "ani": "ANI",
    "anadolu": "Anadolu", "aa": "Anadolu", "tass": "TASS", "interfax": "Interfax",
    "kcna": "KCNA", "antara": "Antara", "cna": "CNA", "apa": "APA", "sda": "SDA",
    "kna": "KNA", "ria novosti": "RIA Novosti", "irna": "IRNA", "wafa": "WAFA",
    "nyt": "New York Times", "ny times": "New York Times", "cnn": "CNN", "bbc": "BBC",
}


def agency_name(raw: str) -> str | None:
    """Canonical agency name for a credit, or None when it is not a known wire."""
    key = re.sub(r"\s+", " ", raw.strip().strip(".").lower())
    return AGENCIES.get(key)


# Dateline at the start of the copy: "WASHINGTON (AP) —", "SEOUL, Nov. 15 (Yonhap) --",
# "LONDON (Reuters) -", "PARIS, June 3 (AFP) -", "JACKSON, Miss. -", "AUSTIN, Texas (AP) —".
_DATELINE = re.compile(
    r"""^(?P<place>[A-Z][A-Z .'’,/-]{1,50}?|[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2})
        (?:,\s*(?P<region>[A-Z][a-z]{1,11}\.?(?:\s[A-Z][a-z]{1,11}\.?)?))?
        (?:,\s*(?P<date>[A-Z][a-z]{2,8}\.?\s\d{1,2}(?:,\s*\d{4})?))?
        \s*(?:\((?P<agency>[^()\n]{1,40})\))?
        \s*(?:—|–|--|-|:)\s+""", re.X)
_TRAILING_CREDIT = re.compile(r"\s*[(\[](?P<agency>[A-Za-z][A-Za-z .-]{0,40})[)\]]\s*$")
_CREDIT_LINE = re.compile(r"^\s*(?:[—–-]+\s*)?[(\[]?(?P<agency>(?:The\s)?[A-Z][A-Za-z .-]{1,40})[)\]]?\s*$")
_REUTERS_CREDIT = re.compile(r"^\s*\(?\s*(?:Reporting|Additional reporting|Writing|Editing|Compiled)\s+by\b.{0,300}$", re.I)

# --- bylines -----------------------------------------------------------------

_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_BYLINE = re.compile(
    rf"""^\s*(?:by|written\ by|words\ by|reporter:?)\s+
        (?P<names>[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|and|&|de|van|von|da|del|la|le|bin|al-?\w*))*
        (?:\s*,\s*[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)*)
        \s*(?:[\[(<]?\s*{_EMAIL}\s*[\])>]?)?\s*$""", re.X | re.I)
_EMAIL_ONLY = re.compile(rf"^\s*[\[(<]?\s*{_EMAIL}\s*[\])>]?\s*$")

# --- furniture ---------------------------------------------------------------

TOOL_WORDS = frozenset("""
print email e-mail mail share shares tweet facebook twitter x linkedin whatsapp reddit pinterest telegram
copy link url dictionary save saved bookmark comment comments font size text a a+ a- aa listen audio gift
article this subscribe follow us on icon lock more image help-image social s kakaotalk kakao line naver band
close menu search zoom top back to reprint translate rss sms messenger flipboard pocket tumblr print-icon
email-icon share-icon view views like likes google news home next previous prev
""".split())

_RELATED_HEADER = re.compile(
    r"^\s*(?:related(?:\s+(?:articles?|stories|story|content|coverage|news|links?|reading|topics))?|"
    r"read\s+(?:more|also|next)|see\s+also|more\s+(?:from|on|stories|news)[^.]*|recommended(?:\s+\w+)?|"
    r"most\s+(?:read|popular|viewed)|trending(?:\s+now)?|you\s+(?:may|might)\s+also\s+like|"
    r"also\s+read|top\s+stories|latest\s+news|editor'?s\s+picks?|in\s+other\s+news|"
    r"相关\S*|推荐\S*|관련\s*\S*|関連\S*)\s*[:：]?\s*$", re.I)
_LIST_HEADER = re.compile(r"^\s*\S.{0,40}[:：]\s*$")
_BULLET = re.compile(r"^\s*(?:[-*•·▪►–]|\d{1,2}[.)])\s+\S")
_COPYRIGHT = GuardedPattern(
    re.compile(r"©|\(c\)\s*\d{4}|\bcopyright\b|all rights reserved|may not be (?:published|reproduced)|"
               r"unauthorized reproduction|무단\s*전재", re.I),
    ("©", "(c)", "copyright", "all rights reserved", "may not be", "unauthorized reproduction", "무단"))
_CONTRIBUTED = GuardedPattern(
    re.compile(r"\b(?:contributed|contributing)\s+(?:(?:to\s+)?(?:this|the)\s+(?:report|story|article|reporting)\b|"
               r"reporting\b)|^\s*additional reporting by\b|^\W*contributing\s*:|"
               r"\b(?:writers?|reporters?|correspondents?|staff)\b.{0,200}\bcontributed\W*$", re.I),
    ("contribut", "additional reporting by"))
_TIMESTAMP = re.compile(r"^\W*(?:(?:last\s+)?updated|published|posted|first\s+published|modified)\b[^.]{0,60}\d|"
                        r"^\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4}|\d{4}-\d{2}-\d{2})(?:\s+\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?)?\s*$", re.I)
_PROMPT = GuardedPattern(
    re.compile(
        r"\b(?:subscribe|subscription|subscriber|sign\s+up|sign\s+in|log\s+in|login|newsletter|register\s+(?:now|for|to)|"
        r"free\s+trial|support\s+(?:our|independent)\s+journalism|click\s+here|download\s+(?:our|the)\s+app|"
        r"follow\s+us|write\s+comments|post\s+a\s+comment|leave\s+a\s+comment|be\s+the\s+first\s+to\s+comment|"
        r"report\s+abuse|sort\s+by|characters?\s+remaining|standards\s+board|cookie|privacy\s+policy|terms\s+of\s+(?:use|service)|"
        r"continue(?:s|d)?\s+(?:reading|below)|story\s+continues|"
        r"\(\d+/\d+\S*\)|comment\?)", re.I),
    ("subscri", "sign ", "log in", "login", "newsletter", "register ", "free trial", "journalism", "click here",
     "download", "follow us", "comment", "report abuse", "sort by", "character", "standards board", "cookie",
     "privacy policy", "terms of ", "continue", "/"))
# "Advertisement" (and "ADVERTISEMENT - scroll to continue") as a line of its own; a sentence about an advertisement
# ("The county's new advertisement urges residents to vote") is news.
_AD_LINE = re.compile(r"^\W*advertisement\b[^.!?]{0,40}$", re.I)
_PHOTO_CREDIT = re.compile(r"^\s*[\[(]?\s*(?:photo|image|video|graphic|file photo|getty images|ap photo|afp photo|reuters/)"
                           r"[^.]{0,80}[\])]?\s*$", re.I)
_BREADCRUMB_SEP = re.compile(r"\s(?:>|»|›|/|\|)\s")
_TERMINAL = re.compile(r"[.!?…]['\"’”»)\]]*\s*$|[\"”’»]\s*$")
_words = furniture.words


_NON_WORDS = re.compile(r"\W+")


def _norm_line(text: str) -> str:
    return _NON_WORDS.sub(" ", text.lower()).strip()


def split_paragraphs(text: str) -> list[Span]:
    """Paragraph spans: blank-line blocks, or single lines when a block holds one paragraph per line.

    A block whose lines are hard-wrapped (long lines that stop mid-sentence)
    is one paragraph; otherwise each non-empty line is one.
    """
    spans: list[Span] = []
    lines: list[Span] = []
    pos = 0
    for raw in text.split("\n"):
        end = pos + len(raw)
        lines.append(Span(pos, end))
        pos = end + 1
    block: list[Span] = []

    def flush() -> None:
        if not block:
            return
        texts = [text[s.start:s.end].strip() for s in block]
        wrapped = _hard_wrapped(texts)
        if wrapped:
            spans.append(_trim(text, Span(block[0].start, block[-1].end)))
        else:
            spans.extend(_trim(text, s) for s in block)
        block.clear()

    for span in lines:
        if text[span.start:span.end].strip():
            block.append(span)
        else:
            flush()
    flush()
    return [s for s in spans if s.end > s.start]


def _hard_wrapped(lines: list[str]) -> bool:
    """Lines cut at a fixed width: similar lengths, mostly stopping mid-sentence, no list bullets."""
    inner = lines[:-1]
    if not inner or any(_BULLET.match(t) for t in lines):
        return False
    longest = max(len(t) for t in inner)
    if longest > 100 or min(len(t) for t in inner) < 0.6 * longest or longest < 30:
        return False
    return sum(1 for t in inner if not _TERMINAL.search(t)) >= 0.5 * len(inner)


def _trim(text: str, span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


@dataclass
class CleanResult:
    paragraphs: list[Span] = field(default_factory=list)
    removed: list[tuple[Span, str]] = field(default_factory=list)
    byline: str | None = None
    origin: str | None = None
    origin_source: str | None = None
    title: str | None = None
    masked: list[Span] = field(default_factory=list)  # furniture glued inside kept paragraphs, to blank out


def _is_tool_row(words: list[str]) -> bool:
    return bool(words) and len(words) <= 12 and all(w.lower().strip(".") in TOOL_WORDS for w in words)


def _is_breadcrumb(p: str) -> bool:
    parts = _BREADCRUMB_SEP.split(p)
    return len(parts) >= 2 and not _TERMINAL.search(p) and all(1 <= len(_words(x)) <= 4 for x in parts)


_TRAILING_BRACKET = re.compile(r"\s*[\[(][^\[\]()]{1,80}[\])]\s*$")


_SIGNED_QUOTE = re.compile(r"^\s*[\"“‘'].*[.!?…]\s*[\"”’']\s*[―—–-]{1,2}\s*[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,4}\.?\s*$",
                           re.S)


def _is_sentence_like(p: str) -> bool:
    """Prose: six words or more ending like a sentence (a caption's trailing [PHOTO CREDIT] aside)."""
    if p.rstrip().endswith((")", "]")):  # where _TRAILING_BRACKET can match: tried from every position, it costs
        p = _TRAILING_BRACKET.sub("", p)
    return len(_words(p)) >= 6 and bool(_TERMINAL.search(p))


def _is_signed_quote(p: str) -> bool:
    """A quotation signed with a dash and a name ("… the truth." ― Ana Ruiz): a reader's or a source's words."""
    return bool(_SIGNED_QUOTE.search(p)) and len(_words(p)) >= 6


def _byline_name(p: str) -> str | None:
    m = _BYLINE.match(p)
    if not m or len(_words(p)) > 16:
        return None
    names = re.sub(r"\s+", " ", m.group("names")).strip(" ,")
    if names.isupper():
        names = names.title()
    return names


def classify_paragraph(p: str) -> str | None:
    """The furniture rule a paragraph falls under, or None for article prose."""
    words = _words(p)
    if not words:
        return "no-words"
    if _RELATED_HEADER.match(p):
        return "related-links"
    if _is_tool_row(words):
        return "tool-row"
    if _is_breadcrumb(p):
        return "breadcrumb"
    n = len(words)  # the length limits come first: they are cheaper than the searches
    low = folded(p) if n <= 40 else ""
    if n <= 40 and _COPYRIGHT.search(p, folded_text=low):
        return "copyright"
    if n <= 40 and _CONTRIBUTED.search(p, folded_text=low):
        return "contributor-credit"
    if n <= 30 and _PROMPT.search(p, folded_text=low) or n <= 8 and _AD_LINE.match(p):
        return "prompt"
    if n <= 14 and _TIMESTAMP.match(p):
        return "timestamp"
    if n <= 12 and _PHOTO_CREDIT.match(p):
        return "photo-credit"
    if _EMAIL_ONLY.match(p):
        return "byline"
    return None


def contribution_agency(p: str) -> str | None:
    """The wire named in a contribution line ("The Associated Press contributed to this report.",
    "Associated Press writers … contributed.", "Contributing: Reuters"), or None."""
    for m in _AGENCY_MENTION.finditer(p):
        name = agency_name(m.group(0))
        if name and (len(m.group(0)) > 3 or m.group(0).isupper()):
            return name
    return None


_AGENCY_MENTION = re.compile(r"\b(?:" + "|".join(sorted((re.escape(k) for k in AGENCIES), key=len, reverse=True)) + r")\b",
                             re.I)


def _subhead_kind(p: str) -> str | None:
    """``furniture.subhead_kind``, unless the line is a reporting clause ("The mayor said") or opens a quotation
    it does not close."""
    kind = furniture.subhead_kind(p)
    if not kind or kind == "label" and any(w.lower() in SPEECH_VERB_SET for w in _words(p)):
        return None
    opens = sum(p.count(c) for c in "“‘«„")
    closes = sum(p.count(c) for c in "”’»")
    return kind if opens <= closes and p.count('"') % 2 == 0 else None


def clean(article: Article) -> CleanResult:
    """Keep article prose, drop furniture, and recover byline, title and wire origin."""
    text = article.text
    result = CleanResult(origin=article.origin, origin_source=article.origin_source, byline=article.byline)
    paras = split_paragraphs(text)
    keep: list[Span] = []
    drop: dict[int, str] = {}

    def ptext(s: Span) -> str:
        return text[s.start:s.end]

    # Pass 1: paragraph-level rules, link lists and bylines.
    i = 0
    while i < len(paras):
        p = ptext(paras[i])
        reason = classify_paragraph(p)
        if reason is None and _LIST_HEADER.match(p) and not _is_sentence_like(p):
            nxt = [ptext(s) for s in paras[i + 1:i + 3]]
            if len(nxt) >= 2 and all(_BULLET.match(x) for x in nxt):
                reason = "related-links"
        if reason == "related-links":
            drop[i] = reason
            j = i + 1
            while j < len(paras) and _BULLET.match(ptext(paras[j])):
                drop[j] = reason
                j += 1
            i = j
            continue
        if reason is None:
            name = _byline_name(p)
            if name:
                result.byline = result.byline or name
                reason = "byline"
        if reason == "contributor-credit":
            ag = contribution_agency(p)
            if ag:
                result.origin, result.origin_source = _prefer(result, ag, "contributor-credit")
        if reason is None and _REUTERS_CREDIT.match(p) and len(_words(p)) <= 40:
            result.origin, result.origin_source = _prefer(result, "Reuters", "credit")
            reason = "wire-credit"
        if reason is None and len(_words(p)) <= 4:
            m = _CREDIT_LINE.match(p)
            ag = agency_name(m.group("agency")) if m else None
            if ag and (p.lstrip().startswith(("—", "–", "-", "(", "[")) or len(_words(p)) <= 3):
                result.origin, result.origin_source = _prefer(result, ag, "credit")
                reason = "wire-credit"
        reason = reason or furniture.line_kind(p)
        if reason:
            drop[i] = reason
        i += 1

    # Runs of unpunctuated bullets are link lists even without a header.
    i = 0
    while i < len(paras):
        j = i
        while j < len(paras) and j not in drop and _BULLET.match(ptext(paras[j])):
            j += 1
        run = range(i, j)
        if len(run) >= 3 and sum(1 for k in run if not _TERMINAL.search(ptext(paras[k]))) > len(run) / 2:
            for k in run:
                drop[k] = "related-links"
        i = max(j, i + 1)

    # Title: the paragraph equal to the known title, or a headline-like first paragraph.
    title_key = _norm_line(article.title) if article.title else None
    first_prose = next((k for k in range(len(paras)) if k not in drop), None)
    if first_prose is not None and not title_key:
        p = ptext(paras[first_prose])
        if not _TERMINAL.search(p) and 3 <= len(_words(p)) <= 25 and not p.lstrip().startswith(("\"", "“", "‘", "'")):
            result.title = p.strip()
            title_key = _norm_line(p)

    # Head and tail: short unpunctuated fragments around the prose are page furniture.
    prose = [k for k in range(len(paras)) if k not in drop and _is_sentence_like(ptext(paras[k]))]
    first, last = (prose[0], prose[-1]) if prose else (len(paras), -1)
    seen: set[str] = set()
    for k, span in enumerate(paras):
        if k in drop:
            continue
        p = ptext(span)
        key = _norm_line(p)
        if title_key and key == title_key:
            drop[k] = "title"
        elif key in seen:
            drop[k] = "repeated"
        elif (k < first or k > last) and not _is_sentence_like(p) and not _is_signed_quote(p):
            drop[k] = "page-furniture"
        seen.add(key)

    # Entries trimmed of a live-blog clock before them and link labels glued after them; then, between the
    # first and last paragraphs of prose, subheads (labels of the text below them: kept as removed spans,
    # never matched) and headlines set in capitals.
    trimmed = {k: _trim_entry(text, span) for k, span in enumerate(paras) if k not in drop}
    mixed_case = any(c.islower() for c in text)
    subheads: dict[int, str] = {}
    for k in range(first + 1, last):
        if k in drop:
            continue
        p = ptext(trimmed[k][0])
        nxt = next((j for j in range(k + 1, last + 1) if j not in drop), last)
        kind = _subhead_kind(p)
        if kind and _is_sentence_like(ptext(paras[nxt])):  # a label of the prose below it
            subheads[k] = kind
        elif mixed_case and furniture.is_caps_headline(p):
            drop[k] = "caps-headline"
    for k, kind in subheads.items():  # a lone question is the writer's; among other subheads it is one
        if kind == "label" or len(subheads) >= 2:
            drop[k] = "subhead"
    for k, (span, cuts) in sorted(trimmed.items()):
        if k not in drop:
            result.removed.extend(cuts)
            if span.end > span.start:
                keep.append(span)
                for a, b in furniture.glued_link_cards(text[span.start:span.end]):
                    result.masked.append(Span(span.start + a, span.start + b))
                    result.removed.append((result.masked[-1], "link-card"))

    # Dateline at the start of the copy, wire credit at its end.
    if keep:
        span = keep[0]
        m = _DATELINE.match(ptext(span))
        if (m and (m.group("agency") or m.group("place").isupper()) and len(_words(m.group(0))) <= 8
                and len(re.sub(r"\W", "", m.group("place"))) >= 3):
            if m.group("agency"):
                ag = agency_name(m.group("agency")) or m.group("agency").strip()
                result.origin, result.origin_source = _prefer(result, ag, "dateline")
            result.removed.append((Span(span.start, span.start + m.end()), "dateline"))
            keep[0] = Span(span.start + m.end(), span.end)
        span = keep[-1]
        m = _TRAILING_CREDIT.search(ptext(span))
        if m and agency_name(m.group("agency")):
            result.origin, result.origin_source = _prefer(result, agency_name(m.group("agency")), "credit")
            cut = span.start + m.start()
            result.removed.append((Span(cut, span.end), "wire-credit"))
            keep[-1] = Span(span.start, cut)

    for k, reason in drop.items():
        result.removed.append((paras[k], reason))
    result.removed.sort(key=lambda r: r[0].start)
    result.paragraphs = [s for s in keep if s.end > s.start]
    if result.origin is None:  # a wire's own page: its canonical name, so its reprints share its origin
        result.origin = (agency_name(article.outlet) or article.outlet) if article.outlet else None
        result.origin_source = "outlet" if article.outlet else None
    return result


# How strongly each source shows the origin: front matter, then a dateline or a credit line, then a
# contribution line (the wire contributed to the copy), then the outlet itself.
_ORIGIN_RANK = {"front-matter": 3, "dateline": 2, "credit": 2, "contributor-credit": 1}


def _prefer(result: CleanResult, origin: str, source: str) -> tuple[str | None, str | None]:
    """The stronger source wins (``_ORIGIN_RANK``); between equals the first found wins over later ones."""
    if _ORIGIN_RANK.get(result.origin_source or "", 0) >= _ORIGIN_RANK[source]:
        return result.origin, result.origin_source
    return origin, source


def _trim_entry(text: str, span: Span) -> tuple[Span, list[tuple[Span, str]]]:
    """A paragraph without a live-blog clock or a headline in capitals opening it and a link label, player label
    or post link glued after its last sentence, and the pieces cut off."""
    cuts: list[tuple[Span, str]] = []
    for find, reason in ((furniture.clock_head, "timestamp"), (furniture.caps_run_in, "caps-headline")):
        head = find(text[span.start:span.end])
        if head:
            cuts.append((Span(span.start, span.start + head), reason))
            span = _trim(text, Span(span.start + head, span.end))
    for find, reason in ((furniture.link_label_tail, "promo"), (furniture.post_link_tail, "embedded-post"),
                         (furniture.contact_tail, "promo")):
        tail = find(text[span.start:span.end])
        if tail:
            cuts.append((Span(span.start + tail, span.end), reason))
            span = Span(span.start, span.start + tail)
    return _trim(text, span), cuts


def blank(text: str, spans: list[Span]) -> str:
    """The text with the spans replaced by spaces of the same length: every offset still points at the same
    printed words, and no later stage reads the furniture."""
    out, pos = [], 0
    for sp in sorted(spans, key=lambda s: s.start):
        out += [text[pos:sp.start], " " * (sp.end - sp.start)]
        pos = sp.end
    return "".join(out) + text[pos:]


def clean_document(doc: Document) -> Document:
    """Pipeline component: fill paragraphs, removed spans, byline, title and origin; blank link cards glued
    inside a sentence in the body (same length, so offsets hold)."""
    res = clean(doc.article)
    doc.paragraphs = res.paragraphs
    doc.removed = res.removed
    art = doc.article
    if res.masked:
        art.text = blank(art.text, res.masked)
    art.byline = res.byline
    art.origin = res.origin
    art.origin_source = res.origin_source
    if not art.title and res.title:
        art.title = res.title
    return doc
