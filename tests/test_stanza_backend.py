"""Stanza backend: the converter on a Stanza Document read from CoNLL-U (no models needed),
and the full backend when the official Latvian models are present."""

from __future__ import annotations

import pytest

stanza = pytest.importorskip("stanza", reason="the stanza extra is not installed (pip install 'lvnews[stanza]')")

from lvnews.stanza_backend import doc_from_stanza, stanza_resources_dir  # noqa: E402

TEXT = "  Jānis strādā Rīgā.\n\nViņš ir ārsts."
ROWS = [  # form, lemma, upos, xpos, feats, head, deprel
    [("Jānis", "Jānis", "PROPN", "npmsn2", "Case=Nom|Gender=Masc|Number=Sing", 2, "nsubj"),
     ("strādā", "strādāt", "VERB", "vmnipt330an", "Mood=Ind|Person=3", 0, "root"),
     ("Rīgā", "Rīga", "PROPN", "npfsl4", "Case=Loc|Gender=Fem|Number=Sing", 2, "obl:loc"),
     (".", ".", "PUNCT", "zs", "_", 2, "punct")],
    [("Viņš", "viņš", "PRON", "pp3msnn", "Case=Nom", 3, "nsubj"),
     ("ir", "būt", "AUX", "vcnipii30an", "Mood=Ind", 3, "cop"),
     ("ārsts", "ārsts", "NOUN", "ncmsn1", "Case=Nom|Gender=Masc|Number=Sing", 0, "root"),
     (".", ".", "PUNCT", "zs", "_", 3, "punct")],
]


def conllu_with_offsets() -> str:
    """CoNLL-U whose MISC carries Stanza's character offsets into TEXT."""
    out, pos = [], 0
    for sent in ROWS:
        for i, (form, lemma, upos, xpos, feats, head, rel) in enumerate(sent, start=1):
            start = TEXT.index(form, pos)
            pos = start + len(form)
            out.append(f"{i}\t{form}\t{lemma}\t{upos}\t{xpos}\t{feats}\t{head}\t{rel}\t_\tstart_char={start}|end_char={pos}")
        out.append("")
    return "\n".join(out) + "\n"


def test_converter_keeps_text_and_annotation(tmp_path, nlp):
    from stanza.utils.conll import CoNLL

    path = tmp_path / "two.conllu"
    path.write_text(conllu_with_offsets(), encoding="utf8")
    sdoc = CoNLL.conll2doc(input_file=str(path))
    doc = doc_from_stanza(nlp.vocab, sdoc, TEXT)
    assert doc.text == TEXT
    words = [t for t in doc if not t.is_space]
    assert [t.text for t in words] == ["Jānis", "strādā", "Rīgā", ".", "Viņš", "ir", "ārsts", "."]
    assert [t.lemma_ for t in words][:3] == ["Jānis", "strādāt", "Rīga"]
    assert words[2].tag_ == "npfsl4" and words[2].pos_ == "PROPN" and "Case=Loc" in str(words[2].morph)
    assert words[0].head.text == "strādā" and words[2].dep_ == "obl:loc"
    assert [s.text.strip() for s in doc.sents] == ["Jānis strādā Rīgā.", "Viņš ir ārsts."]


@pytest.mark.skipif(not (stanza_resources_dir() / "lv").exists(),
                    reason="no Stanza Latvian models (run `lvnews download stanza`)")
def test_full_backend_with_official_models(seed_text):
    import lvnews

    analyzer = lvnews.load(backend="stanza")
    article = analyzer.analyze(seed_text)
    for e in article.entities:
        assert seed_text[e.start:e.end] == e.text
    assert {"Ventspils", "Valmiera"} <= {e.canonical for e in article.entities}
