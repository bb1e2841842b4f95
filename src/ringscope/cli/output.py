"""One writer for every read command: rows as dicts, shown as a table, JSON lines or CSV.

A command builds :class:`Section` objects (a title, columns, rows of plain data) and hands them
to :func:`emit`. JSON lines and CSV carry the rows' full data; only the table uses the columns'
display functions. Every string a table shows passes through :func:`clean`.

Tables never lose a column: column widths are laid out here (longest cells shrink first, no
column below its minimum, the quote column keeps a readable width); when even the minimums do
not fit, each row is printed as ``header: value`` lines instead.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Annotated, Any, Literal

import typer
from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ringscope import terminal

Row = dict[str, Any]
Shape = Literal["code", "number", "text", "quote"]

_MIN_WIDTH: dict[Shape, int] = {"code": 18, "number": 0, "text": 12, "quote": 20}
_QUOTE_WEIGHT = 2
"""Quote columns give way as if they were half as wide: they keep about twice the room of others."""
_LONGEST_WORD = 16
"""A text column keeps room for words up to this long before cutting them with an ellipsis."""
_GAP = 2
"""Columns are separated by two cells (the compact table style below)."""


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


FormatOption = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        help="table, json (one JSON object a line) or csv; default: table on a terminal, json otherwise.",
    ),
]


def chosen(fmt: OutputFormat | None) -> OutputFormat:
    """The format asked for, else a table on a terminal and JSON lines into a pipe or file."""
    if fmt is not None:
        return fmt
    return OutputFormat.table if sys.stdout.isatty() else OutputFormat.json


def clean(value: str) -> str:
    """The one function every string shown in a table passes through: no control characters."""
    return terminal.clean(value)


def styled(*parts: tuple[str, str | None]) -> Text:
    """A table cell in several styles, each part cleaned."""
    text = Text()
    for part, style in parts:
        text.append(clean(part), style=style or "")
    return text


@dataclass(frozen=True, slots=True)
class Column:
    """A table column: the row key it shows, its header, its shape and an optional display function.

    Shapes: ``code`` (identifiers, one line, cut with an ellipsis), ``number`` (right-aligned,
    never shrunk), ``text`` (wraps at words), ``quote`` (wraps at words, keeps the most room).
    """

    key: str
    header: str = ""
    shape: Shape = "text"
    show: Callable[[Mapping[str, Any]], str | Text] | None = None
    max_width: int | None = None

    def cell(self, row: Mapping[str, Any]) -> Text:
        if self.show is not None:
            shown = self.show(row)
            return shown if isinstance(shown, Text) else Text(clean(shown))
        value = row.get(self.key)
        return Text("" if value is None else clean(str(value)))


@dataclass(slots=True)
class Section:
    """Rows of one kind, with how a table shows them; ``vertical`` tables show one row per column."""

    title: str
    columns: Sequence[Column]
    rows: list[Row] = field(default_factory=list)
    empty: str = ""
    lines: bool = False
    vertical: bool = False


def emit(sections: Iterable[Section], fmt: OutputFormat, console: Console) -> None:
    """Write the sections to standard output in the given format."""
    sections = list(sections)
    if fmt is OutputFormat.json:
        for section in sections:
            for row in section.rows:
                sys.stdout.write(terminal.json_line(row) + "\n")
    elif fmt is OutputFormat.csv:
        _write_csv([row for section in sections for row in section.rows])
    else:
        for section in sections:
            _print_table(console, section)
    if fmt is not OutputFormat.table and not any(section.rows for section in sections):
        for section in sections:  # nothing on stdout: say why on stderr
            if section.empty:
                typer.echo(section.empty, err=True)
    sys.stdout.flush()


def _write_csv(rows: list[Row]) -> None:
    """One header (every key, in order of first appearance); lists and mappings as JSON."""
    keys: dict[str, None] = {}
    for row in rows:
        keys.update(dict.fromkeys(row))
    if not keys:
        return
    writer = csv.DictWriter(sys.stdout, fieldnames=list(keys), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _csv_value(value) for key, value in row.items()})


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple, dict)):
        return terminal.json_line(value)
    return terminal.clean(str(value))


# -- tables ---------------------------------------------------------------------------


def _print_table(console: Console, section: Section) -> None:
    if not section.rows:
        if section.empty:
            console.print(Text(clean(section.empty)), soft_wrap=True)
        return
    if section.vertical:
        _print_vertical(console, section.title, section.columns, section.rows)
        return
    cells = [[column.cell(row) for column in section.columns] for row in section.rows]
    widths = layout(section.columns, cells, console.width)
    if widths is None:  # too narrow for the table: each row as a record
        for number, row in enumerate(section.rows):
            _print_vertical(console, section.title if number == 0 else "", section.columns, [row])
        return
    table = Table(
        title=_title(section.title),
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        collapse_padding=True,
        show_lines=section.lines,
    )
    for column, width in zip(section.columns, widths, strict=True):
        table.add_column(
            Text(clean(column.header or column.key)),
            width=width,
            no_wrap=column.shape in ("code", "number"),
            overflow="ellipsis",
            justify="right" if column.shape == "number" else "left",
        )
    for row_cells in cells:
        table.add_row(*row_cells)
    console.print(table)


def layout(columns: Sequence[Column], cells: list[list[Text]], total: int) -> list[int] | None:
    """Column widths that fit ``total`` cells, or None when even the minimum widths do not."""
    natural: list[int] = []
    floors: list[int] = []
    for index, column in enumerate(columns):
        header = column.header or column.key
        longest = max((_width(row[index]) for row in cells), default=0)
        width = max(longest, max(cell_len(word) for word in header.split()) if header.strip() else 1, 1)
        if column.max_width is not None:
            width = min(width, max(column.max_width, _MIN_WIDTH[column.shape]))
        natural.append(width)
        floor = _MIN_WIDTH[column.shape]
        if column.shape == "text":  # room for the longest word (a figure such as 3,000,000,000)
            longest_word = max((_longest_word(row[index]) for row in cells), default=0)
            floor = max(floor, min(_LONGEST_WORD, longest_word))
        floors.append(width if column.shape == "number" else min(width, floor))
    widths = list(natural)
    weights = [_QUOTE_WEIGHT if column.shape == "quote" else 1 for column in columns]
    excess = sum(widths) + _GAP * (len(widths) - 1) - total
    while excess > 0:  # take one cell at a time from the widest column (quotes count half)
        slack = [i for i, w in enumerate(widths) if w > floors[i]]
        if not slack:
            return None
        widest = max(slack, key=lambda i: (widths[i] / weights[i], -i))
        widths[widest] -= 1
        excess -= 1
    return widths


def _title(title: str) -> Text | None:
    """A table title as text (never read as console markup)."""
    return Text(clean(title)) if title else None


def _longest_word(text: Text) -> int:
    return max((cell_len(word) for word in text.plain.split()), default=0)


def _width(text: Text) -> int:
    return max((cell_len(line) for line in text.plain.split("\n")), default=0)


def _print_vertical(console: Console, title: str, columns: Sequence[Column], rows: list[Row]) -> None:
    """Rows as records: each column's header on the left, its value on the right."""
    table = Table(title=_title(title), box=box.SIMPLE_HEAD, show_header=False,
                  show_edge=False, pad_edge=False, collapse_padding=True)
    table.add_column("field", no_wrap=True, overflow="ellipsis")
    table.add_column("value", overflow="ellipsis")
    for row in rows:
        for column in columns:
            cell = column.cell(row)
            if cell.plain.strip():  # a record shows the fields it has
                table.add_row(Text(clean(column.header or column.key), style="bold"), cell)
    console.print(table)
