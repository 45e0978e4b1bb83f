"""A newsroom's archive: articles added once, today's story checked against it."""
from __future__ import annotations

import shutil

import pytest

from claimcheck import api, pipeline
from claimcheck.match import Settings
from claimcheck.model import InputError

from .clihelp import run
from .conftest import FIXTURES

PORT = FIXTURES / "port-strike"
EARLIER = ["ap-wire.txt", "london-post.txt", "valley-herald-reprint.txt"]


@pytest.fixture
def archive(tmp_path):
    path = tmp_path / "newsroom.archive"
    added = api.archive_add(path, [PORT / name for name in EARLIER])
    assert (added.added, added.updated, added.unchanged) == (3, 0, 0)
    return path


@pytest.fixture
def story(tmp_path):
    folder = tmp_path / "today"
    (folder / "articles").mkdir(parents=True)
    shutil.copy(PORT / "coast-times.txt", folder / "articles")
    return folder


def _comparable(rows):
    """Rows without what naming the archive adds (a match's outlet and date) and without cluster ids, which
    are named after the cluster's first member: in a story checked against an archive that is the story's."""
    return [{**r, "cluster": bool(r["cluster"]),
             "matches": [{k: v for k, v in m.items() if k not in ("outlet", "date")} for m in r["matches"]]}
            for r in rows]


def test_a_story_checked_against_the_archive_reads_as_in_a_check_of_everything(archive, story):
    whole = api.check([PORT], write=False).report
    against = api.check([story], against=archive, write=False).report
    assert [a["id"] for a in against["articles"]] == ["coast-times"]
    for section in ("quotes", "sentences"):
        mine = [r for r in whole[section] if r["article"] == "coast-times"]
        assert _comparable(against[section]) == _comparable(mine)
    adams = next(q for q in against["quotes"] if "did not want this strike" in q["text"])
    assert adams["status"] == "corroborated"
    wire = next(m for m in adams["matches"] if m["article"] == "ap-wire")
    assert (wire["outlet"], wire["date"]) == ("Associated Press", "2024-06-11")
    assert against["archive"]["matched_articles"] == 3
    assert not against.get("notes")  # not "only one article was checked": the archive was
    md = api.render(against, "md")  # the editor sees the archive articles where the claim is
    assert "3 of them print something these articles print" in md
    assert f"Associated Press `{wire['id']}` (in the archive, 2024-06-11): same words" in md


def test_an_article_in_a_language_not_supported_is_not_added_and_is_named(tmp_path):
    other = tmp_path / "beijing-daily.txt"
    other.write_text("---\noutlet: Beijing Daily\n---\n港口工人星期二开始罢工。工会说谈判已经破裂。\n", encoding="utf-8")
    r = run("archive", "add", tmp_path / "a.archive", PORT / "ap-wire.txt", other)
    assert r.code == 0 and "1 added" in r.err
    assert "beijing-daily.txt: not added: language not supported yet (Chinese characters)" in r.err


def test_adding_again_skips_what_is_there_and_replaces_a_changed_article(archive, tmp_path):
    again = api.archive_add(archive, [PORT / name for name in EARLIER])
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)
    changed = tmp_path / "ap-wire.txt"
    changed.write_text((PORT / "ap-wire.txt").read_text().replace("$1 billion", "$2 billion"))
    more = api.archive_add(archive, [changed, PORT / "coast-times.txt"])
    assert (more.added, more.updated, more.unchanged) == (1, 1, 0)
    info = api.archive_info(archive)
    assert info["articles"] == 4 and info["settings"]["quote_threshold"] == 80.0
    r = run("archive", "info", archive)
    assert r.code == 0 and "4 articles" in r.out and "quote_threshold 80.0" in r.out


def test_other_settings_or_a_file_that_is_no_archive_are_clear_errors(archive, story, tmp_path):
    r = run("check", story, "--against", archive, "--quote-threshold", "70", "--out", "-")
    assert r.code == 2 and "quote_threshold 80.0 (asked: 70.0)" in r.err and "Traceback" not in r.err
    text = tmp_path / "notes.txt"
    text.write_text("not an archive\n")
    r = run("check", story, "--against", text, "--out", "-")
    assert r.code == 2 and "not a claimcheck archive" in r.err
    r = run("archive", "info", tmp_path / "missing.archive")
    assert r.code == 2 and "no such archive" in r.err


def test_an_interrupted_add_leaves_the_archive_as_it_was(archive, monkeypatch):
    before = api.archive_info(archive)
    calls = []

    def fail_on_second(store, doc, settings):
        calls.append(doc)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return original(store, doc, settings)

    original = pipeline.store_document
    monkeypatch.setattr("claimcheck.archive.store_document", fail_on_second)
    with pytest.raises(KeyboardInterrupt):
        api.archive_add(archive, [PORT / "coast-times.txt", FIXTURES / "small-set"])
    assert api.archive_info(archive) == before
    monkeypatch.undo()
    again = api.archive_add(archive, [PORT / "coast-times.txt"])
    assert again.added == 1


def test_checking_against_an_archive_of_one_settings_with_another_raises(archive, story):
    with pytest.raises(InputError, match="sentence_threshold"):
        api.check([story], against=archive, settings=Settings(sentence_threshold=90), write=False)


def test_only_archive_items_that_can_match_are_read_for_a_story(tmp_path):
    earlier = tmp_path / "earlier.txt"
    earlier.write_text(
        "---\noutlet: Harbour Gazette\n---\n"
        "The port authority approved the dredging contract after a long debate on Monday evening.\n\n"
        "Crews will begin dredging the northern channel next spring, the authority said.\n\n"
        "\"We cannot let the channel silt up again,\" said Mara Olsen, the authority's chair.\n", encoding="utf-8")
    path = tmp_path / "port.archive"
    api.archive_add(path, [earlier])
    today = tmp_path / "today.txt"
    today.write_text(
        "---\noutlet: Coast Times\n---\n"
        "Crews will start dredging the northern channel next spring, the port authority said.\n\n"
        "Fishermen say dredging has harmed the oyster beds for years.\n\n"
        "\"We cannot let the channel silt up once more,\" Mara Olsen said.\n", encoding="utf-8")
    from claimcheck.archive import Archive
    arch = Archive(path, Settings())
    try:
        texts = {uid: text for uid, text in arch.store.conn.execute("SELECT uid, text FROM items")}
        story = pipeline.load_analysable([today], None)[1]
        store = pipeline.Store.temporary()
        pipeline.store_parsed(store, story, pipeline.parse_articles(story, 1), Settings())
        read = {texts[uid] for uid in arch.candidates(store.load(store.items))}
    finally:
        arch.close()
    # the reworded sentence and quote are read; the sentence sharing only "dredging" (a rare word) is not
    assert read == {"Crews will begin dredging the northern channel next spring, the authority said.",
                    "We cannot let the channel silt up again."}
    report = api.check([today], against=path, write=False).report
    assert report["archive"]["matched_articles"] == 1
    assert {q["status"] for q in report["quotes"]} == {"variant"}


def test_a_large_add_is_read_and_stored_a_piece_at_a_time_with_the_same_result(tmp_path, story, monkeypatch):
    whole = tmp_path / "whole.archive"
    api.archive_add(whole, [PORT / name for name in EARLIER] + [FIXTURES / "small-set"])
    loaded = []
    original = pipeline.split_analysable

    def counting(articles):
        loaded.append(len(articles))
        return original(articles)

    monkeypatch.setattr("claimcheck.archive.ADD_BATCH", 2)
    monkeypatch.setattr("claimcheck.pipeline.split_analysable", counting)
    pieces = tmp_path / "pieces.archive"
    added = api.archive_add(pieces, [PORT / name for name in EARLIER] + [FIXTURES / "small-set"])
    assert len(loaded) > 2 and max(loaded) < sum(loaded)  # never every article at once
    assert added.added == sum(loaded) == api.archive_info(whole)["articles"] == api.archive_info(pieces)["articles"]
    monkeypatch.undo()
    assert api.check([story], against=pieces, write=False).report["quotes"] == \
        api.check([story], against=whole, write=False).report["quotes"]
