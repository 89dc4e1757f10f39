"""``member_count`` facts: how many members a group has (``total``) or admitted (``added``).

Built on the quantity facts of the same doc. A quantity counts members when
its noun is a member noun or its clause verb is a membership/size verb, and
a group stands next to it in the parse:

* a genitive modifier of the counted noun (``visi četri žūrijas locekļi``),
* the noun the counted noun modifies (``12 cilvēku grupa``),
* a dependent of the clause verb (``tīklā darbojas 294 pilsētas``,
  ``biedrība apvieno 3283 biedrus``, ``koncernā ir četri meitasuzņēmumi``).

``no 44 valstīm`` after the count is its ``of``; a time expression on the verb
is its ``date``. Bare group nouns are resolved to a named organisation later
(facts.records).
"""

from __future__ import annotations

from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .base import FactExtractor
from .syntax import clause_head, date_of, entity_index, has_case_marker, is_genitive, lemma, participant_of, reference_of

GROUP_LABELS = {"ORG", "GPE"}
VERB_GROUP_DEPS = {"obl", "nsubj", "iobj", "obj", "nmod"}


class MemberCountExtractor(FactExtractor):
    fact_type = "member_count"

    def group_of(self, tok: Token, ents: dict[int, Span]) -> dict | None:
        """``tok`` as an organisation: a named ORG/GPE or a group noun."""
        found = participant_of(tok, ents, GROUP_LABELS)
        if found is not None:
            return found
        if tok.pos_ == "NOUN" and lemma(tok) in self.lexicon.group_nouns:
            return reference_of(tok)
        return None

    def find_group(self, noun: Token, verb: Token, ents: dict[int, Span]) -> dict | None:
        for child in noun.children:
            if child.dep_ in ("nmod", "det") and is_genitive(child) and child.i < noun.i:
                group = self.group_of(child, ents)
                if group is not None:
                    return group
        if noun.dep_ == "nmod" and noun.head.i > noun.i:
            group = self.group_of(noun.head, ents)
            if group is not None:
                return group
        if verb.i != noun.i:
            for child in verb.children:
                if child.i != noun.i and child.dep_.split(":")[0] in VERB_GROUP_DEPS:
                    group = self.group_of(child, ents)
                    if group is not None:
                        return group
        return None

    def extract(self, doc: Doc, facts: list[dict]) -> Iterable[dict]:
        ents = entity_index(doc)
        quantities = [f for f in facts if f["type"] == "quantity" and f.get("noun") is not None]
        by_noun = {q["noun"]: q for q in quantities}
        # ``no 44 valstīm`` is the count's origin, never a count of its own.
        of_nouns = {q["noun"] for q in quantities if has_case_marker(doc[q["noun"]], "no")}
        for q in quantities:
            noun = doc[q["noun"]]
            if noun.i in of_nouns or q["unit"] == "%":
                continue
            verb = clause_head(noun)
            vlemma = lemma(verb)
            is_member_noun = lemma(noun) in self.lexicon.member_nouns
            sized_verb = vlemma in self.lexicon.added_verbs or vlemma in self.lexicon.total_verbs
            if not (is_member_noun or sized_verb):
                continue
            group = self.find_group(noun, verb, ents)
            if group is None or (group.get("ref") and group["ref"] == lemma(noun)):
                continue
            of = None
            for child in list(noun.children) + list(verb.children):
                if child.i in of_nouns and child.i in by_noun and child.i > noun.i:
                    origin = by_noun[child.i]
                    of = {"value": origin["value"], "unit": origin["unit"], "end": origin["end"]}
                    break
            date = date_of(verb, ents, self.lexicon)
            bounds = [q["start"], q["end"], group["start"], group["end"]]
            if of:
                bounds.append(of.pop("end"))
            if verb.pos_ in ("VERB", "AUX"):
                bounds.extend([verb.i, verb.i + 1])
            if date:
                bounds.extend(date)
            yield {"type": "member_count", "start": min(bounds), "end": max(bounds), "organization": group,
                   "count": q["value"], "unit": q["unit"], "approx": q["approx"],
                   "kind": "added" if vlemma in self.lexicon.added_verbs else "total", "of": of,
                   "date": list(date) if date else None}


@Language.factory("lvnews_member_count", default_config={})
def make_member_count(nlp: Language, name: str) -> MemberCountExtractor:
    return MemberCountExtractor(nlp, name)
