"""Base form of a person's name: every part in the nominative, gender from the first name.

A Latvian text declines foreign names like its own (``Tomasa Bjorna`` is the
genitive of ``Tomass Bjorns``), but the tagger and lemmatizer often miss on
names they never saw: they give the surname another case than the first name,
or read ``Kaveno`` as an adjective. The parts of one name share one case and
one gender, so the name is read as a whole: each (gender, case) reading is
scored by how many parts end as that reading wants, plus the tagger's votes
(the first name's above the others', as the first name carries the gender)
and the syntax (a subject is nominative, a name before the noun it modifies
genitive; a title before the name agrees with it). The winning reading puts every part in the nominative by its ending.

Some names do not decline at all and stay as written:

* parts ending in ``-o`` or ``-ē`` (``Kaveno``, ``Azulē``), and ``-u``/``-i``
  when the reading is nominative (``Ronaldu``) or the first name does not
  decline (``Frančesko Molinari``);
* names in their original spelling: a part with w, q, x or y, or ending in a
  consonant no Latvian case ending has (``Liam Kelly``, ``Thomas Bjorn``).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Iterable, NamedTuple, Sequence

MASC, FEM = "Masc", "Fem"
CASES = ("Nom", "Gen", "Dat", "Acc", "Loc")

# (gender, case) -> (oblique ending, nominative ending, weight): weight 2 for
# the usual declension of names of that gender, 1 for a rarer one (masculine
# -a/-e nouns: ``Mengas`` -> ``Menga``). Longest endings first.
ENDINGS: dict[tuple[str, str], tuple[tuple[str, str, int], ...]] = {
    (MASC, "Nom"): (("s", "s", 2), ("š", "š", 2), ("a", "a", 1), ("e", "e", 1)),
    (MASC, "Gen"): (("as", "a", 1), ("es", "e", 1), ("a", "s", 2)),
    (MASC, "Dat"): (("am", "s", 2), ("im", "is", 2), ("um", "us", 1), ("ai", "a", 1), ("ei", "e", 1)),
    (MASC, "Acc"): (("u", "s", 2), ("i", "is", 2)),
    (MASC, "Loc"): (("ā", "s", 2), ("ī", "is", 2)),
    (FEM, "Nom"): (("a", "a", 2), ("e", "e", 2)),
    (FEM, "Gen"): (("as", "a", 2), ("es", "e", 2)),
    (FEM, "Dat"): (("ai", "a", 2), ("ei", "e", 2)),
    (FEM, "Acc"): (("u", "a", 2), ("i", "e", 2)),
    (FEM, "Loc"): (("ā", "a", 2), ("ē", "e", 1)),
}
# Endings of names that never decline, and of oblique forms a nominative
# reading keeps as written (``Ronaldu``, ``Molināri``).
INDECLINABLE = ("o", "ē")
KEPT_IF_NOMINATIVE = ("u", "i", "ī", "ū")
# Last letters a declined Latvian name can have; a part ending otherwise is
# written in its original spelling.
LATVIAN_FINALS = set("asšeiuāēīūmo")
FOREIGN_LETTERS = set("wqxy")
# Stem-final consonants of the second declension's genitive, dative etc.
# (``Kārļa`` -> ``Kārlis``, ``Jāņa`` -> ``Jānis``, ``Lāča`` -> ``Lācis``).
ALTERNATED = {"ļ": "l", "ņ": "n", "č": "c"}
FIRST_NAMES = Path(__file__).with_name("data") / "first_names.json"
VOTE_FIRST, VOTE_OTHER, VOTE_SYNTAX, VOTE_TITLE, VOTE_KNOWN, MISMATCH = 2, 1, 2, 3, 5, -2


class NamePart(NamedTuple):
    text: str
    case: str | None  # the tagger's
    gender: str | None  # the tagger's
    lemma: str = ""


def is_original_spelling(word: str) -> bool:
    """``Kelly``, ``Bjorn``, ``Czeisler``: not a Latvian-declined form."""
    low = word.lower()
    return bool(FOREIGN_LETTERS & set(low)) or low[-1:] not in LATVIAN_FINALS


def _declines(word: str) -> bool:
    return len(word) > 1 and word.isalpha() and not word.lower().endswith(INDECLINABLE)


def _fit(word: str, gender: str, case: str) -> tuple[str, str, int] | None:
    """The (oblique, nominative, weight) ending of ``word`` in a reading, or None."""
    low = word.lower()
    for ending in ENDINGS[(gender, case)]:
        if low.endswith(ending[0]) and len(low) > len(ending[0]) + 1:
            return ending
    if case == "Nom" and low.endswith(KEPT_IF_NOMINATIVE):
        return ("", "", 1)
    return None


def _case(case: str | None) -> str | None:
    return "Acc" if case == "Ins" else case  # singular instrumental = accusative


@lru_cache(maxsize=1)
def _first_names() -> dict[str, str]:
    data = json.loads(FIRST_NAMES.read_text(encoding="utf8"))
    return {**{n.casefold(): MASC for n in data["masc"]}, **{n.casefold(): FEM for n in data["fem"]}}


def original_gender(first_name: str) -> str | None:
    """Gender of a first name in its original spelling (``Gary`` -> Masc), from the package's list, or None."""
    return _first_names().get(first_name.casefold())


def _allowed(parts: Sequence[NamePart], gender: str, case: str, hint: str | None) -> bool:
    """Whether a reading fits the gender the original first name gives (``hint``).

    The person's gender decides the declension; a masculine first name of the
    list (none ends in ``-a``) has a Latvian nominative in ``-s``/``-š``, so
    ``Gerija`` by ``Gary`` is a genitive, not a masculine ``-a`` nominative.
    """
    if hint is None:
        return True
    if gender != hint:
        return False
    return gender == FEM or not parts or nominative_part(parts[0], gender, case).endswith(("s", "š"))


def reading(parts: Sequence[NamePart], syntax: str | None = None,
            context: tuple[str | None, str | None] = (None, None),
            known: frozenset[str] = frozenset(), hint: str | None = None) -> tuple[str, str]:
    """The (gender, case) the name's parts share, by endings, tagger votes and syntax.

    ``syntax``: the case the parse implies: "Nom" for a subject (a vote, as the
    label may be wrong), "Gen" for a name that modifies the noun after it
    (``Alana Litgova lēmums``: Latvian word order leaves no other case).
    ``context``: (gender, case) of a title noun in apposition (``kanclerei``).
    ``known``: casefolded nominatives the article attests (see ``attested``).
    ``hint``: the gender of the original first name in brackets (``original_gender``).
    """
    declining = [p for p in parts if _declines(p.text)]
    best, best_score = (MASC, "Nom"), float("-inf")
    for case in ("Gen",) if syntax == "Gen" else CASES:
        for gender in (MASC, FEM):
            if not _allowed(declining, gender, case, hint):
                continue
            score = VOTE_SYNTAX * (syntax == case)
            score += VOTE_TITLE * (context[0] == gender) + VOTE_FIRST * (_case(context[1]) == case)
            for k, part in enumerate(declining):
                fit = _fit(part.text, gender, case)
                score += fit[2] if fit else MISMATCH
                vote = VOTE_FIRST if k == 0 else VOTE_OTHER
                score += vote * (_case(part.case) == case)
                score += vote * (k == 0 and part.gender == gender)
                # The lemmatizer knows the names it was trained on (``Annu`` -> ``Anna``).
                nominative = nominative_part(part, gender, case).lower()
                score += vote * (part.lemma.lower() == nominative != part.text.lower())
                score += VOTE_KNOWN * (nominative in known)
            if score > best_score:
                best, best_score = (gender, case), score
    return best


def nominative_part(part: NamePart, gender: str, case: str) -> str:
    """One part of a name in the nominative of the reading (gender, case)."""
    word = part.text
    if not _declines(word):
        return word
    fit = _fit(word, gender, case)
    if fit is None or case == "Nom":
        return word
    oblique, nominative, _ = fit
    stem = word[: len(word) - len(oblique)]
    if gender == MASC and nominative == "s":
        nominative = _masculine_ending(stem, part.lemma, oblique)
        if nominative.startswith("-"):  # alternated stem consonant restored
            stem, nominative = stem[:-1] + ALTERNATED[stem[-1].lower()], nominative[1:]
    return stem + nominative


def _masculine_ending(stem: str, lemma: str, oblique: str = "a") -> str:
    """``s`` for most stems; ``š`` for ``-iņ`` (``Bērziņa``), ``-is`` after an alternated consonant.

    Only a genitive ``-a`` can be the second declension's (``Lāča``); its
    dative is ``-im``, so a dative ``-am`` (``Hečam``) keeps the stem as it is.

    The lemmatizer knows the Latvian names it was trained on: a lemma that is
    the stem with ``-is``, ``-us`` or ``-š`` wins (``Jurģa`` -> ``Jurģis``).
    """
    for ending in ("is", "us", "š"):
        if lemma.lower() == (stem + ending).lower():
            return ending
    low = stem.lower()
    if low.endswith("iņ"):
        return "š"
    if low.endswith(("sk", "ck")):  # Slavic surnames: ``Kozlovska`` -> ``Kozlovskis``
        return "is"
    if low[-1:] in ALTERNATED and oblique == "a":
        return "-is"
    return "s"


def attested(words: Iterable[str]) -> frozenset[str]:
    """Casefolded nominatives that name parts give away by their ending alone.

    An article names a person several times in several cases; some forms are
    unambiguous (``Bjorns``, masculine nominative; ``Ilze``; the genitive
    ``Kalnas`` of ``Kalna``) and settle the others (``Bjorna``: ``Bjorns``'s
    genitive, not a feminine nominative).
    """
    out = set()
    for word in words:
        low = word.lower()
        if not (len(low) > 2 and low.isalpha()):
            continue
        if low.endswith("sam") and len(low) > 4:
            out.add(low[:-2] + "s")  # the dative of an -ss name: ``Vudsam`` -> ``Vudss``
        elif low.endswith(("as", "es")):
            out.add(low[:-1])
        elif low.endswith(("s", "š", "e")):
            out.add(low)
    return frozenset(out)


def _is_double(word: str) -> bool:
    first, _, rest = word.partition("-")
    return bool(rest) and first.isalpha() and rest.replace("-", "").isalpha() and first[:1].isupper()


def candidate_forms(word: str) -> set[str]:
    """Every nominative ``word`` can be of, itself included (``Bērziņam`` -> ``Bērziņš``, ...)."""
    part = NamePart(word, None, None)
    return {word} | {nominative_part(part, gender, case) for gender in (MASC, FEM) for case in CASES
                     if _fit(word, gender, case) is not None}


def person_base_form(parts: Sequence[NamePart], syntax: str | None = None,
                     context: tuple[str | None, str | None] = (None, None),
                     known: frozenset[str] = frozenset(), hint: str | None = None,
                     indeclinable: frozenset[str] = frozenset()) -> list[str]:
    """Each part of a person's name in the nominative (see the module docstring).

    ``indeclinable``: casefolded words the article shows do not decline (an
    ``-u`` name as a subject, ``Ronaldu``); a first name with the same ending
    before such a surname is of the same kind.
    """
    # A double surname declines in its first part (``Bērnersam-Lī`` -> ``Bērnerss-Lī``).
    tails = ["-" + p.text.split("-", 1)[1] if _is_double(p.text) else "" for p in parts]
    if any(tails):
        heads = [p._replace(text=p.text[: len(p.text) - len(t)]) for p, t in zip(parts, tails)]
        return [w + t for w, t in zip(person_base_form(heads, syntax, context, known, hint, indeclinable), tails)]
    names = [p for p in parts if p.text[:1].isupper() and p.text.isalpha()]
    if not names or any(is_original_spelling(p.text) for p in names):
        return [p.text for p in parts]
    if names[-1].text.casefold() in indeclinable:
        ending = names[-1].text[-1:].lower()
        return [p.text if p not in names or p.text.lower().endswith(ending) else
                nominative_part(p, *reading([p], syntax, context, known, hint)) for p in parts]
    gender, case = reading(names, syntax, context, known, hint)
    # After a first name that does not decline (``Frančesko``), an ``-i``/``-u``
    # surname is of the same undeclined kind.
    undeclined = not _declines(names[0].text) and len(names) > 1
    words = [p.text if p not in names or undeclined and p.text.lower().endswith(KEPT_IF_NOMINATIVE)
             else nominative_part(p, gender, case) for p in parts]
    last = parts.index(names[-1])
    return [_attested_ss(w, known) if k == last else w for k, w in enumerate(words)]


def _attested_ss(word: str, known: frozenset[str]) -> str:
    """A surname ``Vuds`` -> ``Vudss`` when the article attests ``Vudss`` (or ``Vudsam``) and not ``Vuds``.

    A name whose stem ends in ``-s`` (``Vudss``, ``Voterss``) has obliques that
    read as another name's (``Vudu``, ``Vudsu``); the article's other forms tell.
    """
    low = word.lower()
    if low.endswith("s") and not low.endswith("ss") and low + "s" in known and low not in known:
        return word + "s"
    return word
