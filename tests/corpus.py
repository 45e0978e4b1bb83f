"""Hostile and odd-but-good input files, written at test time (nothing here is a publisher's text).

``write_hostile`` covers every kind of bad input in issue 15 (and the
pathological shapes of ``bench.hostile`` at test sizes); ``write_variants``
covers issue 16: good articles that CMS exports and archives deliver in
legacy encodings, UTF-16, with impossible dates, in other scripts, or under
file names that are not UTF-8. Each file is mapped to what a user should
get: ``good`` (checked), ``aside`` (kept, listed as not analysed), ``bad``
(refused with an error naming it), ``partial`` (some articles checked, some
lines refused) or ``any`` (junk or a mutated page: whatever it is, a clean
outcome).
"""
from __future__ import annotations

import json
import os
import random
from pathlib import Path

from bench import hostile

from .conftest import FIXTURES

STORY_TEXT = ("“We will keep the port open through the winter,” Mayor Ana Ruiz said on Tuesday, after the council "
              "voted 7-2 for the harbor plan.\n\n"
              "The café owners on Quay Street disagreed with the decision and said the ferry fares would rise again "
              "before the spring.\n\n"
              "“Nobody asked the people who work here,” said Tomás Ortega, who has run a bakery near the pier for "
              "twenty years.\n")

ZH = ("「我們會在整個冬天保持港口開放，」市長魯伊斯週二在議會投票通過港口計劃後表示。\n\n"
      "碼頭街的咖啡館老闆不同意這個決定，並表示渡輪票價將在春天之前再次上漲。\n\n"
      "在碼頭附近經營麵包店二十年的奧爾特加說：『沒有人問過在這裡工作的人。』\n")
JA = ("「冬の間も港を開いたままにします」と、ルイス市長は火曜日、議会が港湾計画を可決した後に述べた。\n\n"
      "キー通りのカフェの経営者たちはこの決定に反対し、春までにフェリーの運賃が再び上がると語った。\n\n"
      "桟橋の近くで二十年間パン屋を営むオルテガさんは『ここで働く人には誰も聞かなかった』と話した。\n")
AR = ("قالت رئيسة البلدية آنا رويز يوم الثلاثاء بعد أن صوت المجلس لصالح خطة الميناء: «سنبقي الميناء مفتوحا طوال الشتاء».\n\n"
      "واعترض أصحاب المقاهي في شارع الرصيف على القرار وقالوا إن أسعار العبارات سترتفع مرة أخرى قبل الربيع؟\n\n"
      "وقال توماس أورتيغا الذي يدير مخبزا قرب الرصيف منذ عشرين عاما: «لم يسأل أحد الناس الذين يعملون هنا»\u200f\n")
HE = ("״נשאיר את הנמל פתוח כל החורף״, אמרה ראש העיר אנה רואיס ביום שלישי, לאחר שהמועצה אישרה את תוכנית הנמל.\n\n"
      "בעלי בתי הקפה ברחוב הרציף התנגדו להחלטה ואמרו שמחירי המעבורת יעלו שוב לפני האביב.\n\n"
      "״איש לא שאל את האנשים שעובדים כאן״, אמר תומאס אורטגה, שמפעיל מאפייה ליד המזח כבר עשרים שנה.\n")


def page(body: str, head: str = '<meta charset="utf-8">') -> str:
    """A small news page around ``body`` paragraphs."""
    paras = "".join(f"<p>{p}</p>\n" for p in body.split("\n\n") if p.strip())
    return (f"<!DOCTYPE html><html><head>{head}<title>Port stays open | Harbor Gazette</title></head><body>"
            f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>Port stays open</h1>{paras}"
            f"</article><footer>© 2024 Harbor Gazette</footer></body></html>")


def front(text: str, **meta: str) -> str:
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in meta.items()) + "---\n" + text


def write_variants(folder: Path) -> dict[str, str]:
    """Issue 16: good articles in the shapes archives deliver them. Returns file name -> expectation."""
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, bytes] = {
        "cp1252.json": json.dumps({"title": "Port stays open", "outlet": "Harbor Gazette", "text": STORY_TEXT},
                                  ensure_ascii=False).encode("cp1252"),
        "cp1252-meta.html": page(STORY_TEXT, '<meta charset="windows-1252">').encode("cp1252"),
        "latin1-http-equiv.html": page(STORY_TEXT.replace("“", '"').replace("”", '"'),
                                       '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">')
                                  .encode("latin-1"),
        "cp1252-undeclared.html": page(STORY_TEXT, "").encode("cp1252"),
        "latin1.txt": front(STORY_TEXT.replace("“", '"').replace("”", '"'), outlet="Quay Weekly").encode("latin-1"),
        "utf16-bom.txt": front(STORY_TEXT, outlet="Bay Radio").encode("utf-16"),
        "utf16le-no-bom.txt": STORY_TEXT.encode("utf-16-le"),
        "utf16be-no-bom.json": json.dumps({"text": STORY_TEXT}, ensure_ascii=False).encode("utf-16-be"),
        "utf32-bom.md": STORY_TEXT.encode("utf-32"),
        "truncated-utf8.txt": STORY_TEXT.encode() + "Ortega said the bakery would stay open every day".encode()
                              + "é".encode()[:1],
        "overlong-utf8.txt": STORY_TEXT.encode().replace(b"Tuesday", b"Tues\xc0\xafday").replace(b"spring",
                                                                                              b"spr\xed\xa0\x80ing"),
        "date-month-13.md": front(STORY_TEXT, date="2023-13-45").encode(),
        "date-hour-25.md": front(STORY_TEXT, date="2023-11-15 25:00:00").encode(),
        "date-year-0.md": front(STORY_TEXT, date="0000-01-01").encode(),
        "chinese.txt": ZH.encode(),
        "japanese.md": front(JA, outlet="港新聞").encode(),
        "arabic.txt": AR.encode(),
        "hebrew.html": page(HE, '<meta charset="windows-1255">').encode("cp1255"),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    with open(os.path.join(os.fsencode(folder), b"caf\xe9-owners.txt"), "wb") as fh:  # a name that is not UTF-8
        fh.write(STORY_TEXT.encode())
    expect = {name: "good" for name in files}
    expect.update({"chinese.txt": "aside", "japanese.md": "aside", "arabic.txt": "aside", "hebrew.html": "aside"})
    expect[os.fsdecode(b"caf\xe9-owners.txt")] = "good"
    return expect


def _mutate(data: bytes, rng: random.Random, flips: int) -> bytes:
    out = bytearray(data)
    for _ in range(flips):
        i = rng.randrange(len(out))
        out[i] = rng.randrange(256)
    return bytes(out)


def write_hostile(folder: Path) -> dict[str, str]:
    """Issue 15: every kind of hostile input, at sizes a test can afford. Returns file name -> expectation."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(15)
    deep = "[" * 5000 + "]" * 5000
    good_json_line = json.dumps({"id": "ok", "text": STORY_TEXT})
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n" for p, c in zip("abcdefgh", "bcdefghi"))
    files: dict[str, tuple[bytes, str]] = {
        "deep.json": (deep.encode(), "bad"),
        "deep-text.json": (('{"text": ' + deep + "}").encode(), "bad"),
        "deep-line.jsonl": ((good_json_line + "\n" + deep + "\n").encode(), "partial"),
        "key-float.md": (front(STORY_TEXT, **{"1.5": "x"}).encode(), "bad"),
        "key-null.md": (front(STORY_TEXT, null="y").encode(), "bad"),
        "key-list.md": (front(STORY_TEXT, **{"[a]": "b"}).encode(), "bad"),
        "alias-bomb.md": (("---\n" + bomb + "---\n" + STORY_TEXT).encode(), "bad"),
        "surrogates.json": (('{"title": "Port \\ud800 open", "text": ' + json.dumps(STORY_TEXT)[:-1]
                             + ' \\udc00 end."}').encode(), "good"),
        "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.randrange(256) for _ in range(4000)), "bad"),
        "random.html": (bytes(rng.randrange(256) for _ in range(20000)), "any"),
        "empty.txt": (b"", "bad"),
        "blank.md": (b"  \n\n\t\n", "bad"),
        "only-front-matter.md": (b"---\ntitle: Nothing here\n---\n", "bad"),
        "unclosed-front-matter.md": (b"---\ntitle: Port\n" + STORY_TEXT.encode(), "bad"),
        "bom-front-matter.md": (b"\xef\xbb\xbf" + front(STORY_TEXT, title="Port stays open").encode(), "good"),
        "crlf.txt": (STORY_TEXT.replace("\n", "\r\n").encode(), "good"),
        "cr-only.txt": (STORY_TEXT.replace("\n", "\r").encode(), "good"),
        "xml-declaration.html": (('<?xml version="1.0" encoding="windows-1252"?>\n' + page(STORY_TEXT, ""))
                                 .encode("cp1252"), "good"),
        "script-only.html": (b"<html><head><script>while(true){}</script></head><body><script>x()</script></body></html>",
                             "bad"),
        "truncated-page.html": (page(STORY_TEXT).encode()[:400], "any"),
        "nul-inside.json": (json.dumps({"text": STORY_TEXT}).encode()[:50] + b"\x00" * 10 +
                            json.dumps({"text": STORY_TEXT}).encode()[50:], "any"),
        "one-long-paragraph.txt": ((" ".join(hostile.sentences(rng, 1000))).encode(), "good"),
        "not-an-object.json": (b'["a", 1, null]', "bad"),
        "text-not-string.json": (b'{"text": {"a": 1}}', "bad"),
    }
    for name, (data, _) in files.items():
        (folder / name).write_bytes(data)
    expect = {name: what for name, (_, what) in files.items()}
    # Mutated copies of realistic pages and exports: a few random bytes changed.
    sources = [FIXTURES / "formats" / "metro-daily.html", FIXTURES / "formats" / "cms-export.json",
               FIXTURES / "formats" / "feed.jsonl", FIXTURES / "port-strike" / "coast-times.txt"]
    for n, src in enumerate(sources):
        data = src.read_bytes()
        for k in range(2):
            name = f"mutated-{n}-{k}{src.suffix}"
            (folder / name).write_bytes(_mutate(data, rng, 5 + 40 * k))
            expect[name] = "any"
    # The pathological shapes, at test sizes (bench/hostile.py measures them at full size).
    for name, (writer, size, what) in {"p-flood.html": (hostile.p_flood, 2000, "good"),
                                       "periods.txt": (hostile.periods, 100_000, "bad"),
                                       "period-sentences.txt": (hostile.period_sentences, 10_000, "good"),
                                       "list.json": (hostile.json_list, 100, "good"),
                                       "feed-lines.jsonl": (hostile.jsonl_lines, 100, "partial")}.items():
        writer(folder / name, size)
        expect[name] = what
    # Things that are not files with text in them.
    os.mkfifo(folder / "pipe.txt")
    expect["pipe.txt"] = "bad"
    os.symlink("/dev/zero", folder / "endless.txt")
    expect["endless.txt"] = "bad"
    with open(folder / "huge.txt", "wb") as fh:  # sparse: 60 MB on paper, nothing on disk
        fh.truncate(60_000_000)
    expect["huge.txt"] = "bad"
    return expect
