"""NER evaluation on gold tokens: span P/R/F1, micro and per label.

The gold tokenization is given to the pipeline (``Doc`` built from the gold
words), so the score is about entity recognition, not tokenization. Also
reports macro F1 over PERSON/ORG/GPE/LOC, the usual Latvian NER comparison.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..conll import bio_spans, read_paragraphs
from .scoring import PRF, count_labelled

MACRO_LABELS = ("PERSON", "ORG", "GPE", "LOC")


def evaluate_ner(nlp: Language, path: str | Path, limit: int | None = None) -> dict[str, Any]:
    paragraphs = list(read_paragraphs(path, ner=True))[:limit]
    docs = []
    gold_sets = []
    for para in paragraphs:
        words = [w.form for w in para.words]
        docs.append(Doc(nlp.vocab, words=words))
        gold_sets.append(set(bio_spans([w.ner for w in para.words])))
    micro = PRF()
    per_label: dict[str, PRF] = defaultdict(PRF)
    for doc, gold in zip(nlp.pipe(docs, batch_size=64), gold_sets):
        count_labelled(gold, {(e.start, e.end, e.label_) for e in doc.ents}, micro, per_label)
    macro = sum(per_label[label].f1 for label in MACRO_LABELS) / len(MACRO_LABELS)
    return {
        "file": str(path),
        "paragraphs": len(paragraphs),
        "micro": micro.as_dict(),
        "macro_f1_PER_ORG_GPE_LOC": round(macro, 2),
        "per_label": {label: prf.as_dict() for label, prf in sorted(per_label.items())},
    }
