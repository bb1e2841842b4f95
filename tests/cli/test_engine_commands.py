"""``--engine spark`` on the command line: real PySpark on local[2], same output as the local engine."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    shutil.which("java") is None, reason="Spark needs Java (openjdk-17-jre-headless)"
)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, RINGSCOPE_SPARK_MASTER="local[2]")
    return subprocess.run([sys.executable, "-m", "ringscope.cli", *args], capture_output=True, text=True,
                          timeout=600, env=env)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sample = resources.files("ringscope").joinpath("data/sample/reports.jsonl").read_text(encoding="utf-8")
    path = tmp_path_factory.mktemp("engines") / "reports.jsonl"
    lines = [line for line in sample.splitlines() if line.strip()][:12]
    path.write_text("\n".join(lines[:6]) + "\n{not json\n" + "\n".join(lines[6:]) + "\n", encoding="utf-8")
    return path


def test_extract_on_spark_equals_local_with_events(corpus: Path, tmp_path: Path) -> None:
    local, spark = tmp_path / "local.jsonl", tmp_path / "spark.jsonl"
    first = run("extract", str(corpus), "-o", str(local))
    pq = tmp_path / "pq"
    second = run("extract", str(corpus), "--engine", "spark", "-o", str(spark), "--parquet", str(pq))
    assert first.returncode == second.returncode == 1  # the malformed line fails on both engines
    assert f"{corpus}:7: malformed JSON" in first.stderr and f"{corpus}:7: malformed JSON" in second.stderr
    a = [json.loads(x) for x in local.read_text(encoding="utf-8").splitlines()]
    b = [json.loads(x) for x in spark.read_text(encoding="utf-8").splitlines()]
    assert len(a) == 12 and a == b
    assert any(record["event_cluster"] for record in a)
    assert (tmp_path / "pq" / "_SUCCESS").exists()


def test_ingest_on_spark_loads_the_store_like_local(corpus: Path, tmp_path: Path) -> None:
    local_db, spark_db = tmp_path / "local.db", tmp_path / "spark.db"
    run("ingest", str(corpus), "--store", str(local_db))
    result = run("ingest", str(corpus), "--engine", "spark", "--store", str(spark_db))
    assert result.returncode == 1 and "malformed JSON" in result.stderr

    def counts(db: Path) -> tuple[int, ...]:
        with sqlite3.connect(db) as conn:
            return tuple(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                         for t in ("reports", "entities", "claims", "routes"))

    assert counts(local_db) == counts(spark_db) and counts(spark_db)[0] == 12
    more = tmp_path / "more.jsonl"
    record = {"id": "m1", "text": "Officers freed 12 workers from a scam compound."}
    more.write_text(json.dumps(record) + "\n", encoding="utf-8")
    again = run("ingest", str(corpus), str(more), "--engine", "spark", "--store", str(spark_db))
    assert f"{corpus}: 0 ingested, 12 unchanged" in again.stdout  # both files in one Spark session
    assert f"{more}: 1 ingested, 0 unchanged, 0 failed" in again.stdout


def test_master_without_spark_is_a_clear_error(corpus: Path) -> None:
    result = run("extract", str(corpus), "--master", "local[1]")
    assert result.returncode == 1 and "--master applies to --engine spark only" in result.stderr
