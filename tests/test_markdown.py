"""report.md as an editor reads it, rendered by a CommonMark parser (markdown-it-py) the way a code host does."""
from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st
from markdown_it import MarkdownIt

from claimcheck import api
from claimcheck.markdown import esc_block, to_markdown

from .conftest import FIXTURES

# CommonMark plus the two GitHub extensions the report uses (tables, ~~struck~~ words), as code hosts and
# terminal viewers such as glow render it.
PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def sections(md: str) -> dict[str, list]:
    """Tokens under each heading (its text -> the tokens up to the next heading)."""
    tokens = PARSER.parse(md)
    out: dict[str, list] = {}
    current = "(top)"
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t.type == "heading_open":
            current = tokens[i + 1].content
            out[current] = []
            i += 3
            continue
        out.setdefault(current, []).append(t)
        i += 1
    return out


def test_check_first_comes_first_in_triage_order_with_ids_to_review(example_report):
    md = to_markdown(example_report)
    heads = [h for h in re.findall(r"^#+ (.*)$", md, re.M)]
    assert heads[1:6] == ["Check first", "Speaker conflicts (0)", "Substantive changes (0)",
                          "Variant wording of quotes (1)", "Single-source quotes (13)"]
    first_lines = md.split("## Check first")[0]
    assert "50 items (17 quotes, 33 sentences) · 0 with a verdict (0 stale)" in first_lines
    variant = sections(md)["Variant wording of quotes (1)"]
    text = " ".join(t.content for t in variant if t.type == "inline")
    marks = [c.type for t in variant if t.type == "inline" for c in t.children if c.type in ("s_open", "strong_open")]
    assert marks == ["s_open", "s_open", "strong_open"]  # ~~international~~, ~~poly-crises~~ **poly-crisis**
    assert "`joongang-daily:q:cbf991`" in md and "joongang-daily:q:cbf991" in text and "koreaherald-yonhap:q:4c39c9" in text
    assert "poly-crises" in text and "poly-crisis" in text


def test_every_section_is_one_list_and_quotes_stay_inside_their_items(example_report):
    """13 single-source quotes: items 10-13 must stay in the list, quotation and all."""
    for report in (example_report, api.check([FIXTURES / "port-strike"], write=False).report):
        for head, tokens in sections(to_markdown(report)).items():
            top_lists = [t for t in tokens if t.type in ("ordered_list_open", "bullet_list_open") and t.level == 0]
            assert len(top_lists) <= 1, head
            assert all(t.level > 0 for t in tokens if t.type == "blockquote_open"), head
            if top_lists:
                items = [t for t in tokens if t.type == "list_item_open" and t.level == 1]
                quotes = [t for t in tokens if t.type == "blockquote_open"]
                if head.startswith(("Single-source quotes", "Quotes", "Speaker", "Substantive", "Variant")):
                    assert len(quotes) == len(items), head
    singles = sections(to_markdown(example_report))["Single-source quotes (13)"]
    assert sum(1 for t in singles if t.type == "list_item_open" and t.level == 1) == 13
    top = sections(to_markdown(example_report))["claimcheck report: apec-trilateral-2023"]
    assert sum(1 for t in top if t.type == "tr_open") == 3  # the article table: header and one row per article


def test_each_cluster_once_with_how_each_outlet_prints_it(example_report):
    md = to_markdown(example_report)
    assert md.count("> Strengthening cooperation among like-minded countries") == 1
    quotes = " ".join(t.content for t in sections(md)["Quotes (2)"] if t.type == "inline")
    assert "prints only part of it" in quotes and "reworded, 87.0" in quotes


def test_conflicts_name_both_speakers_and_changes_show_old_and_new():
    md = to_markdown(api.check([FIXTURES / "port-strike"], write=False).report)
    conflicts = " ".join(t.content for t in sections(md)["Speaker conflicts (1)"] if t.type == "inline")
    assert "**Willie Adams** in Associated Press" in conflicts and "**Dana Whitfield** in Coast Times" in conflicts
    changes = " ".join(t.content for t in sections(md)["Substantive changes (2)"] if t.type == "inline")
    assert "number changed: $1 → $5" in changes and "negation changed: (nothing) → not" in changes


def test_a_wire_story_and_its_reprint_give_one_single_source_entry_with_both_ids():
    md = to_markdown(api.check([FIXTURES / "port-strike"], write=False).report)
    singles = [t.content for t in sections(md)["Single-source quotes (4)"] if t.type == "inline"]
    [entry] = [line for line in singles if "ap-wire:q:180a06" in line]
    assert "(same origin); also Valley Herald `valley-herald-reprint:q:180a06`" in entry
    assert sum("valley-herald-reprint:q:180a06" in line for line in singles) == 1


def test_report_is_shorter_than_the_articles_it_checks(example_report):
    """Single-source sentences appear as their first words, so the report stays shorter than the articles."""
    md = to_markdown(example_report)
    article_words = sum(len(p.read_text(encoding="utf-8").split())
                        for p in (FIXTURES.parent.parent / "claims" / "apec-trilateral-2023" / "articles").iterdir())
    assert len(md.split()) < article_words
    assert "`joongang-daily:s:7afaea` On Wednesday, the regime claimed to …" in md


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=80))
def test_article_text_never_turns_into_markdown(text):
    """Whatever an article prints reads back as the same words inside its list item."""
    if not text.split():
        return
    tokens = PARSER.parse(f"1. head\n\n   > {esc_block(text)}\n")
    assert [t.type for t in tokens[:5]] == ["ordered_list_open", "list_item_open", "paragraph_open", "inline",
                                            "paragraph_close"]
    inline = [t for t in tokens if t.type == "inline"][1]
    assert [c.type for c in inline.children] == ["text"] * len(inline.children)
    assert "".join(c.content for c in inline.children) == " ".join(text.split())
