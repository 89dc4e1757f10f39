"""Base (nominative) form of a named-entity mention, from its morphology.

``UNESCO Izglītības pilsētu tīklā`` -> ``UNESCO Izglītības pilsētu tīkls``,
``Odrijas Azulē`` -> ``Odrija Azulē``, ``Latvijas Nacionālajā operā`` ->
``Latvijas Nacionālā opera``.

The head of the mention and the words that agree with it (adjectives,
participles, the parts of a person's name) go to the nominative with the
head's number, gender and definiteness; genitive modifiers stay as written.
Indeclinable and foreign words, whose ending is not a Latvian case ending of
the case the tagger gave them, stay as written too.

The same function serves the pipeline (spaCy spans) and the training project
(gold treebank tokens, to build the knowledge-base gazetteer), so a mention
and its gazetteer entry meet on the same key.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Mapping, Sequence

from .person_names import NamePart, is_original_spelling, person_base_form
from .word_lists import known_base, name_heads

# Dependency relations through which a word agrees with its head.
AGREEING_DEPS = {"amod", "det", "flat", "compound", "nummod", "appos", "conj"}
NOMINAL = {"NOUN", "PROPN"}
ADJECTIVAL = {"ADJ", "DET", "VERB", "NUM"}

# (Gender, Number, Definite, Case) -> oblique endings, longest first; the
# nominative ending for the same (Gender, Number, Definite) is in NOM_ADJ.
OBLIQUE_ADJ: dict[tuple[str, str, str, str], tuple[str, ...]] = {
    ("Fem", "Sing", "Def", "Gen"): ("ās",),
    ("Fem", "Sing", "Def", "Dat"): ("ajai",),
    ("Fem", "Sing", "Def", "Acc"): ("o",),
    ("Fem", "Sing", "Def", "Ins"): ("o",),
    ("Fem", "Sing", "Def", "Loc"): ("ajā",),
    ("Masc", "Sing", "Def", "Gen"): ("ā",),
    ("Masc", "Sing", "Def", "Dat"): ("ajam",),
    ("Masc", "Sing", "Def", "Acc"): ("o",),
    ("Masc", "Sing", "Def", "Ins"): ("o",),
    ("Masc", "Sing", "Def", "Loc"): ("ajā",),
    ("Fem", "Plur", "Def", "Gen"): ("o",),
    ("Fem", "Plur", "Def", "Dat"): ("ajām",),
    ("Fem", "Plur", "Def", "Acc"): ("ās",),
    ("Fem", "Plur", "Def", "Loc"): ("ajās",),
    ("Masc", "Plur", "Def", "Gen"): ("o",),
    ("Masc", "Plur", "Def", "Dat"): ("ajiem",),
    ("Masc", "Plur", "Def", "Acc"): ("os",),
    ("Masc", "Plur", "Def", "Loc"): ("ajos",),
    ("Fem", "Sing", "Ind", "Gen"): ("as",),
    ("Fem", "Sing", "Ind", "Dat"): ("ai",),
    ("Fem", "Sing", "Ind", "Acc"): ("u",),
    ("Fem", "Sing", "Ind", "Ins"): ("u",),
    ("Fem", "Sing", "Ind", "Loc"): ("ā",),
    ("Masc", "Sing", "Ind", "Gen"): ("a",),
    ("Masc", "Sing", "Ind", "Dat"): ("am",),
    ("Masc", "Sing", "Ind", "Acc"): ("u",),
    ("Masc", "Sing", "Ind", "Ins"): ("u",),
    ("Masc", "Sing", "Ind", "Loc"): ("ā",),
    ("Fem", "Plur", "Ind", "Gen"): ("u",),
    ("Fem", "Plur", "Ind", "Dat"): ("ām",),
    ("Fem", "Plur", "Ind", "Acc"): ("as",),
    ("Fem", "Plur", "Ind", "Loc"): ("ās",),
    ("Masc", "Plur", "Ind", "Gen"): ("u",),
    ("Masc", "Plur", "Ind", "Dat"): ("iem",),
    ("Masc", "Plur", "Ind", "Acc"): ("us",),
    ("Masc", "Plur", "Ind", "Loc"): ("os",),
}
NOM_ADJ: dict[tuple[str, str, str], str] = {
    ("Fem", "Sing", "Def"): "ā",
    ("Masc", "Sing", "Def"): "ais",
    ("Fem", "Plur", "Def"): "ās",
    ("Masc", "Plur", "Def"): "ie",
    ("Fem", "Sing", "Ind"): "a",
    ("Masc", "Sing", "Ind"): "s",
    ("Fem", "Plur", "Ind"): "as",
    ("Masc", "Plur", "Ind"): "i",
}

# Endings a declinable noun can have in each case (any declension). A word
# tagged with a case whose ending it lacks is taken to be indeclinable.
NOUN_CASE_ENDINGS: dict[tuple[str, str], tuple[str, ...]] = {
    ("Sing", "Gen"): ("a", "as", "es", "s", "us", "ņa", "ja"),
    ("Sing", "Dat"): ("am", "im", "um", "ai", "ei", "ij"),
    ("Sing", "Acc"): ("u", "i"),
    ("Sing", "Ins"): ("u", "i"),
    ("Sing", "Loc"): ("ā", "ī", "ē", "ū"),
    ("Sing", "Voc"): ("",),
    ("Plur", "Gen"): ("u",),
    ("Plur", "Dat"): ("iem", "ām", "ēm", "īm", "ūm"),
    ("Plur", "Acc"): ("us", "as", "es", "is"),
    ("Plur", "Ins"): ("iem", "ām", "ēm", "īm"),
    ("Plur", "Loc"): ("os", "ās", "ēs", "īs", "ūs"),
}

# Nominative plural from the singular lemma's ending, for plural names
# (``Amerikas Savienotajās Valstīs`` -> ``... Valstis``).
PLURAL_NOM_BY_LEMMA_ENDING = (("is", "i"), ("us", "i"), ("š", "i"), ("s", "i"), ("a", "as"), ("e", "es"))
FEM_SIXTH = ("ts", "ds", "ns", "ls", "vs")  # valsts, sirds: feminine -s nouns take -is


@dataclass
class CanonToken:
    """The little a token needs to be put in base form."""

    text: str
    lemma: str
    pos: str
    feats: Mapping[str, str] = field(default_factory=dict)
    dep: str = ""
    head: int = -1  # index within the mention, -1 when outside it
    space: str = " "  # whitespace after the token, as written


def parse_feats(feats: str) -> dict[str, str]:
    """``Case=Nom|Gender=Fem`` -> {"Case": "Nom", "Gender": "Fem"}."""
    out: dict[str, str] = {}
    for part in feats.split("|"):
        key, _, value = part.partition("=")
        if value:
            out[key] = value
    return out


def mention_head(tokens: Sequence[CanonToken]) -> int:
    """Index of the mention's syntactic head.

    The token whose head lies outside the mention; where the parse offers
    several (a broken parse), the last nominal among them, as Latvian noun
    phrases are head-final.
    """
    roots = [i for i, t in enumerate(tokens) if t.head < 0 or t.head == i]
    nominal_roots = [i for i in roots if tokens[i].pos in NOMINAL]
    if nominal_roots:
        return nominal_roots[-1] if len(roots) > 1 else nominal_roots[0]
    if roots:
        return roots[-1]
    nominals = [i for i, t in enumerate(tokens) if t.pos in NOMINAL]
    return nominals[-1] if nominals else len(tokens) - 1


def _agrees(tokens: Sequence[CanonToken], i: int, head: int) -> bool:
    """Whether token ``i`` agrees with the head and so inflects with it."""
    tok, h = tokens[i], tokens[head]
    case = tok.feats.get("Case")
    if case is None or case != h.feats.get("Case"):
        return _attribute_before(tokens, i, head)
    # Walk up inside the mention: an agreeing word hangs off the head through
    # agreeing relations only (a genitive modifier's own adjective does not).
    j, steps = i, 0
    while 0 <= j < len(tokens) and j != head and steps < len(tokens):
        t = tokens[j]
        if t.head < 0 or t.head == j:
            # Outside the parse of the mention: same case and name-like.
            return t.pos in NOMINAL | ADJECTIVAL and (t.pos != "NOUN" or h.pos == "PROPN")
        if t.dep.split(":")[0] not in AGREEING_DEPS:
            return False
        j, steps = t.head, steps + 1
    return j == head


def _attribute_before(tokens: Sequence[CanonToken], i: int, head: int) -> bool:
    """An adjective right before the head noun and hanging on it agrees with it, whatever case it was tagged.

    ``Kluso okeānu``: ``-o`` is the definite accusative and genitive plural
    alike, and the tagger may pick the wrong one; Latvian adjectives always
    take their noun's case, so the head's wins.
    """
    tok = tokens[i]
    return tok.pos == "ADJ" and i == head - 1 and tok.head == head and tok.dep.split(":")[0] == "amod"


def _match_case(word: str, model: str) -> str:
    """Give ``word`` the capitalisation of ``model`` (``tīkls``/``Tīklā``)."""
    if len(model) > 1 and model.isupper():
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


# Endings no Latvian nominative singular has; a word tagged nominative that
# ends so, with a different lemma, was mistagged (``Ventspili`` is accusative).
NOT_NOMINATIVE_ENDINGS = ("i", "u", "m", "j")


def _declinable(tok: CanonToken) -> bool:
    case, number = tok.feats.get("Case"), tok.feats.get("Number", "Sing")
    if case is None or tok.feats.get("Abbr") == "Yes" or (len(tok.text) > 1 and tok.text.isupper()):
        return False
    if case == "Nom":
        return (number == "Sing" and tok.lemma != tok.text and tok.text.lower().endswith(NOT_NOMINATIVE_ENDINGS)
                and tok.lemma.lower()[:2] == tok.text.lower()[:2])
    endings = NOUN_CASE_ENDINGS.get((number, case))
    return endings is None or tok.text.lower().endswith(endings)


def nominative_adjective(tok: CanonToken) -> str:
    """Adjective or participle in the nominative, keeping gender/number/definiteness."""
    f = tok.feats
    key3 = (f.get("Gender", "Masc"), f.get("Number", "Sing"), f.get("Definite", "Ind"))
    nom = NOM_ADJ.get(key3)
    case = f.get("Case")
    if nom is None or case in (None, "Nom"):
        return tok.text
    for ending in OBLIQUE_ADJ.get((*key3, case), ()):
        if tok.text.endswith(ending):
            return tok.text[: len(tok.text) - len(ending)] + nom
    return tok.text


def nominative_noun(tok: CanonToken, forms: Mapping[str, str] | None = None) -> str:
    """Noun or proper noun in the nominative of its own number."""
    if not _declinable(tok):
        return tok.text
    if tok.feats.get("Number") == "Plur":
        known = (forms or {}).get(f"{tok.lemma}|Plur")
        if known:
            return _match_case(known, tok.text)
        return _match_case(plural_nominative(tok.lemma, tok.feats.get("Gender")), tok.text)
    return _match_case(tok.lemma, tok.text)


def plural_nominative(lemma: str, gender: str | None) -> str:
    """Nominative plural of a singular lemma by declension ending."""
    if gender == "Fem" and lemma.endswith(FEM_SIXTH):
        return lemma[:-1] + "is"
    for ending, plural in PLURAL_NOM_BY_LEMMA_ENDING:
        if lemma.endswith(ending):
            return lemma[: len(lemma) - len(ending)] + plural
    return lemma


QUOTES = set("\"'„“”«»")


def _quoted(tokens: Sequence[CanonToken]) -> set[int]:
    """Indices of tokens between a pair of quotes (quotes included)."""
    inside: set[int] = set()
    opened: int | None = None
    for i, tok in enumerate(tokens):
        if tok.text in QUOTES:
            if opened is None:
                opened = i
            else:
                inside.update(range(opened, i + 1))
                opened = None
    return inside


def canonical_form(tokens: Sequence[CanonToken], forms: Mapping[str, str] | None = None,
                   person: bool = False, context: tuple[str | None, str | None] = (None, None),
                   syntax: str | None = None, known: frozenset[str] = frozenset(),
                   hint: str | None = None, indeclinable: frozenset[str] = frozenset()) -> str:
    """The mention in base form; ``forms`` maps ``lemma|Plur`` to a known plural.

    The parts of a person's name share their case and the first name's gender
    (``Annu Liepu`` -> ``Anna Liepa``, ``Tomasa Bjorna`` -> ``Tomass Bjorns``);
    see ``person_names``. ``context`` is the (gender, case) of a title noun in
    apposition to a person (``kanclerei``), ``syntax`` the case its place in
    the sentence implies, ``known`` the nominatives the article attests
    (``person_names.reading``), ``hint`` the gender of the person's original
    first name and ``indeclinable`` the words the article shows do not decline
    (``person_names.person_base_form``). A name in quotes as a whole is the
    name as written, without its quotes (``“Lakers”`` -> ``Lakers``).
    """
    tokens = unquoted(tokens)
    if not tokens:
        return ""
    head = mention_head(tokens)
    quoted = _quoted(tokens)
    if person:
        parts = [NamePart(t.text, t.feats.get("Case"), t.feats.get("Gender"), t.lemma) for t in tokens]
        if syntax is None and tokens[head].dep.split(":")[0] == "nsubj":
            syntax = "Nom"
        base = person_base_form(parts, syntax, context, known, hint, indeclinable)
        words = [t.text if i in quoted else w for i, (t, w) in enumerate(zip(tokens, base))]
        return _joined(tokens, words)
    if _in_original_spelling(tokens):
        return _joined(tokens, [t.text for t in tokens])  # ``Des Moines Register``
    tokens = with_known_head(tokens, head)
    words: list[str] = []
    for i, tok in enumerate(tokens):
        if i in quoted:
            word = tok.text  # a name in quotes does not decline: ``"Latvijas Loto"``
        elif i == head or _agrees(tokens, i, head):
            if tok.pos in NOMINAL:
                word = nominative_noun(tok, forms)
            elif tok.pos in ADJECTIVAL:
                word = nominative_adjective(_with_gender(tok, tokens[head]))
            else:
                word = tok.text
        else:
            word = tok.text
        if i not in quoted and _common_noun_after_common_noun(tokens, i):
            word = word.lower()  # ``Drošības Padome`` -> ``Drošības padome``
        words.append(word)
    return _joined(tokens, words)


def _common_noun_after_common_noun(tokens: Sequence[CanonToken], i: int) -> bool:
    """A capitalised common noun after the capitalised common noun that starts a name.

    Latvian capitalises only the first word of an institution's name
    (``Drošības padome``, ``Valsts kontrole``); after a proper noun the next
    word starts the name proper and keeps its capital (``Eiropas Komisija``).
    """
    if i == 0:
        return False
    tok, prev = tokens[i], tokens[i - 1]
    return tok.pos == prev.pos == "NOUN" and tok.text.istitle() and prev.text.istitle() \
        and tok.lemma.islower() and prev.lemma.islower() and (i == 1 or not tokens[i - 2].text[:1].isupper())


def _in_original_spelling(tokens: Sequence[CanonToken]) -> bool:
    """A name of capitalised words, one of them not Latvian-spelt, ends as written (``Des Moines Register``)."""
    words = [t.text for t in tokens if t.text.isalpha()]
    return bool(words) and words[-1][:1].isupper() and any(is_original_spelling(w) for w in words)


def with_known_head(tokens: Sequence[CanonToken], head: int) -> list[CanonToken]:
    """The tokens with the head's lemma and gender from the word lists when the head is a known noun.

    The lemmatizer misses on rarer nouns (``palātā`` -> ``palāts``, ``okeānā``
    -> ``okeāna``) and the tagger then gives the adjectives the wrong gender
    (``Klusā okeāna``); the list word fixes both.
    """
    tok = tokens[head]
    base = known_base(tok.text, tok.lemma, name_heads()) if tok.pos in NOMINAL else None
    if base is None or base == tok.lemma.lower():
        return list(tokens)
    gender = "Masc" if base.endswith(("s", "š")) else "Fem"
    fixed = replace(tok, lemma=base, feats={**tok.feats, "Gender": gender})
    return [fixed if i == head else t for i, t in enumerate(tokens)]


def _with_gender(tok: CanonToken, head: CanonToken) -> CanonToken:
    """An agreeing adjective with the head noun's gender, number and case (the noun's are the surer tags)."""
    agreed = {k: head.feats[k] for k in ("Gender", "Number", "Case") if k in head.feats}
    if agreed.get("Number") == "Ptan":  # a plurale tantum (``Austrumi``) takes plural adjectives
        agreed["Number"] = "Plur"
    if all(tok.feats.get(k) == v for k, v in agreed.items()):
        return tok
    return replace(tok, feats={**tok.feats, **agreed})


def _joined(tokens: Sequence[CanonToken], words: Sequence[str]) -> str:
    """``words`` with the spacing of ``tokens`` as written, spaces normalised."""
    out = "".join(w + (tokens[i].space if i < len(tokens) - 1 else "") for i, w in enumerate(words))
    return " ".join(out.split())


def unquoted(tokens: Sequence[CanonToken]) -> Sequence[CanonToken]:
    """The mention without quote marks at its edges that enclose it or pair with nothing.

    ``“Lakers”`` and a stray ``NBC News”`` lose them; ``SIA „Kurzemes Ceļi”``
    keeps its closing quote, which pairs with the one inside.
    """
    start, end = 0, len(tokens)
    while end - start >= 2 and tokens[start].text in QUOTES and tokens[end - 1].text in QUOTES:
        start, end = start + 1, end - 1
    inner = sum(t.text in QUOTES for t in tokens[start:end])
    if inner % 2 and end > start and tokens[end - 1].text in QUOTES:
        end -= 1
    elif inner % 2 and end > start and tokens[start].text in QUOTES:
        start += 1
    return tokens[start:end]


def tokens_from_span(span) -> list[CanonToken]:  # noqa: ANN001 - spaCy Span
    """CanonTokens of a spaCy span, heads made relative to the span."""
    start, end = span.start, span.end
    out = []
    for tok in span:
        head = tok.head.i - start if start <= tok.head.i < end else -1
        out.append(
            CanonToken(
                text=tok.text,
                lemma=tok.lemma_ or tok.text,
                pos=tok.pos_,
                feats=tok.morph.to_dict(),
                dep=tok.dep_,
                head=head,
                space=tok.whitespace_,
            )
        )
    return out
