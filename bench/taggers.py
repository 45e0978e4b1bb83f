"""How the shipped POS and name taggers agree with CoreNLP's layers on a PolNeAR split (dev by default).

    python -m bench.taggers ../data/polnear [--split dev] [--cache ../data/cache]

Every sentence is re-tokenised by claimcheck and each token takes the
CoreNLP labels of the token covering its start (``bench.train`` trains on
the same alignment). POS: the share of tokens whose tag agrees. Names:
spans are runs of one label (PERSON, ORGANIZATION, LOCATION) in BIO form,
decoded greedily with the shipped model as ``claimcheck.names`` does; a
span counts when its first token, last token and label all agree. Prints
one JSON line of counts and rates, no text.
"""
from __future__ import annotations

import argparse
import json

from bench.polnear import load_split
from bench.train import aligned_sentences, bio
from claimcheck.names import decode, first_names, name_model
from claimcheck.tagging import pos_tagger


def spans(labels: list[str]) -> set[tuple[int, int, str]]:
    """(first token, last token, label) of each BIO run."""
    out, start, kind = set(), None, None
    for i, lab in enumerate(labels + ["O"]):
        if start is not None and not (lab.startswith("I-") and lab[2:] == kind):
            out.add((start, i - 1, kind))
            start = kind = None
        if lab.startswith("B-") or lab.startswith("I-") and start is None:
            start, kind = i, lab[2:]
    return out


def measure(root: str, split: str, cache: str | None) -> dict:
    tagger, model, firsts = pos_tagger(), name_model(), first_names()
    agree = tokens = found = gold_n = right = 0
    for doc in load_split(root, split, cache):
        for rows in aligned_sentences(doc):
            words = [w for w, _, _ in rows]
            agree += sum(t == p for t, (_, p, _) in zip(tagger.tag(words), rows))
            tokens += len(rows)
            gold, guess = spans(bio(rows)), spans(decode(model, words, firsts))
            right += len(gold & guess)
            gold_n += len(gold)
            found += len(guess)
    p, r = right / max(found, 1), right / max(gold_n, 1)
    return {"split": split, "tokens": tokens, "pos_agreement": round(agree / max(tokens, 1), 4),
            "name_spans_gold": gold_n, "name_spans_found": found, "name_precision": round(p, 4),
            "name_recall": round(r, 4), "name_f1": round(2 * p * r / max(p + r, 1e-9), 4)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("polnear")
    ap.add_argument("--split", default="dev", choices=("train", "dev", "test"))
    ap.add_argument("--cache")
    args = ap.parse_args()
    print(json.dumps(measure(args.polnear, args.split, args.cache)))


if __name__ == "__main__":
    main()
