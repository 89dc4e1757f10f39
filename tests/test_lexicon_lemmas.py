"""The hunspell reader and the lexicon lemma component, on a small lexicon written for these tests."""

from __future__ import annotations

import pickle

import pytest
import spacy
from spacy.tokens import Doc
from spacy.training import Example

from lvnews.hunspell import Dictionary, dictionary_data, dictionary_from_data, parse_aff, parse_dic
from lvnews.lexicon_lemmas import LexiconLemmas, casings, learn_choices, lemma_candidates, reliability

# A few Latvian stems and rules in hunspell-lv's style (not taken from it):
# nouns of the 1st declension (O), a feminine derived from a masculine (x, whose
# forms take the 4th declension's S), a verb with its present (H), past (D),
# reflexive present (h) and debitive (the H rule that needs the jā- circumfix),
# negation by the ne- prefix, iet -> gāja (the rule replaces the whole stem),
# and a stem that is no word without an affix (NEEDAFFIX).
AFF = """\
# comments and options the reader ignores
SET UTF-8
TRY aeiou
NEEDAFFIX {
CIRCUMFIX |

PFX - Y 1
PFX - 0 ne .

PFX ] Y 1
PFX ] 0 jā/| .

SFX O Y 4
SFX O s a s is:vpg
SFX O s am s is:vpd
SFX O s u s is:vpa
SFX O s i s is:dpn

SFX x Y 1
SFX x s a/S [j]s is:vpn po:lietv4r

SFX S Y 2
SFX S a as a is:vpg
SFX S a ai a is:vpd

SFX H Y 2
SFX H īt a [^āē]īt is:3xtt0
SFX H īt a/]| īt is:0xttv

SFX D Y 2
SFX D t ja [ī]t is:3xpt0
SFX D iet gāja iet is:3xpt0

SFX h Y 1
SFX h īt ās īt is:3xta0
"""

DIC = """\
6
galds/O po:lietv1r
skolotājs/Ox po:lietv1r
lasīt/HDh- po:darbv32t
iet/D
zelts/O{ po:lietv1r
māja/S po:lietv4r
"""


@pytest.fixture(scope="module")
def dictionary() -> Dictionary:
    return Dictionary.from_text(DIC, AFF)


def test_parse_aff_reads_options_classes_and_fields():
    header, prefixes, suffixes = parse_aff(AFF)
    assert (header.needaffix, header.circumfix) == ("{", "|")
    assert [(p.flag, p.add, p.cont) for p in prefixes] == [("-", "ne", ""), ("]", "jā", "|")]
    x = next(s for s in suffixes if s.flag == "x")
    assert (x.strip, x.add, x.cond, x.cont, x.tag, x.po, x.cross) == ("s", "a", "[j]s", "S", "vpn", "lietv4r", True)
    assert len(suffixes) == 4 + 1 + 2 + 2 + 2 + 1


def test_parse_dic_skips_the_count_and_keeps_flags_and_part_of_speech():
    assert parse_dic(DIC)[:2] == [("galds", "O", "lietv1r"), ("skolotājs", "Ox", "lietv1r")]
    assert ("iet", "D", "") in parse_dic(DIC)


@pytest.mark.parametrize("form, lemma, tag, flags", [
    ("galda", "galds", "vpg", "O"), ("galdi", "galds", "dpn", "O"), ("galds", "galds", "", ""),
    ("lasa", "lasīt", "3xtt0", "H"), ("lasīja", "lasīt", "3xpt0", "D"), ("lasās", "lasīt", "3xta0", "h"),
    ("nelasa", "lasīt", "3xtt0", "-H"), ("jālasa", "lasīt", "0xttv", "]H"), ("gāja", "iet", "3xpt0", "D"),
])
def test_analyze_strips_suffixes_and_prefixes(dictionary, form, lemma, tag, flags):
    assert (lemma, tag, flags) in {(a.lemma, a.tag, a.flags) for a in dictionary.analyze(form)}


def test_two_suffixes_give_the_derived_word_and_its_part_of_speech(dictionary):
    (analysis,) = dictionary.analyze("skolotājas")
    assert (analysis.lemma, analysis.derived, analysis.flags, analysis.po, analysis.tag) == (
        "skolotājs", "skolotāja", "xS", "lietv4r", "vpg")


def test_conditions_circumfixes_and_needaffix_are_kept(dictionary):
    assert dictionary.analyze("galdz") == ()  # no rule adds -z
    assert dictionary.analyze("māju") == ()  # S has no -u rule: condition and endings are per class
    assert {a.tag for a in dictionary.analyze("lasa")} == {"3xtt0"}  # the debitive's -a needs jā-
    assert dictionary.analyze("jāgalda") == ()  # jā- only with the debitive's suffixes
    assert dictionary.analyze("negalda") == ()  # galds has no ne- flag
    assert dictionary.analyze("zelts") == () and dictionary.analyze("zelta")[0].lemma == "zelts"


def test_dictionary_data_round_trip(dictionary):
    again = dictionary_from_data(dictionary_data(dictionary))
    assert again.stems == dictionary.stems and again.suffixes == dictionary.suffixes
    for form in ("skolotājas", "jālasa", "nelasa", "gāja"):
        assert again.analyze(form) == dictionary.analyze(form)


def test_casings():
    assert casings("galds") == ["galds"]
    assert casings("Galda") == ["Galda", "galda"]
    assert casings("GALDA") == ["GALDA", "galda", "Galda"]


def test_candidates_are_stem_derived_word_and_reflexive_infinitive(dictionary):
    assert {("skolotājs", "xS|lietv|s"), ("skolotāja", "xS|lietv|d")} <= lemma_candidates(dictionary, "skolotājas")
    assert ("lasīties", "h|darbv|r") in lemma_candidates(dictionary, "lasās")
    assert ("galds", "O|lietv|s") in lemma_candidates(dictionary, "Galda")


def test_learn_choices_counts_distinct_triples(dictionary):
    choices = learn_choices(dictionary, [("galdu", "NOUN", "galds")] * 5 + [("galdam", "NOUN", "galds")])
    assert choices["NOUN|O|lietv|s"] == [2, 2]
    assert choices["NOUN|O|lietv|d"] == [0, 2]
    assert reliability(choices["NOUN|O|lietv|s"]) == pytest.approx(2.5 / 3)
    assert reliability(None) == 0.0


def _doc(nlp, words, pos, lemmas) -> Doc:
    return Doc(nlp.vocab, words=words, pos=pos, lemmas=lemmas)


# Gold training words: the lemma LVTB gives each kind of analysis.
TRAINING = [
    (["galdu", "galdam", "skolotājas", "skolotājai", "lasa", "lasīja", "lasās", "nelasa"],
     ["NOUN", "NOUN", "NOUN", "NOUN", "VERB", "VERB", "VERB", "VERB"],
     ["galds", "galds", "skolotāja", "skolotāja", "lasīt", "lasīt", "lasīties", "lasīt"]),
]


@pytest.fixture()
def nlp(tmp_path):
    nlp = spacy.blank("lv")
    lookup = nlp.add_pipe("lvnews_lemma_lookup")
    lookup.set_tables({"table": {"galdu\tNOUN": "galds", "lasa\tVERB": "lasīt"}})
    component = nlp.add_pipe("lvnews_lexicon_lemmas", after="lvnews_lemma_lookup")
    (tmp_path / "lv.dic").write_text(DIC, encoding="utf8")
    (tmp_path / "lv.aff").write_text(AFF, encoding="utf8")
    examples = [Example(nlp.make_doc(" ".join(w)), _doc(nlp, w, p, lem)) for w, p, lem in TRAINING]
    component.initialize(lambda: examples, nlp=nlp, dic_path=tmp_path / "lv.dic", aff_path=tmp_path / "lv.aff")
    return nlp


def _run(nlp, words, pos, lemmas) -> list[str]:
    doc = _doc(nlp, words, pos, lemmas)
    return [t.lemma_ for t in nlp.get_pipe("lvnews_lexicon_lemmas")(doc)]


def test_component_relemmatises_only_forms_the_lookup_does_not_know(nlp):
    assert _run(nlp, ["galda", "galdu", "skolotājam"], ["NOUN", "NOUN", "NOUN"],
                ["galdas", "galdis", "skolotājams"]) == ["galds", "galdis", "skolotājs"]


def test_component_takes_the_kind_of_lemma_training_taught(nlp):
    # The feminine under x+S, the reflexive infinitive under h, the stem under -H
    # (the lookup table knows none of these forms).
    assert _run(nlp, ["Skolotājas", "lasās", "nelasa"], ["NOUN", "VERB", "VERB"],
                ["skolotājas", "lasās", "nelasa"]) == ["skolotāja", "lasīties", "lasīt"]


def test_component_keeps_closed_classes_known_words_and_names(nlp):
    # ADV is no open class here; a wrong UPOS with a real word as lemma, and a name, are kept.
    assert _run(nlp, ["galda", "galda", "Galda"], ["ADV", "VERB", "PROPN"],
                ["galda", "lasīt", "Galda"]) == ["galda", "lasīt", "Galda"]


def test_component_falls_back_to_any_part_of_speech_when_the_lemma_is_no_word(nlp):
    # The tagger called "galda" a verb and the edit tree made up "galdat".
    assert _run(nlp, ["galda"], ["VERB"], ["galdat"]) == ["galds"]


def test_component_serialises(nlp, tmp_path):
    component = nlp.get_pipe("lvnews_lexicon_lemmas")
    fresh = spacy.blank("lv")
    fresh.add_pipe("lvnews_lemma_lookup").set_tables({"table": {"galdu\tNOUN": "galds"}})
    from_bytes = fresh.add_pipe("lvnews_lexicon_lemmas").from_bytes(component.to_bytes())
    assert from_bytes.choices == component.choices
    assert from_bytes.choose("galda", "NOUN", "galdas") == "galds"
    component.to_disk(tmp_path / "lexicon")
    from_disk = LexiconLemmas(fresh, "x").from_disk(tmp_path / "lexicon")
    assert from_disk.dictionary.stems == component.dictionary.stems
    assert pickle.loads(pickle.dumps(nlp)).get_pipe("lvnews_lexicon_lemmas").choose("galda", "NOUN", "x") == "galds"


def test_uninitialised_component_changes_nothing():
    nlp = spacy.blank("lv")
    component = nlp.add_pipe("lvnews_lexicon_lemmas")
    doc = _doc(nlp, ["galda"], ["NOUN"], ["galdas"])
    assert component(doc)[0].lemma_ == "galdas"
    assert component.tables() == {"lexicon": {}, "choices": {}}
    assert LexiconLemmas(nlp, "x").from_bytes(component.to_bytes()).dictionary is None


def test_initialize_needs_the_lexicon():
    nlp = spacy.blank("lv")
    with pytest.raises(ValueError, match="dic_path"):
        nlp.add_pipe("lvnews_lexicon_lemmas").initialize(lambda: [], nlp=nlp)


def test_a_proper_noun_takes_no_common_word_for_its_lemma(nlp):
    from lvnews.lexicon_lemmas import admissible

    # "Galdu" tagged PROPN (a place, say): the lexicon's lower-case "galds" is a common word.
    doc = _doc(nlp, ["Galdu", "galdam"], ["PROPN", "NOUN"], ["Galds", "galdams"])
    assert admissible("galds", doc[0].pos_) is None
    assert admissible("Galds", doc[0].pos_) == "Galds"
    assert admissible("galds", doc[1].pos_) == "galds"
    assert admissible(None, doc[1].pos_) is None
