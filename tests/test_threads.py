"""Thread safety: one analyzer shared by threads gives exactly the records serial calls give.

spaCy does not document its pipelines as safe to call from several threads, so an
``Analyzer`` runs one batch of articles at a time under its lock and concurrent
callers take turns. ``lvnews.analyze``, the HTTP service and any caller's own
threads share the process's one analyzer (``shared_analyzer``); these
tests call it from many threads at once, and check with a probe component in a
real pipeline that no two threads are ever inside the pipeline together.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Callable

import pytest
from spacy.language import Language

import lvnews
from lvnews.analyzer import Analyzer, shared_analyzer
from lvnews.records import Article

# Made-up news items (people and numbers are fictional), each with entities and facts.
TEXTS = [
    "Ekonomika\n\nRīgas domes priekšsēdētājs Jānis Bērziņš otrdien tikās ar Latvijas Bankas pārstāvjiem.",
    "Liepājas domes priekšsēdētāja Anna Kalniņa apmeklēja Ventspili.\n\nBiedrība apvieno 120 biedrus.",
    "Valmierā atvērta jauna skola, kurā mācīsies 450 skolēnu. Skolas direktore ir Inese Ozola.",
    "Kurzemes uzņēmēju biedrība šogad uzņēma 12 jaunus biedrus no Kuldīgas un Talsiem.",
    "Cēsu novada dome apstiprināja budžetu 35 miljonu eiro apmērā.\n\nDeputāts Andris Liepiņš balsoja pret.",
    "Jelgavas pilī notika konference, kurā piedalījās vairāk nekā 200 dalībnieku no 14 valstīm.",
]
ROUNDS = 2


def comparable(article: Article) -> dict:
    """The record as JSON, without the one field that may differ: the time it took."""
    record = article.model_dump(mode="json")
    record["meta"].pop("seconds")
    return record


def run_together(calls: list[Callable[[], list[Article]]]) -> list[list[Article]]:
    """Each call on its own thread, all released at the same moment."""
    start = threading.Barrier(len(calls))

    def run(call: Callable[[], list[Article]]) -> list[Article]:
        start.wait()
        return call()

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


def mixed_calls(analyzer: Analyzer) -> list[Callable[[], list[Article]]]:
    """lvnews.analyze, Analyzer.analyze and Analyzer.analyze_many (both orders) over TEXTS."""
    calls: list[Callable[[], list[Article]]] = []
    for n, text in enumerate(TEXTS):
        calls.append(lambda n=n, text=text: [lvnews.analyze(text, id=str(n))])
        calls.append(lambda n=n, text=text: [analyzer.analyze(text, id=str(n))])
    items = [{"id": str(n), "text": text} for n, text in enumerate(TEXTS)]
    calls.append(lambda: list(analyzer.analyze_many(items, batch_size=2)))
    calls.append(lambda: list(analyzer.analyze_many(items[::-1], batch_size=4)))
    return calls


def test_threads_sharing_the_analyzer_get_the_serial_records():
    shared = shared_analyzer()
    serial = {str(n): comparable(shared.analyze(text, id=str(n))) for n, text in enumerate(TEXTS)}
    assert all(record["entities"] and record["sentences"] for record in serial.values())
    for _ in range(ROUNDS):
        results = run_together(mixed_calls(shared))
        assert sum(len(articles) for articles in results) == 4 * len(TEXTS)
        for articles in results:
            for article in articles:
                assert comparable(article) == serial[article.id], f"article {article.id} differs"
    # lvnews.analyze used this very analyzer: one model in the process, not one per caller.
    assert shared_analyzer() is shared


class ConcurrencyProbe:
    """A pipeline component that counts how many threads are inside the pipeline at once;
    it lingers a little on each doc so that unserialised callers would overlap."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self.inside = 0
        self.most = 0
        self.docs = 0

    def __call__(self, doc):  # noqa: ANN001, ANN204
        with self._guard:
            self.inside += 1
            self.most = max(self.most, self.inside)
            self.docs += 1
        time.sleep(0.002)
        with self._guard:
            self.inside -= 1
        return doc


@Language.factory("test_concurrency_probe")
def make_concurrency_probe(nlp: Language, name: str) -> ConcurrencyProbe:  # noqa: ARG001
    return ConcurrencyProbe()


@pytest.fixture(scope="module")
def probed():
    """An analyzer of its own (not the shared one) with the probe at the end of its pipeline."""
    analyzer = lvnews.load()
    return analyzer, analyzer.nlp.add_pipe("test_concurrency_probe")


def test_one_thread_at_a_time_inside_the_pipeline(probed):
    analyzer, probe = probed
    calls = [lambda text=text: [analyzer.analyze(text)] for text in TEXTS]
    calls += [lambda: list(analyzer.analyze_many(TEXTS, batch_size=3))] * 2
    results = run_together(calls)
    assert probe.docs >= 3 * len(TEXTS), "the probe saw too few documents to test anything"
    assert probe.most == 1, f"{probe.most} threads were inside the pipeline at once"
    assert all(article.sentences for articles in results for article in articles)
