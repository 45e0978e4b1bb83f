"""Page furniture in plain text, recognised by the shape of a line.

Scrapers and CMS exports keep the words of players, pictures, links, promos,
embedded posts and live-blog clocks as ordinary paragraphs. Each rule here
reads the form of a line, never one site's strings, so it holds for any
newsroom's pages:

* a player or picture label where the line starts (``Image caption``,
  ``Enlarge this image``, ``Slideshow (9 Images)``) or a counter (``3 of 12``);
* a credit: names joined by slashes (``AGENCY/First Last``), a credit label
  and names (``Photo: …``), and a caption is a line that ends with one;
* a link or promo: a link label closing a headline (``… Read more``), a promo
  label and a colon before a headline (``Related: …``), a note about the page
  itself (``This story has been updated``), a call to the reader with a way to
  reach the newsroom;
* an embedded post: text closed by an author, a handle or platform and a date;
* a live-blog clock (``11:48 a.m. EST``) alone or opening an entry;
* a headline set in capitals, and a section subhead: a short line with no
  sentence end between paragraphs of prose. A subhead labels the text below
  it; it is kept as context (``clean`` records it), never matched as a claim.

A real sentence that mentions a photo, a podcast or an update is still a
sentence: the rules ask for the shape of the whole line, not for a word.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .prefilter import GuardedPattern

_WORD = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*\.?|[A-Za-z]\+|[A-Za-z]-")  # "A+" and "A-" are font-size buttons
_SENTENCE_END = re.compile(r"[.!?…](?:\s?[\"'’”»)\]])*\s*$")
_QUOTE_MARK = re.compile(r"[\"“”„«»]|(?:^|\s)['‘]|['’](?:\s|$)")


@lru_cache(maxsize=4096)
def words(text: str) -> tuple[str, ...]:
    """The words of a line, as the furniture rules count them (each line is asked about by several rules)."""
    return tuple(_WORD.findall(text))


def _ends_with(rx: re.Pattern | GuardedPattern, text: str, reach: int) -> re.Match | None:
    """``rx`` (anchored at the end of the line) searched only in the last ``reach`` characters: long
    paragraphs are prose, and a search from every position of them is what would cost."""
    return rx.search(text, max(0, len(text) - reach))


def ends_sentence(text: str) -> bool:
    """The line ends as a sentence does: . ! ? or … (closing marks after it allowed)."""
    return bool(_SENTENCE_END.search(text))


# --- players and pictures -------------------------------------------------------------------------

_MEDIA_WORD = r"(?:media|image|images|picture|photo|photos|video|videos|audio|slide|slides|graphic|gallery)"
_MEDIA_START = re.compile(rf"""^\W{{0,3}}(?:
    {_MEDIA_WORD}\s+(?:playback|caption|copyright|source|credit|description)\b
  | enlarge\s+this\s+{_MEDIA_WORD} | (?:toggle|hide|show)\s+caption\b | click\s+to\s+(?:expand|enlarge)\b
  | (?:just|must)\s+watch(?:ed)?\b | play\s+(?:video|audio)\b | now\s+playing\b | up\s+next\b | replay\b
  | slideshow\b | (?:next|prev(?:ious)?)\s+{_MEDIA_WORD}\b
  | (?:{_MEDIA_WORD}|watch|listen|chart|map|interactive)\s*:
)""", re.I | re.X)
# Counters and durations are found by their digits first (a scan that is cheap on prose), then the word before them
# is read: "Hide Caption 3 of 12", "Slideshow (9 Images)", "Listen · 4:30".
_COUNT_OF = re.compile(r"\d+\s+of\s+\d+\b")
_COUNT_IN_BRACKETS = re.compile(rf"\(\s*\d+\s+{_MEDIA_WORD}\s*\)", re.I)
_DURATION = re.compile(r"\d{1,2}:\d{2}\b")
_COUNTED = re.compile(rf"\b(?:{_MEDIA_WORD}|caption)\s+$", re.I)
_PLAYER_BUTTON = re.compile(r"\b(?:listen|watch|play)\s*[·•|–-]?\s*$", re.I)
_PLAYER_END = re.compile(rf"\b(?:more|next)\s+{_MEDIA_WORD}\b.{{0,200}}\b\d{{1,2}}:\d{{2}}\s*$", re.I)
_MEDIA_BRACKETED = re.compile(rf"\s*\[[^\[\]]*\b(?:{_MEDIA_WORD}|audio|mp3)\b[^\[\]]*\]\s*", re.I)
# A player or picture label glued after prose in one paragraph: the paragraph is cut there.
_MEDIA_GLUED_WORDS = ("Media", "Image", "Picture", "Video", "Enlarge", "aption", "JUST WATCHED")
_MEDIA_GLUED = re.compile(r"(?<=[.!?”\"’])\s+(?=(?:Media|Image|Picture|Video)\s+(?:playback|caption|copyright)\b"
                          r"|Enlarge this image\b|Hide [Cc]aption\b|JUST WATCHED\b)")


def is_media_line(p: str) -> bool:
    """A player or picture line: its label where the line starts, a picture counter ("Hide Caption 3 of 12"), a
    player button with its duration."""
    if _MEDIA_START.match(p) or _MEDIA_BRACKETED.fullmatch(p):
        return True
    if "(" in p and _COUNT_IN_BRACKETS.search(p):
        return True
    if any(_COUNTED.search(p, max(0, m.start() - 12), m.start()) for m in _COUNT_OF.finditer(p)):
        return True
    durations = list(_DURATION.finditer(p))
    if any(_PLAYER_BUTTON.search(p, max(0, m.start() - 10), m.start()) for m in durations):
        return True
    return bool(durations) and bool(_ends_with(_PLAYER_END, p, 260))


# --- credits and captions ---------------------------------------------------------------------------

_CREDIT_LABEL = (r"(?i:(?:(?:AP|AFP|file|pool|staff|handout|stock|[A-Z][\w.]*)\s+)?(?:photo(?:graph)?s?|photographer|image|images|"
                 r"picture|pictures|illustration|video|footage|credits?|courtesy|file|handout)(?:\s+(?:by|of|from|via))?)")
_NAME = r"[A-Z][\w.’'&-]*"
# Names joined by a slash: "AGENCY/First Last", "Name/AP", "Campaign/Handout via Agency".
_SLASH_CREDIT = re.compile(rf"{_NAME}(?:\s+{_NAME})*\s*/\s*{_NAME}")
_CREDIT_FILLER = frozenset("via of the for and de van von da del la le al bin y e file photo photos pool handout "
                           "images image staff courtesy by".split())
_CREDIT_START = re.compile(rf"^\W{{0,2}}{_CREDIT_LABEL}\s*[:|/—–-]?\s*(?=\S)", re.I)
_CREDIT_TEXT = r"(?:[^.!?|]|(?<=\b[A-Z])\.)"  # a credit's words: no sentence end, but initials ("Ana P. Cruz")
_CAPTION_CREDIT = re.compile(rf"""(?:
    [(\[]\s*(?:{_CREDIT_LABEL}\s*[:/]?\s*)?[^()\[\]]{{0,100}}[)\]]         # (Photo: Name, Agency) (Name/Agency)
  | (?:^|[.!?”’\s|—–-])\s*(?:{_CREDIT_LABEL})\s*[:]\s*{_CREDIT_TEXT}{{2,100}}     # Photograph: Name/Agency
  | (?:^|[.!?”’]\s|\s\|\s)\s*(?:{_CREDIT_LABEL})\s+{_CREDIT_TEXT}{{2,100}}        # Photo by Name/Agency
  | \s\|\s{_CREDIT_TEXT}{{2,100}}                                                 # … | Name/Agency
  | [.!?”’]\s+{_NAME}(?:\s+{_NAME}){{0,4}}\s*/\s*{_CREDIT_TEXT}{{2,80}}            # … REUTERS/Name Name
  | ©\s*\d{{4}}\s+{_CREDIT_TEXT}{{2,80}}                                           # © 2019 Name/Agency
)\.?\s*$""", re.X)
# A credit in capitals in brackets after the caption: " … on Tuesday. [MINISTRY OF FOREIGN AFFAIRS]" (never a code
# glued to the text such as "[MKTS/GLOB]", nor one word such as a transcript's "[APPLAUSE]").
# What every credit holds near the end of its line (substring tests, cheap before the credit patterns).
_CREDIT_HINTS = ("/", "|", "©", "photo", "image", "picture", "credit", "courtesy", "illustration", "footage", "handout",
                 "file")


def _credit_hint(p: str) -> bool:
    tail = p[-200:].lower()
    return tail.rstrip().endswith((")", "]")) or any(h in tail for h in _CREDIT_HINTS)


_CAPS_BRACKET_CREDIT = re.compile(r"(?<=\s)\[[A-Z][^\[\]a-z/\d\s]*(?:\s+[^\[\]a-z/\d\s]+)+\]\s*$")
_CAPTION_START = re.compile(r"""^[\s(\[]{0,2}(?:
    file\s*(?:photo)?\s*[-–—:]\s*(?:in\s+)?(?:this|a|an)?\b   # FILE - In this … photo, … / FILE PHOTO: …
  | file\s+photo\s*:
  | (?:in\s+)?this\s+(?:\S+\s+){0,8}?(?:file\s+)?(?:photo|image|picture|photograph|handout\s+photo)\b
      (?:\s+(?:taken|made|released|provided|shot)\b.{0,60})?\s*,
)""", re.I | re.X)


def _name_like(text: str, strict: bool = False) -> bool:
    """Mostly capitalised words (names, agencies), no sentence verb: the body of a credit; ``strict``: only
    capitalised words and the connectives of credits ("via", "for", "of")."""
    ws = [w for w in re.findall(r"[^\W\d_][\w’'.&-]*", text)]
    if not ws:
        return False
    lower = [w for w in ws if not w[0].isupper() and w.lower() not in _CREDIT_FILLER]
    return len(lower) <= (0 if strict else len(ws) // 5)


def is_credit_line(p: str) -> bool:
    """A line that is only a credit: "Photo: Jane Doe/Agency", "AGENCY/First Last", "Name/AP, FILE", "(Pixabay)"."""
    text = p.strip()
    n = len(words(text))
    if not text or n > 14 or text.endswith("?"):
        return False
    inner = text.strip("()[] .")
    m = _CREDIT_START.match(text)
    if m and _name_like(text[m.end():]):
        return True
    if _SLASH_CREDIT.search(inner) and _name_like(inner) or text.startswith("|") and _name_like(text[1:]):
        return True
    if re.fullmatch(r"\(\s*[A-Z][^()]{0,60}\)", text) and n <= 8 and re.search(rf"\b{_CREDIT_LABEL}\b", inner):
        return True  # "(The Fresno Bee file photo)"
    return bool(re.fullmatch(r"\(\s*[A-Z][^()]{0,40}\)", text)) and n <= 4 and _name_like(inner)


def caption_credit(p: str) -> int | None:
    """Where the credit closing a photo caption starts, or None when the line does not end with one."""
    if not _credit_hint(p):
        return None
    m = _ends_with(_CAPS_BRACKET_CREDIT, p, 80)
    if m and m.start() > 0:
        return m.start()
    m = _ends_with(_CAPTION_CREDIT, p, 260)
    if not m or m.start() == 0:
        return None
    credit = m.group(0)
    body = credit.strip(" .|—–-(")
    body = body[:-1] if body.endswith((")", "]")) else body
    labelled = re.match(rf"\W*{_CREDIT_LABEL}\b", body, re.I)
    if labelled:
        rest = body[labelled.end():].strip(" :")
        return m.start() if not rest or _name_like(rest) else None
    if "/" in body and _SLASH_CREDIT.search(body) and _name_like(body, strict=True):
        return m.start()
    return None


def is_caption(p: str) -> bool:
    """A photo caption: a line opening like one ("FILE - In this … photo, …") or closed by a credit."""
    if _CAPTION_START.match(p):
        return True
    return caption_credit(p) is not None and len(words(p)) <= 120


# --- links, promos and notes about the page ------------------------------------------------------------

_LINK_LABEL_END = GuardedPattern(
    re.compile(r"(?:^|\s)(?:read|see|watch|view|listen)\s+(?:more|full\s+story|the\s+full\s+story|here|now)"
               r"\s*[.:…>»›]*\s*$", re.I),
    ("read", "see", "watch", "view", "listen"))
_PROMO_LABEL = (r"(?:read(?:\s+(?:more|also|next|this))?|more(?:\s+(?:from|on|about)\s+[\w.’' ]{1,30}|\s+coverage|\s+news)?|"
                r"related(?:\s+(?:coverage|stories|story|articles?|content|news|links?|reading|video))?|see\s+(?:also|more|related)|"
                r"also\s+(?:read|see|on\s+[\w.’' ]{1,30})|(?:now\s+)?watch(?:\s+(?:more|live|now))?|listen(?:\s+now)?|"
                r"earlier|previously|latest|full\s+coverage|special\s+coverage|recommended|trending|don[’']?t\s+miss|"
                r"must\s+(?:read|see|watch)|top\s+stories|explainer|live\s+updates?|in\s+pictures|photos?|videos?|"
                r"click\s+(?:here|for\s+more)|sign\s+up|subscribe|opinion|analysis|breaking|what\s+to\s+read\s+next)")
_PROMO_START = re.compile(rf"^\W{{0,3}}{_PROMO_LABEL}\s*[:：|]\s*\S", re.I)
# A link label set in title case and run into the headline it links, no colon: "Read More How Safe Are …?"
_READ_MORE_RUN_IN = re.compile(r"^\W{0,3}(?:Read|READ)\s+(?:More|MORE|Also|ALSO|Next|NEXT)\s+[A-Z“\"‘']")
_RELATED_RUN_IN = re.compile(r"^\W{0,3}(?:related\s+(?:coverage|stories|articles|content|links)|more\s+on\s+this\b"
                             r"|full\s+coverage|story\s+highlights)\b", re.I)  # CNN's "Story highlights" summary
_PAGE_NOTE = re.compile(r"""^\W{0,3}(?:(?:editor[’']?s\s+note|update[ds]?|correction|clarification)\s*[:—–-]?\s*)?(?:
    this\s+(?:article|story|post|report|piece|page|column|content)\s+(?:has\s+been|was|is\s+being|will\s+be)\s+
        (?:updated|corrected|amended|changed|revised|edited|originally\s+published|first\s+published|published)
  | this\s+(?:article|story|post|report|piece|page)\s+is\s+(?:more\s+than|over)\s+\w+\s+\w+\s+old
  | (?:an?\s+)?(?:earlier|previous)\s+version\s+of\s+this\s+(?:article|story|post|report|piece)
)""", re.I | re.X)
_CALL_TO_ACTION = re.compile(r"^\W{0,3}(?:[A-Z][\w.’'-]*\s+){0,3}can\s+be\s+reached\b|"
                             r"^\W{0,3}(?:catch\s+up|follow|sign\s+up|subscribe|listen|watch|download|get|click|tap|join|"
                             r"let\s+(?:us|me)\s+know|send|share|tell|e-?mail|contact|visit|check\s+out|find|"
                             r"don[’']?t\s+miss|see|support|read|register|text|write|submit)\b", re.I)
_READER_QUESTION = re.compile(r"^\W{0,3}(?:do|did|have|are|were|got|can|know|want|is|would|could)\s+(?:you|anyone|a\s+tip|"
                              r"a\s+story|information|questions?)\b[^?]{0,120}\?", re.I)
_OUR_CHANNEL = re.compile(r"\bour\s+(?:\w+\s+){0,3}(?:podcast|newsletter|app|coverage|live\s+blog|channel|show|"
                          r"briefing|page|site|feed|team|journalism|reporting)s?\b", re.I)
_SECOND_PERSON = re.compile(r"\b(?:you|your|us|our)\b", re.I)
# A way to reach the newsroom: an address (e-mail, web, handle) or a pointer to a form or link.
_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|https?://|\bwww\.|\b\w+\.(?:com|org|net|co\.uk)\b|(?:^|\s)@\w")
_POINTER = re.compile(r"\b(?:here|below|this\s+form|the\s+form|inbox)\b", re.I)


# A subscription form's words: "Sign up for our newsletter", "You can unsubscribe at any time", "Invalid email
# address" (the form's own messages). Found by substrings first (cheap on prose), then counted as words.
_SUBSCRIPTION_HINTS = ("newsletter", "subscri", "sign up", "sign-up", "signing up", "inbox", "mail address")
_SUBSCRIPTION = re.compile(r"\b(?:newsletters?|(?:un)?subscri(?:be|bed|bing|ption)s?|sign(?:ing)?[\s-]up|inbox|"
                           r"e-?mail\s+address(?:es)?)\b", re.I)
_FORM_NOUN = re.compile(r"\b(?:newsletters?|unsubscribe|inbox|e-?mail\s+address(?:es)?)\b", re.I)


def is_subscription_form(p: str, n: int) -> bool:
    """A newsletter or subscription form left in the text: its words twice with a form noun or "you"/"our" (not
    "residents rushed to sign up ..., and the sign-up desk ..."), or once beside "you"/"our" in a short line, or
    a form noun in a line of a few words ("Invalid email address."); a paragraph of more than 45 words (up to
    150) that holds them three times, a form noun ("newsletter", "inbox") twice among them. Never a line with
    quotation marks: a sentence about a newsletter someone quoted is a sentence."""
    low = p.lower()
    if not any(h in low for h in _SUBSCRIPTION_HINTS) or _QUOTE_MARK.search(p):
        return False
    hits = len(_SUBSCRIPTION.findall(p))
    if n > 45:  # a whole form in one paragraph: its words again and again
        return hits >= 3 and n <= 150 and len(_FORM_NOUN.findall(p)) >= 2  # not prose about health-plan sign-ups
    noun, you = bool(_FORM_NOUN.search(p)), bool(_SECOND_PERSON.search(p))
    return hits >= 2 and (noun or you) or hits == 1 and (you or n <= 6 and noun)


_REACH_US = re.compile(r"\b(?:can\s+be\s+reached|(?:please\s+)?(?:contact|e-?mail|write\s+to|reach\s+out\s+to)\s+"
                       r"(?:me|us|him|her|them)\b|please\s+contact|reach\s+out\s+to|"
                       r"send\s+(?:your\s+)?[\w\s]{0,40}\s+to\s+\S+@)", re.I)
_LAST_SENTENCE = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[A-Z(])")


def is_contact_line(p: str) -> bool:
    """A way to reach the writer or the newsroom: an address or a handle with a call to use it ("Follow him on
    Twitter @name.", "She can be reached at name@paper.com.", "For licensing, please contact …@….org."), in 35
    words at most and with no quotation marks."""
    if "@" not in p and "www." not in p and "http" not in p:
        return False
    return len(words(p)) <= 35 and bool(_ADDRESS.search(p)) and not _QUOTE_MARK.search(p) and bool(
        _CALL_TO_ACTION.match(p) or _REACH_US.search(p))


def contact_tail(p: str) -> int | None:
    """Where the sentences that tell the reader how to reach the writer start, when they close a paragraph of
    prose ("… a senior editor at the magazine. Follow him on Twitter @name."), or None."""
    if "@" not in p[-200:] and "www." not in p[-200:]:
        return None
    cut = None
    for m in reversed(list(_LAST_SENTENCE.finditer(p, max(0, len(p) - 400)))):
        if not is_contact_line(p[m.end():]):
            break
        cut = m.end()
    return cut


def is_page_note(p: str) -> bool:
    """A note about the page itself: "This story has been updated …", "This article is more than 1 year old"."""
    return len(words(p)) <= 60 and bool(_PAGE_NOTE.match(p))


def is_promo(p: str) -> bool:
    """A link or promo line: a headline with a link label, a promo label before a headline, a call to the reader."""
    n = len(words(p))
    if n > 45:
        return n <= 150 and is_subscription_form(p, n)
    if _ends_with(_LINK_LABEL_END, p, 60) and not ends_sentence(_LINK_LABEL_END.pattern.sub("", p)):
        return True
    if _PROMO_START.match(p) or _RELATED_RUN_IN.match(p) or _READ_MORE_RUN_IN.match(p):
        return n <= 35
    stripped = p.strip()
    if stripped.startswith("(") and stripped.endswith(")") and _PROMO_START.match(stripped[1:]):
        return True
    if is_page_note(p) or is_subscription_form(p, n) or is_contact_line(p):
        return True
    if _CALL_TO_ACTION.match(p) or _READER_QUESTION.match(p):
        if _ADDRESS.search(p) or _SECOND_PERSON.search(p) and (_OUR_CHANNEL.search(p) or _POINTER.search(p)):
            return not _QUOTE_MARK.search(p) or bool(_OUR_CHANNEL.search(p))
    return False


def link_label_tail(p: str) -> int | None:
    """Where a link label glued after a sentence starts ("… said on Tuesday. Read more"), or None."""
    m = _ends_with(_LINK_LABEL_END, p, 60)
    if m and ends_sentence(p[:m.start()]):
        return m.start()
    m = _MEDIA_GLUED.search(p) if any(k in p for k in _MEDIA_GLUED_WORDS) else None
    return m.start() if m else None


# A link card glued inside a sentence: a name, the same person's full name glued to the headlines of
# related stories, and a link label in capitals ("Sen. Maria Delgado Maria Elena DelgadoSenate clears aid … MORE,
# who wrote the bill, …"), or the full name alone with the label glued to it ("Sen. Maria Delgado Maria Elena
# DelgadoMORE (D-N.M.) said"). Only the card goes; the sentence around it stays.
_GLUED = re.compile(r"(?<=[a-z)])(?=[A-Z0-9‘“'\"][\w‘“'\"])")
_CARD_END = re.compile(r"(?:\s|(?<=[a-z]))(?:MORE|READ MORE)\b")  # "... MORE" or glued: "John Neely KennedyMORE"
_NAME_TOKEN = re.compile(r"[A-Z][\w.’'-]*|\([A-Z][\w.’' -]*\)")
CARD_WORDS = 150  # a card longer than this is not one


def glued_link_cards(p: str) -> list[tuple[int, int]]:
    """Spans of link cards glued inside a paragraph, to be blanked (see ``_GLUED``)."""
    if not _CARD_END.search(p):
        return []
    cards = []
    pos = 0
    while True:
        m = _GLUED.search(p, pos)
        if not m:
            return cards
        pos = m.end() + 1
        end = _CARD_END.search(p, m.end())
        if not end or len(p[m.end():end.start()].split()) > CARD_WORDS:
            continue
        start = _card_start(p, m.start())
        if start is not None:
            cards.append((start, end.end()))
            pos = end.end()


def _card_start(p: str, junction: int) -> int | None:
    """Where the card's full name starts: after the mention that ends with the same surname."""
    tokens = [(m.start(), m.group()) for m in re.finditer(r"\S+", p[:junction])][-9:]
    names: list[tuple[int, str]] = []
    for start, tok in reversed(tokens):
        if not _NAME_TOKEN.fullmatch(tok):
            break
        names.insert(0, (start, tok))
    if len(names) < 2:
        return None
    surname = names[-1][1]
    for i in range(len(names) - 2, -1, -1):
        if names[i][1].rstrip(",") == surname and i + 1 < len(names) - 0:
            return names[i + 1][0]
    return None


# --- embedded posts ----------------------------------------------------------------------------------

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_DATE = rf"(?:{_WEEKDAY},?\s+)?{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}"
_POST_SIGN_OFF = re.compile(rf"""(?:
    [—–-]+\s*[^—–\n]{{0,80}}\(\s*@\w{{1,30}}\s*\)\s*(?:on\s+)?{_DATE}                      # — Name (@handle) March 3, 2017
  | \bposted\s+by\s+.{{1,100}}?\s+on\s+{_DATE}                                            # Posted by Name on Friday, …
  | \b(?:a\s+)?(?:post|photo|video)\s+shared\s+by\s+.{{1,100}}?\s+on\s+{_DATE}(?:\s+at\s+.{{1,20}})?  # A post shared by …
)\s*$""", re.I | re.X)
_LINK_ONLY = re.compile(r"^(?:\s*(?:pic\.twitter\.com/\S+|https?://\S+|www\.\S+|t\.co/\S+|@\w+|#\w+)[.,]?)+\s*$")
_POST_LINK = re.compile(r"\s*(?:pic\.twitter\.com/\w+|https?://t\.co/\w+)(?:\s+(?:pic\.twitter\.com/\w+|https?://t\.co/\w+))*\s*$")


def is_embedded_post(p: str) -> bool:
    """An embedded social post: its text closed by author, handle or platform and date, or a bare link line."""
    tail = p[-300:].lower()
    signed = ("@" in tail or "posted by" in tail or "shared by" in tail) and _ends_with(_POST_SIGN_OFF, p, 300)
    return bool(signed or _LINK_ONLY.match(p))


def post_link_tail(p: str) -> int | None:
    """Where a trailing post link ("pic.twitter.com/…", "https://t.co/…") glued to a sentence starts."""
    if "t.co/" not in p and "pic.twitter" not in p:
        return None
    m = _ends_with(_POST_LINK, p, 300)
    return m.start() if m and m.start() > 0 else None


# --- live-blog clocks ---------------------------------------------------------------------------------

_ZONE = r"(?:[ECMP][SD]?T|GMT|BST|UTC|CET|CEST|KST|JST|AEST|AEDT|IST|Eastern|Pacific|Central|local(?:\s+time)?)"
_CLOCK = rf"\d{{1,2}}(?:[:.]\d{{2}})?\s*(?:[ap]\.?\s?m\b\.?|[AP]M\b)(?:\s*{_ZONE}\b\.?)?|\d{{1,2}}[:.]\d{{2}}\s*{_ZONE}\b\.?"
_CLOCK_LINE = re.compile(rf"^\W{{0,3}}(?:(?:last\s+)?updated?\s+(?:at\s+)?)?(?:{_CLOCK})(?:\s*(?:,|and)\s*(?:{_CLOCK}))*"
                         rf"(?:\s*(?:,|on)?\s*(?:{_WEEKDAY},?\s*)?(?:{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?)?)?\W*$", re.I)
_CLOCK_HEAD = re.compile(rf"^\W{{0,3}}(?:(?:last\s+)?updated?\s+(?:at\s+)?)?(?:{_CLOCK})\s*(?:[.:—–|-]+\s*|\s+(?=[A-Z0-9]))",
                         re.I)
_AGO_LINE = re.compile(r"^\W{0,3}(?:updated\s+)?\d+\s+(?:years?|months?|weeks?|days?|hours?|hrs?|minutes?|mins?)\s+ago\W*$",
                       re.I)


def is_clock_line(p: str) -> bool:
    """A live-blog timestamp alone on its line: "11:48 a.m. EST", "Update at 2:35 p.m. ET", "7 years ago"."""
    return bool(_CLOCK_LINE.match(p) or _AGO_LINE.match(p))


def clock_head(p: str) -> int:
    """Length of a live-blog clock opening an entry ("10:25 a.m. ET - The senator said …"), 0 when there is none."""
    m = _CLOCK_HEAD.match(p)
    return m.end() if m and m.end() < len(p.rstrip()) else 0


# --- headlines and subheads -----------------------------------------------------------------------------

_QUESTION_OPENER = re.compile(r"^\W{0,3}(?:what|why|how|who|whom|whose|where|when|which|is|are|was|were|can|could|will|"
                              r"would|should|does|do|did|has|have|had)\b", re.I)
# An amount ("$18.1 trillion", "54%", "3 million", "235,000", "47/41") makes a short line a fact, not a label.
_FIGURE = re.compile(r"[$€£¥]\s?\d|\d\s?%|\d(?:[\d,.]*)\s+(?:percent|per\s+cent|thousand|million|billion|trillion)\b"
                     r"|\d,\d{3}\b|(?<![/\w])\d+(?:\.\d+)?[/-]\d+(?:\.\d+)?(?![/\w])", re.I)
SUBHEAD_WORDS = 12  # a line this short with no sentence end, between prose, is a subhead
_QUOTED_SENTENCE = re.compile(r"[.!?…][\"”’»]")
QUESTION_WORDS = 10  # a standalone question this short, with no comma, is a subhead ("What does the minister say?")


_CAPS_RUN_IN = re.compile(r"^[^a-z\n]{12,160}?[.:](?=\s+[\"“‘]?[A-Z][a-z])")


def caps_run_in(p: str) -> int:
    """Length of a headline in capitals run into the paragraph it heads ("COUNCIL SPLITS OVER SEAWALL. After a
    meeting on Tuesday, …"), 0 when there is none; a speaker label ("JANE DOE:") is two words, not a headline."""
    m = _CAPS_RUN_IN.match(p)
    return m.end() if m and is_caps_headline(m.group()) and len(words(m.group())) >= 3 else 0


def is_caps_headline(p: str) -> bool:
    """A headline or promo set in capitals: two or more words, no lowercase letter."""
    if p != p.upper():
        return False
    letters = [c for c in p if c.isalpha()]
    return (len(letters) >= 6 and not any(c.islower() for c in letters)
            and sum(1 for w in words(p) if sum(ch.isalpha() for ch in w) >= 2) >= 2)


def _title_case(text: str) -> bool:
    """Every word of four letters or more capitalised, as headlines are set."""
    long_words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", text) if len(w) >= 4]
    return bool(long_words) and all(w[0].isupper() for w in long_words)


def subhead_kind(p: str) -> str | None:
    """"label" for a section subhead: a short line that does not end as a sentence, or a headline-cased label
    with a colon; "question" for a short standalone question ("What does the minister say?"), which is a
    subhead only where an article uses them (``clean`` decides); None otherwise.

    A line holding a whole quoted sentence ("“…”  ― Name") is somebody's words, not a label."""
    text = p.strip()
    n = len(words(text))
    if not n or _QUOTED_SENTENCE.search(text):
        return None
    if text.endswith((":", "：")):
        return "label" if n <= SUBHEAD_WORDS and _title_case(text) else None
    if text.endswith("?"):
        single = not re.search(r"[.!?]\s", text)
        return "question" if n <= QUESTION_WORDS and "," not in text and single and _QUESTION_OPENER.match(text) else None
    if (ends_sentence(text) or n > SUBHEAD_WORDS or _FIGURE.search(text)
            or text.endswith(("—", "–", "-", "...", "…"))):  # speech broken off is not a label
        return None
    return "label"


# --- one entry point -------------------------------------------------------------------------------------

LINE_KINDS = (("photo-credit", is_credit_line), ("media", is_media_line), ("embedded-post", is_embedded_post),
              ("timestamp", is_clock_line), ("photo-caption", is_caption), ("promo", is_promo))


def line_kind(p: str) -> str | None:
    """The furniture a whole paragraph is, by its shape, or None (subheads are decided by ``clean``, which knows
    where the prose is)."""
    return next((kind for kind, test in LINE_KINDS if test(p)), None)
