"""The Markdown report: triage first, each cluster once, single-source sentences in brief.

Written for an editor with ten minutes: **Check first** (speaker conflicts,
substantive changes, reworded quotes, single-source quotes, each with the
id `claimcheck review --set` takes), then each claim found in more than one
article, once (with the exact copies and archive articles that print it
too), then the single-source sentences by article, as their first words. A
line a page repeats says how many times it is printed. It is CommonMark: every section is one list, every quotation sits
inside its list item (continuation lines are indented to the item's own
marker width, so item 10 and later stay in the list), and text from the
articles is escaped so it can never turn into a heading, list or link.
"""
from __future__ import annotations

import re
from typing import Any

from . import triage
from .triage import RELATION_LABEL, STATUS_LABEL

_MD_SPECIAL = re.compile(r"([\\`*_~|<>\[\]#]|&(?=#?\w+;))")
_BLOCK_START = re.compile(r"^([-+=]|\d{1,9}[.)])")


def esc(text: Any) -> str:
    """Inline text on one line, escaped so that nothing in it reads as Markdown (or as an HTML entity)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split())) if text is not None else ""


def esc_block(text: Any) -> str:
    """Text that starts a line (a quotation): a leading '-', '+', '=' or '1.' must not start a list either."""
    out = esc(text)
    m = _BLOCK_START.match(out)
    return out[:m.end() - 1] + "\\" + out[m.end() - 1:] if m else out


def inline_diff(diff: list[dict]) -> str:
    """~~removed~~ **added**, as one line."""
    parts = []
    for op in diff:
        if op["op"] == "insert":
            parts.append(f"**+{esc(op['to'])}**")
        elif op["op"] == "delete":
            parts.append(f"~~{esc(op['from'])}~~")
        else:
            parts.append(f"~~{esc(op['from'])}~~ **{esc(op['to'])}**")
    return ", ".join(parts)


def relation_words(match: dict) -> str:
    """'reworded, 88.9' / 'prints more of it', and that two texts are overlapping excerpts when they are: their
    diff covers only the stretch both print, not the words each runs on past the other."""
    how = RELATION_LABEL[match["relation"]] + (f", {match['score']}" if match["relation"] == "variant" else "")
    return how + overlap_note(match)


def overlap_note(match: dict) -> str:
    return " (overlapping excerpts: the diff covers only what both print)" if match.get("overlap") else ""


def verdict_words(item: dict) -> str:
    """' · verdict: **confirmed** (ana)', with stale verdicts said so; '' without a verdict."""
    review = item.get("review")
    if not review:
        return ""
    who = f" ({esc(review['reviewer'])})" if review.get("reviewer") else ""
    stale = " (stale: wording changed since review)" if review.get("stale") else ""
    return f" · verdict: **{review['verdict']}**{who}{stale}"


def repeated_words(item: dict) -> str:
    """' · printed 300 times in this article' for a line a page repeats (one item stands for them all)."""
    return f" · printed {item['occurrences']:,} times in this article" if item.get("occurrences") else ""


def names(ids: list[str], shown: int = 10) -> str:
    """'`a`, `b` and `c`', the first ``shown`` of a long list, then how many more."""
    out = [f"`{i}`" for i in ids[:shown]]
    if len(ids) > shown:
        out.append(f"{len(ids) - shown:,} more")
    return ", ".join(out[:-1]) + " and " + out[-1] if len(out) > 1 else "".join(out)


def change_words(match: dict) -> str:
    """'number changed: $1 → $5': old and new, as the two outlets print them."""
    return "; ".join(f"{ch['what']} changed: {esc(ch['from'] or '(nothing)')} → {esc(ch['to'] or '(nothing)')}"
                     for ch in match.get("changed", []))


class _List:
    """One CommonMark list whose continuation lines are indented to each item's own marker width."""

    def __init__(self, numbered: bool = True):
        self.numbered = numbered
        self.lines: list[str] = []
        self.n = 0

    def item(self, head: str, quote: str | None = None, subs: list[str] = ()) -> None:
        self.n += 1
        marker = f"{self.n}. " if self.numbered else "- "
        pad = " " * len(marker)
        self.lines.append(marker + head)
        if quote is not None:
            self.lines.extend(["", f"{pad}> {esc_block(quote)}"])
        if subs:
            if quote is not None:
                self.lines.append("")
            self.lines.extend(f"{pad}- {s}" for s in subs)
        if quote is not None or subs:
            self.lines.append("")

    def render(self, empty: str = "None.") -> list[str]:
        if not self.lines:
            return [empty, ""]
        return self.lines + ([""] if self.lines[-1] else [])


def _where(item: dict, outlets: dict[str, str]) -> str:
    """'Coast Times `coast-times:q:59c21b`': the outlet and the id `claimcheck review --set` takes."""
    return f"{esc(outlets[item['article']])} `{item['id']}`"


def _pairs_entry(group: triage.Group, outlets: dict[str, str]) -> tuple[str, list[str]]:
    """The head line of a Check-first entry and one sub-line per pair: who, where, and what differs."""
    first = group.first
    subs = []
    for p in group.pairs:
        this_at, other_at = _where(p.this, outlets), _where(p.other, outlets)
        if group.reason == "speaker-conflict":
            line = f"**{esc(p.this.get('speaker'))}** in {this_at}, **{esc(p.other.get('speaker'))}** in {other_at}"
        elif group.reason == "substantive":
            line = f"{change_words(p.match)}: {this_at} → {other_at}"
        else:
            line = f"{this_at} → {other_at}, score {p.match['score']}"
            line += overlap_note(p.match)
        if p.match["relation"] == "variant" and p.match.get("diff"):
            line += f": {inline_diff(p.match['diff'])}"
        elif p.match["relation"] != "identical":
            line += f": {RELATION_LABEL[p.match['relation']]}"
        if p.match.get("same_origin"):
            line += f" ({esc(p.match['same_origin'])}, not independent)"
        subs.append(line)
    seen = set()
    for p in group.pairs:
        for item in (p.this, p.other):
            if item.get("review") and item["id"] not in seen:
                seen.add(item["id"])
                subs.append(f"`{item['id']}`{verdict_words(item)}")
    if group.reason == "speaker-conflict":
        names = sorted({p.this.get("speaker") or "" for p in group.pairs} | {p.other.get("speaker") or "" for p in group.pairs})
        head = "given to " + " and ".join(f"**{esc(n)}**" for n in names if n)
    elif group.reason == "substantive":
        head = "; ".join(sorted({ch["what"] + " changed" for p in group.pairs for ch in p.match.get("changed", [])}))
        head += f" · {esc(triage.attribution(first.this))}" if "speaker" in first.this else ""
    else:
        head = f"reworded · {esc(triage.attribution(first.this))}"
    return head, subs


def _check_first(report: dict, outlets: dict[str, str]) -> list[str]:
    cf = triage.check_first(report)
    out = ["## Check first", ""]
    for reason, entries in cf.sections():
        lst = _List()
        for e in entries:
            if reason == "single-source":
                also = "".join(f"; also {_where(r, outlets)}{verdict_words(r)}" for r in cf.reprints.get(e["id"], []))
                lst.item(f"{esc(triage.attribution(e))} · {_where(e, outlets)}"
                         f"{' · partial quote' if e.get('partial') else ''}{repeated_words(e)}{verdict_words(e)}"
                         f"{' (same origin)' if also else ''}{also}",
                         e["text"])
                continue
            head, subs = _pairs_entry(e, outlets)
            lst.item(head, e.first.this["text"], subs)
        out.extend([f"### {triage.CHECK_FIRST_TITLE[reason]} ({len(entries)})", ""])
        out.extend(lst.render())
    return out


def _member_line(item: dict, match: dict | None, root: dict, outlets: dict[str, str]) -> str:
    line = _where(item, outlets)
    if match is None:  # the root, or a member the root's listed matches do not name
        how = "the text above" if item is root else "matches the text above"
    else:
        how = relation_words(match)
        if match["relation"] == "variant" and match.get("diff"):
            how += f": {inline_diff(match['diff'])}"
        elif match["relation"] == "extended":
            how += f": “{esc(item['text'])}”"
        if match.get("same_origin"):
            how += f" ({esc(match['same_origin'])}, not independent)"
    line += f": {how}"
    if "speaker" in item and item.get("speaker") != root.get("speaker"):
        line += f" · given to **{esc(item.get('speaker') or 'speaker unknown')}**"
    elif "speaker" in item and item.get("speaker_mention"):
        line += f" · {esc(triage.said_phrase(item['speaker_mention'], item.get('cue')))}"
    return line + repeated_words(item) + verdict_words(item)


def _beyond_lines(v: triage.ClusterView, outlets: dict[str, str], archive: bool) -> list[str]:
    """Where else the cluster's text is printed: exact copies of the articles above, and archive articles."""
    out = []
    if v.copies:
        out.append(f"also printed by {len(v.copies):,} exact cop{'ies' if len(v.copies) > 1 else 'y'} of the articles "
                   f"above: {names(v.copies)}")
    where = "in the archive" if archive else "in no listed article"
    for m in v.elsewhere:
        how = relation_words(m)
        date = f", {esc(m['date'])}" if m.get("date") else ""
        line = f"{esc(triage.match_outlet(m, outlets))} `{m['id']}` ({where}{date}): {how}"
        if m["relation"] == "variant" and m.get("diff"):
            line += f": {inline_diff(m['diff'])}"
        out.append(line)
    if v.unlisted:
        out.append(f"and {v.unlisted:,} more {where}, every one in cluster `{v.id}` (report.json names them)")
    return out


def _clusters(report: dict, outlets: dict[str, str]) -> list[str]:
    views = triage.clusters(report)
    out = ["## Found in more than one article", ""]
    for kind, title in (("quote", "Quotes"), ("sentence", "Sentences")):
        mine = [v for v in views if v.kind == kind]
        lst = _List()
        for v in mine:
            who = f" · {esc(v.root.get('speaker') or 'speaker unknown')}" if kind == "quote" else ""
            origins = f"{v.independent_origins} independent origin{'s' if v.independent_origins != 1 else ''}"
            lst.item(f"**{STATUS_LABEL[v.root['status']]}**{who} · {len(v.outlets)} outlets, {origins}",
                     v.root["text"], [_member_line(item, m, v.root, outlets) for item, m in v.members]
                     + _beyond_lines(v, outlets, bool(report.get("archive"))))
        out.extend([f"### {title} ({len(mine)})", ""])
        out.extend(lst.render())
    return out


def _single_sentences(report: dict, outlets: dict[str, str]) -> list[str]:
    per_article = triage.single_source_sentences(report)
    total = sum(len(s) for _, s in per_article)
    out = [f"## Single-source sentences ({total})", ""]
    if not per_article:
        return out + ["None.", ""]
    out.extend(["No other article prints these. Each is shown by its first words and its id; "
                "report.html shows them in place. Sentences that are mostly a quote are listed with their quotes.", ""])
    for article, sentences in per_article:
        out.extend([f"### {esc(outlets[article['id']])} ({len(sentences)})", ""])
        lst = _List(numbered=False)
        for s in sentences:
            lst.item(f"`{s['id']}` {esc(triage.opening(s['text']))}{repeated_words(s)}{verdict_words(s)}")
        out.extend(lst.render())
    return out


def _header(report: dict, outlets: dict[str, str]) -> list[str]:
    arts = report["articles"]
    c = triage.counts(report)
    s = report["summary"]
    out = [f"# claimcheck report: {esc(report['story'])}", ""]
    verdicts = f"{c.with_verdict} with a verdict ({c.stale} stale)"
    out.append(f"{len(arts)} articles · {c.items} items ({c.quotes} quotes, {c.sentences} sentences) · "
               f"{verdicts} · {c.awaiting} awaiting a verdict" + (f" · {c.orphaned} orphaned" if c.orphaned else ""))
    out.append("")
    for kind in ("quotes", "sentences"):
        out.extend([f"{kind.capitalize()}: " + ", ".join(f"{s[kind][st]} {STATUS_LABEL[st]}" for st in STATUS_LABEL), ""])
    for note in report.get("notes", []):
        out.extend([f"Note: {esc(note)}", ""])
    for p in report.get("problems", []):
        out.extend([f"Problem: {esc(p)}", ""])
    for n in report.get("not_analysed", []):
        out.extend([f"Not analysed: {esc(n['path'])}: {esc(n['reason'])} ({esc(n['script'])})", ""])
    if report.get("archive"):
        ar = report["archive"]
        out.extend([f"Checked against the archive {esc(ar['path'])} ({ar['articles']:,} articles): "
                    f"{ar['matched_articles']:,} of them print something these articles print.", ""])
    out.append("| article | outlet | origin | quotes (corr. / var. / single) | sentences (corr. / var. / single) |")
    out.append("| --- | --- | --- | --- | --- |")
    per: dict[tuple[str, str, str], int] = {}
    for kind in ("quotes", "sentences"):
        for i in report[kind]:
            key = (kind, i["article"], i["status"])
            per[key] = per.get(key, 0) + 1
    for a in arts:
        if a.get("copy_of"):  # its quotes and sentences are reported under the copy it names
            cells = [f"copy of `{a['copy_of']}`"] * 2
        else:
            cells = [" / ".join(str(per.get((kind, a["id"], st), 0)) for st in STATUS_LABEL)
                     for kind in ("quotes", "sentences")]
        out.append(f"| `{a['id']}` | {esc(a.get('outlet') or '—')} | {esc(a.get('origin') or '—')} | {cells[0]} | {cells[1]} |")
    out.append("")
    if report.get("same_origin"):
        out.extend(["Not independent of each other:", ""])
        lst = _List(numbered=False)
        for so in report["same_origin"]:
            lst.item(f"{names(so['articles'])}: {esc(so['reason'])}")
        out.extend(lst.render())
    return out


def _ledger(report: dict) -> list[str]:
    reviews = report.get("reviews")
    if not reviews or not (reviews.get("stale") or reviews.get("orphaned")):
        return []
    lst = _List(numbered=False)
    for st in reviews.get("stale", []):
        lst.item(f"stale verdict on `{st['id']}`, now `{st['now']}`: was “{esc(st['old_text'])}”, "
                 f"now “{esc(st['new_text'])}”")
    for orph in reviews.get("orphaned", []):
        lst.item(f"orphaned verdict `{orph['id']}` ({orph['verdict']}): claim no longer found: “{esc(orph.get('text'))}”")
    return ["## Review ledger", ""] + lst.render()


def to_markdown(report: dict) -> str:
    outlets = triage.outlet_names(report)
    out = _header(report, outlets)
    out += _check_first(report, outlets)
    out += _clusters(report, outlets)
    out += _single_sentences(report, outlets)
    out += _ledger(report)
    return "\n".join(out).rstrip() + "\n"
