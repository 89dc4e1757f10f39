"""Cardinal number expressions in a sentence, and the numbers that are not counts.

A number in running text is often not a count: a year (``2016 gadā``), a
clock time (``plkst. 14``), a date (``15 maijā``, ``2016 - 05 - 03``), a
phone number or a reference (``Nr. 5``, ``ielā 12``); the words around it
tell which.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Sequence

from .digits import Number, digits_fraction, to_number
from .grammar import parse_tokens
from .ordinals import is_ordinal
from .words import HUNDRED, HUNDREDS, LEXICON, MULT, TENS, THOUSANDS

__all__ = ["number_spans", "MONTH_STEMS", "CLOCK_WORDS"]

_MAX_SPAN = 16

_YEAR_WORDS = frozenset({"gads", "gada", "gadam", "gadu", "gadā", "g.", "g"})
#: Words before a clock time (``plkst. 14``): the number after them is no count.
CLOCK_WORDS = frozenset({"plkst.", "plkst", "pulksten", "pulkstens", "pulkstenis"})
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
    return tok in LEXICON or digits_fraction(tok) is not None


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
    if prev in CLOCK_WORDS or prev in _PHONE_WORDS or prev in _REFERENCE_WORDS:
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
            value = parse_tokens(toks[i:j])
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
            spans.append((i, end, to_number(value)))
        i = end
    return spans
