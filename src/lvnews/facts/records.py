"""Fact drafts (token spans in one doc) -> contract records (article offsets).

This is where bare references are resolved: a participant that is only a
group noun (``tīklā``, ``uzņēmums``) becomes the most recent organisation of
the article that it can refer to: one whose name contains the same noun
(``UNESCO Izglītības pilsētu tīkls``, ``biedrība „Dzīvotprieks”``), or, for generic nouns such as
``organizācija``, the most recent organisation at all.
"""

from __future__ import annotations

from typing import Callable

from spacy.tokens import Doc

from ..records import (Article, MemberCountFact, MembershipFact, OfQuantity, Participant, QuantityFact,
                       RoleFact)
from .lexicon import load_lexicon

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
        return Participant(text=text, canonical=p["canonical"], entity=entity_ids.get((chunk, p["start"], p["end"])))

    def date_text(span: list[int] | None) -> str | None:
        if not span:
            return None
        s, e = char_span(doc[span[0]].idx, doc[span[1] - 1].idx + len(doc[span[1] - 1].text))
        return article.text[s:e]

    out = article.facts
    for d in drafts:
        last = doc[d["end"] - 1]
        s, e = char_span(doc[d["start"]].idx, last.idx + len(last.text))
        common = {"text": article.text[s:e], "start": s, "end": e,
                  "sentence": sent_of_token.get(d["start"], 0)}
        kind = d["type"]
        if kind == "quantity":
            out.append(QuantityFact(**common, value=d["value"], value_max=d["value_max"], unit=d["unit"],
                                    approx=d["approx"]))
        elif kind == "member_count":
            of = OfQuantity(**d["of"]) if d.get("of") else None
            out.append(MemberCountFact(**common, organization=participant(d["organization"]), count=d["count"],
                                       unit=d["unit"], approx=d["approx"], kind=d["kind"], of=of,
                                       date=date_text(d.get("date"))))
        elif kind == "membership":
            member, org = participant(d["member"]), participant(d["organization"])
            if org.entity is not None and org.entity == member.entity:
                continue  # a bare reference resolved to the member itself says nothing
            out.append(MembershipFact(**common, member=member, organization=org, date=date_text(d.get("date"))))
        elif kind == "role":
            out.append(RoleFact(**common, person=participant(d["person"]), role=d["role"],
                                organization=participant(d.get("organization"))))
