"""A graph-based dependency parser over the pipeline's tok2vec (``lvnews_biaffine_parser``, issue #16).

The shipped transition parser reads the CNN's window of four words a side and
commits to one transition at a time. This component reparses each sentence
the pipeline has found the way Dozat & Manning (2017) do: a two-layer BiLSTM
over the tok2vec output and the UPOS embedding gives every word the whole
sentence as context, a biaffine scorer rates every head for every word, the
best tree with one root is decoded (:mod:`lvnews.trees`), and a second
biaffine scorer labels each arc. It is trained outside spaCy with PyTorch on
stored tok2vec output (``training/scripts/biaffine``) and runs here in numpy,
so using it needs no torch. Sentence boundaries stay as the parser and the
sentence rules left them: only heads and relations change.

Not in the shipped model yet (``training/RESULTS.md``, seventh session): after
the transition parser it lifts dev LAS end to end from 77.93 to 81.47, but the
pipeline runs at about half its speed, and the entity and fact rules, tuned on
the transition parser's trees, lose a little (news quantity facts 97.6 -> 96.5).
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import numpy as np
import srsly
from spacy.attrs import DEP, HEAD
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from .trees import decode_one_root

WEIGHTS_FILE = "weights.npz"


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (np.tanh(0.5 * x) + 1.0)


def _leaky_relu(x: np.ndarray) -> np.ndarray:
    return np.where(x > 0, x, 0.1 * x)


def _with_ones(x: np.ndarray) -> np.ndarray:
    return np.concatenate([x, np.ones(x.shape[:-1] + (1,), dtype=x.dtype)], axis=-1)


def _reversed(x: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Each row's first ``lengths[b]`` steps in reverse order, padding left where it was."""
    steps = np.arange(x.shape[1])
    index = np.where(steps[None, :] < lengths[:, None], lengths[:, None] - 1 - steps[None, :], steps[None, :])
    return np.take_along_axis(x, index[:, :, None], axis=1)


@dataclass
class BiaffineModel:
    """The trained weights (names as PyTorch's ``state_dict`` gives them), relation labels and UPOS list."""

    weights: dict[str, np.ndarray]
    labels: list[str]
    upos: list[str]
    layers: int

    @classmethod
    def from_npz(cls, data: Any) -> "BiaffineModel":
        meta = json.loads(str(data["__meta__"]))
        weights = {k: np.asarray(data[k], dtype=np.float32) for k in data.files if k != "__meta__"}
        return cls(weights, meta["labels"], meta["upos"], meta["layers"])

    def to_npz(self) -> bytes:
        buffer = io.BytesIO()
        meta = json.dumps({"labels": self.labels, "upos": self.upos, "layers": self.layers})
        # Half precision halves the model's size; the scores move by far less than their margins.
        np.savez_compressed(buffer, __meta__=np.array(meta),
                            **{k: v.astype(np.float16) for k, v in self.weights.items()})
        return buffer.getvalue()

    def _lstm(self, x: np.ndarray, lengths: np.ndarray, name: str) -> np.ndarray:
        """One direction of one layer over padded rows [batch, steps, features] (gates i, f, g, o)."""
        w = self.weights
        gates_in = x @ w[f"lstm.weight_ih_{name}"].T + w[f"lstm.bias_ih_{name}"] + w[f"lstm.bias_hh_{name}"]
        w_hh = w[f"lstm.weight_hh_{name}"].T
        hidden = w_hh.shape[0]
        h = np.zeros((x.shape[0], hidden), dtype=np.float32)
        c = np.zeros_like(h)
        out = np.empty((x.shape[0], x.shape[1], hidden), dtype=np.float32)
        for t in range(x.shape[1]):
            g = gates_in[:, t] + h @ w_hh
            i, f, cell, o = np.split(g, 4, axis=1)
            c = _sigmoid(f) * c + _sigmoid(i) * np.tanh(cell)
            h = _sigmoid(o) * np.tanh(c)
            out[:, t] = h
        return out

    def encode(self, feats: np.ndarray, upos: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """[batch, words, features] + UPOS ids -> [batch, 1 + words, 2 * hidden], ROOT first."""
        x = np.concatenate([feats, self.weights["upos.weight"][upos]], axis=-1)
        root = np.broadcast_to(self.weights["root"], (x.shape[0], 1, x.shape[-1]))
        x = np.concatenate([root, x], axis=1)
        steps = lengths + 1
        for layer in range(self.layers):
            forward = self._lstm(x, steps, f"l{layer}")
            backward = _reversed(self._lstm(_reversed(x, steps), steps, f"l{layer}_reverse"), steps)
            x = np.concatenate([forward, backward], axis=-1)
        return x

    def _mlp(self, h: np.ndarray, name: str) -> np.ndarray:
        return _leaky_relu(h @ self.weights[f"{name}.linear.weight"].T + self.weights[f"{name}.linear.bias"])

    def parse(self, feats: np.ndarray, upos: np.ndarray, lengths: np.ndarray) -> list[tuple[np.ndarray, list[str]]]:
        """Heads (0 = root, else 1-based) and relations of each padded sentence."""
        h = self.encode(feats, upos, lengths)
        dep = _with_ones(self._mlp(h, "arc_dep"))
        head = self._mlp(h, "arc_head")
        arcs = (dep @ self.weights["arc_weight"]) @ head.transpose(0, 2, 1)
        label_dep = _with_ones(self._mlp(h, "label_dep"))
        label_head = _with_ones(self._mlp(h, "label_head"))
        out = []
        for b, n in enumerate(lengths):
            scores = arcs[b, : n + 1, : n + 1]
            scores = scores - np.logaddexp.reduce(scores, axis=1, keepdims=True)
            heads = decode_one_root(scores)
            # [labels, words, width] @ the head side, word by word: the bilinear form of each label.
            rels = ((label_dep[b, 1 : n + 1] @ self.weights["label_weight"]) * label_head[b, heads[1:]]).sum(-1).T
            out.append((heads, [self.labels[k] for k in rels.argmax(axis=1)]))
        return out


def _set_arcs(doc: Doc, arcs: list[tuple[int, int, str]]) -> None:
    """Heads and relations from (word, head or -1 for the root, relation), all in one array write."""
    heads = np.arange(len(doc))
    labels = [t.dep_ for t in doc]
    for i, head, rel in arcs:
        heads[i] = i if head < 0 else head
        labels[i] = "ROOT" if head < 0 else rel
    relative = (heads - np.arange(len(doc))).astype("int64").astype("uint64")
    deps = np.array([doc.vocab.strings.add(label) for label in labels], dtype="uint64")
    doc.from_array([HEAD, DEP], np.stack([relative, deps], axis=1))


class BiaffineParser:
    """Reparses each sentence with a :class:`BiaffineModel`; without weights it leaves the doc as it is."""

    def __init__(self, nlp: Language, name: str = "biaffine_parser", batch_size: int = 64) -> None:
        self.nlp = nlp
        self.name = name
        self.batch_size = batch_size
        self.model: BiaffineModel | None = None

    def initialize(self, get_examples: Any = None, *, nlp: Language | None = None,
                   weights: str | None = None) -> None:
        """Load the weights ``training/scripts/biaffine/export.py`` wrote."""
        if weights is not None:
            with np.load(weights) as data:
                self.model = BiaffineModel.from_npz(data)

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        """Reparse the sentences of ``batch_size`` docs at a time: the BiLSTM steps through words one
        at a time, so its cost is in how many sentences share each step."""
        for batch in minibatch(docs, batch_size):
            # Sentences of like length share the steps: padding to the longest would be wasted work.
            sents = sorted((s for doc in batch if self._parsable(doc) for s in doc.sents), key=len)
            parsed: dict[int, list[tuple[int, str]]] = {}
            for k in range(0, len(sents), self.batch_size):
                group = sents[k : k + self.batch_size]
                for sent, (heads, rels) in zip(group, self._parse(group)):
                    parsed.setdefault(id(sent.doc), []).extend(
                        (sent.start + i, sent.start + head - 1 if head else -1) + (rel,)
                        for i, (head, rel) in enumerate(zip(heads[1:], rels)))
            for doc in batch:
                if id(doc) in parsed:
                    _set_arcs(doc, parsed[id(doc)])
                yield doc

    def _parsable(self, doc: Doc) -> bool:
        return self.model is not None and len(doc) > 0 and doc.tensor is not None \
            and len(doc.tensor) == len(doc) and doc.has_annotation("DEP")

    def _parse(self, sents: list[Span]) -> list[tuple[np.ndarray, list[str]]]:
        assert self.model is not None
        index = {tag: i for i, tag in enumerate(self.model.upos)}
        lengths = np.array([len(s) for s in sents])
        feats = np.zeros((len(sents), lengths.max(), sents[0].doc.tensor.shape[1]), dtype=np.float32)
        upos = np.zeros((len(sents), lengths.max()), dtype=np.int64)
        for b, sent in enumerate(sents):
            feats[b, : len(sent)] = sent.doc.tensor[sent.start : sent.end]
            upos[b, : len(sent)] = [index.get(t.pos_, 0) for t in sent]
        return self.model.parse(feats, upos, lengths)

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.msgpack_dumps({"weights": self.model.to_npz() if self.model else b""})

    def from_bytes(self, bytes_data: bytes, *, exclude: Iterable[str] = ()) -> "BiaffineParser":
        data = srsly.msgpack_loads(bytes_data)["weights"]
        if data:
            with np.load(io.BytesIO(data)) as npz:
                self.model = BiaffineModel.from_npz(npz)
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        if self.model is not None:
            (path / WEIGHTS_FILE).write_bytes(self.model.to_npz())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "BiaffineParser":
        file = Path(path) / WEIGHTS_FILE
        if file.exists():
            with np.load(file) as data:
                self.model = BiaffineModel.from_npz(data)
        return self


@Language.factory("lvnews_biaffine_parser", default_config={"batch_size": 64})
def make_biaffine_parser(nlp: Language, name: str, batch_size: int) -> BiaffineParser:
    return BiaffineParser(nlp, name, batch_size)
