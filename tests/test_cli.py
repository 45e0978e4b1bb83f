"""The command line as an editor uses it: options, outputs, exit codes."""
from __future__ import annotations

import json
import shutil

import yaml

from .clihelp import run
from .conftest import STORY


def test_check_writes_three_reports_into_the_story_folder(tmp_path):
    story = tmp_path / "apec"
    shutil.copytree(STORY / "articles", story / "articles")
    r = run("check", story)
    assert r.code == 0, r.err
    for name in ("report.yaml", "report.md", "report.json"):
        assert (story / name).exists()
    assert "wrote" in r.err and r.out == ""
    assert yaml.safe_load((story / "report.yaml").read_text())["story"] == "apec"


def test_out_dash_prints_one_format_to_stdout_and_nothing_else(tmp_path):
    r = run("check", STORY, "--out", "-", "--format", "json")
    assert r.code == 0, r.err
    report = json.loads(r.out)
    assert report["schema"] == "claimcheck.report/1"
    r = run("check", STORY, "--out", "-", "--format", "yaml,md")
    assert r.code == 2 and "one format" in r.err


def test_out_dash_without_a_format_prints_json():
    r = run("check", STORY, "--out", "-")
    assert r.code == 0, r.err
    assert json.loads(r.out)["schema"] == "claimcheck.report/1"


def test_version():
    from claimcheck import __version__
    r = run("--version")
    assert r.code == 0 and r.out.strip() == f"claimcheck {__version__}" and __version__[0].isdigit()


def test_out_folder_and_format_choice(tmp_path):
    r = run("check", STORY, "--out", tmp_path, "--format", "md", "--quiet")
    assert r.code == 0 and r.err == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]


def test_files_and_folders_of_files_are_accepted(tmp_path):
    files = sorted((STORY / "articles").iterdir())
    r = run("check", *files, "--out", tmp_path, "--format", "yaml", "-q")
    assert r.code == 0, r.err
    assert len(yaml.safe_load((tmp_path / "report.yaml").read_text())["articles"]) == 2


def test_help_explains_every_option():
    for cmd in ("check", "quotes", "review"):
        r = run(cmd, "--help")
        assert r.code == 0
    text = run("check", "--help").out
    for opt in ("--out", "--format", "--fail-on", "--ledger", "--jobs", "--scheduler", "--quote-threshold",
                "--sentence-threshold", "--max-postings", "--near-copy", "--quiet"):
        assert opt in text


def test_quotes_command_prints_speakers_for_eyeballing():
    r = run("quotes", STORY / "articles" / "joongang-daily.txt")
    assert r.code == 0, r.err
    assert "Matthew Miller" in r.out and "Park Jin" in r.out and "poly-crises" in r.out
    assert "1/3" in r.out and "3/3" in r.out  # Miller's two-paragraph quote is one quotation
    # the attribution as the page words it, so the editor can find it: "according to X" reads in its own order
    assert "[according to U.S. State Department]" in r.out and "[Matthew Miller told]" in r.out


def test_checking_a_folder_of_articles_twice_does_not_read_its_own_reports(tmp_path):
    """Articles straight in the folder: the reports land beside them, and the next run must skip every one of them."""
    for p in (STORY / "articles").iterdir():
        shutil.copy(p, tmp_path / p.name)
    first = run("check", tmp_path)
    assert first.code == 0, first.err
    assert {"report.yaml", "report.md", "report.json", "report.html"} <= {p.name for p in tmp_path.iterdir()}
    second = run("check", tmp_path)
    assert second.code == 0, second.err
    assert "2 article(s) checked" in second.err


def test_missing_path_is_a_one_line_error_exit_2(tmp_path):
    r = run("check", tmp_path / "nope")
    assert r.code == 2
    assert r.err.strip().count("\n") == 0 and "nope" in r.err and "Traceback" not in r.err


def test_unknown_format_is_rejected():
    r = run("check", STORY, "--format", "pdf", "--out", "-")
    assert r.code == 2 and "pdf" in r.err


def test_thresholds_from_the_command_line_are_used_and_recorded():
    strict = yaml.safe_load(run("check", STORY, "--out", "-", "--format", "yaml", "--quote-threshold", "95",
                                "--max-postings", "50").out)
    assert strict["settings"]["quote_threshold"] == 95.0 and strict["settings"]["max_postings"] == 50
    [poly] = [q for q in strict["quotes"] if "poly-crisis era" in q["text"]]
    assert poly["status"] == "single-source"  # the 87.0 variant is under 95


def test_an_archive_sized_run_writes_json_only_unless_asked(tmp_path, monkeypatch):
    from claimcheck import api
    monkeypatch.setattr(api, "LARGE_RUN", 1)  # the example's two articles count as an archive here
    outcome = api.check([STORY], out=tmp_path / "auto")
    assert [p.name for p in outcome.written] == ["report.json"]
    assert any("report.json only" in w for w in outcome.warnings)
    asked = api.check([STORY], out=tmp_path / "asked", formats=["yaml", "md"])
    assert [p.name for p in asked.written] == ["report.yaml", "report.md"]
