"""Named entities: base forms (``canonical``) and knowledge-base links."""

from .canonical import CanonToken, canonical_form, tokens_from_span
from .kb import NameLinks
from . import labels as _labels  # noqa: F401  (registers lvnews_entity_labels)

__all__ = ["CanonToken", "canonical_form", "tokens_from_span", "NameLinks"]
