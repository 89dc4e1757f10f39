"""How Latvian number words combine into one number: ``divi tūkstoši trīs`` = 2003.

A plural multiplier without a count is not a number: ``tūkstošiem cilvēku``
means "thousands of people".  So plural forms need a count before them;
singular forms may stand alone (``tūkstotis`` = 1000).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from .digits import Number, digits_fraction, to_number
from .words import (
    COUNTED, HALF, HUNDRED, HUNDREDS, LEXICON, MULT, PL, PUSOTRS, SG, TEEN, TENS, THOUSANDS, UNIT, ZERO,
    Entry,
)

__all__ = ["parse_words", "parse_tokens"]


def _entry(tokens: Sequence[str], i: int) -> Entry | None:
    return LEXICON.get(tokens[i]) if i < len(tokens) else None


def _ends_in_one(count: Fraction) -> bool:
    """Latvian agreement: 1, 21, 101 ... (not 11) take a singular noun."""
    if count.denominator != 1:
        return False
    n = int(count)
    return n % 10 == 1 and n % 100 != 11


def _agrees(count: Fraction | None, entry: Entry, count_is_word: bool) -> bool:
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
            count = digits_fraction(tokens[i])
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
    if len(left) == 1 and LEXICON.get(left[0], Entry("", Fraction(0))).kind == ZERO:
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


def parse_tokens(tokens: Sequence[str]) -> Fraction | None:
    """Exact value of a lower-cased token sequence, or ``None``."""
    if not tokens:
        return None
    if tokens[0] == "mīnus":
        rest = parse_tokens(tokens[1:])
        return None if rest is None else -rest
    if len(tokens) == 1:
        tok = tokens[0]
        e = LEXICON.get(tok)
        if e is None:
            return digits_fraction(tok)
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
    value = parse_tokens([w.strip().lower() for w in words])
    return None if value is None else to_number(value)
