"""Fact extraction on sentences written for these tests, through the real pipeline."""

from __future__ import annotations

import pytest


def facts(analyzer, text, kind):  # noqa: ANN001, ANN201
    article = analyzer.analyze(text, force_language="lv")
    for f in article.facts:
        assert text[f.start:f.end] == f.text
    return [f for f in article.facts if f.type == kind]


@pytest.mark.parametrize("text, value, unit, approx", [
    ("Biedrība apvieno 3283 biedrus.", 3283, "biedrs", None),
    ("Pilsētā dzīvo vairāk nekā 30 000 iedzīvotāju.", 30000, "iedzīvotājs", "more_than"),
    ("Projektā ieguldīti aptuveni pieci miljoni eiro.", 5_000_000, "eiro", "about"),
    ("Konkursā piedalījās divdesmit septiņas komandas.", 27, "komanda", None),
    ("Bezdarba līmenis sasniedza 7,5%.", 7.5, "%", None),
    ("Zemnieks novāca vismaz 40 tonnu kartupeļu.", 40, "tonna", "at_least"),
])
def test_quantities(analyzer, text, value, unit, approx):
    found = {(f.value, f.unit, f.approx) for f in facts(analyzer, text, "quantity")}
    assert (value, unit, approx) in found, found


def test_range(analyzer):
    found = facts(analyzer, "Ostā pārkrauj no 700 līdz 2000 tonnu graudu dienā.", "quantity")
    assert any(f.value == 700 and f.value_max == 2000 for f in found), found


def test_years_and_ordinals_are_not_quantities(analyzer):
    found = facts(analyzer, "2016. gadā notika trešais festivāls, plkst. 18 sākās koncerts.", "quantity")
    assert found == []


def test_member_count_added_with_origin(analyzer):
    text = "Eiropas Universitāšu asociācijā šogad uzņemtas 12 universitātes no 5 valstīm."
    found = facts(analyzer, text, "member_count")
    assert any(f.count == 12 and f.unit == "universitāte" and f.kind == "added" and f.of
               and f.of.value == 5 and f.of.unit == "valsts" for f in found), found


def test_member_count_total_resolves_bare_reference(analyzer):
    text = ("Biedrība „Zaļais Krasts” dibināta pirms desmit gadiem.\n\n"
            "Pašlaik biedrība apvieno 350 biedrus.")
    found = facts(analyzer, text, "member_count")
    assert any(f.count == 350 and f.unit == "biedrs" and f.kind == "total" for f in found), found


def test_role_title_before_name_with_organisation(analyzer):
    found = facts(analyzer, "Latvijas Bankas prezidents Mārtiņš Kazāks uzsvēra stabilitātes nozīmi.", "role")
    assert any(f.person.canonical == "Mārtiņš Kazāks" and f.role == "prezidents" for f in found), found


def test_role_feminine_and_oblique_case(analyzer):
    found = facts(analyzer, "Žurnālisti tikās ar biedrības vadītāju Annu Liepu.", "role")
    assert any(f.person.canonical == "Anna Liepa" and f.role == "vadītāja" for f in found), found


def test_membership_with_date(analyzer):
    text = "2004. gadā Latvija iestājās Eiropas Savienībā."
    found = facts(analyzer, text, "membership")
    assert any(f.member.canonical == "Latvija" and "Eiropas Savienība" in f.organization.canonical
               and f.date == "2004. gadā" for f in found), found


def test_member_count_inside_group_phrase(analyzer):
    found = facts(analyzer, "Cēsīs izveidota 25 studentu grupa.", "member_count")
    assert any(f.count == 25 and f.organization.canonical == "grupa" for f in found), found


def test_extractors_take_a_lexicon_from_config(tmp_path):
    import json

    import spacy

    from lvnews.lexicon import LEXICON_PATH
    from lvnews.model_paths import model_path

    data = json.loads(LEXICON_PATH.read_text(encoding="utf8"))
    data["titles"] = data["titles"] + ["ceļvedis"]
    data["title_heads"] = data["title_heads"] + ["ceļvedis"]
    custom = tmp_path / "lexicon.json"
    custom.write_text(json.dumps(data, ensure_ascii=False), encoding="utf8")
    nlp = spacy.load(model_path(), config={"components": {"lvnews_role": {"lexicon": str(custom)}}})
    assert "ceļvedis" in nlp.get_pipe("lvnews_role").lexicon.title_heads


def test_extractors_step_aside_without_a_parse():
    """A pipeline loaded without the parser still runs (tags, entities) and finds no facts, with a warning."""
    import spacy

    from lvnews.model_paths import model_path

    nlp = spacy.load(model_path(), exclude=["parser"])
    with pytest.warns(UserWarning, match="no dependency parse"):
        doc = nlp("Tīklā uzņemtas 77 pilsētas no 44 valstīm. Pilsētā dzīvo 5000 cilvēku.")
    assert doc._.facts == [] and doc[0].pos_
