"""ISO 4217 codes for the money a quantity counts (contract: ``quantity.currency``).

The currency nouns are those of ``entities/data/currencies.json``; their codes
live in ``data/currency_codes.json``. A country or people next to the noun
decides between currencies of one name (``Kanādas dolāri`` -> CAD,
``zviedru kronas`` -> SEK); without one, a noun that names several
currencies (``krona``) gets no code rather than a guess.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Iterable

CODES_PATH = Path(__file__).with_name("data") / "currency_codes.json"
# Genitive plurals of peoples lemmatise to the singular (``zviedru`` ->
# ``zviedrs``): the table lists them in the plural as written.
_PEOPLE_ENDINGS = (("s", "i"), ("š", "i"), ("is", "i"))


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, str | None], dict[str, dict[str, str]]]:
    data = json.loads(CODES_PATH.read_text(encoding="utf8"))
    return data["codes"], data["qualified"]


def _forms(word: str) -> set[str]:
    word = word.lower()
    forms = {word}
    for ending, plural in _PEOPLE_ENDINGS:
        if word.endswith(ending):
            forms.add(word[: -len(ending)] + plural)
    return forms


def currency_of(unit: str | None, qualifiers: Iterable[str] = ()) -> str | None:
    """The ISO 4217 code of ``unit`` (a lemma or symbol), or None when it is not money.

    ``qualifiers`` are the lemmas (or texts) of the words next to the noun
    that may name the country: ``ASV``, ``Kanāda``, ``zviedrs``, ``sterliņu``.
    """
    if not unit:
        return None
    codes, qualified = _table()
    key = unit.lower()
    for word in qualifiers:
        for form in _forms(word):
            code = qualified.get(key, {}).get(form)
            if code:
                return code
    return codes.get(key)


def currency_nouns() -> frozenset[str]:
    """The units that are money: every noun and symbol with an entry."""
    return frozenset(_table()[0])
