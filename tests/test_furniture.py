"""Page furniture in plain text is never a sentence or a quote; the prose around it is kept, sentence for sentence.

The pages in tests/fixtures/page-furniture are one made-up story (a wildfire relief bill) set in the shapes
real sites give when scraped or exported as plain text: a broadcaster, public radio, a wire photo page, a
news site and a live blog.
"""
from __future__ import annotations

import pytest

from claimcheck import api
from claimcheck.clean import clean
from claimcheck.model import Article
from claimcheck.pipeline import process_article

from .conftest import FIXTURES

PAGES = FIXTURES / "page-furniture"


@pytest.fixture(scope="module")
def pages():
    return {p.stem: api.article_quotes(p) for p in sorted(PAGES.glob("*.txt"))}


def texts(doc) -> list[str]:
    return [" ".join(s.text.split()) for s in doc.sentences] + [q.text for q in doc.quotes]


def removed(doc, reason: str) -> list[str]:
    return [" ".join(doc.article.text[s.start:s.end].split()) for s, why in doc.removed if why == reason]


def assert_absent(doc, *fragments: str) -> None:
    joined = "\n".join(texts(doc))
    for f in fragments:
        assert f not in joined, f


def test_media_player_and_picture_lines(pages):
    assert_absent(pages["broadcaster"], "Media playback", "Media caption", "Help is finally on its way\"",
                  "Image copyright", "Firefighters battled")
    assert_absent(pages["public-radio"], "Enlarge this image", "toggle caption", "Jonah Pike")
    assert_absent(pages["wire-photo"], "Slideshow")
    assert "Slideshow (9 Images)" in removed(pages["wire-photo"], "media")
    # the quote in the player caption is not a quote of the article; the one in its prose is
    assert [q.text for q in pages["broadcaster"].quotes][0] == "Help is finally on its way to the families who lost everything."


def test_photo_credits(pages):
    assert "Howard Lane/AP, FILE" in removed(pages["news-site"], "photo-credit")
    assert_absent(pages["news-site"], "Howard Lane")
    for credit in ("REUTERS/Dana Ortiz", "Lee Hart/AP, FILE", "Delgado for Senate Campaign/Handout via Reuters",
                   "(Photo: Ana Cruz, Agency/Getty Images)", "Photograph by Robert Lee/Getty Images."):
        res = clean(Article("a", "a.txt", "The council met on Monday and voted to close the library for a year.\n\n"
                            f"{credit}\n\nThe library will reopen next spring after the roof is repaired.\n"))
        assert [why for _, why in res.removed] == ["photo-credit"], credit


def test_photo_captions_closed_by_a_credit_or_opening_like_one(pages):
    assert_absent(pages["news-site"], "speaks during a news conference")
    assert_absent(pages["wire-photo"], "Firefighters battle the Cedar Ridge fire", "Supporters of the relief bill cheer",
                  "REUTERS/")
    assert len(removed(pages["wire-photo"], "photo-caption")) == 2
    # a sentence that mentions a photograph is still a sentence
    assert any(t.startswith("A photograph of the burned-out town") for t in texts(pages["broadcaster"]))


def test_links_and_promos(pages):
    doc = pages["news-site"]
    assert_absent(doc, "Read more", "the town that lost everything", "More: Cedar Ridge", "This article is more than",
                  "politics podcast", "Do you have a story", "has been updated", "contributed")
    assert_absent(pages["wire-photo"], "Related Coverage", "set records across the West")
    assert_absent(pages["public-radio"], "Capitol Notes", "Catch up on")
    # a link label glued after a sentence goes, the sentence stays
    assert 'House Speaker Ellen Brandt said the chamber would take up the bill "without delay."' in texts(doc)


def test_a_newsletter_form_left_in_the_text_is_not_copy():
    text = ("The council voted on Monday to close the library for a year while the roof is repaired.\n\n"
            "Morning Briefing newsletter Sign up today to receive the best of our reporting in your inbox. Email Sign "
            "Up By signing up you agree to receive email newsletters or alerts from the Daily Ledger. You can "
            "unsubscribe at any time. This site is protected by a captcha and its privacy policy and terms apply.\n\n"
            "Invalid email address.\n\n"
            "More than 2,000 residents rushed to sign up for library cards before the closure, and the sign-up desk "
            "stayed open late on Friday, the head librarian said. The library will reopen next spring.\n")
    doc = process_article(Article("a", "a.txt", text))
    assert_absent(doc, "newsletter", "unsubscribe", "Invalid email address")
    assert any(t.startswith("More than 2,000 residents rushed to sign up") for t in texts(doc))
    assert [why for _, why in doc.removed] == ["promo", "promo"]


def test_a_run_in_read_more_headline_and_a_let_us_know_address_are_promos():
    for line in ("Read More How Safe Are the County's Bridges?",
                 "Let us know what you think at letters@dailyledger.example.com."):
        res = clean(Article("a", "a.txt", "The council met on Monday and voted to close the library for a year.\n\n"
                            f"{line}\n\nThe library will reopen next spring after the roof is repaired.\n"))
        assert [why for _, why in res.removed] == ["promo"], line
    res = clean(Article("a", "a.txt", "Read more about the plan on the county website, the clerk said on Monday.\n"))
    assert res.removed == []


def test_how_to_reach_the_writer_is_not_copy():
    text = ("The council voted on Monday to close the library for a year while the roof is repaired.\n\n"
            "Ada Brook is a columnist for the Daily Ledger. Follow her on Twitter @adabrook.\n\n"
            "For reprint rights to our reporting, please contact rights@dailyledger.example.com.\n\n"
            "The mayor answered @citycouncil on Twitter within the hour, and the thread ran for days.\n")
    doc = process_article(Article("a", "a.txt", text))
    assert_absent(doc, "Follow her", "reprint rights")
    assert "Ada Brook is a columnist for the Daily Ledger." in texts(doc)
    assert any(t.startswith("The mayor answered @citycouncil") for t in texts(doc))


def test_link_card_glued_inside_a_sentence(pages):
    doc = pages["news-site"]
    assert_absent(doc, "Maria Elena Delgado", "Senate clears wildfire aid", "MORE", "We will not leave Cedar Ridge")
    assert "Sen. Maria Delgado , who wrote the bill, called the vote \"a promise kept\" to families who lost their homes." \
        in texts(doc)
    # the card is blanked, not cut: offsets still point at the printed words
    q = next(q for q in doc.quotes if q.text == "a promise kept")
    assert doc.article.text[q.start:q.end] == "a promise kept"


def test_a_hover_card_name_glued_to_its_label_is_blanked():
    from claimcheck.model import Article
    from claimcheck.pipeline import process_article
    text = ("Senators press tech firms\n\n"
            "\"They did not say a damn thing,\" Sen. Maria Delgado Maria Elena DelgadoMORE (D-N.M.) told reporters "
            "on Monday.\n")
    doc = process_article(Article("hill", "hill.txt", text))
    assert [(q.speaker, q.speaker_mention) for q in doc.quotes] == [("Maria Delgado", "Maria Delgado")]
    assert not any("MORE" in doc.article.text[s.start:s.end] for s in doc.sentences)


def test_related_and_highlights_labels_are_not_copy():
    from claimcheck.model import Article
    from claimcheck.pipeline import process_article
    text = ("Budget talks stall\n\n"
            "Story highlights Speaker Dana Ruiz calls the talks \"frank\" and \"useful\"\n\n"
            "Speaker Dana Ruiz met the president for an hour on Tuesday and said the talks were \"frank.\"\n\n"
            "SEE RELATED: Budget \u2018talking points\u2019 altered, officials say\n")
    doc = process_article(Article("cnn", "cnn.txt", text))
    assert [q.text for q in doc.quotes] == ["frank."]
    assert doc.quotes[0].speaker == "Dana Ruiz"


def test_headline_set_in_capitals(pages):
    assert "WHITFORD SAYS RELIEF BILL ADDS $4 BILLION TO DEFICIT" in removed(pages["news-site"], "caps-headline")
    assert_absent(pages["news-site"], "ADDS $4 BILLION")


def test_embedded_posts(pages):
    doc = pages["live-blog"]
    assert_absent(doc, "pic.twitter.com", "@SenMariaDelgado", "We will not leave these families behind")
    assert any("(@SenMariaDelgado)" in r for r in removed(doc, "embedded-post"))


def test_live_blog_timestamps(pages):
    doc = pages["live-blog"]
    assert_absent(doc, "a.m. EST", "p.m. EST", "Update at")
    assert "The bill passes 61-38, with nine Republicans voting in favor." in texts(doc)
    assert "The vote is scheduled for 9 p.m." in texts(doc)  # a time inside a sentence is prose


def test_section_subheads_are_context_not_claims(pages):
    doc = pages["broadcaster"]
    assert removed(doc, "subhead") == ["What is in the bill?", "What do opponents say?"]
    assert_absent(doc, "What is in the bill", "What do opponents say")
    assert removed(pages["public-radio"], "subhead") == ["Slow Rebuilding"]
    assert removed(pages["live-blog"], "subhead") == ["12:15 p.m. EST: Whitford Objects"]
    # every paragraph of prose survives, sentence for sentence
    assert {k: len(d.sentences) for k, d in pages.items()} == {
        "broadcaster": 8, "live-blog": 6, "news-site": 7, "public-radio": 7, "wire-photo": 5}


def test_a_lone_question_and_a_reporting_lead_in_are_prose():
    text = ("The mayor defended the budget on Monday in a long speech to the council.\n\n"
            "How is that possible?\n\n"
            "The city has cut spending in each of the last three years, she said.\n\n"
            "The mayor added:\n\n"
            "\"We will balance the books without raising a single tax this year.\"\n")
    res = clean(Article("a", "a.txt", text))
    assert [why for _, why in res.removed] == []


def test_titles_never_end_a_sentence_or_a_quote(pages):
    doc = pages["public-radio"]
    assert "Mr. Whitford should come and see it for himself." in [q.text for q in doc.quotes]
    doc = process_article(Article("a", "a.txt", "The letter was read aloud in court on Friday.\n\n"
                                  "“Mr. Okafor is not your enemy. Sen. Ortiz is not your enemy either,” the judge told "
                                  "the jury.\n\nAs Gen. Reyes put it: “U.S. forces will stay until the work is done.”\n"))
    assert [q.text for q in doc.quotes] == ["Mr. Okafor is not your enemy.", "Sen. Ortiz is not your enemy either.",
                                            "U.S. forces will stay until the work is done."]


def test_a_closing_mark_set_apart_by_a_space_stays_with_its_sentence():
    """Some exports space out punctuation ("… a campaign . ”"): the lone mark is not a sentence of its own, which
    every such page would share with every other, an opening mark goes with the sentence it opens, and a title
    stays with its name ("Gov . Ana Ruiz"). (A
    sentence about an advertisement is news; the "ADVERTISEMENT" line is not.)"""
    said = "“ It is a very , very interesting thing to do in a campaign . ”"
    doc = process_article(Article("a", "a.txt", "The county's new advertisement, which began airing on Sunday, "
                                  "urges residents to vote early.\n\nADVERTISEMENT\n\nThe county clerk , Dana "
                                  "Whitlow , told Gov . Ana Ruiz the message was simple . " + said + "\n\nThe campaign of her opponent did not respond "
                                  "to a request for comment on Monday .\n"))
    assert [s.text for s in doc.sentences] == ["The county's new advertisement, which began airing on Sunday, urges "
                                               "residents to vote early.",
                                               "The county clerk , Dana Whitlow , told Gov . Ana Ruiz the message "
                                               "was simple .",
                                               said,
                                               "The campaign of her opponent did not respond to a request for "
                                               "comment on Monday ."]
    assert [q.text for q in doc.quotes] == ["It is a very , very interesting thing to do in a campaign ."]
