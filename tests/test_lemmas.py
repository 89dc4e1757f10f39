"""Rule layers of the lemmatizer (pure functions) and the lookup component."""

from __future__ import annotations

import pytest

from lvnews.lemmas import adjective_lemma, noun_lemma, proper_noun_lemma, spelling_rules, verb_lemma


@pytest.mark.parametrize("form, xpos, lemma", [
    ("Bērziņu", "npmsa1", "Bērziņš"), ("Ventspilī", "npfsl6", "Ventspils"), ("Rīgā", "npfsl4", "Rīga"),
    ("Odrijas", "npfsg4", "Odrija"), ("Priedi", "npmsa5", "Priede"), ("Pēterim", "npmsd2", "Pēteris"),
    ("VERONIKA", "npfsn4", "Veronika"), ("Jāņa", "npmsg2", None), ("Kūtris", "npmsn2", "Kūtris"),
])
def test_proper_noun_lemma(form, xpos, lemma):
    assert proper_noun_lemma(form, xpos) == lemma


@pytest.mark.parametrize("form, xpos, lemma", [
    ("diplomāti", "ncmpn1", "diplomāts"), ("pilsētām", "ncfpd4", "pilsēta"), ("upes", "ncfpn5", "upe"),
    ("valstīs", "ncfpl6", "valsts"), ("kalniņiem", "ncmpd1", "kalniņš"), ("mājas", "ncfsg4", "māja"),
])
def test_noun_lemma(form, xpos, lemma):
    assert noun_lemma(form, xpos) == lemma


def test_verb_lemma_drops_negation_only_for_known_verbs():
    known = {"kļūt", "nest", "sataustīt"}
    assert verb_lemma("nekļūtu", "nekļūt", known) == "kļūt"
    assert verb_lemma("nenes", "nest", known) == "nest"
    assert verb_lemma("neslēpa", "neslēpt", known) == "neslēpt"  # unknown: left alone


@pytest.mark.parametrize("lemma, expected", [
    ("jaunāks", "jauns"), ("visērtāks", "ērts"), ("pirmais", "pirmais"), ("liels", "liels"),
])
def test_adjective_lemma(lemma, expected):
    assert adjective_lemma(lemma) == expected


def test_spelling_rule():
    assert spelling_rules("Bērziņs") == "Bērziņš" and spelling_rules("Kalns") == "Kalns"


def test_lookup_overrides_known_forms(nlp):
    doc = nlp("Pilsētām vajag naudu.")
    assert doc[0].lemma_ == "pilsēta"
