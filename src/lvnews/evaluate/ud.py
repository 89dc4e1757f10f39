"""UD evaluation end to end from raw paragraph text, CoNLL 2018 style.

Each paragraph's raw text (its sentences' ``# text`` joined by spaces) goes
through the whole pipeline; system words are aligned to gold words by
character span. Tokens and Sentences are span F1; UPOS, XPOS, UFeats, Lemma,
UAS and LAS are F1 over aligned words (a head counts when the predicted
head aligns with the gold head). LAS compares the universal relation only,
ignoring ``:subtype``; punctuation is scored like any word.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from spacy.language import Language

from ..conll import read_paragraphs, word_char_spans
from .scoring import PRF

METRICS = ("Tokens", "Sentences", "UPOS", "XPOS", "UFeats", "Lemma", "UAS", "LAS")


def _feats(value: str) -> str:
    value = value if value not in ("_", "") else ""
    return "|".join(sorted(p for p in value.split("|") if p))


def evaluate_ud(nlp: Language, path: str | Path, limit: int | None = None) -> dict[str, Any]:
    paragraphs = list(read_paragraphs(path))[:limit]
    scores = {m: PRF() for m in METRICS}
    started = time.perf_counter()
    docs = nlp.pipe((p.text for p in paragraphs), batch_size=64)
    n_words = 0
    for para, doc in zip(paragraphs, docs):
        gold_spans = word_char_spans(para)
        gold_words = para.words
        gold_heads: list[tuple[int, int] | None] = []
        offset = 0
        for sent in para.sentences:
            for w in sent.words:
                gold_heads.append(gold_spans[offset + w.head - 1] if w.head else None)
            offset += len(sent.words)
        gold_sents = set()
        offset = 0
        for sent in para.sentences:
            gold_sents.add((gold_spans[offset][0], gold_spans[offset + len(sent.words) - 1][1]))
            offset += len(sent.words)
        tokens = [t for t in doc if not t.is_space]
        n_words += len(tokens)
        span_of = {t.i: (t.idx, t.idx + len(t.text)) for t in tokens}
        pred_by_span = {span_of[t.i]: t for t in tokens}
        pred_sents = set()
        for s in doc.sents:
            toks = [t for t in s if not t.is_space]
            if toks:
                pred_sents.add((span_of[toks[0].i][0], span_of[toks[-1].i][1]))
        for m in METRICS:
            if m == "Sentences":
                scores[m].gold += len(gold_sents)
                scores[m].pred += len(pred_sents)
            else:
                scores[m].gold += len(gold_words)
                scores[m].pred += len(tokens)
        scores["Sentences"].tp += len(gold_sents & pred_sents)
        for span, w, ghead in zip(gold_spans, gold_words, gold_heads):
            tok = pred_by_span.get(span)
            if tok is None:
                continue
            scores["Tokens"].tp += 1
            scores["UPOS"].tp += tok.pos_ == w.upos
            scores["XPOS"].tp += tok.tag_ == w.xpos
            scores["UFeats"].tp += _feats(str(tok.morph)) == _feats(w.feats)
            scores["Lemma"].tp += tok.lemma_ == w.lemma
            phead = None if tok.head.i == tok.i or tok.dep_ == "ROOT" else span_of.get(tok.head.i)
            if phead == ghead:
                scores["UAS"].tp += 1
                pdep = "root" if phead is None else tok.dep_.split(":")[0].lower()
                gdep = (w.deprel or "").split(":")[0].lower()
                scores["LAS"].tp += pdep == gdep
    seconds = time.perf_counter() - started
    return {
        "file": str(path),
        "paragraphs": len(paragraphs),
        "scores": {m: round(s.f1, 2) for m, s in scores.items()},
        "details": {m: s.as_dict() for m, s in scores.items()},
        "words_per_second": round(n_words / seconds, 1) if seconds else None,
    }
