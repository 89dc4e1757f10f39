"""A one-word person the lexicon knows only as a place is a GPE (entities/place_names.py)."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from lvnews.entities.place_names import is_place_name, with_place_names
from lvnews.hunspell import Dictionary

from names_lexicon import names_dictionary

@pytest.fixture(scope="module")
def dictionary() -> Dictionary:
    return names_dictionary()


@pytest.mark.parametrize("form, expected", [
    ("Zilupes", True), ("Zilupē", True), ("Talsi", True), ("Talsos", True),
    ("Kalnā", True),  # a locative: no person is written so
    ("Kalns", False), ("Kalna", False),  # a stem of one number, but masculine singular: surnames too
    ("Anna", False), ("Annu", False),  # a given name
    ("zilupe", False), ("Nezināms", False),
])
def test_is_place_name(dictionary, form, expected):
    assert is_place_name(dictionary, form) is expected


def relabelled(nlp, words, ents, dictionary, deps=None):  # noqa: ANN001, ANN201
    doc = Doc(nlp.vocab, words=words, ents=ents, deps=deps, heads=None if deps is None else [0] * len(words))
    return [(e.text, e.label_) for e in with_place_names(doc, list(doc.ents), dictionary)]


def test_a_one_word_person_that_is_a_place_becomes_a_gpe(nlp, dictionary):
    words = ["Anna", "aizbrauca", "uz", "Zilupi", "un", "Talsiem", "."]
    assert relabelled(nlp, ["Viņa", "dzīvo", "Zilupē", "."], ["O", "O", "B-PERSON", "O"], dictionary) == [
        ("Zilupē", "GPE")]
    assert relabelled(nlp, words, ["B-PERSON", "O", "O", "O", "O", "O", "O"], dictionary) == [("Anna", "PERSON")]


def test_a_place_name_that_the_article_makes_a_subject_stays_a_person(nlp, dictionary):
    words = ["Zilupe", "smaidīja", ".", "Viņš", "redzēja", "Zilupi", "."]
    deps = ["nsubj", "ROOT", "punct", "nsubj", "ROOT", "obj", "punct"]
    ents = ["B-PERSON", "O", "O", "O", "O", "B-PERSON", "O"]
    assert relabelled(nlp, words, ents, dictionary, deps) == [("Zilupe", "PERSON"), ("Zilupi", "PERSON")]


def test_a_word_of_a_longer_person_name_stays_a_person(nlp, dictionary):
    words = ["Runāja", "Elza", "Zilupe", ".", "Zilupe", "piekrita", "."]
    ents = ["O", "B-PERSON", "I-PERSON", "O", "B-PERSON", "O", "O"]
    assert relabelled(nlp, words, ents, dictionary) == [("Elza Zilupe", "PERSON"), ("Zilupe", "PERSON")]


def test_the_pipeline_tags_a_village_as_a_place(analyzer):
    # Text written for this test; the model alone takes ``Zilupi`` for a person.
    article = analyzer.analyze("Pagājušajā nedēļā viņa aizbrauca uz Zilupi, lai satiktu māsu.")
    assert ("Zilupi", "GPE") in {(e.text, e.label) for e in article.entities}
