"""Who a fact's participant is, read against the rest of the article.

A participant that is only a group noun (``tīklā``, ``uzņēmums``) is the most
recent organisation of the article that it can refer to: one whose name
contains the same noun (``UNESCO Izglītības pilsētu tīkls``, ``biedrība
„Dzīvotprieks”``), or, for generic nouns such as ``organizācija``, the most
recent organisation at all. A role's person is the article's fullest name for
them. ``convert`` calls these while it builds an article's fact records, in
text order, so earlier facts are there to refer to.
"""

from __future__ import annotations

from ..records import Article, Participant
from ..lexicon import load_lexicon
from .role import gendered_role, name_gender

REFERENCE_WINDOW = 200


def _name_words(canonical: str) -> set[str]:
    return {w.strip("\"'„“”«»()").casefold() for w in canonical.split()}


def resolve_reference(ref: str, before: int, article: Article) -> tuple[str, str | None] | None:
    """(canonical, entity id) of what the bare noun ``ref`` at ``before`` names.

    Candidates are the article's ORG entities and the described organisations
    of earlier facts (``UNESCO Izglītības pilsētu tīklā`` when NER missed it),
    most recent first.
    """
    # A bare noun refers back a little way, not across a whole archive-sized
    # text: looking at the recent window keeps huge articles linear.
    candidates: list[tuple[int, str, str | None]] = [
        (e.start, e.canonical, e.id) for e in article.entities[-REFERENCE_WINDOW:] if e.label == "ORG" and e.start < before
    ]
    for fact in article.facts[-REFERENCE_WINDOW:]:
        org = getattr(fact, "organization", None)
        if org is not None and org.entity is None and len(org.canonical.split()) > 1 and fact.start < before:
            candidates.append((fact.start, org.canonical, None))
    candidates.sort(key=lambda c: c[0])
    for _, canonical, ent_id in reversed(candidates):
        if ref.casefold() in _name_words(canonical):
            return canonical, ent_id
    orgs = [c for c in candidates if c[2] is not None]
    if ref in load_lexicon().generic_references and orgs:
        return orgs[-1][1], orgs[-1][2]
    return None


def _stem(word: str) -> str:
    """A surname without its case ending (``Trampa``, ``Tramps`` -> ``Tramp``)."""
    word = word.casefold()
    for ending in ("am", "as", "ai", "ei", "em", "is", "us", "s", "š", "a", "u", "i", "e", "ā", "ē", "ī"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def fullest_person(person: Participant, draft: dict, article: Article) -> tuple[Participant, str]:
    """A role's person named by the article's fullest name for them, with the role in their gender.

    ``prezidenta Trampa`` after ``Donalds Tramps``: a shorter mention (or one
    whose base form NER guessed wrong) shares the surname's stem with a
    longer PERSON name of the article; that name is who the person is.
    """
    words = person.canonical.split()
    if not words:
        return person, draft["role"]
    stem = _stem(words[-1])
    # Names of the article: PERSON entities and the people of earlier role facts
    # (``Valsts prezidents Edgars Rinkēvičs`` inside a mis-tagged span).
    names = [(e.canonical, e.id) for e in article.entities if e.label == "PERSON" and e.id != person.entity]
    names += [(f.person.canonical, f.person.entity) for f in article.facts if f.type == "role"]
    best: tuple[str, str | None] | None = None
    for canonical, ent_id in names:
        parts = canonical.split()
        if (len(parts) > len(words) and _stem(parts[-1]) == stem
                and (best is None or len(parts) > len(best[0].split()))):
            best = (canonical, ent_id)
    if best is None:
        return person, draft["role"]
    female = name_gender(best[0])
    role = draft["role"] if female is None else gendered_role(draft["title"], female, draft["plural"])
    return Participant(text=person.text, canonical=best[0], entity=person.entity or best[1]), role
