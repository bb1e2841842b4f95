"""Starting a SparkSession for ringscope on any master, with the package shipped to executors.

For every master the session:

- runs executors' Python workers with ``PYSPARK_PYTHON`` if it is set, otherwise with
  the interpreter that runs ringscope (right on ``local[...]`` and on a cluster on this
  machine; on a real cluster point ``PYSPARK_PYTHON`` at a Python with ringscope's
  dependencies on every executor, e.g. a packed environment in ``spark.archives``);
- ships ringscope itself (code and data files) as a zip with ``addPyFile``, so executors
  run the driver's very version of the pipeline without having it installed;
- keeps Spark's log off the driver's console: failures reach the user as one line
  (a ``log4j2.properties`` in ``SPARK_CONF_DIR`` wins).

On ``local[...]`` masters the driver also binds to 127.0.0.1: nothing leaves the machine.
Any other setting (``spark.archives``, S3 credentials, executor memory, ...) comes from
``spark-defaults.conf`` in ``SPARK_CONF_DIR``, as for ``spark-submit``.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import sys
import tempfile
import weakref
from pathlib import Path
from typing import TYPE_CHECKING

from ringscope.engines.base import EngineError
from ringscope.engines.ship import build_package_zip, package_dir

if TYPE_CHECKING:
    from pyspark import SparkContext
    from pyspark.sql import SparkSession

LOOPBACK = "127.0.0.1"

QUIET_LOG4J = """\
rootLogger.level = off
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n
appender.console.layout.alwaysWriteExceptions = false
"""
"""Log4j 2 configuration for the driver: silent, since every failure reaches the user as one
line through the exception Spark raises (put a ``log4j2.properties`` in ``SPARK_CONF_DIR`` to see
Spark's own log)."""

_SHIPPED: weakref.WeakSet[SparkContext] = weakref.WeakSet()


def is_local(master: str) -> bool:
    return master == "local" or master.startswith("local[")


def executor_python() -> str:
    """The Python executors run: ``PYSPARK_PYTHON`` if set, else this interpreter."""
    return os.environ.get("PYSPARK_PYTHON") or sys.executable


def start_session(master: str) -> SparkSession:
    """A quiet SparkSession on ``master`` with ringscope shipped to its executors."""
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        raise EngineError(
            "the Spark engine needs Java 17: install openjdk-17-jre-headless (Debian/Ubuntu) or set JAVA_HOME"
        )
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise EngineError("the Spark engine needs pyspark: pip install 'ringscope[spark]'") from None
    python = executor_python()
    # pyspark takes the workers' interpreter from this variable on the driver, for every master.
    os.environ["PYSPARK_PYTHON"] = python
    builder = (
        SparkSession.builder.master(master)
        .appName("ringscope")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.python.worker.reuse", "true")
        .config("spark.pyspark.python", python)
    )
    if is_local(master):
        builder = (
            builder.config("spark.driver.host", LOOPBACK)
            .config("spark.driver.bindAddress", LOOPBACK)
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "8")
        )
        os.environ.setdefault("SPARK_LOCAL_IP", LOOPBACK)
    with tempfile.TemporaryDirectory(prefix="ringscope-spark-") as scratch:
        if not _has_own_logging():
            logging = Path(scratch) / "log4j2.properties"
            logging.write_text(QUIET_LOG4J, encoding="utf-8")
            builder = builder.config(
                "spark.driver.extraJavaOptions", f"-Dlog4j.configurationFile={logging.as_uri()}"
            )
        try:
            spark = builder.getOrCreate()
        except Exception as exc:  # the JVM failed to start or the master is unreachable
            reason = first_line(exc)
            if "stopped SparkContext" in reason and not is_local(master):
                # Spark gives up on a master that never answers and stops the context.
                reason = "the master did not take the application (is it running, and reachable from here?)"
            raise EngineError(f"cannot start Spark on {master}: {reason}") from None
    if not _has_own_logging():
        spark.sparkContext.setLogLevel("OFF")
    ship_package(spark.sparkContext)
    return spark


def ship_package(context: SparkContext) -> None:
    """Add ringscope (as a zip built now) to the Python path of the context's executors, once.

    Nothing is shipped when ringscope itself runs from a zip or wheel (as under
    ``spark-submit --py-files``): the executors then have it the same way.
    """
    if context in _SHIPPED or package_dir() is None:
        return
    folder = Path(tempfile.mkdtemp(prefix="ringscope-ship-"))
    # Spark serves added files from where they lie, for as long as the context lives.
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    try:
        archive = build_package_zip(folder)
    except OSError as exc:
        raise EngineError(f"cannot pack ringscope for the executors: {exc}") from None
    try:
        context.addPyFile(str(archive))
    except Exception as exc:  # a context stopped meanwhile, an unreachable driver file server
        raise EngineError(f"cannot ship ringscope to the executors: {first_line(exc)}") from None
    _SHIPPED.add(context)


def _has_own_logging() -> bool:
    conf_dir = os.environ.get("SPARK_CONF_DIR")
    return conf_dir is not None and (Path(conf_dir) / "log4j2.properties").exists()


_PYTHON_ERROR = re.compile(r"^[A-Za-z_]\w*(Error|Exception|Exit|Interrupt): .*")


_STAGE_FAILURE = re.compile(r"Job aborted due to stage failure: .*?\): (.*)")


def first_line(exc: BaseException) -> str:
    """The line of a Spark error a user needs: the Python worker's exception if there is one,
    else the cause of a failed stage, else the first line that is not py4j's preamble."""
    text = str(exc).strip() or type(exc).__name__
    lines = text.splitlines()
    worker = [line for line in lines if _PYTHON_ERROR.match(line)]
    if worker:
        return worker[-1]
    for line in lines:
        stage = _STAGE_FAILURE.search(line)
        if stage:
            return stage.group(1)
    rest = [line.lstrip(": ") for line in lines if not line.startswith("An error occurred while calling")]
    return rest[0] if rest else lines[0]
