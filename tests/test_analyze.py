"""Article analysis through the real pipeline: the record contract end to end."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lvnews
from lvnews.records import Article

TEXT = ("Ekonomika\nFoto: LETA\n\nRīgas domes priekšsēdētājs Jānis Bērziņš šodien tikās ar Latvijas Bankas "
        "pārstāvjiem. Jāņa Bērziņa birojs pastāstīja, ka sarunas notika Ventspilī.\n\n"
        "Biedrība apvieno vairāk nekā 300 biedrus no 12 novadiem.")


def check_offsets(article: Article) -> None:
    text = article.text
    for sent in article.sentences:
        assert 0 <= sent.start <= sent.end <= len(text)
        for tok in sent.tokens:
            assert text[tok.start:tok.end] == tok.text
    for ent in article.entities:
        assert text[ent.start:ent.end] == ent.text
    for fact in article.facts:
        assert text[fact.start:fact.end] == fact.text
    for para in article.paragraphs:
        assert 0 <= para.start < para.end <= len(text)


def test_structure_and_offsets(analyzer):
    article = analyzer.analyze(TEXT, id="t1", metadata={"url": "https://example.lv/a"})
    assert article.id == "t1" and article.language == "lv"
    assert article.section == "Ekonomika"
    assert article.captions == ["Foto: LETA"]
    assert len(article.paragraphs) == 2
    assert article.metadata == {"url": "https://example.lv/a"}
    assert article.meta["lvnews_version"] == lvnews.__version__
    assert article.meta["model"]["name"]
    # captions and rubric are not parsed as body sentences
    assert all(s.start >= TEXT.index("Rīgas") for s in article.sentences)
    check_offsets(article)
    ids = [e.id for e in article.entities]
    assert ids == [f"e{i}" for i in range(1, len(ids) + 1)]


def test_person_names_get_base_form_in_every_case(analyzer):
    article = analyzer.analyze(TEXT)
    persons = {e.text: e.canonical for e in article.entities if e.label == "PERSON"}
    assert persons.get("Jānis Bērziņš") == "Jānis Bērziņš"
    assert persons.get("Jāņa Bērziņa") == "Jānis Bērziņš"


def test_tokens_carry_morphology(analyzer):
    article = analyzer.analyze("Pilsētas dome šodien apstiprināja jauno budžetu.")
    tokens = article.sentences[0].tokens
    by_text = {t.text: t for t in tokens}
    assert by_text["dome"].pos == "NOUN" and by_text["dome"].lemma == "dome"
    assert "Case=Nom" in by_text["dome"].morph
    assert by_text["apstiprināja"].lemma == "apstiprināt"
    assert by_text["apstiprināja"].pos == "VERB"
    assert sum(1 for t in tokens if t.dep.lower() == "root") == 1


def test_json_roundtrip(analyzer):
    article = analyzer.analyze(TEXT)
    data = json.loads(article.model_dump_json())
    assert Article.model_validate(data) == article
    assert {"id", "language", "language_score", "text", "section", "captions", "paragraphs", "sentences",
            "entities", "facts", "meta"} <= set(data)


def test_analyze_many_streams_every_input_shape(analyzer):
    items = ["Rīgā līst.", {"id": "b", "text": "Valmierā snieg."}, {"id": "c", "text": "Cēsīs saulains.", "url": "u"}]
    out = list(analyzer.analyze_many(items, batch_size=2))
    assert [a.id for a in out] == [None, "b", "c"]
    assert out[2].metadata == {"url": "u"}
    assert all(a.sentences for a in out)


def test_analyze_many_as_tuples_is_spacy_order(analyzer):
    pairs = [("Rīgā līst.", {"n": 1}), ({"id": "b", "text": "Valmierā snieg."}, "ctx")]
    out = list(analyzer.analyze_many(pairs, as_tuples=True))
    assert [(a.text, a.id, ctx) for a, ctx in out] == [("Rīgā līst.", None, {"n": 1}),
                                                       ("Valmierā snieg.", "b", "ctx")]
    with pytest.raises(TypeError, match="as_tuples=True takes"):
        list(analyzer.analyze_many(["Rīgā līst."], as_tuples=True))


def test_a_bare_tuple_is_refused_not_guessed(analyzer):
    # spaCy's (text, context) and an (id, text) pair look alike: guessing would analyse the id.
    with pytest.raises(TypeError, match="as_tuples=True"):
        list(analyzer.analyze_many([("Valmierā snieg.", "ctx")]))


@pytest.mark.parametrize("given", ["LV", " lv ", "Lv"])
def test_force_language_is_normalised(analyzer, given):
    article = analyzer.analyze("Rīgā līst.", force_language=given)
    assert article.language == "lv" and article.sentences


@pytest.mark.parametrize("given", ["latvian", "", "l", 7])
def test_force_language_that_is_no_code_is_refused(analyzer, given):
    with pytest.raises((ValueError, TypeError), match="force_language"):
        analyzer.analyze("Rīgā līst.", force_language=given)


def test_shared_analyzer_is_one_per_model():
    from lvnews.analyzer import model_path, shared_analyzer

    assert shared_analyzer() is shared_analyzer(model_path()) is shared_analyzer(str(model_path()))


def test_module_level_analyze_is_shared():
    first = lvnews.analyze("Liepājā atvērta jauna skola.")
    assert first.language == "lv" and first.sentences


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t "])
def test_empty_text_gives_valid_empty_record(analyzer, text):
    article = analyzer.analyze(text)
    assert article.text == text
    assert article.sentences == [] and article.entities == [] and article.facts == []


@pytest.mark.parametrize("bad", [None, 42, ["Rīga"], {"text": "x"}])
def test_non_text_raises_type_error(analyzer, bad):
    with pytest.raises(TypeError, match="text must be str"):
        analyzer.analyze(bad)


def test_bytes_are_decoded_or_rejected(analyzer):
    assert analyzer.analyze("Rīga ir galvaspilsēta.".encode()).language == "lv"
    with pytest.raises(ValueError, match="not valid UTF-8"):
        analyzer.analyze(b"\xff\xfe\x00garbage\xc3")


def test_other_languages_get_no_latvian_analysis(analyzer):
    ru = analyzer.analyze("Правительство Латвии утвердило новый бюджет на следующий год, сообщили в министерстве.")
    assert ru.language == "ru" and ru.sentences == [] and ru.entities == []
    forced = analyzer.analyze("Правительство Латвии утвердило новый бюджет.", force_language="lv")
    assert forced.language == "lv" and forced.sentences


def test_foreign_quote_paragraph_is_marked(analyzer):
    text = ("Rīgas dome šodien apstiprināja jauno budžetu nākamajam gadam, pastāstīja domes pārstāve.\n\n"
            "Мы очень рады, что бюджет наконец утвержден и работа может продолжаться дальше.\n\n"
            "Budžets paredz lielākus izdevumus izglītībai un veselības aprūpei.")
    article = analyzer.analyze(text)
    assert [p.language for p in article.paragraphs] == ["lv", "ru", "lv"]
    russian = article.paragraphs[1]
    assert not any(russian.start <= s.start < russian.end for s in article.sentences)


def test_binary_garbage_and_long_runs_do_not_crash(analyzer):
    garbage = bytes(range(256)).decode("latin-1") * 20
    check_offsets(analyzer.analyze(garbage, force_language="lv"))
    nospace = "ā" * 200_000
    article = analyzer.analyze(nospace, force_language="lv")
    assert "".join(t.text for s in article.sentences for t in s.tokens) == nospace


def test_html_input(analyzer):
    html = ("<html><head><title>Ziņas</title></head><body><nav><a href='/'>Sākums</a> <a href='/s'>Sports</a></nav>"
            "<article><h1>Jauna skola Ogrē</h1><p>Ogres novada pašvaldība šodien atklāja jaunu skolu, kurā mācīsies "
            "vairāk nekā 500 skolēnu.</p><p>Skolas direktore Anna Liepa pateicās būvniekiem par darbu.</p></article>"
            "<footer>Visas tiesības aizsargātas</footer></body></html>")
    article = analyzer.analyze_html(html)
    assert "Ogres novada pašvaldība" in article.text
    assert "Visas tiesības" not in article.text
    assert article.sentences


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300))
def test_offsets_hold_for_arbitrary_unicode(analyzer, text):
    check_offsets(analyzer.analyze(text, force_language="lv"))


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(["Rīga", "Valmierā", "\u00ad", "\u200b", "\u00a0", "e\u0301", "😀", "\t", "\r\n",
                                 "Jānis Bērziņš", "77 pilsētas", ".", ",", "„", "”", " ", "\n\n", "2016.", "gadā"]),
                max_size=40))
def test_offsets_hold_for_latvian_with_odd_characters(analyzer, parts):
    check_offsets(analyzer.analyze("".join(parts), force_language="lv"))


def test_published_anchors_relative_times(analyzer):
    text = "Vakar Rīgā notika sapulce. 2019. gada 15. martā pieņemtais lēmums šodien stājas spēkā."
    article = analyzer.analyze(text, metadata={"published": "2026-11-25"})
    assert article.published == "2026-11-25"
    assert [(t.text, t.value) for t in article.times] == [
        ("Vakar", "2026-11-24"), ("2019. gada 15. martā", "2019-03-15"), ("šodien", "2026-11-25")]
    assert all(article.text[t.start:t.end] == t.text for t in article.times)
    undated = analyzer.analyze(text)
    assert undated.published is None and [t.value for t in undated.times] == [None, "2019-03-15", None]


def test_html_page_date_is_the_published_date(analyzer):
    html = ('<html><head><meta property="article:published_time" content="2026-11-20"><title>Skola</title>'
            '</head><body><article><p>Pērn Valmierā atvēra skolu, bet vakar to slēdza pēc ilgām diskusijām '
            'ar vecākiem un pašvaldību.</p></article></body></html>')
    article = analyzer.analyze_html(html, metadata={"title": "mans"})
    assert article.published == "2026-11-20" and article.metadata["title"] == "mans"
    assert [(t.text, t.value) for t in article.times] == [("Pērn", "2025"), ("vakar", "2026-11-19")]
