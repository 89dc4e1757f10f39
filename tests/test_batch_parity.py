"""Parallel equals serial: worker processes run the caller's own pipeline, not a fresh
load of the model (lvnews issue #13, item 3). One analyzer with a component enabled,
a config override and an excluded component; each change is checked to matter."""

from __future__ import annotations

import json

import pytest

import lvnews
from lvnews import batch

from test_batch import annotate_here, expected, records, write_jsonl  # noqa: F401 - a fixture

MONEY = "Jelgavas mērs Andris Ozols atzina, ka pilsēta projektā ieguldīs aptuveni 2,5 miljonus eiro."
ROLE = "Rīgas domes priekšsēdētājs Jānis Bērziņš tikās ar Latvijas Bankas pārstāvjiem."
QUANTITY = "Festivālā piedalījās aptuveni 300 dalībnieku no 12 valstīm."
ITEMS = [{"id": "money", "text": MONEY}, {"id": "role", "text": ROLE}, {"id": "quantity", "text": QUANTITY}]


@pytest.fixture(scope="module")
def custom(tmp_path_factory):
    """The bundled model with lvnews_money enabled, lvnews_role excluded, and the fact
    extractors' lexicon overridden in the config (no approximation words)."""
    from lvnews.lexicon import LEXICON_PATH

    lexicon = json.loads(LEXICON_PATH.read_text(encoding="utf-8"))
    lexicon["approx"] = {kind: [] for kind in lexicon["approx"]}
    path = tmp_path_factory.mktemp("lexicon") / "lexicon.json"
    path.write_text(json.dumps(lexicon, ensure_ascii=False), encoding="utf-8")
    analyzer = lvnews.load(exclude=["lvnews_role"],
                           config={"components": {"lvnews_quantity": {"lexicon": str(path)}}})
    analyzer.nlp.enable_pipe("lvnews_money")
    return analyzer


def serial(analyzer, items=ITEMS) -> list[dict]:  # noqa: ANN001
    return [expected(a) for a in analyzer.analyze_many(items)]


def test_each_change_matters(custom, analyzer):
    mine, plain = serial(custom), serial(analyzer)
    assert "MONEY" in {e["label"] for e in mine[0]["entities"]} - {e["label"] for e in plain[0]["entities"]}
    assert any(f["type"] == "role" for f in plain[1]["facts"]) and not any(f["type"] == "role" for f in mine[1]["facts"])
    approx = [f.get("approx") for f in mine[2]["facts"] if f["type"] == "quantity"]
    assert approx != [f.get("approx") for f in plain[2]["facts"] if f["type"] == "quantity"]


def test_analyze_many_in_workers_equals_serial(custom):
    parallel = [expected(a) for a in custom.analyze_many(ITEMS, n_process=2, batch_size=1)]
    assert parallel == serial(custom)


def test_annotate_workers_run_the_callers_analyzer(custom, tmp_path):
    write_jsonl(tmp_path / "in.jsonl", ITEMS)
    options = batch.AnnotateOptions(inputs=[str(tmp_path / "in.jsonl")], output=str(tmp_path / "two.jsonl"),
                                    workers=2, batch_size=1, quiet=True)
    summary = batch.annotate(options, analyzer=custom)
    assert summary.errors == 0
    assert records(tmp_path / "two.jsonl") == serial(custom)


def test_cli_workers_run_the_model_given(custom, tmp_path, annotate_here):
    # The CLI's user pipeline is --model: a directory saved from the customized pipeline.
    custom.nlp.to_disk(tmp_path / "model")
    write_jsonl(tmp_path / "in.jsonl", ITEMS)
    run = annotate_here("in.jsonl", "-o", "two.jsonl", "--workers", "2", "--batch-size", "1", "--quiet",
                        "--model", "model")
    assert run.returncode == 0, run.stderr
    assert records(tmp_path / "two.jsonl") == serial(custom)


def test_a_pipeline_that_cannot_travel_is_refused_in_the_caller(analyzer):
    import pickle

    from spacy.language import Language

    def local_component():  # noqa: ANN202 - a function defined inside another does not pickle
        @Language.component("lvnews_test_local")
        def same(doc):  # noqa: ANN001, ANN202
            return doc

    local_component()
    copy = pickle.loads(pickle.dumps(analyzer))
    copy.nlp.add_pipe("lvnews_test_local")
    with pytest.raises(TypeError, match="worker processes run this analyzer.*does not pickle"):
        next(copy.analyze_many(["Rīgā līst."], n_process=2))
    assert [a.text for a in copy.analyze_many(["Rīgā līst."])] == ["Rīgā līst."]  # serially it runs
