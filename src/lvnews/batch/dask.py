"""The Dask engine of ``lvnews annotate --dask``: ordered outcomes from a cluster.

The client's own analyzer is sent to the workers (a worker plugin, so a
restarted worker gets it too): records equal those of ``--workers 1``, whatever
the workers have installed as models. Chunks go out a bounded window at a time
and come back oldest first, so the input is streamed and the order kept. A
chunk whose worker died (``KilledWorker``) is redone an article at a time, and
an article that kills a worker again becomes an error record: a worker death
costs a retry, never the run.

Engine choice stays in ``command.outcomes_for``, which imports this module only
for ``--dask`` (Dask is an optional extra). ``lvnews.distributed`` (bags and
DataFrames) builds on the batch package; nothing here imports it back.
"""

from __future__ import annotations

import pickle
import uuid
from collections import deque
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping, Sequence

try:
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError as err:  # pragma: no cover - depends on the install
    raise ImportError("--dask needs Dask: pip install 'lvnews[distributed]'") from err

from .outcomes import WORKER_DIED, Outcome, Task, annotate_tasks, error_render_of, failure
from .pool import shipped, task_chunks

if TYPE_CHECKING:
    from ..analyzer import Analyzer


class ShippedAnalyzer(WorkerPlugin):
    """Puts the client's analyzer into every worker process, including ones
    started later to replace a dead worker (the scheduler keeps plugins)."""

    def __init__(self, analyzer_bytes: bytes, name: str) -> None:
        self.analyzer_bytes = analyzer_bytes
        self.name = name

    def setup(self, worker: Any) -> None:
        _SHIPPED[self.name] = pickle.loads(self.analyzer_bytes)

    def teardown(self, worker: Any) -> None:
        _SHIPPED.pop(self.name, None)


# The analyzers shipped to this worker process, by plugin name.
_SHIPPED: dict[str, Any] = {}


def annotate_shipped(tasks: Sequence[Task], name: str, options: Mapping[str, Any]) -> list[Outcome]:
    """Annotate tasks on a worker with the analyzer shipped as ``name``."""
    analyzer = _SHIPPED.get(name)
    if analyzer is None:
        raise RuntimeError(f"this worker has no analyzer {name!r}: its plugin did not run")
    return annotate_tasks(analyzer, tasks, options)


def client_outcomes(scheduler: Any, tasks: Iterable[Task], *, analyzer: Analyzer, batch_size: int = 16,
                    **options: Any) -> Iterator[Outcome]:
    """Outcomes in input order from a Dask cluster (``lvnews annotate --dask``).

    ``scheduler`` is an address (``tcp://host:8786``) or a ``distributed.Client``;
    ``analyzer`` is sent to every worker once. Chunks of ``batch_size`` tasks
    are submitted while at most two per worker thread are in flight, so the
    input is streamed; results are taken oldest first, which keeps the order
    with no buffer beyond that window.
    """
    from distributed import Client

    own = not isinstance(scheduler, Client)
    client = Client(scheduler) if own else scheduler
    options = {**options, "batch_size": batch_size}
    name = f"lvnews-analyzer-{uuid.uuid4().hex}"
    pending: deque = deque()
    try:
        client.register_plugin(ShippedAnalyzer(shipped(analyzer), name), name=name)
        window = 2 * max(1, sum(client.nthreads().values()))

        def submit(chunk: list[Task]) -> Any:
            return client.submit(annotate_shipped, chunk, name, options, pure=False)

        for chunk in task_chunks(tasks, batch_size):
            pending.append((chunk, submit(chunk)))
            while len(pending) >= window:
                yield from _chunk_outcomes(*pending.popleft(), submit, analyzer, options)
        while pending:
            yield from _chunk_outcomes(*pending.popleft(), submit, analyzer, options)
    finally:
        for _, future in pending:
            future.cancel()
        try:
            client.unregister_worker_plugin(name)
        except Exception:  # noqa: BLE001 - a cluster that is gone keeps no plugin either
            pass
        if own:
            client.close()


def _chunk_outcomes(chunk: list[Task], future: Any, submit: Any, analyzer: Analyzer,
                    options: Mapping[str, Any]) -> list[Outcome]:
    """A chunk's outcomes; a chunk whose worker died is redone an article at a
    time, and an article whose worker dies again becomes an error record."""
    from distributed import KilledWorker

    try:
        return future.result()
    except KilledWorker:
        pass
    outcomes = []
    for task in chunk:
        try:
            outcomes.extend(submit([task]).result())
        except KilledWorker:
            outcomes.append(failure(analyzer, task, WORKER_DIED, error_render_of(options)))
    return outcomes
