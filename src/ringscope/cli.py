"""The ``ringscope`` command line: ingest, extract, search, claims, events, entities, export, demo."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ringscope import settings
from ringscope.model import ENTITY_TYPES

if TYPE_CHECKING:
    from ringscope.ingest import IngestHooks
    from ringscope.store import Store

app = typer.Typer(
    name="ringscope",
    help="A cited, reconciled picture of human-trafficking-based cyber fraud, from reports.",
    add_completion=False,
    pretty_exceptions_enable=False,
)

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

StoreOption = Annotated[
    Path,
    typer.Option("--store", "-s", help="The store file (env RINGSCOPE_STORE).", dir_okay=False),
]
DEFAULT_STORE = settings.STORE_PATH
DEMO_STORE = Path("ringscope-demo.db")


class EngineName(StrEnum):
    local = "local"
    spark = "spark"


EngineOption = Annotated[
    EngineName,
    typer.Option("--engine", "-e", help="Where extraction runs: in this process, or on Apache Spark."),
]
MasterOption = Annotated[
    str | None,
    typer.Option("--master", help="Spark master URL (default RINGSCOPE_SPARK_MASTER, local[*]); Spark only."),
]


class ExportFormat(StrEnum):
    ftm = "ftm"
    csv = "csv"
    parquet = "parquet"


def fail(message: str, code: int = 1) -> NoReturn:
    """Print a one-line error and exit."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the errors a user can cause into one-line messages."""
    from ringscope.store import QueryError, StoreError

    try:
        yield
    except (StoreError, QueryError) as exc:
        fail(str(exc))


def open_store(path: Path, *, create: bool = False) -> Store:
    from ringscope.store import Store

    return Store(path, create=create)


# -- ingest -------------------------------------------------------------------------


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
        Path | None,
        typer.Option("--results", help="With --engine spark: keep the Parquet results in this new folder."),
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
            with _progress() as hooks:
                summary = ingest_paths(
                    db, paths, include=include or (), exclude=exclude or (), max_bytes=max_bytes, hooks=hooks
                )
        except KeyboardInterrupt:
            fail("interrupted; reports stored so far are kept", 130)
    out.print(Text(f"{summary} (store: {store})"), soft_wrap=True)
    if not summary.ok:
        raise typer.Exit(1)


def _ingest_on_engine(
    paths: list[str], store: Path, engine: EngineName, master: str | None, results: Path | None
) -> None:
    """Ingest JSON-lines files through an engine: extraction there, results loaded into the store."""
    from ringscope.engines import EngineError, ingest_file

    if "-" in paths:
        fail(f"--engine {engine} reads JSON-lines files, not standard input")
    if results is not None and len(paths) > 1:
        fail("--results keeps the results of one input file; give one file")
    failed = 0
    with user_errors(), open_store(store, create=True) as db:
        for path in paths:
            try:
                summary = ingest_file(
                    db, path, engine=engine.value, master=master,
                    results=str(results) if results else None,
                    on_problem=lambda problem: typer.echo(str(problem), err=True),
                )
            except EngineError as exc:
                typer.echo(f"error: {exc}", err=True)
                failed += 1
                continue
            failed += summary.failed
            out.print(Text(f"{path}: {summary} (store: {store})"), soft_wrap=True)
    if failed:
        raise typer.Exit(1)


@contextmanager
def _progress() -> Iterator[IngestHooks]:
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
            "--parquet", help="Also keep the full results (spans included) as Parquet in this new folder."
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
    from ringscope.ingest import InputError
    from ringscope.ingest.readers import report_from_record

    name = "<stdin>" if input == "-" else input
    failed = 0
    docs = []
    # Results wait in a spill file until every report is read: event ids need the whole input.
    with _open_in(input) as source, tempfile.TemporaryFile("w+", encoding="utf-8") as spill:
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
                spill.write(json.dumps(result.to_contract(report_id), ensure_ascii=False) + "\n")
        except UnicodeDecodeError as exc:
            fail(f"{name}: not UTF-8 text ({exc.reason})")
        events = group_features(docs)
        spill.seek(0)
        with _open_out(output) as sink:
            for doc, line in zip(docs, spill, strict=True):
                record = json.loads(line)
                record["event_cluster"] = events[doc.report_id]
                sink.write(json.dumps(record, ensure_ascii=False) + "\n")
    if failed:
        typer.echo(f"{failed} line(s) failed", err=True)
        raise typer.Exit(1)


def _extract_on_engine(
    input: str, output: str, engine: EngineName, master: str | None, parquet: str | None
) -> None:
    """Extract through an engine into Parquet, then write the contract records as JSON lines."""
    import tempfile

    from ringscope.engines import EngineError, extract_file, write_contract_jsonl

    if input == "-":
        fail("--engine and --parquet read a JSON-lines file, not standard input")
    with tempfile.TemporaryDirectory(prefix="ringscope-extract-") as scratch:
        target = parquet if parquet is not None else str(Path(scratch) / "results")
        try:
            summary = extract_file(input, target, engine.value, master)
        except EngineError as exc:
            fail(str(exc))
        for problem in summary.problems:
            typer.echo(str(problem), err=True)
        with _open_out(output) as sink:
            write_contract_jsonl(target, sink)
    if summary.problems:
        typer.echo(f"{summary.failed} line(s) failed", err=True)
        raise typer.Exit(1)


@contextmanager
def _open_in(path: str) -> Iterator[IO[str]]:
    if path == "-":
        yield sys.stdin
        return
    try:
        fh = open(path, encoding="utf-8-sig")  # noqa: SIM115
    except OSError as exc:
        fail(f"{path}: {exc.strerror or exc}")
    with fh:
        yield fh


@contextmanager
def _open_out(path: str) -> Iterator[IO[str]]:
    if path == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    try:
        fh = open(path, "w", encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        fail(f"{path}: {exc.strerror or exc}")
    with fh:
        yield fh


# -- reading the store --------------------------------------------------------------


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words to find; "quoted phrase", word*, AND/OR/NOT.')],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many reports.")] = 10,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Full-text search over the stored reports."""
    with user_errors(), open_store(store) as db:
        hits = db.search(query, limit)
    if not hits:
        out.print(Text(f"no reports match {query!r}"))
        return
    table = Table(title=f"{len(hits)} report(s) matching {query!r}", show_lines=True)
    table.add_column("report", overflow="fold", max_width=40)
    table.add_column("published", no_wrap=True)
    table.add_column("snippet", overflow="fold")
    for hit in hits:
        label = Text(hit.title or hit.source or hit.report_id)
        if hit.title and hit.source:
            label.append(f"\n{hit.source}", style="dim")
        table.add_row(label, hit.published or "", _highlight(hit.snippet))
    out.print(table)


def _highlight(snippet: str) -> Text:
    """A snippet with its [matched] terms in bold."""
    from ringscope.store import SNIPPET_CLOSE, SNIPPET_OPEN

    text = Text()
    rest = snippet
    while SNIPPET_OPEN in rest:
        before, _, after = rest.partition(SNIPPET_OPEN)
        match, _, rest = after.partition(SNIPPET_CLOSE)
        text.append(before)
        text.append(match, style="bold yellow")
    text.append(rest)
    return text


@app.command()
def claims(
    measure: Annotated[
        str | None, typer.Option("--measure", "-m", help="Only this measure (see vocab).")
    ] = None,
    country: Annotated[
        str | None, typer.Option("--country", "-c", help="Only claims located here (ISO2).")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Show at most this many.")] = 50,
    conflicts: Annotated[
        bool,
        typer.Option("--conflicts", help="Reconcile claims across reports and show the conflicting figures."),
    ] = False,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Quantitative claims with their quotes and sources; with --conflicts, reconciled figures."""
    from ringscope.cli_views import format_figure, print_figures, source_label
    from ringscope.vocab import measures

    if measure is not None and measure not in measures():
        fail(f"unknown measure {measure!r}; choose one of: {', '.join(measures())}")
    if country is not None:
        country = _iso2(country)
    if conflicts:
        from ringscope.api import picture as fused

        with user_errors(), open_store(store) as db:
            picture = fused(db)
        figures = [
            f for f in picture.conflicts()
            if (measure is None or f.measure == measure) and (country is None or f.location == country)
        ]
        if not figures:
            out.print(Text("no conflicting figures found"))
            return
        print_figures(out, picture, figures[:limit], f"{len(figures)} conflicting figure(s)")
        return
    with user_errors(), open_store(store) as db:
        rows = db.claims(measure=measure, country=country)
    if not rows:
        out.print(Text("no claims found"))
        return
    table = Table(title=f"{len(rows)} claim(s)" + (f", showing {limit}" if len(rows) > limit else ""))
    table.add_column("measure", no_wrap=True)
    table.add_column("figure", justify="right", no_wrap=True)
    table.add_column("where", no_wrap=True)
    table.add_column("quote", overflow="fold")
    table.add_column("source", overflow="fold", max_width=30)
    for row in rows[:limit]:
        c = row.claim
        table.add_row(c.measure, format_figure(c), c.location or "", Text(c.quote), Text(source_label(row)))
    out.print(table)


def _iso2(code: str) -> str:
    import pycountry

    upper = code.strip().upper()
    try:
        found = pycountry.countries.get(alpha_2=upper) if len(upper) == 2 else None
    except KeyError:
        found = None
    if found is None:
        fail(f"unknown country {code!r}; give an ISO 3166-1 alpha-2 code such as MM, KH, TH")
    return upper


@app.command()
def entities(
    type: Annotated[
        str | None, typer.Option("--type", "-t", help=f"Only this type: {', '.join(ENTITY_TYPES)}.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Show at most this many.")] = 50,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Entities across all reports, most reported first."""
    if type is not None:
        matches = [t for t in ENTITY_TYPES if t.lower() == type.lower()]
        if not matches:
            fail(f"unknown entity type {type!r}; choose one of: {', '.join(ENTITY_TYPES)}")
        type = matches[0]
    with user_errors(), open_store(store) as db:
        rows = db.entities(type=type)
    if not rows:
        out.print(Text("no entities found"))
        return
    table = Table(title=f"{len(rows)} entit{'y' if len(rows) == 1 else 'ies'}")
    for column in ("name", "type", "country"):
        table.add_column(column, overflow="fold")
    table.add_column("reports", justify="right")
    table.add_column("mentions", justify="right")
    for row in rows[:limit]:
        table.add_row(Text(row.name), row.type, row.country or "", str(row.reports), str(row.mentions))
    out.print(table)


@app.command()
def events(
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Show at most this many.")] = 20,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Events told by more than one report, with the figures they agree and disagree on."""
    from ringscope.api import picture as fused
    from ringscope.cli_views import print_events

    with user_errors(), open_store(store) as db:
        picture = fused(db)
    print_events(out, picture, limit)


@app.command()
def entity(
    name: Annotated[str, typer.Argument(help="A name or alias, any spelling (case and accents ignored).")],
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """One entity across reports: aliases, roles, mentions, claims and sources."""
    from ringscope.api import picture as fused
    from ringscope.cli_views import print_entity

    with user_errors(), open_store(store) as db:
        picture = fused(db)
    found = picture.entity(name)
    if not found:
        fail(f"no entity named {name!r} in {store}")
    for match in found[:3]:
        print_entity(out, picture, match)
    if len(found) > 3:
        err.print(Text(f"{len(found) - 3} more entities match {name!r}; give a fuller name"))


@app.command()
def stats(store: StoreOption = DEFAULT_STORE) -> None:
    """Counts of what the store holds."""
    with user_errors(), open_store(store) as db:
        s = db.stats()
    table = Table(title=f"store {store} (schema {s.schema_version})", show_header=False)
    for label, value in (
        ("reports", s.reports),
        ("entities (distinct)", s.distinct_entities),
        ("entity rows", s.entities),
        ("mentions", s.mentions),
        ("claims", s.claims),
        ("routes", s.routes),
        ("dates", s.dates),
    ):
        table.add_row(label, str(value))
    for version, count in s.extractor_versions.items():
        table.add_row(f"extractor {version}", str(count))
    out.print(table)


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


@app.command()
def export(
    format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="ftm (JSON lines) or csv/parquet tables.")
    ],
    output: Annotated[
        str,
        typer.Option("--output", "-o", help="A file (- for stdout) for ftm; a folder for csv and parquet."),
    ],
    include_victims: Annotated[
        bool, typer.Option("--include-victims", help="Also export persons marked as victims.")
    ] = False,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Export the store: FollowTheMoney entities, or CSV / Parquet tables."""
    try:
        from ringscope.export import ExportError, tables
        from ringscope.export.ftm import write_ftm
    except ImportError as exc:
        fail(f"export is not available in this installation ({exc})")
    with user_errors(), open_store(store) as db:
        items = db.iter_extractions()
        try:
            if format is ExportFormat.ftm:
                from ringscope.screen.store import iter_ftm as screening_ftm

                with _open_out(output) as fh:
                    count = write_ftm(items, fh, include_victims=include_victims)
                    # The recruiter network of screened job ads, when the store holds any.
                    for entity in screening_ftm(store):
                        fh.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
                        count += 1
                done = f"{count} FtM entities"
            else:
                writer = tables.write_csv if format is ExportFormat.csv else tables.write_parquet
                rows = writer(items, Path(output), include_victims=include_victims)
                done = ", ".join(f"{n} {table}" for table, n in rows.items())
        except ExportError as exc:
            fail(str(exc))
        except OSError as exc:
            fail(f"{output}: {exc.strerror or exc}")
    if output != "-":
        err.print(Text(f"exported {done} to {output}"), soft_wrap=True)


# -- demo ---------------------------------------------------------------------------


@app.command()
def demo(
    store: Annotated[
        Path, typer.Option("--store", "-s", help="The demo store, recreated on every run.", dir_okay=False)
    ] = DEMO_STORE,
    brief: Annotated[
        Path, typer.Option("--brief", "-b", help="Where to write the intelligence brief (.html or .pdf).")
    ] = Path("ringscope-brief.html"),
) -> None:
    """Ingest the bundled sample corpus into a fresh store, show what was found, write the brief."""
    from importlib import resources

    from ringscope.cli_views import print_summary
    from ringscope.ingest import ingest_paths

    sample = resources.files("ringscope").joinpath("data/sample/reports.jsonl")
    if not sample.is_file():
        fail("the bundled sample corpus is missing from this installation")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{store}{suffix}").unlink(missing_ok=True)
    with user_errors(), resources.as_file(sample) as path, open_store(store, create=True) as db:
        with _progress() as hooks:
            summary = ingest_paths(db, [path], hooks=hooks)
        print_summary(out, db, summary, store)
        from ringscope.api import picture as fused
        from ringscope.cli_views import print_figures

        picture = fused(db)
        conflicts = picture.conflicts()
        print_figures(out, picture, conflicts[:5],
                      f"{len(picture.events)} events across outlets; {len(conflicts)} figures in conflict, "
                      f"the first {min(5, len(conflicts))} with their reasons")
    if not summary.ok:
        raise typer.Exit(1)
    from ringscope.report.brief import write_brief
    from ringscope.report.errors import BriefError

    try:
        written = write_brief(store, brief)
    except BriefError as exc:
        fail(str(exc))
    out.print(
        Text.assemble(("intelligence brief: ", "bold"), str(written.resolve()),
                      " (open it in a browser; ringscope brief -o brief.pdf prints a PDF)"),
        soft_wrap=True,
    )


def _register() -> None:
    """Commands that live beside their libraries: screening, the server, users, the brief."""
    from ringscope.screen.command import screen_command
    from ringscope.serve.commands import brief_command, serve_command, user_app

    app.command("screen")(screen_command)
    app.command("serve")(serve_command)
    app.add_typer(user_app, name="user")
    app.command("brief")(brief_command)


_register()


def main(argv: list[str] | None = None) -> None:
    """The console-script entry point: usage errors are one line, never a traceback."""
    args = sys.argv[1:] if argv is None else argv
    try:
        code = app(args=args or ["--help"], prog_name="ringscope", standalone_mode=False)
    except typer.Abort:
        typer.echo("aborted", err=True)
        code = 130
    except BrokenPipeError:  # e.g. `ringscope extract ... | head`
        sys.stderr.close()
        code = 1
    except Exception as exc:  # click's usage errors (typer may vendor click, so match by shape)
        if not (hasattr(exc, "format_message") and hasattr(exc, "exit_code")):
            raise
        context = getattr(exc, "ctx", None)
        hint = f" (see `{context.command_path} --help`)" if context is not None else ""
        typer.echo(f"error: {exc.format_message()}{hint}", err=True)
        code = exc.exit_code
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
