"""The Spark engine: the same pipeline in Spark executors, results written as Parquet by Spark.

pyspark is imported only here, and only when a Spark engine is asked for. Each
partition of the input lines runs :func:`ringscope.engines.rows.process_partition`,
which imports the pipeline once and yields the very rows the local engine writes.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ringscope import settings
from ringscope.engines.base import EngineError, RunSummary
from ringscope.engines.rows import COLUMNS, process_partition
from ringscope.ingest.errors import InputProblem

if TYPE_CHECKING:
    from pyspark.sql import SparkSession
    from pyspark.sql.types import StructType

LOOPBACK = "127.0.0.1"

QUIET_LOG4J = """\
rootLogger.level = error
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n%ex
"""
"""Log4j 2 configuration for local Spark: errors only, on stderr."""


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
        return self._session

    def extract_file(
        self, input: str, output: str, *, partitions: int | None = None, overwrite: bool = False
    ) -> RunSummary:
        """Extract every line of ``input`` (a path or any Hadoop URI) into the Parquet folder ``output``."""
        started = time.perf_counter()
        source = input_uri(input)
        target = output_uri(output, overwrite)
        spark = self.session
        context = spark.sparkContext
        count = partitions or max(2, context.defaultParallelism * 2)
        work = partial(process_partition, source=input, max_chars=settings.MAX_REPORT_CHARS)
        try:
            lines = context.textFile(source, minPartitions=count)
            rows = lines.zipWithIndex().mapPartitions(work)
            # Rows are built by process_partition with the schema's types; skip per-row checks.
            frame = spark.createDataFrame(rows, schema=spark_schema(), verifySchema=False)
            frame.write.mode("overwrite" if overwrite else "errorifexists").parquet(target)
            written = spark.read.parquet(target)
            total = written.count()
            failed = written.where("error IS NOT NULL").select("line", "error").orderBy("line").collect()
        except Exception as exc:  # py4j and pyspark raise many kinds; the user needs the first line
            raise EngineError(f"Spark could not extract {input}: {_first_line(exc)}") from None
        problems = [InputProblem(input, row["error"], row["line"]) for row in failed]
        return RunSummary(output, total - len(problems), problems, time.perf_counter() - started)

    def close(self) -> None:
        if self._session is not None and self._owned:
            self._session.stop()
        self._session = None


def start_session(master: str) -> SparkSession:
    """A quiet SparkSession; for ``local`` masters bound to loopback and using this interpreter."""
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        raise EngineError(
            "the Spark engine needs Java 17: install openjdk-17-jre-headless (Debian/Ubuntu) or set JAVA_HOME"
        )
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise EngineError("the Spark engine needs pyspark: pip install 'ringscope[spark]'") from None
    builder = (
        SparkSession.builder.master(master)
        .appName("ringscope")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.python.worker.reuse", "true")
    )
    if is_local(master):
        builder = (
            builder.config("spark.driver.host", LOOPBACK)
            .config("spark.driver.bindAddress", LOOPBACK)
            .config("spark.pyspark.python", sys.executable)
            .config("spark.pyspark.driver.python", sys.executable)
        )
        # Local Python workers must run this interpreter, where ringscope is installed;
        # the JVM binds to loopback and logs errors only.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("SPARK_LOCAL_IP", LOOPBACK)
    with tempfile.TemporaryDirectory(prefix="ringscope-spark-") as scratch:
        if is_local(master):
            logging = Path(scratch) / "log4j2.properties"
            logging.write_text(QUIET_LOG4J, encoding="utf-8")
            builder = builder.config(
                "spark.driver.extraJavaOptions", f"-Dlog4j.configurationFile={logging.as_uri()}"
            )
        try:
            spark = builder.getOrCreate()
        except Exception as exc:  # the JVM failed to start or the master is unreachable
            raise EngineError(f"cannot start Spark on {master}: {_first_line(exc)}") from None
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def spark_schema() -> StructType:
    """The Spark schema of result rows (the same columns and types as the local Arrow schema)."""
    from pyspark.sql.types import LongType, StringType, StructField, StructType

    types: dict[str, Any] = {"int64": LongType(), "string": StringType()}
    return StructType([StructField(name, types[kind], nullable=name != "line") for name, kind in COLUMNS])


def is_local(master: str) -> bool:
    return master == "local" or master.startswith("local[")


def has_scheme(path: str) -> bool:
    head, sep, _ = path.partition("://")
    return bool(sep) and head.replace("+", "").isalnum()


def input_uri(input: str) -> str:
    """A Hadoop URI for the input; local paths must name an existing file."""
    if has_scheme(input):
        return input
    path = Path(input)
    if path.is_dir():
        raise EngineError(f"{input}: is a folder; give one JSON-lines file")
    if not path.exists():
        raise EngineError(f"{input}: no such file")
    return path.resolve().as_uri()


def output_uri(output: str, overwrite: bool) -> str:
    """A Hadoop URI for the output folder; an existing local one is refused unless ``overwrite``."""
    if has_scheme(output):
        return output
    path = Path(output)
    if path.exists() and not overwrite:
        raise EngineError(f"{output}: already exists (choose another output or overwrite it)")
    return path.resolve().as_uri()


_PYTHON_ERROR = re.compile(r"^[A-Za-z_]\w*(Error|Exception|Exit|Interrupt): .*")


def _first_line(exc: BaseException) -> str:
    """The line of a Spark error a user needs: the Python worker's exception if there is one."""
    text = str(exc).strip() or type(exc).__name__
    lines = text.splitlines()
    worker = [line for line in lines if _PYTHON_ERROR.match(line)]
    return worker[-1] if worker else lines[0]
