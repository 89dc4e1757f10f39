"""The bundled model: found, loadable both ways, and sensible on Latvian text."""

from __future__ import annotations

import json
import subprocess
import sys

import spacy

import lvnews
from lvnews.model_paths import model_path

LABELS = {"PERSON", "ORG", "GPE", "LOC", "EVENT", "PRODUCT", "TIME", "MONEY", "MISC"}


def test_lvnews_load_gives_analyzer_with_spacy_language(analyzer):
    assert isinstance(analyzer.nlp, spacy.language.Language)
    for name in ("tagger", "morphologizer", "trainable_lemmatizer", "parser", "ner"):
        assert name in analyzer.nlp.pipe_names
    assert set(analyzer.nlp.get_pipe("ner").labels) == LABELS


def test_plain_spacy_load_finds_our_components():
    # A fresh interpreter: only the entry points can register our factories.
    code = ("import spacy, sys; nlp = spacy.load(sys.argv[1]); doc = nlp('Valmierā atvērta jauna skola.'); "
            "print(nlp.pipe_names[-1], [t.text for t in doc])")
    out = subprocess.run([sys.executable, "-c", code, str(model_path())], capture_output=True, text=True,
                         check=True)
    assert "lvnews_role" in out.stdout and "Valmierā" in out.stdout


def test_sensible_tags_lemmas_and_entities(nlp):
    doc = nlp("Latvijas Universitātes rektors Jānis Kalniņš vakar apmeklēja Ventspili.")
    by = {t.text: t for t in doc}
    assert by["rektors"].pos_ == "NOUN" and by["rektors"].lemma_ == "rektors"
    assert by["apmeklēja"].pos_ == "VERB" and by["apmeklēja"].lemma_ == "apmeklēt"
    assert by["Ventspili"].lemma_ == "Ventspils"
    assert "Case=Nom" in str(by["rektors"].morph) and "Case=Gen" in str(by["Universitātes"].morph)
    assert by["apmeklēja"].dep_ == "ROOT"
    ents = {(e.text, e.label_) for e in doc.ents}
    assert ("Jānis Kalniņš", "PERSON") in ents
    assert ("Ventspili", "GPE") in ents


def test_sentence_boundaries(nlp):
    doc = nlp("Rīgā šodien līst. Rīt gaidāms saulains laiks. Vai tiešām?")
    assert len(list(doc.sents)) == 3


def test_info_command_json():
    out = subprocess.run([sys.executable, "-m", "lvnews.cli", "info", "--json"], capture_output=True, text=True,
                         check=True)
    info = json.loads(out.stdout)
    assert info["lvnews_version"] == lvnews.__version__
    assert info["model"]["name"] == "lv_lvnews"
    assert "ner" in info["pipeline"] and set(info["labels"]["ner"]) == LABELS
    assert info["model_path"].endswith("lv_lvnews")
