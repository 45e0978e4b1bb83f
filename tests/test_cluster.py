"""The dask.distributed path gives the same report as a local run, byte for byte."""
from __future__ import annotations

import pytest

from claimcheck import api
from claimcheck.report import to_yaml

from .conftest import FIXTURES, STORY


@pytest.fixture(scope="module")
def client():
    from dask.distributed import Client, LocalCluster
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    c = Client(cluster)
    yield c
    c.close()
    cluster.close()


@pytest.mark.parametrize("story", [STORY, FIXTURES / "port-strike"])
def test_cluster_report_equals_local_report(client, story):
    from claimcheck.cluster import check_on_cluster
    local = api.check([story], write=False).report
    remote = check_on_cluster(None, [story], client=client, write=False).report
    assert to_yaml(remote) == to_yaml(local)


def test_unreachable_scheduler_is_a_clear_error():
    from .clihelp import run
    r = run("check", STORY, "--scheduler", "tcp://127.0.0.1:9", "--out", "-", "--format", "json")
    assert r.code == 2 and "dask scheduler" in r.err and "Traceback" not in r.err
