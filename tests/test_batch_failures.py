"""One failure contract for every engine (lvnews issue #13, item 5): a bad --model is the
same one-line error whatever --workers is; a worker killed mid-run costs a retry, then an
error record, never the run; --timeout turns a hung article into an error record.

The hung and the killing articles are real: two test-only spaCy components, added with
``nlp.add_pipe`` to a copy of the analyzer, sleep or SIGKILL their own process on a marker
word. Parallel equals serial is what takes them into the worker processes."""

from __future__ import annotations

import os
import pickle
import signal
import time

import pytest
from spacy.language import Language

from lvnews import batch

from test_batch import annotate, expected, generate_articles, records, write_jsonl

HANG = "IESTRĒGT"
KILL = "NOGALINĀT"
TIMEOUT = 10.0  # seconds; ample for one short article even on two overloaded cores


@Language.component("lvnews_test_hang")
def hang(doc):  # noqa: ANN001, ANN201
    if HANG in doc.text:
        time.sleep(3600)
    return doc


@Language.component("lvnews_test_kill")
def kill(doc):  # noqa: ANN001, ANN201
    if KILL in doc.text:
        os.kill(os.getpid(), signal.SIGKILL)
    return doc


def poisoned_copy(analyzer):  # noqa: ANN001, ANN201
    """A copy of ``analyzer`` that hangs on HANG and dies on KILL."""
    copy = pickle.loads(pickle.dumps(analyzer))
    copy.nlp.add_pipe("lvnews_test_hang")
    copy.nlp.add_pipe("lvnews_test_kill")
    return copy


@pytest.fixture(scope="module")
def poisoned(analyzer):
    return poisoned_copy(analyzer)


def inputs(tmp_path, n: int = 2) -> tuple[list[dict], str]:  # noqa: ANN001
    arts = generate_articles(n, seed=31)
    rows = [*arts[:2], {"id": "hung", "text": f"Rīgā {HANG} šodien."}, {"id": "killer", "text": f"Cēsīs {KILL}."},
            *arts[2:]]
    return rows, str(write_jsonl(tmp_path / "in.jsonl", rows))


def check(out, rows: list[dict], analyzer, killer: str | None) -> None:  # noqa: ANN001
    got = {r["id"]: r for r in records(out)}
    assert list(got) == [r["id"] for r in rows], "every article once, in input order"
    assert got["hung"]["error"] == batch.timed_out(TIMEOUT) and got["hung"]["language"] == "und"
    assert got["hung"]["text"] == rows[2]["text"]
    if killer is not None:
        assert got["killer"]["error"] == killer and got["killer"]["text"] == rows[3]["text"]
    for row in rows:
        if row["id"] not in ("hung", "killer"):
            meta = {k: v for k, v in row.items() if k not in ("id", "text")}
            assert got[row["id"]] == expected(analyzer.analyze(row["text"], id=row["id"], metadata=meta)), row["id"]


@pytest.mark.parametrize("workers", [1, 2])
def test_hung_and_killing_articles_become_error_records(tmp_path, analyzer, poisoned, workers):
    rows, path = inputs(tmp_path)
    options = batch.AnnotateOptions(inputs=[path], output=str(tmp_path / "out.jsonl"), workers=workers,
                                    batch_size=2, timeout=TIMEOUT, quiet=True)
    started = time.monotonic()
    summary = batch.annotate(options, analyzer=poisoned)
    assert summary.articles == len(rows) and summary.errors == 2
    check(tmp_path / "out.jsonl", rows, analyzer, batch.WORKER_DIED)
    assert time.monotonic() - started < 120


def test_timeout_reaches_the_cli(tmp_path):
    run = annotate("-", "-o", "out.jsonl", "--timeout", "0", cwd=tmp_path, stdin="")
    assert run.returncode == 2 and run.stderr == "lvnews annotate: --timeout must be a number of seconds above 0\n"
    run = annotate("-", "-o", "out.jsonl", "--timeout", "5", "--dask", "tcp://127.0.0.1:1", cwd=tmp_path, stdin="")
    assert run.returncode == 2 and "not available with --dask" in run.stderr


def test_a_bad_model_is_one_line_whatever_the_workers(tmp_path):
    write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": "Rīgā līst."}])
    runs = [annotate("in.jsonl", "-o", f"out{n}.jsonl", "--workers", str(n), "--model", "missing", cwd=tmp_path)
            for n in (1, 2)]
    assert [run.returncode for run in runs] == [2, 2]
    assert runs[0].stderr == runs[1].stderr
    assert runs[0].stderr.startswith("lvnews annotate: cannot load model 'missing': ")
    assert runs[0].stderr.count("\n") == 1 and "Traceback" not in runs[0].stderr
    assert not list(tmp_path.glob("out*"))


def test_one_error_record_builder_for_every_path(analyzer, tmp_path):
    # A task that failed while reading, an article that raised in analysis and a
    # worker death are all error_record's records, differing only in the error.
    task = batch.Task("x", "Rīgā līst.", {"url": "u"})
    made = batch.failure(analyzer, task, batch.WORKER_DIED, "dict")
    assert made.error == batch.WORKER_DIED and made.payload["error"] == batch.WORKER_DIED
    assert made.payload["metadata"] == {"url": "u"} and made.payload["language"] == "und"
    raised = batch.annotate_task(analyzer, batch.Task("y", 5), render="dict")
    assert raised.payload == {**made.payload, "id": "y", "text": "", "metadata": {}, "error": raised.error,
                              "meta": raised.payload["meta"]}
    assert batch.render_article(batch.error_record(analyzer, batch.WORKER_DIED, task.id, task.text, task.metadata), "conllu").endswith(b"\n\n")
