"""The Spark engine: the same pipeline in Spark executors, results written and read back by Spark.

pyspark is imported only here, and only when a Spark engine is asked for. Each
partition of the input lines runs :func:`ringscope.engines.rows.process_partition`,
which imports the pipeline once and yields the very rows the local engine writes.
Inputs and outputs are URIs Spark's Hadoop file systems resolve (``file://``,
``hdfs://``, ``s3a://``, ...); plain paths become ``file://`` URIs. Results come back
to the driver through Spark itself, so they need no file system shared with it.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from ringscope import settings
from ringscope.engines.base import EngineError, RunSummary
from ringscope.engines.rows import COLUMN_NAMES, COLUMNS, process_partition
from ringscope.engines.spark_session import LOOPBACK, first_line, is_local, ship_package, start_session
from ringscope.engines.uris import has_scheme, to_uri
from ringscope.ingest.errors import InputProblem

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import SparkSession
    from pyspark.sql.types import StructType

__all__ = [
    "LOOPBACK",
    "SparkEngine",
    "has_scheme",
    "input_uri",
    "is_local",
    "output_uri",
    "spark_schema",
    "start_session",
]


class SparkEngine:
    """Extraction on Spark: ``local[*]`` by default, any cluster with ``master``.

    Give ``session`` to run on an existing SparkSession (it is then not stopped by
    :meth:`close`); otherwise one is started on first use.
    """

    name = "spark"

    def __init__(self, master: str | None = None, *, session: SparkSession | None = None) -> None:
        self.master = master or settings.SPARK_MASTER
        self._session = session
        self._owned = session is None

    @property
    def session(self) -> SparkSession:
        if self._session is None:
            self._session = start_session(self.master)
        else:
            ship_package(self._session.sparkContext)
        return self._session

    def extract_file(
        self, input: str, output: str, *, partitions: int | None = None, overwrite: bool = False
    ) -> RunSummary:
        """Extract every line of ``input`` (a path or any Hadoop URI) into the Parquet folder ``output``."""
        started = time.perf_counter()
        spark = self.session
        target = output_uri(output, overwrite, spark)
        rows = self._rows(input, partitions)
        try:
            # Rows are built by process_partition with the schema's types; skip per-row checks.
            frame = spark.createDataFrame(rows, schema=spark_schema(), verifySchema=False)
            frame.write.mode("overwrite" if overwrite else "errorifexists").parquet(target)
            written = spark.read.parquet(target)
            total = written.count()
            failed = written.where("error IS NOT NULL").select("line", "error").orderBy("line").collect()
        except Exception as exc:  # py4j and pyspark raise many kinds; the user needs the first line
            raise EngineError(f"Spark could not extract {input}: {first_line(exc)}") from None
        problems = [InputProblem(input, row["error"], row["line"]) for row in failed]
        return RunSummary(output, total - len(problems), problems, time.perf_counter() - started)

    def extract_rows(self, input: str, *, partitions: int | None = None) -> Iterator[dict[str, Any]]:
        """Extract every line of ``input`` and hand the result rows to this process, in input order.

        Nothing is written anywhere: executors extract in parallel and keep their rows
        (memory, then their local disks) until this process has read them.
        """
        from pyspark import StorageLevel

        rows = self._rows(input, partitions).persist(StorageLevel.MEMORY_AND_DISK)
        try:
            rows.count()  # every partition extracted at once, in parallel
            # The input's partitions, in order, each in line order: no sort needed.
            for row in rows.toLocalIterator(prefetchPartitions=True):
                yield dict(zip(COLUMN_NAMES, row, strict=True))
        except Exception as exc:
            raise EngineError(f"Spark could not extract {input}: {first_line(exc)}") from None
        finally:
            rows.unpersist()

    def read_rows(self, output: str, columns: tuple[str, ...] = COLUMN_NAMES) -> Iterator[dict[str, Any]]:
        """The rows of the result folder ``output`` (any URI Spark reaches), in line order."""
        wanted = list(columns) if "line" in columns else ["line", *columns]
        spark = self.session
        try:
            frame = spark.read.parquet(to_uri(output)).select(*wanted).orderBy("line")
            for row in frame.toLocalIterator(prefetchPartitions=True):
                yield row.asDict()
        except Exception as exc:
            raise EngineError(f"Spark could not read the results in {output}: {first_line(exc)}") from None

    def close(self) -> None:
        if self._session is not None and self._owned:
            self._session.stop()
        self._session = None

    def _rows(self, input: str, partitions: int | None) -> RDD[tuple[Any, ...]]:
        spark = self.session
        source = input_uri(input, spark)
        context = spark.sparkContext
        count = partitions or max(2, context.defaultParallelism * 2)
        work = partial(process_partition, source=input, max_chars=settings.MAX_REPORT_CHARS)
        try:
            return context.textFile(source, minPartitions=count).zipWithIndex().mapPartitions(work)
        except Exception as exc:
            raise EngineError(f"Spark could not extract {input}: {first_line(exc)}") from None


def spark_schema() -> StructType:
    """The Spark schema of result rows (the same columns and types as the local Arrow schema)."""
    from pyspark.sql.types import LongType, StringType, StructField, StructType

    types: dict[str, Any] = {"int64": LongType(), "string": StringType()}
    return StructType([StructField(name, types[kind], nullable=name != "line") for name, kind in COLUMNS])


def input_uri(input: str, spark: SparkSession | None = None) -> str:
    """The URI of an input file, checked to be one file (through Spark's file systems when given)."""
    uri = to_uri(input)
    status = _status(uri, spark) if spark is not None else _local_status(input)
    if status == ABSENT:
        raise EngineError(f"{input}: no such file")
    if status == FOLDER:
        raise EngineError(f"{input}: is a folder; give one JSON-lines file")
    return uri


def output_uri(output: str, overwrite: bool, spark: SparkSession | None = None) -> str:
    """The URI of an output folder; one that exists already is refused unless ``overwrite``."""
    uri = to_uri(output)
    status = _status(uri, spark) if spark is not None else _local_status(output)
    if status in (FILE, FOLDER) and not overwrite:
        raise EngineError(f"{output}: already exists (choose another output or overwrite it)")
    return uri


ABSENT, FILE, FOLDER, UNKNOWN = "absent", "file", "folder", "unknown"


def _local_status(location: str) -> str:
    """What a plain path or ``file://`` URI names on this machine; other URIs are unknown here."""
    from ringscope.engines.uris import local_path

    path = local_path(location)
    if path is None:
        return UNKNOWN
    if not path.exists():
        return ABSENT
    return FOLDER if path.is_dir() else FILE


def _status(uri: str, spark: SparkSession) -> str:
    """What a URI names, asked of the Hadoop file system of its scheme through Spark."""
    try:
        jvm = spark.sparkContext._jvm
        assert jvm is not None
        path = jvm.org.apache.hadoop.fs.Path(uri)
        fs = path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
        if not fs.exists(path):
            return ABSENT
        return FOLDER if fs.getFileStatus(path).isDirectory() else FILE
    except Exception as exc:  # no file system for the scheme, bad credentials, unreachable name node
        raise EngineError(f"{uri}: cannot reach it ({first_line(exc)})") from None
