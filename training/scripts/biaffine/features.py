"""Frozen input features for the biaffine parser prototype (issue #16).

The prototype asks what a graph-based parser is worth on top of the shipped
model's own tok2vec, so the tok2vec output is computed once here and the
parser trains on it without touching spaCy again. Each FullStack paragraph is
one ``Doc`` of its gold words, as the analyzer runs paragraphs in use, so the
CNN sees the same neighbours across sentence boundaries that it sees there.

Also stored: the pipeline's own UPOS and FEATS (tagger, morphologizer and
lexicon tags, the components that set them in use), so the parser can read
them as embeddings that are as wrong at dev time as they will be in use. Train
tags are near-gold (the taggers saw train), which is why each input is
measured on and off.

Usage::

    python training/scripts/biaffine/features.py /work/shared/corpora/lv/ud/train.conllu \
        training/training/biaffine/features/train.npz
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from lvnews.conll import Paragraph, read_paragraphs

#: The components that set ``token.pos_`` in use, in pipeline order (tok2vec first).
UPOS_PIPES = ("tok2vec", "tagger", "morphologizer", "lvnews_lexicon_tags")


@dataclass
class Treebank:
    """Gold trees and frozen features of one split, token-aligned in corpus order.

    ``heads`` are sentence-relative (0 = root, as in CoNLL-U); ``lengths`` cut
    the flat arrays into sentences.
    """

    tensor: np.ndarray  # float32 [tokens, width]
    upos: np.ndarray  # str [tokens], predicted by the pipeline
    heads: np.ndarray  # int32 [tokens]
    deprels: np.ndarray  # str [tokens], full UD relation with subtype
    lengths: np.ndarray  # int32 [sentences]
    morph: np.ndarray  # str [tokens], predicted FEATS ("" when none); older files lack it

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez(path, tensor=self.tensor, upos=self.upos, heads=self.heads, deprels=self.deprels,
                 lengths=self.lengths, morph=self.morph)

    @classmethod
    def load(cls, path: Path) -> "Treebank":
        data = np.load(path)
        morph = data["morph"] if "morph" in data.files else np.full(len(data["upos"]), "")
        return cls(data["tensor"], data["upos"], data["heads"], data["deprels"], data["lengths"], morph)

    def sentences(self) -> Iterator[slice]:
        """Token slices of the sentences, in order."""
        start = 0
        for length in self.lengths.tolist():
            yield slice(start, start + length)
            start += length


def gold_doc(nlp: Language, paragraph: Paragraph) -> Doc:
    """A Doc of the paragraph's gold words with gold sentence starts set (True/False on every
    token), so a parser run on it later keeps the gold boundaries."""
    words = paragraph.words
    starts = [w.id == 1 for w in words]
    return Doc(nlp.vocab, words=[w.form for w in words], spaces=[w.space_after for w in words],
               sent_starts=starts)


def run_pipes(nlp: Language, docs: Iterable[Doc], names: Iterable[str]) -> list[Doc]:
    """Run the named components only, in pipeline order, batch by batch."""
    out = list(docs)
    for name in names:
        pipe = nlp.get_pipe(name)
        # Rule components of lvnews are plain callables; spaCy's trained ones batch through pipe().
        out = list(pipe.pipe(out, batch_size=64)) if hasattr(pipe, "pipe") else [pipe(doc) for doc in out]
    return out


def extract(nlp: Language, conllu: Path) -> Treebank:
    """Features and gold trees of every sentence of ``conllu``."""
    paragraphs = list(read_paragraphs(conllu))
    docs = run_pipes(nlp, (gold_doc(nlp, p) for p in paragraphs), UPOS_PIPES)
    tensors, upos, morph, heads, deprels, lengths = [], [], [], [], [], []
    for paragraph, doc in zip(paragraphs, docs):
        assert doc.tensor.shape[0] == len(doc), "tok2vec left no tensor"
        tensors.append(np.asarray(doc.tensor, dtype=np.float32))
        upos.extend(t.pos_ for t in doc)
        morph.extend(str(t.morph) for t in doc)
        for sent in paragraph.sentences:
            lengths.append(len(sent.words))
            # A word without a head (none in LVTB's surface words) is attached to the root.
            heads.extend(w.head or 0 for w in sent.words)
            deprels.extend(w.deprel or "dep" for w in sent.words)
    return Treebank(np.concatenate(tensors), np.array(upos), np.array(heads, dtype=np.int32),
                    np.array(deprels), np.array(lengths, dtype=np.int32), np.array(morph))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("conllu", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--model", type=Path, default=Path("models/lv_lvnews"))
    args = ap.parse_args()
    nlp = spacy.load(args.model)
    started = time.perf_counter()
    bank = extract(nlp, args.conllu)
    bank.save(args.out)
    print(f"{args.conllu.name}: {len(bank.lengths)} sentences, {len(bank.heads)} tokens, "
          f"{time.perf_counter() - started:.0f} s -> {args.out}")


if __name__ == "__main__":
    main()
