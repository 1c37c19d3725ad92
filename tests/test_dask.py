"""stancekit.dask on a real LocalCluster: same rows as one process, models loaded once per worker."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")

from stancekit import Analyzer  # noqa: E402
from stancekit.batch import analyze_documents, flat_row  # noqa: E402
from stancekit.datasets import load_articles  # noqa: E402


def _loads():
    from stancekit import batch

    return batch._LOADS[0]


@pytest.fixture(scope="module")
def cluster_client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as cluster, distributed.Client(cluster) as client:
        yield client


@pytest.fixture(scope="module")
def docs():
    arts = load_articles()[::4]
    return [{"id": f"a{i}", "text": a["text"], "date": "2025-06-01"} for i, a in enumerate(arts)] + \
        [{"id": "broken", "text": None}]


@pytest.fixture(scope="module")
def expected(docs):
    an = Analyzer()
    items = [(d["text"], {k: v for k, v in d.items() if k != "text"}, None) if isinstance(d["text"], str)
             else (None, {"id": d["id"]}, TypeError("no text")) for d in docs]
    return analyze_documents(an, items)


def _canon(rows):
    return sorted(json.dumps({k: v for k, v in r.items() if k != "error"}, sort_keys=True, default=str)
                  for r in rows)


def test_bag_on_local_cluster_equals_single_process(cluster_client, docs, expected):
    import dask.bag as db

    from stancekit.dask import analyze_bag

    rows = analyze_bag(db.from_sequence(docs, npartitions=6)).compute()
    assert _canon(rows) == _canon(expected)
    assert [r["doc"] for r in rows if "error" in r] == ["broken"]
    loads = cluster_client.run(_loads)
    assert len(loads) == 2 and all(n <= 1 for n in loads.values()), loads
    assert sum(loads.values()) >= 1
    # a second computation reuses the workers' analyzers
    analyze_bag(db.from_sequence(docs, npartitions=6)).compute()
    again = cluster_client.run(_loads)
    assert all(again[w] == 1 for w, n in loads.items() if n == 1) and all(n <= 1 for n in again.values())


def test_dataframe_on_local_cluster_equals_single_process(cluster_client, docs, expected):
    import dask.dataframe as dd
    import pandas as pd

    from stancekit.dask import analyze_dataframe

    frame = pd.DataFrame([d for d in docs if d["text"]])
    out = analyze_dataframe(dd.from_pandas(frame, npartitions=4), id_col="id", date_col="date").compute()
    want = [flat_row(r) for r in expected if r["doc"] != "broken"]
    assert len(out) == len(want)
    got = sorted(zip(out["doc"], out["start"].astype(int), out["speaker"], out["stance"], out["stance_p"]))
    ref = sorted((r["doc"], r["start"], r["speaker"], r["stance"], r["stance_p"]) for r in want)
    assert got == ref
    assert set(out["date"]) == {"2025-06-01"}
    assert all(n <= 1 for n in cluster_client.run(_loads).values())
