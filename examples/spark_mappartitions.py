"""Annotate a Spark DataFrame of articles with lvnews, partition by partition.

Each Python worker process loads the analyzer once (``pipeline.shared_analyzer`` keeps it
for the life of the process; Spark reuses Python workers by default,
``spark.python.worker.reuse=true``) and never receives it from the driver.
``lvnews`` must be installed on every executor (it brings the model with it);
Dask is not needed.

    spark-submit examples/spark_mappartitions.py articles.parquet annotated.parquet

The input needs ``id`` and ``text`` columns; the output has the record's columns
(``lvnews.batch.RECORD_COLUMNS``), nested fields as JSON strings.
"""

from __future__ import annotations

import sys
from typing import Iterable, Iterator

from pyspark.sql import Row, SparkSession
from pyspark.sql.types import DoubleType, StringType, StructField, StructType

from lvnews.batch import RECORD_COLUMNS, Task, annotate_task, flatten_record
from lvnews.analyzer import shared_analyzer

SCHEMA = StructType([StructField(name, DoubleType() if name == "language_score" else StringType())
                     for name in RECORD_COLUMNS])


def annotate_partition(rows: Iterable[Row]) -> Iterator[tuple]:
    """Runs on an executor: rows in, flat records out; a bad article gives a row with ``error`` set."""
    analyzer = shared_analyzer(None)  # this process's analyzer, loaded on first use
    for row in rows:
        ident = None if row["id"] is None else str(row["id"])
        outcome = annotate_task(analyzer, Task(ident, row["text"], {}), render="dict")
        record = flatten_record(outcome.payload)
        yield tuple(record[name] for name in RECORD_COLUMNS)


def main(source: str, target: str) -> None:
    spark = SparkSession.builder.appName("lvnews-annotate").getOrCreate()
    articles = spark.read.parquet(source).select("id", "text")
    records = articles.rdd.mapPartitions(annotate_partition)
    spark.createDataFrame(records, SCHEMA).write.mode("overwrite").parquet(target)
    spark.stop()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
