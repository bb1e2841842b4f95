"""Commands that read reports and extract from them: ingest, extract, reextract."""

from __future__ import annotations

import json
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
    open_in,
    open_out,
    open_store,
    out,
    user_errors,
)

if TYPE_CHECKING:
    from ringscope.ingest import IngestHooks


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
                        on_problem=lambda problem: typer.echo(str(problem), err=True),
                    )
                except EngineError as exc:
                    typer.echo(f"error: {exc}", err=True)
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
        err.print(Text(str(item)), soft_wrap=True)

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
    import dataclasses
    import tempfile

    from ringscope.extract import extract as run_extract
    from ringscope.fuse.events import features, group_features
    from ringscope.fuse.figures import assign, claim_refs_of
    from ringscope.ingest import InputError
    from ringscope.ingest.readers import report_from_record

    name = "<stdin>" if input == "-" else input
    failed = 0
    docs = []
    refs = []
    # Results wait in a spill file until every report is read: event ids need the whole input.
    with open_in(input) as source, tempfile.TemporaryFile("w+", encoding="utf-8") as spill:
        try:
            for number, line in enumerate(source, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                    report = report_from_record(record)
                except json.JSONDecodeError as exc:
                    typer.echo(f"{name}:{number}: malformed JSON ({exc.msg} at column {exc.colno})", err=True)
                    failed += 1
                    continue
                except InputError as exc:
                    typer.echo(f"{name}:{number}: {exc.message}", err=True)
                    failed += 1
                    continue
                result = run_extract(report.text, report.published)
                report_id = report.external_id if report.external_id is not None else report.id
                # Keyed by line: two lines may carry the same text.
                docs.append(features(dataclasses.replace(report, id=str(number)), result))
                refs.append(claim_refs_of(str(number), report.text, result.claims))
                spill.write(json.dumps(result.to_contract(report_id), ensure_ascii=False) + "\n")
        except UnicodeDecodeError as exc:
            fail(f"{name}: not UTF-8 text ({exc.reason})")
        events = group_features(docs)
        for doc, claims in zip(docs, refs, strict=True):
            for ref in claims:
                ref.event_id = events[doc.report_id]
        assign([ref for claims in refs for ref in claims])
        spill.seek(0)
        with open_out(output) as sink:
            for doc, claims, line in zip(docs, refs, spill, strict=True):
                record = json.loads(line)
                record["event_cluster"] = events[doc.report_id]
                for item, ref in zip(record["claims"], claims, strict=True):
                    item["figure"], item["part_of"] = ref.figure, ref.part_of
                sink.write(json.dumps(record, ensure_ascii=False) + "\n")
    if failed:
        typer.echo(f"{failed} line(s) failed", err=True)
        raise typer.Exit(1)


def _extract_on_engine(
    input: str, output: str, engine: EngineName, master: str | None, parquet: str | None
) -> None:
    """Extract through an engine, then write the contract records as JSON lines."""
    from ringscope.engines import EngineError, extract_records

    if input == "-":
        fail("--engine and --parquet read a JSON-lines file, not standard input")
    if parquet == "-":
        fail("--parquet writes a folder, not a stream; give a folder (-o - sends JSON lines to stdout)")
    try:
        _, failed = extract_records(
            input, lambda: open_out(output), engine=engine.value, master=master, parquet=parquet,
            on_problem=lambda problem: typer.echo(str(problem), err=True),
        )
    except EngineError as exc:
        fail(str(exc))
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
    with user_errors(), open_store(store) as db:
        count = db.reextract(force=force)
    out.print(Text(f"re-extracted {count} report(s)"))
