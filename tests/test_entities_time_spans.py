"""TIME spans as FullStack-LV delimits them (entities/time_spans.py), on hand-built docs and the pipeline."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from lvnews.entities.time_spans import corrected_times, is_measurement, time_words


def make(nlp, words, ents, lemmas=None, sent_starts=None):  # noqa: ANN001, ANN201
    """ents: IOB tags (``O``, ``B-TIME``...); lemmas default to the lower-case words."""
    return Doc(nlp.vocab, words=words, lemmas=lemmas or [w.lower() for w in words],
               sent_starts=sent_starts or [True] + [False] * (len(words) - 1), ents=ents)


def found(doc):  # noqa: ANN001, ANN201
    return [(e.text, e.label_) for e in corrected_times(doc, list(doc.ents))]


def test_a_date_and_the_clock_time_after_it_are_one_span(nlp):
    words = ["Tikšanās", "būs", "15.", "aprīlī", "ap", "6.30", "pie", "skolas", "."]
    doc = make(nlp, words, ["O", "O", "B-TIME", "I-TIME", "O", "O", "O", "O", "O"])
    assert found(doc) == [("15. aprīlī ap 6.30", "TIME")]
    # The clock time tagged and the date not: the date ``find_times`` reads joins it.
    doc = make(nlp, words, ["O", "O", "O", "O", "O", "B-TIME", "O", "O", "O"])
    assert found(doc) == [("15. aprīlī ap 6.30", "TIME")]
    doc = make(nlp, ["Sestdien", ",", "3.", "maijā", ",", "plkst.", "11", "."],
               ["B-TIME", "O", "B-TIME", "I-TIME", "O", "B-TIME", "I-TIME", "O"])
    assert found(doc) == [("Sestdien", "TIME"), ("3. maijā , plkst. 11", "TIME")]


def test_two_clock_times_in_a_row_stay_apart(nlp):
    doc = make(nlp, ["Vilciens", "atiet", "18.00", ",", "19.30", "."], ["O", "O", "B-TIME", "O", "B-TIME", "O"])
    assert found(doc) == [("18.00", "TIME"), ("19.30", "TIME")]


def test_a_date_split_in_two_is_one_span(nlp):
    doc = make(nlp, ["Viņš", "dzimis", "1931.", "g.", "2.", "febr.", "Tukumā"],
               ["O", "O", "B-TIME", "I-TIME", "B-TIME", "I-TIME", "B-GPE"])
    assert found(doc) == [("1931. g. 2. febr.", "TIME"), ("Tukumā", "GPE")]


def test_listed_words_months_and_clock_times_become_time(nlp):
    doc = make(nlp, ["Piektdien", "un", "šovasar", "dārzs", "vērs", "vaļā", "janvārī", "pirms", "plkst.", "9",
                     ",", "šodien", "ne", "."], ["O"] * 14)
    assert found(doc) == [("Piektdien", "TIME"), ("šovasar", "TIME"), ("janvārī", "TIME"),
                          ("pirms plkst. 9", "TIME")]
    # Plural weekdays are habits, not dates; a word inside another name stays there.
    doc = make(nlp, ["Piektdienās", "spēlē", "„", "Sestdien", "”", "."],
               ["O", "O", "B-ORG", "I-ORG", "I-ORG", "O"])
    assert found(doc) == [("„ Sestdien ”", "ORG")]


def test_an_untagged_day_of_a_month_is_time_but_not_a_street_named_after_it(nlp):
    doc = make(nlp, ["Gaidām", "5.", "jūniju", "un", "dzīvojam", "13.", "janvāra", "ielā", "."], ["O"] * 9,
               lemmas=["gaidīt", "5.", "jūnijs", "un", "dzīvot", "13.", "janvāris", "iela", "."])
    assert found(doc) == [("5. jūniju", "TIME")]


def test_measurements_are_no_time_but_counts_of_years_are(nlp):
    words = time_words()
    doc = make(nlp, ["24", "cm", "un", "9", "un", "29240290", "un", "10", "gadus", "un", "2007", "un", "22.00"],
               ["B-TIME", "I-TIME", "O", "B-TIME", "O", "B-TIME", "O", "B-TIME", "I-TIME", "O", "B-TIME", "O",
                "B-TIME"],
               lemmas=["24", "cm", "un", "9", "un", "29240290", "un", "10", "gads", "un", "2007", "un", "22.00"])
    assert [is_measurement(e, words) for e in doc.ents] == [True, True, True, False, False, False]
    assert found(doc) == [("10 gadus", "TIME"), ("2007", "TIME"), ("22.00", "TIME")]


def test_the_part_of_a_year_ends_the_span_and_a_range_is_one_span(nlp):
    doc = make(nlp, ["Darbi", "ilgs", "līdz", "2030.", "gada", "vidum", "."],
               ["O", "O", "B-TIME", "I-TIME", "I-TIME", "O", "O"],
               lemmas=["darbs", "ilgt", "līdz", "2030.", "gads", "vidus", "."])
    assert found(doc) == [("līdz 2030. gada vidum", "TIME")]
    doc = make(nlp, ["Skola", "strādāja", "no", "1990.", "gada", "līdz", "1999.", "gadam", "."],
               ["O", "O", "B-TIME", "I-TIME", "I-TIME", "B-TIME", "I-TIME", "I-TIME", "O"])
    assert found(doc) == [("no 1990. gada līdz 1999. gadam", "TIME")]


def test_no_span_crosses_a_sentence_or_another_entity(nlp):
    doc = make(nlp, ["Tas", "notika", "20.", "maijā", ".", "22.00", "sākās", "balle", "."],
               ["O", "O", "B-TIME", "I-TIME", "O", "B-TIME", "O", "O", "O"],
               sent_starts=[True, False, False, False, False, True, False, False, False])
    assert found(doc) == [("20. maijā", "TIME"), ("22.00", "TIME")]
    doc = make(nlp, ["Tas", "notika", "20.", "maijā", "Rīgā", "12.00"],
               ["O", "O", "B-TIME", "I-TIME", "B-GPE", "O"])
    assert found(doc) == [("20. maijā", "TIME"), ("Rīgā", "GPE"), ("12.00", "TIME")]


@pytest.mark.parametrize("text, mention, value", [
    ("Sacensības sāksies 15. aprīlī ap 6.30 pie stadiona, teica rīkotāji.", "15. aprīlī ap 6.30", "2019-04-15"),
    ("Ugunsdzēsēji izsaukumu saņēma 1924. g. 15. okt. naktī.", "1924. g. 15. okt.", "1924-10-15"),
    ("Muzejs bija slēgts, bet piektdien to atkal atvēra.", "piektdien", "2019-07-05"),
])
def test_pipeline_records_keep_the_value_of_a_merged_span(analyzer, text, mention, value):
    record = analyzer.analyze(text, metadata={"published": "2019-07-10"})
    times = {e.text: e.value for e in record.entities if e.label == "TIME"}
    assert any(mention in t and v == value for t, v in times.items()), times
