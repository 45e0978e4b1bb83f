"""Parse results on disk: reports written row by row from the store read exactly as reports built in memory."""
from __future__ import annotations

from claimcheck import api
from claimcheck.pipeline import analyse
from claimcheck.report import _yaml, build_report, json_lines, materialized, to_json, yaml_lines

from .conftest import FIXTURES


def test_a_report_written_row_by_row_reads_exactly_as_one_built_in_memory():
    an = analyse([FIXTURES / "port-strike"])
    plain, lazy = build_report(an), build_report(an, lazy=True)
    assert "".join(json_lines(lazy)) == to_json(plain)
    assert "".join(yaml_lines(lazy)) == "".join(yaml_lines(plain)) == _yaml(plain)
    assert materialized(lazy) == plain
    assert list(lazy["quotes"]) == list(lazy["quotes"])  # readable again while the analysis is open
    an.close()


def test_article_bodies_are_not_kept_once_parsed():
    outcome = api.check([FIXTURES / "port-strike"], write=False)
    assert all(a.text == "" for a in outcome.analysis.store.articles)
    assert outcome.analysis.docs[0].quotes  # sentences and quotes are read back from the store
