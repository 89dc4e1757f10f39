"""Acronyms defined in the text (lvnews.entities.acronyms)."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span

from lvnews.entities.acronyms import Acronyms, Definition, definitions, is_acronym


def test_is_acronym_wants_two_to_six_capital_letters():
    assert is_acronym("DUS") and is_acronym("ĒKA")
    assert not is_acronym("D") and not is_acronym("Dus") and not is_acronym("A1") and not is_acronym("ABCDEFG")


def test_lower_case_definition_makes_a_common_noun_everywhere(nlp):
    words = ["Pilsētā", "ir", "trīs", "ūdens", "attīrīšanas", "ietaises", "(", "ŪAI", ")", ".",
             "Jaunā", "ŪAI", "sāks", "darbu", "maijā", "."]
    doc = Doc(nlp.vocab, words=words)
    doc.ents = [Span(doc, 7, 8, label="ORG"), Span(doc, 11, 12, label="ORG")]
    assert definitions(doc) == [Definition("ŪAI", None)]
    Acronyms()(doc)
    assert list(doc.ents) == []


def test_named_definition_labels_later_bare_uses(nlp):
    words = ["Zaļo", "dārzu", "biedrība", "(", "ZDB", ")", "aicina", ".", "ZDB", "stāda", "liepas", "."]
    doc = Doc(nlp.vocab, words=words)
    doc.ents = [Span(doc, 0, 3, label="ORG")]
    Acronyms()(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Zaļo dārzu biedrība", "ORG"), ("ZDB", "ORG"), ("ZDB", "ORG")]


def test_a_bracket_that_does_not_spell_the_initials_changes_nothing(nlp):
    # "(ASV)" after words whose initials are not A-S-V is a remark, not a definition.
    words = ["Viņš", "dzīvoja", "tālu", "prom", "(", "ASV", ")", "."]
    doc = Doc(nlp.vocab, words=words)
    doc.ents = [Span(doc, 5, 6, label="GPE")]
    Acronyms()(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("ASV", "GPE")]


@pytest.mark.parametrize("note", [[], ["angliski", "–"], ["angl.", ":"], ["no", "angļu", "val.", "-"]])
def test_a_foreign_acronym_defined_after_it_in_lower_case_words_is_a_common_noun(nlp, note):
    words = ["Rūpnīca", "ražos", "RDF", "(", *note, "refuse", "derived", "fuel", ")", ".", "RDF", "dedzinās", "."]
    doc = Doc(nlp.vocab, words=words)
    doc.ents = [Span(doc, 2, 3, label="ORG"), Span(doc, len(words) - 3, len(words) - 2, label="ORG")]
    assert definitions(doc) == [Definition("RDF", None)]
    Acronyms()(doc)
    assert list(doc.ents) == []


def test_an_acronym_with_a_bracketed_name_after_it_is_no_definition(nlp):
    words = ["NATO", "(", "North", "Atlantic", "Treaty", "Organization", ")", "paplašinās", "."]
    doc = Doc(nlp.vocab, words=words)
    doc.ents = [Span(doc, 0, 1, label="ORG")]
    assert definitions(doc) == []


def test_shipped_model_runs_acronyms_after_the_name_rules(nlp):
    names = nlp.pipe_names
    assert names.index("lvnews_org_names") < names.index("lvnews_acronyms") < names.index("lvnews_entity_normalizer")
    doc = nlp("Pilsētā darbojas degvielas uzpildes stacijas (DUS). Vēl divas DUS atvērs rudenī.")
    assert "DUS" not in [e.text for e in doc.ents]


def test_a_definition_in_one_paragraph_applies_in_the_next(nlp):
    # Article-level components see all paragraphs as one Doc (Doc.from_docs in Analyzer).
    doc = nlp("Uzņēmumam piemērots tiesiskās aizsardzības process (TAP).\n\n"
              "TAP ilgs divus gadus, un Zaļo dārzu biedrība (ZDB) to atbalsta.\n\nZDB sapulce būs maijā.")
    assert "TAP" not in [e.text for e in doc.ents]
    assert [e.label_ for e in doc.ents if e.text == "ZDB"][-1:] == ["ORG"]
