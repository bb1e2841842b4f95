"""Commands that write the store out: export, and the demo that ends in the brief."""

from __future__ import annotations

import json
from contextlib import closing
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from ringscope.cli.common import (
    DEFAULT_STORE,
    DEMO_STORE,
    ExportFormat,
    StoreOption,
    app,
    err,
    fail,
    open_out,
    open_store,
    out,
    user_errors,
)
from ringscope.cli.pipeline import progress
from ringscope.terminal import clean


@app.command()
def export(
    format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="ftm (JSON lines) or csv/parquet tables.")
    ],
    output: Annotated[
        str,
        typer.Option(
            "--output", "-o", help="A file, or - for standard output, for ftm; a folder for csv and parquet."
        ),
    ],
    include_victims: Annotated[
        bool,
        typer.Option(
            "--include-victims",
            help="Export the names of withheld persons (victims and other private persons) instead of"
            " their \\[victim N] placeholders. Handle the result as sensitive.",
        ),
    ] = False,
    include_text: Annotated[
        bool, typer.Option("--include-text", help="ftm: give each Article its report text (bodyText).")
    ] = False,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Export the store: FollowTheMoney entities, or CSV / Parquet tables (see docs/exports.md)."""
    if output == "-" and format is not ExportFormat.ftm:
        fail(f"--format {format} writes a folder of tables, not a stream; give a folder with -o "
             "(only ftm can go to standard output)")
    try:
        from ringscope.export import ExportError, tables
        from ringscope.export.ftm import write_ftm
    except ImportError as exc:
        fail(f"export is not available in this installation ({exc})")
    from ringscope.report.snapshot import export_items, load

    with user_errors(), open_store(store), closing(export_items(Path(store), include_victims)) as items:
        picture = load(Path(store)).view(names=include_victims)  # redacted unless names were asked for
        try:
            if format is ExportFormat.ftm:
                from ringscope.screen.store import iter_ftm as screening_ftm

                with open_out(output) as fh:
                    count = write_ftm(items, fh, include_text=include_text, picture=picture)
                    # The recruiter network of screened job ads, when the store holds any.
                    for entity in screening_ftm(store):
                        fh.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
                        count += 1
                done = f"{count} FtM entities"
            else:
                writer = tables.write_csv if format is ExportFormat.csv else tables.write_parquet
                from ringscope.judging import for_export

                rows = writer(items, Path(output), picture=picture,
                              judgements=for_export(Path(store), names=include_victims))
                done = ", ".join(f"{n} {table}" for table, n in rows.items())
        except ExportError as exc:
            fail(str(exc))
        except BrokenPipeError:
            raise
        except OSError as exc:
            fail(f"{output}: {exc.strerror or exc}")
    if output != "-":
        err.print(Text(clean(f"exported {done} to {output}")), soft_wrap=True)


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
        with progress() as hooks:
            summary = ingest_paths(db, [path], hooks=hooks)
        from ringscope.cli.output import OutputFormat, emit
        from ringscope.cli.rows import figure_row
        from ringscope.cli.sections import figures_section
        from ringscope.report.snapshot import load

        snap = load(store)  # the demo shows what a viewer sees: withheld persons as [victim N]
        print_summary(out, db, summary, store, snap.policy)
        picture = snap.redacted
        conflicts = picture.conflicts()
        title = (f"{len(picture.events)} events across outlets; {len(conflicts)} figures in conflict, "
                 f"the first {min(5, len(conflicts))} with their reasons")
        rows = [figure_row(picture, f) for f in conflicts[:5]]
        emit([figures_section(rows, title)], OutputFormat.table, out)
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
