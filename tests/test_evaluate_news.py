"""``lvnews evaluate news``: scoring rules on hand-built mentions, then a small generated gold set."""

from __future__ import annotations

import json

from lvnews.evaluate.news import Mention, evaluate_news, mentions, score_articles, stripped


def test_quote_marks_and_spaces_at_edges_are_not_scored():
    text = "Klubs „Zaļā Upe” un\u00a0Rīga"
    assert text[slice(*stripped(text, 6, 16))] == "Zaļā Upe"
    assert stripped(text, 6, 17) == stripped(text, 7, 15)
    assert stripped(text, 19, 24) == (20, 24)
    assert stripped(text, 6, 7) == (7, 7)  # only a quote: nothing left


def test_mentions_keep_the_four_labels_and_fill_a_missing_canonical():
    text = "Jānis brauca uz Rīgu 5. maijā."
    ents = [{"start": 0, "end": 5, "label": "PERSON", "canonical": None},
            {"start": 16, "end": 20, "label": "GPE", "canonical": "Rīga"},
            {"start": 21, "end": 29, "label": "TIME", "canonical": "5. maijā"}]
    assert mentions(text, ents) == [Mention(0, 5, "PERSON", "Jānis"), Mention(16, 20, "GPE", "Rīga")]


def test_scores_span_and_label_exactly_and_canonical_on_exact_hits():
    gold = [Mention(0, 5, "PERSON", "Jānis"), Mention(10, 14, "GPE", "Rīga"), Mention(20, 25, "ORG", "Banka"),
            Mention(30, 33, "LOC", "Ezers")]
    pred = [Mention(0, 5, "PERSON", "Jāni"),  # exact, wrong base form
            Mention(10, 14, "GPE", "Rīga"),  # exact
            Mention(20, 25, "GPE", "Banka"),  # right span, wrong label
            Mention(40, 44, "ORG", "Cits")]  # spurious
    result = score_articles([("a1", "x" * 50, gold, pred)])
    assert (result["micro"]["tp"], result["micro"]["gold"], result["micro"]["pred"]) == (2, 4, 4)
    assert result["micro"]["f"] == 50.0
    assert result["spans"]["tp"] == 3 and result["spans"]["f"] == 75.0
    assert result["per_label"]["PERSON"]["f"] == 100.0 and result["per_label"]["ORG"]["f"] == 0.0
    assert result["per_label"]["LOC"] == {"p": 0.0, "r": 0.0, "f": 0.0, "gold": 1, "pred": 0, "tp": 0}
    assert result["canonical"] == {"correct": 1, "found": 2, "accuracy": 50.0}
    assert result["canonical_misses"] == [{"id": "a1", "text": "xxxxx", "label": "PERSON", "gold": "Jānis",
                                           "predicted": "Jāni"}]


def _write_gold(folder, articles):  # noqa: ANN001, ANN202
    """articles: (id, text, [(mention text, label, canonical)]) -> the two files of the news set."""
    with open(folder / "articles_dev.jsonl", "w", encoding="utf8") as art, \
            open(folder / "ner_dev.jsonl", "w", encoding="utf8") as ner:
        for ident, text, ents in articles:
            art.write(json.dumps({"id": ident, "title": text.split(".")[0], "text": text}, ensure_ascii=False) + "\n")
            spans = []
            for mention, label, canonical in ents:
                start = text.index(mention)
                spans.append({"start": start, "end": start + len(mention), "text": mention, "label": label,
                              "canonical": canonical})
            ner.write(json.dumps({"id": ident, "entities": spans}, ensure_ascii=False) + "\n")


def test_evaluate_news_end_to_end_on_a_generated_gold(analyzer, tmp_path):
    _write_gold(tmp_path, [
        ("n1", "Koncerts notiks Rīgā. Žurnālisti runāja ar Jāni Bērziņu.",
         [("Rīgā", "GPE", "Rīga"), ("Jāni Bērziņu", "PERSON", "Jānis Bērziņš")]),
        # "Koncerts" is no name: a gold mention no system finds, so recall is 2 of 3.
        ("n2", "Ministrs šodien viesojās Ventspilī.", [("Ventspilī", "GPE", "Ventspils"),
                                                     ("šodien", "LOC", "šodien")]),
    ])
    result = evaluate_news(analyzer, tmp_path)
    assert result["articles"] == 2
    assert result["micro"]["gold"] == 4 and result["micro"]["tp"] == 3, result
    assert result["canonical"]["found"] == 3 and result["canonical"]["accuracy"] == 100.0, result
    assert result["per_label"]["LOC"]["r"] == 0.0


def test_cli_evaluate_news_prints_json(tmp_path, capsys):
    from lvnews.cli import main

    _write_gold(tmp_path, [("n1", "Koncerts notiks Rīgā.", [("Rīgā", "GPE", "Rīga")])])
    assert main(["evaluate", "news", str(tmp_path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["micro"]["tp"] == 1 and result["canonical"]["accuracy"] == 100.0
    assert main(["evaluate", "news", str(tmp_path)]) == 0
    assert "micro P 100.0 R 100.0 F 100.00" in capsys.readouterr().out
