"""Build ``claimcheck/models/first_names.json``: common given names and their gender, from US birth records.

    python -m bench.first_names SSA_DIR        (SSA_DIR holds yob1880.txt ... yob2020.txt)

The US Social Security Administration publishes, for every birth year since
1880, each given name at least five babies received, by sex ("National data",
ssa.gov/oact/babynames, public domain; mirrored at
github.com/hackerb9/ssa-baby-names under ``raw-data/``). A name is kept when
at least ``MIN_BIRTHS`` babies received it over all years and at least
``SHARE`` of them were of one sex, and when it is not a common English word
(its lowercase form is in the POS tagger's tag dictionary: "Will", "Justice",
"King" name people but also say other things, and a list that took them
would make "Justice Department" a person); those go to ``word_genders``, read
for a name's gender only ("Bill and Hillary Clinton": "Mr. Clinton" is
Bill). PolNeAR's training split names
only 751 first names, nearly all of them American politicians'; this list
lets the people registry and the pronoun resolver tell "Victoria Atkins" is a
woman. The file holds names and one letter each, no counts.
"""
from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

from bench.train import write
from claimcheck.tagging import dictionary_tag

MIN_BIRTHS = 2000
SHARE = 0.95


def read_counts(folder: Path) -> dict[str, dict[str, int]]:
    """Births per name and sex, summed over every year file."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"F": 0, "M": 0})
    files = sorted(folder.glob("yob*.txt"))
    if not files:
        raise SystemExit(f"{folder}: no yob*.txt files (the SSA national data)")
    for path in files:
        for line in path.read_text(encoding="ascii").splitlines():
            name, sex, number = line.split(",")
            counts[name][sex] += int(number)
    return counts


def genders(counts: dict[str, dict[str, int]], words: bool = False) -> dict[str, str]:
    """Name -> "f" or "m" for common names given to one sex: common English words left out, or (``words``) only
    those ("Bill", "Rose": a gender once something else has said they are a name)."""
    out: dict[str, str] = {}
    for name, by_sex in sorted(counts.items()):
        total = by_sex["F"] + by_sex["M"]
        if total < MIN_BIRTHS or (dictionary_tag(name) is not None) != words:
            continue
        if by_sex["F"] >= SHARE * total:
            out[name] = "f"
        elif by_sex["M"] >= SHARE * total:
            out[name] = "m"
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("ssa_dir", type=Path)
    args = ap.parse_args()
    counts = read_counts(args.ssa_dir)
    names, word_names = genders(counts), genders(counts, words=True)
    path = write("first_names", {"source": "US Social Security Administration, national baby names 1880-2020",
                                 "min_births": MIN_BIRTHS, "share": SHARE, "genders": names,
                                 "word_genders": word_names})
    print(f"wrote {path} ({len(names)} names: {sum(g == 'f' for g in names.values())} f, "
          f"{sum(g == 'm' for g in names.values())} m; {len(word_names)} that are also words)")


if __name__ == "__main__":
    main()
