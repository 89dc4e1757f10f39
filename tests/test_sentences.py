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
