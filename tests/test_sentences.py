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


def test_glued_punctuation_never_opens_a_sentence(nlp):
    from lvnews.sentences import dialogue_boundaries

    doc = nlp.make_doc("Pilsēta pabeidza centra izveidi. Darbi turpinās.")
    doc[4].is_sent_start = True  # as if the parser had split before the glued stop
    dialogue_boundaries(doc)
    assert doc[4].text == "." and doc[4].is_sent_start is False
    doc = nlp("Pilsēta pabeidza centra izveidi. Darbi turpinās.")
    assert [s.text for s in doc.sents] == ["Pilsēta pabeidza centra izveidi.", "Darbi turpinās."]


def test_initials_and_abbreviated_labels_do_not_end_sentences(nlp):
    doc = nlp("Tikšanās notiks Kr. Barona ielā 5, zvaniet mob. 29111111 līdz piektdienai.")
    assert len(list(doc.sents)) == 1
    doc = nlp("Grāmatu sarakstījusi Dz. Kalniņa. Tā iznāks rudenī.")
    assert [s.text for s in doc.sents] == ["Grāmatu sarakstījusi Dz. Kalniņa.", "Tā iznāks rudenī."]


def test_repair_attaches_a_fragment_that_cannot_start_a_sentence(nlp):
    from lvnews.sentences import repair_boundaries

    assert nlp.pipe_names.index("lvnews_sentence_repair") == nlp.pipe_names.index("parser") + 1
    doc = nlp("Zābaki bija par šauru kājai, un rāvējslēdzējs atslīdēja. Tā gadās.")
    # Split the parse as the parser sometimes does: the glued comma opens a fragment.
    comma, verb = doc[5], doc[8]
    verb.head = verb
    verb.dep_ = "ROOT"
    comma.head = verb
    assert comma.is_sent_start
    repair_boundaries(doc)
    assert [s.text for s in doc.sents] == ["Zābaki bija par šauru kājai, un rāvējslēdzējs atslīdēja.", "Tā gadās."]
    assert verb.dep_ == "conj"


def test_no_sentence_starts_right_after_a_comma(nlp):
    """LVTB has 1 such boundary in 7,611; the parser made some (``..., sols, tā ir ...``)."""
    from lvnews.sentences import dialogue_boundaries, repair_boundaries

    doc = nlp.make_doc("Istabā stāvēja galds, sols, tā bija visa mēbele.")
    doc[6].is_sent_start = True  # as if the parser had split after the comma
    dialogue_boundaries(doc)
    assert doc[5].text == "," and doc[6].is_sent_start is False
    doc = nlp("Istabā stāvēja galds, sols, tā bija visa mēbele. Citu nebija.")
    tā, mēbele = doc[6], doc[9]
    # Split the parse after the comma, then repair: the fragment rejoins its sentence.
    doc[5].head = doc[4]
    mēbele.head = mēbele
    mēbele.dep_ = "ROOT"
    for tok in (doc[6], doc[7], doc[8], doc[10]):
        tok.head = mēbele
    assert tā.is_sent_start
    repair_boundaries(doc)
    assert [s.text for s in doc.sents] == ["Istabā stāvēja galds, sols, tā bija visa mēbele.", "Citu nebija."]
