"""The report, schema ``claimcheck.report/1``: built as plain data, written as YAML, JSON and Markdown.

Order is deterministic (articles in load order, items by position), ids are
hashes of normalised text and nothing time-dependent is written, so the same
input gives the same bytes and reports diff cleanly in git.
"""
from __future__ import annotations

import json
import os
import tempfile
from glob import escape as glob_escape
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

import yaml

from .classify import status
from .load import source_file
from .locking import folder_lock
from .paths import shown
from .pipeline import Analysis

SCHEMA = "claimcheck.report/1"
STATUSES = ("corroborated", "variant", "single-source")


def _rel(path: str, base: Path | None) -> str:
    """The article's file relative to the story folder, as the shell shows it (reports are UTF-8)."""
    if base is None:
        return shown(path)
    line = path[len(str(source_file(path))):]  # ":12" for a line of a .jsonl file
    try:
        return shown(Path(os.path.relpath(source_file(path), base)).as_posix() + line)
    except ValueError:
        return shown(path)


def build_report(an: Analysis) -> dict[str, Any]:
    """The report as plain data, in schema order."""
    docs = an.docs
    cluster_of: dict[int, str] = {}
    for cl in an.clusters:
        for m in cl.members:
            cluster_of[m] = cl.id
    quotes: list[dict] = []
    sentences: list[dict] = []
    status_of: dict[int, str] = {}
    for uid in range(len(an.items)):
        status_of[uid] = status(an.evidence.get(uid, []))
    for uid, (item, ref) in enumerate(zip(an.items, an.refs)):
        doc = docs[ref.doc]
        matches = [_match(an, e) for e in sorted(an.evidence.get(uid, []), key=lambda e: e.pair.b)]
        if ref.kind == "quote":
            q = doc.quotes[ref.index]
            passage_id = f"{doc.article.id}:p:{q.passage + 1}"
            quotes.append({
                "id": ref.id, "article": doc.article.id, "text": q.text, "speaker": q.speaker,
                "speaker_kind": q.speaker_kind, "speaker_mention": q.speaker_mention, "cue": q.cue, "confidence": q.confidence,
                "partial": q.partial, "passage": passage_id, "part": f"{q.part}/{q.parts}",
                "start": q.start, "end": q.end, "cluster": cluster_of.get(uid),
                "status": status_of[uid], "matches": matches,
            })
        else:
            s = doc.sentences[ref.index]
            sentences.append({
                "id": ref.id, "article": doc.article.id, "text": _fold(s.text), "start": s.start, "end": s.end,
                "cluster": cluster_of.get(uid), "status": status_of[uid], "matches": matches,
            })
    for ref in an.quoted_sentences:
        doc = docs[ref.doc]
        s = doc.sentences[ref.index]
        inner = [status_of[u] for u in ref.quoted_by]
        best = next((st for st in STATUSES if st in inner), "single-source")
        sentences.append({
            "id": ref.id, "article": doc.article.id, "text": _fold(s.text), "start": s.start, "end": s.end,
            "cluster": None, "status": best, "quoted": True,
            "quotes": [an.refs[u].id for u in ref.quoted_by], "matches": [],
        })
    doc_index = {d.article.id: i for i, d in enumerate(docs)}
    sentences.sort(key=lambda r: (doc_index[r["article"]], r["start"]))

    articles = []
    for d, doc in enumerate(docs):
        a = doc.article
        articles.append({
            "id": a.id, "path": _rel(a.path, an.story_dir), "title": a.title, "outlet": a.outlet,
            "origin": a.origin, "origin_source": a.origin_source, "date": a.date, "url": a.url, "byline": a.byline,
            "sentences": len(doc.sentences), "quotes": len(doc.quotes),
        })
    summary = {
        "quotes": {st: sum(1 for q in quotes if q["status"] == st) for st in STATUSES},
        "sentences": {st: sum(1 for s in sentences if s["status"] == st) for st in STATUSES},
    }
    same_origin = [
        {"articles": [docs[i].article.id, docs[j].article.id], "reason": reason}
        for (i, j), reason in sorted(an.independence.reasons.items())
    ]
    clusters = []
    for cl in an.clusters:
        members = [an.refs[m].id for m in cl.members]
        arts = sorted({an.items[m].doc for m in cl.members})
        clusters.append({
            "id": cl.id, "kind": cl.kind, "root": an.refs[cl.root].id, "members": members,
            "outlets": sorted({docs[d].article.outlet or docs[d].article.id for d in arts}),
            "independent_origins": len({an.independence.groups[d] for d in arts}),
        })
    notes = []
    if len(docs) == 1:
        notes.append("Only one article was checked: every quote and sentence is single-source "
                     "because there is no other source to compare against.")
    groups = set(an.independence.groups)
    if len(docs) > 1 and len(groups) == 1:
        notes.append("All articles share one origin (same outlet, wire or copied text): "
                     "matches between them are not independent corroboration.")
    report: dict[str, Any] = {
        "schema": SCHEMA,
        "story": an.story,
        "articles": articles,
        "summary": summary,
    }
    if notes:
        report["notes"] = notes
    if an.problems:
        report["problems"] = [str(p) for p in an.problems]
    if an.not_analysed:  # kept, not refused: listed so that no article goes missing silently
        report["not_analysed"] = [{**n.as_dict(), "path": _rel(n.path, an.story_dir)} for n in an.not_analysed]
    report["same_origin"] = same_origin
    report["settings"] = an.settings.as_dict()
    report["quotes"] = quotes
    report["sentences"] = sentences
    report["clusters"] = clusters
    return report


def _fold(text: str) -> str:
    return " ".join(text.split())


def _match(an: Analysis, e) -> dict:
    other = an.items[e.pair.b]
    ref = an.refs[e.pair.b]
    doc = an.docs[ref.doc]
    text = doc.quotes[ref.index].text if ref.kind == "quote" else _fold(doc.sentences[ref.index].text)
    out: dict[str, Any] = {"id": ref.id, "article": doc.article.id, "text": text}
    if ref.kind == "quote":
        out["speaker"] = other.speaker
    out["score"] = e.pair.score
    out["relation"] = e.pair.relation
    out["diff"] = e.pair.diff
    out["flags"] = e.flags
    if "speaker-conflict" in e.flags:
        out["speaker_conflict"] = {"this": an.items[e.pair.a].speaker, "other": other.speaker}
    if e.changed:
        out["changed"] = e.changed
    if e.same_origin:
        out["same_origin"] = e.same_origin
    if e.pair.aligned:
        out["aligned"] = True
    if ref.kind == "quote" and other.short:
        out["fragment"] = True
    return out


# --- writers ---------------------------------------------------------------------

class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Block style, unicode kept, no Python tags; the C emitter when libyaml is there."""


def to_yaml(report: dict) -> str:
    return yaml.dump(report, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100)


def json_lines(report: dict) -> Iterator[str]:
    """The JSON report, one top-level key per line and each element of a top-level list on a line of its own.

    One line per quote or sentence diffs cleanly in git, and each line is
    encoded by the json module's C encoder (an indented dump runs in pure
    Python: 23 s instead of under 3 s for 10,000 articles).
    """
    encode = json.JSONEncoder(ensure_ascii=False).encode
    keys = list(report)
    yield "{\n"
    for i, key in enumerate(keys):
        value = report[key]
        yield f"  {encode(key)}: "
        if isinstance(value, list) and value:
            yield "[\n"
            for j, element in enumerate(value):
                yield "    " + encode(element) + (",\n" if j < len(value) - 1 else "\n")
            yield "  ]"
        else:
            yield encode(value)
        yield ",\n" if i < len(keys) - 1 else "\n"
    yield "}\n"


def to_json(report: dict) -> str:
    return "".join(json_lines(report))


def atomic_write(path: Path, text: str | Iterable[str]) -> None:
    """Write one file atomically, under the folder's write lock (see ``write_files``)."""
    write_files([(path, text)])


def write_files(files: Sequence[tuple[Path, str | Iterable[str]]]) -> None:
    """Write files into one folder as a set, under the folder's write lock (``locking.folder_lock``).

    Two runs writing the same reports at once take turns: the set that
    lands is one run's, whole, never a mix. On any error (a full disk, a
    read-only folder) the files already there are left as they were and no
    temporary file is left behind; the ``OSError`` is raised for the caller
    to report.
    """
    if not files:
        return
    folder = files[0][0].parent
    folder.mkdir(parents=True, exist_ok=True)
    with folder_lock(folder):
        replace_files(files)


def replace_files(files: Sequence[tuple[Path, str | Iterable[str]]]) -> None:
    """Write every file to a temporary file first, then rename them all into place; hold the folder lock.

    A reader never sees half a file (rename is atomic), and nothing is
    replaced until every new file is complete. ``text`` may be an iterable
    of chunks, so a large report is never held as one string. Temporary
    files left by a writer that was killed are removed first: with the lock
    held, no other writer can own them.
    """
    for path, _ in files:
        for stale in path.parent.glob(f".{glob_escape(path.name)}.*.tmp"):
            stale.unlink(missing_ok=True)
    temps: list[str] = []
    try:
        for path, text in files:
            temps.append(_write_temp(path, text))
        for tmp, (path, _) in zip(temps, files):
            os.replace(tmp, path)
        _fsync_folder(files[0][0].parent)
    finally:
        for tmp in temps:
            if os.path.exists(tmp):
                os.unlink(tmp)


def _write_temp(path: Path, text: str | Iterable[str]) -> str:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with open(fd, "w", encoding="utf-8", newline="\n") as fh:
            if isinstance(text, str):
                fh.write(text)
            else:
                fh.writelines(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_UMASK)  # as open() would have made it; mkstemp makes 0o600
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _umask()  # read once: os.umask can only be read by setting it


def _fsync_folder(folder: Path) -> None:
    """Make the renames durable (a power cut right after a write keeps the new files)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the rename is still atomic
    finally:
        os.close(fd)
