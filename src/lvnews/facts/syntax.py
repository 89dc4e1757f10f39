"""Small dependency-tree helpers shared by the fact extractors."""

from __future__ import annotations

from typing import Iterator

from spacy.tokens import Doc, Span, Token

from ..entities.canonical import canonical_form, tokens_from_span
from ..lexicon import Lexicon

VERBAL = {"VERB", "AUX"}
# Entity labels that can be an organisation in a fact (a city council is named by its city).
GROUP_LABELS = {"ORG", "GPE"}
NOMINAL = {"NOUN", "PROPN"}


def clause_head(tok: Token) -> Token:
    """The verb (or verbless clause root) that governs ``tok``."""
    seen = 0
    while tok.head is not tok and tok.pos_ not in VERBAL and seen < 50:
        tok, seen = tok.head, seen + 1
    return tok


def entity_index(doc: Doc) -> dict[int, Span]:
    """token index -> the entity span it belongs to."""
    return {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}


def lemma(tok: Token) -> str:
    return (tok.lemma_ or tok.text).lower()


def has_case_marker(tok: Token, word: str) -> bool:
    return any(c.dep_ == "case" and c.lower_ == word for c in tok.children)


def is_genitive(tok: Token) -> bool:
    return "Gen" in tok.morph.get("Case")


def span_dict(doc: Doc, start: int, end: int) -> dict:
    return {"start": start, "end": end}


def participant_of(tok: Token, ents: dict[int, Span], labels: set[str] | None = None) -> dict | None:
    """The entity containing ``tok`` (optionally of given labels), as a participant."""
    ent = ents.get(tok.i)
    if ent is None or (labels is not None and ent.label_ not in labels):
        return None
    return {"start": ent.start, "end": ent.end, "canonical": ent._.canonical or ent.text, "entity": True}


def reference_of(tok: Token, bare: bool = False) -> dict:
    """A group noun as a participant.

    A bare noun (``tīklā``) stands for an organisation named elsewhere and is
    marked ``ref`` for resolution; with its genitive modifiers
    (``Eiropas universitāšu aliansei``) it is a description of its own, put
    in base form like an entity name.
    """
    start = tok.i
    for child in [] if bare else sorted(tok.lefts, key=lambda t: -t.i):
        if child.i == start - 1 and child.pos_ in ("NOUN", "PROPN", "ADJ") and child.dep_ in ("nmod", "amod", "det"):
            start = min(t.i for t in child.subtree)
    if start == tok.i:
        return {"start": tok.i, "end": tok.i + 1, "canonical": lemma(tok), "ref": lemma(tok)}
    span = tok.doc[start : tok.i + 1]
    return {"start": start, "end": tok.i + 1, "canonical": canonical_form(tokens_from_span(span))}


def date_of(verb: Token, ents: dict[int, Span], lexicon: Lexicon) -> tuple[int, int] | None:
    """A time expression governing the clause: a TIME entity or a time adverb."""
    for child in verb.children:
        ent = ents.get(child.i)
        if ent is not None and ent.label_ == "TIME":
            return ent.start, ent.end
        if lemma(child) in lexicon.time_adverbs:
            return child.i, child.i + 1
        if child.dep_ == "obl" and lemma(child) == "gads":
            sub = list(child.subtree)
            return sub[0].i, sub[-1].i + 1
    return None


def descendants(tok: Token, through: set[str]) -> Iterator[Token]:
    """``tok`` and what hangs off it through the given relations, breadth first."""
    queue = [tok]
    seen = {tok.i}
    while queue:
        cur = queue.pop(0)
        yield cur
        for child in cur.children:
            if child.i not in seen and child.dep_.split(":")[0] in through:
                seen.add(child.i)
                queue.append(child)


