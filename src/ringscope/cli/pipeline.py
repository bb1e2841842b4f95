"""Commands that read reports and extract from them: ingest, extract, reextract."""

from __future__ import annotations

import json
import pickle
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text

from ringscope.cli.common import (
    DEFAULT_STORE,
    EngineName,
    EngineOption,
    MasterOption,
    StoreOption,
    app,
    err,
    fail,
    open_out,
    open_store,
    out,
    user_errors,
)
from ringscope.terminal import clean

if TYPE_CHECKING:
    from ringscope.ingest import IngestHooks, InputError
    from ringscope.model import Report


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (searched recursively) or - for stdin.")],
    store: StoreOption = DEFAULT_STORE,
    include: Annotated[
        list[str] | None,
        typer.Option(
            "--include", help="Only files in folders whose name or path matches this glob (repeatable)."
        ),
    ] = None,
    exclude: Annotated[
        list[str] | None,
        typer.Option("--exclude", help="Skip files and folders matching this glob (repeatable)."),
    ] = None,
    max_bytes: Annotated[
        int | None,
        typer.Option(
            "--max-bytes", min=1, help="Refuse inputs larger than this (default RINGSCOPE_MAX_INPUT_BYTES)."
        ),
    ] = None,
    engine: EngineOption = EngineName.local,
    master: MasterOption = None,
    results: Annotated[
        str | None,
        typer.Option(
            "--results",
            help="With --engine spark: keep the Parquet results in this new folder (path or URI: "
            "file://, hdfs://, s3a://).",
        ),
    ] = None,
) -> None:
    """Read reports, extract what they say and store both. Unchanged reports are skipped."""
    from ringscope.ingest import IngestSummary, ingest_paths

    if engine is EngineName.spark:
        _ingest_on_engine(paths, store, engine, master, results)
        return
    if master is not None or results is not None:
        fail("--master and --results apply to --engine spark only")
    with user_errors(), open_store(store, create=True) as db:
        summary = IngestSummary()
        try:
            with progress() as hooks:
                summary = ingest_paths(
                    db, paths, include=include or (), exclude=exclude or (), max_bytes=max_bytes, hooks=hooks
                )
        except KeyboardInterrupt:
            fail("interrupted; reports stored so far are kept", 130)
    out.print(Text(f"{summary} (store: {store})"), soft_wrap=True)
    if not summary.ok:
        raise typer.Exit(1)


def _ingest_on_engine(
    paths: list[str], store: Path, engine: EngineName, master: str | None, results: str | None
) -> None:
    """Ingest JSON-lines files through an engine: extraction there, results loaded into the store."""
    from ringscope.engines import EngineError, get_engine, ingest_file

    if "-" in paths:
        fail(f"--engine {engine} reads JSON-lines files, not standard input")
    if results == "-":
        fail("--results keeps a Parquet folder, not a stream; give a folder")
    if results is not None and len(paths) > 1:
        fail("--results keeps the results of one input file; give one file")
    failed = 0
    try:
        runner = get_engine(engine.value, master)  # one Spark application for every file
    except EngineError as exc:
        fail(str(exc))
    try:
        with user_errors(), open_store(store, create=True) as db:
            for path in paths:
                try:
                    summary = ingest_file(
                        db, path, engine=runner, results=results,
                        on_problem=lambda problem: typer.echo(clean(str(problem)), err=True),
                    )
                except EngineError as exc:
                    typer.echo(clean(f"error: {exc}"), err=True)
                    failed += 1
                    continue
                failed += summary.failed
                out.print(Text(f"{path}: {summary} (store: {store})"), soft_wrap=True)
    finally:
        runner.close()
    if failed:
        raise typer.Exit(1)


@contextmanager
def progress() -> Iterator[IngestHooks]:
    """Ingest hooks: a progress bar on a terminal, problems on stderr as they happen."""
    from ringscope.ingest import IngestHooks, InputProblem

    def problem(item: InputProblem) -> None:
        err.print(Text(clean(str(item))), soft_wrap=True)

    if not sys.stderr.isatty():
        yield IngestHooks(on_problem=problem)
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task("ingest", total=None)
        yield IngestHooks(
            on_sources=lambda total: bar.update(task, total=total),
            on_source_done=lambda _source: bar.advance(task),
            on_problem=problem,
        )


# -- extract (stateless) ------------------------------------------------------------


@app.command()
def extract(
    input: Annotated[
        str, typer.Argument(help="A JSONL file of reports (text, published, id), or - for stdin.")
    ],
    output: Annotated[
        str, typer.Option("--output", "-o", help="Where to write the JSONL results (- for stdout).")
    ] = "-",
    engine: EngineOption = EngineName.local,
    master: MasterOption = None,
    parquet: Annotated[
        str | None,
        typer.Option(
            "--parquet",
            help="Also keep the full results (spans included) as Parquet in this new folder "
            "(path or URI: file://, hdfs://, s3a://).",
        ),
    ] = None,
) -> None:
    """Extract entities, claims and routes from each report of a JSONL file, in input order."""
    if engine is EngineName.spark or parquet is not None:
        _extract_on_engine(input, output, engine, master, parquet)
        return
    if master is not None:
        fail("--master applies to --engine spark only")
    import tempfile

    from ringscope.fuse.batch import ContractBatch
    from ringscope.ingest import InputError
    from ringscope.ingest.run import Extracted, Failed, Runner

    name = "<stdin>" if input == "-" else input
    runner = Runner()
    failed = spilled = 0
    batch = ContractBatch()
    # Results wait in a spill file until every report is read: event ids need the whole input. They
    # wait there pickled (this process reads back what it wrote), and are turned into JSON once.
    with open_lines(input) as lines, tempfile.TemporaryFile() as spill, _long_batch():
        try:
            for outcome in runner.run(lines):
                if isinstance(outcome, Failed):
                    typer.echo(clean(f"{name}:{outcome.line}: {outcome.message}"), err=True)
                    failed += 1
                    continue
                if not isinstance(outcome, Extracted):
                    continue
                report = outcome.report
                report_id = report.external_id if report.external_id is not None else report.id
                batch.add(str(outcome.line), report, outcome.extraction)
                record = (str(outcome.line), outcome.extraction.to_contract(report_id))
                pickle.dump(record, spill, pickle.HIGHEST_PROTOCOL)
                spilled += 1
        except InputError as exc:
            fail(clean(f"{name}: {exc.message}"))
        batch.close()
        spill.seek(0)
        with open_out(output) as sink:
            for _ in range(spilled):
                key, contract = pickle.load(spill)
                sink.write(json.dumps(batch.annotate(key, contract), ensure_ascii=False) + "\n")
    if runner.unsupported.total:
        typer.echo(str(runner.unsupported), err=True)
    if failed:
        typer.echo(f"{failed} line(s) failed", err=True)
        raise typer.Exit(1)


@contextmanager
def _long_batch() -> Iterator[None]:
    """Garbage collection for one long batch: what is loaded by now lives to the end, and extraction
    makes few reference cycles, so the collector need neither walk the loaded code on every full
    pass nor run as often. The settings are restored after."""
    import gc

    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


@contextmanager
def open_lines(input: str) -> Iterator[Iterator[tuple[int | None, Report | InputError]]]:
    """The numbered reports of a JSON-lines file or stdin, through the one JSON-lines reader."""
    from ringscope import settings
    from ringscope.ingest.readers.jsonl import bounded_lines, read_jsonl_lines

    name = "<stdin>" if input == "-" else input
    limit = settings.MAX_INPUT_BYTES
    if input == "-":
        yield read_jsonl_lines(bounded_lines(sys.stdin.buffer, limit), name, limit, allow_empty=True)
        return
    try:
        fh = open(input, "rb")  # noqa: SIM115
    except OSError as exc:
        fail(f"{input}: {exc.strerror or exc}")
    with fh:
        yield read_jsonl_lines(bounded_lines(fh, limit), name, limit, allow_empty=True)


def _extract_on_engine(
    input: str, output: str, engine: EngineName, master: str | None, parquet: str | None
) -> None:
    """Extract through an engine, then write the contract records as JSON lines."""
    from ringscope.engines import EngineError, extract_records
    from ringscope.ingest.run import LanguageTally

    if input == "-":
        fail("--engine and --parquet read a JSON-lines file, not standard input")
    if parquet == "-":
        fail("--parquet writes a folder, not a stream; give a folder (-o - sends JSON lines to stdout)")
    languages = LanguageTally()
    try:
        _, failed = extract_records(
            input, lambda: open_out(output), engine=engine.value, master=master, parquet=parquet,
            on_problem=lambda problem: typer.echo(clean(str(problem)), err=True), languages=languages,
        )
    except EngineError as exc:
        fail(str(exc))
    if languages.total:
        typer.echo(str(languages), err=True)
    if failed:
        typer.echo(f"{failed} line(s) failed", err=True)
        raise typer.Exit(1)


@app.command()
def reextract(
    force: Annotated[
        bool, typer.Option("--force", help="Re-extract every report, not only outdated ones.")
    ] = False,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Re-extract reports stored by an older extractor version."""
    from ringscope.ingest.runner import reextract_store

    with user_errors(), open_store(store) as db:
        summary = reextract_store(db, force=force)
    for problem in summary.problems:
        err.print(Text(str(problem)), soft_wrap=True)
    languages = f"; {summary.unsupported}" if summary.unsupported.total else ""
    out.print(Text(f"re-extracted {summary.ingested} report(s){languages}"), soft_wrap=True)
    if not summary.ok:
        raise typer.Exit(1)
