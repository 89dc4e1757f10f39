"""Complete organisation names that NER cut short, and trim titles it swallowed.

FullStack-LV often tags only the acronym of a longer name (``UNESCO`` in
``UNESCO Izglītības pilsētu tīklā``), and the model follows it. Latvian
spelling marks such names: the words after the acronym start with a capital
letter (``Izglītības``, ``Mūžizglītības``), lower-case genitives and adjectives
may follow, and the name ends in an institution noun (``tīkls``,
``institūts``, ``komisija``). A mention followed by that shape becomes one ORG
entity; a lower-case continuation alone (``UNESCO nacionālās komisijas``)
is left as it is.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..components import RuleComponent
from ..lexicon import load_lexicon

EXTENDABLE = {"ORG", "PERSON", "MISC", "PRODUCT", "GPE"}
# Company legal forms written before a quoted name: ``SIA „Venceb”``, ``VAS "Latvijas Loto"``.
LEGAL_FORMS = {"SIA", "AS", "VAS", "A/S", "PSIA", "VSIA", "BO", "IK", "ZS", "KS", "PS"}
OPENING_QUOTES = {"„", '"', "“", "«", "'"}
CLOSING_QUOTES = {"”", '"', "“", "»", "'"}
MAX_QUOTED = 8


def quoted_span(doc: Doc, i: int) -> tuple[int, int] | None:
    """(start, end) of a quoted name opening at token ``i``, quotes included."""
    if i >= len(doc) or doc[i].text not in OPENING_QUOTES:
        return None
    for k in range(i + 2, min(len(doc), i + 2 + MAX_QUOTED)):
        if doc[k].text in CLOSING_QUOTES:
            return i, k + 1
        if doc[k].is_sent_start or doc[k].text in {".", ";", "(", ")"}:
            return None
    return None


def quoted_organisations(doc: Doc, group_nouns: frozenset[str]) -> list[Span]:
    """ORG spans of quoted names after a legal form (included) or a genitive group noun.

    A quoted name after ``SIA``/``AS``/``biedrības``/``partijas`` names an
    organisation, whatever label the model gave the words inside.
    """
    out = []
    for tok in doc[:-2]:
        quoted = quoted_span(doc, tok.i + 1)
        if quoted is None:
            continue
        if tok.text in LEGAL_FORMS:
            out.append(Span(doc, tok.i, quoted[1], label="ORG"))
        elif tok.pos_ == "NOUN" and (tok.lemma_ or "").lower() in group_nouns and "Gen" in tok.morph.get("Case"):
            out.append(Span(doc, quoted[0], quoted[1], label="ORG"))
    return out


NAME_POS = {"NOUN", "PROPN", "ADJ"}


def extended_name(doc: Doc, ent: Span, heads: frozenset[str]) -> Span | None:
    """``ent`` plus a capitalised continuation ending in an institution noun, or None.

    The capitalised words may already be inside an ORG: the model sometimes
    tags ``UNESCO Izglītības pilsētu`` and leaves out the ``tīklā`` that ends it.
    (Not inside a PERSON: ``Jāņa Bērziņa birojs`` is his office, not a name;
    nor after a closing quote: ``„Zaļā Daugava” valde`` is the board of a
    complete name.)
    """
    capitalised = ent.label_ == "ORG" and ent[-1].text not in CLOSING_QUOTES \
        and any(tok.is_title for tok in ent[1:])
    k = ent.end
    while k < len(doc) and k - ent.end < 6:
        tok = doc[k]
        if tok.pos_ not in NAME_POS or tok.is_punct or tok.is_space:
            return None
        if tok.ent_iob_ == "B" and tok.ent_type_ not in EXTENDABLE:
            return None
        if tok.is_title and tok.pos_ != "ADJ" or tok.is_title and k == ent.end:
            capitalised = True
        if tok.pos_ == "NOUN" and (tok.lemma_ or tok.text).lower() in heads:
            return Span(doc, ent.start, k + 1, label="ORG") if capitalised else None
        if not (tok.is_title or "Gen" in tok.morph.get("Case") or tok.pos_ == "ADJ"):
            return None
        k += 1
    return None


class OrgNameCompleter(RuleComponent):
    def __init__(self, nlp: Language, name: str = "org_names") -> None:
        self.name = name
        self.lexicon = load_lexicon()
        self.heads = self.lexicon.group_nouns

    def __call__(self, doc: Doc) -> Doc:
        ents = [self.without_title(doc, e) for e in doc.ents]
        changed = any(a is not b for a, b in zip(ents, doc.ents))
        ents = [e for e in ents if e is not None]
        for org in quoted_organisations(doc, self.heads):
            # It replaces what it covers, unless the model's span reaches further.
            overlapping = [e for e in ents if e.start < org.end and org.start < e.end]
            if all(org.start <= e.start and e.end <= org.end for e in overlapping):
                ents = [e for e in ents if e not in overlapping] + [org]
                changed = True
        for ent in list(ents):
            if ent.label_ not in EXTENDABLE:
                continue
            longer = extended_name(doc, ent, self.heads)
            if longer is None:
                continue
            ents = [e for e in ents if e.end <= longer.start or e.start >= longer.end] + [longer]
            changed = True
        if changed:
            doc.ents = sorted(ents, key=lambda e: e.start)
        return doc

    def without_title(self, doc: Doc, ent: Span) -> Span | None:
        """``Latvijas Bankas prezidents`` is a title, not part of the bank's name."""
        end = ent.end
        while end > ent.start and ent.label_ == "ORG" and doc[end - 1].pos_ == "NOUN" \
                and self.lexicon.is_title_head((doc[end - 1].lemma_ or doc[end - 1].text).lower()):
            end -= 1
        if end == ent.end:
            return ent
        return Span(doc, ent.start, end, label=ent.label_) if end > ent.start else None


@Language.factory("lvnews_org_names", default_config={})
def make_org_names(nlp: Language, name: str) -> OrgNameCompleter:
    return OrgNameCompleter(nlp, name)
