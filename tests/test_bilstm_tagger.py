"""The BiLSTM tagger: its stretches, its numpy network against PyTorch's, and the component in the real pipeline."""

from __future__ import annotations

import numpy as np
import pytest
import spacy

from lvnews.bilstm_tagger import MAX_STRETCH, NO_READINGS, TRAINING_FORM, BiLSTMTagger, TaggerModel, stretches
from lvnews.lexicon_tags import label_key, parse_label
from lstm_weights import random_lstm


def random_tagger(rng: np.random.Generator, labels: list[str], n_features: int, signatures: list[str],
                  hidden: int = 5, bag_dim: int = 3) -> TaggerModel:
    """A tagger with PyTorch's parameter names and shapes, random weights."""
    n_in = n_features + bag_dim
    w = {"bag.weight": np.concatenate([np.zeros((1, bag_dim)),
                                       rng.normal(size=(TRAINING_FORM + len(signatures), bag_dim))])}
    w.update(random_lstm(rng, n_in, hidden))
    w["out.weight"] = rng.normal(size=(len(labels), 2 * hidden))
    w["out.bias"] = rng.normal(size=len(labels))
    return TaggerModel({k: np.asarray(v, dtype=np.float32) for k, v in w.items()}, labels, signatures)


def test_stretches_cut_at_sentence_ends_and_line_breaks_and_cover_the_doc():
    nlp = spacy.blank("lv")
    doc = nlp.make_doc("Anna lasa. Jānis raksta, t.i. strādā! „Kur?” \n Nē")
    spans = stretches(doc)
    assert [doc[a:b].text for a, b in spans] == ["Anna lasa.", "Jānis raksta, t.i. strādā!",
                                                      "„Kur?” \n ", "Nē"]
    long = nlp.make_doc(" ".join(["vārds"] * (2 * MAX_STRETCH + 5)))
    assert [b - a for a, b in stretches(long)] == [MAX_STRETCH, MAX_STRETCH, 5]
    assert stretches(nlp.make_doc("")) == []


def test_the_numpy_tagger_is_pytorchs():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(0)
    model = random_tagger(rng, ["POS=NOUN", "POS=VERB", "POS=PUNCT"], 6, ["lietv|vn"])
    feats = rng.normal(size=(2, 3, 6)).astype(np.float32)
    bags = np.array([[[4, 3], [NO_READINGS, 0], [1, 0]], [[4, 0], [0, 0], [0, 0]]])
    lengths = np.array([3, 1])
    ours = model.probabilities(feats, bags, lengths)
    lstm = torch.nn.LSTM(9, 5, num_layers=2, bidirectional=True, batch_first=True)
    lstm.load_state_dict({k[len("lstm."):]: torch.from_numpy(v) for k, v in model.weights.items()
                          if k.startswith("lstm.")})
    x = np.concatenate([feats, model.weights["bag.weight"][bags].sum(-2)], axis=-1)
    for b, n in enumerate(lengths):
        with torch.no_grad():
            h = lstm(torch.from_numpy(x[b : b + 1, :n]))[0][0]
            theirs = torch.softmax(h @ torch.from_numpy(model.weights["out.weight"]).T
                                   + torch.from_numpy(model.weights["out.bias"]), -1).numpy()
        np.testing.assert_allclose(ours[b, :n], theirs, atol=1e-5)


def test_the_component_tags_the_real_pipeline_and_saves_its_weights(nlp, tmp_path):
    if "lvnews_lexicon_tags" not in nlp.component_names:
        pytest.skip("the model has no lexicon tags")
    labels = list(nlp.get_pipe("morphologizer").labels)
    tagger = BiLSTMTagger(nlp, lexicon_tags="lvnews_lexicon_tags")
    tagger.model = random_tagger(np.random.default_rng(1), labels, nlp.get_pipe("tok2vec").model.get_dim("nO"),
                                 ["lietv1r|vn"])
    text = "Divas sikspārņu mātītes slēpās vecā šķūnī. Pētnieki tās atrada ar termokameru."
    with nlp.select_pipes(enable=["tok2vec", "tagger", "morphologizer"]):
        doc = nlp(text)
    tagger(doc)
    known = {label_key(parse_label(label)) for label in labels}
    assert all(label_key({"POS": t.pos_, **t.morph.to_dict()}) in known for t in doc)
    tags = [(t.pos_, str(t.morph), t.tag_) for t in doc]
    tagger.to_disk(tmp_path / "tagger")
    loaded = BiLSTMTagger(nlp).from_disk(tmp_path / "tagger")
    with nlp.select_pipes(enable=["tok2vec", "tagger", "morphologizer"]):
        again = nlp(text)
    loaded(again)
    # Saved in half precision: the same tags.
    assert [(t.pos_, str(t.morph), t.tag_) for t in again] == tags
    assert BiLSTMTagger(nlp).from_bytes(tagger.to_bytes()).model is not None


def test_without_weights_the_doc_is_left_alone(nlp):
    doc = nlp.make_doc("Anna lasa")
    assert BiLSTMTagger(nlp)(doc) is doc and not doc.has_annotation("POS")
