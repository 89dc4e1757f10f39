"""One article in, one record out: tasks, outcomes, and the one way a failure becomes a record.

Every engine (this process, the process pool, Dask, the HTTP service) turns a
failed article into a record with :func:`error_record` and serializes records
with :func:`render_article`, so an error looks the same whichever path found it.
"""

from __future__ import annotations

import builtins
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping

if TYPE_CHECKING:
    from ..analyzer import Analyzer
    from ..records import Article

RENDERS = ("article", "dict", "jsonl", "conllu")
# Columns of a record as a flat row (Dask/Spark DataFrames, Parquet): nested
# fields travel as JSON strings so that every partition has the same schema.
RECORD_COLUMNS = ("id", "language", "language_score", "text", "section", "captions", "paragraphs",
                  "sentences", "entities", "facts", "metadata", "meta", "error")
JSON_COLUMNS = ("captions", "paragraphs", "sentences", "entities", "facts", "metadata", "meta")

WORKER_DIED = "WorkerDied: the worker process analysing this article was killed twice (out of memory?)"


def timed_out(seconds: float) -> str:
    """The error of an article whose analysis ran past ``--timeout``."""
    return f"TimeoutError: analysis took longer than {seconds:g} s; the worker was stopped"


@dataclass(slots=True)
class Task:
    """One article on its way to a worker: what was read, or why reading failed.

    ``position`` is how many input bytes had been read when the task was made,
    which is what the progress bar's ETA is computed from.
    """

    id: str | None
    text: Any
    metadata: dict[str, Any] = field(default_factory=dict)
    html: bool = False
    error: str | None = None
    position: int = 0


@dataclass(slots=True)
class Outcome:
    """One article's result: the record (an Article, a dict, or its serialized
    JSONL/CoNLL-U bytes, rendered in the worker so the parent only writes) and
    the counts the progress bar needs."""

    id: str | None
    payload: Any
    words: int = 0
    error: str | None = None
    position: int = 0


class BatchError(RuntimeError):
    """An article failed in a worker and the caller asked for exceptions, not error records."""


def error_message(exc: BaseException) -> str:
    """``"<ExceptionType>: message"`` on one line, the form of ``Article.error``."""
    message = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def scrub(value: Any) -> Any:
    """``value`` with unencodable characters (lone surrogates from JSON escapes)
    replaced, so that an error record can always be written."""
    if isinstance(value, str):
        return value.encode("utf-8", "replace").decode("utf-8")
    if isinstance(value, Mapping):
        return {scrub(k): scrub(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [scrub(v) for v in value]
    return value


def error_record(analyzer: Analyzer, error: str, id: str | None = None, text: Any = None,
                 metadata: Mapping[str, Any] | None = None, seconds: float = 0.0) -> Article:
    """The record of an article that failed: language ``und``, ``error`` set.

    The one builder of error records: in-process, in a worker, in the parent
    for a worker that died or timed out, and in the service's ``/v1/batch``.
    """
    from ..records import Article

    text = text if isinstance(text, str) else ""
    meta = {**analyzer.base_meta(), "seconds": round(seconds, 4)}  # same meta as a good record
    return Article(id=id, language="und", language_score=0.0, text=scrub(text), error=scrub(error),
                   metadata=scrub(dict(metadata or {})), meta=meta)


def render_article(article: Article, render: str) -> Any:
    """The payload for ``render``: ``article`` (the pydantic record), ``dict``
    (JSON-ready), ``jsonl`` or ``conllu`` (UTF-8 bytes, via ``formats.to_conllu``
    for good and error records alike).

    An error record whose metadata cannot be serialized is written without its
    text and metadata rather than not at all.
    """
    if render not in RENDERS:
        raise ValueError(f"unknown render {render!r}: use one of {', '.join(RENDERS)}")
    try:
        return _render(article, render)
    except Exception:  # noqa: BLE001 - see the docstring; a good record's failure is the caller's
        if article.error is None:
            raise
        return _render(article.model_copy(update={"text": "", "metadata": {}}), render)


def _render(article: Article, render: str) -> Any:
    if render == "article":
        return article
    if render == "dict":
        return article.model_dump(mode="json")
    if render == "jsonl":
        return article.model_dump_json().encode("utf-8") + b"\n"
    if render == "conllu":
        from ..formats import to_conllu

        return to_conllu(article).encode("utf-8")
    raise AssertionError(render)  # render_article checked it


def error_render_of(options: Mapping[str, Any]) -> str:
    """The form error records take under ``options`` (``annotate_task``'s keyword options)."""
    return options.get("error_render") or options.get("render", "article")


def failure(analyzer: Analyzer, task: Task, error: str, render: str, seconds: float = 0.0) -> Outcome:
    """The Outcome of a failed article, wherever it failed."""
    record = error_record(analyzer, error, task.id, task.text, task.metadata, seconds)
    return Outcome(task.id, render_article(record, render), 0, error, task.position)


def annotate_task(analyzer: Analyzer, task: Task, render: str = "article", force_language: str | None = None,
                  batch_size: int = 64, error_render: str | None = None) -> Outcome:
    """Analyse one task into an Outcome; any exception becomes an error record.

    ``error_render`` lets error records take another form (JSONL for
    ``--errors`` while OUT is CoNLL-U). ``batch_size`` is accepted for callers
    that pass the batch options through; one article is one ``nlp.pipe`` call.
    """
    started = time.perf_counter()
    error = task.error
    if error is None:
        try:
            article = _analyze(analyzer, task, force_language)
            payload = render_article(article, render)
            words = sum(len(s.tokens) for s in article.sentences)
            return Outcome(task.id, payload, words, None, task.position)
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop a batch
            error = error_message(exc)
    return failure(analyzer, task, error, error_render or render, time.perf_counter() - started)


def _analyze(analyzer: Analyzer, task: Task, force_language: str | None) -> Article:
    # The public calls, so a batch record is what analyze/analyze_html give for the article
    # (analyze_html also takes the page's title and date into metadata).
    if task.html:
        return analyzer.analyze_html(task.text, id=task.id, metadata=task.metadata, force_language=force_language)
    return analyzer.analyze(task.text, id=task.id, metadata=task.metadata, force_language=force_language)


def as_exception(outcome: Outcome) -> Exception:
    """What the serial ``analyze_many`` would have raised for this failed outcome:
    a TypeError or ValueError as such, anything else as :class:`BatchError`."""
    name, _, message = (outcome.error or "").partition(": ")
    exc_type = getattr(builtins, name, None)
    if isinstance(exc_type, type) and issubclass(exc_type, (TypeError, ValueError)):
        try:
            return exc_type(message)
        except Exception:  # noqa: BLE001 - e.g. UnicodeError subclasses need more arguments
            pass
    return BatchError(f"article {outcome.id!r}: {outcome.error}")


def annotate_tasks(analyzer: Analyzer, tasks: Iterable[Task], options: Mapping[str, Any]) -> list[Outcome]:
    """Annotate a chunk of tasks with ``analyzer``: a Dask partition or chunk, a Spark partition.

    The analyzer is the caller's: this package never loads a model, so that
    ``lvnews.analyzer`` can use it without an import circle.
    """
    return [annotate_task(analyzer, task, **options) for task in tasks]


def flatten_record(record: Mapping[str, Any]) -> dict[str, Any]:
    """A record dict as a flat row (:data:`RECORD_COLUMNS`), nested fields as JSON
    strings: the shape of a Dask/Spark DataFrame row, ready for Parquet."""
    row = {name: record.get(name) for name in RECORD_COLUMNS}
    for name in JSON_COLUMNS:
        row[name] = json.dumps(row[name], ensure_ascii=False)
    return row


def comparable(record: dict) -> dict:
    """A record dict without its timing field: what must be identical across runs and engines."""
    record["meta"].pop("seconds", None)
    return record


def read_records(path: str | Path) -> list[dict]:
    """The records of a JSONL output file, comparable across runs (see :func:`comparable`)."""
    return [comparable(json.loads(line)) for line in Path(path).read_text(encoding="utf-8").splitlines()]
