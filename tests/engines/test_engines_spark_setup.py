"""Spark engine set-up that needs no JVM: paths, masters, error messages, missing Java."""

from __future__ import annotations

from pathlib import Path

import pytest

from ringscope.engines import EngineError
from ringscope.engines.spark import has_scheme, input_uri, is_local, output_uri, start_session
from ringscope.engines.spark_session import first_line as _first_line


def test_local_masters_are_recognised() -> None:
    assert is_local("local") and is_local("local[*]") and is_local("local[2]")
    assert not is_local("spark://head:7077") and not is_local("yarn")


def test_paths_with_a_scheme_pass_through_and_local_ones_become_file_uris(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("{}\n", encoding="utf-8")
    assert has_scheme("s3a://bucket/reports.jsonl") and not has_scheme("reports.jsonl")
    assert input_uri("hdfs://head/reports.jsonl") == "hdfs://head/reports.jsonl"
    assert input_uri(str(source)) == source.resolve().as_uri()
    assert output_uri(str(tmp_path / "new"), overwrite=False) == (tmp_path / "new").resolve().as_uri()
    with pytest.raises(EngineError, match="already exists"):
        output_uri(str(source), overwrite=False)
    with pytest.raises(EngineError, match="is a folder"):
        input_uri(str(tmp_path))


def test_spark_errors_are_cut_to_the_line_that_matters() -> None:
    worker = Exception(
        "An exception was thrown from the Python worker: Traceback (most recent call last):\n"
        '  File "worker.py", line 1\nValueError: bad partition\n\tat org.example.Runner.run(Runner.java:1)'
    )
    assert _first_line(worker) == "ValueError: bad partition"
    missing = Exception("[PATH_NOT_FOUND] Path does not exist.\nstack")
    assert _first_line(missing) == "[PATH_NOT_FOUND] Path does not exist."


def test_missing_java_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("JAVA_HOME", raising=False)
    with pytest.raises(EngineError, match="needs Java 17.*openjdk-17-jre-headless"):
        start_session("local[1]")


def test_a_failed_stage_is_cut_to_its_cause() -> None:
    failed = Exception(
        "An error occurred while calling z:org.apache.spark.api.python.PythonRDD.collectAndServe.\n"
        ": org.apache.spark.SparkException: Job aborted due to stage failure: Task 0 in stage 0.0 failed"
        " 4 times, most recent failure: Lost task 0.0 (TID 3) (127.0.0.1 executor 0): java.io.IOException:"
        ' Cannot run program "/opt/env/bin/python": error=2\n\tat java.base/java.lang.ProcessBuilder.start'
    )
    assert _first_line(failed) == 'java.io.IOException: Cannot run program "/opt/env/bin/python": error=2'
    preamble = Exception("An error occurred while calling o31.parquet.\n: java.net.UnknownHostException: nn")
    assert _first_line(preamble) == "java.net.UnknownHostException: nn"
