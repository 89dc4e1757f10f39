"""Time expressions -> ISO values (lvnews.times), pure functions on text written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from lvnews.times import find_times, published_date, time_value, value_at

# A Wednesday: weekdays and weeks below are counted from it.
PUBLISHED = dt.date(2026, 11, 25)


@pytest.mark.parametrize("text, value", [
    ("Līgums parakstīts 2019. gada 15. martā Rīgā.", "2019-03-15"),
    ("Koncerts notiks 15. decembrī.", "2026-12-15"),
    ("Tas notika 1991. gada augustā.", "1991-08"),
    ("Valmiera tīklam pievienojās 2016. gadā.", "2016"),
    ("Ziņa saņemta 2016.gadā.", "2016"),
    ("Sēde notika 03.02.2020 pēcpusdienā.", "2020-02-03"),
    ("Rīga, 23.janv., LETA.", "2026-01-23"),
    ("Šodien skolēniem brīvdiena.", "2026-11-25"),
    ("Vakar lija.", "2026-11-24"),
    ("Aizvakar snieg.", "2026-11-23"),
    ("Rīt būs auksts.", "2026-11-26"),
    ("Pērn ražu novāca agri.", "2025"),
    ("Šogad ražas ir mazāk.", "2026"),
    ("Nākamgad būvēs tiltu.", "2027"),
    ("Pagājušajā nedēļā valdība lēma.", "2026-W47"),
    ("Nākamajā nedēļā valdība lems.", "2026-W49"),
    ("Šonedēļ valdība lems.", "2026-W48"),
    ("Pagājušajā mēnesī cenas kritās.", "2026-10"),
    ("Pagājušā gada decembrī cenas kritās.", "2025-12"),
    ("Šā gada 3. janvārī cenas kritās.", "2026-01-03"),
    ("Piektdien ministrs atkāpās.", "2026-11-20"),
    ("Trešdien ministrs atkāpās.", "2026-11-25"),
    ("Nākamajā pirmdienā ministrs atkāpsies.", "2026-11-30"),
    ("Martā ministrs atkāpās.", "2026-03"),
    ("Tagad ministrs klusē.", "2026-11-25"),
])
def test_values(text, value):
    found = find_times(text, PUBLISHED)
    assert [t.value for t in found] == [value], found
    assert all(text[t.start:t.end] == t.text for t in found)


@pytest.mark.parametrize("text", ["Šodien lija.", "Pērn lija.", "Pagājušajā nedēļā lija.", "Piektdien lija.",
                                  "Koncerts būs 15. decembrī."])
def test_relative_without_published_is_null(text):
    found = find_times(text, None)
    assert len(found) == 1 and found[0].value is None


def test_absolute_dates_need_no_published():
    assert time_value("2019. gada 15. martā") == "2019-03-15"
    assert time_value("2016. gadā") == "2016"


def test_not_dates():
    # given names that are also months, habitual weekdays, an impossible day, plain numbers
    text = "Marta un Maija piektdienās dzied; 31. februārī; 2016 eiro; Augusts atnāca."
    found = find_times(text, PUBLISHED)
    assert [(t.text, t.value) for t in found] == [("31. februārī", None)]


def test_longest_expression_wins_and_value_at_covers_it():
    text = "Lēmums stājās spēkā 2019. gada 15. martā."
    found = find_times(text, PUBLISHED)
    assert [t.text for t in found] == ["2019. gada 15. martā"]
    start = text.index("15. martā")
    assert value_at(found, start, start + len("15. martā")) == "2019-03-15"


@pytest.mark.parametrize("metadata, expected", [
    ({"published": "2026-11-25"}, PUBLISHED),
    ({"published": "2026-11-25T08:30:00+02:00"}, PUBLISHED),
    ({"date": "25.11.2026"}, PUBLISHED),
    ({"date": "2026. gada 25. novembrī"}, PUBLISHED),
    ({"published": dt.datetime(2026, 11, 25, 8, 30)}, PUBLISHED),
    ({"published": "nav zināms", "date": "2026-11-25"}, PUBLISHED),
    ({"url": "https://example.lv/a"}, None),
    ({}, None),
])
def test_published_date(metadata, expected):
    assert published_date(metadata) == expected


def test_april_genitive_with_its_consonant_change():
    # aprīlis, aprīlī — but genitive aprīļa: the stem alternates l/ļ.
    found = find_times("Lēmums pieņemts 2019. gada 1. aprīļa sēdē.", dt.date(2019, 5, 1))
    assert [(t.text, t.value) for t in found] == [("2019. gada 1. aprīļa", "2019-04-01")]
