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


def batches(lengths: np.ndarray, max_tokens: int, rng: np.random.Generator | None) -> list[np.ndarray]:
    order = np.argsort(lengths + (rng.random(len(lengths)) if rng is not None else 0), kind="stable")
    out, current = [], []
    for i in order:
        if current and (len(current) + 1) * lengths[i] > max_tokens:
            out.append(np.array(current))
            current = []
        current.append(i)
    out.append(np.array(current))
    if rng is not None:
        rng.shuffle(out)
    return out


def padded(bank: Treebank, starts: np.ndarray, idx: np.ndarray, upos_ids: np.ndarray, labels: np.ndarray):  # noqa: ANN201
    n = bank.lengths[idx].max()
    feats = np.zeros((len(idx), n, bank.tensor.shape[1]), dtype=np.float32)
    up = np.zeros((len(idx), n), dtype=np.int64)
    gold = np.full((len(idx), n), -100, dtype=np.int64)
    for b, s in enumerate(idx):
        a, m = starts[s], bank.lengths[s]
        feats[b, :m], up[b, :m], gold[b, :m] = bank.tensor[a : a + m], upos_ids[a : a + m], labels[a : a + m]
    return torch.from_numpy(feats), torch.from_numpy(up), torch.from_numpy(gold)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--train", nargs=2, action="append", metavar=("CONLLU", "NPZ"), required=True)
    ap.add_argument("--dev", nargs=2, metavar=("CONLLU", "NPZ"), required=True)
    ap.add_argument("--epochs", type=int, default=12)
    args = ap.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(1)
    rng = np.random.default_rng(1)
    train_banks = [Treebank.load(Path(npz)) for _, npz in args.train]
    train_feats = [f for conllu, _ in args.train for f in gold_feats(Path(conllu))]
    train = Treebank(*(np.concatenate([getattr(b, f) for b in train_banks])
                       for f in ("tensor", "upos", "heads", "deprels", "lengths")))
    dev = Treebank.load(Path(args.dev[1]))
    dev_feats = gold_feats(Path(args.dev[0]))
    assert len(train_feats) == len(train.upos) and len(dev_feats) == len(dev.upos)
    labels = sorted(set(train_feats))
    upos = ["<unk>"] + sorted(set(train.upos.tolist()))
    lab_index, upos_index = {x: i for i, x in enumerate(labels)}, {x: i for i, x in enumerate(upos)}
    y_train = np.array([lab_index[f] for f in train_feats])
    y_dev = np.array([lab_index.get(f, -1) for f in dev_feats])
    u_train = np.array([upos_index.get(u, 0) for u in train.upos.tolist()])
    u_dev = np.array([upos_index.get(u, 0) for u in dev.upos.tolist()])
    s_train = np.concatenate([[0], np.cumsum(train.lengths)[:-1]])
    s_dev = np.concatenate([[0], np.cumsum(dev.lengths)[:-1]])
    model = Tagger(train.tensor.shape[1], len(upos), len(labels))
    optimizer = torch.optim.Adam(model.parameters(), lr=2e-3, betas=(0.9, 0.9))
    for epoch in range(1, args.epochs + 1):
        started = time.perf_counter()
        model.train()
        for idx in batches(train.lengths, 3000, rng):
            feats, up, gold = padded(train, s_train, idx, u_train, y_train)
            loss = nn.functional.cross_entropy(model(feats, up).transpose(1, 2), gold, ignore_index=-100)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        model.eval()
        right = total = 0
        with torch.no_grad():
            for idx in batches(dev.lengths, 5000, None):
                feats, up, gold = padded(dev, s_dev, idx, u_dev, np.maximum(y_dev, 0))
                pred = model(feats, up).argmax(-1)
                for b, s in enumerate(idx):
                    m, a = dev.lengths[s], s_dev[s]
                    right += int((pred[b, :m].numpy() == y_dev[a : a + m]).sum())
                    total += int(m)
        print(f"epoch {epoch}: dev FEATS accuracy {100 * right / total:.2f} ({time.perf_counter() - started:.0f} s)",
              flush=True)


if __name__ == "__main__":
    main()
