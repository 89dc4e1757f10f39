"""Probe: does a BiLSTM over the frozen tok2vec output tag FEATS better than the shipped morphologizer?

The biaffine parser gained most from a BiLSTM over the stored features with
the mapped LVTB 2.17 sentences, the only training data whose features are out
of sample. The same may hold for morphology (issue #16 wants UFeats >= 93.8;
the shipped morphologizer with the lexicon tags gets 93.13 on dev gold tokens).
This trains a 2x200 BiLSTM with a softmax over whole FEATS strings on the
stored features (``features.py``) and prints dev FEATS accuracy per epoch.
A measurement only: nothing here is used by the pipeline.

Usage (from the repository root, one core)::

    OMP_NUM_THREADS=1 python training/scripts/biaffine/tagger_probe.py \\
        --train /work/shared/corpora/lv/ud/train.conllu training/training/biaffine/features/train.npz \\
        --train training/corpus/lvtb217_train50_new.conllu training/training/biaffine/features/extra.npz \\
        --dev /work/shared/corpora/lv/ud/dev.conllu training/training/biaffine/features/dev.npz
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

from batching import Vocabs, bucket, collate, concatenate, sentence_starts
from features import Treebank
from lvnews.conll import read_paragraphs


def gold_feats(conllu: Path) -> list[str]:
    """FEATS of every word, in the order ``features.py`` stored the words."""
    return [w.feats for p in read_paragraphs(conllu) for s in p.sentences for w in s.words]


class Tagger(nn.Module):
    def __init__(self, n_in: int, n_upos: int, n_labels: int, hidden: int = 200, dropout: float = 0.33) -> None:
        super().__init__()
        self.upos = nn.Embedding(n_upos, 32)
        self.drop = nn.Dropout(dropout)
        self.lstm = nn.LSTM(n_in + 32, hidden, num_layers=2, bidirectional=True, batch_first=True, dropout=dropout)
        self.out = nn.Linear(2 * hidden, n_labels)

    def forward(self, feats: torch.Tensor, upos: torch.Tensor) -> torch.Tensor:
        h, _ = self.lstm(self.drop(torch.cat([feats, self.upos(upos)], dim=-1)))
        return self.out(self.drop(h))


def words_mask(lengths: torch.Tensor, longest: int) -> torch.Tensor:
    """True at each sentence's words, False at its padding."""
    return torch.arange(longest)[None, :] < lengths[:, None]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--train", nargs=2, action="append", metavar=("CONLLU", "NPZ"), required=True)
    ap.add_argument("--dev", nargs=2, metavar=("CONLLU", "NPZ"), required=True)
    ap.add_argument("--epochs", type=int, default=12)
    args = ap.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(1)
    rng = np.random.default_rng(1)
    train = concatenate([Treebank.load(Path(npz)) for _, npz in args.train])
    train_feats = [f for conllu, _ in args.train for f in gold_feats(Path(conllu))]
    dev = Treebank.load(Path(args.dev[1]))
    dev_feats = gold_feats(Path(args.dev[0]))
    assert len(train_feats) == len(train.upos) and len(dev_feats) == len(dev.upos)
    labels = sorted(set(train_feats))
    vocabs = Vocabs.of([train])
    index = {x: i for i, x in enumerate(labels)}
    y_train = np.array([index[f] for f in train_feats])
    y_dev = np.array([index.get(f, -1) for f in dev_feats])  # a value train lacks is always wrong
    u_train, u_dev = vocabs.upos_ids(train), vocabs.upos_ids(dev)
    s_train, s_dev = sentence_starts(train), sentence_starts(dev)
    model = Tagger(train.tensor.shape[1], len(vocabs.upos), len(labels))
    optimizer = torch.optim.Adam(model.parameters(), lr=2e-3, betas=(0.9, 0.9))
    for epoch in range(1, args.epochs + 1):
        started = time.perf_counter()
        model.train()
        for idx in bucket(train.lengths, 3000, rng):
            batch = collate(train, s_train, idx, u_train, y_train)
            gold = batch.labels[:, 1:].masked_fill(words_mask(batch.lengths, batch.feats.shape[1]).logical_not(), -100)
            loss = nn.functional.cross_entropy(model(batch.feats, batch.upos).transpose(1, 2), gold, ignore_index=-100)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        model.eval()
        right = 0
        with torch.no_grad():
            for idx in bucket(dev.lengths, 5000):
                batch = collate(dev, s_dev, idx, u_dev, np.maximum(y_dev, 0))
                pred = model(batch.feats, batch.upos).argmax(-1).numpy()
                for row, s in enumerate(idx):
                    n, a = int(dev.lengths[s]), int(s_dev[s])
                    right += int((pred[row, :n] == y_dev[a : a + n]).sum())
        total = len(y_dev)
        print(f"epoch {epoch}: dev FEATS accuracy {100 * right / total:.2f} ({time.perf_counter() - started:.0f} s)",
              flush=True)


if __name__ == "__main__":
    main()
