"""``extract`` and ``ingest`` on a real standalone Spark cluster (master and worker on loopback).

The commands run exactly as docs/engines.md says: ``--master spark://...``, inputs and
outputs as ``file://`` URIs, ``PYSPARK_PYTHON`` naming the executors' Python. That
Python has ringscope's dependencies but not ringscope itself (it runs without site
processing, with a copy of site-packages that leaves ringscope and every ``.pth``
out), so the runs pass only if the driver ships the package to the executors.
Results must equal the local engine's, item for item.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from ringscope.engines import read_rows
from ringscope.engines.local import LocalEngine
from ringscope.store import Store

pytestmark = [
    pytest.mark.spark_cluster,
    pytest.mark.skipif(
        shutil.which("java") is None, reason="Spark needs Java 17 (openjdk-17-jre-headless), not on PATH"
    ),
]


@pytest.fixture(scope="module")
def executor_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This interpreter with its third-party packages but without ringscope."""
    folder = tmp_path_factory.mktemp("executor-python")
    deps = folder / "site-packages"
    deps.mkdir()
    for key in ("purelib", "platlib"):
        for entry in Path(sysconfig.get_paths()[key]).iterdir():
            name = entry.name.lower()
            if name.startswith(("ringscope", "__editable__")) or name.endswith(".pth"):
                continue
            if not (deps / entry.name).exists():
                (deps / entry.name).symlink_to(entry)
    script = folder / "python"
    script.write_text(
        "#!/bin/sh\n"
        f'PYTHONPATH="${{PYTHONPATH:+$PYTHONPATH:}}{deps}" exec "{sys.executable}" -S "$@"\n',
        encoding="utf-8",
    )
    script.chmod(0o755)
    return script


def worker_env() -> dict[str, str]:
    """The cluster's environment: nothing that would let its Python find ringscope."""
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYSPARK_PYTHON")}


def test_the_executors_python_cannot_import_ringscope_on_its_own(executor_python: Path) -> None:
    env = worker_env()
    has_deps = subprocess.run([str(executor_python), "-c", "import pyarrow, yaml, followthemoney, pyspark"],
                              env=env, capture_output=True, text=True)
    assert has_deps.returncode == 0, has_deps.stderr
    no_ringscope = subprocess.run([str(executor_python), "-c", "import ringscope"],
                                  env=env, capture_output=True, text=True)
    assert "No module named 'ringscope'" in no_ringscope.stderr


@pytest.fixture(scope="module")
def master() -> Iterator[str]:
    from ringscope.engines.standalone import start_cluster

    with start_cluster(cores=1, memory="1g", worker_env=worker_env()) as cluster:
        yield cluster.master_url


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sample = resources.files("ringscope").joinpath("data/sample/reports.jsonl").read_text(encoding="utf-8")
    lines = [line for line in sample.splitlines() if line.strip()][:10]
    path = tmp_path_factory.mktemp("cluster") / "reports.jsonl"
    path.write_text("\n".join(lines[:4]) + "\n{not json\n" + "\n".join(lines[4:]) + "\n", encoding="utf-8")
    return path


def cli(*args: str, python: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYSPARK_PYTHON=str(python), SPARK_LOCAL_IP="127.0.0.1")
    return subprocess.run([sys.executable, "-m", "ringscope.cli", *args], capture_output=True, text=True,
                          timeout=600, env=env)


def stored(db: Path) -> list[tuple[Any, ...]]:
    with Store(db) as store:
        return [(r.id, r.external_id, r.text, r.published, store.get_extraction(r.id))
                for r in store.iter_reports()]


def test_extract_on_the_cluster_equals_the_local_engine(
    master: str, corpus: Path, executor_python: Path, tmp_path: Path
) -> None:
    local_jsonl, spark_jsonl = tmp_path / "local.jsonl", tmp_path / "spark.jsonl"
    parquet = (tmp_path / "results").as_uri()
    local = cli("extract", str(corpus), "-o", str(local_jsonl), python=executor_python)
    spark = cli("extract", corpus.as_uri(), "-o", str(spark_jsonl), "--parquet", parquet,
                "--engine", "spark", "--master", master, python=executor_python)
    assert local.returncode == spark.returncode == 1, spark.stderr[-3000:]  # the malformed line
    assert f"{corpus.as_uri()}:5: malformed JSON" in spark.stderr
    assert "Traceback" not in spark.stderr and "\tat " not in spark.stderr
    records = [json.loads(x) for x in local_jsonl.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 10
    assert [json.loads(x) for x in spark_jsonl.read_text(encoding="utf-8").splitlines()] == records
    LocalEngine().extract_file(corpus.as_uri(), str(tmp_path / "local-results"))
    reference = list(read_rows(tmp_path / "local-results"))
    written = list(read_rows(parquet))
    assert len(written) == len(reference) == 11
    for mine, theirs in zip(reference, written, strict=True):
        assert theirs == mine, f"line {mine['line']} differs"


def test_ingest_on_the_cluster_loads_the_store_like_the_local_engine(
    master: str, corpus: Path, executor_python: Path, tmp_path: Path
) -> None:
    local_db, kept_db, direct_db = tmp_path / "local.db", tmp_path / "kept.db", tmp_path / "direct.db"
    results = (tmp_path / "results").as_uri()
    cli("ingest", str(corpus), "--store", str(local_db), python=executor_python)
    kept = cli("ingest", str(corpus), "--store", str(kept_db), "--engine", "spark", "--master", master,
               "--results", results, python=executor_python)
    direct = cli("ingest", corpus.as_uri(), "--store", str(direct_db), "--engine", "spark",
                 "--master", master, python=executor_python)
    for run in (kept, direct):
        assert run.returncode == 1 and "malformed JSON" in run.stderr, run.stderr[-3000:]
        assert "10 ingested, 0 unchanged" in run.stdout, run.stdout
    reference = stored(local_db)
    assert len(reference) == 10
    assert stored(kept_db) == reference
    assert stored(direct_db) == reference
    assert (tmp_path / "results" / "_SUCCESS").exists()


def test_executors_without_their_python_give_one_clear_line(
    master: str, corpus: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "no-such-env" / "bin" / "python"
    run = cli("extract", corpus.as_uri(), "-o", str(tmp_path / "out.jsonl"), "--engine", "spark",
              "--master", master, python=missing)
    assert run.returncode == 1
    errors = [line for line in run.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and str(missing) in errors[0] and corpus.as_uri() in errors[0]
    assert "Traceback" not in run.stderr and "\tat " not in run.stderr
    assert not (tmp_path / "out.jsonl").exists()
