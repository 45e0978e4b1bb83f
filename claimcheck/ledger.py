"""The review ledger: editors' verdicts by claim id, in ``claims/<story>/review.yaml``.

The ledger is append-only: ``record`` adds an entry at the end of the file
(the last entry for an id is the one in force, earlier ones stay as
history), so comments and hand edits are never rewritten or lost. ``check``
only reads it and merges verdicts into the report: a verdict whose claim
changed wording is ``stale`` (old and new text shown), one whose claim is
gone is ``orphaned`` and still listed.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz

from .model import InputError, Problem
from .normalize import words
from .locking import folder_lock
from .report import replace_files

SCHEMA = "claimcheck.review/1"
VERDICTS = ("confirmed", "disputed", "needs-follow-up")
HEADER = f"""# claimcheck review ledger: editors' verdicts by claim id.
# Hand edits are welcome. The last entry for an id is the one in force;
# earlier entries are kept as history. `claimcheck check` never writes this file.
schema: {SCHEMA}
decisions:
"""
STALE_MIN_SIMILARITY = 60.0  # a changed claim is recognised when this similar to the reviewed text


@dataclass
class Decision:
    id: str
    verdict: str
    note: str | None = None
    reviewer: str | None = None
    date: str | None = None
    text: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        out = {"verdict": self.verdict, "note": self.note, "reviewer": self.reviewer, "date": self.date}
        return {k: v for k, v in out.items() if v is not None}


@dataclass
class Ledger:
    path: Path
    decisions: list[Decision] = field(default_factory=list)

    def current(self) -> dict[str, Decision]:
        """The decision in force for each id: the last one written."""
        out: dict[str, Decision] = {}
        for d in self.decisions:
            out[d.id] = d
        return out


def load_ledger(path: Path) -> Ledger:
    """Read and validate a ledger; a missing file is an empty ledger, a malformed one an error."""
    path = Path(path)
    if not path.exists():
        return Ledger(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise InputError(Problem(str(path), "review ledger is not UTF-8 text")) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise InputError(Problem(str(path), f"malformed review ledger{where}: {getattr(err, 'problem', err)}")) from None
    if data is None:
        return Ledger(path)
    if not isinstance(data, dict):
        raise InputError(Problem(str(path), "malformed review ledger: expected 'schema' and 'decisions' keys"))
    entries = data.get("decisions") or []
    if not isinstance(entries, list):
        raise InputError(Problem(str(path), "malformed review ledger: 'decisions' must be a list of entries"))
    ledger = Ledger(path)
    for n, e in enumerate(entries, 1):
        if not isinstance(e, dict) or not e.get("id"):
            raise InputError(Problem(str(path), f"malformed review ledger: decision {n} has no 'id'"))
        verdict = str(e.get("verdict", "")).strip()
        if verdict not in VERDICTS:
            raise InputError(Problem(str(path), f"decision {n} ({e['id']}): verdict must be one of "
                                     f"{', '.join(VERDICTS)}, not {verdict!r}"))
        known = {"id", "verdict", "note", "reviewer", "date", "text"}
        ledger.decisions.append(Decision(
            id=str(e["id"]), verdict=verdict, note=_s(e.get("note")), reviewer=_s(e.get("reviewer")),
            date=_s(e.get("date")), text=_s(e.get("text")), extra={k: v for k, v in e.items() if k not in known}))
    return ledger


def _s(v: Any) -> str | None:
    if v is None:
        return None
    return v.isoformat() if hasattr(v, "isoformat") else str(v)


def record(path: Path, claim_id: str, verdict: str, text: str, note: str | None = None,
           reviewer: str | None = None, date: str | None = None) -> Decision:
    """Append a verdict to the ledger, atomically; everything already in the file is kept byte for byte."""
    if verdict not in VERDICTS:
        raise InputError(Problem(str(path), f"verdict must be one of {', '.join(VERDICTS)}, not {verdict!r}"))
    path = Path(path)
    decision = Decision(claim_id, verdict, note, reviewer, date or _dt.date.today().isoformat(), text)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with folder_lock(path.parent):  # read, append and rename as one step: a concurrent verdict is never lost
            _append(path, claim_id, decision, text)
    except OSError as err:
        raise InputError(Problem(str(path), f"cannot update the review ledger: {err.strerror or err}; "
                                 "it is unchanged")) from None
    return decision


def _append(path: Path, claim_id: str, decision: Decision, text: str) -> None:
    """The append itself; the caller holds the folder lock."""
    load_ledger(path)  # refuse to append to a malformed ledger
    existing = path.read_text(encoding="utf-8") if path.exists() else ""
    if not existing.strip():
        existing = HEADER
    entry = yaml.safe_dump([{"id": claim_id, **decision.as_dict(), "text": text}], sort_keys=False,
                           allow_unicode=True, default_flow_style=False, width=100)
    new = existing if existing.endswith("\n") else existing + "\n"
    new += entry
    # The append must land inside 'decisions'; if a hand edit moved another key after it, say so.
    try:
        check = yaml.safe_load(new)
        ok = isinstance(check, dict) and isinstance(check.get("decisions"), list) and \
            check["decisions"] and check["decisions"][-1].get("id") == claim_id
    except yaml.YAMLError:
        ok = False
    if not ok:
        raise InputError(Problem(str(path), "cannot append a verdict: 'decisions:' must be the last key of the ledger"))
    replace_files([(path, new)])


def merge(report: dict, ledger: Ledger) -> dict:
    """Put verdicts into the report's items; mark stale and orphaned ones. Nothing is dropped."""
    current = ledger.current()
    if not current:  # nothing to merge: the items (perhaps made row by row while written) are left as they are
        report["reviews"] = {"decided": 0, "stale": [], "orphaned": []}
        return report
    items = {r["id"]: r for r in report.get("quotes", []) + report.get("sentences", [])}
    stale, orphaned, decided = [], [], 0
    unmatched = []
    for cid, d in current.items():
        item = items.get(cid)
        if item is not None:
            item["review"] = d.as_dict()
            decided += 1
        else:
            unmatched.append(d)
    for d in unmatched:
        item = _changed_claim(d, items, current)
        if item is not None:
            item["review"] = {**d.as_dict(), "stale": True, "reviewed_id": d.id, "reviewed_text": d.text}
            stale.append({"id": d.id, "now": item["id"], "old_text": d.text, "new_text": item["text"]})
        else:
            orphaned.append({"id": d.id, **d.as_dict(), "text": d.text})
    report["reviews"] = {"decided": decided, "stale": stale, "orphaned": orphaned}
    return report


def _changed_claim(d: Decision, items: dict[str, dict], current: dict[str, Decision]) -> dict | None:
    """The claim a vanished id most likely became: same article and kind, similar words, not decided itself."""
    if not d.text or d.id.count(":") < 2:
        return None
    article, kind = d.id.split(":")[:2]
    old = words(d.text).norm
    best, best_score = None, STALE_MIN_SIMILARITY
    for cid, item in items.items():
        if cid in current or item.get("article") != article or cid.split(":")[1] != kind or "review" in item:
            continue
        score = fuzz.ratio(old, words(item["text"]).norm)
        if score >= best_score:
            best, best_score = item, score
    return best


ATTENTION = ("speaker-conflict", "variant", "single-source")


def needs(item: dict) -> list[str]:
    """The reasons an item needs an editor: its status and any speaker conflict."""
    out = []
    if any("speaker-conflict" in m.get("flags", []) for m in item.get("matches", [])):
        out.append("speaker-conflict")
    if item.get("status") in ("variant", "single-source"):
        out.append(item["status"])
    return out


def speaker_conflicts(item: dict) -> list[dict]:
    """The other items that give a quote's words to a different speaker: their id, article and speaker."""
    return [{"id": m["id"], "article": m["article"],
             "speaker": (m.get("speaker_conflict") or {}).get("other", m.get("speaker"))}
            for m in item.get("matches", []) if "speaker-conflict" in m.get("flags", [])]


def has_verdict(item: dict) -> bool:
    """A verdict in force: recorded and not stale."""
    review = item.get("review")
    return bool(review) and not review.get("stale")


def awaiting(report: dict, kinds: tuple[str, ...] = ATTENTION, include_sentences: bool = True) -> list[dict]:
    """Items with no verdict in force (a stale verdict is no verdict), most urgent first."""
    pool = list(report.get("quotes", [])) + (list(report.get("sentences", [])) if include_sentences else [])
    out = []
    for n, item in enumerate(pool):
        if has_verdict(item):
            continue
        reasons = [r for r in needs(item) if r in kinds]
        if reasons:
            out.append((min(ATTENTION.index(r) for r in reasons), n, item, reasons))
    out.sort(key=lambda t: (t[0], t[1]))
    return [_queued(item, reasons) for _, _, item, reasons in out]


def _queued(item: dict, reasons: list[str]) -> dict:
    """A queue entry: the item, why it needs a verdict and, for a conflict, who else it is given to."""
    entry = {**item, "needs": reasons}
    if "speaker-conflict" in reasons:
        entry["speaker_conflicts"] = speaker_conflicts(item)
    return entry
