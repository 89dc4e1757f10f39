"""Dev scores of an assembled model: UD end to end, NER, facts, news entities and facts -> one JSON file.

The news and seed scores are what ``ship.py`` guards: a model ships only when none of them
falls (issue #16: "NER and facts no worse"). They are skipped when their files are absent.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import lvnews
from lvnews.evaluate import evaluate_facts, evaluate_ner, evaluate_news, evaluate_ud


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("model", type=Path)
    ap.add_argument("corpora", type=Path)
    ap.add_argument("out", type=Path)
    args = ap.parse_args()
    analyzer = lvnews.load(args.model)
    ud = evaluate_ud(analyzer.nlp, args.corpora / "ud" / "dev.conllu")
    ner = evaluate_ner(analyzer.nlp, args.corpora / "ner" / "dev.conll")
    # Runs before the fifth session scored each paragraph alone: kept for comparison.
    ner_paragraphs = evaluate_ner(analyzer.nlp, args.corpora / "ner" / "dev.conll", by_document=False)
    facts = evaluate_facts(analyzer, args.corpora / "facts" / "dev.jsonl")
    result = {
        **ud["scores"],
        "NER_micro_F1": ner["micro"]["f"],
        "NER_macro_F1_PER_ORG_GPE_LOC": ner["macro_f1_PER_ORG_GPE_LOC"],
        "NER_per_label": {k: v["f"] for k, v in ner["per_label"].items()},
        "NER_micro_F1_paragraphs": ner_paragraphs["micro"]["f"],
        "facts_F1": {k: v["f"] for k, v in facts["per_type"].items()},
        "ud_words_per_second": ud["words_per_second"],
    }
    news = args.corpora / "news"
    if (news / "articles_dev.jsonl").exists():
        found = evaluate_news(analyzer, news)
        result["news_micro_F1"] = found["micro"]["f"]
        result["news_canonical_accuracy"] = found["canonical"]["accuracy"]
        result["news_facts_F1"] = {k: v["f"] for k, v in evaluate_facts(analyzer, news / "facts_dev.jsonl")["per_type"].items()}
    seed = args.corpora / "facts" / "seed.jsonl"
    if seed.exists():
        result["seed_facts_F1"] = {k: v["f"] for k, v in evaluate_facts(analyzer, seed)["per_type"].items()}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf8")
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
