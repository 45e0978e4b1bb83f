"""Load articles from story folders and files: text, Markdown, HTML, JSON, JSONL.

Loading never modifies a file. Each reader returns articles plus problems;
a problem names the file (and line) so the CLI can print one line per fault.
"""
from __future__ import annotations

import json
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

import yaml

from .decode import NotText, decode
from .model import Article, Problem
from .normalize import fold_accents
from .paths import shown

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES

FRONT_MATTER_FIELDS = ("title", "outlet", "date", "url", "origin", "byline")
IGNORED_FIELDS = ": front matter field(s) ignored: "
MAX_FILE_BYTES = 50_000_000  # default per-file limit, checked before reading: a link to /dev/zero is refused, not read
REPORT_FILES = {"yaml": "report.yaml", "md": "report.md", "json": "report.json", "html": "report.html"}
OWN_OUTPUTS = frozenset({*REPORT_FILES.values(), "review.yaml"})  # never read as articles


@dataclass
class LoadResult:
    """What a load produced: the articles, the problems, and non-fatal warnings."""

    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    story: str | None = None
    story_dir: Path | None = None


def source_file(article_path: str) -> Path:
    """The file an article came from: "feed.jsonl:12" -> feed.jsonl."""
    return Path(re.sub(r":\d+$", "", article_path))


def slugify(value: str) -> str:
    """A lowercase ASCII id fragment: stable, readable, safe in YAML keys and file names."""
    value = fold_accents(value).encode("ascii", "ignore").decode()
    value = re.sub(r"[^A-Za-z0-9]+", "-", value).strip("-").lower()
    return value or "article"


def resolve_inputs(paths: Iterable[str | Path]) -> tuple[list[Path], list[Problem], list[str], Path | None]:
    """Expand story folders and folders of files into a sorted list of article files.

    A folder with an ``articles/`` subfolder is a story folder. Unknown
    extensions inside a folder are skipped with a warning; named on the
    command line they are an error.
    """
    files: list[Path] = []
    problems: list[Problem] = []
    warnings: list[str] = []
    story_dir: Path | None = None
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            problems.append(Problem(str(path), "no such file or folder"))
            continue
        if path.is_dir():
            folder = path
            if (path / "articles").is_dir():
                folder = path / "articles"
                story_dir = story_dir or path
            elif path.name == "articles":
                story_dir = story_dir or path.parent
            else:
                story_dir = story_dir or path
            found = sorted(p for p in folder.rglob("*") if not p.is_dir())
            for p in found:
                if p.name.startswith(".") or p.name in OWN_OUTPUTS:
                    continue
                if not p.is_file():  # a pipe would block the run, a device never ends, a broken link has nothing
                    what = "a broken link" if not p.exists() else "not a regular file (a pipe, device or socket)"
                    warnings.append(f"{shown(p)}: skipped, {what}")
                elif p.suffix.lower() in KNOWN_SUFFIXES:
                    files.append(p)
                else:
                    warnings.append(f"{shown(p)}: skipped, not an article format ({shown(p.suffix) or 'no extension'})")
        elif path.suffix.lower() in KNOWN_SUFFIXES:
            files.append(path)
        else:
            problems.append(Problem(str(path), f"unknown article format {shown(path.suffix) or '(no extension)'!r}; "
                                    "use .txt, .md, .html, .htm, .json or .jsonl"))
    seen: set[Path] = set()
    unique = []
    for f in files:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, problems, warnings, story_dir


def size_text(n: int) -> str:
    """A byte count as people write it: 50 MB, 1.5 MB, 900 bytes."""
    if n >= 1_000_000:
        return f"{n / 1e6:.1f}".removesuffix(".0") + " MB"
    return f"{n:,} bytes"


def read_text(path: Path, max_bytes: int | None = None) -> tuple[str, list[str]]:
    """Read a file as text in whatever encoding it is in (``decode``); binary is refused.

    Only regular files are read (a named pipe would block forever, a device
    never ends), and only up to ``max_bytes`` (default ``MAX_FILE_BYTES``).
    A guessed encoding or replaced bytes give a warning naming the file.
    """
    limit = max_bytes or MAX_FILE_BYTES
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise ValueError("not a regular file (a pipe, device or socket): skipped")
    if info.st_size > limit:
        raise ValueError(f"over the {size_text(limit)} limit for one file: {size_text(info.st_size)} "
                         "(raise it with --max-file-mb)")
    with path.open("rb") as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"file grew past the {size_text(limit)} limit for one file while being read")
    if not data.strip():
        raise ValueError("empty file")
    try:
        decoded = decode(data, html=path.suffix.lower() in HTML_SUFFIXES)
    except NotText as err:
        raise ValueError(str(err)) from None
    warnings = [f"{shown(path)}: {decoded.note}"] if decoded.note else []
    text = decoded.text
    if text.startswith("\ufeff"):  # a second BOM, or one in a guessed encoding
        text = text[1:]
    if not text.strip():
        raise ValueError("empty file")
    return text.replace("\r\n", "\n").replace("\r", "\n"), warnings


class _NoAliasLoader(yaml.SafeLoader):
    """YAML without anchors and aliases: front matter never needs them, and an alias bomb expands without bound.

    A date that is no real date (``2023-13-45``, hour 25, year 0) is kept as
    the string written, and noted in ``bad_dates``, rather than failing the
    whole article.
    """

    def __init__(self, stream):
        super().__init__(stream)
        self.bad_dates: list[str] = []

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            self.bad_dates.append(node.value)
            return node.value

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed in front matter",
                                              event.start_mark)
        return super().compose_node(parent, index)


_NoAliasLoader.add_constructor("tag:yaml.org,2002:timestamp", _NoAliasLoader.construct_yaml_timestamp)


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def split_front_matter(text: str, path: Path, notes: list[str] | None = None) -> tuple[dict[str, Any], str]:
    """Split YAML front matter from the body; malformed front matter is an error, never ignored.

    Dates that are no real date are kept as written; each gets a line in ``notes``.
    """
    if not text.startswith("---"):
        return {}, text
    m = _FRONT_MATTER.match(text)
    if not m:
        raise ValueError("front matter opened with '---' is never closed")
    loader = None
    try:
        loader = _NoAliasLoader(m.group(1))  # the reader already refuses control characters
        meta = loader.get_single_data() or {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" (front matter line {mark.line + 2})" if mark else ""
        raise ValueError(f"malformed front matter{where}: {getattr(err, 'problem', err)}") from None
    finally:
        if loader is not None:
            loader.dispose()
    if notes is not None:
        notes.extend(f"front matter date {d!r} is not a real date; kept as written" for d in loader.bad_dates)
    if not isinstance(meta, dict):
        raise ValueError("malformed front matter: expected 'key: value' lines")
    bad = [k for k in meta if not isinstance(k, str)]
    if bad:
        raise ValueError(f"malformed front matter: key {bad[0]!r} is not a name (keys are words like title, outlet)")
    return meta, text[m.end():]


def _meta_str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict):  # news APIs: "source": {"id": ..., "name": ...}
        value = value.get("name") or value.get("id")
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v) for v in value if v)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    text = without_surrogates(str(value)).strip()
    return text or None


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """Lone UTF-16 surrogates ("\\ud800" in a JSON string) as U+FFFD: they cannot be written out as UTF-8."""
    return _LONE_SURROGATE.sub("\ufffd", text) if _LONE_SURROGATE.search(text) else text


def article_from_record(record: dict[str, Any], article_id: str, path: str) -> Article:
    """Build an article from a JSON record or front matter plus body; field aliases of common CMS exports."""
    body = record.get("text") or record.get("body") or record.get("content") or ""
    if not isinstance(body, str):
        raise ValueError("'text'/'body' must be a string")
    return Article(
        id=article_id,
        path=path,
        text=without_surrogates(body).replace("\r\n", "\n").replace("\r", "\n"),
        title=_meta_str(record.get("title") or record.get("headline")),
        outlet=_meta_str(record.get("outlet") or record.get("source") or record.get("publisher")),
        origin=_meta_str(record.get("origin")),
        date=_meta_str(record.get("date") or record.get("published") or record.get("publishedAt")),
        url=_meta_str(record.get("url") or record.get("link")),
        byline=_meta_str(record.get("byline") or record.get("author")),
        origin_source="front-matter" if record.get("origin") else None,
    )


def load_text_file(path: Path, article_id: str, max_bytes: int | None = None) -> tuple[list[Article], list[str]]:
    text, warnings = read_text(path, max_bytes)
    notes: list[str] = []
    meta, body = split_front_matter(text, path, notes)
    warnings.extend(f"{shown(path)}: {n}" for n in notes)
    unknown = sorted(set(meta) - set(FRONT_MATTER_FIELDS) - {"source", "author", "text", "body"})
    if unknown:
        warnings.append(f"{shown(path)}{IGNORED_FIELDS}{', '.join(shown(u) for u in unknown)}")
    record = {k: v for k, v in meta.items() if k not in ("text", "body")}
    record["text"] = body
    return [article_from_record(record, article_id, str(path))], warnings


def load_html_file(path: Path, article_id: str, max_bytes: int | None = None) -> tuple[list[Article], list[str]]:
    html, warnings = read_text(path, max_bytes)
    try:
        import trafilatura
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False,
            include_images=False, include_links=False, favor_precision=True,
        )
    except ImportError as err:  # a broken install, reported per file rather than as a traceback
        raise ValueError(f"HTML reading is not installed correctly ({err}); reinstall claimcheck") from None
    doc = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else doc
    if not doc or not (doc.get("text") or "").strip():
        raise ValueError("no article text found in the HTML page")
    record = {
        "text": doc.get("text"),
        "title": doc.get("title"),
        "outlet": doc.get("sitename") or doc.get("hostname"),
        "date": doc.get("date"),
        "url": doc.get("url"),
        "byline": doc.get("author"),
    }
    return [article_from_record(record, article_id, str(path))], warnings


def _record_id(record: dict[str, Any], fallback: str) -> str:
    rid = record.get("id")
    return slugify(str(rid)) if rid not in (None, "") else fallback


def load_json_file(path: Path, article_id: str, max_bytes: int | None = None) -> tuple[list[Article], list[str]]:
    text, warnings = read_text(path, max_bytes)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise ValueError(f"invalid JSON at line {err.lineno}, column {err.colno}: {err.msg}") from None
    except RecursionError:
        raise ValueError("JSON nested too deeply to be an article") from None
    records = data if isinstance(data, list) else [data]
    if not records:
        raise ValueError("an empty JSON list: no articles")
    articles = []
    for i, record in enumerate(records, 1):
        if not isinstance(record, dict):
            raise ValueError(f"item {i} is not an object with 'text' or 'body'")
        rid = article_id if len(records) == 1 else _record_id(record, f"{article_id}-{i}")
        articles.append(article_from_record(record, rid, str(path)))
    return articles, warnings


def load_jsonl_file(path: Path, article_id: str, problems: list[Problem],
                    max_bytes: int | None = None) -> tuple[list[Article], list[str]]:
    """One article per line; a broken line is a problem for that line only, the rest still load."""
    text, warnings = read_text(path, max_bytes)
    articles = []
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            problems.append(Problem(str(path), f"invalid JSON: {err.msg} (column {err.colno})", line=lineno))
            continue
        except RecursionError:
            problems.append(Problem(str(path), "JSON nested too deeply to be an article", line=lineno))
            continue
        if not isinstance(record, dict):
            problems.append(Problem(str(path), "not an object with 'text' or 'body'", line=lineno))
            continue
        try:
            articles.append(article_from_record(record, _record_id(record, f"{article_id}-{lineno}"), f"{path}:{lineno}"))
        except ValueError as err:
            problems.append(Problem(str(path), str(err), line=lineno))
    return articles, warnings


def load_file(path: Path, article_id: str | None = None, max_bytes: int | None = None) -> LoadResult:
    """Load one file into articles; every fault becomes a Problem naming the file."""
    result = LoadResult()
    article_id = article_id or slugify(path.stem)
    suffix = path.suffix.lower()
    try:
        if suffix in TEXT_SUFFIXES:
            arts, warns = load_text_file(path, article_id, max_bytes)
        elif suffix in HTML_SUFFIXES:
            arts, warns = load_html_file(path, article_id, max_bytes)
        elif suffix in JSON_SUFFIXES:
            arts, warns = load_json_file(path, article_id, max_bytes)
        elif suffix in JSONL_SUFFIXES:
            arts, warns = load_jsonl_file(path, article_id, result.problems, max_bytes)
        else:
            raise ValueError(f"unknown article format {shown(suffix)!r}")
    except (OSError, ValueError) as err:
        msg = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        result.problems.append(Problem(str(path), msg))
        return result
    result.warnings.extend(warns)
    for art in arts:
        if not art.text.strip():
            result.problems.append(Problem(art.path if ":" in art.path else str(path), "no article text"))
        else:
            result.articles.append(art)
    return result


def load_paths(paths: Iterable[str | Path], max_bytes: int | None = None) -> LoadResult:
    """Load every article under the given paths, in a deterministic order, with unique ids.

    ``max_bytes`` is the size limit for one file (default ``MAX_FILE_BYTES``).
    """
    return next(load_batches(paths, max_bytes))


def load_batches(paths: Iterable[str | Path], max_bytes: int | None = None,
                 batch: int | None = None) -> Iterator[LoadResult]:
    """``load_paths`` in pieces of whole files holding ``batch`` articles or more (the last may hold fewer), the
    ids unique across them: what a large collection needs to be added to an archive without holding all of it at
    once. Without ``batch``, one piece. Problems and warnings go with the piece of the file they concern, those
    of resolving the paths with the first."""
    files, problems, warnings, story_dir = resolve_inputs(paths)
    story = slugify(story_dir.name) if story_dir else slugify(files[0].stem) if len(files) == 1 else None
    result = LoadResult(problems=problems, warnings=warnings, story_dir=story_dir, story=story)
    used: dict[str, int] = {}
    for path in files:
        one = load_file(path, max_bytes=max_bytes)
        result.problems.extend(one.problems)
        result.warnings.extend(one.warnings)
        for art in one.articles:
            base = art.id
            used[base] = used.get(base, 0) + 1
            if used[base] > 1:
                art.id = f"{base}-{used[base]}"
            result.articles.append(art)
        if batch and len(result.articles) >= batch:
            result.warnings = summarise_ignored_fields(result.warnings)
            yield result
            result = LoadResult(story_dir=story_dir, story=story)
    result.warnings = summarise_ignored_fields(result.warnings)
    yield result


def summarise_ignored_fields(warnings: list[str]) -> list[str]:
    """One line for the front-matter fields claimcheck does not use, however many files carry them.

    A CMS export puts the same extra fields (tags, slug, section) in every
    file; fifty identical warnings hide the one that matters.
    """
    per_file = [w for w in warnings if IGNORED_FIELDS in w]
    if len(per_file) <= 1:
        return warnings
    counts: dict[str, int] = {}
    for w in per_file:
        for name in w.split(IGNORED_FIELDS, 1)[1].split(", "):
            counts[name] = counts.get(name, 0) + 1
    fields = ", ".join(f"{name} ({n})" for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    first = per_file[0].split(IGNORED_FIELDS, 1)[0]
    summary = f"front matter field(s) ignored in {len(per_file)} files (first: {first}): {fields}"
    return [w for w in warnings if IGNORED_FIELDS not in w] + [summary]
