"""Train the biaffine prototype on frozen features, early-stopping on dev LAS.

One core by design (the machine is shared): ``torch.set_num_threads(1)``.
Each epoch writes one JSON line (loss, dev UAS/LAS, seconds) to ``log.jsonl``
in the run directory, and the best checkpoint by dev LAS to ``best.pt``, so a
run cut short still leaves its learning curve and its best model.

Usage::

    OMP_NUM_THREADS=1 nice -n 5 python training/scripts/biaffine/train.py --name upos_2x200 \
        --train training/training/biaffine/features/train.npz
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
import torch

from batching import Vocabs, bucket, collate, concatenate, sentence_starts
from evaluate import attachment_scores, parse
from features import Treebank
from model import BiaffineParser, Config

RUNS = Path("training/training/biaffine/runs")


def train_epoch(model: BiaffineParser, optimizer: torch.optim.Optimizer, bank: Treebank, vocabs: Vocabs,
                max_tokens: int, rng: np.random.Generator) -> float:
    """One pass over ``bank``; the mean batch loss."""
    model.train()
    starts = sentence_starts(bank)
    upos_ids, label_ids = vocabs.upos_ids(bank), vocabs.label_ids(bank)
    morph_ids = vocabs.morph_ids(bank) if model.config.n_morph else None
    losses = []
    for sentences in bucket(bank.lengths, max_tokens, rng):
        batch = collate(bank, starts, sentences, upos_ids, label_ids, morph_ids)
        upos = batch.upos if model.config.n_upos else None
        morph = batch.morph if model.config.n_morph else None
        loss = model.loss(batch.feats, upos, batch.lengths, batch.heads, batch.labels, morph)
        optimizer.zero_grad()
        loss.backward()
        # Clipping as in the paper's code: an LSTM's occasional large gradient would undo Adam's scale.
        torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
        optimizer.step()
        losses.append(loss.item())
    return float(np.mean(losses))


def save(path: Path, model: BiaffineParser, vocabs: Vocabs) -> None:
    torch.save({"config": model.config.to_dict(), "state": model.state_dict(),
                "vocabs": {"labels": vocabs.labels, "upos": vocabs.upos, "morph": vocabs.morph}}, path)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--name", required=True, help="run directory under --runs")
    ap.add_argument("--runs", type=Path, default=RUNS, help=f"where run directories go (default {RUNS})")
    ap.add_argument("--train", type=Path, nargs="+", required=True)
    ap.add_argument("--dev", type=Path, default=Path("training/training/biaffine/features/dev.npz"))
    ap.add_argument("--no-upos", action="store_true")
    ap.add_argument("--morph", action="store_true", help="also read the pipeline's FEATS, one embedding per value")
    ap.add_argument("--hidden", type=int, default=200)
    ap.add_argument("--layers", type=int, default=2)
    ap.add_argument("--arc-mlp", type=int, default=400)
    ap.add_argument("--label-mlp", type=int, default=100)
    ap.add_argument("--dropout", type=float, default=0.33)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--batch-tokens", type=int, default=3000)
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--patience", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--init", type=Path, help="start from this checkpoint (its sizes and vocabularies): a run that "
                    "did not fit one session goes on, or a finished one at a lower --lr")
    args = ap.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    train = concatenate([Treebank.load(p) for p in args.train])
    dev = Treebank.load(args.dev)
    if args.init is not None:
        saved = torch.load(args.init, map_location="cpu", weights_only=False)
        vocabs = Vocabs(**saved["vocabs"])
        model = BiaffineParser(Config(**saved["config"]))
        model.load_state_dict(saved["state"])
    else:
        vocabs = Vocabs.of([train])
        config = Config(n_features=train.tensor.shape[1], n_upos=0 if args.no_upos else len(vocabs.upos),
                        n_morph=len(vocabs.morph) if args.morph else 0, hidden=args.hidden, layers=args.layers, arc_mlp=args.arc_mlp, label_mlp=args.label_mlp,
                        n_labels=len(vocabs.labels), dropout=args.dropout)
        model = BiaffineParser(config)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr, betas=(0.9, 0.9))
    out = args.runs / args.name
    out.mkdir(parents=True, exist_ok=True)
    (out / "args.json").write_text(json.dumps({k: str(v) for k, v in vars(args).items()}, indent=2))
    best, since_best = -1.0, 0
    for epoch in range(1, args.epochs + 1):
        started = time.perf_counter()
        loss = train_epoch(model, optimizer, train, vocabs, args.batch_tokens, rng)
        train_seconds = time.perf_counter() - started
        heads, rels = parse(model, dev, vocabs)
        scores = attachment_scores(dev.heads, dev.deprels, heads, rels)
        row = {"epoch": epoch, "loss": round(loss, 4), **scores, "train_s": round(train_seconds),
               "dev_s": round(time.perf_counter() - started - train_seconds)}
        print(json.dumps(row), flush=True)
        with open(out / "log.jsonl", "a", encoding="utf8") as fh:
            fh.write(json.dumps(row) + "\n")
        if scores["LAS"] > best:
            best, since_best = scores["LAS"], 0
            save(out / "best.pt", model, vocabs)
        else:
            since_best += 1
            if since_best >= args.patience:
                break
    print(f"best dev LAS {best}")


if __name__ == "__main__":
    main()
