"""The Latvian number-word lexicon: every cardinal word form we read, with its kind and value.

Latvian declines cardinals 1-9 by gender and case (``divi, divu, diviem,
divus, divos; divas, divām, divās``), while tens and teens do not decline
(``divdesmit``, ``vienpadsmit``).  ``simts``, ``tūkstotis``, ``miljons`` and
``miljards`` are nouns with a full singular and plural paradigm.  The
lexicon is therefore generated from stems and ending sets rather than
listed, and it is small enough to live in the module.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

# Entry kinds.
ZERO = "zero"  # nulle
UNIT = "unit"  # 1-9, declined
TEEN = "teen"  # desmit, vienpadsmit ... deviņpadsmit
TENS = "tens"  # divdesmit ... deviņdesmit
HUNDREDS = "hundreds"  # simt, divsimt ... deviņsimt (indeclinable)
HUNDRED = "hundred"  # simts, simti ... (declined noun)
MULT = "mult"  # tūkstotis, miljons, miljards, biljons, abbreviations, tūkstoš
THOUSANDS = "thousands"  # divtūkstoš ... deviņtūkstoš: a complete thousands group
PUSOTRS = "pusotrs"  # 1.5
HALF = "half"  # pussimts, pustūkstotis, pusmiljons, pusmiljards (standalone)
COUNTED = "counted"  # ducis (x12) and fraction nouns (trešdaļa: /3)
MINUS = "minus"
KOMATS = "komats"

SG, PL, ANY = "sg", "pl", "any"


@dataclass(frozen=True)
class Entry:
    kind: str
    value: Fraction
    number: str = ANY  # grammatical number: SG, PL or ANY (form shared, indeclinable)
    needs_count: bool = False  # abbreviations: ``milj.`` alone is not a number
    only_before_mult: bool = False  # ``puse`` counts only in ``puse miljona``


# Compound prefixes (``div``desmit, ``trīs``simt, ``septiņ``padsmit); 1 is ``vien``.
PREFIX = {1: "vien", 2: "div", 3: "trīs", 4: "četr", 5: "piec", 6: "seš", 7: "septiņ", 8: "astoņ", 9: "deviņ"}

_VIENS_SG = ("viens", "viena", "vienam", "vienu", "vienā", "vienas", "vienai")
_VIENS_PL = ("vieni", "vieniem", "vienus", "vienos", "vienām", "vienās")
_TRIS = ("trīs", "triju", "trijiem", "trijām", "trim", "trijos", "trijās")
# Plural endings of 2 and 4-9: masculine nom, gen, dat, acc, loc; feminine nom/acc, dat, loc.
_UNIT_ENDINGS = ("i", "u", "iem", "us", "os", "as", "ām", "ās")

# Declined multiplier nouns: singular forms, forms shared by singular and
# plural (acc sg = gen pl), plural forms.
_NOUN_PARADIGMS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "simts": (("simts", "simta", "simtam", "simtā"), ("simtu",), ("simti", "simtiem", "simtus", "simtos")),
    "tūkstotis": (
        ("tūkstotis", "tūkstoša", "tūkstotim", "tūkstoti", "tūkstotī"),
        (),
        ("tūkstoši", "tūkstošu", "tūkstošiem", "tūkstošus", "tūkstošos"),
    ),
}
for _stem in ("miljon", "miljard", "biljon"):
    _NOUN_PARADIGMS[_stem + "s"] = (
        (_stem + "s", _stem + "a", _stem + "am", _stem + "ā"),
        (_stem + "u",),
        (_stem + "i", _stem + "iem", _stem + "us", _stem + "os"),
    )
_NOUN_VALUES = {"simts": 100, "tūkstotis": 1000, "miljons": 10**6, "miljards": 10**9, "biljons": 10**12}

_ABBREVIATIONS = {
    "tūkst.": 1000,
    "tūkst": 1000,
    "milj.": 10**6,
    "milj": 10**6,
    "mlj.": 10**6,
    "mlj": 10**6,
    "mljrd.": 10**9,
    "mljrd": 10**9,
    "mlrd.": 10**9,
    "mlrd": 10**9,
}

_PUSOTRS = ("pusotrs", "pusotra", "pusotram", "pusotru", "pusotrā", "pusotras", "pusotrai")
_HALVES = {
    ("pussimts", "pussimta", "pussimtam", "pussimtu", "pussimtā"): 50,
    ("pustūkstotis", "pustūkstoša", "pustūkstotim", "pustūkstoti", "pustūkstotī"): 500,
    ("pusmiljons", "pusmiljona", "pusmiljonam", "pusmiljonu", "pusmiljonā"): 500_000,
    ("pusmiljards", "pusmiljarda", "pusmiljardam", "pusmiljardu", "pusmiljardā"): 500_000_000,
}
_NULLE = ("nulle", "nulles", "nullei", "nulli", "nullē")
_DUCIS = (("ducis", "duča", "ducim", "duci", "ducī"), (), ("duči", "duču", "dučiem", "dučus", "dučos"))
# Fraction nouns: ordinal stem + ``daļa`` (trešdaļa = a third).
_FRACTION_STEMS = {
    "treš": 3, "ceturt": 4, "piekt": 5, "sest": 6, "septīt": 7, "astot": 8, "devīt": 9,
    "desmit": 10, "simt": 100, "tūkstoš": 1000,
}  # fmt: skip
_DALA = (("daļa", "daļai", "daļā"), ("daļas", "daļu"), ("daļām", "daļās"))
# ``puse`` (half) is a number only before a multiplier: ``puse miljona``.
_PUSE = ("puse", "puses", "pusei", "pusi", "pusē")


def _add_paradigm(lex: dict[str, Entry], kind: str, value: Fraction, paradigm) -> None:
    sg, shared, pl = paradigm
    for forms, number in ((sg, SG), (shared, ANY), (pl, PL)):
        for form in forms:
            lex[form] = Entry(kind, value, number)


def _build_lexicon() -> dict[str, Entry]:
    """Every cardinal word form we read, lower case, with its kind and value."""
    lex: dict[str, Entry] = {}
    for form in _NULLE:
        lex[form] = Entry(ZERO, Fraction(0), SG)
    for form in _VIENS_SG:
        lex[form] = Entry(UNIT, Fraction(1), SG)
    for form in _VIENS_PL:
        lex[form] = Entry(UNIT, Fraction(1), PL)
    for form in _TRIS:
        lex[form] = Entry(UNIT, Fraction(3), PL)
    for n, stem in PREFIX.items():
        if n not in (1, 3):
            for ending in _UNIT_ENDINGS:
                lex[stem + ending] = Entry(UNIT, Fraction(n), PL)
        lex[stem + "padsmit"] = Entry(TEEN, Fraction(10 + n))
        if n >= 2:
            lex[stem + "desmit"] = Entry(TENS, Fraction(10 * n))
            lex[stem + "simt"] = Entry(HUNDREDS, Fraction(100 * n))
            lex[stem + "tūkstoš"] = Entry(THOUSANDS, Fraction(1000 * n))
    lex["desmit"] = Entry(TEEN, Fraction(10))
    lex["simt"] = Entry(HUNDREDS, Fraction(100))
    lex["tūkstoš"] = Entry(MULT, Fraction(1000))
    for lemma, paradigm in _NOUN_PARADIGMS.items():
        kind = HUNDRED if lemma == "simts" else MULT
        _add_paradigm(lex, kind, Fraction(_NOUN_VALUES[lemma]), paradigm)
    for form, value in _ABBREVIATIONS.items():
        lex[form] = Entry(MULT, Fraction(value), ANY, needs_count=True)
    for form in _PUSOTRS:
        lex[form] = Entry(PUSOTRS, Fraction(3, 2))
    for forms, value in _HALVES.items():
        for form in forms:
            lex[form] = Entry(HALF, Fraction(value), SG)
    _add_paradigm(lex, COUNTED, Fraction(12), _DUCIS)
    for stem, denominator in _FRACTION_STEMS.items():
        paradigm = tuple(tuple(stem + f for f in forms) for forms in _DALA)
        _add_paradigm(lex, COUNTED, Fraction(1, denominator), paradigm)
    for form in _PUSE:
        lex[form] = Entry(COUNTED, Fraction(1, 2), SG, only_before_mult=True)
    lex["mīnus"] = Entry(MINUS, Fraction(-1))
    lex["komats"] = Entry(KOMATS, Fraction(0))
    return lex


LEXICON: dict[str, Entry] = _build_lexicon()
"""Lower-case cardinal word form -> entry.  Read-only for other modules."""
