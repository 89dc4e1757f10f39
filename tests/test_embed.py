"""The hashed-features + bytes token embedding (lvnews.HashCharEmbed.v1)."""

from __future__ import annotations

import numpy
import pytest
import spacy
from spacy.util import registry


def build(**overrides):
    config = {"width": 32, "attrs": ["NORM", "SUFFIX"], "rows": [100, 50], "nM": 8, "nC": 6, **overrides}
    return registry.architectures.get("lvnews.HashCharEmbed.v1")(**config)


def test_one_vector_per_token_and_bytes_matter():
    nlp = spacy.blank("lv")
    docs = [nlp("Rīgā lija lietus"), nlp("Rīgas")]
    model = build()
    model.initialize(X=docs)
    out = model.predict(docs)
    assert [a.shape for a in out] == [(3, 32), (1, 32)]
    # Both words have the SHAPE "xxxx": only their bytes tell them apart.
    shape_only = build(attrs=["SHAPE"], rows=[50])
    shape_only.initialize(X=docs)
    # spaCy starts byte embeddings at zero and learns them; give them values.
    chars = next(node for node in shape_only.walk() if node.has_param("E"))
    chars.set_param("E", chars.ops.asarray(numpy.random.default_rng(0).normal(size=chars.get_param("E").shape),
                                           dtype="f"))
    a, b = shape_only.predict([nlp("kaķis")])[0], shape_only.predict([nlp("kaķīs")])[0]
    assert nlp("kaķis")[0].shape_ == nlp("kaķīs")[0].shape_
    assert abs(a - b).sum() > 1e-6


def test_attrs_and_rows_must_pair():
    with pytest.raises(ValueError, match="2 attrs but 1 row"):
        build(rows=[100])


def test_usable_from_a_training_config():
    from thinc.api import Config

    cfg = Config().from_str("""
[model]
@architectures = "spacy.Tok2Vec.v2"

[model.embed]
@architectures = "lvnews.HashCharEmbed.v1"
width = 16
attrs = ["NORM"]
rows = [50]
nM = 4
nC = 4

[model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = 16
depth = 1
window_size = 1
maxout_pieces = 2
""")
    model = registry.resolve(cfg)["model"]
    nlp = spacy.blank("lv")
    docs = [nlp("Ventspils ir pilsēta")]
    model.initialize(X=docs)
    assert model.predict(docs)[0].shape == (3, 16)
