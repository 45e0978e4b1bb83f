"""Time and size of each report format on one set, after one check.

    python -m bench.generate 1000 bench/out/1000      # once
    python -m bench.formats bench/out/1000

Prints one JSON line: the check's wall time, then for each format the
seconds to render it and its size in MB. The reports are rendered in memory
(the same writers ``check`` uses, with the garbage collector paused as
there), not written.
"""
from __future__ import annotations

import argparse
import json
import time

from claimcheck import api


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("folder")
    args = ap.parse_args()
    t0 = time.perf_counter()
    outcome = api.check([args.folder], write=False)
    out: dict = {"articles": len(outcome.report["articles"]), "check_s": round(time.perf_counter() - t0, 2)}
    with api.paused_gc():  # as in check, which writes its reports with the collector paused
        for fmt in api.ALL_FORMATS:
            t = time.perf_counter()
            text = api.render(outcome.report, fmt, outcome.analysis)
            out[fmt] = {"s": round(time.perf_counter() - t, 2), "mb": round(len(text.encode("utf-8")) / 1e6, 1)}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
