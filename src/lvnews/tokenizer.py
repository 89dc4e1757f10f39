"""Latvian tokenizer following the LVTB / UD tokenization conventions.

spaCy's rule-based tokenizer does most of the work; we change the rules where
the Latvian treebank tokenizes differently from spaCy's defaults, and add two
small post-passes that need context a single whitespace-separated chunk does
not have:

* numbers written with a space as thousands separator (``20 000``) are one
  token in the treebank, so adjacent digit groups are merged;
* ordinals and years keep their dot (``2016. gadā``, ``15. maijā``), but a
  number closing a sentence (``... pieauga par 5.``) gives the dot back.

The rules are code, versioned with the package, so the tokenizer serializes
nothing of its own: a model trained with an older rule set picks up fixes.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, Iterable, Iterator

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
# a domain name.
URL_PATTERN = re.compile(
    r"^(?:(?:https?|ftp)://\S+|www\.\S+\.[a-z]{2,}\S*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)$",
    re.IGNORECASE,
)

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
        self.base = build_base_tokenizer(vocab)

    def __call__(self, text: str) -> Doc:
        doc = self.base(text)
        return postprocess(doc)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    # The rules live in code, so serialization only keeps spaCy's API happy.
    def to_disk(self, path: str | Path, **kwargs) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "rules.txt").write_text("lvnews.LatvianTokenizer rules are defined in code\n", encoding="utf8")

    def from_disk(self, path: str | Path, **kwargs) -> "LatvianTokenizer":
        return self

    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "LatvianTokenizer":
        return self


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
