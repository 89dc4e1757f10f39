"""Shared base of the fact extractor components.

Every extractor is a spaCy component that appends fact drafts to
``doc._.facts``: plain dicts whose spans are *token* indices into the doc
(``start``/``end`` of the evidence, participants as ``{"start", "end",
"canonical", ...}``). ``convert`` turns them into the contract's
character-offset records once the whole article is known.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from ..components import RuleComponent
from .. import extensions as _extensions  # noqa: F401  (Doc._.facts)
from ..lexicon import Lexicon, load_lexicon


def facts_of(doc: Doc) -> list[dict]:
    if doc._.facts is None:
        doc._.facts = []
    return doc._.facts


class FactExtractor(RuleComponent):
    """Base class: holds the lexicon; subclasses implement ``extract``."""

    fact_type = ""

    def __init__(self, nlp: Language, name: str, lexicon: str | None = None) -> None:
        self.name = name
        # ``lexicon`` (config) points to another lexicon JSON of the same shape.
        self.lexicon: Lexicon = load_lexicon(Path(lexicon)) if lexicon else load_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        facts = facts_of(doc)
        # Every fact rule reads the dependency tree; a pipeline loaded without the
        # parser (``exclude=["parser"]``, for speed) should still tag and find
        # entities, so the extractor steps aside instead of failing on doc.sents.
        if not doc.has_annotation("DEP"):
            if len(doc):
                warnings.warn(f"{self.name}: the Doc has no dependency parse, so no facts are extracted "
                              "(keep the parser in the pipeline for facts)", stacklevel=2)
            return doc
        facts.extend(self.extract(doc, facts))
        return doc

    def extract(self, doc: Doc, facts: list[dict]) -> Iterable[dict]:
        raise NotImplementedError

