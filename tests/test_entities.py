"""Base forms of entity mentions: unit cases on hand-built tokens, then the real pipeline."""

from __future__ import annotations

import pytest

from lvnews.entities.canonical import CanonToken, canonical_form, nominative_adjective, parse_feats


def T(text, lemma, pos, feats="", dep="", head=-1):  # noqa: ANN001, ANN201, N802
    return CanonToken(text, lemma, pos, parse_feats(feats), dep, head)


@pytest.mark.parametrize("tokens, expected", [
    ([T("Ventspilī", "Ventspils", "PROPN", "Case=Loc|Gender=Fem|Number=Sing")], "Ventspils"),
    ([T("Odrijas", "Odrija", "PROPN", "Case=Gen|Gender=Fem|Number=Sing"),
      T("Azulē", "Azule", "PROPN", "Case=Gen|Gender=Fem|Number=Sing", "flat", 0)], "Odrija Azulē"),
    ([T("Jāņa", "Jānis", "PROPN", "Case=Gen|Gender=Masc|Number=Sing"),
      T("Bērziņa", "Bērziņš", "PROPN", "Case=Gen|Gender=Masc|Number=Sing", "flat", 0)], "Jānis Bērziņš"),
    ([T("UNESCO", "UNESCO", "PROPN", "Abbr=Yes", "nmod", 3),
      T("Izglītības", "izglītība", "NOUN", "Case=Gen|Gender=Fem|Number=Sing", "nmod", 2),
      T("pilsētu", "pilsēta", "NOUN", "Case=Gen|Gender=Fem|Number=Plur", "nmod", 3),
      T("tīklā", "tīkls", "NOUN", "Case=Loc|Gender=Masc|Number=Sing")], "UNESCO Izglītības pilsētu tīkls"),
    ([T("Latvijas", "Latvija", "PROPN", "Case=Gen|Gender=Fem|Number=Sing", "nmod", 2),
      T("Nacionālajā", "nacionāls", "ADJ", "Case=Loc|Gender=Fem|Number=Sing|Definite=Def", "amod", 2),
      T("operā", "opera", "NOUN", "Case=Loc|Gender=Fem|Number=Sing")], "Latvijas Nacionālā opera"),
    ([T("Amerikas", "Amerika", "PROPN", "Case=Gen|Gender=Fem|Number=Sing", "nmod", 2),
      T("Savienotajās", "savienot", "VERB", "Case=Loc|Gender=Fem|Number=Plur|Definite=Def", "amod", 2),
      T("Valstīs", "valsts", "PROPN", "Case=Loc|Gender=Fem|Number=Plur")], "Amerikas Savienotās Valstis"),
    ([T("Rīgas", "Rīga", "PROPN", "Case=Gen|Gender=Fem|Number=Sing", "nmod", 1),
      T("Tehniskajai", "tehnisks", "ADJ", "Case=Dat|Gender=Fem|Number=Sing|Definite=Def", "amod", 2),
      T("universitātei", "universitāte", "NOUN", "Case=Dat|Gender=Fem|Number=Sing")],
     "Rīgas Tehniskā universitāte"),
    ([T("UNESCO", "UNESCO", "PROPN", "Abbr=Yes")], "UNESCO"),
    ([T("Pēterim", "Pēteris", "PROPN", "Case=Dat|Gender=Masc|Number=Sing")], "Pēteris"),
])
def test_canonical_form(tokens, expected):
    assert canonical_form(tokens) == expected


@pytest.mark.parametrize("form, feats, expected", [
    ("lielajā", "Case=Loc|Gender=Fem|Number=Sing|Definite=Def", "lielā"),
    ("lielajam", "Case=Dat|Gender=Masc|Number=Sing|Definite=Def", "lielais"),
    ("lielās", "Case=Gen|Gender=Fem|Number=Sing|Definite=Def", "lielā"),
    ("lielo", "Case=Acc|Gender=Masc|Number=Sing|Definite=Def", "lielais"),
    ("lielajiem", "Case=Dat|Gender=Masc|Number=Plur|Definite=Def", "lielie"),
    ("lielai", "Case=Dat|Gender=Fem|Number=Sing|Definite=Ind", "liela"),
    ("lielam", "Case=Dat|Gender=Masc|Number=Sing|Definite=Ind", "liels"),
    ("lielos", "Case=Loc|Gender=Masc|Number=Plur|Definite=Ind", "lieli"),
    ("lielais", "Case=Nom|Gender=Masc|Number=Sing|Definite=Def", "lielais"),
])
def test_adjective_to_nominative(form, feats, expected):
    assert nominative_adjective(T(form, "liels", "ADJ", feats)) == expected


@pytest.mark.parametrize("text, mention, canonical", [
    ("Vakar Jānis Bērziņš runāja ar žurnālistiem.", "Jānis Bērziņš", "Jānis Bērziņš"),
    ("Žurnālisti runāja ar Jāni Bērziņu.", "Jāni Bērziņu", "Jānis Bērziņš"),
    ("Tas bija Jāņa Bērziņa lēmums.", "Jāņa Bērziņa", "Jānis Bērziņš"),
    ("Ministrs šodien viesojās Ventspilī.", "Ventspilī", "Ventspils"),
    ("Koncerts notiks Rīgā.", "Rīgā", "Rīga"),
])
def test_pipeline_canonical_is_case_independent(analyzer, text, mention, canonical):
    article = analyzer.analyze(text)
    found = {e.text: e.canonical for e in article.entities}
    assert found.get(mention) == canonical, found


def test_kb_links_known_and_not_unknown(analyzer):
    article = analyzer.analyze("Latvija un Lietuva parakstīja līgumu. Pēteris Ābelkoks-Zvirbulītis to komentēja.")
    by = {e.canonical: e for e in article.entities}
    assert by["Latvija"].kb is not None and "wikipedia.org" in by["Latvija"].kb.url
    unknown = [e for e in article.entities if e.label == "PERSON"]
    assert unknown and all(e.kb is None for e in unknown)


def test_money_component_is_shipped_disabled_and_works_when_enabled(analyzer):
    import lvnews

    assert "lvnews_money" in analyzer.nlp.disabled
    own = lvnews.load()
    own.nlp.enable_pipe("lvnews_money")
    ents = own.analyze("Projekts izmaksās aptuveni 2,5 miljonus eiro.").entities
    assert [(e.text, e.label) for e in ents if e.label == "MONEY"] == [("aptuveni 2,5 miljonus eiro", "MONEY")]


def test_quoted_names_after_legal_forms_are_organisations(analyzer):
    article = analyzer.analyze("Līgumu noslēdza ar SIA „Kurzemes Ceļi”, ziņoja biedrības „Zaļais Krasts” pārstāvis.")
    orgs = {e.text: e.canonical for e in article.entities if e.label == "ORG"}
    assert orgs.get("SIA „Kurzemes Ceļi”") == "SIA „Kurzemes Ceļi”"  # quoted names do not decline
    assert "„Zaļais Krasts”" in orgs


def test_org_names_end_at_their_institution_noun_but_not_after_a_quote(nlp):
    from spacy.tokens import Span

    from lvnews.entities.names import extended_name

    heads = nlp.get_pipe("lvnews_org_names").heads
    doc = nlp("Pilsēta iestājās UNESCO Izglītības pilsētu tīklā, ziņoja „Zaļā Daugava” valdes priekšsēdētāja.")
    network = Span(doc, 2, 5, label="ORG")  # the model's span without "tīklā"
    assert extended_name(doc, network, heads).text == "UNESCO Izglītības pilsētu tīklā"
    quoted = Span(doc, 8, 12, label="ORG")
    assert quoted.text == "„Zaļā Daugava”" and extended_name(doc, quoted, heads) is None


def test_person_name_parts_share_the_case_of_the_first_name():
    annu = T("Annu", "Anna", "PROPN", "Case=Nom|Gender=Masc|Number=Sing")  # mistagged nominative
    liepu = T("Liepu", "Liepa", "PROPN", "Case=Acc|Gender=Fem|Number=Sing", "flat", 0)
    assert canonical_form([annu, liepu], person=True) == "Anna Liepa"
    karlis = T("Kārlis", "Kārlis", "PROPN", "Case=Nom|Gender=Masc|Number=Sing")
    rimsa = T("Rimša", "Rimšs", "PROPN", "Case=Gen|Gender=Masc|Number=Sing", "flat", 0)  # mistagged genitive
    assert canonical_form([karlis, rimsa], person=True) == "Kārlis Rimša"


@pytest.mark.parametrize("tokens, expected", [
    # The adjective right before its noun takes the noun's case, whatever it was tagged.
    ([T("Mierīgo", "mierīgs", "ADJ", "Case=Gen|Gender=Masc|Number=Plur|Definite=Def", "amod", 1),
      T("jūru", "jūra", "NOUN", "Case=Acc|Gender=Fem|Number=Sing")], "Mierīgā jūra"),
    # A plurale tantum head takes a plural adjective.
    ([T("Tālajos", "tāls", "ADJ", "Case=Loc|Gender=Masc|Number=Plur|Definite=Def", "amod", 1),
      T("Ziemeļos", "Ziemeļi", "PROPN", "Case=Loc|Gender=Masc|Number=Ptan")], "Tālie Ziemeļi"),
    # Only the first word of an institution's name is capitalised.
    ([T("Revīzijas", "revīzija", "NOUN", "Case=Gen|Gender=Fem|Number=Sing", "nmod", 1),
      T("Komisijai", "komisija", "NOUN", "Case=Dat|Gender=Fem|Number=Sing")], "Revīzijas komisija"),
    ([T("Eiropas", "Eiropa", "PROPN", "Case=Gen|Gender=Fem|Number=Sing", "nmod", 1),
      T("Komisijai", "komisija", "NOUN", "Case=Dat|Gender=Fem|Number=Sing")], "Eiropas Komisija"),
])
def test_agreement_and_capitals_of_institution_and_place_names(tokens, expected):
    assert canonical_form(tokens) == expected
