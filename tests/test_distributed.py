"""lvnews.distributed on a real LocalCluster (2 worker processes, 1 thread each):
records equal the single-process ones, timing fields aside."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

import dask  # noqa: E402
import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402
import pandas as pd  # noqa: E402

from lvnews import batch  # noqa: E402
from lvnews.batch import comparable  # noqa: E402
from lvnews.distributed import annotate_bag, annotate_dataframe, records_to_dataframe  # noqa: E402
from lvnews.analyzer import shared_analyzers  # noqa: E402

from test_batch import expected, generate_articles, records, write_jsonl  # noqa: E402


@pytest.fixture(scope="module")
def client():
    # allowed-failures 0: the first worker death fails its tasks with KilledWorker
    # (Dask's default retries 3 times first), which is what annotate must survive.
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                      dashboard_address=None) as cluster:
            with distributed.Client(cluster) as c:
                yield c


def test_bag_of_texts_and_dicts(client, analyzer):
    arts = generate_articles(4, seed=21)
    items = [{"id": a["id"], "text": a["text"], "title": a["title"]} for a in arts]
    items += ["Valmierā atvērta jauna skola.", {"id": "pair", "text": "Cēsīs notika koncerts."}, {"id": "bad", "text": 3}]
    got = annotate_bag(db.from_sequence(items, npartitions=2)).compute()
    got = [comparable(record) for record in got]
    want = [expected(a) for a in analyzer.analyze_many(items[:-1])]
    assert got[:-1] == want
    assert got[-1]["id"] == "bad" and got[-1]["error"].startswith("TypeError: text must be str")
    # each worker process loaded its own analyzer, lazily, by model name, through the one cache
    loaded = client.run(shared_analyzers)
    assert loaded and all(len(models) == 1 and models[0][1] == "spacy" for models in loaded.values())

    frame = records_to_dataframe(annotate_bag(db.from_sequence(items[:2], npartitions=2))).compute()
    assert list(frame["id"]) == [a["id"] for a in arts[:2]]
    assert json.loads(frame["entities"].iloc[0]) == want[0]["entities"]


def test_dataframe_column_to_parquet(client, analyzer, tmp_path):
    arts = generate_articles(5, seed=22)
    pdf = pd.DataFrame({"doc": [a["id"] for a in arts] + ["missing"], "body": [a["text"] for a in arts] + [None],
                        "src": ["LETA"] * 6, "n": range(6)}, index=pd.RangeIndex(100, 106))
    out = annotate_dataframe(dd.from_pandas(pdf, npartitions=2), "body", id_column="doc", metadata_columns=["src", "n"])
    out.to_parquet(tmp_path / "records.parquet")
    back = pd.read_parquet(tmp_path / "records.parquet")
    assert list(back.index) == list(range(100, 106)) and list(back["id"]) == list(pdf["doc"])
    for n, (art, (_, row)) in enumerate(zip(arts, back.iloc[:5].iterrows())):
        want = expected(analyzer.analyze(art["text"], id=art["id"], metadata={"src": "LETA", "n": n}))
        assert json.loads(row["metadata"]) == want["metadata"] and json.loads(row["meta"])["model"] == want["meta"]["model"]
        assert row["language"] == want["language"] and pd.isna(row["error"])
        assert json.loads(row["entities"]) == want["entities"] and json.loads(row["facts"]) == want["facts"]
        assert json.loads(row["sentences"]) == want["sentences"]
    assert back["error"].iloc[5].startswith("TypeError") and back["language"].iloc[5] == "und"


def test_cli_through_a_scheduler(client, analyzer, tmp_path):
    write_jsonl(tmp_path / "in.jsonl", generate_articles(6, seed=23) + [{"id": "bad", "text": None}])
    options = batch.AnnotateOptions(inputs=[str(tmp_path / "in.jsonl")], output=str(tmp_path / "local.jsonl"),
                                    quiet=True)
    local = batch.annotate(options, analyzer=analyzer)
    assert local.articles == 7 and local.errors == 1
    address = client.scheduler.address
    run = subprocess.run([sys.executable, "-m", "lvnews.cli", "annotate", "in.jsonl", "-o", "dask.jsonl",
                          "--dask", address, "--batch-size", "2"], cwd=tmp_path, capture_output=True, text=True,
                         timeout=180)
    assert run.returncode == 0, run.stderr
    assert "7 articles, 1 failed" in run.stderr
    assert records(tmp_path / "dask.jsonl") == records(tmp_path / "local.jsonl")


def test_cli_engine_survives_a_killed_worker(client, analyzer, tmp_path):
    # The client's own analyzer goes to the workers (here with a component that
    # SIGKILLs its worker on one article): the chunk is redone an article at a time,
    # the article that kills again becomes an error record, and the run goes on.
    from test_batch_failures import KILL, poisoned_copy

    arts = generate_articles(5, seed=24)
    rows = [*arts[:2], {"id": "killer", "text": f"Cēsīs {KILL}."}, *arts[2:]]
    write_jsonl(tmp_path / "in.jsonl", rows)
    options = batch.AnnotateOptions(inputs=[str(tmp_path / "in.jsonl")], output=str(tmp_path / "dask.jsonl"),
                                    dask=client.scheduler.address, batch_size=2, quiet=True)
    summary = batch.annotate(options, analyzer=poisoned_copy(analyzer))
    assert summary.articles == len(rows) and summary.errors == 1
    got = records(tmp_path / "dask.jsonl")
    assert [r["id"] for r in got] == [r["id"] for r in rows]
    assert got[2]["error"] == batch.WORKER_DIED and got[2]["text"] == rows[2]["text"]
    for record, row in zip(got[:2] + got[3:], rows[:2] + rows[3:]):
        meta = {k: v for k, v in row.items() if k not in ("id", "text")}
        assert record == expected(analyzer.analyze(row["text"], id=row["id"], metadata=meta)), row["id"]
