"""Tokenizer conventions of the Latvian treebank (LVTB / UD)."""

from __future__ import annotations

import pytest
import spacy

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
