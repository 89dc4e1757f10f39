"""Dialogue sentence boundaries, through the real pipeline."""

from __future__ import annotations


def test_speech_tag_after_question_continues_the_sentence(nlp):
    doc = nlp("- Vai tu nāksi? - viņa jautāja smaidot. Es pamāju ar galvu.")
    assert [s.text for s in doc.sents] == ["- Vai tu nāksi? - viņa jautāja smaidot.", "Es pamāju ar galvu."]


def test_quoted_replies_joined_by_dashes_are_separate_sentences(nlp):
    doc = nlp("„Vai esi gatavs?” – „Esmu gatavs!” – „Tad ejam!”")
    assert len(list(doc.sents)) == 3


def test_rule_component_sits_before_the_parser(nlp):
    names = nlp.pipe_names
    assert names.index("lvnews_sentence_rules") < names.index("parser")


def test_a_quote_glued_to_the_final_stop_closes_the_sentence(nlp):
    doc = nlp('Viņš teica: "Mēs brauksim rīt." Pēc tam viņš aizgāja.')
    assert [s.text for s in doc.sents] == ['Viņš teica: "Mēs brauksim rīt."', "Pēc tam viņš aizgāja."]


def test_list_closing_abbreviation_ends_a_sentence(nlp):
    doc = nlp("Tirgū pārdod ābolus, bumbierus utt. Cenas ir zemas.")
    assert [s.text for s in doc.sents] == ["Tirgū pārdod ābolus, bumbierus utt.", "Cenas ir zemas."]
