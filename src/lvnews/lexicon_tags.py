"""Part of speech and features of words the training split never saw, helped by a lexicon.

The morphologizer is right about 97.6% of the time on UPOS for words it saw in
training but only 84% on the others (dev, gold tokens), and its features
(case, number, gender, person, ...) are exactly right for 70% of them. For most
such words hunspell-lv knows what they can be: each analysis of a form
(:mod:`lvnews.hunspell`) names the stem's part of speech with its declension or
conjugation (``lietv1r``) and the suffix's reading (``vpg``: singular genitive).
Those codes are hunspell-lv's, not UD's, so they are not translated by hand:
``initialize`` counts, over the training split's distinct (form, label) pairs,
which UPOS and feature values each *signature* (part of speech, reading, the
suffixes that built the form) comes with. A word's readings then give every
morphologizer label a prior, and the label chosen among the network's best is
the one that maximises

    (1 - belief) * log p(label) + belief * log p(its core values one by one)
        + weight * log(floor + prior(label))

so the network still decides between what the lexicon allows (the
nominative and accusative that a form shares, say), and may overrule it; the
second term keeps what the network is sure of (a plural genitive) when the
lexicon takes away what it was not (the gender). The tagger's XPOS is then the
best of its labels that the training split pairs with the chosen label, so the
three columns agree.

Measured on dev, end to end (CoNLL 2018, model 0.2.3's networks): UPOS 95.14 ->
96.32, UFeats 91.59 -> 93.01, XPOS 87.17 -> 88.11, and Lemma 96.44 -> 96.76
through the lexicon lemmas, which choose by UPOS. Words the training split saw
are left alone: there a constraint by the form's training labels lost more
than it gained.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, NamedTuple, Sequence

import numpy as np

from spacy.language import Language
from thinc.api import Model
from spacy.tokens import Doc
from spacy.training import Example

from .components import DataComponent, corpus_paragraphs
from .hunspell import Dictionary
from .lexicon_lemmas import LEXICON, casings, pipeline_dictionary

#: Features counted jointly: in Latvian the case, number and gender of one ending go
#: together (``-u`` is a singular accusative or a plural genitive, never a plural
#: accusative), which per-feature shares would forget.
CORE = ("POS", "Case", "Number", "Gender")
ABSENT = "-"
#: A reading with its suffixes (``lietv1r|vpg|O``) needs this many training forms to
#: speak for itself; rarer ones fall back to the part of speech and reading alone.
MIN_FORMS = 20

FeatureTable = dict[str, dict]
Reading = tuple[str, str]


def signatures(dictionary: Dictionary, form: str) -> frozenset[Reading]:
    """``form``'s readings in the lexicon, each as (with its affixes, without them):
    ``("lietv1r|vpg|O", "lietv1r|vpg")``. The suffixes tell a feminine derived from a
    masculine stem (``vadītāja`` under ``vadītājs``) from the stem's own forms. A
    prefix is part of both (``-|`` for ``ne-``: the negation, a feature of its own).
    ``lc|`` marks a reading found only through another casing, which is how proper
    nouns and sentence-initial words differ."""
    prefixes = {affix.flag for affix in dictionary.prefixes}
    found = set()
    for spelling in casings(form):
        mark = "lc|" if spelling != form else ""
        for a in dictionary.analyze(spelling):
            prefix = f"{a.flags[0]}|" if a.flags[:1] in prefixes else ""
            coarse = f"{mark}{prefix}{a.po}|{a.tag}"
            found.add((f"{coarse}|{a.flags}", coarse))
    return frozenset(found)


def label_features(upos: str, feats: str) -> dict[str, str]:
    """A CoNLL-U UPOS and FEATS column as one mapping, UPOS under ``POS`` (the morphologizer's label)."""
    return {**parse_label(feats), "POS": upos}


def parse_label(label: str) -> dict[str, str]:
    """``Case=Nom|Number=Sing|POS=NOUN`` -> its features."""
    return dict(f.split("=", 1) for f in label.split("|") if "=" in f)


def core_key(features: Mapping[str, str]) -> str:
    return "|".join(features.get(key, ABSENT) for key in CORE)


def learn_features(dictionary: Dictionary, pairs: Iterable[tuple[str, dict[str, str]]]) -> FeatureTable:
    """signature -> {"n": forms, "core": {core values: forms}, "values": {feature: {value: forms}}}
    over distinct (form, label) pairs, for both signatures of each reading.

    Distinct pairs, not tokens, as for the lemmas: the words this serves are rare
    ones, which frequent function words would otherwise outweigh.
    """
    seen = {(form, tuple(sorted(features.items()))) for form, features in pairs}
    labels: dict[str, Counter] = defaultdict(Counter)
    for form, features in seen:
        for reading in signatures(dictionary, form):
            for signature in set(reading):
                labels[signature][features] += 1
    table: FeatureTable = {}
    for signature, counts in sorted(labels.items()):
        keys = {key for features in counts for key, _ in features if key not in CORE}
        values: dict[str, Counter] = {key: Counter() for key in sorted(keys)}
        core: Counter = Counter()
        for features, n in counts.items():
            mapping = dict(features)
            core[core_key(mapping)] += n
            for key in keys:
                values[key][mapping.get(key, ABSENT)] += n
        table[signature] = {"n": sum(counts.values()), "core": dict(core),
                            "values": {k: dict(v) for k, v in values.items()}}
    return table


class Column(NamedTuple):
    """One feature over a head's labels: each label's value id, the ids by value, and
    the labels by value as a matrix (labels x values), to sum probabilities by value."""

    ids: np.ndarray
    index: dict[str, int]
    onehot: np.ndarray

    def of(self, counts: Mapping[str, int]) -> np.ndarray:
        """``counts`` (value -> number of words) as one number per label."""
        by_id = np.zeros(len(self.index) + 1)  # the last id: a value no label has
        for value, n in counts.items():
            by_id[self.index.get(value, len(self.index))] = n
        return by_id[self.ids]


def column(values: Sequence[str]) -> Column:
    index: dict[str, int] = {}
    ids = np.array([index.setdefault(v, len(index)) for v in values])
    return Column(ids, index, np.eye(len(index), dtype=np.float32)[ids])


class LabelSet(NamedTuple):
    """A head's labels, parsed once: their features, the core values as one column
    and as one per core feature, and one column per other feature."""

    features: list[dict[str, str]]
    core_values: Column
    core: list[Column]
    values: dict[str, Column]


def label_set(labels: Sequence[str]) -> LabelSet:
    features = [parse_label(label) for label in labels]
    keys = sorted({key for f in features for key in f if key not in CORE})
    return LabelSet(features, column([core_key(f) for f in features]),
                    [column([f.get(key, ABSENT) for f in features]) for key in CORE],
                    {key: column([f.get(key, ABSENT) for f in features]) for key in keys})


def reading_prior(entry: dict, labels: LabelSet, smoothing: float = 0.1, foreign: float = 0.01) -> np.ndarray:
    """How well each label fits one reading: the share of the reading's training words
    with the label's core values, times the share with each other feature's value;
    times ``foreign`` for each feature the label has and no such word had."""
    n, values = entry["n"], entry["values"]
    p = (labels.core_values.of(entry["core"]) + smoothing) / (n + 1)
    for key, col in labels.values.items():
        counts = values.get(key)
        if counts is not None:
            p *= (col.of(counts) + smoothing) / (n + 1)
        else:
            p *= np.where(col.of({ABSENT: 1}) > 0, 1.0, foreign)
    return p


def reading_entry(reading: Reading, table: FeatureTable) -> dict | None:
    """The table's entry for a reading: with its suffixes when enough words had them."""
    fine, coarse = reading
    entry = table.get(fine)
    return entry if entry is not None and entry["n"] >= MIN_FORMS else table.get(coarse)


def head_scores(model: Model, doc: Doc, rows: list[int]) -> np.ndarray:
    """A tagger head's scores for some of ``doc``'s tokens.

    spaCy's tagger heads are a listener of the shared tok2vec, which at inference
    reads ``doc.tensor``, and a linear softmax layer: applying that layer to the
    rows needed costs a sixth of running the head again. Any other architecture
    is run whole.
    """
    last = model.layers[-1] if model.layers else None
    layer = last.layers[0] if last is not None and last.name == "with_array(softmax)" else None
    if layer is None or model.layers[0].name != "tok2vec-listener" or not layer.has_param("W"):
        return model.ops.to_numpy(model.predict([doc])[0])[rows]
    tensor = model.ops.to_numpy(doc.tensor)[rows]
    return tensor @ model.ops.to_numpy(layer.get_param("W")).T + model.ops.to_numpy(layer.get_param("b"))


def softmax(logits: np.ndarray) -> np.ndarray:
    """Probabilities from a head's scores (one row per word): spaCy's tagger heads give logits at inference."""
    exp = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return exp / exp.sum(axis=-1, keepdims=True)


def core_belief(probs: np.ndarray, labels: LabelSet, ranked: np.ndarray) -> np.ndarray:
    """For each of the ranked labels (of each row), the log of how sure the network is of its core values one by one
    (summed over all labels sharing each value): a network torn between two genders
    can still be sure of the plural genitive."""
    total = np.zeros(ranked.shape)
    for col in labels.core:
        total += np.log(np.take_along_axis(probs @ col.onehot, col.ids[ranked], -1) + 1e-9)
    return total


def top(scores: np.ndarray, k: int) -> np.ndarray:
    """The indices of each row's ``k`` highest scores, best first."""
    if scores.shape[-1] <= k:
        return np.argsort(-scores, axis=-1)
    best = np.argpartition(-scores, k, axis=-1)[..., :k]
    return np.take_along_axis(best, np.argsort(-np.take_along_axis(scores, best, -1), axis=-1), -1)


def choose_labels(probs: np.ndarray, labels: LabelSet, priors: np.ndarray,
                  weight: float, floor: float, top_k: int, belief: float) -> list[int | None]:
    """For each row (a word), the index of the label to give it, or None to keep the
    network's: of the network's ``top_k``, the best by its probability (``belief`` of
    it by the core features one by one) and the lexicon's prior (one per label)."""
    ranked = top(probs, top_k)
    prior = np.take_along_axis(priors, ranked, 1)
    score = ((1 - belief) * np.log(np.take_along_axis(probs, ranked, 1) + 1e-9)
             + belief * core_belief(probs, labels, ranked)
             + weight * np.log(floor + prior))
    best = score.argmax(axis=1)
    return [int(ranked[row, k]) if k and prior[row].any() else None for row, k in enumerate(best.tolist())]


def agreeing_xpos(scores: np.ndarray, xpos_labels: Sequence[str], allowed: Iterable[str], top_k: int) -> int | None:
    """The best of the tagger's ``top_k`` labels among ``allowed``, or None."""
    allowed = set(allowed)
    return next((int(i) for i in top(scores, top_k) if xpos_labels[i] in allowed), None)


def label_key(features: Mapping[str, str]) -> str:
    """One string per label, independent of the order of the features."""
    return "|".join(f"{k}={v}" for k, v in sorted(features.items()))


class LexiconTags(DataComponent):
    """Re-decide UPOS, features and XPOS of words the training split does not have.

    Reads the lexicon from the lexicon lemmas component (not saved twice), the network scores from the
    morphologizer and tagger heads (their output layers again on ``doc.tensor``,
    which costs a fraction of what the shared tok2vec does). Tables:
    ``features`` (:func:`learn_features`), ``xpos`` (label key -> the XPOS the
    training split pairs with it) and ``forms`` (the training split's words; the
    lemma lookup leaves out forms with two lemmas, which the networks know well).
    Without them it changes nothing. While the component named ``replaced_by``
    (``lvnews_bilstm_tagger``) is in the pipeline with its network, it does nothing
    either: that one calls :meth:`choose` and :meth:`set_labels` with its own
    network's probabilities. Disabling that tagger (the fast way to run the model) brings
    these tags on the morphologizer's scores back.
    """

    def __init__(self, nlp: Language, name: str = "lexicon_tags", lexicon: str = LEXICON,
                 morphologizer: str = "morphologizer", tagger: str = "tagger", weight: float = 2.0,
                 floor: float = 0.001, top_k: int = 20, belief: float = 0.5, replaced_by: str | None = None) -> None:
        self.name = name
        self.nlp = nlp
        self.lexicon = lexicon
        self.morphologizer = morphologizer
        self.tagger = tagger
        self.weight = weight
        self.floor = floor
        self.top_k = top_k
        self.belief = belief
        self.replaced_by = replaced_by
        self.features: FeatureTable = {}
        self.xpos: dict[str, list[str]] = {}
        self.forms: frozenset[str] = frozenset()
        self._labels: tuple[object, LabelSet | None] = (None, None)
        self._cache: dict[str, frozenset[Reading]] = {}
        self._priors: dict[frozenset[Reading], np.ndarray] = {}
        self._reading_priors: dict[Reading, np.ndarray] = {}

    def __call__(self, doc: Doc) -> Doc:
        dictionary = pipeline_dictionary(self.nlp, self.lexicon)
        if self.replaced() or not self.features or dictionary is None or not doc.tensor.size:
            return doc
        unseen = self.unseen([t.text for t in doc], dictionary)
        if unseen:
            morphologizer = self.nlp.get_pipe(self.morphologizer)
            labels = self.morph_labels(morphologizer)
            probs = softmax(head_scores(morphologizer.model, doc, unseen))
            chosen = self.choose(dictionary, [doc[i].text for i in unseen], probs, labels)
            self.set_labels(doc, [(i, k) for i, k in zip(unseen, chosen) if k is not None], labels)
        return doc

    def replaced(self) -> bool:
        """Is the ``replaced_by`` component in the pipeline with its network? Without weights it
        changes nothing (the base model its network is trained on), so these tags still run."""
        if self.replaced_by not in self.nlp.pipe_names:
            return False
        return getattr(self.nlp.get_pipe(self.replaced_by), "model", None) is not None

    def unseen(self, forms: Sequence[str], dictionary: Dictionary) -> list[int]:
        """The positions to re-decide: words the training split lacks that the lexicon has readings for."""
        return [i for i, form in enumerate(forms)
                if form not in self.forms and form.isalpha() and self.readings(dictionary, form)]

    def choose(self, dictionary: Dictionary, forms: Sequence[str], probs: np.ndarray,
               labels: LabelSet) -> list[int | None]:
        """For each form with its network probabilities over ``labels``, the label the lexicon helps
        choose, or None to keep the network's (:func:`choose_labels`)."""
        priors = np.stack([self.priors(self.readings(dictionary, form), labels) for form in forms])
        return choose_labels(probs, labels, priors, self.weight, self.floor, self.top_k, self.belief)

    def set_labels(self, doc: Doc, changed: Sequence[tuple[int, int]], labels: LabelSet) -> None:
        """Give each token ``i`` label ``k``'s UPOS and features, and the tagger's best XPOS that the
        training split pairs with that label, so the three columns agree."""
        if not changed:
            return
        tagger = self.nlp.get_pipe(self.tagger) if self.tagger in self.nlp.pipe_names else None
        tag_scores = head_scores(tagger.model, doc, [i for i, _ in changed]) if tagger is not None else None
        xpos_labels = tagger.labels if tagger is not None else ()
        for row, (i, k) in enumerate(changed):
            features = dict(labels.features[k])
            token = doc[i]
            token.pos_ = features.pop("POS")
            token.set_morph(label_key(features) or None)
            if tag_scores is not None:
                xpos = agreeing_xpos(tag_scores[row], xpos_labels, self.xpos.get(label_key(labels.features[k]), ()),
                                     self.top_k)
                if xpos is not None:
                    token.tag_ = xpos_labels[xpos]

    def morph_labels(self, morphologizer: Any) -> LabelSet:
        """The morphologizer's labels, parsed once per label set."""
        labels = tuple(morphologizer.labels)  # a new tuple at each call
        if self._labels[0] != labels:
            self._labels = (labels, label_set(labels))
            self._priors, self._reading_priors = {}, {}
        return self._labels[1]

    def priors(self, readings: frozenset[Reading], labels: LabelSet) -> np.ndarray:
        """Each label's prior for a word with these readings: the best reading's,
        remembered per set of readings (rare words share them)."""
        if readings not in self._priors:
            if len(self._priors) >= 4096:  # a vector per label each: at most 20 MB
                self._priors.clear()
            vectors = [self._reading_prior(r, labels) for r in readings]
            self._priors[readings] = (np.max(vectors, axis=0) if vectors
                                      else np.zeros(len(labels.features), dtype=np.float32))
        return self._priors[readings]

    def _reading_prior(self, reading: Reading, labels: LabelSet) -> np.ndarray:
        if reading not in self._reading_priors:
            entry = reading_entry(reading, self.features)
            self._reading_priors[reading] = (reading_prior(entry, labels).astype(np.float32) if entry is not None
                                             else np.zeros(len(labels.features), dtype=np.float32))
        return self._reading_priors[reading]

    def readings(self, dictionary: Dictionary, form: str) -> frozenset[Reading]:
        """``form``'s readings the table knows, remembered for the next 50,000 forms."""
        if form not in self._cache:
            if len(self._cache) > 50_000:
                self._cache.clear()
            self._cache[form] = frozenset(r for r in signatures(dictionary, form) if r[1] in self.features)
        return self._cache[form]

    def initialize(self, get_examples: Callable[[], Iterable[Example]], *, nlp: Language | None = None,
                   dic_path: str | None = None, aff_path: str | None = None,
                   ud_train: str | None = None) -> None:
        """Learn the tables from the training split (``ud_train``, else ``get_examples``) and
        hunspell-lv (``dic_path``, ``aff_path``; read here, kept by the lexicon lemmas)."""
        if dic_path is None or aff_path is None:
            raise ValueError(f"{self.name}: initialize needs dic_path and aff_path (hunspell-lv's lv_LV.dic/.aff)")
        dictionary = Dictionary.from_text(Path(dic_path).read_text(encoding="utf8"),
                                          Path(aff_path).read_text(encoding="utf8"))
        if ud_train is not None:
            rows = [(w.form, label_features(w.upos, w.feats), w.xpos)
                    for p in corpus_paragraphs(ud_train) for w in p.words]
        else:
            rows = [(t.text, label_features(t.pos_, str(t.morph) or "_"), t.tag_)
                    for eg in get_examples() for t in eg.reference]
        xpos: dict[str, set[str]] = defaultdict(set)
        for _, features, tag in rows:
            xpos[label_key(features)].add(tag)
        self.set_tables({"features": learn_features(dictionary, ((f, feats) for f, feats, _ in rows)),
                         "xpos": {key: sorted(tags) for key, tags in sorted(xpos.items())},
                         "forms": sorted({form for form, _, _ in rows})})

    def tables(self) -> dict[str, Any]:
        return {"features": self.features, "xpos": self.xpos, "forms": sorted(self.forms)}

    def set_tables(self, tables: dict[str, Any]) -> None:
        self.features = tables.get("features", {})
        self.xpos = tables.get("xpos", {})
        self.forms = frozenset(tables.get("forms", ()))
        self._cache = {}
        self._priors, self._reading_priors = {}, {}


@Language.factory(
    "lvnews_lexicon_tags",
    default_config={"lexicon": LEXICON, "morphologizer": "morphologizer", "tagger": "tagger",
                    "weight": 2.0, "floor": 0.001, "top_k": 20, "belief": 0.5, "replaced_by": None},
)
def make_lexicon_tags(nlp: Language, name: str, lexicon: str, morphologizer: str, tagger: str,
                      weight: float, floor: float, top_k: int, belief: float, replaced_by: str | None) -> LexiconTags:
    return LexiconTags(nlp, name, lexicon=lexicon, morphologizer=morphologizer, tagger=tagger,
                       weight=weight, floor=floor, top_k=top_k, belief=belief, replaced_by=replaced_by)
