"""The spaCy extension attributes lvnews components set and Doc -> record reads.

Registered in one leaf module, on import, so whichever side is imported first
(the components that write them, or ``convert`` that reads them) finds them:
``Span._.canonical`` (base form), ``Span._.kb`` (knowledge-base link) and
``Doc._.facts`` (fact drafts).
"""

from spacy.tokens import Doc, Span

if not Span.has_extension("canonical"):
    Span.set_extension("canonical", default=None)
if not Span.has_extension("kb"):
    Span.set_extension("kb", default=None)
if not Doc.has_extension("facts"):
    Doc.set_extension("facts", default=None)
