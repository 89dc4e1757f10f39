"""The evaluate commands on tiny CoNLL files written here."""

from __future__ import annotations

import json
import subprocess
import sys

from lvnews.evaluate import evaluate_facts, evaluate_ner, evaluate_ud

CONLLU = """# newdoc id = t1
# newpar id = t1-p1
# sent_id = a-t1-p1s1
# text = Jānis strādā Rīgā.
1	Jānis	Jānis	PROPN	npmsn2	Case=Nom|Gender=Masc|Number=Sing	2	nsubj	_	_
2	strādā	strādāt	VERB	vmnipt330an	Mood=Ind|Person=3|Tense=Pres|VerbForm=Fin	0	root	_	_
3	Rīgā	Rīga	PROPN	npfsl4	Case=Loc|Gender=Fem|Number=Sing	2	obl:loc	_	SpaceAfter=No
4	.	.	PUNCT	zs	_	2	punct	_	_

# sent_id = a-t1-p1s2
# text = Viņš ir ārsts.
1	Viņš	viņš	PRON	pp3msnn	Case=Nom|Gender=Masc|Number=Sing|Person=3|PronType=Prs	3	nsubj	_	_
2	ir	būt	AUX	vcnipii30an	Mood=Ind|Person=3|Tense=Pres|VerbForm=Fin	3	cop	_	_
3	ārsts	ārsts	NOUN	ncmsn1	Case=Nom|Gender=Masc|Number=Sing	0	root	_	SpaceAfter=No
4	.	.	PUNCT	zs	_	3	punct	_	_

"""

NER = """# sent_id = a-t1-p1s1
# text = Jānis Bērziņš strādā Rīgā.
1	Jānis	Jānis	PROPN	npmsn2	_	B-person	O	_	_
2	Bērziņš	Bērziņš	PROPN	npmsn1	_	I-person	O	_	_
3	strādā	strādāt	VERB	vmnipt330an	_	O	O	_	_
4	Rīgā	Rīga	PROPN	npfsl4	_	B-GPE	O	en.wikipedia.org/wiki/Riga	_
5	.	.	PUNCT	zs	_	O	O	_	_

"""


def test_ud_scores(nlp, tmp_path):
    path = tmp_path / "tiny.conllu"
    path.write_text(CONLLU, encoding="utf8")
    result = evaluate_ud(nlp, path)
    scores = result["scores"]
    assert result["paragraphs"] == 1
    assert scores["Tokens"] == 100.0
    assert scores["Sentences"] == 100.0
    assert scores["UPOS"] >= 75.0
    assert 0.0 <= scores["LAS"] <= scores["UAS"] <= 100.0
    assert result["details"]["Tokens"]["gold"] == 8


def test_ud_penalises_wrong_gold(nlp, tmp_path):
    wrong = CONLLU.replace("\tVERB\t", "\tNOUN\t").replace("\tPROPN\t", "\tADV\t")
    path = tmp_path / "wrong.conllu"
    path.write_text(wrong, encoding="utf8")
    # three of the eight gold tags are now wrong: at most 5/8 can match
    assert evaluate_ud(nlp, path)["scores"]["UPOS"] <= 62.5


def test_ner_scores(nlp, tmp_path):
    path = tmp_path / "tiny.conll"
    path.write_text(NER, encoding="utf8")
    result = evaluate_ner(nlp, path)
    assert result["micro"]["gold"] == 2
    assert result["per_label"]["PERSON"]["gold"] == 1
    assert result["micro"]["f"] == 100.0


def test_facts_scores(analyzer, tmp_path):
    gold = {"id": "x", "text": "Biedrībā darbojas 120 biedri.", "facts": [
        {"type": "quantity", "value": 120, "value_max": None, "unit": "biedrs", "approx": None, "evidence": "120 biedri"},
        {"type": "quantity", "value": 7, "value_max": None, "unit": "kaķis", "approx": None, "evidence": "-"},
    ]}
    path = tmp_path / "facts.jsonl"
    path.write_text(json.dumps(gold, ensure_ascii=False) + "\n", encoding="utf8")
    result = evaluate_facts(analyzer, path, show=True)
    q = result["per_type"]["quantity"]
    assert q["gold"] == 2 and q["tp"] == 1 and q["r"] == 50.0
    assert any(m["unit"] == "kaķis" for m in result["misses"])


def test_evaluate_cli_json(tmp_path):
    path = tmp_path / "tiny.conllu"
    path.write_text(CONLLU, encoding="utf8")
    out = subprocess.run([sys.executable, "-m", "lvnews.cli", "evaluate", "ud", str(path), "--json"],
                         capture_output=True, text=True, check=True)
    assert json.loads(out.stdout)["scores"]["Tokens"] == 100.0
