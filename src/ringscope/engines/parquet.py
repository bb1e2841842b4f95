"""The Parquet result folder: its schema, writing it locally, reading it back in input order."""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ringscope.engines.base import EngineError
from ringscope.engines.rows import COLUMN_NAMES, COLUMNS, Row
from ringscope.engines.uris import local_path
from ringscope.ingest.errors import InputProblem

if TYPE_CHECKING:
    import pyarrow as pa

PART_NAME = "part-00000.parquet"
BATCH_ROWS = 2048


def arrow_schema() -> pa.Schema:
    """The explicit Arrow schema of result rows (the same columns Spark writes)."""
    import pyarrow as pa

    types = {"int64": pa.int64(), "string": pa.string()}
    return pa.schema([pa.field(name, types[kind], nullable=name != "line") for name, kind in COLUMNS])


def prepare_output(output: str, overwrite: bool) -> Path:
    """A fresh local output folder, refusing to replace anything unless ``overwrite``."""
    path = on_this_machine(output)
    if path.exists():
        if not overwrite:
            raise EngineError(f"{output}: already exists (choose another output or overwrite it)")
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
    try:
        path.mkdir(parents=True)
    except OSError as exc:
        raise EngineError(f"{output}: cannot create folder ({exc.strerror or exc})") from None
    return path


def on_this_machine(location: str | Path) -> Path:
    """The local path of a plain path or ``file://`` URI; other URIs are for the Spark engine."""
    path = local_path(str(location))
    if path is None:
        raise EngineError(f"{location}: not on this machine (use --engine spark for URIs like it)")
    return path


def write_rows(rows: Iterable[Row], folder: Path) -> int:
    """Write rows to one Parquet file in ``folder`` in batches; return how many were written."""
    import pyarrow.parquet as pq

    schema = arrow_schema()
    written = 0
    with pq.ParquetWriter(str(folder / PART_NAME), schema) as writer:
        batch: list[Row] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH_ROWS:
                writer.write_table(_table(batch, schema))
                written += len(batch)
                batch = []
        if batch or written == 0:
            writer.write_table(_table(batch, schema))
            written += len(batch)
    (folder / "_SUCCESS").touch()
    return written


def _table(batch: list[Row], schema: pa.Schema) -> pa.Table:
    import pyarrow as pa

    columns = list(zip(*batch, strict=True)) if batch else [() for _ in COLUMNS]
    return pa.table([pa.array(list(col), type=f.type) for col, f in zip(columns, schema, strict=True)],
                    schema=schema)


def part_files(folder: str | Path) -> list[Path]:
    """The Parquet files of a finished result folder, in order (hidden and ``_`` files skipped)."""
    path = on_this_machine(folder)
    if not path.is_dir():
        raise EngineError(f"{folder}: not a folder of Parquet results")
    files = sorted(p for p in path.iterdir() if p.suffix == ".parquet" and not p.name.startswith(("_", ".")))
    if not files:
        raise EngineError(f"{folder}: no Parquet files in it")
    if not (path / "_SUCCESS").exists():
        raise EngineError(f"{folder}: incomplete results (no _SUCCESS marker; the run did not finish)")
    return files


def read_rows(folder: str | Path, columns: tuple[str, ...] = COLUMN_NAMES) -> Iterator[dict[str, Any]]:
    """Result rows as dicts, in input-line order, a batch at a time (bounded memory)."""
    import pyarrow.parquet as pq

    wanted = list(columns) if "line" in columns else ["line", *columns]
    last = 0
    for file in part_files(folder):
        try:
            batches = pq.ParquetFile(str(file)).iter_batches(batch_size=BATCH_ROWS, columns=wanted)
            for batch in batches:
                rows = batch.to_pylist()
                yield from _in_order(rows, folder, last)
                if rows:
                    last = rows[-1]["line"]
        except (OSError, ValueError, KeyError) as exc:  # pyarrow's errors for damaged or foreign files
            raise EngineError(f"{file}: not a ringscope result file ({exc})") from None


def _in_order(rows: list[dict[str, Any]], folder: str | Path, last: int) -> Iterator[dict[str, Any]]:
    for row in rows:
        if row["line"] <= last:
            raise EngineError(f"{folder}: line {row['line']} appears out of order or twice")
        last = row["line"]
        yield row


def problems_in(folder: str | Path, source: str) -> list[InputProblem]:
    """The failed lines of a result folder, as input problems naming ``source``."""
    return [
        InputProblem(source, row["error"], row["line"])
        for row in read_rows(folder, ("line", "error"))
        if row["error"] is not None
    ]
