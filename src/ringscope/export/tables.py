"""CSV and Parquet exports of the relational tables defined in :mod:`ringscope.export.rows`.

Parquet keeps the column types (dates as dates, lists as lists of strings, booleans); CSV writes
dates as ISO text, lists as JSON arrays and booleans as true/false. Parquet rows go out in row
groups of at most ``BATCH_ROWS`` rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ringscope.export.cells import neutral
from ringscope.export.errors import ExportError
from ringscope.export.fused import fused
from ringscope.export.rows import TABLES, ColumnType, Row, Value, rows
from ringscope.fuse import Picture
from ringscope.model import Extraction, Report
from ringscope.private import private_file
from ringscope.store.judgements import Judgement

Item = tuple[Report, Extraction]

BATCH_ROWS = 10_000
"""Rows buffered per table before a Parquet row group is written."""

_ARROW_TYPES: dict[ColumnType, pa.DataType] = {
    "string": pa.string(),
    "int": pa.int64(),
    "float": pa.float64(),
    "date": pa.date32(),
    "bool": pa.bool_(),
    "list": pa.list_(pa.string()),
}


def arrow_schema(table: str) -> pa.Schema:
    """The explicit Arrow schema of one export table."""
    return pa.schema([pa.field(name, _ARROW_TYPES[kind], nullable=True) for name, kind in TABLES[table]])


def write_csv(items: Iterable[Item], out_dir: Path, picture: Picture | None = None,
              judgements: Sequence[Judgement] = ()) -> dict[str, int]:
    """Write one CSV per table of :data:`TABLES` to ``out_dir``; returns row counts. ``picture`` is
    the fused picture of ``items`` (fused here when not given)."""
    _prepare(out_dir)
    counts = dict.fromkeys(TABLES, 0)
    with ExitStack() as stack:
        writers: dict[str, Any] = {}
        for table, columns in TABLES.items():
            private_file(out_dir / f"{table}.csv")
            fh = stack.enter_context((out_dir / f"{table}.csv").open("w", encoding="utf-8", newline=""))
            writer = csv.DictWriter(fh, fieldnames=[name for name, _ in columns])
            writer.writeheader()
            writers[table] = writer
        for table, row in rows(fused(items, picture, judgements)):
            writers[table].writerow({key: _csv_value(value) for key, value in row.items()})
            counts[table] += 1
    return counts


def write_parquet(items: Iterable[Item], out_dir: Path, picture: Picture | None = None,
                  judgements: Sequence[Judgement] = ()) -> dict[str, int]:
    """Write one Parquet file per table of :data:`TABLES` (dates as dates, lists as lists); returns
    row counts."""
    _prepare(out_dir)
    counts = dict.fromkeys(TABLES, 0)
    buffers: dict[str, list[Row]] = {table: [] for table in TABLES}
    for table in TABLES:
        private_file(out_dir / f"{table}.parquet")
    with ExitStack() as stack:
        writers = {
            table: stack.enter_context(
                pq.ParquetWriter(str(out_dir / f"{table}.parquet"), arrow_schema(table))
            )
            for table in TABLES
        }
        for table, row in rows(fused(items, picture, judgements)):
            buffers[table].append(row)
            counts[table] += 1
            if len(buffers[table]) >= BATCH_ROWS:
                _flush(writers[table], table, buffers[table])
        for table, buffered in buffers.items():
            _flush(writers[table], table, buffered)
    return counts


def _flush(writer: pq.ParquetWriter, table: str, buffered: list[Row]) -> None:
    if buffered:
        writer.write_table(pa.Table.from_pylist(buffered, schema=arrow_schema(table)))
        buffered.clear()


def _prepare(out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise ExportError(f"{out_dir}: exists and is not a folder; give a folder for the export tables")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"{out_dir}: cannot create the export folder ({exc.strerror})") from exc


def _csv_value(value: Value) -> str | int:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return str(neutral(json.dumps(value, ensure_ascii=False)))
    if isinstance(value, float):
        return int(value) if value.is_integer() else repr(value)
    if isinstance(value, str):
        return str(neutral(value))  # no formula a spreadsheet would run
    return value
