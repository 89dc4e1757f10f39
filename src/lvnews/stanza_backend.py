"""Stanza backend: Stanza tokenizes, tags, lemmatizes and parses; our components do the rest.

``lvnews.load(backend="stanza")`` gives the same ``Analyzer`` and records as
the default backend. ``.nlp`` stays a spaCy ``Language``: the Stanza pipeline
acts as its tokenizer (as spacy-stanza does, but with our own converter:
spacy-stanza pins stanza < 1.7), producing a ``Doc`` with words, spaces,
lemmas, UPOS/XPOS/FEATS, heads, relations and sentences; then the bundled
model's tok2vec + NER, entity normaliser and fact extractors run on it.

Models (``stanza_models_dir``), the first of:

1. ``resources=`` given to ``load_stanza`` / ``lvnews.load(backend="stanza", resources=...)``;
2. ``$LVNEWS_STANZA_MODELS``;
3. our own models, trained by ``training/stanza/`` and packaged as a Stanza
   model directory (``resources.json`` + ``lv/<processor>/lvnews.pt``):
   inside the installed package (``lvnews/_models/stanza``) or the checkout's
   ``models/stanza``;
4. the official Stanza Latvian models in the Stanza resources directory
   (``stanza.download("lv")`` or ``lvnews download stanza``).

1 and 2 are used as given; 3 only where its ``resources.json`` exists.
Nothing is downloaded at run time (``download_method=None``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .model_paths import (STANZA_MODELS_ENV, is_stanza_models_dir, model_path, stanza_models_dir,
                          stanza_resources_dir)

# The statistical components Stanza replaces, with the components that mend or
# re-decide their output (the lexicon tags read the morphologizer's scores; lemmas,
# sentence boundaries before and after the parser); tok2vec stays for the NER.
REPLACED = ("tagger", "morphologizer", "lvnews_lexicon_tags", "lvnews_bilstm_tagger", "trainable_lemmatizer",
            "lvnews_lemma_lookup", "lvnews_sentence_rules", "parser", "lvnews_sentence_repair",
            "lvnews_biaffine_parser")
PROCESSORS = "tokenize,pos,lemma,depparse"
def doc_from_stanza(vocab: Vocab, sdoc: Any, text: str) -> Doc:
    """A spaCy Doc over exactly ``text`` from a Stanza Document of it.

    ``doc.text == text``: a gap of one space becomes the previous word's
    trailing space, any other whitespace becomes a whitespace token (``SPACE``),
    as spaCy's own tokenizer does, so character offsets survive. Heads are
    made absolute; relations keep their subtype. Latvian has no multi-word
    tokens; should one appear, its words share the token's characters.
    """
    rows: list[dict] = []  # one per spaCy token, whitespace tokens included
    index_of: dict[tuple[int, int], int] = {}  # (sentence, word id) -> row
    pos = 0
    for si, sent in enumerate(sdoc.sentences):
        for token in sent.tokens:
            start, end = token.start_char, token.end_char
            gap = text[pos:start]
            if gap:
                if gap == " " and rows and not rows[-1]["space"]:
                    rows[-1]["space"] = True
                else:
                    if gap.endswith(" ") and len(gap) > 1:
                        rows.append({"text": gap[:-1], "ws": True, "space": True})
                    else:
                        rows.append({"text": gap, "ws": True, "space": False})
            for word in token.words:
                index_of[(si, word.id)] = len(rows)
                rows.append({"text": word.text if len(token.words) > 1 or end <= start else text[start:end], "ws": False,
                             "space": False, "word": word, "sent": si})
            pos = end
    tail = text[pos:]
    if tail:
        if tail == " " and rows and not rows[-1]["space"]:
            rows[-1]["space"] = True
        else:
            rows.append({"text": tail, "ws": True, "space": False})
    words = [r["text"] for r in rows]
    spaces = [r["space"] for r in rows]
    lemmas, upos, tags, morphs, deps, heads = [], [], [], [], [], []
    for i, r in enumerate(rows):
        w = r.get("word")
        if w is None:
            # Whitespace hangs off the word before it (the next, at the start), as in spaCy.
            lemmas.append(r["text"]), upos.append("SPACE"), tags.append("_SP"), morphs.append("")
            deps.append("dep"), heads.append(i - 1 if i else min(1, len(rows) - 1))
            continue
        lemmas.append(w.lemma or w.text)
        upos.append(w.upos or "X")
        tags.append(w.xpos or "_")
        morphs.append(w.feats or "")
        deps.append(w.deprel if w.head else "ROOT")
        heads.append(index_of[(r["sent"], w.head)] if w.head else i)
    # Sentences follow from the trees: one root each, whitespace inside.
    return Doc(vocab, words=words, spaces=spaces, lemmas=lemmas, pos=upos, tags=tags, morphs=morphs, heads=heads,
               deps=deps)


class StanzaTokenizer:
    """Runs the Stanza pipeline and hands spaCy a fully annotated Doc."""

    def __init__(self, vocab: Vocab, resources: str | Path | None = None, threads: int = 1) -> None:
        import stanza
        import torch

        # Two threads on two busy cores made Stanza ~90x slower here: one per worker.
        torch.set_num_threads(threads)
        self.vocab = vocab
        directory = stanza_models_dir(resources)
        if not is_stanza_models_dir(directory):
            raise FileNotFoundError(
                f"no Stanza Latvian models in {directory} (a resources.json and an lv/ folder): "
                "run `lvnews download stanza` (or stanza.download('lv')), set STANZA_RESOURCES_DIR, "
                f"or point {STANZA_MODELS_ENV} or resources= at a folder written by training/stanza/package.py"
            )
        self.directory = directory
        self.pipeline = stanza.Pipeline(lang="lv", dir=str(directory), processors=PROCESSORS,
                                        download_method=None, use_gpu=False, logging_level="WARN")

    def __call__(self, text: str) -> Doc:
        if not text.strip():
            return Doc(self.vocab, words=[text] if text else [], spaces=[False] if text else [])
        return doc_from_stanza(self.vocab, self.pipeline(text), text)

    def pipe(self, texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        return None

    def from_disk(self, path: str | Path, **kwargs: Any) -> "StanzaTokenizer":
        return self


def load_stanza(model: str | Path | None = None, resources: str | Path | None = None) -> Language:
    """The bundled spaCy model with Stanza in front of its NER, entity and fact components.

    ``resources``: a Stanza model directory to use instead of the default
    order (``$LVNEWS_STANZA_MODELS``, our own models, the official ones).
    """
    nlp = spacy.load(model if model is not None else model_path(), exclude=list(REPLACED))
    nlp.tokenizer = StanzaTokenizer(nlp.vocab, Path(resources) if resources else None)
    return nlp


def download_models(resources: str | Path | None = None) -> Path:
    """Fetch the official Stanza Latvian models (only when a user asks for it)."""
    import stanza

    directory = Path(resources) if resources else stanza_resources_dir()
    stanza.download("lv", model_dir=str(directory), processors=PROCESSORS)
    return directory
