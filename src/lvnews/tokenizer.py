"""Latvian tokenizer following the LVTB / UD tokenization conventions.

spaCy's rule-based tokenizer does most of the work; we change the rules where
the Latvian treebank tokenizes differently from spaCy's defaults, and add two
small post-passes that need context a single whitespace-separated chunk does
not have:

* numbers written with a space as thousands separator (``20 000``) are one
  token in the treebank, so adjacent digit groups are merged;
* ordinals and years keep their dot (``2016. gadā``, ``15. maijā``), but a
  number closing a sentence (``... pieauga par 5.``) gives the dot back.

The rules (special cases, prefix, suffix and infix patterns, the URL pattern)
are saved with the model through spaCy's own ``Tokenizer`` serialization, so a
trained model keeps tokenizing as it was trained when the lists below change;
a change to them reaches a model when it is retrained or its tokenizer is
rewritten.  The two post-passes are not rules spaCy can serialize: they stay
code, versioned with the package, and apply to every model.

A model saved before the rules were serialized has a ``tokenizer/`` folder with
only a placeholder ``rules.txt``; it still loads, with the code's current rules.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator

import srsly
from spacy.lang.char_classes import (
    ALPHA,
    ALPHA_LOWER,
    ALPHA_UPPER,
    CONCAT_QUOTES,
    LIST_ELLIPSES,
    LIST_ICONS,
    LIST_PUNCT,
    LIST_QUOTES,
    CURRENCY,
    UNITS,
    PUNCT,
)
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, registry
from spacy.vocab import Vocab

# Abbreviations that the treebank keeps whole, with their dot.  Lower-case
# ones can end a sentence and still keep the dot (``u.c.``), as in LVTB.
ABBREVIATIONS = """
u.c. u.tml. t.sk. t.i. utt. plkst. lpp. lp. gs. g. Nr. nr. NR. sk. piem. att.
v. min. lat. milj. mljrd. tūkst. prof. doc. asoc. Dr. Sv. St. Tel. tel. Tālr.
tālr. Mob. mob. Fr. P.S. m.g. p.m.ē. m.ē. apm. u.t.t. resp. red. sek. st. km.
janv. febr. marts. apr. jūn. jūl. aug. sept. okt. nov. dec. pr. pirmd. ielā.
A/S a/s SIA. biedr. vsk. kv. iela. gad. pag. nov. pils. ģen. kapt. plk. ltn.
""".split()

_UPPER_LV = "A-ZĀČĒĢĪĶĻŅŠŪŽ"
_LOWER_LV = "a-zāčēģīķļņšūž"

# Initials glued to a surname (``J.Visockis``, ``Dž.Smits``) are split off as
# prefixes; a standalone initial (``A.``) is a special case below.
_INITIAL = rf"(?:Dž|Dz|[{_UPPER_LV}])\.(?=[{_UPPER_LV}][{_LOWER_LV}])"
# A year or ordinal written without a space before the word (``2011.gadā``).
_ORDINAL_GLUED = rf"[0-9]+\.(?=[{_LOWER_LV}])"

PREFIXES = [_INITIAL, _ORDINAL_GLUED, r"plkst\.(?=[0-9])", r"-(?=[^\W\d_])", "/"] + [
    p for p in LIST_PUNCT + LIST_ELLIPSES + LIST_QUOTES + LIST_ICONS + ["§", "%", "=", "—", "–", r"\+(?![0-9])"]
]

SUFFIXES = (
    [r"\?!", r"!\?", r"!!+", r"\?\?+"]
    + LIST_PUNCT
    + LIST_ELLIPSES
    + LIST_QUOTES
    + LIST_ICONS
    + ["—", "–", r"(?<=[^\W\d_])-", "/"]
    + [
        r"(?<=[0-9])\+",
        r"(?<=°[FfCcKk])\.",
        rf"(?<=[0-9])(?:{CURRENCY})",
        rf"(?<=[0-9])(?:{UNITS})",
        # No rule for a dot after a digit: ordinals keep theirs.
        rf"(?<=[{ALPHA_LOWER}%²\-\+(?:{CONCAT_QUOTES}){PUNCT}])\.",
        rf"(?<=[{ALPHA_UPPER}][{ALPHA_UPPER}])\.",
        r"(?<=[€$£¥₽°])\.",
    ]
)

# spaCy's defaults split hyphens and slashes between letters; LVTB keeps
# ``Vīķe-Freiberga``, ``e-pastu`` and ``a/s`` whole, so those rules are absent.
INFIXES = LIST_ELLIPSES + LIST_ICONS + [
    r"(?<=[0-9])[+\-\*^–—](?=[0-9-])",
    rf"(?<=[{ALPHA_LOWER}{CONCAT_QUOTES}])\.(?=[{ALPHA_UPPER}{CONCAT_QUOTES}])",
    rf"(?<=[{ALPHA}]),(?=[{ALPHA}])",
    rf"(?<=[{ALPHA}0-9])[:<>=](?=[{ALPHA}])",
    rf"(?<=[{ALPHA}])[\"”“„](?=[{ALPHA}])",
]

# Only real links count as URLs: spaCy's own pattern takes ``2011.gadā`` for
# a domain name.  The flag is inline because spaCy saves a regex by its
# ``.pattern`` alone: a ``re.IGNORECASE`` argument would be lost on loading.
URL_PATTERN = re.compile(
    r"(?i)^(?:(?:https?|ftp)://\S+|www\.\S+\.[a-z]{2,}\S*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)$"
)

# Inside the tokenizer's folder: the base tokenizer as spaCy serializes it, and
# the placeholder that models saved before that hold instead.
BASE_FILE = "base_tokenizer"
LEGACY_FILE = "rules.txt"
# A serialized vocab with no fields: loading it only empties the lexeme index.
_NOTHING = srsly.msgpack_dumps({})

_DIGIT_GROUP = re.compile(r"^[0-9]{1,3}$")
_THOUSANDS_GROUP = re.compile(r"^[0-9]{3}(?:,[0-9]+)?$")
_NUMBER_WITH_DOT = re.compile(r"^[0-9]+\.$")


def special_cases() -> dict[str, list[dict]]:
    """Exceptions that must survive as one token, abbreviations and initials."""
    cases = {abbr: [{ORTH: abbr}] for abbr in ABBREVIATIONS}
    for letter in "ABCDEFGHIJKLMNOPRSTUVZĀČĒĢĪĶĻŅŠŪŽ":
        cases[f"{letter}."] = [{ORTH: f"{letter}."}]
    # Digraph initials and Krišjānis, as in ``Dz. Lezdiņa``, ``Kr. Barona iela``.
    for initial in ("Dž.", "Dz.", "Kr."):
        cases[initial] = [{ORTH: initial}]
    return cases


def build_base_tokenizer(vocab: Vocab) -> Tokenizer:
    """The spaCy rule tokenizer with the Latvian rules, before the post-passes."""
    return Tokenizer(
        vocab,
        rules=special_cases(),
        prefix_search=compile_prefix_regex(PREFIXES).search,
        suffix_search=compile_suffix_regex(SUFFIXES).search,
        infix_finditer=compile_infix_regex(INFIXES).finditer,
        url_match=URL_PATTERN.match,
    )


def _thousand_groups(doc: Doc) -> list[tuple[int, int]]:
    """Spans of ``20 000``-style numbers: digit groups separated by one space."""
    spans: list[tuple[int, int]] = []
    i = 0
    n = len(doc)
    while i < n:
        tok = doc[i]
        if _DIGIT_GROUP.match(tok.text) and tok.whitespace_ == " ":
            j = i + 1
            while j < n and _THOUSANDS_GROUP.match(doc[j].text) and doc[j - 1].whitespace_ == " ":
                j += 1
                if "," in doc[j - 1].text:
                    break
            if j - i > 1:
                spans.append((i, j))
                i = j
                continue
        i += 1
    return spans


def _is_sentence_final_number(doc: Doc, i: int) -> bool:
    """True when ``doc[i]`` is ``N.`` ending a sentence rather than an ordinal."""
    if not _NUMBER_WITH_DOT.match(doc[i].text):
        return False
    # A number opening a paragraph is a point number (``48. Ja ...``).
    if i == 0 or "\n" in doc[i - 1].text:
        return False
    for nxt in doc[i + 1 :]:
        if nxt.is_space:
            if "\n" in nxt.text:
                return True
            continue
        first = nxt.text[0]
        return first.isupper() or first in "\"“”„«"
    return True


class LatvianTokenizer:
    """spaCy tokenizer with the LVTB rules and the two contextual post-passes."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        # The getters the special cases' lexemes are made with here, which a
        # model is trained on (see lexemes_as_built).
        self.build_getters = dict(vocab.lex_attr_getters)
        self.base = build_base_tokenizer(vocab)

    def __call__(self, text: str) -> Doc:
        doc = self.base(text)
        return postprocess(doc)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    # The base tokenizer's rules are the model's; the post-passes are not
    # serialized, nor is the vocab, which the pipeline saves itself.
    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = tuple()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        self.base.to_disk(path / BASE_FILE, exclude=[*exclude, "vocab"])

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = tuple()) -> "LatvianTokenizer":
        path = Path(path)
        if (path / LEGACY_FILE).exists() and not (path / BASE_FILE).exists():
            return self  # an old model: it was trained with the code's rules of its day
        with lexemes_as_built(self):
            self.base.from_disk(path / BASE_FILE, exclude=[*exclude, "vocab"])
        return self

    def to_bytes(self, *, exclude: Iterable[str] = tuple()) -> bytes:
        return self.base.to_bytes(exclude=[*exclude, "vocab"])

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = tuple()) -> "LatvianTokenizer":
        if data:  # old models serialized the tokenizer as b""; they keep the code's rules
            with lexemes_as_built(self):
                self.base.from_bytes(data, exclude=[*exclude, "vocab"])
        return self

    # spaCy's Tokenizer unpickles by remaking its special cases with the
    # vocab's getters of that moment, so a process pool's copy would read other
    # features than the pipeline it came from; it is loaded as from disk instead.
    def __reduce__(self) -> tuple:
        return (_unpickle, (self.vocab, self.build_getters, self.to_bytes()))


def _unpickle(vocab: Vocab, build_getters: dict[int, Callable], data: bytes) -> LatvianTokenizer:
    tokenizer = LatvianTokenizer(vocab)
    tokenizer.build_getters = build_getters
    return tokenizer.from_bytes(data)


@contextmanager
def lexemes_as_built(tokenizer: LatvianTokenizer) -> Iterator[None]:
    """Make the lexemes of rules loaded inside as the tokenizer's construction did.

    A pipeline built from its config makes its tokenizer, and so the lexemes
    of the special cases (and of the pieces spaCy matches them by), before
    [nlp.after_creation] gives the vocab lvnews's longer PREFIX and SUFFIX
    (affixes.py); loading the pipeline's vocab then forgets those lexemes, and
    only the special cases keep them.  That is how models loaded while the
    rules were code, and the shipped model's analyses depend on it, so loading
    rules repeats it: fresh lexemes made with the construction's getters,
    forgotten afterwards.  With the getters unchanged there is nothing to
    repeat.
    """
    vocab = tokenizer.vocab
    if vocab.lex_attr_getters == tokenizer.build_getters:
        yield
        return
    current = vocab.lex_attr_getters
    vocab.lex_attr_getters = tokenizer.build_getters
    forget_lexemes(vocab)
    try:
        yield
    finally:
        forget_lexemes(vocab)
        vocab.lex_attr_getters = current


def forget_lexemes(vocab: Vocab) -> None:
    """Empty the vocab's lexeme index, as loading a vocab does; lexemes in use live on."""
    getters = vocab.lex_attr_getters
    vocab.lex_attr_getters = {}  # loading wraps NORM in a lexeme_norm table: not these getters
    vocab.from_bytes(_NOTHING)
    vocab.lex_attr_getters = getters


def postprocess(doc: Doc) -> Doc:
    """Merge ``20 000`` and split the dot off sentence-final numbers."""
    # Both passes are about digits: most paragraphs have few, so look only there.
    candidates = [t.i for t in doc if t.text[0].isdigit()] if any(c.isdigit() for c in doc.text) else []
    if not candidates:
        return doc
    splits = [doc[i] for i in candidates if _is_sentence_final_number(doc, i)]
    if splits:
        with doc.retokenize() as retok:
            for tok in splits:
                retok.split(tok, [tok.text[:-1], "."], heads=[(tok, 0), (tok, 0)])
    merges = _thousand_groups(doc)
    if merges:
        with doc.retokenize() as retok:
            for start, end in merges:
                retok.merge(doc[start:end])
    return doc


@registry.tokenizers("lvnews.Tokenizer.v1")
def create_tokenizer() -> Callable[[Language], LatvianTokenizer]:
    def make(nlp: Language) -> LatvianTokenizer:
        return LatvianTokenizer(nlp.vocab)

    return make
