"""Agreement between a Latvian number and the noun it counts.

Latvian marks which noun a number counts by agreement: ``viens`` and the
cardinals 2-9 decline with their noun (gender, case, number), a count ending
in 1 takes the singular, and a definite adjective can stand for the noun. The
parser's ``nummod`` is often wrong in long noun phrases (``viena asins slimības
veida``), so the quantity extractor checks candidates against these forms.
The helpers are small and pure: string tables, or spaCy tokens' morphology.
"""

from __future__ import annotations

from spacy.tokens import Token

# What each form of ``viens`` can agree with, as UD (Gender, Case, Number):
# ``viena`` is a masculine genitive or a feminine nominative, so in ``viena
# X-as veida`` the feminine genitive ``X-as`` is no noun it counts.
ONE_FORMS: dict[str, frozenset[tuple[str, str, str]]] = {
    form: frozenset(tuple(option.split()) for option in options.split(";"))
    for form, options in {
        "viens": "Masc Nom Sing", "viena": "Masc Gen Sing;Fem Nom Sing", "vienam": "Masc Dat Sing",
        "vienu": "Masc Acc Sing;Fem Acc Sing", "vienā": "Masc Loc Sing;Fem Loc Sing",
        "vienas": "Fem Gen Sing;Fem Nom Plur;Fem Acc Plur", "vienai": "Fem Dat Sing",
        "vieni": "Masc Nom Plur", "vieniem": "Masc Dat Plur", "vienus": "Masc Acc Plur", "vienos": "Masc Loc Plur",
        "vienām": "Fem Dat Plur", "vienās": "Fem Loc Plur",
    }.items()
}
"""Lower-case form of ``viens`` -> the (Gender, Case, Number) it may agree with."""


# UD cases of the declined forms of 2 and 4-9 by ending (the stems of
# ``divi``, ``četri`` ... ``deviņi``), and of ``trīs``.
_UNIT_STEMS = ("div", "četr", "piec", "seš", "septiņ", "astoņ", "deviņ")
_ENDING_CASES = {"i": "Nom", "u": "Gen", "iem": "Dat", "us": "Acc", "os": "Loc", "as": "Nom Acc", "ām": "Dat",
                 "ās": "Loc"}
_TRIS_CASES = {"trīs": "Nom Acc Gen", "triju": "Gen", "trijiem": "Dat", "trijām": "Dat", "trim": "Dat",
               "trijos": "Loc", "trijās": "Loc"}


def numeral_cases(word: str) -> frozenset[str] | None:
    """The cases a declined cardinal 1-9 can be in (``sešas``: Nom, Acc), which
    its noun shares; None for a word that does not decline (``desmit``, digits)."""
    w = word.lower()
    if w in ONE_FORMS:
        return frozenset(option[1] for option in ONE_FORMS[w])
    if w in _TRIS_CASES:
        return frozenset(_TRIS_CASES[w].split())
    for stem in _UNIT_STEMS:
        if w.startswith(stem) and w[len(stem):] in _ENDING_CASES:
            return frozenset(_ENDING_CASES[w[len(stem):]].split())
    return None


def fits_one(word: Token, noun: Token) -> bool:
    """Can the form of ``viens`` agree with ``noun`` in gender, case and number?

    A feature the tagger left out fits anything.
    """
    options = ONE_FORMS.get(word.lower_)
    if options is None:
        return True
    features = [noun.morph.get(name) for name in ("Gender", "Case", "Number")]
    return any(all(not f or f == [o] for f, o in zip(features, option)) for option in options)


CASES = {"Nom", "Gen", "Dat", "Acc", "Loc"}


# Plural noun endings of each case, all declensions: a form with one of them
# may be that plural whatever case the tagger chose (``mārciņas`` is also a genitive singular).
PLURAL_CASE_ENDINGS = {"Nom": ("i", "as", "es", "is"), "Acc": ("us", "as", "es", "is"), "Gen": ("u",),
                       "Dat": ("iem", "ām", "ēm", "īm"), "Loc": ("os", "ās", "ēs", "īs")}


def case_agrees(numeral: Token, noun: Token) -> bool:
    """A declined cardinal 1-9 shares its noun's case: ``sešas galvenajā kartē``
    (nominative, locative) does not count ``karte``, the six are of something
    left out. Indeclinable numbers and digits agree with anything; after 2-9 a
    noun whose form can be the plural in the numeral's case agrees too."""
    cases = numeral_cases(numeral.text)
    case = noun.morph.get("Case")
    if cases is None or len(case) != 1 or case[0] not in CASES or case[0] in cases:
        return True
    return numeral.lower_ not in ONE_FORMS and noun.lower_.endswith(
        tuple(e for c in cases for e in PLURAL_CASE_ENDINGS[c]))


def takes_singular(value: float) -> bool:
    """Latvian counts ending in 1 (but not 11) agree in the singular: ``941 lats``."""
    return float(value).is_integer() and int(value) % 10 == 1 and int(value) % 100 != 11


def agrees_with_count(tok: Token, value: float) -> bool:
    """A noun in the number a count takes: plural, or singular after ``..1`` (``21 pilsēta``)."""
    number = tok.morph.get("Number")
    return number == (["Sing"] if takes_singular(value) else ["Plur"])


# Definite adjective and participle endings, longest first (``pieaugušo``, ``dubultie``).
DEFINITE_ENDINGS = ("ajiem", "ajam", "ajai", "ajām", "ajās", "ajos", "ajā", "ais", "ie", "os", "ās", "ā", "o")


def is_substantivised(tok: Token) -> bool:
    """A definite adjective or participle standing for a noun: ``4000 pieaugušo``,
    ``divi dubultie priekšējos deviņos``, ``4000 pieaugušo Lielbritānijā`` (no
    noun or adjective follows that it would modify)."""
    if tok.pos_ not in ("ADJ", "VERB") or tok.morph.get("Definite") != ["Def"] or not tok.morph.get("Case"):
        return False
    if tok.pos_ == "VERB" and tok.morph.get("VerbForm") != ["Part"]:
        return False
    after = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if after is None or after.pos_ not in ("NOUN", "PROPN", "ADJ"):
        return True
    # An adjective agrees in case with its noun; the parse is trusted over
    # the tagger's case for a common noun it hangs on.
    # An acronym does not decline (``septiņas automātiskās DUS``).
    case = after.morph.get("Case")
    modifies = case in ([], tok.morph.get("Case")) or after.is_upper or (after.pos_ == "NOUN" and tok.head == after)
    return not modifies


def definite_lemma(tok: Token) -> str:
    """The nominative singular of a substantivised word: ``pieaugušo`` -> ``pieaugušais``."""
    low = tok.lower_
    ending = next((e for e in DEFINITE_ENDINGS if low.endswith(e) and len(low) > len(e) + 2), "")
    return low[: len(low) - len(ending)] + ("ā" if tok.morph.get("Gender") == ["Fem"] else "ais")


# Nominative singular endings of Latvian nouns, longest first, and the
# consonant alternations of their stems (``skaitlis`` ~ ``skaitļu``, ``mītiņš`` ~ ``mītinis``).
NOMINATIVE_ENDINGS = ("is", "us", "s", "š", "a", "e")
STEM_ALTERNATIONS = {"ļ": "l", "l": "ļ", "ņ": "n", "n": "ņ", "š": "s", "s": "š", "ž": "z", "z": "ž", "č": "c", "c": "č"}


def known_declension(unit: str, genders: list[str], known: frozenset[str]) -> str:
    """The unit's lemma in the declension the language has for its stem.

    The lemmatizer guesses the declension of a rare noun from a form several
    declensions share (``magnitūdu`` is a genitive plural of ``magnitūda`` and
    of a ``magnitūds`` that does not exist, ``mītiņiem`` of ``mītiņš`` and
    ``mītinis``). A guess the training lemmas never saw yields to the one
    lemma of the same stem (its consonant alternated or not) that they did;
    ``genders`` (the numeral's, then the noun's) choose among several.
    """
    if not known or unit in known:
        return unit
    ending = next((e for e in NOMINATIVE_ENDINGS if unit.endswith(e) and len(unit) > len(e) + 2), None)
    if ending is None:
        return unit
    stem = unit[: -len(ending)]
    stems = {stem, stem[:-1] + STEM_ALTERNATIONS[stem[-1]]} if stem[-1] in STEM_ALTERNATIONS else {stem}
    found = sorted({s + e for s in stems for e in NOMINATIVE_ENDINGS} & known)
    for gender in genders:
        if len(found) > 1:
            same = [f for f in found if f.endswith(("a", "e")) == (gender == "Fem")]
            found = same or found
    return found[0] if len(found) == 1 else unit
