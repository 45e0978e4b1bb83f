"""Pathological input shapes at growing sizes: time and peak memory of a whole `claimcheck check`.

    python -m bench.hostile                 # every shape at its two default sizes
    python -m bench.hostile p_flood 20000   # one shape at n and 2n

Each shape is written at size n and 2n and checked in a fresh process
(`claimcheck check FILE --format json -q`); the line printed gives wall
time, peak memory (the process and its children) and the ratio between
the two sizes: about 2 means the cost grows in proportion to the input.
The same writers make the small copies in tests/test_hostile.py.

Repeated identical text across many articles (n copies of one article)
is the quadratic case of issue 17 and not measured here.
"""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SYLLABLES = "ba be bi bo ka ke ki ko ra re ri ro ta te ti to na ne ni no la le li lo ma me mi mo sa se si so".split()
FUNCTION = "the of and to in that for on with as at by from".split()


def sentences(rng: random.Random, n: int) -> list[str]:
    """n news-shaped sentences that do not repeat each other: words drawn from 20,000 made-up words.

    Text that repeats itself across articles is the quadratic case of
    issue 17; these shapes measure size alone.
    """
    vocab = ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(20_000)]
    out = []
    for _ in range(n):
        words = [rng.choice(vocab) if rng.random() < 0.6 else rng.choice(FUNCTION) for _ in range(rng.randint(10, 18))]
        out.append(" ".join(words).capitalize() + ".")
    return out


def p_flood(path: Path, n: int) -> Path:
    """An HTML page with n <p> paragraphs (a live blog or a scrape that lost its structure)."""
    rng = random.Random(1)
    body = "".join(f"<p>{s}</p>\n" for s in sentences(rng, n))
    path.write_text(f"<!doctype html><html><head><title>Live: harbor strike</title></head><body><article>"
                    f"<h1>Live: harbor strike</h1>{body}</article></body></html>", encoding="utf-8")
    return path


def periods(path: Path, n: int) -> Path:
    """n periods and nothing else, on one line."""
    path.write_text("." * n, encoding="utf-8")
    return path


def period_sentences(path: Path, n: int) -> Path:
    """n one-word sentences in a single paragraph ("Yes. Yes. Yes. ..."): n periods that each end a sentence."""
    path.write_text("Yes. " * n, encoding="utf-8")
    return path


def json_list(path: Path, n: int) -> Path:
    """A JSON list of n distinct short articles (a CMS export)."""
    rng = random.Random(2)
    texts = sentences(rng, 2 * n)
    records = [{"id": f"a{i}", "title": f"Brief {i}", "outlet": f"Outlet {i % 7}", "text": f"{texts[2 * i]} {texts[2 * i + 1]}"}
               for i in range(n)]
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


def jsonl_lines(path: Path, n: int) -> Path:
    """A JSONL feed of n lines, one short article each, every tenth line broken."""
    rng = random.Random(3)
    texts = sentences(rng, n)
    with open(path, "w", encoding="utf-8") as fh:
        for i, t in enumerate(texts):
            fh.write('{"text": "broken\n' if i % 10 == 9 else json.dumps({"id": f"l{i}", "text": t}) + "\n")
    return path


SHAPES = {  # name: (writer, suffix, default n)
    "p_flood": (p_flood, ".html", 10_000),
    "periods": (periods, ".txt", 100_000),
    "period_sentences": (period_sentences, ".txt", 100_000),
    "json_list": (json_list, ".json", 5_000),
    "jsonl_lines": (jsonl_lines, ".jsonl", 5_000),
}


def measure(path: Path, out: Path) -> tuple[float, float, int]:
    """Wall seconds, peak MB (largest process of the run) and exit code of one check."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "claimcheck", "check", str(path), "--out", str(out),
                             "--format", "json", "-q"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    return wall, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def main(argv: list[str]) -> None:
    names = [argv[0]] if argv else list(SHAPES)
    for name in names:
        writer, suffix, n = SHAPES[name]
        n = int(argv[1]) if len(argv) > 1 else n
        rows = []
        with tempfile.TemporaryDirectory() as tmp:
            for size in (n, 2 * n):
                path = writer(Path(tmp) / f"{name}-{size}{suffix}", size)
                wall, peak, code = measure(path, Path(tmp) / "out")
                rows.append((size, path.stat().st_size, wall, peak, code))
        (n1, b1, w1, m1, c1), (n2, b2, w2, m2, c2) = rows
        print(json.dumps({"shape": name, "n": [n1, n2], "bytes": [b1, b2], "wall_s": [round(w1, 1), round(w2, 1)],
                          "peak_mb": [round(m1), round(m2)], "exit": [c1, c2], "time_ratio": round(w2 / w1, 2)}),
              flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
