"""Two editors at once, killed writers, overlapping runs, full disks: nothing lost, nothing torn.

Writers run in real processes (forked from a warm server, ``tests.forked``)
and are killed with SIGKILL; a full disk and a read-only file system are
simulated at the system-call boundary (the tests may run as root, for whom
a read-only folder made with chmod is still writable).
"""
from __future__ import annotations

import errno
import json
import os
import random
import signal
import time
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from claimcheck import api, cli, ledger, report
from claimcheck.model import InputError

from .conftest import STORY
from .forked import run_cli_many, start


def record_many(path: str, prefix: str, n: int, done: str | None = None) -> None:
    """Record n verdicts one after another; after each, note its id in ``done`` (for the kill test)."""
    if done:
        Path(f"{done}.{prefix}").touch()  # started: the parent kills from now on
    for i in range(n):
        cid = f"{prefix}-{i}"
        ledger.record(Path(path), cid, "confirmed", f"Claim {cid} as printed.", note="checked", reviewer=prefix)
        if done:
            fd = os.open(done, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            os.write(fd, f"{cid}\n".encode())
            os.close(fd)


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_two_editors_recording_50_verdicts_each_at_once_lose_none(tmp_path):
    path = tmp_path / "review.yaml"
    editors = [start(record_many, str(path), name, 50) for name in ("ana", "ben")]
    for p in editors:
        p.join(120)
        assert p.exitcode == 0
    ids = [d.id for d in ledger.load_ledger(path).decisions]
    assert sorted(ids) == sorted(f"{n}-{i}" for n in ("ana", "ben") for i in range(50))
    assert temp_files(tmp_path) == []


def test_100_random_kills_of_a_verdict_being_recorded_leave_a_whole_ledger_with_every_recorded_verdict(tmp_path):
    path, done = tmp_path / "review.yaml", tmp_path / "done.txt"
    rng = random.Random(16)
    for k in range(100):
        before = len(done.read_text().split()) if done.exists() else 0
        writer = start(record_many, str(path), f"k{k}", 1000, str(done))
        deadline = time.monotonic() + 30
        # kill only once this writer has recorded a verdict, so every kill lands mid-recording however loaded the
        # machine is, then at a random moment of a later one: reading, checking, writing, renaming
        while writer.is_alive() and time.monotonic() < deadline and (
                not done.exists() or len(done.read_text().split()) <= before):
            time.sleep(0.002)
        time.sleep(rng.uniform(0.0, 0.1))
        os.kill(writer.pid, signal.SIGKILL)
        writer.join()
        recorded = done.read_text().split() if done.exists() else []
        ids = {d.id for d in ledger.load_ledger(path).decisions}  # parses, or raises: a torn ledger fails here
        assert set(recorded) <= ids, f"kill {k}: verdicts recorded before the kill are missing"
    assert len(recorded) >= 100  # every writer was killed after recording at least one verdict
    record_many(str(path), "after", 1)  # the next writer clears what killed writers left behind
    assert temp_files(tmp_path) == []


def write_set(folder: str, tag: str, rounds: int) -> None:
    """Write three large files as one set, ``rounds`` times, each file saying which writer wrote it."""
    chunk = f"{tag} " * 200_000
    for r in range(rounds):
        report.write_files([(Path(folder) / name, [f"{tag}\n", chunk, f"\nend {tag} {r}\n"])
                            for name in ("report.yaml", "report.md", "report.json")])


def test_two_runs_writing_one_story_s_reports_at_once_never_leave_a_mixed_or_torn_set(tmp_path):
    for round_ in range(8):
        writers = [start(write_set, str(tmp_path), tag, 3) for tag in ("run-a", "run-b")]
        seen = []
        while any(w.is_alive() for w in writers):
            for name in ("report.yaml", "report.md", "report.json"):
                if (tmp_path / name).exists():
                    text = (tmp_path / name).read_text()
                    tag = text.split("\n", 1)[0]
                    assert text.endswith("\n") and f"\nend {tag} " in text, "a torn report"
                    seen.append(tag)
        for w in writers:
            w.join()
            assert w.exitcode == 0
        tags = {(tmp_path / n).read_text().split("\n", 1)[0] for n in ("report.yaml", "report.md", "report.json")}
        assert len(tags) == 1, f"round {round_}: a set mixed from two runs: {tags}"
        assert temp_files(tmp_path) == []


def test_two_check_runs_at_once_on_one_story_leave_one_run_s_reports(tmp_path):
    out = tmp_path / "out"
    runs = run_cli_many([("check", STORY, "--out", out, "--story", name) for name in ("first-run", "second-run")],
                        timeout=120)
    assert [r.code for r in runs] == [0, 0]
    stories = {yaml.safe_load((out / "report.yaml").read_text())["story"],
               json.loads((out / "report.json").read_text())["story"]}
    assert len(stories) == 1 and temp_files(out) == []
    assert f"# claimcheck report: {stories.pop()}" in (out / "report.md").read_text()


@pytest.fixture
def previous_reports(tmp_path):
    """A story folder whose reports were written by an earlier run."""
    out = tmp_path / "story"
    api.check([STORY], out=out)
    return out, {p.name: p.read_bytes() for p in out.iterdir()}


def fail_second(monkeypatch, target, name: str, err: int) -> None:
    """Make the second call of ``target.name`` fail with ``err``, as a disk that fills up half way does."""
    real = getattr(target, name)
    calls = []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) >= 2:
            raise OSError(err, os.strerror(err))
        return real(*args, **kwargs)
    monkeypatch.setattr(target, name, failing)


@pytest.mark.parametrize("where,err", [("fsync", errno.ENOSPC), ("mkstemp", errno.EROFS)])
def test_a_full_disk_or_read_only_folder_is_a_clear_error_and_the_previous_reports_stay(
        previous_reports, monkeypatch, where, err):
    out, before = previous_reports
    fail_second(monkeypatch, report.os if where == "fsync" else report.tempfile, where, err)
    with pytest.raises(api.WriteError) as caught:
        api.check([STORY], out=out)
    assert str(caught.value) == (f"{out}: cannot write the reports: {os.strerror(err)}; "
                                 "the reports already there are unchanged")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # the same files, unchanged, no temporaries


def test_the_command_line_says_the_reports_could_not_be_written(previous_reports, monkeypatch):
    out, before = previous_reports
    fail_second(monkeypatch, report.os, "fsync", errno.ENOSPC)
    result = CliRunner().invoke(cli.app, ["check", str(STORY), "--out", str(out), "--quiet"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == (f"error: {out}: cannot write the reports: No space left on "
                                                      "device; the reports already there are unchanged")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder; simulated above")
def test_a_read_only_output_folder_is_a_clear_error(previous_reports):
    out, before = previous_reports
    out.chmod(0o555)
    try:
        [r] = run_cli_many([("check", STORY, "--out", out)], timeout=120)
    finally:
        out.chmod(0o755)
    assert r.code == 2 and "cannot write the reports: Permission denied" in r.err and "Traceback" not in r.err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_ledger_that_cannot_be_written_is_a_clear_error_and_stays_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "review.yaml"
    record_many(str(path), "ana", 1)
    before = path.read_bytes()
    monkeypatch.setattr(report.os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(errno.ENOSPC, "No space left on device")))
    with pytest.raises(InputError) as caught:
        ledger.record(path, "ben-0", "disputed", "Another claim.")
    assert str(caught.value) == f"{path}: cannot update the review ledger: No space left on device; it is unchanged"
    assert path.read_bytes() == before and temp_files(tmp_path) == []
