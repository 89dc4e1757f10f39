"""Copy an assembled model into models/ when it beats the shipped one on dev.

"Better" is the mean of the dev scores the issues track (UPOS, UFeats, Lemma,
LAS, NER micro F1); the scores go into the model's meta so ``lvnews info``
and the README can quote them.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

KEYS = ("UPOS", "UFeats", "Lemma", "LAS", "NER_micro_F1")


def summary(scores: dict) -> float:
    return sum(scores.get(k, 0.0) for k in KEYS) / len(KEYS)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("model", type=Path)
    ap.add_argument("metrics", type=Path)
    ap.add_argument("target", type=Path)
    ap.add_argument("--force", action="store_true")
    args = ap.parse_args()
    scores = json.loads(args.metrics.read_text(encoding="utf8"))
    meta_path = args.target / "meta.json"
    if meta_path.exists() and not args.force:
        old = json.loads(meta_path.read_text(encoding="utf8")).get("lvnews_dev_scores") or {}
        if old and summary(old) >= summary(scores):
            print(f"not shipped: {summary(scores):.2f} <= shipped {summary(old):.2f}")
            return
    if args.target.exists():
        shutil.rmtree(args.target)
    shutil.copytree(args.model, args.target)
    meta = json.loads((args.target / "meta.json").read_text(encoding="utf8"))
    meta["lvnews_dev_scores"] = scores
    (args.target / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf8")
    print(f"shipped {args.target} (summary {summary(scores):.2f})")


if __name__ == "__main__":
    main()
