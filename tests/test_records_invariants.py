"""Records keep their promises on messy text, from every entry point.

Scraped news has double spaces, hard-wrapped lines, tabs, no-break and zero-width
spaces. Whatever the whitespace, each sentence must be one tree, no span may start
or end with whitespace, and sentence indices must index the record's sentences
(``lvnews.invariants.record_problems``). The sentences below are written for these
tests.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lvnews.article import chunks_of, clean_text, split_article, squeeze_whitespace, to_original
from lvnews.convert import make_tree
from lvnews.invariants import record_problems, tree_problems

SENTENCES = [
    "Rīgas domes priekšsēdētājs Jānis Bērziņš vakar tikās ar Latvijas Bankas pārstāvjiem un apsprieda budžetu.",
    "Biedrība „Zaļā Daugava” apvieno 120 biedrus no 14 novadiem.",
    "Valmierā atvērta jauna skola, kurā mācīsies aptuveni 25\u00a0000 skolēnu.",
    "Konkurences padome (KP) sākusi pārbaudi pret trim degvielas tirgotājiem.",
    "Ministre Anna Kalniņa paziņoja, ka projekts izmaksās 3,5 miljonus eiro.",
    "Ventspils pilsēta 2016. gadā pievienojās starptautiskajam tīklam.",
    "Liepājā un Cēsīs otrdien lija, bet Daugavpilī spīdēja saule.",
    "KP vadītājs skaidroja, ka pārbaude ilgs vismaz trīs mēnešus.",
]
# What scraped text puts between two words.
GAPS = [" ", "  ", "\n", " \n ", "\t", "\u00a0", "\u200b ", " \u200b", "\u2009", "\r\n", " \t\u00a0"]


def messy(sentences: list[str], gaps: list[str]) -> str:
    """The sentences with every space replaced by the next gap, paragraphs by blank lines."""
    out, k = [], 0
    for sentence in sentences:
        words = sentence.split(" ")
        piece = words[0]
        for word in words[1:]:
            piece += gaps[k % len(gaps)] + word
            k += 1
        out.append(piece)
    return " \n\n\t".join(out) + "\n"


FIXED_MESSY = messy(SENTENCES, GAPS)


def assert_sound(record) -> None:  # noqa: ANN001
    problems = record_problems(record)
    assert not problems, "\n".join(problems[:20])


# -- the pure pieces ----------------------------------------------------------

@pytest.mark.parametrize("heads", [[0, 0, 1], [1, 1, 1, 2], [2, 0, 2]])
def test_make_tree_keeps_a_tree(heads):
    assert make_tree(heads, ["x"] * len(heads))[0] == heads


@pytest.mark.parametrize("heads", [
    [0, 1, 1],        # two roots
    [1, 2, 0],        # a cycle, no root
    [0, 2, 1],        # a root and a cycle beside it
    [0, 5, -1],       # heads outside the sentence
])
def test_make_tree_repairs(heads):
    fixed, deps = make_tree(heads, ["x"] * len(heads))
    assert tree_problems(fixed) == []
    assert [d for i, d in enumerate(deps) if fixed[i] == i] == ["ROOT"]
    assert make_tree([], []) == ([], [])


@given(st.lists(st.integers(min_value=-2, max_value=12), min_size=1, max_size=12))
def test_make_tree_always_gives_one_tree(heads):
    fixed, deps = make_tree(heads, ["nsubj"] * len(heads))
    assert tree_problems(fixed) == []
    assert sum(d == "ROOT" for d in deps) == 1


@given(st.lists(st.sampled_from(["Rīga", "un", "25", "000", "x.", *GAPS]), max_size=30))
def test_chunks_map_every_character_back(parts):
    text = "".join(parts)
    for block in split_article(text):
        for chunk in chunks_of(text, block):
            assert chunk.text == " ".join(chunk.text.split())  # single-spaced, trimmed
            for word_start in [i for i, ch in enumerate(chunk.text) if ch != " " and (i == 0 or chunk.text[i - 1] == " ")]:
                s, _ = chunk.to_original(word_start, word_start + 1)
                assert not text[s].isspace()


def test_squeeze_whitespace_composes_offsets():
    text = "  Rīga\u00a0 un\n\tCēsis\u200b  x "
    clean, offsets = squeeze_whitespace(*clean_text(text))
    assert clean == "Rīga un Cēsis x"
    s, e = to_original(offsets, clean.index("Cēsis"), clean.index("Cēsis") + 5)
    assert text[s:e] == "Cēsis"


# -- the API --------------------------------------------------------------------

def test_hard_wrapped_sentence_is_one_tree(analyzer):
    text = ("Rīgas domes priekšsēdētājs Jānis Bērziņš vakar tikās ar\n"
            "Latvijas Bankas pārstāvjiem un apsprieda budžetu.\n")
    article = analyzer.analyze(text)
    assert_sound(article)
    assert len(article.sentences) == 1
    tokens = article.sentences[0].tokens
    assert sum(t.head == i for i, t in enumerate(tokens)) == 1
    assert tokens[-1].text == "." and tokens[tokens[-1].head].text == "tikās"


def test_fixed_messy_article_is_sound(analyzer):
    article = analyzer.analyze(FIXED_MESSY)
    assert_sound(article)
    assert len(article.sentences) >= len(SENTENCES)
    assert {"Jānis Bērziņš", "Valmiera"} <= {e.canonical for e in article.entities}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4),
       st.lists(st.sampled_from(GAPS), min_size=1, max_size=8))
def test_any_whitespace_gives_sound_records(analyzer, sentences, gaps):
    assert_sound(analyzer.analyze(messy(sentences, gaps)))


# -- article-level rules across paragraphs ----------------------------------------

def test_acronym_defined_in_one_paragraph_is_known_in_a_later_one(analyzer):
    later = "Uzņēmums TAP procesā atrodas jau otro gadu, un TAP termiņš beigsies rudenī."
    # Alone, the paragraph's capitals read as an organisation ...
    assert [e.label for e in analyzer.analyze(later).entities if e.text == "TAP"] == ["ORG", "ORG"]
    # ... but the article spelled it out in lower case two paragraphs before: a common noun.
    text = ("Uzņēmumam pasludināts tiesiskās aizsardzības process (TAP).\n\n"
            "Valmierā otrdien lija.\n\n" + later)
    assert not [e for e in analyzer.analyze(text).entities if e.text == "TAP"]


def test_bare_reference_resolves_to_a_network_named_in_an_earlier_paragraph(analyzer):
    text = ("Ventspils ir uzņemta UNESCO Izglītības pilsētu tīklā.\n\n"
            "Tīklā tagad ir 294 pilsētas no 76 valstīm.")
    article = analyzer.analyze(text)
    counts = [f for f in article.facts if f.type == "member_count"]
    assert counts and counts[-1].organization.canonical == "UNESCO Izglītības pilsētu tīkls"


# -- the other entry points -----------------------------------------------------------

def lvnews_cli(*args: str, stdin: str | None = None) -> str:
    done = subprocess.run([sys.executable, "-m", "lvnews.cli", *args], input=stdin, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.slow
def test_cli_analyze_json_is_sound(tmp_path):
    path = tmp_path / "messy.txt"
    path.write_text(FIXED_MESSY, encoding="utf-8")
    assert_sound(json.loads(lvnews_cli("analyze", "--format", "json", str(path))))


@pytest.mark.slow
def test_annotate_jsonl_and_parallel_analysis_are_sound(tmp_path, analyzer):
    source = tmp_path / "in.jsonl"
    rows = [{"id": f"a{n}", "text": messy(SENTENCES[n:] + SENTENCES[:n], GAPS[n:] + GAPS[:n])} for n in range(3)]
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    lvnews_cli("annotate", str(source), "-o", str(out), "--quiet")
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 3
    for record in records:
        assert_sound(record)
    for article in analyzer.analyze_many([{"id": r["id"], "text": r["text"]} for r in rows], n_process=2):
        assert_sound(article)


@pytest.mark.slow
def test_service_records_are_sound():
    pytest.importorskip("uvicorn")
    httpx = pytest.importorskip("httpx")
    from lvnews.service.process import ServerProcess

    server = ServerProcess([], env={"LVNEWS_API_KEY": "", "LVNEWS_ACCESS_LOG": "0"}).start()
    try:
        reply = httpx.post(server.url + "/v1/analyze", json={"text": FIXED_MESSY}, timeout=120)
        assert reply.status_code == 200, reply.text
        assert_sound(reply.json())
    finally:
        server.stop()


@pytest.mark.slow
def test_dask_records_are_sound():
    dask = pytest.importorskip("dask")
    import dask.bag as db

    from lvnews.distributed import annotate_bag

    bag = db.from_sequence([{"id": "m1", "text": FIXED_MESSY}], npartitions=1)
    with dask.config.set(scheduler="synchronous"):
        (record,) = annotate_bag(bag).compute()
    assert_sound(record)
