"""What the shipped model says about itself (name, version, licence, sources), from its config.

``spacy assemble training/configs/assemble.cfg`` builds the shipped pipeline;
this callback, its ``[nlp.after_pipeline_creation]``, writes the model's meta,
so the meta lives in the config with everything else that makes the model.
The saved config keeps the callback: when the model is loaded it runs again,
and the model's ``meta.json``, read after it, has the last word (with what
was added since, such as the dev scores).

No ``from __future__ import annotations`` here: spaCy validates a registered
function's arguments against its annotations, which must be real types.
"""

from typing import Callable

from spacy.language import Language
from spacy.util import registry


@registry.callbacks("lvnews.model_meta.v1")
def model_meta(name: str, version: str, description: str = "", license: str = "",
               sources: list[dict[str, str]] | None = None, notes: str = "") -> Callable[[Language], Language]:
    meta = {"name": name, "version": version, "description": description, "license": license,
            "sources": list(sources or []), "notes": notes}

    def set_meta(nlp: Language) -> Language:
        nlp.meta.update(meta)
        return nlp

    return set_meta
