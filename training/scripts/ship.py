"""Put an assembled model's dev scores in its meta and copy it into models/ when it beats the shipped one.

"Better" is the mean of the dev scores the issues track (UPOS, UFeats, Lemma,
LAS, NER micro F1), with no entity or fact score lower than the shipped model's (FullStack
and news NER, news base forms, facts on FullStack, news and the seed article: ``GUARDS``);
the scores go into the model's meta (``lvnews_dev_scores``)
so ``lvnews info`` and the README can quote them. Without a target, the scores
only go into the assembled model's own meta.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

KEYS = ("UPOS", "UFeats", "Lemma", "LAS", "NER_micro_F1")
# Scores that may not fall: a model better on the mean can still lose what users see first.
GUARDS = ("NER_micro_F1", "news_micro_F1", "news_canonical_accuracy", "facts_F1", "news_facts_F1", "seed_facts_F1")


def losses(new: dict, old: dict) -> list[str]:
    """The guarded scores where ``new`` is below ``old`` (nested per-type F1s compared type by type)."""
    out = []
    for key in GUARDS:
        a, b = new.get(key), old.get(key)
        if a is None or b is None:
            continue
        pairs = [(f"{key}.{k}", a.get(k, 0.0), v) for k, v in b.items()] if isinstance(b, dict) else [(key, a, b)]
        out.extend(f"{name} {got} < {had}" for name, got, had in pairs if got < had)
    return out


def summary(scores: dict) -> float:
    return sum(scores.get(k, 0.0) for k in KEYS) / len(KEYS)


def shipped_scores(model: Path) -> dict:
    """The dev scores in a model's meta ({} when none, or no model)."""
    meta = model / "meta.json"
    if not meta.exists():
        return {}
    return json.loads(meta.read_text(encoding="utf8")).get("lvnews_dev_scores") or {}


def write_scores(model: Path, scores: dict) -> None:
    meta_path = model / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf8"))
    meta["lvnews_dev_scores"] = scores
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("model", type=Path)
    ap.add_argument("metrics", type=Path)
    ap.add_argument("target", type=Path, nargs="?", default=None)
    ap.add_argument("--force", action="store_true")
    args = ap.parse_args()
    scores = json.loads(args.metrics.read_text(encoding="utf8"))
    write_scores(args.model, scores)
    if args.target is None:
        print(f"dev scores written to {args.model / 'meta.json'} (summary {summary(scores):.2f})")
        return
    old = shipped_scores(args.target)
    if old and summary(old) >= summary(scores) and not args.force:
        print(f"not shipped: {summary(scores):.2f} <= shipped {summary(old):.2f}")
        return
    lost = losses(scores, old) if old else []
    if lost and not args.force:
        print("not shipped: lower than the shipped model on " + "; ".join(lost))
        return
    if args.target.exists():
        shutil.rmtree(args.target)
    shutil.copytree(args.model, args.target)
    print(f"shipped {args.target} (summary {summary(scores):.2f})")


if __name__ == "__main__":
    main()
