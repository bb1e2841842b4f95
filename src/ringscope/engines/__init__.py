"""Engines run the extraction pipeline over many reports: ``local`` here, ``spark`` on a cluster.

Every engine reads a JSON-lines file of reports and writes the same Parquet result
folder (one row per input line, see :mod:`ringscope.engines.rows`), which can be
loaded into the store, written out as contract JSON lines, or queried directly with
Spark or DuckDB. Engines are chosen by name; Spark is imported only when asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ringscope.engines.base import Engine, EngineError, RunSummary
from ringscope.engines.load import LoadSummary, load_parquet_into_store, write_contract_jsonl
from ringscope.engines.parquet import read_rows
from ringscope.ingest.errors import InputProblem

if TYPE_CHECKING:
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
    engine: str = "spark",
    master: str | None = None,
    partitions: int | None = None,
    results: str | None = None,
    on_problem: Callable[[InputProblem], None] | None = None,
) -> LoadSummary:
    """Extract a JSON-lines file on ``engine`` and load the results into ``store``.

    The Parquet results go to ``results`` when given (and are kept, for analysts),
    otherwise to a temporary folder removed afterwards. Failed lines become
    problems naming ``input`` and their line.
    """
    import tempfile

    with tempfile.TemporaryDirectory(prefix="ringscope-results-") as scratch:
        target = results or str(Path(scratch) / "results")
        extract_file(input, target, engine, master, partitions)
        return load_parquet_into_store(target, store, source=input, on_problem=on_problem)


__all__ = [
    "ENGINES",
    "Engine",
    "EngineError",
    "LoadSummary",
    "RunSummary",
    "extract_file",
    "get_engine",
    "ingest_file",
    "load_parquet_into_store",
    "read_rows",
    "register_engine",
    "write_contract_jsonl",
]
