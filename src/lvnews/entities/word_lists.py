"""Word lists of the entity rules (``data/labels.json``), shared by label repair and base forms.

Written by hand from general knowledge: organisation and place head nouns,
generic bodies, parts of places, organisation acronyms, English organisation
and place words, well-known international companies, media and agencies
(``brands``, as written), continents and regions without a government, seats
of power that stand for a government (``Baltais nams``). Lemmas are lower-case.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

LISTS = Path(__file__).with_name("data") / "labels.json"
OPENING_QUOTES = {"„", "“", '"', "«"}
CLOSING_QUOTES = {"”", "“", '"', "»"}
# Tokens after which a capital letter says nothing about a name.
OPENERS = {".", "!", "?", ":", "-", "–", "—", "(", "„", "“", '"', "«", "…"}
NOMINATIVE_ENDINGS = ("s", "š", "a", "e", "is", "us", "i", "as", "es")


@dataclass(frozen=True)
class LabelLists:
    org_heads: frozenset[str]
    loc_heads: frozenset[str]
    generic_bodies: frozenset[str]
    organisations: frozenset[str]
    english_org_words: frozenset[str]
    parts_of_places: frozenset[str]
    events_named_after: frozenset[str]
    gatherings: frozenset[str]
    # A company's or a club's board right after its tagged name is no part of the name
    # (``„Lattelecom” padomē``, ``kluba „Smiltene” valdes``: so in FullStack-LV train 18 times,
    # ``padome`` 7, ``valde`` 11); a board named by a capitalised word is one (``Konkurences
    # padome``, ``Īres valde``).
    boards: frozenset[str]
    org_nouns_before_names: frozenset[str]
    brands: frozenset[str]
    continents: frozenset[str]
    seats_of_power: frozenset[str]
    short_state_names: frozenset[str]
    english_loc_words: frozenset[str]
    admin_heads: frozenset[str]
    # Units named with their noun (``Jelgavas novads``): FullStack-LV tags the whole GPE
    # 98 times in 99 in training; ``pilsēta`` is left out (half and half).
    admin_unit_names: frozenset[str]


@lru_cache(maxsize=1)
def label_lists() -> LabelLists:
    data = json.loads(LISTS.read_text(encoding="utf8"))
    return LabelLists(**{k: frozenset(v) for k, v in data.items() if not k.startswith("_")})


@lru_cache(maxsize=1)
def name_heads() -> frozenset[str]:
    """Every head noun the lists know: the base forms of names end in one of these."""
    lists = label_lists()
    return lists.org_heads | lists.loc_heads | lists.generic_bodies | lists.parts_of_places


def known_base(text: str, lemma: str, words: frozenset[str]) -> str | None:
    """The word of ``words`` the noun form ``text`` is a form of, or None.

    The lemma first; then the form with its case ending swapped for a
    nominative one, as the lemmatizer misses on rarer nouns (``okeānā`` ->
    ``okeāna``).
    """
    if lemma.lower() in words:
        return lemma.lower()
    low = text.lower()
    for cut in (1, 2, 3):
        stem = low[:-cut]
        for ending in NOMINATIVE_ENDINGS:
            if len(stem) > 2 and stem + ending in words:
                return stem + ending
    return None


def lemma(tok: Token) -> str:
    return (tok.lemma_ or tok.text).lower()


def base_in(tok: Token, words: frozenset[str]) -> str | None:
    """The word of ``words`` the noun ``tok`` is a form of, or None (see ``known_base``)."""
    return known_base(tok.text, tok.lemma_ or tok.text, words)


def starts_sentence(tok: Token) -> bool:
    return tok.i == 0 or tok.is_sent_start or tok.doc[tok.i - 1].text in OPENERS
