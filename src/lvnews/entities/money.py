"""MONEY entities from numbers and currency words.

The NER layer has few MONEY examples (29 in training) and the model rarely
finds them; the pattern itself is regular: a number (digits or words, with
its multiplier, ``9,3 miljoni``), optional genitive modifiers of the currency
(``ASV``, ``sterliņu``), and a currency noun or symbol. A qualifier before the
number belongs to the mention, as in FullStack-LV (``aptuveni 42 tūkstošiem
eiro``). Spans that overlap an entity the model found are left to the model.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..components import RuleComponent
from ..lexicon import approx_before, load_lexicon
from ..numbers import number_spans

CURRENCIES = Path(__file__).with_name("data") / "currencies.json"


@lru_cache(maxsize=1)
def currency_words() -> tuple[frozenset[str], frozenset[str]]:
    data = json.loads(CURRENCIES.read_text(encoding="utf8"))
    return frozenset(data["nouns"]), frozenset(s.lower() for s in data["symbols"])


def money_spans(doc: Doc) -> list[tuple[int, int]]:
    nouns, symbols = currency_words()
    lexicon = load_lexicon()
    out = []
    for sent in doc.sents:
        for start, end, _ in number_spans([t.text for t in sent]):
            start, end = sent.start + start, sent.start + end
            k = end
            # currency modifiers: ``ASV dolāru``, ``Austrālijas dolāru``, ``sterliņu mārciņu``
            while k < sent.end and k - end < 2 and doc[k].pos_ in ("PROPN", "ADJ", "NOUN") \
                    and (doc[k].lemma_ or "").lower() not in nouns and doc[k].text.lower() not in symbols:
                k += 1
            if k < sent.end and ((doc[k].lemma_ or "").lower() in nouns or doc[k].text.lower() in symbols):
                _, qualifier_start = approx_before(doc, start, lexicon)
                out.append((qualifier_start, k + 1))
    return out


class MoneyRecognizer(RuleComponent):
    def __init__(self, nlp: Language, name: str = "money") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        ents = list(doc.ents)
        taken = {i for e in ents for i in range(e.start, e.end)}
        added = False
        for start, end in money_spans(doc):
            if taken.isdisjoint(range(start, end)):
                ents.append(Span(doc, start, end, label="MONEY"))
                taken.update(range(start, end))
                added = True
            else:
                # The model's own span of a money phrase keeps its extent, with the right label.
                for i, e in enumerate(ents):
                    if e.start <= start and end <= e.end and e.label_ in ("MISC", "PRODUCT", "TIME"):
                        ents[i] = Span(doc, e.start, e.end, label="MONEY")
                        added = True
        if added:
            doc.ents = sorted(ents, key=lambda e: e.start)
        return doc


@Language.factory("lvnews_money", default_config={})
def make_money(nlp: Language, name: str) -> MoneyRecognizer:
    return MoneyRecognizer(nlp, name)
