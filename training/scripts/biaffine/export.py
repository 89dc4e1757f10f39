"""Export a ``train.py`` or ``morph_tagger.py`` checkpoint as the numpy weights the pipeline loads.

Why: the components (``src/lvnews/biaffine.py``, ``src/lvnews/bilstm_tagger.py``)
run the networks in numpy so the pipeline needs no torch; they read the
``state_dict`` under PyTorch's names, plus the vocabularies and layer count.
The parser expects the UPOS input, so a ``--no-upos`` checkpoint is refused
here rather than failing at parse time.

Usage::

    python training/scripts/biaffine/export.py training/training/biaffine/runs/upos_2x200_extra/best.pt \
        training/training/biaffine/weights.npz
    python training/scripts/biaffine/export.py --tagger training/training/biaffine/morph/lexicon.pt \
        training/training/biaffine/tagger.npz
"""

from __future__ import annotations

import argparse
from pathlib import Path

import torch

from lvnews.biaffine import BiaffineModel
from lvnews.bilstm_tagger import TaggerModel


def _weights(state: dict) -> dict:
    return {name: tensor.detach().float().numpy() for name, tensor in state.items()}


def to_numpy_model(checkpoint: Path) -> BiaffineModel:
    """The parser checkpoint's weights as float32 arrays under their ``state_dict`` names."""
    saved = torch.load(checkpoint, map_location="cpu", weights_only=False)
    if not saved["config"]["n_upos"]:
        raise SystemExit(f"{checkpoint}: trained without UPOS; the component needs the UPOS embedding")
    vocabs = saved["vocabs"]
    return BiaffineModel(_weights(saved["state"]), vocabs["labels"], vocabs["upos"], saved["config"]["layers"],
                         vocabs.get("morph", []) if saved["config"].get("n_morph") else [])


def to_numpy_tagger(checkpoint: Path) -> TaggerModel:
    """The tagger checkpoint (``morph_tagger.py``: state, labels, signatures) as a :class:`TaggerModel`."""
    saved = torch.load(checkpoint, map_location="cpu", weights_only=False)
    weights = _weights(saved["state"])
    layers = len({name.split("_")[2] for name in weights if name.startswith("lstm.weight_ih_")})
    return TaggerModel(weights, list(saved["labels"]), list(saved["signatures"]), layers)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("checkpoint", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--tagger", action="store_true", help="a morph_tagger.py checkpoint, not a parser's")
    args = ap.parse_args()
    model = to_numpy_tagger(args.checkpoint) if args.tagger else to_numpy_model(args.checkpoint)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(model.to_npz())
    print(f"{args.checkpoint} -> {args.out} ({args.out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
