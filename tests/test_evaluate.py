"""The evaluate commands on tiny CoNLL files written here, and the UD scorer
against the official CoNLL 2018 script (``udtools.udeval``, the script Stanza uses)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from lvnews.conll import paragraph_id, parse_sentences, read_paragraphs
from lvnews.evaluate import evaluate_facts, evaluate_ner, evaluate_ud
from lvnews.evaluate.ud import METRICS, score_sentences

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


def test_ud_scores(analyzer, tmp_path):
    path = tmp_path / "tiny.conllu"
    path.write_text(CONLLU, encoding="utf8")
    result = evaluate_ud(analyzer, path)
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
    # three of the eight gold tags are now wrong: at most 5/8 can match (a bare spaCy
    # pipeline, as training/scripts passes, is wrapped in an Analyzer)
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
    line = subprocess.run([sys.executable, "-m", "lvnews.cli", "evaluate", "ud", str(path)],
                          capture_output=True, text=True, check=True).stdout
    # the fields of README's table, in its order
    assert [part for part in line.split() if part.isalpha() or part == "words/s"] == [*METRICS, "words/s"]


# A system output differing from CONLLU in the ways the official script is particular
# about: "Rīgā." one token, the second sentence glued to the first, a subtype-only
# relation difference, a non-universal feature (Typo) and lemmas against a gold "_".
SYSTEM = """# sent_id = s1
# text = Jānis strādā Rīgā. Viņš ir ārsts.
1	Jānis	Jānis	PROPN	npmsn2	Case=Nom|Gender=Masc|Number=Sing|Typo=Yes	2	nsubj:pass	_	_
2	strādā	strāt	VERB	vmnipt330an	Mood=Ind|Person=3|Tense=Pres|VerbForm=Fin	0	root	_	_
3	Rīgā.	Rīga	PROPN	npfsl4	Case=Loc|Gender=Fem|Number=Sing	2	obl	_	_
4	Viņš	viņš	PRON	pp3msnn	Case=Nom|Gender=Masc|Number=Sing|Person=3|PronType=Prs	6	nsubj	_	_
5	ir	_	AUX	vcnipii30an	Mood=Ind|Person=3|Tense=Pres|VerbForm=Fin	6	cop	_	_
6	ārsts	ārsts	NOUN	ncmsn1	Case=Nom|Gender=Masc|Number=Sing	2	parataxis	_	SpaceAfter=No
7	.	.	PUNCT	zs	_	6	punct	_	_

"""


def official_counts(tmp_path, gold: str, system: str) -> dict:
    udeval = pytest.importorskip("udtools.udeval")
    (tmp_path / "g.conllu").write_text(gold, encoding="utf8")
    (tmp_path / "s.conllu").write_text(system, encoding="utf8")
    result = udeval.evaluate(udeval.load_conllu_file(str(tmp_path / "g.conllu")),
                             udeval.load_conllu_file(str(tmp_path / "s.conllu")))
    return {m: result["Lemmas" if m == "Lemma" else m] for m in METRICS}


def assert_agrees(ours: dict, official: dict) -> None:
    for metric in METRICS:
        mine, theirs = ours[metric], official[metric]
        assert (mine["tp"], mine["gold"], mine["pred"]) == (theirs.correct, theirs.gold_total, theirs.system_total), metric
        assert abs(mine["f"] - 100 * theirs.f1) < 0.01, metric


def test_scorer_counts_as_the_conll18_script(tmp_path):
    gold_text = CONLLU.replace("\tstrādā\tstrādāt\t", "\tstrādā\t_\t")  # any lemma matches a gold "_"
    gold = list(parse_sentences(gold_text.split("\n")))
    system = list(parse_sentences(SYSTEM.split("\n")))
    ours = {m: s.as_dict() for m, s in score_sentences(gold, system).items()}
    assert_agrees(ours, official_counts(tmp_path, gold_text, SYSTEM))
    assert ours["Tokens"]["tp"] == 6 and ours["Sentences"]["tp"] == 0
    assert ours["Lemma"]["tp"] == 5  # "strāt" for a gold "_" counts, "_" for "būt" does not
    assert ours["UFeats"]["tp"] == 6  # Typo is not a universal feature
    assert ours["LAS"]["tp"] == 5  # nsubj:pass counts as nsubj; "ārsts" hangs on a wrong head


def test_scorer_survives_lost_characters(tmp_path):
    """The official script stops when the system lost text; ours scores what lines up."""
    lost = SYSTEM.replace("1\tJānis\tJānis\tPROPN", "1\tJā\tJānis\tPROPN")
    udeval = pytest.importorskip("udtools.udeval")
    with pytest.raises(udeval.UDError):
        official_counts(tmp_path, CONLLU, lost)
    scores = score_sentences(list(parse_sentences(CONLLU.split("\n"))), list(parse_sentences(lost.split("\n"))))
    assert (scores["Tokens"].tp, scores["Tokens"].gold, scores["Tokens"].pred) == (5, 8, 7)


def dev_subset(corpora, limit: int) -> str:
    """The gold CoNLL-U of the first ``limit`` dev paragraphs, as the file has them."""
    dev = corpora / "ud" / "dev.conllu"
    keep = {p.id for p in list(read_paragraphs(dev))[:limit]}
    blocks = []
    for block in dev.read_text(encoding="utf8").split("\n\n"):
        sent_id = next((line.split("=", 1)[1].strip() for line in block.split("\n")
                        if line.startswith("# sent_id")), None)
        if sent_id and paragraph_id(sent_id) in keep:
            blocks.append(block.strip("\n"))
    return "\n\n".join(blocks) + "\n\n"


def test_dev_scores_agree_with_conll18_script(analyzer, corpora, tmp_path):
    """Dev paragraphs through analyze_many, CoNLL-U from the records, our scores = the script's."""
    system_path = tmp_path / "system.conllu"
    result = evaluate_ud(analyzer, corpora / "ud" / "dev.conllu", limit=12, system_path=system_path)
    assert result["paragraphs"] == 12 and result["text_mismatches"] == 0
    official = official_counts(tmp_path, dev_subset(corpora, 12), system_path.read_text(encoding="utf8"))
    assert_agrees(result["details"], official)
    assert result["scores"]["Tokens"] > 95 and result["scores"]["LAS"] > 60


# Two paragraphs of one document (a-t2): the first defines DUS as a common noun.
NER_TWO_PARAGRAPHS = """# sent_id = a-t2-p1s1
# text = Uzņēmumam pieder degvielas uzpildes stacijas ( DUS ) visā valstī .
1	Uzņēmumam	uzņēmums	NOUN	ncmsd1	_	O	O	_	_
2	pieder	piederēt	VERB	vmnipt330an	_	O	O	_	_
3	degvielas	degviela	NOUN	ncfsg4	_	O	O	_	_
4	uzpildes	uzpilde	NOUN	ncfsg5	_	O	O	_	_
5	stacijas	stacija	NOUN	ncfpa4	_	O	O	_	_
6	(	(	PUNCT	zq	_	O	O	_	_
7	DUS	DUS	NOUN	y	_	O	O	_	_
8	)	)	PUNCT	zq	_	O	O	_	_
9	visā	viss	DET	pd0fsln	_	O	O	_	_
10	valstī	valsts	NOUN	ncfsl6	_	O	O	_	_
11	.	.	PUNCT	zs	_	O	O	_	_

# sent_id = a-t2-p2s1
# text = Pērn tā atvēra vēl septiņas DUS .
1	Pērn	pērn	ADV	rp	_	O	O	_	_
2	tā	tas	PRON	pd3fsnn	_	O	O	_	_
3	atvēra	atvērt	VERB	vmnist330an	_	O	O	_	_
4	vēl	vēl	ADV	rp	_	O	O	_	_
5	septiņas	septiņi	NUM	mcc0p0	_	O	O	_	_
6	DUS	DUS	NOUN	y	_	O	O	_	_
7	.	.	PUNCT	zs	_	O	O	_	_

"""


def test_ner_scores_a_documents_paragraphs_as_one_article(nlp, tmp_path):
    """As analyze() does: the acronym the first paragraph defines is no name in the second."""
    from lvnews.evaluate.ner import document_of

    assert document_of("a-c12-p51") == "a-c12" and document_of("odd-id") == "odd-id"
    path = tmp_path / "two.conll"
    path.write_text(NER_TWO_PARAGRAPHS, encoding="utf8")
    whole = evaluate_ner(nlp, path)
    assert whole["documents"] == 1 and whole["paragraphs"] == 2
    assert whole["micro"]["pred"] == 0
    alone = evaluate_ner(nlp, path, by_document=False)
    assert alone["documents"] == 2
