"""Reports an editor reviews and a ledger that never loses a verdict."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from claimcheck import api
from claimcheck.ledger import load_ledger
from claimcheck.markdown import to_markdown
from claimcheck.model import InputError

from .clihelp import run
from .conftest import FIXTURES

SMALL = FIXTURES / "small-set"
SNAPSHOT = Path(__file__).parent / "snapshots" / "small-set.md"


@pytest.fixture
def story(tmp_path):
    s = tmp_path / "barrier"
    shutil.copytree(SMALL, s / "articles")
    return s


def quote_id(story, words):
    report = api.check([story], write=False).report
    [q] = [q for q in report["quotes"] if words in q["text"]]
    return q["id"]


def test_review_lists_items_awaiting_a_verdict_most_urgent_first(story):
    r = run("review", story)
    assert r.code == 0, r.err
    lines = r.out.strip().splitlines()
    assert "[variant]" in lines[0] and "4,000 homes" in lines[0] or "40,000" in lines[0]
    assert any("[single-source]" in line and "We lost everything" in line for line in lines)


def test_verdict_recorded_merged_and_survives_reruns(story):
    qid = quote_id(story, "4,000 homes")
    r = run("review", story, "--set", qid, "verdict=disputed", "note=Valley Post says 40,000", "reviewer=ana",
            "--date", "2026-11-20")
    assert r.code == 0, r.err
    ledger = yaml.safe_load((story / "review.yaml").read_text())
    assert ledger["decisions"][-1] == {"id": qid, "verdict": "disputed", "note": "Valley Post says 40,000",
                                       "reviewer": "ana", "date": "2026-11-20",
                                       "text": next(t for t in [ledger["decisions"][-1]["text"]])}
    for _ in range(2):
        assert run("check", story, "-q").code == 0
        report = yaml.safe_load((story / "report.yaml").read_text())
        [q] = [q for q in report["quotes"] if q["id"] == qid]
        assert q["review"]["verdict"] == "disputed" and q["review"]["reviewer"] == "ana"
    assert qid not in run("review", story).out
    assert "verdict: **disputed**" in (story / "report.md").read_text()


def test_check_never_writes_the_ledger_and_keeps_hand_edits_and_comments(story):
    qid = quote_id(story, "4,000 homes")
    assert run("review", story, "--set", qid, "verdict=confirmed", "reviewer=ana").code == 0
    path = story / "review.yaml"
    path.write_text(path.read_text().replace("reviewer: ana", "reviewer: ana  # checked with the engineer"))
    before = path.read_bytes()
    assert run("check", story, "-q").code == 0
    assert path.read_bytes() == before
    other = quote_id(story, "We lost everything")
    assert run("review", story, "--set", other, "verdict=needs-follow-up").code == 0
    text = path.read_text()
    assert text.startswith(before.decode()) and "# checked with the engineer" in text
    assert len(load_ledger(path).decisions) == 2


def test_verdict_goes_stale_when_the_quote_is_edited_and_orphaned_when_deleted(story):
    qid = quote_id(story, "We lost everything")
    assert run("review", story, "--set", qid, "verdict=confirmed", "reviewer=ana").code == 0
    art = story / "articles" / "valley-post.txt"
    art.write_text(art.read_text().replace("We lost everything last spring", "We lost nearly everything last spring"))
    assert run("check", story, "-q").code == 0
    report = yaml.safe_load((story / "report.yaml").read_text())
    [q] = [q for q in report["quotes"] if "nearly everything" in q["text"]]
    assert q["review"]["stale"] is True and q["review"]["verdict"] == "confirmed"
    assert report["reviews"]["stale"][0]["old_text"] == "We lost everything last spring."
    assert "[single-source] (verdict stale)" in run("review", story).out
    art.write_text(art.read_text().replace('"We lost nearly everything last spring," said Mary Quinn, who lives near the bank.', ""))
    assert run("check", story, "-q").code == 0
    report = yaml.safe_load((story / "report.yaml").read_text())
    assert [o["id"] for o in report["reviews"]["orphaned"]] == [qid]
    assert "orphaned verdict" in (story / "report.md").read_text()
    assert qid in (story / "review.yaml").read_text()


def test_malformed_ledger_is_a_clear_error_and_never_overwritten(story):
    path = story / "review.yaml"
    path.write_text("decisions:\n- id: x\n  verdict: maybe\n")
    before = path.read_bytes()
    r = run("check", story)
    assert r.code == 2 and "review.yaml" in r.err and "verdict must be one of" in r.err
    r = run("review", story, "--set", "x", "verdict=confirmed")
    assert r.code == 2
    assert path.read_bytes() == before
    path.write_text("decisions: [unclosed\n")
    r = run("check", story)
    assert r.code == 2 and "malformed review ledger" in r.err


def test_unknown_claim_id_or_verdict_is_rejected(story):
    assert run("review", story, "--set", "nope:q:000000", "verdict=confirmed").code == 2
    qid = quote_id(story, "4,000 homes")
    r = run("review", story, "--set", qid, "verdict=probably")
    assert r.code == 2 and "verdict must be one of" in r.err
    assert not (story / "review.yaml").exists()


def test_fail_on_exit_codes_for_a_publishing_pipeline(story):
    r = run("check", story, "-q", "--fail-on", "variant")
    assert r.code == 1 and "4,000 homes" in r.err and "need a verdict" in r.err
    for words in ("4,000 homes", "40,000 homes"):
        assert run("review", story, "--set", quote_id(story, words), "verdict=disputed").code == 0
    assert run("check", story, "-q", "--fail-on", "variant").code == 0
    assert run("check", story, "-q", "--fail-on", "single-source").code == 1
    assert run("check", story, "-q", "--fail-on", "bogus").code == 2


def test_fail_on_speaker_conflict(tmp_path):
    outcome = api.check([FIXTURES / "port-strike"], write=False, fail_on=["speaker-conflict"])
    assert [f["text"][:29] for f in outcome.failures] == ["Our members kept this country"] * 3


def test_markdown_report_snapshot():
    """The Markdown report of a small set, as an editor reads it (update the snapshot deliberately)."""
    md = to_markdown(api.check([SMALL], write=False).report)
    assert md == SNAPSHOT.read_text(encoding="utf-8")


def test_review_names_the_other_speaker_of_a_conflict_and_prints_json_for_scripts():
    r = run("review", FIXTURES / "port-strike")
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert lines[0].startswith("ap-wire:q:4bac70  [speaker-conflict] Willie Adams: Our members kept")
    assert lines[1] == "    other speaker: Dana Whitfield in Coast Times (coast-times:q:4bac70)"
    r = run("review", FIXTURES / "port-strike", "--json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert data["schema"] == "claimcheck.review-queue/1" and data["story"] == "port-strike"
    first = data["items"][0]
    assert first["id"] == "ap-wire:q:4bac70" and first["needs"] == ["speaker-conflict"]
    assert first["speaker_conflicts"] == [{"id": "coast-times:q:4bac70", "article": "coast-times",
                                           "speaker": "Dana Whitfield", "outlet": "Coast Times"}]
    [mckenna] = [i for i in data["items"] if i["id"] == "ap-wire:q:459b4f"]
    assert mckenna["changes"] == [{"what": "number", "from": "$1", "to": "$5", "other": "coast-times:q:59c21b"}]
    queue, report = api.review_queue([FIXTURES / "port-strike"])
    assert api.queue_records(queue, report) == data
