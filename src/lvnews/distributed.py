"""Annotate on a Dask cluster: bags and DataFrames (the Python API).

Needs the ``distributed`` extra (``pip install 'lvnews[distributed]'``), on the
client and on every worker. The same code runs on a ``LocalCluster``, a
multi-machine scheduler, Kubernetes or HPC (dask-jobqueue): see
``docs/distributed.md``.

Bags and DataFrames go out partition by partition; only the model's name or
path travels, and every worker process loads that model once
(``pipeline.shared_analyzer``, in :func:`worker_analyzer`). Threads of one
worker share its analyzer and take turns, so use one thread per worker process
(``--nthreads 1``) and as many processes as cores. A bad article becomes an
error record (``error`` set), as in the CLI.

``lvnews annotate --dask`` is the batch package's Dask engine
(``lvnews.batch.dask.client_outcomes``, re-exported here): it ships the
client's own analyzer instead of a model name. This module builds on
``lvnews.batch``; the batch package never imports it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

try:
    import dask.bag as db
except ImportError as err:  # pragma: no cover - depends on the install
    raise ImportError("lvnews.distributed needs Dask: pip install 'lvnews[distributed]'") from err

from .batch import JSON_COLUMNS, RECORD_COLUMNS, BatchError, Task, annotate_tasks, error_message, flatten_record
from .batch.dask import client_outcomes
from .inputs import normalize_item
from .analyzer import shared_analyzer

if TYPE_CHECKING:
    import dask.dataframe as dd
    import pandas as pd

    from .batch import Outcome
    from .analyzer import Analyzer

__all__ = ["annotate_bag", "annotate_dataframe", "records_to_dataframe", "flatten_record", "client_outcomes",
           "worker_analyzer", "RECORD_COLUMNS", "JSON_COLUMNS"]


def worker_analyzer(model: str | None, backend: str = "spacy") -> Analyzer:
    """This worker process's analyzer for ``model`` (None: the bundled one), loaded on first use."""
    return shared_analyzer(model, backend=backend)


def _annotate_chunk(tasks: Sequence[Task], model: str | None, backend: str,
                    options: Mapping[str, Any]) -> list[Outcome]:
    """One partition's tasks on a worker, with that worker's analyzer for ``model``."""
    return annotate_tasks(worker_analyzer(model, backend), tasks, options)


# ---------------------------------------------------------------------------
# Bags
# ---------------------------------------------------------------------------

def annotate_bag(bag: db.Bag, *, model: str | None = None, backend: str = "spacy",
                 force_language: str | None = None, batch_size: int = 64, errors: str = "record") -> db.Bag:
    """A bag of records (JSON-ready dicts, the ``Article`` contract) from a bag of
    texts, ``(id, text)`` pairs or dicts with ``id``/``text`` (other keys go to
    ``metadata``), in the same order.

    ``model``: a model name or a path that exists on the workers (None: the
    bundled model of the lvnews installed there). ``errors="raise"`` fails the
    computation on a bad article instead of returning an error record.
    """
    if errors not in ("record", "raise"):
        raise ValueError("errors is 'record' or 'raise'")
    options = {"render": "dict", "force_language": force_language, "batch_size": batch_size}
    return bag.map_partitions(_annotate_items, model, backend, options, errors)


def _annotate_items(items: Iterable[Any], model: str | None, backend: str, options: Mapping[str, Any],
                    errors: str) -> list[dict]:
    """One partition on a worker: items -> record dicts."""
    outcomes = _annotate_chunk([_item_task(item, i) for i, item in enumerate(items)], model, backend, options)
    if errors == "raise":
        for outcome in outcomes:
            if outcome.error is not None:
                raise BatchError(f"article {outcome.id!r}: {outcome.error}")
    return [outcome.payload for outcome in outcomes]


def _item_task(item: Any, index: int) -> Task:
    try:
        id_, text, metadata = normalize_item(item, index)
    except (TypeError, ValueError) as exc:
        id_ = item.get("id") if isinstance(item, Mapping) else None
        return Task(None if id_ is None else str(id_), "", {}, error=error_message(exc))
    return Task(id_, text, dict(metadata))


# ---------------------------------------------------------------------------
# DataFrames
# ---------------------------------------------------------------------------

def _frame(rows: Sequence[Mapping[str, Any]], index: Any) -> pd.DataFrame:
    """Flat records as a pandas frame with fixed dtypes, so every partition (and
    the Parquet schema) agrees whether or not it holds errors."""
    import pandas as pd

    data = {name: [row[name] for row in rows] for name in RECORD_COLUMNS}
    frame = pd.DataFrame(data, index=index, columns=list(RECORD_COLUMNS))
    dtypes = {name: ("float64" if name == "language_score" else "string") for name in RECORD_COLUMNS}
    return frame.astype(dtypes)


def _plain(value: Any) -> Any:
    """A DataFrame cell as a JSON value (numpy scalars, timestamps, missing)."""
    import pandas as pd

    if value is None or (not isinstance(value, (list, dict, str)) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    return value.item() if hasattr(value, "item") else value


def annotate_dataframe(df: dd.DataFrame | dd.Series, text_column: str = "text", *, id_column: str | None = None,
                       metadata_columns: Sequence[str] = (), model: str | None = None, backend: str = "spacy",
                       force_language: str | None = None, batch_size: int = 64) -> dd.DataFrame:
    """Annotate a text column of a Dask DataFrame (or a Series of texts), partition by partition.

    Returns a DataFrame with the same index and one row per input row, columns
    :data:`RECORD_COLUMNS`: ``id`` (``id_column``, else the index), ``language``,
    ``language_score``, ``text``, ``section``, ``error`` as values, and
    ``captions``, ``paragraphs``, ``sentences``, ``entities``, ``facts``,
    ``metadata`` (the ``metadata_columns``), ``meta`` as JSON strings: ready
    for ``to_parquet``.
    """
    if hasattr(df, "to_frame") and not hasattr(df, "columns"):  # a Series
        df = df.to_frame(name=text_column)
    columns = [text_column, *([id_column] if id_column else []), *metadata_columns]
    options = {"render": "dict", "force_language": force_language, "batch_size": batch_size}
    meta = _frame([], df._meta.index[:0])  # the input's index (name and dtype) is kept
    return df[list(dict.fromkeys(columns))].map_partitions(
        _annotate_frame, text_column, id_column, tuple(metadata_columns), model, backend, options, meta=meta)


def _annotate_frame(part: pd.DataFrame, text_column: str, id_column: str | None, metadata_columns: tuple[str, ...],
                    model: str | None, backend: str, options: Mapping[str, Any]) -> pd.DataFrame:
    """One partition on a worker: rows -> flat records with the partition's index."""
    ids = part[id_column] if id_column else part.index
    texts = part[text_column]
    tasks = []
    for pos in range(len(part)):
        ident = _plain(ids[pos] if not id_column else ids.iat[pos])
        metadata = {name: _plain(part[name].iat[pos]) for name in metadata_columns}
        text = texts.iat[pos]
        tasks.append(Task(None if ident is None else str(ident), None if _plain(text) is None else text, metadata))
    outcomes = _annotate_chunk(tasks, model, backend, options)
    return _frame([flatten_record(o.payload) for o in outcomes], part.index)


def records_to_dataframe(bag: db.Bag) -> dd.DataFrame:
    """A bag of records (from :func:`annotate_bag`) as a DataFrame of flat rows."""
    import dask.dataframe as dd
    import pandas as pd

    parts = bag.map_partitions(_records_frame).to_delayed()
    return dd.from_delayed(parts, meta=_frame([], pd.RangeIndex(0)), verify_meta=False)


def _records_frame(records: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    import pandas as pd

    rows = [flatten_record(r) for r in records]
    return _frame(rows, pd.RangeIndex(len(rows)))
