"""No good article refused: legacy encodings, UTF-16, odd dates, other scripts, odd file names (issue 16).

The corpus is written at test time by ``tests/corpus.py``; every file holds
the same short story, so each test can say exactly what must come out.
"""
from __future__ import annotations

import os

import pytest
import yaml

from claimcheck import api
from claimcheck.language import unsupported_script
from claimcheck.load import load_paths

from .clihelp import run
from .corpus import STORY_TEXT, write_variants

QUOTE = "We will keep the port open through the winter,"


@pytest.fixture(scope="module")
def variants(tmp_path_factory):
    folder = tmp_path_factory.mktemp("variants")
    write_variants(folder)
    return folder


def one(folder, name):
    loaded = load_paths([folder / name])
    assert not loaded.problems, loaded.problems
    [article] = loaded.articles
    return article, loaded.warnings


@pytest.mark.parametrize("name", ["cp1252.json", "cp1252-undeclared.html", "latin1.txt"])
def test_legacy_encodings_are_decoded_and_the_guess_is_named(variants, name):
    article, warnings = one(variants, name)
    assert "café owners" in article.text and "Tomás Ortega" in article.text
    if name != "latin1.txt":
        assert f"“{QUOTE}”" in article.text
    assert warnings == [f"{variants / name}: not UTF-8; decoded as windows-1252 (guessed)"]


@pytest.mark.parametrize("name", ["cp1252-meta.html", "latin1-http-equiv.html"])
def test_a_page_that_declares_its_charset_is_read_in_it_without_a_warning(variants, name):
    article, warnings = one(variants, name)
    assert "café owners" in article.text and "Tomás Ortega" in article.text and not warnings


@pytest.mark.parametrize("name,warning", [
    ("utf16-bom.txt", None),
    ("utf32-bom.md", None),
    ("utf16le-no-bom.txt", "no byte-order mark; decoded as UTF-16-LE (guessed)"),
    ("utf16be-no-bom.json", "no byte-order mark; decoded as UTF-16-BE (guessed)"),
])
def test_utf16_and_utf32_with_or_without_a_byte_order_mark(variants, name, warning):
    article, warnings = one(variants, name)
    assert article.text.strip() == STORY_TEXT.strip()
    assert warnings == ([f"{variants / name}: {warning}"] if warning else [])


@pytest.mark.parametrize("name,replaced", [("truncated-utf8.txt", 1), ("overlong-utf8.txt", 5)])
def test_damaged_utf8_stays_utf8_with_the_bad_bytes_replaced(variants, name, replaced):
    article, [warning] = one(variants, name)
    assert f"“{QUOTE}”" in article.text and "café" in article.text  # the rest decoded right, not guessed
    assert warning.startswith(f"{variants / name}: invalid UTF-8 from byte ")
    assert warning.endswith(f"; {replaced} undecodable byte(s) replaced with U+FFFD")


@pytest.mark.parametrize("name,raw", [("date-month-13.md", "2023-13-45"), ("date-hour-25.md", "2023-11-15 25:00:00"),
                                      ("date-year-0.md", "0000-01-01")])
def test_an_impossible_front_matter_date_is_kept_as_written_with_a_warning(variants, name, raw):
    article, warnings = one(variants, name)
    assert article.date == raw and QUOTE in article.text
    assert warnings == [f"{variants / name}: front matter date {raw!r} is not a real date; kept as written"]


def test_articles_in_scripts_not_supported_are_kept_and_listed_never_called_furniture(variants):
    outcome = api.check([variants / n for n in ("chinese.txt", "japanese.md", "arabic.txt", "hebrew.html",
                                                "latin1.txt")], write=False)
    assert not outcome.problems and not any("furniture" in w for w in outcome.warnings)
    assert [a["id"] for a in outcome.report["articles"]] == ["latin1"]
    assert outcome.report["not_analysed"] == [
        {"id": "chinese", "path": str(variants / "chinese.txt"), "reason": "language not supported yet",
         "script": "Chinese characters"},
        {"id": "japanese", "path": str(variants / "japanese.md"), "reason": "language not supported yet",
         "script": "Japanese kana"},
        {"id": "arabic", "path": str(variants / "arabic.txt"), "reason": "language not supported yet",
         "script": "Arabic (right to left)"},
        {"id": "hebrew", "path": str(variants / "hebrew.html"), "reason": "language not supported yet",
         "script": "Hebrew (right to left)"},
    ]


def test_a_story_of_only_unsupported_articles_is_a_report_not_an_error(variants, tmp_path):
    outcome = api.check([variants / "chinese.txt"], out=tmp_path, formats=["md"])
    assert outcome.report["articles"] == [] and len(outcome.report["not_analysed"]) == 1
    assert "Not analysed: " in (tmp_path / "report.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("text,script", [
    ("Mayor Ana Ruiz met the delegation from 深圳 and 東京 on Tuesday to talk about the port.", None),
    ("Премьер-министр заявил во вторник, что порт останется открытым всю зиму.", None),
    ("시장은 화요일에 항구가 겨울 내내 열려 있을 것이라고 말했다.", None),
    ("市长周二表示，港口将在整个冬天保持开放。", "Chinese characters"),
    ("นายกเทศมนตรีกล่าวว่าท่าเรือจะเปิดตลอดฤดูหนาว", "Thai"),
    ("महापौर ने मंगलवार को कहा कि बंदरगाह पूरी सर्दी खुला रहेगा।", "Devanagari"),
])
def test_the_script_of_most_letters_decides(text, script):
    assert unsupported_script(text) == script


def test_a_file_name_that_is_not_utf8_keeps_its_article_and_is_shown_as_the_shell_shows_it(variants, tmp_path):
    bad_name = os.path.join(os.fsencode(variants), b"caf\xe9-broken.json")
    with open(bad_name, "wb") as fh:
        fh.write(b'{"text": ')
    try:
        outcome = api.check([variants / os.fsdecode(b"caf\xe9-owners.txt"), os.fsdecode(bad_name)],
                            out=tmp_path, formats=["yaml"])
    finally:
        os.unlink(bad_name)
    [article] = outcome.report["articles"]
    assert article["path"] == f"$'{variants}/caf\\351-owners.txt'" and article["quotes"] == 2
    assert [str(p) for p in outcome.problems] == [
        f"$'{variants}/caf\\351-broken.json': invalid JSON at line 1, column 10: Expecting value"]
    assert yaml.safe_load((tmp_path / "report.yaml").read_text(encoding="utf-8"))["articles"][0]["id"] == "caf-owners"


def test_the_whole_variant_corpus_is_checked_or_listed_and_the_run_ends_with_a_summary(variants, tmp_path):
    r = run("check", variants, "--out", tmp_path, "--format", "json")
    assert r.code == 0 and "Traceback" not in r.err and "error:" not in r.err
    assert r.err.strip().splitlines()[-1] == ("15 article(s) checked; 4 not analysed "
                                              "(language not supported yet: 4); 0 refused")
    for line in r.err.splitlines():
        if line.startswith("warning:"):
            assert line.startswith(f"warning: {variants}/") or line.startswith(f"warning: $'{variants}/"), line


def test_the_summary_counts_refused_files_by_reason(tmp_path):
    (tmp_path / "a.txt").write_text(STORY_TEXT, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "blank.md").write_text("\n\n", encoding="utf-8")
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    outcome = api.check([tmp_path], write=False)
    assert api.run_summary(len(outcome.report["articles"]), outcome.report.get("not_analysed", []),
                           outcome.problems) == "1 article(s) checked; 0 not analysed; 3 refused (empty file: 2, invalid JSON: 1)"
