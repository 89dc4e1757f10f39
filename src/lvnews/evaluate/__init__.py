"""Evaluation: UD (end to end from raw text), NER (on gold tokens), facts and entities on news articles."""

from .facts import evaluate_facts
from .ner import evaluate_ner
from .news import evaluate_news
from .ud import evaluate_ud

__all__ = ["evaluate_ud", "evaluate_ner", "evaluate_facts", "evaluate_news"]
