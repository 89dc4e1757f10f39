"""Worker processes that run the caller's own analyzer, in input order, and survive
a worker that dies or an article that hangs.

Parallel equals serial: the parent pickles its Analyzer once (spaCy's
``Language`` pickles with its components, which of them are disabled or
excluded, and its config), and every worker starts from those bytes instead
of loading a model from disk. So ``nlp.enable_pipe(...)``, ``load(exclude=,
config=)``, Stanza ``resources=`` and components added with ``add_pipe`` reach
the workers. Start-up costs about what loading did: unpickling took 0.5-0.7 s
in a fresh worker where ``load()`` took 0.4-1.0 s (2 busy cores), plus 0.4 s
to pickle the 27 MB once in the parent.

The pool is pebble's ``ProcessPool``: per-task timeouts (a hung article's worker
is stopped and replaced) and worker restarts are public API there, where
``concurrent.futures`` has neither. Each article is one pool task, so a death or
a timeout costs that article alone: a worker that dies costs one retry, a
second death (or a timeout) an error record, never the run.
"""

from __future__ import annotations

import os
import pickle
import queue
import signal
import threading
import time
from concurrent.futures import CancelledError, Future
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping

from .outcomes import (WORKER_DIED, Outcome, Task, annotate_task, as_exception, error_message, error_render_of, failure,
                       timed_out)

if TYPE_CHECKING:
    import multiprocessing.context

    from ..analyzer import Analyzer
    from ..records import Article

# The analyzer and options of this worker process (set by the pool initializer).
_WORKER: dict[str, Any] = {}


def _init_worker(parent: int, analyzer_bytes: bytes, options: Mapping[str, Any]) -> None:
    """Pool initializer: this worker's analyzer is the parent's, unpickled once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _exit_with_parent(parent)
    _WORKER["analyzer"] = pickle.loads(analyzer_bytes)
    _WORKER["options"] = dict(options)


def _work(task: Task) -> Outcome:
    return annotate_task(_WORKER["analyzer"], task, **_WORKER["options"])


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

    A SIGKILLed parent leaves pool workers blocked forever on their task
    channel (they hold both of its ends), and the forkserver that forked them
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
    import multiprocessing

    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["lvnews.analyzer"])
        return ctx
    return multiprocessing.get_context("spawn")


def shipped(analyzer: Analyzer) -> bytes:
    """``analyzer`` pickled for worker processes, or a TypeError that says why it cannot be."""
    try:
        return pickle.dumps(analyzer, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # noqa: BLE001 - PicklingError, TypeError, AttributeError: all the same to the user
        raise TypeError(f"worker processes run this analyzer, sent to them pickled, and it does not pickle "
                        f"({error_message(exc)}): custom components must be importable functions or classes, "
                        "not lambdas or functions defined inside another function") from exc


class WorkerPool:
    """``processes`` workers running ``analyzer``; one article per pool task.

    ``timeout`` (seconds, None: no limit) is per article. Failures are turned
    into outcomes here, in the parent, with the same ``error_record`` as in a
    worker: a worker death is retried once, a timeout is not (it would hang
    again), and a pool that breaks altogether is started afresh.
    """

    def __init__(self, analyzer: Analyzer, processes: int, options: Mapping[str, Any],
                 timeout: float | None = None) -> None:
        from pebble import ProcessPool

        self.analyzer = analyzer
        self.timeout = timeout
        self._options = dict(options)
        # Pickled once here, not once per worker start; an unpicklable pipeline fails now, in the caller.
        self._initargs = (os.getpid(), shipped(analyzer), self._options)
        self._new = lambda: ProcessPool(max_workers=processes, initializer=_init_worker,
                                        initargs=self._initargs, context=_context())
        self._lock = threading.Lock()
        self._generation = 0
        self._pool = self._new()

    def submit(self, task: Task) -> tuple[Future, int]:
        """Schedule one article; a broken pool gives an already failed future."""
        with self._lock:
            try:
                return self._pool.schedule(_work, (task,), timeout=self.timeout), self._generation
            except (BrokenProcessPool, RuntimeError) as exc:  # RuntimeError: the pool is not running
                future: Future = Future()
                future.set_exception(BrokenProcessPool(error_message(exc)))
                return future, self._generation

    def outcome(self, task: Task, future: Future, generation: int) -> Outcome:
        """The article's outcome, whatever happened to its worker."""
        from pebble import ProcessExpired

        started = time.perf_counter()
        for attempt in (1, 2):
            try:
                return future.result()
            except TimeoutError:
                return self._failure(task, timed_out(self.timeout or 0), started)
            except (ProcessExpired, BrokenProcessPool, CancelledError) as exc:
                if attempt == 2:
                    return self._failure(task, WORKER_DIED if isinstance(exc, ProcessExpired) else error_message(exc),
                                         started)
                if not isinstance(exc, ProcessExpired):
                    self._restart(generation)
                future, generation = self.submit(task)
            except Exception as exc:  # noqa: BLE001 - e.g. a record that does not pickle: one article's error
                return self._failure(task, error_message(exc), started)
        raise AssertionError("unreachable")

    def _failure(self, task: Task, error: str, started: float) -> Outcome:
        return failure(self.analyzer, task, error, error_render_of(self._options), time.perf_counter() - started)

    def _restart(self, generation: int) -> None:
        """A fresh pool if the one of ``generation`` is still the current (broken) one."""
        with self._lock:
            if generation != self._generation:
                return
            broken, self._pool = self._pool, self._new()
            self._generation += 1
        broken.stop()
        broken.join()  # a stopped pebble pool ends its workers in join()

    def close(self, finished: bool) -> None:
        """Wait for the workers after a complete run; otherwise stop them now
        (an abandoned run must not keep the cores busy)."""
        with self._lock:
            pool = self._pool
        if finished:
            pool.close()
        else:
            pool.stop()
        pool.join()


def task_chunks(tasks: Iterable[Task], size: int) -> Iterator[list[Task]]:
    """Consecutive lists of ``size`` tasks (the last may be shorter): the unit sent
    to a Dask worker (the pool here takes one article per task)."""
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


def _feed(tasks: Iterable[Task], pool: WorkerPool, ahead: queue.Queue, stop: threading.Event) -> None:
    """Read and submit articles in input order (a thread: reading stdin may
    block while finished records still have to be written)."""
    try:
        for task in tasks:
            if not _put(ahead, (task, *pool.submit(task)), stop):
                return
        _put(ahead, _END, stop)
    except BaseException as exc:  # noqa: BLE001 - a reading error is the consumer's to raise
        _put(ahead, exc, stop)


def pool_outcomes(tasks: Iterable[Task], *, analyzer: Analyzer, processes: int = 2, batch_size: int = 16,
                  timeout: float | None = None, **options: Any) -> Iterator[Outcome]:
    """Outcomes from ``processes`` workers running ``analyzer``, in input order.

    At most ``(2 * processes + 1) * batch_size`` articles are read ahead or
    waiting to be written, which bounds memory.
    """
    options = {**options, "batch_size": batch_size}
    pool = WorkerPool(analyzer, processes, options, timeout)
    ahead: queue.Queue = queue.Queue(maxsize=(2 * processes + 1) * batch_size)
    stop = threading.Event()
    feeder = threading.Thread(target=_feed, args=(tasks, pool, ahead, stop), name="lvnews-batch-feeder",
                              daemon=True)
    feeder.start()
    finished = False
    try:
        while (item := ahead.get()) is not _END:
            if isinstance(item, BaseException):
                raise item
            yield pool.outcome(*item)
        finished = True
    finally:
        stop.set()
        pool.close(finished)


def parallel_analyze(analyzer: Analyzer, items: Iterable[tuple[str | None, Any, Mapping | None]],
                     n_process: int = 2, batch_size: int = 64,
                     force_language: str | None = None) -> Iterator[Article]:
    """``Analyzer.analyze_many(n_process > 1)``: records in input order from worker processes
    that run this very analyzer (see the module docstring).

    Like the serial path, a bad item raises (a TypeError or ValueError as such;
    anything else as ``BatchError``) after the records before it.
    """
    tasks = (Task(id_, text, dict(metadata or {})) for id_, text, metadata in items)
    for outcome in pool_outcomes(tasks, analyzer=analyzer, processes=n_process, batch_size=batch_size,
                                 render="article", force_language=force_language):
        if outcome.error is not None:
            raise as_exception(outcome)
        yield outcome.payload
