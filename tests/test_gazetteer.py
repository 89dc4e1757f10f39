"""Known names and capitalised common words (lvnews.entities.gazetteer)."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from lvnews.conll import Paragraph, Sentence, Word
from lvnews.entities.gazetteer import (
    EntityGazetteer, common_words, is_capitalised_common_word, known_names, place_heads,
)


def para(pid: str, tagged: list[tuple[str, str]], lemmas: dict[str, tuple[str, str]] | None = None) -> Paragraph:
    lemmas = lemmas or {}
    words = [Word(i + 1, form, *lemmas.get(form, (form, "X")), "x", "_", ner=tag) for i, (form, tag) in enumerate(tagged)]
    return Paragraph(pid, [Sentence(pid + "s1", " ".join(f for f, _ in tagged), words)])


# Invented paragraphs: "Zaļā Josla" is an ORG each time; "Liepa" is a name once
# and a tree twice, so it must not become a known name.
TRAIN = [
    para("a", [("Zaļā", "B-organization"), ("Josla", "I-organization"), ("strādā", "O"), (".", "O")]),
    para("b", [("Par", "O"), ("Zaļā", "B-organization"), ("Josla", "I-organization"), ("runā", "O")]),
    para("c", [("Liepa", "B-person"), ("zied", "O"), ("Liepa", "O"), ("aug", "O"), ("Liepa", "O")]),
]


def test_known_names_need_repeated_consistent_labels():
    names = known_names(TRAIN, min_count=2, min_share=0.7)
    assert names == {"Zaļā Josla": "ORG"}


def test_place_heads_are_nouns_that_close_a_loc_with_the_name_before_them():
    nouns = {"pils": ("pils", "NOUN"), "pilī": ("pils", "NOUN"), "iela": ("iela", "NOUN"), "dome": ("dome", "NOUN")}
    paragraphs = [
        para("a", [("Rīgas", "B-location"), ("pils", "I-location")], nouns),
        para("b", [("Cēsu", "B-location"), ("pilī", "I-location")], nouns),
        para("c", [("Bauskas", "B-location"), ("pils", "I-location")], nouns),
        para("d", [("Rīgas", "B-GPE"), ("dome", "O")], nouns),
        para("e", [("Tukuma", "B-location"), ("dome", "I-location")], nouns),
        para("f", [("Cēsu", "B-GPE"), ("dome", "O")], nouns),
        para("g", [("Valkas", "B-GPE"), ("dome", "O")], nouns),
    ]
    assert place_heads(paragraphs, min_count=3, min_share=0.6) == {"pils"}


def test_common_words_exclude_anything_seen_as_a_name():
    pairs = [("Beidz", "VERB"), ("beidz", "VERB"), ("Vilnis", "NOUN"), ("Vilnis", "PROPN"), ("zālē", "NOUN")]
    assert common_words(pairs) == {"beidz", "zālē"}


def make_component(nlp) -> EntityGazetteer:
    component = EntityGazetteer(nlp)
    component.set_data({"Zaļā Josla": "ORG", "Zaļā": "MISC"}, {"beidz", "zālē"})
    return component


def test_component_adds_known_names_only_where_free(nlp):
    component = make_component(nlp)
    doc = Doc(nlp.vocab, words=["Vakar", "Zaļā", "Josla", "un", "Rīga", "."])
    doc.ents = [Span(doc, 4, 5, label="GPE")]
    component(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Zaļā Josla", "ORG"), ("Rīga", "GPE")]
    doc = Doc(nlp.vocab, words=["Vakar", "Zaļā", "Josla", "."])
    doc.ents = [Span(doc, 1, 3, label="PRODUCT")]  # the model's own label stays
    component(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Zaļā Josla", "PRODUCT")]


def test_component_drops_sentence_initial_common_words(nlp):
    component = make_component(nlp)
    doc = Doc(nlp.vocab, words=["-", "Beidz", ",", "Zālē", "teica", "Beidz", "."],
              sent_starts=[True, False, False, False, False, False, False])
    doc.ents = [Span(doc, 1, 2, label="PERSON"), Span(doc, 3, 4, label="PERSON"), Span(doc, 5, 6, label="PERSON")]
    assert is_capitalised_common_word(doc, doc.ents[0], component.common)
    component(doc)
    # after a dash: dropped; mid-sentence "Zālē" and "Beidz" keep what the model said
    assert [e.text for e in doc.ents] == ["Zālē", "Beidz"]


def test_component_extends_a_name_with_its_place_noun(nlp):
    component = make_component(nlp)
    component.set_data(component.names, component.common, {"pils"})
    doc = Doc(nlp.vocab, words=["Apmeklējām", "Rīgas", "pili", "un", "Rīgas", "domi"],
              pos=["VERB", "PROPN", "NOUN", "CCONJ", "PROPN", "NOUN"],
              lemmas=["apmeklēt", "Rīga", "pils", "un", "Rīga", "dome"])
    doc.ents = [Span(doc, 1, 2, label="GPE"), Span(doc, 4, 5, label="GPE")]
    component(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Rīgas pili", "LOC"), ("Rīgas", "GPE")]


def test_shipped_model_carries_the_gazetteer(nlp):
    component = nlp.get_pipe("lvnews_entity_gazetteer")
    assert len(component.names) > 100 and len(component.common) > 10_000
    assert nlp.pipe_names.index("lvnews_entity_gazetteer") == nlp.pipe_names.index("ner") + 1


def test_common_words_in_capitals_are_not_names(nlp):
    component = EntityGazetteer(nlp)
    component.set_data({}, {"šeit"})
    doc = Doc(nlp.vocab, words=["Saraksts", "pieejams", "ŠEIT", "un", "LETA", "."])
    doc.ents = [Span(doc, 2, 3, label="ORG"), Span(doc, 4, 5, label="ORG")]
    component(doc)
    assert [e.text for e in doc.ents] == ["LETA"]
