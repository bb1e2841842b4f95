"""What every command shares: the Typer app, consoles, options, one-line errors, stores and streams."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console
from typer.core import TyperGroup

from ringscope import settings

if TYPE_CHECKING:
    from ringscope.store import Store


class PipeClosed(Exception):
    """Standard output was closed by its reader (``ringscope claims | head -1``)."""


class _Commands(TyperGroup):
    """The command group: a closed pipe anywhere in a command becomes :class:`PipeClosed`.

    Click would otherwise catch the error itself; :func:`ringscope.cli.main` ends quietly instead.
    """

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError as exc:
            raise PipeClosed from exc


app = typer.Typer(
    name="ringscope",
    help="A cited, reconciled picture of human-trafficking-based cyber fraud, from reports.",
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=_Commands,
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"ringscope {version('ringscope')}")
        except PackageNotFoundError:
            fail("the ringscope package is not installed, so it has no version")
        raise typer.Exit()


@app.callback()
def _options(
    show_version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """A cited, reconciled picture of human-trafficking-based cyber fraud, from reports."""

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
    from ringscope.terminal import clean

    typer.echo(clean(f"error: {message}"), err=True)
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

    if str(path) == "-":
        fail("--store names a SQLite file; it cannot be standard input or output")
    return Store(path, create=create)


# -- ingest -------------------------------------------------------------------------

@contextmanager
def open_out(path: str) -> Iterator[IO[str]]:
    """A text file to write, or standard output for ``-``."""
    if path == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    from ringscope.private import private_file

    try:
        private_file(Path(path))  # only its owner may read an export
        fh = open(path, "w", encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        fail(f"{path}: {exc.strerror or exc}")
    with fh:
        yield fh


# -- reading the store --------------------------------------------------------------


def iso2(code: str) -> str:
    import pycountry

    upper = code.strip().upper()
    try:
        found = pycountry.countries.get(alpha_2=upper) if len(upper) == 2 else None
    except KeyError:
        found = None
    if found is None:
        fail(f"unknown country {code!r}; give an ISO 3166-1 alpha-2 code such as MM, KH, TH")
    return upper
