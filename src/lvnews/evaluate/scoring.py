"""Precision/recall/F1 bookkeeping shared by the evaluators."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class PRF:
    tp: int = 0
    gold: int = 0
    pred: int = 0

    @property
    def precision(self) -> float:
        return 100.0 * self.tp / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return 100.0 * self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        return 200.0 * self.tp / (self.gold + self.pred) if self.gold + self.pred else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"p": round(self.precision, 2), "r": round(self.recall, 2), "f": round(self.f1, 2),
                "gold": self.gold, "pred": self.pred, "tp": self.tp}


def count_labelled(gold: set[tuple], pred: set[tuple], micro: PRF, per_label: dict[str, PRF]) -> set[tuple]:
    """Add one document's labelled spans (label last in each tuple) to the counts; returns the hits."""
    hits = gold & pred
    micro.tp += len(hits)
    micro.gold += len(gold)
    micro.pred += len(pred)
    for key in gold:
        per_label[key[-1]].gold += 1
    for key in pred:
        per_label[key[-1]].pred += 1
    for key in hits:
        per_label[key[-1]].tp += 1
    return hits
