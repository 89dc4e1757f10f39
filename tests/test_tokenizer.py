"""Tokenizer conventions of the Latvian treebank (LVTB / UD)."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest
import spacy
from spacy.symbols import ORTH

from lvnews.tokenizer import LatvianTokenizer


@pytest.fixture(scope="module")
def tokenize():
    tok = LatvianTokenizer(spacy.blank("lv").vocab)
    return lambda text: [t.text for t in tok(text) if not t.is_space]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2016. gadā pilsēta auga.", ["2016.", "gadā", "pilsēta", "auga", "."]),
        ("Tas notika 2011.gadā.", ["Tas", "notika", "2011.", "gadā", "."]),
        ("Sēde būs 15. maijā.", ["Sēde", "būs", "15.", "maijā", "."]),
        ("Cena pieauga par 5. Tas ir daudz.", ["Cena", "pieauga", "par", "5", ".", "Tas", "ir", "daudz", "."]),
        ("Pilsētā dzīvo 20 000 cilvēku.", ["Pilsētā", "dzīvo", "20 000", "cilvēku", "."]),
        ("Budžets ir 3 250 007 eiro.", ["Budžets", "ir", "3 250 007", "eiro", "."]),
        ("Inflācija bija 3,7% gadā.", ["Inflācija", "bija", "3,7", "%", "gadā", "."]),
        ("Bilete maksā 5 €.", ["Bilete", "maksā", "5", "€", "."]),
        ("Ābeles, bumbieres u.c.", ["Ābeles", ",", "bumbieres", "u.c."]),
        ("Tostarp t.sk. bērni, pieaugušie utt.", ["Tostarp", "t.sk.", "bērni", ",", "pieaugušie", "utt."]),
        ("Sākums plkst. 10.", ["Sākums", "plkst.", "10", "."]),
        ("Runāja J.Visockis un prof. A. Kalniņš.", ["Runāja", "J.", "Visockis", "un", "prof.", "A.", "Kalniņš", "."]),
        ("Lēmums Nr. 5 stājas spēkā.", ["Lēmums", "Nr.", "5", "stājas", "spēkā", "."]),
        ("Vai tiešām?!", ["Vai", "tiešām", "?!"]),
        ("Viņa teica: „Labi” un aizgāja.", ["Viņa", "teica", ":", "„", "Labi", "”", "un", "aizgāja", "."]),
        ("Rīga – galvaspilsēta.", ["Rīga", "–", "galvaspilsēta", "."]),
        ("Vīķe-Freiberga un e-pasts.", ["Vīķe-Freiberga", "un", "e-pasts", "."]),
        ("Skat. www.example.lv vai https://example.lv/a?b=1 tagad.",
         ["Skat", ".", "www.example.lv", "vai", "https://example.lv/a?b=1", "tagad", "."]),
        ("Raksti uz info@example.lv šodien.", ["Raksti", "uz", "info@example.lv", "šodien", "."]),
        ("Kurss ir 1,5 reizes augstāks.", ["Kurss", "ir", "1,5", "reizes", "augstāks", "."]),
        ("48. Noteikumi stājas spēkā.", ["48.", "Noteikumi", "stājas", "spēkā", "."]),
        ("Gadi 3-4 bija grūti.", ["Gadi", "3", "-", "4", "bija", "grūti", "."]),
    ],
)
def test_lvtb_conventions(tokenize, text, expected):
    assert tokenize(text) == expected


def test_offsets_are_exact(tokenize):
    tok = LatvianTokenizer(spacy.blank("lv").vocab)
    text = "Pilsētā dzīvo 20 000 cilvēku, 2011.gadā – vairāk."
    for t in tok(text):
        assert text[t.idx : t.idx + len(t.text)] == t.text


def test_long_text_without_spaces_is_bounded(tokenize):
    words = tokenize("ā" * 50_000)
    assert "".join(words) == "ā" * 50_000


# Serialization: the rules travel with the model (issue #14).

# Abbreviations, initials, ordinals, URLs in capitals (the URL pattern's flag
# must survive), e-mail, thousands groups, dashes and quotes.
VARIED_TEXT = (
    "Rīkotāji prof. J.Bērziņš un Dž. Kalniņa 2019.gadā, t.i., 15. maijā plkst. 10.30 atklāja "
    "izstādi „Rīga – 800” (sk. WWW.RIGA.LV vai HTTPS://Example.LV/Par?id=5, "
    "e-pasts INFO@RIGA.LV). Biļetes maksā 5 €, apmeklētāju bija 20 000, "
    "t.sk. 3 250 bērni u.c. Vīķe-Freiberga teica: \"Labi!\" — un aizgāja. "
    "Skaits pieauga par 7. Tas ir daudz?! Sk. Nr. 5, 2.-4. lpp."
)


def _tokens(tok: LatvianTokenizer, text: str = VARIED_TEXT) -> list[tuple[str, int, str]]:
    return [(t.text, t.idx, t.whitespace_) for t in tok(text)]


def _patterns(tok: LatvianTokenizer) -> dict[str, tuple[str, int] | None]:
    """Each regex of the base tokenizer with its flags: what a round trip must keep."""
    names = ("prefix_search", "suffix_search", "infix_finditer", "token_match", "url_match")
    found = {}
    for name in names:
        bound = getattr(tok.base, name)
        found[name] = None if bound is None else (bound.__self__.pattern, bound.__self__.flags)
    return found


def _stripped(vocab) -> LatvianTokenizer:
    """A tokenizer whose code rules are gone, so only what it loads can tokenize well."""
    tok = LatvianTokenizer(vocab)
    tok.base.rules = {}
    tok.base.prefix_search = tok.base.suffix_search = tok.base.infix_finditer = tok.base.url_match = None
    return tok


def test_varied_text_exercises_the_rules():
    tokens = [t for t, _, _ in _tokens(LatvianTokenizer(spacy.blank("lv").vocab))]
    for expected in ("prof.", "J.", "Dž.", "2019.", "t.i.", "WWW.RIGA.LV", "HTTPS://Example.LV/Par?id=5",
                     "INFO@RIGA.LV", "20 000", "–", "—", "„", "”", "u.c.", "Vīķe-Freiberga", "?!"):
        assert expected in tokens


def test_disk_round_trip(tmp_path):
    saved = LatvianTokenizer(spacy.blank("lv").vocab)
    saved.to_disk(tmp_path / "tokenizer", exclude=["vocab"])
    loaded = _stripped(spacy.blank("lv").vocab).from_disk(tmp_path / "tokenizer", exclude=["vocab"])
    assert _patterns(loaded) == _patterns(saved)
    assert _tokens(loaded) == _tokens(saved)


def test_bytes_round_trip():
    saved = LatvianTokenizer(spacy.blank("lv").vocab)
    loaded = _stripped(spacy.blank("lv").vocab).from_bytes(saved.to_bytes())
    assert _patterns(loaded) == _patterns(saved)
    assert _tokens(loaded) == _tokens(saved)


def test_a_saved_rule_outlives_the_code(tmp_path):
    saved = LatvianTokenizer(spacy.blank("lv").vocab)
    saved.base.add_special_case("pārv.", [{ORTH: "pārv."}])
    saved.to_disk(tmp_path / "tokenizer")
    fresh = LatvianTokenizer(spacy.blank("lv").vocab)
    text = "Sēdi vadīja pārv. priekšsēdētājs."
    assert "pārv." not in [t.text for t in fresh(text)]
    for loaded in (fresh.from_disk(tmp_path / "tokenizer"),
                   LatvianTokenizer(spacy.blank("lv").vocab).from_bytes(saved.to_bytes())):
        assert [t.text for t in loaded(text)] == ["Sēdi", "vadīja", "pārv.", "priekšsēdētājs", "."]


def test_old_layout_loads_with_the_code_rules(tmp_path):
    folder = tmp_path / "tokenizer"
    folder.mkdir()
    (folder / "rules.txt").write_text("lvnews.LatvianTokenizer rules are defined in code\n", encoding="utf8")
    code = LatvianTokenizer(spacy.blank("lv").vocab)
    assert _tokens(LatvianTokenizer(spacy.blank("lv").vocab).from_disk(folder)) == _tokens(code)
    assert _tokens(LatvianTokenizer(spacy.blank("lv").vocab).from_bytes(b"")) == _tokens(code)


LVNEWS_CONFIG = {"nlp": {"tokenizer": {"@tokenizers": "lvnews.Tokenizer.v1"},
                         "after_creation": {"@callbacks": "lvnews.latvian_affixes.v1"}}}
FEATURE_TEXT = VARIED_TEXT + " J. Bērziņš, J.Bērziņš. Brīvības ielā."


def _features(nlp: spacy.Language) -> list[tuple[str, str, str, str]]:
    """What the networks read of each token besides its text."""
    return [(t.text, t.prefix_, t.suffix_, t.norm_) for t in nlp(FEATURE_TEXT)]


@pytest.fixture(scope="module")
def saved_pipelines(tmp_path_factory) -> dict[str, Path]:
    """A pipeline like the shipped model's, saved now and as before the rules were saved."""
    folder = tmp_path_factory.mktemp("pipelines")
    spacy.blank("lv", config=LVNEWS_CONFIG).to_disk(folder / "new")
    shutil.copytree(folder / "new", folder / "old")
    shutil.rmtree(folder / "old" / "tokenizer")
    (folder / "old" / "tokenizer").mkdir()
    (folder / "old" / "tokenizer" / "rules.txt").write_text("rules are defined in code\n", encoding="utf8")
    return {"new": folder / "new", "old": folder / "old"}


def test_a_pipeline_loads_as_it_did_with_rules_in_code(saved_pipelines):
    # A pipeline built from its config makes the special cases' lexemes before
    # lvnews's PREFIX and SUFFIX (nlp.after_creation); loaded with the rules in
    # code, the special cases kept those and every other token got the longer
    # ones.  Loaded rules must give the same features.
    new = _features(spacy.load(saved_pipelines["new"]))
    assert ("J.", "J", "J.", "j.") in new and ("J.", "J.", "J.", "j.") in new  # a special case, a prefix
    assert new == _features(spacy.load(saved_pipelines["old"]))


def test_a_pickled_pipeline_tokenizes_as_the_loaded_one(saved_pipelines):
    # A process pool's worker gets the pipeline pickled.
    nlp = spacy.load(saved_pipelines["new"])
    assert _features(pickle.loads(pickle.dumps(nlp))) == _features(nlp)
