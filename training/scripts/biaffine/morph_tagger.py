"""A BiLSTM morphological tagger over the frozen tok2vec features, with the lexicon (issue #16, UFeats).

Why: ``tagger_probe.py`` found that a BiLSTM over the stored features tags
FEATS about as well as the shipped morphologizer does *with* the lexicon tags,
without any lexicon. This asks whether the two add up. The tagger predicts the
morphologizer's own joint labels (``POS=NOUN|Case=Gen|...``), so UPOS and
FEATS come from one decision and ``lexicon_tags.choose_labels`` re-weighs its
probabilities unchanged, on the words the component re-decides in use (alpha,
not among the training forms, with readings). With ``--lexicon-input`` each
token also reads the sum of embeddings of its hunspell readings' coarse
signatures (plus "no readings" and "a training form" marks): the network then
learns what a reading means in context, not only through the prior.

Each run also scores the pipeline's stored tags (the baseline: morphologizer +
lexicon tags), and averages the tagger with the morphologizer, whose softmax
layer is re-applied to the stored tensor (as ``head_scores`` does). Dev is
scored on gold tokens; the best epoch is chosen by dev FEATS after the lexicon
re-weighting, so the dev numbers are a little optimistic. A measurement: the
pipeline does not use this.

Dev, gold tokens (UPOS / FEATS / both), trained on UD train + mapped LVTB 2.17:
the pipeline 96.46 / 93.13 / 91.48; BiLSTM, features only (12 epochs, still
rising) 95.70 / 92.36 argmax, 96.54 / 93.60 / 92.01 + lexicon; with the lexicon
input (best of 17 epochs, the 14th) 96.59 / 93.74 argmax, 96.86 / 94.15 / 92.55
+ lexicon. Averaging with the morphologizer helps the first (93.64) and hurts
the second (94.01). 2.1 M parameters, about 2 M multiply-adds a token (the
morphologizer's softmax layer: 0.15 M); numpy (``lvnews.bilstm``), one thread,
about 8.8k tokens a second.

Usage (from the repository root, one core)::

    OMP_NUM_THREADS=1 python training/scripts/biaffine/morph_tagger.py \\
        --train /work/shared/corpora/lv/ud/train.conllu /work/feat2/train.npz \\
        --train training/corpus/lvtb217_train50_new.conllu /work/feat2/extra.npz \\
        --dev /work/shared/corpora/lv/ud/dev.conllu /work/feat2/dev.npz \\
        [--lexicon-input] --out training/training/biaffine/morph/plain.pt
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import spacy
import torch
from torch import nn

from batching import bucket, collate, concatenate, sentence_starts
from features import Treebank
from lvnews.conll import read_paragraphs
from lvnews.lexicon_lemmas import pipeline_dictionary
from lvnews.bilstm import padded_ids
from lvnews.bilstm_tagger import PAD, TRAINING_FORM, reading_bag
from lvnews.lexicon_tags import label_features, label_key, parse_label, softmax


@dataclass
class Lexicon:
    """The shipped pipeline's lexicon tags and morphologizer, as this script needs them."""

    nlp: spacy.language.Language

    def __post_init__(self) -> None:
        self.lt = self.nlp.get_pipe("lvnews_lexicon_tags")
        self.morphologizer = self.nlp.get_pipe("morphologizer")
        self.labels = self.lt.morph_labels(self.morphologizer)
        self.names = list(self.morphologizer.labels)
        self.dictionary = pipeline_dictionary(self.nlp, self.lt.lexicon)
        layer = self.morphologizer.model.layers[-1].layers[0]
        self.W, self.b = np.asarray(layer.get_param("W")), np.asarray(layer.get_param("b"))

    def signatures(self, form: str) -> list[str]:
        """The coarse signatures of the form's readings that the lexicon tags know."""
        return sorted({coarse for _, coarse in self.lt.readings(self.dictionary, form)})

    def unseen(self, forms: list[str]) -> np.ndarray:
        """Rows the lexicon tags re-decide in use (``LexiconTags.unseen``)."""
        return np.array(self.lt.unseen(forms, self.dictionary), dtype=np.int64)

    def reweigh(self, probs: np.ndarray, forms: list[str], rows: np.ndarray) -> np.ndarray:
        """Argmax labels, re-decided by the lexicon at ``rows`` as the component does (``LexiconTags.choose``)."""
        pred = probs.argmax(-1)
        chosen = self.lt.choose(self.dictionary, [forms[i] for i in rows.tolist()], probs[rows], self.labels)
        for row, k in zip(rows.tolist(), chosen):
            if k is not None:
                pred[row] = k
        return pred

    def morphologizer_probs(self, tensor: np.ndarray) -> np.ndarray:
        """The morphologizer's probabilities from stored tok2vec output (its last layer is a linear softmax)."""
        return softmax(tensor @ self.W.T + self.b)


def gold_words(conllu: Path) -> tuple[list[str], list[str]]:
    """Forms and joint labels (``label_key`` of UPOS + FEATS), in the order ``features.py`` stored the words."""
    words = [w for p in read_paragraphs(conllu) for s in p.sentences for w in s.words]
    return [w.form for w in words], [label_key(label_features(w.upos, w.feats)) for w in words]


def bag_ids(lexicon: Lexicon, forms: list[str], vocab: dict[str, int]) -> np.ndarray:
    """Each token's lexicon bag (``reading_bag``, as the component builds it), padded with ``PAD``."""
    bags = [reading_bag(form, lexicon.lt.readings(lexicon.dictionary, form), vocab, lexicon.lt.forms) for form in forms]
    return padded_ids(bags, max(map(len, bags)))


class MorphTagger(nn.Module):
    """2 x BiLSTM over tok2vec features (and the lexicon bag), a softmax over the morphologizer's labels."""

    def __init__(self, n_in: int, n_labels: int, n_signatures: int = 0, bag_dim: int = 64, hidden: int = 200,
                 dropout: float = 0.33) -> None:
        super().__init__()
        self.bag = nn.Embedding(n_signatures, bag_dim, padding_idx=PAD) if n_signatures else None
        self.drop = nn.Dropout(dropout)
        width = n_in + (bag_dim if n_signatures else 0)
        self.lstm = nn.LSTM(width, hidden, num_layers=2, bidirectional=True, batch_first=True, dropout=dropout)
        self.out = nn.Linear(2 * hidden, n_labels)

    def forward(self, feats: torch.Tensor, bags: torch.Tensor | None) -> torch.Tensor:
        if self.bag is not None:
            feats = torch.cat([feats, self.bag(bags).sum(-2)], dim=-1)  # embedding bag (sum) per token
        h, _ = self.lstm(self.drop(feats))
        return self.out(self.drop(h))


def batch_bags(bags: np.ndarray | None, starts: np.ndarray, lengths: np.ndarray, idx: list[int]) -> torch.Tensor | None:
    """The lexicon bags of some sentences, padded like ``collate`` pads the features."""
    if bags is None:
        return None
    out = np.zeros((len(idx), int(lengths[idx].max()), bags.shape[1]), dtype=np.int64)
    for row, s in enumerate(idx):
        a, n = int(starts[s]), int(lengths[s])
        out[row, :n] = bags[a:a + n]
    return torch.from_numpy(out)


def predict(model: MorphTagger, bank: Treebank, bags: np.ndarray | None) -> np.ndarray:
    """Label probabilities of every token, in corpus order."""
    model.eval()
    starts, out = sentence_starts(bank), np.zeros((len(bank.upos), model.out.out_features), dtype=np.float32)
    dummy = np.zeros(len(bank.upos), dtype=np.int64)
    with torch.no_grad():
        for idx in bucket(bank.lengths, 5000):
            batch = collate(bank, starts, idx, dummy, dummy)
            probs = torch.softmax(model(batch.feats, batch_bags(bags, starts, bank.lengths, idx)), -1).numpy()
            for row, s in enumerate(idx):
                a, n = int(starts[s]), int(bank.lengths[s])
                out[a:a + n] = probs[row, :n]
    return out


def scores(pred_upos: list[str], pred_feats: list[str], gold: list[str]) -> tuple[float, float, float]:
    """UPOS, FEATS (whole string) and both, in percent; FEATS compared as sorted keys."""
    gold_f = [parse_label(g) for g in gold]
    upos = np.array([p == g["POS"] for p, g in zip(pred_upos, gold_f)])
    feats = np.array([p == label_key({k: v for k, v in g.items() if k != "POS"}) for p, g in zip(pred_feats, gold_f)])
    return 100 * upos.mean(), 100 * feats.mean(), 100 * (upos & feats).mean()


def label_scores(lexicon: Lexicon, pred: np.ndarray, gold: list[str]) -> tuple[float, float, float]:
    """``scores`` of label indices."""
    features = [lexicon.labels.features[k] for k in pred.tolist()]
    return scores([f["POS"] for f in features],
                  [label_key({k: v for k, v in f.items() if k != "POS"}) for f in features], gold)


def train(model: MorphTagger, bank: Treebank, y: np.ndarray, bags: np.ndarray | None, evaluate, epochs: int,
          patience: int) -> tuple[dict, float]:
    """Adam 2e-3 (betas .9/.9) on ~3000-token batches; keeps the state of the best ``evaluate()`` epoch."""
    optimizer = torch.optim.Adam(model.parameters(), lr=2e-3, betas=(0.9, 0.9))
    rng, starts = np.random.default_rng(1), sentence_starts(bank)
    dummy = np.zeros(len(y), dtype=np.int64)
    best, best_state, since = -1.0, {}, 0
    for epoch in range(1, epochs + 1):
        started = time.perf_counter()
        model.train()
        for idx in bucket(bank.lengths, 3000, rng):
            batch = collate(bank, starts, idx, dummy, y)
            gold = batch.labels[:, 1:]
            mask = torch.arange(gold.shape[1])[None, :] < batch.lengths[:, None]
            loss = nn.functional.cross_entropy(model(batch.feats, batch_bags(bags, starts, bank.lengths, idx))
                                               .transpose(1, 2), gold.masked_fill(~mask, -100), ignore_index=-100)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        score = evaluate(model)
        print(f"epoch {epoch}: {score:.2f} ({time.perf_counter() - started:.0f} s)", flush=True)
        if score > best:
            best, since = score, 0
            best_state = {k: v.clone() for k, v in model.state_dict().items()}
        else:
            since += 1
            if since >= patience:
                break
    return best_state, best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--train", nargs=2, action="append", metavar=("CONLLU", "NPZ"), required=True)
    ap.add_argument("--dev", nargs=2, metavar=("CONLLU", "NPZ"), required=True)
    ap.add_argument("--model", type=Path, default=Path("models/lv_lvnews"))
    ap.add_argument("--lexicon-input", action="store_true", help="add the embedding bag of hunspell readings")
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--epochs", type=int, default=15)
    ap.add_argument("--patience", type=int, default=3)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(1)
    lexicon = Lexicon(spacy.load(args.model))
    index = {label: i for i, label in enumerate(lexicon.names)}
    bank = concatenate([Treebank.load(Path(npz)) for _, npz in args.train])
    train_forms, train_gold = [], []
    for conllu, _ in args.train:
        forms, gold = gold_words(Path(conllu))
        train_forms += forms
        train_gold += gold
    dev = Treebank.load(Path(args.dev[1]))
    dev_forms, dev_gold = gold_words(Path(args.dev[0]))
    assert len(train_gold) == len(bank.upos) and len(dev_gold) == len(dev.upos)
    y = np.array([index.get(g, -100) for g in train_gold], dtype=np.int64)  # labels the morphologizer lacks: no loss
    print(f"train {len(y)} tokens, {int((y < 0).sum())} with a label the morphologizer lacks; "
          f"dev {sum(g not in index for g in dev_gold)}", flush=True)
    vocab: dict[str, int] = {}
    train_bags = dev_bags = None
    if args.lexicon_input:
        counts = Counter(s for f in train_forms for s in lexicon.signatures(f))
        kept = sorted(s for s, n in counts.items() if n >= args.min_count)
        vocab = {s: TRAINING_FORM + 1 + i for i, s in enumerate(kept)}
        train_bags, dev_bags = bag_ids(lexicon, train_forms, vocab), bag_ids(lexicon, dev_forms, vocab)
        print(f"{len(kept)} signatures of {len(counts)}", flush=True)
    unseen = lexicon.unseen(dev_forms)

    def dev_score(model: MorphTagger) -> float:
        return label_scores(lexicon, lexicon.reweigh(predict(model, dev, dev_bags), dev_forms, unseen), dev_gold)[1]

    model = MorphTagger(bank.tensor.shape[1], len(lexicon.names), TRAINING_FORM + 1 + len(vocab) if vocab else 0)
    state, _ = train(model, bank, y, train_bags, dev_score, args.epochs, args.patience)
    model.load_state_dict(state)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    torch.save({"state": state, "labels": lexicon.names, "signatures": sorted(vocab, key=vocab.get),
                "lexicon_input": args.lexicon_input, "n_in": bank.tensor.shape[1]}, args.out)
    report(lexicon, model, dev, dev_bags, dev_forms, dev_gold, unseen)


def report(lexicon: Lexicon, model: MorphTagger, dev: Treebank, bags: np.ndarray | None, forms: list[str],
           gold: list[str], unseen: np.ndarray) -> None:
    """The table of dev scores (gold tokens), the size of the model and its cost per token."""
    ours, theirs = predict(model, dev, bags), lexicon.morphologizer_probs(dev.tensor)
    rows = {"pipeline (morphologizer + lexicon tags), stored": scores(
        [str(u) for u in dev.upos], [label_key(parse_label(str(m))) for m in dev.morph], gold)}
    mixes = {"morphologizer": theirs, "BiLSTM": ours, "mean prob": (ours + theirs) / 2,
             "mean log-prob": softmax((np.log(ours + 1e-9) + np.log(theirs + 1e-9)) / 2)}
    for name, probs in mixes.items():
        rows[f"{name}, argmax"] = label_scores(lexicon, probs.argmax(-1), gold)
        rows[f"{name} + lexicon"] = label_scores(lexicon, lexicon.reweigh(probs, forms, unseen), gold)
    print(f"\ndev, gold tokens ({len(gold)} words, {len(unseen)} re-decided by the lexicon)")
    print(f"{'':52s} {'UPOS':>6s} {'FEATS':>6s} {'both':>6s}")
    for name, (u, f, b) in rows.items():
        print(f"{name:52s} {u:6.2f} {f:6.2f} {b:6.2f}")
    params = sum(p.numel() for p in model.parameters())
    macs = sum(p.numel() for n, p in model.named_parameters() if n.startswith(("lstm.weight", "out.weight")))
    print(f"\nparameters {params:,}; per token ~{macs / 1e6:.2f} M multiply-adds (LSTM gates + output layer)")
    started = time.perf_counter()
    predict(model, dev, bags)
    print(f"torch, one thread: {len(gold) / (time.perf_counter() - started):,.0f} tokens/s on dev")


if __name__ == "__main__":
    main()
