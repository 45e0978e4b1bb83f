"""report.html: one self-contained review page, the articles as they read with every item marked in place.

The page is rendered from Jinja2 templates shipped in ``claimcheck/templates``
with autoescaping on, so text from an article (which may well contain
``<script>``) is always text; the data the page's own script reads is
embedded with ``tojson``, which escapes ``<``, ``>`` and ``&``. The CSS and
the script are inlined: no network, no external scripts or fonts, and the
file opens from disk. The page needs the article bodies (the report keeps
only offsets into them), so it is written from an analysis, not from a
report alone.
"""
from __future__ import annotations

import base64
import hashlib
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

import jinja2
from markupsafe import Markup

from . import triage
from .match import aligned_diff
from .normalize import Words, words
from .triage import RELATION_LABEL, STATUS_LABEL

VERDICT_LABEL = {"confirmed": "confirmed", "disputed": "disputed", "needs-follow-up": "needs follow-up"}
FLAG_LABEL = {"speaker-conflict": "speaker conflict", "substantive": "substantive change", "same-origin": "same origin"}


@dataclass
class Body:
    """An article body as loaded and the spans of the paragraphs kept after cleaning (furniture removed)."""

    text: str
    paragraphs: list[tuple[int, int]]


@dataclass
class Mark:
    """A run of text inside at most one quote: the quote's item (or None) and whether this run opens it."""

    text: str
    quote: dict | None = None
    first: bool = False


@dataclass
class Run:
    """A run of text inside at most one sentence, made of marks."""

    sentence: dict | None
    first: bool
    marks: list[Mark] = field(default_factory=list)


def bodies_of(analysis) -> dict[str, Body]:
    """The bodies of the articles a report lists, read back from the run's store."""
    n = analysis.reported
    return {analysis.article(d).id: Body(*analysis.body(d)) for d in range(n)}


class _Sweep:
    """The items of one kind that hold a position, for positions visited in increasing order.

    Every item start and end is a cut point, so an item that holds the start
    of a segment holds the whole segment. Items of one kind do not overlap in
    a report (sentences follow one another, and so do the sentences of a
    quotation); should two ever overlap, the shorter is shown where both are.
    """

    def __init__(self, items: list[dict]):
        self.items = sorted(items, key=lambda i: (i["start"], i["end"]))
        self.next = 0
        self.active: list[dict] = []

    def at(self, pos: int) -> dict | None:
        while self.next < len(self.items) and self.items[self.next]["start"] <= pos:
            self.active.append(self.items[self.next])
            self.next += 1
        self.active = [i for i in self.active if i["end"] > pos]
        return min(self.active, key=lambda i: i["end"] - i["start"]) if self.active else None


def paragraphs(body: Body, sentences: list[dict], quotes: list[dict]) -> list[list[Run]]:
    """Each paragraph cut at every item boundary, grouped into sentence runs holding quote marks.

    An item that crosses a paragraph or sentence boundary is split into
    several elements; only its first piece carries the item's id and focus.
    """
    cuts_at = sorted({x for i in sentences + quotes for x in (i["start"], i["end"])})
    in_sentence, in_quote = _Sweep(sentences), _Sweep(quotes)
    seen: set[str] = set()
    out = []
    for ps, pe in body.paragraphs:
        cuts = {ps, pe, *cuts_at[bisect_right(cuts_at, ps):bisect_left(cuts_at, pe)]}
        points = sorted(cuts)
        runs: list[Run] = []
        for a, b in zip(points, points[1:]):
            sent, quote = in_sentence.at(a), in_quote.at(a)
            if not runs or runs[-1].sentence is not sent:
                first = sent is not None and sent["id"] not in seen
                if sent is not None:
                    seen.add(sent["id"])
                runs.append(Run(sent, first))
            marks = runs[-1].marks
            if marks and marks[-1].quote is quote:
                marks[-1].text += body.text[a:b]
            else:
                first = quote is not None and quote["id"] not in seen
                if quote is not None:
                    seen.add(quote["id"])
                marks.append(Mark(body.text[a:b], quote, first))
        out.append(runs)
    return out


class Diffs:
    """Word diffs between item texts for the page, each pair aligned once (the reverse swaps deletions and insertions)."""

    SWAP = {"equal": "equal", "delete": "insert", "insert": "delete"}

    def __init__(self) -> None:
        self.words: dict[str, Words] = {}
        self.done: dict[tuple[str, str], list[list[str]]] = {}

    def _words(self, text: str) -> Words:
        w = self.words.get(text)
        if w is None:
            w = self.words[text] = words(text)
        return w

    def __call__(self, a: str, b: str) -> list[list[str]]:
        if (a, b) not in self.done:
            ops = [[tag, text] for tag, text in aligned_diff(self._words(a), self._words(b))]
            self.done[(a, b)] = ops
            self.done[(b, a)] = _swapped(ops)
        return self.done[(a, b)]


def _swapped(ops: list[list[str]]) -> list[list[str]]:
    """a-to-b ops as b-to-a: deletions become insertions, and a replacement keeps the old words first."""
    out: list[list[str]] = []
    for tag, text in ops:
        tag = Diffs.SWAP[tag]
        if tag == "delete" and out and out[-1][0] == "insert":
            out.insert(len(out) - 1, [tag, text])
        else:
            out.append([tag, text])
    return out


def _match_data(item: dict, m: dict, outlets: dict[str, str], diffs: Diffs, copy_of: dict[str, str]) -> dict:
    return {
        "id": m["id"], "article": m["article"], "outlet": triage.match_outlet(m, outlets), "text": m["text"],
        # marked on this page; or in an exact copy (its text is marked in the article it copies); or in the archive
        "where": "copy" if m["article"] in copy_of else "page" if m["article"] in outlets else "archive",
        "copyOf": copy_of.get(m["article"]),
        "relation": RELATION_LABEL[m["relation"]], "score": m["score"], "speaker": m.get("speaker"),
        "flags": [FLAG_LABEL.get(f, f) for f in m.get("flags", [])],
        "changed": [f"{c['what']} changed: {c['from'] or '(nothing)'} → {c['to'] or '(nothing)'}" for c in m.get("changed", [])],
        "same_origin": m.get("same_origin"),
        "diff": diffs(item["text"], m["text"]) if m["relation"] != "identical" else [],
    }


def _flags(item: dict) -> list[str]:
    """Flag keys of an item (its matches' flags, plus the verdict state), for the page's filters."""
    flags = {f for m in item.get("matches", []) for f in m.get("flags", [])}
    review = item.get("review")
    flags.add("stale" if review and review.get("stale") else "verdict" if review else "no-verdict")
    return sorted(flags)


def labels(item: dict, flags: list[str]) -> list[tuple[str, str]]:
    """(css class, text) of the labels shown on an item: its status, flags that need a person, its verdict."""
    out = [(f"lbl lbl-{item['status']}", STATUS_LABEL[item["status"]])]
    out += [("lbl lbl-flag", FLAG_LABEL[f]) for f in flags if f in ("speaker-conflict", "substantive")]
    review = item.get("review")
    if review:
        out.append(("lbl lbl-verdict", VERDICT_LABEL[review["verdict"]] + (", stale" if review.get("stale") else "")))
    return out


def item_data(report: dict) -> dict[str, dict]:
    """What the page's script shows for each item when it is selected."""
    outlets = triage.outlet_names(report)
    copy_of = {a["id"]: a["copy_of"] for a in report["articles"] if a.get("copy_of")}
    diffs = Diffs()
    out = {}
    for item in triage.items_of(report):
        out[item["id"]] = {
            "kind": "quote" if "speaker" in item else "sentence", "status": item["status"],
            "statusLabel": STATUS_LABEL[item["status"]], "flags": _flags(item), "article": item["article"],
            "outlet": outlets.get(item["article"], item["article"]), "text": item["text"],
            "speaker": item.get("speaker"), "said": triage.attribution(item),
            "review": item.get("review"), "occurrences": item.get("occurrences", 1),
            "matches": [_match_data(item, m, outlets, diffs, copy_of) for m in item.get("matches", [])],
            "moreMatches": item.get("more_matches", 0), "cluster": item.get("cluster"),
        }
    return out


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader("claimcheck", "templates"),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    env.globals.update(STATUS_LABEL=STATUS_LABEL, VERDICT_LABEL=VERDICT_LABEL, FLAG_LABEL=FLAG_LABEL,
                       RELATION_LABEL=RELATION_LABEL, CHECK_FIRST_TITLE=triage.CHECK_FIRST_TITLE,
                       attribution=triage.attribution)
    return env


def _asset(name: str) -> str:
    """A stylesheet or script shipped beside the template, inlined into the page as it is."""
    return _environment().loader.get_source(_environment(), name)[0]


def _csp_hash(text: str) -> str:
    """The page's Content-Security-Policy allows exactly its own style and script, by hash: nothing injected runs."""
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def to_html(report: dict, bodies: dict[str, Body]) -> str:
    """The review page for a report and the bodies of its articles."""
    outlets = triage.outlet_names(report)
    by_article: dict[tuple[str, str], list[dict]] = {}
    for kind in ("quotes", "sentences"):
        for item in report.get(kind, []):
            by_article.setdefault((kind, item["article"]), []).append(item)
    articles = []
    for a in report["articles"]:
        body = bodies.get(a["id"]) if not a.get("copy_of") else None  # a copy's text is marked in the article it copies
        paras = paragraphs(body, by_article.get(("sentences", a["id"]), []), by_article.get(("quotes", a["id"]), [])) \
            if body else []
        articles.append({"meta": a, "outlet": outlets[a["id"]], "paragraphs": paras})
    speakers = sorted({q["speaker"] for q in report.get("quotes", []) if q.get("speaker")}, key=str.casefold)
    data = item_data(report)
    style, script = _asset("report.css"), _asset("report.js")
    return _environment().get_template("report.html.j2").render(
        report=report, articles=articles, outlets=outlets, speakers=speakers,
        style=Markup(style), script=Markup(script), style_hash=_csp_hash(style), script_hash=_csp_hash(script),
        counts=triage.counts(report), check_first=triage.check_first(report),
        data=data, labels={i: labels(d, d["flags"]) for i, d in data.items()},
    )
