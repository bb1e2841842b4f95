"""Real PySpark on ``local[2]`` gives the local engine's results, item for item."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from ringscope.engines import EngineError, load_parquet_into_store, read_rows
from ringscope.engines.local import LocalEngine
from ringscope.store import Store

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

    from ringscope.engines.spark import SparkEngine

pytestmark = pytest.mark.skipif(
    shutil.which("java") is None, reason="Spark needs Java 17 (openjdk-17-jre-headless), not found on PATH"
)

COPIES = 8


def sample_records() -> list[dict[str, Any]]:
    text = (resources.files("ringscope") / "data" / "sample" / "reports.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def write_corpus(path: Path) -> int:
    """The bundled sample repeated with varied ids and texts, plus bad and awkward lines."""
    lines: list[str] = []
    for copy in range(COPIES):
        for record in sample_records():
            varied = dict(record, id=f"{record['id']}-{copy}")
            if copy % 2:
                varied["text"] = f"Update {copy}. " + record["text"]
            if copy == 3:
                varied.pop("id")
            lines.append(json.dumps(varied, ensure_ascii=copy % 3 == 0))
    lines.insert(5, "{this is not json")
    lines.insert(9, "")
    lines.insert(40, json.dumps({"id": "no-text", "published": "2025-01-01"}))
    lines.insert(77, json.dumps({"id": "bad-date", "text": "Police freed 9 people.", "published": "soon"}))
    lines.insert(120, json.dumps([1, 2, 3]))
    data = "\ufeff" + "\n".join(lines[:150]) + "\r\n" + "\r\n".join(lines[150:]) + "\n"
    path.write_text(data, encoding="utf-8")
    return len(lines)


@pytest.fixture(scope="module")
def session() -> Iterator[SparkSession]:
    from ringscope.engines.spark import start_session

    spark = start_session("local[2]")
    yield spark
    spark.stop()


@pytest.fixture(scope="module")
def engine(session: SparkSession) -> SparkEngine:
    from ringscope.engines.spark import SparkEngine

    return SparkEngine("local[2]", session=session)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory, engine: SparkEngine) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("spark")
    source = folder / "corpus.jsonl"
    total = write_corpus(source)
    local = LocalEngine().extract_file(str(source), str(folder / "local"))
    spark = engine.extract_file(str(source), str(folder / "spark"), partitions=4)
    return {"folder": folder, "source": source, "total": total, "local": local, "spark": spark}


def test_spark_rows_equal_local_rows_item_for_item(runs: dict[str, Any]) -> None:
    local_rows = list(read_rows(runs["folder"] / "local"))
    spark_rows = list(read_rows(runs["folder"] / "spark"))
    assert len(local_rows) == runs["total"] - 1  # the blank line gives no row
    assert len(spark_rows) == len(local_rows)
    for mine, theirs in zip(local_rows, spark_rows, strict=True):
        assert theirs == mine, f"line {mine['line']} differs"
    assert len(list((runs["folder"] / "spark").glob("part-*.parquet"))) > 1


def test_spark_reports_bad_lines_as_the_local_engine_does(runs: dict[str, Any]) -> None:
    local, spark = runs["local"], runs["spark"]
    assert spark.problems == local.problems
    assert [p.line for p in spark.problems] == [6, 41, 78, 121]
    assert spark.problems[0].message.startswith("malformed JSON")
    assert spark.extracted == local.extracted == runs["total"] - 1 - 4


def test_spark_results_load_into_the_store_like_local_ones(runs: dict[str, Any]) -> None:
    folder = runs["folder"]
    loaded = {}
    for name in ("local", "spark"):
        with Store(folder / f"{name}.db") as store:
            summary = load_parquet_into_store(folder / name, store)
            loaded[name] = (
                summary.ingested,
                summary.unchanged,
                [(r.id, r.external_id, r.text) for r in store.iter_reports()],
                [store.get_extraction(r.id) for r in store.iter_reports()],
            )
    assert loaded["spark"] == loaded["local"]
    assert loaded["spark"][0] > 0 and loaded["spark"][1] > 0  # repeated texts are stored once


def test_spark_refuses_an_existing_output_and_a_missing_input(
    runs: dict[str, Any], engine: SparkEngine
) -> None:
    folder = runs["folder"]
    with pytest.raises(EngineError, match="already exists"):
        engine.extract_file(str(runs["source"]), str(folder / "spark"))
    with pytest.raises(EngineError, match="no such file"):
        engine.extract_file(str(folder / "absent.jsonl"), str(folder / "elsewhere"))


def test_line_breaks_and_invalid_bytes_are_read_alike(tmp_path: Path, engine: SparkEngine) -> None:
    first = json.dumps({"id": "a", "text": "Police freed 30 workers in Laos."}).encode()
    broken = b'{"id": "b", "text": "Police freed \xff 40 \xe2\x82 workers \xc3 in Laos."}'
    last = json.dumps({"id": "c", "text": "Officers freed 50 workers."}).encode()
    (tmp_path / "in.jsonl").write_bytes(first + b"\r" + broken + b"\n" + last + b"\r\n\r\n" + first)
    LocalEngine().extract_file(str(tmp_path / "in.jsonl"), str(tmp_path / "local"))
    engine.extract_file(str(tmp_path / "in.jsonl"), str(tmp_path / "spark"), partitions=2)
    local_rows = list(read_rows(tmp_path / "local"))
    assert [(r["line"], r["id"]) for r in local_rows] == [(1, "a"), (2, "b"), (3, "c"), (5, "a")]
    assert "\ufffd" in local_rows[1]["text"]
    assert list(read_rows(tmp_path / "spark")) == local_rows


def test_rows_handed_back_without_writing_equal_the_written_ones(
    runs: dict[str, Any], engine: SparkEngine
) -> None:
    import io

    from ringscope.engines import write_contract_jsonl, write_contract_records

    direct = list(engine.extract_rows(str(runs["source"]), partitions=3))
    assert direct == list(read_rows(runs["folder"] / "local"))
    assert list(engine.read_rows(str(runs["folder"] / "local"))) == direct
    streamed, written = io.StringIO(), io.StringIO()
    seen: list[int | None] = []
    write_contract_records(iter(direct), streamed, on_problem=lambda p: seen.append(p.line))
    write_contract_jsonl(runs["folder"] / "local", written)
    assert streamed.getvalue() == written.getvalue()
    assert streamed.getvalue().count("\n") == runs["local"].extracted
    assert seen == [p.line for p in runs["local"].problems]
