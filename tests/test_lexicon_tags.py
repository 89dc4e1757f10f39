"""UPOS, features and XPOS of unseen words from the lexicon: the pure functions on a small
lexicon written for these tests, the component on the shipped model."""

from __future__ import annotations

import numpy as np
import pytest
import spacy

import lvnews
from lvnews.hunspell import Dictionary
from lvnews.lexicon_tags import (ABSENT, LexiconTags, agreeing_xpos, choose_labels, core_belief, head_scores,
                                 label_features, label_key, label_set, learn_features, parse_label, reading_entry,
                                 reading_prior, signatures, softmax, top)

# hunspell-lv's style, not taken from it: a 1st-declension noun (O, with a feminine
# derived by x) and a 4th-declension noun whose -u is an accusative singular (S).
AFF = """\
SFX O Y 2
SFX O s a s is:vpg
SFX O s u s is:vpa

SFX x Y 1
SFX x s a [j]s is:vpn po:lietv4r

SFX S Y 2
SFX S a u a is:vpa
SFX S a as a is:vpg
"""
DIC = """\
3
galds/O po:lietv1r
skolotājs/Ox po:lietv1r
māja/S po:lietv4r
"""

NOUN_GEN = "Case=Gen|Gender=Masc|Number=Sing|POS=NOUN"
LABELS = [
    "Case=Acc|Gender=Fem|Number=Sing|POS=NOUN",
    "Case=Gen|Gender=Fem|Number=Plur|POS=NOUN",
    "Case=Gen|Gender=Masc|Number=Plur|POS=NOUN",
    NOUN_GEN,
    "Case=Nom|Gender=Fem|Number=Sing|POS=NOUN",
    "Mood=Ind|POS=VERB|Tense=Past",
]


@pytest.fixture(scope="module")
def dictionary() -> Dictionary:
    return Dictionary.from_text(DIC, AFF)


def test_labels_are_features_with_pos():
    assert label_features("NOUN", "Case=Gen|Number=Sing") == {"Case": "Gen", "Number": "Sing", "POS": "NOUN"}
    assert label_features("ADP", "_") == {"POS": "ADP"}
    assert parse_label(NOUN_GEN) == {"Case": "Gen", "Gender": "Masc", "Number": "Sing", "POS": "NOUN"}
    assert label_key(parse_label(NOUN_GEN)) == label_key(dict(reversed(parse_label(NOUN_GEN).items())))


def test_signatures_tell_a_derived_feminine_from_the_stems_own_forms(dictionary):
    assert signatures(dictionary, "galda") == {("lietv1r|vpg|O", "lietv1r|vpg")}
    # ``skolotāja``: the masculine's genitive, or the feminine derived by x
    assert signatures(dictionary, "skolotāja") == {("lietv1r|vpg|O", "lietv1r|vpg"),
                                                   ("lietv4r|vpn|x", "lietv4r|vpn")}
    # found only in lower case: marked, as sentence-initial words and names differ
    assert signatures(dictionary, "Galda") == {("lc|lietv1r|vpg|O", "lc|lietv1r|vpg")}
    assert signatures(dictionary, "xyz") == frozenset()


def test_a_prefix_is_part_of_both_signatures():
    negated = Dictionary.from_text("1\nlasīt/H- po:darbv32t\n",
                                   "PFX - Y 1\nPFX - 0 ne .\n\nSFX H Y 1\nSFX H īt a [^āē]īt is:3xtt0\n")
    assert signatures(negated, "lasa") == {("darbv32t|3xtt0|H", "darbv32t|3xtt0")}
    assert signatures(negated, "nelasa") == {("-|darbv32t|3xtt0|-H", "-|darbv32t|3xtt0")}


def test_learn_features_counts_distinct_forms_for_both_signatures(dictionary):
    gen = label_features("NOUN", "Case=Gen|Gender=Masc|Number=Sing")
    table = learn_features(dictionary, [("galda", gen), ("galda", gen), ("skolotāja", gen)])
    entry = table["lietv1r|vpg|O"]
    assert entry["n"] == 2  # two distinct forms; the repeated pair counts once
    assert entry["core"] == {"NOUN|Gen|Sing|Masc": 2}
    assert table["lietv1r|vpg"]["n"] == 2 and table["lietv4r|vpn"]["n"] == 1


def test_reading_prior_prefers_what_the_readings_words_were():
    labels = label_set(LABELS)
    entry = {"n": 10, "core": {"NOUN|Acc|Sing|Fem": 7, "NOUN|Gen|Plur|Fem": 3}, "values": {}}
    prior = reading_prior(entry, labels)
    acc, gen_plur, masc_gen_plur, _, _, verb = prior
    assert acc > gen_plur > masc_gen_plur and verb < gen_plur
    # a feature no word of the reading had costs the label
    entry = {"n": 10, "core": {"VERB|-|-|-": 10}, "values": {"Mood": {"Ind": 10}}}
    assert reading_prior(entry, labels)[-1] > 50 * reading_prior({**entry, "values": {}}, labels)[-1]


def test_reading_entry_backs_off_from_rare_suffix_paths():
    table = {"a|b|X": {"n": 3}, "a|b": {"n": 50}, "c|d|Y": {"n": 40}}
    assert reading_entry(("a|b|X", "a|b"), table)["n"] == 50
    assert reading_entry(("c|d|Y", "c|d"), table)["n"] == 40
    assert reading_entry(("e|f|Z", "e|f"), table) is None


def choose(probs: np.ndarray, priors: np.ndarray, belief: float = 0.5) -> int | None:
    """One word's choice, with the shipped settings."""
    return choose_labels(probs[None], label_set(LABELS), priors[None], 2.0, 0.001, 20, belief)[0]


def test_choose_label_keeps_the_network_without_a_reading_and_follows_a_clear_lexicon():
    probs = softmax(np.array([0.0, 0.0, 0.0, 3.0, 0.0, 0.0]))
    assert choose(probs, np.zeros(6)) is None
    priors = np.array([0.0, 0.0, 0.0, 0.0, 0.9, 0.0])  # the lexicon: only a feminine nominative
    assert LABELS[choose(probs, priors)].startswith("Case=Nom|Gender=Fem")
    # a lexicon that agrees with the network changes nothing
    priors = np.array([0.0, 0.0, 0.0, 0.9, 0.0, 0.0])
    assert choose(probs, priors) is None


def test_the_networks_belief_in_case_and_number_survives_a_gender_the_lexicon_forbids():
    labels = label_set(LABELS)
    # ``divu … vitrīnu``: sure of the genitive plural, wrong about the gender
    probs = np.array([0.10, 0.08, 0.77, 0.0, 0.0, 0.05])
    priors = np.array([0.35, 0.2, 0.0001, 0.0, 0.0, 0.0])  # a feminine noun; -u mostly accusative
    chosen = choose(probs, priors)
    assert LABELS[chosen].startswith("Case=Gen|Gender=Fem|Number=Plur")
    assert LABELS[choose(probs, priors, belief=0.0)].startswith("Case=Acc")
    core = core_belief(probs, labels, np.array([0, 1]))
    assert core[1] > core[0]


def test_top_and_agreeing_xpos():
    scores = np.array([0.1, 0.5, 0.3, 0.9])
    assert list(top(scores, 2)) == [3, 1]
    assert top(np.stack([scores, scores[::-1]]), 2).tolist() == [[3, 1], [0, 2]]
    assert list(top(scores, 10)) == [3, 1, 2, 0]
    assert agreeing_xpos(scores, ["a", "b", "c", "d"], {"c", "a"}, 3) == 2
    assert agreeing_xpos(scores, ["a", "b", "c", "d"], {"a"}, 3) is None


def test_absent_marks_a_missing_feature():
    labels = label_set(LABELS)
    assert labels.values["Mood"].of({ABSENT: 1}).tolist() == [1, 1, 1, 1, 1, 0]


def test_uninitialised_component_changes_nothing_and_initialize_needs_the_lexicon():
    nlp = spacy.blank("lv")
    component = nlp.add_pipe("lvnews_lexicon_tags")
    assert component.tables() == {"features": {}, "xpos": {}, "forms": []}
    doc = nlp("Sikspārņu mātītes slēpjas.")
    assert component(doc) is doc
    with pytest.raises(ValueError, match="dic_path"):
        component.initialize(lambda: [], nlp=nlp)


@pytest.fixture(scope="module")
def shipped():
    nlp = lvnews.load().nlp
    if "lvnews_lexicon_tags" not in nlp.component_names:
        pytest.skip("the model has no lexicon tags")
    return nlp


NETWORKS = ["tok2vec", "tagger", "morphologizer"]


def test_head_scores_are_the_heads_output(shipped):
    with shipped.select_pipes(enable=NETWORKS):
        doc = shipped("Divas sikspārņu mātītes slēpās vecā šķūnī.")
    for name in ("morphologizer", "tagger"):
        model = shipped.get_pipe(name).model
        full = model.ops.to_numpy(model.predict([doc])[0])
        assert np.allclose(head_scores(model, doc, [1, 2, 5]), full[[1, 2, 5]], atol=1e-4)


def test_only_unseen_words_are_retagged(shipped):
    # The component on the morphologizer's scores, as a pipeline without the BiLSTM tagger runs it.
    text = "Divas sikspārņu mātītes slēpās vecā šķūnī, bet pētnieki tās atrada ar termokameru."
    tags = LexiconTags(shipped, morphologizer="morphologizer")
    tags.set_tables(shipped.get_pipe("lvnews_lexicon_tags").tables())
    with shipped.select_pipes(enable=NETWORKS):
        with_tags, without = shipped(text), shipped(text)
    tags(with_tags)  # outside select_pipes: the lexicon lives in the (enabled) lexicon lemmas
    changed = {t.text for t, u in zip(with_tags, without)
               if (t.pos_, str(t.morph), t.tag_) != (u.pos_, str(u.morph), u.tag_)}
    assert changed and not changed & tags.forms
    assert all(t.tag_ and t.pos_ for t in with_tags)


def test_the_component_is_one_of_the_shipped_data_components(shipped):
    tags = shipped.get_pipe("lvnews_lexicon_tags")
    assert isinstance(tags, LexiconTags) and tags.features and tags.xpos and len(tags.forms) > 10_000
    fresh = spacy.blank("lv").add_pipe("lvnews_lexicon_tags").from_bytes(tags.to_bytes())
    assert fresh.tables() == tags.tables()


def test_the_tags_step_aside_only_for_a_tagger_with_its_network(shipped):
    text = "Divas sikspārņu mātītes slēpās vecā šķūnī, bet pētnieki tās atrada ar termokameru."
    tags = LexiconTags(shipped, morphologizer="morphologizer", replaced_by="lvnews_bilstm_tagger")
    tags.set_tables(shipped.get_pipe("lvnews_lexicon_tags").tables())
    if "lvnews_bilstm_tagger" not in shipped.pipe_names:
        pytest.skip("the model has no BiLSTM tagger")
    network = shipped.get_pipe("lvnews_bilstm_tagger")
    with shipped.select_pipes(enable=NETWORKS):
        before = shipped(text)
    expected = [(t.pos_, str(t.morph)) for t in before]
    assert tags.replaced() and [(t.pos_, str(t.morph)) for t in tags(before)] == expected
    saved, network.model = network.model, None  # the base model: the tagger without weights
    try:
        assert not tags.replaced()
        assert [(t.pos_, str(t.morph)) for t in tags(before)] != expected
    finally:
        network.model = saved
