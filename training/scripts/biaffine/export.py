"""Export a ``train.py`` checkpoint as the numpy weights ``lvnews_biaffine_parser`` loads.

Why: the component (``src/lvnews/biaffine.py``) runs the BiLSTM and the
biaffine scorers in numpy so the pipeline needs no torch; it reads the
``state_dict`` under PyTorch's names, plus the labels, UPOS list and layer
count. The component's model expects the UPOS input, so a ``--no-upos``
checkpoint is refused here rather than failing at parse time.

Usage::

    python training/scripts/biaffine/export.py training/training/biaffine/runs/upos_2x200_extra/best.pt \
        training/training/biaffine/weights.npz
"""

from __future__ import annotations

import argparse
from pathlib import Path

import torch

from lvnews.biaffine import BiaffineModel


def to_numpy_model(checkpoint: Path) -> BiaffineModel:
    """The checkpoint's weights as float32 arrays under their ``state_dict`` names."""
    saved = torch.load(checkpoint, map_location="cpu", weights_only=False)
    if not saved["config"]["n_upos"]:
        raise SystemExit(f"{checkpoint}: trained without UPOS; the component needs the UPOS embedding")
    weights = {name: tensor.detach().float().numpy() for name, tensor in saved["state"].items()}
    vocabs = saved["vocabs"]
    return BiaffineModel(weights, vocabs["labels"], vocabs["upos"], saved["config"]["layers"], vocabs.get("morph", [])
                         if saved["config"].get("n_morph") else [])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("checkpoint", type=Path)
    ap.add_argument("out", type=Path)
    args = ap.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(to_numpy_model(args.checkpoint).to_npz())
    print(f"{args.checkpoint} -> {args.out} ({args.out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
