"""report.html as written: self-contained, escaped, every item in place (the page's behaviour is in test_html_browser)."""
from __future__ import annotations

import json

import lxml.html
import pytest
from hypothesis import given, settings, strategies as st

from claimcheck import api
from claimcheck.html import Body, paragraphs

from .conftest import FIXTURES, STORY
from .test_copies import LOCAL, WIRE, write

HOSTILE = """---
title: Hackers hit the <script> tag again
outlet: Harbor Ledger
---
Researchers said the attack hid <script>window.__pwned = 1</script> inside a comment field.

"We found </script><img src=x onerror="window.__pwned=2"> in 4,000 pages," said analyst Rosa Diaz.

The vendor said {{ 7*7 }} and &amp; entities were left untouched.
"""

OTHER = """---
title: Comment fields used to plant code
outlet: Bay Courier
---
"We found </script><img src=x onerror="window.__pwned=2"> in 40,000 pages," said Rosa Diaz, an analyst.

Site owners were told to update.
"""


@pytest.fixture
def hostile(tmp_path):
    story = tmp_path / "hostile"
    (story / "articles").mkdir(parents=True)
    (story / "articles" / "ledger.md").write_text(HOSTILE, encoding="utf-8")
    (story / "articles" / "courier.md").write_text(OTHER, encoding="utf-8")
    return story


def page_of(path):
    outcome = api.check([path], write=False)
    return outcome, api.render(outcome.report, "html", outcome.analysis)


def test_article_text_is_text_never_markup(hostile):
    _, page = page_of(hostile)
    doc = lxml.html.fromstring(page)
    scripts = doc.xpath("//script")
    assert [s.get("type") for s in scripts] == ["application/json", None]
    assert "__pwned" not in scripts[1].text and "</script" not in scripts[0].text
    assert not doc.xpath("//img") and not doc.xpath("//*[@onerror]")
    for label in doc.xpath("//span[contains(@class, 'lbl')]"):
        label.drop_tree()
    body = doc.xpath("//main")[0].text_content()
    assert "hid <script>window.__pwned = 1</script> inside" in body
    assert '</script><img src=x onerror="window.__pwned=2">' in body
    assert "{{ 7*7 }} and &amp; entities" in body
    assert "Hackers hit the <script> tag again" in doc.xpath("//article[@data-article='ledger']/p[@class='title']")[0].text_content()


def test_page_is_self_contained(hostile):
    _, page = page_of(hostile)
    doc = lxml.html.fromstring(page)
    assert not doc.xpath("//*[@src]") and not doc.xpath("//link")
    assert all(h.startswith("#") for h in doc.xpath("//@href"))
    csp = doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert csp.startswith("default-src 'none'") and "unsafe-inline" not in csp


def test_articles_read_as_printed_with_every_item_marked_once():
    outcome, page = page_of(STORY)
    report = outcome.report
    doc = lxml.html.fromstring(page)
    for i, d in enumerate(outcome.analysis.docs):
        paras = doc.xpath(f"//article[@data-article='{d.article.id}']/p[not(@class)]")
        for el in doc.xpath("//span[contains(@class, 'lbl')]"):
            el.drop_tree()
        text, spans = outcome.analysis.body(i)  # the body as loaded, kept in the run's store for the page
        assert [p.text_content() for p in paras] == [text[start:end] for start, end in spans]
    doc = lxml.html.fromstring(page)
    for item in report["quotes"] + report["sentences"]:
        [el] = doc.xpath(f"//*[@id='{item['id']}']")
        assert el.get("tabindex") == "0" and f"st-{item['status']}" in el.get("class")
    [q] = doc.xpath("//mark[@id='koreaherald-yonhap:q:4c39c9']")
    assert q.xpath("./span[contains(@class,'lbl')]")[0].text == "variant wording"


def test_verdicts_and_stale_verdicts_are_shown(tmp_path):
    story = tmp_path / "barrier"
    (story / "articles").mkdir(parents=True)
    for f in (FIXTURES / "small-set").iterdir():
        (story / "articles" / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    report = api.check([story], write=False).report
    [q] = [q for q in report["quotes"] if "4,000 homes" in q["text"]]
    api.record_verdict([story], q["id"], "disputed", note="Valley Post says 40,000", reviewer="ana", date="2026-11-20")
    art = story / "articles" / "valley-post.txt"
    [m] = [q for q in report["quotes"] if "We lost everything" in q["text"]]
    api.record_verdict([story], m["id"], "confirmed", reviewer="ana", date="2026-11-20")
    art.write_text(art.read_text().replace("We lost everything", "We lost nearly everything"))
    outcome, page = page_of(story)
    doc = lxml.html.fromstring(page)
    assert "2 with a verdict (1 stale)" in doc.xpath("//p[@id='counts']")[0].text_content()
    assert doc.xpath(f"//*[@id='{q['id']}']/span[contains(@class,'lbl-verdict')]")[0].text == "disputed"
    stale = [i for i in outcome.report["quotes"] if "nearly" in i["text"]][0]
    assert doc.xpath(f"//*[@id='{stale['id']}']/span[contains(@class,'lbl-verdict')]")[0].text == "confirmed, stale"


def test_html_is_written_with_the_other_reports_and_byte_identical(tmp_path):
    a = api.check([STORY], out=tmp_path / "a")
    api.check([STORY], out=tmp_path / "b")
    assert [p.name for p in a.written] == ["report.yaml", "report.md", "report.json", "report.html"]
    assert (tmp_path / "a" / "report.html").read_bytes() == (tmp_path / "b" / "report.html").read_bytes()


@st.composite
def laid_out(draw, overlapping=False):
    """An article body, its paragraphs, and sentences and quotes that may cross paragraphs and each other.

    Items of one kind never overlap in a report (sentences follow one
    another, and so do the sentences of quotations), unless ``overlapping``.
    """
    n = draw(st.integers(1, 120))

    def disjoint(kind):
        cuts = sorted(draw(st.sets(st.integers(0, n), max_size=12)))
        pairs = [(a, b) for a, b in zip(cuts[::2], cuts[1::2]) if b > a]
        if overlapping:
            spans = st.tuples(st.integers(0, n - 1), st.integers(1, 40)).map(lambda t: (t[0], min(n, t[0] + t[1])))
            pairs = draw(st.lists(spans, max_size=8, unique=True))
        return [{"id": f"{kind}{k}", "start": a, "end": b} for k, (a, b) in enumerate(pairs)]

    paras = [(p["start"], p["end"]) for p in disjoint("p") if not overlapping] or [(0, n)]
    return "".join(chr(97 + i % 26) for i in range(n)), paras, disjoint("s"), disjoint("q")


def walk(text, paras, sents, quotes):
    """The layout, checked to hold the paragraph text in order; returns the ids whose first piece was marked."""
    laid = paragraphs(Body(text, paras), sents, quotes)
    firsts = []
    for (ps, pe), runs in zip(paras, laid):
        pos = ps
        for run in runs:
            firsts += [run.sentence["id"]] if run.first else []
            for mark in run.marks:
                end = pos + len(mark.text)
                for item in (run.sentence, mark.quote):
                    if item is not None:
                        assert item["start"] <= pos and end <= item["end"]
                firsts += [mark.quote["id"]] if mark.first else []
                pos = end
        assert pos == pe and "".join(m.text for r in runs for m in r.marks) == text[ps:pe]
    return firsts


@settings(max_examples=300, deadline=None)
@given(laid_out())
def test_layout_keeps_the_text_and_marks_each_item_once_where_it_is(case):
    text, paras, sents, quotes = case
    shown = {i["id"] for i in sents + quotes if any(i["start"] < pe and i["end"] > ps for ps, pe in paras)}
    assert sorted(walk(*case)) == sorted(shown)


@settings(max_examples=200, deadline=None)
@given(laid_out(overlapping=True))
def test_layout_survives_items_of_one_kind_that_overlap(case):
    firsts = walk(*case)
    assert len(firsts) == len(set(firsts))


def test_an_exact_copy_links_to_the_article_it_copies_and_a_repeated_line_says_how_often(tmp_path):
    for k, outlet in enumerate(["Coast Times", "Valley Herald"]):
        write(tmp_path, f"copy-{k}", outlet, WIRE.replace("on Tuesday evening.", "on Tuesday evening.\n\n"
                                                           '"Not today."  "Not today."  "Not today."'))
    write(tmp_path, "local", "Harbor Gazette", LOCAL)
    outcome = api.check([tmp_path], write=False)
    page = lxml.html.fromstring(api.render(outcome.report, "html", outcome.analysis))
    [copy] = page.xpath("//article[@data-article='copy-1']")
    assert "An exact copy of Coast Times copy-0" in copy.text_content() and not copy.xpath(".//mark")
    assert copy.xpath(".//a[@href='#h-copy-0']")
    [data] = page.xpath("//script[@id='claimcheck-data']")
    items = json.loads(data.text)
    [refrain] = [i for i in items.values() if i["text"] == "Not today."]
    assert refrain["occurrences"] == 3
    ruiz = next(i for i in items.values() if i["text"].startswith("We did not want this strike"))
    assert {(m["article"], m["where"]) for m in ruiz["matches"]} >= {("local", "page"), ("copy-1", "copy")}


def test_check_first_lists_a_wire_quote_and_its_reprint_once_with_links_to_both():
    _, page = page_of(FIXTURES / "port-strike")
    doc = lxml.html.fromstring(page)
    [entry] = [li for li in doc.xpath("//section[@class='cf cf-single-source']//li") if "at any hour" in li.text_content()]
    assert "(same origin); also" in entry.text_content()
    assert {a.get("data-go") for a in entry.xpath(".//a")} >= {"ap-wire:q:180a06", "valley-herald-reprint:q:180a06"}
