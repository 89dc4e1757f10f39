"""Fact drafts (token spans in one doc) -> contract records (article offsets).

This is where bare references are resolved: a participant that is only a
group noun (``tīklā``, ``uzņēmums``) becomes the most recent organisation of
the article that it can refer to: one whose name contains the same noun
(``UNESCO Izglītības pilsētu tīkls``, ``biedrība „Dzīvotprieks”``), or, for generic nouns such as
``organizācija``, the most recent organisation at all.
"""

from __future__ import annotations

import datetime as dt
from typing import Callable

from spacy.tokens import Doc

from ..records import (Article, MemberCountFact, MembershipFact, OfQuantity, Participant, QuantityFact,
                       RoleFact)
from ..times import published_date, time_value, value_at
from .lexicon import load_lexicon
from .role import gendered_role, name_gender

CharSpan = Callable[[int, int], tuple[int, int]]
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


def _published(article: Article) -> dt.date | None:
    """The anchor of relative dates: ``Article.published``, else read from the metadata it comes from."""
    return dt.date.fromisoformat(article.published) if article.published else published_date(article.metadata)


def date_value_of(start: int, end: int, article: Article) -> str | None:
    """The ISO value of the time expression at ``article.text[start:end]``.

    ``article.times`` (the whole text's expressions, set by the analyzer) knows
    the context (``15. martā`` inside ``2019. gada 15. martā``); without it the
    span is read on its own.
    """
    found = value_at(article.times, start, end) if article.times else None
    return found if found is not None else time_value(article.text[start:end], _published(article))


def set_time_values(doc: Doc, chunk: int, entity_ids: dict[tuple[int, int, int], str], article: Article) -> None:
    """``value`` of the doc's TIME entities, from the time expression each covers."""
    ids = {entity_ids[(chunk, ent.start, ent.end)] for ent in doc.ents
           if ent.label_ == "TIME" and (chunk, ent.start, ent.end) in entity_ids}
    if not ids:
        return
    for entity in reversed(article.entities):
        if entity.id in ids:
            entity.value = date_value_of(entity.start, entity.end, article)
            ids.discard(entity.id)
            if not ids:
                break


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


def facts_to_records(doc: Doc, chunk: int, char_span: CharSpan, sent_of_token: dict[int, int],
                     entity_ids: dict[tuple[int, int, int], str], article: Article) -> None:
    """Append the doc's fact drafts to ``article.facts`` as contract records.

    Appending one by one lets a later bare reference resolve to an earlier
    fact's described organisation.
    """
    drafts = doc._.facts or []

    def participant(p: dict | None) -> Participant | None:
        if p is None:
            return None
        s, e = char_span(doc[p["start"]].idx, doc[p["end"] - 1].idx + len(doc[p["end"] - 1].text))
        text = article.text[s:e]
        if p.get("ref"):
            resolved = resolve_reference(p["ref"], s, article)
            if resolved is not None:
                return Participant(text=text, canonical=resolved[0], entity=resolved[1])
            return Participant(text=text, canonical=p["canonical"], entity=None)
        ent_span = p.get("entity_span") or (p["start"], p["end"])
        return Participant(text=text, canonical=p["canonical"], entity=entity_ids.get((chunk, *ent_span)))

    def date_of(span: list[int] | None) -> dict:
        if not span:
            return {"date": None, "date_value": None}
        s, e = char_span(doc[span[0]].idx, doc[span[1] - 1].idx + len(doc[span[1] - 1].text))
        return {"date": article.text[s:e], "date_value": date_value_of(s, e, article)}

    set_time_values(doc, chunk, entity_ids, article)

    out = article.facts
    for d in drafts:
        last = doc[d["end"] - 1]
        s, e = char_span(doc[d["start"]].idx, last.idx + len(last.text))
        common = {"text": article.text[s:e], "start": s, "end": e,
                  "sentence": sent_of_token.get(d["start"], 0)}
        kind = d["type"]
        if kind == "quantity":
            out.append(QuantityFact(**common, value=d["value"], value_max=d["value_max"], unit=d["unit"],
                                    approx=d["approx"], currency=d.get("currency")))
        elif kind == "member_count":
            of = OfQuantity(**d["of"]) if d.get("of") else None
            out.append(MemberCountFact(**common, organization=participant(d["organization"]), count=d["count"],
                                       unit=d["unit"], approx=d["approx"], kind=d["kind"], of=of,
                                       **date_of(d.get("date"))))
        elif kind == "membership":
            member, org = participant(d["member"]), participant(d["organization"])
            if org.entity is not None and org.entity == member.entity:
                continue  # a bare reference resolved to the member itself says nothing
            out.append(MembershipFact(**common, member=member, organization=org, **date_of(d.get("date"))))
        elif kind == "role":
            person, role = fullest_person(participant(d["person"]), d, article)
            out.append(RoleFact(**common, person=person, role=role, organization=participant(d.get("organization"))))
