"""Cross-source matching on a realistic multi-outlet set: a wire story, its reprint, two independent reports."""
from __future__ import annotations

import pytest

from claimcheck import api

from .conftest import FIXTURES

SET = FIXTURES / "port-strike"


@pytest.fixture(scope="module")
def report():
    return api.check([SET], write=False).report


def quote(report, article, words):
    [q] = [q for q in report["quotes"] if q["article"] == article and words in q["text"]]
    return q


def match_to(q, article):
    return [m for m in q["matches"] if m["article"] == article]


def test_reprint_of_a_wire_story_is_same_origin_not_corroboration(report):
    assert {"articles": ["ap-wire", "valley-herald-reprint"], "reason": "same wire story: AP"} in report["same_origin"]
    q = quote(report, "ap-wire", "at any hour")
    assert q["status"] == "single-source"
    assert match_to(q, "valley-herald-reprint")[0]["flags"] == ["same-origin"]
    arts = {a["id"]: a for a in report["articles"]}
    assert arts["valley-herald-reprint"]["origin"] == "AP" and arts["valley-herald-reprint"]["outlet"] == "Valley Herald"


def test_identical_quote_from_independent_outlets_is_corroborated(report):
    q = quote(report, "coast-times", "We did not want this strike")
    assert q["status"] == "corroborated"
    assert {m["article"] for m in q["matches"] if m["relation"] == "identical"} >= {"ap-wire", "london-post"}


def test_reworded_quote_is_a_variant_with_its_diff(report):
    q = quote(report, "coast-times", "kept this nation supplied")
    assert q["status"] == "variant"
    [m] = match_to(q, "ap-wire")
    assert m["relation"] == "variant"
    assert {"op": "replace", "from": "nation", "to": "country"} in m["diff"]
    assert "substantive" not in m["flags"]


def test_changed_number_is_flagged_substantive(report):
    q = quote(report, "coast-times", "$5 billion")
    [m] = match_to(q, "ap-wire")
    assert "substantive" in m["flags"]
    assert m["changed"] == [{"what": "number", "from": "$5", "to": "$1"}]


def test_added_negation_is_flagged_substantive(report):
    q = quote(report, "coast-times", "A deal is not within reach")
    [m] = match_to(q, "ap-wire")
    assert m["relation"] == "variant" and "substantive" in m["flags"]
    assert m["changed"][0]["what"] == "negation"


def test_same_words_given_to_another_speaker_is_a_speaker_conflict(report):
    q = quote(report, "coast-times", "they deserve a fair share")
    assert q["speaker"] == "Dana Whitfield"
    [m] = match_to(q, "ap-wire")
    assert m["speaker"] == "Willie Adams" and "speaker-conflict" in m["flags"]


def test_quote_split_around_its_attribution_matches_the_whole_as_excerpts(report):
    first = quote(report, "coast-times", "We are ready to meet.")
    second = quote(report, "coast-times", "But not under the threat")
    for q in (first, second):
        assert q["speaker"] == "James McKenna"
        assert [m["relation"] for m in match_to(q, "ap-wire")] == ["excerpt"]
        assert q["status"] == "corroborated"
    whole = quote(report, "ap-wire", "We are ready to meet, but not")
    assert [m["relation"] for m in match_to(whole, "coast-times")] == ["extended", "extended"]


def test_british_single_quotes_match_american_double_quotes(report):
    q = quote(report, "london-post", "We did not want this strike")
    assert q["speaker"] == "Willie Adams" and q["status"] == "corroborated"
    assert quote(report, "london-post", "We are ready to meet.")["speaker"] == "James McKenna"


def test_short_partial_quote_matches_only_exactly(report):
    q = quote(report, "london-post", "unlawful and reckless")
    assert q["partial"] and [m["relation"] for m in q["matches"]] == ["identical"]
    # "at any hour" is in no independent outlet: a coincidental fragment elsewhere must not corroborate it
    assert quote(report, "coast-times", "They will take our jobs")["status"] == "single-source"


def test_clusters_group_each_shared_quote_with_its_outlets(report):
    q = quote(report, "coast-times", "We did not want this strike")
    [cl] = [c for c in report["clusters"] if c["id"] == q["cluster"]]
    assert {"Associated Press", "Coast Times", "The London Post", "Valley Herald"} <= set(cl["outlets"])
    assert cl["independent_origins"] == 3  # the reprint shares the AP origin


def test_thresholds_are_recorded_and_overridable(tmp_path):
    from claimcheck.match import Settings
    strict = api.check([SET], write=False, settings=Settings(quote_threshold=99)).report
    assert strict["settings"]["quote_threshold"] == 99
    q = quote(strict, "coast-times", "kept this nation supplied")
    assert q["status"] == "single-source"


def test_british_spelling_and_contractions_are_cosmetic():
    from claimcheck.normalize import words
    assert words("The organisation's defence centre won't cooperate").norm == \
        words("The organization's defense center will not co-operate").norm
    assert words("It isn't the U.S. colour").norm == words("It is not the US color").norm


def test_same_fact_reworded_and_reordered_is_a_sentence_variant():
    report = api.check([FIXTURES / "small-set"], write=False).report
    [s] = [s for s in report["sentences"] if s["text"].startswith("The city's new flood barrier")]
    assert s["status"] == "variant"
    [m] = s["matches"]
    assert m["text"].startswith("Engineers raised the new flood barrier") and m["relation"] == "variant"
    assert {"op": "delete", "from": "was raised for the first time"} in m["diff"]


def test_sentences_that_are_mostly_quotes_are_matched_as_quotes_not_twice(report):
    quoted = [s for s in report["sentences"] if s.get("quoted")]
    assert quoted and all(s["matches"] == [] and s["quotes"] for s in quoted)
    ids = {q["id"]: q["status"] for q in report["quotes"]}
    for s in quoted:
        assert s["status"] in {ids[i] for i in s["quotes"]}


def test_a_quote_of_only_common_words_is_still_matched_when_printed_the_same(tmp_path):
    """"It is what it is" has no word for the index to probe; it is found by its normalised text."""
    arts = tmp_path / "story" / "articles"
    arts.mkdir(parents=True)
    (arts / "a.txt").write_text('---\noutlet: Coast Times\n---\nThe coach shrugged off the loss on Sunday.\n\n'
                                '"It is what it is," said coach Lena Hart after the game.\n', encoding="utf-8")
    (arts / "b.txt").write_text('---\noutlet: Valley Herald\n---\nHart was asked about the defeat.\n\n'
                                '"It is what it is," Hart told reporters.\n', encoding="utf-8")
    report = api.check([tmp_path / "story"], write=False).report
    q = [q for q in report["quotes"] if q["article"] == "a"][0]
    assert q["status"] == "corroborated"
    assert [m["relation"] for m in q["matches"]] == ["identical"]


def _two_outlet_report(tmp_path, first: str, second: str) -> dict:
    arts = tmp_path / "story" / "articles"
    arts.mkdir(parents=True)
    (arts / "a.txt").write_text(f"---\noutlet: Coast Times\n---\n{first}\n", encoding="utf-8")
    (arts / "b.txt").write_text(f"---\noutlet: Valley Herald\n---\n{second}\n", encoding="utf-8")
    return api.check([tmp_path / "story"], write=False).report


def _two_outlets(tmp_path, first: str, second: str):
    report = _two_outlet_report(tmp_path, first, second)
    return [q for q in report["quotes"] if q["article"] == "a"], [q for q in report["quotes"] if q["article"] == "b"]


# One outlet prints the start of a minister's sentence, the other its end.
RUIZ_START = ('Harbour minister Ana Ruiz spoke at the dock. "Every container that sits idle in this port costs the '
              'growers of the valley money they will never get back," Ruiz said on Monday.')
RUIZ_END = ('The minister was blunt. "That port costs growers of the valley money they will never get back this year '
            'and next," said Ana Ruiz, the harbour minister.')


def test_overlapping_excerpts_of_one_speakers_quote_are_a_variant_of_the_stretch_they_share(tmp_path):
    """Neither excerpt holds the other, but the middle stretch is printed in both, so each is a variant of the
    other, diffed over that stretch only."""
    [a], [b] = _two_outlets(tmp_path, RUIZ_START, RUIZ_END)
    [m] = a["matches"]
    assert (a["status"], m["relation"], m.get("overlap")) == ("variant", "variant", True)
    assert {"op": "delete", "from": "sits idle in this"} in m["diff"]  # a change inside the shared stretch
    printed = " ".join(op.get("from", "") + " " + op.get("to", "") for op in m["diff"])
    assert "Every" not in printed and "next" not in printed  # the words each runs on past the other are no change
    assert b["status"] == "variant" and b["matches"][0].get("overlap")


def test_overlapping_excerpts_are_said_so_in_the_markdown_report(tmp_path):
    from claimcheck.markdown import to_markdown
    md = to_markdown(_two_outlet_report(tmp_path, RUIZ_START, RUIZ_END))
    assert "overlapping excerpts: the diff covers only what both print" in md


def test_overlapping_words_given_to_two_people_are_no_match(tmp_path):
    """The same overlap printed as two people's words is a phrase they share, not one quote."""
    a, b = _two_outlets(tmp_path, RUIZ_START, RUIZ_END.replace("The minister", "The union").replace(
        "said Ana Ruiz, the harbour minister", "said union leader Tom Okafor"))
    assert [q["status"] for q in a + b] == ["single-source", "single-source"]


def test_a_phrase_inside_two_quotes_is_no_overlap(tmp_path):
    """A stretch both print must end one quote and open the other: a phrase standing inside both is a phrase."""
    a, b = _two_outlets(
        tmp_path,
        '"Ask the growers of the valley what they need this winter," Ana Ruiz said.',
        '"Nobody asked the growers of the valley what they need, and now it is too late," Ana Ruiz said.')
    assert [q["status"] for q in a + b] == ["single-source", "single-source"]
