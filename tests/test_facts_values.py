"""Normalised values on facts and entities: currency codes, date values (sentences written for these tests)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import lvnews.entities

from lvnews.facts.currency import currency_nouns, currency_of
from lvnews.records import Article


@pytest.mark.parametrize("text, unit, currency", [
    ("Projekts izmaksāja 3 miljonus eiro.", "eiro", "EUR"),
    ("Uzņēmums nopelnīja 25 miljonus dolāru.", "dolārs", "USD"),
    ("Biļete maksāja 12 mārciņas.", "mārciņa", "GBP"),
    ("Toreiz alga bija 120 latu.", "lats", "LVL"),
    ("Krievija iztērēja 40 miljardus rubļu.", "rublis", "RUB"),
    ("Pilsēta saņēma 200 dzīvokļus.", "dzīvoklis", None),
])
def test_quantity_currency(analyzer, text, unit, currency):
    facts = [f for f in analyzer.analyze(text, force_language="lv").facts if f.type == "quantity"]
    assert any(f.unit == unit and f.currency == currency for f in facts), facts


def test_currency_qualified_by_country(analyzer):
    facts = [f for f in analyzer.analyze("Uzņēmums nopelnīja 25 miljonus Kanādas dolāru.",
                                         force_language="lv").facts if f.type == "quantity"]
    assert any(f.value == 25_000_000 and f.unit == "dolārs" and f.currency == "CAD" for f in facts), facts


def test_every_currency_noun_has_an_entry():
    listed = json.loads((Path(lvnews.entities.__file__).parent / "data" / "currencies.json").read_text("utf8"))
    assert set(listed["nouns"]) | {s.lower() for s in listed["symbols"]} <= currency_nouns()
    assert currency_of("krona") is None and currency_of("krona", ["zviedrs"]) == "SEK"
    assert currency_of("franks", ["Šveice"]) == "CHF" and currency_of("galds") is None


def test_membership_date_value(analyzer):
    article = analyzer.analyze("UNESCO Izglītības pilsētu tīklā 2016. gadā tika uzņemta Valmiera.",
                               force_language="lv")
    dated = [f for f in article.facts if f.type == "membership"]
    assert dated and dated[0].date == "2016. gadā" and dated[0].date_value == "2016", article.facts
    times = [e for e in article.entities if e.label == "TIME"]
    assert times and times[0].value == "2016", article.entities


def test_relative_date_value_against_published(analyzer):
    text = "Pērn asociācijā uzņemtas 12 universitātes."
    dated = analyzer.analyze(text, force_language="lv", metadata={"published": "2026-11-25"}).facts
    assert any(f.type == "member_count" and f.date == "Pērn" and f.date_value == "2025" for f in dated), dated
    undated = analyzer.analyze(text, force_language="lv").facts
    assert all(f.date_value is None for f in undated if f.type == "member_count"), undated


def test_schema_shows_the_values():
    schema = json.dumps(Article.model_json_schema())
    for field in ("published", "times", "date_value", "currency", "value"):
        assert f'"{field}"' in schema
