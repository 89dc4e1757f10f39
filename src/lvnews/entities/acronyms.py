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
country code is never taken for one. A foreign abbreviation is often defined
the other way round, the acronym first and its words in the bracket after
the language they come from (``RDF (angliski – refuse derived fuel)``); in
lower-case words that too makes it a common noun.
"""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..components import RuleComponent

MIN_LETTERS, MAX_LETTERS = 2, 6
#: What may stand between the bracket and the words of an acronym defined after it: the language
#: (``angl.``, ``angliski``, ``no angļu val.``) and a dash or colon.
LANGUAGE_NOTE = frozenset({"angl", "angl.", "angliski", "no", "angļu", "val", "val.", "valodas", ".", ":", "-", "–", "—"})


class Definition(NamedTuple):
    acronym: str
    label: str | None  # None: a common noun; else the label of the name it abbreviates


def _initial(word: str) -> str:
    """First letter without diacritics: ``ūdens`` and ``Ūdens`` both give ``U``."""
    return unicodedata.normalize("NFD", word[:1])[:1].upper()


def is_acronym(text: str) -> bool:
    return MIN_LETTERS <= len(text) <= MAX_LETTERS and text.isalpha() and text.isupper()


def _spells(words: Span, acronym: str) -> bool:
    return "".join(_initial(w.text) for w in words) == "".join(_initial(c) for c in acronym)


def defined_after(doc: Doc, i: int) -> bool:
    """``ACRONYM ( [language] words )`` at ``i``, the words lower-case and spelling the acronym."""
    start = i + 2
    while start < len(doc) and start - i <= 5 and doc[start].lower_ in LANGUAGE_NOTE:
        start += 1
    words = doc[start : start + len(doc[i].text)]
    return len(words) == len(doc[i].text) and all(w.is_lower and w.is_alpha for w in words) \
        and _spells(words, doc[i].text)


def defined_before(doc: Doc, i: int) -> Definition | None:
    """``words ( ACRONYM )`` at ``i``: a common noun in lower-case words, else the label of the
    name the NER found in them; None where the initials do not spell the acronym."""
    acronym = doc[i].text
    start = i - 1 - len(acronym)
    if start < 0 or not _spells(doc[start : i - 1], acronym):
        return None
    if all(w.text.islower() for w in doc[start : i - 1]):
        return Definition(acronym, None)
    name = next((e for e in doc.ents if e.start <= start and e.end == i - 1), None)
    return None if name is None else Definition(acronym, name.label_)


def definitions(doc: Doc) -> list[Definition]:
    """Every ``words ( ACRONYM )`` in the document whose initials spell the acronym, and every
    ``ACRONYM ( words )`` in lower-case words."""
    found = []
    for tok in doc[:-1]:
        if not is_acronym(tok.text):
            continue
        if doc[tok.i + 1].text == "(" and defined_after(doc, tok.i):
            found.append(Definition(tok.text, None))
        elif tok.i > 0 and doc[tok.i - 1].text == "(" and doc[tok.i + 1].text == ")":
            definition = defined_before(doc, tok.i)
            if definition is not None:
                found.append(definition)
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
