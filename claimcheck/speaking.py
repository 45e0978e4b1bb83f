"""Whether a noun ever names speakers in news copy: how often it heads the phrase before or after a speech verb.

"The spokesman said", "officials said", "said the letter": these nouns speak.
"The short answer", "That standard", "the demographic tidal wave" never do,
yet a quotation with no cue near it ("the “all-star” team", "the
anachronistic charge of “genocide.”") was given to them as the nearest noun
phrase. ``models/speaker_heads.json`` (``bench.speaker_heads``, from 37,554
real news pages) holds, per word, the share of its printings that head a
speaker's phrase and the share of "who" among the relative pronouns after
it, in ten-thousandths; a noun under ``NEVER`` and ``ANIMATE`` is no
candidate speaker (``mentions``).
"""
from __future__ import annotations

from .tagging import load_json_model

# Under one printing in a thousand: "answer" 2, "support" 2, "theme" 0, "claim" 5 are out; "records" 16,
# "many" 20, "people" 32, "protesters" 64, "spokesman" 1,256 stay
NEVER = 10
# A noun for people takes "who" as often as "that" or "which" after it: "commuters" 1 of 2, "teachers" 73 of 83,
# "other" 8 of 44, against "answer" 0 of 149, "years" 17 of 309 and "policies" 2 of 1,043 (ten-thousandths)
ANIMATE = 1500


def never_speaks(word: str) -> bool:
    """A noun (lowercase) that heads a speaker's phrase in under one of every thousand printings and is no noun
    for people (``ANIMATE``): no quotation's speaker, whatever stands nearest. A word the pages print too rarely
    to say is not ruled out."""
    model = load_json_model("speaker_heads")  # read once per process
    share = model["share"].get(word)
    return share is not None and share < NEVER and model["who"].get(word, 0) < ANIMATE
