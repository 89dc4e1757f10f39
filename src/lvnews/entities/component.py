"""spaCy component that puts entity mentions in base form and links them.

Sets ``Span._.canonical`` and ``Span._.kb`` on ``doc.ents``. The plural
forms table and the knowledge base are data built by the training project
and saved with the model.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span

from .canonical import canonical_form, tokens_from_span
from .kb import KnowledgeBase

FORMS_FILE = "plural_forms.json.gz"
RELABEL = {"PERSON", "ORG", "GPE", "LOC", "MISC"}
NOT_NAMES = {"ADV", "PRON", "ADP", "CCONJ", "SCONJ", "PART", "AUX", "INTJ", "PUNCT"}

if not Span.has_extension("canonical"):
    Span.set_extension("canonical", default=None)
if not Span.has_extension("kb"):
    Span.set_extension("kb", default=None)


class EntityNormalizer:
    def __init__(self, nlp: Language, name: str = "entity_normalizer") -> None:
        self.name = name
        self.kb = KnowledgeBase()
        self.forms: dict[str, str] = {}

    def __call__(self, doc: Doc) -> Doc:
        # A name has a nominal (or numeric, for dates and money) head; a
        # capitalised adverb such as ``ŠEIT`` is not one.
        doc.ents = [e for e in doc.ents if e.root.pos_ not in NOT_NAMES]
        ents = []
        for ent in doc.ents:
            canonical = canonical_form(tokens_from_span(ent), self.forms, person=ent.label_ == "PERSON")
            # A name the knowledge base knows keeps the label it is known by
            # (``Valmiera`` is a city even where the model guessed a person).
            known = self.kb.label(canonical)
            if known and known != ent.label_ and ent.label_ in RELABEL:
                ent = Span(doc, ent.start, ent.end, label=known)
            ents.append(ent)
            ent._.canonical = canonical
            ent._.kb = self.kb.lookup(canonical)
        doc.ents = ents
        return doc

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


@Language.factory("lvnews_entity_normalizer", default_config={})
def make_entity_normalizer(nlp: Language, name: str) -> EntityNormalizer:
    return EntityNormalizer(nlp, name)
