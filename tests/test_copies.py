"""Syndicated copies and repeated text: one group per text, one row per copy class, bounded matches."""
from __future__ import annotations

import random
from pathlib import Path

from hypothesis import given, settings, strategies as st

from claimcheck import api
from claimcheck import members as members_module
from claimcheck.classify import Independence, judge, status
from claimcheck.groups import copy_classes, group_items, near_copies, representatives, sentence_groups
from claimcheck.match import Item, Settings, match_items, short_quote_pairs
from claimcheck.members import Members, Tally
from claimcheck.pairing import settle, settle_groups
from claimcheck.normalize import words

WIRE = """SEATTLE (AP) — Dockworkers at the Port of Seattle walked off the job on Tuesday after talks over automation broke down.

"We did not want this strike, but the terminal operators left us no choice," said Ana Ruiz, president of the local union.

The port handles about a fifth of the container traffic on the West Coast.

Terminal operators said they had offered a four-year contract with raises of 22 percent.

"Our offer is on the table and it is a fair one," said Tom Hale, a spokesman for the operators.

Shipping lines began rerouting vessels to Tacoma and Vancouver on Tuesday evening.
"""

LOCAL = """Port workers in Seattle stayed off the job for a second day on Wednesday.

"We did not want this strike, but the terminal operators left us no choice," said Ana Ruiz, president of the local union.

Truck drivers waiting at the gates said they had been told to come back next week.
"""


def write(folder: Path, name: str, outlet: str, body: str) -> None:
    (folder / f"{name}.md").write_text(f"---\noutlet: {outlet}\n---\n{body}", encoding="utf-8")


def quote(report: dict, article: str, words_in: str) -> dict:
    [q] = [q for q in report["quotes"] if q["article"] == article and words_in in q["text"]]
    return q


def test_exact_copies_are_listed_once_and_named_by_their_clusters(tmp_path):
    for k, outlet in enumerate(["Coast Times", "Valley Herald", "Metro Daily", "River News"]):
        write(tmp_path, f"copy-{k}", outlet, WIRE)
    write(tmp_path, "local", "Harbor Gazette", LOCAL)
    report = api.check([tmp_path], write=False).report
    arts = {a["id"]: a for a in report["articles"]}
    assert [a.get("copy_of") for a in report["articles"]] == [None, "copy-0", "copy-0", "copy-0", None]
    assert arts["copy-1"]["quotes"] == arts["copy-0"]["quotes"] == 2  # the copy still says what it holds
    assert {q["article"] for q in report["quotes"]} == {"copy-0", "local"}
    ruiz = quote(report, "copy-0", "We did not want this strike")
    assert ruiz["status"] == "corroborated"  # by the independent local report
    [cl] = [c for c in report["clusters"] if c["id"] == ruiz["cluster"]]
    assert {m.split(":")[0] for m in cl["members"]} == {"copy-0", "copy-1", "copy-2", "copy-3", "local"}
    assert cl["outlets"] == ["Coast Times", "Harbor Gazette", "Metro Daily", "River News", "Valley Herald"]
    assert cl["independent_origins"] == 2
    assert report["same_origin"] == [{"articles": ["copy-0", "copy-1", "copy-2", "copy-3"], "reason": "same wire story: AP"}]
    assert any("exact copies" in n for n in report["notes"])
    md = api.render(report, "md")
    assert "| `copy-2` | Metro Daily | AP | copy of `copy-0` | copy of `copy-0` |" in md
    assert "- also printed by 3 exact copies of the articles above: `copy-1`, `copy-2` and `copy-3`" in md
    assert "copy-1:" not in md  # the copies' rows are the first copy's


def test_a_copy_whose_status_differs_is_reported_in_full(tmp_path):
    """The same text in two outlets, and a third article from the first outlet printing one of its quotes:
    for the copy that quote is corroborated by an independent outlet, for the original it is not."""
    body = WIRE.replace("SEATTLE (AP) — ", "")
    write(tmp_path, "a-original", "Coast Times", body)
    write(tmp_path, "b-copy", "Valley Herald", body)
    write(tmp_path, "c-sister", "Coast Times", LOCAL)
    report = api.check([tmp_path], write=False).report
    assert all("copy_of" not in a for a in report["articles"])
    assert quote(report, "a-original", "did not want")["status"] == "single-source"
    assert quote(report, "b-copy", "did not want")["status"] == "corroborated"


def test_a_line_repeated_in_one_article_is_one_item_with_its_count(tmp_path):
    refrain = '"No way."  '
    # the two articles share two longer sentences: one story, so the two-word quote may match (``pairing``)
    write(tmp_path, "blog", "Coast Times", "Pickets gathered at the main gate before dawn.\n\n"
          "Cranes stood idle at every terminal.\n\n"
          "Dockworkers booed the offer when it was read out on Tuesday.\n\n" + refrain * 300 +
          "\n\nThe union will vote on Friday.\n")
    write(tmp_path, "other", "Valley Herald", "Dockworkers booed the offer when it was read out on Tuesday.\n\n"
          '"No way," one of them shouted. "No way."\n\nThe union will vote on Friday.\n\n'
          "Truck drivers waited at the gates all afternoon.\n")
    report = api.check([tmp_path], write=False).report
    blog = [q for q in report["quotes"] if q["article"] == "blog"]
    assert len(blog) == 1 and blog[0]["occurrences"] == 300 and blog[0]["text"] == "No way."
    other = [q for q in report["quotes"] if q["article"] == "other"]
    assert other[0]["occurrences"] == 2
    assert [m["id"] for m in blog[0]["matches"]] == [other[0]["id"]]
    assert blog[0]["status"] == other[0]["status"] == "corroborated"
    assert "printed 300 times in this article" in api.render(report, "md")


def test_a_quote_in_many_outlets_names_ten_matches_independent_ones_first(tmp_path):
    line = '"We will reopen the terminals on Monday," said Mayor Dana Cole.\n'
    for k in range(14):
        write(tmp_path, f"indep-{k:02d}", f"Outlet {k:02d}", line)
    for k in range(3):  # the first article's own outlet: same origin, named last
        write(tmp_path, f"own-{k}", "Outlet 00", line)
    report = api.check([tmp_path], write=False).report
    q = quote(report, "indep-00", "reopen the terminals")
    assert len(q["matches"]) == 10 and q["more_matches"] == 6
    assert all("same-origin" not in m["flags"] for m in q["matches"])
    assert [m["id"] for m in q["matches"]] == sorted(m["id"] for m in q["matches"])
    own = quote(report, "own-0", "reopen the terminals")
    assert own["status"] == "corroborated" and len(own["matches"]) == 10


# --- the grouped evaluation gives what matching every item with every other gives ---------------

LINES = ["the port reopened on monday after a strike of nine days",
         "union leaders said members would vote on the offer this week",
         "the operators offered raises of twenty two percent over four years",
         "shipping lines rerouted vessels to tacoma and vancouver"]


@st.composite
def article_sets(draw):
    """Articles printing shared lines (copied, reworded, excerpted), with outlets and origins drawn from few,
    and fragments (a short quote or sentence) that match only between articles of one story."""
    rng = random.Random(draw(st.integers(0, 10_000)))
    n_docs = draw(st.integers(2, 7))
    items, docs = [], []
    for d in range(n_docs):
        docs.append((rng.choice(["A", "B", "C", None]), rng.choice(["AP", "Reuters", None])))
        for line in LINES:
            if rng.random() < 0.3:
                continue
            toks = line.split()
            if rng.random() < 0.3:
                toks[rng.randrange(len(toks))] = rng.choice(["harbor", "dock", "crane"])
            if rng.random() < 0.2:
                toks = toks[: len(toks) // 2 + 2]
            kind = rng.choice(["quote", "sentence"])
            speaker = rng.choice(["Ana Ruiz", "Tom Hale", None]) if kind == "quote" else None
            items.append((d, kind, " ".join(toks), speaker))
            if rng.random() < 0.2:  # a second, reworded statement of the same shape: competes for a counterpart
                other = list(toks)
                other[rng.randrange(len(other))] = rng.choice(["never", "always", "not"])
                if other != toks:
                    items.append((d, kind, " ".join(other), speaker))
        if rng.random() < 0.5:
            items.append((d, "quote", rng.choice(["no choice", "fair offer"]), rng.choice(["Ana Ruiz", "Tom Hale"])))
    out = [Item(i, d, kind, words(t), speaker=sp, speaker_kind="person" if sp else None, short=len(t.split()) <= 3)
           for i, (d, kind, t, sp) in enumerate(items)]
    return out, docs


@given(article_sets())
@settings(max_examples=120, deadline=None)
def test_group_statuses_and_matches_equal_item_by_item_matching(data):
    assert_grouped_equals_item_by_item(*data)


def test_equal_scores_resolve_the_same_grouped_or_item_by_item():
    """Two rewordings in one article score alike against a quote elsewhere; one of them also appears, earlier, in
    a third article, so its group is numbered before the other: the choice must not follow the numbering."""
    lines = [(0, "shipping never rerouted vessels to tacoma and vancouver"),
             (1, "shipping lines rerouted vessels to tacoma and vancouver"),
             (2, "shipping dock rerouted vessels to tacoma and vancouver"),
             (2, "shipping never rerouted vessels to tacoma and vancouver")]
    items = [Item(i, d, "quote", words(t), speaker="Ana Ruiz", speaker_kind="person") for i, (d, t) in enumerate(lines)]
    assert_grouped_equals_item_by_item(items, [("A", None), ("B", None), ("C", None)])


def assert_grouped_equals_item_by_item(items: list[Item], docs: list[tuple]) -> None:
    """Statuses and listed matches from matching groups of identical items equal those of matching every item."""
    s = Settings()
    groups = group_items(items)
    classes = copy_classes(len(docs), items, groups)
    copies = near_copies(classes, sentence_groups(len(docs), items, groups), s.near_copy)
    ind = Independence([o.lower() if o else None for o, _ in docs], [r.lower() if r else None for _, r in docs],
                       [o for o, _ in docs], [r for _, r in docs], copies, classes=classes)
    ind.groups = list(range(len(docs)))
    reps = representatives(items, groups)
    settled = settle_groups(items, groups, match_items(reps, s) + short_quote_pairs(reps), s, len(docs))
    members = Members(items, groups, settled, ind, s)
    by_item: dict[int, list] = {it.uid: [] for it in items}
    for p in settle(items, match_items(items, s), s):
        for view in (p, p.reversed()):
            by_item[view.a].append(judge(view, items[view.a], items[view.b], ind))
    for it in items:
        assert members.status(it.uid) == status(by_item[it.uid])
        listed, total = members.listed(it.uid, limit=1000)
        assert total == len(by_item[it.uid])
        got = [(e.pair.b, e.pair.relation, e.pair.score, e.pair.diff, e.flags) for e in listed]
        want = sorted((e.pair.b, e.pair.relation, e.pair.score, e.pair.diff, e.flags) for e in by_item[it.uid])
        assert got == want


@given(st.lists(st.tuples(st.sampled_from(["x", "y", None]), st.sampled_from(["ap", "afp", None]),
                          st.integers(0, 3)), min_size=2, max_size=60),
       st.sets(st.tuples(st.integers(0, 3), st.integers(0, 3))))
@settings(max_examples=200, deadline=None)
def test_counted_independence_equals_checking_every_article(docs, near):
    n = len(docs)
    first: dict[int, int] = {}
    classes = [first.setdefault(c, i) for i, (_, _, c) in enumerate(docs)]
    copies = {(min(first[a], first[b]), max(first[a], first[b])) for a, b in near if a != b and a in first and b in first}
    ind = Independence([o for o, _, _ in docs], [r for _, r, _ in docs], [o for o, _, _ in docs],
                       [r for _, r, _ in docs], copies, classes=classes)
    linked: dict[int, set[int]] = {}
    for a, b in copies:
        linked.setdefault(a, set()).add(b)
        linked.setdefault(b, set()).add(a)
    members = list(range(n)) * 2  # a member set with two items per article
    checked = Tally(members, ind, linked)
    want = [(checked.independent_of(i), sorted(checked.reasons_of(i)), checked.in_article(i)) for i in range(n)]
    counted = Tally(members, ind, linked)
    small, members_module.SMALL = members_module.SMALL, -1  # count even this small a set
    try:
        got = [(counted.independent_of(i), sorted(counted.reasons_of(i)), counted.in_article(i)) for i in range(n)]
    finally:
        members_module.SMALL = small
    assert got == want
