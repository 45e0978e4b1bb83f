"""The Python API: everything the CLI does, as functions that return data.

    >>> from claimcheck import api
    >>> outcome = api.check(["claims/apec-trilateral-2023"])
    >>> outcome.report["summary"]["quotes"]
"""
from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from . import ledger as ledger_mod
from .markdown import to_markdown
from .match import Settings
from .model import Document, InputError, Problem
from .pipeline import Analysis, Progress, analyse, process_articles
from .load import load_paths, source_file
from .report import atomic_write, build_report, json_lines, materialized, yaml_lines

FORMATS = {"yaml": ("report.yaml", yaml_lines), "md": ("report.md", lambda r: to_markdown(materialized(r))),
           "json": ("report.json", json_lines)}
FAIL_KINDS = ("single-source", "variant", "speaker-conflict")
ALL_FORMATS = ("yaml", "md", "json")
LARGE_RUN = 2000  # articles: above this, unless asked otherwise, only report.json is written


def default_formats(n_articles: int) -> tuple[str, ...]:
    """Every format for a story; JSON alone for an archive-sized run.

    On 1,000 generated articles YAML takes 6.2 s to write against 0.17 s for
    JSON and 5 s for the whole check, and a YAML or Markdown file of 100 MB
    is no use to anyone reading it.
    """
    return ALL_FORMATS if n_articles <= LARGE_RUN else ("json",)


@dataclass
class CheckOutcome:
    report: dict
    analysis: Analysis
    written: list[Path] = field(default_factory=list)
    failures: list[dict] = field(default_factory=list)  # items that --fail-on found without a verdict
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def explain_attribution(doc: Document, passage: int) -> list[str]:
    """The candidate speakers attribution considered for one quotation, best first, one line each."""
    if passage >= len(doc.attributions):
        return []
    cands = sorted(doc.attributions[passage].candidates, key=lambda c: -c.confidence)
    if not cands:
        return ["no reporting clause, no quote before it to continue, no introducing sentence"]
    return [f"{c.rule}: {c.mention!r} ({c.kind}{', cue ' + c.cue if c.cue else ''}) -> "
            f"{c.speaker or 'resolved later' if c.kind == 'pronoun' else c.speaker} at {c.confidence:.2f}"
            for c in cands]


def parse_formats(value: str | Sequence[str]) -> list[str]:
    names = value.split(",") if isinstance(value, str) else list(value)
    names = [n.strip().lower() for n in names if n.strip()]
    bad = [n for n in names if n not in FORMATS]
    if bad or not names:
        raise ValueError(f"unknown format {', '.join(bad) or '(none)'}; choose from yaml, md, json")
    return names


def ledger_path(an: Analysis, explicit: str | os.PathLike | None = None) -> Path | None:
    if explicit:
        return Path(explicit)
    return an.story_dir / "review.yaml" if an.story_dir else None


def check(paths: Iterable[str | os.PathLike], out: str | os.PathLike | None = None,
          formats: Sequence[str] | None = None, settings: Settings | None = None,
          fail_on: Sequence[str] = (), fail_on_sentences: bool = False, ledger: str | os.PathLike | None = None,
          story: str | None = None, progress: Progress | None = None, write: bool = True,
          against: str | os.PathLike | None = None) -> CheckOutcome:
    """Check a story: analyse, merge the review ledger (read only), write the reports.

    ``out`` is a folder (default: the story folder) or ``"-"`` for stdout,
    which the caller prints; with ``"-"`` exactly one format is allowed.
    ``formats`` None means ``default_formats`` for the number of articles.
    ``against`` is an archive (``archive_add``) to check the story against too.
    """
    with paused_gc():
        if against is not None:
            from .archive import check_against
            an = check_against(list(paths), against, settings, story, progress)
        else:
            an = analyse(list(paths), settings, story, progress)
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
    report = build_report(an, lazy=(an.n_reported or len(an.docs)) > LARGE_RUN and not has_ledger)
    if lpath is not None:
        report = ledger_mod.merge(report, ledger_mod.load_ledger(lpath))
    outcome = CheckOutcome(report, an, problems=an.problems, warnings=list(an.warnings))
    if formats is None:
        formats = default_formats(len(report["articles"]))
        if formats != ALL_FORMATS and write and str(out) != "-":
            outcome.warnings.append(f"{len(report['articles']):,} articles: writing report.json only; "
                                    "add --format yaml,md,json for the YAML and Markdown reports")
    if fail_on:
        bad = [k for k in fail_on if k not in FAIL_KINDS]
        if bad:
            raise ValueError(f"--fail-on takes {', '.join(FAIL_KINDS)}, not {', '.join(bad)}")
        outcome.failures = ledger_mod.awaiting(report, tuple(fail_on), include_sentences=fail_on_sentences)
    if write and str(out) != "-":
        folder = Path(out) if out else (an.story_dir or Path.cwd())
        inputs = {source_file(a.path).resolve() for a in an.store.articles[:an.n_reported]}
        for name in formats:
            target = folder / FORMATS[name][0]
            if target.resolve() in inputs:
                raise InputError(Problem(str(target), "refusing to overwrite an input article with a report"))
            atomic_write(target, FORMATS[name][1](report))
            outcome.written.append(target)
    return outcome


def render(report: dict, fmt: str) -> str:
    out = FORMATS[fmt][1](report)
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
    return process_articles(loaded.articles)[0]


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
