"""The biaffine parser of Dozat & Manning (2017) over frozen tok2vec features.

Why this shape: the shipped CNN sees 4 tokens each side; a BiLSTM over the whole
sentence gives every word the sentence as context, and a graph-based scorer
rates every head for every word at once instead of committing transition by
transition. The features come from ``features.py`` and are not fine-tuned, so
what this measures is the parser on top of the tok2vec the pipeline already
runs (nothing upstream would change if it were integrated).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence


@dataclass
class Config:
    """Sizes of one model; saved with its checkpoint so evaluate.py rebuilds it."""

    n_features: int = 128
    n_upos: int = 0  # 0: no UPOS input
    upos_dim: int = 32
    n_morph: int = 0  # 0: no FEATS input; else the feature values, 0 the padding
    morph_dim: int = 32
    hidden: int = 200  # per direction
    layers: int = 2
    arc_mlp: int = 400
    label_mlp: int = 100
    n_labels: int = 1
    dropout: float = 0.33

    def to_dict(self) -> dict:
        return asdict(self)


class MLP(nn.Module):
    """One projection with the leaky ReLU and dropout of the paper."""

    def __init__(self, n_in: int, n_out: int, dropout: float) -> None:
        super().__init__()
        self.linear = nn.Linear(n_in, n_out)
        self.act = nn.LeakyReLU(0.1)
        self.drop = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.drop(self.act(self.linear(x)))


def with_ones(x: torch.Tensor) -> torch.Tensor:
    """Append a constant 1 so a bilinear form also carries the linear and bias terms."""
    return torch.cat([x, x.new_ones(x.shape[:-1] + (1,))], dim=-1)


class BiaffineParser(nn.Module):
    """BiLSTM encoder, biaffine arc scorer, biaffine label scorer.

    Position 0 of every sequence is a learned ROOT vector, so a head index is
    the CoNLL-U head (0 = root) and no shifting is needed anywhere.
    """

    def __init__(self, config: Config) -> None:
        super().__init__()
        self.config = config
        n_in = (config.n_features + (config.upos_dim if config.n_upos else 0)
                + (config.morph_dim if config.n_morph else 0))
        self.upos = nn.Embedding(config.n_upos, config.upos_dim) if config.n_upos else None
        # A word's FEATS is the sum of its values' embeddings; the padding index stays zero.
        self.morph = nn.Embedding(config.n_morph, config.morph_dim, padding_idx=0) if config.n_morph else None
        self.root = nn.Parameter(torch.randn(n_in) * 0.1)
        self.input_drop = nn.Dropout(config.dropout)
        self.lstm = nn.LSTM(n_in, config.hidden, num_layers=config.layers, bidirectional=True,
                            batch_first=True, dropout=config.dropout)
        self.lstm_drop = nn.Dropout(config.dropout)
        width = 2 * config.hidden
        self.arc_dep = MLP(width, config.arc_mlp, config.dropout)
        self.arc_head = MLP(width, config.arc_mlp, config.dropout)
        self.label_dep = MLP(width, config.label_mlp, config.dropout)
        self.label_head = MLP(width, config.label_mlp, config.dropout)
        # The head side gets no bias term in the arc scorer: it would score every dependent alike.
        self.arc_weight = nn.Parameter(torch.zeros(config.arc_mlp + 1, config.arc_mlp))
        self.label_weight = nn.Parameter(torch.zeros(config.n_labels, config.label_mlp + 1, config.label_mlp + 1))

    def encode(self, feats: torch.Tensor, upos: torch.Tensor | None, lengths: torch.Tensor,
               morph: torch.Tensor | None = None) -> torch.Tensor:
        """[batch, words, features] -> [batch, 1 + words, 2 * hidden], ROOT first."""
        x = feats
        if self.upos is not None and upos is not None:
            x = torch.cat([x, self.upos(upos)], dim=-1)
        if self.morph is not None and morph is not None:
            x = torch.cat([x, self.morph(morph).sum(dim=-2)], dim=-1)
        root = self.root.expand(x.shape[0], 1, -1)
        x = self.input_drop(torch.cat([root, x], dim=1))
        packed = pack_padded_sequence(x, (lengths + 1).cpu(), batch_first=True, enforce_sorted=False)
        out, _ = self.lstm(packed)
        out, _ = pad_packed_sequence(out, batch_first=True, total_length=x.shape[1])
        return self.lstm_drop(out)

    def arc_scores(self, h: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        """[batch, 1 + words (dependent), 1 + words (head)]; padding heads at -inf."""
        dep = with_ones(self.arc_dep(h))
        head = self.arc_head(h)
        scores = torch.einsum("bid,de,bje->bij", dep, self.arc_weight, head)
        positions = torch.arange(h.shape[1], device=h.device)
        pad = positions[None, None, :] > lengths[:, None, None]
        return scores.masked_fill(pad, float("-inf"))

    def label_scores(self, h: torch.Tensor, heads: torch.Tensor) -> torch.Tensor:
        """[batch, 1 + words, labels]: each word's relation given its head (``heads`` [batch, 1 + words])."""
        dep = with_ones(self.label_dep(h))
        head_all = with_ones(self.label_head(h))
        head = head_all.gather(1, heads.unsqueeze(-1).expand(-1, -1, head_all.shape[-1]))
        return torch.einsum("bti,lij,btj->btl", dep, self.label_weight, head)

    def loss(self, feats: torch.Tensor, upos: torch.Tensor | None, lengths: torch.Tensor,
             heads: torch.Tensor, labels: torch.Tensor, morph: torch.Tensor | None = None) -> torch.Tensor:
        """Cross-entropy of the gold head and of the gold label given the gold head, per word."""
        h = self.encode(feats, upos, lengths, morph)
        arcs = self.arc_scores(h, lengths)
        rels = self.label_scores(h, heads)
        positions = torch.arange(h.shape[1], device=h.device)
        real = (positions[None, :] >= 1) & (positions[None, :] <= lengths[:, None])
        arc_loss = nn.functional.cross_entropy(arcs[real], heads[real])
        label_loss = nn.functional.cross_entropy(rels[real], labels[real])
        return arc_loss + label_loss

    @torch.no_grad()
    def predict_scores(self, feats: torch.Tensor, upos: torch.Tensor | None, lengths: torch.Tensor,
                       morph: torch.Tensor | None = None) -> tuple[np.ndarray, torch.Tensor]:
        """Arc log-probabilities (numpy, for the tree decoder) and the encoder states."""
        h = self.encode(feats, upos, lengths, morph)
        arcs = torch.log_softmax(self.arc_scores(h, lengths), dim=-1)
        return arcs.numpy(), h

    @torch.no_grad()
    def predict_labels(self, h: torch.Tensor, heads: torch.Tensor) -> np.ndarray:
        """The best label of each word under its decoded head."""
        return self.label_scores(h, heads).argmax(-1).numpy()
