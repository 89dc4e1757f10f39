"""``quantity`` facts: a number with what it counts or measures.

The number comes from ``numbers.number_spans`` (digits and number words);
what it counts is found through the parse (the noun the number modifies as
``nummod``), else the noun right after it (genitive of quantity after
``miljoni``/``tūkstoši``), and ``%``. A qualifier before it gives ``approx``;
``N līdz M``/``N–M`` gives a range.
"""

from __future__ import annotations

import re

from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..entities.canonical import QUOTES
from ..lemmas import LemmaLookup
from ..numbers import number_spans
from .agreement import (ONE_FORMS, agrees_with_count, case_agrees, definite_lemma, fits_one, is_substantivised,
                        known_declension, numeral_cases, takes_singular)
from .base import FactExtractor
from .currency import currency_of
from ..lexicon import Lexicon, approx_before
from .syntax import NOMINAL, lemma

COUNTED_POS = NOMINAL | {"SYM", "X"}
# How far right of the number the counted noun may stand (``71 pilna servisa
# degvielas uzpildes stacija``).
MAX_NOUN_DISTANCE = 6
# How far (tokens) back the count lending its unit to an elided one may end.
ELIDED_WINDOW = 12
# A quoted name may open right after a count (``divos “Rimi” veikalos``); a
# closing quote after a number ends a name the number belongs to (``“Model 3” atsauksme``).
OPENING_QUOTES = {"“", "„", "«"}


# A unit written with a slash (``km/h``, ``m/s``, ``EUR/MWh``), whatever the tagger made of it.
RE_SLASH_UNIT = re.compile(r"[^\W\d_]{1,4}/[^\W\d_]{1,4}")


def unit_of(tok: Token) -> str:
    if tok.text == "%" or lemma(tok) in ("procents", "%"):
        return "%"
    if RE_SLASH_UNIT.fullmatch(tok.text):
        return tok.text
    if tok.pos_ in ("ADJ", "VERB"):
        return definite_lemma(tok)
    if tok.pos_ == "PROPN" or (len(tok.text) > 1 and tok.text.isupper()):
        return tok.lemma_ or tok.text
    return lemma(tok)


def currency_near(noun: Token, unit: str) -> str | None:
    """The ISO code of a money unit, the words around the noun naming the country
    (``Kanādas dolāri``, ``zviedru kronas``, ``mārciņas sterliņu``)."""
    doc = noun.doc
    near = [doc[i] for i in (noun.i - 2, noun.i - 1, noun.i + 1) if 0 <= i < len(doc)]
    return currency_of(unit, [w for t in near for w in (lemma(t), t.lower_)])


# Forms of ``otrs`` (the other): ``viens ... otrs`` pairs two of a kind, it counts nothing.
OTHER_FORMS = frozenset("otr" + e for e in ("s", "a", "am", "u", "ā", "i", "iem", "us", "os", "as", "ai", "ām", "ās",
                                             "ais", "ajam", "o", "ajā", "ie", "ajiem", "ajos", "ajai", "ajām", "ajās"))
# How far after ``viens`` its ``otrs`` may stand (``vienu garu sitienu pēc otra``).
OTHER_WINDOW = 6
# ``vēl viens`` is "another", ``ne viens`` "not a single": no count of one.
NOT_COUNTING_ONE = {"vēl", "ne"}


NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "PRODUCT", "EVENT"}
# How many words a quoted name may have after its number (``“60 Minutes”``).
QUOTED_NAME_WORDS = 3


def in_name(sent: Span, start: int, end: int) -> bool:
    """A number that is part of a name, not a count: inside a named entity
    (``“Bellator 206”``), after an indeclinable capitalised word (``Radio 4``,
    ``Boeing 737``; acronyms such as ``NATO 29 dalībvalstis`` do count), or
    opening a short quoted title (``“60 Minutes”``)."""
    doc = sent.doc
    if any(t.ent_type_ in NAME_LABELS for t in doc[start:end]):
        return True
    if start <= sent.start:
        return False
    before = doc[start - 1]
    if before.is_title and before.is_alpha and not before.morph.get("Case") and before.pos_ in ("NOUN", "PROPN", "X") \
            and start - 1 > sent.start:
        return True
    if before.text in OPENING_QUOTES:
        for k in range(end, min(sent.end, end + QUOTED_NAME_WORDS + 1)):
            if doc[k].text in QUOTES:
                return k > end and all(t.is_title for t in doc[end:k])
            if not doc[k].is_title:
                return False
    return False


def one_is_no_count(sent: Span, start: int, end: int) -> bool:
    """``viens`` that counts nothing: ``viens no`` (one of a set), ``vēl viens``,
    ``ne viens``, ``viens ... otrs`` and a plural ``vieni`` (``vienos vārdos``: the same)."""
    doc = sent.doc
    if end < sent.end and doc[end].lower_ == "no":
        return True
    word = doc[start]
    if end - start != 1 or word.lower_ not in ONE_FORMS:
        return False
    if start > sent.start and doc[start - 1].lower_ in NOT_COUNTING_ONE:
        return True
    if all(option[2] == "Plur" for option in ONE_FORMS[word.lower_]):
        return True
    return any(tok.lower_ in OTHER_FORMS for tok in doc[end : min(sent.end, end + OTHER_WINDOW)])


def counted_noun(sent: Span, start: int, end: int, value: float, lexicon: Lexicon) -> Token | None:
    """The noun that the number ``sent[start:end]`` (doc indices) counts."""
    doc = sent.doc
    noun = _counted_candidate(sent, start, end)
    # ``4 punktu deficīta vienspēlēs``: the genitive right after the count agrees
    # with it, the noun after that does not; the parse's farther head is wrong.
    first = end + 1 if end < sent.end and doc[end].is_space else end  # past a no-break-space token
    if noun is not None and noun.i > first and first + 1 < sent.end:
        adjacent, after = doc[first], doc[first + 1]
        if (adjacent.pos_ == "NOUN" and is_genitive_noun(adjacent) and agrees_with_count(adjacent, value)
                and after.pos_ == "NOUN" and not agrees_with_count(after, value)):
            noun = adjacent
    # ``viena leikēmijas veida``, ``viena asins slimības veida``: genitives ``viens``
    # cannot agree with modify the noun after them, which it can.
    if (noun is not None and end - start == 1 and noun.pos_ in NOMINAL and is_genitive_noun(noun)
            and not fits_one(doc[start], noun)):
        for tok in doc[noun.i + 1 : sent.end]:
            if tok.pos_ != "NOUN":
                break
            if fits_one(doc[start], tok):
                noun = tok
                break
            if not is_genitive_noun(tok):
                break
    # A genitive singular after a plural count is a modifier of the counted
    # noun (``44 pasaules valstīm``), not what is counted.
    while (noun is not None and noun.pos_ in NOMINAL and not takes_singular(value) and noun.i + 1 < sent.end
           and noun.morph.get("Case") == ["Gen"] and noun.morph.get("Number") == ["Sing"]
           and doc[noun.i + 1].pos_ in NOMINAL and agrees_with_count(doc[noun.i + 1], value)):
        noun = doc[noun.i + 1]
    # ``135 haizivju sugas``: a genitive plural before a noun that agrees
    # with the count is what that noun is of; the noun is what is counted.
    # After a genitive numeral (``divu rotaslietu vitrīnu``) both are genitives
    # and the parse says which one is the other's.
    genitive_count = numeral_cases(doc[end - 1].text) == {"Gen"}
    if (noun is not None and noun.pos_ == "NOUN" and noun.morph.get("Case") == ["Gen"] and not takes_singular(value)
            and noun.morph.get("Number") == ["Plur"] and noun.i + 1 < sent.end
            and doc[noun.i + 1].pos_ == "NOUN" and (genitive_count or doc[noun.i + 1].morph.get("Case") not in ([], ["Gen"]))
            and noun.head.i == noun.i + 1 and agrees_with_count(doc[noun.i + 1], value)):
        noun = doc[noun.i + 1]
    # ``trīs ASV republikāņu senatoru personisku informāciju``: a whole count never counts a noun in
    # the other number, so a parse that hangs it on one means a noun on the way there that agrees: the
    # last, since a genitive before it modifies it.
    if (noun is not None and noun.pos_ == "NOUN" and float(value).is_integer() and noun.morph.get("Number")
            and not agrees_with_count(noun, value)):
        noun = next((t for t in reversed(doc[first : noun.i]) if t.pos_ == "NOUN" and agrees_with_count(t, value)),
                    noun)
    # ``6 792 941 lata apmērā``: the frame noun measures the genitive before it.
    if noun is not None and lemma(noun) in lexicon.measure_frames and noun.i - 1 >= end:
        before = doc[noun.i - 1]
        if before.pos_ in NOMINAL and "Gen" in before.morph.get("Case"):
            noun = before
    if noun is None:
        noun = _count_subject(doc[end - 1], lexicon)
    if noun is not None and not (noun.text == "%" or any(c.isalpha() for c in noun.text)):
        return None
    return noun


def has_own_preposition(noun: Token, end: int) -> bool:
    """``septiņus pēc kārtas``: a preposition between the count and the noun governs
    the noun, which is then no noun the count modifies."""
    return any(c.dep_ == "case" and end <= c.i < noun.i for c in noun.children)


def is_genitive_noun(tok: Token) -> bool:
    return tok.morph.get("Case") == ["Gen"]


def _count_subject(number: Token, lexicon: Lexicon) -> Token | None:
    """``staciju skaits ir sasniedzis 40``: the genitive of the clause's ``skaits``."""
    verb = number.head
    for child in verb.children:
        if child.dep_.split(":")[0] == "nsubj" and lemma(child) in lexicon.count_nouns:
            for gchild in child.children:
                if gchild.pos_ in NOMINAL and "Gen" in gchild.morph.get("Case"):
                    return gchild
    return None


def _counted_candidate(sent: Span, start: int, end: int) -> Token | None:
    found = _nearest_nominal(sent, start, end)
    if found is None or not is_name(found):
        return found
    # ``divos “Rimi” veikalos``, ``4700 Twitter ziņojumu``: a name or an acronym
    # before a noun modifies it; with no noun after it the count's noun is left out.
    for tok in sent.doc[found.i + 1 : min(sent.end, found.i + 4)]:
        if tok.pos_ == "NOUN" and not is_name(tok):
            return tok
        if not (tok.text in QUOTES or is_name(tok)):
            break
    return None


def is_name(tok: Token) -> bool:
    """A proper name or a foreign word, not a unit: ``NBC``, ``Twitter``, ``Minutes`` (but ``%``, ``kg``, ``km/h``...)."""
    if tok.text == "%" or tok.pos_ not in ("PROPN", "X") or RE_SLASH_UNIT.fullmatch(tok.text):
        return False
    if tok.morph.get("Abbr") == ["Yes"]:  # a unit or a counted ``DUS``, but ``ASV dolāru`` is no count of states
        return tok.ent_type_ == "GPE"
    return tok.ent_type_ not in ("", "MONEY") or tok.pos_ == "X" or tok.is_title


def _nearest_nominal(sent: Span, start: int, end: int) -> Token | None:
    doc = sent.doc
    # A no-break space may stand as a token of its own (``4000\u00a0pieaugušo``):
    # it is never the noun, and the word after it is the one right after the number.
    after = next((t for t in doc[end : min(sent.end, end + 2)] if not t.is_space), None)
    # ``(~60 cm)``: an abbreviated unit right after the number is what it
    # measures, whatever the parser made of the aside.
    if after is not None and ((after.morph.get("Abbr") == ["Yes"] and after.pos_ in COUNTED_POS
                               and after.ent_type_ in ("", "MONEY"))  # ``ASV`` (the USA) is a name, not a unit
                              or RE_SLASH_UNIT.fullmatch(after.text)):
        return after
    if after is not None and is_substantivised(after):
        return after
    # ``2,2 miljardu eiro vietā``: money right after the number is what it counts, wherever the
    # parser hung the multiplier.
    if after is not None and after.pos_ == "NOUN" and currency_of(lemma(after)) is not None:
        return after
    for tok in doc[start:end]:
        head = tok.head
        if head.i >= end and head.i - end < MAX_NOUN_DISTANCE and head.pos_ in COUNTED_POS and not head.is_space:
            return head
    # A multiplier at the end (``tūkstošiem``) may carry the counted noun.
    for tok in doc[start:end]:
        for child in tok.children:
            if child.i >= end and child.pos_ in COUNTED_POS and child.i - end < 2 and not child.is_space:
                return child
    for tok in doc[end : min(sent.end, end + MAX_NOUN_DISTANCE)]:
        if tok.text == "%":
            return tok
        if (tok.i == end and tok.text in OPENING_QUOTES) or tok.is_space:
            continue
        if tok.pos_ in COUNTED_POS:
            return tok
        if tok.pos_ == "VERB" and tok.morph.get("VerbForm") == ["Part"] and tok.morph.get("Case"):
            continue  # ``desmit apmācīti eksperti``: a declined participle is an attribute, as an adjective is
        if tok.is_punct or tok.pos_ in ("VERB", "AUX", "ADP", "CCONJ", "SCONJ", "NUM"):
            return None
    return None


class QuantityExtractor(FactExtractor):
    fact_type = "quantity"

    def __init__(self, nlp: Language, name: str, lexicon: str | None = None) -> None:
        super().__init__(nlp, name, lexicon)
        self.nlp = nlp
        self._known: frozenset[str] | None = None

    def known_lemmas(self) -> frozenset[str]:
        """Lemmas of the training data (the lemma lookup's, read once the model is
        loaded) and the nouns of our lexicon; none where no lookup runs (the Stanza backend)."""
        if self._known is None:
            lookup = next((pipe for _, pipe in self.nlp.pipeline if isinstance(pipe, LemmaLookup)), None)
            lex = self.lexicon
            self._known = frozenset() if lookup is None else frozenset(lookup.known_lemmas).union(
                lex.titles, lex.title_heads, lex.member_nouns, lex.group_nouns, lex.count_nouns,
                lex.measure_frames, lex.half_measures, lex.day_parts)
        return self._known

    def unit(self, doc: Doc, start: int, end: int, noun: Token) -> str:
        unit = unit_of(noun)
        if noun.pos_ != "NOUN" or unit == "%":
            return unit
        genders = doc[end - 1].morph.get("Gender") if doc[end - 1].is_alpha else []
        known = self.known_lemmas()
        if known and unit not in known:
            # ``20 mārciņu`` (ambiguous) beside ``piecas mārciņas`` (feminine only): the
            # text's other forms of the noun are evidence too. Scanned only for unknown units.
            known = known | {lemma(t) for t in doc if t.pos_ == "NOUN" and t.lower_ != noun.lower_
                             and t.lower_[:4] == noun.lower_[:4]}
        return known_declension(unit, genders + noun.morph.get("Gender"), known)

    def extract(self, doc: Doc, facts: list[dict]) -> Iterable[dict]:
        found: list[dict] = []
        for sent in doc.sents:
            spans = [(sent.start + s, sent.start + e, v) for s, e, v in number_spans([t.text for t in sent])]
            i = 0
            while i < len(spans):
                start, end, value = spans[i]
                value_max = None
                if i + 1 < len(spans):
                    nstart, nend, nvalue = spans[i + 1]
                    joined = nstart == end + 1 and doc[end].lower_ in self.lexicon.range_words
                    # ``10-6``, ``1 - 0``: a score falls or stays level; a range rises
                    # (``viens vai divi`` too: a rough count). Words join no score.
                    if joined and not doc[end].is_alpha and nvalue <= value:
                        i += 2
                        continue
                    # A range: ``700 līdz 2000 tonnu``, ``3–4 gadi``, ``divi vai trīs gadi``.
                    if joined and nvalue > value:
                        value_max, end = nvalue, nend
                        i += 1
                i += 1
                if (value == 1 and one_is_no_count(sent, start, end)) or in_name(sent, start, end):
                    continue
                # ``19 no 29 mačiem``: a part counts what the whole it is of counts.
                whole = spans[i] if i < len(spans) and spans[i][0] == end + 1 and doc[end].lower_ == "no" else None
                if whole is not None:
                    noun = counted_noun(sent, whole[0], whole[1], whole[2], self.lexicon)
                else:
                    noun = counted_noun(sent, start, end, value, self.lexicon)
                numeral = doc[(whole[1] if whole is not None else end) - 1]
                if noun is not None and noun.pos_ in NOMINAL and (not case_agrees(numeral, noun)
                                                                 or whole is None and has_own_preposition(noun, end)):
                    noun = None
                if noun is not None and end - start == 1 and doc[start].lower_ in ONE_FORMS \
                        and noun.morph.get("Number") == ["Plur"]:
                    continue  # ``vienas tās pašas kļūdas``: "the same", not one
                if noun is not None and self.is_hour_of_day(noun):
                    continue
                if noun is None:
                    draft = self.elided(doc, start, end, value, value_max, found)
                else:
                    draft = self.draft(doc, start, end, value, value_max, noun)
                if draft is not None:
                    found.append(draft)
            found.extend(self.halves(sent))
        found.sort(key=lambda d: d["start"])
        return found

    def draft(self, doc: Doc, start: int, end: int, value: float, value_max: float | None, noun: Token) -> dict:
        # Evidence is the number with its noun, or the number alone when the
        # noun stands far away (``staciju skaits ir sasniedzis 40``).
        near = noun.i >= start - 1
        ev_start, ev_end = (min(start, noun.i), max(end, noun.i + 1)) if near else (start, end)
        unit = self.unit(doc, start, end, noun)
        return {"type": "quantity", "start": ev_start, "end": ev_end, "value": value,
                "value_max": value_max, "unit": unit, "approx": self.approx_of(doc, start),
                "currency": currency_near(noun, unit), "number": (start, end), "noun": noun.i}

    def is_hour_of_day(self, noun: Token) -> bool:
        """``7 rītā``, ``septiņos vakarā``: an hour of a part of the day, not a count."""
        return lemma(noun) in self.lexicon.day_parts and noun.morph.get("Case") == ["Loc"]

    def elided(self, doc: Doc, start: int, end: int, value: float, value_max: float | None,
               before: list[dict]) -> dict | None:
        """A count whose noun is left out takes the unit of the count just before it:
        ``skatītāju bija 4,1 miljons, bet tagad 5,69 miljoni``, ``uzvarēja ar četriem punktiem, nevis sešiem``.

        Only a count that ends its phrase (punctuation, a verb, a conjunction or
        the sentence end follows), is not an aside in parentheses and stands in
        a clause or phrase of its own: a comma, a conjunction or a preposition
        (``punktus no četriem``) parts it from the count it echoes (``divi dubultie priekšējos deviņos`` is no nine of them).
        """
        if value == 1 or (start > 0 and doc[start - 1].text == "("):
            return None  # ``viens`` alone is a pronoun (``viens teica``)
        if end < len(doc) and not (doc[end].is_punct or doc[end].pos_ in ("VERB", "AUX", "CCONJ", "SCONJ")):
            return None
        sent_start = doc[start].sent.start
        previous = next((d for d in reversed(before) if d.get("noun") is not None and d["start"] >= sent_start
                         and 0 <= start - d["end"] <= ELIDED_WINDOW), None)
        if previous is None or not any(t.is_punct or t.pos_ in ("CCONJ", "ADP") for t in doc[previous["end"] : start]):
            return None
        return {"type": "quantity", "start": start, "end": end, "value": value, "value_max": value_max,
                "unit": previous["unit"], "approx": self.approx_of(doc, start), "currency": previous["currency"],
                "number": (start, end), "noun": None}

    def halves(self, sent: Span) -> Iterable[dict]:
        """``pusstundu`` (half an hour), ``pusi collas`` (half an inch): 0.5 of a measure.

        ``pus-`` joins only measure nouns (``pussala`` is a peninsula, not half
        an island); ``puse`` counts the genitive after it unless something
        before it makes it a side (``otrā pusē``).
        """
        doc = sent.doc
        for tok in sent:
            low = lemma(tok)
            if low.startswith("pus") and low[3:] in self.lexicon.half_measures:
                yield {"type": "quantity", "start": tok.i, "end": tok.i + 1, "value": 0.5, "value_max": None,
                       "unit": low[3:], "approx": None, "currency": None, "number": (tok.i, tok.i + 1), "noun": None}
            elif (low == "puse" and tok.i + 1 < sent.end and tok.i > sent.start
                  and doc[tok.i - 1].pos_ not in ("ADJ", "DET", "NUM", "PROPN")):
                after = doc[tok.i + 1]
                if after.pos_ == "NOUN" and after.morph.get("Case") == ["Gen"]:
                    yield {"type": "quantity", "start": tok.i, "end": tok.i + 2, "value": 0.5, "value_max": None,
                           "unit": lemma(after), "approx": None, "currency": None, "number": (tok.i, tok.i + 1),
                           "noun": None}

    def approx_of(self, doc: Doc, start: int) -> str | None:
        if doc[start].text.startswith("~"):
            return "about"
        kind, at = approx_before(doc, start, self.lexicon)
        if kind == "up_to" and at > 0 and doc[at - 1].lower_ == "no":
            return None  # ``no ... līdz`` is a range's start, not a cap
        return kind


@Language.factory("lvnews_quantity", default_config={"lexicon": None})
def make_quantity(nlp: Language, name: str, lexicon: str | None) -> QuantityExtractor:
    return QuantityExtractor(nlp, name, lexicon)
