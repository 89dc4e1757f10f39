"""Tests for lvnews.article (structure, offset-safe cleaning, HTML extraction)."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lvnews.article import (
    BLOCK_KINDS,
    REMOVED_CHARS,
    Block,
    clean_text,
    extract_html,
    extract_html_metadata,
    split_article,
    to_original,
)

SEED_LIKE = (
    "Izglītība\n"
    "Ventspils. Publicitātes attēls.\n"
    "\n"
    "Pirmais rindkopas teikums. Otrais teikums.\n"
    "\n"
    "Otrā rindkopa turpinās šeit."
)


def spans(text: str) -> list[tuple[str, str]]:
    return [(b.kind, text[b.start : b.end]) for b in split_article(text)]


# --------------------------------------------------------------------------
# split_article
# --------------------------------------------------------------------------


def test_seed_structure_exact_offsets():
    blocks = split_article(SEED_LIKE)
    assert blocks == [
        Block(0, 9, "section"),
        Block(10, 41, "caption"),
        Block(43, 85, "paragraph"),
        Block(87, 115, "paragraph"),
    ]
    assert [SEED_LIKE[b.start : b.end] for b in blocks] == [
        "Izglītība",
        "Ventspils. Publicitātes attēls.",
        "Pirmais rindkopas teikums. Otrais teikums.",
        "Otrā rindkopa turpinās šeit.",
    ]


def test_block_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        split_article(SEED_LIKE)[0].kind = "paragraph"  # type: ignore[misc]


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_input(newline):
    text = SEED_LIKE.replace("\n", newline)
    assert spans(text) == spans(SEED_LIKE)
    blocks = split_article(text)
    if newline == "\r\n":
        assert [(b.start, b.end) for b in blocks] == [(0, 9), (11, 42), (46, 88), (92, 120)]
    for b in blocks:
        assert "\r" not in text[b.start : b.end]


def test_whitespace_only_lines_are_blank():
    text = "Sports\n \u00a0\t\u202f\n  Pirmais teikums.\u00a0\n\t\n\u200b\nOtrais teikums. \t"
    assert spans(text) == [
        ("section", "Sports"),
        ("paragraph", "Pirmais teikums."),
        ("paragraph", "Otrais teikums."),
    ]


@pytest.mark.parametrize("rubric", ["Izglītība", "Sports", "Ekonomika", "Pasaulē", "Nekustamais īpašums", "Dzīve un stils"])
def test_rubrics(rubric):
    text = f"{rubric}\nValdība otrdien lēma par budžetu. Tas tika pieņemts."
    assert spans(text) == [
        ("section", rubric),
        ("paragraph", "Valdība otrdien lēma par budžetu. Tas tika pieņemts."),
    ]


@pytest.mark.parametrize(
    "first_line",
    [
        "Valdība otrdien lēma par jaunu budžetu.",  # a full sentence
        "Kas notiek?",  # final punctuation
        "Rīgas domes deputāti šodien",  # four words
        "sports",  # not capitalized
    ],
)
def test_no_rubric(first_line):
    text = f"{first_line}\n\nTas tika pieņemts ar balsu vairākumu."
    blocks = split_article(text)
    assert blocks[0].kind == "paragraph"
    assert text[blocks[0].start : blocks[0].end] == first_line
    assert all(b.kind == "paragraph" for b in blocks)


def test_rubric_needs_a_line_break_and_is_only_at_the_top():
    assert spans("Sports") == [("paragraph", "Sports")]
    assert spans("Pirmais teikums.\n\nSports\nOtrais teikums.") == [
        ("paragraph", "Pirmais teikums."),
        ("paragraph", "Sports\nOtrais teikums."),
    ]


def test_hard_wrapped_first_line_is_not_a_rubric():
    text = "Rīgas domes\ndeputāti otrdien apstiprināja budžetu."
    assert spans(text) == [("paragraph", text)]


def test_leading_blank_lines_before_rubric():
    text = "\n \n\u00a0Kultūra \nJauna izstāde atklāta Valmierā."
    assert spans(text) == [("section", "Kultūra"), ("paragraph", "Jauna izstāde atklāta Valmierā.")]


CAPTIONS = [
    "Ventspils. Publicitātes attēls.",
    "Foto: LETA",
    "Foto: Edijs Pālens/LETA",
    "Foto - Zane Bitere",
    "Publicitātes foto",
    "Publicitātes foto/Shutterstock",
    "Ekrānšāviņš no twitter.com",
    "Ekrānšāviņš",
    "Attēls: Shutterstock",
    "Ilustratīvs attēls",
    "Ilustratīvs attēls.",
    "Autora foto",
    "Arhīva foto",
    "Ministrs preses konferencē. Foto: LETA",
    "Skolēni pirmajā skolas dienā. Ilustratīvs attēls",
    "Hokeja spēles mirklis | Foto: Kaspars Krafts",
    "Dalībnieki pie Brīvības pieminekļa (Foto: LETA)",
]


@pytest.mark.parametrize("caption", CAPTIONS)
def test_caption_patterns_anywhere(caption):
    text = (
        "Ekonomika\n"
        f"{caption}\n\n"
        "Pirmais teikums par ekonomiku. Otrais teikums.\n"
        f"{caption}\n"
        "Turpinājums pēc attēla, kas ir garāks."
    )
    assert spans(text) == [
        ("section", "Ekonomika"),
        ("caption", caption),
        ("paragraph", "Pirmais teikums par ekonomiku. Otrais teikums."),
        ("caption", caption),
        ("paragraph", "Turpinājums pēc attēla, kas ir garāks."),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Viņš teica, ka foto: tas ir labākais, ko esot redzējis.",
        "Mēs redzējām ilustratīvs attēls un citu.",
        "Foto konkursā piedalījās simts dalībnieku no visas Latvijas, kuri iesūtīja darbus.",
        "Pēc tam viņš rādīja savu darbu, foto - skaistu un krāsainu.",
    ],
)
def test_body_lines_mentioning_photos_are_not_captions(line):
    assert spans("Sākums.\n\n" + line)[-1] == ("paragraph", line)


def test_a_long_line_ending_in_a_credit_is_not_a_caption():
    line = "Garš teikums par notikumiem. " * 12 + "Foto: LETA"
    assert spans(line) == [("paragraph", line)]


def test_single_newlines_split_when_lines_look_like_paragraphs():
    text = (
        "Pirmā rindkopa beidzas ar punktu.\n"
        "„Otrā rindkopa sākas ar pēdiņām,” teica viņš.\n"
        "– Trešā ir dialogs ar domuzīmi!\n"
        "Ceturtā ir salauzta\n"
        "rindā, kas turpinās.\n"
        "Piektā beidzas ar skaitli 5.\n"
        "2024. gadā tā turpinās.\n"
        "Sestā beidzas ar kolu:\n"
        "Septītā sākas pēc kola."
    )
    assert spans(text) == [
        ("paragraph", "Pirmā rindkopa beidzas ar punktu."),
        ("paragraph", "„Otrā rindkopa sākas ar pēdiņām,” teica viņš."),
        ("paragraph", "– Trešā ir dialogs ar domuzīmi!"),
        ("paragraph", "Ceturtā ir salauzta\nrindā, kas turpinās."),
        ("paragraph", "Piektā beidzas ar skaitli 5.\n2024. gadā tā turpinās."),
        ("paragraph", "Sestā beidzas ar kolu:\nSeptītā sākas pēc kola."),
    ]


@pytest.mark.parametrize("text", ["", " ", "\n\n", "\r\n\t \u00a0\u202f\u200b\ufeff\u00ad\n", "\x00\x07\x1b"])
def test_empty_and_blank_text(text):
    assert split_article(text) == []


def test_invisible_characters_do_not_hide_structure():
    text = (
        "\ufeffIzglī\u00adtība\r\nVentspils.\u00a0Publi\u00adcitātes\u00a0attēls.\r\n\r\n"
        "Skolā mā\u00adcīsies\u200b bērni. Otrs.\r\n"
    )
    assert spans(text) == [
        ("section", "Izglī\u00adtība"),
        ("caption", "Ventspils.\u00a0Publi\u00adcitātes\u00a0attēls."),
        ("paragraph", "Skolā mā\u00adcīsies\u200b bērni. Otrs."),
    ]


# --------------------------------------------------------------------------
# clean_text / to_original
# --------------------------------------------------------------------------


def test_clean_text_inside_words_and_offsets():
    original = "Rī\u00adgas\u00a0dome\u200b\u00a0pie\u00adņē\u200dma 5\u202f000 eiro\ufeff\tlēmumu."
    clean, offsets = clean_text(original)
    assert clean == "Rīgas dome pieņēma 5 000 eiro lēmumu."
    assert len(offsets) == len(clean) + 1
    assert offsets[-1] == len(original)

    # "Rīgas" is one word in the clean text and covers the soft hyphen in the original.
    s = clean.index("Rīgas")
    o_start, o_end = to_original(offsets, s, s + len("Rīgas"))
    assert (o_start, o_end) == (0, 6)
    assert original[o_start:o_end] == "Rī\u00adgas"

    s = clean.index("pieņēma")
    o_start, o_end = to_original(offsets, s, s + len("pieņēma"))
    assert original[o_start:o_end] == "pie\u00adņē\u200dma"

    # Same-length replacements keep their position.
    s = clean.index("5 000")
    assert original[slice(*to_original(offsets, s, s + 5))] == "5\u202f000"
    s = clean.index("lēmumu.")
    assert original[slice(*to_original(offsets, s, len(clean)))] == "lēmumu."


def test_removed_characters_at_span_edges_are_left_out():
    original = "\u200bvārds\u00ad"
    clean, offsets = clean_text(original)
    assert clean == "vārds"
    assert to_original(offsets, 0, 5) == (1, 6)
    assert to_original(offsets, 5, 5) == (7, 7)


def test_clean_text_line_breaks_tabs_controls():
    original = "a\r\nb\rc\td\x07e\x0bf\u2028g\u2029h\x85i\n"
    clean, offsets = clean_text(original)
    assert clean == "a\nb\nc d e\nf\ng\nh\ni\n"
    assert [original[i] for i in offsets[:-1]] == [
        "a", "\n", "b", "\r", "c", "\t", "d", "\x07", "e", "\x0b", "f", "\u2028", "g", "\u2029", "h", "\x85", "i", "\n"
    ]


def test_clean_text_plain_text_is_identity():
    text = "Pavisam parasts teksts ar garumzīmēm: ā ē ī ū ķ ļ ņ ģ š č ž.\nOtrā rinda."
    clean, offsets = clean_text(text)
    assert clean == text
    assert offsets == list(range(len(text) + 1))


def test_clean_text_empty():
    assert clean_text("") == ("", [0])
    assert clean_text("\u00ad\u200b") == ("", [2])


def test_to_original_rejects_bad_spans():
    _, offsets = clean_text("abc")
    for start, end in [(-1, 1), (2, 1), (0, 4)]:
        with pytest.raises(ValueError):
            to_original(offsets, start, end)


# --------------------------------------------------------------------------
# Properties over arbitrary Unicode
# --------------------------------------------------------------------------

_SPECIALS = list(
    "\n\n\n\r\t \u00a0\u202f\u00ad\u200b\u200c\u200d\u2060\ufeff\u2028\u2029\x00\x07\x0b\x0c\x85"
    ".!?…:„”«»–-()"
) + ["\r\n", "\u0301", "\u0304", "a\u0304", "👨\u200d👩\u200d👧", "🇱🇻", "Foto: LETA", "Publicitātes attēls.", "Sports\n"]
_WORDS = ["Rīga", "ģimene", "Ķekava", "ļoti", "Ņ", "un", "Valdība", "teica", "2024."]
_unicode_text = st.lists(
    st.one_of(
        st.characters(codec=None),  # any code point but surrogates: marks, emoji, controls...
        st.sampled_from(_SPECIALS),
        st.sampled_from(_WORDS),
    ),
    max_size=80,
).map("".join)


def _blank(ch: str) -> bool:
    import unicodedata

    return ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf")


@settings(max_examples=300, deadline=None)
@given(_unicode_text)
def test_split_article_properties(text):
    blocks = split_article(text)
    prev_end = 0
    covered = set()
    for b in blocks:
        assert b.kind in BLOCK_KINDS
        assert 0 <= b.start < b.end <= len(text)
        assert b.start >= prev_end  # in order, no overlap
        prev_end = b.end
        assert not _blank(text[b.start]) and not _blank(text[b.end - 1])
        covered.update(range(b.start, b.end))
    # Every non-blank character belongs to some block.
    assert all(i in covered for i, ch in enumerate(text) if not _blank(ch))
    assert sum(b.kind == "section" for b in blocks) <= 1
    if blocks and any(b.kind == "section" for b in blocks):
        assert blocks[0].kind == "section"


@settings(max_examples=200, deadline=None)
@given(_unicode_text)
def test_split_of_clean_text_maps_to_split_of_original(text):
    clean, offsets = clean_text(text)
    mapped = [Block(*to_original(offsets, b.start, b.end), b.kind) for b in split_article(clean)]
    assert mapped == split_article(text)


_MAPPED = {"\u00a0": " ", "\u202f": " ", "\t": " ", "\r": "\n", "\u2028": "\n", "\u2029": "\n"}


@settings(max_examples=300, deadline=None)
@given(_unicode_text)
def test_clean_text_properties(text):
    import unicodedata

    clean, offsets = clean_text(text)
    assert len(offsets) == len(clean) + 1
    assert offsets[-1] == len(text)
    assert all(a < b for a, b in zip(offsets, offsets[1:]))  # strictly increasing
    for k, ch in enumerate(clean):
        src = text[offsets[k]]
        assert ch == src or ch == _MAPPED.get(src) or (
            ch == " " and (unicodedata.category(src) in ("Zs", "Cc"))
        ) or (ch == "\n" and src in "\x0b\x0c\x1c\x1d\x1e\x85"), (k, ch, src)
    # What is left out is exactly the removed characters (and the CR of CRLF).
    kept = set(offsets[:-1])
    for i, ch in enumerate(text):
        if i not in kept:
            assert ch in REMOVED_CHARS or (ch == "\r" and text[i + 1 : i + 2] == "\n"), (i, ch)
    assert not any(ch in REMOVED_CHARS or ch in "\r\t\u00a0\u202f" for ch in clean)
    # Any span maps back inside the original, covering the same visible text.
    if clean:
        s, e = 0, len(clean)
        o_s, o_e = to_original(offsets, s, e)
        assert 0 <= o_s < o_e <= len(text)
        assert clean_text(text[o_s:o_e])[0] == clean or text[o_e - 1 : o_e + 1] == "\r\n"


# --------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="lv">
<head>
<meta charset="utf-8">
<title>Ventspilī atklāj jaunu skolu | Ziņu portāls</title>
<meta property="og:title" content="Ventspilī atklāj jaunu skolu">
<meta property="og:url" content="https://zinas.example.lv/izglitiba/ventspili-atklaj-jaunu-skolu">
<meta property="article:published_time" content="2024-09-02T10:15:00+03:00">
<script>var tracking = "izsekošana";</script>
<style>.menu { color: red }</style>
</head>
<body>
<header><nav class="menu"><ul>
<li><a href="/">Sākums</a></li><li><a href="/zinas">Ziņas</a></li><li><a href="/sports">Sports</a></li>
<li><a href="/kultura">Kultūra</a></li><li><a href="/kontakti">Kontakti</a></li>
</ul></nav></header>
<main>
<article>
<h1>Ventspilī atklāj jaunu skolu</h1>
<p class="rubric">Izglītība</p>
<figure><img src="skola.jpg" alt=""><figcaption>Ventspils. Publicitātes attēls.</figcaption></figure>
<p>Pirmdien Ventspilī svinīgi atklāja jaunu pamatskolu, kurā mācīsies vairāk nekā četri simti skolēnu. Ēkas būvniecība ilga divus gadus.</p>
<p>Pilsētas pašvaldība norāda, ka skolā ir plašas klases, sporta zāle un bibliotēka. Projekts tika finansēts no pašvaldības budžeta un Eiropas fondiem.</p>
<p>Skolas direktore stāsta, ka pedagogi ar nepacietību gaidīja pārcelšanos uz jaunajām telpām, jo iepriekšējā ēka bija pārāk šaura.</p>
</article>
</main>
<aside><h2>Populārākie raksti</h2><ul><li><a href="/a1">Cits raksts par laikapstākļiem</a></li>
<li><a href="/a2">Vēl viens raksts par sportu</a></li></ul></aside>
<footer><p>© 2024 Ziņu portāls. Visas tiesības aizsargātas.</p>
<p><a href="/privatums">Privātuma politika</a> | <a href="/sikdatnes">Sīkdatnes</a></p></footer>
</body>
</html>
"""

BODY = [
    "Pirmdien Ventspilī svinīgi atklāja jaunu pamatskolu, kurā mācīsies vairāk nekā četri simti skolēnu. Ēkas būvniecība ilga divus gadus.",
    "Pilsētas pašvaldība norāda, ka skolā ir plašas klases, sporta zāle un bibliotēka. Projekts tika finansēts no pašvaldības budžeta un Eiropas fondiem.",
    "Skolas direktore stāsta, ka pedagogi ar nepacietību gaidīja pārcelšanos uz jaunajām telpām, jo iepriekšējā ēka bija pārāk šaura.",
]
BOILERPLATE = ["Sākums", "Kontakti", "Populārākie", "Privātuma", "Sīkdatnes", "tiesības", "tracking", "izsekošana", "color"]


def test_extract_html_main_text_without_menu():
    text = extract_html(PAGE)
    paragraphs = text.split("\n\n")
    for para in BODY:
        assert para in paragraphs
    for word in BOILERPLATE:
        assert word not in text
    assert "Ventspilī atklāj jaunu skolu" not in text  # the title is metadata
    # The extracted text splits into a rubric and the body paragraphs.
    assert spans(text) == [("section", "Izglītība")] + [("paragraph", p) for p in BODY]


def test_extract_html_structure():
    html = (
        "<html><head><title>Budžets</title></head><body><nav><a href='/'>Sākums</a></nav><article>"
        "<p>Valdība otrdien apstiprināja nākamā gada budžetu, kas paredz lielākus izdevumus "
        "aizsardzībai un <b>veselībai</b> <i>nākamgad</i>.<br>Opozīcija to kritizē.</p>"
        "<ul><li>Aizsardzībai – 3% no IKP.</li><li>Veselībai – 1,2 miljardi eiro.</li></ul>"
        "<table><tr><th>Nozare</th><th>Milj. eiro</th></tr><tr><td>Izglītība</td><td>900</td></tr></table>"
        "<p>Budžets vēl jāapstiprina Saeimā, kur par to balsos novembra beigās.</p>"
        "</article><footer>Kājene</footer></body></html>"
    )
    assert extract_html(html).split("\n\n") == [
        "Valdība otrdien apstiprināja nākamā gada budžetu, kas paredz lielākus izdevumus "
        "aizsardzībai un veselībai nākamgad.\nOpozīcija to kritizē.",
        "Aizsardzībai – 3% no IKP.",
        "Veselībai – 1,2 miljardi eiro.",
        "Nozare | Milj. eiro",
        "Izglītība | 900",
        "Budžets vēl jāapstiprina Saeimā, kur par to balsos novembra beigās.",
    ]


def test_extract_html_metadata():
    meta = extract_html_metadata(PAGE)
    assert meta["title"] == "Ventspilī atklāj jaunu skolu"
    assert meta["date"] == "2024-09-02"
    assert meta["url"] == "https://zinas.example.lv/izglitiba/ventspili-atklaj-jaunu-skolu"
    assert all(isinstance(v, str) and v for v in meta.values())


def test_extract_html_empty():
    assert extract_html("") == ""
    assert extract_html("   \n") == ""
    assert extract_html_metadata("") == {}


def test_extract_html_falls_back_to_visible_text(monkeypatch):
    import trafilatura

    monkeypatch.setattr(trafilatura, "extract", lambda *args, **kwargs: None)
    html = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        "<html><head><title>Virsraksts</title><style>p {}</style></head><body>"
        "<nav><a href='/'>Sākums</a></nav>"
        "<div>Pirmā rindkopa ar <b>treknu</b> vārdu.<br>Otrā rinda.</div>"
        "<p>Otrā   rindkopa.</p><script>var x = 1;</script>"
        "<p hidden>Slēpts</p><p style='display: none'>Arī slēpts</p><!-- komentārs -->"
        "<footer>Kājene</footer></body></html>"
    )
    assert extract_html(html) == "Pirmā rindkopa ar treknu vārdu.\nOtrā rinda.\n\nOtrā rindkopa."
    # With nothing but boilerplate, that is what is left.
    assert extract_html("<html><body><nav>Tikai izvēlne</nav></body></html>") == "Tikai izvēlne"


def test_extract_html_keeps_body_text_right_after_the_title_heading():
    # trafilatura gives <main><head>title</head>body text</main>: the text is the heading's tail.
    html = (
        "<html><head><title>Ventspilī atklāj skolu</title></head><body><h1>Ventspilī atklāj skolu</h1>"
        "Pirmdien Ventspilī svinīgi atklāja jaunu pamatskolu. Ēkas būvniecība ilga divus gadus.</body></html>"
    )
    assert extract_html(html) == "Pirmdien Ventspilī svinīgi atklāja jaunu pamatskolu. Ēkas būvniecība ilga divus gadus."


# Inputs in which trafilatura finds no main text, so that extract_html takes their visible text.
NOT_FOR_TRAFILATURA = {
    "<p>Īsa ziņa bez lapas.</p>": "Īsa ziņa bez lapas.",
    "Tikai teksts bez tagiem.": "Tikai teksts bez tagiem.",
    '<?xml version="1.0" encoding="utf-8"?>\n<div>Pirmā rinda.<br>Otrā rinda.</div>': "Pirmā rinda.\nOtrā rinda.",
    "<html><body><footer><p>Tikai kājene.</p></footer></body></html>": "Tikai kājene.",
    "<html><body><aside><p>Tikai sānjosla.</p></aside></body></html>": "Tikai sānjosla.",
}


@pytest.mark.parametrize("html, text", NOT_FOR_TRAFILATURA.items())
def test_extract_html_reads_fragments_and_boilerplate_only_pages(html, text):
    assert extract_html(html) == text


@pytest.mark.parametrize("html", NOT_FOR_TRAFILATURA)
def test_trafilatura_own_fallbacks_find_nothing_there(html):
    # Why article.py walks the tree itself (_extract_with_lxml): should this fail, a newer
    # trafilatura reads these inputs, and its own fallback may replace the walker.
    import trafilatura

    assert trafilatura.extract(html) is None
    assert trafilatura.baseline(html)[1] == ""
    assert trafilatura.html2txt(html) == ""
