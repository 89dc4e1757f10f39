"""Places from hunspell-lv: a lone "person" the lexicon knows only as a place is a GPE (issue #15).

The statistical NER takes a rare village or a foreign place for a person when
the words around it could name either (``uz Zilupi``, ``no Snēpeles``,
``Helsinkiem``). hunspell-lv, which the model ships for its lemmas, tells
them apart by the classes a proper-noun stem inflects with: a place has no
plural, or only one, so its stem carries a single number's endings
(``Rīga/S``, ``Zilupe/S``, ``Talsi/o``), while a given name also has both
numbers and diminutives (``Anna/SsTt``, see ``given_names.py``). And no
person is written in the locative except in apposition (``Zilupē``,
``Vijciemā``).

On FullStack-LV NER train, a capitalised word mid-sentence whose every reading is
such a place is inside a gold GPE 1,270 times, an ORG 330 (``Rīgas dome``), a
LOC 249 and a PERSON 28 (singular-only stems: ``Florence`` in a story,
``Aspazija``, ``Elba``); a locative alone never inside a PERSON. Where the
model made a one-word PERSON of such a word on dev, gold has a GPE 7 times of
9, a PERSON none. The persons of train are mostly the subject of some
sentence of their article (``Florence ticēja``), which a place seldom is, or
part of a longer name there, so those keep their label.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..hunspell import Analysis, Dictionary
from .given_names import is_person_reading

#: Inflection classes of stems with one number only: singular ``-a``/``-e`` nouns (``S``), plural
#: ``-i`` (``o``) and ``-as``/``-es`` (``s``) nouns.
ONE_NUMBER_CLASSES = frozenset({"S", "s", "o"})
SUBJECTS = frozenset({"nsubj", "nsubj:pass"})


def _is_place_reading(dictionary: Dictionary, analysis: Analysis) -> bool:
    readings = dictionary.stems.get(analysis.lemma, ())
    if not (analysis.po.endswith("i") and readings) or any(is_person_reading(f, po) for f, po in readings):
        return False
    # hunspell-lv's case tags end in the case's letter: ``vpl`` is a singular locative.
    return analysis.tag.endswith("l") or all(flags in ONE_NUMBER_CLASSES for flags, _ in readings)


def is_place_name(dictionary: Dictionary, form: str) -> bool:
    """Every reading of ``form`` as written is a proper noun of one number, or a locative."""
    analyses = dictionary.analyze(form)
    return bool(analyses) and all(_is_place_reading(dictionary, a) for a in analyses)


def _person_lemmas(doc: Doc, ents: list[Span]) -> set[str]:
    """Lemmas that the article itself shows to be a person's: a clause's subject, or a word of a
    longer PERSON name."""
    # A genitive is no subject, whatever the parse says (``Snēpeles Kalējsētās izmēģināta``).
    subjects = {tok.lemma_ for tok in doc if tok.dep_ in SUBJECTS and tok.morph.get("Case") != ["Gen"]}
    in_names = {tok.lemma_ for e in ents if e.label_ == "PERSON" and len(e) > 1 for tok in e}
    return subjects | in_names


def with_place_names(doc: Doc, ents: list[Span], dictionary: Dictionary) -> list[Span]:
    """``ents`` with one-word PERSON spans that are place names as GPE spans, in order."""
    people = None
    out = []
    for ent in ents:
        if ent.label_ == "PERSON" and len(ent) == 1 and is_place_name(dictionary, ent.text):
            people = _person_lemmas(doc, ents) if people is None else people
            if ent.root.lemma_ not in people:
                ent = Span(doc, ent.start, ent.end, label="GPE")
        out.append(ent)
    return out
