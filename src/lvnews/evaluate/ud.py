"""UD evaluation of what users get, scored as the CoNLL 2018 shared task scores.

Each gold paragraph's raw text (its sentences' ``# text`` joined by spaces) goes
through ``Analyzer.analyze_many`` like any article (Latvian forced: the language
gate is measured elsewhere), the records are written as CoNLL-U by
:func:`lvnews.formats.to_conllu`, and that CoNLL-U is read back and scored.
So a bug in the records or in the writer costs points here, as it costs users.

Scoring follows ``conll18_ud_eval.py`` (shipped as ``udtools.udeval``): words
are spans in the concatenation of all FORMs without space separators (Unicode
Zs); Tokens and Sentences are span F1; UPOS, XPOS, UFeats (universal features
only), Lemma (a gold ``_`` matches anything), UAS and LAS (universal relation,
``:subtype`` ignored, punctuation included) count aligned words whose values,
heads (aligned too) and relations agree, over all gold and all system words.
LVTB has no multiword tokens, so words are aligned by span alone.

Where the official script refuses a file (the system lost or changed characters
of a paragraph), this scorer aligns that paragraph's characters with difflib
and scores the words that still line up; ``text_mismatches`` counts such
paragraphs.
"""

from __future__ import annotations

import time
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..conll import Sentence, Word, parse_sentences, read_paragraphs
from ..formats import to_conllu
from .scoring import PRF

if TYPE_CHECKING:
    from spacy.language import Language

    from ..analyzer import Analyzer

METRICS = ("Tokens", "Sentences", "UPOS", "XPOS", "UFeats", "Lemma", "UAS", "LAS")

#: The features conll18_ud_eval.py compares; the others (Typo, NumForm, ...) it drops.
UNIVERSAL_FEATURES = frozenset({
    "PronType", "NumType", "Poss", "Reflex", "Foreign", "Abbr", "Gender", "Animacy", "Number", "Case",
    "Definite", "Degree", "VerbForm", "Mood", "Tense", "Aspect", "Voice", "Evident", "Polarity", "Person",
    "Polite",
})

Span = tuple[int, int]


@dataclass
class Side:
    """One paragraph of gold or system output in the script's terms: the
    characters of its FORMs, each word's span in them, and its head's index."""

    chars: str
    words: list[Word]
    spans: list[Span]
    heads: list[int | None]
    sentences: list[Span]

    @classmethod
    def of(cls, sentences: list[Sentence]) -> "Side":
        chars: list[str] = []
        words: list[Word] = []
        spans: list[Span] = []
        heads: list[int | None] = []
        sents: list[Span] = []
        pos = 0
        for sent in sentences:
            first, base = pos, len(words)
            for w in sent.words:
                form = "".join(c for c in w.form if unicodedata.category(c) != "Zs")
                chars.append(form)
                words.append(w)
                spans.append((pos, pos + len(form)))
                heads.append(base + w.head - 1 if w.head else None)
                pos += len(form)
            sents.append((first, pos))
        return cls("".join(chars), words, spans, heads, sents)


def universal_feats(feats: str) -> str:
    """FEATS as the CoNLL 2018 script compares them: universal features only, sorted."""
    return "|".join(sorted(f for f in feats.split("|") if f.split("=", 1)[0] in UNIVERSAL_FEATURES))


def _position_map(gold: str, system: str) -> list[int | None] | None:
    """System character index -> gold index; None when the texts agree (identity)."""
    if gold == system:
        return None
    mapping: list[int | None] = [None] * len(system)
    for a, b, size in SequenceMatcher(None, gold, system, autojunk=False).get_matching_blocks():
        for k in range(size):
            mapping[b + k] = a + k
    return mapping


def _mapped(mapping: list[int | None] | None, span: Span) -> Span | None:
    """A system span in gold characters, or None when it does not map onto one run of them."""
    if mapping is None:
        return span
    start, end = span
    if start == end:
        return None
    first, last = mapping[start], mapping[end - 1]
    if first is None or last is None or last - first != end - 1 - start:
        return None
    return first, last + 1


def score_paragraph(scores: dict[str, PRF], gold: Side, system: Side) -> bool:
    """Add one paragraph's counts to ``scores``; False when its characters differ."""
    mapping = _position_map(gold.chars, system.chars)
    gold_index = {span: i for i, span in enumerate(gold.spans)}
    sys_spans = [_mapped(mapping, span) for span in system.spans]
    aligned = {s: gold_index[span] for s, span in enumerate(sys_spans) if span in gold_index}

    sys_sents = {_mapped(mapping, span) for span in system.sentences}
    scores["Sentences"].gold += len(gold.sentences)
    scores["Sentences"].pred += len(system.sentences)
    scores["Sentences"].tp += len(set(gold.sentences) & sys_sents)
    for metric in METRICS:
        if metric != "Sentences":
            scores[metric].gold += len(gold.words)
            scores[metric].pred += len(system.words)
    for s, g in aligned.items():
        sw, gw = system.words[s], gold.words[g]
        scores["Tokens"].tp += 1
        scores["UPOS"].tp += sw.upos == gw.upos
        scores["XPOS"].tp += sw.xpos == gw.xpos
        scores["UFeats"].tp += universal_feats(sw.feats) == universal_feats(gw.feats)
        scores["Lemma"].tp += gw.lemma == "_" or sw.lemma == gw.lemma
        sys_head = system.heads[s]
        head_ok = (aligned.get(sys_head, -1) if sys_head is not None else None) == gold.heads[g]
        scores["UAS"].tp += head_ok
        scores["LAS"].tp += head_ok and (sw.deprel or "").split(":")[0] == (gw.deprel or "").split(":")[0]
    return mapping is None


def score_sentences(gold: list[Sentence], system: list[Sentence]) -> dict[str, PRF]:
    """Counts for one gold and one system sentence list taken as one text each,
    as the official script counts two whole files."""
    scores = {m: PRF() for m in METRICS}
    score_paragraph(scores, Side.of(gold), Side.of(system))
    return scores


def _as_analyzer(analyzer: "Analyzer | Language") -> "Analyzer":
    """An Analyzer; a bare spaCy pipeline (older callers pass ``analyzer.nlp``) is wrapped."""
    from spacy.language import Language

    if isinstance(analyzer, Language):
        from ..analyzer import Analyzer

        return Analyzer(analyzer)
    return analyzer


def evaluate_ud(analyzer: "Analyzer | Language", path: str | Path, limit: int | None = None,
                system_path: str | Path | None = None) -> dict[str, Any]:
    """Score the CoNLL-U users get for the raw text of ``path``'s first ``limit`` paragraphs.

    ``system_path``: also write that CoNLL-U there (one document per paragraph),
    e.g. to run the official script on it.
    """
    analyzer = _as_analyzer(analyzer)
    paragraphs = list(read_paragraphs(path))[:limit]
    started = time.perf_counter()
    records = analyzer.analyze_many(({"id": p.id, "text": p.text} for p in paragraphs), force_language="lv")
    blocks = [to_conllu(record) for record in records]
    seconds = time.perf_counter() - started
    if system_path is not None:
        Path(system_path).write_text("".join(blocks), encoding="utf-8")

    scores = {m: PRF() for m in METRICS}
    mismatches = 0
    for para, block in zip(paragraphs, blocks):
        system = Side.of(list(parse_sentences(block.split("\n"))))
        mismatches += not score_paragraph(scores, Side.of(para.sentences), system)
    n_words = scores["Tokens"].pred
    return {
        "file": str(path),
        "paragraphs": len(paragraphs),
        "scores": {m: round(s.f1, 2) for m, s in scores.items()},
        "details": {m: s.as_dict() for m, s in scores.items()},
        "text_mismatches": mismatches,
        "words_per_second": round(n_words / seconds, 1) if seconds else None,
    }
