"""Matching that is right: cosmetic compounds, each quote with its own counterpart, flags only inside a genuine
pair, fragments only within a story, wire copy recognised by its credit line."""
from __future__ import annotations

from pathlib import Path

from claimcheck import api


def story(tmp_path: Path, **articles: str) -> dict:
    """A story folder of plain-text articles (front matter + body), checked without writing reports."""
    folder = tmp_path / "story" / "articles"
    folder.mkdir(parents=True)
    for name, body in articles.items():
        outlet = name.replace("-", " ").title()
        (folder / f"{name}.txt").write_text(f"---\noutlet: {outlet}\n---\n{body}", encoding="utf-8")
    return api.check([folder.parent], write=False).report


def quote(report: dict, article: str, words: str) -> dict:
    [q] = [q for q in report["quotes"] if q["article"] == article and words in q["text"]]
    return q


def test_hyphenation_and_closed_compounds_are_cosmetic(tmp_path):
    report = story(
        tmp_path,
        **{"valley-post": "The council voted 5-2 to end the program on Monday night after a long debate.\n\n"
                          "\"I was duty-bound to stop this tax-filing scheme, and the men who sold it are slimeballs,\" "
                          "Councilwoman Ana Ortiz said.\n",
           "river-news": "Councilwoman Ana Ortiz did not hold back at Monday's meeting.\n\n"
                         "\"I was duty bound to stop this tax filing scheme, and the men who sold it are slime balls,\" "
                         "Ortiz said.\n"})
    q = quote(report, "valley-post", "duty-bound")
    assert q["status"] == "corroborated"
    assert [(m["article"], m["relation"]) for m in q["matches"]] == [("river-news", "identical")]


INTERVIEW_A = ("Senator Lena Park gave a long interview to the Harbor Times on Sunday about the party leadership.\n\n"
               "\"I don't think he is fit to lead this party into the next election, and I have told him so,\" Park said "
               "of the chairman.\n\n"
               "She was kinder about his deputy. \"I think he is fit to lead this committee into the next election, "
               "and I have told him so,\" she said.\n")
INTERVIEW_B = ("In an interview with the Harbor Times, Senator Lena Park was blunt about the party chairman.\n\n"
               "\"I think he is fit to lead this committee into the next election, and I have told him so,\" Park said "
               "of the deputy chairman.\n\n"
               "On the chairman himself she was blunt: \"I don't think he is fit to lead this party into the next "
               "election, and I have told him so.\"\n")
INTERVIEW_C = ("Senator Lena Park defended the deputy chairman of the party in an interview published on Sunday.\n\n"
               "\"I think he is fit to lead this committee into the next election, and I have told him so,\" Park said.\n")


def test_a_quote_pairs_with_its_own_counterpart_not_its_neighbour(tmp_path):
    report = story(tmp_path, **{"harbor-times": INTERVIEW_A, "coast-daily": INTERVIEW_B})
    for words in ("I don't think he is fit", "I think he is fit"):
        q = quote(report, "harbor-times", words)
        [m] = q["matches"]
        assert m["relation"] == "identical" and words in m["text"]
        assert q["status"] == "corroborated"


def test_negation_is_flagged_only_inside_a_genuine_pair(tmp_path):
    """The coast paper printed only the deputy's quote: the chairman's quote is not its reworded counterpart."""
    report = story(tmp_path, **{"harbor-times": INTERVIEW_A, "coast-daily": INTERVIEW_C})
    chairman = quote(report, "harbor-times", "I don't think he is fit")
    assert chairman["matches"] == [] and chairman["status"] == "single-source"
    deputy = quote(report, "coast-daily", "I think he is fit")
    assert [(m["relation"], m["flags"]) for m in deputy["matches"]] == [("identical", [])]
    assert not [m for q in report["quotes"] for m in q["matches"] if "substantive" in m["flags"]]


def test_a_reworded_quote_still_carries_its_negation_flag(tmp_path):
    """A genuine pair: one outlet dropped the "not"; nothing else competes, so the flag stands."""
    report = story(tmp_path, **{
        "harbor-times": INTERVIEW_C,
        "coast-daily": "Senator Lena Park spoke about the deputy chairman of the party in an interview on Sunday.\n\n"
                       "\"I do not think he is fit to lead this committee into the next election, and I have told him "
                       "so,\" Park said.\n"})
    [m] = quote(report, "harbor-times", "I think he is fit")["matches"]
    assert m["relation"] == "variant" and m["changed"][0]["what"] == "negation"


def test_no_flags_between_page_furniture(tmp_path):
    """Two copies of one story whose page furniture differs only in its numbers: no 'number changed' alarm."""
    def page(images: int, clock: str, years: int) -> str:
        return ("The port reopened on Thursday after a three-day closure caused by the storm, officials said.\n\n"
                f"Slideshow ({images} Images)\n\n"
                "\"We are back to full capacity,\" harbor master Lina Cho said on Thursday morning.\n\n"
                f"Updated {clock}\n\n"
                "Ships that waited offshore began unloading on Thursday afternoon, the port authority said.\n\n"
                f"This article is more than {years} year old\n\n"
                "The storm caused an estimated $30 million in damage along the coast, the state said.\n")
    report = story(tmp_path, **{"bay-herald": page(9, "11:48 a.m. EST", 1), "gulf-news": page(4, "2:05 p.m. EST", 2)})
    items = report["quotes"] + report["sentences"]
    assert not any(w in i["text"] for i in items for w in ("Slideshow", "Updated", "more than"))
    assert {m["relation"] for i in items for m in i["matches"]} == {"identical"}  # one story copied: same-origin
    assert not [m for i in items for m in i["matches"] if set(m["flags"]) - {"same-origin"} or m.get("changed")]


def test_fragments_corroborate_only_within_a_story(tmp_path):
    """Three articles in one folder: two about a court ruling (they share other sentences), one about a football
    match. The 3-word quote and the 2-word sentence all three print corroborate only within the ruling story."""
    shared = ("The judge ruled that the city had failed to consult residents before approving the harbor project.\n\n"
              "Work on the project, which began in March, must stop until a new consultation is held.\n\n")
    report = story(tmp_path, **{
        "capital-news": "Mayor Ruth Okafor called the ruling \"a total disgrace\" on Tuesday.\n\nIt failed.\n\n" + shared,
        "morning-star": "Mayor Ruth Okafor said the ruling was \"a total disgrace\" and vowed to appeal.\n\n"
                        "It failed.\n\n" + shared,
        "county-sports": "Coach Dan Reyes called the late penalty \"a total disgrace\" after the 2-1 defeat on "
                         "Saturday.\n\nIt failed.\n\nThe next home game is on Saturday against the league leaders.\n"})
    fragment = quote(report, "capital-news", "a total disgrace")
    assert [m["article"] for m in fragment["matches"]] == ["morning-star"]
    assert quote(report, "county-sports", "a total disgrace")["matches"] == []
    failed = {s["article"]: [m["article"] for m in s["matches"]] for s in report["sentences"] if s["text"] == "It failed."}
    assert failed == {"capital-news": ["morning-star"], "morning-star": ["capital-news"], "county-sports": []}


def test_wire_copy_with_a_contribution_line_is_not_independent(tmp_path):
    report = story(tmp_path, **{
        "wire-service": "BOSTON (AP) — The city council approved a $40 million seawall on Tuesday after a decade of "
                        "floods.\n\n\"This wall protects 4,000 homes from the harbor,\" Mayor Ruth Okafor said.\n",
        "metro-daily": "The city council approved the seawall on Tuesday, ending a decade of debate.\n\n"
                       "\"This wall protects 4,000 homes from the harbor,\" Mayor Ruth Okafor said.\n\n"
                       "The Associated Press contributed to this report.\n"})
    arts = {a["id"]: a for a in report["articles"]}
    assert (arts["metro-daily"]["origin"], arts["metro-daily"]["origin_source"]) == ("AP", "contributor-credit")
    q = quote(report, "metro-daily", "This wall protects")
    assert q["status"] == "single-source" and q["matches"][0]["flags"] == ["same-origin"]
