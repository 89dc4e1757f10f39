"""Fact rules on hand-built dependency trees: the attachments different parser models give.

Each sentence is written for these tests; its tree is set by hand the way one of the
models parses it, so a rule is tested on every attachment it must survive, whatever
the shipped model happens to choose.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from lvnews.facts.membership import MembershipExtractor

# word, lemma, UPOS, relation, head index (itself for the root), case
Row = tuple[str, str, str, str, int, str]


def parsed(rows: list[Row], ents: list[tuple[int, int, str]]) -> Doc:
    """A Doc with the given tags, tree and entities (``canonical`` = the text)."""
    doc = Doc(Vocab(), words=[r[0] for r in rows], lemmas=[r[1] for r in rows], pos=[r[2] for r in rows],
              deps=[r[3] for r in rows], heads=[r[4] for r in rows],
              morphs=[f"Case={r[5]}" if r[5] else "" for r in rows])
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in ents]
    for ent in doc.ents:
        ent._.canonical = ent.text
    return doc


def run(extractor_class: type, doc: Doc) -> list[dict]:
    doc._.facts = []
    return extractor_class(None, "test")(doc)._.facts


# "Asociācijā uzņemtas 9 universitātes, tostarp arī Lietuvas augstskola – Kauņa."
def continuation(dep: str) -> list[Row]:
    return [
        ("Asociācijā", "asociācija", "NOUN", "obl", 1, "Loc"),
        ("uzņemtas", "uzņemt", "VERB", "ROOT", 1, "Nom"),
        ("9", "9", "NUM", "nummod", 3, ""),
        ("universitātes", "universitāte", "NOUN", "nsubj", 1, "Nom"),
        (",", ",", "PUNCT", "punct", 8, ""),
        ("tostarp", "tostarp", "ADV", "advmod", 8, ""),
        ("arī", "arī", "PART", "discourse", 8, ""),
        ("Lietuvas", "Lietuva", "PROPN", "nmod", 8, "Gen"),
        ("augstskola", "augstskola", "NOUN", dep, 1, "Nom"),
        ("–", "–", "PUNCT", "punct", 10, ""),
        ("Kauņa", "Kauņa", "PROPN", "appos", 8, "Nom"),
        (".", ".", "PUNCT", "punct", 1, ""),
    ]


def test_membership_through_a_verbless_continuation_however_attached():
    """run 4 attaches ``tostarp ... augstskola`` as acl or conj, run 6c as advcl."""
    for dep in ("conj", "acl", "advcl", "parataxis"):
        doc = parsed(continuation(dep), [(0, 1, "ORG"), (7, 8, "GPE"), (10, 11, "GPE")])
        found = [(f["member"]["canonical"], f["organization"]["canonical"]) for f in run(MembershipExtractor, doc)]
        assert found == [("Kauņa", "Asociācijā")], (dep, found)


def test_membership_not_through_an_adverbial_with_its_own_subordinator():
    """``kā ... augstskola`` ('as a university') is an adverbial, not who joined."""
    rows = continuation("advcl")
    rows[5] = ("kā", "kā", "SCONJ", "mark", 8, "")
    doc = parsed(rows, [(0, 1, "ORG"), (7, 8, "GPE"), (10, 11, "GPE")])
    assert run(MembershipExtractor, doc) == []
