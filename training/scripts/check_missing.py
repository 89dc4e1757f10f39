"""Check that NER-only Docs teach the other components nothing (not "empty").

``train_more.spacy`` holds Docs with entities but no tags, lemmas or heads (the
``original/`` paragraphs) and Docs with heads but missing entities. spaCy treats ""
tags/lemmas and a Doc without dependencies as missing, but a wrong conversion (a
tag of "", an explicit "O", heads pointing at themselves) would silently train the
model towards empty labels. This builds the pipeline from a config, initialises it
on a sample of the corpus and, for each NER-only Doc, reads every component's
gradient: tagger, morphologizer, lemmatizer and parser must get exactly zero, NER
must not.

Run: ``python scripts/check_missing.py CONFIG TRAIN.spacy [--n 20]``; exit status 1
on a failed check.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy
from spacy import util
from spacy.tokens import DocBin
from spacy.training import Example

import lvnews  # noqa: F401  (registers the tokenizer and architectures the config names)


def is_ner_only(doc) -> bool:
    return doc.has_annotation("ENT_IOB") and not doc.has_annotation("DEP") and not doc.has_annotation("TAG")


def gradient_norm(pipe, examples: list[Example]) -> float:
    """Sum of |d_scores| of a tagger-like component's loss on ``examples``."""
    scores = pipe.model.predict([eg.predicted for eg in examples])
    _, d_scores = pipe.get_loss(examples, scores)
    return float(sum(numpy.abs(pipe.model.ops.to_numpy(d)).sum() for d in d_scores))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("config", type=Path)
    ap.add_argument("train", type=Path)
    ap.add_argument("--n", type=int, default=20, help="NER-only Docs to check")
    args = ap.parse_args()
    config = util.load_config(args.config, overrides={"paths.train": str(args.train), "paths.dev": str(args.train)})
    nlp = util.load_model_from_config(config, auto_fill=True, validate=True)
    docs = list(DocBin().from_disk(args.train).get_docs(nlp.vocab))
    ner_only = [d for d in docs if is_ner_only(d)][: args.n]
    if not ner_only:
        print("no NER-only Docs in", args.train)
        return 1

    def example(doc, tok2vec=None) -> Example:
        predicted = nlp.make_doc(doc.text)
        return Example(tok2vec(predicted) if tok2vec else predicted, doc)

    # Initialise on treebank Docs too, so that every component has its labels.
    sample = [example(d) for d in docs[:300]] + [example(d) for d in ner_only]
    nlp.initialize(lambda: sample)
    # Gradients in predict mode: the listeners read the tensors tok2vec leaves on the Docs.
    tok2vec = nlp.get_pipe("tok2vec")
    examples = [example(d, tok2vec) for d in ner_only]
    results = {f"{name} gradient": gradient_norm(nlp.get_pipe(name), examples)
               for name in ("tagger", "morphologizer", "trainable_lemmatizer")}
    # And the losses of a real training step (all components, as spacy train runs them).
    losses: dict[str, float] = {}
    nlp.update([example(d) for d in ner_only], drop=0.0, losses=losses)
    results |= {f"{name} loss": value for name, value in losses.items()}
    tokens = sum(len(eg.reference) for eg in examples)
    print(f"{len(examples)} NER-only Docs, {tokens} tokens, {sum(len(eg.reference.ents) for eg in examples)} entities")
    for name, value in results.items():
        print(f"  {name}: {value:.6f}")
    silent = [k for k in results if not k.startswith(("ner", "tok2vec"))]
    ok = all(results[k] == 0.0 for k in silent)
    ok = ok and results["ner loss"] > 0
    print("OK: only NER learns from them" if ok else "FAILED: a component learns from missing annotation")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
