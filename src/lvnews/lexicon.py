"""Latvian word lists the rules share, loaded once from ``data/lexicon.json``.

The fact extractors and the entity rules read the same lists (qualifiers such
as ``vairāk nekā``, titles, units, group nouns), so they live below both
packages. Lexicons are data, not code: adding a title or a membership verb is
an edit to the JSON file, documented in docs/facts.md.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc

LEXICON_PATH = Path(__file__).with_name("data") / "lexicon.json"


@dataclass(frozen=True)
class Lexicon:
    approx: tuple[tuple[tuple[str, ...], str], ...]  # (words, kind), longest phrases first
    range_words: frozenset[str]
    added_verbs: frozenset[str]
    total_verbs: frozenset[str]
    membership_verbs: frozenset[str]
    become_verbs: frozenset[str]
    member_nouns: frozenset[str]
    strict_member_nouns: frozenset[str]
    measure_frames: frozenset[str]
    count_nouns: frozenset[str]
    membership_member_nouns: frozenset[str]
    group_nouns: frozenset[str]
    relational_group_nouns: frozenset[str]
    generic_references: frozenset[str]
    time_adverbs: frozenset[str]
    titles: frozenset[str]
    title_heads: frozenset[str]
    title_modifiers: frozenset[str]
    elect_verbs: frozenset[str]
    title_compound_heads: frozenset[str]
    day_parts: frozenset[str]
    half_measures: frozenset[str]
    relational_titles: frozenset[str]
    presenter_nouns: frozenset[str]

    def is_title_head(self, lemma: str) -> bool:
        return self.title_form(lemma) is not None

    def title_form(self, lemma: str) -> str | None:
        """The title a head lemma stands for, or None when it is no title.

        Feminine titles share the masculine entry's stem (direktore ~
        direktors). The statistical lemmatizer puts rare nouns in the wrong
        declension (``kapteini`` -> ``kapteins``, ``kancleri`` ->
        ``kancleris``): the entry of the other declension is the lemma.
        Compounds end in a head (``komercdirektors``, ``pulkvežleitnants``).
        """
        lemma = lemma.lower()
        for form in (lemma, *_declension_variants(lemma)):
            if form in self.title_heads or form in self.titles:
                return form
        for ending, masc in (("e", "s"), ("a", "s"), ("e", "is"), ("ce", "ks")):
            if lemma.endswith(ending) and lemma[: -len(ending)] + masc in self.title_heads:
                return lemma
        for form in (lemma, *_declension_variants(lemma)):
            if any(form.endswith(head) and len(form) - len(head) >= 3 for head in self.title_compound_heads):
                return form
        return None


def _declension_variants(lemma: str) -> tuple[str, ...]:
    """``kapteins`` <-> ``kapteinis``: first and second declension of one stem."""
    if lemma.endswith("is"):
        return (lemma[:-2] + "s",)
    if lemma.endswith("s"):
        return (lemma[:-1] + "is",)
    return ()


@lru_cache(maxsize=4)
def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    data = json.loads(Path(path).read_text(encoding="utf8"))
    approx = sorted(
        ((tuple(phrase.split()), kind) for kind, phrases in data["approx"].items() for phrase in phrases),
        key=lambda item: -len(item[0]),
    )
    sets = {k: frozenset(w.lower() for w in v) for k, v in data.items() if isinstance(v, list)}
    return Lexicon(approx=tuple(approx), **{f: sets[f] for f in Lexicon.__dataclass_fields__ if f != "approx"})


def approx_before(doc: Doc, start: int, lexicon: Lexicon, limit: int = 4) -> tuple[str | None, int]:
    """Qualifier (``vairāk nekā``, ``ap``) right before token ``start``: (kind, its start)."""
    for words, kind in lexicon.approx:
        n = len(words)
        if start - n < 0:
            continue
        if tuple(t.lower_ for t in doc[start - n : start]) == words:
            return kind, start - n
    return None, start
