"""CSV and Parquet exports: row counts, values and provenance read back from disk."""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from export_fixtures import TEXT_A, TEXT_B, items

from ringscope.export.errors import ExportError
from ringscope.export.rows import TABLES
from ringscope.export.tables import arrow_schema, write_csv, write_parquet

EXPECTED = {"reports": 2, "entities": 9, "claims": 4, "routes": 1}


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_csv_tables_round_trip(tmp_path: Path) -> None:
    counts = write_csv(items(), tmp_path)
    assert counts == EXPECTED
    tables = {name: _read_csv(tmp_path / f"{name}.csv") for name in TABLES}
    assert {name: len(rows) for name, rows in tables.items()} == EXPECTED
    for name, rows in tables.items():
        assert list(rows[0]) == [column for column, _ in TABLES[name]]
    report_a, report_b = tables["reports"]
    assert report_a["url"] == "https://example.org/lantern-gazette/silver-fern"
    assert report_b["url"] == "" and report_b["title"] == ""
    texts = {report_a["report_id"]: TEXT_A, report_b["report_id"]: TEXT_B}
    for name in ("entities", "claims", "routes"):
        for row in tables[name]:
            assert texts[row["report_id"]][int(row["start"]) : int(row["end"])] == row["quote"]
    seized = next(row for row in tables["claims"] if row["measure"] == "seized")
    assert (seized["value"], seized["currency"], seized["period"]) == ("2500000", "USD", "")
    ranged = next(row for row in tables["claims"] if row["qualifier"] == "range")
    assert (ranged["value"], ranged["low"], ranged["high"]) == ("", "1200", "1500")
    agency = next(row for row in tables["entities"] if row["name"] == "Harbour Police Agency")
    assert (agency["aliases"], agency["mentions"]) == ("HPA", "2")
    assert tables["routes"][0]["count"] == "32"


def test_redacted_items_give_placeholders_in_tables(tmp_path: Path) -> None:
    from ringscope.fuse import fuse
    from ringscope.privacy import decide
    from ringscope.privacy import view as views

    picture = fuse(items())
    write_csv(views.items(decide(picture), picture, items()), tmp_path / "default")
    names = [row["name"] for row in _read_csv(tmp_path / "default" / "entities.csv")]
    assert "Tomas Reed" not in names and "[victim 1]" in names and "Arvid Nettle" in names
    speakers = [row["speaker"] for row in _read_csv(tmp_path / "default" / "claims.csv")]
    assert speakers == ["Arvid Nettle", "[victim 1]", "", ""]
    for name in TABLES:
        assert "Reed" not in (tmp_path / "default" / f"{name}.csv").read_text(encoding="utf-8")
    counts = write_parquet(items(), tmp_path / "all")
    assert counts["entities"] == EXPECTED["entities"]
    assert "Tomas Reed" in pq.read_table(tmp_path / "all" / "entities.parquet").column("name").to_pylist()
    assert "Tomas Reed" in pq.read_table(tmp_path / "all" / "claims.parquet").column("speaker").to_pylist()


def test_parquet_tables_have_typed_schema_and_values(tmp_path: Path) -> None:
    counts = write_parquet(items(), tmp_path)
    assert counts == EXPECTED
    for name in TABLES:
        table = pq.read_table(tmp_path / f"{name}.parquet")
        assert table.schema.equals(arrow_schema(name)), name
        assert table.num_rows == EXPECTED[name]
    claims = pq.read_table(tmp_path / "claims.parquet").to_pylist()
    assert [c["value"] for c in claims] == [140.0, 2_500_000.0, None, 3e9]
    assert claims[2]["low"] == 1200.0 and claims[2]["high"] == 1500.0
    assert claims[0]["start"] == TEXT_A.index("140 people")
    entities = pq.read_table(tmp_path / "entities.parquet").to_pylist()
    myanmar = next(e for e in entities if e["name"] == "Myanmar" and e["lat"] is not None)
    assert (myanmar["lat"], myanmar["lon"], myanmar["country"]) == (21.0, 96.0, "MM")


def test_parquet_writes_in_several_row_groups(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("ringscope.export.tables.BATCH_ROWS", 2)
    write_parquet(items() * 3, tmp_path)
    parquet = pq.ParquetFile(tmp_path / "entities.parquet")
    assert parquet.metadata.num_rows == 3 * EXPECTED["entities"]
    assert parquet.metadata.num_row_groups > 1


def test_empty_export_writes_headers_only(tmp_path: Path) -> None:
    assert write_csv([], tmp_path) == dict.fromkeys(TABLES, 0)
    assert (tmp_path / "claims.csv").read_text(encoding="utf-8").splitlines() == [
        ",".join(column for column, _ in TABLES["claims"])
    ]
    assert write_parquet([], tmp_path) == dict.fromkeys(TABLES, 0)
    assert pq.read_table(tmp_path / "routes.parquet").num_rows == 0


def test_output_that_is_a_file_is_a_clear_error(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("keep me", encoding="utf-8")
    for writer in (write_csv, write_parquet):
        with pytest.raises(ExportError, match="out.csv.*not a folder"):
            writer(items(), target)
    assert target.read_text(encoding="utf-8") == "keep me"
