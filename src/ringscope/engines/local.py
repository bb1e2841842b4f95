"""The local engine: the pipeline in this process, results written as Parquet with pyarrow."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from ringscope import settings
from ringscope.engines.base import EngineError, RunSummary
from ringscope.engines.parquet import on_this_machine, prepare_output, problems_in, read_rows, write_rows
from ringscope.engines.rows import COLUMN_NAMES, Row, process_lines
from ringscope.ingest.run import Extractor


class LocalEngine:
    """Extraction in one process; the reference every other engine must match item for item."""

    name = "local"

    def __init__(self, extractor: Extractor | None = None, version: str | None = None) -> None:
        self.extractor = extractor
        self.version = version

    def extract_file(
        self, input: str, output: str, *, partitions: int | None = None, overwrite: bool = False
    ) -> RunSummary:
        """Extract every line of the JSON-lines file ``input`` into the Parquet folder ``output``.

        ``partitions`` is accepted for symmetry with the Spark engine and ignored.
        """
        started = time.perf_counter()
        fh = open_input(input)
        with fh:
            folder = prepare_output(output, overwrite)
            rows = self.rows(fh, input)
            write_rows(rows, folder)
        problems = problems_in(folder, input)
        extracted = _count_rows(folder) - len(problems)
        return RunSummary(str(folder), extracted, problems, time.perf_counter() - started)

    def extract_rows(self, input: str, *, partitions: int | None = None) -> Iterator[dict[str, Any]]:
        """Extract every line of ``input`` and yield the result rows, in input order; nothing is written."""
        fh = open_input(input)
        with fh:
            for row in self.rows(fh, input):
                yield dict(zip(COLUMN_NAMES, row, strict=True))

    def read_rows(self, output: str, columns: tuple[str, ...] = COLUMN_NAMES) -> Iterator[dict[str, Any]]:
        """The rows of the result folder ``output``, in line order."""
        return read_rows(output, columns)

    def rows(self, lines: IO[str], source: str) -> Iterator[Row]:
        """Result rows of an open text stream, in line order."""
        numbered = enumerate(lines, start=1)
        stripped = ((n, line.rstrip("\r\n")) for n, line in numbered)
        return process_lines(stripped, source, settings.MAX_REPORT_CHARS, self.extractor, self.version)

    def close(self) -> None:
        return None


def open_input(input: str) -> IO[str]:
    """An input file as text: UTF-8, invalid bytes replaced (as Hadoop's reader does), universal newlines."""
    path = on_this_machine(input)
    if path.is_dir():
        raise EngineError(f"{input}: is a folder; give one JSON-lines file")
    try:
        return path.open(encoding="utf-8", errors="replace", newline=None)
    except FileNotFoundError:
        raise EngineError(f"{input}: no such file") from None
    except OSError as exc:
        raise EngineError(f"{input}: cannot read ({exc.strerror or exc})") from None


def _count_rows(folder: Path) -> int:
    import pyarrow.parquet as pq

    from ringscope.engines.parquet import part_files

    return sum(pq.ParquetFile(str(f)).metadata.num_rows for f in part_files(folder))
