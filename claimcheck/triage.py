"""What an editor should check first, and each cluster once: views over the report shared by report.md and report.html.

The report lists every match from both sides (A matches B, B matches A);
an editor wants each problem once. These functions pick the pairs that
need a person (speaker conflicts, substantive changes, reworded quotes),
each pair under its most urgent heading only, then the single-source
quotes, and they present each cluster once around its root. They read the
report as plain data, so they work the same on a report loaded from JSON.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Iterator

from .ledger import awaiting
from .speakers import SOURCE_PHRASES

STATUS_LABEL = {"corroborated": "corroborated", "variant": "variant wording", "single-source": "single source"}
RELATION_LABEL = {"identical": "same words", "excerpt": "prints more of it", "extended": "prints only part of it",
                  "variant": "reworded"}
CHECK_FIRST = ("speaker-conflict", "substantive", "variant", "single-source")
CHECK_FIRST_TITLE = {"speaker-conflict": "Speaker conflicts", "substantive": "Substantive changes",
                     "variant": "Variant wording of quotes", "single-source": "Single-source quotes"}


@dataclass
class Pairing:
    """Two items joined by one match, seen from the one that comes first in the report."""

    reason: str  # speaker-conflict | substantive | variant
    this: dict
    other: dict
    match: dict  # this item's match entry for the other item


@dataclass
class Group:
    """The pairs of one reason within one cluster: one entry for the editor, the words shown once."""

    reason: str
    pairs: list[Pairing]

    @property
    def first(self) -> Pairing:
        return self.pairs[0]


@dataclass
class CheckFirst:
    conflicts: list[Group] = field(default_factory=list)
    changes: list[Group] = field(default_factory=list)
    variants: list[Group] = field(default_factory=list)
    single: list[dict] = field(default_factory=list)
    # a listed single-source quote -> the same-origin prints of it (a wire story and its reprints), listed with it
    reprints: dict[str, list[dict]] = field(default_factory=dict)

    def sections(self) -> list[tuple[str, list]]:
        """(reason, entries) in the order an editor should read them."""
        return list(zip(CHECK_FIRST, (self.conflicts, self.changes, self.variants, self.single)))


@dataclass
class Counts:
    quotes: int
    sentences: int
    with_verdict: int  # items carrying a verdict, stale ones included
    stale: int
    orphaned: int
    awaiting: int  # items that need a person (conflict, variant or single-source) and have no verdict in force

    @property
    def items(self) -> int:
        return self.quotes + self.sentences


@dataclass
class ClusterView:
    """One cluster as an editor reads it: the root (longest member) and how each other member prints it."""

    id: str
    kind: str
    root: dict
    members: list[tuple[dict, dict | None]]  # (item, the root's match entry for it; None for the root)
    outlets: list[str]
    independent_origins: int
    copies: list[str] = field(default_factory=list)  # exact copies (``copy_of``) printing it, reported under another
    elsewhere: list[dict] = field(default_factory=list)  # members in no listed article (an archive's): the root's match
    unlisted: int = 0  # such members the root's matches do not name (``more_matches``)


def items_of(report: dict) -> Iterator[dict]:
    yield from report.get("quotes", [])
    yield from report.get("sentences", [])


def outlet_names(report: dict) -> dict[str, str]:
    return {a["id"]: a.get("outlet") or a["id"] for a in report.get("articles", [])}


def match_outlet(match: dict, outlets: dict[str, str]) -> str:
    """The outlet of a match: of a listed article, or the match's own (an archive article is not listed)."""
    return outlets.get(match["article"]) or match.get("outlet") or match["article"]


def article_of(item_id: str) -> str:
    """The article id in an item id (``ARTICLE:q:HASH``, ``ARTICLE:s:HASH-2``)."""
    return item_id.rsplit(":", 2)[0]


def counts(report: dict) -> Counts:
    items = list(items_of(report))
    reviews = report.get("reviews") or {}
    return Counts(
        quotes=len(report.get("quotes", [])), sentences=len(report.get("sentences", [])),
        with_verdict=sum(1 for i in items if i.get("review")),
        stale=sum(1 for i in items if (i.get("review") or {}).get("stale")),
        orphaned=len(reviews.get("orphaned", [])),
        awaiting=len(awaiting(report)),
    )


def _pairs(items: Iterable[dict], index: dict[str, dict], order: dict[str, int]) -> Iterator[tuple[dict, dict, dict]]:
    """(this, other, this's match) once per matched pair, this being the earlier item in the report."""
    for item in items:
        for m in item.get("matches", []):
            other = index.get(m["id"])
            if other is not None and order[item["id"]] < order[other["id"]]:
                yield item, other, m


def check_first(report: dict) -> CheckFirst:
    """Speaker conflicts, substantive changes, reworded quotes (each pair once, under its first heading), then single-source quotes."""
    items = list(items_of(report))
    index = {i["id"]: i for i in items}
    order = {i["id"]: n for n, i in enumerate(items)}
    groups: dict[tuple[str, str], Group] = {}
    listed: set[str] = set()
    for this, other, m in _pairs(items, index, order):
        if "speaker-conflict" in m.get("flags", []):
            reason = "speaker-conflict"
        elif m.get("changed"):
            reason = "substantive"
        elif (m["relation"] == "variant" and "speaker" in this and not m.get("same_origin")
              and "variant" in (this["status"], other["status"])):
            reason = "variant"
        else:
            continue
        key = (reason, this.get("cluster") or other.get("cluster") or this["id"])
        groups.setdefault(key, Group(reason, [])).pairs.append(Pairing(reason, this, other, m))
        listed.update((this["id"], other["id"]))
    out = CheckFirst()
    by_reason = {"speaker-conflict": out.conflicts, "substantive": out.changes, "variant": out.variants}
    for (reason, _), group in groups.items():
        by_reason[reason].append(group)
    single = [q for q in report.get("quotes", []) if q["status"] == "single-source" and q["id"] not in listed]
    out.single, out.reprints = fold_reprints(single)
    return out


def fold_reprints(items: list[dict]) -> tuple[list[dict], dict[str, list[dict]]]:
    """The first of each set of same-origin prints of one quote, and the rest under its id.

    A wire story and its reprints all carry the quote; it is still one source's
    quote and one check for the editor, so it is listed once with every id.
    """
    first: dict[str, dict] = {}
    listed, reprints = [], {}
    for item in items:
        lead = first.get(item.get("cluster") or "")
        same_origin = lead is not None and any(
            m["id"] == lead["id"] and m.get("same_origin") for m in item.get("matches", []))
        if same_origin:
            reprints.setdefault(lead["id"], []).append(item)
            continue
        listed.append(item)
        if item.get("cluster"):
            first.setdefault(item["cluster"], item)
    return listed, reprints


def clusters(report: dict) -> list[ClusterView]:
    """Each cluster once, members in report order, with the root's match entry for each member."""
    index = {i["id"]: i for i in items_of(report)}
    copy_of = {a["id"]: a["copy_of"] for a in report.get("articles", []) if a.get("copy_of")}
    out = []
    for cl in report.get("clusters", []):
        root = index.get(cl["root"])
        if root is None:
            continue
        to_root = {m["id"]: m for m in root.get("matches", [])}
        view = ClusterView(cl["id"], cl["kind"], root, [(root, None)], cl.get("outlets", []),
                           cl.get("independent_origins", 0))
        for mid in cl["members"]:
            if mid == root["id"]:
                continue
            if mid in index:
                view.members.append((index[mid], to_root.get(mid)))
            elif article_of(mid) in copy_of:
                view.copies.append(article_of(mid))
            elif mid in to_root:
                view.elsewhere.append(to_root[mid])
            else:
                view.unlisted += 1
        view.copies = sorted(set(view.copies))
        out.append(view)
    return out


def single_source_sentences(report: dict) -> list[tuple[dict, list[dict]]]:
    """Per article, the sentences no other article prints.

    Sentences that are mostly a quote are left to their quotes, and those a
    same-origin article prints (single-source, yet in a cluster) to their cluster.
    """
    by_article: dict[str, list[dict]] = {}
    for s in report.get("sentences", []):
        if s["status"] == "single-source" and not s.get("quoted") and not s.get("cluster"):
            by_article.setdefault(s["article"], []).append(s)
    return [(a, by_article[a["id"]]) for a in report.get("articles", []) if a["id"] in by_article]


def opening(text: str, words: int = 6) -> str:
    """The first few words of a sentence, enough to find it in the article."""
    parts = text.split()
    return " ".join(parts) if len(parts) <= words else " ".join(parts[:words]) + " …"


def said_phrase(mention: str | None, cue: str | None) -> str:
    """How the article attributed a quotation, in reading order ("Blinken stressed", "according to the ministry"),
    so an editor can find the words on the page; '' when it names no one."""
    if not mention:
        return ""
    if cue and cue.lower().startswith(SOURCE_PHRASES):
        return f"{cue} {mention}"
    return " ".join(p for p in (mention, cue) if p)


def attribution(item: dict) -> str:
    """'Park Jin (He added)', 'speaker unknown', or '' for a sentence."""
    if "speaker" not in item:
        return ""
    who = item.get("speaker") or "speaker unknown"
    said = said_phrase(item.get("speaker_mention"), item.get("cue"))
    return f"{who} ({said})" if said and said != who else who
