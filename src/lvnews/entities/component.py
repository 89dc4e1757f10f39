"""spaCy component that puts entity mentions in base form and links them.

Sets ``Span._.canonical`` and ``Span._.kb`` on ``doc.ents``. The plural
forms table and the knowledge base are data built by the training project
and saved with the model.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Iterable, Sequence

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span

from .canonical import canonical_form, tokens_from_span
from .kb import KnowledgeBase
from .person_names import attested, candidate_forms

FORMS_FILE = "plural_forms.json.gz"
RELABEL = {"PERSON", "ORG", "GPE", "LOC", "MISC"}
NOT_NAMES = {"ADV", "PRON", "ADP", "CCONJ", "SCONJ", "PART", "AUX", "INTJ", "PUNCT"}

if not Span.has_extension("canonical"):
    Span.set_extension("canonical", default=None)
if not Span.has_extension("kb"):
    Span.set_extension("kb", default=None)


def title_context(ent: Span) -> tuple[str | None, str | None]:
    """(gender, case) of a lower-case noun right before a name and tied to it by the parse.

    A title agrees with the name it stands before (``kanclerei Angelai
    Merkelei``, ``prezidenta Trampa``), and the tagger knows common nouns far
    better than foreign names.
    """
    if ent.start == 0:
        return None, None
    prev = ent.doc[ent.start - 1]
    if prev.pos_ != "NOUN" or not prev.text.islower() or "Plur" in prev.morph.get("Number") \
            or not (ent.start <= prev.head.i < ent.end or ent.root.head.i == prev.i):
        return None, None
    gender, case = prev.morph.get("Gender"), prev.morph.get("Case")
    return (gender[0] if gender else None), (case[0] if case else None)


def implied_case(ent: Span) -> str | None:
    """The case a name's place in the parse implies: Gen before the noun it modifies, Nom as subject."""
    root = ent.root
    dep = root.dep_.split(":")[0]
    if dep == "nmod" and root.head.i >= ent.end and root.head.pos_ == "NOUN":
        return "Gen"
    return "Nom" if dep == "nsubj" else None


def surname_links(ents: Sequence[Span], canonicals: Sequence[str]) -> dict[int, str]:
    """Index of a one-word PERSON mention -> the canonical of the full name it shortens.

    News name a person in full once and by surname after (``Jānis Bērziņš`` ...
    ``Bērziņam``); the full name is an earlier PERSON of two or more words whose
    last word is a nominative the mention can be of. Two earlier people with
    that surname leave the mention alone.
    """
    full: dict[str, set[str]] = defaultdict(set)
    out = {}
    for i, (ent, canonical) in enumerate(zip(ents, canonicals)):
        if ent.label_ != "PERSON":
            continue
        words = canonical.split()
        if len(words) >= 2:
            full[words[-1].casefold()].add(canonical)
        elif len(ent) == 1 and full:
            matches = set().union(*(full.get(form.casefold(), set()) for form in candidate_forms(ent.text)))
            if len(matches) == 1:
                out[i] = matches.pop()
    return out


class EntityNormalizer:
    """Base forms and links of ``doc.ents``; article-level, so it sees every mention of a person.

    ``surname_canonical``: what a surname-only mention of a person named in full
    earlier gets as its canonical: ``"full_name"`` (``Bērziņam`` -> ``Jānis
    Bērziņš``, the record links both to one person) or ``"surname"`` (``Bērziņš``,
    the mention's own base form, as the news annotation wants it). Either way
    it gets the full name's knowledge-base link.
    """

    def __init__(self, nlp: Language, name: str = "entity_normalizer", surname_canonical: str = "full_name") -> None:
        if surname_canonical not in ("full_name", "surname"):
            raise ValueError(f"surname_canonical must be 'full_name' or 'surname', not {surname_canonical!r}")
        self.name = name
        self.kb = KnowledgeBase()
        self.forms: dict[str, str] = {}
        self.surname_canonical = surname_canonical

    def __call__(self, doc: Doc) -> Doc:
        # A name has a nominal (or numeric, for dates and money) head; a
        # capitalised adverb such as ``ŠEIT`` is not one.
        doc.ents = [e for e in doc.ents if e.root.pos_ not in NOT_NAMES]
        known_forms = attested(t.text for e in doc.ents if e.label_ == "PERSON" for t in e)
        ents, canonicals = [], []
        for ent in doc.ents:
            canonical = self.base_form(ent, known_forms)
            # A name the knowledge base knows keeps the label it is known by
            # (``Valmiera`` is a city even where the model guessed a person).
            known = self.kb.label(canonical)
            if known is None and ent.label_ == "PERSON":
                # A place taken for a person declines as a place (``Gvatemalu``).
                as_name = canonical_form(tokens_from_span(ent), self.forms)
                known = self.kb.label(as_name)
                canonical = as_name if known not in (None, "PERSON") else canonical
            if known and known != ent.label_ and ent.label_ in RELABEL:
                ent = Span(doc, ent.start, ent.end, label=known)
            ents.append(ent)
            canonicals.append(canonical)
        links = surname_links(ents, canonicals)
        for i, (ent, canonical) in enumerate(zip(ents, canonicals)):
            full = links.get(i)
            ent._.kb = self.kb.lookup(full or canonical)
            if full is not None:
                canonical = full if self.surname_canonical == "full_name" else full.split()[-1]
            ent._.canonical = canonical
        doc.ents = ents
        return doc

    def base_form(self, ent: Span, known_forms: frozenset[str]) -> str:
        if ent.label_ != "PERSON":
            return canonical_form(tokens_from_span(ent), self.forms)
        return canonical_form(tokens_from_span(ent), self.forms, person=True, context=title_context(ent),
                              syntax=implied_case(ent), known=known_forms)

    def to_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        self.kb.to_disk(path)
        srsly.write_gzip_json(path / FORMS_FILE, self.forms)

    def from_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> "EntityNormalizer":
        path = Path(path)
        self.kb = KnowledgeBase.from_disk(path)
        self.forms = srsly.read_gzip_json(path / FORMS_FILE)
        return self


@Language.factory("lvnews_entity_normalizer", default_config={"surname_canonical": "full_name"})
def make_entity_normalizer(nlp: Language, name: str, surname_canonical: str) -> EntityNormalizer:
    return EntityNormalizer(nlp, name, surname_canonical)
