"""The Python API: everything the CLI does, as functions that return data.

    >>> from claimcheck import api
    >>> outcome = api.check(["claims/apec-trilateral-2023"])
    >>> outcome.report["summary"]["quotes"]
"""
from __future__ import annotations

import gc
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from . import ledger as ledger_mod
from .html import bodies_of, to_html
from .triage import outlet_names
from .markdown import to_markdown
from .match import Settings
from .model import Document, InputError, Problem
from .pipeline import Analysis, Progress, analyse, process_article
from .load import REPORT_FILES, load_paths, source_file
from .segment import build_tokenizer
from .report import build_report, json_lines, materialized, write_files, yaml_lines


def _page(report: dict, an: Analysis) -> str:
    """The review page needs the article bodies, which the report keeps only as offsets."""
    return to_html(materialized(report), bodies_of(an))


# format -> (file name, writer(report, analysis) -> text or chunks of text); a large run's report is lazy
# (``report.Rows``): YAML and JSON are written row by row, Markdown and HTML from the rows made into lists
FORMATS = {
    "yaml": (REPORT_FILES["yaml"], lambda report, an: yaml_lines(report)),
    "md": (REPORT_FILES["md"], lambda report, an: to_markdown(materialized(report))),
    "json": (REPORT_FILES["json"], lambda report, an: json_lines(report)),
    "html": (REPORT_FILES["html"], _page),
}
FAIL_KINDS = ("single-source", "variant", "speaker-conflict")
ALL_FORMATS = ("yaml", "md", "json", "html")
LARGE_RUN = 2000  # articles: above this, unless asked otherwise, only report.json is written


def default_formats(n_articles: int) -> tuple[str, ...]:
    """Every format for a story; JSON alone for an archive-sized run.

    On 1,000 generated articles YAML takes 6.2 s to write against 0.17 s for
    JSON and 5 s for the whole check, and a YAML, Markdown or HTML file of
    100 MB is no use to anyone reading it.
    """
    return ALL_FORMATS if n_articles <= LARGE_RUN else ("json",)


class WriteError(InputError):
    """The reports could not be written (full disk, read-only folder); the previous ones are intact."""


@dataclass
class CheckOutcome:
    report: dict
    analysis: Analysis
    written: list[Path] = field(default_factory=list)
    failures: list[dict] = field(default_factory=list)  # items that --fail-on found without a verdict
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


PLACES = {"pos=SB": "before it in its sentence", "pos=SA": "after it in its sentence", "pos=P1": "the sentence before",
          "pos=P1~": "the paragraph before", "pos=N1": "the sentence after", "pos=rule-only": "found by a rule"}


def explain_attribution(doc: Document, passage: int, top: int = 5) -> list[str]:
    """Who attribution weighed for one quotation, best first, one line each: the phrase, where it stands, the
    rules that chose it and its learned score; then, for a pronoun, who it was taken to stand for."""
    if passage >= len(doc.attributions):
        return []
    att = doc.attributions[passage]
    options = sorted(att.options, key=lambda o: (-o.score, o.start))
    if not options:
        return ["no phrase around it could be a speaker"]
    lines = []
    for rank, o in enumerate(options[:top], 1):
        if o.none:
            what = "nobody (a title, a scare quote, words no one is said to have spoken)"
        elif o.carried:
            what = "the previous quotation's speaker, carried on"
        else:
            text = o.mention.text if o.mention else o.candidates[0].mention
            kind = o.mention.kind if o.mention else o.candidates[0].kind
            place = next((PLACES[f] for f in o.features if f in PLACES), "")
            cue = o.mention.cue if o.mention and o.mention.cue else None
            what = f"{text!r} ({kind}, {place}{', cue ' + cue if cue else ''})"
        rules = f"; rules: {', '.join(dict.fromkeys(c.rule for c in o.candidates))}" if o.candidates else ""
        lines.append(f"{rank}. {what}{rules}: score {o.score:.1f}")
    if len(options) > top:
        lines.append(f"... and {len(options) - top} more")
    if att.antecedents:
        ranked = sorted(att.antecedents, key=lambda e: -e.score)
        lines.append(f"{att.mention!r} stands for: " + ", ".join(f"{e.name} ({e.score:.1f})" for e in ranked[:4]))
    return lines


def parse_formats(value: str | Sequence[str]) -> list[str]:
    names = value.split(",") if isinstance(value, str) else list(value)
    names = [n.strip().lower() for n in names if n.strip()]
    bad = [n for n in names if n not in FORMATS]
    if bad or not names:
        raise ValueError(f"unknown format {', '.join(bad) or '(none)'}; choose from {', '.join(FORMATS)}")
    return names


def ledger_path(an: Analysis, explicit: str | os.PathLike | None = None) -> Path | None:
    if explicit:
        return Path(explicit)
    return an.story_dir / "review.yaml" if an.story_dir else None


def check(paths: Iterable[str | os.PathLike], out: str | os.PathLike | None = None,
          formats: Sequence[str] | None = None, settings: Settings | None = None,
          fail_on: Sequence[str] = (), fail_on_sentences: bool = False, ledger: str | os.PathLike | None = None,
          story: str | None = None, progress: Progress | None = None, write: bool = True,
          against: str | os.PathLike | None = None, max_file_bytes: int | None = None) -> CheckOutcome:
    """Check a story: analyse, merge the review ledger (read only), write the reports.

    ``out`` is a folder (default: the story folder) or ``"-"`` for stdout,
    which the caller prints; with ``"-"`` exactly one format is allowed.
    ``formats`` None means ``default_formats`` for the number of articles.
    ``against`` is an archive (``archive_add``) to check the story against too.
    ``max_file_bytes`` is the size limit for one input file (default 50 MB).
    """
    with paused_gc():
        if against is not None:
            from .archive import check_against
            an = check_against(list(paths), against, settings, story, progress, max_file_bytes)
        else:
            an = analyse(list(paths), settings, story, progress, max_file_bytes)
        return finish_check(an, out, formats, fail_on, fail_on_sentences, ledger, write)


def archive_add(archive: str | os.PathLike, paths: Iterable[str | os.PathLike], settings: Settings | None = None,
                progress: Progress | None = None):
    """Parse and store in ``archive`` the articles under ``paths`` that it does not hold yet."""
    from .archive import add
    with paused_gc():
        return add(archive, paths, settings, progress)


def archive_info(archive: str | os.PathLike) -> dict:
    """What an archive holds and the settings it was built with."""
    from .archive import info
    return info(archive)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for one check.

    A check allocates millions of long-lived objects (documents, items,
    report rows) and makes no reference cycles worth collecting; the
    collector's repeated full passes over them cost 10-20% of a large run.
    Reference counting still frees everything as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def finish_check(an: Analysis, out: str | os.PathLike | None = None, formats: Sequence[str] | None = None,
                 fail_on: Sequence[str] = (), fail_on_sentences: bool = False,
                 ledger: str | os.PathLike | None = None, write: bool = True) -> CheckOutcome:
    """Report, ledger merge, --fail-on and writing, for an analysis made locally or on a cluster.

    Above ``LARGE_RUN`` articles, with no review ledger to merge, the report's
    quotes, sentences and clusters are written row by row from the run's
    store (``report.Rows``) and never held at once; the outcome's report then
    has them as ``Rows``, which can be read again while the analysis is open.
    """
    lpath = ledger_path(an, ledger)
    has_ledger = lpath is not None and lpath.exists()
    report = build_report(an, lazy=an.reported > LARGE_RUN and not has_ledger)
    if lpath is not None:
        report = ledger_mod.merge(report, ledger_mod.load_ledger(lpath))
    outcome = CheckOutcome(report, an, problems=an.problems, warnings=list(an.warnings))
    if formats is None:
        formats = default_formats(len(report["articles"]))
        if formats != ALL_FORMATS and write and str(out) != "-":
            outcome.warnings.append(f"{len(report['articles']):,} articles: writing report.json only; "
                                    f"add --format {','.join(ALL_FORMATS)} for the YAML, Markdown and HTML reports")
    if fail_on:
        bad = [k for k in fail_on if k not in FAIL_KINDS]
        if bad:
            raise ValueError(f"--fail-on takes {', '.join(FAIL_KINDS)}, not {', '.join(bad)}")
        outcome.failures = ledger_mod.awaiting(report, tuple(fail_on), include_sentences=fail_on_sentences)
    if write and str(out) != "-":
        folder = Path(out) if out else (an.story_dir or Path.cwd())
        outcome.written = write_reports(report, folder, formats, an)
    return outcome


def write_reports(report: dict, folder: Path, formats: Sequence[str], an: Analysis) -> list[Path]:
    """Write the reports as one set (see ``report.write_files``): the last run to write wins, whole.

    A write that fails (full disk, read-only folder) is an ``InputError``
    naming the folder; the reports already there are left as they were.
    """
    inputs = {source_file(a.path).resolve() for a in an.store.articles[:an.n_reported]}
    inputs |= {source_file(n.path).resolve() for n in an.not_analysed}
    targets = [folder / FORMATS[name][0] for name in formats]
    for target in targets:
        if target.resolve() in inputs:
            raise InputError(Problem(str(target), "refusing to overwrite an input article with a report"))
    try:
        write_files([(t, FORMATS[name][1](report, an)) for t, name in zip(targets, formats)])
    except OSError as err:
        raise WriteError(Problem(str(folder), f"cannot write the reports: {err.strerror or err}; "
                                 "the reports already there are unchanged")) from None
    return targets


def run_summary(checked: int, not_analysed: Sequence[dict], problems: Sequence[Problem]) -> str:
    """One line for the end of a run: articles checked, not analysed and why, refused and why.

    So an article that was left out is never silent, however long the
    warnings above it. ``not_analysed`` is the report's list of that name.
    """
    return "; ".join([f"{checked} article(s) checked",
                      f"{len(not_analysed)} not analysed" + _reasons(n["reason"] for n in not_analysed),
                      f"{len(problems)} refused" + _reasons(_reason(p.message) for p in problems)])


def _reasons(reasons: Iterable[str]) -> str:
    counts: dict[str, int] = {}
    for r in reasons:
        counts[r] = counts.get(r, 0) + 1
    return f" ({', '.join(f'{r}: {n}' for r, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))})" if counts else ""


def _reason(message: str) -> str:
    """A problem's kind, without the details that differ per file (positions, sizes)."""
    return re.split(r" at line | \(|: |; ", message, maxsplit=1)[0]


def render(report: dict, fmt: str, analysis: Analysis | None = None) -> str:
    """One report format as text; "html" needs the analysis the report was built from (for the article bodies)."""
    if fmt == "html" and analysis is None:
        raise ValueError("the HTML report needs the analysis (the article bodies), not the report alone")
    out = FORMATS[fmt][1](report, analysis)
    return out if isinstance(out, str) else "".join(out)


def article_quotes(path: str | os.PathLike) -> Document:
    """One article through clean, segment and quotes, for checking extraction by eye."""
    loaded = load_paths([path])
    if loaded.problems:
        raise InputError(loaded.problems)
    if not loaded.articles:
        raise InputError(Problem(str(path), "no article found"))
    if len(loaded.articles) > 1:
        raise InputError(Problem(str(path), f"holds {len(loaded.articles)} articles; name one file with one article"))
    return process_article(loaded.articles[0], build_tokenizer(a.text for a in loaded.articles), explain=True)


def review_queue(paths: Iterable[str | os.PathLike], ledger: str | os.PathLike | None = None,
                 settings: Settings | None = None, include_corroborated: bool = False) -> tuple[list[dict], dict]:
    """Items awaiting a verdict, most urgent first (speaker conflicts, variants, single-source)."""
    an = analyse(list(paths), settings)
    report = build_report(an)
    lpath = ledger_path(an, ledger)
    if lpath is not None:
        report = ledger_mod.merge(report, ledger_mod.load_ledger(lpath))
    kinds = ledger_mod.ATTENTION
    queue = ledger_mod.awaiting(report, kinds)
    if include_corroborated:
        done = {i["id"] for i in queue}
        queue += [{**i, "needs": ["corroborated"]} for i in report["quotes"] + report["sentences"]
                  if i["id"] not in done and not (i.get("review") and not i["review"].get("stale"))]
    return queue, report


QUEUE_SCHEMA = "claimcheck.review-queue/1"


def queue_records(queue: list[dict], report: dict) -> dict:
    """The review queue as plain data for scripts (what ``claimcheck review --json`` prints).

    One record per item awaiting a verdict, most urgent first: its id (for
    ``--set``), kind, article and outlet, status, why it needs a verdict, its
    text and speaker, the other speakers of a conflict, substantive changes
    against other items, and a stale verdict if there is one.
    """
    outlets = outlet_names(report)
    items = []
    for q in queue:
        rec = {"id": q["id"], "kind": "quote" if "speaker" in q else "sentence", "article": q["article"],
               "outlet": outlets.get(q["article"]), "status": q["status"], "needs": q["needs"], "text": q["text"]}
        if "speaker" in q:
            rec["speaker"] = q["speaker"]
        if q.get("speaker_conflicts"):
            rec["speaker_conflicts"] = [{**c, "outlet": outlets.get(c["article"])} for c in q["speaker_conflicts"]]
        changes = [{**ch, "other": m["id"]} for m in q.get("matches", []) for ch in m.get("changed", [])]
        if changes:
            rec["changes"] = changes
        if q.get("review"):
            rec["review"] = q["review"]
        items.append(rec)
    return {"schema": QUEUE_SCHEMA, "story": report["story"], "items": items}


def record_verdict(paths: Iterable[str | os.PathLike], claim_id: str, verdict: str, note: str | None = None,
                   reviewer: str | None = None, ledger: str | os.PathLike | None = None,
                   settings: Settings | None = None, date: str | None = None) -> tuple[Path, ledger_mod.Decision]:
    """Record an editor's verdict on one claim of the story, appending to its ledger."""
    an = analyse(list(paths), settings)
    report = build_report(an)
    lpath = ledger_path(an, ledger)
    if lpath is None:
        raise InputError(Problem(", ".join(map(str, paths)), "no story folder to keep review.yaml in; pass --ledger PATH"))
    items = {i["id"]: i for i in report["quotes"] + report["sentences"]}
    if claim_id not in items:
        raise InputError(Problem(str(lpath), f"no claim with id {claim_id!r} in this story "
                                 "(ids are listed by `claimcheck review STORY`)"))
    decision = ledger_mod.record(lpath, claim_id, verdict, items[claim_id]["text"], note, reviewer, date)
    return lpath, decision
