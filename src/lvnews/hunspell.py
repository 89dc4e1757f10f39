"""A reader of hunspell dictionaries that answers "which stems could this form come from".

hunspell-lv (Jānis Eisaks, LGPL-2.1) lists Latvian stems with their part of
speech (``abaks/Oo po:lietv1r``) and suffix rules that inflect them
(``SFX O s a [s] is:vpg``: strip ``s``, add ``a`` after an ``s``, a singular
genitive). Read backwards, the rules turn an inflected form into its stem: the
dictionary form, which is what a lemma is. This module holds only that
reverse lookup (no spelling suggestions, no compounding), so the lemmatiser
can use the lexicon without hunspell or the Debian package at run time.

What the Latvian files use, and so what is read: one-character flags, suffixes
with continuation classes (one affix on top of another: ``skolotājs`` ->
``skolotāja`` -> ``skolotājas``), prefixes combined with suffixes (``ne-``,
``jā-`` of the debitive, ``vis-`` of the superlative, the last two as
circumfixes), ``NEEDAFFIX`` and the ``is:`` / ``po:`` morphology fields.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, NamedTuple


class Affix(NamedTuple):
    """One ``PFX``/``SFX`` line: ``add`` replaces ``strip`` where ``cond`` holds."""

    flag: str
    strip: str
    add: str
    cond: str
    cont: str = ""
    tag: str = ""
    po: str = ""
    cross: bool = True


class Analysis(NamedTuple):
    """One way a form comes from a stem.

    ``lemma`` is the dictionary stem; ``po`` the part of speech of the word
    the suffixes build (the stem's, unless a suffix names its own, as the
    feminine of a masculine noun does); ``derived`` the form the innermost
    suffix built (``skolotāja`` under ``skolotājas``; the form itself, less
    any prefix, under one suffix), which is the lemma where that suffix
    derives a new word; ``flags`` the flags used, prefix first, then the
    suffixes innermost first (``"x"``, ``"xS"``, ``"-D"``).
    """

    lemma: str
    po: str
    tag: str
    flags: str
    derived: str


@dataclass
class Header:
    """The ``.aff`` options that change what a lookup accepts."""

    needaffix: str = ""
    circumfix: str = ""


@lru_cache(maxsize=None)
def _condition_pattern(cond: str, suffix: bool) -> re.Pattern[str] | None:
    """hunspell's condition (letters, ``[...]``, ``[^...]``, ``.``) as a regex on the stem's end or start."""
    if cond in ("", "."):
        return None
    parts = re.findall(r"\[\^?[^\]]*\]|.", cond)
    body = "".join(p if p.startswith("[") or p == "." else re.escape(p) for p in parts)
    return re.compile(f"(?:{body})$" if suffix else f"^(?:{body})")


def _field(fields: list[str], key: str) -> str:
    return next((f[len(key) + 1:] for f in fields if f.startswith(key + ":")), "")


def parse_aff(text: str) -> tuple[Header, list[Affix], list[Affix]]:
    """The header options, prefixes and suffixes of an ``.aff`` file."""
    header = Header()
    prefixes: list[Affix] = []
    suffixes: list[Affix] = []
    cross: dict[tuple[str, str], bool] = {}
    for line in text.splitlines():
        fields = line.split()
        if not fields or fields[0].startswith("#"):
            continue
        if fields[0] == "NEEDAFFIX" and len(fields) > 1:
            header.needaffix = fields[1]
        elif fields[0] == "CIRCUMFIX" and len(fields) > 1:
            header.circumfix = fields[1]
        elif fields[0] in ("PFX", "SFX") and len(fields) >= 4:
            kind, flag = fields[0], fields[1]
            if len(fields) == 4 and fields[2] in ("Y", "N") and fields[3].isdigit():
                # The class header: ``SFX O Y 10`` (cross product allowed, 10 lines).
                cross[kind, flag] = fields[2] == "Y"
                continue
            add, _, cont = fields[3].partition("/")
            affix = Affix(
                flag=flag, strip="" if fields[2] == "0" else fields[2], add="" if add == "0" else add,
                cond=fields[4] if len(fields) > 4 else ".", cont=cont, tag=_field(fields[5:], "is"),
                po=_field(fields[5:], "po"), cross=cross.get((kind, flag), True),
            )
            (prefixes if kind == "PFX" else suffixes).append(affix)
    return header, prefixes, suffixes


def parse_dic(text: str) -> list[tuple[str, str, str]]:
    """(stem, flags, po) of every ``.dic`` entry (the first line, a count, is skipped)."""
    entries = []
    for line in text.splitlines()[1:]:
        fields = line.split()
        if not fields:
            continue
        stem, _, flags = fields[0].partition("/")
        entries.append((stem, flags, _field(fields[1:], "po")))
    return entries


class _Rule(NamedTuple):
    """An affix with its condition compiled."""

    affix: Affix
    pattern: re.Pattern[str] | None

    def fits(self, base: str) -> bool:
        return self.pattern is None or self.pattern.search(base) is not None


class Index(NamedTuple):
    """Rules by the letters they add (what a form must end or start with), then by the
    letters they strip (rules that agree on both share a base); and the added letters' lengths."""

    rules: dict[str, dict[str, list[_Rule]]]
    lengths: tuple[int, ...]


def _index(affixes: Iterable[Affix], suffix: bool) -> Index:
    rules: dict[str, dict[str, list[_Rule]]] = defaultdict(lambda: defaultdict(list))
    for a in affixes:
        rules[a.add][a.strip].append(_Rule(a, _condition_pattern(a.cond, suffix)))
    return Index({add: dict(by_strip) for add, by_strip in rules.items()}, tuple(sorted({len(a) for a in rules})))


def _matches(index: Index, word: str) -> Iterable[tuple[str, list[_Rule]]]:
    """(base, rules) for the suffix rules of ``index`` that would turn ``base`` into ``word``;
    the caller checks each rule's condition on ``base`` (after cheaper tests)."""
    for n in index.lengths:
        if n > len(word):
            break
        stem = word[: len(word) - n]
        for strip, rules in index.rules.get(word[len(word) - n:] if n else "", {}).items():
            if stem or strip:  # FULLSTRIP: ``iet`` -> ``gāja`` replaces the whole stem
                yield stem + strip, rules


class Dictionary:
    """The stems and affix rules of one hunspell dictionary, for reverse lookup."""

    def __init__(self, header: Header, prefixes: list[Affix], suffixes: list[Affix],
                 entries: Iterable[tuple[str, str, str]]) -> None:
        self.header = header
        self.prefixes = prefixes
        self.suffixes = suffixes
        stems: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for stem, flags, po in entries:
            stems[stem].append((flags, po))
        # Sorted, so that a dictionary read back from its data analyses in the same order.
        self.stems = {stem: tuple(sorted(readings)) for stem, readings in stems.items()}
        self._suffixes = _index(suffixes, suffix=True)
        self._prefixes = _index(prefixes, suffix=False)
        # Inner suffixes by the outer flag their continuation allows.
        self._inner = {flag: _index((a for a in suffixes if flag in a.cont), suffix=True)
                       for flag in {f for a in suffixes for f in a.cont}}
        self._longest_prefix = max((len(a.add) for a in prefixes), default=0)
        self._analyses: dict[str, tuple[Analysis, ...]] = {}

    @classmethod
    def from_text(cls, dic: str, aff: str) -> "Dictionary":
        header, prefixes, suffixes = parse_aff(aff)
        return cls(header, prefixes, suffixes, parse_dic(dic))

    def analyze(self, word: str) -> tuple[Analysis, ...]:
        """Every analysis of ``word`` as written; the caller tries other casings.

        Remembered for the next 100,000 words: the lemma and the tag components ask
        about the same rare words, and an analysis costs about a millisecond.
        """
        if word not in self._analyses:
            if len(self._analyses) >= 100_000:
                self._analyses.clear()
            self._analyses[word] = self._analyze(word)
        return self._analyses[word]

    def _analyze(self, word: str) -> tuple[Analysis, ...]:
        found = self._bare(word, None) + self._suffixed(word, None)
        for n in range(1, min(len(word) - 1, self._longest_prefix) + 1):
            for strip, rules in self._prefixes.rules.get(word[:n], {}).items():
                rest = strip + word[n:]
                for rule in rules:
                    if rule.fits(rest):
                        found += self._bare(rest, rule.affix)
                        found += self._suffixed(rest, rule.affix)
        return tuple(dict.fromkeys(found))

    def _bare(self, word: str, prefix: Affix | None) -> list[Analysis]:
        """The word itself is a stem (that needs no affix, or carries the prefix's flag)."""
        if prefix is not None and self._is_circumfix(prefix):
            return []
        found = []
        for flags, po in self.stems.get(word, ()):
            if prefix is None and self.header.needaffix and self.header.needaffix in flags:
                continue
            if prefix is None or prefix.flag in flags:
                found.append(Analysis(word, po, "", prefix.flag if prefix else "", word))
        return found

    def _suffixed(self, word: str, prefix: Affix | None) -> list[Analysis]:
        """One suffix on a stem, or two (the inner one's continuation allows the outer)."""
        found = []
        for base, rules in _matches(self._suffixes, word):
            is_stem = base in self.stems
            for outer in rules:
                inner_index = self._inner.get(outer.affix.flag)
                if not (is_stem or inner_index) or not outer.fits(base):
                    continue
                if is_stem:
                    found += self._on_stem(base, (outer.affix,), prefix, derived=word)
                for stem, inner_rules in _matches(inner_index, base) if inner_index else ():
                    if stem in self.stems:
                        found += [a for inner in inner_rules if inner.fits(stem)
                                  for a in self._on_stem(stem, (inner.affix, outer.affix), prefix, derived=base)]
        return found

    def _is_circumfix(self, affix: Affix) -> bool:
        return bool(self.header.circumfix) and self.header.circumfix in affix.cont

    def _on_stem(self, stem: str, affixes: tuple[Affix, ...], prefix: Affix | None,
                 derived: str) -> list[Analysis]:
        """Analyses of ``stem`` + ``affixes`` (innermost first) that the stem's flags allow."""
        inner, outer = affixes[0], affixes[-1]
        needaffix = self.header.needaffix
        if needaffix and needaffix in outer.cont:
            return []  # a form that still needs an affix (``dzais/{y``) is no word on its own
        if self._is_circumfix(outer) != (prefix is not None and self._is_circumfix(prefix)):
            return []  # ``jā-`` goes only with the debitive's suffixes, and they only with it
        if prefix is not None and not (prefix.cross and all(a.cross for a in affixes)):
            return []
        found = []
        for flags, po in self.stems.get(stem, ()):
            if inner.flag not in flags:
                continue
            if prefix is not None and prefix.flag not in flags and not any(prefix.flag in a.cont for a in affixes):
                continue
            path = (prefix.flag if prefix else "") + "".join(a.flag for a in affixes)
            found.append(Analysis(stem, inner.po or po, outer.tag or inner.tag, path, derived))
        return found


def dictionary_data(dictionary: Dictionary) -> dict:
    """``dictionary`` as JSON-ready data, stems grouped by their flags and part of speech
    (hunspell-lv's: 290 KB gzipped, the ``.dic`` alone 330 KB)."""
    groups: dict[str, list[str]] = defaultdict(list)
    for stem, readings in sorted(dictionary.stems.items()):
        for flags, po in readings:
            groups[f"{flags} {po}"].append(stem)
    return {
        "header": [dictionary.header.needaffix, dictionary.header.circumfix],
        "prefixes": [list(a) for a in dictionary.prefixes],
        "suffixes": [list(a) for a in dictionary.suffixes],
        "stems": {key: " ".join(stems) for key, stems in groups.items()},
    }


def dictionary_from_data(data: dict) -> Dictionary:
    """The inverse of :func:`dictionary_data`."""
    entries = []
    for key, stems in data["stems"].items():
        flags, po = key.split(" ", 1)  # one string each for the whole group
        entries += [(stem, flags, po) for stem in stems.split(" ")]
    return Dictionary(Header(*data["header"]), [Affix(*a) for a in data["prefixes"]],
                      [Affix(*a) for a in data["suffixes"]], entries)
