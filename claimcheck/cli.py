"""Command line: a thin layer over ``claimcheck.api``.

Exit codes: 0 success; 1 ``--fail-on`` found items without a verdict;
2 bad input (one line per problem on stderr, naming the file).
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import List, Optional

import typer

from . import api
from .match import Settings
from .load import MAX_FILE_BYTES
from .model import InputError
from .paths import shown
from .triage import said_phrase

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Cross-check quotes and sentences across articles that cover one story.")


def _version(value: bool) -> None:
    if value:
        from . import __version__
        typer.echo(f"claimcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit.")) -> None:
    """Cross-check quotes and sentences across articles that cover one story."""


def _err(message: str) -> None:
    typer.echo(message, err=True)


class _Progress:
    """Stage lines on stderr; on a terminal, a progress bar per stage of a long run, with counts and rate."""

    UNITS = {"parse": "articles", "match": "groups", "score": "pairs", "classify": "items", "report": "rows"}

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.tty = sys.stderr.isatty()
        self.bar = None
        self.task = None
        self.stage = None
        self.done = 0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.quiet:
            return
        if stage != self.stage or done < self.done:  # a new stage, or the same stage again (the next piece of an
            self.close()                              # archive add)
            self.stage = stage
            unit = self.UNITS.get(stage, "items")
            if self.tty and total >= 200 and done < total:  # no bar for a stage reported finished
                from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
                self.bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                    TextColumn(f"{unit}"), _Rate(), TimeElapsedColumn(), transient=True)
                self.bar.start()
                self.task = self.bar.add_task(stage, total=total)
            elif stage in ("parse", "match") and (done == 0 or stage == "parse"):
                _err(f"{stage}: {total} {unit if stage == 'parse' else 'items'}")
        self.done = done
        if self.bar is not None:
            self.bar.update(self.task, completed=done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


def _rate_column():
    from rich.progress import ProgressColumn
    from rich.text import Text

    class Rate(ProgressColumn):
        """Items per second of the stage so far."""

        def render(self, task) -> Text:
            return Text(f"{task.speed:,.0f}/s" if task.speed else "")

    return Rate()


_Rate = _rate_column


def _fail_input(err: InputError) -> None:
    for p in err.problems:
        _err(f"error: {p}")
    raise typer.Exit(2)


@app.command()
def check(
    paths: List[Path] = typer.Argument(..., help="A story folder (its articles/ subfolder is read), article files, "
                                              "or folders of article files (.txt .md .html .htm .json .jsonl)."),
    out: Optional[str] = typer.Option(None, "--out", "-o", help="Folder for report.yaml/.md/.json/.html "
                                      "(default: the story folder), or '-' to print one format to stdout "
                                      "(JSON unless --format says otherwise)."),
    format: Optional[str] = typer.Option(None, "--format", "-f", show_default=False,
                                         help="Comma-separated formats: yaml, md, json, html (default: all four; "
                                              f"json alone above {api.LARGE_RUN:,} articles)."),
    fail_on: str = typer.Option("", "--fail-on", help="Exit 1 when a quote with no editor's verdict is any of: "
                                "single-source, variant, speaker-conflict (comma-separated). For publishing pipelines."),
    fail_on_sentences: bool = typer.Option(False, "--fail-on-sentences", help="Apply --fail-on to sentences too."),
    ledger: Optional[Path] = typer.Option(None, "--ledger", help="Review ledger to merge (default: STORY/review.yaml). "
                                          "Read only: check never writes it."),
    story: Optional[str] = typer.Option(None, "--story", help="Story name in the report (default: the folder name)."),
    jobs: int = typer.Option(os.cpu_count() or 1, "--jobs", "-j", min=1, show_default="all cores",
                             help="Processes for parsing, threads for the index and for scoring."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Run on a dask.distributed cluster, "
                                            "e.g. tcp://HOST:8786."),
    quote_threshold: float = typer.Option(Settings.quote_threshold, help="Word-level similarity (0-100) for a quote variant."),
    sentence_threshold: float = typer.Option(Settings.sentence_threshold, help="Similarity (0-100) for a sentence variant."),
    max_postings: int = typer.Option(Settings.max_postings, min=1, help="Content words in more items than this "
                                     "are not used to find candidate pairs (keeps large runs linear)."),
    near_copy: float = typer.Option(Settings.near_copy, help="Share of identical sentences that makes two articles copies."),
    matches_listed: int = typer.Option(Settings.matches_listed, min=1, help="Matches named per quote or sentence, "
                                       "the most independent first; the rest are counted."),
    against: Optional[Path] = typer.Option(None, "--against", help="An archive (claimcheck archive add) to check "
                                           "the story against as well."),
    max_file_mb: float = typer.Option(MAX_FILE_BYTES / 1e6, "--max-file-mb", min=0.001,
                                      help="Size limit for one input file, in MB; larger files are refused "
                                           "unread."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress or warnings on stderr; errors only "
                               "(and the summary line when an article was left out)."),
) -> None:
    """Check a story: match every quote and sentence across the articles and write the reports."""
    progress = _Progress(quiet)
    try:
        formats = api.parse_formats(format) if format is not None else None
        if out == "-" and formats is None:
            formats = ["json"]  # a pipe wants one machine-readable stream, as other pipe-friendly tools default to
        if out == "-" and len(formats) != 1:
            raise ValueError("--out - writes one format to stdout: add --format yaml, md, json or html")
        kinds = [k.strip() for k in fail_on.split(",") if k.strip()]
        max_bytes = round(max_file_mb * 1e6)
        settings = Settings(quote_threshold=quote_threshold, sentence_threshold=sentence_threshold,
                            max_postings=max_postings, near_copy=near_copy, matches_listed=matches_listed, jobs=jobs)
        if scheduler and against:
            raise ValueError("--against and --scheduler cannot be combined yet")
        if scheduler:
            from .cluster import check_on_cluster
            outcome = check_on_cluster(scheduler, paths, out, formats, settings, kinds, fail_on_sentences,
                                       ledger, story, progress, max_file_bytes=max_bytes)
        else:
            outcome = api.check(paths, out, formats, settings, kinds, fail_on_sentences, ledger, story, progress,
                                against=against, max_file_bytes=max_bytes)
    except InputError as err:  # nothing to report on: the errors, one line each, are the whole story
        progress.close()
        _fail_input(err)
    except ValueError as err:
        progress.close()
        _err(f"error: {err}")
        raise typer.Exit(2)
    progress.close()
    if not quiet:
        for w in outcome.warnings:
            _err(f"warning: {w}")
    if out == "-":
        sys.stdout.write(api.render(outcome.report, formats[0], outcome.analysis))
        sys.stdout.flush()
    elif not quiet:
        s = outcome.report["summary"]
        _err(f"{len(outcome.report['articles'])} articles; quotes: " +
             ", ".join(f"{v} {k}" for k, v in s["quotes"].items()) + "; sentences: " +
             ", ".join(f"{v} {k}" for k, v in s["sentences"].items()))
        for path in outcome.written:
            _err(f"wrote {shown(path)}")
    for p in outcome.problems:
        _err(f"error: {p}")
    aside = outcome.report.get("not_analysed", [])
    if not quiet or outcome.problems or aside:
        _err(api.run_summary(len(outcome.report["articles"]), aside, outcome.problems))
    if outcome.problems:
        raise typer.Exit(2)
    if outcome.failures:
        _err(f"{len(outcome.failures)} item(s) need a verdict (--fail-on {fail_on}):")
        for item in outcome.failures:
            _err(f"  {item['id']}  [{', '.join(item['needs'])}]  {item['text'][:100]}")
        raise typer.Exit(1)


@app.command()
def quotes(
    file: Path = typer.Argument(..., help="One article file."),
    show_sentences: bool = typer.Option(False, "--sentences", help="Also print the sentences, one a line."),
    explain: bool = typer.Option(False, "--explain",
                                 help="Show, under each quotation, the candidate speakers considered and the rule behind each."),
) -> None:
    """Print the quotes and speakers found in one article, for checking extraction by eye."""
    try:
        doc = api.article_quotes(file)
    except InputError as err:
        _fail_input(err)
    a = doc.article
    typer.echo(f"{a.id}: {a.title or '(no title)'} · outlet {a.outlet or 'unknown'} · origin {a.origin or 'unknown'}"
               + (f" · by {a.byline}" if a.byline else ""))
    typer.echo(f"{len(doc.sentences)} sentences, {len(doc.passages)} quotations in {len(doc.quotes)} quote sentences\n")
    current = -1
    for q in doc.quotes:
        if q.passage != current:
            current = q.passage
            who = q.speaker or "UNKNOWN"
            how = f"  [{said_phrase(q.speaker_mention, q.cue) or 'no attribution found'}]"
            typer.echo(f"#{q.passage + 1} {who}{how}  confidence {q.confidence}")
            if explain:
                for line in api.explain_attribution(doc, q.passage):
                    typer.echo(f"    ? {line}")
        tag = " (partial)" if q.partial else ""
        typer.echo(f"    {q.part}/{q.parts}{tag} {q.text}")
    if doc.nonspeech:
        typer.echo("\nnot speech (titles, words as words):")
        for q in doc.nonspeech:
            typer.echo(f"    {q.kind}: {q.text}")
    if show_sentences:
        typer.echo("\nsentences (§ a subhead: context, never matched):")
        subheads = [(sp.start, "§ " + a.text[sp.start:sp.end]) for sp, why in doc.removed if why == "subhead"]
        for _, line in sorted([(s.start, s.text) for s in doc.sentences] + subheads):
            typer.echo(f"    {' '.join(line.split())}")


@app.command()
def review(
    story: Path = typer.Argument(..., help="The story folder (holding articles/ and review.yaml)."),
    assignments: Optional[List[str]] = typer.Argument(None, help="With --set: verdict=confirmed|disputed|needs-follow-up "
                                                      "note=\"...\" reviewer=NAME"),
    set_id: Optional[str] = typer.Option(None, "--set", help="Record a verdict on this claim id."),
    ledger: Optional[Path] = typer.Option(None, "--ledger", help="Review ledger (default: STORY/review.yaml)."),
    all_items: bool = typer.Option(False, "--all", help="List corroborated items too."),
    as_json: bool = typer.Option(False, "--json", help="Print the queue as JSON (schema claimcheck.review-queue/1), for scripts."),
    date: Optional[str] = typer.Option(None, "--date", help="Date of the verdict (default: today)."),
) -> None:
    """List items awaiting a verdict, or record one with --set ID verdict=... note=... reviewer=..."""
    try:
        if set_id is None:
            if assignments:
                raise ValueError("verdict=... goes with --set ID")
            records = api.queue_records(*api.review_queue([story], ledger, include_corroborated=all_items))
            if as_json:
                typer.echo(json.dumps(records, ensure_ascii=False, indent=2))
                return
            if not records["items"]:
                typer.echo("Nothing awaits a verdict.")
            for item in records["items"]:
                who = f" {item.get('speaker') or 'speaker unknown'}:" if item["kind"] == "quote" else ""
                stale = " (verdict stale)" if item.get("review", {}).get("stale") else ""
                typer.echo(f"{item['id']}  [{', '.join(item['needs'])}]{stale}{who} {item['text']}")
                for c in item.get("speaker_conflicts", []):
                    typer.echo(f"    other speaker: {c['speaker'] or 'unknown'} in {c['outlet']} ({c['id']})")
            return
        fields = {}
        for a in assignments or []:
            if "=" not in a:
                raise ValueError(f"expected key=value, got {a!r}")
            k, v = a.split("=", 1)
            if k not in ("verdict", "note", "reviewer"):
                raise ValueError(f"unknown field {k!r}: use verdict, note, reviewer")
            fields[k] = v
        if "verdict" not in fields:
            raise ValueError("--set needs verdict=confirmed|disputed|needs-follow-up")
        path, decision = api.record_verdict([story], set_id, fields["verdict"], fields.get("note"),
                                            fields.get("reviewer"), ledger, date=date)
        typer.echo(f"recorded {decision.verdict} for {set_id} in {path}")
    except InputError as err:
        _fail_input(err)
    except ValueError as err:
        _err(f"error: {err}")
        raise typer.Exit(2)


archive_app = typer.Typer(no_args_is_help=True, help="A newsroom's archive: articles parsed once, checked against.")
app.add_typer(archive_app, name="archive")


@archive_app.command("add")
def archive_add(
    archive: Path = typer.Argument(..., help="The archive file (made on first use)."),
    paths: List[Path] = typer.Argument(..., help="Article files or folders to add."),
    jobs: int = typer.Option(os.cpu_count() or 1, "--jobs", "-j", min=1, show_default="all cores",
                             help="Processes for parsing."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress on stderr; errors only."),
) -> None:
    """Parse and store articles the archive does not hold yet (a known id with a new text replaces the old)."""
    progress = _Progress(quiet)
    try:
        added = api.archive_add(archive, paths, Settings(jobs=jobs), progress)
    except InputError as err:
        progress.close()
        _fail_input(err)
    progress.close()
    if not quiet:
        _err(f"{archive}: {added.added} added, {added.updated} updated, {added.unchanged} already there")
    for n in added.not_analysed:  # kept out of the archive, never silently
        _err(f"warning: {shown(n.path)}: not added: {n.reason} ({n.script})")
    for p in added.problems:
        _err(f"error: {p}")
    if added.problems:
        raise typer.Exit(2)


@archive_app.command("info")
def archive_info(archive: Path = typer.Argument(..., help="The archive file.")) -> None:
    """Print what an archive holds and the settings and tokenizer it was built with."""
    try:
        info = api.archive_info(archive)
    except InputError as err:
        _fail_input(err)
    typer.echo(f"{info['archive']}: {info['articles']:,} articles, {info['quotes']:,} quotes, "
               f"{info['sentences']:,} sentences, {info['words']:,} distinct content words, "
               f"{info['bytes'] / 2**20:,.1f} MB")
    typer.echo(f"format {info['format']}, written by claimcheck {info['written_by']}")
    typer.echo("settings: " + ", ".join(f"{k} {v}" for k, v in info["settings"].items()))
    typer.echo("sentence tokenizer: " + ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in info["tokenizer"].items()))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
