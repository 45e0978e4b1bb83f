"""Word lists for speech and speakers, shared by attribution and matching.

Speech verbs are the cues a reporting clause turns on ("said", "told",
"insisted"); attribution adds the words PolNeAR's annotators mark as cues
(``claimcheck/models/cues.json``). ``org_key`` lets two renderings of one
organisation ("South Korea's Foreign Ministry", "the Foreign Ministry") count
as one speaker, ``surname_key`` two of one surname ("al-Assad", "Assad"), ``same_given_name`` two given names
of one person ("Joe", "Joseph").
"""
from __future__ import annotations

import re
from functools import lru_cache

from nicknames import NickNamer

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
told yell yells yelled labelled labeled branded report reports reported cry cries cried exclaim exclaims exclaimed boast boasts boasted lament laments lamented
retort retorts retorted scoff scoffs scoffed
""".split()
SPEECH_VERB_SET = frozenset(SPEECH_VERBS)
# Phrases that name a source after them ("according to the ministry"): attribution reads them, a report prints them
# before the source
SOURCE_PHRASES = ("according to", "in the words of")

_DETERMINERS = frozenset("the a an".split())
# A surname that opens with an Arabic article or a patronymic, set in lowercase and joined by a hyphen: "al-Assad",
# "el-Sissi", "al-Baghdadi", "bin-Salman". Some outlets print it without ("Assad").
PREFIXED_SURNAME = re.compile(r"(?:al|el|as|ash|ad|an|ar|at|az|bin|ibn|abu|abd|ben)-[A-Z][\w'’-]*")


def surname_key(word: str) -> str:
    """A surname as another mention or outlet may print it: "al-Assad" is also "Assad"."""
    return word.split("-", 1)[1] if PREFIXED_SURNAME.fullmatch(word) else word


def org_key(name: str) -> str:
    """Two orgs corefer when their last two words match: "South Korea's Foreign Ministry" ~ "the Foreign Ministry"."""
    words = [w.lower() for w in re.findall(r"[\w’'.-]+", name) if w.lower() not in _DETERMINERS]
    return " ".join(words[-2:])


GIVEN_PREFIX = 3  # a given name cut short to at least this many letters is the same name ("Jon" / "Jonathan")


@lru_cache(maxsize=1)
def _nicknamer() -> NickNamer:
    return NickNamer()  # the package's hand-curated table of English given names and their nicknames, read once


@lru_cache(maxsize=65536)
def same_given_name(a: str, b: str) -> bool:
    """Whether two lowercase given names can name one person: equal, one a nickname of the other ("Dick" /
    "Richard", "Chuck" / "Charles"), or one the other cut short ("Chris" / "Christopher"). Two nicknames of one
    name are not taken to be one ("Jon" and "Nathan" are both Jonathan's), nor two different names of one
    family ("Rand" / "Ron", "Joe" / "Beau")."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if len(short) >= GIVEN_PREFIX and long.startswith(short):
        return True
    names = _nicknamer()
    return b in names.nicknames_of(a) or a in names.nicknames_of(b)
