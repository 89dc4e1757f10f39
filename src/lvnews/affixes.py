"""Latvian lexical attributes for the statistical models.

Latvian inflection lives in endings of up to four or five letters
(``-ajām``, ``-iem``, ``-ošās``); spaCy's default ``SUFFIX`` keeps three and
``PREFIX`` one. The hash embeddings of the tok2vec read these attributes, so
longer affixes give the tagger, morphologizer and lemmatizer the ending
without widening the network. Used from the training config as
``[nlp.after_creation]``, and so recorded in the shipped model's config; it
changes only that pipeline's vocab, not spaCy's Latvian class.
"""

from __future__ import annotations

from typing import Callable

from spacy.attrs import PREFIX, SUFFIX
from spacy.language import Language
from spacy.util import registry


@registry.callbacks("lvnews.latvian_affixes.v1")
def latvian_affixes(prefix_length: int = 3, suffix_length: int = 4) -> Callable[[Language], Language]:
    def prefix(string: str) -> str:
        return string[:prefix_length]

    def suffix(string: str) -> str:
        return string[-suffix_length:]

    def modify(nlp: Language) -> Language:
        nlp.vocab.lex_attr_getters[PREFIX] = prefix
        nlp.vocab.lex_attr_getters[SUFFIX] = suffix
        return nlp

    return modify
