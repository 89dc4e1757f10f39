"""Latvian cardinal numbers: digit tokens, number words and their spans.

No library reads Latvian number words, so this module does it by hand, on
plain lists of token strings (no spaCy here, so that any tokenizer's output
and the tests can use it directly).

Why it is built the way it is:

* Latvian declines cardinals 1-9 by gender and case (``divi, divu, diviem,
  divus, divos; divas, divām, divās``), while tens and teens do not decline
  (``divdesmit``, ``vienpadsmit``).  ``simts``, ``tūkstotis``, ``miljons`` and
  ``miljards`` are nouns with a full singular and plural paradigm.  The
  lexicon is therefore generated from stems and ending sets rather than
  listed, and it is small enough to live in the module.
* A plural multiplier without a count is not a number: ``tūkstošiem cilvēku``
  means "thousands of people".  So plural forms need a count before them;
  singular forms may stand alone (``tūkstotis`` = 1000).
* Values are computed exactly (``fractions.Fraction``) and returned as ``int``
  when integral, so ``3,7 milj.`` gives ``3700000`` and not ``3700000.0000001``.
* Latvian writes ordinals with a trailing dot (``2016. gadā``, ``15. maijā``)
  and as definite adjectives (``trešajā``); both are ordinals, never counts.
* A dot between digits is usually a clock time (``plkst. 14.40``) or a
  thousands separator (``1.500``); it is read as a decimal point only when
  nothing else fits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence

__all__ = ["Number", "parse_digits", "parse_words", "number_spans", "is_ordinal"]

Number = int | float

# --------------------------------------------------------------------------
# Digits
# --------------------------------------------------------------------------

# Spaces that may separate thousands inside one token: normal, no-break,
# narrow no-break and thin space.
_SPACE_CHARS = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " "})
_MINUS_CHARS = "-\u2212"

_INT = r"(?:0|[1-9][0-9]*)"  # a leading zero marks a code or a date part
_INT_SPACED = r"[1-9][0-9]{0,2}(?: [0-9]{3})+"
_INT_DOTTED = r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+"
_INT_COMMAS = r"[1-9][0-9]{0,2}(?:,[0-9]{3}){2,}"

_RE_INT = re.compile(rf"{_INT}")
_RE_GROUPED = re.compile(rf"{_INT_SPACED}|{_INT_DOTTED}|{_INT_COMMAS}")
_RE_DECIMAL_COMMA = re.compile(rf"(?P<int>{_INT}|{_INT_SPACED}|{_INT_DOTTED}),(?P<frac>[0-9]+)")
_RE_DECIMAL_DOT = re.compile(rf"(?P<int>{_INT}|{_INT_SPACED})\.(?P<frac>[0-9]{{1,2}})")


def _to_number(value: Fraction) -> Number:
    """An ``int`` when the value is integral, else a ``float``."""
    if value.denominator == 1:
        return int(value)
    return float(value)


def _looks_like_phone(digits: str) -> bool:
    """Latvian phone numbers: 8 digits starting with 2 (mobile) or 6 (landline),
    possibly after the country code 371."""
    if len(digits) >= 8 and digits[0] in "26":
        return True
    return len(digits) == 11 and digits.startswith("371")


def _looks_like_time(int_part: str, frac: str) -> bool:
    """``14.40``, ``9.00``: hours 0-24 and two-digit minutes 00-59."""
    return len(frac) == 2 and int(int_part) <= 24 and int(frac) <= 59


def _unsigned_digits(s: str) -> tuple[Fraction, str] | None:
    """Exact value and integer-part digits of an unsigned number token."""
    if _RE_INT.fullmatch(s):
        return Fraction(int(s)), s
    if _RE_GROUPED.fullmatch(s):
        digits = re.sub(r"[ .,]", "", s)
        return Fraction(int(digits)), digits
    m = _RE_DECIMAL_COMMA.fullmatch(s)
    if m:
        int_part = re.sub(r"[ .]", "", m["int"])
        return Fraction(f"{int_part}.{m['frac']}"), int_part
    m = _RE_DECIMAL_DOT.fullmatch(s)
    if m:
        int_part = m["int"].replace(" ", "")
        if " " not in m["int"] and _looks_like_time(int_part, m["frac"]):
            return None
        return Fraction(f"{int_part}.{m['frac']}"), int_part
    return None


def _digits_fraction(text: str) -> Fraction | None:
    """Exact value of a digit token (see :func:`parse_digits`)."""
    s = text.strip().translate(_SPACE_CHARS)
    s = s[1:] if s.startswith("~") else s  # ``~60``: about 60, the tilde glued to the number
    if s.endswith("%"):
        s = s[:-1].rstrip()
    if not s:
        return None
    sign = 1
    plus = False
    if s[0] in _MINUS_CHARS:
        sign, s = -1, s[1:]
    elif s[0] == "+":
        plus, s = True, s[1:]
    parsed = _unsigned_digits(s)
    if parsed is None:
        return None
    value, int_digits = parsed
    is_plain_int = s == int_digits
    if is_plain_int and sign == 1 and not plus and _looks_like_phone(s):
        return None
    # ``+5`` is a temperature or a change; ``+371`` a country code.
    if plus and (len(int_digits) >= 3 or " " in s):
        return None
    return sign * value


def parse_digits(text: str) -> Number | None:
    """Value of one token written in digits, by Latvian conventions.

    Accepted: ``30 000`` (space or no-break space between thousands, kept as
    one token by our tokenizer), ``3,7`` (decimal comma), ``1.500`` (dot
    between thousands), ``1,500,000`` (two or more comma groups), ``1.5``
    (a dot decimal, only with one or two digits after the dot and when it
    cannot be a clock time), ``13,5%``, signs ``-5`` / ``−5`` / ``+5`` and ``~60`` (about 60).

    ``None`` for everything that is written with digits but is not a count:
    ordinals (``2016.``, ``15.``), clock times (``22.00``, ``14:40``), phone
    numbers (``29735732``, ``+371``), dates (``2010-05-03``, ``03.05.2016``),
    ranges (``3-4``), codes with leading zeros (``007``, ``05``) and words.
    """
    value = _digits_fraction(text)
    return None if value is None else _to_number(value)


# --------------------------------------------------------------------------
# Number-word lexicon
# --------------------------------------------------------------------------

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
class _Entry:
    kind: str
    value: Fraction
    number: str = ANY  # grammatical number: SG, PL or ANY (form shared, indeclinable)
    needs_count: bool = False  # abbreviations: ``milj.`` alone is not a number
    only_before_mult: bool = False  # ``puse`` counts only in ``puse miljona``


# Compound prefixes (``div``desmit, ``trīs``simt, ``septiņ``padsmit); 1 is ``vien``.
_PREFIX = {1: "vien", 2: "div", 3: "trīs", 4: "četr", 5: "piec", 6: "seš", 7: "septiņ", 8: "astoņ", 9: "deviņ"}

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


def _add_paradigm(lex: dict[str, _Entry], kind: str, value: Fraction, paradigm) -> None:
    sg, shared, pl = paradigm
    for forms, number in ((sg, SG), (shared, ANY), (pl, PL)):
        for form in forms:
            lex[form] = _Entry(kind, value, number)


def _build_lexicon() -> dict[str, _Entry]:
    """Every cardinal word form we read, lower case, with its kind and value."""
    lex: dict[str, _Entry] = {}
    for form in _NULLE:
        lex[form] = _Entry(ZERO, Fraction(0), SG)
    for form in _VIENS_SG:
        lex[form] = _Entry(UNIT, Fraction(1), SG)
    for form in _VIENS_PL:
        lex[form] = _Entry(UNIT, Fraction(1), PL)
    for form in _TRIS:
        lex[form] = _Entry(UNIT, Fraction(3), PL)
    for n, stem in _PREFIX.items():
        if n not in (1, 3):
            for ending in _UNIT_ENDINGS:
                lex[stem + ending] = _Entry(UNIT, Fraction(n), PL)
        lex[stem + "padsmit"] = _Entry(TEEN, Fraction(10 + n))
        if n >= 2:
            lex[stem + "desmit"] = _Entry(TENS, Fraction(10 * n))
            lex[stem + "simt"] = _Entry(HUNDREDS, Fraction(100 * n))
            lex[stem + "tūkstoš"] = _Entry(THOUSANDS, Fraction(1000 * n))
    lex["desmit"] = _Entry(TEEN, Fraction(10))
    lex["simt"] = _Entry(HUNDREDS, Fraction(100))
    lex["tūkstoš"] = _Entry(MULT, Fraction(1000))
    for lemma, paradigm in _NOUN_PARADIGMS.items():
        kind = HUNDRED if lemma == "simts" else MULT
        _add_paradigm(lex, kind, Fraction(_NOUN_VALUES[lemma]), paradigm)
    for form, value in _ABBREVIATIONS.items():
        lex[form] = _Entry(MULT, Fraction(value), ANY, needs_count=True)
    for form in _PUSOTRS:
        lex[form] = _Entry(PUSOTRS, Fraction(3, 2))
    for forms, value in _HALVES.items():
        for form in forms:
            lex[form] = _Entry(HALF, Fraction(value), SG)
    _add_paradigm(lex, COUNTED, Fraction(12), _DUCIS)
    for stem, denominator in _FRACTION_STEMS.items():
        paradigm = tuple(tuple(stem + f for f in forms) for forms in _DALA)
        _add_paradigm(lex, COUNTED, Fraction(1, denominator), paradigm)
    for form in _PUSE:
        lex[form] = _Entry(COUNTED, Fraction(1, 2), SG, only_before_mult=True)
    lex["mīnus"] = _Entry(MINUS, Fraction(-1))
    lex["komats"] = _Entry(KOMATS, Fraction(0))
    return lex


LEXICON: dict[str, _Entry] = _build_lexicon()
"""Lower-case cardinal word form -> entry.  Read-only for other modules."""


def _entry(tokens: Sequence[str], i: int) -> _Entry | None:
    return LEXICON.get(tokens[i]) if i < len(tokens) else None


# --------------------------------------------------------------------------
# Ordinals
# --------------------------------------------------------------------------

_ORDINAL_STEMS = (
    ["nullt", "pirm", "otr", "treš", "ceturt", "piekt", "sest", "septīt", "astot", "devīt", "desmit"]
    + [p + "padsmit" for p in _PREFIX.values()]
    + [p + "desmit" for n, p in _PREFIX.items() if n >= 2]
    + ["simt"] + [p + "simt" for n, p in _PREFIX.items() if n >= 2]
    + ["tūkstoš"] + [p + "tūkstoš" for n, p in _PREFIX.items() if n >= 2]
    + ["miljon", "miljard", "biljon"]
)  # fmt: skip
# Definite adjective endings, all genders, numbers and cases.
_DEFINITE_ENDINGS = ("ais", "ā", "ajam", "o", "ajā", "ie", "ajiem", "os", "ajos", "ās", "ajai", "ajām", "ajās")
_RE_ORDINAL_WORD = re.compile(
    "(?:%s)(?:%s)" % ("|".join(sorted(_ORDINAL_STEMS, key=len, reverse=True)), "|".join(_DEFINITE_ENDINGS))
)
_RE_ORDINAL_DIGITS = re.compile(r"[0-9]+\.")
# ``90-tajos``, ``1990-ajos``, ``20.-ajos`` (decades, "in the nineties").
_RE_ORDINAL_SUFFIXED = re.compile(r"[0-9]+\.?-t?(?:%s)" % "|".join(_DEFINITE_ENDINGS))


def is_ordinal(word: str) -> bool:
    """True for ordinals: ``2016.``, ``15.``, ``90-tajos`` and definite ordinal
    adjectives in every gender, number and case (``pirmais``, ``trešajā``,
    ``divdesmitajā``, ``simtais``).

    A few locative forms are shared with cardinal nouns (``simtā``,
    ``miljonā``, ``tūkstošos``); they count as ordinals here, and
    :func:`number_spans` only reads them as cardinals after a count.
    """
    w = word.strip().lower()
    return bool(
        _RE_ORDINAL_DIGITS.fullmatch(w) or _RE_ORDINAL_WORD.fullmatch(w) or _RE_ORDINAL_SUFFIXED.fullmatch(w)
    )


# --------------------------------------------------------------------------
# Number-word grammar
# --------------------------------------------------------------------------


def _ends_in_one(count: Fraction) -> bool:
    """Latvian agreement: 1, 21, 101 ... (not 11) take a singular noun."""
    if count.denominator != 1:
        return False
    n = int(count)
    return n % 10 == 1 and n % 100 != 11


def _agrees(count: Fraction | None, entry: _Entry, count_is_word: bool) -> bool:
    """Does a multiplier noun's grammatical number fit its count?

    Plural forms need a count (``tūkstošiem`` alone is "thousands of").
    Singular forms stand alone or follow a count ending in one
    (``divdesmit viens tūkstotis``).  Digit counts and ``pusotrs`` are not
    checked: ``1,5 miljoni`` and ``21 miljons`` both occur.  A plural after a
    count ending in one (CLDR's ``divdesmit viens tūkstoši``) is accepted.
    """
    if count is None:
        return entry.number != PL and not entry.needs_count
    if entry.number == SG and count_is_word:
        return _ends_in_one(count)
    return True


def _parse_small(tokens: Sequence[str], i: int) -> tuple[Fraction, int] | None:
    """A number 1-999 written in words from ``tokens[i]``: value and end index.

    Hundreds (``simt``, ``divsimt``, ``trīs simti``, ``viens simts``), then
    tens and units (``divdesmit septiņas``) or a teen (``vienpadsmit``).
    """
    value = Fraction(0)
    j = i
    e = _entry(tokens, j)
    nxt = _entry(tokens, j + 1)
    if e is not None and e.kind == HUNDREDS:
        value, j = e.value, j + 1
    elif e is not None and e.kind == HUNDRED and e.number != PL:
        value, j = e.value, j + 1
    elif (
        e is not None
        and e.kind == UNIT
        and nxt is not None
        and (nxt.kind == HUNDRED or (nxt.kind == HUNDREDS and nxt.value == 100))
        and _agrees(e.value, nxt, count_is_word=True)
    ):
        value, j = e.value * 100, j + 2
    e = _entry(tokens, j)
    if e is not None and e.kind == TEEN:
        value, j = value + e.value, j + 1
    elif e is not None and e.kind == TENS:
        value, j = value + e.value, j + 1
        e = _entry(tokens, j)
        if e is not None and e.kind == UNIT:
            value, j = value + e.value, j + 1
    elif e is not None and e.kind == UNIT:
        value, j = value + e.value, j + 1
    if j == i:
        return None
    return value, j


def _parse_cardinal(tokens: Sequence[str]) -> Fraction | None:
    """Whole-sequence cardinal: groups ``count multiplier`` with falling
    multipliers, then an optional 1-999 remainder.

    ``divi tūkstoši trīs`` = 2003, ``pieci miljoni`` = 5 000 000,
    ``3,7 milj.`` = 3 700 000, ``tūkstoš divsimt`` = 1200.
    """
    n = len(tokens)
    total = Fraction(0)
    last_mult: Fraction | None = None
    i = 0

    def fits(mult: Fraction) -> bool:
        return last_mult is None or mult < last_mult

    while i < n:
        e = _entry(tokens, i)
        nxt = _entry(tokens, i + 1)
        if e is None:
            # Digit count, only before a multiplier (``5 tūkst.``).
            count = _digits_fraction(tokens[i])
            if count is None or nxt is None or nxt.kind != MULT or not fits(nxt.value):
                return None
            total, last_mult, i = total + count * nxt.value, nxt.value, i + 2
            continue
        if e.kind == PUSOTRS:
            if nxt is None or nxt.kind != MULT or not fits(nxt.value):
                return None
            total, last_mult, i = total + e.value * nxt.value, nxt.value, i + 2
            continue
        if e.kind == THOUSANDS:
            if not fits(Fraction(1000)):
                return None
            total, last_mult, i = total + e.value, Fraction(1000), i + 1
            continue
        if e.kind == MULT:
            if not _agrees(None, e, count_is_word=True) or not fits(e.value):
                return None
            total, last_mult, i = total + e.value, e.value, i + 1
            continue
        small = _parse_small(tokens, i)
        if small is None:
            return None
        count, j = small
        m = _entry(tokens, j)
        if m is not None and m.kind == MULT:
            if not _agrees(count, m, count_is_word=True) or not fits(m.value):
                return None
            total, last_mult, i = total + count * m.value, m.value, j + 1
            continue
        if j != n:
            return None
        total, i = total + count, j
    return total


def _parse_counted(tokens: Sequence[str], before_mult: bool = False) -> Fraction | None:
    """``divas trešdaļas`` = 2/3, ``viena ceturtdaļa`` = 1/4, ``ducis`` = 12,
    ``divi duči`` = 24.  Fractions need a count (``trešdaļa`` alone is a
    share, not a number, just as ``puse`` is) unless a multiplier follows
    (``before_mult``: ``ceturtdaļa miljona``, ``puse miljona``)."""
    noun = LEXICON.get(tokens[-1])
    if noun is None or noun.kind != COUNTED:
        return None
    if before_mult and noun.value >= 1:
        return None
    if len(tokens) == 1:
        if not _agrees(None, noun, count_is_word=True):
            return None
        if noun.value < 1 and not before_mult:
            return None
        return noun.value
    if noun.only_before_mult:
        return None  # ``divas puses`` = "two sides"
    small = _parse_small(tokens, 0)
    if small is None or small[1] != len(tokens) - 1:
        return None
    count = small[0]
    if noun.number == SG and not _ends_in_one(count):
        return None
    if noun.number == PL and count == 1:
        return None
    return count * noun.value


def _parse_decimal_words(tokens: Sequence[str], k: int) -> Fraction | None:
    """``trīs komats pieci`` = 3.5; after ``komats`` either single digits
    (``nulle pieci`` = .05, as CLDR spells them) or one number (``divdesmit
    pieci`` = .25)."""
    left, right = tokens[:k], tokens[k + 1 :]
    if not left or not right:
        return None
    if len(left) == 1 and LEXICON.get(left[0], _Entry("", Fraction(0))).kind == ZERO:
        whole: Fraction | None = Fraction(0)
    else:
        whole = _parse_cardinal(left)
    if whole is None or whole.denominator != 1:
        return None
    digits = ""
    for tok in right:
        e = LEXICON.get(tok)
        if e is None or e.kind not in (ZERO, UNIT):
            break
        digits += str(int(e.value))
    else:
        return Fraction(f"{int(whole)}.{digits}")
    small = _parse_small(right, 0)
    if small is None or small[1] != len(right):
        return None
    return Fraction(f"{int(whole)}.{int(small[0])}")


def _parse_tokens(tokens: Sequence[str]) -> Fraction | None:
    """Exact value of a lower-cased token sequence, or ``None``."""
    if not tokens:
        return None
    if tokens[0] == "mīnus":
        rest = _parse_tokens(tokens[1:])
        return None if rest is None else -rest
    if len(tokens) == 1:
        tok = tokens[0]
        e = LEXICON.get(tok)
        if e is None:
            return _digits_fraction(tok)
        if e.kind in (ZERO, PUSOTRS, HALF):
            return e.value
    if "komats" in tokens:
        return _parse_decimal_words(tokens, tokens.index("komats"))
    counted = _parse_counted(tokens)
    if counted is not None:
        return counted
    last = LEXICON.get(tokens[-1])
    if len(tokens) >= 2 and last is not None and last.kind == MULT:
        share = _parse_counted(tokens[:-1], before_mult=True)
        if share is not None:
            return share * last.value
    return _parse_cardinal(tokens)


def parse_words(words: Sequence[str]) -> Number | None:
    """Value of a whole sequence of Latvian cardinal number words, or ``None``.

    Any gender and case, any letter case: ``["divdesmit", "septiņas"]`` = 27,
    ``["trīs", "simti", "piecdesmit"]`` = 350, ``["pusotra", "miljona"]`` =
    1 500 000, ``["divi", "tūkstoši", "trīs"]`` = 2003.  Digits combine with
    multipliers (``["3,7", "milj."]``).  ``None`` unless every token belongs to
    one well-formed number, so callers can try spans of any length.
    """
    value = _parse_tokens([w.strip().lower() for w in words])
    return None if value is None else _to_number(value)


# --------------------------------------------------------------------------
# Spans in a sentence
# --------------------------------------------------------------------------

_MAX_SPAN = 16

_YEAR_WORDS = frozenset({"gads", "gada", "gadam", "gadu", "gadā", "g.", "g"})
_CLOCK_WORDS = frozenset({"plkst.", "plkst", "pulksten", "pulkstens", "pulkstenis"})
_PHONE_WORDS = frozenset(
    {"tel.", "tel", "tālr.", "tālr", "tālrunis", "tālruņa", "tālrunim", "tālruni", "tālrunī", "telefons",
     "telefona", "telefonam", "telefonu", "telefonā", "mob.", "mob", "mobilais", "fakss", "faksa", "faksu", "fax"}
)  # fmt: skip
# Words that a reference number follows: ``Nr. 5``, ``§ 5``, ``pants 5``,
# ``punkts 3``, ``lpp. 12`` and house numbers (``Brīvības ielā 12``).
_REFERENCE_WORDS = frozenset(
    {"nr.", "nr", "no.", "§", "#", "№", "lpp.", "lpp", "lp.", "p.", "pp.", "art.", "iel.", "dz.", "k-ts"}
    | {stem + e for stem in ("pant", "punkt", "apakšpunkt", "numur", "pielikum", "prospekt", "laukum", "dzīvokl")
       for e in ("s", "a", "am", "u", "ā", "is", "im", "ī")}
    | {stem + e for stem in ("iel", "nodaļ", "sadaļ", "gatv", "šosej")
       for e in ("a", "as", "ai", "u", "ā", "e", "es", "ei", "i", "ē")}
    | {"bulvāris", "bulvāra", "bulvārī", "bulvāri", "bulvārim"}
)  # fmt: skip
#: Month stems as regular expressions, January first (``aprīlis``, gen. ``aprīļa``);
#: ``times`` reads dates with the same stems.
MONTH_STEMS = ("janvār", "februār", "mart", "aprī[lļ]", "maij", "jūnij", "jūlij", "august", "septembr",
               "oktobr", "novembr", "decembr")
_RE_MONTH = re.compile(
    r"(?:%s)\w*" % "|".join(MONTH_STEMS)
    + r"|janv\.|febr\.|apr\.|jūn\.|jūl\.|aug\.|sept\.|okt\.|nov\.|dec\."
)
_DATE_SEPARATORS = frozenset({"-", "–", "/", "."})
_RE_SHORT_DIGITS = re.compile(r"[0-9]{1,2}")
_RE_YEAR_DIGITS = re.compile(r"[0-9]{4}")
_RE_YEAR_ORDINAL = re.compile(r"[0-9]{4}\.")
_DASHES = frozenset({"-", "–", "—"})
_CHAIN_WORDS = frozenset({"-", "–", "—", "līdz", "un", "vai"})
# Kinds after which an ordinal word continues a compound ordinal
# (``divdesmit trešajā``, ``divtūkstoš septiņpadsmitajā``).
_ORDINAL_PREFIX_KINDS = frozenset({TENS, HUNDREDS, HUNDRED, MULT, THOUSANDS})


def _is_numberish(tok: str) -> bool:
    return tok in LEXICON or _digits_fraction(tok) is not None


def _date_tokens(toks: Sequence[str]) -> set[int]:
    """Indices of digit tokens forming a split date: ``2016 - 05 - 03``."""
    out: set[int] = set()
    for i in range(len(toks) - 4):
        a, s1, b, s2, c = toks[i : i + 5]
        if s1 != s2 or s1 not in _DATE_SEPARATORS:
            continue
        parts = (a, b, c)
        if not all(p.isdigit() for p in parts):
            continue
        years = [p for p in parts if _RE_YEAR_DIGITS.fullmatch(p)]
        shorts = [p for p in parts if _RE_SHORT_DIGITS.fullmatch(p)]
        if len(years) == 1 and len(shorts) == 2 and (a in years or c in years):
            out.update((i, i + 2, i + 4))
    return out


def _previous(toks: Sequence[str], i: int) -> str:
    """The token before ``i``, skipping a colon (``tālr.: 67 000 000``)."""
    j = i - 1
    while j >= 0 and toks[j] == ":":
        j -= 1
    return toks[j] if j >= 0 else ""


def _is_year(toks: Sequence[str], start: int, end: int) -> bool:
    """``2016 gadā``, ``gads 2016``, ``2014-2016. gadā``."""
    if end - start != 1 or not _RE_YEAR_DIGITS.fullmatch(toks[start]) or not 1000 <= int(toks[start]) <= 2100:
        return False
    nxt = toks[end] if end < len(toks) else ""
    if nxt in _YEAR_WORDS or _previous(toks, start) == "gads":
        return True
    if nxt in _DASHES and end + 1 < len(toks):
        after = toks[end + 1]
        if _RE_YEAR_ORDINAL.fullmatch(after):
            return True
        return bool(_RE_YEAR_DIGITS.fullmatch(after) and end + 2 < len(toks) and toks[end + 2] in _YEAR_WORDS)
    return False


def _excluded(toks: Sequence[str], start: int, end: int, excluded_before: bool) -> bool:
    """Is the number span ``toks[start:end]`` something other than a count?

    ``excluded_before`` says that the span before this one, joined to it by
    ``līdz``/``-``/``un``, was a clock time or a reference number, so
    ``plkst. 10 līdz 18`` loses both numbers.
    """
    prev = _previous(toks, start)
    nxt = toks[end] if end < len(toks) else ""
    if prev in _CLOCK_WORDS or prev in _PHONE_WORDS or prev in _REFERENCE_WORDS:
        return True
    if excluded_before and start >= 1 and toks[start - 1] in _CHAIN_WORDS:
        return True
    if _is_year(toks, start, end):
        return True
    if end - start == 1:
        tok = toks[start]
        # ``15 maijā``: a date without the ordinal dot.
        if tok.isdigit() and 1 <= int(tok) <= 31 and _RE_MONTH.fullmatch(nxt):
            return True
        # ``simtā gadadiena``: a word shared with an ordinal, without a count.
        if is_ordinal(tok):
            return True
    # ``divdesmit trešajā``: the cardinal part of a compound ordinal.
    last = LEXICON.get(toks[end - 1])
    if last is not None and last.kind in _ORDINAL_PREFIX_KINDS and nxt and not nxt[0].isdigit() and is_ordinal(nxt):
        return True
    return False


def number_spans(words: Sequence[str]) -> list[tuple[int, int, Number]]:
    """Cardinal number expressions in a sentence's tokens.

    Returns maximal, non-overlapping ``(start, end, value)`` spans, left to
    right: digit tokens, number-word sequences, digits with a multiplier
    (``5 milj.``, ``3,7 miljoni``) and counted fractions (``divas
    trešdaļas``).  Numbers that are not counts are left out: ordinals,
    years (``2016 gadā``), clock times (``plkst. 14``), dates, phone numbers
    and reference numbers (``Nr. 5``, ``§ 5``, ``punkts 3``, ``ielā 12``).
    """
    toks = [w.strip().lower() for w in words]
    n = len(toks)
    dates = _date_tokens(toks)
    spans: list[tuple[int, int, Number]] = []
    excluded_before = False
    i = 0
    while i < n:
        if not _is_numberish(toks[i]):
            if toks[i] not in _CHAIN_WORDS:
                excluded_before = False
            i += 1
            continue
        run_end = i + 1
        while run_end < min(n, i + _MAX_SPAN) and _is_numberish(toks[run_end]):
            run_end += 1
        found: tuple[int, Fraction] | None = None
        for j in range(run_end, i, -1):
            value = _parse_tokens(toks[i:j])
            if value is not None:
                found = (j, value)
                break
        if found is None:
            i += 1
            continue
        end, value = found
        if i in dates or _excluded(toks, i, end, excluded_before):
            excluded_before = True
        else:
            excluded_before = False
            spans.append((i, end, _to_number(value)))
        i = end
    return spans
