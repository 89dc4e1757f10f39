"""Vocabularies and length-bucketed batches over a ``Treebank``.

Why buckets: the BiLSTM pads every sentence of a batch to the longest, so
sentences of like length are batched together (by token budget, not count),
which keeps a one-core epoch short without changing what is learned.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import torch

from features import Treebank
from lvnews.biaffine import MAX_FEATURES, morph_ids

UNKNOWN = "<unk>"
PADDING = "<pad>"


@dataclass
class Vocabs:
    """Label, UPOS and feature-value inventories of the training data, saved with a checkpoint.

    ``morph`` holds single feature values (``Case=Gen``), not whole FEATS strings:
    a word's features are summed from one embedding each, so a combination train
    never had still reads as what it is made of.
    """

    labels: list[str]
    upos: list[str]
    morph: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, banks: list[Treebank]) -> "Vocabs":
        labels = sorted({str(r) for b in banks for r in b.deprels.tolist()})
        upos = [UNKNOWN] + sorted({str(p) for b in banks for p in b.upos.tolist()})
        values = {v for b in banks for m in b.morph.tolist() for v in str(m).split("|") if v}
        return cls(labels, upos, [PADDING, UNKNOWN] + sorted(values))

    def label_ids(self, bank: Treebank) -> np.ndarray:
        """Label index per token; only training reads these (dev is scored on the strings)."""
        index = {label: i for i, label in enumerate(self.labels)}
        return np.array([index.get(str(r), 0) for r in bank.deprels.tolist()], dtype=np.int64)

    def upos_ids(self, bank: Treebank) -> np.ndarray:
        """UPOS index per token; a tag train never had falls back to ``<unk>``."""
        index = {tag: i for i, tag in enumerate(self.upos)}
        return np.array([index.get(str(p), 0) for p in bank.upos.tolist()], dtype=np.int64)

    def morph_ids(self, bank: Treebank) -> np.ndarray:
        """[tokens, MAX_FEATURES] feature-value indices, padded with 0 (``<pad>``); 1 is a value train lacked."""
        return morph_ids((str(m) for m in bank.morph.tolist()), self.morph)


@dataclass
class Batch:
    """Padded tensors of some sentences; index 0 of heads/labels is the ROOT position."""

    sentences: list[int]
    feats: torch.Tensor  # [batch, words, features]
    upos: torch.Tensor  # [batch, words]
    morph: torch.Tensor  # [batch, words, MAX_FEATURES]
    lengths: torch.Tensor  # [batch]
    heads: torch.Tensor  # [batch, 1 + words]
    labels: torch.Tensor  # [batch, 1 + words]


def bucket(lengths: np.ndarray, max_tokens: int, rng: np.random.Generator | None = None) -> list[list[int]]:
    """Sentence indices grouped so that count x longest <= max_tokens.

    With ``rng`` the order within a length is random and the batches are shuffled,
    so each epoch sees different neighbours; without it the split is deterministic.
    """
    noise = rng.random(len(lengths)) if rng is not None else np.zeros(len(lengths))
    order = np.lexsort((noise, lengths))
    batches: list[list[int]] = []
    current: list[int] = []
    for i in order.tolist():
        if current and (len(current) + 1) * int(lengths[i]) > max_tokens:
            batches.append(current)
            current = []
        current.append(i)
    if current:
        batches.append(current)
    if rng is not None:
        rng.shuffle(batches)
    return batches


def collate(bank: Treebank, starts: np.ndarray, sentences: list[int], upos_ids: np.ndarray,
            label_ids: np.ndarray, morph_ids: np.ndarray | None = None) -> Batch:
    """Pad the given sentences of ``bank`` into one ``Batch`` (``morph`` all padding without ``morph_ids``)."""
    lengths = bank.lengths[sentences]
    longest = int(lengths.max())
    feats = np.zeros((len(sentences), longest, bank.tensor.shape[1]), dtype=np.float32)
    upos = np.zeros((len(sentences), longest), dtype=np.int64)
    morph = np.zeros((len(sentences), longest, MAX_FEATURES), dtype=np.int64)
    heads = np.zeros((len(sentences), longest + 1), dtype=np.int64)
    labels = np.zeros((len(sentences), longest + 1), dtype=np.int64)
    for row, s in enumerate(sentences):
        start, n = int(starts[s]), int(lengths[row])
        feats[row, :n] = bank.tensor[start:start + n]
        upos[row, :n] = upos_ids[start:start + n]
        if morph_ids is not None:
            morph[row, :n] = morph_ids[start:start + n]
        heads[row, 1:n + 1] = bank.heads[start:start + n]
        labels[row, 1:n + 1] = label_ids[start:start + n]
    return Batch(sentences, torch.from_numpy(feats), torch.from_numpy(upos), torch.from_numpy(morph),
                 torch.from_numpy(lengths.astype(np.int64)),
                 torch.from_numpy(heads), torch.from_numpy(labels))


def sentence_starts(bank: Treebank) -> np.ndarray:
    """Token offset of each sentence in the flat arrays."""
    return np.concatenate([[0], np.cumsum(bank.lengths)[:-1]]).astype(np.int64)


def concatenate(banks: list[Treebank]) -> Treebank:
    """Several splits as one (train plus the extra treebank)."""
    if len(banks) == 1:
        return banks[0]
    return Treebank(*(np.concatenate([getattr(b, f) for b in banks])
                      for f in ("tensor", "upos", "heads", "deprels", "lengths", "morph")))
