"""Train the models that ship in ``claimcheck/models/`` from PolNeAR's training split.

    python -m bench.train /work/data/polnear [--cache /work/data/cache]   (or: make train POLNEAR=...)

Writes plain JSON (no pickles), deterministically (fixed seeds, sorted keys):

- ``pos.json``: NLTK's averaged-perceptron POS tagger, trained on the
  CoreNLP part-of-speech layer re-aligned to claimcheck's own tokens;
- ``names.json``: the name tagger (BIO over PERSON / ORGANIZATION /
  LOCATION) on the CoreNLP entity layer, plus first-name genders read off
  the coreference chains (a name whose chain holds "he"/"his" or
  "she"/"her");
- ``cues.json``: words annotators marked as attribution cues, with how often
  a word is a cue when it appears (to rank candidate cue verbs).

Only the training split is read; dev is for tuning and test is held out.
The files hold weights and word lists, never the articles' text.
"""
from __future__ import annotations

import argparse
import json
import random
from bisect import bisect_right
from collections import Counter, defaultdict
from pathlib import Path

from nltk.tag.perceptron import AveragedPerceptron, PerceptronTagger

from bench.polnear import Doc, load_split
from claimcheck.names import LABELS, name_features, scored
from claimcheck.tagging import MODELS, tokenize

PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}


def aligned_sentences(doc: Doc) -> list[list[tuple[str, str, str]]]:
    """(word, POS, NER) per claimcheck token, labels taken from the CoreNLP token that covers its start."""
    out = []
    for sent in doc.sentences:
        if not sent:
            continue
        starts = [t.start for t in sent]
        rows = []
        for tok in tokenize(doc.text, sent[0].start, sent[-1].end):
            k = bisect_right(starts, tok.start) - 1
            src = sent[max(k, 0)]
            rows.append((tok.text, src.pos, src.ner))
        if rows:
            out.append(rows)
    return out


def bio(rows: list[tuple[str, str, str]]) -> list[str]:
    labels, prev = [], "O"
    for _, _, ner in rows:
        if ner in LABELS:
            labels.append(("I-" if prev == ner else "B-") + ner)
            prev = ner
        else:
            labels.append("O")
            prev = "O"
    return labels


def prune(weights: dict[str, dict[str, float]], floor: float) -> dict[str, dict[str, float]]:
    """Drop near-zero weights and features left empty: a smaller file, the same decisions in practice."""
    out = {}
    for feat in sorted(weights):
        kept = {c: round(v, 3) for c, v in sorted(weights[feat].items()) if abs(v) >= floor}
        if kept:
            out[feat] = kept
    return out


def train_pos(sentences: list[list[tuple[str, str, str]]], iterations: int) -> dict:
    random.seed(1)
    tagger = PerceptronTagger(load=False)
    tagger.train([[(w, p) for w, p, _ in s] for s in sentences], nr_iter=iterations)
    return {"weights": prune(tagger.model.weights, 0.05), "tagdict": dict(sorted(tagger.tagdict.items())),
            "classes": sorted(tagger.classes)}


def train_names(sentences: list[list[tuple[str, str, str]]], iterations: int, firsts: frozenset[str]) -> dict:
    rng = random.Random(2)
    data = [([w for w, _, _ in s], bio(s)) for s in sentences if any(w[:1].isupper() for w, _, _ in s)]
    model = AveragedPerceptron()
    model.classes = {"O"} | {f"{p}-{l}" for l in LABELS for p in "BI"}
    for it in range(iterations):
        right = total = 0
        for words, gold in data:
            prev, prev2 = "O", "O"
            for i in range(len(words)):
                if not scored(words, i):
                    guess = "O"
                else:
                    feats = name_features(words, i, prev, prev2, firsts)
                    guess, _ = model.predict(dict.fromkeys(feats, 1))  # NLTK's own, on the live weights
                    model.update(gold[i], guess, feats)
                    right += guess == gold[i]
                    total += 1
                prev2, prev = prev, guess
        print(f"names iteration {it + 1}: {right / max(total, 1):.4f} on scored tokens")
        rng.shuffle(data)
    model.average_weights()
    return {"weights": prune(model.weights, 0.05), "classes": sorted(model.classes)}


def first_name_genders(docs: list[Doc], min_votes: int = 1) -> dict[str, str]:
    votes: dict[str, Counter] = defaultdict(Counter)
    for doc in docs:
        for chain in doc.chains:
            genders = Counter()
            firsts = set()
            for m in chain:
                toks = doc.sentences[m.sentence][m.start:m.end]
                if len(toks) == 1 and toks[0].word.lower() in PRONOUN_GENDER:
                    genders[PRONOUN_GENDER[toks[0].word.lower()]] += 1
                run = [t for t in toks if t.ner == "PERSON"]
                if len(run) >= 2 and run[0].word[:1].isupper() and run[0].word.isalpha():
                    firsts.add(run[0].word)
            if genders and firsts:
                g = genders.most_common(1)[0][0]
                for f in firsts:
                    votes[f][g] += 1
    out = {}
    for name in sorted(votes):
        (g, n), total = votes[name].most_common(1)[0], sum(votes[name].values())
        if total >= min_votes and n / total >= 0.9:
            out[name] = g
    return out


def first_names_seen(docs: list[Doc], min_count: int = 2) -> list[str]:
    """Words that open a person's name of two or more words at least min_count times, and mostly open it
    when they are part of a name: "Victoria" in "Victoria Atkins", not "Clinton" in "Hillary Clinton"."""
    first: Counter = Counter()
    inside: Counter = Counter()
    for doc in docs:
        for sent in doc.sentences:
            run: list = []
            for tok in sent + [None]:
                if tok is not None and tok.ner == "PERSON":
                    run.append(tok)
                    continue
                if len(run) >= 2 and run[0].word.isalpha() and run[0].word[:1].isupper():
                    first[run[0].word] += 1
                for t in run:
                    inside[t.word] += 1
                run = []
    return sorted(w for w, n in first.items() if n >= min_count and n / inside[w] >= 0.8)


def cue_words(docs: list[Doc], min_count: int = 3) -> dict[str, float]:
    """Word forms (lowercased) annotated as a cue in at least min_count places, with P(cue | word)."""
    as_cue: Counter = Counter()
    seen: Counter = Counter()
    for doc in docs:
        cue_spans = sorted(s for a in doc.attributions for s in a.cue)
        starts = [s[0] for s in cue_spans]
        for tok in tokenize(doc.text):
            w = tok.text.lower()
            if not w.isalpha():
                continue
            seen[w] += 1
            k = bisect_right(starts, tok.start) - 1
            if k >= 0 and cue_spans[k][0] <= tok.start < cue_spans[k][1]:
                as_cue[w] += 1
    return {w: round(as_cue[w] / seen[w], 3) for w in sorted(as_cue) if as_cue[w] >= min_count}


def write(name: str, data: dict) -> Path:
    path = MODELS / f"{name}.json"
    MODELS.mkdir(exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description="Train claimcheck's POS and name taggers on PolNeAR's training split.")
    ap.add_argument("polnear", help="the PolNeAR data folder (with train/, dev/, test/)")
    ap.add_argument("--cache", help="a folder outside the repository for parsed CoreNLP files")
    ap.add_argument("--iterations", type=int, default=8)
    ap.add_argument("--only", choices=("pos", "names", "cues"), action="append")
    args = ap.parse_args()
    docs = load_split(args.polnear, "train", args.cache)
    only = set(args.only or ("pos", "names", "cues"))
    sentences = [s for d in docs for s in aligned_sentences(d)]
    print(f"train: {len(docs)} articles, {len(sentences)} sentences, {sum(map(len, sentences))} tokens")
    if "pos" in only:
        write("pos", train_pos(sentences, args.iterations))
    if "names" in only:
        genders = first_name_genders(docs)
        firsts = sorted(set(first_names_seen(docs)) | set(genders))
        model = train_names(sentences, args.iterations, frozenset(firsts))
        model["genders"] = genders
        model["first_names"] = firsts
        write("names", model)
    if "cues" in only:
        write("cues", {"cues": cue_words(docs)})


if __name__ == "__main__":
    main()
