"""Given names from the lexicon make PERSON entities (entities/given_names.py), on a tiny lexicon and the pipeline."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from lvnews.entities.given_names import is_given_name, is_person_reading, with_given_names
from lvnews.hunspell import Dictionary

from names_lexicon import names_dictionary

@pytest.fixture(scope="module")
def dictionary() -> Dictionary:
    return names_dictionary()


def test_a_person_reading_is_a_proper_noun_with_both_diminutive_classes():
    assert is_person_reading("OoPp", "lietv1i") and is_person_reading("SsTt", "lietv4i")
    assert not is_person_reading("S", "lietv4i")  # a place
    assert not is_person_reading("P", "lietv2i")  # one diminutive class only
    assert not is_person_reading("SsTt", "lietv4r")  # a common noun


@pytest.mark.parametrize("form, expected", [
    ("Gints", True), ("Gintam", True), ("Gintiņš", True), ("Annu", True), ("Annas", True), ("Anniņa", True),
    ("Rīgā", False), ("Talsi", False),
    ("Ginta", False),  # also another proper noun
    ("Ginti", False), ("Annām", False),  # plurals: a family or a holiday
    ("anna", False), ("Nezināms", False),
])
def test_is_given_name(dictionary, form, expected):
    assert is_given_name(dictionary, form) is expected


def make(nlp, words, ents, sent_starts=None):  # noqa: ANN001, ANN201
    """ents: IOB tags (``O``, ``B-PERSON``...)."""
    return Doc(nlp.vocab, words=words, sent_starts=sent_starts or [True] + [False] * (len(words) - 1), ents=ents)


def found(doc, dictionary):  # noqa: ANN001, ANN201
    return [(e.text, e.label_) for e in with_given_names(doc, list(doc.ents), dictionary)]


def test_an_untagged_given_name_or_a_one_word_place_or_time_becomes_a_person(nlp, dictionary):
    doc = make(nlp, ["Vakar", "Gints", "aizveda", "Annas", "suni", "uz", "Rīgu", "."],
               ["O", "O", "O", "B-GPE", "O", "O", "B-GPE", "O"])
    assert found(doc, dictionary) == [("Gints", "PERSON"), ("Annas", "PERSON"), ("Rīgu", "GPE")]
    doc = make(nlp, ["Tad", "Annu", "redzēja", "."], ["O", "B-TIME", "O", "O"])
    assert found(doc, dictionary) == [("Annu", "PERSON")]


def test_a_given_name_inside_a_longer_name_stays_there(nlp, dictionary):
    doc = make(nlp, ["Ziedo", "Annas", "Zariņas", "fondam", "."], ["O", "B-ORG", "I-ORG", "I-ORG", "O"])
    assert found(doc, dictionary) == [("Annas Zariņas fondam", "ORG")]


def test_a_given_name_joins_the_person_before_or_after_it_in_its_sentence(nlp, dictionary):
    doc = make(nlp, ["Runāja", "Anna", "Zariņa", "un", "Raimonds", "Gints", "."],
               ["O", "O", "B-PERSON", "O", "B-PERSON", "O", "O"])
    assert found(doc, dictionary) == [("Anna Zariņa", "PERSON"), ("Raimonds Gints", "PERSON")]
    doc = make(nlp, ["Runāja", "Zariņa", "Anna", "runāja", "."], ["O", "B-PERSON", "O", "O", "O"],
               sent_starts=[True, False, True, False, False])
    assert found(doc, dictionary) == [("Zariņa", "PERSON"), ("Anna", "PERSON")]


def test_a_sentence_s_first_word_is_a_name_only_when_no_common_word_is_spelt_so(nlp, dictionary):
    doc = make(nlp, ["Vara", "nāk", "no", "tautas", ".", "Anna", "piekrīt", "Varai", "."], ["O"] * 9,
               sent_starts=[True, False, False, False, False, True, False, False, False])
    assert found(doc, dictionary) == [("Anna", "PERSON"), ("Varai", "PERSON")]
    doc = make(nlp, ["Pie", "mums", "ciemojas", "Vara", "."], ["O"] * 5)
    assert found(doc, dictionary) == [("Vara", "PERSON")]


def test_the_pipeline_tags_a_given_name_alone(analyzer):
    # Model 0.2.4 alone took ``Ariadne`` for a place and left ``Tabitai`` untagged.
    article = analyzer.analyze("Pie loga stāvēja Ariadne, bet Tabitai kļuva auksti.")
    assert {(e.text, e.label) for e in article.entities} == {("Ariadne", "PERSON"), ("Tabitai", "PERSON")}
