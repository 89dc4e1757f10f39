"""Quantity constructions of news text (sentences written for these tests)."""

from __future__ import annotations

import pytest

from lvnews.facts.agreement import known_declension, numeral_cases


def quantities(analyzer, text):  # noqa: ANN001, ANN201
    article = analyzer.analyze(text, force_language="lv")
    found = [f for f in article.facts if f.type == "quantity"]
    for f in found:
        assert text[f.start:f.end] == f.text
    return {(f.value, f.value_max, f.unit) for f in found}


@pytest.mark.parametrize("text, expected", [
    # measures written as abbreviations
    ("Zivs svēra 249 kg un bija 25,4 cm gara.", {(249, None, "kg"), (25.4, None, "cm")}),
    ("Vaļa garums bija 6,0 m, bet platums 1,5 m.", {(6, None, "m"), (1.5, None, "m")}),
    # a unit written with a slash
    ("Lidmašīna sasniedza 850 km/h ātrumu un 12 km augstumu.", {(850, None, "km/h"), (12, None, "km")}),
    # a decimal range with a dash is one fact
    ("Gliemeži ir 2,6–10,2 cm gari.", {(2.6, 10.2, "cm")}),
    # a genitive singular after a plural count that does not agree with what follows is counted
    ("Vējš pūta ar ātrumu 85 jūdzes stundā.", {(85, None, "jūdze")}),
    # a genitive plural before a noun that agrees with the count: the noun is counted
    ("Ūdeņos dzīvo 135 haizivju sugas.", {(135, None, "suga")}),
    # a quoted name between the count and its noun
    ("Uzņēmums slēgs divus “Rimi” veikalus.", {(2, None, "veikals")}),
    # halves
    ("Viņš gaidīja pusstundu.", {(0.5, None, "stunda")}),
    # ``viens`` counts the noun it agrees with, past a genitive it cannot agree with
    ("Zāles palīdzēja tikai viena asins slimības veida ārstēšanā.", {(1, None, "veids")}),
    ("Viņš nopirka vienu maizi un vienā dienā izlasīja vienu grāmatu.",
     {(1, None, "maize"), (1, None, "diena"), (1, None, "grāmata")}),
    ("Viens 50 kilogramu maiss maksā trīs eiro.", {(1, None, "maiss"), (50, None, "kilograms")}),
    # a unit in the declension the language has for its stem, not the lemmatizer's guess
    ("Zemestrīce bija 6,1 magnitūdu stipra.", {(6.1, None, "magnitūda")}),
    ("Viņš izvēlējās piecus skaitļus.", {(5, None, "skaitlis")}),
    ("Partija sarīkoja 12 mītiņu.", {(12, None, "mītiņš")}),
    # a substantivised definite adjective or participle is what is counted
    ("Pētījumā piedalījās vairāk nekā 4000 pieaugušo.", {(4000, None, "pieaugušais")}),
    ("Spēlē bija divi dubultie un trīs jauni spēlētāji.", {(2, None, "dubultais"), (3, None, "spēlētājs")}),
    ("Aptaujā piedalījās 4000\u00a0pieaugušo Latvijā.", {(4000, None, "pieaugušais")}),
    ("Uzņēmumam ir septiņas automātiskās DUS.", {(7, None, "DUS")}),
    # a tilde glued to the number, a no-break space before the unit
    ("Cepurei bija (~60\u00a0cm) platas malas.", {(60, None, "cm")}),
    # an abbreviated name after the number is no unit
    ("Projekts izmaksāja 11 miljardus ASV dolāru.", {(11_000_000_000, None, "dolārs")}),
    # after a genitive numeral the parse says which genitive is counted
    ("Zagļi izsita divu rotaslietu vitrīnu stiklus.", {(2, None, "vitrīna")}),
    ("Tas ir divu gadu darbs.", {(2, None, "gads")}),
    # a genitive right after the count agrees with it, the noun after it does not
    ("Komanda atspēlēja 3 vārtu deficītu pēdējās minūtēs.", {(3, None, "vārti")}),
    # a form the tagger read as another case may be the plural in the numeral's case;
    # the text's other forms of a noun choose its declension
    ("Viņš nopirka 20 mārciņu cukura un piecas mārciņas sviesta.", {(20, None, "mārciņa"), (5, None, "mārciņa")}),
    # a part counts what its whole counts
    ("Komanda uzvarēja 19 no 29 spēlēm un astoņas no desmit sacīkstēm.",
     {(19, None, "spēle"), (29, None, "spēle"), (8, None, "sacīkste"), (10, None, "sacīkste")}),
    # ``N vai M`` rising is a rough range
    ("Filmā ir viens vai divi smieklīgi brīži.", {(1, 2, "brīdis")}),
    # a declined participle between the count and its noun is an attribute
    ("Ugunsgrēku dzēsa desmit apmācīti glābēji.", {(10, None, "glābējs")}),
])
def test_quantity(analyzer, text, expected):
    assert expected <= quantities(analyzer, text)


@pytest.mark.parametrize("text", [
    "Sapulce sākās 7 rītā un beidzās 5 pēcpusdienā.",  # clock times
    "Komanda uzvarēja ar 10-6.",  # a score
    "Viens no viņiem aizbēga.",  # one of a set
    "Komandai vajadzēja vēl vienu uzvaru, bet nāca vēl viena neveiksme.",  # another
    "Uz sapulci neatnāca ne viens deputāts.",  # not a single
    "Spēlētāji izpildīja vienu sitienu pēc otra.",  # one after the other
    "Viņš to pateica vienos vārdos.",  # plural ``vieni``: the same
    "Viesojoties pirmajā Radio 4 programmā, viņš runāja.",  # a number in a name
    "Raidījums “60 Minutes” sākās.",  # a quoted title opening with a number
    "Pasākumā “Bellator 206” uzvarēja favorīts.",  # a number inside an entity
])
def test_not_quantities(analyzer, text):
    assert quantities(analyzer, text) == set()


def test_name_before_count_noun_is_not_the_unit(analyzer):
    found = quantities(analyzer, "Vakar tika publicēti 4700 Twitter ierakstu.")
    assert not any(unit.lower() == "twitter" for _, _, unit in found), found


def test_elided_noun_comes_from_the_count_before(analyzer):
    found = quantities(analyzer, "Pirmo sēriju skatījās 4,1 miljons skatītāju, bet otro jau 5,69 miljoni.")
    assert (5_690_000, None, "skatītājs") in found, found


@pytest.mark.parametrize("guess, genders, known, expected", [
    ("magnitūds", ["Masc"], {"magnitūda"}, "magnitūda"),  # the only known lemma of the stem
    ("mītinis", [], {"mītiņš"}, "mītiņš"),  # the stem's consonant alternates
    ("skaitļs", [], {"skaitlis"}, "skaitlis"),
    ("senatore", ["Masc"], {"senators", "senatore"}, "senatore"),  # a known guess stays
    ("zīmols", ["Fem"], {"zīmola", "zīmolis"}, "zīmola"),  # the numeral's gender chooses
    ("zīmols", [], {"zīmola", "zīmolis"}, "zīmols"),  # nothing to choose by: left as it was
    ("galds", [], set(), "galds"),  # no lemma table (Stanza backend)
])
def test_known_declension(guess, genders, known, expected):
    assert known_declension(guess, genders, frozenset(known)) == expected


def test_declined_numeral_counts_only_a_noun_in_its_case(analyzer):
    found = quantities(analyzer, "Vakarā notika 12 cīņas, no tām sešas galvenajā arēnā.")
    assert (12, None, "cīņa") in found, found
    assert not any(unit == "arēna" for _, _, unit in found), found


def test_noun_with_its_own_preposition_is_not_counted(analyzer):
    found = quantities(analyzer, "Viņi uzvarēja septiņus pēc kārtas.")
    assert not any(unit == "kārta" for _, _, unit in found), found


def test_tilde_is_about(analyzer):
    article = analyzer.analyze("Cepurei bija (~60 cm) platas malas.", force_language="lv")
    assert [(f.value, f.approx) for f in article.facts if f.type == "quantity"] == [(60, "about")]


def test_elided_count_stands_apart_from_the_count_it_echoes(analyzer):
    found = quantities(analyzer, "Komanda ieguva divus punktus, bet pretinieki trīs.")
    assert (3, None, "punkts") in found, found
    found = quantities(analyzer, "Bija divi dubultie priekšējos deviņos.")
    assert not any(value == 9 for value, _, _ in found), found


def test_counts_after_names_and_acronyms_stay(analyzer):
    found = quantities(analyzer, "Jānis 5 gadus strādāja Rīgā, Rīgā 5 skolas slēdza, NATO 29 dalībvalstis piekrita.")
    assert {(5, None, "gads"), (5, None, "skola"), (29, None, "dalībvalsts")} <= found, found


@pytest.mark.parametrize("word, cases", [
    ("sešas", {"Nom", "Acc"}), ("diviem", {"Dat"}), ("trijos", {"Loc"}), ("vienu", {"Acc"}),
    ("viena", {"Gen", "Nom"}), ("Septiņu", {"Gen"}), ("desmit", None), ("25", None), ("divdesmit", None),
])
def test_numeral_cases(word, cases):
    found = numeral_cases(word)
    assert (None if found is None else set(found)) == cases
