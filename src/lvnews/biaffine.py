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

from dataclasses import dataclass, field
from typing import Any, Iterable

import numpy as np
from spacy.attrs import DEP, HEAD
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from .bilstm import NetworkComponent, affine, bag, bilstm, leaky_relu, load_npz, padded_ids, save_npz
from .trees import decode_one_root

#: The most feature values one word's FEATS gives the parser (a finite verb in LVTB has 7);
#: more are cut, which no training word needs.
MAX_FEATURES = 10


def morph_ids(feats: Iterable[str], values: list[str]) -> np.ndarray:
    """Each FEATS string (``Case=Gen|Number=Sing``) as indices into ``values`` [words, MAX_FEATURES],
    padded with 0; 1 is a value training never had. Training and this component share it, so
    a word reads the same in both."""
    index = {v: i for i, v in enumerate(values)}
    return padded_ids([[index.get(v, 1) for v in string.split("|") if v] for string in feats], MAX_FEATURES)


def with_ones(x: np.ndarray) -> np.ndarray:
    """Append a constant 1 so a bilinear form also carries the linear and bias terms."""
    return np.concatenate([x, np.ones(x.shape[:-1] + (1,), dtype=x.dtype)], axis=-1)


@dataclass
class BiaffineModel:
    """The trained weights (names as PyTorch's ``state_dict`` gives them), relation labels, UPOS list
    and, for a model that reads FEATS, its feature values (padding and unknown first)."""

    weights: dict[str, np.ndarray]
    labels: list[str]
    upos: list[str]
    layers: int
    morph: list[str] = field(default_factory=list)

    @classmethod
    def from_npz(cls, data: Any) -> "BiaffineModel":
        weights, meta = load_npz(data)
        return cls(weights, meta["labels"], meta["upos"], meta["layers"], meta.get("morph", []))

    def to_npz(self) -> bytes:
        return save_npz(self.weights, {"labels": self.labels, "upos": self.upos, "layers": self.layers,
                                       "morph": self.morph})

    def encode(self, feats: np.ndarray, upos: np.ndarray, lengths: np.ndarray,
               morph: np.ndarray | None = None) -> np.ndarray:
        """[batch, words, features] + UPOS ids (+ feature-value ids [batch, words, values] when the model
        reads FEATS) -> [batch, 1 + words, 2 * hidden], ROOT first."""
        inputs = [feats, self.weights["upos.weight"][upos]]
        if "morph.weight" in self.weights:
            inputs.append(bag(self.weights["morph.weight"], morph))
        x = np.concatenate(inputs, axis=-1)
        root = np.broadcast_to(self.weights["root"], (x.shape[0], 1, x.shape[-1]))
        return bilstm(self.weights, np.concatenate([root, x], axis=1), lengths + 1, self.layers)

    def _mlp(self, h: np.ndarray, name: str) -> np.ndarray:
        return leaky_relu(affine(h, self.weights[f"{name}.linear.weight"], self.weights[f"{name}.linear.bias"]))

    def parse(self, feats: np.ndarray, upos: np.ndarray, lengths: np.ndarray,
              morph: np.ndarray | None = None) -> list[tuple[np.ndarray, list[str]]]:
        """Heads (0 = root, else 1-based) and relations of each padded sentence."""
        h = self.encode(feats, upos, lengths, morph)
        dep = with_ones(self._mlp(h, "arc_dep"))
        head = self._mlp(h, "arc_head")
        arcs = affine(dep, self.weights["arc_weight"].T) @ head.transpose(0, 2, 1)
        # Raw scores, not log-probabilities: normalising a word's row moves every tree by the same
        # amount (each word has one head), so the best tree is the same.
        trees = [decode_one_root(arcs[b, : n + 1, : n + 1]) for b, n in enumerate(lengths)]
        # Every word's relation under its decoded head, all sentences in one product: the bilinear
        # form of each label is dep @ W[label] @ head.
        rows = np.concatenate([np.full(n, b) for b, n in enumerate(lengths)])
        words = np.concatenate([np.arange(1, n + 1) for n in lengths])
        heads = np.concatenate([tree[1:] for tree in trees])
        label_dep = with_ones(self._mlp(h[rows, words], "label_dep"))
        label_head = with_ones(self._mlp(h[rows, heads], "label_head"))
        weight = self.weights["label_weight"]  # [labels, dep width, head width]
        by_label = label_dep @ weight.transpose(1, 0, 2).reshape(weight.shape[1], -1)
        rels = (by_label.reshape(len(words), weight.shape[0], -1) * label_head[:, None, :]).sum(-1).argmax(axis=1)
        out, start = [], 0
        for tree, n in zip(trees, lengths):
            out.append((tree, [self.labels[k] for k in rels[start : start + n]]))
            start += n
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


class BiaffineParser(NetworkComponent):
    """Reparses each sentence with a :class:`BiaffineModel`; without weights it leaves the doc as it is."""

    model_type = BiaffineModel

    def __init__(self, nlp: Language, name: str = "biaffine_parser", batch_size: int = 64) -> None:
        self.nlp = nlp
        self.name = name
        self.batch_size = batch_size
        self.model: BiaffineModel | None = None

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
        morph = np.zeros(upos.shape + (MAX_FEATURES,), dtype=np.int64) if self.model.morph else None
        for b, sent in enumerate(sents):
            feats[b, : len(sent)] = sent.doc.tensor[sent.start : sent.end]
            upos[b, : len(sent)] = [index.get(t.pos_, 0) for t in sent]
            if morph is not None:
                morph[b, : len(sent)] = morph_ids([str(t.morph) for t in sent], self.model.morph)
        return self.model.parse(feats, upos, lengths, morph)


@Language.factory("lvnews_biaffine_parser", default_config={"batch_size": 64})
def make_biaffine_parser(nlp: Language, name: str, batch_size: int) -> BiaffineParser:
    return BiaffineParser(nlp, name, batch_size)
