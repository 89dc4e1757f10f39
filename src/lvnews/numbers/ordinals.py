"""Latvian ordinals, in digits and in words.

Latvian writes ordinals with a trailing dot (``2016. gadā``, ``15. maijā``)
and as definite adjectives (``trešajā``); both are ordinals, never counts.
"""

from __future__ import annotations

import re

from .words import PREFIX

__all__ = ["is_ordinal"]

_ORDINAL_STEMS = (
    ["nullt", "pirm", "otr", "treš", "ceturt", "piekt", "sest", "septīt", "astot", "devīt", "desmit"]
    + [p + "padsmit" for p in PREFIX.values()]
    + [p + "desmit" for n, p in PREFIX.items() if n >= 2]
    + ["simt"] + [p + "simt" for n, p in PREFIX.items() if n >= 2]
    + ["tūkstoš"] + [p + "tūkstoš" for n, p in PREFIX.items() if n >= 2]
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
