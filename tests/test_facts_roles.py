"""Role facts for the constructions of news text (sentences written for these tests)."""

from __future__ import annotations

import pytest


def roles(analyzer, text):  # noqa: ANN001, ANN201
    article = analyzer.analyze(text, force_language="lv")
    found = [f for f in article.facts if f.type == "role"]
    for f in found:
        assert text[f.start:f.end] == f.text
    return {(f.person.canonical, f.role) for f in found}


@pytest.mark.parametrize("text, person, role", [
    # a title with its own genitive before a name in the dative
    ("Žurnālisti uzdeva jautājumus Saeimas spīkerei Ingai Kalniņai.", "Inga Kalniņa", "spīkere"),
    # a capitalised title opening the sentence
    ("Premjerministre Laura Zariņa apmeklēja Valmieru.", "Laura Zariņa", "premjerministre"),
    # apposition past a gloss in parentheses, the organisation in quotes, a compound title
    ("Jānis Ozols (John Ozols), “Latvijas Piens” komercdirektors, atteicās komentēt.", "Jānis Ozols",
     "komercdirektors"),
    # the lemmatizer's wrong declension (kapteins) still names the title kapteinis
    ("Spēles beigās kapteini Andri Bērziņu nomainīja.", "Andris Bērziņš", "kapteinis"),
    # NER tags the title with the first name and the surname apart
    ("Ģenerālprokurors Juris Stukāns vērsās tiesā.", "Juris Stukāns", "ģenerālprokurors"),
    # a foreign name NER cuts short
    ("Indonēzijas katastrofu aģentūras pārstāvis Sutopo Purvo Nugroho sacīja, ka bojāgājušo skaits pieaug.",
     "Sutopo Purvo Nugroho", "pārstāvis"),
    # title, comma, name
    ("Mūzikas grupas “Zvaigznes” līdere, Anna Bērziņa, koncertā nedziedāja.", "Anna Bērziņa", "līdere"),
    # a title whose genitive form the tagger reads as a woman's nominative
    ("Saskaņā ar bankas vadītāja Pētera Kalniņa teikto, likmes celsies.", "Pēteris Kalniņš", "vadītājs"),
    # an organisation's gloss in parentheses between it and the title
    ("Vakar runāja Latvijas Tirgotāju asociācijas (LTA) vadītājs Māris Egle.", "Māris Egle", "vadītājs"),
    # the place of the post between the title and the name; a chain of two titles
    ("Uzņēmuma “Laima” rīkotājdirektors Valmierā Jānis Ozols atteicās komentēt.", "Jānis Ozols",
     "rīkotājdirektors"),
    ("Sanāksmē runāja Igaunijas pārstāvis Rīgā, bijušais ministrs Andris Liepa.", "Andris Liepa", "pārstāvis"),
    # an employee of a named organisation
    ("Biedrības “Zaļā josta” darbiniece Ilze Kalna aicināja palīdzēt.", "Ilze Kalna", "darbiniece"),
    # ``bijušais`` is left out of the role
    ("Sanāksmē runāja Igaunijas pārstāvis Rīgā, bijušais ministrs Andris Liepa.", "Andris Liepa", "ministrs"),
])
def test_role(analyzer, text, person, role):
    assert (person, role) in roles(analyzer, text)


def test_plural_title_shared_by_coordinated_names(analyzer):
    found = roles(analyzer, "Vēstuli nosūtīja ASV senatoriem Robertam Kalnam (Robert Kalns) no Teksasas, "
                            "kā arī Pēterim Liepam (Peter Liepa).")
    assert {("Roberts Kalns", "senators"), ("Pēteris Lieps", "senators")} <= found, found


def test_short_mention_takes_the_fullest_name_and_its_gender(analyzer):
    found = roles(analyzer, "Sarunā piedalījās Valsts prezidents Edgars Rinkēvičs. "
                            "Vēlāk prezidentu Rinkēviču apsveica ministri.")
    assert ("Edgars Rinkēvičs", "prezidents") in found, found
    assert not any(role == "prezidente" for _, role in found), found


def test_descriptors_are_not_roles(analyzer):
    assert roles(analyzer, "Eksperte Dace Priede skaidroja situāciju.") == set()


def test_genitive_name_after_a_title_is_not_its_person(analyzer):
    found = roles(analyzer, "Viņš ir profesors Hārvarda Medicīnas skolā.")
    assert not any(role == "profesors" for _, role in found), found


@pytest.mark.parametrize("text", [
    "Raidījuma vadītāja Ilze Kalna uzdeva jautājumu.",  # presents a broadcast
    "Vadītājs Māris Egle jautāja viesiem.",  # heads nothing named: a host
    "Darbinieks Jānis Ozols atnāca.",  # an employee of nothing named
])
def test_vaditajs_of_nothing_or_of_a_broadcast_is_no_role(analyzer, text):
    assert roles(analyzer, text) == set()


def test_gloss_in_a_name_span_is_not_the_name(analyzer):
    found = roles(analyzer, "Par to runāja universitātes profesors Jānis Liepa (John Leep).")
    assert ("Jānis Liepa", "profesors") in found, found


def test_surname_mention_takes_the_gender_of_its_full_name(analyzer):
    found = roles(analyzer, "Donalds Tramps ieradās Rīgā. Vēlāk prezidenta Trampa runu pārtrauca.")
    assert ("Donalds Tramps", "prezidents") in found, found


def test_plural_title_before_a_dash_serves_the_coordinated_names(analyzer):
    found = roles(analyzer, "Sarunās piedalījās arī divi biedrības pārstāvji – Jānis Ozols un Pēteris Kalns.")
    assert {("Jānis Ozols", "pārstāvis"), ("Pēteris Kalns", "pārstāvis")} <= found, found


def test_two_apposed_titles_past_a_place(analyzer):
    found = roles(analyzer, "Pēteris Kalns (Peter Kalns), ķīmijas profesors Oksfordas universitātē un pilsētas "
                            "slimnīcas izpilddirektors, to apstiprināja.")
    assert {("Pēteris Kalns", "profesors"), ("Pēteris Kalns", "izpilddirektors")} <= found, found


@pytest.mark.parametrize("space", [" ", "\u00a0"])
def test_apposition_past_a_gloss_a_dash_and_a_foreign_name(analyzer, space):
    found = roles(analyzer, f"Uzņēmumu vadīja Anna Egle (Anne Egle){space}— “Green Future Fund” direktore, kura atbild "
                            "par projektiem.")
    assert ("Anna Egle", "direktore") in found, found


@pytest.mark.parametrize("title, female, expected", [
    ("kapteine", False, "kapteinis"),   # ``kapteini``: the accusative of both genders
    ("valdes priekšsēdētāja", False, "valdes priekšsēdētājs"),
    ("kapteine", True, "kapteine"),
    ("kapteinis", True, "kapteine"),
    ("māsa", False, "māsa"),            # no masculine title ``māss``: left as lemmatised
])
def test_a_title_takes_its_holders_gender(title, female, expected):
    from lvnews.facts.role import gendered_role

    titles = {"kapteinis", "kapteine", "priekšsēdētājs", "priekšsēdētāja"}
    assert gendered_role(title, female, False, titles) == expected
    # A plural title keeps its lemma for a woman; for a man it is the masculine all the same.
    assert gendered_role(title, female, True, titles) == (title if female else expected)


@pytest.mark.parametrize("name, female", [
    ("Anna Egle", True), ("Jānis Bērziņš", False), ("Ri Jong Ho", None),
    ("Dr. Džeimss Vens", False),  # an abbreviated title is no given name
])
def test_name_gender(name, female):
    from lvnews.facts.role import name_gender

    assert name_gender(name) is female
