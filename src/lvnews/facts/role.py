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

from ..entities.canonical import QUOTES, canonical_form, tokens_from_span
from .base import FactExtractor
from .syntax import GROUP_LABELS, entity_index, has_case_marker, is_genitive, lemma, participant_of, reference_of


# Masculine and feminine endings of title nouns, most specific first.
TITLE_GENDER_ENDINGS = (("tājs", "tāja"), ("nieks", "niece"), ("is", "e"), ("s", "e"))


def feminine_title(role: str) -> str:
    """The feminine of a title's head word: ``vadītājs`` -> ``vadītāja``.

    An oblique title (``vadītāju``) lemmatises to the masculine; a woman's
    title is the feminine noun, as written in Latvian.
    """
    words = role.split()
    head = words[-1]
    for masc, fem in TITLE_GENDER_ENDINGS:
        if head.endswith(masc):
            head = head[: -len(masc)] + fem
            break
    return " ".join(words[:-1] + [head])


def masculine_title(role: str, titles: frozenset[str] | set[str]) -> str:
    """The masculine of a feminine title's head word, when that is a known title.

    Oblique forms are shared by both genders (``kapteini`` is the accusative of
    ``kapteinis`` and of ``kapteine``), so a man's title may have been
    lemmatised to the feminine; ``titles`` decides which masculine exists.
    """
    words = role.split()
    head = words[-1]
    for masc, fem in TITLE_GENDER_ENDINGS:
        if head.endswith(fem) and head[: -len(fem)] + masc in titles:
            return " ".join(words[:-1] + [head[: -len(fem)] + masc])
    return role


def name_gender(name: str) -> bool | None:
    """True for a woman's name: Latvian given names end in -a/-e for women,
    -s/-š for men; None when the ending says nothing (``Ri Jong Ho``). An
    abbreviated title before the name (``Dr. Džeimss Vens``) is no given name."""
    words = [w for w in name.split() if not w.endswith(".")]
    first = words[0].lower() if words else ""
    if first.endswith(("a", "e")):
        return True
    if first.endswith(("s", "š")):
        return False
    return None


def is_female(person: Span) -> bool:
    """Gender of a named person in the doc.

    The first name's lemma decides (the tagger's gender for names is less
    reliable); a name that ends otherwise falls back to the tagger.
    """
    first = person[0]
    found = name_gender(first.lemma_ or first.text)
    return found if found is not None else "Fem" in person.root.morph.get("Gender")


def person_gender(span: Span, canonical: str) -> bool:
    """Gender of a person: the first name of the base form NER gave the whole
    mention (``Trampa`` alone may stand for ``Donalds Tramps``), else the span's."""
    found = name_gender(canonical) if len(canonical.split()) > 1 else None
    return found if found is not None else is_female(span)


def is_post_place(tok: Token) -> bool:
    """A named place in the locative, where a title's holder serves (``vēstnieks Vācijā``).

    Capitalised is named enough: a foreign place the tagger takes for a common
    noun, and NER for the first word of the name after it, is still a place.
    """
    return tok.morph.get("Case") == ["Loc"] and (tok.ent_type_ in GROUP_LABELS | {"LOC"} or tok.pos_ == "PROPN"
                                                 or tok.is_title)


def same_entity(a: Token, b: Token) -> bool:
    """``a`` (before ``b``) and ``b`` are in one entity span."""
    doc = a.doc
    return a.ent_iob_ != "O" and all(doc[k].ent_iob_ == "I" for k in range(a.i + 1, b.i + 1))


def gendered_role(title: str, female: bool, plural: bool, titles: frozenset[str] | set[str] = frozenset()) -> str:
    """One woman's title is the feminine noun; a plural title (``ST tiesneši ir
    ... Aija Branta``) keeps the lemma as written for a woman. A man's title is the
    masculine, plural or not: a group with a man in it takes the masculine."""
    if not female:
        return masculine_title(title, titles)
    return title if plural else feminine_title(title)


# Endings a title's genitive shares with other cases (``vadītāja`` is also a
# woman's nominative, ``direktoru`` an accusative): the tagger's case is no proof.
GENITIVE_ENDINGS = ("a", "as", "es", "u")


# Relations of ``par`` + title to an election verb: LVTB annotates the predicative
# ``par priekšsēdētāju`` as xcomp, parsers also give obl/iobj/obj (or nmod).
ELECT_DEPS = {"obl", "iobj", "obj", "nmod", "xcomp"}


# Forms of ``bijušais``/``kādreizējais`` (former), left out of the role.
FORMER_PREFIXES = ("bijuš", "bijus", "kādreizēj")


# A person found by its title rather than by NER: ``Prezidents Donalds Tramps``
# inside a mis-tagged ORG, ``Ģenerālprokurors Džefs`` tagged with its title.
Person = tuple[Span, str, tuple[int, int] | None]  # (name span, canonical, entity span)
# Tokens that may stand between an apposed name and its title
# (``Pols Mills-Hiks (Paul Mills-Hicks), “Sainsbury's” komercdirektors``).
APPOSITION_WINDOW = 10
APPOSITION_SEPARATORS = {",", "—", "–", "-"}
# Name words NER may leave out: foreign names are tagged X or PART (``Ri Jong Ho``, ``Maikam Lī``).
NAME_POS = {"PROPN", "X", "PART", "NOUN"}
# What may join two names that share one plural title (``senatoriem X (gloss) no Y, kā arī Z``).
COORDINATION_WORDS = {",", "un", "kā", "arī", "vai", "no"}


def in_case_of(title: Token, span: Span) -> bool:
    """Does the title stand in the name's case? Every word of a Latvian name declines,
    so one word in the title's case is enough: the tagger may misread a foreign first
    name (``Jehošua`` as a genitive) while the surname is plain."""
    case = title.morph.get("Case")
    return any(tok.morph.get("Case") == case for tok in span)


def is_name_word(tok: Token) -> bool:
    return tok.pos_ in NAME_POS and tok.is_title and tok.ent_iob_ == "O"


def coordinated(doc: Doc, left: Span, right: Span) -> bool:
    """Only glosses, ``no`` + place and ``,``/``un``/``kā arī`` stand between two names."""
    k = left.end
    while k < right.start:
        tok = doc[k]
        if tok.text == "(":
            close = next((j for j in range(k, right.start) if doc[j].text == ")"), None)
            if close is None:
                return False
            k = close + 1
            continue
        if tok.lower_ not in COORDINATION_WORDS and not (tok.ent_type_ in GROUP_LABELS and doc[k - 1].lower_ == "no"):
            return False
        k += 1
    return True


class RoleExtractor(FactExtractor):
    fact_type = "role"

    def title_at(self, doc: Doc, i: int, names: set[int]) -> tuple[int, str] | None:
        """If ``doc[i]`` ends a title, (title start, role string).

        ``names`` are the tokens of person names: a title is never part of
        one, but may stand inside a mis-tagged ORG or LOC span.
        """
        head = doc[i]
        form = self.lexicon.title_form(lemma(head)) if head.pos_ in ("NOUN", "PROPN") else None
        if i in names or form is None:
            return None
        start = i
        while start > 0:
            prev = doc[start - 1]
            if prev.i in names or prev.is_punct or (prev.ent_iob_ != "O" and not same_entity(prev, head)
                                                    and not self.tagged_modifier(prev)):
                break
            if prev.pos_ == "ADJ" or self.is_title_modifier(prev):
                start -= 1
                continue
            break
        if not self.names_office(doc, start, i, form):
            return None
        # ``bijušais ministrs``: the office is ``ministrs``; a former holder still held it.
        words = [t.lower_ for t in doc[start:i] if not t.lower_.startswith(FORMER_PREFIXES)] + [form]
        return start, " ".join(words)

    def is_title_modifier(self, tok: Token) -> bool:
        """A genitive noun that narrows a title (``valdes`` loceklis, ``daļas`` vadītājs)."""
        return is_genitive(tok) and tok.pos_ == "NOUN" and lemma(tok) in self.lexicon.title_modifiers

    def tagged_modifier(self, tok: Token) -> bool:
        """A title modifier NER took for a one-word organisation: capitalised at the
        start of a title in a list (``..., Kvalitātes vadītāja X``) it looks like a name."""
        return tok.ent_iob_ == "B" and (tok.i + 1 == len(tok.doc) or tok.doc[tok.i + 1].ent_iob_ != "I") \
            and self.is_title_modifier(tok)

    def names_office(self, doc: Doc, start: int, i: int, form: str) -> bool:
        """Does the title ``doc[start:i + 1]`` name an office?

        ``vadītājs`` heads something: with no genitive or organisation before
        it, it is a host or a driver; of a broadcast (``raidījuma vadītāja``,
        ``sarunu šovu vadītāja``) it presents one, an occupation.
        """
        if form not in self.lexicon.relational_titles:
            return True
        k = start - 1
        if k > 0 and doc[k].text == ")":  # ``federācijas (BDI) vadītājs``: past the gloss
            k = next((j - 1 for j in range(k, max(0, k - 8), -1) if doc[j].text == "("), k)
        before = doc[k] if k >= 0 else None
        heads = [t for t in doc[start:i] if is_genitive(t)]
        if before is not None and (is_genitive(before) or before.text in QUOTES or before.ent_type_ in GROUP_LABELS):
            heads.append(before)
        if not heads:
            return False
        return not any(lemma(t) in self.lexicon.presenter_nouns for t in heads if t.pos_ == "NOUN")

    def organization_before(self, doc: Doc, start: int, ents: dict[int, Span]) -> dict | None:
        j = start - 1
        while j >= 0 and doc[j].text in QUOTES:
            j -= 1
        if j < 0:
            return None
        found = participant_of(doc[j], ents, GROUP_LABELS)
        if found is not None:
            # A title tagged inside the organisation's span is no organisation of its own.
            return found if found["end"] <= start else None
        tok = doc[j]
        if tok.pos_ == "NOUN" and is_genitive(tok) and lemma(tok) in self.lexicon.group_nouns:
            return reference_of(tok)
        return None

    def fact(self, person: Person, title: tuple[int, int, str], org: dict | None) -> dict:
        span, canonical, ent_span = person
        start, end, role = title
        plural = "Plur" in span.doc[end - 1].morph.get("Number")
        bounds = [span.start, span.end, start, end]
        if org:
            bounds.extend([org["start"], org["end"]])
        return {"type": "role", "start": min(bounds), "end": max(bounds),
                "person": {"start": span.start, "end": span.end, "canonical": canonical, "entity": ent_span is not None,
                           "entity_span": ent_span},
                "role": gendered_role(role, person_gender(span, canonical), plural, self.lexicon.titles),
                "title": role, "plural": plural, "organization": org}

    def titles_before(self, doc: Doc, span: Span, names: set[int]) -> list[tuple[int, int, str]]:
        """Titles right before the name, following ``un``/``,`` chains leftwards;
        a title may name the place of its post after it."""
        out = []
        end = span.start
        while end > 0:
            last = end - 1
            # ``rīkotājdirektors Valmierā Jānis Ozols``, ``pārstāvis Hāgā, ...``: the place of the post.
            if last > 0 and is_post_place(doc[last]) and last not in names:
                last -= 1
            found = self.title_at(doc, last, names)
            if found is None:
                break
            out.append((found[0], last + 1, found[1]))
            link = found[0] - 1
            if link > 0 and doc[link].lower_ in ("un", ","):
                end = link
                continue
            break
        return out

    def persons(self, doc: Doc) -> list[Person]:
        """Named people: PERSON entities with leading titles split off and
        names NER cut short completed, and names that follow a title inside
        another entity's span."""
        out: list[Person] = []
        covered: set[int] = set()
        for ent in doc.ents:
            if ent.label_ == "PERSON" and ent.start not in covered:
                person = self.person_of(ent)
                out.append(person)
                covered.update(range(person[0].start, person[0].end))
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                continue
            for tok in ent:
                name = self.name_after(doc, tok.i + 1, ent.end) if self.lexicon.is_title_head(lemma(tok)) else None
                if name is not None and name.start not in covered:
                    out.append((name, canonical_form(tokens_from_span(name), person=True), None))
        return out

    def person_of(self, ent: Span) -> Person:
        doc = ent.doc
        start = ent.start
        while start < ent.end - 1 and doc[start].is_title and self.lexicon.is_title_head(lemma(doc[start])):
            start += 1
        # ``Burnastonā Mārvins Kuks``: a place in the locative is no part of a name.
        while start < ent.end - 1 and doc[start].morph.get("Case") == ["Loc"]:
            start += 1
        # ``Grānts Rīhers (Grant Reeher)`` tagged as one span: the gloss is no part of the name.
        end = next((k for k in range(start + 1, ent.end) if doc[k].text == "("), ent.end)
        if end < ent.end:
            return self.trimmed(doc[start:end], ent)
        # ``Sutopo Purvo Nugroho``: a capitalised name word right after the
        # entity, or the rest of the name tagged as a second PERSON.
        while end < len(doc) and (is_name_word(doc[end]) or (doc[end].ent_type_ == "PERSON" and end > start
                                                             and doc[end].is_title)):
            end += 1
        return self.trimmed(doc[start:end], ent)

    @staticmethod
    def trimmed(span: Span, ent: Span) -> Person:
        """The person named by ``span``, a repair of NER's ``ent``."""
        if span.start == ent.start and span.end == ent.end:
            return ent, ent._.canonical or ent.text, (ent.start, ent.end)
        return span, canonical_form(tokens_from_span(span), person=True), (ent.start, ent.end)

    @staticmethod
    def name_after(doc: Doc, start: int, limit: int) -> Span | None:
        """Capitalised proper nouns from ``start`` up to ``limit``: a name."""
        end = start
        while end < limit and doc[end].pos_ in NAME_POS and doc[end].is_title:
            end += 1
        while end < len(doc) and end >= limit and is_name_word(doc[end]):
            end += 1
        return doc[start:end] if end > start else None

    def extract(self, doc: Doc, facts: list[dict]) -> Iterable[dict]:
        ents = entity_index(doc)
        people = self.persons(doc)
        names = {i for span, _, _ in people for i in range(span.start, span.end)}
        shared: tuple[Span, tuple[int, int, str], dict | None] | None = None
        for person in sorted(people, key=lambda p: p[0].start):
            span = person[0]
            titles = [t for t in self.titles_before(doc, span, names) if self.agrees(doc[t[1] - 1], span)]
            if titles:
                org = self.organization_before(doc, titles[-1][0], ents)
                for title in titles:
                    yield self.fact(person, title, org)
                plural = "Plur" in doc[titles[0][1] - 1].morph.get("Number")
                shared = (span, titles[0], org) if plural else None
                continue
            # ``senatoriem Lindsijam Gremam ..., kā arī Maikam Lī``: one plural title, several names.
            if shared is not None and coordinated(doc, shared[0], span):
                yield self.fact(person, shared[1], shared[2])
                shared = (span, shared[1], shared[2])
                continue
            before = self.title_before_comma(doc, span, names)
            if before is not None:
                org = self.organization_before(doc, before[0], ents)
                yield self.fact(person, before, org)
                # ``divi tās pārstāvji – X un Y``: a plural title serves the names coordinated after it.
                shared = (span, before, org) if "Plur" in doc[before[1] - 1].morph.get("Number") else None
                continue
            apposed = list(self.titles_after(doc, span, names, ents))
            if apposed:
                for title, org in apposed:
                    yield self.fact(person, title, org)
                continue
            yield from self.from_clause(doc, person, names, ents)

    def title_before_comma(self, doc: Doc, span: Span, names: set[int]) -> tuple[int, int, str] | None:
        """``grupas “Zvaigznes” līdere, Anna Bērziņa``, ``pārstāvji – X un Y``: a title
        in the name's case right before a comma or a dash and the name; not when
        a name stands before the title (``X, direktors, Y`` lists people)."""
        comma = span.start - 1
        if comma < 1 or doc[comma].text not in APPOSITION_SEPARATORS:
            return None
        found = self.title_at(doc, comma - 1, names)
        if found is None or not in_case_of(doc[comma - 1], span):
            return None
        k = found[0] - 1
        while k >= 0 and (doc[k].text in QUOTES or doc[k].ent_type_ in GROUP_LABELS or is_genitive(doc[k])):
            k -= 1
        if k >= 0 and (k in names or doc[k].text == ","):
            return None
        return found[0], comma, found[1]

    @staticmethod
    def agrees(title: Token, span: Span) -> bool:
        """A genitive name after a title in another case modifies what follows
        (``profesors Hārvarda Medicīnas skolā``): it is not the title's person."""
        case = span.root.morph.get("Case")
        return not (case == ["Gen"] and title.morph.get("Case") not in ([], ["Gen"])
                    and not title.lower_.endswith(GENITIVE_ENDINGS))

    def titles_after(self, doc: Doc, span: Span, names: set[int],
                     ents: dict[int, Span]) -> Iterable[tuple[tuple[int, int, str], dict | None]]:
        """``Odrija Azulē, UNESCO ģenerāldirektore`` and, past a gloss in parentheses
        and a dash, ``X (Y) — progresīvās kustības “MoveOn” vecākā padomniece un ...``."""
        i = span.end
        if i < len(doc) and doc[i].text == "(":
            close = next((k for k in range(i, min(len(doc), i + 8)) if doc[k].text == ")"), None)
            i = close + 1 if close is not None else i
        while i < len(doc) and doc[i].is_space:  # a no-break space may stand as a token of its own
            i += 1
        if i >= len(doc) or doc[i].text not in APPOSITION_SEPARATORS:
            return
        case = span.root.morph.get("Case")
        for k in range(i + 1, min(len(doc), i + 1 + APPOSITION_WINDOW)):
            tok = doc[k]
            if tok.is_space:  # a no-break space the tagger calls anything (CCONJ, SYM)
                continue
            # A genitive name modifies what follows (``profesors Hārvarda Medicīnas skolā``): no new person.
            if (k in names and not is_genitive(tok)) or (tok.is_punct and tok.text not in QUOTES and tok.text not in "()"):
                return
            # A capitalised word inside the sentence is a name, whatever the tagger says (``Priorities USA``).
            # A participle modifying the title (``bijušais``, tagged VERB) opens no clause.
            opens_clause = tok.pos_ in ("VERB", "AUX", "SCONJ") and not tok.is_title and tok.dep_ != "amod"
            if opens_clause or (tok.pos_ == "CCONJ" and tok.lower_ != "un"):
                return
            found = self.title_at(doc, k, names)
            if found is None:
                continue
            if tok.head.i in range(span.start, span.end) or not case or tok.morph.get("Case") == case:
                yield (found[0], k + 1, found[1]), self.organization_before(doc, found[0], ents)

    def from_clause(self, doc: Doc, person: Person, names: set[int], ents: dict[int, Span]) -> Iterable[dict]:
        """Election (``par ... priekšsēdētāju ievēlēts X``) and copula lists (``ST tiesneši ir X, Y``)."""
        span = person[0]
        root = span.root
        while root.dep_ == "conj" and root.head is not root:
            root = root.head
        anchor = root.head if root.dep_.split(":")[0] in ("nsubj", "obj") else root
        # ``ST tiesneši ir Kūtris, ...``: the title is the predicate the names are subjects of.
        if anchor is not root and any(c.dep_ == "cop" for c in anchor.children):
            found = self.title_at(doc, anchor.i, names)
            if found is not None:
                yield self.fact(person, (found[0], anchor.i + 1, found[1]), self.organization_of(doc, anchor, found[0], ents))
                return
        for child in anchor.children:
            if child.i in range(span.start, span.end):
                continue
            is_elect = (child.dep_.split(":")[0] in ELECT_DEPS and has_case_marker(child, "par")
                        and lemma(anchor) in self.lexicon.elect_verbs)
            is_copula = child.dep_.split(":")[0] == "nsubj" and any(c.dep_ == "cop" for c in anchor.children)
            if not (is_elect or is_copula):
                continue
            found = self.title_at(doc, child.i, names)
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
