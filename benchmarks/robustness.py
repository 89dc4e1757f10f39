"""Huge and hostile inputs: time and peak RSS of single-article analysis.

Prints one line per case: a long Latvian article (MEGABYTES of the example
article repeated), a text with no spaces, binary garbage decoded as
Latin-1, and HTML. Memory is peak RSS of this process after each case.

Usage: python benchmarks/robustness.py [--megabytes 1]
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from pathlib import Path

import lvnews

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "article.txt"


def peak_rss_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--megabytes", type=float, default=1.0)
    args = ap.parse_args()
    analyzer = lvnews.load()
    body = EXAMPLE.read_text(encoding="utf8").split("\n\n", 1)[1]
    size = int(args.megabytes * 1_000_000)
    cases = {
        "latvian": (body + "\n\n") * (size // len(body.encode()) + 1),
        "no_spaces": "ā" * 200_000,
        "binary": os.urandom(size).decode("latin-1"),
        "html": "<html><body>" + "<p>" + body.replace("\n\n", "</p><p>") + "</p>" * 50 + "</body></html>",
    }
    print(f"{'case':10} {'chars':>10} {'seconds':>8} {'tokens':>8} {'language':>8} {'peak RSS MB':>11}")
    for name, text in cases.items():
        started = time.perf_counter()
        if name == "html":
            article = analyzer.analyze_html(text)
        else:
            article = analyzer.analyze(text, force_language="lv" if name == "no_spaces" else None)
        seconds = time.perf_counter() - started
        tokens = sum(len(s.tokens) for s in article.sentences)
        print(f"{name:10} {len(text):>10} {seconds:>8.2f} {tokens:>8} {article.language:>8} {peak_rss_mb():>11}")


if __name__ == "__main__":
    main()
