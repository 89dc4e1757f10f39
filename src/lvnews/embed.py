"""Token embedding for the tok2vec: hashed word features plus UTF-8 bytes.

spaCy offers either hashed attributes (``MultiHashEmbed``: NORM, PREFIX,
SUFFIX, SHAPE) or byte embeddings with one attribute (``CharacterEmbed``).
Latvian needs both: the hashed affixes carry the memorised endings, the
position-specific bytes of a word's first and last letters let the model
generalise to the forms it has not seen (most of the tagging and lemma
errors are on unseen words). This architecture concatenates the two before
the usual Maxout mixing layer, so the encoder and listeners stay spaCy's.
"""

from __future__ import annotations

from typing import List

from spacy.attrs import intify_attr
from spacy.ml import _character_embed
from spacy.ml.featureextractor import FeatureExtractor
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import HashEmbed, Maxout, Model, chain, concatenate, list2ragged, ragged2list, with_array
from thinc.types import Floats2d


@registry.architectures("lvnews.HashCharEmbed.v1")
def hash_char_embed(width: int, attrs: List[str], rows: List[int], nM: int, nC: int) -> Model[List[Doc], List[Floats2d]]:
    """Hash embeddings of ``attrs`` (one table of ``rows[i]`` rows each) + ``nC`` bytes of ``nM`` dims.

    nC bytes are taken alternately from the start and the end of the word
    (``Doc.to_utf8_array``), so the last letters keep their positions.
    """
    if len(attrs) != len(rows):
        raise ValueError(f"lvnews.HashCharEmbed.v1: {len(attrs)} attrs but {len(rows)} row counts")
    ids = [intify_attr(attr) for attr in attrs]
    tables = [HashEmbed(width, n, column=i, seed=7 + i, dropout=0.0) for i, n in enumerate(rows)]
    hashed = chain(FeatureExtractor(ids), list2ragged(), with_array(concatenate(*tables)))
    chars = chain(_character_embed.CharacterEmbed(nM=nM, nC=nC), list2ragged())
    mix = with_array(Maxout(width, width * len(ids) + nM * nC, nP=3, normalize=True, dropout=0.0))
    return chain(concatenate(hashed, chars), mix, ragged2list())
