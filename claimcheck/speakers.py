"""Speaker phrases: parse "Foreign Minister Park Jin", "he", "the ministry" into a canonical speaker.

Pure functions over strings plus a small per-article registry of the people
and organisations named so far, so that surnames, pronouns and "the
ministry" resolve to the full name used earlier in the same article.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

SPEECH_VERBS = """
say says said saying tell tells told add adds added note notes noted stress stresses stressed
explain explains explained ask asks asked reply replies replied answer answers answered continue continues continued
write writes wrote argue argues argued insist insists insisted warn warns warned declare declares declared
announce announces announced state states stated acknowledge acknowledges acknowledged admit admits admitted
claim claims claimed concede concedes conceded promise promises promised vow vows vowed pledge pledges pledged
urge urges urged recall recalls recalled remark remarks remarked observe observes observed suggest suggests suggested
predict predicts predicted emphasize emphasizes emphasized emphasise emphasises emphasised highlight highlights highlighted
caution cautions cautioned complain complains complained counter counters countered respond responds responded
comment comments commented tweet tweets tweeted post posts posted quip quips quipped joke jokes joked
shout shouts shouted whisper whispers whispered conclude concludes concluded maintain maintains maintained
reiterate reiterates reiterated confirm confirms confirmed deny denies denied describe describes described
call calls called testify testifies testified wonder wonders wondered muse muses mused assert asserts asserted
contend contends contended charge charges charged point points pointed reply replied agree agrees agreed
told yell yells yelled labelled labeled branded cry cries cried exclaim exclaims exclaimed boast boasts boasted lament laments lamented
""".split()
SPEECH_VERB_SET = frozenset(SPEECH_VERBS)

TITLE_WORDS = frozenset("""
mr mr. mrs mrs. ms ms. miss dr dr. prof prof. professor sir dame lord lady rev rev. reverend father sister
president vice prime minister ministers secretary chancellor premier governor gov gov. senator sen sen. representative
rep rep. congressman congresswoman mayor deputy chief executive director chairman chairwoman chair ceo cfo coo cto
ambassador envoy spokesman spokeswoman spokesperson judge justice king queen prince princess pope sheikh emir
general gen gen. col col. colonel lt lt. lieutenant capt capt. captain sgt sgt. sergeant adm adm. admiral major maj maj.
commissioner commander officer attorney prosecutor inspector superintendent detective coach manager founder
foreign defense defence finance interior home trade foreign justice health education unification energy state
national security adviser advisor senior former acting interim first lady leader head of the
speaker house senate majority minority whip press councilmember councilman councilwoman council member
administrator district county city assistant associate principal superintendent analyst economist
""".split())
NAME_PARTICLES = frozenset("von van der den de del della di da dos du la le al bin ibn ben".split())

ORG_WORDS = frozenset("""
ministry department office agency council committee commission government company inc inc. corp corp. group
party police court bank fund union association institute university organization organisation service army military
forces board authority administration embassy house kremlin pentagon bureau center centre foundation network
times news post journal cabinet parliament congress senate assembly federation league club team command
secretariat statement spokesperson's firm airline airlines motors electronics college school hospital trust
consortium coalition society alliance institution commission tribunal reserve exchange
""".split())

PRONOUNS = {"he": "m", "she": "f", "they": None, "it": None, "i": None, "we": None}
FEMALE = frozenset("mrs mrs. ms ms. miss dame lady queen princess sister congresswoman chairwoman spokeswoman".split())
MALE = frozenset("mr mr. sir lord king prince father congressman chairman spokesman".split())

_TOKEN = re.compile(r"[A-Za-z][\w’'.&-]*|\d[\w.,]*|[,;:()—–]")
_DETERMINERS = frozenset("the a an".split())


@dataclass
class Speaker:
    canonical: str | None
    mention: str
    kind: str  # person | org | pronoun | descriptor
    gender: str | None = None


def _cap(tok: str) -> bool:
    return tok[:1].isupper()


def _plain(tok: str) -> str:
    return tok.lower().rstrip(".") if tok.endswith(".") and len(tok) > 3 else tok.lower()


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def person_name(toks: list[str]) -> list[str]:
    """The trailing run of capitalized non-title tokens: "Foreign Minister Park Jin" -> [Park, Jin].

    Particles inside a name stay ("Ursula von der Leyen"); titles, possessives
    ("Korea's") and dotted abbreviations ("U.S.") end it.
    """
    run: list[str] = []
    for i in range(len(toks) - 1, -1, -1):
        tok = toks[i]
        low = tok.lower()
        if run and low in NAME_PARTICLES:
            j = i
            while j > 0 and toks[j - 1].lower() in NAME_PARTICLES:
                j -= 1
            if j > 0 and _cap(toks[j - 1]) and toks[j - 1].lower() not in TITLE_WORDS:
                run.insert(0, tok)  # "von der" inside "Ursula von der Leyen"
                continue
        if not _cap(tok) or low in TITLE_WORDS or low.rstrip(".") in TITLE_WORDS:
            break
        if tok.endswith(("'s", "’s")) or (tok.count(".") >= 2 and len(tok) <= 6):  # "Korea's", "U.S."
            break
        run.insert(0, tok.rstrip(".") if len(tok) > 3 else tok)
        if len(run) == 4:
            break
    while run and run[0].lower() in NAME_PARTICLES:
        run.pop(0)
    return run


def parse_phrase(phrase: str) -> Speaker | None:
    """Classify a speaker phrase as written; no article context yet.

    "Matthew Miller, spokesman of the State Department" -> Matthew Miller;
    "The Health Secretary, Victoria Atkins," -> Victoria Atkins (the name in
    apposition wins over a bare title); "Rep. Don Bacon of Nebraska" -> Don Bacon.
    """
    phrase = phrase.strip(" ,;:—–")
    if not phrase:
        return None
    parts = [p.strip() for p in phrase.split(",") if p.strip()]
    first = _classify(parts[0]) if parts else None
    if first and first.kind in ("descriptor", "org") and len(parts) > 1:
        appo = _classify(parts[1])
        if appo and appo.kind == "person" and appo.canonical and " " in appo.canonical:
            return Speaker(appo.canonical, phrase.split(",")[0].strip() + ", " + parts[1], "person", appo.gender or first.gender)
    return first


def _classify(head: str) -> Speaker | None:
    toks = [t for t in tokens(head) if t not in ",;:()—–"]
    if not toks:
        return None
    low = [t.lower() for t in toks]
    if len(toks) == 1 and low[0] in PRONOUNS:
        return Speaker(None, head, "pronoun", PRONOUNS[low[0]])
    gender = "f" if any(t in FEMALE for t in low) else "m" if any(t in MALE for t in low) else None
    body = toks[1:] if low[0] in _DETERMINERS else toks
    if not body:
        return None
    if "of" in body:  # "Don Bacon of Nebraska": a name, then where from
        cut = body.index("of")
        before = person_name(body[:cut])
        if len(before) >= 2 and before == body[cut - len(before):cut] and not any(t.lower() in ORG_WORDS for t in body[:cut]):
            return Speaker(" ".join(before), head, "person", gender)
    name = person_name(body)
    is_org = any(t.lower().rstrip(".") in ORG_WORDS for t in body)
    if name and len(name) >= 2 and name == body[-len(name):] and not any(t.lower() in ORG_WORDS for t in name):
        return Speaker(" ".join(name), head, "person", gender)
    if is_org and (_cap(body[-1]) or low[0] == "the"):
        return Speaker(" ".join(body) if _cap(body[-1]) else None, head, "org", None)
    if name and name == body[-len(name):]:
        return Speaker(" ".join(name), head, "person", gender)
    return Speaker(None, head, "descriptor", gender)


def org_key(name: str) -> str:
    """Two orgs corefer when their last two words match: "South Korea's Foreign Ministry" ~ "the Foreign Ministry"."""
    words = [w.lower() for w in re.findall(r"[\w’'.-]+", name) if w.lower() not in _DETERMINERS]
    return " ".join(words[-2:])


_TITLED_NAME = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Col|Lt|Capt|Sgt|Adm|Rev)\.?\s+(?P<a>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3})"
    r"|\b(?:President|Minister|Secretary(?:\s+of\s+State)?|Chancellor|Premier|Governor|Senator|Mayor|Ambassador|"
    r"Spokesman|Spokeswoman|Spokesperson|Director|Chairman|Chairwoman|Chief|Commissioner|Judge|Justice|King|Queen|"
    r"Prince|Pope|Adviser|Advisor|Leader|Representative|Congressman|Congresswoman)\s+"
    r"(?P<b>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3})"
    r"|(?P<c>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,3}),\s+(?:a|an|the)?\s*(?:[\w-]+\s+){0,3}"
    r"(?:spokes\w+|minister|secretary|president|director|official|adviser|advisor|chief|professor|analyst|"
    r"economist|chairman|chairwoman|head|leader|ceo|founder|researcher|lawyer|attorney|senator|mayor|governor)\b")


# "Luis Ortega, 44, said": a full name as the subject of a speech verb.
_NAME_SAID = re.compile(
    r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,3})(?:,[^,.;\n]{1,60})?,?\s+(?:" + "|".join(SPEECH_VERBS) + r")\b")
# "The county's planning director, Susan Ortiz, said": a name set off by commas after a role.
_APPOSITION = re.compile(r"\b[A-Za-z][\w’'-]*,\s+(?P<name>[A-Z][\w’'-]+(?:\s+(?:[A-Z][\w’'-]+|von|van|der|de|la|le)){1,3}),")
_CAPITALIZED_RUN = re.compile(r"[A-Z][\w’'-]+(?:\s+(?:[A-Z][\w’'.-]+|von|van|der|de|la|le|bin|al))+")


@dataclass
class Registry:
    """People and organisations named in one article, in order of first mention."""

    people: list[tuple[int, str]] = field(default_factory=list)  # (offset, full name)
    orgs: list[tuple[int, str]] = field(default_factory=list)
    genders: dict[str, str] = field(default_factory=dict)
    names: list = field(default_factory=list)  # every capitalized full name, for surname lookup only
    _known: set = field(default_factory=set)
    _by_part: dict = field(default_factory=dict)  # first/last name (or two words) -> [(offset, full name)]

    @classmethod
    def from_text(cls, text: str) -> "Registry":
        reg = cls()
        for m in _APPOSITION.finditer(text):
            toks = person_name(tokens(m.group("name")))
            if len(toks) >= 2 and not any(t.lower() in ORG_WORDS for t in toks):
                reg.add_person(" ".join(toks), m.start("name"))
        for m in _CAPITALIZED_RUN.finditer(text):
            toks = person_name(tokens(m.group(0)))
            if 2 <= len(toks) <= 4 and not any(t.lower() in ORG_WORDS for t in toks):
                reg.names.append((m.start(), " ".join(toks)))
        for m in _NAME_SAID.finditer(text):
            toks = person_name(tokens(m.group("name")))
            if len(toks) >= 2 and not any(t.lower() in ORG_WORDS for t in toks):
                reg.add_person(" ".join(toks), m.start())
        for m in _TITLED_NAME.finditer(text):
            name = m.group("a") or m.group("b") or m.group("c")
            toks = person_name(tokens(name))
            if toks and not any(t.lower() in ORG_WORDS for t in toks):
                reg.add_person(" ".join(toks), m.start())
            prefix = m.group(0).split()[0].lower()
            if prefix in FEMALE or prefix in MALE:
                reg.genders.setdefault(" ".join(toks), "f" if prefix in FEMALE else "m")
        return reg

    def add_person(self, name: str, offset: int) -> None:
        if name in self._known:
            return
        self._known.add(name)
        self.people.append((offset, name))
        if len(self.people) > 1 and offset < self.people[-2][0]:
            self.people.sort()
        parts = name.split()
        for key in {parts[0], parts[-1], " ".join(parts[:2]), " ".join(parts[-2:])}:
            self._by_part.setdefault(key, []).append((offset, name))

    def add_org(self, name: str, offset: int) -> str:
        key = org_key(name)
        for _, known in self.orgs:
            if org_key(known) == key:
                return known
        self.orgs.append((offset, name))
        return name

    def full_name(self, name: str, offset: int) -> str:
        """Resolve "Park" or "Blinken" to the longest full name that holds it, preferring earlier mentions."""
        parts = name.split()
        best: str | None = None
        candidates = sorted(self._by_part.get(name, ()))
        if not candidates:
            candidates = [(o, n) for o, n in self.names if name in (n.split()[0], n.split()[-1])]
        for off, full in candidates:
            fparts = full.split()
            if len(fparts) <= len(parts):
                continue
            if fparts[-len(parts):] == parts or fparts[:len(parts)] == parts:
                if best is None or off <= offset:
                    best = full
        return best or name

    def org_named(self, word: str) -> str | None:
        for _, known in reversed(self.orgs):
            if word.lower() in known.lower().split():
                return known
        return None
