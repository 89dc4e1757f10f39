"""An organisation's name recurring untagged is that organisation (entities/repeated_names.py)."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from lvnews.entities.repeated_names import is_proper_name, with_repeated_names
from lvnews.hunspell import Dictionary

# Rules and stems in hunspell-lv's style, written for this test: ``valsts`` and ``sistēma``
# are common words, ``Bertex``, ``ZKL`` and the company names are not in it.
AFF = """\
SET UTF-8

SFX S Y 2
SFX S 0 s [ae] is:vpg
SFX S a as a is:vpg
"""
DIC = """\
2
valsts po:lietv6r
sistēma/S po:lietv4r
"""


@pytest.fixture(scope="module")
def dictionary() -> Dictionary:
    return Dictionary.from_text(DIC, AFF)


def found(nlp, words, ents, dictionary):  # noqa: ANN001, ANN201
    doc = Doc(nlp.vocab, words=words, ents=ents)
    return [(e.text, e.label_) for e in with_repeated_names(doc, list(doc.ents), dictionary)]


def test_a_proper_name_has_a_word_that_is_no_common_word(dictionary):
    assert is_proper_name(("Bertex",), dictionary) and is_proper_name(("ZKL",), dictionary)
    assert is_proper_name(("Valsts", "Bertex"), dictionary)
    assert not is_proper_name(("Valsts",), dictionary) and not is_proper_name(("Sistēmas",), dictionary)
    assert not is_proper_name(("bertex",), dictionary) and not is_proper_name((), dictionary)


def test_an_untagged_recurrence_becomes_the_organisation_with_its_quotes(nlp, dictionary):
    words = ["SIA", "„", "Bertex", "”", "ražo", ".", "„", "Bertex", "”", "aug", ".", "Bertex", "aug", "."]
    ents = ["B-ORG", "I-ORG", "I-ORG", "I-ORG"] + ["O"] * 10
    assert found(nlp, words, ents, dictionary) == [
        ("SIA „ Bertex ”", "ORG"), ("„ Bertex ”", "ORG"), ("Bertex", "ORG")]


def test_a_recurrence_called_a_product_is_the_organisation(nlp, dictionary):
    words = ["„", "Bertex", "”", "ražo", ".", "„", "Bertex", "”", "aug", "."]
    ents = ["B-ORG", "I-ORG", "I-ORG", "O", "O", "B-PRODUCT", "I-PRODUCT", "I-PRODUCT", "O", "O"]
    assert found(nlp, words, ents, dictionary) == [("„ Bertex ”", "ORG"), ("„ Bertex ”", "ORG")]


def test_common_words_and_tagged_recurrences_stay_as_they_are(nlp, dictionary):
    # ``Valsts`` as the NER's organisation is a common word: it does not spread.
    words = ["Valsts", "prezidents", "runāja", ".", "Valsts", "kase", "un", "ZKL", "."]
    ents = ["B-ORG", "O", "O", "O", "O", "O", "O", "B-GPE", "O"]
    assert found(nlp, words, ents, dictionary) == [("Valsts", "ORG"), ("ZKL", "GPE")]
    # A recurrence inside another entity keeps that entity.
    words = ["ZKL", "strādā", ".", "ZKL", "fonds", "."]
    ents = ["B-ORG", "O", "O", "B-ORG", "I-ORG", "O"]
    assert found(nlp, words, ents, dictionary) == [("ZKL", "ORG"), ("ZKL fonds", "ORG")]


def test_the_pipeline_tags_every_mention_of_a_company(analyzer):
    # Company and text written for this test; the model alone leaves the second mention untagged
    # and takes the third for a product.
    article = analyzer.analyze(
        "SIA „Bertex” ražo mēbeles. „Bertex” strādā 20 cilvēki. "
        "Pagājušajā gadā „Bertex” apgrozījums auga. Bertex vadītājs to apstiprina.")
    assert [(e.text, e.label) for e in article.entities if "Bertex" in e.text] == [
        ("SIA „Bertex”", "ORG"), ("„Bertex”", "ORG"), ("„Bertex”", "ORG"), ("Bertex", "ORG")]
