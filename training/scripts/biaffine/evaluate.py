"""Dev UAS/LAS and speed of the biaffine prototype against the shipped spaCy parser.

Both parsers get the same input: gold words, gold sentence boundaries, one
paragraph per Doc, the shipped tok2vec. Both are scored by one function the
CoNLL 2018 way (LAS compares the universal relation, before the colon;
punctuation counts). Speed is the parser alone on one thread, tok2vec excluded
on both sides, since the pipeline runs tok2vec anyway.

Usage::

    python training/scripts/biaffine/evaluate.py training/training/biaffine/runs/<run>/best.pt \
        --dev training/training/biaffine/features/dev.npz --spacy /work/shared/corpora/lv/ud/dev.conllu
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
import spacy
import torch

from batching import Vocabs, bucket, collate, sentence_starts
from lvnews.trees import decode_one_root
from features import UPOS_PIPES, Treebank, gold_doc, run_pipes
from lvnews.conll import read_paragraphs
from model import BiaffineParser, Config


def universal(relation: str) -> str:
    """``nsubj:pass`` -> ``nsubj``; spaCy's ``ROOT`` -> ``root``."""
    return relation.split(":", 1)[0].lower()


def attachment_scores(gold_heads: np.ndarray, gold_rels: np.ndarray, pred_heads: np.ndarray,
                      pred_rels: list[str] | np.ndarray) -> dict[str, float]:
    """UAS and LAS in percent over all words (gold tokens, so precision = recall)."""
    heads_ok = np.asarray(gold_heads) == np.asarray(pred_heads)
    rels_ok = np.array([universal(str(g)) == universal(str(p)) for g, p in zip(gold_rels, pred_rels)])
    return {"UAS": round(100 * float(heads_ok.mean()), 2), "LAS": round(100 * float((heads_ok & rels_ok).mean()), 2)}


def load_checkpoint(path: Path) -> tuple[BiaffineParser, Vocabs]:
    """The model and vocabularies that ``train.py`` saved, in eval mode."""
    saved = torch.load(path, map_location="cpu", weights_only=False)
    model = BiaffineParser(Config(**saved["config"]))
    model.load_state_dict(saved["state"])
    model.eval()
    return model, Vocabs(**saved["vocabs"])


def parse(model: BiaffineParser, bank: Treebank, vocabs: Vocabs,
          max_tokens: int = 5000) -> tuple[np.ndarray, list[str]]:
    """Heads (CoNLL-U, sentence-relative) and full relations of every token of ``bank``."""
    model.eval()
    starts = sentence_starts(bank)
    upos_ids = vocabs.upos_ids(bank)
    morph_ids = vocabs.morph_ids(bank) if model.config.n_morph else None
    dummy = np.zeros(len(bank.heads), dtype=np.int64)
    heads = np.zeros(len(bank.heads), dtype=np.int64)
    rels = np.zeros(len(bank.heads), dtype=np.int64)
    for sentences in bucket(bank.lengths, max_tokens):
        batch = collate(bank, starts, sentences, upos_ids, dummy, morph_ids)
        upos = batch.upos if model.config.n_upos else None
        morph = batch.morph if model.config.n_morph else None
        arcs, h = model.predict_scores(batch.feats, upos, batch.lengths, morph)
        tree = np.zeros(tuple(batch.heads.shape), dtype=np.int64)
        for row, n in enumerate(batch.lengths.tolist()):
            tree[row, : n + 1] = decode_one_root(arcs[row, : n + 1, : n + 1])
        labels = model.predict_labels(h, torch.from_numpy(tree))
        for row, s in enumerate(sentences):
            start, n = int(starts[s]), int(batch.lengths[row])
            heads[start:start + n] = tree[row, 1:n + 1]
            rels[start:start + n] = labels[row, 1:n + 1]
    return heads, [vocabs.labels[i] for i in rels.tolist()]


def spacy_parse(model_dir: Path, conllu: Path) -> tuple[np.ndarray, list[str], float]:
    """The shipped parser on gold words with gold sentence starts: heads, relations, parser seconds.

    A head outside the word's gold sentence (the parser crossing a preset
    boundary) is reported as -1, so it counts as wrong.
    """
    nlp = spacy.load(model_dir)
    paragraphs = list(read_paragraphs(conllu))
    docs = run_pipes(nlp, (gold_doc(nlp, p) for p in paragraphs), UPOS_PIPES)
    started = time.perf_counter()
    docs = run_pipes(nlp, docs, ["parser"])
    seconds = time.perf_counter() - started
    heads: list[int] = []
    rels: list[str] = []
    for paragraph, doc in zip(paragraphs, docs):
        offset = 0
        for sent in paragraph.sentences:
            n = len(sent.words)
            for token in doc[offset:offset + n]:
                head = token.head.i - offset
                heads.append(0 if token.head.i == token.i else head + 1 if 0 <= head < n else -1)
                rels.append(token.dep_)
            offset += n
    return np.array(heads), rels, seconds


def timed_parse(model: BiaffineParser, bank: Treebank, vocabs: Vocabs) -> tuple[np.ndarray, list[str], float]:
    """``parse`` and its seconds: network, tree decoding and labels, features already computed."""
    started = time.perf_counter()
    heads, rels = parse(model, bank, vocabs)
    return heads, rels, time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("checkpoint", type=Path, nargs="?")
    ap.add_argument("--dev", type=Path, default=Path("training/training/biaffine/features/dev.npz"))
    ap.add_argument("--spacy", type=Path, help="dev CoNLL-U: also score the shipped parser on it")
    ap.add_argument("--model", type=Path, default=Path("models/lv_lvnews"))
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    torch.set_num_threads(1)
    dev = Treebank.load(args.dev)
    tokens = len(dev.heads)
    result: dict[str, dict] = {}
    if args.checkpoint:
        model, vocabs = load_checkpoint(args.checkpoint)
        parse(model, dev, vocabs)  # warm-up, so the timing below is steady state
        heads, rels, seconds = timed_parse(model, dev, vocabs)
        result["biaffine"] = {**attachment_scores(dev.heads, dev.deprels, heads, rels),
                              "parser_tokens_per_second": round(tokens / seconds)}
    if args.spacy:
        heads, rels, seconds = spacy_parse(args.model, args.spacy)
        result["spacy"] = {**attachment_scores(dev.heads, dev.deprels, heads, rels),
                           "parser_tokens_per_second": round(tokens / seconds),
                           "heads_across_gold_boundary": int((heads == -1).sum())}
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf8")


if __name__ == "__main__":
    main()
