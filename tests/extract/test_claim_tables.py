"""Tables of figures: cells, the header of a figure's column, claims and routes read from rows."""

from __future__ import annotations

import re

import pytest

from ringscope.extract import extract
from ringscope.extract.claim_tables import cell_at, cells, column_measure, is_row

PIPES = "| Country | Freed | Detained |\n|---|---|---|\n| Chile | 40 | 3 |\n| Peru | 12 | 5 |\n"
ALIGNED = "Nationality      Number rescued\nChile            40\nPeru             12\nBolivia          7\n"


def _at(text: str, figure: str) -> tuple[int, int]:
    m = re.search(rf"(?<![\d,]){figure}(?![\d,])", text)
    assert m is not None
    return m.start(), m.end()


def _words(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[a:b] for a, b in spans]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("| Chile | 40 | 3 |", ["Chile", "40", "3"]),
        ("Chile | 40", ["Chile", "40"]),
        ("Chile            40", ["Chile", "40"]),
        ("Chile\t40\t3", ["Chile", "40", "3"]),
        ("  Number rescued    Chile  ", ["Number rescued", "Chile"]),
        ("Police rescued 40 people on Monday.", []),
        ("| one cell |", []),
    ],
)
def test_cells_of_a_line(line: str, expected: list[str]) -> None:
    assert _words(line, cells(line, 0, len(line))) == expected


def test_a_figure_in_a_pipe_table_knows_its_row_and_column() -> None:
    cell = cell_at(PIPES, *_at(PIPES, "5"))
    assert cell is not None and cell.column == 2 and cell.header is not None
    assert PIPES[slice(*cell.label)] == "Peru"
    assert PIPES[slice(*cell.header)] == "Detained"
    measured = [column_measure(PIPES, cell_at(PIPES, *_at(PIPES, f))) for f in ("40", "12", "3", "5")]
    assert [m[0] if m else None for m in measured] == [
        "victims_rescued",
        "victims_rescued",
        "arrests",
        "arrests",
    ]


def test_an_aligned_table_reads_its_header_line() -> None:
    found = column_measure(ALIGNED, cell_at(ALIGNED, *_at(ALIGNED, "7")))
    assert found is not None and found[0] == "victims_rescued"


def test_one_row_alone_or_prose_is_no_table() -> None:
    one = "| Chile | 40 |\nThe rest of the text speaks of other things."
    assert cell_at(one, *_at(one, "40")) is None
    prose = "Police said  40 people were freed.\nOfficers said  12 were missing."
    assert cell_at(prose, *_at(prose, "40")) is None
    label = "| 40 | 12 |\n| 30 | 7 |"
    assert cell_at(label, *_at(label, "12")) is None  # a row needs a label that is not a figure


def test_rows_of_a_table_or_list() -> None:
    assert is_row("Chile - 40 people", 0, 17)
    assert is_row("| Chile | 40 |", 0, 14)
    assert not is_row("| Country | Freed |", 0, 19)
    assert not is_row("Police freed 40 people.", 0, 23)


def test_claims_of_a_table_take_their_columns_measure() -> None:
    claims = extract(PIPES).claims
    got = sorted((c.measure, c.low) for c in claims)
    assert got == [("arrests", 3.0), ("arrests", 5.0), ("victims_rescued", 12.0), ("victims_rescued", 40.0)]
    assert all(c.rule == "claim.table_column" for c in claims)
    assert all(PIPES[c.start : c.end] == c.quote for c in claims)


def test_a_table_whose_header_names_no_measure_gives_no_claim() -> None:
    text = "| Nationality | Visitors |\n| Chile | 40 |\n| Peru | 12 |\n"
    assert extract(text).claims == []


def test_every_row_of_an_aligned_table_gets_its_route_and_no_row_is_a_location() -> None:
    text = ALIGNED + "All were freed from compounds in Laos last month."
    result = extract(text)
    assert sorted((r.origin, r.destination, r.count) for r in result.routes) == [
        ("BO", "LA", 7),
        ("CL", "LA", 40),
        ("PE", "LA", 12),
    ]
    assert sorted(c.low or 0.0 for c in result.claims) == [7.0, 12.0, 40.0]
    assert all(c.location not in {"CL", "PE", "BO"} for c in result.claims)


def test_a_row_label_is_where_people_came_from_not_where_they_were_freed() -> None:
    text = "Police in Laos freed 52 people. By nationality:\n- Chile - 40 people\n- Peru - 12 people"
    claims = extract(text).claims
    assert sorted(c.low or 0.0 for c in claims) == [12.0, 40.0, 52.0]
    assert all(c.location in {"LA", None} for c in claims), [(c.low, c.location) for c in claims]


def test_money_in_a_column_whose_header_names_its_currency() -> None:
    text = ("| Country | Victims | Losses (USD) |\n|---|---|---|\n| Chile | 1,200 | 4,500,000 |\n"
            "| Peru | 800 | 2,100,000 |")
    claims = [(c.measure, c.value, c.currency, c.unit) for c in extract(text).claims]
    assert ("fraud_losses", 4_500_000, "USD", "currency") in claims
    assert ("fraud_losses", 2_100_000, "USD", "currency") in claims
    assert all(c[3] == "people" for c in claims if c[1] in (1200, 800))


def test_a_header_without_a_currency_leaves_the_column_a_count() -> None:
    text = "| Country | Losses |\n|---|---|\n| Chile | 4,500,000 |"
    assert all(c.currency is None for c in extract(text).claims)
