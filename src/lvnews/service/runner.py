"""Run CPU-bound analysis off the event loop, one article at a time, with a deadline.

spaCy pipelines are not documented as thread-safe, so each worker process has
exactly one analysis thread (a single-thread executor): requests queue for it
while the event loop stays free to answer ``/health`` and accept connections.
The model is loaded on that same thread.

A request that waits or runs longer than the timeout gets a 504. A queued job
is then cancelled; a job already running cannot be interrupted (spaCy has no
cancellation point) and finishes in the background, its result dropped.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, TypeVar

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
