"""Reading the article sets newsrooms have, and surviving the bad ones."""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
import yaml

from bench import big_file
from claimcheck import api
from claimcheck.clean import clean
from claimcheck.load import load_paths
from claimcheck.model import Article, InputError

from .clihelp import run
from .conftest import FIXTURES, STORY

FORMATS = FIXTURES / "formats"


def article(text: str, **meta) -> Article:
    return Article(id="a", path="a.txt", text=text, **meta)


def test_html_page_through_trafilatura_keeps_the_story_and_drops_the_page():
    doc = api.article_quotes(FORMATS / "metro-daily.html")
    a = doc.article
    assert (a.outlet, a.byline, a.date) == ("Metro Daily", "Priya Natarajan", "2024-03-06")
    assert a.url.endswith("harbor-bridge-funding")
    body = " ".join(s.text for s in doc.sentences)
    assert "voted 7-4 early Wednesday" in body and "public works department" in body
    for furniture in ("Subscribe", "Finally!", "tax grab", "Related coverage", "Bridge inspection", "Privacy", "©"):
        assert furniture not in body
    assert [q.speaker for q in doc.quotes] == ["Rosa Delgado", "Rosa Delgado", "Frank Huang"]


def test_json_list_and_news_api_fields():
    res = load_paths([FORMATS / "cms-export.json"])
    assert [a.id for a in res.articles] == ["wire-4412", "wire-4413"]
    assert res.articles[0].outlet == "City Wire"  # from {"source": {"name": ...}}
    assert res.articles[0].date == "2024-03-06T09:00:00Z"


def test_jsonl_broken_line_names_file_and_line_and_the_rest_are_checked(tmp_path):
    r = run("check", FORMATS / "feed.jsonl", FORMATS / "cms-export.json", "--out", tmp_path, "--format", "yaml")
    assert r.code == 2
    assert "feed.jsonl:2: invalid JSON" in r.err and "Traceback" not in r.err
    report = yaml.safe_load((tmp_path / "report.yaml").read_text())
    assert {"feed-1", "feed-3"} <= {a["id"] for a in report["articles"]}
    assert any("feed.jsonl:2" in p for p in report["problems"])


def test_unknown_extension_skipped_in_a_folder_but_an_error_on_the_command_line(tmp_path):
    shutil.copy(STORY / "articles" / "joongang-daily.txt", tmp_path / "a.txt")
    shutil.copy(STORY / "articles" / "koreaherald-yonhap.txt", tmp_path / "b.txt")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04 not an article")
    r = run("check", tmp_path, "--out", tmp_path / "out")
    assert r.code == 0 and "notes.docx: skipped" in r.err
    r = run("check", tmp_path / "notes.docx")
    assert r.code == 2 and "notes.docx" in r.err and "unknown article format" in r.err


@pytest.mark.parametrize("content,problem", [
    (b"", "empty file"),
    (b"   \n\n  ", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    (b"---\ntitle: [unclosed\n---\nBody text that is long enough to be an article sentence.\n", "malformed front matter"),
    (b"---\ntitle: no closing marker\nBody text.\n", "never closed"),
])
def test_bad_files_are_one_line_errors_exit_2(tmp_path, content, problem):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    r = run("check", bad)
    assert r.code == 2
    assert r.err.strip().splitlines() == [r.err.strip()] and "bad.txt" in r.err and problem in r.err
    assert "Traceback" not in r.err


def test_damaged_utf8_is_decoded_with_replacement_and_a_warning(tmp_path):
    """A UTF-8 export with one broken byte stays UTF-8: the other accents and curly quotes are right."""
    text = "The mayor said the budget was balanced.\n\n“We kept every promise,” Mayor Ana Ruiz said.\n"
    (tmp_path / "damaged.txt").write_bytes(text.encode() + b"Caf\xc3 owners disagreed with the mayor on Monday.\n")
    r = run("check", tmp_path / "damaged.txt", "--out", tmp_path / "out", "--format", "yaml")
    assert r.code == 0, r.err
    assert "damaged.txt: invalid UTF-8 from byte" in r.err
    report = yaml.safe_load((tmp_path / "out" / "report.yaml").read_text())
    assert any("Caf\ufffd owners" in s["text"] for s in report["sentences"])
    assert report["quotes"][0]["text"].startswith("We kept every promise")


def test_a_file_with_no_article_text_after_cleaning_is_an_error(tmp_path):
    (tmp_path / "nav.txt").write_text("Home > News > Local\n\nprint email share\n\nSubscribe to our newsletter\n")
    r = run("check", tmp_path / "nav.txt")
    assert r.code == 2 and "nav.txt: no article text" in r.err


def test_one_article_is_all_single_source_and_the_report_says_why(tmp_path):
    r = run("check", STORY / "articles" / "joongang-daily.txt", "--out", tmp_path, "--format", "yaml", "-q")
    assert r.code == 0
    report = yaml.safe_load((tmp_path / "report.yaml").read_text())
    assert report["summary"]["quotes"]["corroborated"] == report["summary"]["quotes"]["variant"] == 0
    assert "Only one article" in report["notes"][0]


def test_the_same_article_twice_is_a_duplicate_not_corroboration(tmp_path):
    body = (STORY / "articles" / "joongang-daily.txt").read_text()
    (tmp_path / "one.txt").write_text(body.replace("outlet: Korea JoongAng Daily", "outlet: Paper One"))
    (tmp_path / "two.txt").write_text(body.replace("outlet: Korea JoongAng Daily", "outlet: Paper Two"))
    report = api.check([tmp_path / "one.txt", tmp_path / "two.txt"], write=False).report
    assert report["same_origin"] == [{"articles": ["one", "two"], "reason": "near-copy of the whole article"}]
    assert report["summary"]["quotes"]["corroborated"] == 0
    assert all("same-origin" in m["flags"] for q in report["quotes"] for m in q["matches"])


def test_a_large_file_is_checked_whole(tmp_path):
    """A 2 MB article (a live blog, a transcript) is checked whole; the 20 MB case is timed in bench/big_file.py."""
    path, n = big_file.write(tmp_path / "big.txt", 2_000_000)
    outcome = api.check([path], write=False, formats=())
    assert outcome.report["articles"][0]["quotes"] == n
    assert outcome.report["quotes"][-1]["speaker"] == "Dana Ruiz"


def test_inputs_are_never_modified(tmp_path):
    story = tmp_path / "story"
    shutil.copytree(STORY / "articles", story / "articles")
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in (story / "articles").iterdir()}
    assert run("check", story).code == 0
    assert {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in (story / "articles").iterdir()} == before


@pytest.mark.parametrize("first,origin", [
    ("WASHINGTON (AP) — The Senate passed the bill on Friday after a long night of debate.", "AP"),
    ("SEOUL, Nov. 15 (Yonhap) -- North Korea fired a ballistic missile into the sea on Wednesday.", "Yonhap"),
    ("LONDON (Reuters) - British inflation fell more than expected in October, official data showed.", "Reuters"),
    ("PARIS, June 3 (AFP) - French farmers blocked roads around the capital for a third day.", "AFP"),
])
def test_wire_origin_from_datelines(first, origin):
    res = clean(article(first + "\n\nA second paragraph follows with more detail about the story.\n", outlet="Daily Paper"))
    assert res.origin == origin and res.origin_source == "dateline"


@pytest.mark.parametrize("last,origin", [
    ("— Associated Press", "AP"),
    ("Reporting by Jane Smith; Editing by Tom Brown", "Reuters"),
    ("(Yonhap)", "Yonhap"),
])
def test_wire_origin_from_trailing_credits(last, origin):
    text = "The central bank held rates steady on Thursday, citing slowing growth.\n\n" + last + "\n"
    res = clean(article(text, outlet="Daily Paper"))
    assert res.origin == origin


@pytest.mark.parametrize("last,origin,source", [
    ("Associated Press writers Jill Moss in Boston and Omar Haddad in Miami contributed.", "AP", "contributor-credit"),
    ("The Associated Press contributed to this report.", "AP", "contributor-credit"),
    ("Contributing: Reuters", "Reuters", "contributor-credit"),
    ("— Agence France-Presse", "AFP", "credit"),
    ("Contributing: Dana Wills and Lee Park.", "Daily Paper", "outlet"),  # the outlet's own reporters
])
def test_wire_origin_from_contribution_and_credit_lines(last, origin, source):
    text = "The central bank held rates steady on Thursday, citing slowing growth.\n\n" + last + "\n"
    res = clean(article(text, outlet="Daily Paper"))
    assert (res.origin, res.origin_source) == (origin, source)
    assert [why for _, why in res.removed] in (["contributor-credit"], ["wire-credit"])


def test_front_matter_origin_wins_and_outlet_is_the_fallback():
    text = "WASHINGTON (AP) — The Senate passed the bill on Friday after a long night of debate.\n"
    assert clean(article(text, outlet="Paper", origin="Reuters", origin_source="front-matter")).origin == "Reuters"
    assert clean(article("The Senate passed the bill on Friday after a long night.\n", outlet="Paper")).origin == "Paper"


@pytest.mark.parametrize("line,name", [
    ("By Jane Doe", "Jane Doe"),
    ("BY JANE DOE [jane.doe@example.com]", "Jane Doe"),
    ("By Maria Alvarez and Tom Becker", "Maria Alvarez and Tom Becker"),
])
def test_byline_captured_and_removed_from_the_body(line, name):
    text = f"{line}\n\nThe council voted on Tuesday to close the library for renovations.\n"
    res = clean(article(text))
    assert res.byline == name
    kept = " ".join(text[p.start:p.end] for p in res.paragraphs)
    assert line not in kept and "library" in kept


def test_furniture_on_realistic_plain_text_pages_is_dropped_and_prose_kept():
    """tests/fixtures/port-strike: share rows, related lists, prompts, timestamps, credits, comment counts."""
    report = api.check([FIXTURES / "port-strike"], write=False).report
    texts = [s["text"] for s in report["sentences"]]
    for furniture in ("Share this article", "Related stories", "Rail unions reach", "Sign up", "Copyright",
                      "All rights reserved", "Updated June", "contributed", "Follow The London Post", "Comments (12)",
                      "Business |", "By Maria", "___"):
        assert not any(furniture in t for t in texts), furniture
    counts = {a["id"]: a["sentences"] for a in report["articles"]}
    # every paragraph of article prose survives, sentence for sentence
    assert counts == {"ap-wire": 14, "coast-times": 16, "london-post": 10, "valley-herald-reprint": 8}


# --- hostile input: a clear error naming the file, never a hang or a traceback ---------

def test_a_named_pipe_is_refused_not_read(tmp_path):
    import os
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result = load_paths([fifo])
    assert [str(p) for p in result.problems] == [f"{fifo}: not a regular file (a pipe, device or socket): skipped"]


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("The council met on Tuesday. " * 100, encoding="utf-8")
    [problem] = load_paths([big], max_bytes=1000).problems
    assert problem.path == str(big) and problem.message.startswith("over the 1,000 bytes limit for one file: 2,800 bytes")
    assert not load_paths([big], max_bytes=3000).problems


def test_the_size_limit_is_a_command_line_option(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("The council met on Tuesday and voted for the plan. " * 40_000, encoding="utf-8")  # 2 MB
    r = run("check", big, "--out", tmp_path, "--max-file-mb", "1")
    assert r.code == 2 and f"{big}: over the 1 MB limit for one file: 2 MB" in r.err
    assert r.err.strip().splitlines() == [r.err.strip()] and not (tmp_path / "report.json").exists()


@pytest.mark.parametrize("front, message", [
    ("1.5: x\ntitle: T", "key 1.5 is not a name"),
    ("null: y", "key None is not a name"),
    ("a: &x [1, 2]\nb: *x", "aliases (*name) are not allowed"),
])
def test_front_matter_with_odd_keys_or_aliases_is_a_clear_error(tmp_path, front, message):
    path = tmp_path / "a.md"
    path.write_text(f"---\n{front}\n---\nThe council met on Tuesday and voted for the plan.\n", encoding="utf-8")
    [problem] = load_paths([path]).problems
    assert problem.path == str(path) and message in problem.message


def test_json_nested_thousands_deep_is_a_clear_error(tmp_path):
    deep = "[" * 5000 + "]" * 5000
    one = tmp_path / "deep.json"
    one.write_text(deep, encoding="utf-8")
    lines = tmp_path / "feed.jsonl"
    lines.write_text('{"text": "The council met on Tuesday and voted."}\n' + deep + "\n", encoding="utf-8")
    result = load_paths([one, lines])
    assert {(p.path, p.line) for p in result.problems} == {(str(one), None), (str(lines), 2)}
    assert all("nested too deeply" in p.message for p in result.problems)
    assert len(result.articles) == 1


def test_unknown_front_matter_fields_are_one_summary_line_for_a_folder(tmp_path):
    for i in range(5):
        (tmp_path / f"a{i}.md").write_text(f"---\ntitle: Story {i}\nslug: s{i}\ntags: [port]\n---\n"
                                           "The council met on Tuesday and voted for the plan.\n", encoding="utf-8")
    result = load_paths([tmp_path])
    ignored = [w for w in result.warnings if "ignored" in w]
    assert ignored == [f"front matter field(s) ignored in 5 files (first: {tmp_path / 'a0.md'}): slug (5), tags (5)"]


def test_lone_surrogates_in_json_strings_are_replaced_and_the_report_is_written(tmp_path):
    story = tmp_path / "story" / "articles"
    story.mkdir(parents=True)
    (story / "a.json").write_text('{"title": "Port \\ud800 strike", "text": "\\"We will strike,\\" said Ana Ruiz. '
                                  'The port closed \\udc00 on Monday."}', encoding="utf-8")
    (story / "b.txt").write_text('"We will strike," union leader Ana Ruiz said on Monday.\n', encoding="utf-8")
    outcome = api.check([tmp_path / "story"], formats=("yaml", "json"))
    assert not outcome.problems
    assert "\ufffd" in (tmp_path / "story" / "report.yaml").read_text(encoding="utf-8")
