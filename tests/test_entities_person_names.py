"""Base forms of (foreign) names: person names as a whole, indeclinables, quotes, surname-only mentions."""

from __future__ import annotations

import pytest

from lvnews.entities.canonical import CanonToken, canonical_form, parse_feats
from lvnews.entities.person_names import NamePart, attested, candidate_forms, person_base_form, reading


def T(text, lemma, pos, feats="", dep="", head=-1):  # noqa: ANN001, ANN201, N802
    return CanonToken(text, lemma, pos, parse_feats(feats), dep, head)


def P(text, case=None, gender=None, lemma=""):  # noqa: ANN001, ANN201, N802
    return NamePart(text, case, gender, lemma)


@pytest.mark.parametrize("parts, expected", [
    # Both parts go to the nominative of the first name's gender.
    ([P("Alana", "Gen", "Masc"), P("Litgova", "Nom", "Fem")], ["Alans", "Litgovs"]),
    ([P("Martas", "Gen", "Fem"), P("Ozolas", "Gen", "Fem")], ["Marta", "Ozola"]),
    ([P("Ilzei", "Dat", "Fem"), P("Kalnei", "Dat", "Fem")], ["Ilze", "Kalne"]),
    # -o does not decline: only the first name does.
    ([P("Breta", "Gen", "Masc"), P("Kaveno")], ["Brets", "Kaveno"]),
    ([P("Kaveno", "Acc", "Masc", "Kavenais")], ["Kaveno"]),
    # Stems: -iņ takes -š, an alternated consonant goes back before -is, the
    # lemmatizer's -is is kept, and -s is the default.
    ([P("Pētera", "Gen", "Masc", "Pēteris"), P("Kalniņa", "Gen", "Masc")], ["Pēteris", "Kalniņš"]),
    ([P("Pētera", "Gen", "Masc", "Pētera"), P("Kalniņa", "Gen", "Masc")], ["Pēters", "Kalniņš"]),
    ([P("Kārļa", "Gen", "Masc"), P("Lāča", "Gen", "Masc")], ["Kārlis", "Lācis"]),
    ([P("Jāņa", "Gen", "Masc")], ["Jānis"]),
    # Original spellings stay as written, every part.
    ([P("Walter", "Nom", "Masc"), P("Brooksa", "Gen", "Masc")], ["Walter", "Brooksa"]),
    ([P("Edgar"), P("Milton", "Acc")], ["Edgar", "Milton"]),
    # After a first name that does not decline, neither does an -i surname.
    ([P("Pablo"), P("Martini", "Acc", "Masc")], ["Pablo", "Martini"]),
])
def test_person_base_form(parts, expected):
    assert person_base_form(parts) == expected


def test_syntax_and_a_title_decide_what_the_endings_leave_open():
    # "Alana Litgova" is a feminine nominative or a masculine genitive ...
    parts = [P("Alana", "Nom", "Fem"), P("Litgova", "Nom", "Fem")]
    assert person_base_form(parts) == ["Alana", "Litgova"]
    # ... and before the noun it modifies only the genitive is left.
    assert person_base_form(parts, syntax="Gen") == ["Alans", "Litgovs"]
    # A title in apposition agrees: "ministrei Annai" is feminine dative.
    anna = [P("Annai", "Dat", "Masc"), P("Ziedai", "Dat", "Masc")]
    assert reading(anna, context=("Fem", "Dat")) == ("Fem", "Dat")
    # A subject is nominative: an -u name the tagger also read so stays as written.
    assert person_base_form([P("Paulu", "Nom", "Masc")], syntax="Nom") == ["Paulu"]
    assert person_base_form([P("Paulu", "Acc", "Masc")]) == ["Pauls"]


def test_forms_the_article_attests_settle_an_ambiguous_mention():
    known = attested(["Robertss", "Kalniņš", "Ilze", "Ozolas", "Liepa", "NATO"])
    assert known == {"robertss", "kalniņš", "ilze", "ozola"}
    ambiguous = [P("Roberta", "Nom", "Fem"), P("Lapsa", "Nom", "Fem")]
    assert person_base_form(ambiguous) == ["Roberta", "Lapsa"]
    assert person_base_form(ambiguous, known=attested(["Roberts", "Lapss"])) == ["Roberts", "Lapss"]


def test_candidate_forms_of_a_surname():
    assert {"Bērziņš", "Bērziņam"} <= candidate_forms("Bērziņam")
    assert "Liepa" in candidate_forms("Liepai") and "Liepa" in candidate_forms("Liepu")


@pytest.mark.parametrize("tokens, person, expected", [
    # A quoted name loses its quotes, a legal form's quotes stay, a stray quote goes.
    ([T("“", "“", "PUNCT"), T("Zaļie", "zaļš", "ADJ", "Case=Nom"), T("Vilki", "vilks", "NOUN", "Case=Nom|Number=Plur"),
      T("”", "”", "PUNCT")], False, "Zaļie Vilki"),
    ([T("SIA", "SIA", "NOUN", "Abbr=Yes"), CanonToken("„", "„", "PUNCT", space=""),
      CanonToken("Rūķis", "rūķis", "NOUN", {"Case": "Nom"}, space=""), T("”", "”", "PUNCT")], False, "SIA „Rūķis”"),
    ([T("Radio", "Radio", "PROPN"), CanonToken("Ziņas", "ziņa", "NOUN", {"Case": "Nom"}, space=""),
      T("”", "”", "PUNCT")], False, "Radio Ziņas"),
    # An English name without a Latvian ending stays as written.
    ([T("Instagram", "Instagrams", "PROPN", "Case=Loc|Gender=Masc|Number=Sing")], False, "Instagram"),
    ([T("Nacionālā", "nacionāls", "ADJ", "Case=Gen|Gender=Masc|Number=Sing|Definite=Def", "amod", 2),
      T("Orkānu", "orkāns", "NOUN", "Case=Gen|Gender=Masc|Number=Plur", "nmod", 2),
      T("centra", "centrs", "NOUN", "Case=Gen|Gender=Masc|Number=Sing")], False, "Nacionālais Orkānu centrs"),
    # A known head noun fixes the lemmatizer's lemma and the adjective's gender.
    ([T("Baltajā", "balts", "ADJ", "Case=Loc|Gender=Fem|Number=Sing|Definite=Def", "amod", 1),
      T("okeānā", "okeāna", "NOUN", "Case=Loc|Gender=Fem|Number=Sing")], False, "Baltais okeāns"),
    ([T("Senātā", "Senāta", "PROPN", "Case=Loc|Gender=Fem|Number=Sing")], False, "Senāts"),
    # A name in its original spelling ends as written, whatever the tags.
    ([T("Boston", "Boston", "X"), T("Evening", "Evening", "X"),
      T("Tales", "tale", "NOUN", "Case=Acc|Gender=Fem|Number=Plur")], False, "Boston Evening Tales"),
    ([T("Parex", "Parex", "X"), T("bankā", "banka", "NOUN", "Case=Loc|Gender=Fem|Number=Sing")], False, "Parex banka"),
    ([T("Tomasu", "Tomasa", "PROPN", "Case=Acc|Gender=Masc|Number=Sing"),
      T("Lūsu", "Lūss", "PROPN", "Case=Acc|Gender=Masc|Number=Sing", "flat", 0)], True, "Tomass Lūss"),
])
def test_canonical_form_of_names(tokens, person, expected):
    assert canonical_form(tokens, person=person) == expected


def test_pipeline_declines_a_foreign_name_and_keeps_an_indeclinable_one(analyzer):
    found = {e.text: e.canonical for e in analyzer.analyze("Žurnālisti runāja ar Alanu Litgovu.").entities}
    assert found.get("Alanu Litgovu") == "Alans Litgovs", found
    found = {e.text: e.canonical for e in analyzer.analyze("Viņa publicēja foto Instagram.").entities}
    assert found.get("Instagram") == "Instagram", found


def test_surname_only_mentions_are_the_person_in_their_own_base_form(analyzer, nlp):
    # The shipped model follows the news annotation: a later surname is the person,
    # in its own nominative (and with the full name's knowledge-base link, if any).
    text = "Vakar Jānis Bērziņš runāja ar žurnālistiem.\n\nŽurnālisti vēlāk jautāja Bērziņam par budžetu."
    doc = nlp(text)
    people = [(e.text, e._.canonical) for e in doc.ents if e.label_ == "PERSON"]
    assert people == [("Jānis Bērziņš", "Jānis Bērziņš"), ("Bērziņam", "Bērziņš")], people
    article = analyzer.analyze(text)
    assert [e.canonical for e in article.entities if e.label == "PERSON"] == ["Jānis Bērziņš", "Bērziņš"]


def test_surname_canonical_can_be_the_full_name():
    import lvnews

    own = lvnews.load(config={"components": {"lvnews_entity_normalizer": {"surname_canonical": "full_name"}}})
    article = own.analyze("Vakar Jānis Bērziņš runāja ar žurnālistiem.\n\nŽurnālisti vēlāk jautāja Bērziņam par budžetu.")
    assert [e.canonical for e in article.entities if e.label == "PERSON"] == ["Jānis Bērziņš", "Jānis Bērziņš"]


def test_a_surname_alone_is_the_person_whatever_the_model_tagged(nlp):
    from spacy.tokens import Span

    normalizer = nlp.get_pipe("lvnews_entity_normalizer")
    doc = nlp.make_doc("Vakar Jānis Bērziņš runāja ar žurnālistiem.\n\nVēlāk Bērziņu redzēja Rīgā.")
    for tok, (lemma, pos) in zip(doc, [("vakar", "ADV"), ("Jānis", "PROPN"), ("Bērziņš", "PROPN"), ("runāt", "VERB"),
                                       ("ar", "ADP"), ("žurnālists", "NOUN"), (".", "PUNCT"), ("\n\n", "SPACE"),
                                       ("vēlāk", "ADV"), ("Bērziņš", "PROPN"), ("redzēt", "VERB"), ("Rīga", "PROPN"),
                                       (".", "PUNCT")]):
        tok.lemma_, tok.pos_ = lemma, pos
    doc[1].set_morph("Case=Nom|Gender=Masc|Number=Sing")
    doc[9].set_morph("Case=Acc|Gender=Masc|Number=Sing")
    doc.ents = [Span(doc, 1, 3, label="PERSON"), Span(doc, 9, 10, label="GPE")]
    doc = normalizer(doc)
    assert [(e.text, e.label_, e._.canonical) for e in doc.ents][:2] == [
        ("Jānis Bērziņš", "PERSON", "Jānis Bērziņš"), ("Bērziņu", "PERSON", "Bērziņš")]
    doc.ents = [Span(doc, 1, 3, label="PERSON")]  # untagged: found all the same
    assert [e.text for e in normalizer(doc).ents if e.label_ == "PERSON"] == ["Jānis Bērziņš", "Bērziņu"]
    doc[9].pos_ = "ADJ"  # even taken for another part of speech, inside a sentence
    doc.ents = [Span(doc, 1, 3, label="PERSON")]
    assert [e.text for e in normalizer(doc).ents if e.label_ == "PERSON"] == ["Jānis Bērziņš", "Bērziņu"]


def test_the_original_first_name_gives_the_gender_and_so_the_case():
    # "Dena Korola (Dan Carroll)": Dan is a man, so -a is his genitive, not a woman's nominative.
    parts = [P("Dena", "Nom", "Fem", "Dena"), P("Korola", "Nom", "Fem", "Korola")]
    assert person_base_form(parts) == ["Dena", "Korola"]
    assert person_base_form(parts, hint="Masc") == ["Dens", "Korols"]
    assert person_base_form(parts, syntax="Nom", hint="Masc") == ["Dens", "Korols"]
    # ... and an -u first name of a man is his accusative, not an undeclined nominative.
    timmy = [P("Timiju", "Acc", "Fem"), P("Brauku", "Acc", "Fem")]
    assert person_base_form(timmy, hint="Masc") == ["Timijs", "Brauks"]
    # "Helēnu Votsoni (Helen Watson)": a woman, the -i surname is the 5th declension's.
    helen = [P("Helēnu", "Acc", "Masc"), P("Votsoni", "Acc", "Masc")]
    assert person_base_form(helen, hint="Fem") == ["Helēna", "Votsone"]


def test_only_a_genitive_restores_an_alternated_consonant():
    # "Lāča" -> Lācis, but a dative in -am is the first declension's: "Bečam" -> Bečs, not Becis.
    assert person_base_form([P("Kārlim", "Dat", "Masc"), P("Bečam", "Dat", "Masc")]) == ["Kārlis", "Bečs"]
    assert person_base_form([P("Bečam", "Dat", "Masc")]) == ["Bečs"]


def test_an_undeclined_subject_stays_as_written_in_every_mention():
    undeclined = frozenset({"pinheiru"})
    assert person_base_form([P("Pinheiru", "Acc", "Masc")]) == ["Pinheirs"]
    assert person_base_form([P("Pinheiru", "Acc", "Masc")], indeclinable=undeclined) == ["Pinheiru"]
    # A first name with the same ending is of the same kind; another first name still declines.
    assert person_base_form([P("Žuau", "Acc"), P("Pinheiru", "Acc", "Masc")], indeclinable=undeclined) == [
        "Žuau", "Pinheiru"]
    assert person_base_form([P("Marselu", "Acc", "Masc"), P("Pinheiru", "Acc", "Masc")],
                            indeclinable=undeclined) == ["Marselu", "Pinheiru"]


@pytest.mark.parametrize("text, mention, canonical", [
    ("Treneris sacīja, ka Dena Korola (Dan Carroll) komanda uzvarēja.", "Dena Korola", "Dens Korols"),
    ("Treneris sacīja, ka Dena Korola (Dan Carroll) komanda uzvarēja.", "Dan Carroll", "Dan Carroll"),
    ("Vakar žurnālisti satika Helēnu Votsoni (Helen Watson).", "Helēnu Votsoni", "Helēna Votsone"),
])
def test_pipeline_reads_the_gender_of_the_original_name_in_brackets(analyzer, text, mention, canonical):
    found = {e.text: e.canonical for e in analyzer.analyze(text).entities if e.label == "PERSON"}
    assert found.get(mention) == canonical


def test_a_double_surname_declines_in_its_first_part():
    assert person_base_form([P("Džonam", "Dat", "Masc"), P("Smitam-Lī", "Dat", "Masc")]) == ["Džons", "Smits-Lī"]
    assert person_base_form([P("Smita-Lī", "Gen", "Masc")], syntax="Gen") == ["Smits-Lī"]
    assert person_base_form([P("Anna", "Nom", "Fem"), P("Kalna-Ozola", "Nom", "Fem")]) == ["Anna", "Kalna-Ozola"]


def test_declension_classes_the_article_and_the_stem_give_away():
    # -sk- surnames of the Slavic kind take -skis.
    assert person_base_form([P("Andreja", "Gen", "Masc"), P("Kozlovska", "Gen", "Masc")], syntax="Gen") == [
        "Andrejs", "Kozlovskis"]
    # An -ss stem: the article's dative in -sam shows it, and an odd oblique follows.
    known = attested(["Vilsam"])
    assert "vilss" in known
    assert person_base_form([P("Vilu", "Acc", "Masc")], known=known) == ["Vilss"]
    assert person_base_form([P("Vilu", "Acc", "Masc")]) == ["Vils"]


def test_a_nominative_the_article_attests_outweighs_the_taggers_gender():
    # "Rēnu" read as feminine by the tagger and lemmatizer; the article also writes "Rēns".
    part = [P("Rēnu", "Acc", "Fem", "Rēna")]
    assert person_base_form(part) == ["Rēna"]
    assert person_base_form(part, known=attested(["Rēns"])) == ["Rēns"]
