"""Stanza backend: the converter on a Stanza Document read from CoNLL-U (no models needed),
the full backend when the official Latvian models are present, and our own models: where
they are looked for, and training/stanza's prepare -> train -> package chain on a tiny
synthetic treebank, loaded offline by Stanza and by ``lvnews.load(backend="stanza")``."""

from __future__ import annotations

import importlib
import importlib.util
import json
from pathlib import Path

import pytest

stanza = pytest.importorskip("stanza", reason="the stanza extra is not installed (pip install 'lvnews[stanza]')")

from lvnews import model_paths, stanza_backend  # noqa: E402
from lvnews.model_paths import STANZA_MODELS_ENV as MODELS_ENV  # noqa: E402
from lvnews.model_paths import own_stanza_models_dir as own_models_dir  # noqa: E402
from lvnews.model_paths import stanza_models_dir, stanza_resources_dir  # noqa: E402
from lvnews.stanza_backend import doc_from_stanza  # noqa: E402

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

    analyzer = lvnews.load(backend="stanza", resources=stanza_resources_dir())  # not our own, if present
    article = analyzer.analyze(seed_text)
    for e in article.entities:
        assert seed_text[e.start:e.end] == e.text
    assert {"Ventspils", "Valmiera"} <= {e.canonical for e in article.entities}


# -- our own Stanza models: where they are found, how they are packaged ------------------------

REPO = Path(__file__).resolve().parent.parent
SCRIPTS = REPO / "training" / "stanza"
PROCESSORS = ("tokenize", "pos", "lemma", "depparse")


def script(name: str):
    """training/stanza/<name>.py as a module (the training scripts are not part of the package)."""
    path = SCRIPTS / f"{name}.py"
    if not path.exists():
        pytest.skip(f"{path} is absent (training scripts live in the checkout, not the wheel)")
    spec = importlib.util.spec_from_file_location(f"lvnews_training_stanza_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fake_models_dir(path: Path) -> Path:
    (path / "lv").mkdir(parents=True)
    (path / "resources.json").write_text("{}", encoding="utf8")
    return path


def test_models_dir_order(tmp_path, monkeypatch):
    """resources= > $LVNEWS_STANZA_MODELS > installed package > checkout > official models."""
    here = tmp_path / "src" / "lvnews"
    here.mkdir(parents=True)
    monkeypatch.setattr(model_paths, "__file__", str(here / "model_paths.py"))  # where bundled models are sought
    monkeypatch.delenv(MODELS_ENV, raising=False)
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "official"))

    assert own_models_dir() is None
    assert stanza_models_dir() == tmp_path / "official"
    checkout = tmp_path / "models" / "stanza"
    (checkout / "lv").mkdir(parents=True)  # no resources.json yet: not a model directory
    assert own_models_dir() is None
    (checkout / "resources.json").write_text("{}", encoding="utf8")
    assert own_models_dir() == checkout
    assert stanza_models_dir() == checkout
    installed = fake_models_dir(here / "_models" / "stanza")
    assert stanza_models_dir() == installed
    monkeypatch.setenv(MODELS_ENV, str(tmp_path / "elsewhere"))
    assert stanza_models_dir() == tmp_path / "elsewhere"
    assert stanza_models_dir(tmp_path / "given") == tmp_path / "given"


def test_missing_models_fail_clearly(tmp_path, monkeypatch):
    from spacy.vocab import Vocab

    monkeypatch.setenv(MODELS_ENV, str(tmp_path / "nothing-here"))
    with pytest.raises(FileNotFoundError, match=MODELS_ENV):
        stanza_backend.StanzaTokenizer(Vocab())


def test_resources_json_points_stanza_at_our_files(tmp_path):
    """Stanza's own resolution, on package.py's resources.json: every processor, for the
    default package and for 'lvnews', is lv/<processor>/lvnews.pt, with no dependencies."""
    from stanza.pipeline.core import build_default_config
    from stanza.resources.common import add_dependencies, maintain_processor_list, process_pipeline_parameters

    package = script("package")
    files = {p: tmp_path / "lv" / p / "lvnews.pt" for p in PROCESSORS}
    for f in files.values():
        f.parent.mkdir(parents=True)
        f.write_bytes(b"not a model")
    resources = package.resources(files)
    for name in ("default", "lvnews"):
        lang, _, _, processors = process_pipeline_parameters("lv", str(tmp_path), name, ",".join(PROCESSORS))
        load_list = add_dependencies(resources, lang, maintain_processor_list(resources, lang, name, processors))
        config = build_default_config(resources, lang, str(tmp_path), load_list)
        assert {k: Path(v) for k, v in config.items()} == {f"{p}_model_path": files[p] for p in PROCESSORS}


# A synthetic treebank (ROWS, repeated), so that CI trains tiny models without the corpus.
TINY = {  # dimensions that make each trainer take a second: the files test the machinery only
    "tokenize": ["--hidden_dim", "8", "--emb_dim", "8"],
    "pos": ["--hidden_dim", "8", "--char_hidden_dim", "8", "--deep_biaff_hidden_dim", "8",
            "--composite_deep_biaff_hidden_dim", "4", "--word_emb_dim", "8", "--char_emb_dim", "8",
            "--tag_emb_dim", "4", "--transformed_dim", "8", "--num_layers", "1", "--word_cutoff", "0"],
    "lemma": ["--hidden_dim", "8", "--emb_dim", "8", "--pos_dim", "8", "--sample_train", "1.0"],
    "depparse": ["--hidden_dim", "8", "--char_hidden_dim", "8", "--deep_biaff_hidden_dim", "8",
                 "--deep_biaff_output_dim", "4", "--word_emb_dim", "8", "--char_emb_dim", "8",
                 "--tag_emb_dim", "4", "--transformed_dim", "8", "--num_layers", "1", "--word_cutoff", "0"],
}


def synthetic_conllu(paragraphs: int) -> str:
    """ROWS as paragraphs of a UD file: the final full stop is glued to the word before it."""
    out = []
    for p in range(paragraphs):
        out += [f"# newdoc id = d{p}", f"# newpar id = d{p}-p1"]
        for s, sent in enumerate(ROWS, start=1):
            forms = [row[0] for row in sent]
            out += [f"# sent_id = a-d{p}-p1s{s}", "# text = " + " ".join(forms[:-1]) + forms[-1]]
            for i, (form, lemma, upos, xpos, feats, head, rel) in enumerate(sent, start=1):
                misc = "SpaceAfter=No" if i == len(sent) - 1 else "_"
                out.append(f"{i}\t{form}\t{lemma}\t{upos}\t{xpos}\t{feats}\t{head}\t{rel}\t{head}:{rel}\t{misc}")
            out.append("")
    return "\n".join(out) + "\n"


@pytest.fixture(scope="module")
def packaged(tmp_path_factory):
    """prepare.py -> train.py's own command lines (tiny, in-process) -> package.py, in a tmp dir."""
    prepare, train, package = script("prepare"), script("train"), script("package")
    root = tmp_path_factory.mktemp("stanza-own")
    corpus, data, models, dest = root / "corpus", root / "data", root / "models", root / "models-stanza"
    corpus.mkdir()
    (corpus / "train.conllu").write_text(synthetic_conllu(8), encoding="utf8")
    (corpus / "dev.conllu").write_text(synthetic_conllu(2), encoding="utf8")
    assert prepare.main(["--corpus", str(corpus), "--out", str(data)]) == 0
    for p in PROCESSORS:
        cmd = train.command(p, data, models, "cpu", True, "small") + TINY[p]
        assert cmd[1] == "-m"
        importlib.import_module(cmd[2]).main(cmd[3:])
        assert train.model_file(models, p).exists(), f"{p} trainer saved no model"
    record = package.package(models, dest)
    return dest, record


def test_packaged_models_load_offline_through_stanza(packaged):
    import stanza
    import torch

    dest, record = packaged
    assert record["dtype"] == "float16" and set(record["files"]) == set(PROCESSORS)
    assert json.loads((dest / "resources.json").read_text())["lv"]["packages"]["default"]["pos"] == "lvnews"
    weights = torch.load(dest / "lv" / "pos" / "lvnews.pt", weights_only=True)["model"]
    assert {t.dtype for t in weights.values() if t.is_floating_point()} == {torch.float16}
    for name in (None, "lvnews"):
        kwargs = {"package": name} if name else {}
        nlp = stanza.Pipeline(lang="lv", dir=str(dest), processors=",".join(PROCESSORS), download_method=None,
                              use_gpu=False, logging_level="WARN", **kwargs)
        doc = nlp("Jānis strādā Rīgā.")
        assert doc.sentences and all(w.upos and w.lemma is not None for s in doc.sentences for w in s.words)


def test_lvnews_loads_our_models(packaged, monkeypatch):
    import lvnews

    dest, _ = packaged
    monkeypatch.setenv(MODELS_ENV, str(dest))
    analyzer = lvnews.load(backend="stanza")
    assert analyzer.nlp.tokenizer.directory == dest
    text = "Ventspils dome otrdien apstiprināja jauno plānu.\n\nJānis strādā Rīgā."
    article = analyzer.analyze(text)
    assert article.error is None and len(article.paragraphs) == 2
    tokens = [t for s in article.sentences for t in s.tokens]
    assert tokens
    for s in article.sentences:
        assert 0 <= s.start < s.end <= len(text)
        for t in s.tokens:
            assert text[t.start:t.end] == t.text and s.start <= t.start <= t.end <= s.end
            assert 0 <= t.head < len(s.tokens)


def test_the_components_stanza_leaves_run_on_words_the_training_split_lacks():
    # ``sikspārņu``, ``slēpās``: unseen words the lexicon knows. The lexicon tags re-decide such
    # words from the morphologizer's scores, so with Stanza's tags they must go with it.
    import spacy

    from lvnews.model_paths import model_path

    nlp = spacy.load(model_path(), exclude=list(stanza_backend.REPLACED))
    with pytest.warns(UserWarning, match="no dependency parse"):  # Stanza's parse is not there either
        doc = nlp("Sikspārņu mātītes slēpās vecā šķūnī.")
    assert len(doc) == 6 and not doc.has_annotation("POS")
