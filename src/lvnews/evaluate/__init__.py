"""Evaluation: UD (end to end from raw text), NER (on gold tokens) and facts."""

from .facts import evaluate_facts
from .ner import evaluate_ner
from .ud import evaluate_ud

__all__ = ["evaluate_ud", "evaluate_ner", "evaluate_facts"]
