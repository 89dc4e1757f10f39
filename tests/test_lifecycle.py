"""lvnews components live spaCy's lifecycle (issue #14).

Data is built by ``initialize`` from the training corpora, saved by ``to_disk`` and
``to_bytes``, and ``spacy assemble`` on ``training/configs/assemble.cfg`` makes the
shipped pipeline. A pipeline saved and loaded either way gives the records the bundled
model gives, byte for byte (``meta.seconds`` aside).
"""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest
import spacy
import srsly
from spacy.language import Language

import lvnews
from lvnews.conll import read_paragraphs
from lvnews.model_paths import model_path

DEV_PARAGRAPHS = 60
ASSEMBLE_CONFIG = Path(__file__).resolve().parents[1] / "training" / "configs" / "assemble.cfg"
# Where training/project.yml's `hunspell` step puts hunspell-lv (training time only).
HUNSPELL = Path(__file__).resolve().parents[1] / "training" / "assets" / "hunspell-lv"
# Each data component's tables, as the shipped model has them on disk.
SHIPPED_TABLES = {
    "lvnews_lemma_lookup": ("table", "suffixes"),
    "lvnews_entity_gazetteer": ("gazetteer",),
    "lvnews_entity_normalizer": ("kb", "plural_forms"),
}


def lvnews_factories() -> list[str]:
    """Every lvnews factory an installed lvnews registers with spaCy."""
    return sorted(ep.name for ep in entry_points(group="spacy_factories") if ep.name.startswith("lvnews_"))


def records(analyzer, items: list[dict]) -> list[dict]:
    out = []
    for article in analyzer.analyze_many(items):
        data = article.model_dump(mode="json")
        data["meta"].pop("seconds", None)
        out.append(data)
    return out


@pytest.fixture(scope="module")
def articles(seed_text, corpora) -> list[dict]:
    dev = read_paragraphs(corpora / "ud" / "dev.conllu")
    return [{"id": "seed", "text": seed_text},
            *({"id": p.id, "text": p.text} for _, p in zip(range(DEV_PARAGRAPHS), dev))]


@pytest.fixture(scope="module")
def expected(analyzer, articles) -> list[dict]:
    return records(analyzer, articles)


def test_to_disk_then_spacy_load_gives_the_same_records(analyzer, articles, expected, tmp_path_factory):
    path = tmp_path_factory.mktemp("saved")
    analyzer.nlp.to_disk(path)
    assert records(lvnews.load(path), articles) == expected


def test_to_bytes_then_from_bytes_gives_the_same_records(analyzer, articles, expected):
    nlp = spacy.util.load_model_from_config(analyzer.nlp.config)
    nlp.from_bytes(analyzer.nlp.to_bytes())
    assert records(lvnews.Analyzer(nlp), articles) == expected


@pytest.mark.parametrize("factory", lvnews_factories())
def test_every_lvnews_component_serialises(factory, tmp_path):
    nlp = spacy.blank("lv")
    component = nlp.add_pipe(factory)
    for method in ("to_bytes", "from_bytes", "to_disk", "from_disk"):
        assert callable(getattr(component, method, None)), f"{factory} has no {method}"
    again = spacy.blank("lv").add_pipe(factory)
    again.from_bytes(component.to_bytes())
    component.to_disk(tmp_path)
    again.from_disk(tmp_path)


def test_the_shipped_components_round_trip_their_tables(nlp):
    for name in SHIPPED_TABLES:
        component = nlp.get_pipe(name)
        fresh = spacy.blank("lv").add_pipe(name).from_bytes(component.to_bytes())
        assert fresh.tables() == component.tables()


def test_uninitialised_data_components_are_empty(nlp):
    blank = spacy.blank("lv")
    components = {name: blank.add_pipe(name) for name in SHIPPED_TABLES}
    assert {name: c.tables() for name, c in components.items()} == {
        "lvnews_lemma_lookup": {"table": {}, "suffixes": {}},
        "lvnews_entity_gazetteer": {"gazetteer": {"names": {}, "common": [], "places": []}},
        "lvnews_entity_normalizer": {"kb": {}, "plural_forms": {}},
    }
    doc = nlp("Vakar Zaļā Josla un Jānis Bērziņš apmeklēja Ventspili.", disable=list(SHIPPED_TABLES))
    ents = [(e.start, e.end, e.label_) for e in doc.ents]
    doc = components["lvnews_entity_gazetteer"](doc)
    assert [(e.start, e.end, e.label_) for e in doc.ents] == ents
    doc = components["lvnews_entity_normalizer"](doc)
    assert all(e._.kb is None for e in doc.ents)


@pytest.fixture(scope="module")
def gazetteers(corpora) -> Path:
    path = corpora.parents[1] / "gazetteers"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    return path


@pytest.fixture(scope="module")
def initialized(corpora, gazetteers) -> Language:
    """The three data components, initialised from the training splits as assemble.cfg does."""
    nlp = spacy.blank("lv")
    settings = {"ud_train": str(corpora / "ud" / "train.conllu"), "ner_train": str(corpora / "ner" / "train.conll")}
    nlp.add_pipe("lvnews_lemma_lookup").initialize(lambda: [], nlp=nlp, ud_train=settings["ud_train"])
    nlp.add_pipe("lvnews_entity_gazetteer").initialize(lambda: [], nlp=nlp, **settings)
    nlp.add_pipe("lvnews_entity_normalizer").initialize(lambda: [], nlp=nlp, **settings, gazetteers=str(gazetteers))
    return nlp


@pytest.fixture(scope="module")
def hunspell() -> Path:
    if not (HUNSPELL / "lv_LV.dic").exists():
        pytest.skip(f"{HUNSPELL} is absent (training/project.yml's hunspell step fetches it)")
    return HUNSPELL


@pytest.mark.parametrize("name, tables", [("lvnews_lexicon_lemmas", ("lexicon", "choices")),
                                          ("lvnews_lexicon_tags", ("features", "xpos", "forms"))])
def test_initialize_rebuilds_the_shipped_lexicon_components(corpora, hunspell, name, tables):
    nlp = spacy.blank("lv")
    nlp.add_pipe(name).initialize(
        lambda: [], nlp=nlp, dic_path=str(hunspell / "lv_LV.dic"), aff_path=str(hunspell / "lv_LV.aff"),
        ud_train=str(corpora / "ud" / "train.conllu"))
    built = nlp.get_pipe(name).tables()
    for table in tables:
        assert built[table] == srsly.read_gzip_json(model_path() / name / f"{table}.json.gz")


@pytest.mark.parametrize("name, table", [
    (name, table) for name, tables in SHIPPED_TABLES.items() for table in tables])
def test_initialize_rebuilds_the_shipped_tables(initialized, name, table):
    shipped = srsly.read_gzip_json(model_path() / name / f"{table}.json.gz")
    assert initialized.get_pipe(name).tables()[table] == shipped


@pytest.mark.slow
def test_spacy_assemble_makes_the_shipped_pipeline(analyzer, articles, expected, corpora, gazetteers, hunspell,
                                                   tmp_path):
    shipped = model_path()
    out = tmp_path / "assembled"
    subprocess.run([sys.executable, "-m", "spacy", "assemble", str(ASSEMBLE_CONFIG), str(out),
                    "--paths.trained", str(shipped), "--paths.corpora", str(corpora),
                    "--paths.gazetteers", str(gazetteers),
                    "--paths.hunspell", str(hunspell),
                    "--paths.bilstm_tagger", str(shipped / "lvnews_bilstm_tagger" / "weights.npz"),
                    "--paths.biaffine_parser", str(shipped / "lvnews_biaffine_parser" / "weights.npz")],
                   check=True, capture_output=True)
    assembled = lvnews.load(out)
    assert assembled.nlp.component_names == analyzer.nlp.component_names
    assert assembled.nlp.disabled == analyzer.nlp.disabled
    assert assembled.model_info == analyzer.model_info
    meta = json.loads((out / "meta.json").read_text(encoding="utf8"))
    assert meta["license"] == "CC BY-SA 4.0" and meta["sources"]
    # The trained networks come over unchanged, the tok2vec and its listeners together.
    for name in ("tok2vec", "tagger", "morphologizer", "trainable_lemmatizer", "parser", "ner",
                 "lvnews_bilstm_tagger", "lvnews_biaffine_parser"):
        for file in (shipped / name).iterdir():
            assert (out / name / file.name).read_bytes() == file.read_bytes(), f"{name}/{file.name}"
    assert records(assembled, articles) == expected


def test_assemble_config_lists_the_shipped_pipeline():
    config = spacy.util.load_config(ASSEMBLE_CONFIG, interpolate=False)
    shipped = spacy.util.load_config(model_path() / "config.cfg", interpolate=False)
    assert config["nlp"]["pipeline"] == shipped["nlp"]["pipeline"]
    assert config["nlp"]["disabled"] == shipped["nlp"]["disabled"]
