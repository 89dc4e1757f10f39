"""``membership`` facts: X joined / was admitted to / became a member of Y.

A membership verb (``uzņemt``, ``pievienoties``, ``iestāties``, passives such
as ``tika uzņemta``) with an organisation among its dependents; the members
are the named entities of its subject (or object, for active ``uzņēma``),
reached through apposition and coordination (``pirmā Latvijas pilsēta –
Valmiera``), never through genitive modifiers (``Latvijas``). ``kļūt par
biedru/dalībvalsti`` takes the organisation from the member noun's genitive.
"""

from __future__ import annotations

from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .base import FactExtractor
from .syntax import GROUP_LABELS, date_of, descendants, entity_index, is_genitive, lemma, participant_of, reference_of

MEMBER_LABELS = {"GPE", "ORG", "PERSON"}
# Relations through which a subject's own members are reached.
MEMBER_PATHS = {"appos", "conj", "flat", "parataxis", "dep", "orphan"}
# The verb's dependents that name who joined: subject, object, or a noun in a
# verbless continuation (``, tostarp ... pilsēta – Ventspils``), which parsers
# attach as conj, or as acl/advcl/parataxis/appos/dep when unsure.
MEMBER_ROOT_DEPS = {"nsubj", "obj", "conj", "acl", "advcl", "parataxis", "appos", "dep"}
CONTINUATION_DEPS = MEMBER_ROOT_DEPS - {"nsubj", "obj"}
# What makes a nominal an adverbial of its own (``kā pilsēta`` 'as a city',
# ``pēc pilsētas``) rather than a verbless continuation of the subject.
SUBORDINATING_DEPS = {"mark", "case"}
ORG_DEPS = {"obl", "iobj", "nmod", "obj"}


def is_continuation(tok: Token) -> bool:
    """A verbless nominal continuation: a noun with no subordinator of its own."""
    return tok.pos_ in ("NOUN", "PROPN") and not any(c.dep_ in SUBORDINATING_DEPS for c in tok.children)


class MembershipExtractor(FactExtractor):
    fact_type = "membership"

    def organization(self, verb: Token, ents: dict[int, Span]) -> tuple[dict | None, Token | None]:
        for child in verb.children:
            if child.dep_.split(":")[0] not in ORG_DEPS:
                continue
            found = participant_of(child, ents, GROUP_LABELS)
            if found is None and child.pos_ == "NOUN" and lemma(child) in self.lexicon.group_nouns:
                found = reference_of(child)
            if found is not None and not is_genitive(child):
                return found, child
            # ``kļūt par NATO dalībvalsti``: the organisation is the member noun's genitive.
            if lemma(child) in self.lexicon.membership_member_nouns:
                for gchild in child.children:
                    found = participant_of(gchild, ents, GROUP_LABELS)
                    if found is None and lemma(gchild) in self.lexicon.group_nouns:
                        found = reference_of(gchild)
                    if found is not None:
                        return found, child
        return None, None

    def members(self, verb: Token, org: dict, ents: dict[int, Span], skip: Token | None) -> list[dict]:
        out: list[dict] = []
        seen: set[int] = set()
        for child in verb.children:
            dep = child.dep_.split(":")[0]
            if dep not in MEMBER_ROOT_DEPS or child is skip:
                continue
            if dep in CONTINUATION_DEPS and not is_continuation(child):
                continue
            for tok in descendants(child, MEMBER_PATHS):
                ent = ents.get(tok.i)
                if ent is None or ent.label_ not in MEMBER_LABELS or ent.start in seen:
                    continue
                # A genitive modifier (``Latvijas`` pilsēta) is not the member.
                if ent.root.dep_.split(":")[0] == "nmod" or org["start"] <= ent.start < org["end"]:
                    continue
                seen.add(ent.start)
                out.append({"start": ent.start, "end": ent.end, "canonical": ent._.canonical or ent.text,
                            "entity": True})
        return out

    def extract(self, doc: Doc, facts: list[dict]) -> Iterable[dict]:
        ents = entity_index(doc)
        for verb in doc:
            vlemma = lemma(verb)
            become = vlemma in self.lexicon.become_verbs
            if verb.pos_ not in ("VERB", "AUX") or not (vlemma in self.lexicon.membership_verbs or become):
                continue
            org, via = self.organization(verb, ents)
            if org is None or (become and (via is None or lemma(via) not in self.lexicon.membership_member_nouns)):
                continue
            date = date_of(verb, ents, self.lexicon)
            for member in self.members(verb, org, ents, via):
                bounds = [member["start"], member["end"], org["start"], org["end"], verb.i, verb.i + 1]
                if date:
                    bounds.extend(date)
                yield {"type": "membership", "start": min(bounds), "end": max(bounds), "member": member,
                       "organization": org, "date": list(date) if date else None}


@Language.factory("lvnews_membership", default_config={"lexicon": None})
def make_membership(nlp: Language, name: str, lexicon: str | None) -> MembershipExtractor:
    return MembershipExtractor(nlp, name, lexicon)
