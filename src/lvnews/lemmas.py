"""Lemma lookup from the training data, in front of the edit-tree lemmatizer.

Latvian lemmas are mostly suffix rewrites keyed by part of speech and
features. For a form seen in training with that UPOS, the most frequent gold
lemma is more reliable than the statistical edit tree; unseen forms keep the
edit tree's answer.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterable

import srsly
from spacy.language import Language
from spacy.tokens import Doc


def spelling_rules(lemma: str) -> str:
    """Latvian spelling the edit trees miss on unseen nouns.

    Diminutive ``-iņ-`` stems of the first declension end in ``-š`` in the
    nominative (``Bērziņu`` -> ``Bērziņš``, never ``Bērziņs``).
    """
    if lemma.endswith("iņs"):
        return lemma[:-1] + "š"
    return lemma


class LemmaLookup:
    """Override lemmas of known (form, UPOS) pairs with the training lemma."""

    def __init__(self, nlp: Language, name: str = "lemma_lookup", table: dict[str, str] | None = None) -> None:
        self.name = name
        self.table: dict[str, str] = table or {}

    @staticmethod
    def key(form: str, pos: str) -> str:
        return f"{form}\t{pos}"

    def __call__(self, doc: Doc) -> Doc:
        table = self.table
        for tok in doc:
            lemma = table.get(self.key(tok.text, tok.pos_))
            # Sentence-initial capitals: look the word up as it is written elsewhere.
            if lemma is None and tok.is_title and tok.pos_ != "PROPN":
                lemma = table.get(self.key(tok.text.lower(), tok.pos_))
            if lemma is not None:
                tok.lemma_ = lemma
            if tok.pos_ in ("NOUN", "PROPN"):
                tok.lemma_ = spelling_rules(tok.lemma_)
        return doc

    def build(self, pairs: Iterable[tuple[str, str, str]], min_count: int = 1, min_share: float = 0.9) -> None:
        """Fill the table from (form, upos, lemma) triples of gold data.

        Only forms whose lemma is (nearly) unambiguous for their UPOS enter.
        """
        counts: dict[str, Counter] = defaultdict(Counter)
        for form, pos, lemma in pairs:
            counts[self.key(form, pos)][lemma] += 1
        table = {}
        for key, c in counts.items():
            lemma, n = c.most_common(1)[0]
            total = sum(c.values())
            if total >= min_count and n / total >= min_share:
                table[key] = lemma
        self.table = table

    def to_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_gzip_json(path / "table.json.gz", self.table)

    def from_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> "LemmaLookup":
        self.table = srsly.read_gzip_json(Path(path) / "table.json.gz")
        return self


@Language.factory("lvnews_lemma_lookup", default_config={})
def make_lemma_lookup(nlp: Language, name: str) -> LemmaLookup:
    return LemmaLookup(nlp, name)
