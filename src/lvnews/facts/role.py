"""``role`` facts: a named person with a title and, where present, the organisation.

Patterns, all over the parse and the title lexicon:

* title before the name: ``UNESCO ģenerāldirektore Odrija Azulē``,
  ``"airBaltic" valdes loceklis un galvenais tehnoloģiju direktors Vitolds Jakovļevs``;
* title after the name, in apposition: ``Odrija Azulē, UNESCO ģenerāldirektore,``;
* election: ``par Satversmes tiesas priekšsēdētāju ievēlēts Gunārs Kūtris``;
* copula with a list: ``ST tiesneši ir Kūtris, Aija Branta, ...``.

The role is the title head's lemma with the title's own modifiers as written
(``valdes loceklis``, ``preses pārstāve``); the organisation is a named
ORG/GPE (or a group noun, resolved later) in the genitive before the title.
"""

from __future__ import annotations

from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..entities.canonical import QUOTES
from .base import FactExtractor
from .syntax import GROUP_LABELS, entity_index, has_case_marker, is_genitive, lemma, participant_of, reference_of


def feminine_title(role: str) -> str:
    """The feminine of a title's head word: ``vadītājs`` -> ``vadītāja``.

    An oblique title (``vadītāju``) lemmatises to the masculine; a woman's
    title is the feminine noun, as written in Latvian.
    """
    words = role.split()
    head = words[-1]
    for masc, fem in (("tājs", "tāja"), ("nieks", "niece"), ("is", "e"), ("s", "e")):
        if head.endswith(masc):
            head = head[: -len(masc)] + fem
            break
    return " ".join(words[:-1] + [head])


def is_female(person: Span) -> bool:
    """Gender of a named person: Latvian given names end in -a/-e for women, -s/-š for men.

    The first name's lemma decides (the tagger's gender for names is less
    reliable); a name that ends otherwise falls back to the tagger.
    """
    first = person[0]
    name = (first.lemma_ or first.text).lower()
    if name.endswith(("a", "e")):
        return True
    if name.endswith(("s", "š")):
        return False
    return "Fem" in person.root.morph.get("Gender")


class RoleExtractor(FactExtractor):
    fact_type = "role"

    def title_at(self, doc: Doc, i: int, ents: dict[int, Span]) -> tuple[int, str] | None:
        """If ``doc[i]`` ends a title, (title start, role string)."""
        head = doc[i]
        if i in ents or head.pos_ not in ("NOUN", "PROPN") or not self.lexicon.is_title_head(lemma(head)):
            return None
        start = i
        while start > 0:
            prev = doc[start - 1]
            if prev.i in ents or prev.is_punct:
                break
            if prev.pos_ == "ADJ" or (is_genitive(prev) and prev.pos_ == "NOUN"
                                      and lemma(prev) in self.lexicon.title_modifiers):
                start -= 1
                continue
            break
        words = [t.text for t in doc[start:i]] + [head.lemma_ or head.text]
        return start, " ".join(words)

    def organization_before(self, doc: Doc, start: int, ents: dict[int, Span]) -> dict | None:
        j = start - 1
        while j >= 0 and doc[j].text in QUOTES:
            j -= 1
        if j < 0:
            return None
        found = participant_of(doc[j], ents, GROUP_LABELS)
        if found is not None:
            return found
        tok = doc[j]
        if tok.pos_ == "NOUN" and is_genitive(tok) and lemma(tok) in self.lexicon.group_nouns:
            return reference_of(tok)
        return None

    def fact(self, person: Span, title: tuple[int, int, str], org: dict | None) -> dict:
        start, end, role = title
        # One woman's title is the feminine noun; a plural title (``ST tiesneši
        # ir ... Aija Branta``) keeps the lemma as written.
        if is_female(person) and "Plur" not in person.doc[end - 1].morph.get("Number"):
            role = feminine_title(role)
        bounds = [person.start, person.end, start, end]
        if org:
            bounds.extend([org["start"], org["end"]])
        return {"type": "role", "start": min(bounds), "end": max(bounds),
                "person": {"start": person.start, "end": person.end,
                           "canonical": person._.canonical or person.text, "entity": True},
                "role": role, "organization": org}

    def titles_before(self, doc: Doc, person: Span, ents: dict[int, Span]) -> list[tuple[int, int, str]]:
        """Titles right before the name, following ``un``/``,`` chains leftwards."""
        out = []
        end = person.start
        while end > 0:
            found = self.title_at(doc, end - 1, ents)
            if found is None:
                break
            out.append((found[0], end, found[1]))
            link = found[0] - 1
            if link > 0 and doc[link].lower_ in ("un", ","):
                end = link
                continue
            break
        return out

    def extract(self, doc: Doc, facts: list[dict]) -> Iterable[dict]:
        ents = entity_index(doc)
        for person in doc.ents:
            if person.label_ != "PERSON":
                continue
            emitted = False
            titles = self.titles_before(doc, person, ents)
            if titles:
                org = self.organization_before(doc, titles[-1][0], ents)
                for title in titles:
                    yield self.fact(person, title, org)
                emitted = True
            # ``Odrija Azulē, UNESCO ģenerāldirektore,``
            if not emitted and person.end + 1 < len(doc) and doc[person.end].text == ",":
                for i in range(person.end + 1, min(len(doc), person.end + 8)):
                    if doc[i].is_punct:
                        break
                    found = self.title_at(doc, i, ents)
                    if found is not None and doc[i].head.i in range(person.start, person.end):
                        org = self.organization_before(doc, found[0], ents)
                        yield self.fact(person, (found[0], i + 1, found[1]), org)
                        emitted = True
                        break
            if not emitted:
                yield from self.from_clause(doc, person, ents)

    def from_clause(self, doc: Doc, person: Span, ents: dict[int, Span]) -> Iterable[dict]:
        """Election (``par ... priekšsēdētāju ievēlēts X``) and copula lists (``ST tiesneši ir X, Y``)."""
        root = person.root
        while root.dep_ == "conj" and root.head is not root:
            root = root.head
        anchor = root.head if root.dep_.split(":")[0] in ("nsubj", "obj") else root
        # ``ST tiesneši ir Kūtris, ...``: the title is the predicate the names are subjects of.
        if anchor is not root and any(c.dep_ == "cop" for c in anchor.children):
            found = self.title_at(doc, anchor.i, ents)
            if found is not None:
                yield self.fact(person, (found[0], anchor.i + 1, found[1]), self.organization_of(doc, anchor, found[0], ents))
                return
        for child in anchor.children:
            if child.i in range(person.start, person.end):
                continue
            is_elect = (child.dep_.split(":")[0] in ("obl", "iobj", "obj", "nmod") and has_case_marker(child, "par")
                        and lemma(anchor) in self.lexicon.elect_verbs)
            is_copula = child.dep_.split(":")[0] == "nsubj" and any(c.dep_ == "cop" for c in anchor.children)
            if not (is_elect or is_copula):
                continue
            found = self.title_at(doc, child.i, ents)
            if found is None:
                continue
            yield self.fact(person, (found[0], child.i + 1, found[1]), self.organization_of(doc, child, found[0], ents))
            return

    def organization_of(self, doc: Doc, title: Token, title_start: int, ents: dict[int, Span]) -> dict | None:
        """The organisation among the title's dependents, else right before the title."""
        for child in title.children:
            if child.i < title.i and (is_genitive(child) or child.dep_ in ("nmod", "amod", "det")):
                found = participant_of(child, ents, GROUP_LABELS)
                if found:
                    return found
        return self.organization_before(doc, title_start, ents)


@Language.factory("lvnews_role", default_config={"lexicon": None})
def make_role(nlp: Language, name: str, lexicon: str | None) -> RoleExtractor:
    return RoleExtractor(nlp, name, lexicon)
