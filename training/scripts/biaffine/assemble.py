"""A model with the biaffine parser: the shipped pipeline + ``lvnews_biaffine_parser`` after the sentence repair.

Why a script and not ``spacy assemble``: the component's weights come from a
PyTorch run outside spaCy, exported to numpy (``export.py``), and everything
else is the shipped model as it is, so the comparison with it isolates the
parser. The transition parser stays in front: it still sets the sentence
boundaries the biaffine parser reparses within.

Usage (from the repository root)::

    python training/scripts/biaffine/assemble.py models/lv_lvnews training/training/biaffine/weights.npz \
        training/training/lv_lvnews_biaffine
"""

from __future__ import annotations

import argparse
from pathlib import Path

import spacy


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model", type=Path)
    ap.add_argument("weights", type=Path)
    ap.add_argument("out", type=Path)
    args = ap.parse_args()
    nlp = spacy.load(args.model)
    parser = nlp.add_pipe("lvnews_biaffine_parser", after="lvnews_sentence_repair")
    parser.initialize(weights=str(args.weights))
    nlp.meta["name"] = f"{nlp.meta['name']}_biaffine"
    nlp.to_disk(args.out)
    print(f"{args.out}: {', '.join(nlp.pipe_names)}")


if __name__ == "__main__":
    main()
