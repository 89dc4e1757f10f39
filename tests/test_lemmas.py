"""Rule layers of the lemmatizer (pure functions) and the lookup component."""

from __future__ import annotations

import pytest

from lvnews.lemmas import (
    adjective_lemma, build_suffix_rules, is_verb_lemma, noun_lemma, proper_noun_lemma, spelling_rules, suffix_lemma, verb_lemma,
)


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


# Invented training triples: locatives in -ā of masculine nouns go to -s, those of
# words ending in -nā were mostly left alone (say, indeclinable), verbs in -ušu to -t.
SUFFIX_TRAINING = [
    ("kalnā", "NOUN", "kalns"), ("tirgū", "NOUN", "tirgus"), ("galdā", "NOUN", "galds"),
    ("dārzā", "NOUN", "dārzs"), ("mežā", "NOUN", "mežs"), ("ceļā", "NOUN", "ceļš"),
    ("kinā", "NOUN", "kinā"), ("sienā", "NOUN", "sienā"), ("vīnā", "NOUN", "vīnā"),
    ("sasalušu", "VERB", "sasalt"), ("izkusušu", "VERB", "izkust"), ("pazudušu", "VERB", "pazust"),
    ("Rīgā", "PROPN", "Rīga"), ("Cēsīs", "PROPN", "Cēsis"), ("Talsos", "PROPN", "Talsi"),
]


def test_suffix_rules_take_the_longest_known_ending():
    rules = build_suffix_rules(SUFFIX_TRAINING, min_count=3, min_share=0.5)
    assert suffix_lemma("Eksāmenā", "NOUN", rules) is None  # -nā: the longer ending says keep it
    assert suffix_lemma("tempā", "NOUN", rules) == "temps"  # lower-cased, -ā -> -s
    assert suffix_lemma("sarukušu", "VERB", rules) in {"sarukt"}
    assert suffix_lemma("tempā", "VERB", rules) is None  # rules are per UPOS
    assert suffix_lemma("ā", "NOUN", rules) is None  # never cut into the stem's first letters


def test_verb_lemmas_fall_back_to_an_ending_that_gives_an_infinitive():
    # Invented training: "-bas" words were lemmatised to "-bs" (no infinitive),
    # other "-as" words to "-t".
    training = [("klabas", "VERB", "klabs"), ("drebas", "VERB", "drebs"), ("grābas", "VERB", "grābs"),
                ("kāpas", "VERB", "kāpt"), ("lēcas", "VERB", "lēct"), ("nesas", "VERB", "nest"),
                ("sēžas", "VERB", "sēžt")]
    rules = build_suffix_rules(training, min_count=3, min_share=0.5)
    assert suffix_lemma("saglābas", "VERB", rules) == "saglābs"
    assert suffix_lemma("saglābas", "VERB", rules, accept=is_verb_lemma) == "saglābt"
    assert is_verb_lemma("smieties") and is_verb_lemma("būt") and not is_verb_lemma("uzņemta")


def test_suffix_rules_are_pruned_without_changing_answers():
    rules = build_suffix_rules(SUFFIX_TRAINING, min_count=1, min_share=0.5)
    assert all(len(key.split("\t")[1]) <= 6 for key in rules)
    # "-zā" decides like "-ā" (only "dārzā" has it), so only the shorter entry stays;
    # "-lnā" (kalnā) overrides "-nā" (keep the form), so it stays
    assert "NOUN\tzā" not in rules and "NOUN\trzā" not in rules and rules["NOUN\tā"] == [1, "s"]
    assert rules["NOUN\tnā"] is None and rules["NOUN\tlnā"] == [1, "s"]
    for form, pos, lemma in SUFFIX_TRAINING:
        assert suffix_lemma(form, pos, rules) in {lemma, None}


def test_lookup_guesses_unseen_inflected_words(nlp):
    lookup = nlp.get_pipe("lvnews_lemma_lookup")
    assert lookup.suffixes, "the shipped model carries suffix rules"
    doc = nlp("Mēs sēdējām vecajā čiekurkaltē.")
    assert doc[3].lemma_ != "čiekurkaltē"
