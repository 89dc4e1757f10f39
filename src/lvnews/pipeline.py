"""The Analyzer: a loaded spaCy pipeline plus the article-level logic.

``lvnews.load()`` finds the bundled model, ``Analyzer.analyze()`` turns an
article into the record contract. The spaCy ``Language`` stays reachable as
``Analyzer.nlp`` for spaCy users; records are the public product.

Articles are analysed paragraph by paragraph: memory stays bounded for huge
inputs, a Russian quote can be skipped without skipping its article, and
offsets map back to the text exactly as given.
"""

from __future__ import annotations

import itertools
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import __version__
from .article import Block, clean_text, extract_html, split_article, to_original
from .language import LanguageGuess, article_language, detect_language, looks_latvian
from .records import Article, Entity, KBLink, Paragraph, Sentence, Token
from . import entities as _entities  # noqa: F401  (registers components)
from .entities import acronyms as _entity_acronyms  # noqa: F401
from .entities import component as _entity_component  # noqa: F401
from .entities import gazetteer as _entity_gazetteer  # noqa: F401
from . import embed as _embed  # noqa: F401  (registers lvnews.HashCharEmbed.v1)
from .entities import money as _entity_money  # noqa: F401
from .entities import names as _entity_names  # noqa: F401
from . import sentences as _sentences  # noqa: F401
from .facts.records import facts_to_records

MODEL_NAME = "lv_lvnews"
# Every token sets every field: one shared set instead of one per token
# (a third of a token record's memory).
TOKEN_FIELDS = set(Token.model_fields)
# spaCy is fast on paragraphs; a "paragraph" longer than this (a text with no
# blank lines, or no spaces at all) is cut so memory stays bounded.
MAX_CHUNK = 20_000
# Paragraphs per nlp.pipe batch, however few articles a batch holds.
PIPE_BATCH = 64
# A paragraph is skipped as foreign only when the detector is sure: short
# Latvian lines are easily mistaken for Lithuanian.
FOREIGN_PARAGRAPH_MIN_CHARS = 40
FOREIGN_PARAGRAPH_MIN_SCORE = 0.95


def bundled(name: str, is_model: Callable[[Path], bool]) -> Path | None:
    """``name`` inside the installed package's ``_models/``, else the checkout's ``models/``,
    where ``is_model`` accepts it; None when neither has it."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_models" / name, here.parent.parent / "models" / name):
        if is_model(candidate):
            return candidate
    return None


def model_path(name: str = MODEL_NAME) -> Path:
    """The bundled spaCy model: inside the installed package, or the checkout's models/."""
    path = bundled(name, lambda candidate: (candidate / "config.cfg").exists())
    if path is not None:
        return path
    here = Path(__file__).resolve().parent
    raise FileNotFoundError(
        f"lvnews model {name!r} not found in {here / '_models'} or the checkout's models/ folder; "
        "reinstall lvnews or pass model=<path to a spaCy model directory>"
    )


def coerce_text(text: Any) -> str:
    """Accept str, or bytes that decode as UTF-8; refuse anything else clearly."""
    if isinstance(text, str):
        return text
    if isinstance(text, (bytes, bytearray)):
        try:
            return bytes(text).decode("utf-8")
        except UnicodeDecodeError as err:
            raise ValueError(f"text is not valid UTF-8 (byte {err.start}): decode it first") from None
    raise TypeError(f"text must be str (or UTF-8 bytes), not {type(text).__name__}")


@dataclass
class _Chunk:
    """A piece of body text handed to spaCy, with its way back to the original."""

    start: int
    offsets: list[int]
    text: str


def chunks_of(text: str, block: Block) -> Iterator[_Chunk]:
    """Cleaned pieces of a paragraph block, cut at sentence ends when too long."""
    raw = text[block.start : block.end]
    pos = 0
    while pos < len(raw):
        end = min(len(raw), pos + MAX_CHUNK)
        if end < len(raw):
            cut = max(raw.rfind(". ", pos, end), raw.rfind("\n", pos, end))
            if cut <= pos:
                cut = raw.rfind(" ", pos, end)
            end = cut + 1 if cut > pos else end
        clean, offsets = clean_text(raw[pos:end])
        if clean.strip():
            yield _Chunk(start=block.start + pos, offsets=offsets, text=clean)
        pos = end


class Analyzer:
    """Analyse Latvian articles into records (see ``records.Article``).

    Thread-safe: spaCy does not document its pipelines as safe to call from several
    threads, so an analyzer runs one batch of articles at a time and concurrent callers
    take turns (a lock around each ``nlp.pipe`` batch). For throughput use processes
    (``analyze_many(n_process=N)``, ``lvnews annotate --workers N``), not threads.
    """

    def __init__(self, nlp: Language, backend: str = "spacy", path: Path | None = None) -> None:
        self.nlp = nlp
        self.backend = backend
        self.path = path
        meta = nlp.meta
        self.model_info = {"name": f"{meta.get('lang', 'lv')}_{meta.get('name', MODEL_NAME)}",
                           "version": meta.get("version", "0.0.0")}
        self._lock = threading.RLock()

    def __getstate__(self) -> dict[str, Any]:
        # Locks do not pickle; a copy in another process gets its own.
        state = self.__dict__.copy()
        del state["_lock"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.RLock()

    # -- public API -----------------------------------------------------
    def describe(self) -> dict[str, Any]:
        """Version, model, pipeline, labels and model path (``lvnews info``, ``/v1/info``)."""
        labels = {name: list(getattr(pipe, "labels", ()) or ()) for name, pipe in self.nlp.pipeline
                  if name in ("ner", "parser")}
        return {
            "lvnews_version": __version__,
            "backend": self.backend,
            "model": dict(self.model_info),
            "model_path": str(self.path) if self.path is not None else None,
            "pipeline": list(self.nlp.pipe_names),
            "labels": labels,
            "dev_scores": self.nlp.meta.get("lvnews_dev_scores"),
        }

    def analyze(self, text: Any, id: str | None = None, metadata: Mapping[str, Any] | None = None,
                force_language: str | None = None) -> Article:
        """One article -> record. ``force_language="lv"`` skips the language gate."""
        return next(self._analyze_stream([(id, text, metadata)], force_language=force_language))

    def analyze_html(self, html: Any, id: str | None = None, metadata: Mapping[str, Any] | None = None,
                     force_language: str | None = None) -> Article:
        """Main text of an HTML page (boilerplate removed) -> record."""
        return self.analyze(extract_html(coerce_text(html)), id=id, metadata=metadata,
                            force_language=force_language)

    def analyze_many(self, items: Iterable[Any], batch_size: int = 64, n_process: int = 1,
                     force_language: str | None = None) -> Iterator[Article]:
        """Stream records for str, (id, text) pairs or dicts with ``id``/``text``.

        Other dict fields (url, date, title, ...) pass through as ``metadata``.
        ``n_process > 1`` spreads articles over worker processes (see batch.py).
        """
        normalized = (normalize_item(item, i) for i, item in enumerate(items))
        if n_process > 1:
            from .batch import parallel_analyze

            yield from parallel_analyze(self, normalized, n_process=n_process, batch_size=batch_size,
                                        force_language=force_language)
            return
        yield from self._analyze_stream(normalized, force_language=force_language, batch_size=batch_size)

    # -- internals --------------------------------------------------------
    def _analyze_stream(self, items: Iterable[tuple[str | None, Any, Mapping | None]],
                        force_language: str | None = None, batch_size: int = 64) -> Iterator[Article]:
        """Records in input order; the paragraphs of ``batch_size`` articles share one ``nlp.pipe``.

        spaCy's networks are fast on batches and slow one short paragraph at a
        time, so articles are prepared in groups and their paragraphs parsed
        together. Should the pipeline raise inside a group, the group is redone
        article by article, so the error surfaces at the article that caused it.
        """
        group: list[tuple[str | None, Any, Mapping | None]] = []
        for item in items:
            group.append(item)
            if len(group) >= batch_size:
                yield from self._analyze_group(group, force_language, batch_size)
                group = []
        if group:
            yield from self._analyze_group(group, force_language, batch_size)

    def _analyze_group(self, group: list[tuple[str | None, Any, Mapping | None]], force_language: str | None,
                       batch_size: int) -> Iterator[Article]:
        """Should the pipeline raise inside a group, the group is redone article by
        article, so the error surfaces at the article that caused it."""
        try:
            with self._lock:
                done = self._run_group(group, force_language, batch_size)
        except Exception:
            if len(group) == 1:
                raise
            for item in group:
                yield from self._analyze_group([item], force_language, batch_size)
            return
        yield from done

    def _run_group(self, group: list[tuple[str | None, Any, Mapping | None]], force_language: str | None,
                   batch_size: int) -> list[Article]:
        prepared: list[tuple[Article, list[_Chunk], float]] = []
        for id_, text, metadata in group:
            started = time.perf_counter()
            article, chunks = self._prepare(id_, coerce_text(text), dict(metadata or {}), force_language)
            prepared.append((article, chunks, time.perf_counter() - started))
        texts = (c.text for _, chunks, _ in prepared for c in chunks)
        # However few articles a group has, their paragraphs go through the networks
        # in batches: one request alone was parsed a paragraph at a time (+40% time).
        docs = iter(self.nlp.pipe(texts, batch_size=max(batch_size, PIPE_BATCH)))
        done = []
        for article, chunks, seconds in prepared:
            started = time.perf_counter()
            if chunks:
                self._fill(article, zip(chunks, itertools.islice(docs, len(chunks))))
            article.meta["seconds"] = round(seconds + time.perf_counter() - started, 4)
            done.append(article)
        return done

    def _base_meta(self) -> dict[str, Any]:
        return {"lvnews_version": __version__, "model": dict(self.model_info), "backend": self.backend}

    def _prepare(self, id_: str | None, text: str, metadata: dict,
                 force_language: str | None) -> tuple[Article, list[_Chunk]]:
        """The article's record without analysis, and the body chunks to analyse."""
        guess = LanguageGuess(force_language, 1.0) if force_language else article_language(text)
        blocks = split_article(text)
        section = next((text[b.start:b.end] for b in blocks if b.kind == "section"), None)
        captions = [text[b.start:b.end] for b in blocks if b.kind == "caption"]
        body = [b for b in blocks if b.kind == "paragraph"]
        article = Article(id=id_, language=guess.code, language_score=round(guess.score, 4), text=text,
                          section=section, captions=captions, metadata=metadata, meta=self._base_meta())
        analyse = guess.code == "lv"
        chunks: list[_Chunk] = []
        for block in body:
            # Paragraphs of a foreign article are not analysed, so not checked either.
            para_lang = self._paragraph_language(text, block, guess, force_language) if analyse else guess.code
            article.paragraphs.append(Paragraph(start=block.start, end=block.end, language=para_lang))
            if analyse and para_lang == "lv":
                chunks.extend(chunks_of(text, block))
        return article, chunks

    @staticmethod
    def _paragraph_language(text: str, block: Block, article: LanguageGuess, forced: str | None) -> str:
        if forced:
            return forced
        raw = text[block.start:block.end]
        if len(raw) < FOREIGN_PARAGRAPH_MIN_CHARS or (article.code == "lv" and looks_latvian(raw)):
            return article.code
        guess = detect_language(raw)
        if guess.code != article.code and guess.score >= FOREIGN_PARAGRAPH_MIN_SCORE:
            return guess.code
        return article.code

    def _fill(self, article: Article, pieces: Iterable[tuple[_Chunk, Doc]]) -> None:
        entity_ids: dict[tuple[int, int, int], str] = {}
        # Tags, lemmas and relations repeat endlessly: one string object each
        # keeps a huge article's record a fraction of the size.
        strings: dict[str, str] = {}
        intern = strings.setdefault
        for n, (chunk, doc) in enumerate(pieces):
            sent_base = len(article.sentences)

            def char_span(start: int, end: int) -> tuple[int, int]:
                s, e = to_original(chunk.offsets, start, end)
                return chunk.start + s, chunk.start + e

            sent_of_token: dict[int, int] = {}
            for k, sent in enumerate(doc.sents):
                tokens = []
                for tok in sent:
                    if tok.is_space:
                        continue
                    sent_of_token[tok.i] = sent_base + k
                    s, e = char_span(tok.idx, tok.idx + len(tok.text))
                    head = tok.head.i - sent.start
                    # Built from the pipeline's own values: construct, not validate (hot path).
                    lemma, pos, tag, morph, dep = tok.lemma_, tok.pos_, tok.tag_, str(tok.morph), tok.dep_
                    tokens.append(Token.model_construct(
                        _fields_set=TOKEN_FIELDS, text=article.text[s:e], start=s, end=e, lemma=intern(lemma, lemma),
                        pos=intern(pos, pos), tag=intern(tag, tag), morph=intern(morph, morph), head=head,
                        dep=intern(dep, dep)))
                if tokens:
                    s, e = tokens[0].start, tokens[-1].end
                    article.sentences.append(Sentence.model_construct(start=s, end=e, tokens=tokens))
            for ent in doc.ents:
                s, e = char_span(ent.start_char, ent.end_char)
                ent_id = f"e{len(article.entities) + 1}"
                entity_ids[(n, ent.start, ent.end)] = ent_id
                kb = ent._.kb
                article.entities.append(Entity(
                    id=ent_id, text=article.text[s:e], start=s, end=e, label=ent.label_,
                    canonical=ent._.canonical or ent.text, sentence=sent_of_token.get(ent.start, sent_base),
                    kb=KBLink(**kb) if kb else None,
                ))
            facts_to_records(doc, n, char_span, sent_of_token, entity_ids, article)


def normalize_item(item: Any, index: int) -> tuple[str | None, Any, dict]:
    """str | (id, text) | {"id", "text", ...} -> (id, text, metadata)."""
    if isinstance(item, (str, bytes, bytearray)):
        return None, item, {}
    if isinstance(item, tuple) and len(item) == 2:
        return (None if item[0] is None else str(item[0])), item[1], {}
    if isinstance(item, Mapping):
        if "text" not in item:
            raise ValueError(f"item {index} has no 'text' field")
        meta = {k: v for k, v in item.items() if k not in ("id", "text")}
        id_ = item.get("id")
        return (None if id_ is None else str(id_)), item["text"], meta
    raise TypeError(f"item {index}: expected str, (id, text) or a dict with 'text', not {type(item).__name__}")


def _resolved(model: str | Path | None) -> Path | None:
    """The model's directory: the bundled one, a given path; None for an installed package name."""
    if model is None:
        return model_path()
    return Path(model).resolve() if Path(model).exists() else None


def load(model: str | Path | None = None, backend: str = "spacy", **kwargs: Any) -> Analyzer:
    """Load an Analyzer: the bundled model by default, or a spaCy model path/name."""
    if backend == "stanza":
        from .stanza_backend import load_stanza

        return Analyzer(load_stanza(model, **kwargs), backend="stanza",  # raises clearly without models
                        path=_resolved(model))
    if backend != "spacy":
        raise ValueError(f"unknown backend {backend!r}: use 'spacy' or 'stanza'")
    path = _resolved(model)
    nlp = spacy.load(path if path is not None else model, **kwargs)
    return Analyzer(nlp, backend="spacy", path=path)


_shared: dict[tuple[str | None, str, str], Analyzer] = {}
_shared_lock = threading.Lock()


def shared_analyzer(model: str | Path | None = None, backend: str = "spacy", **kwargs: Any) -> Analyzer:
    """This process's one analyzer for ``(model, backend, kwargs)``, loaded on first use.

    Every cache of loaded analyzers in lvnews (``lvnews.analyze``, batch workers, the
    service) goes through here, so one process never holds the same model twice.
    The returned analyzer is safe to share between threads (see ``Analyzer``).
    """
    key = (None if model is None else str(model), backend, repr(sorted(kwargs.items())))
    analyzer = _shared.get(key)
    if analyzer is None:
        with _shared_lock:
            analyzer = _shared.get(key)
            if analyzer is None:
                analyzer = _shared[key] = load(model, backend=backend, **kwargs)
    return analyzer


def shared_analyzers() -> list[tuple[str | None, str, str]]:
    """The keys of the analyzers this process holds (tests check where models live)."""
    return sorted(_shared, key=str)
