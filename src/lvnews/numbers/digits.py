"""Latvian numbers written in digits, one token at a time.

* A dot between digits is usually a clock time (``plkst. 14.40``) or a
  thousands separator (``1.500``); it is read as a decimal point only when
  nothing else fits.
* Values are computed exactly (``fractions.Fraction``) and returned as ``int``
  when integral, so ``3,7 milj.`` gives ``3700000`` and not ``3700000.0000001``;
  the number words (:mod:`.grammar`) use the same exact values.
"""

from __future__ import annotations

import re
from fractions import Fraction

__all__ = ["Number", "parse_digits", "digits_fraction", "to_number", "is_clock_time"]

Number = int | float

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
# Hours 0-24 (``24.00`` is midnight in timetables) and two-digit minutes.
_RE_CLOCK = re.compile(r"(?:[01]?[0-9]|2[0-4])[.:][0-5][0-9]")


def to_number(value: Fraction) -> Number:
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


def is_clock_time(text: str) -> bool:
    """``14.40``, ``9:00``, ``24.00``: one token that reads as hours and minutes."""
    return _RE_CLOCK.fullmatch(text) is not None


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
        if " " not in m["int"] and is_clock_time(f"{int_part}.{m['frac']}"):
            return None
        return Fraction(f"{int_part}.{m['frac']}"), int_part
    return None


def digits_fraction(text: str) -> Fraction | None:
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
    value = digits_fraction(text)
    return None if value is None else to_number(value)
