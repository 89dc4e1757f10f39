"""TIME entity spans delimited as FullStack-LV delimits them (issue #15).

The statistical NER finds most dates, but where a shape was rare in training
its TIME spans stop short, split in two or take in a measurement. Each rule
below is a small function over the document's entities, chosen from the
conventions of FullStack-LV NER train (how often a rule's output is the train
gold span where the rule applies, in brackets; the word lists and their rates
are in ``data/time_spans.json``):

* digits that are no year, date or clock time (``9``, a phone number) and a
  count of something that is not time (``24 cm``) are no TIME (no such TIME
  span in train); a count of years is (``10 gadus``, 14 in train);
* a weekday or a ``šo-`` period word alone (``piektdien``, ``šovasar``: 57
  of 83), a month in the locative (``janvārī``: 19 of 29), a day of a month
  (``5. jūniju``, ``2002. gada 23. septembrī``: 200 of 215, when no street
  noun follows: ``13. janvāra ielā``) and a clock time
  (``plkst. 14``, ``22.00``: 27 of 28 in a TIME span) are TIME spans where
  the model left them untagged, with ``līdz``, ``no``, ``kopš``, ``pirms``,
  ``pēc`` right before them (128 of 140);
* a TIME span covers the whole date that :func:`lvnews.times.find_times`
  reads (``1924. g. 15. okt.`` is one span, not two; 659 of 659);
* a date and the clock time right after it are one span (``15. aprīlī ap
  6.30``, ``6. jūlijā 20.00``: 16 of 17);
* the part of a year or month after it ends the span (``2017. gada`` +
  ``vidum``: 33 of 35), and ``no X`` + ``līdz Y`` is one span (16 of 16).

No span crosses a sentence boundary or another label's entity.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from spacy.tokens import Doc, Span

from ..numbers import CLOCK_WORDS, MONTH_STEMS, is_clock_time, number_spans, parse_digits
from ..times import find_times
from .word_lists import base_in, label_lists, lemma

WORDS = Path(__file__).with_name("data") / "time_spans.json"
Bounds = tuple[int, int]

# An hour alone after a clock word (``plkst. 14``); with minutes it is ``numbers.is_clock_time``.
_HOUR = re.compile(r"(?:[01]?[0-9]|2[0-4])")
_YEAR = re.compile(r"(?<![0-9])(?:1[0-9]{3}|20[0-9]{2})(?![0-9])")
_MONTH = re.compile("|".join(MONTH_STEMS))


@dataclass(frozen=True)
class TimeWords:
    standalone_words: frozenset[str]
    prepositions: frozenset[str]
    about_words: frozenset[str]
    time_nouns: frozenset[str]
    period_parts: frozenset[str]
    range_words: tuple[str, str]


@lru_cache(maxsize=1)
def time_words() -> TimeWords:
    data = json.loads(WORDS.read_text(encoding="utf8"))
    start, end = data.pop("range_words")
    return TimeWords(range_words=(start, end), **{k: frozenset(v) for k, v in data.items() if not k.startswith("_")})


def expressions(doc: Doc) -> list[Bounds]:
    """Token bounds of the time expressions ``find_times`` reads in the document's text."""
    out = []
    for found in find_times(doc.text):
        span = doc.char_span(found.start, found.end, alignment_mode="expand")
        if span is not None:
            out.append((span.start, span.end))
    return out


def tagged(ents: Iterable[Span]) -> set[int]:
    return {i for e in ents for i in range(e.start, e.end)}


def by_start(ents: Iterable[Span]) -> list[Span]:
    return sorted(ents, key=lambda e: (e.start, e.end))


def joined(doc: Doc, ents: list[Span], start: int, end: int) -> list[Span]:
    """``ents`` with one TIME span over ``start:end`` and the TIME spans it touches.

    Unchanged when the span would take in another label's entity or run over
    a sentence boundary: a rule only ever moves TIME edges.
    """
    inside = [e for e in ents if e.start < end and start < e.end]
    if any(e.label_ != "TIME" for e in inside):
        return ents
    start = min([start, *(e.start for e in inside)])
    end = max([end, *(e.end for e in inside)])
    if any(doc[i].is_sent_start for i in range(start + 1, end)):
        return ents
    return by_start([e for e in ents if e not in inside] + [Span(doc, start, end, label="TIME")])


def is_measurement(span: Span, words: TimeWords) -> bool:
    """``9``, ``29240290``, ``24 cm``: a bare number that is no year or clock time, or a count of a non-time unit."""
    if len(span) == 1:
        text = span[0].text
        # ``parse_digits`` reads counts; a phone number is no count but is all digits.
        is_number = text.isdigit() or parse_digits(text) is not None
        return is_number and not _YEAR.search(text) and not is_clock_time(text)
    if len(span) != 2 or any(c.isdigit() for c in span[1].text):
        return False
    counts = number_spans([t.text for t in span])
    return bool(counts) and counts[0][:2] == (0, 1) and lemma(span[1]) not in words.time_nouns


def clock_end(doc: Doc, i: int) -> int | None:
    """End of the clock time starting at token ``i`` (``22.00``, ``plkst. 14``, ``pulksten 16:00``), else None."""
    if doc[i].lower_ in CLOCK_WORDS:
        if i + 1 < len(doc) and (is_clock_time(doc[i + 1].text.rstrip(".")) or _HOUR.fullmatch(doc[i + 1].text)):
            return i + 2
        return None
    return i + 1 if is_clock_time(doc[i].text) else None


def ends_in_clock(doc: Doc, span: Span) -> bool:
    """``līdz 18.00``: the span's last words are a clock time."""
    return any(clock_end(doc, i) == span.end for i in range(max(span.start, span.end - 2), span.end))


def is_month(doc: Doc, start: int, end: int) -> bool:
    """A one-word expression of ``find_times`` that is a month: a month in the locative (``janvārī``)."""
    return end - start == 1 and bool(_MONTH.match(doc[start].lower_))


def is_date(doc: Doc, start: int, end: int) -> bool:
    """A day and its month (``5. jūniju``, ``2002. gada 23. septembrī``), not the name of a street
    or a bridge after it (``13. janvāra ielā``)."""
    if end - start < 2 or not any(_MONTH.match(t.lower_) for t in doc[start:end]):
        return False
    return end == len(doc) or not base_in(doc[end], label_lists().loc_heads)


def with_preposition(span: Span, taken: set[int], words: TimeWords) -> Span:
    """``pirms`` + ``plkst. 8``: a preposition right before a time starts its span (128 of 140 in train)."""
    doc, k = span.doc, span.start - 1
    if k < 0 or k in taken or doc[k].lower_ not in words.prepositions or doc[span.start].is_sent_start:
        return span
    return Span(doc, k, span.end, label="TIME")


def new_times(doc: Doc, ents: list[Span], exprs: list[Bounds], words: TimeWords) -> list[Span]:
    """TIME spans for the untagged listed words, months and clock times, with the preposition before them.

    The model's own spans already follow the preposition convention (on dev
    every one but ``ar``, which train leaves out 10 times in 13); only the
    new spans are given theirs.
    """
    taken = tagged(ents)
    candidates = [(i, i + 1) for i, t in enumerate(doc) if t.lower_ in words.standalone_words]
    candidates += [(s, e) for s, e in exprs if is_month(doc, s, e) or is_date(doc, s, e)]
    candidates += [(i, end) for i in range(len(doc)) if (end := clock_end(doc, i)) is not None]
    out: list[Span] = []
    for start, end in sorted(set(candidates)):
        if not taken.intersection(range(start, end)):
            span = with_preposition(Span(doc, start, end, label="TIME"), taken, words)
            out.append(span)
            taken.update(range(span.start, span.end))
    return out


def whole_expressions(doc: Doc, ents: list[Span], exprs: list[Bounds]) -> list[Span]:
    """A TIME span grows to the whole date it is part of, taking in the TIME spans inside it."""
    for start, end in exprs:
        times = [e for e in ents if e.label_ == "TIME" and e.start < end and start < e.end]
        if times and not any(e.start <= start and end <= e.end for e in times):
            ents = joined(doc, ents, start, end)
    return ents


def with_clock_times(doc: Doc, ents: list[Span], exprs: list[Bounds], words: TimeWords) -> list[Span]:
    """A date (a TIME span or an expression ``find_times`` reads) and the clock time after it are one TIME."""
    clocks = [e for e in ents if e.label_ == "TIME" and clock_end(doc, e.start) is not None]
    for clock in clocks:
        k = clock.start
        while k > clock.start - 2 and k > 0 and (doc[k - 1].lower_ in words.about_words or doc[k - 1].text == ","):
            k -= 1
        # Two clock times in a row are a list or a range, not a date and its hour.
        dates = [e.start for e in ents if e.label_ == "TIME" and e.end == k and not ends_in_clock(doc, e)]
        dates += [s for s, e in exprs if e == k]
        if dates:
            ents = joined(doc, ents, min(dates), clock.end)
    return ents


def with_part_of_period(doc: Doc, ents: list[Span], words: TimeWords) -> list[Span]:
    """``2017. gada`` + ``vidum``: the part of a year, month or week after a TIME span ends it."""
    for ent in [e for e in ents if e.label_ == "TIME" and e.end < len(doc)]:
        last, after = doc[ent.end - 1], doc[ent.end]
        if (lemma(last) in words.time_nouns or _MONTH.match(last.lower_)) and lemma(after) in words.period_parts:
            ents = joined(doc, ents, ent.start, ent.end + 1)
    return ents


def joined_ranges(doc: Doc, ents: list[Span], words: TimeWords) -> list[Span]:
    """``no 9.00`` + ``līdz 12.30``: a range from one time to another is one span."""
    first, second = words.range_words
    pairs = [(a, b) for a, b in zip(ents, ents[1:]) if a.end == b.start and a.label_ == b.label_ == "TIME"
             and doc[a.start].lower_ == first and doc[b.start].lower_ == second]
    for a, b in pairs:
        ents = joined(doc, ents, a.start, b.end)
    return ents


def corrected_times(doc: Doc, ents: list[Span]) -> list[Span]:
    """``ents`` with TIME spans after the rules of the module docstring; other labels untouched."""
    words = time_words()
    exprs = expressions(doc)
    ents = by_start(e for e in ents if e.label_ != "TIME" or not is_measurement(e, words))
    ents = by_start(ents + new_times(doc, ents, exprs, words))
    ents = whole_expressions(doc, ents, exprs)
    ents = with_clock_times(doc, ents, exprs, words)
    ents = with_part_of_period(doc, ents, words)
    return joined_ranges(doc, ents, words)
