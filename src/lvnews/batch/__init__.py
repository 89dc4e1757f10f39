"""Batch annotation: archives in, one record per line out, in input order.

``lvnews annotate`` (:func:`annotate`), ``Analyzer.analyze_many(n_process > 1)``
(:func:`parallel_analyze`), the service's ``/v1/batch`` error records and
``lvnews.distributed`` all run on this package. It sits below
``lvnews.analyzer``: it never imports it (nor loads a model), it is handed an
``Analyzer``. The parts, in the order the data flows:

* ``readers``: directories, text and HTML files, JSONL, CSV/TSV, their ``.gz``
  variants and stdin, read lazily into :class:`Task` s with ids that do not
  depend on how a path was typed;
* ``outcomes``: one Task -> one :class:`Outcome`, never raising
  (:func:`annotate_task`); the one builder of error records
  (:func:`error_record`) and of their serialized forms (:func:`render_article`);
* ``pool``: worker processes that run the caller's own analyzer (parallel
  equals serial), survive a dying worker and stop a hung article (``--timeout``);
* ``dask``: the same on a Dask cluster (``client_outcomes``; imported only for
  ``--dask``, as Dask is optional; ``lvnews.distributed`` builds on it);
* ``resume``: records written whole, a manifest beside OUT, and ``--resume``
  that refuses a run that would mix records and only ever cuts a torn tail;
* ``command``: options, the one place an engine (this process, the pool, Dask)
  is chosen (:func:`outcomes_for`), progress and the summary.
"""

from __future__ import annotations

from .command import (AnnotateOptions, Progress, Summary, annotate, check_options, local_outcomes, manifest_for,
                      outcomes_for, resolve_workers, with_defaults)
from .outcomes import (JSON_COLUMNS, RECORD_COLUMNS, RENDERS, WORKER_DIED, BatchError, Outcome, Task,
                       annotate_task, annotate_tasks, as_exception, comparable, error_message, error_record, failure,
                       flatten_record, read_records, render_article, scrub, timed_out)
from .pool import WorkerPool, parallel_analyze, pool_outcomes, task_chunks
from .readers import (DOCUMENT_FORMATS, TABLE_FORMATS, Source, check_inputs, format_of, input_size, iter_sources,
                      iter_tasks, path_id, skip_done)
from .resume import (RecordWriter, ResumeError, check_resume, manifest_path, scan_conllu, scan_done, scan_jsonl,
                     write_manifest)

__all__ = [
    "AnnotateOptions", "Progress", "Summary", "annotate", "check_options", "local_outcomes", "manifest_for",
    "outcomes_for", "resolve_workers", "with_defaults",
    "JSON_COLUMNS", "RECORD_COLUMNS", "RENDERS", "WORKER_DIED", "BatchError", "Outcome", "Task", "annotate_task",
    "annotate_tasks", "as_exception", "comparable", "error_message", "error_record", "failure", "flatten_record",
    "read_records", "render_article", "scrub", "timed_out",
    "WorkerPool", "parallel_analyze", "pool_outcomes", "task_chunks",
    "DOCUMENT_FORMATS", "TABLE_FORMATS", "Source", "check_inputs", "format_of", "input_size", "iter_sources",
    "iter_tasks", "path_id", "skip_done",
    "RecordWriter", "ResumeError", "check_resume", "manifest_path", "scan_conllu", "scan_done", "scan_jsonl",
    "write_manifest",
]
