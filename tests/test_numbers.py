"""Tests for lvnews.numbers: Latvian digit tokens, number words and spans.

The expected values come from tables written here from Latvian grammar, from
a small speller for 1-999 in every case and gender, and from CLDR's Latvian
spell-out rules (``/work/shared/gazetteers/rbnf_lv.json``), interpreted by a
minimal RBNF evaluator below, so the module is checked against data it does
not itself use.
"""

from __future__ import annotations

import json
import random
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lvnews.numbers import is_clock_time, is_ordinal, number_spans, parse_digits, parse_words

RBNF_PATH = Path(__file__).resolve().parents[2] / "shared" / "gazetteers" / "rbnf_lv.json"

# ---------------------------------------------------------------------------
# Paradigms, written out by hand
# ---------------------------------------------------------------------------

UNIT_FORMS: dict[int, str] = {
    1: "viens viena vienam vienu vienā vieni vieniem vienus vienos vienas vienai vienām vienās",
    2: "divi divu diviem divus divos divas divām divās",
    3: "trīs triju trijiem trijām trim trijos trijās",
    4: "četri četru četriem četrus četros četras četrām četrās",
    5: "pieci piecu pieciem piecus piecos piecas piecām piecās",
    6: "seši sešu sešiem sešus sešos sešas sešām sešās",
    7: "septiņi septiņu septiņiem septiņus septiņos septiņas septiņām septiņās",
    8: "astoņi astoņu astoņiem astoņus astoņos astoņas astoņām astoņās",
    9: "deviņi deviņu deviņiem deviņus deviņos deviņas deviņām deviņās",
}
UNIT_CASES = [(form, value) for value, forms in UNIT_FORMS.items() for form in forms.split()]

INDECLINABLE = {
    "desmit": 10, "vienpadsmit": 11, "divpadsmit": 12, "trīspadsmit": 13, "četrpadsmit": 14,
    "piecpadsmit": 15, "sešpadsmit": 16, "septiņpadsmit": 17, "astoņpadsmit": 18, "deviņpadsmit": 19,
    "divdesmit": 20, "trīsdesmit": 30, "četrdesmit": 40, "piecdesmit": 50, "sešdesmit": 60,
    "septiņdesmit": 70, "astoņdesmit": 80, "deviņdesmit": 90,
    "simt": 100, "divsimt": 200, "trīssimt": 300, "četrsimt": 400, "piecsimt": 500, "sešsimt": 600,
    "septiņsimt": 700, "astoņsimt": 800, "deviņsimt": 900,
    "tūkstoš": 1000, "divtūkstoš": 2000, "trīstūkstoš": 3000, "deviņtūkstoš": 9000,
}  # fmt: skip

# Multiplier nouns: (singular forms, forms shared by sg and pl, plural forms).
MULTIPLIERS = {
    100: ("simts simta simtam simtā", "simtu", "simti simtiem simtus simtos"),
    1000: ("tūkstotis tūkstoša tūkstotim tūkstoti tūkstotī", "", "tūkstoši tūkstošu tūkstošiem tūkstošus tūkstošos"),
    10**6: ("miljons miljona miljonam miljonā", "miljonu", "miljoni miljoniem miljonus miljonos"),
    10**9: ("miljards miljarda miljardam miljardā", "miljardu", "miljardi miljardiem miljardus miljardos"),
}
SINGULAR_MULT = [(f, v) for v, (sg, both, _) in MULTIPLIERS.items() for f in (sg + " " + both).split()]
PLURAL_MULT = [(f, v) for v, (_, both, pl) in MULTIPLIERS.items() for f in (pl + " " + both).split()]
PLURAL_ONLY_MULT = [(f, v) for v, (_, _, pl) in MULTIPLIERS.items() for f in pl.split()]

ABBREVIATIONS = {"tūkst.": 1000, "milj.": 10**6, "mlj.": 10**6, "mljrd.": 10**9}

PUSOTRS = "pusotrs pusotra pusotram pusotru pusotrā pusotras pusotrai".split()

# Words that are both a cardinal noun's locative and an ordinal form.
SHARED_WITH_ORDINALS = {"simtā", "simtos", "miljonā", "miljonos", "miljardā", "miljardos", "tūkstošos"}

ALL_CARDINAL_FORMS = (
    [f for f, _ in UNIT_CASES]
    + list(INDECLINABLE)
    + [f for f, _ in SINGULAR_MULT + PLURAL_MULT]
    + list(ABBREVIATIONS)
    + PUSOTRS
    + ["nulle", "nulles", "nullei", "nulli", "nullē"]
)


# ---------------------------------------------------------------------------
# Single words
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(("form", "value"), UNIT_CASES)
def test_unit_forms(form: str, value: int) -> None:
    assert parse_words([form]) == value
    assert parse_words([form.upper()]) == value
    assert parse_words([form.capitalize()]) == value


@pytest.mark.parametrize(("form", "value"), sorted(INDECLINABLE.items()))
def test_indeclinable_forms(form: str, value: int) -> None:
    assert parse_words([form]) == value
    assert parse_words([form.upper()]) == value


@pytest.mark.parametrize(("form", "value"), SINGULAR_MULT)
def test_singular_multiplier_alone_and_with_viens(form: str, value: int) -> None:
    assert parse_words([form]) == value
    assert parse_words(["viens", form]) == value
    # hundreds take a unit count only; larger multipliers any 1-999
    assert parse_words(["divdesmit", "viens", form]) == (21 * value if value >= 1000 else None)


@pytest.mark.parametrize(("form", "value"), PLURAL_MULT)
def test_plural_multiplier_with_count(form: str, value: int) -> None:
    assert parse_words(["pieci", form]) == 5 * value
    assert parse_words(["trīs", form]) == 3 * value
    assert parse_words(["divdesmit", "septiņiem", form]) == (27 * value if value >= 1000 else None)


@pytest.mark.parametrize(("form", "value"), PLURAL_ONLY_MULT)
def test_plural_multiplier_alone_is_not_a_number(form: str, value: int) -> None:
    # ``tūkstošiem cilvēku`` = "thousands of people"
    assert parse_words([form]) is None


@pytest.mark.parametrize("form", [f for f, _ in SINGULAR_MULT if f not in {"simtu", "miljonu", "miljardu"}])
def test_singular_multiplier_needs_count_ending_in_one(form: str) -> None:
    assert parse_words(["pieci", form]) is None
    assert parse_words(["vienpadsmit", form]) is None


@pytest.mark.parametrize("form", PUSOTRS)
def test_pusotrs(form: str) -> None:
    assert parse_words([form]) == 1.5
    assert parse_words([form, "miljona"]) == 1_500_000
    assert parse_words([form, "tūkstoša"]) == 1500
    assert parse_words([form, "divi"]) is None


@pytest.mark.parametrize(("abbr", "value"), sorted(ABBREVIATIONS.items()))
def test_abbreviations_need_a_count(abbr: str, value: int) -> None:
    assert parse_words([abbr]) is None
    assert parse_words(["5", abbr]) == 5 * value
    assert parse_words(["3,7", abbr]) == round(3.7 * value)
    assert parse_words(["pieci", abbr]) == 5 * value


# ---------------------------------------------------------------------------
# Sequences
# ---------------------------------------------------------------------------

COMPOUNDS = [
    ("divdesmit septiņas", 27),
    ("trīs simti piecdesmit", 350),
    ("pieci miljoni", 5_000_000),
    ("pusotra miljona", 1_500_000),
    ("divi tūkstoši trīs", 2003),
    ("simt", 100),
    ("tūkstotis", 1000),
    ("2 miljoni", 2_000_000),
    ("3,7 milj.", 3_700_000),
    ("5 tūkst.", 5000),
    ("30 000 tūkst.", 30_000_000),
    ("2 mljrd.", 2_000_000_000),
    ("1,5 miljardi", 1_500_000_000),
    ("0,5 milj.", 500_000),
    ("nulle", 0),
    ("Divdesmit Septiņi", 27),
    ("DIVDESMIT SEPTIŅI", 27),
    ("viens simts", 100),
    ("divi simti", 200),
    ("diviem simtiem", 200),
    ("trīs simt", 300),
    ("piecsimt divdesmit viens", 521),
    ("simts vienpadsmit", 111),
    ("simtu deviņpadsmit", 119),
    ("tūkstoš deviņsimt deviņdesmit deviņi", 1999),
    ("divtūkstoš septiņpadsmit", 2017),
    ("desmit tūkstoši", 10_000),
    ("simt tūkstoši", 100_000),
    ("divsimt piecdesmit tūkstoši", 250_000),
    ("trīs simti tūkstošu", 300_000),
    ("viens miljons", 1_000_000),
    ("vienu miljonu", 1_000_000),
    ("miljonu", 1_000_000),
    ("divi miljoni trīs simti tūkstoši", 2_300_000),
    ("pieci miljardi divi miljoni tūkstotis", 5_002_001_000),
    ("piecos miljonos", 5_000_000),
    ("četriem tūkstošiem", 4000),
    ("trijiem tūkstošiem piecsimt", 3500),
    ("divdesmit viena tūkstoša", 21_000),
    ("vienpadsmit tūkstoši", 11_000),
    ("deviņsimt deviņdesmit deviņi tūkstoši deviņsimt deviņdesmit deviņi", 999_999),
    ("viens miljons tūkstoš", 1_001_000),
    ("viens miljons divtūkstoš", 1_002_000),
    ("divas trešdaļas", 2 / 3),
    ("viena trešdaļa", 1 / 3),
    ("trīs ceturtdaļas", 0.75),
    ("deviņas desmitdaļas", 0.9),
    ("ceturtdaļa miljona", 250_000),
    ("ceturtdaļu miljona", 250_000),
    ("puse miljona", 500_000),
    ("pusi tūkstoša", 500),
    ("divas trešdaļas miljona", 2_000_000 / 3),
    ("ducis", 12),
    ("divi duči", 24),
    ("pussimts", 50),
    ("pusmiljonu", 500_000),
    ("trīs komats pieci", 3.5),
    ("nulle komats nulle pieci", 0.05),
    ("divpadsmit komats divdesmit pieci", 12.25),
    ("mīnus pieci", -5),
    ("mīnus 5", -5),
    ("5", 5),
    ("30 000", 30_000),
]


@pytest.mark.parametrize(("text", "value"), COMPOUNDS)
def test_compound_sequences(text: str, value: float) -> None:
    result = parse_words(_split_keep_groups(text))
    assert result == pytest.approx(value)
    if isinstance(value, int):
        assert type(result) is int


def _split_keep_groups(text: str) -> list[str]:
    """``30 000 tūkst.`` -> ``["30 000", "tūkst."]``: a spaced number is one token."""
    return [t for t in re.split(r"(?<![0-9]) | (?![0-9])", text) if t]


NOT_NUMBERS = [
    "",
    "puse",
    "pusi",
    "trešdaļa",
    "divas trešdaļa",
    "divas puses",
    "puses",
    "trešdaļām",
    "tūkstoši",
    "miljoni eiro",
    "milj.",
    "divi trīs",
    "divdesmit desmit",
    "divdesmit vienpadsmit",
    "pieci divdesmit",
    "vienpadsmit divi",
    "simts simts",
    "tūkstotis miljons",
    "pieci tūkstoši divi miljoni",
    "divi simts",
    "pieci tūkstotis",
    "trīs pusotri",
    "divi tūkstoši pusotrs",
    "2016.",
    "trešais",
    "divdesmit trešajā",
    "2016 gadā",
    "5 cilvēki",
    "komats pieci",
    "pieci komats",
    "mīnus",
    "viens un divi",
    "pieci 5",
    "5 5",
    "nulle pieci",
    "ducis ducis",
]


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_not_a_single_number(text: str) -> None:
    assert parse_words(text.split()) is None


@pytest.mark.parametrize("text, expected", [
    ("14.40", True), ("9:00", True), ("09.05", True), ("24.00", True), ("0.30", True),
    ("25.00", False), ("14.60", False), ("14.4", False), ("14,40", False), ("114.40", False), ("1440", False),
])
def test_is_clock_time(text: str, expected: bool) -> None:
    # One definition for the number spans (``14.40`` is no count) and the TIME spans.
    assert is_clock_time(text) is expected
    if expected and "." in text:
        assert parse_digits(text) is None


# ---------------------------------------------------------------------------
# Generated: 1-999 in every case and both genders, two ways of hundreds
# ---------------------------------------------------------------------------

CASES = ("nom", "gen", "dat", "acc", "loc")
# case -> (masculine, feminine) ending of units 2, 4-9
UNIT_ENDINGS = {"nom": ("i", "as"), "gen": ("u", "u"), "dat": ("iem", "ām"), "acc": ("us", "as"), "loc": ("os", "ās")}
VIENS = {
    "nom": ("viens", "viena"), "gen": ("viena", "vienas"), "dat": ("vienam", "vienai"),
    "acc": ("vienu", "vienu"), "loc": ("vienā", "vienā"),
}  # fmt: skip
TRIS = {
    "nom": ("trīs", "trīs"), "gen": ("triju", "triju"), "dat": ("trijiem", "trijām"),
    "acc": ("trīs", "trīs"), "loc": ("trijos", "trijās"),
}  # fmt: skip
STEMS = {2: "div", 4: "četr", 5: "piec", 6: "seš", 7: "septiņ", 8: "astoņ", 9: "deviņ"}
PREFIX = {1: "vien", 2: "div", 3: "trīs", **{k: v for k, v in STEMS.items() if k != 2}}
SIMTS = {"nom": ("simts", "simti"), "gen": ("simta", "simtu"), "dat": ("simtam", "simtiem"),
         "acc": ("simtu", "simtus"), "loc": ("simtā", "simtos")}  # fmt: skip


def unit_word(n: int, case: str, fem: bool) -> str:
    g = 1 if fem else 0
    if n == 1:
        return VIENS[case][g]
    if n == 3:
        return TRIS[case][g]
    return STEMS[n] + UNIT_ENDINGS[case][g]


def spell_small(n: int, case: str, fem: bool, compound_hundreds: bool) -> list[str]:
    """Spell 1-999 in a case and gender; hundreds ``divsimt`` or ``divi simti``."""
    words: list[str] = []
    h, rest = divmod(n, 100)
    if h:
        if compound_hundreds:
            words.append("simt" if h == 1 else PREFIX[h] + "simt")
        elif h == 1:
            words.append(SIMTS[case][0])
        else:
            words += [unit_word(h, case, False), SIMTS[case][1]]
    t, u = divmod(rest, 10)
    if t == 1:
        words.append("desmit" if u == 0 else PREFIX[u] + "padsmit")
        return words
    if t:
        words.append(PREFIX[t] + "desmit")
    if u:
        words.append(unit_word(u, case, fem))
    return words


@pytest.mark.parametrize("compound_hundreds", [True, False])
@pytest.mark.parametrize("fem", [False, True])
@pytest.mark.parametrize("case", CASES)
def test_generated_1_to_999(case: str, fem: bool, compound_hundreds: bool) -> None:
    wrong = []
    for n in range(1, 1000):
        words = spell_small(n, case, fem, compound_hundreds)
        if parse_words(words) != n:
            wrong.append((n, words, parse_words(words)))
    assert not wrong, wrong[:10]


TUKSTOTIS = {"nom": ("tūkstotis", "tūkstoši"), "gen": ("tūkstoša", "tūkstošu"), "dat": ("tūkstotim", "tūkstošiem"),
             "acc": ("tūkstoti", "tūkstošus"), "loc": ("tūkstotī", "tūkstošos")}  # fmt: skip
MILJONS = {"nom": ("miljons", "miljoni"), "gen": ("miljona", "miljonu"), "dat": ("miljonam", "miljoniem"),
           "acc": ("miljonu", "miljonus"), "loc": ("miljonā", "miljonos")}  # fmt: skip


@pytest.mark.parametrize("case", CASES)
def test_generated_thousands_and_millions(case: str) -> None:
    """``trijiem miljoniem divdesmit vienam tūkstotim piecām``: every part declined."""
    rng = random.Random(case)
    for _ in range(300):
        m, k, r = rng.randrange(1, 1000), rng.randrange(1, 1000), rng.randrange(0, 1000)
        words: list[str] = []
        for count, paradigm in ((m, MILJONS), (k, TUKSTOTIS)):
            words += spell_small(count, case, False, compound_hundreds=bool(count % 2))
            singular = count % 10 == 1 and count % 100 != 11
            words.append(paradigm[case][0 if singular else 1])
        if r:
            words += spell_small(r, case, True, compound_hundreds=True)
        assert parse_words(words) == m * 10**6 + k * 1000 + r, words


# ---------------------------------------------------------------------------
# Cross-check against CLDR spell-out rules
# ---------------------------------------------------------------------------


class Rbnf:
    """A minimal ICU RBNF evaluator: enough for CLDR's Latvian cardinal rules."""

    SUB = re.compile(r"(←[^←]*←|→[^→]*→|=[^=]*=)")

    def __init__(self, rules: dict[str, list[list[str]]]) -> None:
        self.rules = rules

    def format(self, n: Decimal | int, ruleset: str) -> str:
        rules = dict(self.rules[ruleset])
        n = Decimal(n)
        if n < 0:
            return self._apply(rules["-x"], -n, None, ruleset, negative=True)
        if n != n.to_integral_value():
            return self._apply(rules["x.x"], n, None, ruleset, fraction=True)
        v = int(n)
        best = None
        for key, text in self.rules[ruleset]:
            if key[0].isdigit():
                base, _, radix = key.partition("/")
                if int(base) <= v:
                    best = (int(base), int(radix or 10), text)
        assert best is not None
        base, radix, text = best
        exp = 0
        while radix ** (exp + 1) <= base:
            exp += 1
        return self._apply(text, v, radix**exp, ruleset)

    def _apply(self, text: str, n, divisor, ruleset: str, negative=False, fraction=False) -> str:
        text = text.rstrip(";")

        def sub(token: str) -> str:
            kind, inner = token[0], token[1:-1]
            target = inner if inner.startswith("%") else ruleset
            if kind == "=":
                return self.format(n, target)
            if negative:
                return self.format(n, target)
            if fraction:
                whole = int(n)
                if kind == "←":
                    return self.format(whole, target)
                digits = str(n).split(".")[1]
                return " ".join(self.format(int(d), target) for d in digits)
            return self.format(n // divisor if kind == "←" else n % divisor, target)

        def optional(m: re.Match) -> str:
            return "" if not fraction and divisor and n % divisor == 0 else m.group(1)

        text = re.sub(r"\[([^\]]*)\]", optional, text)
        return self.SUB.sub(lambda m: sub(m.group(0)), text)


@pytest.fixture(scope="module")
def rbnf() -> Rbnf:
    if not RBNF_PATH.exists():
        pytest.skip(f"{RBNF_PATH} not available")
    data = json.loads(RBNF_PATH.read_text(encoding="utf-8"))
    return Rbnf(data["rbnf"]["rbnf"]["SpelloutRules"])


def test_rbnf_evaluator_sanity(rbnf: Rbnf) -> None:
    """The test's own RBNF reading gives the spellings CLDR is known for."""
    m = "%spellout-cardinal-masculine"
    assert rbnf.format(27, m) == "divdesmit septiņi"
    assert rbnf.format(27, "%spellout-cardinal-feminine") == "divdesmit septiņas"
    assert rbnf.format(1500, m) == "tūkstoš piecsimt"
    assert rbnf.format(21000, m) == "divdesmit viens tūkstoši"
    assert rbnf.format(2_000_003, m) == "divi miljoni trīs"
    assert rbnf.format(Decimal("3.5"), m) == "trīs komats pieci"
    assert rbnf.format(-5, m) == "mīnus pieci"


@pytest.mark.parametrize("ruleset", ["%spellout-cardinal-masculine", "%spellout-cardinal-feminine"])
@pytest.mark.parametrize("block", range(0, 2001, 250))
def test_rbnf_0_to_2000(rbnf: Rbnf, ruleset: str, block: int) -> None:
    wrong = []
    for n in range(block, min(block + 250, 2001)):
        words = rbnf.format(n, ruleset).split()
        if parse_words(words) != n:
            wrong.append((n, words, parse_words(words)))
    assert not wrong, wrong[:10]


@pytest.mark.parametrize("ruleset", ["%spellout-cardinal-masculine", "%spellout-cardinal-feminine"])
def test_rbnf_large_numbers(rbnf: Rbnf, ruleset: str) -> None:
    rng = random.Random(ruleset)
    numbers = [10**6, 10**9, 10**12, 1_001_000, 21_000_021, 999_999_999_999]
    numbers += [rng.randrange(2001, 10**15) for _ in range(400)]
    numbers += [rng.randrange(2001, 10**7) for _ in range(400)]
    wrong = []
    for n in numbers:
        words = rbnf.format(n, ruleset).split()
        if parse_words(words) != n:
            wrong.append((n, words, parse_words(words)))
    assert not wrong, wrong[:10]


@pytest.mark.parametrize("value", ["3.5", "0.05", "12.25", "-7", "-1.5", "100.125", "2000000.7"])
def test_rbnf_decimals_and_negatives(rbnf: Rbnf, value: str) -> None:
    words = rbnf.format(Decimal(value), "%spellout-cardinal-masculine").split()
    assert parse_words(words) == pytest.approx(float(value))


def test_rbnf_prefixed_stems_match_our_compounds(rbnf: Rbnf) -> None:
    prefixed = dict(rbnf.rules["%%spellout-prefixed"])
    for n in range(1, 10):
        assert prefixed[str(n)].rstrip(";") == PREFIX[n]


# ---------------------------------------------------------------------------
# Digits
# ---------------------------------------------------------------------------

DIGITS = [
    ("0", 0), ("5", 5), ("42", 42), ("100", 100), ("2016", 2016), ("1234567", 1234567),
    ("12345678", 12345678), ("30 000", 30000), ("30\u00a0000", 30000), ("30\u202f000", 30000),
    ("1 000 000", 1_000_000), ("999 999 999", 999_999_999), ("1 234,5", 1234.5),
    ("29 735 732", 29_735_732), ("3,7", 3.7), ("0,5", 0.5), ("13,50", 13.5), ("3,0", 3),
    ("1.5", 1.5), ("0.5", 0.5), ("3.75", 3.75), ("25.30", 25.3), ("99.99", 99.99),
    ("1.500", 1500), ("1.500.000", 1_500_000), ("12.345", 12345), ("1.500,5", 1500.5),
    ("1,500,000", 1_500_000), ("13,5%", 13.5), ("5%", 5), ("100 %", 100), ("-5", -5),
    ("\u22125", -5), ("-3,7", -3.7), ("-30 000", -30000), ("+5", 5), ("+12,5", 12.5), ("+3%", 3),
    (" 7 ", 7), ("20000000,5", 20_000_000.5),
]  # fmt: skip


@pytest.mark.parametrize(("text", "value"), DIGITS)
def test_parse_digits(text: str, value: float) -> None:
    result = parse_digits(text)
    assert result == pytest.approx(value)
    assert type(result) is type(value)


NOT_DIGITS = [
    "", " ", "%", "-", "+", "abc", "5a", "a5", "2016.", "15.", "1.", "22.00", "14.40", "9.00", "0.30",
    "24.00", "14:40", "9:05", "3:1", "+371 29735732", "+37129735732", "+371", "29735732", "67123456",
    "37129735732", "2010-56-03", "2016-05-03", "03.05.2016", "15.05.", "3-4", "1990-2000", "1/2",
    "007", "05", "00,5", "1 50", "12 3456", "1,5,5", "1,500.50", "1.2.3", "5..", "--5", "1 000.",
    "½", "٣", "1e5", "0x1F", "3,", ",5", ".5",
]  # fmt: skip


@pytest.mark.parametrize("text", NOT_DIGITS)
def test_parse_digits_rejects(text: str) -> None:
    assert parse_digits(text) is None


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=999_999_999), st.sampled_from([" ", "\u00a0"]))
def test_spaced_integers_round_trip(n: int, sep: str) -> None:
    text = f"{n:,}".replace(",", sep)
    assert parse_digits(text) == n
    assert parse_words([text, "milj."]) == n * 10**6


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=9_999_999), st.integers(min_value=1, max_value=99))
def test_decimal_comma_round_trip(whole: int, cents: int) -> None:
    text = f"{whole},{cents:02d}"
    assert parse_digits(text) == pytest.approx(whole + cents / 100)
    assert parse_digits("-" + text) == pytest.approx(-(whole + cents / 100))


# ---------------------------------------------------------------------------
# Ordinals
# ---------------------------------------------------------------------------

ORDINAL_STEMS = (
    "pirm otr treš ceturt piekt sest septīt astot devīt desmit vienpadsmit divpadsmit trīspadsmit "
    "deviņpadsmit divdesmit trīsdesmit četrdesmit deviņdesmit simt divsimt piecsimt tūkstoš miljon"
).split()
DEFINITE_ENDINGS = "ais ā ajam o ajā ie ajiem os ajos ās ajai ajām ajās".split()


@pytest.mark.parametrize("stem", ORDINAL_STEMS)
def test_ordinal_words(stem: str) -> None:
    for ending in DEFINITE_ENDINGS:
        assert is_ordinal(stem + ending), stem + ending
        assert is_ordinal((stem + ending).capitalize())
        assert parse_words([stem + ending]) is None or stem + ending in SHARED_WITH_ORDINALS


@pytest.mark.parametrize("word", ["2016.", "15.", "1.", "48.", "90-tajos", "1990-ajos", "pirmais", "Trešajā"])
def test_ordinal_examples(word: str) -> None:
    assert is_ordinal(word)


@pytest.mark.parametrize(
    "word",
    [f for f in ALL_CARDINAL_FORMS if f not in SHARED_WITH_ORDINALS]
    + ["2016", "15", "3,7", "pirms", "otrdien", "piektdiena", "sestdien", "desmitiem", "simtgade", "", "."],
)
def test_not_ordinal(word: str) -> None:
    assert not is_ordinal(word)


@pytest.mark.parametrize("word", sorted(SHARED_WITH_ORDINALS))
def test_shared_forms_are_cardinal_after_a_count(word: str) -> None:
    assert is_ordinal(word)
    assert number_spans([word, "gadadiena"]) == []
    count = "vienā" if word.endswith("ā") else "piecos"
    (span,) = number_spans([count, word])
    assert span[:2] == (0, 2)


# ---------------------------------------------------------------------------
# Spans
# ---------------------------------------------------------------------------

SPANS = [
    ("Uzņēmums nopelnīja 5 milj. eiro", [(2, 4, 5_000_000)]),
    ("Iedzīvotāju skaits sasniedza 3,7 miljoni", [(3, 5, 3_700_000)]),
    ("Protestā piedalījās 30 000 cilvēku", [(2, 3, 30_000)]),
    ("Zaudējumi – 30 tūkst. eiro", [(2, 4, 30_000)]),
    ("Budžets ir 2 mljrd. eiro", [(2, 4, 2_000_000_000)]),
    ("Inflācija bija 13,5% gadā", [(2, 3, 13.5)]),
    ("Viņam ir divdesmit septiņas grāmatas", [(2, 4, 27)]),
    ("Cena pieauga par trīs simti piecdesmit eiro", [(3, 6, 350)]),
    ("Nozarē strādā pusotrs tūkstotis cilvēku", [(2, 4, 1500)]),
    ("Valsts aizņēmās pusotru miljardu", [(2, 4, 1_500_000_000)]),
    ("Divas trešdaļas deputātu nobalsoja", [(0, 2, 2 / 3)]),
    ("Viens no viņiem aizbrauca", [(0, 1, 1)]),
    ("Piedalījās 5 komandas un divi tiesneši", [(1, 2, 5), (4, 5, 2)]),
    ("Temperatūra nokritās līdz -5 grādiem", [(3, 4, -5)]),
    ("Temperatūra bija mīnus pieci grādi", [(2, 4, -5)]),
    ("No 3 līdz 4 stundām", [(1, 2, 3), (3, 4, 4)]),
    ("Tajā ir 1 500 000 iedzīvotāju", [(2, 3, 1_500_000)]),
    ("Pieci , seši , septiņi", [(0, 1, 5), (2, 3, 6), (4, 5, 7)]),
    ("Summa ir divi tūkstoši trīs eiro", [(2, 5, 2003)]),
    ("Projekts ilga 2 gadus", [(2, 3, 2)]),
    ("Ēka celta 1905 gadā", []),
    ("Grāmatā ir 300 lpp.", [(2, 3, 300)]),
    ("Pusmiljons eiro pazuda", [(0, 1, 500_000)]),
    ("Lietuvā dzīvo 2,8 miljoni un Latvijā 1,9 miljoni", [(2, 4, 2_800_000), (6, 8, 1_900_000)]),
    ("Pārdoti 12 345 678 eksemplāri", [(1, 2, 12_345_678)]),
    ("Izmaksas ir piecsimt tūkstoši eiro", [(2, 4, 500_000)]),
    ("Simtiem cilvēku ieradās", []),
    ("Tūkstošiem cilvēku ieradās", []),
    ("Miljoniem eiro iztērēti", []),
    ("Tas notika 2016. gadā", []),
    ("2016 gadā tas notika", []),
    ("Tas notika 2016 g.", []),
    ("Gads 2016 bija grūts", []),
    ("2014 - 2016. gadā pieauga", []),
    ("2014 - 2016 gadā pieauga", []),
    ("Tikšanās sāksies plkst. 14", []),
    ("Tikšanās sāksies plkst. 14.40", []),
    ("Tikšanās sāksies 14:40", []),
    ("Veikals strādā plkst. 10 līdz 18", []),
    ("Tikšanās plkst. divos", []),
    ("Tas notika 15. maijā", []),
    ("Tas notika 15 maijā", []),
    ("Datums 2016 - 05 - 03", []),
    ("Datums 03.05.2016", []),
    ("Zvaniet tālr. 67123456", []),
    ("Zvaniet tālr. : 67 123 456", []),
    ("Zvaniet +371 29735732", []),
    ("Zvaniet 29735732", []),
    ("Likuma 5. pants", []),
    ("Skatīt pants 5", []),
    ("Skatīt punkts 3", []),
    ("Skatīt § 5", []),
    ("Lēmums Nr. 5", []),
    ("Skatīt lpp. 12", []),
    ("Birojs atrodas Brīvības ielā 12", []),
    ("Viņš ieņēma trešo vietu", []),
    ("Trešajā ceturksnī", []),
    ("Divdesmit pirmajā gadsimtā", []),
    ("Divtūkstoš septiņpadsmitajā gadā", []),
    ("Simtā gadadiena", []),
    ("Puse iedzīvotāju", []),
    ("Zaudējumi sasniedza ceturtdaļu miljona eiro", [(2, 4, 250_000)]),
    ("Pilsētā dzīvo puse miljona cilvēku", [(2, 4, 500_000)]),
    ("Viņš paskatījās uz abām pusēm", []),
    ("Trešdaļa iedzīvotāju", []),
    ("Rezultāts 3:1", []),
    ("Pulksten 22.00", []),
]


@pytest.mark.parametrize(("sentence", "expected"), SPANS)
def test_number_spans(sentence: str, expected: list[tuple[int, int, float]]) -> None:
    tokens = _split_keep_groups(sentence)
    spans = number_spans(tokens)
    assert [(s, e) for s, e, _ in spans] == [(s, e) for s, e, _ in expected], [tokens[s:e] for s, e, _ in spans]
    for (_, _, got), (_, _, want) in zip(spans, expected):
        assert got == pytest.approx(want)
        assert type(got) is type(want)


def test_spans_are_maximal_and_disjoint() -> None:
    rng = random.Random(7)
    vocabulary = [f for f, _ in UNIT_CASES] + list(INDECLINABLE) + ["miljoni", "tūkstoši", "un", "eiro", "5", "ir"]
    for _ in range(300):
        tokens = [rng.choice(vocabulary) for _ in range(rng.randrange(1, 12))]
        spans = number_spans(tokens)
        previous_end = 0
        for start, end, value in spans:
            assert previous_end <= start < end <= len(tokens)
            assert parse_words(tokens[start:end]) == value
            # maximal: one more token on either side (if free) does not parse
            if end < len(tokens):
                assert parse_words(tokens[start : end + 1]) is None
            if start > previous_end:
                assert parse_words(tokens[start - 1 : end]) is None
            previous_end = end


def test_spans_value_types() -> None:
    spans = number_spans(["pusotrs", "miljons", "un", "3,5", "un", "3,0"])
    assert [(v, type(v)) for _, _, v in spans] == [(1_500_000, int), (3.5, float), (3, int)]


def test_tilde_before_digits_is_read_as_the_number():
    assert parse_digits("~60") == 60
    assert number_spans(["apmēram", "~2,5", "m"]) == [(1, 2, 2.5)]
