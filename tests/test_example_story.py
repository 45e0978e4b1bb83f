"""The worked example of DESIGN.md: what an editor must see on the two real pages."""
from __future__ import annotations

import yaml

from claimcheck import api
from claimcheck.report import to_json, to_yaml

from .conftest import STORY, find_quote, quotes_of

HERALD, JOONGANG = "koreaherald-yonhap", "joongang-daily"


def test_poly_crisis_quotes_are_variants_of_each_other_with_word_diff(example_report):
    herald = find_quote(example_report, HERALD, "poly-crisis era")
    joongang = find_quote(example_report, JOONGANG, "poly-crises era")
    assert herald["status"] == joongang["status"] == "variant"
    [m] = [m for m in herald["matches"] if m["id"] == joongang["id"]]
    assert m["relation"] == "variant"
    assert {"op": "insert", "to": "international"} in m["diff"]
    assert {"op": "replace", "from": "poly-crisis", "to": "poly-crises"} in m["diff"]
    assert "substantive" not in m["flags"]
    assert any(b["id"] == herald["id"] for b in joongang["matches"])


def test_excerpted_quote_is_corroborated_on_both_sides(example_report):
    text = "Strengthening cooperation among like-minded countries is more important than ever."
    herald = find_quote(example_report, HERALD, "Strengthening cooperation")
    joongang = find_quote(example_report, JOONGANG, "Strengthening cooperation")
    assert herald["text"] == text
    assert herald["status"] == joongang["status"] == "corroborated"
    assert [m["relation"] for m in herald["matches"]] == ["excerpt"]
    assert [m["relation"] for m in joongang["matches"]] == ["extended"]


def test_park_jin_speaks_every_park_quote_including_pronoun_cues(example_report):
    for article, words in [(HERALD, "unprecedented heights"), (HERALD, "bearing fruit"), (HERALD, "poly-crisis"),
                           (HERALD, "Strengthening"), (JOONGANG, "poly-crises"), (JOONGANG, "Strengthening")]:
        assert find_quote(example_report, article, words)["speaker"] == "Park Jin", words
    assert find_quote(example_report, HERALD, "bearing fruit")["speaker_mention"] == "he"
    assert find_quote(example_report, HERALD, "poly-crisis")["speaker_mention"] == "He"
    assert find_quote(example_report, HERALD, "poly-crisis")["cue"] == "added"


def test_blinken_miller_and_the_ministry(example_report):
    assert find_quote(example_report, HERALD, "Looking around the world")["speaker"] == "Antony Blinken"
    # "Blinken stressed America's "ironclad commitment" ..., according to the U.S. State Department": the readout is
    # the source, as PolNeAR's annotators mark "X said "…", according to Z" (Z) in every such case of its train split
    assert find_quote(example_report, JOONGANG, "ironclad commitment")["speaker"] == "U.S. State Department"
    miller = [q for q in quotes_of(example_report, JOONGANG) if q["speaker"] == "Matthew Miller"]
    assert len(miller) == 4
    # The quote that runs over two paragraphs (the first never closes) is one passage.
    two_paragraphs = [q for q in miller if q["passage"] == miller[1]["passage"]]
    assert [q["text"][:20] for q in two_paragraphs] == ["At the same time, we", "And it’s useful for ", "But long term, our p"]
    assert two_paragraphs[-1]["speaker_mention"] == "he"
    for words in ("Military cooperation", "three ministers reaffirmed"):
        assert "Foreign Ministry" in find_quote(example_report, JOONGANG, words)["speaker"]


def test_no_boilerplate_becomes_a_sentence_or_quote(example_report):
    texts = [s["text"] for s in example_report["sentences"]] + [q["text"] for q in example_report["quotes"]]
    joined = "\n".join(texts)
    for furniture in ("相关", "Hyundai Motor bolsters", "Home >", "print dictionary", "ESTHER CHUNG", "joongang.co.kr",
                      "Log in to Twitter", "write comments", "Standards Board", "lock icon", "Related Article",
                      "Woman faces prosecution", "MINISTRY OF FOREIGN AFFAIRS"):
        assert furniture not in joined, furniture
    # the photo caption (printed twice, closed by a credit) describes a picture: it is not a claim
    assert not [t for t in texts if t.startswith("From left, Foreign Minister Park Jin")]


def test_short_partial_quotes_are_kept(example_report):
    for article, words in [(HERALD, "intense focus"), (HERALD, "whole range"), (JOONGANG, "ironclad commitment"),
                           (HERALD, "unprecedented heights")]:
        q = find_quote(example_report, article, words)
        assert q["partial"] is True and q["text"] == words


def test_herald_page_origin_is_yonhap_from_its_credit(example_report):
    arts = {a["id"]: a for a in example_report["articles"]}
    assert arts[HERALD]["origin"] == "Yonhap"
    assert arts[HERALD]["outlet"] == "The Korea Herald"
    assert arts[JOONGANG]["origin"] == "Korea JoongAng Daily"
    assert arts[JOONGANG]["byline"] == "Esther Chung"
    assert not any(s["text"].endswith("(Yonhap)") for s in example_report["sentences"])


def test_two_runs_give_byte_identical_reports(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    api.check([STORY], out=a)
    api.check([STORY], out=b)
    for name in ("report.yaml", "report.md", "report.json", "report.html"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_report_follows_the_schema_and_json_matches_yaml(example_report):
    assert example_report["schema"] == "claimcheck.report/1"
    for key in ("story", "articles", "summary", "quotes", "sentences"):
        assert key in example_report
    q = example_report["quotes"][0]
    for key in ("id", "article", "text", "speaker", "speaker_mention", "cue", "partial", "cluster", "status", "matches"):
        assert key in q
    assert yaml.safe_load(to_yaml(example_report)) == __import__("json").loads(to_json(example_report))
    assert "!!python" not in to_yaml(example_report)


def test_the_committed_example_reports_are_current():
    """claims/ holds the reports `make demo` writes; they must match what the code produces now."""
    outcome = api.check([STORY], write=False)
    for fmt in api.ALL_FORMATS:
        committed = (STORY / api.FORMATS[fmt][0]).read_text(encoding="utf-8")
        assert committed == api.render(outcome.report, fmt, outcome.analysis), f"regenerate {api.FORMATS[fmt][0]}"
