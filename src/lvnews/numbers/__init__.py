"""Latvian cardinal numbers: digit tokens, number words and their spans.

No library reads Latvian number words, so this package does it by hand, on
plain lists of token strings (no spaCy here, so that any tokenizer's output
and the tests can use it directly).

* :mod:`.digits`: one token written in digits (``30 000``, ``3,7``, ``1.500``);
* :mod:`.words`: the lexicon of number-word forms, generated from stems and endings;
* :mod:`.ordinals`: ordinals in digits and words (``2016.``, ``trešajā``), never counts;
* :mod:`.grammar`: number words combined into one value (``divi tūkstoši trīs``);
* :mod:`.spans`: number expressions in a sentence, without years, times, dates,
  phone and reference numbers.
"""

from __future__ import annotations

from .digits import Number, is_clock_time, parse_digits
from .grammar import parse_words
from .ordinals import is_ordinal
from .spans import CLOCK_WORDS, MONTH_STEMS, number_spans

__all__ = ["Number", "parse_digits", "is_clock_time", "parse_words", "number_spans", "is_ordinal", "MONTH_STEMS", "CLOCK_WORDS"]
