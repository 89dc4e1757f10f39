"""Latvian given names from hunspell-lv make PERSON entities (issue #15).

The statistical NER misses a person named by the given name alone
(``Tabitai``) or takes it for a place or a time (``Ariadne``), most often when
the name was rare in training. hunspell-lv, which the model ships for its
lemmas, knows these names: it writes proper nouns with a part of speech
ending in ``i`` (``lietv4i``), and to a given name it gives the diminutive
classes of its declension, singular and plural (``Anna/SsTt`` ->
``Anniņa``, ``Gints/OoPp`` -> ``Gintiņš``, ``Jānis/QqRr`` -> ``Jānītis``),
which place names lack (``Rīga/S``, ``Ventspils/S``, ``Talsi/o``; a few places
are given names too: ``Auce``, ``Sofija``); common surnames (``Bērziņš``) are
not in the lexicon. A form is a given name only when every
reading of it is one: ``Viļņa`` (Vilnius, or the genitive of ``Vilnis``) and
``Sidneja`` stay with the model.

On FullStack-LV NER train, such a name, capitalised, is inside a gold PERSON
span 838 times of 873 mid-sentence, and 253 of 268 as a sentence's first word
when no lower-case word is spelt the same (15 of 30 when one is: ``Ceru``,
``Maijā``), so those are left alone; a name right before a PERSON span starts
it (513 of 513), one right after it continues it (45 of 47: ``Raimonds
Pauls``).
"""

from __future__ import annotations

from typing import Iterable

from spacy.tokens import Doc, Span, Token

from ..hunspell import Analysis, Dictionary
from .word_lists import starts_sentence

#: The diminutive classes, singular and plural, of the 1st, 4th/5th and 2nd declensions.
DIMINUTIVE_CLASSES = ("Pp", "Tt", "Rr")
#: One-word entities of these labels that are given names are persons.
RELABELLED = frozenset({"GPE", "LOC", "TIME", "EVENT"})


def is_person_reading(flags: str, po: str) -> bool:
    """A proper-noun stem (``po`` ending in ``i``) with both diminutive flags of one declension."""
    return po.endswith("i") and any(a in flags and b in flags for a, b in DIMINUTIVE_CLASSES)


def _from_given_name(dictionary: Dictionary, analysis: Analysis) -> bool:
    # A suffix may name its own part of speech (a feminine built from a masculine), so the
    # analysis must be a proper noun too, not only its stem. A plural (hunspell-lv's tags
    # of plurals start with ``d``) is a holiday or a family: ``Jāņi``, ``Jāņu diena``.
    readings = dictionary.stems.get(analysis.lemma, ())
    return analysis.po.endswith("i") and not analysis.tag.startswith("d") \
        and any(is_person_reading(flags, po) for flags, po in readings)


def is_given_name(dictionary: Dictionary, form: str) -> bool:
    """Every analysis of ``form`` as written comes from a given name's stem (``Agneses`` <- ``Agnese``).

    Only the spelling as written is read: lower-case words are no proper
    nouns, and a capitalised one mid-sentence is no common noun; the caller
    decides about a sentence's first word.
    """
    analyses = dictionary.analyze(form)
    return bool(analyses) and all(_from_given_name(dictionary, a) for a in analyses)


def is_name_token(dictionary: Dictionary, tok: Token) -> bool:
    """A capitalised given name; a sentence's first word only when no lower-case word is spelt so
    (``Ceru``, ``Maijā`` open sentences as a verb and a month)."""
    if not (tok.is_title and tok.is_alpha and is_given_name(dictionary, tok.text)):
        return False
    return not starts_sentence(tok) or not dictionary.analyze(tok.text.lower())


def _person_at(ents: Iterable[Span], start: int | None = None, end: int | None = None) -> Span | None:
    """The PERSON span of ``ents`` that starts at ``start`` or ends at ``end``, or None."""
    return next((e for e in ents if e.label_ == "PERSON" and (e.start == start or e.end == end)), None)


def with_given_names(doc: Doc, ents: list[Span], dictionary: Dictionary) -> list[Span]:
    """``ents`` with lone given names as PERSON spans, in order.

    A given name outside every entity, or a one-word GPE, LOC, TIME or EVENT,
    becomes a PERSON, joined to a PERSON span right before or after it
    (``Anna`` + ``Bērziņa``, ``Raimonds`` + ``Pauls``). Names inside longer
    entities stay with them.
    """
    out = list(ents)
    for tok in doc:
        if not is_name_token(dictionary, tok):
            continue
        own = next((e for e in out if e.start <= tok.i < e.end), None)
        if own is not None and not (len(own) == 1 and own.label_ in RELABELLED):
            continue
        rest = [e for e in out if e is not own]
        # A name joins a person's other names in its sentence only.
        before = None if tok.is_sent_start else _person_at(rest, end=tok.i)
        after = None if tok.i + 1 == len(doc) or doc[tok.i + 1].is_sent_start else _person_at(rest, start=tok.i + 1)
        start = before.start if before is not None else tok.i
        end = after.end if after is not None else tok.i + 1
        out = [e for e in rest if e is not before and e is not after] + [Span(doc, start, end, label="PERSON")]
    return sorted(out, key=lambda e: e.start)
