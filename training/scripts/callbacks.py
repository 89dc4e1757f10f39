"""Training-time callbacks, loaded with ``spacy train --code scripts/callbacks.py``.

spaCy 3.8's edit-tree lemmatizer rebuilds its tree -> label map only in
``initialize`` and ``from_bytes``-style label loading, not in ``from_disk``. A
lemmatizer *sourced* from a trained pipeline (continued training,
``configs/lvnews_continue.cfg``) therefore maps every gold tree to label 0 and
forgets its lemmas within a few hundred steps (dev lemma accuracy 91 -> 48).
Rebuilding the map after initialisation makes continued training safe.
"""

from __future__ import annotations

from typing import Callable

from spacy.language import Language
from spacy.pipeline import EditTreeLemmatizer
from spacy.util import registry


@registry.callbacks("lvnews.edit_tree_labels.v1")
def edit_tree_labels() -> Callable[[Language], Language]:
    def rebuild(nlp: Language) -> Language:
        # nlp.components, not nlp.pipeline: spaCy runs this callback while the
        # sourced (resumed) components are disabled.
        for _, pipe in nlp.components:
            if isinstance(pipe, EditTreeLemmatizer) and not pipe.tree2label:
                pipe.tree2label = {tree: label for label, tree in enumerate(pipe.cfg["labels"])}
        return nlp

    return rebuild
