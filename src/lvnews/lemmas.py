"""Lemma lookup from the training data, in front of the edit-tree lemmatizer.

Latvian lemmas are mostly suffix rewrites keyed by part of speech and
features. For a form seen in training with that UPOS, the most frequent gold
lemma is more reliable than the statistical edit tree; unseen forms keep the
edit tree's answer.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example

from .components import DataComponent, corpus_paragraphs


def spelling_rules(lemma: str) -> str:
    """Latvian spelling the edit trees miss on unseen nouns.

    Diminutive ``-iņ-`` stems of the first declension end in ``-š`` in the
    nominative (``Bērziņu`` -> ``Bērziņš``, never ``Bērziņs``).
    """
    if lemma.endswith("iņs"):
        return lemma[:-1] + "š"
    return lemma


# LVTB noun tags end in the declension digit: ``npmsa1`` is a masculine
# singular accusative of the first declension. (declension, case) -> the
# case endings and the nominative ending that replaces them.
SINGULAR_ENDINGS: dict[tuple[str, str], tuple[tuple[str, ...], str]] = {
    ("1", "g"): (("a",), "s"), ("1", "d"): (("am",), "s"), ("1", "a"): (("u",), "s"), ("1", "l"): (("ā",), "s"),
    ("1", "i"): (("u",), "s"),
    ("2", "d"): (("im",), "is"), ("2", "a"): (("i",), "is"), ("2", "l"): (("ī",), "is"), ("2", "i"): (("i",), "is"),
    ("3", "g"): (("us",), "us"), ("3", "d"): (("um",), "us"), ("3", "a"): (("u",), "us"), ("3", "l"): (("ū",), "us"),
    ("4", "g"): (("as",), "a"), ("4", "d"): (("ai", "am"), "a"), ("4", "a"): (("u",), "a"), ("4", "l"): (("ā",), "a"),
    ("4", "i"): (("u",), "a"),
    ("5", "g"): (("es",), "e"), ("5", "d"): (("ei", "em"), "e"), ("5", "a"): (("i",), "e"), ("5", "l"): (("ē",), "e"),
    ("5", "i"): (("i",), "e"),
    ("6", "d"): (("ij",), "s"), ("6", "a"): (("i",), "s"), ("6", "l"): (("ī",), "s"),
}


PLURAL_ENDINGS: dict[tuple[str, str], tuple[tuple[str, ...], str]] = {
    ("1", "n"): (("i",), "s"), ("1", "g"): (("u",), "s"), ("1", "d"): (("iem",), "s"), ("1", "a"): (("us",), "s"),
    ("1", "l"): (("os",), "s"),
    ("3", "n"): (("i",), "us"), ("3", "d"): (("iem",), "us"), ("3", "a"): (("us",), "us"), ("3", "l"): (("os",), "us"),
    ("4", "n"): (("as",), "a"), ("4", "g"): (("u",), "a"), ("4", "d"): (("ām",), "a"), ("4", "a"): (("as",), "a"),
    ("4", "l"): (("ās",), "a"),
    ("5", "n"): (("es",), "e"), ("5", "d"): (("ēm",), "e"), ("5", "a"): (("es",), "e"), ("5", "l"): (("ēs",), "e"),
    ("6", "n"): (("is",), "s"), ("6", "d"): (("īm",), "s"), ("6", "a"): (("is",), "s"), ("6", "l"): (("īs",), "s"),
}


def noun_lemma(form: str, xpos: str) -> str | None:
    """Nominative singular of a noun from its form and LVTB tag (``nc``/``np`` tags).

    Plural forms of the second declension and genitive plurals with a stem
    alternation (``-ņu``) are ambiguous and left alone.
    """
    if len(xpos) < 6 or xpos[0] != "n":
        return None
    number, case, declension = xpos[3], xpos[4], xpos[5]
    if number == "s":
        return proper_noun_lemma(form, "np" + xpos[2:])
    return _swap_ending(form, declension, PLURAL_ENDINGS.get((declension, case)) if number == "p" else None)


def proper_noun_lemma(form: str, xpos: str) -> str | None:
    """Nominative of a singular proper noun from its form and LVTB tag.

    Names are the words the edit trees have seen least; their declension is
    regular and written in the tag, so the ending can be swapped directly
    (98.6% exact on the training split's singular names with gold tags).
    Second-declension genitives (``Jāņa``) alternate their stem and are left
    to the statistical lemmatizer.
    """
    if len(xpos) < 6 or not xpos.startswith("np") or xpos[3] != "s":
        return None
    case, declension = xpos[4], xpos[5]
    if case == "n":
        return form[0] + form[1:].lower() if len(form) > 3 and form.isupper() else form
    return _swap_ending(form, declension, SINGULAR_ENDINGS.get((declension, case)))


def _swap_ending(form: str, declension: str, rule: tuple[tuple[str, ...], str] | None) -> str | None:
    """Replace the case ending of ``form`` by the nominative one (``-iņš`` after ``ņ``)."""
    if rule is None:
        return None
    for ending in rule[0]:
        if form.endswith(ending) and len(form) > len(ending) + 1:
            stem = form[: -len(ending)]
            return stem + ("š" if declension == "1" and stem.endswith("ņ") else rule[1])
    return None


def _leading_ne(word: str) -> int:
    n = 0
    while word[2 * n : 2 * n + 2] == "ne":
        n += 1
    return n


def verb_lemma(form: str, lemma: str, known: set[str]) -> str:
    """LVTB lemmatises a negated verb without its ``ne-`` (``nekļūtu`` -> ``kļūt``).

    The edit trees keep the prefix on verbs they have not seen negated (and
    the morphologizer often misses the negation too); a lemma that keeps as
    many leading ``ne`` as the form, and is unknown while its stripped form
    is a known verb lemma, loses the prefix.
    """
    if (_leading_ne(lemma) and _leading_ne(lemma) == _leading_ne(form.lower()) and lemma not in known
            and lemma[2:] in known):
        return lemma[2:]
    return lemma


def adjective_lemma(lemma: str) -> str:
    """LVTB lemmatises comparatives and superlatives to the positive (``visjaunākais`` -> ``jauns``).

    No positive adjective lemma of the treebank ends in ``-āks``, so such a
    lemma from the edit trees is a comparative that kept its suffix.
    """
    if lemma.endswith("āks") and len(lemma) > 5:
        lemma = lemma[:-3] + "s"
        if lemma.startswith("vis") and len(lemma) > 5:
            lemma = lemma[3:]
    return lemma


def lemma_edit(form: str, lemma: str) -> tuple[int, str]:
    """The suffix rewrite that turns ``form`` into ``lemma``: (letters cut, letters added), lower-cased."""
    f, l = form.lower(), lemma.lower()
    common = 0
    while common < min(len(f), len(l)) and f[common] == l[common]:
        common += 1
    return len(f) - common, l[common:]


MAX_SUFFIX = 6


def build_suffix_rules(
    pairs: Iterable[tuple[str, str, str]], min_count: int = 3, min_share: float = 0.5
) -> dict[str, list]:
    """``"UPOS<tab>suffix"`` -> ``[cut, add]`` (or ``None`` for "keep the form") from gold triples.

    Each suffix of 1-6 letters seen ``min_count`` times with a UPOS gets the
    rewrite most of its words take, or ``None`` when no rewrite has
    ``min_share`` of them. Entries that decide the same as their nearest
    shorter suffix are pruned, which keeps the table small without changing
    what ``suffix_lemma`` answers.
    """
    stats: dict[str, Counter] = defaultdict(Counter)
    for form, pos, lemma in pairs:
        edit = lemma_edit(form, lemma)
        low = form.lower()
        for n in range(1, MAX_SUFFIX + 1):
            if len(low) > n:
                stats[f"{pos}\t{low[-n:]}"][edit] += 1
    decided: dict[str, list | None] = {}
    for key, counts in stats.items():
        total = sum(counts.values())
        if total < min_count:
            continue
        (cut, add), n = counts.most_common(1)[0]
        decided[key] = [cut, add] if (cut, add) != (0, "") and n / total >= min_share else None
    rules: dict[str, list | None] = {}
    for key in sorted(decided, key=len):
        pos, suffix = key.split("\t")
        parent = _longest_rule(rules, pos, suffix[1:])
        if decided[key] != parent:
            rules[key] = decided[key]
    return rules


def _rules_longest_first(rules: dict[str, list | None], pos: str, word: str) -> Iterator[list | None]:
    """The rules of ``word``'s known suffixes (lower case), longest suffix first."""
    for n in range(min(len(word), MAX_SUFFIX), 0, -1):
        key = f"{pos}\t{word[-n:]}"
        if key in rules:
            yield rules[key]


def _longest_rule(rules: dict[str, list | None], pos: str, suffix: str) -> list | None:
    return next(_rules_longest_first(rules, pos, suffix), None)


def suffix_lemma(form: str, pos: str, rules: dict[str, list | None],
                 accept: Callable[[str], bool] | None = None) -> str | None:
    """Lemma of an unseen word by the rewrite its longest known suffix takes in training.

    Used where the edit trees left the form unchanged: for an unseen
    inflected word (``eksāmenā``, ``sasalušu``) they often fall back to the
    form, while the training words sharing its ending say how Latvian
    rewrites it. With ``accept``, shorter suffixes are tried until a lemma
    passes it. Common-noun and verb lemmas are lower case; names keep theirs.
    """
    for rule in _rules_longest_first(rules, pos, form.lower()):
        lemma = _rewrite(form, pos, rule) if rule is not None else None
        if accept is None:
            return lemma
        if lemma is not None and accept(lemma):
            return lemma
    return None


def _rewrite(form: str, pos: str, rule: list) -> str | None:
    cut, add = rule
    if cut > len(form) - 2:
        return None
    lemma = (form[: len(form) - cut] if cut else form) + add
    return lemma if pos == "PROPN" or form.isupper() else lemma.lower()


def is_verb_lemma(lemma: str) -> bool:
    """Every Latvian infinitive, the LVTB verb lemma, ends in ``-t`` or ``-ties``."""
    return lemma.endswith(("t", "ties"))


class LemmaLookup(DataComponent):
    """Override lemmas of known (form, UPOS) pairs with the training lemma.

    Tables: ``table`` ((form, UPOS) -> lemma) and ``suffixes`` (the suffix
    rules for unseen words), built by :meth:`initialize` from the treebank's
    training split. Without them the component keeps only its spelling rules.
    """

    def __init__(self, nlp: Language, name: str = "lemma_lookup", table: dict[str, str] | None = None) -> None:
        self.name = name
        self.table: dict[str, str] = table or {}
        self.known_lemmas: set[str] = set(self.table.values())
        self.suffixes: dict[str, list | None] = {}

    @staticmethod
    def key(form: str, pos: str) -> str:
        return f"{form}\t{pos}"

    def __call__(self, doc: Doc) -> Doc:
        table = self.table
        for tok in doc:
            lemma = table.get(self.key(tok.text, tok.pos_))
            # Sentence-initial capitals: look the word up as it is written elsewhere.
            if lemma is None and tok.is_title and tok.pos_ != "PROPN":
                lemma = table.get(self.key(tok.text.lower(), tok.pos_))
            if lemma is None and tok.pos_ == "PROPN":
                lemma = proper_noun_lemma(tok.text, tok.tag_)
            if lemma is not None:
                tok.lemma_ = lemma
            elif tok.pos_ in ("VERB", "AUX"):
                tok.lemma_ = verb_lemma(tok.text, tok.lemma_, self.known_lemmas)
            elif tok.pos_ == "ADJ":
                tok.lemma_ = adjective_lemma(tok.lemma_)
            if tok.pos_ == "NOUN" and lemma is None and tok.lemma_ == tok.text:
                # The edit trees fell back to the form: rebuild it from the tag.
                tok.lemma_ = noun_lemma(tok.text.lower(), tok.tag_) or tok.lemma_
            if lemma is None and tok.lemma_.lower() == tok.text.lower():
                tok.lemma_ = suffix_lemma(tok.text, tok.pos_, self.suffixes) or tok.lemma_
            if lemma is None and tok.pos_ in ("VERB", "AUX") and not is_verb_lemma(tok.lemma_):
                # ``uzņemtas`` -> ``uzņemta`` is no infinitive: take the ending rule that gives one.
                tok.lemma_ = suffix_lemma(tok.text, tok.pos_, self.suffixes, accept=is_verb_lemma) or tok.lemma_
            if tok.pos_ in ("NOUN", "PROPN"):
                tok.lemma_ = spelling_rules(tok.lemma_)

        return doc

    def build(self, pairs: Iterable[tuple[str, str, str]], min_count: int = 1, min_share: float = 0.9) -> None:
        """Fill the table from (form, upos, lemma) triples of gold data.

        Only forms whose lemma is (nearly) unambiguous for their UPOS enter;
        every triple feeds the suffix rules for unseen words.
        """
        pairs = list(pairs)
        self.suffixes = build_suffix_rules(pairs)
        counts: dict[str, Counter] = defaultdict(Counter)
        for form, pos, lemma in pairs:
            counts[self.key(form, pos)][lemma] += 1
        table = {}
        for key, c in counts.items():
            lemma, n = c.most_common(1)[0]
            total = sum(c.values())
            if total >= min_count and n / total >= min_share:
                table[key] = lemma
        self.table = table
        self.known_lemmas = set(table.values())

    def initialize(self, get_examples: Callable[[], Iterable[Example]], *, nlp: Language | None = None,
                   ud_train: str | None = None) -> None:
        """Build the tables from the treebank's training split (``ud_train``, CoNLL-U)."""
        paragraphs = corpus_paragraphs(ud_train, needed_by=self.name)
        self.build((w.form, w.upos, w.lemma) for p in paragraphs for w in p.words)

    def tables(self) -> dict[str, dict]:
        return {"table": self.table, "suffixes": self.suffixes}

    def set_tables(self, tables: dict[str, dict]) -> None:
        self.table = tables.get("table", {})
        self.suffixes = tables.get("suffixes", {})
        self.known_lemmas = set(self.table.values())


@Language.factory("lvnews_lemma_lookup", default_config={})
def make_lemma_lookup(nlp: Language, name: str) -> LemmaLookup:
    return LemmaLookup(nlp, name)
