"""Batch annotation: archives in, one record per line out, in input order.

``lvnews annotate`` (:func:`annotate_command`, :func:`annotate`) and
``Analyzer.analyze_many(n_process > 1)`` (:func:`parallel_analyze`) live here.
The parts, in the order the data flows:

* reading (:func:`iter_tasks`): directories, text and HTML files, JSONL, CSV/TSV,
  their ``.gz`` variants and stdin, read lazily so that a 2 GB file is streamed.
  An input that cannot be read becomes a :class:`Task` that already carries its
  error, so one bad article never stops a run;
* annotating (:func:`annotate_task`): one Task -> one :class:`Outcome`, never
  raising; the same function runs in-process, in pool workers and on Dask
  workers, which is why the output does not depend on ``--workers``;
* running (:func:`local_outcomes`, :func:`pool_outcomes`,
  ``lvnews.distributed.client_outcomes``): Outcomes in input order, with a
  bounded number of articles in flight;
* writing (:class:`RecordWriter`) and resuming (:func:`scan_done`): each record
  goes out whole in one write and is flushed, so a kill tears at most the last
  line, which ``--resume`` cuts off before skipping the ids already written.
"""

from __future__ import annotations

import argparse
import builtins
import contextlib
import csv
import gzip
import io
import json
import multiprocessing
import os
import queue
import re
import signal
import sys
import threading
import time
from collections import Counter
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Callable, Iterable, Iterator, Mapping, Sequence

if TYPE_CHECKING:
    from .pipeline import Analyzer
    from .records import Article

DOCUMENT_FORMATS = {".txt": "text", ".html": "html", ".htm": "html"}
TABLE_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "tsv"}
RENDERS = ("article", "dict", "jsonl", "conllu")
# Columns of a record as a flat row (Dask/Spark DataFrames, Parquet): nested
# fields travel as JSON strings so that every partition has the same schema.
RECORD_COLUMNS = ("id", "language", "language_score", "text", "section", "captions", "paragraphs",
                  "sentences", "entities", "facts", "metadata", "meta", "error")
JSON_COLUMNS = ("captions", "paragraphs", "sentences", "entities", "facts", "metadata", "meta")


# ---------------------------------------------------------------------------
# Tasks and outcomes
# ---------------------------------------------------------------------------

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


def describe(exc: BaseException) -> str:
    """``"<ExceptionType>: message"``, the form of ``Article.error``."""
    message = str(exc)
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


# ---------------------------------------------------------------------------
# Annotating one task (runs in whichever process holds the analyzer)
# ---------------------------------------------------------------------------

def annotate_task(analyzer: Analyzer, task: Task, render: str = "article", force_language: str | None = None,
                  batch_size: int = 64, error_render: str | None = None) -> Outcome:
    """Analyse one task into an Outcome; any exception becomes an error record.

    ``render`` is what the payload is: ``article`` (the pydantic record),
    ``dict`` (JSON-ready dict), ``jsonl`` or ``conllu`` (UTF-8 bytes).
    ``error_render`` lets error records take another form (JSONL for
    ``--errors`` while OUT is CoNLL-U).
    """
    started = time.perf_counter()
    error = task.error
    if error is None:
        try:
            article = _analyze(analyzer, task, force_language, batch_size)
            payload = render_article(article, render)
            words = sum(len(s.tokens) for s in article.sentences)
            return Outcome(task.id, payload, words, None, task.position)
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop a batch
            error = describe(exc)
    record = error_record(analyzer, task, error, time.perf_counter() - started)
    return Outcome(task.id, _render_error(record, error_render or render), 0, error, task.position)


def _analyze(analyzer: Analyzer, task: Task, force_language: str | None, batch_size: int) -> Article:
    # The same call analyze_many makes, so parallel records equal serial ones.
    from .article import extract_html
    from .pipeline import coerce_text

    text = extract_html(coerce_text(task.text)) if task.html else task.text
    stream = analyzer._analyze_stream([(task.id, text, task.metadata)], force_language=force_language,
                                      batch_size=batch_size)
    return next(stream)


def error_record(analyzer: Analyzer, task: Task, error: str, seconds: float = 0.0) -> Article:
    """The record of an article that failed: language ``und``, ``error`` set."""
    from .records import Article

    text = task.text if isinstance(task.text, str) else ""
    meta = {**analyzer._base_meta(), "seconds": round(seconds, 4)}  # same meta as a good record
    return Article(id=task.id, language="und", language_score=0.0, text=scrub(text), error=scrub(error),
                   metadata=scrub(dict(task.metadata or {})), meta=meta)


def render_article(article: Article, render: str) -> Any:
    """The payload for ``render`` (see :func:`annotate_task`)."""
    if render == "article":
        return article
    if render == "dict":
        return article.model_dump(mode="json")
    if render == "jsonl":
        return article.model_dump_json().encode("utf-8") + b"\n"
    if render == "conllu":
        from .formats import to_conllu

        return to_conllu(article).encode("utf-8")
    raise ValueError(f"unknown render {render!r}: use one of {', '.join(RENDERS)}")


def _render_error(record: Article, render: str) -> Any:
    if render == "conllu":
        one_line = " ".join((record.error or "").split())
        return f"# newdoc id = {record.id}\n# error = {one_line}\n".encode("utf-8")
    try:
        return render_article(record, render)
    except Exception:  # noqa: BLE001 - metadata that cannot be serialized: drop it, keep the record
        return render_article(record.model_copy(update={"text": "", "metadata": {}}), render)


def flatten_record(record: Mapping[str, Any]) -> dict[str, Any]:
    """A record dict as a flat row (:data:`RECORD_COLUMNS`), nested fields as JSON
    strings: the shape of a Dask/Spark DataFrame row, ready for Parquet."""
    row = {name: record.get(name) for name in RECORD_COLUMNS}
    for name in JSON_COLUMNS:
        row[name] = json.dumps(row[name], ensure_ascii=False)
    return row


# ---------------------------------------------------------------------------
# Analyzers in worker processes: loaded once per process, never pickled
# ---------------------------------------------------------------------------

_ANALYZERS: dict[tuple[str | None, str], Analyzer] = {}
_ANALYSIS_LOCKS: dict[tuple[str | None, str], threading.Lock] = {}
_ANALYZERS_LOCK = threading.Lock()


def worker_analyzer(model: str | None, backend: str = "spacy") -> Analyzer:
    """This process's analyzer for ``model`` (None: the bundled one), loaded on first use."""
    key = (None if model is None else str(model), backend)
    with _ANALYZERS_LOCK:
        if key not in _ANALYZERS:
            from .pipeline import load

            _ANALYZERS[key] = load(model, backend=backend)
            _ANALYSIS_LOCKS[key] = threading.Lock()
        return _ANALYZERS[key]


def analysis_lock(model: str | None, backend: str = "spacy") -> threading.Lock:
    """spaCy pipelines are not documented as thread-safe: threads of one worker take turns."""
    worker_analyzer(model, backend)
    return _ANALYSIS_LOCKS[(None if model is None else str(model), backend)]


def loaded_models() -> list[tuple[str | None, str]]:
    """The (model, backend) pairs loaded in this process (tests check where models live)."""
    return sorted(_ANALYZERS, key=str)


def annotate_chunk(tasks: Sequence[Task], model: str | None, backend: str, options: Mapping[str, Any]) -> list[Outcome]:
    """Annotate tasks with this process's analyzer: the unit of work sent to Dask workers."""
    analyzer = worker_analyzer(model, backend)
    with analysis_lock(model, backend):
        return [annotate_task(analyzer, task, **options) for task in tasks]


# ---------------------------------------------------------------------------
# Running: in-process, or over a multiprocessing pool
# ---------------------------------------------------------------------------

def local_outcomes(tasks: Iterable[Task], analyzer: Analyzer, **options: Any) -> Iterator[Outcome]:
    """Outcomes computed in this process (``--workers 1``)."""
    for task in tasks:
        yield annotate_task(analyzer, task, **options)


_POOL_STATE: dict[str, Any] = {}


def _init_pool_worker(parent: int, model: str | None, backend: str, options: Mapping[str, Any]) -> None:
    """Pool initializer: load the analyzer once for this process's lifetime."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _exit_with_parent(parent)
    _POOL_STATE["analyzer"] = worker_analyzer(model, backend)
    _POOL_STATE["options"] = dict(options)


def _pool_work(task: Task) -> Outcome:
    return annotate_task(_POOL_STATE["analyzer"], task, **_POOL_STATE["options"])


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, killed but not yet reaped, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except OSError:  # no /proc: the signal test is all there is
        return True


def _exit_with_parent(parent: int, interval: float = 1.0) -> None:
    """End this worker when the process that started the pool dies.

    A SIGKILLed parent leaves executor workers blocked forever on their task
    queue (they hold both of its ends), and the forkserver that forked them
    stays up as long as they do, so neither EOF nor re-parenting tells them;
    a daemon thread watches the parent's pid instead.
    """

    def watch() -> None:
        while True:
            time.sleep(interval)
            if not _alive(parent):
                os._exit(1)

    threading.Thread(target=watch, name="lvnews-parent-watch", daemon=True).start()


def _context() -> multiprocessing.context.BaseContext:
    """forkserver where there is one (a clean, single-threaded parent to fork
    from, with spaCy imported once), else spawn; never plain fork from a
    process that may hold threads and a loaded model."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["lvnews.pipeline"])
        return ctx
    return multiprocessing.get_context("spawn")


WORKER_DIED = "WorkerDied: the worker process analysing this article was killed (out of memory?)"


class _WorkerPool:
    """Worker processes that survive one of them dying.

    ``multiprocessing.Pool`` replaces a killed worker (the OOM killer's choice
    on a huge article) but waits forever for the work it held. A
    ``ProcessPoolExecutor`` fails those futures with ``BrokenProcessPool``
    instead; this class then starts a fresh executor and re-runs the lost
    chunk one article at a time, so only the article that kills a worker
    again gets an error record.
    """

    def __init__(self, processes: int, model: str | None, backend: str, options: Mapping[str, Any]) -> None:
        self._args = (processes, model, backend, dict(options))
        self._lock = threading.Lock()
        self._generation = 0
        self._executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        processes, model, backend, options = self._args
        return ProcessPoolExecutor(processes, mp_context=_context(), initializer=_init_pool_worker,
                                   initargs=(os.getpid(), model, backend, options))

    def submit(self, chunk: list[Task]) -> tuple[Future, int]:
        """Send a chunk to the current executor; a broken one gives an already failed future."""
        with self._lock:
            try:
                return self._executor.submit(_pool_chunk, chunk), self._generation
            except BrokenProcessPool as exc:
                future: Future = Future()
                future.set_exception(exc)
                return future, self._generation

    def outcomes(self, chunk: list[Task], future: Future, generation: int) -> list[Outcome]:
        try:
            return future.result()
        except BrokenProcessPool:
            return [self._alone(task, generation) for task in chunk]

    def _alone(self, task: Task, generation: int) -> Outcome:
        """One article on a working executor; a second death makes it an error record."""
        for attempt in (task, replace(task, error=WORKER_DIED)):
            generation = self._restart_if(generation)
            future, generation = self.submit([attempt])
            try:
                return future.result()[0]
            except BrokenProcessPool:
                continue
        raise BatchError(f"article {task.id!r}: worker processes keep dying, even to write its error record")

    def _restart_if(self, generation: int) -> int:
        """A fresh executor if the one of ``generation`` is still the current (broken) one."""
        with self._lock:
            if generation == self._generation:
                self._executor.shutdown(wait=False, cancel_futures=True)
                self._executor = self._start()
                self._generation += 1
            return self._generation

    def close(self, finished: bool) -> None:
        """Wait for the workers after a complete run; otherwise stop them now."""
        with self._lock:
            executor = self._executor
        if not finished:
            # No public way to stop running work: an abandoned run must not
            # keep two cores busy, so the workers are killed.
            for proc in list(getattr(executor, "_processes", {}).values()):
                proc.kill()
        executor.shutdown(wait=finished, cancel_futures=True)


def _pool_chunk(chunk: list[Task]) -> list[Outcome]:
    return [_pool_work(task) for task in chunk]


def task_chunks(tasks: Iterable[Task], size: int) -> Iterator[list[Task]]:
    """Consecutive lists of ``size`` tasks (the last may be shorter): the unit sent to a
    pool worker here and to a Dask worker in ``distributed``."""
    iterator = iter(tasks)
    while chunk := list(islice(iterator, size)):
        yield chunk


_END = object()


def _put(ahead: queue.Queue, item: Any, stop: threading.Event) -> bool:
    """Queue ``item`` unless the consumer has stopped listening."""
    while not stop.is_set():
        try:
            ahead.put(item, timeout=0.2)
            return True
        except queue.Full:
            continue
    return False


def _feed(tasks: Iterable[Task], batch_size: int, pool: _WorkerPool, ahead: queue.Queue,
          stop: threading.Event) -> None:
    """Read and submit chunks in input order (a thread: reading stdin may block
    while finished records still have to be written)."""
    try:
        for chunk in task_chunks(tasks, batch_size):
            if not _put(ahead, (chunk, *pool.submit(chunk)), stop):
                return
        _put(ahead, _END, stop)
    except BaseException as exc:  # noqa: BLE001 - a reading error is the consumer's to raise
        _put(ahead, exc, stop)


def pool_outcomes(tasks: Iterable[Task], *, model: str | None, backend: str = "spacy", processes: int = 2,
                  batch_size: int = 16, **options: Any) -> Iterator[Outcome]:
    """Outcomes from ``processes`` worker processes, in input order.

    Each worker loads the analyzer once (the initializer) and gets
    ``batch_size`` articles at a time; at most ``2 * processes + 1`` chunks
    are read ahead or waiting to be written, which bounds memory. A worker
    that dies costs a restart, not the run (:class:`_WorkerPool`).
    """
    options = {**options, "batch_size": batch_size}
    pool = _WorkerPool(processes, model, backend, options)
    ahead: queue.Queue = queue.Queue(maxsize=2 * processes + 1)
    stop = threading.Event()
    feeder = threading.Thread(target=_feed, args=(tasks, batch_size, pool, ahead, stop),
                              name="lvnews-batch-feeder", daemon=True)
    feeder.start()
    finished = False
    try:
        while (item := ahead.get()) is not _END:
            if isinstance(item, BaseException):
                raise item
            yield from pool.outcomes(*item)
        finished = True
    finally:
        stop.set()
        pool.close(finished)


def model_location(analyzer: Analyzer) -> str:
    """Where worker processes load ``analyzer``'s model from (its directory)."""
    path = getattr(analyzer.nlp, "path", None)
    if path is None:
        raise ValueError("n_process > 1 needs an analyzer loaded from a model directory: "
                         "each worker process loads the model from there")
    return str(path)


def parallel_analyze(analyzer: Analyzer, items: Iterable[tuple[str | None, Any, Mapping | None]],
                     n_process: int = 2, batch_size: int = 64,
                     force_language: str | None = None) -> Iterator[Article]:
    """``Analyzer.analyze_many(n_process > 1)``: records in input order from worker processes.

    Workers load the model from ``analyzer``'s directory once each, so only
    texts and records cross process boundaries. Like the serial path, a bad
    item raises (a TypeError or ValueError is re-raised as such; anything else
    as :class:`BatchError`) after the records before it have been yielded.
    """
    tasks = (Task(id_, text, dict(metadata or {})) for id_, text, metadata in items)
    for outcome in pool_outcomes(tasks, model=model_location(analyzer), backend=analyzer.backend,
                                 processes=n_process, batch_size=batch_size, render="article",
                                 force_language=force_language):
        if outcome.error is not None:
            raise _as_exception(outcome)
        yield outcome.payload


def _as_exception(outcome: Outcome) -> Exception:
    name, _, message = (outcome.error or "").partition(": ")
    exc_type = getattr(builtins, name, None)
    if isinstance(exc_type, type) and issubclass(exc_type, (TypeError, ValueError)):
        try:
            return exc_type(message)
        except Exception:  # noqa: BLE001 - e.g. UnicodeError subclasses need more arguments
            pass
    return BatchError(f"article {outcome.id!r}: {outcome.error}")


# ---------------------------------------------------------------------------
# Reading inputs (lazily)
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Source:
    """One input file, or stdin (``path`` None), and how to read it."""

    path: Path | None
    ident: str  # id of a document; prefix of line ids ("news.jsonl:17")
    fmt: str  # text, html, jsonl, csv, tsv; "" for stdin: sniffed
    gz: bool
    size: int


def format_of(name: str) -> tuple[str, bool]:
    """(format, gzipped) from a file name; unknown suffixes are plain text."""
    lower = name.lower()
    gz = lower.endswith(".gz")
    suffix = os.path.splitext(lower.removesuffix(".gz"))[1]
    return DOCUMENT_FORMATS.get(suffix) or TABLE_FORMATS.get(suffix) or "text", gz


def _walk(root: Path) -> Iterator[Path]:
    """Text and HTML files (and their .gz) under ``root``, sorted, without listing the tree first."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            if os.path.splitext(name.lower().removesuffix(".gz"))[1] in DOCUMENT_FORMATS:
                yield Path(dirpath) / name


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def iter_sources(inputs: Sequence[str]) -> Iterator[Source]:
    """The files behind the inputs, in order.

    A file's id is its path relative to the directory input it was found in,
    or, when there are several inputs, the path as given (``a/x.txt``,
    ``b/x.txt``): two archives with the same layout must not share ids, or
    ``--resume`` would skip one's articles as done.
    """
    several = len(inputs) > 1
    for name in inputs:
        if name == "-":
            yield Source(None, "stdin", "", False, 0)
            continue
        path = Path(name)
        if path.is_dir():
            for file in _walk(path):
                relative = file.relative_to(path)
                ident = (path / relative if several else relative).as_posix()
                yield Source(file, ident, *format_of(file.name), _size(file))
        else:
            yield Source(path, name, *format_of(path.name), _size(path))


def check_inputs(inputs: Sequence[str]) -> None:
    """Refuse missing inputs before any work starts (a usage error, not a bad article)."""
    if list(inputs).count("-") > 1:
        raise ValueError("'-' (stdin) can be given once")
    missing = [name for name in inputs if name != "-" and not Path(name).exists()]
    if missing:
        raise FileNotFoundError(f"no such input: {', '.join(missing)}")


def input_size(inputs: Sequence[str]) -> int | None:
    """Total bytes of the inputs (for the ETA); None when stdin is one of them."""
    if "-" in inputs:
        return None
    return sum(source.size for source in iter_sources(inputs))


def iter_tasks(inputs: Sequence[str], id_field: str = "id", text_field: str = "text",
               stdin: BinaryIO | None = None) -> Iterator[Task]:
    """Tasks from every input in order, read lazily: one file, one line or one
    row at a time. Unreadable inputs become error tasks."""
    offset = 0
    for source in iter_sources(inputs):
        yield from _source_tasks(source, (id_field, text_field), offset, stdin)
        offset += source.size


def _failed(ident: str | None, exc: BaseException, position: int = 0, text: Any = "",
            metadata: dict | None = None) -> Task:
    return Task(ident, text, metadata or {}, error=describe(exc), position=position)


def _source_tasks(source: Source, fields: tuple[str, str], offset: int,
                  stdin: BinaryIO | None) -> Iterator[Task]:
    try:
        with contextlib.ExitStack() as stack:
            if source.path is None:
                raw = stdin or sys.stdin.buffer
            else:
                raw = stack.enter_context(open(source.path, "rb"))
            stream = _gunzip(raw, source, stack)
            fmt = source.fmt or _sniff(stream)

            def position() -> int:
                return offset + _tell(raw)

            if not stream.peek(1):
                yield _failed(source.ident, ValueError("empty file"), offset + source.size)
            elif fmt in ("text", "html"):
                yield _document_task(stream.read(), source.ident, fmt == "html", position())
            elif fmt == "jsonl":
                yield from _jsonl_tasks(stream, source.ident, fields, position)
            else:
                yield from _csv_tasks(stream, source.ident, "\t" if fmt == "tsv" else ",", fields, position)
    except Exception as exc:  # noqa: BLE001 - unreadable file, truncated .gz: a record, then the next input
        yield _failed(source.ident, exc, offset + source.size)


def _gunzip(raw: BinaryIO, source: Source, stack: contextlib.ExitStack) -> Any:
    gz = source.gz or (source.path is None and raw.peek(2)[:2] == b"\x1f\x8b")
    return stack.enter_context(gzip.GzipFile(fileobj=raw, mode="rb")) if gz else raw


def _sniff(stream: Any) -> str:
    """stdin's format from its first bytes: JSONL, HTML or one plain text."""
    head = stream.peek(256).lstrip()[:1]
    return "jsonl" if head == b"{" else "html" if head == b"<" else "text"


def _tell(raw: BinaryIO) -> int:
    try:
        return raw.tell()
    except (OSError, ValueError):  # pipes
        return 0


def _document_task(data: bytes, ident: str, html: bool, position: int) -> Task:
    from .pipeline import coerce_text

    try:
        return Task(ident, coerce_text(data), {}, html=html, position=position)
    except ValueError as exc:
        return _failed(ident, exc, position)


def _record_task(obj: Mapping[str, Any], default_id: str, fields: tuple[str, str], position: int) -> Task:
    """A JSONL object or CSV row: id and text from their fields, the rest is metadata."""
    id_field, text_field = fields
    raw_id = obj.get(id_field)
    ident = default_id if raw_id is None or raw_id == "" else str(raw_id)
    metadata = {k: v for k, v in obj.items() if k not in fields}
    if text_field not in obj:
        return _failed(ident, ValueError(f"no {text_field!r} field"), position, metadata=metadata)
    return Task(ident, obj[text_field], metadata, position=position)


def _jsonl_tasks(stream: BinaryIO, source: str, fields: tuple[str, str],
                 position: Callable[[], int]) -> Iterator[Task]:
    for lineno, raw in enumerate(stream, 1):
        if raw.strip():
            yield _jsonl_task(raw, lineno, source, fields, position())


def _jsonl_task(raw: bytes, lineno: int, source: str, fields: tuple[str, str], position: int) -> Task:
    ident = f"{source}:{lineno}"
    try:
        line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
    except UnicodeDecodeError as err:
        return _failed(ident, ValueError(f"line {lineno} is not valid UTF-8 (byte {err.start})"), position)
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return _failed(ident, exc, position)
    if not isinstance(obj, dict):
        return _failed(ident, TypeError(f"line {lineno} is a JSON {type(obj).__name__}, not an object"), position)
    return _record_task(obj, ident, fields, position)


def _csv_tasks(stream: BinaryIO, source: str, delimiter: str, fields: tuple[str, str],
               position: Callable[[], int]) -> Iterator[Task]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # article texts are longer than csv's 128 KB default
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")
    reader = csv.reader(text, delimiter=delimiter)
    header = next(reader, None)
    if header is None:
        return
    if fields[1] not in header:
        yield _failed(source, ValueError(f"no {fields[1]!r} column in the header ({', '.join(header)})"),
                      position())
        return
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield _failed(f"{source}:{line}", exc, position())
            continue
        if row:
            yield _row_task(row, header, f"{source}:{line}", fields, position())


def _row_task(row: list[str], header: list[str], ident: str, fields: tuple[str, str], position: int) -> Task:
    if len(row) != len(header):
        return _failed(ident, ValueError(f"row has {len(row)} fields, the header {len(header)}"), position)
    try:
        "".join(row).encode("utf-8")
    except UnicodeEncodeError:  # bytes that were not UTF-8, kept as surrogate escapes
        return _failed(ident, ValueError("row is not valid UTF-8"), position)
    return _record_task(dict(zip(header, row)), ident, fields, position)


def skip_done(tasks: Iterable[Task], done: Counter, skipped: list[int]) -> Iterator[Task]:
    """Drop tasks whose id is already written (``--resume``); a Counter, so a
    repeated id is skipped as many times as it was written. ``skipped[0]`` counts."""
    for task in tasks:
        if done[task.id] > 0:
            done[task.id] -= 1
            skipped[0] += 1
            continue
        yield task


# ---------------------------------------------------------------------------
# Writing and resuming
# ---------------------------------------------------------------------------

class RecordWriter:
    """Appends records, each in one write and flushed at once: a kill can tear
    only the last one. ``-`` is stdout."""

    def __init__(self, path: str, append: bool = False) -> None:
        self.path = path
        if path == "-":
            self._file: Any = sys.stdout.buffer
        else:
            self._file = open(path, "ab" if append else "wb", buffering=0)

    def write(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            written = self._file.write(view)
            view = view[written if written is not None else 0:]
        if self.path == "-":
            self._file.flush()

    def close(self) -> None:
        if self.path == "-":
            self._file.flush()
            return
        with contextlib.suppress(OSError):
            os.fsync(self._file.fileno())
        self._file.close()


_JSONL_ID = re.compile(rb'^\{"id":(null|"(?:[^"\\]|\\.)*")')


def _jsonl_id(line: bytes) -> tuple[bool, str | None]:
    """(whole record?, its id). Our lines start with ``{"id":``, so the id is read
    without parsing a whole (possibly large) record."""
    if not line.endswith(b"}\n"):
        return False, None
    match = _JSONL_ID.match(line)
    if match:
        return True, json.loads(match.group(1))
    try:
        obj = json.loads(line)
    except ValueError:
        return False, None
    return isinstance(obj, dict), obj.get("id") if isinstance(obj, dict) else None


def comparable(record: dict) -> dict:
    """A record dict without its timing field: what must be identical across runs and engines."""
    record["meta"].pop("seconds", None)
    return record


def read_records(path: str | Path) -> list[dict]:
    """The records of a JSONL output file, comparable across runs (see :func:`comparable`)."""
    return [comparable(json.loads(line)) for line in Path(path).read_text(encoding="utf-8").splitlines()]


def scan_jsonl(path: str | Path) -> Counter:
    """Ids of the whole records in a JSONL file; a torn last line (the process
    was killed mid-write) is cut off so appending starts on a fresh line."""
    done: Counter = Counter()
    path = Path(path)
    if not path.exists():
        return done
    pos, torn_at = 0, None
    with open(path, "rb") as f:
        for line in f:
            whole, ident = _jsonl_id(line)
            if whole:
                done[ident] += 1
                torn_at = None
            elif torn_at is None:
                torn_at = pos
            pos += len(line)
    if torn_at is not None:
        os.truncate(path, torn_at)
    return done


_NEWDOC = b"# newdoc id = "


def scan_conllu(path: str | Path) -> Counter:
    """Ids of the documents in a CoNLL-U file. A document spans many lines and a
    tear at a line end can't be told from its end, so the last document is
    always cut off and redone."""
    done: Counter = Counter()
    path = Path(path)
    if not path.exists():
        return done
    pos, last_start, last_id = 0, 0, None
    with open(path, "rb") as f:
        for line in f:
            if line.startswith(_NEWDOC) and line.endswith(b"\n"):
                if last_id is not None:
                    done[last_id] += 1
                last_start, last_id = pos, line[len(_NEWDOC):].rstrip(b"\n").decode("utf-8", "replace")
            pos += len(line)
    os.truncate(path, last_start)
    return done


def scan_done(output: str, errors: str | None, fmt: str) -> Counter:
    """What a previous run wrote (OUT, and ERR when errors go there), repairing torn tails."""
    done = scan_conllu(output) if fmt == "conllu" else scan_jsonl(output)
    if errors:
        done.update(scan_jsonl(errors))
    return done


# ---------------------------------------------------------------------------
# Progress and summary
# ---------------------------------------------------------------------------

class Progress:
    """Progress on stderr: input bytes for the ETA (when the size is known),
    with articles/s, words/s and failures alongside."""

    def __init__(self, total: int | None, enabled: bool) -> None:
        self.articles = self.words = self.errors = 0
        self.started = time.perf_counter()
        self._bar = None
        self._shown = 0
        self._postfix_at = 0.0
        if enabled:
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit="B", unit_scale=True, unit_divisor=1024, file=sys.stderr,
                             dynamic_ncols=True, mininterval=0.5, desc="annotate")

    def add(self, outcome: Outcome) -> None:
        self.articles += 1
        self.words += outcome.words
        self.errors += outcome.error is not None
        if self._bar is None:
            return
        if outcome.position > self._shown:
            self._bar.update(outcome.position - self._shown)
            self._shown = outcome.position
        now = time.perf_counter()
        if now - self._postfix_at >= 0.5:
            self._postfix_at = now
            self._bar.set_postfix_str(self._rates(now), refresh=False)

    def _rates(self, now: float) -> str:
        seconds = max(now - self.started, 1e-9)
        return (f"{self.articles} articles, {self.articles / seconds:.1f} articles/s, "
                f"{self.words / seconds:.0f} words/s, {self.errors} errors")

    def close(self) -> None:
        if self._bar is not None:
            self._bar.set_postfix_str(self._rates(time.perf_counter()), refresh=False)
            self._bar.close()


@dataclass
class Summary:
    """What a run did; ``line()`` is the summary printed at the end."""

    articles: int = 0
    words: int = 0
    errors: int = 0
    skipped: int = 0
    seconds: float = 0.0
    output: str = ""

    def line(self) -> str:
        rate = self.articles / self.seconds if self.seconds else 0.0
        wrate = self.words / self.seconds if self.seconds else 0.0
        skipped = f", {self.skipped} already done" if self.skipped else ""
        return (f"lvnews annotate: {self.articles} articles, {self.errors} failed{skipped}; "
                f"{self.seconds:.1f} s, {rate:.1f} articles/s, {wrate:.0f} words/s -> {self.output}")


# ---------------------------------------------------------------------------
# The annotate command
# ---------------------------------------------------------------------------

@dataclass
class AnnotateOptions:
    """The ``lvnews annotate`` arguments, for calling it from Python (benchmarks, tests)."""

    inputs: list[str]
    output: str
    workers: int = 1
    batch_size: int = 16
    resume: bool = False
    errors: str | None = None
    format: str = "jsonl"
    quiet: bool = False
    strict: bool = False
    id_field: str = "id"
    text_field: str = "text"
    dask: str | None = None
    force_language: str | None = None
    model: str | None = None
    backend: str = "spacy"
    progress: bool | None = None  # None: when stderr is a terminal and not quiet

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> AnnotateOptions:
        names = cls.__dataclass_fields__
        return cls(**{k: v for k, v in vars(args).items() if k in names})


def resolve_workers(workers: int) -> int:
    """``0`` is all cores (those this process may run on)."""
    if workers < 0:
        raise ValueError("--workers must be 0 (all cores) or more")
    if workers == 0:
        try:
            return len(os.sched_getaffinity(0))
        except AttributeError:
            return os.cpu_count() or 1
    return workers


def _worker_model(model: str | None) -> str | None:
    # A model directory given relative to here must be found by workers elsewhere.
    if model is not None and Path(model).exists():
        return str(Path(model).resolve())
    return model


def _validate(options: AnnotateOptions) -> None:
    check_inputs(options.inputs)
    if options.batch_size < 1:
        raise ValueError("--batch-size must be at least 1")
    if options.format not in ("jsonl", "conllu"):
        raise ValueError("--format is jsonl or conllu")
    if options.output == "-" and options.resume:
        raise ValueError("--resume needs an output file, not stdout")
    resolve_workers(options.workers)


def outcomes_for(options: AnnotateOptions, tasks: Iterable[Task],
                 analyzer: Analyzer | None = None) -> Iterator[Outcome]:
    """The engine for the options: a Dask cluster, a process pool, or this process."""
    common = {"render": options.format, "error_render": "jsonl" if options.errors else options.format,
              "force_language": options.force_language, "batch_size": options.batch_size}
    model = _worker_model(options.model)
    if options.dask:
        from .distributed import client_outcomes

        return client_outcomes(options.dask, tasks, model=model, backend=options.backend, **common)
    processes = resolve_workers(options.workers)
    if processes > 1:
        return pool_outcomes(tasks, model=model, backend=options.backend, processes=processes, **common)
    if analyzer is None:
        from .pipeline import load

        analyzer = load(options.model, backend=options.backend)
    return local_outcomes(tasks, analyzer, **common)


def annotate(options: AnnotateOptions, analyzer: Analyzer | None = None) -> Summary:
    """Run ``lvnews annotate``: read, annotate, write in order; return the summary.

    ``analyzer`` is used for ``workers == 1`` instead of loading one.
    """
    _validate(options)
    started = time.perf_counter()
    done = scan_done(options.output, options.errors, options.format) if options.resume else Counter()
    skipped = [0]
    tasks = skip_done(iter_tasks(options.inputs, options.id_field, options.text_field), done, skipped)
    show = options.progress if options.progress is not None else (not options.quiet and sys.stderr.isatty())
    progress = Progress(input_size(options.inputs) if show else None, show)
    out = RecordWriter(options.output, append=options.resume)
    err = RecordWriter(options.errors, append=options.resume) if options.errors else None
    try:
        with contextlib.closing(outcomes_for(options, tasks, analyzer)) as outcomes:
            for outcome in outcomes:
                (err if err is not None and outcome.error is not None else out).write(outcome.payload)
                progress.add(outcome)
    finally:
        progress.close()
        out.close()
        if err is not None:
            err.close()
    return Summary(progress.articles, progress.words, progress.errors, skipped[0],
                   time.perf_counter() - started, options.output)


def annotate_command(args: argparse.Namespace) -> int:
    """``lvnews annotate``: exit 0 (1 with ``--strict`` when an article failed, 2 on usage errors)."""
    options = AnnotateOptions.from_args(args)
    try:
        _validate(options)
    except (ValueError, FileNotFoundError) as exc:
        print(f"lvnews annotate: {exc}", file=sys.stderr)
        return 2
    try:
        summary = annotate(options)
    except KeyboardInterrupt:
        print(f"lvnews annotate: interrupted; rerun with --resume to continue {options.output}", file=sys.stderr)
        return 130
    except OSError as exc:  # output not writable, disk full, Dask scheduler unreachable
        print(f"lvnews annotate: {describe(exc)}", file=sys.stderr)
        return 1
    if not options.quiet or summary.errors:
        print(summary.line(), file=sys.stderr)
    return 1 if options.strict and summary.errors else 0
