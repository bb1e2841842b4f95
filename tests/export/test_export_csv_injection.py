"""CSV exports carry no formula a spreadsheet would run: cells starting with = + - @ (or a tab or
carriage return) are neutralised with a leading apostrophe, in the CLI tables and the API export."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ringscope.export.cells import FORMULA_STARTS, neutral
from ringscope.export.tables import write_csv
from ringscope.model import Claim, Entity, Extraction, Mention, Report
from ringscope.serve.app import create_app
from ringscope.serve.users import add_user, create_token
from ringscope.store import Store

HYPERLINK = '=HYPERLINK("https://evil.example/x","open")'
TEXT = "+7 said that -3 @ops =2+5 people were freed from the compound.\tMore text follows here."


def _item() -> tuple[Report, Extraction]:
    report = Report(text=TEXT, source="@SUM(1+1)", url="https://example.org/a", title=HYPERLINK)
    start = TEXT.index("=2+5 people")
    claim = Claim(
        measure="victims_rescued",
        value=7.0,
        low=7.0,
        high=7.0,
        qualifier="exact",
        unit="people",
        quote="=2+5 people were freed",
        start=start,
        end=start + len("=2+5 people were freed"),
        speaker="+7",
        location="\tMM",
    )
    name_start = TEXT.index("-3 @ops")
    entity = Entity(
        type="Organization", name="-3 @ops", mentions=[Mention(name_start, name_start + 7, "-3 @ops")]
    )
    return report, Extraction(entities=[entity], claims=[claim])


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def _assert_inert(rows: list[list[str]]) -> None:
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), cell


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@x", "'@x"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("a=1", "a=1"),
        ("", ""),
        (-3, -3),
        (2.5, 2.5),
    ],
)
def test_neutral(value: object, expected: object) -> None:
    assert neutral(value) == expected


def test_csv_tables_carry_no_formula(tmp_path: Path) -> None:
    write_csv([_item()], tmp_path)
    reports = _cells((tmp_path / "reports.csv").read_text(encoding="utf-8"))
    assert "'" + HYPERLINK in reports[1] and "'@SUM(1+1)" in reports[1]
    for table in ("reports", "entities", "claims"):
        _assert_inert(_cells((tmp_path / f"{table}.csv").read_text(encoding="utf-8")))
    claims = _cells((tmp_path / "claims.csv").read_text(encoding="utf-8"))
    header, row = claims[0], claims[1]
    assert row[header.index("quote")] == "'=2+5 people were freed"
    assert row[header.index("value")] == "7"  # numbers stay numbers


def test_the_api_claims_export_carries_no_formula(tmp_path: Path) -> None:
    path = tmp_path / "cells.db"
    with Store(path) as db:
        report, extraction = _item()
        assert db.add(report, extraction, "test")
    add_user(path, "piet", "pebble-harbor-wander-3", "analyst")
    token = create_token(path, "piet")
    client = TestClient(create_app(path))
    response = client.get("/api/v1/export/claims.csv", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    rows = _cells(response.text)
    assert len(rows) == 2
    _assert_inert(rows)
    header, row = rows
    assert row[header.index("quote")] == "'=2+5 people were freed"
    assert row[header.index("speaker")] == "'+7" and row[header.index("location")] == "'\tMM"
