"""Language identification for news text.

:func:`detect_language` wraps `langdetect`_ (a port of Shuyo Nakatani's
n-gram naive Bayes detector) and adds two things the news pipeline needs:

* **Determinism.**  langdetect samples n-grams at random; we seed the
  sampler (``seed = 0``), so the same text always gets the same answer.  The
  seed is set on this module's own :class:`~langdetect.DetectorFactory`
  instance, so langdetect's global ``detect()`` is left as it was.
* **A Latvian tie-break.**  Short Latvian texts (headlines, captions) are
  sometimes read as Lithuanian or Estonian, and vice versa.  Some letters and
  a few function words belong to only one of the three languages:

  ============  ==========================================  ==============================
  language      letters                                     words
  ============  ==========================================  ==============================
  Latvian       ā ē ī ķ ļ ņ ģ                               un, arī, uz, pēc, lai, vēl, ...
  Lithuanian    ą ę ė į ų                                   yra, buvo, į, iš, bei, dėl, ...
  Estonian      õ ä ö ü                                     ja, on, ei, oli, ning, ...
  ============  ==========================================  ==============================

  (``ū``, ``č``, ``š``, ``ž`` are shared by Latvian and Lithuanian, so they
  count for neither.)  Each such letter or word is one unit of evidence.
  The bias is only used to break a *near tie*, never to override a clear
  result, and it only ever moves a decision to or from Latvian:

  1. langdetect picks a language ``top``.
  2. If ``top`` is not Latvian and the text has more Latvian-only evidence
     than ``top``-only evidence (zero for a non-Baltic ``top``), Latvian is
     the challenger; if ``top`` is Latvian, Lithuanian or Estonian is the
     challenger when its own evidence outweighs the Latvian one.
  3. The margin between ``top`` and the challenger is measured with the
     same n-gram profiles, deterministically (no sampling): the
     log-likelihood ratio ``LLR`` of the whole text, in nats.
  4. The challenger wins only if ``LLR < BIAS_PER_MARK * min(net, BIAS_MAX_MARKS)``,
     i.e. the bias is worth at most ``BIAS_PER_MARK * BIAS_MAX_MARKS`` = 6 nats
     (a likelihood factor of about 400).  For comparison, one ordinary
     Latvian sentence is usually 50-200 nats away from Lithuanian, so only
     texts of a few words, where the profiles nearly agree, can flip.

  A tie-broken result reports as its score the two-way posterior after the
  bias, ``1 / (1 + exp(LLR - bonus))``, which lies in (0.5, 1).

Only the first :data:`MAX_CHARS` characters are examined, so a huge article
costs no more than a long one.

.. _langdetect: https://pypi.org/project/langdetect/
"""

from __future__ import annotations

import math
import re
import threading
import unicodedata
from dataclasses import dataclass

__all__ = ["LanguageGuess", "detect_language", "language_code", "LANGUAGE_CODE_PATTERN", "MAX_CHARS", "UNDETERMINED"]

#: Only this many characters from the start of the text are examined.
MAX_CHARS = 5000

#: Code returned for text in which no language can be recognized.
UNDETERMINED = "und"

#: Nats of log-likelihood granted per unit of net orthographic evidence.
BIAS_PER_MARK = 3.0
#: At most this many units of evidence count, so the bias is bounded.
BIAS_MAX_MARKS = 2

_SEED = 0

# Letters (lower case) that occur in only one of the three Baltic-area
# languages.  ``ū`` is deliberately absent: Lithuanian has it too.
_MARK_LETTERS: dict[str, frozenset[str]] = {
    "lv": frozenset("āēīķļņģ"),
    "lt": frozenset("ąęėįų"),
    "et": frozenset("õäöü"),
}

# Frequent function words that are words in only one of the three languages
# (checked against the other two: ``ir``, ``kas``, ``tas``, ``bet``, ``jau``,
# ``tiek``, ``ka``, ``kad``, ``ar`` are shared and therefore left out).
_MARK_WORDS: dict[str, frozenset[str]] = {
    "lv": frozenset(
        "un arī uz pēc lai vēl nav bija tika viņš viņa viņi par".split()
    ),
    "lt": frozenset(
        "yra buvo bus į iš su bei kaip dėl apie metų kuris kurie nuo prie tačiau jis ji".split()
    ),
    "et": frozenset("ja on ei oli ning see mis aga kui et ole seda kes".split()),
}

_BALTIC = ("lv", "lt", "et")
_WORD_RE = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class LanguageGuess:
    """A language decision.

    ``code`` is an ISO 639-1 code as langdetect spells it (``"lv"``, ``"ru"``,
    ``"en"``, ``"lt"``, ``"et"``, ... and ``"zh-cn"``/``"zh-tw"``), or
    ``"und"`` with ``score == 0.0`` when the text has nothing to go on.
    ``score`` is in [0, 1]: langdetect's probability for ``code``, or the
    two-way posterior after the Latvian tie-break (see the module docs).
    """

    code: str
    score: float


_factory = None
_factory_lock = threading.Lock()


def _get_factory():
    """Load langdetect's profiles once, on first use (thread-safe)."""
    global _factory
    factory = _factory
    if factory is None:
        with _factory_lock:
            factory = _factory
            if factory is None:
                from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

                factory = DetectorFactory()
                factory.load_profile(PROFILES_DIRECTORY)
                factory.set_seed(_SEED)
                _factory = factory
    return factory


def _prepare(text: str) -> str:
    """Cap, NFC-normalize and, for shouting text, lower-case ``text``.

    NFC matters: langdetect's profiles hold precomposed letters, so a
    decomposed ``a`` + U+0304 would not count as ``ā``.  langdetect ignores
    n-grams inside all-capital words, so a headline in capitals would give
    it nothing; when most cased letters are upper case we lower-case.
    """
    text = unicodedata.normalize("NFC", text[:MAX_CHARS])[:MAX_CHARS]
    upper = lower = 0
    for ch in text:
        if ch.isupper():
            upper += 1
        elif ch.islower():
            lower += 1
    if upper > lower:
        text = text.lower()
    return text


def _evidence(text: str) -> dict[str, int]:
    """Units of language-specific orthographic evidence in ``text``."""
    low = text.lower()
    counts = {lang: 0 for lang in _BALTIC}
    for ch in low:
        for lang in _BALTIC:
            if ch in _MARK_LETTERS[lang]:
                counts[lang] += 1
    for word in _WORD_RE.findall(low):
        for lang in _BALTIC:
            if word in _MARK_WORDS[lang]:
                counts[lang] += 1
    return counts


def _llr(factory, ngrams: list[str], a: str, b: str, alpha: float) -> float:
    """Log-likelihood of the n-grams under ``a`` minus that under ``b`` (nats).

    Same smoothing as langdetect's own update step, but over every n-gram
    once instead of a random sample, so the value is deterministic.
    """
    langs = factory.langlist
    ia, ib = langs.index(a), langs.index(b)
    prob_map = factory.word_lang_prob_map
    weight = alpha / 10000.0  # langdetect's Detector.BASE_FREQ
    total = 0.0
    for gram in ngrams:
        probs = prob_map.get(gram)
        if probs is not None:
            total += math.log(weight + probs[ia]) - math.log(weight + probs[ib])
    return total


def _challenger(top: str, evidence: dict[str, int]) -> tuple[str, int] | None:
    """The language that may take a near tie from ``top``, and its net evidence."""
    if top == "lv":
        best = max(("lt", "et"), key=lambda lang: evidence[lang])
        net = evidence[best] - evidence["lv"]
        return (best, net) if net > 0 else None
    net = evidence["lv"] - evidence.get(top, 0)
    return ("lv", net) if net > 0 else None


def detect_language(text: str) -> LanguageGuess:
    """Guess the language of ``text``.

    Deterministic; examines at most :data:`MAX_CHARS` characters.  Text with
    no letters (empty, whitespace, digits, punctuation) gives
    ``LanguageGuess("und", 0.0)``.
    """
    from langdetect.lang_detect_exception import LangDetectException

    if not any(ch.isalpha() for ch in text[:MAX_CHARS]):
        return LanguageGuess(UNDETERMINED, 0.0)
    prepared = _prepare(text)
    factory = _get_factory()
    detector = factory.create()
    detector.set_max_text_length(MAX_CHARS)
    detector.append(prepared)
    try:
        ranked = detector.get_probabilities()
    except LangDetectException:  # letters, but none langdetect has n-grams for
        return LanguageGuess(UNDETERMINED, 0.0)
    if not ranked:
        return LanguageGuess(UNDETERMINED, 0.0)
    top, score = ranked[0].lang, float(ranked[0].prob)

    challenge = _challenger(top, _evidence(prepared))
    if challenge is not None:
        rival, net = challenge
        try:
            # After get_probabilities() the detector holds the cleaned text.
            ngrams = detector._extract_ngrams()
            margin = _llr(factory, ngrams, top, rival, detector.alpha)
        except (AttributeError, ValueError):  # langdetect internals changed
            margin = math.inf
        bonus = BIAS_PER_MARK * min(net, BIAS_MAX_MARKS)
        if margin < bonus:
            return LanguageGuess(rival, 1.0 / (1.0 + math.exp(margin - bonus)))
    return LanguageGuess(top, score)


#: Latvian-only letters per character above which Latin-script text is
#: taken as Latvian without running the detector.
LATVIAN_MARK_DENSITY = 1 / 40


def looks_latvian(text: str) -> bool:
    """A cheap, conservative yes for plainly Latvian text.

    True only when the text is in Latin script, has Latvian-only letters at a
    density no other language reaches, and none of the Lithuanian or
    Estonian marks; anything else goes to the detector. It lets the
    per-paragraph check of a Latvian article skip langdetect, which
    otherwise costs a quarter of the analysis time.
    """
    letters = marks = 0
    foreign = _MARK_LETTERS["lt"] | _MARK_LETTERS["et"]
    latvian = _MARK_LETTERS["lv"]
    for ch in text.lower():
        if ch in latvian:
            marks += 1
        elif ch in foreign:
            return False
        if ch.isalpha():
            if ord(ch) > 0x17F:  # beyond Latin Extended-A: another script
                return False
            letters += 1
    return letters > 0 and marks / letters >= LATVIAN_MARK_DENSITY


#: Below this many letters the detector cannot tell Latvian from its
#: neighbours (about a third of one- to four-word headlines come out right).
SHORT_TEXT_LETTERS = 25


def article_language(text: str) -> LanguageGuess:
    """The language gate of ``Analyzer.analyze``.

    ``detect_language``, except that a text too short to tell (fewer than
    ``SHORT_TEXT_LETTERS`` letters), in Latin script and without Lithuanian or
    Estonian letters, is taken as Latvian, the language this library is for,
    with score 0.5 to say it is a default rather than a detection.
    """
    guess = detect_language(text)
    if guess.code == "lv" or guess.code == UNDETERMINED:
        return guess
    letters = [ch for ch in text.lower() if ch.isalpha()]
    foreign = _MARK_LETTERS["lt"] | _MARK_LETTERS["et"]
    if (len(letters) < SHORT_TEXT_LETTERS and all(ord(ch) <= 0x17F for ch in letters)
            and not foreign.intersection(letters)):
        return LanguageGuess("lv", 0.5)
    return guess


#: What ``force_language`` accepts (also published in the service's OpenAPI schema):
#: a 2-3 letter ISO 639 code, case and surrounding spaces ignored. A regional form
#: (``lv-LV``) is refused rather than passed on: it would never equal ``lv``.
LANGUAGE_CODE_PATTERN = r"^\s*[A-Za-z]{2,3}\s*$"


def language_code(code: object) -> str | None:
    """A caller's ``force_language`` as the analyzer compares it: ``" LV"`` -> ``"lv"``.

    A code the detector could never give would silently skip analysis (``"LV"`` is
    not ``"lv"``, ``"latvian"`` is no code), so anything that is not an ISO 639 code
    is refused here, where the caller can still see why.
    """
    if code is None:
        return None
    if not isinstance(code, str):
        raise TypeError(f"force_language must be a language code string such as 'lv', not {type(code).__name__}")
    if not re.fullmatch(LANGUAGE_CODE_PATTERN, code):
        raise ValueError(f"force_language must be a 2-3 letter ISO 639 language code such as 'lv', "
                         f"not {code[:40]!r}")
    return code.strip().lower()
