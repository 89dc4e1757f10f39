"""A name the article tags as an organisation is one wherever it recurs untagged (issue #15).

The statistical NER decides each mention from its own few words, so an
article about one company (``„ZAAO"``, ``Latvenergo``) gets most of its
mentions tagged and a few left out, often at a sentence's start or before an
unusual verb. FullStack-LV NER train is consistent here: where a gold ORG
name recurs in its document, it is that ORG again 184 times, a GPE 20 (a
state standing for its government), inside a MISC 6, inside another ORG 3,
a LOC 2, and never untagged (names with a word that is no common word, as
below). So an untagged recurrence of the exact words of an ORG the pipeline
found becomes that ORG; quote marks around it are taken in, as FullStack-LV
writes them. The NER's own wrong organisations are mostly capitalised common
words (``Valsts prezidents``, ``Pārvades sistēmas operators``), which would
spread the error, so only names with a word that is no common word in
hunspell-lv recur (``Latvenergo``, ``ZAAO``, ``Rīgas``).
"""

from __future__ import annotations

from collections import defaultdict

from spacy.tokens import Doc, Span

from ..hunspell import Dictionary
from .names import LEGAL_FORMS
from .word_lists import CLOSING_QUOTES, OPENING_QUOTES

QUOTES = OPENING_QUOTES | CLOSING_QUOTES
RELABELLED = frozenset({"PRODUCT", "MISC"})


def _core(span: Span) -> tuple[str, ...]:
    """The words of a name without the quote marks around it and the company's legal form before
    it (``SIA „ZAAO”`` recurs as ``„ZAAO”``)."""
    words = tuple(t.text for t in span if t.text not in QUOTES)
    return words[1:] if len(words) > 1 and words[0] in LEGAL_FORMS else words


def _quoted(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """``start``..``end`` widened by one quote mark on each side, where both are there."""
    if start > 0 and end < len(doc) and doc[start - 1].text in OPENING_QUOTES and doc[end].text in QUOTES:
        return start - 1, end + 1
    return start, end


def is_proper_name(words: tuple[str, ...], dictionary: Dictionary) -> bool:
    """A capitalised name with a word that is no common word (``Latvenergo``, ``ZAAO``, ``Rīgas``)."""
    return bool(words) and words[0][:1].isupper() and any(
        (w.isupper() and len(w) > 1) or not dictionary.analyze(w.lower()) for w in words if w.isalpha())


def with_repeated_names(doc: Doc, ents: list[Span], dictionary: Dictionary) -> list[Span]:
    """``ents`` with untagged recurrences of their organisations' names as ORG spans, and recurrences
    the NER called a PRODUCT or MISC relabelled ORG (never so in train gold), in order."""
    names: dict[str, set[tuple[str, ...]]] = defaultdict(set)  # first word -> names
    for ent in ents:
        core = _core(ent)
        if ent.label_ == "ORG" and is_proper_name(core, dictionary):
            names[core[0]].add(core)
    if not names:
        return ents
    known = set().union(*names.values())
    # A product or a miscellaneous name spelt as an organisation the article names is that organisation.
    out = [Span(doc, e.start, e.end, label="ORG") if e.label_ in RELABELLED and _core(e) in known else e
           for e in ents]
    taken = {i for e in out for i in range(e.start, e.end)}
    for tok in doc:
        for core in sorted(names.get(tok.text, ()), key=len, reverse=True):
            start, end = _quoted(doc, tok.i, tok.i + len(core))
            if tuple(t.text for t in doc[tok.i : tok.i + len(core)]) == core and taken.isdisjoint(range(start, end)):
                out.append(Span(doc, start, end, label="ORG"))
                taken.update(range(start, end))
                break
    return sorted(out, key=lambda e: e.start)
