"""Names the word lists settle for ``lvnews_entity_labels``: brands, regions, seats of power, parties, double names.

The statistical NER knows a name by its context and letters; some names are
known outright (``Google``, ``Eiropa``, ``Baltais nams``) or by a pattern of
Latvian writing (``leiboristu partija``, ``Tims Bērnerss-Lī``). Each rule is a
small function over the document and the entities so far; ``labels.repaired``
applies them in order. The lists are in ``data/labels.json``.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from .canonical import canonical_form, tokens_from_span
from .person_names import is_original_spelling
from .word_lists import CLOSING_QUOTES, OPENING_QUOTES, LabelLists, base_in, lemma, starts_sentence

# Labels the rules may change: the model's guesses for names (and, by a head noun, events).
RELABELLED = {"PERSON", "ORG", "GPE", "LOC", "MISC", "PRODUCT"}
# A double surname written with a hyphen, each part capitalised (``Bērnerss-Lī``).
HYPHENATED = re.compile(r"^[^\W\d_][^\W\d_]*-[^\W\d_]+$")


PARTY = frozenset({"partija"})


def party_names(doc: Doc, taken: set[int]) -> list[Span]:
    """``Leiboristu partija``, ``zaļo partiju``: a genitive plural of members before ``partija`` names a party.

    Members' words are lower-case in Latvian (``leiboristi``, ``republikāņi``),
    so the party's name may start with a small letter or a sentence's capital.
    """
    out = []
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if tok.i in taken or prev.i in taken or tok.pos_ != "NOUN" or not tok.lower_.startswith("partij") \
                or not base_in(tok, PARTY):
            continue
        if prev.pos_ in ("NOUN", "ADJ", "PROPN") and prev.is_alpha and set(prev.morph.get("Case")) == {"Gen"} \
                and "Plur" in prev.morph.get("Number") and prev.lower_.endswith(("u", "o")):
            out.append(Span(doc, prev.i, tok.i + 1, label="ORG"))
    return out


def is_brand(tok: Token, lists: LabelLists) -> bool:
    """A well-known company, medium or agency, as written or declined (``Vikipēdijas``)."""
    return tok.text in lists.brands or (tok.lemma_[:1].upper() + tok.lemma_[1:]) in lists.brands


def listed_organisation(span: Span, lists: LabelLists) -> bool:
    """An organisation acronym or brand alone, or a brand with its product's name (``Google Drive``)."""
    first = span[0]
    if len(span) == 1:
        return first.text in lists.organisations or is_brand(first, lists)
    return is_brand(first, lists) and all(is_product_word(t) for t in span[1:])


def is_product_word(tok: Token) -> bool:
    """A capitalised word in its original spelling, not a Latvian-declined one (``Drive``, ``Outlook``)."""
    return tok.is_title and tok.is_alpha and (is_original_spelling(tok.text) or not tok.morph.get("Case"))


def brand_span(doc: Doc, i: int, taken: set[int]) -> Span:
    """The brand at ``i`` and the untagged product words after it."""
    end = i + 1
    while end < len(doc) and end not in taken and is_product_word(doc[end]) and not doc[end].is_sent_start:
        end += 1
    return Span(doc, i, end, label="ORG")


def is_region(span: Span, lists: LabelLists) -> bool:
    """A continent or a region without a government: ``Eiropa``, ``Latīņamerika``, ``Tuvie Austrumi``."""
    words = [t for t in span if t.is_alpha]
    if not words or not words[-1].text[:1].isupper():
        return False
    if len(words) == 1:
        return base_in(words[0], lists.continents) is not None
    return base_in(words[-1], lists.parts_of_places) is not None


def untagged_regions(doc: Doc, lists: LabelLists, taken: set[int]) -> list[Span]:
    """Continents the model left untagged (``Eiropas``), unless they start a longer name (``Eiropas Savienība``)."""
    prefixes = {c[:3] for c in lists.continents}  # a cheap test before the declension one
    out = []
    for tok in doc:
        if tok.i in taken or not tok.is_title or tok.pos_ not in ("PROPN", "NOUN"):
            continue
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and nxt.text[:1].isupper() and not nxt.is_sent_start:
            continue
        if tok.lower_[:3] in prefixes and base_in(tok, lists.continents):
            out.append(Span(doc, tok.i, tok.i + 1, label="LOC"))
    return out


def is_hyphenated_name(tok: Token) -> bool:
    text = tok.text
    return "-" in text and bool(HYPHENATED.match(text)) and all(part[:1].isupper() for part in text.split("-"))


def _same_hyphenated(a: str, b: str) -> bool:
    """``Bērnersam-Lī`` and ``Bērnerss-Lī``: the same double name, its first part declined."""
    (a1, a2), (b1, b2) = a.split("-", 1), b.split("-", 1)
    stem = min(len(a1), len(b1)) - 2
    return a2 == b2 and stem >= 3 and a1[:stem] == b1[:stem]


def _name_word(tok: Token) -> bool:
    """A capitalised word inside a sentence that can be part of a person's name."""
    return tok.is_title and tok.is_alpha and not starts_sentence(tok) and tok.pos_ in ("PROPN", "X", "NOUN")


def hyphenated_people(doc: Doc, ents: list[Span]) -> list[Span]:
    """``ents`` with double names joined to their person: ``Tims`` + ``Bērnerss-Lī`` is one PERSON.

    The model reads a hyphenated name as punctuation or as part of something
    else. Next to a first name or a surname (a capitalised word inside a
    sentence, or a PERSON the model found) it is part of that person's name;
    the same double name elsewhere in the article, in any case of its first
    part, is that person again. What the model made of those words otherwise
    is cut back to the rest (``Facebook`` of ``Facebook Tims Bērnerss-Lī``).
    """
    if "-" not in doc.text:
        return ents
    hyphenated = [t for t in doc if is_hyphenated_name(t)]
    people, surnames = [], []
    person_at = {i: e for e in ents if e.label_ == "PERSON" for i in range(e.start, e.end)}
    for tok in hyphenated:
        if tok.i in person_at:
            continue
        before = person_at.get(tok.i - 1)
        if before is not None:
            people.append(Span(doc, before.start, tok.i + 1, label="PERSON"))
        elif tok.i > 0 and _name_word(doc[tok.i - 1]):
            people.append(Span(doc, tok.i - 1, tok.i + 1, label="PERSON"))
        elif tok.i + 1 < len(doc) and _name_word(doc[tok.i + 1]) and not starts_sentence(doc[tok.i + 1]):
            people.append(Span(doc, tok.i, tok.i + 2, label="PERSON"))
        else:
            continue
        surnames.append(tok.text)
    covered = {i for p in people for i in range(p.start, p.end)}
    for tok in hyphenated:
        if tok.i not in covered and any(_same_hyphenated(tok.text, s) for s in surnames):
            people.append(Span(doc, tok.i, tok.i + 1, label="PERSON"))
    out = list(ents)
    for person in people:
        out = [rest for e in out for rest in _without(e, person)] + [person]
    return sorted(out, key=lambda e: e.start)


def _without(ent: Span, cut: Span) -> list[Span]:
    """What is left of ``ent`` outside ``cut``: its parts before and after, if they hold a word."""
    if ent.end <= cut.start or cut.end <= ent.start:
        return [ent]
    parts = [(ent.start, cut.start), (cut.end, ent.end)]
    return [Span(ent.doc, a, b, label=ent.label_) for a, b in parts
            if b > a and any(t.is_alpha for t in ent.doc[a:b]) and ent.label_ != "PERSON"]


def settled_by_lists(span: Span, canonical: str, lists: LabelLists) -> bool:
    """Whether the word lists settle the span's label, over what the knowledge base says.

    The knowledge base is built from FullStack-LV, which tags some regions as
    states and some acronyms as places; a continent, a direction region, a
    listed organisation or a seat of power keeps the label the rules gave it.
    """
    if span.label_ == "LOC":
        return is_region(span, lists)
    if span.label_ == "GPE":
        return listed_form(canonical, lists.short_state_names) is not None
    return span.label_ == "ORG" and (listed_organisation(span, lists)
                                     or listed_form(canonical, lists.seats_of_power) is not None)


def listed_form(canonical: str, names: frozenset[str]) -> str | None:
    """The listed name as written that ``canonical`` is, whatever its capitals (``Savienotās valstis``)."""
    return next((n for n in names if n.casefold() == canonical.casefold()), None)


def names_from_list(doc: Doc, names: dict[str, str]) -> list[Span]:
    """Mentions of the listed names (base forms as written -> label) in any case.

    ``Baltais nams``, ``Kremlis``: a seat of power named for the government
    working in it is an ORG; ``Savienotās Valstis``, the United States without
    ``Amerikas``, is a GPE. A cheap match of each word's first letters comes
    before the base form is built.
    """
    by_prefix: dict[str, list[tuple[list[str], str]]] = {}
    for name, label in names.items():
        words = name.casefold().split()
        by_prefix.setdefault(words[0][:3], []).append((words, label))
    out = []
    for tok in doc:
        if not tok.text[:1].isupper():
            continue
        for words, label in by_prefix.get(tok.lower_[:3], ()):
            end = tok.i + len(words)
            if end > len(doc) or any(doc[tok.i + j].lower_[:3] != w[:3] for j, w in enumerate(words[1:], 1)):
                continue
            span = doc[tok.i : end]
            if canonical_form(tokens_from_span(span)).casefold() == " ".join(words) or lemma(span[-1]) == words[-1]:
                out.append(Span(doc, tok.i, end, label=label))
    return out


def with_seat(ents: list[Span], seat: Span) -> list[Span]:
    """``ents`` with a listed name in place of the guesses it overlaps that add no other name.

    ``Baltā nama preses`` (LOC) gives way to ``Baltā nama`` (ORG).
    """
    overlapping = [e for e in ents if e.start < seat.end and seat.start < e.end]
    if any(e.label_ not in RELABELLED or any(t.text[:1].isupper() for t in e if not seat.start <= t.i < seat.end)
           for e in overlapping):
        return ents
    return [e for e in ents if e not in overlapping] + [seat]


# Verbs of reporting: a quoted name that reports or is reported to is a medium or an agency.
REPORTING = frozenset({"ziņot", "paziņot", "vēstīt", "rakstīt", "komentēt", "stāstīt", "informēt", "pavēstīt",
                       "norādīt", "atklāt", "apgalvot"})


def quoted_sources(doc: Doc, protected: set[int]) -> list[Span]:
    """Quoted capitalised names given as a source: ``saskaņā ar “X”``, ``“X” ziņoja``, ``stāstīja “X”``.

    Latvian puts names of media, agencies and companies in quotes, never a
    person's; one that reports, or that something is told to or according to,
    is an organisation.
    """
    out = []
    for tok in doc:
        if tok.text not in OPENING_QUOTES or tok.i + 2 >= len(doc):
            continue
        end = tok.i + 1
        while end < len(doc) and end - tok.i <= 5 and doc[end].text not in CLOSING_QUOTES:
            end += 1
        words = doc[tok.i + 1 : end]
        if end >= len(doc) or doc[end].text not in CLOSING_QUOTES or not _name_in_quotes(words, protected):
            continue
        before = doc[tok.i - 1] if tok.i > 0 else None
        after = doc[end + 1] if end + 1 < len(doc) else None
        according = tok.i > 1 and lemma(doc[tok.i - 1]) == "ar" and lemma(doc[tok.i - 2]) == "saskaņa"
        reported = any(t is not None and t.pos_ == "VERB" and lemma(t) in REPORTING for t in (before, after))
        if according or reported:
            out.append(Span(doc, tok.i + 1, end, label="ORG"))
    return out


def _name_in_quotes(words: Span, protected: set[int]) -> bool:
    """Capitalised words (English links between them) that no other kind of entity holds."""
    return len(words) > 0 and words[0].text[:1].isupper() and not any(t.i in protected for t in words) \
        and all(t.text[:1].isupper() or t.text in ("of", "and", "the", "&") for t in words if t.is_alpha)
