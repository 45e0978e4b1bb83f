"""Generate realistic article sets of any size, with the ground truth of which quotes are shared.

Stories of 2-8 articles from several outlets; wire stories and their
reprints; quotes shared across outlets with controlled rewording (words
replaced, dropped, added or swapped, tense and number changed, punctuation
added: one to three edits, at most one per eight words), partial quotes of
different lengths from the start, middle or end, with at least two content
words (those of eight words or more sometimes reworded too), quotes
split around their attribution, misattributions; and unique narrative
sentences. Words are drawn from a
Zipf-distributed vocabulary so that frequent-term pruning behaves as on
real copy: one Zipf law (exponent 1.0) over the whole vocabulary, English
function words at its head in their usual order and 200,000 word forms in
its tail, as in a newsroom archive, where names, places and numbers keep
adding new words (Heaps' law). Function words then make about 40% of the
running words and the 100 commonest content words about 10% of the rest,
close to English news copy.

    python -m bench.generate 1000 bench/out/1k
    python -m bench.generate 10000 bench/out/10000-40mb 20 32   # longer articles: about 4 KB
"""
from __future__ import annotations

import itertools
import json
import random
import sys
from bisect import bisect
from pathlib import Path

VERSION = 4  # bump when the generated text changes, so bench.run does not reuse stale sets
NARRATIVE = (10, 18)  # narrative sentences per article: articles of about 2.9 KB
OUTLETS = ["Coast Times", "Valley Herald", "Metro Daily", "The London Post", "River News", "Harbor Gazette",
           "Capital Ledger", "Northern Star", "Daily Sentinel", "Evening Courier", "Pacific Tribune", "City Wire"]
WIRES = ["AP", "Reuters", "AFP"]
DATELINE = {"AP": "{place} (AP) — ", "Reuters": "{place} (Reuters) - ", "AFP": "{place}, June 3 (AFP) - "}
PLACES = ["WASHINGTON", "LONDON", "SEOUL", "PARIS", "NEW YORK", "TOKYO", "BERLIN", "NAIROBI"]
FIRST = ["Ana", "Tom", "Maria", "James", "Helen", "Raj", "Laura", "Victor", "Denise", "Paul", "Sarah", "Mark",
         "Elena", "David", "Karen", "Luis", "Grace", "Omar", "Yuki", "Ingrid"]
LAST = ["Ruiz", "Hale", "Lopez", "McKenna", "Cole", "Patel", "Chen", "Han", "Carter", "Grant", "Lewis", "Harper",
        "Park", "Ezra", "Bass", "Ortega", "Okafor", "Nakamura", "Berg", "Haddad"]
ROLES = ["the mayor", "a union leader", "the company's chief executive", "the health minister", "a senior analyst",
         "the police chief", "a spokesperson for the ministry", "the committee chair"]
FUNCTION = """the of and to a in that is for it on said with was as he at by be his from have are this but
not has they an had who we were will or their been which one would its also there more after about she her
all when than up out new two can if so what them over into could last other some no only her just against
our because those these many while most then since before between under may should did do very such both
each any where how here through down off during us again""".split()


FUNCTION_SET = frozenset(FUNCTION)


class Vocabulary:
    """Pseudo-words with Zipf frequencies: a few very common, a long tail of rare ones."""

    def __init__(self, rng: random.Random, size: int = 200_000, exponent: float = 1.0):
        syll = ["ka", "lo", "mi", "ten", "ra", "vo", "shi", "pe", "dun", "sa", "ro", "ve", "li", "mar", "to", "ne",
                "bri", "gal", "for", "est", "ing", "un", "der", "pla", "co", "ment", "ia", "tion"]
        seen: set[str] = set(FUNCTION)
        words: list[str] = list(dict.fromkeys(FUNCTION))
        while len(words) < size:
            w = "".join(rng.choice(syll) for _ in range(rng.randint(2, 4)))
            if w not in seen:
                seen.add(w)
                words.append(w)
        self.words = words
        weights = [1.0 / (r + 1) ** exponent for r in range(size)]
        total = 0.0
        self.cum = []
        for w in weights:
            total += w
            self.cum.append(total)
        self.total = total
        self.rng = rng

    def word(self) -> str:
        return self.words[bisect(self.cum, self.rng.random() * self.total)]

    def sentence(self, lo: int = 10, hi: int = 26) -> str:
        n = self.rng.randint(lo, hi)
        out = [self.word() for _ in range(n)]
        return out[0].capitalize() + " " + " ".join(out[1:]) + "."


AUXILIARIES = {"is": "was", "was": "is", "are": "were", "were": "are", "has": "had", "have": "had", "had": "has",
               "will": "would", "would": "will", "can": "could", "could": "can"}
PUNCTUATION = [",", ";", ":", " —", " -"]


def _tense(word: str) -> str:
    """A verb-like change of tense: an auxiliary swapped, or an -ed / -ing / -s ending changed."""
    if word in AUXILIARIES:
        return AUXILIARIES[word]
    for a, b in (("ed", "ing"), ("ing", "ed"), ("es", "ed"), ("s", "ed")):
        if word.endswith(a) and len(word) > len(a) + 2:
            return word[: -len(a)] + b
    return word + "ed"


def _number(word: str) -> str:
    """Singular to plural or back."""
    return word[:-1] if word.endswith("s") and len(word) > 3 else word + "s"


def reword(text: str, rng: random.Random, vocab: Vocabulary, edits: int) -> str:
    """Reword a quote the ways outlets do: a word replaced, dropped, added or moved, a tense or number changed,
    punctuation added (which changes no compared word)."""
    toks = text.rstrip(".").split()
    for _ in range(edits):
        i = rng.randrange(1, len(toks))
        op = rng.random()
        if op < 0.2:
            toks[i] = vocab.word()
        elif op < 0.3 and len(toks) > 8:
            del toks[i]
        elif op < 0.45:
            toks.insert(i, vocab.word())
        elif op < 0.6 and i + 1 < len(toks):
            toks[i], toks[i + 1] = toks[i + 1], toks[i]
        elif op < 0.75:
            toks[i] = _tense(toks[i].rstrip(",;:"))
        elif op < 0.9:
            toks[i] = _number(toks[i].rstrip(",;:"))
        else:
            toks[i] = toks[i].rstrip(",;:") + rng.choice(PUNCTUATION)
    return " ".join(toks).rstrip(",;:—- ") + "."


def excerpt(text: str, rng: random.Random) -> str:
    """A partial quote: a run of words from the start, the middle or the end, from four words to all but two,
    holding at least two words that are not function words (nobody quotes "in of to it")."""
    toks = text.rstrip(".").split()
    for _ in range(20):
        length = rng.randint(min(4, len(toks) - 2), len(toks) - 2)
        start = rng.choice([0, rng.randint(0, len(toks) - length), len(toks) - length])
        piece = toks[start:start + length]
        if sum(1 for t in piece if t.lower() not in FUNCTION_SET) >= 2:
            break
    return " ".join(piece) + "."


def edits_for(text: str, rng: random.Random) -> int:
    """One to three edits, at most one per eight words: a rewording an editor still calls the same quote."""
    return rng.randint(1, max(1, min(3, len(text.split()) // 8)))


def make_story(sid: int, rng: random.Random, vocab: Vocabulary, n_articles: int,
               narrative: tuple[int, int] = NARRATIVE) -> tuple[list[dict], list[dict]]:
    """Articles of one story and the quote instances they print (the ground truth)."""
    speakers = [(f"{rng.choice(FIRST)} {rng.choice(LAST)}", rng.choice(ROLES)) for _ in range(rng.randint(2, 4))]
    shared = [(k, rng.randrange(len(speakers)), vocab.sentence(12, 24)) for k in range(rng.randint(3, 6))]
    facts = [vocab.sentence() for _ in range(6)]
    articles, truth = [], []
    wire = rng.choice(WIRES) if rng.random() < 0.5 else None
    wire_text: dict | None = None
    for a in range(n_articles):
        aid = f"s{sid:06d}-a{a}"
        outlet = rng.choice(OUTLETS)
        if wire and wire_text and rng.random() < 0.35:  # reprint of the wire copy under a new headline
            art = dict(wire_text, id=aid, outlet=outlet, title=vocab.sentence(5, 9).rstrip("."))
            articles.append(art)
            truth.extend(dict(t, article=aid) for t in truth if t["article"] == wire_text["id"])
            continue
        paras, quotes = [], []
        lead = facts[0] if rng.random() < 0.7 else vocab.sentence()
        if wire and wire_text is None:
            lead = DATELINE[wire].format(place=rng.choice(PLACES)) + lead
        paras.append(lead)
        for k, sp, text in shared:
            if rng.random() < 0.35:
                continue
            name, role = speakers[sp]
            mode = rng.random()
            printed, said_by = text, name
            if mode < 0.25:
                printed = reword(text, rng, vocab, edits_for(text, rng))
            elif mode < 0.4:  # excerpt, sometimes reworded too
                printed = excerpt(text, rng)
                if rng.random() < 0.3 and len(printed.split()) >= 8:
                    printed = reword(printed, rng, vocab, edits_for(printed, rng))
            elif mode < 0.45:  # given to someone else
                said_by = speakers[(sp + 1) % len(speakers)][0]
            elif mode < 0.55:  # only the punctuation differs
                printed = reword(text, rng, vocab, 0)
                toks = printed.rstrip(".").split()
                i = rng.randrange(1, len(toks))
                toks[i] += rng.choice(PUNCTUATION)
                printed = " ".join(toks) + "."
            if mode > 0.85 and len(printed.split()) > 10:  # split around the attribution
                toks = printed.rstrip(".").split()
                half = len(toks) // 2
                paras.append(f'"{" ".join(toks[:half])}," {said_by} said. "{" ".join(toks[half:]).capitalize()}."')
            else:
                paras.append(f'"{printed.rstrip(".")}," said {said_by}, {role}.')
            quotes.append({"key": f"{sid}:{k}", "text": printed, "speaker": said_by})
            if rng.random() < 0.5:
                paras.append(rng.choice(facts[1:]) if rng.random() < 0.5 else vocab.sentence())
        for _ in range(rng.randint(*narrative)):
            paras.append(vocab.sentence())
        if rng.random() < 0.3:
            paras.append(f'"{vocab.sentence(8, 16).rstrip(".")}," said {rng.choice(FIRST)} {rng.choice(LAST)}.')
        art = {"id": aid, "title": vocab.sentence(5, 9).rstrip("."), "outlet": outlet, "text": "\n\n".join(paras)}
        articles.append(art)
        truth.extend(dict(q, article=aid) for q in quotes)
        if wire and wire_text is None:
            wire_text = art
    return articles, truth


def generate(n: int, out: Path, seed: int = 7, shard: int = 1000, narrative: tuple[int, int] = NARRATIVE) -> Path:
    """Write n articles as JSONL shards in out/articles/ and the ground truth in out/truth.json."""
    rng = random.Random(seed)
    vocab = Vocabulary(rng)
    folder = out / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.jsonl"):
        old.unlink()
    written, sid, truth = 0, 0, []
    shard_no, fh = 0, None
    while written < n:
        size = min(rng.randint(2, 8), n - written)
        arts, tr = make_story(sid, rng, vocab, size, narrative)
        truth.extend(tr)
        for art in arts:
            if fh is None or written % shard == 0:
                if fh:
                    fh.close()
                fh = open(folder / f"articles-{shard_no:04d}.jsonl", "w", encoding="utf-8")
                shard_no += 1
            fh.write(json.dumps(art, ensure_ascii=False) + "\n")
            written += 1
        sid += 1
    if fh:
        fh.close()
    (out / "truth.json").write_text(json.dumps(truth), encoding="utf-8")
    meta = {"version": VERSION, "articles": n, "seed": seed, "narrative": list(narrative)}
    (out / "generator.json").write_text(json.dumps(meta), encoding="utf-8")
    return out


def true_pairs(truth: list[dict]) -> set[tuple[str, str, str]]:
    """(article, article, quote key) for every quote printed in two different articles."""
    by_key: dict[str, set[str]] = {}
    for t in truth:
        by_key.setdefault(t["key"], set()).add(t["article"])
    return {(a, b, k) for k, arts in by_key.items() for a, b in itertools.combinations(sorted(arts), 2)}


if __name__ == "__main__":
    # python -m bench.generate N FOLDER [MIN MAX]: MIN-MAX narrative sentences per article (default 10-18)
    span = (int(sys.argv[3]), int(sys.argv[4])) if len(sys.argv) > 4 else NARRATIVE
    generate(int(sys.argv[1]), Path(sys.argv[2]), narrative=span)
