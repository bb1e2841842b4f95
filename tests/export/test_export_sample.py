"""End to end: the bundled sample corpus through extraction into every export format (validity only)."""

from __future__ import annotations

import io
import json
from importlib import resources
from pathlib import Path

import pyarrow.parquet as pq
from ftm_checks import check_entity, check_references

from ringscope.export.ftm import write_ftm
from ringscope.export.tables import write_csv, write_parquet
from ringscope.extract import extract
from ringscope.model import Extraction, Report


def _sample() -> list[tuple[Report, Extraction]]:
    path = resources.files("ringscope").joinpath("data", "sample", "reports.jsonl")
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        report = Report(
            text=rec["text"],
            source=rec["source"],
            url=rec["url"],
            published=rec["published"],
            title=rec["title"],
            external_id=rec["id"],
        )
        items.append((report, extract(report.text, report.published)))
    return items


def test_sample_exports_are_valid(tmp_path: Path) -> None:
    items = _sample()
    assert len(items) >= 30
    buffer = io.StringIO()
    count = write_ftm(items, buffer)
    entities = [json.loads(line) for line in buffer.getvalue().splitlines()]
    assert count == len(entities) >= len(items)
    problems = [(e["id"], p) for e in entities for p in check_entity(e)]
    assert problems == []
    assert check_references(entities) == []
    expected = {
        "reports": len(items),
        "claims": sum(len(x.claims) for _, x in items),
        "routes": sum(len(x.routes) for _, x in items),
    }
    csv_counts = write_csv(items, tmp_path / "csv")
    parquet_counts = write_parquet(items, tmp_path / "parquet")
    assert csv_counts == parquet_counts
    assert {k: csv_counts[k] for k in expected} == expected
    for name, rows in parquet_counts.items():
        assert pq.read_table(tmp_path / "parquet" / f"{name}.parquet").num_rows == rows
