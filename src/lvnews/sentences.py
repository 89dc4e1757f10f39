"""Sentence-boundary rules for Latvian dialogue punctuation, ahead of the parser.

The parser learns boundaries from running text, but dialogue follows
conventions it sees too rarely:

* ``- Tu pierakstīsi? - viņa jautāja.``: after ``?``/``!``/``...``, a dash
  and a lower-case word continue the same sentence (the speech tag);
* ``„Nav gatava!” – „Es sēžu laivā!”``: a dash between a closing and an
  opening quote after sentence-final punctuation starts a new sentence, and
  so does an opening quote right after such a closing one (``"Nē!" "Kāpēc?"``);
* a quote glued to sentence-final punctuation (``...klāt."``) closes that
  sentence and never opens the next: what follows it, a capitalised word or
  another quote, does;
* a list-closing abbreviation (``utt.``, ``u.c.``) keeps its dot as a token of
  its own, so a capitalised common word after it starts a new sentence;
* punctuation glued to the word before it (``izveidi.``, ``www.lv,``) ends
  or continues that word's sentence, never opens one (quotes, brackets and
  dashes excepted);
* an initial (``Kr. Barona``, ``Dz. Lezdiņa``) or an abbreviation before a
  number (``mob. 29240290``) does not end a sentence.

The parser keeps boundaries that are already set, so the rules only fix
these places and leave everything else to the model. It does not always keep
a *non*-boundary: a tree fragment it leaves unattached still starts a
sentence. ``lvnews_sentence_repair``, after the parser, attaches such a
fragment to the sentence before it when one of the rules above says no
sentence can start there (``kājai ||| , un ...``).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .components import RuleComponent

DASHES = {"-", "–", "—"}
FINAL = {"?", "!", "?!", "!?", "...", "…"}
CLOSING = {"”", '"', "“", "»"}
OPENING = {"„", '"', "“", "«"}
LIST_ENDS = {"utt.", "u.c.", "u.tml.", "u.t.t.", "u.c.p."}
# Marks that may open a sentence even when glued to what precedes them.
OPENERS = OPENING | DASHES | {"(", "[", "«", "‘", "'"}


def _glued_punct(doc: Doc, i: int) -> bool:
    """``doc[i]`` is punctuation written without a space after the previous token."""
    tok = doc[i]
    return tok.is_punct and tok.text not in OPENERS and doc[i - 1].whitespace_ == ""


def _initial(text: str) -> bool:
    """``A.``, ``Kr.``, ``Dz.``: one or two letters of a first name and a dot."""
    return 2 <= len(text) <= 3 and text[-1] == "." and text[0].isupper() and text[1:-1].islower() \
        and text[:-1].isalpha()


def _abbreviation(text: str) -> bool:
    return len(text) > 1 and text[-1] == "." and text[:-1].replace(".", "").isalpha()


def _closes(doc: Doc, i: int) -> bool:
    """``doc[i]`` is a quote glued to the sentence-final punctuation before it."""
    return (i >= 1 and doc[i].text in CLOSING and doc[i - 1].text in FINAL | {"."}
            and doc[i - 1].whitespace_ == "")


def _cannot_start(doc: Doc, i: int) -> bool:
    """No Latvian sentence starts at ``doc[i]``: glued punctuation, right after a comma,
    after an initial, a number after an abbreviation. Checked before the parser and
    again after it."""
    tok, prev = doc[i], doc[i - 1]
    return (_glued_punct(doc, i) or prev.text == "," or (_initial(prev.text) and tok.is_title)
            or (_abbreviation(prev.text) and tok.text[:1].isdigit()))


def dialogue_boundaries(doc: Doc) -> Doc:
    n = len(doc)
    for i in range(1, n):
        tok = doc[i]
        if _closes(doc, i):
            tok.is_sent_start = False
            if i + 1 < n and tok.whitespace_ and (doc[i + 1].text in OPENING or doc[i + 1].is_title):
                doc[i + 1].is_sent_start = True
            continue
        if doc[i - 1].text in LIST_ENDS and tok.is_title and tok.pos_ not in ("PROPN", "X"):
            tok.is_sent_start = True
            continue
        if _cannot_start(doc, i):
            tok.is_sent_start = False
            continue
        if i == n - 1:
            continue
        if tok.text not in DASHES:
            continue
        prev, nxt = doc[i - 1], doc[i + 1]
        if prev.text in FINAL and nxt.text[:1].islower():
            tok.is_sent_start = False
            nxt.is_sent_start = False
        elif _closes(doc, i - 1) and nxt.text in OPENING:
            tok.is_sent_start = True
            nxt.is_sent_start = False
    return doc


def repair_boundaries(doc: Doc) -> Doc:
    """Attach each sentence that cannot start where the parser started it to the one before."""
    if not doc.has_annotation("DEP"):
        return doc
    sents = list(doc.sents)
    kept = sents[0].root if sents else None
    for sent in sents[1:]:
        start, root = sent.start, sent.root
        if _cannot_start(doc, start):
            follows_conjunction = start + 1 < len(doc) and doc[start + 1].pos_ == "CCONJ"
            root.head = kept
            root.dep_ = "conj" if follows_conjunction else "parataxis"
        else:
            kept = root
    return doc


class SentenceRules(RuleComponent):
    """Before the parser: the dialogue boundaries of :func:`dialogue_boundaries`."""

    def __init__(self, name: str = "sentence_rules") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        return dialogue_boundaries(doc)


class SentenceRepair(RuleComponent):
    """After the parser: fragments that cannot start a sentence rejoin the one before."""

    def __init__(self, name: str = "sentence_repair") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        return repair_boundaries(doc)


@Language.factory("lvnews_sentence_repair", default_config={})
def sentence_repair(nlp: Language, name: str) -> SentenceRepair:
    return SentenceRepair(name)


@Language.factory("lvnews_sentence_rules", default_config={})
def sentence_rules(nlp: Language, name: str) -> SentenceRules:
    return SentenceRules(name)
