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
import heapq
from itertools import groupby
from typing import Any, Callable, Iterable, Iterator, Sequence

import yaml

from .load import source_file
from .locking import folder_lock
from .paths import shown
from .pipeline import STATUSES, Analysis

SCHEMA = "claimcheck.report/1"


def _rel(path: str, base: Path | None) -> str:
    """The article's file relative to the story folder, as the shell shows it (reports are UTF-8)."""
    if base is None:
        return shown(path)
    line = path[len(str(source_file(path))):]  # ":12" for a line of a .jsonl file
    try:
        return shown(Path(os.path.relpath(source_file(path), base)).as_posix() + line)
    except ValueError:
        return shown(path)


class Rows:
    """A section of the report (quotes, sentences or clusters) made row by row each time it is read.

    A large run's report is written from these, so its rows are never all
    held at once; ``list(rows)`` gives the plain list.
    """

    def __init__(self, make: Callable[[], Iterator[dict]], length: int):
        self.make = make
        self.length = length

    def __iter__(self) -> Iterator[dict]:
        return self.make()

    def __len__(self) -> int:
        return self.length


def build_report(an: Analysis, lazy: bool = False) -> dict[str, Any]:
    """The report as plain data, in schema order.

    An article that is an exact copy of an earlier one (``Analysis.copy_of``)
    is listed with ``copy_of`` and its quotes and sentences are not repeated:
    the earlier copy's rows stand for them, and the clusters name every copy.
    With ``lazy`` the quotes, sentences and clusters are ``Rows``, made
    article by article from the run's store while they are written.
    """
    cluster_of: dict[int, str] = {}
    for cl in an.clusters:
        for m in cl.members:
            cluster_of[m] = cl.id
    n_docs = an.reported
    reported = [uid for uid, it in enumerate(an.items) if it.doc < n_docs and an.copy_of[it.doc] is None]
    quoted = [i for i, doc in enumerate(an.quoted_docs()) if doc < n_docs and an.copy_of[doc] is None]
    counts = {"quotes": dict.fromkeys(STATUSES, 0), "sentences": dict.fromkeys(STATUSES, 0)}
    for n, uid in enumerate(reported, 1):
        counts["quotes" if an.items[uid].kind == "quote" else "sentences"][an.status(uid)] += 1
        if an.progress and (n % 4096 == 0 or n == len(reported)):
            an.progress("classify", n, len(reported))
    for ref in _quoted_refs(an, quoted):
        counts["sentences"][_quoted_status(an, ref)] += 1

    total_rows = len(reported) + len(quoted)

    def counted(rows: Iterator[dict], before: int) -> Iterator[dict]:
        for n, row in enumerate(rows, before + 1):
            if an.progress and (n % 1024 == 0 or n == total_rows):
                an.progress("report", n, total_rows)
            yield row

    def quote_rows() -> Iterator[dict]:
        for uid, ref in zip(reported, an.refs_of(reported)):
            if ref.kind == "quote":
                yield _item_row(an, uid, ref, cluster_of)

    def sentence_rows() -> Iterator[dict]:
        """Sentences in article order, by position: matched ones and those that are mostly quotes, interleaved."""
        narrative = ((ref.doc, uid, ref) for uid, ref in zip(reported, an.refs_of(reported)) if ref.kind == "sentence")
        mostly = ((ref.doc, None, ref) for ref in _quoted_refs(an, quoted))
        for _, rows in groupby(heapq.merge(narrative, mostly, key=lambda r: r[0]), key=lambda r: r[0]):
            out = [_item_row(an, uid, ref, cluster_of) if uid is not None else _quoted_row(an, ref) for _, uid, ref in rows]
            out.sort(key=lambda r: r["start"])
            yield from out

    def cluster_rows() -> Iterator[dict]:
        for cl in an.clusters:
            arts = sorted({an.items[m].doc for m in cl.members})
            yield {
                "id": cl.id, "kind": cl.kind, "root": an.refs[cl.root].id, "members": [r.id for r in an.refs_of(cl.members)],
                "outlets": sorted({an.article(d).outlet or an.article(d).id for d in arts}),
                "independent_origins": len({an.independence.groups[d] for d in arts}),
            }

    articles = []
    for d in range(n_docs):
        a = an.article(d)
        n_sentences, n_quotes = an.store.counts[d]
        row = {
            "id": a.id, "path": _rel(a.path, an.story_dir), "title": a.title, "outlet": a.outlet,
            "origin": a.origin, "origin_source": a.origin_source, "date": a.date, "url": a.url, "byline": a.byline,
            "sentences": n_sentences, "quotes": n_quotes,
        }
        if an.copy_of[d] is not None:
            row["copy_of"] = an.article(an.copy_of[d]).id
        articles.append(row)
    same_origin = [{"articles": [an.article(i).id for i in arts], "reason": reason}
                   for arts, reason in an.members.same_origin()]
    notes = []
    if len(articles) == 1 and not an.archive:
        notes.append("Only one article was checked: every quote and sentence is single-source "
                     "because there is no other source to compare against.")
    groups = set(an.independence.groups)
    if len(articles) > 1 and len(groups) == 1:
        notes.append("All articles share one origin (same outlet, wire or copied text): "
                     "matches between them are not independent corroboration.")
    copies = sum(1 for c in an.copy_of[:n_docs] if c is not None)
    if copies:
        notes.append(f"{copies} article{'s are exact copies' if copies > 1 else ' is an exact copy'} of an earlier one "
                     "(the same sentences and quotes once normalised): listed with copy_of, their quotes and "
                     "sentences are reported once, under the first copy, and the clusters name every copy.")
    report: dict[str, Any] = {
        "schema": SCHEMA,
        "story": an.story,
        "articles": articles,
        "summary": counts,
    }
    if notes:
        report["notes"] = notes
    if an.problems:
        report["problems"] = [str(p) for p in an.problems]
    if an.not_analysed:  # kept, not refused: listed so that no article goes missing silently
        report["not_analysed"] = [{**n.as_dict(), "path": _rel(n.path, an.story_dir)} for n in an.not_analysed]
    report["same_origin"] = same_origin
    report["settings"] = an.settings.as_dict()
    if an.archive:
        report["archive"] = an.archive
    n_quotes = sum(counts["quotes"].values())
    sections = {"quotes": Rows(lambda: counted(quote_rows(), 0), n_quotes),
                "sentences": Rows(lambda: counted(sentence_rows(), n_quotes), sum(counts["sentences"].values())),
                "clusters": Rows(cluster_rows, len(an.clusters))}
    for key, rows in sections.items():
        report[key] = rows if lazy else list(rows)
    return report


def _quoted_refs(an: Analysis, positions: list[int]) -> Iterator:
    wanted = set(positions)
    return (ref for i, ref in enumerate(an.quoted_sentences) if i in wanted)


def _quoted_status(an: Analysis, ref) -> str:
    inner = [an.status(u) for u in ref.quoted_by]
    return next((st for st in STATUSES if st in inner), "single-source")


def _item_row(an: Analysis, uid: int, ref, cluster_of: dict[int, str]) -> dict:
    """The report row of a quote or a sentence that is matched as itself."""
    doc = an.docs[ref.doc]
    listed, total = an.members.listed(uid)
    shown = an.store.shown([e.pair.b for e in listed]) if listed else {}
    matches = [_match(an, e, *shown[e.pair.b]) for e in listed]
    if ref.kind == "quote":
        q = doc.quotes[ref.index]
        row = {
            "id": ref.id, "article": doc.article.id, "text": q.text, "speaker": q.speaker,
            "speaker_kind": q.speaker_kind, "speaker_mention": q.speaker_mention, "cue": q.cue, "confidence": q.confidence,
            "partial": q.partial, "passage": f"{doc.article.id}:p:{q.passage + 1}", "part": f"{q.part}/{q.parts}",
            "start": q.start, "end": q.end,
        }
    else:
        s = doc.sentences[ref.index]
        row = {"id": ref.id, "article": doc.article.id, "text": _fold(s.text), "start": s.start, "end": s.end}
    _repeated(row, ref)
    row.update({"cluster": cluster_of.get(uid), "status": an.status(uid), "matches": matches})
    if total > len(matches):
        row["more_matches"] = total - len(matches)
    return row


def _quoted_row(an: Analysis, ref) -> dict:
    """The row of a sentence that is mostly a quote: it takes the best status of its quotes."""
    doc = an.docs[ref.doc]
    s = doc.sentences[ref.index]
    row = {"id": ref.id, "article": doc.article.id, "text": _fold(s.text), "start": s.start, "end": s.end}
    _repeated(row, ref)
    row.update({"cluster": None, "status": _quoted_status(an, ref), "quoted": True,
                "quotes": [r.id for r in an.refs_of(ref.quoted_by)], "matches": []})
    return row


def _repeated(row: dict, ref) -> None:
    """A text printed more than once in its article: how many times (the row stands for all of them)."""
    if ref.count > 1:
        row["occurrences"] = ref.count


def _fold(text: str) -> str:
    return " ".join(text.split())


def _match(an: Analysis, e, rid: str, text: str) -> dict:
    """A match as its row lists it; ``rid`` and ``text`` are the other item's (``Store.shown``)."""
    other = an.items[e.pair.b]
    out: dict[str, Any] = {"id": rid, "article": an.article(other.doc).id, "text": text}
    if an.n_reported is not None and other.doc >= an.n_reported:  # an archive article: not in the report's list
        out["outlet"], out["date"] = an.article(other.doc).outlet, an.article(other.doc).date
    if other.kind == "quote":
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
    if e.pair.overlap:
        out["overlap"] = True
    if other.kind == "quote" and other.short:
        out["fragment"] = True
    return out


# --- writers ---------------------------------------------------------------------

class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Block style, unicode kept, no Python tags; the C emitter when libyaml is there."""


def to_yaml(report: dict) -> str:
    return "".join(yaml_lines(report))


def _yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100)


def yaml_lines(report: dict) -> Iterator[str]:
    """The YAML report, one top-level key at a time and one element of a top-level list at a time.

    Block style puts a top-level list's elements at the key's indentation, so
    dumping each element on its own gives the same text as dumping the whole
    report, without building it as one string.
    """
    for key, value in report.items():
        if isinstance(value, (list, Rows)) and len(value):
            yield _yaml({key: None}).replace(" null\n", "\n", 1)
            for element in value:
                yield _yaml([element])
        else:
            yield _yaml({key: list(value) if isinstance(value, Rows) else value})


def json_lines(report: dict) -> Iterator[str]:
    """The JSON report, one top-level key per line and each element of a top-level list on a line of its own.

    One line per quote or sentence diffs cleanly in git, and each line is
    encoded by the json module's C encoder (an indented dump runs in pure
    Python: 23 s instead of under 3 s for 10,000 articles). Sections made
    row by row (``Rows``) are written as they are made.
    """
    encode = json.JSONEncoder(ensure_ascii=False).encode
    keys = list(report)
    yield "{\n"
    for i, key in enumerate(keys):
        value = report[key]
        yield f"  {encode(key)}: "
        if isinstance(value, (list, Rows)) and len(value):
            yield "[\n"
            sep = "    "
            for element in value:
                yield sep + encode(element)
                sep = ",\n    "
            yield "\n  ]"
        else:
            yield encode(list(value) if isinstance(value, Rows) else value)
        yield ",\n" if i < len(keys) - 1 else "\n"
    yield "}\n"


def to_json(report: dict) -> str:
    return "".join(json_lines(report))


def materialized(report: dict) -> dict:
    """The report with every ``Rows`` section made into a plain list (for the Markdown report and the ledger)."""
    return {k: list(v) if isinstance(v, Rows) else v for k, v in report.items()}


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
