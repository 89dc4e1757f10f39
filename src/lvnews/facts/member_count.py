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
(``convert``, with ``facts.participants``).
"""

from __future__ import annotations

from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .base import FactExtractor
from .syntax import clause_head, date_of, entity_index, has_case_marker, is_genitive, lemma, participant_of, reference_of

# Places are not groups: ``Latgalē dzīvoja 30 tūkstoši`` counts residents.
COUNT_GROUP_LABELS = {"ORG"}
# The group as a dependent of the clause verb: where the members are
# (``tīklā darbojas``, ``koncernā ir``, ``komandai ir``) or who holds them
# (``biedrība apvieno``).
GROUP_CASES = {"Loc", "Dat", "Nom"}
VERB_GROUP_DEPS = {"obl", "nsubj", "iobj", "obj", "nmod"}


class MemberCountExtractor(FactExtractor):
    fact_type = "member_count"

    def group_of(self, tok: Token, ents: dict[int, Span]) -> dict | None:
        """``tok`` as an organisation: a named ORG or a group noun."""
        found = participant_of(tok, ents, COUNT_GROUP_LABELS)
        if found is not None:
            return found
        if tok.pos_ == "NOUN" and lemma(tok) in self.lexicon.relational_group_nouns:
            return self.owner_of(tok, ents)
        if tok.pos_ == "NOUN" and lemma(tok) in self.lexicon.group_nouns:
            return reference_of(tok)
        return None

    def owner_of(self, tok: Token, ents: dict[int, Span]) -> dict | None:
        """``komandas sastāvā`` / ``komandai ... sastāvā``: whose lineup it is.

        A relational noun names no group itself: its genitive owner does, or
        else the nearest group named earlier in the sentence.
        """
        for child in tok.children:
            if is_genitive(child) and child.i < tok.i:
                found = self.group_of(child, ents)
                if found is not None:
                    return found
        for prev in reversed(list(tok.sent)[: tok.i - tok.sent.start]):
            if prev.pos_ in ("NOUN", "PROPN") and lemma(prev) not in self.lexicon.relational_group_nouns:
                found = participant_of(prev, ents, COUNT_GROUP_LABELS)
                if found is None and lemma(prev) in self.lexicon.group_nouns:
                    found = reference_of(prev)
                if found is not None:
                    return found
        return None

    def group_in_phrase(self, noun: Token, ents: dict[int, Span]) -> dict | None:
        """``visi četri žūrijas locekļi`` / ``12 cilvēku grupa``."""
        if lemma(noun) in self.lexicon.strict_member_nouns:
            for child in noun.children:
                # Acronyms (``ST tiesneši``) carry no case: their position says genitive.
                genitive = is_genitive(child) or (not child.morph.get("Case") and child.pos_ == "PROPN")
                if child.i < noun.i and genitive and child.dep_ in ("nmod", "det", "flat"):
                    group = self.group_of(child, ents)
                    if group is not None:
                        return group
            # A parse that misattaches the modifier still leaves it right before
            # its noun: Latvian genitive modifiers precede the head.
            before = ents.get(noun.i - 1)
            if before is not None and before.label_ in COUNT_GROUP_LABELS and before.end == noun.i:
                return participant_of(noun.doc[noun.i - 1], ents, COUNT_GROUP_LABELS)
        # ``12 cilvēku grupa``: the counted genitive sits inside the group's own phrase.
        head = noun.head
        if noun.dep_ == "nmod" and head.i > noun.i and is_genitive(noun) and head.pos_ == "NOUN" \
                and lemma(head) in self.lexicon.group_nouns:
            return reference_of(head, bare=True)
        return None

    def group_in_clause(self, noun: Token, verb: Token, ents: dict[int, Span]) -> dict | None:
        """``tīklā darbojas 294 pilsētas``: a group beside the count under a size verb."""
        vlemma = lemma(verb)
        if verb.i == noun.i or not (vlemma in self.lexicon.added_verbs or vlemma in self.lexicon.total_verbs):
            return None
        for child in verb.children:
            if child.i == noun.i or child.dep_.split(":")[0] not in VERB_GROUP_DEPS:
                continue
            cases = set(child.morph.get("Case"))
            if cases and not cases & GROUP_CASES:
                continue
            if vlemma == "būt" and not cases & {"Loc", "Dat"}:
                continue  # ``X ir 40 stacijas`` says nothing of membership
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
            if noun.i in of_nouns or q["unit"] == "%" or lemma(noun) not in self.lexicon.member_nouns:
                continue
            verb = clause_head(noun)
            group = self.group_in_phrase(noun, ents) or self.group_in_clause(noun, verb, ents)
            if group is None or (group.get("ref") and group["ref"] == lemma(noun)):
                continue
            yield self.fact(doc, q, noun, verb, group, of_nouns, by_noun, ents)

    def fact(self, doc: Doc, q: dict, noun: Token, verb: Token, group: dict, of_nouns: set[int],
             by_noun: dict[int, dict], ents: dict[int, Span]) -> dict:
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
        return {"type": "member_count", "start": min(bounds), "end": max(bounds), "organization": group,
                "count": q["value"], "unit": q["unit"], "approx": q["approx"],
                "kind": "added" if lemma(verb) in self.lexicon.added_verbs else "total", "of": of,
                "date": list(date) if date else None}


@Language.factory("lvnews_member_count", default_config={"lexicon": None})
def make_member_count(nlp: Language, name: str, lexicon: str | None) -> MemberCountExtractor:
    return MemberCountExtractor(nlp, name, lexicon)
