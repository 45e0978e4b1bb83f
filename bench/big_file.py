"""One very large article (a 20 MB live blog or transcript): time and peak memory of a whole check.

    python -m bench.big_file            # 20 MB
    python -m bench.big_file 50000000   # any size in bytes

Prints one JSON line. Cost should grow in proportion to the size: compare
two sizes. The test suite checks a 2 MB file of the same shape for
correctness only.
"""
from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
from pathlib import Path

PARAGRAPH = ("The council debated the harbor budget for the {n}th time on Tuesday. "
             "\"We will not raise fares this year,\" said council member Dana Ruiz. "
             "Opponents said the plan was unaffordable.\n\n")


def write(path: Path, size: int) -> tuple[Path, int]:
    """A file of about ``size`` bytes of paragraphs, each with one quote; returns the path and the quote count."""
    n = 0
    with open(path, "w", encoding="utf-8") as fh:
        while fh.tell() < size:
            fh.write(PARAGRAPH.format(n=n))
            n += 1
    return path, n


def main(argv: list[str]) -> None:
    from claimcheck import api
    size = int(argv[0]) if argv else 20_000_000
    with tempfile.TemporaryDirectory() as tmp:
        path, n = write(Path(tmp) / "big.txt", size)
        t0 = time.perf_counter()
        outcome = api.check([path], write=False, formats=())
        wall = time.perf_counter() - t0
    assert outcome.report["articles"][0]["quotes"] == n
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"bytes": size, "quotes": n, "wall_s": round(wall, 1), "peak_mb": round(peak)}))


if __name__ == "__main__":
    main(sys.argv[1:])
