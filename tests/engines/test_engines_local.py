"""The local engine and the engine registry: Parquet results, problems, store loading."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from ringscope.engines import (
    EngineError,
    extract_file,
    get_engine,
    load_parquet_into_store,
    read_rows,
    write_contract_jsonl,
)
from ringscope.engines.parquet import arrow_schema
from ringscope.extract import EXTRACTOR_VERSION, extract
from ringscope.store import Store

TEXTS = [
    "Police in Laos freed 75 Ugandan workers from the Ironbark compound on 3 June 2025.",
    "Authorities arrested 19 suspects and seized USD 4 million at a casino complex in Cambodia.",
    "About 2,300 people were held in guarded buildings, the Tallow Coast Ministry said on Friday.",
]


def write_input(path: Path) -> Path:
    lines = [
        json.dumps({"id": "r1", "text": TEXTS[0], "published": "2025-06-05"}),
        "",
        "{not json",
        json.dumps({"text": TEXTS[1], "published": "2025-07-01", "title": "Raid"}),
        json.dumps({"id": "r3", "published": "2025-07-02"}),
        json.dumps({"id": "r4", "text": TEXTS[2]}),
    ]
    path.write_text("\r\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_local_run_writes_one_row_per_nonblank_line_in_order(tmp_path: Path) -> None:
    source = write_input(tmp_path / "in.jsonl")
    summary = extract_file(str(source), str(tmp_path / "out"))
    rows = list(read_rows(tmp_path / "out"))
    assert [r["line"] for r in rows] == [1, 3, 4, 5, 6]
    assert [r["id"] for r in rows if r["error"] is None][0::2] == ["r1", "r4"]
    assert summary.extracted == 3 and summary.failed == 2
    assert [(p.path, p.line) for p in summary.problems] == [(str(source), 3), (str(source), 5)]
    assert summary.problems[1].message == "missing 'text'"
    assert pq.read_schema(str(tmp_path / "out" / "part-00000.parquet")).equals(arrow_schema())


def test_contract_lines_match_the_pipeline(tmp_path: Path) -> None:
    source = write_input(tmp_path / "in.jsonl")
    extract_file(str(source), str(tmp_path / "out"))
    sink = io.StringIO()
    assert write_contract_jsonl(tmp_path / "out", sink) == 3
    records = [json.loads(line) for line in sink.getvalue().splitlines()]
    # Every claim carries its figure id (and part-of link), as ringscope extract writes them.
    claims = [claim for record in records for claim in record["claims"]]
    assert claims and all(claim["figure"] for claim in claims)
    for claim in claims:
        del claim["figure"], claim["part_of"]
    assert records[0] == json.loads(json.dumps(extract(TEXTS[0], "2025-06-05").to_contract("r1")))
    assert records[2]["id"] == "r4"
    assert records[2]["claims"] == json.loads(json.dumps(extract(TEXTS[2], None).to_contract("r4")))["claims"]


def test_unfinished_results_are_refused(tmp_path: Path) -> None:
    source = write_input(tmp_path / "in.jsonl")
    extract_file(str(source), str(tmp_path / "out"))
    (tmp_path / "out" / "_SUCCESS").unlink()
    with pytest.raises(EngineError, match="incomplete results"):
        list(read_rows(tmp_path / "out"))
    (tmp_path / "out" / "_SUCCESS").touch()
    (tmp_path / "out" / "part-00000.parquet").write_bytes(b"PAR1 not really parquet")
    with pytest.raises(EngineError, match="not a ringscope result file"):
        list(read_rows(tmp_path / "out"))


def test_existing_output_is_refused_unless_overwritten(tmp_path: Path) -> None:
    source = write_input(tmp_path / "in.jsonl")
    extract_file(str(source), str(tmp_path / "out"))
    with pytest.raises(EngineError, match="already exists"):
        extract_file(str(source), str(tmp_path / "out"))
    assert extract_file(str(source), str(tmp_path / "out"), overwrite=True).extracted == 3


def test_bad_inputs_and_names_give_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(EngineError, match="missing.jsonl: no such file"):
        extract_file(str(tmp_path / "missing.jsonl"), str(tmp_path / "out"))
    assert not (tmp_path / "out").exists()
    with pytest.raises(EngineError, match="is a folder"):
        extract_file(str(tmp_path), str(tmp_path / "out"))
    with pytest.raises(EngineError, match="unknown engine 'dask'.*local, spark"):
        get_engine("dask")
    with pytest.raises(EngineError, match="--master"):
        get_engine("local", "spark://somewhere:7077")
    with pytest.raises(EngineError, match="no Parquet files"):
        list(read_rows(tmp_path))


def test_loading_into_the_store_is_per_report_and_idempotent(tmp_path: Path) -> None:
    source = write_input(tmp_path / "in.jsonl")
    extract_file(str(source), str(tmp_path / "out"))
    with Store(tmp_path / "s.db") as store:
        first = load_parquet_into_store(tmp_path / "out", store, source=str(source))
        again = load_parquet_into_store(tmp_path / "out", store)
        reports = {r.external_id: r for r in store.iter_reports()}
        stored = store.get_extraction(reports["r1"].id)
        version = store.extractor_version(reports["r4"].id)
    assert (first.ingested, first.unchanged, first.failed) == (3, 0, 2)
    assert [(p.path, p.line) for p in first.problems] == [(str(source), 3), (str(source), 5)]
    assert (again.ingested, again.unchanged) == (0, 3)
    assert set(reports) == {"r1", None, "r4"}
    # The input file is never a report's outlet; a report without a title gets its first line.
    assert reports[None].title == "Raid" and reports[None].source is None
    assert reports["r4"].title == TEXTS[2].splitlines()[0].strip()
    expected = extract(TEXTS[0], "2025-06-05")
    assert [c.quote for c in stored.claims] == [c.quote for c in expected.claims]
    assert [(e.name, e.type) for e in stored.entities] == [(e.name, e.type) for e in expected.entities]
    assert version == EXTRACTOR_VERSION


def test_importing_engines_does_not_import_spark() -> None:
    code = "import sys, ringscope.engines; print('pyspark' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_ingest_file_extracts_loads_and_keeps_results_only_when_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    from ringscope.engines import ingest_file

    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    source = write_input(tmp_path / "in.jsonl")
    seen: list[int | None] = []
    with Store(tmp_path / "s.db") as store:
        kept = ingest_file(store, str(source), engine="local", results=str(tmp_path / "kept"))
        again = ingest_file(store, str(source), engine="local", on_problem=lambda p: seen.append(p.line))
        count = sum(1 for _ in store.iter_reports())
    assert (kept.ingested, kept.failed) == (3, 2) and count == 3
    assert (again.ingested, again.unchanged) == (0, 3) and seen == [3, 5]
    assert [r["line"] for r in read_rows(tmp_path / "kept")] == [1, 3, 4, 5, 6]
    assert list(scratch.iterdir()) == []
