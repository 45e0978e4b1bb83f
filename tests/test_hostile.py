"""Fuzzing with hostile input: no traceback, no hang, no input modified, every error naming its file.

A corpus of hostile files is written at test time (``tests/corpus.py``:
every kind of bad input of issue 15 and the odd-but-good articles of issue
16) and each file is checked alone by the real command line in its own
process, killed at 30 s; then the whole corpus is checked as one folder.
Hypothesis adds random bytes in every input format.
"""
from __future__ import annotations

import codecs
import hashlib
import os
import stat
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings, strategies as st

from claimcheck.decode import NotText, decode
from claimcheck.load import KNOWN_SUFFIXES, load_file
from claimcheck.paths import shown

from .corpus import write_hostile, write_variants
from .forked import run_cli_many

TIME_LIMIT = 30.0


def fingerprint(folder: Path) -> dict[str, tuple]:
    """What each input is, without reading pipes or devices: content hash and mtime, or link target, or type."""
    out = {}
    for name in os.listdir(folder):
        p = folder / name
        info = p.lstat()
        if stat.S_ISLNK(info.st_mode):
            out[name] = ("link", os.readlink(p))
        elif stat.S_ISREG(info.st_mode):
            out[name] = ("file", hashlib.sha256(p.read_bytes()).hexdigest(), info.st_mtime_ns, info.st_mode)
        else:
            out[name] = ("other", info.st_mode)
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    folder = tmp_path_factory.mktemp("hostile") / "articles"
    expect = write_hostile(folder)
    expect.update(write_variants(folder))
    return folder, expect


def _message_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith(("error:", "warning:"))]


def test_every_hostile_file_alone_is_a_clean_outcome(corpus, tmp_path):
    folder, expect = corpus
    before = fingerprint(folder)
    names = sorted(expect)
    runs = run_cli_many([("check", folder / name, "--out", tmp_path / f"out-{i}", "--format", "json", "-j", "1")
                         for i, name in enumerate(names)], timeout=TIME_LIMIT)  # two runs at a time, one core each
    failures = []
    for i, (name, r) in enumerate(zip(names, runs)):
        out = tmp_path / f"out-{i}"
        what, shown_name = expect[name], shown(folder / name)
        why = []
        if r.code is None:
            why.append(f"hung: killed after {TIME_LIMIT:.0f} s")
        elif "Traceback" in r.err or r.code not in (0, 2):
            why.append(f"exit {r.code}: {r.err[-600:]}")
        for line in _message_lines(r.err):
            if shown_name not in line:
                why.append(f"a message that does not name the file: {line[:200]}")
        if what in ("good", "aside") and r.code != 0:
            why.append(f"a good article refused: {r.err[-300:]}")
        if what in ("bad", "partial") and r.code != 2:
            why.append(f"bad input not refused (exit {r.code})")
        if r.code == 2 and not any(line.startswith("error:") for line in _message_lines(r.err)):
            why.append("exit 2 without an error line")
        last = r.err.strip().splitlines()[-1] if r.err.strip() else ""
        reported = (out / "report.json").exists()
        if r.code is not None and reported and "article(s) checked" not in last:
            why.append("a report written but no summary line at the end")
        if why:
            failures.append(f"{name}: " + "; ".join(why))
    assert not failures, "\n".join(failures)
    assert fingerprint(folder) == before


def test_the_hostile_corpus_as_one_folder_checks_the_good_and_names_the_rest(corpus, tmp_path):
    folder, expect = corpus
    before = fingerprint(folder)
    [r] = run_cli_many([("check", folder, "--out", tmp_path, "--format", "yaml", "-j", "1")], timeout=120)
    assert r.code == 2 and "Traceback" not in r.err
    report = yaml.safe_load((tmp_path / "report.yaml").read_text(encoding="utf-8"))
    paths = {a["path"].split(":")[0] for a in report["articles"]}
    aside = {n["path"] for n in report.get("not_analysed", [])}
    refused = "\n".join(report["problems"])
    for name, what in expect.items():
        if what == "good":
            assert shown(f"articles/{name}") in paths, name
        elif what == "aside":
            assert shown(f"articles/{name}") in aside, name
        elif what == "bad":  # refused, or (a pipe, a device) skipped with a warning
            assert str(folder / name) in refused or f"warning: {folder / name}: skipped" in r.err, name
    summary = r.err.splitlines()[-1]
    assert summary.startswith(f"{len(report['articles'])} article(s) checked; {len(aside)} not analysed "
                              f"(language not supported yet: {len(aside)}); {len(report['problems'])} refused (")
    assert fingerprint(folder) == before


@pytest.mark.parametrize("suffix", sorted(KNOWN_SUFFIXES))
@given(data=st.binary(max_size=3000))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_random_bytes_in_any_format_load_or_give_problems_naming_the_file(tmp_path, suffix, data):
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    result = load_file(path)
    assert all(p.path == str(path) for p in result.problems)
    assert all(w.startswith(str(path)) for w in result.warnings)
    assert result.articles or result.problems


BYTE_ORDER_MARKS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)  # UTF-32 LE
# starts with UTF-16 LE's


@given(st.binary(max_size=2000))
@settings(max_examples=300)
@example(b"\xfe\xff" + b"\x00" * 16)  # UTF-16 with its byte-order mark: decoded without a note
def test_decoding_never_fails_except_for_binary_and_keeps_utf8_intact(data):
    try:
        decoded = decode(data)
    except NotText:
        assert b"\x00" in data
        return
    assert isinstance(decoded.text, str)
    try:
        exact = data.decode("utf-8")
    except UnicodeDecodeError:
        # anything but clean UTF-8 is said, unless a byte-order mark says the encoding (step 1 of ``decode``:
        # certain, so a note only when bytes had to be replaced)
        assert decoded.note or data.startswith(BYTE_ORDER_MARKS)
    else:
        # NUL bytes are read as UTF-16/32 without a byte-order mark when they fit (``decode._utf16_or_binary``):
        # b"\x00\x00\x01\x00" is valid UTF-8 and valid UTF-32, and read as the latter
        if not data.startswith(BYTE_ORDER_MARKS) and b"\x00" not in data:
            assert decoded.text == exact and decoded.note is None


LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?'\"\n-éèàçüöäßñ“”‘’–—€"


@given(st.text(alphabet=LATIN, min_size=20, max_size=400).filter(lambda t: t.strip()))
@settings(max_examples=100)
def test_utf16_without_a_byte_order_mark_comes_back_as_written(text):
    for codec in ("utf-16-le", "utf-16-be"):
        decoded = decode(text.encode(codec))
        assert decoded.text == text and "no byte-order mark" in decoded.note
