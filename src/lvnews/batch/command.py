"""``lvnews annotate``: options, the one place an engine is chosen for them, progress.

Whatever the engine (this process, a process pool, a Dask cluster): the
analyzer is the caller's (the CLI loads ``--model`` in the parent, so a bad
model is a one-line error before any work starts, and that analyzer is the one
the workers run); a bad article, a worker that dies twice on an article, or an
article that runs past ``--timeout`` is an error record; the run goes on.
Nothing here loads a model: the batch package sits below ``lvnews.analyzer``
(which uses the pool for ``analyze_many(n_process > 1)``).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from ..version import __version__
from .outcomes import Outcome, Task, annotate_task
from .readers import check_inputs, input_size, iter_tasks, skip_done
from .resume import RecordWriter, check_resume, scan_done, write_manifest

if TYPE_CHECKING:
    from ..analyzer import Analyzer


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
    timeout: float | None = None
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


def with_defaults(options: AnnotateOptions) -> AnnotateOptions:
    """CoNLL-U holds sentences only (an error record's comments alone fail the UD
    validator), so in that format failed articles go to ``OUT.errors.jsonl`` unless
    ``--errors`` names another file; on stdout, to stderr as JSON lines."""
    if options.format != "conllu" or options.errors is not None:
        return options
    default = "/dev/stderr" if options.output == "-" else options.output + ".errors.jsonl"
    return dataclasses.replace(options, errors=default)


def check_options(options: AnnotateOptions) -> None:
    """Refuse options that cannot run, before a model is loaded or a file touched."""
    check_inputs(options.inputs)
    if options.batch_size < 1:
        raise ValueError("--batch-size must be at least 1")
    if options.format not in ("jsonl", "conllu"):
        raise ValueError("--format is jsonl or conllu")
    if options.output == "-" and options.resume:
        raise ValueError("--resume needs an output file, not stdout")
    if options.timeout is not None and options.timeout <= 0:
        raise ValueError("--timeout must be a number of seconds above 0")
    if options.timeout is not None and options.dask:
        raise ValueError("--timeout is not available with --dask (a Dask task cannot be stopped from the "
                         "client); run without --timeout, or with --workers N instead of --dask")
    resolve_workers(options.workers)


def local_outcomes(tasks: Iterable[Task], analyzer: Analyzer, **options: Any) -> Iterator[Outcome]:
    """Outcomes computed in this process (``--workers 1`` without ``--timeout``)."""
    for task in tasks:
        yield annotate_task(analyzer, task, **options)


def outcomes_for(options: AnnotateOptions, tasks: Iterable[Task], analyzer: Analyzer) -> Iterator[Outcome]:
    """The engine for the options: a Dask cluster, a process pool, or this process.

    ``--timeout`` with one worker still uses one worker process: only a process
    can be stopped in the middle of an article (a regular expression that
    backtracks for hours holds the interpreter; no signal or thread reaches it).
    """
    common = {"render": options.format, "error_render": "jsonl" if options.errors else options.format,
              "force_language": options.force_language, "batch_size": options.batch_size}
    if options.dask:
        from .dask import client_outcomes  # Dask is optional: imported only when asked for

        return client_outcomes(options.dask, tasks, analyzer=analyzer, **common)
    processes = resolve_workers(options.workers)
    if processes > 1 or options.timeout is not None:
        from .pool import pool_outcomes

        return pool_outcomes(tasks, analyzer=analyzer, processes=processes, timeout=options.timeout, **common)
    return local_outcomes(tasks, analyzer, **common)


def manifest_for(options: AnnotateOptions, analyzer: Analyzer) -> dict[str, Any]:
    """What a run writes, for the manifest beside OUT (see ``resume``)."""
    return {
        "lvnews_version": __version__,
        "format": options.format,
        "errors": None if options.errors is None else os.path.abspath(options.errors),
        "inputs": [name if name == "-" else os.path.abspath(name) for name in options.inputs],
        "base": os.getcwd(),
        "id_field": options.id_field,
        "text_field": options.text_field,
        "force_language": options.force_language,
        "backend": analyzer.backend,
        "model": dict(analyzer.model_info),
        "pipeline": list(analyzer.nlp.pipe_names),
    }


def annotate(options: AnnotateOptions, analyzer: Analyzer) -> Summary:
    """Run ``lvnews annotate``: read, annotate, write in order; return the summary.

    ``analyzer`` is the one to run (in every worker too): loading
    ``options.model`` is the caller's (``lvnews.cli`` uses
    ``pipeline.shared_analyzer``). Raises :class:`ResumeError` before touching
    anything when ``--resume`` would mix records of another run.
    """
    options = with_defaults(options)
    check_options(options)
    started = time.perf_counter()
    manifest = manifest_for(options, analyzer)
    done: Counter = Counter()
    if options.resume:
        manifest = check_resume(options.output, options.errors, manifest)
        done = scan_done(options.output, options.errors, options.format)
    if options.output != "-":
        write_manifest(options.output, manifest)
    skipped = [0]
    read = iter_tasks(options.inputs, options.id_field, options.text_field, base=manifest["base"])
    tasks = skip_done(read, done, skipped)
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
