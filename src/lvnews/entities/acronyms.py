"""Acronyms a text defines itself: ``degvielas uzpildes stacijas (DUS)``.

News introduce an abbreviation once, in parentheses after the words it stands
for, and then use it alone. The definition says what the abbreviation is:

* spelled out in lower-case words (``tiesiskās aizsardzības process (TAP)``),
  it is a common noun, and the NER's guesses that it is an organisation are
  wrong everywhere in the document (the model sees capitals and says ORG);
* spelled out by a name the NER found (``Konkurences padome (KP)``), it names
  the same thing, so its bare uses get that name's label where the model left
  them unlabelled.

A definition counts only when the acronym's letters are the initials of the
words before the bracket, one word per letter, so a bracketed remark or a
country code is never taken for one.
"""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..components import RuleComponent

MIN_LETTERS, MAX_LETTERS = 2, 6


class Definition(NamedTuple):
    acronym: str
    label: str | None  # None: a common noun; else the label of the name it abbreviates


def _initial(word: str) -> str:
    """First letter without diacritics: ``ūdens`` and ``Ūdens`` both give ``U``."""
    return unicodedata.normalize("NFD", word[:1])[:1].upper()


def is_acronym(text: str) -> bool:
    return MIN_LETTERS <= len(text) <= MAX_LETTERS and text.isalpha() and text.isupper()


def definitions(doc: Doc) -> list[Definition]:
    """Every ``words ( ACRONYM )`` in the document whose initials spell the acronym."""
    found = []
    for tok in doc[1:-1]:
        if not (is_acronym(tok.text) and doc[tok.i - 1].text == "(" and doc[tok.i + 1].text == ")"):
            continue
        start = tok.i - 1 - len(tok.text)
        if start < 0:
            continue
        words = doc[start : tok.i - 1]
        if "".join(_initial(w.text) for w in words) != "".join(_initial(c) for c in tok.text):
            continue
        if all(w.text.islower() for w in words):
            found.append(Definition(tok.text, None))
            continue
        name = next((e for e in doc.ents if e.start <= start and e.end == tok.i - 1), None)
        if name is not None:
            found.append(Definition(tok.text, name.label_))
    return found


def apply_definitions(doc: Doc, found: list[Definition]) -> list[Span]:
    """The document's entities with each defined acronym's uses made consistent with its definition."""
    common = {d.acronym for d in found if d.label is None}
    named = {d.acronym: d.label for d in found if d.label is not None and d.acronym not in common}
    ents = [e for e in doc.ents if not (len(e) == 1 and e.text in common)]
    taken = {i for e in ents for i in range(e.start, e.end)}
    for tok in doc:
        if tok.text in named and tok.i not in taken:
            ents.append(Span(doc, tok.i, tok.i + 1, label=named[tok.text]))
    return sorted(ents, key=lambda e: e.start)


class Acronyms(RuleComponent):
    def __init__(self, name: str = "acronyms") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        found = definitions(doc)
        if found:
            doc.ents = apply_definitions(doc, found)
        return doc


@Language.factory("lvnews_acronyms", default_config={})
def make_acronyms(nlp: Language, name: str) -> Acronyms:
    return Acronyms(name)
