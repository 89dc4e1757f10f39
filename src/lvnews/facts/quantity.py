"""``quantity`` facts: a number with what it counts or measures.

The number comes from ``numbers.number_spans`` (digits and number words);
what it counts is found through the parse (the noun the number modifies as
``nummod``), else the noun right after it (genitive of quantity after
``miljoni``/``tūkstoši``), and ``%``. A qualifier before it gives ``approx``;
``N līdz M``/``N–M`` gives a range.
"""

from __future__ import annotations

from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..numbers import number_spans
from .base import FactExtractor
from .currency import currency_of
from .lexicon import Lexicon
from .syntax import NOMINAL, approx_before, lemma

COUNTED_POS = NOMINAL | {"SYM", "X"}
# How far right of the number the counted noun may stand (``71 pilna servisa
# degvielas uzpildes stacija``).
MAX_NOUN_DISTANCE = 6


def unit_of(tok: Token) -> str:
    if tok.text == "%" or lemma(tok) in ("procents", "%"):
        return "%"
    if tok.pos_ == "PROPN" or (len(tok.text) > 1 and tok.text.isupper()):
        return tok.lemma_ or tok.text
    return lemma(tok)


def currency_near(noun: Token, unit: str) -> str | None:
    """The ISO code of a money unit, the words around the noun naming the country
    (``Kanādas dolāri``, ``zviedru kronas``, ``mārciņas sterliņu``)."""
    doc = noun.doc
    near = [doc[i] for i in (noun.i - 2, noun.i - 1, noun.i + 1) if 0 <= i < len(doc)]
    return currency_of(unit, [w for t in near for w in (lemma(t), t.lower_)])


def takes_singular(value: float) -> bool:
    """Latvian counts ending in 1 (but not 11) agree in the singular: ``941 lats``."""
    return float(value).is_integer() and int(value) % 10 == 1 and int(value) % 100 != 11


def counted_noun(sent: Span, start: int, end: int, value: float, lexicon: Lexicon) -> Token | None:
    """The noun that the number ``sent[start:end]`` (doc indices) counts."""
    doc = sent.doc
    noun = _counted_candidate(sent, start, end)
    # A genitive singular after a plural count is a modifier of the counted
    # noun (``44 pasaules valstīm``), not what is counted.
    while (noun is not None and noun.pos_ == "NOUN" and not takes_singular(value) and noun.i + 1 < sent.end
           and noun.morph.get("Case") == ["Gen"] and noun.morph.get("Number") == ["Sing"]
           and doc[noun.i + 1].pos_ in NOMINAL):
        noun = doc[noun.i + 1]
    # ``6 792 941 lata apmērā``: the frame noun measures the genitive before it.
    if noun is not None and lemma(noun) in lexicon.measure_frames and noun.i - 1 >= end:
        before = doc[noun.i - 1]
        if before.pos_ in NOMINAL and "Gen" in before.morph.get("Case"):
            noun = before
    if noun is None:
        noun = _count_subject(doc[end - 1], lexicon)
    if noun is not None and not (noun.text == "%" or any(c.isalpha() for c in noun.text)):
        return None
    return noun


def _count_subject(number: Token, lexicon: Lexicon) -> Token | None:
    """``staciju skaits ir sasniedzis 40``: the genitive of the clause's ``skaits``."""
    verb = number.head
    for child in verb.children:
        if child.dep_.split(":")[0] == "nsubj" and lemma(child) in lexicon.count_nouns:
            for gchild in child.children:
                if gchild.pos_ in NOMINAL and "Gen" in gchild.morph.get("Case"):
                    return gchild
    return None


def _counted_candidate(sent: Span, start: int, end: int) -> Token | None:
    doc = sent.doc
    for tok in doc[start:end]:
        head = tok.head
        if head.i >= end and head.i - end < MAX_NOUN_DISTANCE and head.pos_ in COUNTED_POS:
            return head
    # A multiplier at the end (``tūkstošiem``) may carry the counted noun.
    for tok in doc[start:end]:
        for child in tok.children:
            if child.i >= end and child.pos_ in COUNTED_POS and child.i - end < 2:
                return child
    for tok in doc[end : min(sent.end, end + MAX_NOUN_DISTANCE)]:
        if tok.text == "%":
            return tok
        if tok.pos_ in COUNTED_POS:
            return tok
        if tok.is_punct or tok.pos_ in ("VERB", "AUX", "ADP", "CCONJ", "SCONJ", "NUM"):
            return None
    return None


class QuantityExtractor(FactExtractor):
    fact_type = "quantity"

    def extract(self, doc: Doc, facts: list[dict]) -> Iterable[dict]:
        for sent in doc.sents:
            spans = [(sent.start + s, sent.start + e, v) for s, e, v in number_spans([t.text for t in sent])]
            i = 0
            while i < len(spans):
                start, end, value = spans[i]
                value_max = None
                # A range: ``700 līdz 2000 tonnu``, ``3–4 gadi``.
                if i + 1 < len(spans):
                    nstart, nend, nvalue = spans[i + 1]
                    if nstart == end + 1 and doc[end].lower_ in self.lexicon.range_words and nvalue > value:
                        value_max, end = nvalue, nend
                        i += 1
                i += 1
                noun = counted_noun(sent, start, end, value, self.lexicon)
                if noun is None:
                    continue
                approx = self.approx_of(doc, start)
                # Evidence is the number with its noun, or the number alone when the
                # noun stands far away (``staciju skaits ir sasniedzis 40``).
                near = noun.i >= start - 1
                ev_start, ev_end = (min(start, noun.i), max(end, noun.i + 1)) if near else (start, end)
                unit = unit_of(noun)
                yield {"type": "quantity", "start": ev_start, "end": ev_end, "value": value,
                       "value_max": value_max, "unit": unit, "approx": approx,
                       "currency": currency_near(noun, unit), "number": (start, end), "noun": noun.i}

    def approx_of(self, doc: Doc, start: int) -> str | None:
        kind, at = approx_before(doc, start, self.lexicon)
        if kind == "up_to" and at > 0 and doc[at - 1].lower_ == "no":
            return None  # ``no ... līdz`` is a range's start, not a cap
        return kind


@Language.factory("lvnews_quantity", default_config={"lexicon": None})
def make_quantity(nlp: Language, name: str, lexicon: str | None) -> QuantityExtractor:
    return QuantityExtractor(nlp, name, lexicon)
