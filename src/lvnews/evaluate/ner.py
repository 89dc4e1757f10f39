"""NER evaluation on gold tokens: span P/R/F1, micro and per label.

The gold tokenization is given to the pipeline (``Doc`` built from the gold
words), so the score is about entity recognition, not tokenization. Also
reports macro F1 over PERSON/ORG/GPE/LOC, the usual Latvian NER comparison.

By default the paragraphs of one document (``a-c12-p51`` is paragraph 51 of
document ``a-c12``) are analysed as ``analyze`` does an article: paragraph by
paragraph through the networks, then merged for the article-level components
(an acronym defined in one paragraph, a surname resolved from another).
``by_document=False`` scores each paragraph alone, as earlier releases did.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..analyzer import article_pipes, whole_article
from ..conll import bio_spans, read_paragraphs
from .scoring import PRF, count_labelled

MACRO_LABELS = ("PERSON", "ORG", "GPE", "LOC")


def document_of(paragraph_id: str) -> str:
    """``a-c12-p51`` -> ``a-c12``: FullStack-LV paragraph ids end in ``-p<number>``."""
    head, sep, tail = paragraph_id.rpartition("-p")
    return head if sep and tail.isdigit() else paragraph_id


def predicted_spans(nlp: Language, words: list[list[str]], documents: list[str]) -> list[set[tuple[int, int, str]]]:
    """Each paragraph's predicted (start, end, label), its paragraphs analysed as one article per document."""
    pipes = article_pipes(nlp)
    docs = list(nlp.pipe((Doc(nlp.vocab, words=w) for w in words), batch_size=64, disable=pipes))
    members: dict[str, list[int]] = defaultdict(list)
    for k, document in enumerate(documents):
        members[document].append(k)
    found: list[set[tuple[int, int, str]]] = [set() for _ in words]
    for indices in members.values():
        doc = whole_article(nlp, [docs[k] for k in indices], pipes)
        offset = 0
        for k in indices:
            end = offset + len(words[k])
            found[k] = {(e.start - offset, e.end - offset, e.label_) for e in doc.ents
                        if offset <= e.start and e.end <= end}
            offset = end
    return found


def evaluate_ner(nlp: Language, path: str | Path, limit: int | None = None,
                 by_document: bool = True) -> dict[str, Any]:
    paragraphs = list(read_paragraphs(path, ner=True))[:limit]
    words = [[w.form for w in para.words] for para in paragraphs]
    documents = [document_of(p.id) if by_document else str(k) for k, p in enumerate(paragraphs)]
    micro = PRF()
    per_label: dict[str, PRF] = defaultdict(PRF)
    for para, predicted in zip(paragraphs, predicted_spans(nlp, words, documents)):
        count_labelled(set(bio_spans([w.ner for w in para.words])), predicted, micro, per_label)
    macro = sum(per_label[label].f1 for label in MACRO_LABELS) / len(MACRO_LABELS)
    return {
        "file": str(path),
        "paragraphs": len(paragraphs),
        "documents": len(set(documents)),
        "by_document": by_document,
        "micro": micro.as_dict(),
        "macro_f1_PER_ORG_GPE_LOC": round(macro, 2),
        "per_label": {label: prf.as_dict() for label, prf in sorted(per_label.items())},
    }
