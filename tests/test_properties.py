"""Property tests: the parsers never crash and keep their offsets; the index loses no pair."""
from __future__ import annotations

import random
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from claimcheck.clean import clean, clean_document, split_paragraphs
from claimcheck.load import split_front_matter
from claimcheck.index import word_signatures
from claimcheck.match import Item, Settings, candidate_pairs, exhaustive_pairs, score_pairs
from claimcheck.model import Article, Document
from claimcheck.normalize import words
from claimcheck.prefilter import GuardedPattern
from claimcheck.quotes import find_passages
from claimcheck.names import context_features, first_names, name_model, static_rows, word_features
from claimcheck.tagging import TOKEN_RULES, padded, pos_tagger, pos_word_features, pos_word_rows, tokenize

MARKS = list("\"'“”‘’«»„") + ["\n", "\n\n", " ", ". ", ", ", " said ", "Mr. ", "U.S. "]
news_text = st.lists(st.one_of(st.sampled_from(MARKS), st.text(min_size=1, max_size=12)), max_size=60).map("".join)
TOKEN_PARTS = ["Mr.", "Messrs.", "Sens. ", "U.S.", "D.C.,", "Va.,", "(R-Ky.)", "Paul D. Ryan", "don't", "can’t", "Trump's",
               "O'Brien", "duty-bound", "ex-Va.", "1,000", "$3.5", "10:30", "...", "--", "vs.", "etc.", "n't", "'s"]
token_text = st.lists(st.one_of(st.sampled_from(TOKEN_PARTS + MARKS), st.text(min_size=1, max_size=6)),
                      max_size=40).map("".join)


@given(token_text)
@settings(max_examples=500)
def test_tokenizer_shortcuts_give_the_tokens_of_the_plain_rules(text):
    plain = [(m.group(), m.start(), m.end()) for m in re.finditer(TOKEN_RULES, text)]
    assert [tuple(t) for t in tokenize(text)] == plain


def _guarded_patterns() -> list[tuple[str, GuardedPattern]]:
    """Every guarded pattern the package defines, found in the modules, so a new one is tested without listing it."""
    import importlib
    import pkgutil
    import claimcheck
    found = []
    for info in pkgutil.iter_modules(claimcheck.__path__):
        if info.name == "__main__":  # running it starts the CLI
            continue
        module = importlib.import_module(f"claimcheck.{info.name}")
        found += [(f"{info.name}.{k}", v) for k, v in vars(module).items() if isinstance(v, GuardedPattern)]
    return sorted(found, key=lambda kv: kv[0])


GUARDED = _guarded_patterns()


def test_the_furniture_patterns_are_guarded():
    assert {"clean._COPYRIGHT", "clean._CONTRIBUTED", "clean._PROMPT"} <= {name for name, _ in GUARDED}


@pytest.mark.parametrize("name,guarded", GUARDED, ids=[name for name, _ in GUARDED])
def test_a_guard_never_hides_a_match_of_its_pattern(name, guarded):
    """Texts drawn from the pattern itself, in any case and spacing ``re`` allows, with text around them, searched
    from the start and from a position inside (as the rules reading a line's end do)."""
    @given(st.from_regex(guarded.pattern), st.data())
    @settings(max_examples=2000, suppress_health_check=[HealthCheck.too_slow])
    def check(text, data):
        for pos in (0, data.draw(st.integers(0, len(text)))):
            expected = guarded.pattern.search(text, pos)
            found = guarded.search(text, pos)
            assert (found and found.span()) == (expected and expected.span())
    check()


@given(token_text)
@settings(max_examples=300, deadline=None)  # the first example loads the models
def test_taggers_read_the_rows_of_their_feature_strings(text):
    """The per-word row memos give each token the rows its feature strings name (the strings are what training
    wrote), so the taggers' labels cannot depend on the memos."""
    words = [t.text for t in tokenize(text)]
    names, pos, firsts = name_model(), pos_tagger().model, first_names()
    norm = padded(words)
    for i in range(len(words)):
        strings = [*word_features(words[i]), *context_features(words, i, firsts)]
        assert sorted(static_rows(names, words, i, firsts)) == sorted(names.rows(strings))
        assert sorted(pos_word_rows(pos, words, norm, i)) == sorted(pos.rows(pos_word_features(words, norm, i)))


@given(news_text)
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_passages_stay_inside_their_paragraphs_and_never_overlap(text):
    paras = split_paragraphs(text)
    passages = find_passages(text, paras)
    last_end = -1
    for p in passages:
        for seg, pi in zip(p.segments, p.paragraphs):
            assert paras[pi].start <= seg.start <= seg.end <= paras[pi].end
            assert seg.start >= last_end
            last_end = seg.end


@given(news_text)
@settings(max_examples=300)
def test_paragraph_spans_are_ordered_trimmed_and_in_bounds(text):
    spans = split_paragraphs(text)
    for a, b in zip(spans, spans[1:]):
        assert a.end <= b.start
    for s in spans:
        chunk = text[s.start:s.end]
        assert chunk and chunk == chunk.strip()


@given(news_text)
@settings(max_examples=200)
def test_clean_keeps_offsets_into_the_original_text(text):
    res = clean(Article("a", "a.txt", text))
    for s in res.paragraphs:
        assert 0 <= s.start < s.end <= len(text)
    for span, reason in res.removed:
        assert 0 <= span.start <= span.end <= len(text) and reason


CARD_PARTS = ["Sen. Ada Obi ", "Ada Mae Obi", "Obi", "Judge halts rule", " MORE", " MORE, ", "said. ", "Read more",
              "pic.twitter.com/x1 ", "— Ada (@ada) May 1, 2024", "11:48 a.m. EST ", "\n\n"]
page_text = st.lists(st.one_of(st.sampled_from(CARD_PARTS + MARKS), st.text(min_size=1, max_size=8)), max_size=60).map("".join)


@given(page_text)
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_furniture_blanked_inside_a_paragraph_keeps_every_offset(text):
    """Link cards are blanked, never cut: the body keeps its length and every character outside the cards."""
    doc = Document(Article("a", "a.txt", text))
    clean_document(doc)
    blanked = doc.article.text
    assert len(blanked) == len(text)
    cards = [s for s, why in doc.removed if why == "link-card"]
    for i, (before, after) in enumerate(zip(text, blanked)):
        assert before == after or (after == " " and any(c.start <= i < c.end for c in cards))
    for s in doc.paragraphs:
        assert 0 <= s.start < s.end <= len(text)


@given(st.text(max_size=200))
@settings(max_examples=300)
def test_front_matter_parser_returns_or_raises_a_clear_error(text):
    try:
        meta, body = split_front_matter("---\n" + text, Path("x.md"))
    except ValueError as err:
        assert "front matter" in str(err)
    else:
        assert isinstance(meta, dict) and isinstance(body, str)


PRINTED_PARTS = ["per cent", "Per\u00a0Cent", "PER\tCENT", "percent", "…", "...", ". . .", ".\u2009.", "--", "—", "–", "―",
                 "[sic]", "[", "]", "3.5", "U.S."]


@given(st.lists(st.one_of(st.sampled_from(PRINTED_PARTS + MARKS), st.text(max_size=6)), max_size=30).map("".join))
@settings(max_examples=500)
def test_printed_words_skip_only_substitutions_that_cannot_match(text):
    from claimcheck import normalize
    plain = text
    for rx, repl in ((normalize._BRACKETED, " "), (normalize._ELLIPSIS, " "), (normalize._DASHES, " "),
                     (normalize._PER_CENT, "percent")):
        plain = rx.sub(repl, plain)
    assert normalize._printed_words(text) == plain.split()


@given(news_text)
@settings(max_examples=300)
def test_normalised_words_point_back_at_printed_words(text):
    w = words(text)
    assert len(w.norm) == len(w.source)
    assert all(0 <= i < len(w.printed) for i in w.source)
    assert list(w.source) == sorted(w.source)


VOCAB = [f"w{i}" for i in range(300)]


@st.composite
def article_sets(draw):
    """Items in several articles: shared sentences copied with random edits, plus unrelated ones."""
    rng = random.Random(draw(st.integers(0, 10_000)))
    n_docs = draw(st.integers(2, 5))
    base = [[rng.choice(VOCAB) for _ in range(rng.randint(4, 25))] for _ in range(8)]
    items = []
    for d in range(n_docs):
        for b in base:
            if rng.random() < 0.5:
                continue
            toks = list(b)
            for _ in range(rng.randint(0, 4)):  # reword: replace, drop or add a word
                op = rng.random()
                i = rng.randrange(len(toks))
                if op < 0.4:
                    toks[i] = rng.choice(VOCAB)
                elif op < 0.7 and len(toks) > 4:
                    del toks[i]
                else:
                    toks.insert(i, rng.choice(VOCAB))
            cut = rng.random()
            if cut < 0.3:
                toks = toks[rng.randrange(len(toks) // 2):]  # excerpt from the middle on
            elif cut < 0.5:
                toks = toks[:len(toks) - rng.randrange(len(toks) // 2)]  # up to the middle: overlaps the other kind
            items.append((d, " ".join(toks)))
        for _ in range(3):
            items.append((d, " ".join(rng.choice(VOCAB) for _ in range(rng.randint(4, 20)))))
    return [Item(i, d, "quote", words(t)) for i, (d, t) in enumerate(items)]


@given(article_sets(), st.sampled_from([70.0, 80.0, 90.0]), st.sampled_from([0.3, 0.5, 0.8]))
@settings(max_examples=150, deadline=None)
def test_index_loses_no_pair_that_exhaustive_matching_finds(items, threshold, overlap):
    s = Settings(quote_threshold=threshold, overlap_share=overlap)
    exhaustive = {(p.a, p.b) for p in score_pairs(items, exhaustive_pairs(items), s)}
    indexed = {(p.a, p.b) for p in score_pairs(items, candidate_pairs(items, s), s)}
    assert exhaustive <= indexed


@given(st.sets(st.integers(0, 5000), min_size=1, max_size=300), st.sets(st.integers(0, 5000), max_size=300))
@settings(max_examples=300, deadline=None)
def test_wordword_signatures_never_undercount_shared_words(a, b):
    """The signature check may only drop pairs the exact shared-word count would drop too."""
    ids = np.array(sorted(a) + sorted(b), np.int32)
    sig = word_signatures(ids, np.array([len(a), len(b)]))
    lacking = int(np.bitwise_count(sig[0] & ~sig[1]).sum())
    assert len(a) - lacking >= len(a & b)
