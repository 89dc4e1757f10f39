"""The Analyzer: a loaded spaCy pipeline plus the article-level logic.

``lvnews.load()`` finds the bundled model, ``Analyzer.analyze()`` turns an
article into the record contract. The spaCy ``Language`` stays reachable as
``Analyzer.nlp`` for spaCy users; records are the public product.

Articles are analysed paragraph by paragraph: memory stays bounded for huge
inputs, a Russian quote can be skipped without skipping its article, and
offsets map back to the text exactly as given. The rules that read the whole
article (``ARTICLE_FACTORIES``) then run on its paragraphs merged into one Doc.
"""

from __future__ import annotations

import itertools
from collections import deque
import threading
import time
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .version import __version__
from .article import Block, Chunk, chunks_of, extract_html, extract_html_metadata, split_article
from .convert import TextMap, doc_to_article
from .inputs import approx_words, coerce_text, normalize_item  # noqa: F401  (public here too)
from .model_paths import MODEL_NAME, model_path, resolved_model  # noqa: F401  (model_path: public here too)
from .language import LanguageGuess, article_language, detect_language, language_code, looks_latvian
from .records import Article, Paragraph
from .times import find_times, published_date
from . import entities as _entities  # noqa: F401  (registers components)
from .entities import acronyms as _entity_acronyms  # noqa: F401
from .entities import component as _entity_component  # noqa: F401
from .entities import gazetteer as _entity_gazetteer  # noqa: F401
from . import embed as _embed  # noqa: F401  (registers lvnews.HashCharEmbed.v1)
from .entities import money as _entity_money  # noqa: F401
from .entities import names as _entity_names  # noqa: F401
from . import sentences as _sentences  # noqa: F401

# Components that read the whole article, not one paragraph: acronyms defined in
# one paragraph and used in the next, a person named in full and later by surname,
# a bare "tīklā" that refers to a network named earlier. From the first of them on,
# the pipeline runs on the article's paragraphs merged into one Doc.
ARTICLE_FACTORIES = ("lvnews_acronyms", "lvnews_entity_normalizer", "lvnews_quantity", "lvnews_member_count",
                     "lvnews_membership", "lvnews_role")
# A group of articles analysed together holds their Docs and records at once:
# bounded by words, so memory follows this bound rather than article length.
GROUP_WORDS = 20_000
# Paragraphs per nlp.pipe batch, however few articles a batch holds.
PIPE_BATCH = 64
# A paragraph is skipped as foreign only when the detector is sure: short
# Latvian lines are easily mistaken for Lithuanian.
FOREIGN_PARAGRAPH_MIN_CHARS = 40
FOREIGN_PARAGRAPH_MIN_SCORE = 0.95


def article_pipes(nlp: Language) -> list[str]:
    """The enabled components that run on the whole article, in order: the first
    of ``ARTICLE_FACTORIES`` and all after it (asked each time: a user may have
    enabled or disabled a component since)."""
    names = nlp.pipe_names
    factories = [nlp.get_pipe_meta(name).factory for name in names]
    first = next((k for k, f in enumerate(factories) if f in ARTICLE_FACTORIES), len(names))
    return names[first:]


def whole_article(nlp: Language, parts: list[Doc], pipes: list[str]) -> Doc:
    """An article's paragraph Docs (run without ``pipes``) merged into one Doc, then ``pipes`` on it.

    The evaluation of entities on gold tokens uses it too, so it scores what ``analyze`` gives.
    """
    doc = Doc.from_docs(parts, exclude=["tensor"]) if len(parts) > 1 else parts[0]
    for name in pipes:
        doc = nlp.get_pipe(name)(doc)
    return doc


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
    def info(self) -> dict[str, Any]:
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
        """Main text of an HTML page (boilerplate removed) -> record.

        Offsets index the extracted text, which is the record's ``text``. The page's
        own metadata (title, date, url, author, sitename, description) fills the
        record's ``metadata`` where the caller gave none, so ``published`` comes from
        the page's date.
        """
        html = coerce_text(html)
        page = {key: value for key, value in extract_html_metadata(html).items() if value}
        return self.analyze(extract_html(html), id=id, metadata={**page, **dict(metadata or {})},
                            force_language=force_language)

    def analyze_many(self, items: Iterable[Any], batch_size: int = 64, n_process: int = 1,
                     force_language: str | None = None, as_tuples: bool = False) -> Iterator[Any]:
        """Stream records, in input order, for texts or dicts with ``text`` (and ``id``).

        Other dict fields (url, date, title, ...) pass through as ``metadata``. With
        ``as_tuples=True`` items are ``(text_or_dict, context)`` pairs and ``(Article,
        context)`` pairs come back, as with spaCy's ``nlp.pipe(as_tuples=True)``.
        ``n_process > 1`` spreads articles over worker processes running this
        analyzer's pipeline as it is (see lvnews.batch.pool): the same records as serial.
        """
        force_language = language_code(force_language)
        if as_tuples:
            yield from self._analyze_pairs(items, batch_size, n_process, force_language)
            return
        normalized = (normalize_item(item, i) for i, item in enumerate(items))
        if n_process > 1:
            from .batch.pool import parallel_analyze

            yield from parallel_analyze(self, normalized, n_process=n_process, batch_size=batch_size,
                                        force_language=force_language)
            return
        yield from self._analyze_stream(normalized, force_language=force_language, batch_size=batch_size)

    def _analyze_pairs(self, pairs: Iterable[Any], batch_size: int, n_process: int,
                       force_language: str | None) -> Iterator[tuple[Article, Any]]:
        # Records come back in input order and inputs are read before their records
        # appear, so contexts wait in a queue rather than travelling with the texts.
        contexts: deque[Any] = deque()

        def items() -> Iterator[Any]:
            for i, pair in enumerate(pairs):
                if not (isinstance(pair, tuple) and len(pair) == 2):
                    raise TypeError(f"item {i}: as_tuples=True takes (text, context) pairs, "
                                    f"not {type(pair).__name__}")
                contexts.append(pair[1])
                yield pair[0]

        for article in self.analyze_many(items(), batch_size=batch_size, n_process=n_process,
                                         force_language=force_language):
            yield article, contexts.popleft()

    # -- internals --------------------------------------------------------
    def _analyze_stream(self, items: Iterable[tuple[str | None, Any, Mapping | None]],
                        force_language: str | None = None, batch_size: int = 64) -> Iterator[Article]:
        """Records in input order; the paragraphs of a group of articles (at most
        ``batch_size`` articles and :data:`GROUP_WORDS` words) share one ``nlp.pipe``:
        spaCy's networks are fast on batches and slow one short paragraph at a time.
        """
        force_language = language_code(force_language)
        group: list[tuple[str | None, Any, Mapping | None]] = []
        words = 0
        for item in items:
            group.append(item)
            words += approx_words(item[1])
            if len(group) >= batch_size or words >= GROUP_WORDS:
                yield from self._analyze_group(group, force_language, batch_size)
                group, words = [], 0
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
        prepared: list[tuple[Article, list[Chunk], float]] = []
        for id_, text, metadata in group:
            started = time.perf_counter()
            article, chunks = self._prepare(id_, coerce_text(text), dict(metadata or {}), force_language)
            prepared.append((article, chunks, time.perf_counter() - started))
        pipes = article_pipes(self.nlp)
        texts = (c.text for _, chunks, _ in prepared for c in chunks)
        # However few articles a group has, their paragraphs go through the networks
        # in batches: one request alone was parsed a paragraph at a time (+40% time).
        docs = iter(self.nlp.pipe(texts, batch_size=max(batch_size, PIPE_BATCH), disable=pipes))
        done = []
        for article, chunks, seconds in prepared:
            started = time.perf_counter()
            if chunks:
                parts = list(itertools.islice(docs, len(chunks)))
                doc = whole_article(self.nlp, parts, pipes)
                article = doc_to_article(article, doc, TextMap.of(doc, parts, chunks))
            article.meta["seconds"] = round(seconds + time.perf_counter() - started, 4)
            done.append(article)
        return done

    def base_meta(self) -> dict[str, Any]:
        """``meta`` every record of this analyzer carries (version, model, backend), failed ones too."""
        return {"lvnews_version": __version__, "model": dict(self.model_info), "backend": self.backend}

    def _prepare(self, id_: str | None, text: str, metadata: dict,
                 force_language: str | None) -> tuple[Article, list[Chunk]]:
        """The article's record without analysis, and the body chunks to analyse."""
        guess = LanguageGuess(force_language, 1.0) if force_language else article_language(text)
        blocks = split_article(text)
        section = next((text[b.start:b.end] for b in blocks if b.kind == "section"), None)
        captions = [text[b.start:b.end] for b in blocks if b.kind == "caption"]
        body = [b for b in blocks if b.kind == "paragraph"]
        published = published_date(metadata)
        article = Article(id=id_, language=guess.code, language_score=round(guess.score, 4), text=text,
                          section=section, captions=captions, metadata=metadata, meta=self.base_meta(),
                          published=published.isoformat() if published else None)
        analyse = guess.code == "lv"
        if analyse:
            article.times = find_times(text, published)
        chunks: list[Chunk] = []
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


def load(model: str | Path | None = None, backend: str = "spacy", **kwargs: Any) -> Analyzer:
    """Load an Analyzer: the bundled model by default, or a spaCy model path/name."""
    if backend == "stanza":
        from .stanza_backend import load_stanza

        return Analyzer(load_stanza(model, **kwargs), backend="stanza",  # raises clearly without models
                        path=resolved_model(model))
    if backend != "spacy":
        raise ValueError(f"unknown backend {backend!r}: use 'spacy' or 'stanza'")
    path = resolved_model(model)
    nlp = spacy.load(path if path is not None else model, **kwargs)
    return Analyzer(nlp, backend="spacy", path=path)


_shared: dict[tuple[str, str, str], Analyzer] = {}
_shared_lock = threading.Lock()


def shared_analyzer(model: str | Path | None = None, backend: str = "spacy", **kwargs: Any) -> Analyzer:
    """This process's one analyzer for ``(model, backend, kwargs)``, loaded on first use.

    Every cache of loaded analyzers in lvnews (``lvnews.analyze``, batch workers, the
    service) goes through here, so one process never holds the same model twice.
    The returned analyzer is safe to share between threads (see ``Analyzer``).
    """
    # The bundled model named or left out is one model: key on where it is loaded from.
    where = resolved_model(model)
    key = (str(where if where is not None else model), backend, repr(sorted(kwargs.items())))
    analyzer = _shared.get(key)
    if analyzer is None:
        with _shared_lock:
            analyzer = _shared.get(key)
            if analyzer is None:
                analyzer = _shared[key] = load(model, backend=backend, **kwargs)
    return analyzer


def shared_analyzers() -> list[tuple[str, str, str]]:
    """The keys of the analyzers this process holds (tests check where models live)."""
    return sorted(_shared, key=str)
