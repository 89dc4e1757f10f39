"""lvnews: read Latvian news into structured records.

    >>> import lvnews
    >>> article = lvnews.analyze("Rīgas domes priekšsēdētājs Jānis Bērziņš ...")
    >>> [(e.label, e.canonical) for e in article.entities]

``lvnews.load()`` gives an ``Analyzer`` (its ``.nlp`` is the spaCy pipeline);
``lvnews.analyze()`` uses one shared analyzer, loaded on first use.
"""

from __future__ import annotations

from typing import Any, Mapping

from .version import __version__

def load(model=None, backend: str = "spacy", **kwargs: Any):  # noqa: ANN001, ANN201
    """Load an ``Analyzer`` (the bundled model unless ``model`` names another)."""
    from .analyzer import load as _load

    return _load(model, backend=backend, **kwargs)


def analyze(text: Any, id: str | None = None, metadata: Mapping[str, Any] | None = None,
            force_language: str | None = None):  # noqa: ANN201
    """Analyse one article with the shared analyzer; safe to call from several threads."""
    from .analyzer import shared_analyzer

    return shared_analyzer().analyze(text, id=id, metadata=metadata, force_language=force_language)


def __getattr__(name: str):  # noqa: ANN202
    # Records and the Analyzer import spaCy; load them only when asked for.
    if name == "Analyzer":
        from .analyzer import Analyzer

        return Analyzer
    if name in ("Article", "Entity", "Sentence", "Token"):
        from . import records

        return getattr(records, name)
    raise AttributeError(f"module 'lvnews' has no attribute {name!r}")


__all__ = ["__version__", "load", "analyze", "Analyzer", "Article", "Entity", "Sentence", "Token"]
