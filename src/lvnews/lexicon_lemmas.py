"""Lemmas of words the training split never saw, from a Latvian lexicon.

The lemma lookup knows the forms of the training split; for any other word the
lemma is the edit tree's guess, wrong for a quarter of them. hunspell-lv
(66k stems with part of speech and the suffix rules that inflect them, see
:mod:`lvnews.hunspell`) covers most of those words and offers their stems as
candidates. Which candidate LVTB calls the lemma depends on the rule that
built the form, so each candidate is one of three kinds:

* ``s``, the stem (``abaku`` -> ``abaks``; a participle's infinitive);
* ``d``, the word the innermost suffix derived (the feminine ``skolotāja``
  under ``skolotājas``, ``darīšana`` under ``darīšanu``; under one suffix the
  form itself, which is the lemma of an adverb such as ``krēmīgi``);
* ``r``, the stem's reflexive infinitive (hunspell-lv files ``atvainojies``
  under ``atvainot``, LVTB under ``atvainoties``).

``initialize`` learns from the training split how often each (UPOS, rule,
part of speech, kind) gives the gold lemma, and the component takes the best
candidate for the predicted UPOS when that is reliable. Where no candidate
fits the UPOS (the tagger erred) but the edit tree's lemma is no word the
lexicon or the training split knows, the best candidate over all parts of
speech replaces it. Only the compacted lexicon and those counts ship with the
model; neither hunspell nor the Debian package is needed at run time.
"""

from __future__ import annotations

import os
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Callable, Iterable

from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example

from .components import DataComponent, corpus_paragraphs
from .hunspell import Dictionary, dictionary_data, dictionary_from_data

#: Parts of speech whose lemmas the lexicon changes: closed classes and
#: foreign words lost more than they gained on the development split.
OPEN_CLASSES = ("NOUN", "PROPN", "VERB", "ADJ")
#: The component's name in the shipped pipeline.
LEXICON = "lvnews_lexicon_lemmas"

Candidates = frozenset[tuple[str, str]]


def casings(form: str) -> list[str]:
    """The spellings to look up: as written, lower case (sentence-initial), capitalised (all caps)."""
    spellings = [form]
    if form[:1].isupper():
        spellings.append(form.lower())
    if form.isupper() and len(form) > 1:
        spellings.append(form.capitalize())
    return list(dict.fromkeys(spellings))


def _po_class(po: str) -> str:
    """``lietv1r`` -> ``lietv``: the part of speech without declension or conjugation."""
    match = re.match(r"\D*", po)
    return match.group(0) if match else ""


def lemma_candidates(dictionary: Dictionary, form: str) -> Candidates:
    """(lemma, signature) pairs; the signature names the rule, the stem's part of speech and the kind."""
    found = set()
    for spelling in casings(form):
        for a in dictionary.analyze(spelling):
            rule = f"{a.flags}|{_po_class(a.po)}"
            found.add((a.lemma, f"{rule}|s"))
            found.add((a.derived, f"{rule}|d"))
            if a.lemma.endswith("t"):
                found.add((a.lemma[:-1] + "ties", f"{rule}|r"))
    return frozenset(found)


def learn_choices(dictionary: Dictionary, triples: Iterable[tuple[str, str, str]]) -> dict[str, list[int]]:
    """``"UPOS|signature"`` -> [times its candidate was the gold lemma, times it was offered].

    Counted over distinct (form, UPOS, lemma) triples, not tokens: the words the
    component meets are rare ones, which the frequent function words would
    otherwise outweigh.
    """
    counts: dict[str, Counter] = defaultdict(Counter)
    for form, upos, lemma in set(triples):
        for candidate, signature in lemma_candidates(dictionary, form):
            key = f"{upos}|{signature}"
            counts[key]["seen"] += 1
            counts[key]["right"] += candidate == lemma
    return {key: [c["right"], c["seen"]] for key, c in sorted(counts.items())}


def pooled(choices: dict[str, list[int]]) -> dict[str, list[int]]:
    """The counts of each signature summed over all parts of speech."""
    sums: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for key, (right, seen) in choices.items():
        total = sums[key.split("|", 1)[1]]
        total[0] += right
        total[1] += seen
    return dict(sums)


def reliability(counts: list[int] | None) -> float:
    """How often a signature gave the gold lemma, smoothed towards 1/2; 0 when never seen."""
    if not counts:
        return 0.0
    right, seen = counts
    return (right + 0.5) / (seen + 1)


def lemma_scores(candidates: Candidates, score: Callable[[str], float]) -> dict[str, float]:
    """Each candidate lemma's score: that of the best signature offering it."""
    scores: dict[str, float] = defaultdict(float)
    for lemma, signature in candidates:
        scores[lemma] = max(scores[lemma], score(signature))
    return scores


def best(scores: dict[str, float]) -> tuple[float, list[str]]:
    """The top score and the lemmas that get it."""
    top = max(scores.values())
    return top, sorted(lemma for lemma, s in scores.items() if s == top)


def closest(lemmas: list[str], current: str) -> str:
    """Of equally good lemmas, the one nearest the edit tree's answer (longest shared beginning)."""
    return max(lemmas, key=lambda lemma: (lemma == current, len(os.path.commonprefix([lemma, current]))))


class LexiconLemmas(DataComponent):
    """Re-lemmatise words the lemma lookup does not know from the hunspell-lv lexicon.

    Tables: ``lexicon`` (the compacted dictionary and affix rules) and
    ``choices`` (see :func:`learn_choices`). Without them it changes nothing.
    """

    def __init__(self, nlp: Language, name: str = "lexicon_lemmas", lookup: str = "lvnews_lemma_lookup",
                 upos: Iterable[str] = OPEN_CLASSES, threshold: float = 0.7,
                 fallback_threshold: float = 0.7) -> None:
        self.name = name
        self.nlp = nlp
        self.lookup = lookup
        self.upos = frozenset(upos)
        self.threshold = threshold
        self.fallback_threshold = fallback_threshold
        self.dictionary: Dictionary | None = None
        self.choices: dict[str, list[int]] = {}
        self.pooled: dict[str, list[int]] = {}
        self._known: tuple[dict | None, frozenset[str], frozenset[str]] = (None, frozenset(), frozenset())
        self._cache: dict[str, Candidates] = {}

    def __call__(self, doc: Doc) -> Doc:
        if self.dictionary is None:
            return doc
        known_forms, known_lemmas = self.known()
        for tok in doc:
            if tok.pos_ in self.upos and tok.text not in known_forms and tok.text.isalpha():
                lemma = self.choose(tok.text, tok.pos_, tok.lemma_, known_lemmas)
                if lemma is not None:
                    tok.lemma_ = lemma
        return doc

    def known(self) -> tuple[frozenset[str], frozenset[str]]:
        """The forms the lookup table has (under any UPOS) and the lemmas it gives.

        Read from the lookup component, not saved twice; kept while its table is the same object.
        """
        table = getattr(self.nlp.get_pipe(self.lookup), "table", {}) if self.lookup in self.nlp.pipe_names else {}
        if self._known[0] is not table:
            forms = frozenset(key.split("\t", 1)[0] for key in table)
            self._known = (table, forms, frozenset(table.values()))
        return self._known[1], self._known[2]

    def candidates(self, form: str) -> Candidates:
        """``form``'s candidate lemmas, remembered for the next 50,000 forms looked up."""
        if self.dictionary is None:
            return frozenset()
        if form not in self._cache:
            if len(self._cache) > 50_000:
                self._cache.clear()
            self._cache[form] = lemma_candidates(self.dictionary, form)
        return self._cache[form]

    def choose(self, form: str, upos: str, lemma: str, known_lemmas: frozenset[str] = frozenset()) -> str | None:
        """The lexicon's lemma for ``form`` tagged ``upos``, or None to keep ``lemma``."""
        return admissible(self._best(form, upos, lemma, known_lemmas), upos)

    def _best(self, form: str, upos: str, lemma: str, known_lemmas: frozenset[str]) -> str | None:
        candidates = self.candidates(form)
        if not candidates:
            return None
        scores = lemma_scores(candidates, lambda signature: reliability(self.choices.get(f"{upos}|{signature}")))
        top, lemmas = best(scores)
        # The edit tree's lemma stands if a reliable signature offers it, or none offers better.
        if scores.get(lemma, -1.0) >= min(top, self.threshold):
            return None
        if top >= self.threshold:
            return closest(lemmas, lemma)
        if upos == "PROPN" or lemma in known_lemmas or (self.dictionary and lemma in self.dictionary.stems):
            return None  # a real word, or a name the lexicon lacks: trust the edit tree
        top, lemmas = best(lemma_scores(candidates, lambda signature: reliability(self.pooled.get(signature))))
        return closest(lemmas, lemma) if top >= self.fallback_threshold else None

    def initialize(self, get_examples: Callable[[], Iterable[Example]], *, nlp: Language | None = None,
                   dic_path: str | None = None, aff_path: str | None = None,
                   ud_train: str | None = None) -> None:
        """Read the lexicon (``dic_path``, ``aff_path``: hunspell's ``lv_LV.dic``/``.aff``) and learn
        which candidates LVTB takes from the training split (``ud_train``, else ``get_examples``)."""
        if dic_path is None or aff_path is None:
            raise ValueError(f"{self.name}: initialize needs dic_path and aff_path (hunspell-lv's lv_LV.dic/.aff)")
        self.dictionary = Dictionary.from_text(Path(dic_path).read_text(encoding="utf8"),
                                               Path(aff_path).read_text(encoding="utf8"))
        if ud_train is not None:
            triples = [(w.form, w.upos, w.lemma) for p in corpus_paragraphs(ud_train) for w in p.words]
        else:
            triples = [(t.text, t.pos_, t.lemma_) for eg in get_examples() for t in eg.reference]
        self.set_tables({"lexicon": dictionary_data(self.dictionary),
                         "choices": learn_choices(self.dictionary, triples)})

    def tables(self) -> dict[str, dict]:
        lexicon = dictionary_data(self.dictionary) if self.dictionary is not None else {}
        return {"lexicon": lexicon, "choices": self.choices}

    def set_tables(self, tables: dict[str, dict]) -> None:
        lexicon = tables.get("lexicon")
        self.dictionary = dictionary_from_data(lexicon) if lexicon else None
        self.choices = tables.get("choices", {})
        self.pooled = pooled(self.choices)
        self._cache = {}


def pipeline_dictionary(nlp: Language, name: str = LEXICON) -> Dictionary | None:
    """hunspell-lv as the pipeline's lexicon lemma component holds it (the other
    components that read the lexicon do not load it again); None without one."""
    if name not in nlp.pipe_names:
        return None
    return getattr(nlp.get_pipe(name), "dictionary", None)


def admissible(lemma: str | None, upos: str) -> str | None:
    """``lemma`` if the lexicon may give it to a word tagged ``upos``, else None.

    The lexicon lists common words in lower case: such a word is no proper noun's
    lemma (``Jūtas`` is the state of Utah, not ``jūtas``, feelings). On dev this
    costs 0.06 Lemma (proper nouns the treebank lemmatises as common words) and
    gains base forms of names on news.
    """
    if lemma is None or (upos == "PROPN" and not lemma[:1].isupper()):
        return None
    return lemma


@Language.factory(
    "lvnews_lexicon_lemmas",
    default_config={"lookup": "lvnews_lemma_lookup", "upos": list(OPEN_CLASSES), "threshold": 0.7,
                    "fallback_threshold": 0.7},
)
def make_lexicon_lemmas(nlp: Language, name: str, lookup: str, upos: list[str], threshold: float,
                        fallback_threshold: float) -> LexiconLemmas:
    return LexiconLemmas(nlp, name, lookup=lookup, upos=upos, threshold=threshold,
                         fallback_threshold=fallback_threshold)
