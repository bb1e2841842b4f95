"""Engines run the extraction pipeline over many reports: ``local`` here, ``spark`` on a cluster.

Every engine reads a JSON-lines file of reports and writes the same Parquet result
folder (one row per input line, see :mod:`ringscope.engines.rows`), which can be
loaded into the store, written out as contract JSON lines, or queried directly with
Spark or DuckDB. Engines are chosen by name; Spark is imported only when asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import IO, TYPE_CHECKING

from ringscope.engines.base import Engine, EngineError, RunSummary
from ringscope.engines.load import (
    CONTRACT_COLUMNS,
    LoadSummary,
    load_parquet_into_store,
    load_rows_into_store,
    write_contract_jsonl,
    write_contract_records,
)
from ringscope.engines.parquet import read_rows
from ringscope.ingest.errors import InputProblem

if TYPE_CHECKING:
    from ringscope.ingest.run import LanguageTally
    from ringscope.store import Store

EngineFactory = Callable[[str | None], Engine]


def _local(master: str | None) -> Engine:
    from ringscope.engines.local import LocalEngine

    if master is not None:
        raise EngineError("--master applies to the Spark engine only")
    return LocalEngine()


def _spark(master: str | None) -> Engine:
    from ringscope.engines.spark import SparkEngine

    return SparkEngine(master)


ENGINES: dict[str, EngineFactory] = {"local": _local, "spark": _spark}
"""Engine factories by name; each takes the Spark-style master URL (or None)."""


def register_engine(name: str, factory: EngineFactory) -> None:
    """Make another engine available by name."""
    ENGINES[name] = factory


def get_engine(name: str, master: str | None = None) -> Engine:
    """The engine called ``name`` (``local`` or ``spark``), ready to run."""
    try:
        factory = ENGINES[name]
    except KeyError:
        known = ", ".join(sorted(ENGINES))
        raise EngineError(f"unknown engine {name!r} (choose one of: {known})") from None
    return factory(master)


def extract_file(
    input: str,
    output: str,
    engine: str = "local",
    master: str | None = None,
    partitions: int | None = None,
    overwrite: bool = False,
) -> RunSummary:
    """Extract every report of the JSON-lines file ``input`` into the Parquet folder ``output``."""
    runner = get_engine(engine, master)
    try:
        return runner.extract_file(input, output, partitions=partitions, overwrite=overwrite)
    finally:
        runner.close()


def ingest_file(
    store: Store,
    input: str,
    *,
    engine: str | Engine = "spark",
    master: str | None = None,
    partitions: int | None = None,
    results: str | None = None,
    on_problem: Callable[[InputProblem], None] | None = None,
) -> LoadSummary:
    """Extract a JSON-lines file (path or URI) on ``engine`` and load the results into ``store``.

    With ``results`` (a new folder, path or URI) the Parquet results are written and
    kept there, for analysts, then read back through the engine; without, the rows
    come straight back to this process and nothing is written but the store. Failed
    lines become problems naming ``input`` and their line. ``engine`` is a name, or an
    engine from :func:`get_engine` to reuse over several files (left open).
    """
    runner = get_engine(engine, master) if isinstance(engine, str) else engine
    try:
        if results is not None:
            runner.extract_file(input, results, partitions=partitions)
            rows = runner.read_rows(results)
        else:
            rows = runner.extract_rows(input, partitions=partitions)
        return load_rows_into_store(rows, store, source=input, on_problem=on_problem)
    finally:
        if isinstance(engine, str):
            runner.close()


def extract_records(
    input: str,
    sink: IO[str] | Callable[[], AbstractContextManager[IO[str]]],
    *,
    engine: str = "local",
    master: str | None = None,
    partitions: int | None = None,
    parquet: str | None = None,
    on_problem: Callable[[InputProblem], None] | None = None,
    languages: LanguageTally | None = None,
) -> tuple[int, int]:
    """Extract a JSON-lines file on ``engine`` and write its contract records to ``sink``.

    ``sink`` is an open stream or a function opening one once every line is extracted.
    Records are in input order with ``event_cluster`` filled over the whole input. With
    ``parquet`` (a new folder, path or URI) the full results are also kept there. Returns
    (records written, lines failed); failed lines go to ``on_problem``, reports in languages
    the extractor does not read are counted in ``languages``.
    """
    failed = 0

    def problem(item: InputProblem) -> None:
        nonlocal failed
        failed += 1
        if on_problem:
            on_problem(item)

    runner = get_engine(engine, master)
    try:
        if parquet is not None:
            runner.extract_file(input, parquet, partitions=partitions)
            rows = runner.read_rows(parquet, CONTRACT_COLUMNS)
        else:
            rows = runner.extract_rows(input, partitions=partitions)
        written = write_contract_records(rows, sink, source=input, on_problem=problem, languages=languages)
    finally:
        runner.close()
    return written, failed


__all__ = [
    "ENGINES",
    "Engine",
    "EngineError",
    "LoadSummary",
    "RunSummary",
    "extract_file",
    "extract_records",
    "get_engine",
    "ingest_file",
    "load_parquet_into_store",
    "load_rows_into_store",
    "read_rows",
    "register_engine",
    "write_contract_jsonl",
    "write_contract_records",
]
