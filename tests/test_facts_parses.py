"""Fact rules on hand-built dependency trees: the attachments different parser models give.

Each sentence is written for these tests; its tree is set by hand the way one of the
models parses it, so a rule is tested on every attachment it must survive, whatever
the shipped model happens to choose.
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

from lvnews.facts.membership import MembershipExtractor
from lvnews.facts.role import RoleExtractor

# word, lemma, UPOS, relation, head index (itself for the root), case (or a whole morph string)
Row = tuple[str, str, str, str, int, str]
# Latvian lexical attributes (``lower_``, ``is_title``), which a bare Vocab lacks.
VOCAB = spacy.blank("lv").vocab


def parsed(rows: list[Row], ents: list[tuple[int, int, str]]) -> Doc:
    """A Doc with the given tags, tree and entities (``canonical`` = the text)."""
    doc = Doc(VOCAB, words=[r[0] for r in rows], lemmas=[r[1] for r in rows], pos=[r[2] for r in rows],
              deps=[r[3] for r in rows], heads=[r[4] for r in rows],
              morphs=[r[5] if "=" in r[5] or not r[5] else f"Case={r[5]}" for r in rows])
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


def roles(doc: Doc) -> set[tuple[str, str]]:
    return {(f["person"]["canonical"], f["role"]) for f in run(RoleExtractor, doc)}


def test_role_by_election_with_the_predicative_as_xcomp_or_obl():
    """``par ... priekšsēdētāju ievēlēts X``: LVTB (and run 6c) make the ``par`` phrase xcomp."""
    for dep in ("obl", "xcomp"):
        doc = parsed([
            ("Par", "par", "ADP", "case", 2, ""),
            ("valdes", "valde", "NOUN", "nmod", 2, "Gen"),
            ("priekšsēdētāju", "priekšsēdētājs", "NOUN", dep, 4, "Acc"),
            ("atkal", "atkal", "ADV", "advmod", 4, ""),
            ("ievēlēts", "ievēlēt", "VERB", "ROOT", 4, "Nom"),
            ("Jānis", "Jānis", "PROPN", "nsubj", 4, "Nom"),
            ("Kalns", "Kalns", "PROPN", "flat", 5, "Nom"),
            (".", ".", "PUNCT", "punct", 4, ""),
        ], [(5, 7, "PERSON")])
        assert roles(doc) == {("Jānis Kalns", "valdes priekšsēdētājs")}, dep


def test_role_keeps_a_title_modifier_that_ner_tagged_as_an_organisation():
    """``Kvalitātes vadītāja``, capitalised in a list of posts, is tagged ORG by run 6c's NER."""
    doc = parsed([
        ("Sapulcē", "sapulce", "NOUN", "obl", 1, "Loc"),
        ("runāja", "runāt", "VERB", "ROOT", 1, ""),
        ("Kvalitātes", "kvalitāte", "NOUN", "nmod", 3, "Gen"),
        ("vadītāja", "vadītāja", "NOUN", "nmod", 4, "Nom"),
        ("Ilze", "Ilze", "PROPN", "nsubj", 1, "Nom"),
        ("Liepa", "Liepa", "PROPN", "flat", 4, "Nom"),
        (".", ".", "PUNCT", "punct", 1, ""),
    ], [(2, 3, "ORG"), (4, 6, "PERSON")])
    assert roles(doc) == {("Ilze Liepa", "kvalitātes vadītāja")}


def test_role_before_a_dash_when_the_tagger_misreads_a_foreign_first_name():
    """``pārstāvji – Jozua Kalns un Moše Liepa``: one word of the name in the title's case is enough."""
    doc = parsed([
        ("Ieradās", "ierasties", "VERB", "ROOT", 0, ""),
        ("divi", "divi", "NUM", "nummod", 3, "Nom"),
        ("biedrības", "biedrība", "NOUN", "nmod", 3, "Gen"),
        ("pārstāvji", "pārstāvis", "NOUN", "nsubj", 0, "Case=Nom|Number=Plur"),
        ("–", "–", "PUNCT", "punct", 5, ""),
        ("Jozua", "Jozua", "PROPN", "appos", 3, "Gen"),
        ("Kalns", "Kalns", "PROPN", "flat", 5, "Nom"),
        ("un", "un", "CCONJ", "cc", 8, ""),
        ("Moše", "Moše", "X", "conj", 5, ""),
        ("Liepa", "Liepa", "PROPN", "flat", 8, "Nom"),
        (".", ".", "PUNCT", "punct", 0, ""),
    ], [(5, 7, "PERSON"), (8, 10, "PERSON")])
    assert roles(doc) == {("Jozua Kalns", "pārstāvis"), ("Moše Liepa", "pārstāvis")}


def test_role_past_the_place_of_the_post_tagged_as_a_common_noun():
    """``direktors Liepājā Jānis Kalns``: run 6c tags the place NOUN and NER starts the name there."""
    doc = parsed([
        ("Uzņēmuma", "uzņēmums", "NOUN", "nmod", 1, "Gen"),
        ("direktors", "direktors", "NOUN", "nsubj", 5, "Nom"),
        ("Liepājā", "Liepāja", "NOUN", "obl", 5, "Loc"),
        ("Jānis", "Jānis", "PROPN", "flat", 2, "Nom"),
        ("Kalns", "Kalns", "PROPN", "flat", 3, "Nom"),
        ("atteicās", "atteikties", "VERB", "ROOT", 5, ""),
        (".", ".", "PUNCT", "punct", 5, ""),
    ], [(2, 5, "PERSON")])
    assert roles(doc) == {("Jānis Kalns", "direktors")}


def test_role_in_apposition_past_a_space_token_and_a_participle():
    """``X (gloss) — bijušais padomes priekšsēdētājs``: a no-break space the tagger calls CCONJ
    and ``bijušais`` tagged VERB (run 6c) do not end the apposition."""
    doc = parsed([
        ("Runāja", "runāt", "VERB", "ROOT", 0, ""),
        ("Jānis", "Jānis", "PROPN", "nsubj", 0, "Nom"),
        ("Kalns", "Kalns", "PROPN", "flat", 1, "Nom"),
        ("(", "(", "PUNCT", "punct", 4, ""),
        ("John", "John", "X", "parataxis", 1, ""),
        (")", ")", "PUNCT", "punct", 4, ""),
        ("—", "—", "PUNCT", "punct", 1, ""),
        ("\u00a0", "\u00a0", "CCONJ", "cc", 10, ""),
        ("bijušais", "būt", "VERB", "amod", 10, "Nom"),
        ("padomes", "padome", "NOUN", "nmod", 10, "Gen"),
        ("priekšsēdētājs", "priekšsēdētājs", "NOUN", "appos", 1, "Nom"),
        (".", ".", "PUNCT", "punct", 0, ""),
    ], [(1, 3, "PERSON")])
    assert roles(doc) == {("Jānis Kalns", "padomes priekšsēdētājs")}
