"""Names the training data knows, after the statistical NER.

Three corrections built from the training split, all cheap at run time:

* **Known names.** A token sequence (1-4 tokens, exact spelling) that is an
  entity in most of its training occurrences (``ZAAO``, ``Saeima``,
  ``Eiropas Savienība``) is an entity wherever the model left it unlabelled.
  Spans the model did label are never overridden: its context beats a
  frequency count.
* **Place names with their noun.** FullStack-LV tags ``Rīgas pils``,
  ``Mežotnes pils``, ``Brīvības iela`` as one LOC; the model often tags only
  the genitive name (as a GPE). A name followed by a lower-case noun that in
  training mostly forms such a LOC with the name before it (``iela``,
  ``pils``, ``tilts``, ``baznīca``...) becomes one LOC span.
* **Capitalised common words.** Latvian capitalises the first word of a
  sentence and of direct speech, and the model takes some of those for names
  (``Beidz``, ``Zālē``), and words written in capitals (``ŠEIT``). A
  single-token PERSON/ORG/GPE/LOC at a sentence or quote start, or in
  capitals, whose spelling the treebank knows only as a common word, never
  as a proper noun, is dropped.

Dev, NER on gold tokens, run-3 model: micro F1 67.37 -> 68.4, PER/ORG/GPE/LOC
macro 68.15 -> 68.8 (training/RESULTS.md).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Callable, Iterable, Sequence

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.training import Example

from ..components import DataComponent, corpus_paragraphs
from ..conll import Paragraph, bio_spans

MAX_TOKENS = 4
NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC"}
# Tokens after which a capital letter says nothing about a name.
OPENERS = {".", "!", "?", "-", "–", "—", '"', "„", "“", ":", "…"}


def known_names(paragraphs: Sequence[Paragraph], min_count: int = 2, min_share: float = 0.7) -> dict[str, str]:
    """``"tok tok"`` -> label for sequences tagged as that entity in >= ``min_share`` of their occurrences."""
    labelled: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    for para in paragraphs:
        forms = [w.form for w in para.words]
        for start, end, label in bio_spans([w.ner for w in para.words]):
            if end - start <= MAX_TOKENS:
                labelled[tuple(forms[start:end])][label] += 1
    seen: Counter = Counter()
    for para in paragraphs:
        forms = [w.form for w in para.words]
        for n in range(1, MAX_TOKENS + 1):
            for i in range(len(forms) - n + 1):
                key = tuple(forms[i : i + n])
                if key in labelled:
                    seen[key] += 1
    names = {}
    for key, labels in labelled.items():
        label, n = labels.most_common(1)[0]
        if seen[key] >= min_count and n / seen[key] >= min_share:
            names[" ".join(key)] = label
    return names


def place_heads(paragraphs: Sequence[Paragraph], min_count: int = 3, min_share: float = 0.6) -> set[str]:
    """Lemmas of nouns that, after a capitalised word, mostly close a LOC span with it."""
    together: Counter = Counter()
    seen: Counter = Counter()
    for para in paragraphs:
        words = para.words
        span_of = {}
        for start, end, label in bio_spans([w.ner for w in words]):
            for i in range(start, end):
                span_of[i] = (start, end, label)
        for i in range(len(words) - 1):
            head = words[i + 1]
            if not (words[i].form[:1].isupper() and head.form.islower() and head.upos == "NOUN"):
                continue
            lemma = head.lemma.lower()
            seen[lemma] += 1
            span = span_of.get(i)
            if span is not None and span == span_of.get(i + 1) and span[2] == "LOC" and span[1] == i + 2:
                together[lemma] += 1
    return {lemma for lemma, n in together.items() if n >= min_count and n / seen[lemma] >= min_share}


def common_words(words: Iterable[tuple[str, str]]) -> set[str]:
    """Lower-cased forms seen only as common words, never as PROPN, in (form, upos) pairs."""
    common, proper = set(), set()
    for form, upos in words:
        (proper if upos == "PROPN" else common).add(form.lower())
    return common - proper


def is_capitalised_common_word(doc: Doc, ent: Span, common: set[str]) -> bool:
    """A one-token name that is only capitalised because a sentence or quote starts with it,
    or because it is written in capitals (``ŠEIT`` as a link text)."""
    if len(ent) != 1 or ent.label_ not in NAME_LABELS:
        return False
    tok = ent[0]
    starts = tok.i == 0 or tok.is_sent_start or doc[tok.i - 1].text in OPENERS
    return (starts or (tok.text.isupper() and len(tok.text) > 1)) and tok.text.lower() in common


class EntityGazetteer(DataComponent):
    """Known names added, capitalised common words dropped, place nouns joined to their name.

    Tables (one ``gazetteer`` file): ``names`` (``"tok tok"`` -> label), ``common``
    (lower-cased common words) and ``places`` (place head lemmas), built by
    :meth:`initialize` from the training splits. Without them it changes nothing.
    """

    def __init__(self, nlp: Language, name: str = "entity_gazetteer") -> None:
        self.name = name
        self.vocab = nlp.vocab
        self.set_data({}, set())

    def set_data(self, names: dict[str, str], common: set[str], places: set[str] = frozenset()) -> None:
        self.names, self.common, self.places = names, common, set(places)
        by_label: dict[str, list[Doc]] = defaultdict(list)
        for text, label in names.items():
            by_label[label].append(Doc(self.vocab, words=text.split(" ")))
        # Exact spelling, token by token: the name as the training data wrote it.
        self.matcher = PhraseMatcher(self.vocab, attr="ORTH")
        for label, patterns in by_label.items():
            self.matcher.add(label, patterns)

    def __call__(self, doc: Doc) -> Doc:
        ents = [self._with_place_noun(doc, e) for e in doc.ents
                if e.text in self.names or not is_capitalised_common_word(doc, e, self.common)]
        added = self._known_names(doc, {i for e in ents for i in range(e.start, e.end)})
        if added or [(e.start, e.end, e.label) for e in ents] != [(e.start, e.end, e.label) for e in doc.ents]:
            doc.ents = sorted(ents + added, key=lambda e: e.start)
        return doc

    def _with_place_noun(self, doc: Doc, ent: Span) -> Span:
        """``Rīgas`` + ``pils`` -> the LOC ``Rīgas pils``, when the noun after the name is a place head."""
        if ent.end >= len(doc) or ent.label_ not in NAME_LABELS or not all(t.text[:1].isupper() for t in ent):
            return ent
        nxt = doc[ent.end]
        if nxt.pos_ == "NOUN" and nxt.text.islower() and (nxt.lemma_ or "").lower() in self.places \
                and not nxt.ent_type_:
            return Span(doc, ent.start, ent.end + 1, label="LOC")
        return ent

    def _known_names(self, doc: Doc, taken: set[int]) -> list[Span]:
        """Known names on free tokens, left to right: at each start the longest one
        (``Eiropas Savienība`` over ``Eiropas``) that overlaps no taken token, and
        none starting inside a name already added."""
        ends: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for label, start, end in self.matcher(doc):
            ends[start].append((end, label))
        added: list[Span] = []
        free_from = 0
        for start in sorted(ends):
            if start < free_from:
                continue
            for end, label in sorted(ends[start], reverse=True):
                if taken.isdisjoint(range(start, end)):
                    added.append(Span(doc, start, end, label=label))
                    free_from = end
                    break
        return added

    def initialize(self, get_examples: Callable[[], Iterable[Example]], *, nlp: Language | None = None,
                   ud_train: str | None = None, ner_train: str | None = None) -> None:
        """Build the tables from the NER layer's training split (``ner_train``) and the
        treebank's (``ud_train``, which says which words are never names)."""
        ner = corpus_paragraphs(ner_train, ner=True, needed_by=self.name)
        ud = corpus_paragraphs(ud_train, needed_by=self.name)
        self.set_data(known_names(ner), common_words((w.form, w.upos) for p in ud for w in p.words),
                      place_heads(ner))

    def tables(self) -> dict[str, dict]:
        return {"gazetteer": {"names": self.names, "common": sorted(self.common), "places": sorted(self.places)}}

    def set_tables(self, tables: dict[str, dict]) -> None:
        data = tables.get("gazetteer", {})
        self.set_data(data.get("names", {}), set(data.get("common", ())), set(data.get("places", ())))


@Language.factory("lvnews_entity_gazetteer", default_config={})
def make_entity_gazetteer(nlp: Language, name: str) -> EntityGazetteer:
    return EntityGazetteer(nlp, name)
