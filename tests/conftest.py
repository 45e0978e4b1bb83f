"""Shared fixtures: the bundled example story, analysed once per session."""
from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck import api

ROOT = Path(__file__).resolve().parent.parent
STORY = ROOT / "claims" / "apec-trilateral-2023"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def example_report():
    """The example story's report, built without writing anything into the repo."""
    return api.check([STORY], write=False).report


def quotes_of(report: dict, article: str) -> list[dict]:
    return [q for q in report["quotes"] if q["article"] == article]


def find_quote(report: dict, article: str, words: str) -> dict:
    hits = [q for q in quotes_of(report, article) if words in q["text"]]
    assert len(hits) == 1, f"expected one quote with {words!r} in {article}, got {[q['text'] for q in hits]}"
    return hits[0]
