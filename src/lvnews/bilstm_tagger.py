"""UPOS and features from a BiLSTM over the tok2vec, with the lexicon (``lvnews_bilstm_tagger``, issue #16).

The morphologizer reads the CNN's window of four words a side; Latvian
agreement reaches farther (an adjective and its noun across a participle
phrase, a verb and its subject). This component reads each stretch of text
with a two-layer BiLSTM over the same ``doc.tensor``, plus what hunspell-lv
says the word can be: the sum of embeddings of its readings' signatures
(:func:`lvnews.lexicon_tags.signatures`), with marks for "no readings" and "a
training word". It predicts the morphologizer's own joint labels
(``POS=NOUN|Case=Gen|...``), so UPOS and features come from one decision, and
words the training split lacks are then re-decided by the lexicon tags
exactly as for the morphologizer (:meth:`LexiconTags.choose`). Trained with
PyTorch on stored tok2vec output (``training/scripts/biaffine/morph_tagger.py``),
run here in numpy.

It runs before the parser, so there are no sentences yet: it reads stretches
cut after sentence-final punctuation before a capital or a quote, and at line
breaks (:func:`stretches`), close enough to the sentences it was trained on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from .bilstm import NetworkComponent, affine, bag, bilstm, load_npz, padded_ids, save_npz
from .lexicon_lemmas import pipeline_dictionary
from .lexicon_tags import LexiconTags, label_key, softmax
from .sentences import CLOSING, DASHES, OPENING
from .sentences import FINAL as SENTENCE_FINAL

#: Ids of the lexicon bag before the signatures: padding, a signature training lacked, no readings, a training word.
PAD, UNKNOWN_SIGNATURE, NO_READINGS, TRAINING_FORM = range(4)
#: The most readings one word gives the network; more are cut (training words have at most 7).
MAX_READINGS = 12
FINAL = frozenset({"."}) | SENTENCE_FINAL
#: A stretch longer than this is cut: the recurrence steps word by word, and a list or a table
#: without full stops would otherwise keep a whole batch waiting.
MAX_STRETCH = 120


def stretches(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) token ranges that cover ``doc``: cut after sentence-final punctuation (and a
    closing quote after it) followed by a capital, an opening quote or a dash, at line breaks, and
    at ``MAX_STRETCH`` tokens."""
    out, start = [], 0
    for i in range(len(doc) - 1):
        token, after = doc[i], doc[i + 1]
        final = token.text in FINAL or (token.text in CLOSING and i > 0 and doc[i - 1].text in FINAL)
        ends = final and (after.text[:1].isupper() or after.text in OPENING or after.text in DASHES)
        if ends or "\n" in token.text or i + 1 - start >= MAX_STRETCH:
            out.append((start, i + 1))
            start = i + 1
    if start < len(doc):
        out.append((start, len(doc)))
    return out


def reading_bag(form: str, readings: Iterable[tuple[str, str]], index: dict[str, int],
                training_forms: frozenset[str]) -> list[int]:
    """A word's lexicon input: the ids of its readings' coarse signatures (``index``, else
    ``UNKNOWN_SIGNATURE``) or ``NO_READINGS``, and ``TRAINING_FORM`` for a training word.
    Training (``morph_tagger.py``) builds its bags with this too, so the network reads in use
    what it learnt from."""
    ids = [index.get(coarse, UNKNOWN_SIGNATURE) for coarse in sorted({c for _, c in readings})] or [NO_READINGS]
    return ids + ([TRAINING_FORM] if form in training_forms else [])


@dataclass
class TaggerModel:
    """The trained weights under PyTorch's names, the morphologizer labels it predicts, and the
    reading signatures of its lexicon bag (ids from ``TRAINING_FORM + 1`` on)."""

    weights: dict[str, np.ndarray]
    labels: list[str]
    signatures: list[str]
    layers: int = 2

    @classmethod
    def from_npz(cls, data: Any) -> "TaggerModel":
        weights, meta = load_npz(data)
        return cls(weights, meta["labels"], meta["signatures"], meta["layers"])

    def to_npz(self) -> bytes:
        return save_npz(self.weights, {"labels": self.labels, "signatures": self.signatures, "layers": self.layers})

    def probabilities(self, feats: np.ndarray, bags: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """[batch, words, labels] from padded tok2vec rows and lexicon bags [batch, words, readings]."""
        x = np.concatenate([feats, bag(self.weights["bag.weight"], bags)], axis=-1) if "bag.weight" in self.weights \
            else feats
        h = bilstm(self.weights, x, lengths, self.layers)
        return softmax(affine(h, self.weights["out.weight"], self.weights["out.bias"]))


class BiLSTMTagger(NetworkComponent):
    """Re-tags every word with a :class:`TaggerModel` and the lexicon tags' tables (the component
    named ``lexicon_tags``, configured with ``replaced_by`` this one's name so that it does not
    re-decide the morphologizer's tags first: this one calls it); without weights it leaves the doc
    as it is."""

    model_type = TaggerModel

    def __init__(self, nlp: Language, name: str = "bilstm_tagger", lexicon_tags: str = "lvnews_lexicon_tags",
                 batch_size: int = 64) -> None:
        self.nlp = nlp
        self.name = name
        self.lexicon_tags = lexicon_tags
        self.batch_size = batch_size
        self.model: TaggerModel | None = None

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(self.model.labels) if self.model is not None else ()

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        """Tag the stretches of ``batch_size`` docs at a time, those of like length together."""
        for batch in minibatch(docs, batch_size):
            tagged = [doc for doc in batch if self._taggable(doc)]
            probs = {id(doc): np.zeros((len(doc), len(self.labels)), dtype=np.float32) for doc in tagged}
            # Whitespace tokens are left out: the treebank has none, so the network never saw one.
            spans = sorted(((doc, words) for doc in tagged for a, b in stretches(doc)
                            if (words := [i for i in range(a, b) if not doc[i].is_space])), key=lambda s: len(s[1]))
            for k in range(0, len(spans), self.batch_size):
                group = spans[k : k + self.batch_size]
                for (doc, words), rows in zip(group, self._probabilities(group)):
                    probs[id(doc)][words] = rows
            for doc in tagged:
                self._set(doc, probs[id(doc)])
            yield from batch

    def _taggable(self, doc: Doc) -> bool:
        return self.model is not None and len(doc) > 0 and doc.tensor is not None and len(doc.tensor) == len(doc)

    def _lexicon(self) -> tuple[LexiconTags, Any]:
        lexicon_tags = self.nlp.get_pipe(self.lexicon_tags)
        return lexicon_tags, pipeline_dictionary(self.nlp, lexicon_tags.lexicon)

    def _probabilities(self, group: list[tuple[Doc, list[int]]]) -> list[np.ndarray]:
        """Label probabilities of each (doc, token indices) sequence."""
        assert self.model is not None
        lexicon_tags, dictionary = self._lexicon()
        index = {s: TRAINING_FORM + 1 + i for i, s in enumerate(self.model.signatures)}
        lengths = np.array([len(words) for _, words in group])
        width = group[0][0].tensor.shape[1]
        feats = np.zeros((len(group), lengths.max(), width), dtype=np.float32)
        bags = np.zeros((len(group), lengths.max(), MAX_READINGS), dtype=np.int64)
        for row, (doc, words) in enumerate(group):
            feats[row, : len(words)] = doc.tensor[words]
            forms = [doc[i].text for i in words]
            readings = [lexicon_tags.readings(dictionary, f) if dictionary is not None else frozenset() for f in forms]
            bags[row, : len(words)] = padded_ids([reading_bag(f, r, index, lexicon_tags.forms)
                                                  for f, r in zip(forms, readings)], MAX_READINGS)
        probs = self.model.probabilities(feats, bags, lengths)
        return [probs[row, :n] for row, n in enumerate(lengths)]

    def _set(self, doc: Doc, probs: np.ndarray) -> None:
        """The network's best label for each word, the lexicon's choice for words training lacked;
        only words whose label changes are written."""
        lexicon_tags, dictionary = self._lexicon()
        labels = lexicon_tags.morph_labels(self)
        best = probs.argmax(axis=1)
        if dictionary is not None and lexicon_tags.features:
            unseen = lexicon_tags.unseen([t.text for t in doc], dictionary)
            if unseen:
                chosen = lexicon_tags.choose(dictionary, [doc[i].text for i in unseen], probs[unseen], labels)
                for i, k in zip(unseen, chosen):
                    if k is not None:
                        best[i] = k
        current = [label_key({"POS": t.pos_, **t.morph.to_dict()}) for t in doc]
        changed = [(i, int(k)) for i, k in enumerate(best.tolist())
                   if not doc[i].is_space and label_key(labels.features[k]) != current[i]]
        lexicon_tags.set_labels(doc, changed, labels)


@Language.factory("lvnews_bilstm_tagger",
                  default_config={"lexicon_tags": "lvnews_lexicon_tags", "batch_size": 64})
def make_bilstm_tagger(nlp: Language, name: str, lexicon_tags: str, batch_size: int) -> BiLSTMTagger:
    return BiLSTMTagger(nlp, name, lexicon_tags, batch_size)
