"""CSV and Parquet exports: row counts, values and provenance read back from disk."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from export_fixtures import TEXT_A, TEXT_B, items

from ringscope.export.errors import ExportError
from ringscope.export.rows import TABLES
from ringscope.export.tables import arrow_schema, write_csv, write_parquet
from ringscope.fuse import fuse


def _expected() -> dict[str, int]:
    picture = fuse(items())
    return {
        "reports": 2,
        "entities": len(picture.entities),
        "mentions": sum(len(e.mentions) for _, x in items() for e in x.entities),
        "roles": sum(len(e.links) for e in picture.entities),
        "claims": 4,
        "figures": len(picture.figures),
        "events": len(picture.events),
        "routes": 1,
        "dates": sum(len(x.dates) for _, x in items()),
        "judgements": 0,  # none given (tests/judge export them)
    }


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_csv_tables_round_trip(tmp_path: Path) -> None:
    expected = _expected()
    assert expected["entities"] < expected["mentions"]  # one row per resolved entity, not per mention
    counts = write_csv(items(), tmp_path)
    assert counts == expected
    tables = {name: _read_csv(tmp_path / f"{name}.csv") for name in TABLES}
    assert {name: len(rows) for name, rows in tables.items()} == expected
    for name, rows in tables.items():
        if rows:
            assert list(rows[0]) == [column for column, _ in TABLES[name]]
    report_a, report_b = tables["reports"]
    assert report_a["url"] == "https://example.org/lantern-gazette/silver-fern"
    assert report_a["published"] == "2026-02-10" and report_a["outlet"] == "Lantern Gazette"
    assert report_b["url"] == "" and report_b["title"] == "Report by Delta Courier, 2026-02-12"
    texts = {report_a["report_id"]: TEXT_A, report_b["report_id"]: TEXT_B}
    for name in ("mentions", "claims", "routes"):
        for row in tables[name]:
            assert texts[row["report_id"]][int(row["start"]) : int(row["end"])] == row["quote"]
    seized = next(row for row in tables["claims"] if row["measure"] == "seized")
    assert (seized["value"], seized["currency"], seized["period"]) == ("2500000", "USD", "")
    ranged = next(row for row in tables["claims"] if row["qualifier"] == "range")
    assert (ranged["value"], ranged["low"], ranged["high"]) == ("", "1200", "1500")
    agency = next(row for row in tables["entities"] if row["name"] == "Harbour Police Agency")
    assert "HPA" in json.loads(agency["aliases"]) and agency["mentions"] == "3"
    assert len(json.loads(agency["report_ids"])) == 2  # "HPA" alone in the second report: one entity
    assert tables["routes"][0]["count"] == "32"
    figure_ids = {row["figure_id"] for row in tables["figures"]}
    assert all(row["figure_id"] in figure_ids for row in tables["claims"])
    entity_ids = {row["entity_id"] for row in tables["entities"]}
    assert all(row["entity_id"] in entity_ids for row in tables["mentions"])
    places = [row for row in tables["mentions"] if row["quote"] == "Myanmar"]
    assert len(places) == 2 and len({row["entity_id"] for row in places}) == 1


def test_redacted_items_give_placeholders_in_tables(tmp_path: Path) -> None:
    from ringscope.privacy import decide
    from ringscope.privacy import view as views

    picture = fuse(items())
    policy = decide(picture)
    write_csv(views.items(policy, picture, items()), tmp_path / "default", views.picture(policy, picture))
    names = [row["name"] for row in _read_csv(tmp_path / "default" / "entities.csv")]
    assert "Tomas Reed" not in names and "[victim 1]" in names and "Arvid Nettlé" in names
    speakers = [row["speaker"] for row in _read_csv(tmp_path / "default" / "claims.csv")]
    assert speakers == ["Arvid Nettle", "[victim 1]", "", ""]
    for name in TABLES:
        assert "Reed" not in (tmp_path / "default" / f"{name}.csv").read_text(encoding="utf-8")
    counts = write_parquet(items(), tmp_path / "all")
    assert counts["entities"] == _expected()["entities"]
    assert "Tomas Reed" in pq.read_table(tmp_path / "all" / "entities.parquet").column("name").to_pylist()
    assert "Tomas Reed" in pq.read_table(tmp_path / "all" / "claims.parquet").column("speaker").to_pylist()


def test_parquet_tables_have_typed_schema_and_values(tmp_path: Path) -> None:
    expected = _expected()
    counts = write_parquet(items(), tmp_path)
    assert counts == expected
    for name in TABLES:
        table = pq.read_table(tmp_path / f"{name}.parquet")
        assert table.schema.equals(arrow_schema(name)), name
        assert table.num_rows == expected[name]
    claims = pq.read_table(tmp_path / "claims.parquet").to_pylist()
    assert [c["value"] for c in claims] == [140.0, 2_500_000.0, None, 3e9]
    assert claims[2]["low"] == 1200.0 and claims[2]["high"] == 1500.0
    assert claims[0]["start"] == TEXT_A.index("140 people")
    assert claims[0]["date"] == dt.date(2026, 2, 9) and claims[0]["published"] == dt.date(2026, 2, 10)
    assert isinstance(claims[0]["flags"], list)
    entities = pq.read_table(tmp_path / "entities.parquet").to_pylist()
    myanmar = next(e for e in entities if e["name"] == "Myanmar")
    assert (myanmar["lat"], myanmar["lon"], myanmar["country"]) == (21.0, 96.0, "MM")
    assert myanmar["reports"] == 2 and len(myanmar["report_ids"]) == 2
    figures = pq.read_table(tmp_path / "figures.parquet").to_pylist()
    assert all(isinstance(f["conflicted"], bool) for f in figures)
    assert sum(f["claims"] for f in figures) == len(claims)


def test_parquet_writes_in_several_row_groups(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("ringscope.export.tables.BATCH_ROWS", 2)
    write_parquet(items() * 3, tmp_path)
    parquet = pq.ParquetFile(tmp_path / "claims.parquet")
    assert parquet.metadata.num_rows == 3 * 4
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
