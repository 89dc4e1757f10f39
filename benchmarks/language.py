"""Accuracy of lvnews.language.detect_language on the hand-written sample set.

Usage::

    python benchmarks/language.py [path/to/language_samples.json]

Prints, per language, how many samples were recognized (and what the misses
were read as), for ``detect_language`` and for plain seeded langdetect (no
Latvian tie-break), on the asserted set and on the "hard" short-headline set.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

from lvnews import language
from lvnews.language import detect_language

DEFAULT = Path(__file__).resolve().parent.parent / "tests" / "data" / "language_samples.json"


def plain(text: str) -> str:
    detector = language._get_factory().create()
    detector.append(language._prepare(text))
    try:
        return detector.get_probabilities()[0].lang
    except Exception:
        return language.UNDETERMINED


def report(title: str, sets: dict[str, list[str]]) -> None:
    print(f"\n{title}")
    print(f"{'lang':6}{'n':>5}{'lvnews':>10}{'plain':>10}  misread as (lvnews)")
    total = ok = ok_plain = 0
    for lang, sentences in sets.items():
        got = [detect_language(s).code for s in sentences]
        got_plain = [plain(s) for s in sentences]
        hits = sum(g == lang for g in got)
        hits_plain = sum(g == lang for g in got_plain)
        misses = Counter(g for g in got if g != lang)
        total += len(sentences)
        ok += hits
        ok_plain += hits_plain
        print(
            f"{lang:6}{len(sentences):5}{hits / len(sentences):10.1%}"
            f"{hits_plain / len(sentences):10.1%}  {dict(misses.most_common())}"
        )
    print(f"{'all':6}{total:5}{ok / total:10.1%}{ok_plain / total:10.1%}")


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT
    data = json.loads(path.read_text(encoding="utf-8"))
    main_sets = {k: v for k, v in data.items() if not k.startswith("_") and k != "hard"}

    start = time.perf_counter()
    language._get_factory()
    print(f"profiles loaded in {time.perf_counter() - start:.2f} s")

    report("sentences (asserted by tests/test_language.py)", main_sets)
    if "hard" in data:
        report("hard: one- to four-word headlines and rubrics", data["hard"])

    sentences = [s for v in main_sets.values() for s in v]
    start = time.perf_counter()
    for s in sentences:
        detect_language(s)
    per = (time.perf_counter() - start) / len(sentences)
    article = " ".join(main_sets["lv"]) * 50
    start = time.perf_counter()
    detect_language(article)
    big = time.perf_counter() - start
    print(f"\n{per * 1000:.1f} ms per sentence; {big * 1000:.1f} ms for a {len(article)}-char text")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
