"""The Markdown report: for people, readable rendered on a code host and raw in a pager."""
from __future__ import annotations

import re
from typing import Any

STATUS_WORD = {"corroborated": "corroborated", "variant": "variant wording", "single-source": "single source"}
_MD_SPECIAL = re.compile(r"([\\`*_~|<>\[\]])")


def esc(text: Any) -> str:
    return _MD_SPECIAL.sub(r"\\\1", str(text)) if text is not None else ""


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


def flag_words(item: dict, match: dict) -> list[str]:
    """Flags in plain words an editor understands at a glance."""
    out = []
    for ch in match.get("changed", []):
        out.append(f"{ch['what']} changed: {ch['from'] or '(nothing)'} → {ch['to'] or '(nothing)'}")
    if "speaker-conflict" in match.get("flags", []):
        out.append(f"attributed to a different speaker: {item.get('speaker')} vs {match.get('speaker')}")
    if match.get("same_origin"):
        out.append(match["same_origin"] + " (not independent)")
    if match.get("fragment"):
        out.append("short fragment: corroborates only these few words")
    return out


RELATION_WORD = {"identical": "same words", "excerpt": "prints more of it", "extended": "prints only part of it",
                 "variant": "reworded"}


def _item_block(n: int, item: dict, outlet_of: dict[str, str], kind: str) -> list[str]:
    head = f"{n}. **{STATUS_WORD[item['status']]}**"
    if kind == "quote":
        who = item.get("speaker") or "speaker unknown"
        cue = f" ({esc(item['speaker_mention'])} {esc(item['cue'] or '')})".rstrip() if item.get("speaker_mention") else ""
        head += f" · {esc(who)}{cue.rstrip()}"
        if item.get("partial"):
            head += " · partial quote"
    review = item.get("review")
    if review:
        head += f" · verdict: **{review['verdict']}**" + (" (stale: wording changed since review)" if review.get("stale") else "")
    if item.get("occurrences"):
        head += f" · printed {item['occurrences']} times in this article"
    lines = [head, "", f"   > {esc(item['text'])}", ""]
    for m in item.get("matches", []):
        outlet = outlet_of.get(m["article"]) or m.get("outlet") or m["article"]  # an archive article: its own outlet
        lines.append(f"   - {esc(outlet)}: {RELATION_WORD[m['relation']]}, score {m['score']}: “{esc(m['text'])}”")
        if m.get("diff") and m["relation"] == "variant":
            lines.append(f"     - diff: {inline_diff(m['diff'])}")
        for w in flag_words(item, m):
            lines.append(f"     - {esc(w)}")
    if item.get("more_matches"):
        lines.append(f"   - and {item['more_matches']:,} more matches, every one in cluster `{item['cluster']}`")
    if item.get("matches"):
        lines.append("")
    if review and review.get("note"):
        lines.extend([f"   Note ({esc(review.get('reviewer') or 'editor')}, {review.get('date')}): {esc(review['note'])}", ""])
    return lines


def to_markdown(report: dict) -> str:
    arts = report["articles"]
    outlet_of = {a["id"]: a.get("outlet") or a["id"] for a in arts}
    by_article: dict[tuple[str, str], list[dict]] = {}  # (section, article) -> items, in report order
    for section in ("quotes", "sentences"):
        for i in report[section]:
            by_article.setdefault((section, i["article"]), []).append(i)
    s = report["summary"]
    out = [f"# claimcheck report: {esc(report['story'])}", ""]
    q, se = s["quotes"], s["sentences"]
    out.append(f"{len(arts)} articles · quotes: {q['corroborated']} corroborated, {q['variant']} variant wording, "
               f"{q['single-source']} single source · sentences: {se['corroborated']} corroborated, "
               f"{se['variant']} variant wording, {se['single-source']} single source")
    out.append("")
    for note in report.get("notes", []):
        out.extend([f"> {esc(note)}", ""])
    for p in report.get("problems", []):
        out.extend([f"> Problem: {esc(p)}", ""])
    out.append("| article | outlet | origin | quotes (corr. / var. / single) | sentences (corr. / var. / single) |")
    out.append("| --- | --- | --- | --- | --- |")
    for a in arts:
        if a.get("copy_of"):
            out.append(f"| `{a['id']}` | {esc(a.get('outlet') or '—')} | {esc(a.get('origin') or '—')} | "
                       f"copy of `{a['copy_of']}` | copy of `{a['copy_of']}` |")
            continue
        counts = []
        for section in ("quotes", "sentences"):
            items = by_article.get((section, a["id"]), [])
            counts.append(" / ".join(str(sum(1 for i in items if i["status"] == st))
                                     for st in ("corroborated", "variant", "single-source")))
        out.append(f"| `{a['id']}` | {esc(a.get('outlet') or '—')} | {esc(a.get('origin') or '—')} | {counts[0]} | {counts[1]} |")
    out.append("")
    if report.get("same_origin"):
        out.append("Not independent of each other:")
        out.append("")
        for so in report["same_origin"]:
            names = [f"`{a}`" for a in so["articles"]]
            out.append(f"- {', '.join(names[:-1])} and {names[-1]}: {esc(so['reason'])}")
        out.append("")
    for a in arts:
        if a.get("copy_of"):  # its quotes and sentences are those of the copy it names
            continue
        title = a.get("title") or a["id"]
        out.extend([f"## {esc(outlet_of[a['id']])}: {esc(title)}", ""])
        meta = [f"id `{a['id']}`", f"origin {esc(a.get('origin') or 'unknown')}"]
        if a.get("byline"):
            meta.append(f"by {esc(a['byline'])}")
        if a.get("date"):
            meta.append(esc(a["date"]))
        out.extend([" · ".join(meta), ""])
        quotes = by_article.get(("quotes", a["id"]), [])
        out.extend([f"### Quotes ({len(quotes)})", ""])
        for n, item in enumerate(quotes, 1):
            out.extend(_item_block(n, item, outlet_of, "quote"))
        matched = [i for i in by_article.get(("sentences", a["id"]), []) if i.get("matches")]
        if matched:
            out.extend([f"### Sentences found elsewhere ({len(matched)})", ""])
            for n, item in enumerate(matched, 1):
                out.extend(_item_block(n, item, outlet_of, "sentence"))
    single = [i for i in report["quotes"] + report["sentences"] if i["status"] == "single-source" and not i.get("quoted")]
    out.extend(["## Single-source items for follow-up", ""])
    if not single:
        out.extend(["None.", ""])
    for item in single:
        who = f" {esc(item.get('speaker') or 'speaker unknown')}:" if "speaker" in item else ""
        kind = "quote" if "speaker" in item else "sentence"
        out.append(f"- `{item['article']}` {kind}{who} {esc(item['text'])}")
    out.append("")
    reviews = report.get("reviews")
    if reviews and (reviews.get("stale") or reviews.get("orphaned")):
        out.extend(["## Review ledger", ""])
        for st in reviews.get("stale", []):
            out.append(f"- stale verdict on `{st['id']}`: was “{esc(st['old_text'])}”, now “{esc(st['new_text'])}”")
        for orph in reviews.get("orphaned", []):
            out.append(f"- orphaned verdict `{orph['id']}` ({orph['verdict']}): claim no longer found: “{esc(orph.get('text'))}”")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
