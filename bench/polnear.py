"""Read the PolNeAR corpus (a fetched copy, never committed): texts, attributions and CoreNLP layers.

PolNeAR (networkdynamics/PolNeAR) has, per split, ``text/NAME.txt``,
``attributions/NAME_ANNOTATOR.ann`` (brat standoff: Source / Cue / Content
spans joined by an ``Attribution`` event) and ``corenlp/NAME.txt.xml``
(tokens with character offsets, POS, NER, coreference chains). Articles
annotated by several annotators have one ``.ann`` per annotator; the first in
name order is used, so every run reads the same gold.

The records here hold the publishers' text: they live in memory or in a
cache outside the repository (``--cache``), never in the project.
"""
from __future__ import annotations

import pickle
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

SPLITS = ("train", "dev", "test")


@dataclass
class Token:
    word: str
    start: int
    end: int
    pos: str
    ner: str
    sentence: int  # 0-based sentence number


@dataclass
class Mention:
    sentence: int  # 0-based
    start: int  # token index within the sentence, 0-based
    end: int  # exclusive
    head: int
    text: str
    representative: bool = False


@dataclass
class Attribution:
    source: list[tuple[int, int]] = field(default_factory=list)  # character spans
    cue: list[tuple[int, int]] = field(default_factory=list)
    content: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Doc:
    name: str
    split: str
    text: str
    sentences: list[list[Token]] = field(default_factory=list)
    chains: list[list[Mention]] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)

    @property
    def tokens(self) -> list[Token]:
        return [t for s in self.sentences for t in s]


def read_corenlp(path: Path) -> tuple[list[list[Token]], list[list[Mention]]]:
    """Tokens per sentence and coreference chains of one CoreNLP XML file."""
    sentences: list[list[Token]] = []
    chains: list[list[Mention]] = []
    root = ET.parse(path).getroot()
    doc = root.find("document")
    for si, s in enumerate(doc.find("sentences").findall("sentence")):
        toks = []
        for t in s.find("tokens").findall("token"):
            toks.append(Token(t.findtext("word"), int(t.findtext("CharacterOffsetBegin")),
                              int(t.findtext("CharacterOffsetEnd")), t.findtext("POS"), t.findtext("NER") or "O", si))
        sentences.append(toks)
    coref = doc.find("coreference")
    if coref is not None:
        for chain in coref.findall("coreference"):
            ms = [Mention(int(m.findtext("sentence")) - 1, int(m.findtext("start")) - 1, int(m.findtext("end")) - 1,
                          int(m.findtext("head")) - 1, m.findtext("text"), m.get("representative") == "true")
                  for m in chain.findall("mention")]
            chains.append(ms)
    return sentences, chains


def read_ann(path: Path) -> list[Attribution]:
    """Attribution relations of one brat file, as character spans (discontinuous spans kept as pieces)."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, offs = parts[1].partition(" ")
            pieces = []
            for piece in offs.split(";"):
                a, b = piece.split()
                pieces.append((int(a), int(b)))
            spans[parts[0]] = (label, pieces)
        elif line.startswith("E") and len(parts) >= 2:
            roles = {}
            for arg in parts[1].split():
                role, _, tid = arg.partition(":")
                roles[role] = tid
            events.append(roles)
    out = []
    for ev in events:
        att = Attribution()
        for role in ("Source", "Cue", "Content"):
            tid = ev.get(role)
            if tid and tid in spans:
                setattr(att, role.lower(), spans[tid][1])
        out.append(att)
    return out


def read_split(root: str | Path, split: str, corenlp: bool = True) -> list[Doc]:
    """Every article of a split that has text and an annotation file, in name order."""
    base = Path(root) / split
    anns: dict[str, Path] = {}
    for p in sorted((base / "attributions").glob("*.ann")):
        stem = p.stem.rsplit("_", 1)[0]
        anns.setdefault(stem, p)
    docs = []
    for tp in sorted((base / "text").glob("*.txt")):
        name = tp.stem
        if name not in anns:
            continue
        cp = base / "corenlp" / (tp.name + ".xml")
        if corenlp and not cp.exists():
            continue  # a few CoreNLP files are too large for the snapshot
        doc = Doc(name, split, tp.read_text(encoding="utf-8"), attributions=read_ann(anns[name]))
        if corenlp:
            doc.sentences, doc.chains = read_corenlp(cp)
        docs.append(doc)
    return docs


def load_split(root: str | Path, split: str, cache: str | Path | None = None) -> list[Doc]:
    """``read_split`` with an optional pickle cache outside the repository (parsing train's XML takes minutes)."""
    if cache:
        cp = Path(cache) / f"polnear-{split}.pickle"
        if cp.exists():
            with cp.open("rb") as fh:
                return pickle.load(fh)
        docs = read_split(root, split)
        cp.parent.mkdir(parents=True, exist_ok=True)
        with cp.open("wb") as fh:
            pickle.dump(docs, fh, protocol=pickle.HIGHEST_PROTOCOL)
        return docs
    return read_split(root, split)
