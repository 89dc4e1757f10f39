"""Entities on whole news articles, scored as the news dev set's README says.

Each article goes through ``Analyzer.analyze`` as one text (no gold tokens),
so the score covers everything a user gets: tokenization, NER, the entity
rules and the base forms. Spans are compared after quote marks and spaces at
their edges are stripped from both sides (``„Juventus”`` and ``Juventus``
are the same mention). Scores:

* micro P/R/F1 over PERSON/ORG/GPE/LOC, a prediction counting only when its
  span and label both match a gold mention, and per-label F1;
* span-only P/R/F1: the same with any of the four labels, which says how much
  of the loss is the label rather than the span;
* canonical accuracy: of the gold mentions found exactly, the share whose
  predicted base form equals the gold one, with the misses listed.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from .scoring import PRF, count_labelled

LABELS = ("PERSON", "ORG", "GPE", "LOC")
ARTICLES_FILE = "articles_dev.jsonl"
GOLD_FILE = "ner_dev.jsonl"
# Not part of a name: the guidelines leave quote marks out of the scored span.
EDGE_QUOTES = "\"'„“”«»‘’‚‹›"


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    label: str
    canonical: str


def stripped(text: str, start: int, end: int) -> tuple[int, int]:
    """(start, end) without quote marks and whitespace (U+00A0 included) at either edge."""
    while start < end and (text[start].isspace() or text[start] in EDGE_QUOTES):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in EDGE_QUOTES):
        end -= 1
    return start, end


def mentions(text: str, entities: Iterable[Mapping[str, Any]]) -> list[Mention]:
    """The four scored labels' mentions of ``entities`` (dicts with start, end, label, canonical)."""
    out = []
    for ent in entities:
        if ent["label"] not in LABELS:
            continue
        start, end = stripped(text, ent["start"], ent["end"])
        if start < end:
            out.append(Mention(start, end, ent["label"], ent.get("canonical") or text[start:end]))
    return out


def score_articles(articles: Iterable[tuple[str, str, Sequence[Mention], Sequence[Mention]]]) -> dict[str, Any]:
    """Scores over (id, text, gold, predicted) per article; see the module docstring."""
    micro, spans = PRF(), PRF()
    per_label: dict[str, PRF] = defaultdict(PRF)
    canonical_ok = canonical_seen = 0
    misses = []
    for ident, text, gold, pred in articles:
        gold_keys = {(m.start, m.end, m.label): m for m in gold}
        pred_keys = {(m.start, m.end, m.label): m for m in pred}
        hits = count_labelled(set(gold_keys), set(pred_keys), micro, per_label)
        gold_spans = {(m.start, m.end) for m in gold}
        pred_spans = {(m.start, m.end) for m in pred}
        spans.tp += len(gold_spans & pred_spans)
        spans.gold += len(gold_spans)
        spans.pred += len(pred_spans)
        for key in sorted(hits):
            canonical_seen += 1
            want, got = gold_keys[key].canonical, pred_keys[key].canonical
            if want == got:
                canonical_ok += 1
            else:
                misses.append({"id": ident, "text": text[key[0]:key[1]], "label": key[2],
                               "gold": want, "predicted": got})
    return {
        "micro": micro.as_dict(),
        "per_label": {label: per_label[label].as_dict() for label in LABELS},
        "spans": spans.as_dict(),
        "canonical": {"correct": canonical_ok, "found": canonical_seen,
                      "accuracy": round(100.0 * canonical_ok / canonical_seen, 2) if canonical_seen else 0.0},
        "canonical_misses": misses,
    }


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def evaluate_news(analyzer: Any, folder: str | Path, limit: int | None = None) -> dict[str, Any]:
    """Analyse ``articles_dev.jsonl`` in ``folder`` and score it against ``ner_dev.jsonl``."""
    folder = Path(folder)
    articles = read_jsonl(folder / ARTICLES_FILE)[:limit]
    gold = {item["id"]: item["entities"] for item in read_jsonl(folder / GOLD_FILE)}
    started = time.perf_counter()
    records = list(analyzer.analyze_many({"id": a["id"], "text": a["text"]} for a in articles))
    seconds = time.perf_counter() - started
    scored = []
    for article, record in zip(articles, records):
        text = article["text"]
        predicted = [e.model_dump() for e in record.entities]
        scored.append((article["id"], text, mentions(text, gold.get(article["id"], ())), mentions(text, predicted)))
    result = score_articles(scored)
    words = sum(len(a["text"].split()) for a in articles)
    return {"folder": str(folder), "articles": len(articles), **result,
            "seconds": round(seconds, 2), "words_per_second": round(words / seconds, 1) if seconds else None}
