"""Run CPU-bound analysis off the event loop, with a deadline, batching concurrent requests.

Each worker process has one analysis thread (a single-thread executor):
requests queue for it while the event loop stays free to answer ``/health`` and
accept connections. One thread, not for safety (the ``Analyzer`` is thread-safe
on its own: it runs one batch at a time under its lock) but because analysis is
CPU-bound under the GIL: more threads would add no throughput, only wait at that
lock, where a request that times out can no longer be cancelled (in this
executor's queue it can), and while the one thread is busy, arriving requests
wait together and are then analysed as one batch (below).
The model is loaded on that same thread.

A request that waits or runs longer than the timeout gets a 504. A queued job
is then cancelled; a job already running cannot be interrupted (spaCy has no
cancellation point) and finishes in the background, its result dropped.

Single-article requests go through a micro-batcher: while one batch is being
analysed, the requests that arrive queue up and are analysed together next
(one ``nlp.pipe`` over all their paragraphs), which is what spaCy is fast at.
No request waits for a batch to fill: a lone request runs at once.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, TypeVar

from .errors import ServiceError

T = TypeVar("T")


class AnalysisTimeout(ServiceError):
    """The analysis did not finish within the per-request timeout."""

    def __init__(self, timeout: float) -> None:
        super().__init__(504, "timeout", f"analysis did not finish within {timeout:g} s; "
                                         "send a shorter text or fewer batch items")


class AnalysisRunner:
    """A single analysis thread plus the per-request timeout."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lvnews-analysis")

    async def call(self, fn: Callable[..., T], *args: object, timeout: float | None = None) -> T:
        """``fn(*args)`` on the analysis thread; AnalysisTimeout after ``timeout`` seconds.

        ``timeout=None`` uses the request timeout; pass ``float('inf')`` for
        start-up work such as loading the model.
        """
        limit = self.timeout if timeout is None else timeout
        future = asyncio.wrap_future(self._executor.submit(fn, *args))
        if limit == float("inf"):
            return await future
        try:
            # wait_for cancels the asyncio future, which cancels the job if still queued.
            return await asyncio.wait_for(future, limit)
        except TimeoutError:
            raise AnalysisTimeout(limit) from None

    def close(self) -> None:
        """Drop queued jobs; a running one finishes (the interpreter joins the thread at exit)."""
        self._executor.shutdown(wait=False, cancel_futures=True)


class MicroBatcher:
    """Collects concurrent single-item jobs into batches for ``run_many`` on the runner's thread.

    ``run_many(items)`` returns one result per item, an exception instance
    standing for that item's failure.
    """

    def __init__(self, runner: AnalysisRunner, run_many: Callable[[list[Any]], list[Any]], max_batch: int = 16) -> None:
        self.runner = runner
        self.run_many = run_many
        self.max_batch = max_batch
        self._queue: asyncio.Queue[tuple[Any, asyncio.Future]] | None = None
        self._consumer: asyncio.Task | None = None

    async def submit(self, item: Any, timeout: float | None = None) -> Any:
        if self._queue is None:
            self._queue = asyncio.Queue()
            self._consumer = asyncio.get_running_loop().create_task(self._consume())
        future: asyncio.Future = asyncio.get_running_loop().create_future()
        await self._queue.put((item, future))
        limit = self.runner.timeout if timeout is None else timeout
        try:
            return await asyncio.wait_for(future, limit)
        except TimeoutError:
            raise AnalysisTimeout(limit) from None

    async def _consume(self) -> None:
        assert self._queue is not None
        while True:
            batch = [await self._queue.get()]
            while len(batch) < self.max_batch and not self._queue.empty():
                batch.append(self._queue.get_nowait())
            live = [(item, future) for item, future in batch if not future.done()]
            if not live:
                continue
            try:
                results = await self.runner.call(self.run_many, [item for item, _ in live], timeout=float("inf"))
            except Exception as err:  # noqa: BLE001 - hand the failure to every waiting request
                results = [err] * len(live)
            for (_, future), result in zip(live, results):
                if future.done():
                    continue  # its request timed out meanwhile
                if isinstance(result, BaseException):
                    future.set_exception(result)
                else:
                    future.set_result(result)

    def close(self) -> None:
        if self._consumer is not None:
            self._consumer.cancel()
