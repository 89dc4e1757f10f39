"""The graph-based parser's numpy inference (lvnews.biaffine) and its tree decoder (lvnews.trees)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from spacy.tokens import Doc

from lvnews.biaffine import MAX_FEATURES, BiaffineModel, BiaffineParser, morph_ids
from lvnews.trees import chu_liu_edmonds, decode_one_root, tree_score
from lstm_weights import random_lstm


def all_trees(n: int):  # noqa: ANN201
    """Every head array over words 1..n (node 0 the root) that is a tree: each word reaches the root."""
    for heads in itertools.product(range(n + 1), repeat=n):
        full = (0, *heads)
        if any(h == i for i, h in enumerate(full) if i):
            continue
        ok = True
        for i in range(1, n + 1):
            seen, node = set(), i
            while node and node not in seen:
                seen.add(node)
                node = full[node]
            ok &= node == 0
        if ok:
            yield np.array(full)


@pytest.mark.parametrize("seed", range(20))
def test_chu_liu_edmonds_finds_the_best_tree_and_one_root_the_best_single_rooted(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 6))
    scores = rng.normal(size=(n + 1, n + 1))
    trees = list(all_trees(n))
    best = max(tree_score(scores, t) for t in trees)
    assert tree_score(scores, chu_liu_edmonds(scores)) == pytest.approx(best)
    one_root = [t for t in trees if (t[1:] == 0).sum() == 1]
    heads = decode_one_root(scores)
    assert (heads[1:] == 0).sum() == 1
    assert tree_score(scores, heads) == pytest.approx(max(tree_score(scores, t) for t in one_root))


def random_model(rng: np.random.Generator, n_features: int = 6, n_upos: int = 4, hidden: int = 5,
                 arc: int = 7, label: int = 3, labels: tuple[str, ...] = ("nsubj", "obj", "punct"),
                 morph: tuple[str, ...] = ()) -> BiaffineModel:
    """A model with PyTorch's parameter names and shapes, random weights; with ``morph`` (feature
    values, padding and unknown first) it also reads FEATS, 3 numbers per value."""
    n_in = n_features + 4 + (3 if morph else 0)
    w = {"upos.weight": rng.normal(size=(n_upos, 4)), "root": rng.normal(size=n_in)}
    if morph:
        w["morph.weight"] = np.concatenate([np.zeros((1, 3)), rng.normal(size=(len(morph) - 1, 3))])
    w.update(random_lstm(rng, n_in, hidden))
    for name, size in (("arc_dep", arc), ("arc_head", arc), ("label_dep", label), ("label_head", label)):
        w[f"{name}.linear.weight"] = rng.normal(size=(size, 2 * hidden))
        w[f"{name}.linear.bias"] = rng.normal(size=size)
    w["arc_weight"] = rng.normal(size=(arc + 1, arc))
    w["label_weight"] = rng.normal(size=(len(labels), label + 1, label + 1))
    weights = {k: np.asarray(v, dtype=np.float32) for k, v in w.items()}
    return BiaffineModel(weights, list(labels), ["<unk>", "NOUN", "VERB", "PUNCT"][:n_upos], layers=2,
                         morph=list(morph))


MORPH = ("<pad>", "<unk>", "Case=Nom", "Case=Acc", "Number=Sing", "Person=3")


def test_the_numpy_bilstm_is_pytorchs():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(0)
    model = random_model(rng)
    lengths = np.array([4, 2, 3])
    feats = rng.normal(size=(3, 4, 6)).astype(np.float32)
    upos = rng.integers(0, 4, size=(3, 4))
    ours = model.encode(feats, upos, lengths)
    lstm = torch.nn.LSTM(10, 5, num_layers=2, bidirectional=True, batch_first=True)
    lstm.load_state_dict({k[len("lstm."):]: torch.from_numpy(v) for k, v in model.weights.items()
                          if k.startswith("lstm.")})
    x = np.concatenate([feats, model.weights["upos.weight"][upos]], axis=-1)
    for b, n in enumerate(lengths):
        seq = np.concatenate([model.weights["root"][None], x[b, :n]])[None]
        with torch.no_grad():
            theirs = lstm(torch.from_numpy(seq))[0][0].numpy()
        np.testing.assert_allclose(ours[b, : n + 1], theirs, atol=1e-5)


def test_feats_are_read_as_the_sum_of_their_values():
    assert morph_ids(["Case=Nom|Number=Sing", "", "Case=Voc|Person=3"], list(MORPH)).tolist() == [
        [2, 4] + [0] * (MAX_FEATURES - 2), [0] * MAX_FEATURES, [1, 5] + [0] * (MAX_FEATURES - 2)]
    rng = np.random.default_rng(3)
    model = random_model(rng, morph=MORPH)
    feats = rng.normal(size=(1, 2, 6)).astype(np.float32)
    upos = np.array([[1, 2]])
    morph = morph_ids(["Case=Nom|Number=Sing", "Person=3"], list(MORPH))[None]
    summed = model.weights["morph.weight"][[2, 4]].sum(0)
    # The same input as a one-feature word whose single value embeds as the sum: the same states.
    single = random_model(np.random.default_rng(3), morph=MORPH)
    single.weights["morph.weight"][2] = summed
    alone = morph_ids(["Case=Nom", "Person=3"], list(MORPH))[None]
    lengths = np.array([2])
    np.testing.assert_allclose(model.encode(feats, upos, lengths, morph), single.encode(feats, upos, lengths, alone),
                               atol=1e-6)
    assert not np.allclose(model.encode(feats, upos, lengths, morph), model.encode(feats, upos, lengths, alone))
    heads, rels = model.parse(feats, upos, lengths, morph)[0]
    assert (heads[1:] == 0).sum() == 1 and len(rels) == 2


def test_parse_gives_one_rooted_trees_and_known_labels():
    rng = np.random.default_rng(1)
    model = random_model(rng)
    lengths = np.array([5, 1, 3])
    out = model.parse(rng.normal(size=(3, 5, 6)).astype(np.float32), rng.integers(0, 4, size=(3, 5)), lengths)
    for (heads, rels), n in zip(out, lengths):
        assert len(heads) == n + 1 and len(rels) == n
        assert (heads[1:] == 0).sum() == 1 and set(rels) <= set(model.labels)
        assert list(all_trees(n)) and any((heads == t).all() for t in all_trees(n))


def test_the_component_reparses_each_sentence_and_saves_its_weights(nlp, tmp_path):
    rng = np.random.default_rng(2)
    words = ["Anna", "lasa", ".", "Jānis", "raksta", "vēstuli", "."]
    doc = Doc(nlp.vocab, words=words, heads=[1, 1, 1, 4, 4, 4, 4],
              deps=["nsubj", "ROOT", "punct", "nsubj", "ROOT", "obj", "punct"],
              pos=["PROPN", "VERB", "PUNCT", "PROPN", "VERB", "NOUN", "PUNCT"])
    doc.tensor = rng.normal(size=(len(words), 6)).astype(np.float32)
    parser = BiaffineParser(nlp)
    parser.model = random_model(rng)
    parser(doc)
    assert [(s.start, s.end) for s in doc.sents] == [(0, 3), (3, 7)]
    assert all(sum(t.dep_ == "ROOT" for t in s) == 1 for s in doc.sents)
    arcs = [(t.head.i, t.dep_) for t in doc]
    parser.to_disk(tmp_path / "biaffine")
    loaded = BiaffineParser(nlp).from_disk(tmp_path / "biaffine")
    again = Doc(nlp.vocab, words=words, heads=[1, 1, 1, 4, 4, 4, 4],
                deps=["nsubj", "ROOT", "punct", "nsubj", "ROOT", "obj", "punct"],
                pos=["PROPN", "VERB", "PUNCT", "PROPN", "VERB", "NOUN", "PUNCT"])
    again.tensor = doc.tensor
    loaded(again)
    # Saved in half precision: the same trees.
    assert [(t.head.i, t.dep_) for t in again] == arcs
    assert BiaffineParser(nlp).from_bytes(parser.to_bytes()).model is not None


def test_without_weights_or_a_parse_the_doc_is_left_alone(nlp):
    doc = Doc(nlp.vocab, words=["Anna", "lasa"])
    assert BiaffineParser(nlp)(doc) is doc and not doc.has_annotation("DEP")
