"""Speed of the default pipeline on dev text, one process.

Prints, from one run (ratios are what to compare across noisy machines):
  * model load time;
  * words/s of the tokenizer alone;
  * words/s of the spaCy pipeline without and with the fact extractors
    (the facts' share of pipeline time);
  * words/s of ``Analyzer.analyze_many`` (records on top of the pipeline);
  * peak RSS;
  * long articles: words/s and peak RSS of ``analyze_many`` over articles of
    ``--long-words`` words each (dev paragraphs joined), measured in a fresh
    process so its peak RSS is its own.

Usage: python benchmarks/speed.py [--model DIR] [--corpus dev.conllu] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

from lvnews.conll import read_paragraphs
from lvnews.facts import FACT_COMPONENTS

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "lv" / "ud" / "dev.conllu"


def words_per_second(fn, texts: list[str]) -> tuple[float, int]:  # noqa: ANN001
    started = time.perf_counter()
    n = fn(texts)
    return n / (time.perf_counter() - started), n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default=None)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--repeat", type=int, default=1, help="pass over the corpus this many times")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--long-articles", type=int, default=64, help="articles in the long-article case (0: skip)")
    ap.add_argument("--long-words", type=int, default=3000, help="words per article in the long-article case")
    ap.add_argument("--long-only", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.long_only:
        print(json.dumps(long_articles(args)))
        return

    import lvnews

    started = time.perf_counter()
    analyzer = lvnews.load(args.model)
    load_seconds = time.perf_counter() - started
    nlp = analyzer.nlp
    texts = [p.text for p in read_paragraphs(args.corpus)] * args.repeat
    # Warm-up so one-off allocations do not count against the first measurement.
    list(nlp.pipe(texts[:20]))

    def tokenizer(ts: list[str]) -> int:
        return sum(len(nlp.make_doc(t)) for t in ts)

    def pipeline_without_facts(ts: list[str]) -> int:
        with nlp.select_pipes(disable=list(FACT_COMPONENTS)):
            return sum(len(d) for d in nlp.pipe(ts, batch_size=64))

    def pipeline(ts: list[str]) -> int:
        return sum(len(d) for d in nlp.pipe(ts, batch_size=64))

    def records(ts: list[str]) -> int:
        return sum(sum(len(s.tokens) for s in a.sentences)
                   for a in analyzer.analyze_many(ts, batch_size=64, force_language="lv"))

    result = {"model": analyzer.model_info, "words": None, "load_seconds": round(load_seconds, 2)}
    for name, fn in (("tokenizer", tokenizer), ("pipeline_no_facts", pipeline_without_facts),
                     ("pipeline", pipeline), ("records", records)):
        wps, n = words_per_second(fn, texts)
        result[f"{name}_words_per_second"] = round(wps)
        result["words"] = result["words"] or n
    result["facts_overhead_pct"] = round(
        100 * (result["pipeline_no_facts_words_per_second"] / result["pipeline_words_per_second"] - 1), 1)
    result["records_overhead_pct"] = round(
        100 * (result["pipeline_words_per_second"] / result["records_words_per_second"] - 1), 1)
    result["peak_rss_mb"] = peak_rss_mb()
    if args.long_articles:
        child = [sys.executable, __file__, "--long-only", "--corpus", str(args.corpus),
                 "--long-articles", str(args.long_articles), "--long-words", str(args.long_words)]
        if args.model:
            child += ["--model", args.model]
        long = json.loads(subprocess.run(child, check=True, capture_output=True, text=True).stdout)
        result.update({f"long_{key}": value for key, value in long.items()})
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key:34} {value}")


def peak_rss_mb() -> int:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def long_articles(args: argparse.Namespace) -> dict:
    """Words/s and peak RSS of analyze_many over long articles (the batch-job case)."""
    import lvnews

    analyzer = lvnews.load(args.model)
    paragraphs = [p.text for p in read_paragraphs(args.corpus)]
    articles, current, words, k = [], [], 0, 0
    while len(articles) < args.long_articles:
        text = paragraphs[k % len(paragraphs)]
        k += 1
        current.append(text)
        words += len(text.split())
        if words >= args.long_words:
            articles.append("\n\n".join(current))
            current, words = [], 0
    started = time.perf_counter()
    n = sum(sum(len(s.tokens) for s in a.sentences)
            for a in analyzer.analyze_many(articles, batch_size=64, force_language="lv"))
    return {"articles": len(articles), "words": n, "words_per_second": round(n / (time.perf_counter() - started)),
            "peak_rss_mb": peak_rss_mb()}


if __name__ == "__main__":
    main()
