"""The one writer of the read commands: table layout, JSON lines and CSV."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from rich.console import Console
from rich.text import Text

from ringscope.cli.output import Column, OutputFormat, Section, chosen, emit, layout

COLUMNS = [
    Column("measure", shape="code"),
    Column("figure"),
    Column("where", shape="code"),
    Column("quote", shape="quote"),
    Column("source", max_width=30),
]


def cells(*rows: tuple[str, ...]) -> list[list[Text]]:
    return [[Text(value) for value in row] for row in rows]


LONG = (
    "invented_measure_name", "USD 3,000,000,000 a year", "MM",
    "an invented quote that runs on for well over eighty characters without a single break in sight",
    "An invented outlet with a very long headline about a raid (2026-01-01)",
)


def test_layout_fits_the_width_and_keeps_the_quote_readable() -> None:
    widths = layout(COLUMNS, cells(LONG), 80)
    assert widths is not None
    assert sum(widths) + 2 * (len(widths) - 1) <= 80
    assert widths[3] >= 20 and widths[1] >= len("3,000,000,000")


def test_claims_at_80_columns_stay_a_table_with_whole_figures() -> None:
    widest = (
        "criminal_proceeds", "12,000–15,000 people", "MM",
        "an invented quote of a hundred characters or so, which has to wrap over several lines of the table",
        "An invented headline of an invented outlet about an invented raid (2026-01-01)",
    )
    figure = ("arrests", "USD 300,000,000", "TH", "q", "s")
    widths = layout(COLUMNS, cells(widest, figure), 80)
    assert widths is not None and sum(widths) + 2 * 4 <= 80
    assert widths[0] == len("criminal_proceeds") and widths[1] >= len("300,000,000")
    assert widths[3] >= 20


def test_layout_uses_natural_widths_when_they_fit() -> None:
    short = ("arrests", "5 people", "TH", "arrested five", "Wire")
    assert layout(COLUMNS, cells(short), 200) == [len("measure"), 8, len("where"), 13, len("source")]


def test_layout_gives_up_when_the_minimums_do_not_fit() -> None:
    assert layout(COLUMNS, cells(LONG), 40) is None


def test_long_words_are_cut_with_an_ellipsis_never_split() -> None:
    console = Console(width=60, file=io.StringIO(), color_system=None)
    rows = [{"code": "magnitude_outlier_with_a_long_tail", "quote": "word " * 30}]
    emit([Section("t", [Column("code", shape="code"), Column("quote", shape="quote")], rows)],
         OutputFormat.table, console)
    shown = console.file.getvalue()  # type: ignore[attr-defined]
    assert "magnitude_outlier" in shown and "…" in shown
    assert all(len(line) <= 60 for line in shown.splitlines())


def test_json_and_csv_carry_the_rows_not_the_display(capsys: pytest.CaptureFixture[str]) -> None:
    rows: list[dict[str, Any]] = [
        {"id": "a", "spans": [[1, 2]], "value": 1.5, "note": None},
        {"id": "b", "extra": "x"},
    ]
    section = Section("t", [Column("id", show=lambda row: "shown " + row["id"])], rows)
    console = Console(file=io.StringIO())
    emit([section], OutputFormat.json, console)
    assert [json.loads(line) for line in capsys.readouterr().out.splitlines()] == rows
    emit([section], OutputFormat.csv, console)
    read = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert read == [
        {"id": "a", "spans": "[[1, 2]]", "value": "1.5", "note": "", "extra": ""},
        {"id": "b", "spans": "", "value": "", "note": "", "extra": "x"},
    ]


def test_empty_results_say_so_on_stderr_when_not_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    nothing = Section("t", [Column("id")], [], empty="nothing found")
    emit([nothing], OutputFormat.json, Console(file=io.StringIO()))
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == "nothing found\n"


def test_format_follows_the_terminal_unless_asked(capsys: pytest.CaptureFixture[str]) -> None:
    assert chosen(OutputFormat.csv) is OutputFormat.csv
    assert chosen(None) is OutputFormat.json  # pytest captures stdout: not a terminal


def test_brackets_in_report_text_and_queries_are_shown_as_they_are() -> None:
    console = Console(width=80, file=io.StringIO(), color_system=None)
    rows = [{"quote": "[/b] an invented [bold]quote[/bold]"}]
    section = Section("matching '[/x]'", [Column("quote", "[/h]", shape="quote")], rows)
    emit([section], OutputFormat.table, console)
    shown = console.file.getvalue()  # type: ignore[attr-defined]
    assert "matching '[/x]'" in shown and "[/h]" in shown and "[/b] an invented [bold]quote[/bold]" in shown
