"""Sentence-boundary rules for Latvian dialogue punctuation, ahead of the parser.

The parser learns boundaries from running text, but dialogue follows
conventions it sees too rarely:

* ``- Tu pierakstīsi? - viņa jautāja.``: after ``?``/``!``/``...``, a dash
  and a lower-case word continue the same sentence (the speech tag);
* ``„Nav gatava!” – „Es sēžu laivā!”``: a dash between a closing and an
  opening quote after sentence-final punctuation starts a new sentence.

The parser keeps boundaries that are already set, so the rules only fix
these two places and leave everything else to the model.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

DASHES = {"-", "–", "—"}
FINAL = {"?", "!", "?!", "!?", "...", "…"}
CLOSING = {"”", '"', "“", "»"}
OPENING = {"„", '"', "“", "«"}


def dialogue_boundaries(doc: Doc) -> Doc:
    n = len(doc)
    for i in range(1, n - 1):
        tok = doc[i]
        if tok.text not in DASHES:
            continue
        prev, nxt = doc[i - 1], doc[i + 1]
        if prev.text in FINAL and nxt.text[:1].islower():
            tok.is_sent_start = False
            nxt.is_sent_start = False
        elif prev.text in CLOSING and i >= 2 and doc[i - 2].text in FINAL | {"."} and nxt.text in OPENING:
            tok.is_sent_start = True
    return doc


@Language.component("lvnews_sentence_rules")
def sentence_rules(doc: Doc) -> Doc:
    return dialogue_boundaries(doc)
